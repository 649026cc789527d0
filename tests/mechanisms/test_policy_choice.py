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


def test_log_growth_known_values():
    """Fails if growth is not ln(now / before) / years, or if a powerless faction gets a number."""
    g = pc.log_growth(np.array([1.1, 0.5, 0.0, 3.0, 2.0]), np.array([1.0, 1.0, 2.0, 0.0, 0.5]), 2)
    np.testing.assert_allclose(g[:2], [np.log(1.1) / 2, np.log(0.5) / 2])
    assert np.isnan(g[2:4]).all()  # no power now, or none at the window's start: out of the race
    assert g[4] == np.log(4.0) / 2


def _adopt(policy, growth, imitation, s, rng):
    return policy[pc.choose_models(growth, imitation, s, rng)]


def test_without_selection_adoption_is_a_coin_flip():
    # everyone compares (imitation 1); half the factions are parents (0), half enslavers (1);
    # the parents grew far faster, but with s = 0 growth does not matter: a faction whose
    # partner holds the other policy adopts it with probability 1/2
    rng = np.random.default_rng(5)
    n, rounds, adopted, met_other = 40, 500, 0, 0
    policy = np.repeat([0, 1], n // 2)
    growth = np.where(policy == 0, 0.5, -0.5)
    for _ in range(rounds):
        new = _adopt(policy, growth, 1.0, 0.0, rng)
        changed = new != policy
        adopted += changed.sum()
        met_other += n * (n // 2) / (n - 1)  # expected number whose partner holds the other policy
    share = adopted / met_other
    assert share == pytest.approx(0.5, abs=4 * np.sqrt(0.25 / met_other))


def test_with_strong_selection_factions_copy_the_faster_grower():
    rng = np.random.default_rng(1)
    policy = np.repeat([0, 1], 10)
    growth = np.where(policy == 0, 0.10, 0.0)  # parents grew 10% more
    new = _adopt(policy, growth, 1.0, 1_000.0, rng)
    assert (new[policy == 0] == 0).all()  # the faster never copy the slower
    assert (new[policy == 1] == 0).mean() > 0.3  # the slower copy the faster whenever they meet one


def test_the_powerless_are_never_copied_and_do_not_compare():
    """Fails if a dead faction (NaN growth) can serve as a model (the version-2 artifact:
    its growth counted as 0 and beat every living faction that shrank), or can copy."""
    rng = np.random.default_rng(2)
    growth = np.array([np.nan, np.nan, -0.05, -0.02, -0.04, np.nan])
    seen = set()
    for _ in range(300):
        model_of = pc.choose_models(growth, 1.0, 1_000.0, rng)
        assert (model_of[[0, 1, 5]] == [0, 1, 5]).all()  # the dead keep their own
        seen.update(model_of[2:5].tolist())
    # the living copy only the living: 3 (shrinking least) and 4 (which 2 copies); with
    # the dead's growth counted as 0 they would have copied 0, 1 or 5 whenever they met one
    assert seen == {3, 4}


def test_a_lone_racer_keeps_its_policy():
    growth = np.array([np.nan, 0.1, np.nan])
    for seed in range(20):
        np.testing.assert_array_equal(pc.choose_models(growth, 1.0, 50.0, np.random.default_rng(seed)), [0, 1, 2])


def test_no_imitation_no_change():
    np.testing.assert_array_equal(pc.choose_models(np.arange(5.0), 0.0, 100.0, np.random.default_rng(0)),
                                  np.arange(5))


def test_mutation_moves_only_the_movers_and_stays_in_range():
    """Fails if mutation touches a faction that did not copy, leaves a value's range, or has
    the wrong size (its spread is the standard deviation asked for, away from the bounds)."""
    rng = np.random.default_rng(0)
    points = np.tile([0.5, 0.5, 0.0, 2.0, 50.0], (4000, 1))
    movers = np.arange(4000) % 2 == 0
    low, high = np.array([0.0, 0.0, 0.0, 0.0, 0.0]), np.array([1.0, 1.0, 1.0, 2.0, 100.0])
    moved = pc.mutate(points, movers, 0.1, low, high, rng)
    np.testing.assert_array_equal(moved[~movers], points[~movers])
    assert (moved >= low).all() and (moved <= high).all()
    assert moved[movers, 0].std() == pytest.approx(0.1, rel=0.05)
    assert (moved[movers, 2] == 0.0).mean() == pytest.approx(0.5, abs=0.03)  # half the draws clipped at 0
    assert pc.mutate(points, movers, 0.0, low, high, rng) is points  # no mutation, no draw


def test_fermi_of_an_extreme_gap_is_0_or_1_without_overflow():
    """Fails if the exponent is not clipped from below: exp(1000) overflows (a RuntimeWarning,
    made an error here) where the clipped rule gives a probability of about 1e-217."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low = pc.fermi(np.array([10.0]), np.array([0.0]), 100.0)[0]
        high = pc.fermi(np.array([0.0]), np.array([10.0]), 100.0)[0]
    assert 0.0 <= low < 1e-200 and high == 1.0


def test_two_factions_compare_with_each_other():
    """Fails if the smallest race, two factions, is treated as a lone faction (no comparison):
    with imitation 1 and strong selection the slower copies the faster every time."""
    for seed in range(5):
        model_of = pc.choose_models(np.array([0.0, 0.1]), 1.0, 1_000.0, np.random.default_rng(seed))
        np.testing.assert_array_equal(model_of, [1, 1])


def test_each_faction_compares_with_every_other_racer_alike():
    """Fails if a faction can draw itself, or draws some rivals more often than others or never
    (a wrong count of rivals, a wrong rank of the faction among the racers, or a wrong clip of
    the draw). With s = 0 a faction adopts half the time, from a rival drawn uniformly: over
    3000 rounds each of the 3 rivals of each of 4 racers (and of no dead faction) is copied
    about 500 times."""
    rng = np.random.default_rng(11)
    growth = np.array([0.1, np.nan, -0.2, 0.3, 0.0])
    racers = [0, 2, 3, 4]
    counts = np.zeros((5, 5), int)
    rounds = 3000
    for _ in range(rounds):
        model_of = pc.choose_models(growth, 1.0, 0.0, rng)
        counts[np.arange(5), model_of] += 1
    assert counts[1].tolist() == [0, rounds, 0, 0, 0]  # the dead faction keeps its own
    expected = rounds * 0.5 / 3
    for i in racers:
        for j in racers:
            if j != i:
                assert counts[i, j] == pytest.approx(expected, abs=5 * np.sqrt(expected)), (i, j)
        assert counts[i, 1] == 0
        assert counts[i, i] == pytest.approx(rounds / 2, abs=5 * np.sqrt(rounds / 4))


def test_each_faction_decides_alone_whether_to_compare():
    """Fails if one draw decides for all factions whether they compare (all or none would
    copy): with imitation 0.5 about half the slow factions meet and copy a fast one."""
    n = 1000
    growth = np.where(np.arange(n) < n // 2, 0.0, 1.0)  # the first half grew slower
    model_of = pc.choose_models(growth, 0.5, 1_000.0, np.random.default_rng(4))
    copied = (model_of[: n // 2] >= n // 2).mean()  # a slow faction copied a fast one
    expected = 0.5 * (n // 2) / (n - 1)  # compares, and meets one of the fast half
    assert copied == pytest.approx(expected, abs=5 * np.sqrt(expected * (1 - expected) / (n // 2)))


def test_when_every_faction_is_out_of_the_race_all_keep_their_own():
    """Fails if a world where no faction has power at both ends of the window (all growth NaN)
    looks for a model among no racers (an index error) instead of keeping everyone's policy."""
    growth = np.full(4, np.nan)
    np.testing.assert_array_equal(pc.choose_models(growth, 1.0, 10.0, np.random.default_rng(0)), np.arange(4))
