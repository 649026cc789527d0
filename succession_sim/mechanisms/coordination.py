"""Premise 1, humanity is not unified: the yearly vote on a moratorium.

Each faction feels a race pressure that grows with the number of rivals, the rivals'
lead in knowledge and its distrust of them, scaled by its own risk tolerance. This
follows the direction of Armstrong, Bostrom & Shulman, "Racing to the precipice",
AI & Society 31 (2016) 201-206, doi:10.1007/s00146-015-0590-y: more teams and more
enmity mean more risk-taking. A faction complies with the moratorium with probability
exp(-pressure); the pause holds when the complying share reaches the quorum.

A faction may also have set its vote (the students of a class world do): a set vote
replaces that faction's drawn compliance, 1 for "comply" and 0 for "defect"
(:func:`with_set_votes`); the draw is still made, so the other factions' draws and the
rest of the year's random numbers are the same whatever a faction set.

With P1 switched off, one authority decides for everyone and enforces the pause with a
fixed probability per year.
"""

from __future__ import annotations

import numpy as np

__all__ = ["race_pressure", "compliance_probability", "with_set_votes", "moratorium_holds", "authority_enforces"]


def race_pressure(
    knowledge: np.ndarray,
    trust: np.ndarray,
    risk_tolerance: np.ndarray,
    sensitivity: float,
    threshold: float,
) -> np.ndarray:
    """pressure_i = s * risk_i * (n - 1) * distrust_i * (1 + lead_i).

    distrust_i = 1 - mean trust of i toward its rivals; lead_i = (max_j K_j - K_i) /
    threshold, how far the leading rival is ahead, in units of the discovery threshold.
    A lone faction (n = 1) has no rival and feels no pressure.
    """
    n = len(knowledge)
    if n < 2:
        return np.zeros(n)
    off_diagonal = ~np.eye(n, dtype=bool)
    distrust = 1.0 - (trust * off_diagonal).sum(axis=1) / (n - 1)
    lead = (knowledge.max() - knowledge) / threshold
    return sensitivity * risk_tolerance * (n - 1) * distrust * (1.0 + lead)


def compliance_probability(pressure: np.ndarray) -> np.ndarray:
    """Probability that each faction complies with the moratorium: exp(-pressure)."""
    return np.exp(-pressure)


def with_set_votes(compliance: np.ndarray, set_votes: np.ndarray) -> np.ndarray:
    """Compliance probabilities with each set vote (1 or 0) in place of the drawn one; NaN: not set.

    A probability of 1 always complies and 0 never does, since the vote draws u ~ U[0, 1)."""
    return np.where(np.isnan(set_votes), compliance, set_votes)


def moratorium_holds(compliance: np.ndarray, quorum: float, rng: np.random.Generator) -> bool:
    """Each faction votes; the pause holds if the complying share is at least the quorum."""
    votes = rng.random(len(compliance)) < compliance
    return bool(votes.mean() >= quorum)


def authority_enforces(enforcement: float, rng: np.random.Generator) -> bool:
    """P1 off: a single authority enforces the pause with probability ``enforcement``."""
    return bool(rng.random() < enforcement)
