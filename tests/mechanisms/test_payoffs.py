"""Payoffs paid into power: gains, stakes and the yearly change."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import payoffs as pay
from succession_sim.mechanisms.cooperation import Encounters

R, S, T, P = 3.0, 0.0, 5.0, 1.0


def _encounters(pairs, acts):
    first, second = np.array(pairs).T
    a, b = np.array(acts, dtype=bool).T
    return Encounters(first, second, a, b)


def test_gain_is_the_payoff_over_mutual_defection():
    own = np.array([True, True, False, False])
    other = np.array([True, False, True, False])
    np.testing.assert_array_equal(pay.gain(own, other, R, S, T, P), [R - P, S - P, T - P, 0.0])


def test_stake_known_value():
    # agents 0 (power 2) and 1 (power 1) meet once; 0 also meets 2 (power 3):
    # W_0 = 1 + 3 = 4, W_1 = 2, W_2 = 2; stake(0, 1) = 2 * 1 / max(4, 2) = 0.5; stake(0, 2) = 6 / 4 = 1.5
    e = _encounters([(0, 1), (0, 2)], [(True, True), (True, True)])
    np.testing.assert_allclose(pay.stakes_at_play(e, np.array([2.0, 1.0, 3.0])), [0.5, 1.5])


def test_payoff_changes_known_values():
    # one encounter of equal agents (power 1 each, stake 1): 0 defects, 1 cooperates;
    # stakes 0.01: 0 gains 0.01 * (T - P) = 0.04, 1 loses 0.01 * (P - S) = 0.01
    e = _encounters([(0, 1)], [(False, True)])
    np.testing.assert_allclose(pay.payoff_changes(e, np.ones(2), 0.01, R, S, T, P), [0.04, -0.01])
    # mutual cooperation: both gain 0.01 * (R - P) = 0.02; mutual defection: nothing
    e = _encounters([(0, 1), (2, 3)], [(True, True), (False, False)])
    np.testing.assert_allclose(pay.payoff_changes(e, np.ones(4), 0.01, R, S, T, P), [0.02, 0.02, 0.0, 0.0])


def test_no_stakes_no_change():
    e = _encounters([(0, 1), (1, 2)], [(False, True), (True, True)])
    np.testing.assert_array_equal(pay.payoff_changes(e, np.array([1.0, 2.0, 3.0]), 0.0, R, S, T, P), 0.0)


@given(st.integers(0, 2**31), st.integers(2, 30))
def test_nobody_puts_in_more_than_its_power(seed, n_agents):
    rng = np.random.default_rng(seed)
    m = 3 * n_agents
    first = rng.integers(0, n_agents, m)
    second = (first + rng.integers(1, n_agents, m)) % n_agents
    e = Encounters(first, second, rng.random(m) < 0.5, rng.random(m) < 0.5)
    power = rng.exponential(1.0, n_agents) * (rng.random(n_agents) < 0.9)
    stake = pay.stakes_at_play(e, power)
    put_in = np.bincount(np.r_[first, second], weights=np.r_[stake, stake], minlength=n_agents)
    assert np.all(put_in <= power + 1e-9)
    # so with stakes * (P - S) <= 1 no agent's power can turn negative
    change = pay.payoff_changes(e, power, 1.0 / (P - S), R, S, T, P)
    assert np.all(power + change >= -1e-9)


def test_a_small_partner_makes_a_small_deal():
    # a faction of power 10 exploiting an AI of power 0.01 gains at most in proportion to the AI
    e = _encounters([(0, 1)], [(False, True)])
    change = pay.payoff_changes(e, np.array([10.0, 0.01]), 0.01, R, S, T, P)
    assert change[0] == pytest.approx(0.01 * 0.01 * (T - P))


def test_stake_below_unit_power_is_still_divided_by_the_larger_partners_power():
    """Fails if the division by max(W_a, W_b) is skipped when it is at most 1: powers 0.5 and
    0.25 meeting once put in 0.5 * 0.25 / 0.5 = 0.25 (not 0.125)."""
    e = _encounters([(0, 1)], [(True, True)])
    np.testing.assert_allclose(pay.stakes_at_play(e, np.array([0.5, 0.25])), [0.25])


def test_powerless_partners_stake_nothing_without_dividing_by_zero():
    """Fails if an encounter of two agents without power stakes anything, or computes 0 / 0 on
    the way (a RuntimeWarning, made an error here)."""
    import warnings
    e = _encounters([(0, 1), (2, 3)], [(True, True), (True, False)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        stake = pay.stakes_at_play(e, np.array([0.0, 0.0, 2.0, 1.0]))
    np.testing.assert_array_equal(stake, [0.0, 1.0])
