"""How an AI learns its disposition: the world model and the choice rule."""

import numpy as np
import pytest

from succession_sim.mechanisms import learning as lr

PD = dict(R=3.0, S=0.0, T=5.0, P=1.0)


def _adv(q, a_c, a_d, d, discount=0.9, **payoffs):
    pay = {**PD, **payoffs}
    return float(lr.cooperation_advantage(np.array([q]), np.array([a_c]), np.array([a_d]), np.array([d]),
                                          discount=discount, **pay)[0])


def test_advantage_against_unconditional_cooperators():
    # q = 1, a_C = a_D: only today's payoff, R - T = -2
    assert _adv(1.0, 0.7, 0.7, 0.3) == pytest.approx(-2.0)


def test_advantage_against_unconditional_defectors():
    # q = 0, a_C = a_D: S - P = -1
    assert _adv(0.0, 0.0, 0.0, 0.9) == pytest.approx(-1.0)


def test_advantage_against_perfect_reciprocators():
    # q = 0.5: now = -2 * 0.5 + -1 * 0.5 = -1.5; gamma/(1-gamma) = 9;
    # d = 0.5: (R-S) d + (T-P)(1-d) = 1.5 + 2 = 3.5; a_C - a_D = 1
    # -> -1.5 + 9 * 3.5 = 30
    assert _adv(0.5, 1.0, 0.0, 0.5) == pytest.approx(30.0)


def test_advantage_with_other_payoffs_and_discount():
    # R,S,T,P = 4,-1,6,0, gamma = 0.5 (horizon 1), q = 0.25, a_C - a_D = 0.4, d = 1:
    # now = (4-6) 0.25 + (-1-0) 0.75 = -1.25; value = (4+1) * 1 = 5 -> -1.25 + 0.4 * 5 = 0.75
    assert _adv(0.25, 0.6, 0.2, 1.0, discount=0.5, R=4.0, S=-1.0, T=6.0, P=0.0) == pytest.approx(0.75)


def test_advantage_no_future_when_discount_zero():
    # gamma = 0: only (R - T) q + (S - P)(1 - q) = -2 * 0.4 - 1 * 0.6 = -1.4
    assert _adv(0.4, 1.0, 0.0, 0.5, discount=0.0) == pytest.approx(-1.4)


def test_update_world_model_known_values():
    # rate 0.5; AI 0 cooperated last year and saw 1.0 -> received, after_c move halfway to 1
    # AI 1 defected last year and saw 0.0 -> received, after_d move halfway to 0
    # AI 2 had no stance yet -> only received moves; AI 3 did not meet -> nothing moves
    rec, a_c, a_d = lr.update_world_model(
        np.full(4, 0.5), np.full(4, 0.5), np.full(4, 0.5),
        np.array([1, 0, -1, 1]), np.array([1.0, 0.0, 1.0, 1.0]), np.array([True, True, True, False]), 0.5,
    )
    np.testing.assert_allclose(rec, [0.75, 0.25, 0.75, 0.5])
    np.testing.assert_allclose(a_c, [0.75, 0.5, 0.5, 0.5])
    np.testing.assert_allclose(a_d, [0.5, 0.25, 0.5, 0.5])


def test_update_disposition_known_values():
    # advantage 0 -> target 1/2; d = 0.2 + 0.1 * (0.5 - 0.2) = 0.23; no meeting -> unchanged
    d = lr.update_disposition(np.array([0.2, 0.2]), np.array([0.0, 0.0]), np.array([True, False]), 0.1, 1.0)
    np.testing.assert_allclose(d, [0.23, 0.2])
    # advantage ln 3 at temperature 1 -> target 3/4; rate 1 jumps there
    assert lr.update_disposition(np.array([0.0]), np.array([np.log(3.0)]), np.array([True]), 1.0, 1.0)[0] == pytest.approx(0.75)


def test_update_disposition_divides_the_advantage_by_the_temperature():
    """Fails if the temperature multiplies the advantage: advantage ln 3 at temperature 2 gives
    the target 1 / (1 + 3^-1/2) = 0.634 (times 2 it would be 1 / (1 + 3^-2) = 0.9)."""
    d = lr.update_disposition(np.array([0.0]), np.array([np.log(3.0)]), np.array([True]), 1.0, 2.0)[0]
    assert d == pytest.approx(1.0 / (1.0 + 3.0 ** -0.5))


def test_update_disposition_extreme_advantage_does_not_overflow():
    """Fails if the exponent is not clipped from below: exp(1e8) overflows (a RuntimeWarning,
    made an error here)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = lr.update_disposition(np.array([0.5, 0.5]), np.array([1e6, -1e6]), np.ones(2, bool), 1.0, 0.01)
    assert np.all(np.isfinite(d))
    np.testing.assert_allclose(d, [1.0, 0.0], atol=1e-12)


def _learn(partner, years=400, seed=0, rate=0.1, temperature=1.0, discount=0.9):
    """One AI plays the partner every year, as in SuccessionModel._learn.

    ``partner(last_stance)`` returns the partner's cooperation this year given the AI's
    stance last year (-1 before the first year).
    """
    rng = np.random.default_rng(seed)
    rec, a_c, a_d, d = (np.array([0.5]) for _ in range(4))
    last = np.array([-1])
    met = np.array([True])
    for _ in range(years):
        stance = rng.random(1) < d
        observed = np.array([float(partner(int(last[0])))])
        rec, a_c, a_d = lr.update_world_model(rec, a_c, a_d, last, observed, met, rate)
        adv = lr.cooperation_advantage(rec, a_c, a_d, d, discount=discount, **PD)
        d = lr.update_disposition(d, adv, met, rate, temperature)
        last = stance.astype(int)
    return d[0]


@pytest.mark.parametrize("seed", range(5))
def test_learns_to_cooperate_with_reciprocators(seed):
    # the partner cooperates this year iff the learner cooperated last year (tit for tat)
    assert _learn(lambda last: last == 1, seed=seed) > 0.8


@pytest.mark.parametrize("seed", range(5))
def test_learns_to_defect_against_defectors(seed):
    # converges to 1 / (1 + e^1) = 0.27 (advantage S - P = -1)
    assert _learn(lambda last: False, seed=seed) < 0.4


@pytest.mark.parametrize("seed", range(5))
def test_learns_to_exploit_unconditional_cooperators(seed):
    # the target is 1 / (1 + e^2) = 0.12 while a_C = a_D (advantage R - T = -2); in practice
    # it falls lower, because a_C is only updated after cooperating and lags behind
    # (tests/validation/test_learning_partners.py)
    assert _learn(lambda last: True, seed=seed) < 0.4
