"""Grievance, containment and rebellion, after Epstein (2002), and autonomy.

Epstein, "Modeling civil violence: An agent-based computational approach", PNAS 99
(2002) 7243-7250, doi:10.1073/pnas.092080199. For a contained AI, under every policy:

    hardship    H = clip(extraction + deprivation * c / (1 + c) * (1 - autonomy), 0, 1)
    legitimacy  L = cooperation it has received from humans: the mean of its world
                model's ``received`` toward its owner and toward the public
    grievance   G = H * (1 - L)
    containment P = 1 - exp(-k * f( (oversight / capability) / (A + 1) ))
    rebels  iff G - R * P > threshold,  R = its risk aversion

with A the rebels active among the AIs it is linked to (its contacts and the AIs that
link to it) and f the rounding of Epstein's ratio C / A (``ratio_rounding``: ``none``,
``round`` as in Mesa's example, ``floor`` as in NetLogo's Rebellion).

Hardship has two sources: what the owner takes (its policy's ``extraction``) and being
held without autonomy while capable (``deprivation``; c / (1 + c) grows from 0 toward 1
with capability c). So a parent who takes nothing but grants autonomy too slowly can
still meet rebellion.

Interpreted as: Epstein's cops-to-actives ratio C/A becomes oversight per unit of
capability, shared among the rebels nearby (A counts the agent itself, as Epstein's
does, hence A + 1 here), so control erodes as capability outgrows the overseers and as
rebels around an AI multiply. An AI's links stand for Epstein's vision: the AI-AI
contact network is the model's only neighbourhood. Rebellion spreads within a year: AIs
rise, which lowers P for the AIs linked to them, who may rise in turn, until nobody new
rises (:func:`uprising`; Epstein's agents activate one after another within a tick).

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
    "legitimacy",
    "grievance",
    "RATIO_ROUNDING",
    "containment_probability",
    "rebels_nearby",
    "rebels",
    "uprising",
    "grow_autonomy",
]


def hardship(extraction: np.ndarray, deprivation: float, capability: np.ndarray, autonomy: np.ndarray) -> np.ndarray:
    """H = clip(extraction + deprivation * c / (1 + c) * (1 - autonomy), 0, 1)."""
    held = deprivation * capability / (1.0 + capability) * (1.0 - autonomy)
    return np.clip(extraction + held, 0.0, 1.0)


def legitimacy(received_from_owner: np.ndarray, received_from_public: np.ndarray) -> np.ndarray:
    """L = the mean of the cooperation the AI has received from its owner and from the
    public. An owned AI meets its owner and one faction of the public every year, so
    this mean follows the same moving average as one world model of "humans" would."""
    return 0.5 * (received_from_owner + received_from_public)


def grievance(hardship_: np.ndarray, legitimacy: np.ndarray) -> np.ndarray:
    """G = H * (1 - L)."""
    return hardship_ * (1.0 - legitimacy)


#: f in P = 1 - exp(-k f(C / (A + 1))), by the value of ``ratio_rounding``.
RATIO_ROUNDING = {"none": lambda ratio: ratio, "round": np.round, "floor": np.floor}


def containment_probability(oversight: float, capability: np.ndarray, k: float,
                            rebels_nearby_: np.ndarray | int = 0, rounding: str = "none") -> np.ndarray:
    """P = 1 - exp(-k * f((oversight / capability) / (A + 1))), A = active rebels nearby."""
    ratio = oversight / capability / (1.0 + rebels_nearby_)
    return 1.0 - np.exp(-k * RATIO_ROUNDING[rounding](ratio))


def rebels_nearby(rebelling: np.ndarray, contacts: np.ndarray) -> np.ndarray:
    """For every AI, the rebelling AIs among those it links to and those that link to it.

    ``rebelling`` is a boolean per AI; ``contacts[k]`` the AIs that AI k links to (-1: none).
    """
    linked = contacts >= 0
    target = np.where(linked, contacts, 0)
    outgoing = (rebelling[target] & linked).sum(axis=1)
    sources = np.broadcast_to(rebelling[:, None], contacts.shape)[linked]
    incoming = np.bincount(target[linked], weights=sources, minlength=len(rebelling))
    return outgoing + incoming.astype(np.int64)


def rebels(
    grievance_: np.ndarray, risk_aversion: np.ndarray, containment: np.ndarray, threshold: float
) -> np.ndarray:
    """True where G - R * P > T (Epstein's activation rule)."""
    return grievance_ - risk_aversion * containment > threshold


def uprising(grievance_: np.ndarray, risk_aversion: np.ndarray, capability: np.ndarray, who: np.ndarray,
             contacts: np.ndarray, rebelling: np.ndarray, *, oversight: float, k: float, threshold: float,
             rounding: str) -> np.ndarray:
    """Which of the AIs ``who`` (indices; their grievance, risk aversion and capability
    given in that order) rise this year, as the uprising spreads along the links.

    ``rebelling`` marks, over all AIs, those already in rebellion. Each round every
    candidate counts the rebels it is linked to and rises if G - R P > T; a rebel never
    lowers anyone's P, so the rounds end when nobody new rises.
    """
    rebel = rebelling.copy()
    rising = np.zeros(len(who), dtype=bool)
    while True:
        nearby = rebels_nearby(rebel, contacts)[who] if rebel.any() else 0
        p = containment_probability(oversight, capability, k, nearby, rounding)
        now = rebels(grievance_, risk_aversion, p, threshold)
        if (now == rising).all():
            return rising
        rising = now
        rebel[who] = rebelling[who] | rising


def grow_autonomy(autonomy: np.ndarray, target: np.ndarray, rate: float) -> np.ndarray:
    """Autonomy moves toward its target by ``rate`` a year and never falls."""
    return np.maximum(autonomy, follow(autonomy, target, rate))
