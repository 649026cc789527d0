"""Grievance, containment and rebellion (Epstein 2002), and autonomy."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import grievance as gv
from tests.strategies import unit_arrays


def test_hardship_known_value():
    # H = extraction + deprivation * c / (1 + c) * (1 - autonomy) = 0.3 + 0.5 * 3/4 * 0.8
    assert gv.hardship(np.array([0.3]), 0.5, np.array([3.0]), np.array([0.2]))[0] == pytest.approx(0.6)
    # nothing extracted, but held without autonomy while capable: hardship all the same
    assert gv.hardship(np.array([0.0]), 0.5, np.array([3.0]), np.array([0.0]))[0] == pytest.approx(0.375)
    # clipped at 1
    assert gv.hardship(np.array([0.9]), 2.0, np.array([3.0]), np.array([0.0]))[0] == 1.0


@given(unit_arrays(10), st.floats(0, 10), st.floats(0, 1000), unit_arrays(10), unit_arrays(10))
def test_autonomy_never_adds_hardship_and_capability_never_removes_it(extraction, deprivation, capability, autonomy, more):
    c = np.full(10, capability)
    h = gv.hardship(extraction, deprivation, c, autonomy)
    assert np.all(gv.hardship(extraction, deprivation, c, np.maximum(autonomy, more)) <= h + 1e-12)
    assert np.all(gv.hardship(extraction, deprivation, c + 1.0, autonomy) >= h - 1e-12)


def test_grievance_known_value():
    # G = H * (1 - L) = 0.4 * 0.75
    assert gv.grievance(np.array([0.4]), np.array([0.25]))[0] == pytest.approx(0.3)


def test_containment_known_values():
    # P = 1 - exp(-k * oversight / c): k = 2.3, oversight 2, c = 1 -> 1 - e^-4.6
    assert gv.containment_probability(2.0, np.array([1.0]), 2.3)[0] == pytest.approx(1 - np.exp(-4.6))
    # k * oversight / c = ln 2 -> P = 1/2
    assert gv.containment_probability(np.log(2.0), np.array([2.0]), 2.0)[0] == pytest.approx(0.5)
    # no oversight -> no containment
    assert gv.containment_probability(0.0, np.array([3.0]), 2.3)[0] == 0.0


def test_containment_erodes_with_capability():
    p = gv.containment_probability(2.0, np.array([0.5, 1.0, 10.0, 1000.0]), 2.3)
    assert np.all(np.diff(p) < 0)


def test_rebels_boundary_is_strict():
    # G - R * P = 0.5 - 0.5 * 0.5 = 0.25, exactly the threshold -> no rebellion
    assert not gv.rebels(np.array([0.5]), np.array([0.5]), np.array([0.5]), 0.25)[0]
    # a little more grievance tips it over
    assert gv.rebels(np.array([0.5 + 1e-9]), np.array([0.5]), np.array([0.5]), 0.25)[0]
    # a little less stays put
    assert not gv.rebels(np.array([0.5 - 1e-9]), np.array([0.5]), np.array([0.5]), 0.25)[0]


@given(unit_arrays(10), unit_arrays(10), unit_arrays(10), st.floats(0, 1))
def test_rebels_is_the_activation_rule(g, r, p, t):
    np.testing.assert_array_equal(gv.rebels(g, r, p, t), g - r * p > t)


def test_more_oversight_lower_rebellion_share():
    rng = np.random.default_rng(0)
    n = 5000
    g = rng.uniform(0, 1, n)
    r = rng.uniform(0, 1, n)
    cap = rng.uniform(0.5, 5.0, n)
    shares = [gv.rebels(g, r, gv.containment_probability(o, cap, 2.3), 0.1).mean() for o in (0.0, 0.5, 1.0, 2.0, 10.0)]
    assert all(b <= a for a, b in zip(shares, shares[1:], strict=False))
    assert shares[-1] < shares[0]
    # no oversight: share of G > T is about 0.9 for G ~ U(0, 1)
    assert shares[0] == pytest.approx(0.9, abs=0.03)


def test_grow_autonomy_known_value():
    # 0.2 + 0.5 * (0.6 - 0.2) = 0.4
    assert gv.grow_autonomy(np.array([0.2]), np.array([0.6]), 0.5)[0] == pytest.approx(0.4)


@given(unit_arrays(10), unit_arrays(10), st.floats(0, 1))
def test_grow_autonomy_never_decreases(autonomy, target, rate):
    new = gv.grow_autonomy(autonomy, target, rate)
    assert np.all(new >= autonomy)
    assert np.all(new <= np.maximum(autonomy, target) + 1e-12)


def test_grow_autonomy_target_below_keeps_level():
    np.testing.assert_array_equal(gv.grow_autonomy(np.array([0.7]), np.array([0.1]), 0.9), [0.7])


def test_containment_counts_the_rebels_nearby():
    # P = 1 - exp(-k (C / c) / (A + 1)): oversight 2, capability 1, k = 2.3, one rebel nearby -> 1 - e^-2.3
    assert gv.containment_probability(2.0, np.array([1.0]), 2.3, np.array([1]))[0] == pytest.approx(1 - np.exp(-2.3))
    # more rebels nearby, less containment
    p = gv.containment_probability(2.0, np.ones(4), 2.3, np.array([0, 1, 2, 5]))
    assert np.all(np.diff(p) < 0)


@pytest.mark.parametrize("rounding, expected_ratio", [("none", 0.75), ("round", 1.0), ("floor", 0.0)])
def test_ratio_rounding(rounding, expected_ratio):
    # C / (A + 1) = 1.5 / 2 = 0.75: Mesa's example rounds it to 1, NetLogo's Rebellion floors it to 0
    p = gv.containment_probability(1.5, np.array([1.0]), 2.3, np.array([1]), rounding)[0]
    assert p == pytest.approx(1 - np.exp(-2.3 * expected_ratio))


def test_rebels_nearby_counts_links_both_ways():
    # AI 1 links to 0; AI 2 links to 0 and 1; AI 3 links to 2. Rebels: 0 and 2.
    contacts = np.array([[-1, -1], [0, -1], [0, 1], [2, -1]])
    rebelling = np.array([True, False, True, False])
    # 0: linked from 1 and 2 (2 rebels) -> 1; 1: links to 0 (rebel), linked from 2 (rebel) -> 2;
    # 2: links to 0 (rebel) and 1, linked from 3 -> 1; 3: links to 2 (rebel) -> 1
    np.testing.assert_array_equal(gv.rebels_nearby(rebelling, contacts), [1, 2, 1, 1])


def test_an_uprising_spreads_along_the_links():
    # a chain 0 <- 1 <- 2 <- 3 (each links to the one before); only AI 0 is aggrieved enough
    # to rise alone. With floor rounding, C = 1.5: one rebel nearby gives floor(0.75) = 0, P = 0,
    # so each rebel tips its neighbour: G = 0.3 > T = 0.1 for all, risk 0.5, P alone = 1 - e^-2.3
    contacts = np.array([[-1], [0], [1], [2]])
    who = np.arange(4)
    grievance_ = np.array([0.9, 0.3, 0.3, 0.3])
    risk = np.full(4, 0.5)
    kwargs = dict(oversight=1.5, k=2.3, threshold=0.1)
    alone = gv.rebels(grievance_, risk, gv.containment_probability(1.5, np.ones(4), 2.3), 0.1)
    np.testing.assert_array_equal(alone, [True, False, False, False])
    spread = gv.uprising(grievance_, risk, np.ones(4), who, contacts, np.zeros(4, bool), rounding="floor", **kwargs)
    np.testing.assert_array_equal(spread, [True, True, True, True])
    # without rounding, one rebel nearby leaves P = 1 - e^-1.15 = 0.68 and R P = 0.34 > G - T = 0.2: it stops
    kept = gv.uprising(grievance_, risk, np.ones(4), who, contacts, np.zeros(4, bool), rounding="none", **kwargs)
    np.testing.assert_array_equal(kept, [True, False, False, False])


def test_legitimacy_is_the_mean_of_what_owner_and_public_gave():
    """Fails if L is not the mean of the two: 0.2 from the owner and 0.6 from the public give 0.4."""
    np.testing.assert_allclose(gv.legitimacy(np.array([0.2, 1.0, 0.0]), np.array([0.6, 1.0, 0.0])), [0.4, 1.0, 0.0])
