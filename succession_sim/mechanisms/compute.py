"""AIs are paid for with power: building one spends compute.

A new AI of capability c costs its builder ``compute_cost * c`` in power (the compute
spent training it, gone from the world) plus the power it is endowed with. A builder,
a faction or an AI that designs a successor, spends at most ``build_budget`` (a
parameter, 0.5 by default) of its power a year on new AIs. So how many AIs exist depends on the power there is to pay
for them; ``max_ais`` is only a safety cap. ``compute_cost`` = 0 makes compute free
(only the endowments are paid).
"""

from __future__ import annotations

import numpy as np

__all__ = ["training_cost", "affordable_count", "can_afford"]


def training_cost(capability: np.ndarray, compute_cost: float) -> np.ndarray:
    """Power spent on compute to build an AI of capability c: compute_cost * c."""
    return compute_cost * capability


def affordable_count(power: np.ndarray, unit_cost: np.ndarray, wanted: np.ndarray, build_budget: float) -> np.ndarray:
    """How many of the ``wanted`` AIs each builder can pay for from its yearly budget,
    ``build_budget`` x its power."""
    budget = build_budget * power
    most = np.floor(budget / np.maximum(unit_cost, 1e-300))
    return np.minimum(wanted, most).astype(np.int64)


def can_afford(power: np.ndarray, cost: np.ndarray, build_budget: float) -> np.ndarray:
    """True where a builder's yearly budget, ``build_budget`` x its power, covers ``cost``."""
    return build_budget * power >= cost

