"""Compute: AIs are paid for with power."""

import numpy as np

from succession_sim.mechanisms import compute


def test_training_cost_is_proportional_to_capability():
    np.testing.assert_allclose(compute.training_cost(np.array([0.5, 2.0]), 0.01), [0.005, 0.02])


def test_affordable_count_known_values():
    # budget half the power: power 1 -> 0.5; unit cost 0.2 -> at most 2 AIs
    counts = compute.affordable_count(np.array([1.0, 1.0, 0.0]), np.array([0.2, 0.2, 0.2]), np.array([5, 1, 3]), 0.5)
    np.testing.assert_array_equal(counts, [2, 1, 0])


def test_can_afford_within_half_the_power():
    np.testing.assert_array_equal(compute.can_afford(np.array([1.0, 1.0]), np.array([0.5, 0.5000001]), 0.5), [True, False])
