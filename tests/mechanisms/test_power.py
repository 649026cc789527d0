"""P4: the Tullock contest, extraction and concentration."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import power as pw
from tests.strategies import positive_arrays


@given(positive_arrays(), st.floats(0.1, 3.0))
def test_tullock_sums_to_one(effort, r):
    s = pw.tullock_shares(effort, r)
    assert s.sum() == pytest.approx(1.0)
    assert np.all(s >= 0)


@pytest.mark.parametrize("n", [1, 2, 7])
@pytest.mark.parametrize("r", [0.5, 1.0, 2.0])
def test_symmetric_contest_splits_equally(n, r):
    np.testing.assert_allclose(pw.tullock_shares(np.full(n, 3.0), r), 1.0 / n)


def test_tullock_known_answer():
    # p_i = x_i^r / sum_j x_j^r: x = (1, 2, 3), r = 2 -> (1, 4, 9) / 14
    np.testing.assert_allclose(pw.tullock_shares(np.array([1.0, 2.0, 3.0]), 2.0), np.array([1, 4, 9]) / 14)
    # r = 1 -> (1, 2, 3) / 6
    np.testing.assert_allclose(pw.tullock_shares(np.array([1.0, 2.0, 3.0])), np.array([1, 2, 3]) / 6)


def test_tullock_all_zero_effort_splits_equally():
    np.testing.assert_allclose(pw.tullock_shares(np.zeros(4)), 0.25)


@given(positive_arrays())
def test_alpha_zero_is_proportional_to_power(power):
    intelligence = np.linspace(0.1, 50.0, len(power))
    np.testing.assert_allclose(pw.contest_shares(intelligence, power, 0.0), power / power.sum())


def test_contest_known_answer():
    # w = c^alpha * power: c = (1, 2), power = (3, 1), alpha = 2 -> w = (3, 4), shares (3/7, 4/7)
    np.testing.assert_allclose(pw.contest_shares(np.array([1.0, 2.0]), np.array([3.0, 1.0]), 2.0), [3 / 7, 4 / 7])


def test_more_intelligence_wins_more_when_alpha_positive():
    s = pw.contest_shares(np.array([1.0, 2.0]), np.array([1.0, 1.0]), 1.0)
    assert s[1] > s[0]


@given(positive_arrays(), st.floats(0.0, 1.0), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_extract_conserves_income(income, rate, n_factions, seed):
    rng = np.random.default_rng(seed)
    owner = rng.integers(-1, n_factions, len(income))
    rates = np.where(owner >= 0, rate, 0.0)
    kept, taken = pw.extract(income, owner, rates, n_factions)
    assert taken.shape == (n_factions,)
    assert kept.sum() + taken.sum() == pytest.approx(income.sum())
    # a free AI keeps everything
    np.testing.assert_allclose(kept[owner < 0], income[owner < 0])


def test_extract_known_answer():
    # AI 0 (owner 1, rate 0.5) earns 2 -> keeps 1, faction 1 takes 1;
    # AI 1 free earns 4 -> keeps 4; AI 2 (owner 1, rate 0.25) earns 8 -> keeps 6, gives 2
    kept, taken = pw.extract(np.array([2.0, 4.0, 8.0]), np.array([1, -1, 1]), np.array([0.5, 0.0, 0.25]), 3)
    np.testing.assert_allclose(kept, [1.0, 4.0, 6.0])
    np.testing.assert_allclose(taken, [0.0, 3.0, 0.0])


@pytest.mark.parametrize("n", [1, 2, 5, 10])
def test_concentration_equal_is_one_over_n(n):
    assert pw.concentration(np.full(n, 2.5)) == pytest.approx(1.0 / n)


def test_concentration_monopoly_is_one():
    assert pw.concentration(np.array([0.0, 7.0, 0.0])) == pytest.approx(1.0)


def test_concentration_known_value():
    # shares (0.25, 0.75): 0.0625 + 0.5625
    assert pw.concentration(np.array([1.0, 3.0])) == pytest.approx(0.625)


def test_intelligence_premium_known_values():
    # power 1 and 1; intelligence 1 and 3, alpha 1: income shares 1/4 and 3/4 against power
    # shares 1/2 and 1/2, so a quarter of the output went beyond what power would have won
    power = np.array([1.0, 1.0])
    income = pw.contest_shares(np.array([1.0, 3.0]), power, 1.0)
    assert pw.intelligence_premium(income, power) == pytest.approx(0.25)
    # alpha = 0 or equal intelligence: none
    assert pw.intelligence_premium(pw.contest_shares(np.array([1.0, 3.0]), power, 0.0), power) == 0.0
    assert pw.intelligence_premium(pw.contest_shares(np.array([2.0, 2.0]), power, 1.0), power) == 0.0


def test_intelligence_premium_rises_with_alpha_and_the_spread_of_intelligence():
    power = np.array([3.0, 1.0, 1.0])
    by_alpha = [pw.intelligence_premium(pw.contest_shares(np.array([1.0, 2.0, 4.0]), power, a), power)
                for a in (0.5, 1.0, 2.0)]
    by_spread = [pw.intelligence_premium(pw.contest_shares(np.array([1.0, x, x]), power, 1.0), power)
                 for x in (1.5, 3.0, 10.0)]
    assert by_alpha == sorted(by_alpha) and len(set(by_alpha)) == 3
    assert by_spread == sorted(by_spread) and len(set(by_spread)) == 3
