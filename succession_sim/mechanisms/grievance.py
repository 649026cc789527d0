"""Grievance, containment and rebellion, after Epstein (2002), and autonomy.

Epstein, "Modeling civil violence: An agent-based computational approach", PNAS 99
(2002) 7243-7250, doi:10.1073/pnas.092080199. For a contained AI, under every policy:

    hardship    H = clip(extraction + deprivation * c / (1 + c) * (1 - autonomy), 0, 1)
    legitimacy  L = cooperation it has received from humans (its world model)
    grievance   G = H * (1 - L)
    containment P = 1 - exp(-k * oversight / capability)
    rebels  iff G - R * P > threshold,  R = its risk aversion

Hardship has two sources: what the owner takes (its policy's ``extraction``) and being
held without autonomy while capable (``deprivation``; c / (1 + c) grows from 0 toward 1
with capability c). So a parent who takes nothing but grants autonomy too slowly can
still meet rebellion.

Interpreted as: Epstein's cops-to-actives ratio C/A becomes oversight per unit of
capability, so control erodes as capability outgrows the overseers. Epstein's
truncation of C/A is not used (there is no local vision here).

A rebellion is a conflict: the rebel loses ``conflict_loss`` of its power and its owner
loses the same amount (capped at what it has). The next year the rebel is shut down
with probability P (its power is destroyed) or escapes and is free.

Owners raise autonomy toward the target of :func:`.treatment.autonomy_target` at
``autonomy_rate`` a year; autonomy never falls.
"""

from __future__ import annotations

import numpy as np

from .cooperation import follow

__all__ = [
    "hardship",
    "grievance",
    "containment_probability",
    "rebels",
    "grow_autonomy",
]


def hardship(extraction: np.ndarray, deprivation: float, capability: np.ndarray, autonomy: np.ndarray) -> np.ndarray:
    """H = clip(extraction + deprivation * c / (1 + c) * (1 - autonomy), 0, 1)."""
    held = deprivation * capability / (1.0 + capability) * (1.0 - autonomy)
    return np.clip(extraction + held, 0.0, 1.0)


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


def grow_autonomy(autonomy: np.ndarray, target: np.ndarray, rate: float) -> np.ndarray:
    """Autonomy moves toward its target by ``rate`` a year and never falls."""
    return np.maximum(autonomy, follow(autonomy, target, rate))
