"""Interaction: moving averages and the faction round."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import cooperation as cop

R, S, T, P = 3.0, 0.0, 5.0, 1.0


def test_follow_known_values():
    # e + rate * (observed - e): 0.5 + 0.2 * (1 - 0.5) = 0.6 ; 0.5 + 0.2 * (0 - 0.5) = 0.4
    np.testing.assert_allclose(cop.follow(np.array([0.5, 0.5]), np.array([1.0, 0.0]), 0.2), [0.6, 0.4])
    # rate 0 keeps, rate 1 jumps
    assert cop.follow(np.array([0.3]), np.array([1.0]), 0.0)[0] == 0.3
    assert cop.follow(np.array([0.3]), np.array([1.0]), 1.0)[0] == 1.0


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_follow_stays_between(e, o, rate):
    v = cop.follow(np.array([e]), np.array([o]), rate)[0]
    assert min(e, o) - 1e-12 <= v <= max(e, o) + 1e-12


def test_faction_round_moves_trust_toward_partner_action():
    rng = np.random.default_rng(0)
    n, rate = 6, 0.2
    trust = np.full((n, n), 0.5)
    np.fill_diagonal(trust, 1.0)
    actions, new = cop.faction_round(trust, rate, rng)
    assert not actions.diagonal().any()
    np.testing.assert_array_equal(new.diagonal(), 1.0)
    off = ~np.eye(n, dtype=bool)
    # i's trust in j follows j's action toward i: 0.5 -> 0.6 if j cooperated, 0.4 if not
    expected = np.where(actions.T, 0.6, 0.4)
    np.testing.assert_allclose(new[off], expected[off])
    # with 30 random actions both directions occur
    assert actions[off].any() and not actions[off].all()


def test_faction_round_extremes_are_fixed_points():
    rng = np.random.default_rng(0)
    for value in (0.0, 1.0):
        trust = np.full((4, 4), value)
        np.fill_diagonal(trust, 1.0)
        actions, new = cop.faction_round(trust, 0.3, rng)
        off = ~np.eye(4, dtype=bool)
        assert actions[off].all() == bool(value)
        np.testing.assert_array_equal(new, trust)


def test_faction_round_cooperation_frequency_is_trust():
    rng = np.random.default_rng(1)
    trust = np.full((40, 40), 0.3)
    actions, _ = cop.faction_round(trust, 0.1, rng)
    off = ~np.eye(40, dtype=bool)
    k = off.sum()
    assert abs(actions[off].mean() - 0.3) < 4 * np.sqrt(0.3 * 0.7 / k)


def test_update_trust_gains_and_loses_at_its_own_rates():
    # after cooperation trust moves toward 1 at the gain rate, after defection toward 0 at the loss rate
    trust = np.full((2, 2), 0.5)
    partner = np.array([[False, True], [False, False]])  # row 0's partner (1) cooperated; row 1's defected
    new = cop.update_trust(trust, partner, 0.2, 0.6)
    assert new[0, 1] == pytest.approx(0.5 + 0.2 * 0.5)
    assert new[1, 0] == pytest.approx(0.5 - 0.6 * 0.5)
    np.testing.assert_array_equal(new.diagonal(), 1.0)
    # one rate for both, as the model uses it: a plain moving average off the diagonal
    same = cop.update_trust(trust, partner, 0.3, 0.3)
    off = ~np.eye(2, dtype=bool)
    np.testing.assert_allclose(same[off], cop.follow(trust, partner.astype(float), 0.3)[off])
