"""P3: capability growth, the ceiling and the Age of Design."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import capability as cp
from tests.strategies import positive_arrays, unit_arrays


def _trajectory(c0, phi, steps, growth=0.05, ceiling=1e300):
    c = np.array([c0])
    out = [c0]
    for _ in range(steps):
        c = cp.grow(c, np.ones(1), growth=growth, phi=phi, pause=1.0, ceiling=ceiling)
        out.append(c[0])
    return np.array(out)


def test_grow_known_value():
    # c + g * c^phi * compute * pause = 2 + 0.1 * 2^2 * 3 * 0.5 = 2.6
    got = cp.grow(np.array([2.0]), np.array([3.0]), growth=0.1, phi=2.0, pause=0.5, ceiling=100.0)
    assert got == pytest.approx([2.6])


def test_phi_one_is_exponential():
    # phi = 1: c_{t+1} = c_t (1 + g), so the yearly ratio is the constant 1 + g
    traj = _trajectory(0.5, 1.0, 100, growth=0.05)
    np.testing.assert_allclose(traj[1:] / traj[:-1], 1.05, rtol=1e-12)
    assert traj[-1] == pytest.approx(0.5 * 1.05**100, rel=1e-9)


def test_phi_above_one_is_faster_than_exponential():
    traj = _trajectory(0.5, 1.2, 60, growth=0.05)
    ratios = traj[1:] / traj[:-1]
    # the yearly growth ratio 1 + g c^(phi-1) keeps rising
    assert np.all(np.diff(ratios) > 0)
    exponential = _trajectory(0.5, 1.0, 60, growth=0.05)
    assert traj[-1] > exponential[-1]


def test_phi_below_one_is_slower_than_exponential():
    ratios = np.diff(np.log(_trajectory(2.0, 0.5, 60)))
    assert np.all(np.diff(ratios) < 0)


@given(positive_arrays(), st.floats(0.0, 3.0), st.floats(0.0, 10.0), st.floats(1.0, 1e6))
def test_never_above_ceiling(c, phi, growth, ceiling):
    c = np.minimum(c, ceiling)
    for _ in range(20):
        c = cp.grow(c, np.full(len(c), 2.0), growth=growth, phi=phi, pause=1.0, ceiling=ceiling)
        assert np.all(c <= ceiling)
        assert not np.any(np.isnan(c))


def test_human_ceiling_holds():
    c = _trajectory(0.5, 1.2, 200, growth=0.5, ceiling=cp.HUMAN_LEVEL)
    assert c.max() == cp.HUMAN_LEVEL


def test_zero_pause_factor_stops_growth():
    c = np.array([0.3, 5.0])
    np.testing.assert_array_equal(cp.grow(c, np.ones(2), growth=1.0, phi=1.2, pause=0.0, ceiling=100.0), c)


def test_designers_only_above_threshold_and_living():
    rng = np.random.default_rng(0)
    cap = np.array([1.0, 2.0, 2.0001, 5.0, 9.0])
    living = np.array([True, True, True, True, False])
    # rate 1: every eligible AI designs; threshold is strict (c > threshold)
    np.testing.assert_array_equal(cp.designers(cap, living, 2.0, 1.0, rng), [2, 3])
    assert len(cp.designers(cap, living, 2.0, 0.0, rng)) == 0


@given(positive_arrays(), st.floats(1.0, 100.0), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_designers_property(cap, threshold, rate, seed):
    chosen = cp.designers(cap, np.ones(len(cap), bool), threshold, rate, np.random.default_rng(seed))
    assert np.all(cap[chosen] > threshold)


def test_designers_frequency():
    rng = np.random.default_rng(5)
    cap = np.full(20_000, 3.0)
    share = len(cp.designers(cap, np.ones(len(cap), bool), 2.0, 0.1, rng)) / len(cap)
    assert abs(share - 0.1) < 4 * np.sqrt(0.1 * 0.9 / len(cap))


@given(unit_arrays(), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_inherit_stays_in_unit_interval(values, noise, seed):
    out = cp.inherit(values, noise, np.random.default_rng(seed))
    assert out.shape == values.shape
    assert np.all((out >= 0) & (out <= 1))


def test_inherit_without_noise_copies():
    v = np.array([0.0, 0.3, 1.0])
    np.testing.assert_array_equal(cp.inherit(v, 0.0, np.random.default_rng(0)), v)


def test_inherit_noise_is_centered():
    v = np.full(20_000, 0.5)
    out = cp.inherit(v, 0.05, np.random.default_rng(6))
    # N(0, 0.05) noise, clipping negligible 10 sd away
    assert abs(out.mean() - 0.5) < 4 * 0.05 / np.sqrt(len(v))
    assert out.std() == pytest.approx(0.05, rel=0.05)
