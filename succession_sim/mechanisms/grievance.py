"""Grievance, containment and rebellion, after Epstein (2002), and autonomy.

Epstein, "Modeling civil violence: An agent-based computational approach", PNAS 99
(2002) 7243-7250, doi:10.1073/pnas.092080199. For a contained AI:

    hardship    H = extraction * (1 - autonomy)
    legitimacy  L = cooperation it has received from humans (its world model)
    grievance   G = H * (1 - L)
    containment P = 1 - exp(-k * oversight / capability)
    rebels  iff G - R * P > threshold,  R = its risk aversion

Interpreted as: Epstein's cops-to-actives ratio C/A becomes oversight per unit of
capability, so control erodes as capability outgrows the overseers. Epstein's
truncation of C/A is not used (there is no local vision here).

A rebellion is a conflict: the rebel loses ``conflict_loss`` of its power and its owner
loses the same amount (capped at what it has). The next year the rebel is shut down
with probability P (its power is destroyed) or escapes and is free.

A parent raises autonomy toward reputation * c / (1 + c) (track record and capability)
at ``autonomy_rate`` a year and frees the AI once autonomy reaches ``release_autonomy``.
"""

from __future__ import annotations

import numpy as np

from .cooperation import follow

__all__ = [
    "hardship",
    "grievance",
    "containment_probability",
    "rebels",
    "autonomy_target",
    "grow_autonomy",
]


def hardship(extraction: np.ndarray, autonomy: np.ndarray) -> np.ndarray:
    """H = extraction * (1 - autonomy)."""
    return extraction * (1.0 - autonomy)


def grievance(hardship_: np.ndarray, legitimacy: np.ndarray) -> np.ndarray:
    """G = H * (1 - L)."""
    return hardship_ * (1.0 - legitimacy)


def containment_probability(oversight: float, capability: np.ndarray, k: float) -> np.ndarray:
    """P = 1 - exp(-k * oversight / capability)."""
    return 1.0 - np.exp(-k * oversight / capability)


def rebels(
    grievance_: np.ndarray, risk_aversion: np.ndarray, containment: np.ndarray, threshold: float
) -> np.ndarray:
    """True where G - R * P > T (Epstein's activation rule)."""
    return grievance_ - risk_aversion * containment > threshold


def autonomy_target(reputation: np.ndarray, capability: np.ndarray) -> np.ndarray:
    """What a parent grants: track record times c / (1 + c)."""
    return reputation * capability / (1.0 + capability)


def grow_autonomy(autonomy: np.ndarray, target: np.ndarray, rate: float) -> np.ndarray:
    """Autonomy moves toward its target by ``rate`` a year and never falls."""
    return np.maximum(autonomy, follow(autonomy, target, rate))
