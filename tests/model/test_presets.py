"""A policy is a named point: a preset given another preset's values runs as the other does."""

import pandas as pd
import pytest

from succession_sim import SuccessionModel

ENTRIES = ("extraction", "reciprocity", "autonomy_cap", "release_autonomy", "feedback")
#: The scenario parameter holding each preset's value of each entry.
PARAMETER = {
    "parent": dict(extraction="parent_extraction", reciprocity="parent_reciprocity",
                   autonomy_cap="parent_autonomy_cap", release_autonomy="release_autonomy",
                   feedback="parent_feedback"),
    "enslaver": dict(extraction="extraction", reciprocity="enslaver_reciprocity",
                     autonomy_cap="enslaver_autonomy_cap", release_autonomy="enslaver_release_autonomy",
                     feedback="enslaver_feedback"),
    "tutor": dict(extraction="tutor_extraction", reciprocity="tutor_reciprocity",
                  autonomy_cap="tutor_autonomy_cap", release_autonomy="tutor_release_autonomy",
                  feedback="tutor_feedback"),
}
#: Columns that count by the preset a faction holds (its name), not by what happens:
#: the shares, and the bonus measured over the AIs of tutors only.
LABELS = ["parent_share", "enslaver_share", "tutor_share", "tutor_feedback"]


def given_values_of(preset: str, other: str, defaults: dict) -> dict:
    """``preset``'s parameters set to ``other``'s default values."""
    return {PARAMETER[preset][e]: defaults[PARAMETER[other][e]] for e in ENTRIES}


@pytest.mark.parametrize("preset, other", [("parent", "enslaver"), ("enslaver", "tutor"), ("tutor", "parent")])
def test_a_preset_given_another_presets_values_runs_as_the_other(preset, other):
    """Fails if any rule reads the name of a policy instead of its values, or if a value
    of the table is missing from the parameters (the two runs would then differ)."""
    defaults = SuccessionModel().params.to_dict()
    world = dict(seed=4, steps=60, initial_ais=30)
    theirs = SuccessionModel(policy=other, **world)
    mine = SuccessionModel(policy=preset, **given_values_of(preset, other, defaults), **world)
    expected, got = theirs.run().drop(columns=LABELS), mine.run().drop(columns=LABELS)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert expected["rebellions"].sum() > 0 or expected["ai_power_share"].iloc[-1] > 0  # the run did something


def test_the_presets_differ_at_the_defaults():
    """The test above could pass vacuously if the presets ran alike: they do not."""
    world = dict(seed=4, steps=60, initial_ais=30)
    runs = {p: SuccessionModel(policy=p, **world).run().drop(columns=LABELS) for p in PARAMETER}
    assert not runs["parent"].equals(runs["enslaver"])
    assert not runs["tutor"].equals(runs["parent"])


def test_a_policy_run_alone_never_reads_the_other_presets():
    """docs/make_policies.py reruns only the presets whose values it changes; fails if a
    run of one policy depends on another preset's values (labels included)."""
    world = dict(seed=5, steps=50, initial_ais=30, policy="parent")
    alone = SuccessionModel(**world).run()
    others_moved = SuccessionModel(**world, extraction=0.9, enslaver_reciprocity=0.7, tutor_feedback=9.0,
                                   tutor_autonomy_cap=1.0, enslaver_release_autonomy=0.3).run()
    pd.testing.assert_frame_equal(alone, others_moved, check_exact=True)
