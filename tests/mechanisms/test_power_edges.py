"""A faction's intelligence with its AIs' help (ODD 7.4), and the intelligence premium.

Written against mutants that survived the mutation run (docs/mutation.md).
"""

import numpy as np
import pytest

from succession_sim.mechanisms.power import concentration, faction_intelligence, intelligence_premium, tullock_shares


def test_full_augmentation_adds_the_best_ais_whole_capability():
    """By hand: faction 0 holds AIs of capability 3 and 2, faction 2 one of capability 0.5,
    faction 1 none; augmentation 1 gives 1 + 3, 1 and 1 + 0.5. Fails if augmentation 1
    is taken for "no augmentation", or if the best AI is not the one counted."""
    got = faction_intelligence(np.array([0, 0, 2]), np.array([3.0, 2.0, 0.5]), 3, augmentation=1.0)
    np.testing.assert_allclose(got, [4.0, 1.0, 1.5])


def test_intelligence_premium_with_totals_other_than_one():
    """By hand: income 3 and 1 (shares 0.75, 0.25) against power 0.2 and 0.6 (shares 0.25,
    0.75): half of |0.5| + |-0.5| = 0.5. Fails if income is not divided by its total, or if
    a total power below 1 is taken for no power."""
    assert intelligence_premium(np.array([3.0, 1.0]), np.array([0.2, 0.6])) == pytest.approx(0.5)


def test_intelligence_premium_is_zero_without_income_or_without_power():
    """Fails if a year without output, or without power, gives anything but 0 (a division by zero)."""
    assert intelligence_premium(np.zeros(2), np.array([0.5, 0.5])) == 0.0
    assert intelligence_premium(np.array([1.0, 2.0]), np.zeros(2)) == 0.0


def test_concentration_of_small_and_of_no_power():
    """Fails if power summing to less than 1 is taken for no power, or if no power at all
    counts as anything but 0 (a division by zero)."""
    assert concentration(np.array([0.2, 0.2])) == pytest.approx(0.5)  # two equal holders: 1/2
    assert concentration(np.zeros(3)) == 0.0


def test_tullock_shares_of_small_efforts_and_of_nobody():
    """Fails if efforts summing to less than 1 are shared equally (as if nobody made an
    effort), or if a contest without contestants fails instead of sharing nothing."""
    np.testing.assert_allclose(tullock_shares(np.array([0.1, 0.3])), [0.25, 0.75])
    assert len(tullock_shares(np.array([]))) == 0
