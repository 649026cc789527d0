"""Premise 2, we will figure out intelligence: knowledge, discovery and building AIs.

dK_i = rate * (share * power_i)^lambda * (1 + help * ln(1 + C_i)) * pause
       + spillover * sum_j trust_ij * max(0, K_j - K_i) / (n - 1)

where C_i is the total capability of the AIs faction i owns. Discovery happens when the
knowledge frontier crosses the threshold; from then on a faction whose own knowledge is
past the threshold asks for Poisson(min(build_rate * (1 + pressure_i) * pause, room))
AIs a year, so race pressure raises investment; room is what ``max_ais`` still allows,
and if the requests exceed it a random subset that fits is built. With P2 off knowledge is capped just below the
threshold and general AI is never discovered.
"""

from __future__ import annotations

import numpy as np

__all__ = ["knowledge_growth", "cap_knowledge", "ai_builds", "new_capability"]

#: With P2 off, knowledge stops at this share of the discovery threshold.
NARROW_SHARE = 0.99


def knowledge_growth(
    power: np.ndarray,
    knowledge: np.ndarray,
    trust: np.ndarray,
    owned_capability: np.ndarray,
    *,
    rate: float,
    share: float,
    exponent: float,
    ai_help: float,
    spillover: float,
    pause: float,
) -> np.ndarray:
    """Knowledge gained this year by each faction (see the module docstring)."""
    own = rate * (share * power) ** exponent * (1.0 + ai_help * np.log1p(owned_capability)) * pause
    n = len(knowledge)
    if n < 2:
        return own
    rival_lead = np.clip(knowledge[None, :] - knowledge[:, None], 0.0, None)
    np.fill_diagonal(rival_lead, 0.0)
    return own + spillover * (trust * rival_lead).sum(axis=1) / (n - 1)


def cap_knowledge(knowledge: np.ndarray, threshold: float, discovery_possible: bool) -> np.ndarray:
    """P2 off: knowledge stays below the threshold."""
    if discovery_possible:
        return knowledge
    return np.minimum(knowledge, NARROW_SHARE * threshold)


def ai_builds(
    can_build: np.ndarray, pressure: np.ndarray, build_rate: float, pause: float, room: int, rng: np.random.Generator
) -> np.ndarray:
    """Number of AIs each faction asks to build this year.

    The expected number is capped at ``room``, the AIs the cap on living AIs still
    allows: race pressure is unbounded, and no faction can build past the cap anyway.
    """
    return rng.poisson(np.minimum(build_rate * (1.0 + pressure) * pause * can_build, room))


def new_capability(knowledge: float, threshold: float, per_knowledge: float) -> float:
    """A new AI's capability grows with its maker's knowledge past the threshold."""
    return per_knowledge * knowledge / threshold
