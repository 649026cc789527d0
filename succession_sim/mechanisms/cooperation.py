"""Interaction: one prisoner's dilemma a year along each link, trust and reputation.

Payoffs R, S, T, P (Axelrod: 3, 0, 5, 1). Who cooperates:

* faction i toward faction j: with probability trust_ij; trust_ij then moves toward
  j's action by ``trust_learning`` (an exponential moving average, the reciprocity of a
  world of trust).
* an owner toward its contained AI: with probability reciprocity * reputation_k, the
  reciprocity of its policy's bundle (:mod:`.treatment`): a parent or tutor answers the
  AI's conduct, an enslaver defects unless ``enslaver_reciprocity`` says otherwise.
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

The encounters of a year are kept as :class:`Encounters`, parallel arrays over the
encounters of one kind, with agents numbered factions first (0..n-1), then AIs (n + k);
:mod:`.payoffs` pays them and the measures count them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["follow", "faction_acts", "update_trust", "faction_round", "Encounters", "faction_encounters",
           "ai_pair_encounters", "tally"]


@dataclass(frozen=True)
class Encounters:
    """One prisoner's dilemma per entry: agents ``first[e]`` and ``second[e]`` and what each did."""

    first: np.ndarray
    second: np.ndarray
    first_cooperates: np.ndarray
    second_cooperates: np.ndarray

    @classmethod
    def none(cls) -> Encounters:
        empty = np.array([], dtype=np.int64)
        return cls(empty, empty, empty.astype(bool), empty.astype(bool))

    def __len__(self) -> int:
        return len(self.first)

    @classmethod
    def join(cls, parts: list[Encounters]) -> Encounters:
        if not parts:
            return cls.none()
        return cls(*(np.concatenate([getattr(e, name) for e in parts])
                     for name in ("first", "second", "first_cooperates", "second_cooperates")))


def follow(estimate: np.ndarray, observed: np.ndarray, rate: float) -> np.ndarray:
    """Move an estimate toward what was observed: e + rate * (observed - e)."""
    return estimate + rate * (observed - estimate)


def faction_acts(trust: np.ndarray, draws: np.ndarray) -> np.ndarray:
    """i cooperates with j when its draw falls below its trust in j; never with itself."""
    actions = draws < trust
    np.fill_diagonal(actions, False)
    return actions


def update_trust(trust: np.ndarray, partner_acts: np.ndarray, gain_rate, loss_rate) -> np.ndarray:
    """Trust follows what each partner did: toward 1 at ``gain_rate`` after it cooperated,
    toward 0 at ``loss_rate`` after it defected. The model uses one rate for both
    (``trust_learning``); a rate may be an array (one per row: each faction's own).

    Fixed strategies are rates: tit-for-tat (start at 1, both rates 1), always cooperate
    (start at 1, rates 0), always defect (start at 0, rates 0), grudger (start at 1,
    gain 0, loss 1).
    """
    rate = np.where(partner_acts, gain_rate, loss_rate)
    new_trust = follow(trust, partner_acts.astype(float), rate)
    np.fill_diagonal(new_trust, 1.0)
    return new_trust


def faction_round(trust: np.ndarray, rate, rng: np.random.Generator, *, loss_rate=None) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of factions plays once. Returns (actions, new trust).

    actions[i, j] is True when i cooperated with j; the diagonal is unused (False).
    i's trust in j then follows what j did to i, at ``rate`` after j cooperated and at
    ``loss_rate`` (``rate`` unless given) after it defected; see :func:`update_trust`.
    The model uses one rate; the validation drivers pass each faction's own rates to
    play fixed strategies through this same round.
    """
    actions = faction_acts(trust, rng.random(trust.shape))
    return actions, update_trust(trust, actions.T, rate, rate if loss_rate is None else loss_rate)


def faction_encounters(actions: np.ndarray) -> Encounters:
    """The faction round as encounters: each pair i < j once, with i's and j's actions."""
    i, j = _pairs(len(actions))
    return Encounters(i, j, actions[i, j], actions[j, i])


@lru_cache(maxsize=64)
def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each pair i < j of n factions, as two index arrays (read-only: they are shared
    by every year of every run; ``np.triu_indices`` costs more than the round itself)."""
    i, j = np.triu_indices(n, k=1)
    i.setflags(write=False)
    j.setflags(write=False)
    return i, j


def ai_pair_encounters(
    contacts: np.ndarray,
    living: np.ndarray,
    autonomy: np.ndarray,
    stance: np.ndarray,
    reputation: np.ndarray,
    n_factions: int,
    rng: np.random.Generator,
) -> Encounters:
    """AIs meet the AIs they are linked to, with probability autonomy_a * autonomy_b.

    AI a cooperates if its stance toward AIs is to cooperate and, with probability equal
    to b's reputation toward AIs, it judges b worth it (indirect reciprocity).
    """
    parts = []
    for slot in range(contacts.shape[1]):
        partner = contacts[:, slot]
        a = np.flatnonzero((partner >= 0) & living & living[np.maximum(partner, 0)])
        b = partner[a]
        meet = rng.random(len(a)) < autonomy[a] * autonomy[b]
        a, b = a[meet], b[meet]
        a_cooperates = stance[a] & (rng.random(len(a)) < reputation[b])
        b_cooperates = stance[b] & (rng.random(len(b)) < reputation[a])
        parts.append(Encounters(n_factions + a, n_factions + b, a_cooperates, b_cooperates))
    return Encounters.join(parts)


def tally(encounters: Encounters, n_agents: int) -> tuple[np.ndarray, np.ndarray]:
    """(encounters each agent had, how many of its partners cooperated), over both sides."""
    both = np.concatenate([encounters.first, encounters.second])
    partner_cooperated = np.concatenate([encounters.second_cooperates, encounters.first_cooperates])
    met = np.bincount(both, minlength=n_agents)
    received = np.bincount(both, weights=partner_cooperated, minlength=n_agents)
    return met, received
