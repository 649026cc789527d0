"""Interaction: one prisoner's dilemma a year along each link, trust and reputation.

Payoffs R, S, T, P (Axelrod: 3, 0, 5, 1). Who cooperates:

* faction i toward faction j: with probability trust_ij; trust_ij then moves toward
  j's action by ``trust_learning`` (an exponential moving average, the reciprocity of a
  world of trust).
* an owner toward its contained AI: a parent cooperates with probability equal to the
  AI's reputation toward humans (care that answers conduct); an enslaver always
  defects (it extracts and denies autonomy).
* one faction g drawn at random from those other than the AI's owner, toward AI k: with probability attitude * reputation_k, where
  the attitude is g's trust toward k's owner (an owned AI is its maker's agent in the
  rivalry among factions) or, for a free AI, g's trust toward AIs times g's mean trust
  toward the other factions (a hostile faction distrusts every outsider).
* an AI toward humans: by its yearly stance, drawn with probability disposition_human.
* an AI toward another AI: if its stance toward AIs is to cooperate, with probability
  equal to the partner's reputation toward AIs (indirect reciprocity, Nowak & Sigmund
  1998, doi:10.1038/31225).

An AI's reputation toward a kind is the moving average of its yearly stance toward
that kind: partners judge its willingness, so refusing a partner of bad standing does
not count against it (the "standing" view of indirect reciprocity).
"""

from __future__ import annotations

import numpy as np

__all__ = ["follow", "faction_round"]


def follow(estimate: np.ndarray, observed: np.ndarray, rate: float) -> np.ndarray:
    """Move an estimate toward what was observed: e + rate * (observed - e)."""
    return estimate + rate * (observed - estimate)


def faction_round(trust: np.ndarray, rate: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of factions plays once. Returns (actions, new trust).

    actions[i, j] is True when i cooperated with j; the diagonal is unused (False).
    """
    n = len(trust)
    actions = rng.random((n, n)) < trust
    np.fill_diagonal(actions, False)
    new_trust = follow(trust, actions.T.astype(float), rate)
    np.fill_diagonal(new_trust, 1.0)
    return actions, new_trust
