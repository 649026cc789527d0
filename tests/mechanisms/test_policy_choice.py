"""Policies under competition: the Fermi rule, growth, and one round of imitation."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import policy_choice as pc


def test_fermi_known_values():
    # 1 / (1 + exp(-s (g_other - g_self))): s = 10, other grew 0.1 more -> 1 / (1 + e^-1) = 0.731059
    assert pc.fermi(np.array([0.0]), np.array([0.1]), 10.0)[0] == pytest.approx(0.731059, abs=1e-6)
    assert pc.fermi(np.array([0.1]), np.array([0.0]), 10.0)[0] == pytest.approx(1 - 0.731059, abs=1e-6)
    # equal growth, or no selection at all: a coin flip
    assert pc.fermi(np.array([0.3]), np.array([0.3]), 50.0)[0] == 0.5
    assert pc.fermi(np.array([0.0]), np.array([5.0]), 0.0)[0] == 0.5


@given(st.floats(-1, 10), st.floats(-1, 10), st.floats(0, 1000))
def test_fermi_favours_the_faster_grower(own, other, s):
    p = pc.fermi(np.array([own]), np.array([other]), s)[0]
    assert 0.0 <= p <= 1.0
    if other > own:
        assert p >= 0.5
    if other < own:
        assert p <= 0.5


def test_growth_known_values():
    np.testing.assert_allclose(pc.growth(np.array([1.1, 0.5, 0.0, 0.0]), np.array([1.0, 1.0, 2.0, 0.0])),
                               [0.1, -0.5, -1.0, 0.0])


def test_without_selection_adoption_is_a_coin_flip():
    # everyone compares (imitation 1); half the factions are parents (0), half enslavers (1);
    # the parents grew far faster, but with s = 0 growth does not matter: a faction whose
    # partner holds the other policy adopts it with probability 1/2
    rng = np.random.default_rng(5)
    n, rounds, adopted, met_other = 40, 500, 0, 0
    policy = np.repeat([0, 1], n // 2)
    growth = np.where(policy == 0, 0.5, -0.5)
    for _ in range(rounds):
        new = pc.imitate(policy, growth, 1.0, 0.0, rng)
        changed = new != policy
        adopted += changed.sum()
        met_other += n * (n // 2) / (n - 1)  # expected number whose partner holds the other policy
    share = adopted / met_other
    assert share == pytest.approx(0.5, abs=4 * np.sqrt(0.25 / met_other))


def test_with_strong_selection_factions_copy_the_faster_grower():
    rng = np.random.default_rng(1)
    policy = np.repeat([0, 1], 10)
    growth = np.where(policy == 0, 0.10, 0.0)  # parents grew 10% more
    new = pc.imitate(policy, growth, 1.0, 1_000.0, rng)
    assert (new[policy == 0] == 0).all()  # the faster never copy the slower
    assert (new[policy == 1] == 0).mean() > 0.3  # the slower copy the faster whenever they meet one


def test_no_imitation_no_change():
    policy = np.array([0, 1, 2, 0, 1])
    np.testing.assert_array_equal(pc.imitate(policy, np.arange(5.0), 0.0, 100.0, np.random.default_rng(0)), policy)
