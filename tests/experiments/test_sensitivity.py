"""Global sensitivity: the experiment file, the index pipeline and its checks (fast, seconds)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from succession_sim import SuccessionModel, load_scenario
from succession_sim.experiments import global_sensitivity as gs
from succession_sim.experiments.design import load_experiment
from tests.cli.test_cli import SLIDE_PIXELS, png_size

pytest.importorskip("SALib")
from SALib.sample import sobol as salib_sobol  # noqa: E402
from SALib.test_functions import Ishigami  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SOBOL_MAIN = ROOT / "experiments" / "sobol_main.toml"
SOBOL_SEED_FACTOR = ROOT / "experiments" / "sobol_seed_factor.toml"
PREMISES = {"race_sensitivity", "research_rate", "phi", "alpha"}  # one strength per premise, P1 to P4
REQUIRED = PREMISES | {"human_trust", "extraction", "oversight", "payoff_stakes", "deprivation", "policy_imitation",
                       "augmentation"}  # issue 12, item 3
#: Constants until version 3, and the outcome thresholds (issue 20, item 4): in the main study
FORMER_CONSTANTS = {"build_budget", "endowment_spread", "initial_power_spread", "trust_noise",
                    "conflict_threshold", "cooperation_threshold"}
CHANCE = "seed"  # the seed, a factor of the design
ISHIGAMI = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}


@pytest.fixture(scope="module")
def main_experiment():
    return load_experiment(SOBOL_MAIN)


def _check_design(e, names):
    assert e.design_kind == "sobol" and set(e.problem["names"]) == names
    assert e.policies == ["mixed"]  # policy_imitation can move the parent share only in a mixed world
    assert load_scenario(e.scenario, **e.base).n_factions > 2
    assert set(e.keep) >= {"coop_ai_to_human", "human_welfare", "parent_share"} and e.every is None
    n = gs.base_samples(e.problem, len(e.points))
    assert n >= 64 and n & (n - 1) == 0  # a power of 2 (Sobol' balance), halved for the convergence check
    for name, (low, high) in zip(e.problem["names"], e.problem["bounds"], strict=False):
        if name != CHANCE:
            values = [p[name] for p in e.points]
            assert low <= min(values) and max(values) <= high, name


def test_sobol_main_is_a_mean_response_study_of_every_assumption_and_former_constant(main_experiment):
    """Fails if the main study drops a premise, a policy parameter or a former constant, or
    runs one replicate per point (then chance is not separated from the parameters)."""
    e = main_experiment
    _check_design(e, REQUIRED | FORMER_CONSTANTS)
    assert e.replicates >= 2 and e.seed_draws is None


def test_the_seed_as_a_factor_stays_an_option():
    e = load_experiment(SOBOL_SEED_FACTOR)
    _check_design(e, REQUIRED | {CHANCE})
    assert e.replicates == 1 and e.seed_draws is not None


def test_sobol_main_samples_rates_on_a_log_scale(main_experiment):
    e = main_experiment
    dists = dict(zip(e.problem["names"], e.problem["dists"], strict=True))
    assert dists["research_rate"] == dists["oversight"] == "logunif"
    assert dists["alpha"] == "unif"
    oversight = np.array([p["oversight"] for p in e.points])
    low, high = e.problem["bounds"][e.problem["names"].index("oversight")]
    # log-uniform: the median is near the geometric mean, far below the arithmetic one
    assert np.median(oversight) == pytest.approx(np.sqrt(low * high), rel=0.25)


@pytest.mark.parametrize("path", [SOBOL_MAIN, SOBOL_SEED_FACTOR])
def test_the_first_half_of_a_design_is_the_design_of_half_the_size(path):
    e = load_experiment(path)
    n = gs.base_samples(e.problem, len(e.points))
    half = salib_sobol.sample(e.problem, n // 2, calc_second_order=False, seed=e.seed)
    parameters = [name for name in e.problem["names"] if name != CHANCE]
    stored = np.array([[p[name] for name in parameters] for p in e.points[: len(half)]])
    np.testing.assert_allclose(stored, half[:, : len(parameters)], rtol=1e-12)
    if e.seed_draws is not None:
        assert e.seed_draws[: len(half)] == [int(u * 2**32) for u in half[:, -1]]  # the seed column, too
    assert gs.is_nested(e.problem, n // 2, e.seed)


def test_research_rate_and_discovery_threshold_enter_only_as_their_ratio():
    """Knowledge enters every equation as knowledge / threshold and starts as a share of
    it, so doubling both gives the same run. A factor of 2 keeps floating point exact."""
    a = SuccessionModel(load_scenario("race_to_the_bottom", seed=3, steps=50, research_rate=2.0,
                                      discovery_threshold=10.0)).run()
    b = SuccessionModel(load_scenario("race_to_the_bottom", seed=3, steps=50, research_rate=1.0,
                                      discovery_threshold=5.0)).run()
    assert a["n_ais"].iloc[-1] > 0
    pd.testing.assert_frame_equal(a, b)  # knowledge_frontier too: it is reported in units of the threshold
    c = SuccessionModel(load_scenario("race_to_the_bottom", seed=3, steps=50, research_rate=2.0,
                                      discovery_threshold=5.0)).run()
    assert not c.equals(a)  # the ratio itself matters


def test_ishigami_indices_are_reproduced():
    """Known answer: the Ishigami function (a = 7, b = 0.1) on [-pi, pi]^3 has
    S1 = 0.314, 0.442, 0.000 and ST = 0.558, 0.442, 0.244 for x1, x2, x3 (analytic values,
    Ishigami & Homma 1990; tabulated in Saltelli et al., "Global Sensitivity Analysis: The
    Primer", Wiley 2008, and used by SALib's own tests). Computed here from the
    analytic variances, then compared with the published roundings."""
    a, b = 7.0, 0.1
    v1 = b * np.pi**4 / 5 + b**2 * np.pi**8 / 50 + 0.5
    v2 = a**2 / 8
    v13 = b**2 * np.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    exact = {"S1": [v1 / v, v2 / v, 0.0], "ST": [(v1 + v13) / v, v2 / v, v13 / v]}
    np.testing.assert_allclose(exact["S1"], [0.314, 0.442, 0.000], atol=5e-4)
    np.testing.assert_allclose(exact["ST"], [0.558, 0.442, 0.244], atol=5e-4)

    y = Ishigami.evaluate(salib_sobol.sample(ISHIGAMI, 1024, calc_second_order=False, seed=3))
    table = gs.sobol_indices(ISHIGAMI, y)
    for index in gs.INDICES:
        np.testing.assert_allclose(table[index], exact[index], atol=0.03)
        assert (table[f"{index}_low"] <= np.array(exact[index]) + 1e-9).all()
        assert (np.array(exact[index]) <= table[f"{index}_high"] + 1e-9).all()
    assert gs.ranking(table, "ST") == ["x1", "x2", "x3"]
    assert gs.ranking(table, "S1", 2) == ["x2", "x1"]


def test_the_sum_of_first_order_indices_has_an_interval():
    """Ishigami: the first-order indices add up to 0.314 + 0.442 = 0.756 (the rest, x1 with
    x3, is an interaction); an additive function's add up to 1."""
    x = salib_sobol.sample(ISHIGAMI, 1024, calc_second_order=False, seed=3)
    total = gs.first_order_sum(ISHIGAMI, Ishigami.evaluate(x))
    assert total["low"] < 0.756 < total["high"] and total["high"] < 1
    assert total["sum"] == pytest.approx(gs.sobol_indices(ISHIGAMI, Ishigami.evaluate(x))["S1_raw"].sum())
    additive = gs.first_order_sum(ISHIGAMI, x[:, 0] + 2 * x[:, 1])
    assert additive["sum"] == pytest.approx(1.0, abs=0.03) and additive["high"] == 1.0


def test_indices_of_the_first_samples_use_only_their_rows():
    y = Ishigami.evaluate(salib_sobol.sample(ISHIGAMI, 256, calc_second_order=False, seed=3))
    spoiled = y.copy()
    spoiled[128 * 5:] = 0.0  # rows beyond the first 128 base samples (5 rows each for d = 3)
    first = gs.sobol_indices(ISHIGAMI, y, n=128)
    pd.testing.assert_frame_equal(first, gs.sobol_indices(ISHIGAMI, spoiled, n=128))
    assert not first.equals(gs.sobol_indices(ISHIGAMI, y))
    with pytest.raises(ValueError, match="base samples"):
        gs.first_samples(y, ISHIGAMI, 257)
    with pytest.raises(ValueError, match="whole number"):
        gs.sobol_indices(ISHIGAMI, y[:-1])


def test_intervals_are_reproducible():
    """SALib 1.6 reads seed = 0 as "no seed"; the pipeline's seed must give the same
    bootstrap every time."""
    y = Ishigami.evaluate(salib_sobol.sample(ISHIGAMI, 64, calc_second_order=False, seed=1))
    pd.testing.assert_frame_equal(gs.sobol_indices(ISHIGAMI, y, resamples=50),
                                  gs.sobol_indices(ISHIGAMI, y, resamples=50))
    assert gs.SEED != 0


def test_the_reports_sobol_intervals_are_reproducible():
    from succession_sim.experiments.analysis import sensitivity

    x = salib_sobol.sample(ISHIGAMI, 32, calc_second_order=False, seed=1)
    results = pd.DataFrame({"run_id": [f"p{i}" for i in range(len(x))], "point": range(len(x)), "step": 10,
                            "policy": "parent", "y": Ishigami.evaluate(x)})
    points = [dict(zip(ISHIGAMI["names"], row, strict=True)) for row in x]
    first, second = (sensitivity(results, ISHIGAMI, "sobol", "y", "parent", points) for _ in range(2))
    pd.testing.assert_frame_equal(first, second)


def test_clip_index_keeps_estimates_and_intervals_in_zero_one():
    estimate, low, high = gs.clip_index([-0.05, 0.5, 1.02, 0.03], [0.1, 0.1, 0.05, 0.5])
    np.testing.assert_allclose(estimate, [0.0, 0.5, 1.0, 0.03])
    np.testing.assert_allclose(low, [0.0, 0.4, 0.97, 0.0])
    np.testing.assert_allclose(high, [0.05, 0.6, 1.0, 0.53])


def test_a_run_without_succession_counts_as_the_horizon():
    years, censored = gs.censor_years([12, None, float("nan"), 150], horizon=150)
    np.testing.assert_array_equal(years, [12.0, 150.0, 150.0, 150.0])
    assert censored == 2
    years, censored = gs.censor_years(pd.array([7, pd.NA], dtype="Int64"), horizon=80)
    np.testing.assert_array_equal(years, [7.0, 80.0])
    with pytest.raises(ValueError, match="beyond the horizon"):
        gs.censor_years([151], horizon=150)


def test_output_vector_averages_replicates_in_design_order():
    final = pd.DataFrame({"point": [2, 0, 1, 0, 2, 1],
                          "succession_year": [10, None, 30, 50, None, 20],
                          "human_welfare": [10.0, 100.0, 1.0, 1000.0, 10.0, 0.1],
                          "coop_ai_to_human": [0.2, np.nan, 0.4, np.nan, 0.6, 0.6]})
    years = gs.output_vector(final, "succession_year", 3, horizon=100)
    np.testing.assert_allclose(years["y"], [75.0, 25.0, 55.0])
    assert years["censored"] == 2 and years["undefined"] == 0
    welfare = gs.output_vector(final, "human_welfare", 3, log10_floor=0.5)
    np.testing.assert_allclose(welfare["y"], [2.5, np.log10(0.5) / 2, 1.0])  # the mean of the logs
    assert welfare["floored"] == 1  # 0.1 counts as 0.5
    coop = gs.output_vector(final, "coop_ai_to_human", 3)
    np.testing.assert_allclose(coop["y"], [0.45, 0.5, 0.4])  # point 0 had no value: the mean of the others
    assert coop["undefined"] == 1
    with pytest.raises(ValueError, match="horizon"):
        gs.output_vector(final, "succession_year", 3)
    logs, floored = gs.log10_floored([100.0, 0.0, np.nan, 1e-9], floor=1e-3)
    np.testing.assert_allclose(logs, [2.0, -3.0, np.nan, -3.0])
    assert floored == 2
    with pytest.raises(ValueError, match="positive"):
        gs.log10_floored([1.0], floor=0.0)


def test_above_compares_whole_intervals_with_a_reference_or_zero():
    table = pd.DataFrame({"parameter": ["a", "b", "c", "seed"],
                          "ST_raw": [0.5, 0.3, 0.18, 0.15], "ST_low": [0.4, 0.21, 0.0, 0.1],
                          "ST_high": [0.6, 0.4, 0.3, 0.2]})
    assert gs.above(table, "ST", "seed") == ["a", "b"]
    assert gs.above(table, "ST") == ["a", "b", "seed"]  # c's interval reaches 0


def test_convergence_sees_a_ranking_that_changes_with_n():
    """The first 256 base samples follow x1, the next 256 follow x3 ten times as strongly:
    the top three differ between N = 256 and N = 512. Ishigami itself keeps its ranking."""
    x = salib_sobol.sample(ISHIGAMI, 512, calc_second_order=False, seed=2)
    y = np.where(np.arange(len(x)) < 256 * 5, x[:, 0] + 0.5 * x[:, 1], 10 * x[:, 2])
    check = gs.convergence(ISHIGAMI, y, 256)
    assert check["ST"]["small"][0] == "x1" and check["ST"]["large"][0] == "x3"
    assert not check["ST"]["same"]
    assert {(c["first"], c["second"]) for c in check["ST"]["changes"]} == {("x3", "x1"), ("x3", "x2")}
    assert not check["ST"]["ties_only"]  # x3 is clearly first at N = 512: a real change, not a tie
    assert ("x3", "x1") in check["ST"]["reversed"] and not check["ST"]["holds"]  # counting ties, it fails too
    stable = gs.convergence(ISHIGAMI, Ishigami.evaluate(x), 256)
    assert stable["ST"]["small"] == stable["ST"]["large"] == ["x1", "x2", "x3"]
    assert stable["ST"]["same"] and stable["ST"]["changes"] == [] and stable["ST"]["ties_only"]
    # ST 0.558 and 0.442: N = 512 does not settle x1 over x2, so they share rank 1; x3 (0.244) is below both
    assert stable["ST"]["holds"] and stable["ST"]["ranks_large"] == [(1, "x1"), (1, "x2"), (3, "x3")]
    # with x3 as the reference: x1 is clearly above it at N = 256, not at N = 512 (x3 takes over)
    lost = gs.convergence(ISHIGAMI, y, 256, reference="x3")["ST"]
    assert "x1" in lost["above_small"] and "x1" not in lost["above_large"] and not lost["kept"]
    kept = gs.convergence(ISHIGAMI, Ishigami.evaluate(x), 256, reference="x3")["ST"]
    assert kept["above_small"] == kept["above_large"] == ["x1", "x2"] and kept["kept"]


def test_order_changes_tells_ties_from_real_changes():
    names = ["a", "b", "c", "d"]
    halfwidths = pd.DataFrame(0.05, index=names, columns=names)  # of every difference

    def table(estimates):
        return pd.DataFrame({"parameter": names, "ST_raw": estimates})

    small = table([0.5, 0.3, 0.29, 0.1])
    large = table([0.5, 0.29, 0.31, 0.1])  # b and c swap by less than their difference's half-width
    (change,) = gs.order_changes(small, large, "ST", 100, halfwidths)
    assert (change["first"], change["second"], change["tied"]) == ("c", "b", True)
    assert change["n_separate"] == pytest.approx(100 * (0.05 / 0.02) ** 2)  # half-widths shrink as 1/sqrt(N)
    (change,) = gs.order_changes(small, table([0.5, 0.1, 0.4, 0.05]), "ST", 100, halfwidths)
    assert (change["first"], change["second"], change["tied"]) == ("c", "b", False)


def test_tied_parameters_share_a_rank_and_a_settled_order_must_not_be_reversed():
    names = ["a", "b", "c", "d"]
    halfwidths = pd.DataFrame(0.05, index=names, columns=names)
    small = pd.DataFrame({"parameter": names, "ST_raw": [0.5, 0.3, 0.28, 0.1]})
    settled = gs.resolved_orders(small, halfwidths, "ST")
    assert ("b", "c") not in settled and ("c", "b") not in settled and ("a", "b") in settled
    assert gs.tied_ranks(small, settled, "ST") == [(1, "a"), (2, "b"), (2, "c")]
    swapped = pd.DataFrame({"parameter": names, "ST_raw": [0.5, 0.28, 0.3, 0.1]})  # b and c swap: a tie
    assert gs.reversed_orders(small, swapped, settled, gs.resolved_orders(swapped, halfwidths, "ST"), "ST") == []
    overtaken = pd.DataFrame({"parameter": names, "ST_raw": [0.3, 0.5, 0.28, 0.1]})  # b overtakes a: settled
    assert gs.reversed_orders(small, overtaken, settled, gs.resolved_orders(overtaken, halfwidths, "ST"),
                              "ST") == [("a", "b"), ("b", "a")]


def test_the_interval_of_a_difference_settles_orders_that_overlapping_intervals_cannot():
    """Two parameters of nearly equal effect: their intervals overlap, yet the interval of
    their difference, from the same bootstrap resamples, excludes 0. The SD of a
    difference is at most the sum of the two SDs, so the paired test settles every order
    that non-overlapping intervals settle. Two of exactly equal effect stay tied."""
    x = salib_sobol.sample(ISHIGAMI, 512, calc_second_order=False, seed=5)
    y = x[:, 0] + 0.9 * x[:, 1] + 0.2 * x[:, 2]
    table = gs.sobol_indices(ISHIGAMI, y)
    halfwidths = gs.difference_halfwidths(ISHIGAMI, y, "ST")
    row = table.set_index("parameter")
    assert row.loc["x2", "ST_high"] > row.loc["x1", "ST_low"]  # the two intervals overlap
    assert halfwidths.loc["x1", "x2"] < row.loc["x1", "ST_conf"] + row.loc["x2", "ST_conf"]
    assert ("x1", "x2") in gs.resolved_orders(table, halfwidths, "ST")
    np.testing.assert_allclose(halfwidths.to_numpy(), halfwidths.to_numpy().T)  # symmetric
    equal = x[:, 0] + x[:, 1] + 0.2 * x[:, 2]
    settled = gs.resolved_orders(gs.sobol_indices(ISHIGAMI, equal), gs.difference_halfwidths(ISHIGAMI, equal, "ST"),
                                 "ST")
    assert ("x1", "x2") not in settled and ("x2", "x1") not in settled


def test_plot_sobol_draws_a_slide(tmp_path):
    from succession_sim.experiments.plots import plot_sobol

    y = Ishigami.evaluate(salib_sobol.sample(ISHIGAMI, 64, calc_second_order=False, seed=1))
    target = tmp_path / "sobol.png"
    plot_sobol(gs.sobol_indices(ISHIGAMI, y, resamples=50), target, "Ishigami", "n = 320", noise="x3")
    assert png_size(target) == SLIDE_PIXELS
