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


def test_ranges_are_the_ranges_of_the_parameters_that_set_each_value():
    """Fails if a value's mutation range drifts from what a scenario may set it to."""
    from tests.model.test_presets import PARAMETER
    from succession_sim.scenario import parameter_specs
    specs = {s["name"]: s for s in parameter_specs()}
    for preset in PARAMETER.values():
        for entry, name in preset.items():
            assert tr.RANGES[entry] == (specs[name]["low"], specs[name]["high"]), name


def test_nearest_preset_known_points():
    """Fails if the distance ignores a value that tells the presets apart, if release
    thresholds above 1 are not all "never", or if a tie drops the label a faction holds."""
    presets = tr.bundles(Scenario())
    points = tr.Bundles(
        extraction=np.array([0.45, 0.05, 0.2, 0.0, 0.5]),
        reciprocity=np.array([0.1, 0.9, 1.0, 1.0, 0.0]),
        autonomy_cap=np.array([0.0, 0.95, 0.5, 1.0, 0.0]),
        release_autonomy=np.array([1.5, 0.9, 1.2, 0.9, 2.0]),
        feedback=np.array([0.0, 0.0, 1.9, 0.0, 0.0]),
    )
    labels = tr.nearest_preset(points, presets, np.array([Policy.PARENT] * 5))
    assert labels.tolist() == [Policy.ENSLAVER, Policy.PARENT, Policy.TUTOR, Policy.PARENT, Policy.ENSLAVER]
    # two presets at the same point: each faction keeps the label it holds
    twins = tr.bundles(Scenario(parent_extraction=0.5, parent_reciprocity=0.0, parent_autonomy_cap=0.0,
                                release_autonomy=2.0))
    current = np.array([Policy.PARENT, Policy.ENSLAVER])
    assert tr.nearest_preset(twins.take(np.array([0, 0])), twins, current).tolist() == current.tolist()
