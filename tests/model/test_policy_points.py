"""Factions hold points: the race copies points, and mutation lets them drift in the space."""

import numpy as np

from succession_sim import SuccessionModel, load_scenario
from succession_sim.mechanisms.treatment import ENTRIES, RANGES


def _race(**overrides):
    return SuccessionModel(load_scenario("race_to_the_bottom", steps=60, **overrides))


def test_without_mutation_every_faction_holds_a_preset_point():
    """Fails if copying blends points or moves a value when policy_mutation = 0."""
    model = _race(seed=1)
    presets = model.bundles.as_matrix()
    for _ in range(60):
        model.step()
        points = model.factions.point.as_matrix()
        on_preset = (points[:, None, :] == presets[None, :, :]).all(axis=2)
        assert on_preset.any(axis=1).all()
        # the label is the preset the faction stands on
        assert (presets[model.factions.policy] == points).all()
    assert model.history.policy_switches_total > 0  # the race did copy


def test_with_mutation_points_spread_inside_their_ranges_and_are_reported():
    """Fails if mutation does nothing, leaves a range, or the reporters and summary do not
    read the factions' points."""
    model = _race(seed=1, policy_mutation=0.05)
    frame = model.run()
    summary = model.summary()
    points = model.factions.point.as_matrix()
    low, high = np.array([RANGES[e] for e in ENTRIES]).T
    assert ((points >= low) & (points <= high)).all()
    assert len(np.unique(points[:, 0])) > 2  # extraction left the two presets' values
    for j, entry in enumerate(ENTRIES):
        assert np.isclose(summary["policy_mean"][entry], points[:, j].mean(), rtol=1e-12, atol=0)
        assert np.isclose(summary["policy_spread"][entry], points[:, j].std(), rtol=1e-12, atol=1e-15)
        assert np.isclose(frame[f"policy_mean_{entry}"].iloc[-1], points[:, j].mean(), rtol=1e-12, atol=0)
    shares = summary["parent_share"] + summary["enslaver_share"] + summary["tutor_share"]
    assert np.isclose(shares, 1.0)


def test_same_seed_same_drift():
    a, b = _race(seed=2, policy_mutation=0.05), _race(seed=2, policy_mutation=0.05)
    a.run(), b.run()
    np.testing.assert_array_equal(a.factions.point.as_matrix(), b.factions.point.as_matrix())
