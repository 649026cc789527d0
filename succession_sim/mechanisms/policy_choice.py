"""Policies meet competition (P1): factions copy what works; only one authority can mandate.

Sutton's first premise is that nobody can enforce a world-wide choice. So a faction's
policy toward its AIs is not fixed for ever. Each year each faction, with probability
``policy_imitation``, compares itself with one other faction drawn at random and adopts
that faction's policy with the Fermi probability

    1 / (1 + exp(-s * (g_other - g_self)))

where g is a faction's yearly log growth of power over the last ``imitation_window``
years, ln(power now / power then) / years, and s is ``selection_intensity``: the pairwise-comparison rule of evolutionary game
theory (Traulsen, Nowak & Pacheco 2006, doi:10.1103/PhysRevE.74.011909), as used for
an AI race by Han, Pereira, Santos & Lenaerts (2020, doi:10.1613/jair.1.12225). With
s = 0 adoption is a coin flip; a large s copies whoever grew faster. All factions
choose at once, from the policies held at the start of the choice. A faction with no
power (now or at the window's start) is out of the race: it neither compares nor
serves as a model.

A policy is a point (five values, :mod:`.treatment`): a faction that adopts copies the
point, then each value moves by a normal draw of standard deviation
``policy_mutation``, kept inside its range (adaptive dynamics; with 0 the race only
moves factions between the points it started with).

With P1 off, a single authority can mandate a policy (``mandate``): every year it
enforces (probability ``enforcement``, the same draw that decides its pause) every
faction holds the mandated preset's point. With P1 on, ``mandate`` has no effect: there is no
authority to enforce it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fermi", "log_growth", "choose_models", "mutate"]


def fermi(own_growth: np.ndarray, other_growth: np.ndarray, selection_intensity: float) -> np.ndarray:
    """Probability of adopting the other's policy: 1 / (1 + exp(-s * (g_other - g_self)))."""
    z = np.clip(selection_intensity * (other_growth - own_growth), -500, 500)
    return 1.0 / (1.0 + np.exp(-z))


def log_growth(power_now: np.ndarray, power_before: np.ndarray, years: int) -> np.ndarray:
    """Each faction's growth of power a year, ln(now / before) / years, over the last ``years``.

    NaN for a faction with no power at either end: it is out of the race (growth from
    nothing is undefined, and a dead faction's "no change" must not beat the living that
    shrink)."""
    in_race = (power_now > 0) & (power_before > 0)
    ratio = np.where(in_race, power_now, 1.0) / np.where(in_race, power_before, 1.0)
    return np.where(in_race, np.log(ratio) / years, np.nan)


def choose_models(growth: np.ndarray, imitation: float, selection_intensity: float,
                  rng: np.random.Generator) -> np.ndarray:
    """The faction whose policy each faction holds after one round of pairwise comparison
    (itself if it keeps its own). Only factions in the race (finite ``growth``) compare,
    and each compares with another faction in the race drawn at random."""
    n = len(growth)
    keep = np.arange(n)
    if n < 2:
        return keep
    in_race = np.isfinite(growth)
    racers = np.flatnonzero(in_race)
    rivals = len(racers) - 1  # for a faction in the race: every other one
    compares = (rng.random(n) < imitation) & in_race & (rivals > 0)
    pick = np.floor(rng.random(n) * max(rivals, 0)).astype(np.int64)
    pick += pick >= np.cumsum(in_race) - 1  # anyone but itself (its rank among the racers)
    other = racers[np.minimum(pick, len(racers) - 1)] if len(racers) else keep
    g = np.where(in_race, growth, 0.0)
    adopts = compares & (rng.random(n) < fermi(g, g[other], selection_intensity))
    return np.where(adopts, other, keep)


def mutate(points: np.ndarray, movers: np.ndarray, sd: float, low: np.ndarray, high: np.ndarray,
           rng: np.random.Generator) -> np.ndarray:
    """Points (one row per faction, one column per value) after each value of every mover
    moves by a normal draw with standard deviation ``sd``, kept inside [low, high]."""
    if sd == 0 or not movers.any():
        return points
    moved = points.copy()
    moved[movers] = np.clip(points[movers] + rng.normal(0.0, sd, (int(movers.sum()), points.shape[1])), low, high)
    return moved
