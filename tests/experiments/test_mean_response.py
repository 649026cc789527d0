"""Sensitivity of a stochastic model: chance's share of the variance, and the parent share
as the probability that parents survive (issue 20, item 4)."""

import numpy as np
import pandas as pd
import pytest

from succession_sim.experiments import global_sensitivity as gs


def test_chance_share_is_the_mean_within_point_variance_over_the_total():
    """By hand: points 0 and 1 have replicates (1, 3) and (5, 7): within-point variances
    2 and 2, mean 2; all four runs (1, 3, 5, 7) have variance 20/3, so chance's share is
    0.3. Fails if the share uses the between-point variance, a population variance, or
    leaves the replicates out."""
    final = pd.DataFrame({"point": [0, 0, 1, 1], "coop": [1.0, 3.0, 5.0, 7.0]})
    result = gs.chance_share(final, "coop")
    assert result["within"] == pytest.approx(2.0)
    assert result["total"] == pytest.approx(20 / 3)
    assert result["share"] == pytest.approx(0.3)
    assert (result["points"], result["runs"]) == (2, 4)


def test_chance_share_is_large_when_the_parameters_explain_nothing_and_zero_when_they_explain_all():
    """Fails if the share does not separate chance from the parameters' effect."""
    # every point the same (0, 1): within-point variance 0.5; all six runs 1.5 / 5 = 0.3;
    # the share 0.5 / 0.3 = 5/3 (both are unbiased estimates from few runs, so it can pass 1)
    noise = pd.DataFrame({"point": [0, 0, 1, 1, 2, 2], "y": [0.0, 1.0, 0.0, 1.0, 0.0, 1.0]})
    assert gs.chance_share(noise, "y")["share"] == pytest.approx(5 / 3)
    effect = pd.DataFrame({"point": [0, 0, 1, 1], "y": [1.0, 1.0, 4.0, 4.0]})
    assert gs.chance_share(effect, "y")["share"] == 0.0


def test_undefined_values_and_single_runs_are_left_out():
    final = pd.DataFrame({"point": [0, 0, 0, 1, 2, 2], "y": [1.0, 3.0, None, 9.0, None, None]})
    result = gs.chance_share(final, "y")
    assert result["points"] == 1 and result["runs"] == 3
    assert gs.chance_share(pd.DataFrame({"point": [0, 0], "y": [2.0, 2.0]}), "y")["share"] is None


def test_survival_makes_the_replicate_mean_a_probability_of_survival():
    """Fails if a point's mean of parents_survive is not the share of its runs in which parents remain."""
    final = pd.DataFrame({"point": [0, 0, 0, 1, 1, 1], "parent_share": [0.0, 0.2, 1.0, 0.0, 0.0, 0.6]})
    y = gs.output_vector(gs.survival(final), "parents_survive", 2)["y"]
    assert y.tolist() == pytest.approx([2 / 3, 1 / 3])


def test_mean_noise_share_is_the_variance_of_replicate_means_over_the_variance_of_the_means():
    """By hand: points 0 and 1 have replicates (1, 3) and (5, 9): their means 2 and 7 carry
    noise variances 2/2 = 1 and 8/2 = 4, mean 2.5; the means' variance is 12.5; the share
    is 0.2. Fails if the replicate count is left out (chance of one run, not of a mean)."""
    final = pd.DataFrame({"point": [0, 0, 1, 1], "y": [1.0, 3.0, 5.0, 9.0]})
    y = gs.output_vector(final, "y", 2)["y"]
    assert gs.mean_noise_share(final, "y", y) == pytest.approx(0.2)


def test_a_parameter_that_does_nothing_has_an_st_near_the_noise_share_of_the_mean_response():
    """The bar "clearly above chance" rests on this: with noise in the replicate means, the
    total index of an inert parameter is about the noise share, and its S1 about 0. Fails if
    mean_noise_share misses the noise that Jansen's ST estimator reads as variation."""
    pytest.importorskip("SALib")
    from SALib.sample import sobol as salib_sobol

    problem = {"num_vars": 2, "names": ["acts", "inert"], "bounds": [[0.0, 1.0], [0.0, 1.0]]}
    x = salib_sobol.sample(problem, 4096, calc_second_order=False, seed=5)
    rng = np.random.default_rng(5)
    k = 4
    runs = pd.DataFrame({"point": np.repeat(np.arange(len(x)), k),
                         "y": np.repeat(3.0 * x[:, 0], k) + rng.normal(0.0, 1.0, len(x) * k)})
    y = gs.output_vector(runs, "y", len(x))["y"]
    bar = gs.mean_noise_share(runs, "y", y)
    assert bar == pytest.approx(0.25 / (0.75 + 0.25), abs=0.03)  # var(3x) = 0.75, noise 1/4
    table = gs.sobol_indices(problem, y, resamples=200).set_index("parameter")
    assert table.loc["inert", "ST_raw"] == pytest.approx(bar, abs=0.04)
    assert abs(table.loc["inert", "S1_raw"]) < 0.05
    assert gs.above(table.reset_index(), "ST", bar=bar) == ["acts"]
