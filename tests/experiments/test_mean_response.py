"""Sensitivity of a stochastic model: chance's share of the variance, and the parent share
as the probability that parents survive (issue 20, item 4)."""

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
