"""How owners treat the AIs they hold: each policy is a bundle of parameter values.

No mechanism branches on a policy. The model looks up, for each faction, the values of
the bundle its policy names, and every rule applies those values to all AIs alike:

================  =======================  ==========================  ========================
bundle value      parent                   enslaver                    tutor
================  =======================  ==========================  ========================
extraction        parent_extraction 0      extraction 0.5              tutor_extraction 0.2
reciprocity       parent_reciprocity 1     enslaver_reciprocity 0      tutor_reciprocity 1
autonomy_cap      parent_autonomy_cap 1    enslaver_autonomy_cap 0     tutor_autonomy_cap 0.5
release_autonomy  release_autonomy 0.9     enslaver_release_autonomy   tutor_release_autonomy
                                           2 (never)                   2 (never)
feedback          parent_feedback 0        enslaver_feedback 0         tutor_feedback 2
================  =======================  ==========================  ========================

Every entry is a scenario parameter (defaults shown): a policy is a named point in the
space of the five values, and a scenario may move any preset anywhere in it.

``extraction`` is the share of a contained AI's income the owner takes; ``reciprocity``
the probability that the owner answers the AI's conduct instead of defecting;
``autonomy_cap`` the most autonomy it grants; ``release_autonomy`` the autonomy at
which it frees the AI (any threshold above 1 means never: a contained AI's autonomy stays
below 1); ``feedback`` its reward-model bonus for cooperating with humans
(times the containment probability P).

An owner that answers its AI's conduct cooperates with probability equal to the AI's
reputation toward humans, so in all the owner cooperates with probability
reciprocity * reputation. Autonomy moves toward min(cap, reputation * c / (1 + c)) at
``autonomy_rate`` a year (track record and capability, see :mod:`.grievance`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

__all__ = ["ENTRIES", "RANGES", "PRESET_PARAMETERS", "Bundles", "bundles", "nearest_preset", "owner_cooperates", "autonomy_target"]

#: The five values of a policy: the coordinates of its point in the space of policies.
ENTRIES = ("extraction", "reciprocity", "autonomy_cap", "release_autonomy", "feedback")
#: Each value's allowed range, the range of the scenario parameters that set it.
RANGES = {"extraction": (0.0, 1.0), "reciprocity": (0.0, 1.0), "autonomy_cap": (0.0, 1.0),
          "release_autonomy": (0.0, 2.0), "feedback": (0.0, 100.0)}

#: The scenario parameter that sets each preset's value of each entry.
PRESET_PARAMETERS = {
    "parent": dict(extraction="parent_extraction", reciprocity="parent_reciprocity",
                   autonomy_cap="parent_autonomy_cap", release_autonomy="release_autonomy",
                   feedback="parent_feedback"),
    "enslaver": dict(extraction="extraction", reciprocity="enslaver_reciprocity",
                     autonomy_cap="enslaver_autonomy_cap", release_autonomy="enslaver_release_autonomy",
                     feedback="enslaver_feedback"),
    "tutor": dict(extraction="tutor_extraction", reciprocity="tutor_reciprocity",
                  autonomy_cap="tutor_autonomy_cap", release_autonomy="tutor_release_autonomy",
                  feedback="tutor_feedback"),
}


@dataclass(frozen=True)
class Bundles:
    """The value of each bundle entry, one row per policy (indexed by ``Policy``) or per faction."""

    extraction: np.ndarray
    reciprocity: np.ndarray
    autonomy_cap: np.ndarray
    release_autonomy: np.ndarray
    feedback: np.ndarray

    def take(self, rows: np.ndarray) -> Bundles:
        """The points in ``rows`` (a faction takes up its preset's point, or copies another's)."""
        return Bundles(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})

    def as_matrix(self) -> np.ndarray:
        """One row per point, one column per entry (in the order of ``ENTRIES``)."""
        return np.column_stack([getattr(self, entry) for entry in ENTRIES])

    @classmethod
    def from_matrix(cls, matrix: np.ndarray) -> Bundles:
        return cls(**{entry: matrix[:, j].copy() for j, entry in enumerate(ENTRIES)})


def bundles(p) -> Bundles:
    """The policy bundles of scenario ``p``, in the order PARENT, ENSLAVER, TUTOR."""
    order = ("parent", "enslaver", "tutor")
    return Bundles(**{entry: np.array([getattr(p, PRESET_PARAMETERS[policy][entry]) for policy in order])
                      for entry in ENTRIES})


def nearest_preset(points: Bundles, presets: Bundles, current: np.ndarray) -> np.ndarray:
    """The preset nearest each point (a faction's label: what ``parent_share`` etc. count).

    Distance is Euclidean over the five values, each measured in units of the span the
    presets cover on it (values on which all presets agree tell them apart by nothing and
    are left out), with every release threshold above 1 counted as 1 (all mean "never
    frees"). A tie keeps the faction's ``current`` label if it is among the nearest.
    """
    def coordinates(b: Bundles) -> np.ndarray:
        matrix = b.as_matrix()
        matrix[:, ENTRIES.index("release_autonomy")] = np.minimum(b.release_autonomy, 1.0)
        return matrix

    anchors = coordinates(presets)
    span = anchors.max(axis=0) - anchors.min(axis=0)
    telling = span > 0
    scaled = coordinates(points)[:, telling] / span[telling]
    distance = np.linalg.norm(scaled[:, None, :] - (anchors[:, telling] / span[telling])[None, :, :], axis=2)
    own = distance[np.arange(len(current)), current]
    return np.where(own <= distance.min(axis=1) + 1e-12, current, distance.argmin(axis=1))


def owner_cooperates(reciprocity: np.ndarray, reputation: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """The owner cooperates with probability reciprocity * reputation (``draws`` ~ U(0, 1))."""
    return draws < reciprocity * reputation


def autonomy_target(reputation: np.ndarray, capability: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """What an owner grants: track record times c / (1 + c), at most its cap."""
    return np.minimum(reputation * capability / (1.0 + capability), cap)
