"""Intervals stay within what is possible: Wilson for shares of runs, clipped t for bounded means."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from succession_sim import Scenario
from succession_sim.experiments.compare import MEASURES, compare_policies
from succession_sim.experiments.intervals import (
    difference_range,
    mean_interval,
    measure_range,
    share_interval,
    wilson_interval,
)
from succession_sim.experiments.knockout import run_knockout
from succession_sim.metrics import MEASURE_RANGES

Z = stats.norm.ppf(0.975)


def wilson_by_formula(hits: int, n: int) -> tuple[float, float]:
    """Wilson (1927): (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)."""
    p = hits / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z / (1 + Z**2 / n) * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2))
    return centre - half, centre + half


@pytest.mark.parametrize("hits, n", [(0, 10), (2, 10), (10, 10), (1, 1), (7, 30)])
def test_wilson_matches_the_formula(hits, n):
    stat = wilson_interval(hits, n)
    assert (stat["low"], stat["high"]) == pytest.approx(wilson_by_formula(hits, n), abs=1e-12)
    assert stat["n"] == n and stat["mean"] == hits / n and stat["method"] == "wilson"


def test_the_issues_share_no_longer_goes_below_zero():
    # knockout --replicates 10 printed 0.200 [-0.102, 0.502] for 2 successions in 10 runs
    stat = share_interval([True, True] + [False] * 8)
    assert 0 < stat["low"] < 0.2 < stat["high"] < 1
    assert share_interval([False] * 10)["high"] > 0  # 0 of 10 is not certainty


def test_a_year_stays_within_the_horizon():
    # a t-interval of these years would run to about 200 in a 150-year run
    years = [60, 70, 150, 150, 150, 150, 90]
    assert mean_interval(years)["high"] > 150
    stat = mean_interval(years, measure_range("succession_year", horizon=150))
    assert stat["high"] == 150 and stat["low"] >= 0 and stat["method"] == "t-clipped"


def test_unknown_measures_get_a_plain_t_interval():
    assert measure_range("a_measure_the_lead_adds_later") == (None, None)
    stat = mean_interval([-3.0, 1.0, 5.0], measure_range("a_measure_the_lead_adds_later"))
    assert stat["method"] == "t" and stat["low"] < -3


def test_every_declared_range_is_ordered():
    for measure, (low, high) in MEASURE_RANGES.items():
        if low is not None and high not in (None, "horizon"):
            assert low < high, measure


@given(st.lists(st.floats(0, 1), min_size=2, max_size=40))
def test_intervals_of_a_share_measure_stay_in_0_1_and_keep_the_t_intervals_coverage(values):
    plain = mean_interval(values)
    clipped = mean_interval(values, (0.0, 1.0))
    assert 0.0 <= clipped["low"] <= clipped["mean"] <= clipped["high"] <= 1.0
    # clipping only removes impossible values: inside [0, 1] both intervals agree
    assert clipped["low"] == max(plain["low"], 0.0) and clipped["high"] == min(plain["high"], 1.0)


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=2, max_size=40))
def test_paired_differences_of_shares_stay_in_minus_1_1(pairs):
    stat = mean_interval([a - b for a, b in pairs], difference_range((0.0, 1.0)))
    assert -1.0 <= stat["low"] <= stat["high"] <= 1.0


def test_compare_keeps_its_fields_and_adds_wilson_outcome_intervals():
    result = compare_policies(Scenario(steps=30, max_ais=100), ("parent", "enslaver"), replicates=3)
    for policy in ("parent", "enslaver"):
        for measure in MEASURES:
            stat = result["per_policy"][policy][measure]
            assert {"n", "mean", "sd", "low", "high"} <= set(stat)
            low, high = measure_range(measure, horizon=30)
            if stat["low"] is not None and low is not None:
                assert stat["low"] >= low
            if stat["high"] is not None and high is not None:
                assert stat["high"] <= high
        for outcome, share in result["outcomes"][policy].items():
            stat = result["outcome_intervals"][policy][outcome]
            assert stat["method"] == "wilson" and stat["n"] == 3 and stat["mean"] == share


def test_knockout_share_of_succession_uses_wilson():
    result = run_knockout(Scenario(steps=20, max_ais=50), replicates=2)
    for stats_ in result["conditions"].values():
        assert stats_["succession"]["method"] == "wilson"
        assert stats_["coop_human_ai"]["method"] == "t-clipped"
