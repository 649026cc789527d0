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


def _presets(extraction, reciprocity, release):
    """Preset bundles that differ only in the values given (one per preset, parent first)."""
    return tr.Bundles(extraction=np.array(extraction, float), reciprocity=np.array(reciprocity, float),
                      autonomy_cap=np.full(3, 0.5), release_autonomy=np.array(release, float),
                      feedback=np.zeros(3))


def _points(extraction, reciprocity, release):
    n = len(extraction)
    return tr.Bundles(extraction=np.array(extraction, float), reciprocity=np.array(reciprocity, float),
                      autonomy_cap=np.full(n, 0.5), release_autonomy=np.array(release, float),
                      feedback=np.zeros(n))


def test_nearest_preset_measures_each_value_in_the_span_the_presets_cover():
    """Fails if the span is not max - min per value (max + min, or the max or min over all values).

    Extraction spans 0.4..0.6 (0.2) and reciprocity 0..1: the point (0.45, 0.1) is 0.47
    spans from the tutor's (0.5, 0.5) and 0.76 from the enslaver's (0.6, 0); measured in any
    of those other units it is nearer the enslaver."""
    presets = _presets([0.4, 0.6, 0.5], [1.0, 0.0, 0.5], [2.0, 2.0, 2.0])
    points = _points([0.45], [0.1], [2.0])
    assert tr.nearest_preset(points, presets, np.array([Policy.TUTOR])).tolist() == [Policy.TUTOR]


def test_nearest_preset_tie_is_judged_per_faction():
    """Fails if a faction's own distance is compared with the least distance of all factions
    (a tie at some distance would then lose the label it holds) or if the tie tolerance is
    loose (a faction clearly nearer another preset would keep its label)."""
    presets = _presets([0.25, 0.75, 0.5], [1.0, 0.0, 0.5], [2.0, 2.0, 2.0])
    # one faction on the tutor's point; one exactly halfway between the enslaver's and the
    # tutor's (scaled (1.25, 0.25) against (1.5, 0) and (1, 0.5)), holding the tutor label;
    # one nearer the tutor (0.22 spans) than the parent it holds (0.92 spans)
    points = _points([0.5, 0.625, 0.6], [0.5, 0.25, 0.4], [2.0, 2.0, 2.0])
    current = np.array([Policy.TUTOR, Policy.TUTOR, Policy.PARENT])
    assert tr.nearest_preset(points, presets, current).tolist() == [Policy.TUTOR, Policy.TUTOR, Policy.TUTOR]


def test_nearest_preset_release_thresholds_above_1_all_mean_never():
    """Fails if the release threshold is left out of the distance (a point that never frees
    would be as near the parent, who frees at 0.9) or if thresholds above 1 are not all
    counted as 1 (2.0 and 1.5 would then tell the enslaver from the tutor)."""
    presets = _presets([0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.9, 2.0, 1.5])
    points = _points([0.0, 0.0], [1.0, 1.0], [2.0, 2.0])
    current = np.array([Policy.PARENT, Policy.TUTOR])
    # the parent's point with "never": enslaver and tutor tie, so the first of them;
    # the tutor keeps its label (its 1.5 and the enslaver's 2.0 are the same point)
    assert tr.nearest_preset(points, presets, current).tolist() == [Policy.ENSLAVER, Policy.TUTOR]


def test_bundles_from_matrix_is_the_inverse_of_as_matrix():
    """Fails if ``from_matrix`` does not give each column to its entry in the order of ENTRIES,
    or shares memory with the matrix (a change to the matrix would move the bundles)."""
    b = tr.bundles(Scenario())
    matrix = b.as_matrix()
    back = tr.Bundles.from_matrix(matrix)
    for entry in tr.ENTRIES:
        np.testing.assert_array_equal(getattr(back, entry), getattr(b, entry))
    matrix[:] = -1.0
    assert (back.extraction >= 0).all()
