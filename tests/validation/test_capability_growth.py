"""Capability growth: phi > 1 is faster than exponential, phi = 1 exponential, capped by the ceiling.

Source: the growth law dc/dt = g c^phi of endogenous-growth models (Jones, "R&D-based
models of economic growth", J. Political Economy 103 (1995) 759-784,
doi:10.1086/262002, as an analogy; and the takeoff models named in docs/ODD.md, 7.3). For phi = 1
the solution is exponential; for phi > 1 it blows up in finite time
t* = c0^(1-phi) / (g (phi - 1)). ``capability.grow`` is its yearly (Euler) step
c <- min(c + g c^phi compute pause, ceiling), so the ratio c(t+1)/c(t) = 1 + g c^(phi-1).
The source is an analogy, so every test here checks the model's own formula, not a
published number.
"""

import math

import numpy as np
import pytest

from succession_sim.mechanisms import capability as cp

from .drivers import capability_path, continuous_hitting_time

G = 0.05  # the model's default capability_growth


def test_phi_one_is_exponential():
    """Own formula: at phi = 1 the Euler step grows by exactly 1 + g a year (no published number)."""
    # ratio = 1 + g exactly, every year; reaches 1000 in ceil(ln 1000 / ln 1.05) =
    # ceil(6.907755 / 0.048790) = ceil(141.58) = 142 years
    path = capability_path(1.0, 140, phi=1.0)
    np.testing.assert_allclose(path[1:] / path[:-1], 1 + G, rtol=1e-12)
    capped = capability_path(1.0, 200, phi=1.0, ceiling=1000.0)
    assert int(np.argmax(capped >= 1000.0)) == 142


def test_phi_above_one_is_faster_than_exponential():
    """Own formula: at phi = 1.2 the yearly ratio is 1 + g c^0.2 and rises (no published number)."""
    # phi = 1.2: ratio 1 + g c^0.2 rises every year while c grows
    path = capability_path(1.0, 78, phi=1.2)
    ratio = path[1:] / path[:-1]
    assert np.all(np.diff(ratio) > 0)
    np.testing.assert_allclose(ratio, 1 + G * path[:-1] ** 0.2, rtol=1e-12)
    assert path[-1] > capability_path(1.0, 78, phi=1.0)[-1]


def test_phi_above_one_reaches_any_level_in_finite_time():
    """Own formula against the continuous law dc/dt = g c^phi (Jones (1995), doi:10.1086/262002, as an analogy): the
    ceiling is reached in finite time, no earlier than the continuous solution."""
    # continuous time from 1 to 1000 at phi = 1.2: (1 - 1000^-0.2) / (0.05 * 0.2)
    # = (1 - 0.251189) / 0.01 = 74.88 years (and the blow-up time is 1 / 0.01 = 100 years).
    # The yearly Euler step lags the continuous solution (the growth rate rises within the
    # year), so the ceiling is reached at or after 74.88 years, but still in finite time.
    assert continuous_hitting_time(1.0, 1000.0, G, 1.2) == pytest.approx(74.8811, abs=1e-3)
    path = capability_path(1.0, 300, phi=1.2, ceiling=1000.0)
    hit = int(np.argmax(path >= 1000.0))
    assert path[hit] == 1000.0
    assert 74.88 <= hit < 100


def test_phi_below_one_is_slower_than_exponential():
    """Own formula: at phi = 0.8 the yearly ratio falls (no published number)."""
    path = capability_path(1.0, 150, phi=0.8)
    ratio = path[1:] / path[:-1]
    assert np.all(np.diff(ratio) < 0)


@pytest.mark.parametrize("phi", [0.5, 1.0, 1.2, 2.0, 3.0])
@pytest.mark.parametrize("ceiling", [1.0, 10.0, 1000.0])
def test_never_passes_the_ceiling(phi, ceiling):
    """Own formula: capability never exceeds the ceiling and stays there once reached (ODD 7.3)."""
    # whatever the returns and the compute, capability never exceeds the ceiling; once
    # reached it stays there exactly
    path = capability_path(0.5, 400, phi=phi, ceiling=ceiling, compute=5.0)
    assert path.max() <= ceiling
    reached = np.flatnonzero(path >= ceiling)
    assert len(reached) > 0
    assert np.all(path[reached[0]:] == ceiling)


def test_ceiling_one_is_premise_three_off():
    """Own formula: P3 off is a ceiling at human level 1.0 (ODD 7.3). (The last assertion, that the
    two values are finite, cannot fail once the first holds.)"""
    # P3 off sets the ceiling to human level 1.0: an AI born at 0.9 stops at 1.0, one
    # already above it (e.g. 1.0 exactly) does not move
    out = cp.grow(np.array([0.9, 1.0]), np.array([10.0, 10.0]), growth=G, phi=1.2, pause=1.0, ceiling=1.0)
    np.testing.assert_array_equal(out, [1.0, 1.0])
    assert math.isfinite(out.sum())
