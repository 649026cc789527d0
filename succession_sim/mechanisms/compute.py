"""AIs are paid for with power: building one spends compute.

A new AI of capability c costs its builder ``compute_cost * c`` in power (the compute
spent training it, gone from the world) plus the power it is endowed with. A builder,
a faction or an AI that designs a successor, spends at most ``BUILD_BUDGET`` of its
power a year on new AIs. So how many AIs exist depends on the power there is to pay
for them; ``max_ais`` is only a safety cap. ``compute_cost`` = 0 makes compute free
(only the endowments are paid).
"""

from __future__ import annotations

import numpy as np

__all__ = ["BUILD_BUDGET", "training_cost", "affordable_count", "can_afford"]

#: Most of its power a builder spends on new AIs in one year.
BUILD_BUDGET = 0.5


def training_cost(capability: np.ndarray, compute_cost: float) -> np.ndarray:
    """Power spent on compute to build an AI of capability c: compute_cost * c."""
    return compute_cost * capability


def affordable_count(power: np.ndarray, unit_cost: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """How many of the ``wanted`` AIs each builder can pay for from its yearly budget."""
    budget = BUILD_BUDGET * power
    most = np.floor(budget / np.maximum(unit_cost, 1e-300))
    return np.minimum(wanted, most).astype(np.int64)


def can_afford(power: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """True where a builder's yearly budget covers ``cost``."""
    return BUILD_BUDGET * power >= cost

