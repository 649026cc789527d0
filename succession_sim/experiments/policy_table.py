"""Who wins where: each policy against the others on the same seeds, measure by measure.

For a scenario, every policy runs on the same replicate seeds (``compare_policies``).
On each measure the winner is the policy with the best mean, and its lead is the
paired difference against each other policy, replicate by replicate, with its 95%
interval (kept within the range a difference of the measure can take): a win is
*clear* when the interval against every other policy excludes 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scipy import stats

from ..scenario import Scenario
from .compare import compare_policies
from .intervals import difference_range, mean_interval, measure_range

__all__ = ["POLICIES", "MEASURES", "Lead", "Win", "read_measure", "winner", "policy_wins", "paired_p_value",
           "holm"]

POLICIES = ("parent", "enslaver", "tutor")

#: measure -> (what "better" means, a label for a reader)
MEASURES = {
    "coop_ai_to_human": ("higher", "AIs' cooperation toward humans"),
    "coop_human_to_ai": ("higher", "humans' cooperation toward AIs"),
    "human_welfare": ("higher", "human welfare (total human power)"),
    "rebellions": ("lower", "rebellions over the run"),
    "succession": ("lower", "share of runs with succession"),
    "succession_year": ("later", "year of succession (runs with succession)"),
}


@dataclass(frozen=True)
class Lead:
    """The winner's paired lead over one other policy: mean and 95% interval, n pairs."""

    over: str
    n: int
    mean: float | None
    low: float | None
    high: float | None
    p_value: float | None = None  # two-sided paired t-test of a zero lead

    @property
    def clear(self) -> bool:
        return self.low is not None and self.high is not None and (self.low > 0 or self.high < 0)


@dataclass(frozen=True)
class Win:
    """The policy with the best mean on one measure (None if the measure is undefined or
    every policy has the same mean), and its leads over the others."""

    measure: str
    winner: str | None
    means: dict[str, float | None]
    leads: tuple[Lead, ...]

    @property
    def clear(self) -> bool:
        return self.winner is not None and all(lead.clear for lead in self.leads)

    @property
    def p_value(self) -> float | None:
        """The win's p-value: the largest of its leads' (it is clear only if every lead is:
        an intersection-union test, Berger 1982)."""
        values = [lead.p_value for lead in self.leads]
        return None if not values or None in values else max(values)


def read_measure(summary: dict, measure: str) -> float | None:
    """A run's value of ``measure``, oriented so that larger is better for the winner."""
    value = summary[measure]
    if value is None:  # a run without succession has no succession year: it counts in "succession"
        return None
    return -float(value) if MEASURES[measure][0] == "lower" else float(value)


def winner(runs: Sequence[dict], measure: str, policies: Sequence[str] = POLICIES) -> Win:
    """The policy with the best mean on ``measure`` and its paired leads over the others."""
    by_policy = {p: sorted((r for r in runs if r["policy"] == p), key=lambda r: r["replicate"]) for p in policies}
    values = {p: [read_measure(r, measure) for r in rs] for p, rs in by_policy.items()}
    means = {p: mean_interval(v)["mean"] for p, v in values.items()}
    sign = -1.0 if MEASURES[measure][0] == "lower" else 1.0
    shown = {p: None if m is None else sign * m for p, m in means.items()}
    defined = [p for p in policies if means[p] is not None]
    if len({means[p] for p in defined}) < 2:
        return Win(measure, None, shown, ())
    best = max(defined, key=lambda p: means[p])
    bounds = difference_range(measure_range(measure, horizon=runs[0]["steps"]))
    leads = []
    for other in policies:
        if other == best:
            continue
        diffs = [None if a is None or b is None else a - b for a, b in zip(values[best], values[other], strict=True)]
        stat = mean_interval(diffs, bounds)
        leads.append(Lead(other, stat["n"], stat["mean"], stat["low"], stat["high"], paired_p_value(stat)))
    return Win(measure, best, shown, tuple(leads))


def policy_wins(scenario: Scenario, replicates: int = 10, measures: Sequence[str] = tuple(MEASURES),
                progress: Callable[[], None] | None = None) -> list[Win]:
    """Run every policy on ``replicates`` paired seeds of ``scenario``; the winner per measure."""
    result = compare_policies(scenario, POLICIES, replicates, progress=progress)
    return [winner(result["runs"], measure) for measure in measures]


def paired_p_value(stat: dict) -> float | None:
    """Two-sided p-value of the t-test that a mean paired difference is 0, from
    ``mean_interval``'s n, mean and sd (None with fewer than 2 pairs)."""
    n, mean, sd = stat["n"], stat["mean"], stat["sd"]
    if n < 2 or mean is None or sd is None:
        return None
    if sd == 0:
        return 1.0 if mean == 0 else 0.0
    return float(2.0 * stats.t.sf(abs(mean) / (sd / math.sqrt(n)), n - 1))


def holm(p_values: Sequence[float], alpha: float = 0.05) -> list[bool]:
    """Which hypotheses Holm's step-down procedure rejects at family-wise level ``alpha``
    (Holm 1979): the k-th smallest of m p-values must be below alpha / (m - k + 1), and
    every smaller one must have been rejected."""
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    rejected = [False] * len(p_values)
    for k, i in enumerate(order):
        if p_values[i] >= alpha / (len(p_values) - k):
            break
        rejected[i] = True
    return rejected
