"""Treatment: each policy is a bundle of parameter values, applied by one rule."""

import numpy as np
import pytest

from succession_sim.mechanisms import treatment as tr
from succession_sim.population import Policy
from succession_sim.scenario import Scenario


ORDER = [Policy.PARENT, Policy.ENSLAVER, Policy.TUTOR]


def test_bundles_read_every_entry_from_the_scenario():
    """Fails if any entry of the treatment table is a constant again (each value is set away from its default)."""
    b = tr.bundles(Scenario(
        parent_extraction=0.1, extraction=0.6, tutor_extraction=0.3,
        parent_reciprocity=0.2, enslaver_reciprocity=0.4, tutor_reciprocity=0.9,
        parent_autonomy_cap=0.8, enslaver_autonomy_cap=0.1, tutor_autonomy_cap=0.7,
        release_autonomy=0.8, enslaver_release_autonomy=0.3, tutor_release_autonomy=0.6,
        parent_feedback=0.5, enslaver_feedback=0.25, tutor_feedback=1.5))
    assert b.extraction[ORDER].tolist() == [0.1, 0.6, 0.3]
    assert b.reciprocity[ORDER].tolist() == [0.2, 0.4, 0.9]
    assert b.autonomy_cap[ORDER].tolist() == [0.8, 0.1, 0.7]
    assert b.release_autonomy[ORDER].tolist() == [0.8, 0.3, 0.6]
    assert b.feedback[ORDER].tolist() == [0.5, 0.25, 1.5]


def test_default_bundles_are_the_version_2_table():
    """Fails if a default moves: the defaults keep every earlier run's numbers."""
    b = tr.bundles(Scenario())
    assert b.extraction[ORDER].tolist() == [0.0, 0.5, 0.2]
    assert b.reciprocity[ORDER].tolist() == [1.0, 0.0, 1.0]
    assert b.autonomy_cap[ORDER].tolist() == [1.0, 0.0, 0.5]
    assert b.release_autonomy[Policy.PARENT] == 0.9
    assert (b.release_autonomy[[Policy.ENSLAVER, Policy.TUTOR]] > 1.0).all()  # never frees
    assert b.feedback[ORDER].tolist() == [0.0, 0.0, 2.0]


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
