"""Cached model runs shared by the model-level tests (each run is deterministic).

Each process keeps its runs in memory. Under pytest-xdist the workers of one test session
also share them through a folder (``conftest.py`` names it): a run one worker made is
read by the others instead of made again, and a lock per run makes a worker that asks
for a run being made wait for it rather than make it a second time.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import math
import pickle
from pathlib import Path

import pandas as pd

from succession_sim import SuccessionModel, load_scenario
from succession_sim.experiments.compare import compare_policies

#: The folder the xdist workers share runs through; None in a single process.
_shared_folder: Path | None = None


def share_between_workers(folder: Path) -> None:
    global _shared_folder
    folder.mkdir(exist_ok=True)
    _shared_folder = folder


def _shared(make):
    """``functools.cache``, and with a shared folder one pickle per call that every worker reads."""

    @functools.cache
    @functools.wraps(make)
    def cached(*args):
        if _shared_folder is None:
            return make(*args)
        key = hashlib.sha256(repr((make.__name__, args)).encode()).hexdigest()[:32]
        path = _shared_folder / f"{key}.pickle"
        with open(_shared_folder / f"{key}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if make() raises
            if path.exists():
                return pickle.loads(path.read_bytes())
            value = make(*args)
            partial = path.with_suffix(".partial")  # a killed worker leaves no half-written pickle
            partial.write_bytes(pickle.dumps(value))
            partial.replace(path)
            return value

    return cached


@_shared
def _run(name: str, seed: int, overrides: tuple) -> tuple[pd.DataFrame, dict]:
    model = SuccessionModel(load_scenario(name, seed=seed, **dict(overrides)))
    frame = model.run()
    return frame, model.summary()


def run(name: str, seed: int, **overrides) -> tuple[pd.DataFrame, dict]:
    """(time series, summary) of library scenario ``name`` with ``seed`` and overrides.

    Callers must not mutate the returned objects (they are cached).
    """
    return _run(name, seed, tuple(sorted(overrides.items())))


@_shared
def _policy_runs(name: str, policy: str, replicates: int, root_seed: int, overrides: tuple) -> list[dict]:
    return compare_policies(load_scenario(name, **dict(overrides)), (policy,), replicates, seed=root_seed)["runs"]


def policy_runs(name: str, policies, replicates: int, root_seed: int, **overrides) -> list[dict]:
    """The run summaries ``compare_policies`` gives for ``policies`` on library scenario
    ``name`` (replicate seeds spawned from ``root_seed``), made one policy at a time.

    A run depends on its policy and replicate seed only, so each policy's runs are made
    once and shared by every comparison that includes it. Callers must not mutate them.
    """
    key = tuple(sorted(overrides.items()))
    return [summary for policy in policies for summary in _policy_runs(name, policy, replicates, root_seed, key)]


def later_or_never(year: int | None) -> float:
    """A first-year indicator as a number, with 'never' after every year."""
    return math.inf if year is None else year
