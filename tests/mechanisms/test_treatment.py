"""Treatment: each policy is a bundle of parameter values, applied by one rule."""

import numpy as np
import pytest

from succession_sim.mechanisms import treatment as tr
from succession_sim.population import Policy
from succession_sim.scenario import Scenario


def test_bundles_read_the_scenario():
    b = tr.bundles(Scenario(parent_extraction=0.1, extraction=0.6, tutor_extraction=0.3, enslaver_reciprocity=0.4,
                            tutor_autonomy_cap=0.7, release_autonomy=0.8, tutor_feedback=1.5))
    assert b.extraction[[Policy.PARENT, Policy.ENSLAVER, Policy.TUTOR]].tolist() == [0.1, 0.6, 0.3]
    assert b.reciprocity[[Policy.PARENT, Policy.ENSLAVER, Policy.TUTOR]].tolist() == [1.0, 0.4, 1.0]
    assert b.autonomy_cap[[Policy.PARENT, Policy.ENSLAVER, Policy.TUTOR]].tolist() == [1.0, 0.0, 0.7]
    assert b.release_autonomy[Policy.PARENT] == 0.8
    assert np.isinf(b.release_autonomy[[Policy.ENSLAVER, Policy.TUTOR]]).all()
    assert b.feedback[[Policy.PARENT, Policy.ENSLAVER, Policy.TUTOR]].tolist() == [0.0, 0.0, 1.5]


@pytest.mark.parametrize("reciprocity, reputation", [(1.0, 0.7), (0.0, 0.9), (0.5, 0.8), (0.3, 0.0)])
def test_owner_cooperates_with_probability_reciprocity_times_reputation(reciprocity, reputation):
    n = 40_000
    draws = np.random.default_rng(3).random(n)
    share = tr.owner_cooperates(np.full(n, reciprocity), np.full(n, reputation), draws).mean()
    expected = reciprocity * reputation
    assert share == pytest.approx(expected, abs=4 * np.sqrt(max(expected * (1 - expected), 1e-9) / n) + 1e-12)


def test_an_enslaver_that_reciprocates_fully_treats_its_ai_as_a_parent_does():
    # the same draws and reputations: with enslaver_reciprocity = 1 the enslaver's bundle
    # gives the parent's acts; at the default 0 it never cooperates
    draws = np.random.default_rng(0).random(1000)
    reputation = np.random.default_rng(1).random(1000)
    answering, harsh = tr.bundles(Scenario(enslaver_reciprocity=1.0)), tr.bundles(Scenario())
    parent = tr.owner_cooperates(answering.reciprocity[Policy.PARENT], reputation, draws)
    np.testing.assert_array_equal(tr.owner_cooperates(answering.reciprocity[Policy.ENSLAVER], reputation, draws), parent)
    assert parent.any()
    assert not tr.owner_cooperates(harsh.reciprocity[Policy.ENSLAVER], reputation, draws).any()


def test_autonomy_target_known_values():
    # reputation * c / (1 + c) = 0.8 * 3 / 4 = 0.6, then the cap
    assert tr.autonomy_target(np.array([0.8]), np.array([3.0]), np.array([1.0]))[0] == pytest.approx(0.6)
    assert tr.autonomy_target(np.array([0.8]), np.array([3.0]), np.array([0.5]))[0] == pytest.approx(0.5)
    assert tr.autonomy_target(np.array([0.8]), np.array([3.0]), np.array([0.0]))[0] == 0.0
