"""Cooperation pays: every encounter's payoff goes into the power of both sides.

In a prisoner's dilemma with payoffs R, S, T, P (Axelrod: 3, 0, 5, 1) an agent's gain
from one encounter is its payoff minus P, the payoff of mutual defection, so mutual
defection leaves power where it was, mutual cooperation adds R - P to both, being
exploited costs P - S and exploiting gains T - P.

What is at stake in an encounter depends on the power of the two sides. Each agent
spreads its power over this year's encounters in proportion to its partners' power,
and an encounter's stake is the smaller of the two amounts put in:

    stake_ab = power_a * power_b / max(W_a, W_b),   W_k = sum of k's partners' power

so no agent puts in more than its power, and a deal with a small partner is small. Then

    power_k <- power_k + payoff_stakes * sum over k's encounters of stake * gain

``payoff_stakes`` = 0 switches the mechanism off (the payoffs then shape only what the
AIs learn). The scenario requires payoff_stakes * (P - S) <= 1, so no year's payoffs
take more than an agent has.
"""

from __future__ import annotations

import numpy as np

from .cooperation import Encounters

__all__ = ["gain", "stakes_at_play", "payoff_changes"]


def gain(own: np.ndarray, other: np.ndarray, R: float, S: float, T: float, P: float) -> np.ndarray:
    """Payoff minus P for an agent that cooperated (``own``) against a partner (``other``)."""
    by_acts = np.array([0.0, T - P, S - P, R - P])  # (defect, defect), (D, C), (C, D), (C, C)
    return by_acts[2 * np.asarray(own, dtype=np.intp) + np.asarray(other, dtype=np.intp)]


def stakes_at_play(encounters: Encounters, power: np.ndarray) -> np.ndarray:
    """The stake of each encounter: power_a * power_b / max(W_a, W_b)."""
    a, b = encounters.first, encounters.second
    partners_power = np.bincount(np.concatenate([a, b]), weights=np.concatenate([power[b], power[a]]),
                                 minlength=len(power))
    larger = np.maximum(partners_power[a], partners_power[b])
    return np.where(larger > 0, power[a] * power[b] / np.where(larger > 0, larger, 1.0), 0.0)


def payoff_changes(encounters: Encounters, power: np.ndarray, stakes: float,
                   R: float, S: float, T: float, P: float) -> np.ndarray:
    """How much each agent's power changes with this year's payoffs."""
    stake = stakes * stakes_at_play(encounters, power)
    a, b = encounters.first, encounters.second
    changes = np.concatenate([
        stake * gain(encounters.first_cooperates, encounters.second_cooperates, R, S, T, P),
        stake * gain(encounters.second_cooperates, encounters.first_cooperates, R, S, T, P),
    ])
    return np.bincount(np.concatenate([a, b]), weights=changes, minlength=len(power))
