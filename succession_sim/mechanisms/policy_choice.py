"""Policies meet competition (P1): factions copy what works; only one authority can mandate.

Sutton's first premise is that nobody can enforce a world-wide choice. So a faction's
policy toward its AIs is not fixed for ever. Each year each faction, with probability
``policy_imitation``, compares itself with one other faction drawn at random and adopts
that faction's policy with the Fermi probability

    1 / (1 + exp(-s * (g_other - g_self)))

where g is a faction's growth of power over the year, (power now / power a year ago)
- 1, and s is ``selection_intensity``: the pairwise-comparison rule of evolutionary game
theory (Traulsen, Nowak & Pacheco 2006, doi:10.1103/PhysRevE.74.011909), as used for
an AI race by Han, Pereira, Santos & Lenaerts (2020, doi:10.1613/jair.1.12225). With
s = 0 adoption is a coin flip; a large s copies whoever grew faster. All factions
choose at once, from the policies held at the start of the choice.

With P1 off, a single authority can mandate a policy (``mandate``): every year it
enforces (probability ``enforcement``, the same draw that decides its pause) every
faction holds the mandated policy. With P1 on, ``mandate`` has no effect: there is no
authority to enforce it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fermi", "imitate", "growth"]


def fermi(own_growth: np.ndarray, other_growth: np.ndarray, selection_intensity: float) -> np.ndarray:
    """Probability of adopting the other's policy: 1 / (1 + exp(-s * (g_other - g_self)))."""
    z = np.clip(selection_intensity * (other_growth - own_growth), -500, 500)
    return 1.0 / (1.0 + np.exp(-z))


def growth(power_now: np.ndarray, power_before: np.ndarray) -> np.ndarray:
    """Each faction's growth of power over the year: now / before - 1 (0 for a faction that
    had nothing: nothing earns no income or payoff, so it still has nothing)."""
    had = power_before > 0
    return np.where(had, power_now / np.where(had, power_before, 1.0) - 1.0, 0.0)


def imitate(policy: np.ndarray, growth_: np.ndarray, imitation: float, selection_intensity: float,
            rng: np.random.Generator) -> np.ndarray:
    """The factions' policies after one round of pairwise comparison."""
    n = len(policy)
    if n < 2:
        return policy.copy()
    compares = rng.random(n) < imitation
    other = rng.integers(0, n - 1, n)
    other += other >= np.arange(n)  # anyone but itself
    adopts = compares & (rng.random(n) < fermi(growth_, growth_[other], selection_intensity))
    return np.where(adopts, policy[other], policy)
