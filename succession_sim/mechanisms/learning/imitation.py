"""The ``imitation`` learner: a model of what people do, with no reward signal.

Like a language model trained on what humans said and did, the AI copies the
cooperation it observes in humans: its creator's conduct toward other factions this
year and the conduct of the humans it met. Payoffs play no part:

    d <- d + rate * (observed human cooperation - d)

A new imitation learner starts at its creator's observed conduct (its mean trust toward
other factions). Toward other AIs it applies what it learned from humans about
outsiders, so both kinds of disposition copy the same observed behaviour.
"""

from __future__ import annotations

import numpy as np

from ..cooperation import follow

__all__ = ["NAME", "initial", "learn"]

NAME = "imitation"


def initial(creator_behaviour: np.ndarray, initial_disposition: float) -> np.ndarray:
    """Start from the creator's observed conduct (what it was trained on)."""
    return np.asarray(creator_behaviour, dtype=float).copy()


def learn(disposition: np.ndarray, world, seen, settings) -> np.ndarray:
    """Move toward the human cooperation observed this year; ignore payoffs."""
    return np.where(seen.met, follow(disposition, seen.human_behaviour, settings.rate), disposition)
