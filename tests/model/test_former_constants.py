"""The four numbers that were constants until version 3 are parameters: each is read where
the constant was, and its default gives the old numbers (the ODD's section 5 table).

Each test names the change to the code that would make it fail."""

from __future__ import annotations

import numpy as np
import pytest

from succession_sim.model import SuccessionModel
from succession_sim.scenario import Scenario


def test_initial_power_spread_sets_the_range_of_starting_power():
    """Fails if starting power ignores ``initial_power_spread`` (e.g. stays U(0.5, 1.5))."""
    equal = SuccessionModel(Scenario(n_factions=12, initial_power_spread=0.0, seed=3))
    np.testing.assert_array_equal(equal.factions.power, np.ones(12))
    wide = np.concatenate([SuccessionModel(Scenario(n_factions=50, initial_power_spread=0.9, seed=seed)).factions.power
                           for seed in range(4)])
    assert wide.min() >= 0.1 and wide.max() <= 1.9
    assert wide.min() < 0.2 and wide.max() > 1.8  # 200 draws reach both ends of U(0.1, 1.9)


def test_trust_noise_is_the_spread_of_initial_trust_around_human_trust():
    """Fails if the noise of initial trust ignores ``trust_noise`` (e.g. stays 0.1)."""
    calm = SuccessionModel(Scenario(n_factions=10, human_trust=0.5, trust_noise=0.0, seed=1)).factions.trust
    np.testing.assert_array_equal(calm[~np.eye(10, dtype=bool)], 0.5)
    noisy = SuccessionModel(Scenario(n_factions=40, human_trust=0.5, trust_noise=0.3, seed=1)).factions.trust
    off_diagonal = noisy[~np.eye(40, dtype=bool)]
    assert off_diagonal.std() == pytest.approx(0.3, rel=0.15)  # 1,560 pairs, few clipped at 0.5 +- 0.3


def test_endowment_spread_is_the_lognormal_sigma_of_a_new_ais_endowment():
    """Fails if endowments ignore ``endowment_spread`` or lose their mean ``ai_seed_power``."""
    equal = SuccessionModel(Scenario(initial_ais=50, ai_seed_power=0.02, endowment_spread=0.0, seed=2))
    np.testing.assert_allclose(equal.ais.power[equal.ais.living], 0.02)
    spread = SuccessionModel(Scenario(initial_ais=4000, max_ais=4000, ai_seed_power=0.02, endowment_spread=1.0,
                                      seed=2))
    endowments = spread.ais.power[spread.ais.living]
    assert np.log(endowments).std() == pytest.approx(1.0, rel=0.05)
    assert endowments.mean() == pytest.approx(0.02, rel=0.1)


@pytest.mark.parametrize("seed", range(4))
def test_a_smaller_build_budget_builds_fewer_ais(seed):
    """Fails if the yearly budget of builders ignores ``build_budget`` (e.g. stays half the power)."""
    living = {}
    for budget in (0.05, 1.0):
        frame = SuccessionModel(Scenario(build_budget=budget, compute_cost=1.0, steps=60, seed=seed)).run()
        living[budget] = int(frame["n_ais"].iloc[-1])
    assert living[0.05] < living[1.0]
