"""Fixed positions for the network drawing: computed by formula, never by a layout solver.

Factions sit on a circle. An AI held by a faction sits in a small disc beside its
creator; a free AI sits in an outer ring, in its creator's sector. Each AI's place within
its disc or ring comes from its index alone (a golden-ratio sequence), so a node never
moves while its status stays the same, and drawing 300 nodes costs a few array operations.
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["FACTION_RADIUS", "FREE_RING", "VIEW_LIMIT", "faction_positions", "ai_positions"]

FACTION_RADIUS = 1.0
#: Inner and outer radius of the ring of free AIs.
FREE_RING = (1.5, 1.8)
#: The drawing shows [-VIEW_LIMIT, VIEW_LIMIT] on both axes.
VIEW_LIMIT = 1.9

_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0  # 0.618...
_GOLDEN_ANGLE = np.pi * (3.0 - np.sqrt(5.0))
_PLASTIC = 0.7548776662466927  # 1 / plastic number: a second low-discrepancy sequence


@functools.lru_cache(maxsize=64)
def _faction_angles(n: int) -> np.ndarray:
    angles = np.pi / 2 - 2.0 * np.pi * np.arange(n) / n  # first faction at the top, clockwise
    angles.setflags(write=False)
    return angles


@functools.lru_cache(maxsize=64)
def faction_positions(n: int) -> np.ndarray:
    """(n, 2) positions of the factions on the unit circle (cached, read-only)."""
    angles = _faction_angles(n)
    xy = FACTION_RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    xy.setflags(write=False)
    return xy


def cluster_radius(n: int) -> float:
    """Radius of the disc of AIs around a faction: large, but clear of the neighbours' discs."""
    return 0.32 if n < 4 else min(0.32, 0.85 * np.sin(np.pi / n))


def ai_positions(index: np.ndarray, creator: np.ndarray, free: np.ndarray, n_factions: int) -> np.ndarray:
    """(m, 2) positions of AIs with array indices ``index``.

    ``creator`` is the faction that built each AI (-1 if unknown, as for an AI designed by
    a free AI); ``free`` marks AIs that are no longer held by any faction.
    """
    index = np.asarray(index, dtype=np.int64)
    u = np.modf(index * _GOLDEN)[0]
    v = np.modf(index * _PLASTIC)[0]
    creator = np.asarray(creator)
    known = creator >= 0
    home = np.where(known[:, None], faction_positions(n_factions)[np.maximum(creator, 0)], 0.0)
    # held: a sunflower-like disc around the creator (never on top of the faction's marker)
    r = cluster_radius(n_factions) * (0.3 + 0.7 * np.sqrt(u))
    phi = index * _GOLDEN_ANGLE
    held_xy = home + np.column_stack([r * np.cos(phi), r * np.sin(phi)])
    # free: the outer ring, within the creator's sector (anywhere if the creator is unknown)
    sector = 2.0 * np.pi / n_factions
    creator_angle = _faction_angles(n_factions)[np.maximum(creator, 0)]
    angle = np.where(known, creator_angle + 0.8 * sector * (v - 0.5), 2.0 * np.pi * v)
    radius = FREE_RING[0] + (FREE_RING[1] - FREE_RING[0]) * u
    free_xy = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return np.where(np.asarray(free)[:, None], free_xy, held_xy)
