"""Cached model runs shared by the model-level tests (each run is deterministic)."""

from __future__ import annotations

import functools
import math

import pandas as pd

from succession_sim import SuccessionModel, load_scenario


@functools.cache
def _run(name: str, seed: int, overrides: tuple) -> tuple[pd.DataFrame, dict]:
    model = SuccessionModel(load_scenario(name, seed=seed, **dict(overrides)))
    frame = model.run()
    return frame, model.summary()


def run(name: str, seed: int, **overrides) -> tuple[pd.DataFrame, dict]:
    """(time series, summary) of library scenario ``name`` with ``seed`` and overrides.

    Callers must not mutate the returned objects (they are cached).
    """
    return _run(name, seed, tuple(sorted(overrides.items())))


def later_or_never(year: int | None) -> float:
    """A first-year indicator as a number, with 'never' after every year."""
    return math.inf if year is None else year
