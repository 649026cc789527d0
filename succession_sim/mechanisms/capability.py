"""Premise 3, we won't stop at human level: capability growth and the Age of Design.

dc = growth * c^phi * compute * pause, then c is capped at the ceiling (human level 1.0
when P3 is off). phi > 1 makes growth faster than exponential (a finite-time blow-up,
which the ceiling stops), phi = 1 gives exponential growth. An AI's compute is 1 plus
its owner's race pressure (race pressure raises investment); a free AI has compute 1
and ignores the humans' pause.

An AI above the design threshold builds a successor with probability ``design_rate``
a year: capability c * (1 + gain), dispositions inherited with Gaussian noise.
"""

from __future__ import annotations

import numpy as np

__all__ = ["grow", "designers", "inherit"]

HUMAN_LEVEL = 1.0


def grow(
    capability: np.ndarray,
    compute: np.ndarray,
    *,
    growth: float,
    phi: float,
    pause: np.ndarray | float,
    ceiling: float,
) -> np.ndarray:
    """Capability after one year of growth, never above the ceiling."""
    grown = capability + growth * capability**phi * compute * pause
    return np.minimum(grown, ceiling)


def designers(
    capability: np.ndarray, living: np.ndarray, threshold: float, rate: float, rng: np.random.Generator
) -> np.ndarray:
    """Indices of the AIs that build a successor this year."""
    draws = rng.random(len(capability))
    return np.flatnonzero(living & (capability > threshold) & (draws < rate))


def inherit(values: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """A successor's dispositions: its designer's, plus noise, kept in [0, 1]."""
    return np.clip(values + rng.normal(0.0, noise, size=values.shape), 0.0, 1.0)
