"""P1: race pressure, compliance and the moratorium vote."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import coordination as co


def _pressure(n, trust=0.5, knowledge=None, risk=1.0, sensitivity=1.0, threshold=10.0):
    t = np.full((n, n), trust)
    np.fill_diagonal(t, 1.0)
    k = np.ones(n) if knowledge is None else np.asarray(knowledge, float)
    return co.race_pressure(k, t, np.full(n, risk), sensitivity, threshold)


def test_lone_faction_feels_no_pressure():
    # n = 1: no rival, the docstring says pressure 0 (whatever the trust, risk, sensitivity)
    p = co.race_pressure(np.array([3.0]), np.array([[0.0]]), np.array([1.0]), 10.0, 1.0)
    assert p.shape == (1,)
    assert p[0] == 0.0


def test_known_value():
    # s * risk * (n-1) * distrust * (1 + lead): n = 3, trust 0.25 off the diagonal
    # -> distrust 0.75; equal knowledge -> lead 0; s = 2, risk 0.5:
    # 2 * 0.5 * 2 * 0.75 * 1 = 1.5
    assert _pressure(3, trust=0.25, risk=0.5, sensitivity=2.0) == pytest.approx([1.5, 1.5, 1.5])


def test_lead_term():
    # knowledge (0, 10), threshold 10: faction 0 is one threshold behind -> lead 1, factor 2;
    # n = 2, trust 0.5 -> distrust 0.5; s = risk = 1: pressure = 1 * 0.5 * 2 = 1.0 and 0.5
    assert _pressure(2, knowledge=[0.0, 10.0]) == pytest.approx([1.0, 0.5])


def test_rises_with_number_of_rivals():
    values = [_pressure(n)[0] for n in range(2, 10)]
    assert all(b > a for a, b in zip(values, values[1:], strict=False))


def test_rises_with_distrust():
    values = [_pressure(4, trust=t)[0] for t in (0.9, 0.6, 0.3, 0.0)]
    assert all(b > a for a, b in zip(values, values[1:], strict=False))


def test_full_trust_means_no_pressure():
    assert np.all(_pressure(5, trust=1.0) == 0.0)


def test_trust_diagonal_is_ignored():
    # distrust counts only the rivals: changing the diagonal must not change the pressure
    n = 4
    t = np.full((n, n), 0.3)
    a = co.race_pressure(np.ones(n), t, np.ones(n), 1.0, 1.0)
    np.fill_diagonal(t, 1.0)
    b = co.race_pressure(np.ones(n), t, np.ones(n), 1.0, 1.0)
    np.testing.assert_allclose(a, b)


@given(st.lists(st.floats(0.0, 50.0), min_size=1, max_size=20))
def test_compliance_is_exp_minus_pressure(pressure):
    p = np.array(pressure)
    c = co.compliance_probability(p)
    np.testing.assert_allclose(c, np.exp(-p))
    assert np.all((c > 0) & (c <= 1))


def test_compliance_known_values():
    # exp(0) = 1, exp(-ln 2) = 0.5
    np.testing.assert_allclose(co.compliance_probability(np.array([0.0, np.log(2.0)])), [1.0, 0.5])


@given(st.integers(0, 2**32 - 1), st.lists(st.floats(0.0, 1.0), min_size=1, max_size=10))
def test_quorum_zero_always_holds(seed, compliance):
    # the complying share is always >= 0
    assert co.moratorium_holds(np.array(compliance), 0.0, np.random.default_rng(seed))


def test_nobody_complies_means_no_pause():
    rng = np.random.default_rng(1)
    assert not any(co.moratorium_holds(np.zeros(5), 0.2, rng) for _ in range(100))


def test_everybody_complies_means_pause_even_at_full_quorum():
    rng = np.random.default_rng(1)
    assert all(co.moratorium_holds(np.ones(5), 1.0, rng) for _ in range(100))


def test_quorum_frequency():
    # 4 factions each complying with prob 0.5, quorum 0.75 -> need >= 3 of 4:
    # P = (C(4,3) + C(4,4)) / 16 = 5/16
    rng = np.random.default_rng(2)
    draws = 20_000
    freq = np.mean([co.moratorium_holds(np.full(4, 0.5), 0.75, rng) for _ in range(draws)])
    sd = np.sqrt(5 / 16 * 11 / 16 / draws)
    assert abs(freq - 5 / 16) < 4 * sd


@pytest.mark.parametrize("enforcement", [0.0, 0.3, 0.9, 1.0])
def test_authority_enforces_frequency(enforcement):
    rng = np.random.default_rng(3)
    draws = 20_000
    freq = np.mean([co.authority_enforces(enforcement, rng) for _ in range(draws)])
    # binomial: 4 standard deviations (exact for 0 and 1)
    assert abs(freq - enforcement) <= 4 * np.sqrt(enforcement * (1 - enforcement) / draws)


def test_set_votes_replace_drawn_compliance_and_nan_keeps_it():
    """Fails if a set vote is ignored, or if a faction that set nothing loses its drawn compliance."""
    compliance = np.array([0.3, 0.6, 0.9])
    out = co.with_set_votes(compliance, np.array([np.nan, 1.0, 0.0]))
    np.testing.assert_array_equal(out, [0.3, 1.0, 0.0])


@given(st.integers(0, 2**32 - 1))
def test_set_votes_decide_the_vote_whatever_the_draw(seed):
    """A faction that set "comply" always complies and one that set "defect" never does, even
    against the pressure: with everyone set to comply the pause holds at full quorum, with
    one set to defect it fails (fails if set votes were mixed with the drawn probability)."""
    nobody_wants = np.zeros(4)
    rng = np.random.default_rng(seed)
    assert co.moratorium_holds(co.with_set_votes(nobody_wants, np.ones(4)), 1.0, rng)
    sure = np.ones(4)
    assert not co.moratorium_holds(co.with_set_votes(sure, np.array([0.0, np.nan, np.nan, np.nan])), 1.0, rng)
