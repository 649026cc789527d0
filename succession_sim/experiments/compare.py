"""Compare policies side by side on common random numbers.

Replicate r of every policy runs with the same seed, spawned from the root seed by
``numpy.random.SeedSequence(root).spawn(R)``, so a paired difference between policies
removes the noise they share.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from ..metrics import OUTCOMES
from ..model import SuccessionModel
from ..scenario import POLICIES, Scenario, ScenarioError

__all__ = ["MEASURES", "replicate_seeds", "run_one", "compare_policies", "mean_interval"]

#: The final measures summarised per policy (keys of the run summary).
MEASURES = (
    "ai_power_share",
    "succession_year",
    "coop_human_human",
    "coop_human_ai",
    "coop_ai_ai",
    "rebellions",
    "human_welfare",
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


def mean_interval(values: Sequence[float | None]) -> dict:
    """n, mean, SD and 95% t-interval of the defined values (None and NaN are left out)."""
    x = np.array([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    n = len(x)
    if n == 0:
        return {"n": 0, "mean": None, "sd": None, "low": None, "high": None}
    mean = float(x.mean())
    if n == 1:
        return {"n": 1, "mean": mean, "sd": None, "low": None, "high": None}
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.975, n - 1)) * sd / math.sqrt(n)
    return {"n": n, "mean": mean, "sd": sd, "low": mean - half, "high": mean + half}


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
    {class: share}}, "paired_difference": {measure: interval of first - second},
    "series": DataFrame of every run's yearly measures, "runs": list of summaries}``.
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
    result = {
        "policies": list(policies),
        "replicates": replicates,
        "seeds": seeds,
        "per_policy": {
            p: {m: mean_interval([r[m] for r in rs]) for m in MEASURES} for p, rs in by_policy.items()
        },
        "outcomes": {
            p: {o: Counter(r["outcome"] for r in rs)[o] / len(rs) for o in OUTCOMES} for p, rs in by_policy.items()
        },
        "runs": runs,
        "series": pd.concat(frames, ignore_index=True),
    }
    if len(policies) >= 2:
        first, second = by_policy[policies[0]], by_policy[policies[1]]
        result["paired_difference"] = {
            m: mean_interval([_difference(a[m], b[m]) for a, b in zip(first, second, strict=False)]) for m in MEASURES
        }
    return result


def _difference(a, b):
    return None if a is None or b is None else a - b
