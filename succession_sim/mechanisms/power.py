"""Premise 4, intelligence begets power: the yearly contest for output.

Each year the world produces Y = output_rate * (total power). Agent k (faction or AI)
wins the share

    s_k = w_k / sum_j w_j,   w_k = intelligence_k^alpha * power_k

of it, a Tullock contest (Tullock 1980; the share form of p_i = x_i^r / sum_j x_j^r),
after which every agent's power depreciates:

    power_k <- (1 - depreciation) * power_k + s_k * Y

Humans have intelligence 1.0 (human level), plus, if humans augment, ``augmentation``
times the capability of the best AI their faction holds (:func:`faction_intelligence`:
the AIs as tools or a merger). With P4 off alpha = 0 and income follows
power alone, so intelligence buys nothing. How much intelligence bought in a year is
:func:`intelligence_premium`, the share of the output that went to agents beyond what
their power alone would have won. An enslaver takes ``extraction`` of each of
its contained AIs' income.

:func:`tullock_shares` is the general contest with exponent r; the model uses r = 1 on
w_k (income proportional to strength), which keeps shares stable unless intelligence
differs.
"""

from __future__ import annotations

import numpy as np

__all__ = ["tullock_shares", "contest_shares", "faction_intelligence", "extract", "intelligence_premium", "concentration"]


def tullock_shares(effort: np.ndarray, r: float = 1.0) -> np.ndarray:
    """p_i = x_i^r / sum_j x_j^r; equal shares if every effort is zero."""
    weights = np.power(effort, r)
    total = weights.sum()
    if total <= 0:
        return np.full(len(effort), 1.0 / len(effort)) if len(effort) else weights
    return weights / total


def faction_intelligence(owner: np.ndarray, capability: np.ndarray, n_factions: int,
                         augmentation: float) -> np.ndarray:
    """1 (human level) + augmentation * the capability of the best AI each faction holds
    (``owner`` and ``capability`` of the AIs held, contained or rebelling)."""
    intelligence = np.ones(n_factions)
    if augmentation == 0 or not len(owner):
        return intelligence
    best = np.zeros(n_factions)
    np.maximum.at(best, owner, capability)
    return intelligence + augmentation * best


def contest_shares(intelligence: np.ndarray, power: np.ndarray, alpha: float) -> np.ndarray:
    """Each agent's share of this year's output: intelligence^alpha * power, normalised."""
    return tullock_shares(intelligence**alpha * power)


def extract(
    ai_income: np.ndarray, owner: np.ndarray, rate: np.ndarray, n_factions: int
) -> tuple[np.ndarray, np.ndarray]:
    """Split contained AIs' income: (what each AI keeps, what each faction takes).

    ``owner`` is the owning faction's index (-1 for a free AI) and ``rate`` the share
    taken from each AI (0 for free AIs and parents' AIs).
    """
    taken = ai_income * rate
    owned = owner >= 0
    to_factions = np.bincount(owner[owned], weights=taken[owned], minlength=n_factions)
    return ai_income - taken, to_factions


def intelligence_premium(income: np.ndarray, power: np.ndarray) -> float:
    """Share of the year's output that went to agents beyond what their power alone would
    have won: half the sum of |income share - power share| (0 when alpha = 0 or every
    agent is equally intelligent; it rises with alpha and with the spread of intelligence)."""
    total_income, total_power = income.sum(), power.sum()
    if total_income <= 0 or total_power <= 0:
        return 0.0
    return float(0.5 * np.abs(income / total_income - power / total_power).sum())


def concentration(power: np.ndarray) -> float:
    """Herfindahl index sum s_i^2 of power shares: 1/n when equal, 1 when one has all."""
    total = power.sum()
    if total <= 0:
        return 0.0
    shares = power / total
    return float((shares**2).sum())
