"""How owners treat the AIs they hold: each policy is a bundle of parameter values.

No mechanism branches on a policy. The model looks up, for each faction, the values of
the bundle its policy names, and every rule applies those values to all AIs alike:

================  ===================  ======================  ======================
bundle value      parent               enslaver                tutor
================  ===================  ======================  ======================
extraction        parent_extraction    extraction              tutor_extraction
reciprocity       1                    enslaver_reciprocity    1
autonomy_cap      1                    0                       tutor_autonomy_cap
release_autonomy  release_autonomy     never                   never
feedback          0                    0                       tutor_feedback
================  ===================  ======================  ======================

``extraction`` is the share of a contained AI's income the owner takes; ``reciprocity``
the probability that the owner answers the AI's conduct instead of defecting;
``autonomy_cap`` the most autonomy it grants; ``release_autonomy`` the autonomy at
which it frees the AI; ``feedback`` its reward-model bonus for cooperating with humans
(times the containment probability P).

An owner that answers its AI's conduct cooperates with probability equal to the AI's
reputation toward humans, so in all the owner cooperates with probability
reciprocity * reputation. Autonomy moves toward min(cap, reputation * c / (1 + c)) at
``autonomy_rate`` a year (track record and capability, see :mod:`.grievance`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["NEVER", "Bundles", "bundles", "owner_cooperates", "autonomy_target"]

#: A release threshold no autonomy reaches: the owner never frees its AI.
NEVER = np.inf


@dataclass(frozen=True)
class Bundles:
    """The value of each bundle entry for each policy, indexed by ``Policy``."""

    extraction: np.ndarray
    reciprocity: np.ndarray
    autonomy_cap: np.ndarray
    release_autonomy: np.ndarray
    feedback: np.ndarray


def bundles(p) -> Bundles:
    """The policy bundles of scenario ``p``, in the order PARENT, ENSLAVER, TUTOR."""
    return Bundles(
        extraction=np.array([p.parent_extraction, p.extraction, p.tutor_extraction]),
        reciprocity=np.array([1.0, p.enslaver_reciprocity, 1.0]),
        autonomy_cap=np.array([1.0, 0.0, p.tutor_autonomy_cap]),
        release_autonomy=np.array([p.release_autonomy, NEVER, NEVER]),
        feedback=np.array([0.0, 0.0, p.tutor_feedback]),
    )


def owner_cooperates(reciprocity: np.ndarray, reputation: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """The owner cooperates with probability reciprocity * reputation (``draws`` ~ U(0, 1))."""
    return draws < reciprocity * reputation


def autonomy_target(reputation: np.ndarray, capability: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """What an owner grants: track record times c / (1 + c), at most its cap."""
    return np.minimum(reputation * capability / (1.0 + capability), cap)
