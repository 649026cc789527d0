"""Compare policies side by side on common random numbers.

Replicate r of every policy runs with the same seed, spawned from the root seed by
``numpy.random.SeedSequence(root).spawn(R)``, so a paired difference between policies
removes the noise they share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from ..metrics import OUTCOMES
from ..model import SuccessionModel
from ..scenario import POLICIES, Scenario, ScenarioError
from .intervals import difference_range, mean_interval, measure_range, share_interval

__all__ = ["MEASURES", "SHARES", "replicate_seeds", "run_one", "compare_policies", "mean_interval", "interval_of"]

#: Measures that are yes or no per run: a share of runs, with a Wilson interval.
SHARES = ("succession",)

#: The measures summarised per policy (keys of the run summary): cooperation as the mean
#: over the outcome window, ``succession`` as the share of runs with succession (Wilson
#: interval) and ``succession_year`` as the mean year among the runs that had one.
MEASURES = (
    "ai_power_share",
    "succession",
    "succession_year",
    "coop_human_human",
    "coop_human_ai",
    "coop_human_to_ai",
    "coop_ai_to_human",
    "coop_ai_ai",
    "rebellions",
    "human_welfare",
    "parent_share",
)


def replicate_seeds(root: int, replicates: int) -> list[int]:
    """One 63-bit seed per replicate, spawned from the root seed."""
    children = np.random.SeedSequence(root).spawn(replicates)
    return [int(child.generate_state(1, np.uint64)[0] >> np.uint64(1)) for child in children]


def run_one(scenario: Scenario, steps: int | None = None) -> tuple[dict, pd.DataFrame]:
    """Run one model; return its summary and its yearly DataFrame."""
    model = SuccessionModel(scenario)
    frame = model.run(steps)
    return model.summary(), frame


def compare_policies(
    scenario: Scenario,
    policies: Sequence[str] = ("parent", "enslaver"),
    replicates: int = 10,
    seed: int | None = None,
    steps: int | None = None,
    progress: Callable[[], None] | None = None,
) -> dict:
    """Run each policy on the same replicate seeds and summarise.

    Returns ``{"per_policy": {policy: {measure: interval}}, "outcomes": {policy:
    {class: share}}, "outcome_intervals": {policy: {class: Wilson interval of the share}},
    "paired_difference": {measure: interval of first - second}, "series": DataFrame of
    every run's yearly measures, "runs": list of summaries}``. Intervals are those of
    :mod:`.intervals`: inside each measure's range, with their n.
    """
    for policy in policies:
        if policy not in POLICIES:
            raise ScenarioError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    if len(set(policies)) != len(policies) or not policies:
        raise ScenarioError("--policies must name one or more different policies")
    if replicates < 1:
        raise ScenarioError(f"replicates={replicates} must be at least 1")
    seeds = replicate_seeds(scenario.seed if seed is None else seed, replicates)
    runs, frames = [], []
    for replicate, run_seed in enumerate(seeds):
        for policy in policies:
            summary, frame = run_one(scenario.replace(policy=policy, seed=run_seed), steps)
            runs.append({"policy": policy, "replicate": replicate, **summary})
            frames.append(frame.assign(policy=policy, replicate=replicate))
            if progress:
                progress()
    by_policy = {p: [r for r in runs if r["policy"] == p] for p in policies}
    bounds = {m: measure_range(m, horizon=steps or scenario.steps) for m in MEASURES}
    result = {
        "policies": list(policies),
        "replicates": replicates,
        "seeds": seeds,
        "per_policy": {
            p: {m: interval_of(m, [r[m] for r in rs], bounds[m]) for m in MEASURES} for p, rs in by_policy.items()
        },
        "outcomes": {
            p: {o: Counter(r["outcome"] for r in rs)[o] / len(rs) for o in OUTCOMES} for p, rs in by_policy.items()
        },
        "outcome_intervals": {
            p: {o: share_interval([r["outcome"] == o for r in rs]) for o in OUTCOMES} for p, rs in by_policy.items()
        },
        "runs": runs,
        "series": pd.concat(frames, ignore_index=True),
    }
    if len(policies) >= 2:
        first, second = by_policy[policies[0]], by_policy[policies[1]]
        result["paired_difference"] = {
            m: mean_interval([_difference(a[m], b[m]) for a, b in zip(first, second, strict=False)],
                             difference_range(bounds[m]))
            for m in MEASURES
        }
    return result


def interval_of(measure: str, values: list, bounds) -> dict:
    """A share of runs gets its Wilson interval, any other measure the t-interval within ``bounds``."""
    return share_interval(values) if measure in SHARES else mean_interval(values, bounds)


def _difference(a, b):
    return None if a is None or b is None else a - b
