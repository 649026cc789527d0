"""Cooperation summaries are window means; a run without succession has no succession year.

ODD, section "Observation": the summary's cooperation measures are means over the last
``outcome_window`` years, and a run without succession is counted apart (the share of
runs with succession), never as the horizon in a mean of years.
"""

import math

import numpy as np
import pandas as pd
import pytest

from succession_sim import SuccessionModel, load_scenario
from succession_sim.experiments import analysis
from succession_sim.experiments.compare import compare_policies
from succession_sim.experiments.policy_table import read_measure
from succession_sim.metrics import COOPERATION_MEASURES


@pytest.fixture(scope="module")
def baseline_run():
    model = SuccessionModel(load_scenario("baseline"), seed=3)
    frame = model.run()
    return model.summary(), frame, model.params.outcome_window


def test_cooperation_summaries_are_means_over_the_outcome_window(baseline_run):
    """Fails if a cooperation summary is read from the last year alone, or over another window."""
    summary, frame, window = baseline_run
    last_years = frame.iloc[-window:]
    differs_from_last_year = 0
    for name in COOPERATION_MEASURES:
        expected = last_years[name].mean()  # pandas skips the undefined (NaN) years, as the ODD says
        assert summary[name] == pytest.approx(expected), name
        differs_from_last_year += not math.isclose(summary[name], frame[name].iloc[-1])
    assert differs_from_last_year >= 3  # the window mean is not the last year's value
    assert summary["ai_coop_toward_humans"] == summary["coop_ai_to_human"]
    assert summary["outcome_window"]["coop_ai_to_human"] == pytest.approx(summary["coop_ai_to_human"])


def test_a_sweep_stores_the_window_means_of_the_kept_cooperation_measures_only():
    """Fails if a kept cooperation measure gets no ``_window_mean`` column, if another measure
    gets one, or if the column is not the window mean the summary gives."""
    from succession_sim.metrics import window_mean_columns

    model = SuccessionModel(load_scenario("baseline"), seed=3, steps=40)
    model.run()
    columns = window_mean_columns(model, ["ai_power_share", "coop_ai_to_human", "coop_human_ai"])
    assert list(columns) == ["coop_ai_to_human_window_mean", "coop_human_ai_window_mean"]
    summary = model.summary()
    assert columns["coop_ai_to_human_window_mean"] == pytest.approx(summary["coop_ai_to_human"])
    assert columns["coop_human_ai_window_mean"] == pytest.approx(summary["coop_human_ai"])
    assert window_mean_columns(model, ["ai_power_share"]) == {}


def test_a_run_shorter_than_the_window_averages_every_year_but_the_start():
    """Fails if year 0 (the initial state, no encounters) counts in the window."""
    model = SuccessionModel(load_scenario("baseline"), seed=1, outcome_window=50)
    frame = model.run(10)
    summary = model.summary()
    assert summary["coop_human_human"] == pytest.approx(frame["coop_human_human"].iloc[1:].mean())


def test_a_run_without_succession_has_no_year():
    """Fails if a run without succession is given a year (the horizon) or ``succession`` disagrees."""
    model = SuccessionModel(load_scenario("baseline"), premise_discovery=False, seed=2)
    model.run()
    summary = model.summary()
    assert summary["succession"] is False and summary["succession_year"] is None
    assert read_measure(summary, "succession_year") is None
    assert read_measure(summary, "succession") == 0.0


def test_compare_gives_the_share_with_succession_and_the_year_among_those_runs():
    """Fails if compare_policies averages the horizon in for runs without succession, or
    gives the share of runs with succession without its Wilson interval and n."""
    scenario = load_scenario("baseline").replace(steps=60)
    result = compare_policies(scenario, ("parent", "enslaver"), replicates=6, seed=4)
    for policy in ("parent", "enslaver"):
        runs = [r for r in result["runs"] if r["policy"] == policy]
        years = [r["succession_year"] for r in runs if r["succession_year"] is not None]
        share = result["per_policy"][policy]["succession"]
        assert share["method"] == "wilson" and share["n"] == len(runs)
        assert share["mean"] == pytest.approx(len(years) / len(runs))
        year = result["per_policy"][policy]["succession_year"]
        assert year["n"] == len(years)
        if years:
            assert year["mean"] == pytest.approx(np.mean(years))
    assert any(r["succession_year"] is not None for r in result["runs"])  # and runs with succession
    years_of = {p: [r["succession_year"] for r in result["runs"] if r["policy"] == p] for p in ("parent", "enslaver")}
    assert None in years_of["parent"] + years_of["enslaver"]  # a case with runs without succession


def test_sweep_report_counts_succession_apart():
    """Fails if the report's table of final measures gives no share of runs with succession
    or puts runs without succession into the mean year."""
    results = pd.DataFrame({
        "run_id": [f"r{i}" for i in range(6)], "point": [0] * 6, "replicate": [0, 1, 2, 0, 1, 2],
        "policy": ["parent"] * 3 + ["enslaver"] * 3, "step": [100] * 6, "outcome": ["contained"] * 6,
        "succession_year": pd.array([40, None, 60, None, None, 30], dtype="Int64"),
        "coop_human_ai": [0.5, 0.6, 0.7, 0.2, 0.3, 0.4],
    })
    final = analysis.summarise_final(results, [])
    row = final.set_index(["policy", "measure"])
    assert row.loc[("parent", "succession"), "mean"] == pytest.approx(2 / 3)
    assert row.loc[("parent", "succession"), "method"] == "wilson"
    assert row.loc[("parent", "succession_year"), "mean"] == pytest.approx(50.0)
    assert row.loc[("parent", "succession_year"), "n"] == 2
    assert row.loc[("enslaver", "succession_year"), "n"] == 1
    paired = analysis.paired_differences(results, [], "parent", "enslaver").set_index("measure")
    assert paired.loc["succession", "mean"] == pytest.approx(1 / 3)  # (1 - 0) + (0 - 0) + (1 - 1), over 3
    assert paired.loc["succession_year", "n"] == 1  # only replicate 2 had succession under both
