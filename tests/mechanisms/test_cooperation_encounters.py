"""Encounters among linked AIs and the tally of what each agent received.

Written against the mutants that survived the mutation run (docs/mutation.md): each
test names the change to ``cooperation.py`` that makes it fail.
"""

import numpy as np
import pytest

from succession_sim.mechanisms.cooperation import Encounters, ai_pair_encounters, tally


def _pairs(contacts, living, autonomy=None, stance=None, reputation=None, seed=0):
    n = len(living)
    return ai_pair_encounters(
        np.array(contacts), np.array(living), np.ones(n) if autonomy is None else np.array(autonomy),
        np.ones(n, dtype=bool) if stance is None else np.array(stance),
        np.ones(n) if reputation is None else np.array(reputation), 0, np.random.default_rng(seed))


def test_no_encounters_tally_to_zero():
    """Fails if ``Encounters.none()`` holds indices of another type than integers (then
    nothing can be counted with them)."""
    none = Encounters.none()
    assert none.first.dtype.kind == none.second.dtype.kind == "i" and len(none) == 0
    assert none.first_cooperates.dtype == none.second_cooperates.dtype == bool  # acts stay yes/no when joined
    one = Encounters(np.array([0]), np.array([1]), np.array([True]), np.array([False]))
    assert Encounters.join([none, one]).first_cooperates.dtype == bool
    met, received = tally(Encounters.join([none, none]), 3)
    np.testing.assert_array_equal(met, [0, 0, 0])
    np.testing.assert_array_equal(received, [0, 0, 0])


def test_tally_counts_the_partners_that_cooperated():
    """By hand: 0 meets 1 (0 cooperates, 1 does not), 1 meets 2 (1 does not, 2 does):
    met = [1, 2, 1]; 1 received cooperation from 0 and from 2, the others nothing.
    Fails if received counts encounters instead of the partner's cooperation."""
    encounters = Encounters(np.array([0, 1]), np.array([1, 2]), np.array([True, False]), np.array([False, True]))
    met, received = tally(encounters, 3)
    np.testing.assert_array_equal(met, [1, 2, 1])
    np.testing.assert_array_equal(received, [0, 2, 0])


def test_only_living_ais_with_a_link_meet():
    """AI 1 links to AI 0 (the first AI, index 0), AI 2 is shut down, AI 0 has no link.
    Fails if a link to AI 0 is dropped (``partner > 0``), if a shut-down AI still meets
    its living partner, or if an AI without a link meets anyone."""
    met = _pairs([[-1], [0], [0]], [True, True, False])
    assert (met.first.tolist(), met.second.tolist()) == ([1], [0])


def test_a_shut_down_partner_meets_nobody():
    met = _pairs([[-1], [0]], [False, True])
    assert len(met) == 0


def test_autonomy_of_both_sides_sets_the_meeting_probability():
    """AIs of autonomy 1 linked to AI 0 of autonomy 0.25 meet it with probability
    1 x 0.25. Fails if the probability is a ratio of the autonomies (1 / 0.25 > 1: always)."""
    n = 4001
    autonomy = np.r_[0.25, np.ones(n - 1)]
    contacts = np.r_[[[-1]], np.zeros((n - 1, 1), dtype=np.int64)]
    met = _pairs(contacts, np.ones(n, dtype=bool), autonomy=autonomy, seed=1)
    assert len(met) / (n - 1) == pytest.approx(0.25, abs=0.03)  # 4 binomial SEs of 0.0068


@pytest.mark.parametrize("side", ["first", "second"])
def test_an_ai_whose_stance_is_to_defect_never_cooperates(side):
    """Fails if a good reputation of the partner can make an AI cooperate against its stance."""
    stance = [False, True] if side == "second" else [True, False]  # AI 0 is the second side of the pair (1, 0)
    met = _pairs([[-1], [0]], [True, True], stance=stance)
    assert len(met) == 1
    first, second = met.first_cooperates[0], met.second_cooperates[0]
    assert (first, second) == ((True, False) if side == "second" else (False, True))


def test_each_ai_judges_its_partner_with_a_draw_of_its_own():
    """4000 AIs linked to AI 0, every reputation 0.5: about half of each side's judgements
    are "worth it". Fails if one draw serves every pair (``rng.random(None)``: then every
    AI on a side judges alike, all or none)."""
    n = 4001
    contacts = np.r_[[[-1]], np.zeros((n - 1, 1), dtype=np.int64)]
    met = _pairs(contacts, np.ones(n, dtype=bool), reputation=np.full(n, 0.5), seed=2)
    assert len(met) == n - 1
    assert met.first_cooperates.mean() == pytest.approx(0.5, abs=0.03)  # 4 binomial SEs of 0.0079
    assert met.second_cooperates.mean() == pytest.approx(0.5, abs=0.03)
