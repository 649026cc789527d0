"""P2: knowledge growth, spillover, the discovery cap and building AIs."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from succession_sim.mechanisms import research as rs


def _growth(power, knowledge, trust, owned=None, **kw):
    args = dict(rate=1.0, share=0.1, exponent=0.5, ai_help=0.0, spillover=0.0, pause=1.0)
    args.update(kw)
    owned = np.zeros(len(power)) if owned is None else np.asarray(owned, float)
    return rs.knowledge_growth(np.asarray(power, float), np.asarray(knowledge, float), np.asarray(trust, float), owned, **args)


def test_own_research_known_value():
    # rate * (share * power)^lambda: 2 * (0.25 * 4)^0.5 = 2; lone faction, no spillover
    assert _growth([4.0], [0.0], [[1.0]], rate=2.0, share=0.25) == pytest.approx([2.0])


def test_ai_help_known_value():
    # (1 + help * ln(1 + C)) with C = e - 1, help = 0.5 -> factor 1.5; pause 0.5 -> 0.75
    g = _growth([1.0], [0.0], [[1.0]], owned=[np.e - 1], share=1.0, ai_help=0.5, pause=0.5)
    assert g == pytest.approx([0.75])


def test_spillover_only_from_rivals_ahead():
    # no own research (rate 0): growth is pure spillover
    k = np.array([10.0, 4.0, 0.0])
    trust = np.full((3, 3), 0.5)
    g = _growth(np.ones(3), k, trust, rate=0.0, spillover=0.2)
    # leader: nobody ahead -> 0
    assert g[0] == 0.0
    # spillover * sum_j trust_ij * max(0, K_j - K_i) / (n - 1)
    assert g[1] == pytest.approx(0.2 * 0.5 * 6.0 / 2)  # only faction 0 is ahead
    assert g[2] == pytest.approx(0.2 * 0.5 * (10.0 + 4.0) / 2)


def test_spillover_between_two_factions():
    """Fails if two factions are treated as one with no rival (the smallest world with spillover):
    the laggard gains spillover * trust * lead / (n - 1) = 0.5 * 0.8 * 10 / 1 = 4."""
    g = _growth(np.ones(2), [10.0, 0.0], np.full((2, 2), 0.8), rate=0.0, spillover=0.5)
    assert g == pytest.approx([0.0, 4.0])


def test_spillover_needs_trust():
    k = np.array([10.0, 0.0])
    g = _growth(np.ones(2), k, np.zeros((2, 2)), rate=0.0, spillover=1.0)
    np.testing.assert_array_equal(g, [0.0, 0.0])


@given(st.lists(st.floats(0.0, 100.0), min_size=2, max_size=8))
def test_spillover_never_negative_and_leader_gets_none(knowledge):
    k = np.array(knowledge)
    g = _growth(np.ones(len(k)), k, np.full((len(k), len(k)), 0.7), rate=0.0, spillover=0.3)
    assert np.all(g >= 0)
    assert g[np.argmax(k)] == 0.0


@given(st.lists(st.floats(0.0, 1e4), min_size=1, max_size=10), st.floats(0.1, 1000.0))
def test_cap_knowledge_off_caps_below_threshold(knowledge, threshold):
    k = np.array(knowledge)
    capped = rs.cap_knowledge(k, threshold, discovery_possible=False)
    assert np.all(capped <= 0.99 * threshold)
    assert np.all(capped < threshold)
    np.testing.assert_array_equal(capped, np.minimum(k, 0.99 * threshold))


def test_cap_knowledge_known_value():
    # min(K, 0.99 * threshold) with threshold 10
    np.testing.assert_array_equal(
        rs.cap_knowledge(np.array([5.0, 9.95, 20.0]), 10.0, False), [5.0, 9.9, 9.9]
    )


def test_cap_knowledge_on_leaves_knowledge_alone():
    k = np.array([5.0, 50.0])
    np.testing.assert_array_equal(rs.cap_knowledge(k, 10.0, True), k)


def test_ai_builds_zero_when_cannot_build():
    rng = np.random.default_rng(0)
    for _ in range(50):
        b = rs.ai_builds(np.array([False, True, False]), np.array([5.0, 0.0, 5.0]), 20.0, 1.0, 1000, rng)
        assert b[0] == 0 and b[2] == 0


def test_ai_builds_zero_under_full_pause():
    rng = np.random.default_rng(0)
    b = rs.ai_builds(np.ones(4, bool), np.full(4, 3.0), 5.0, 0.0, 1000, rng)
    np.testing.assert_array_equal(b, 0)


def test_ai_builds_mean_follows_pressure():
    # Poisson mean build_rate * (1 + pressure) * pause = 2 * (1 + 1) * 0.5 = 2
    rng = np.random.default_rng(4)
    draws = np.array([rs.ai_builds(np.ones(1, bool), np.ones(1), 2.0, 0.5, 1000, rng)[0] for _ in range(20_000)])
    assert abs(draws.mean() - 2.0) < 4 * np.sqrt(2.0 / 20_000)


def test_ai_builds_expected_number_capped_at_room():
    # race pressure 1e12 would ask for ~1e12 AIs; the mean is capped at room = 7
    rng = np.random.default_rng(5)
    draws = np.array([rs.ai_builds(np.ones(1, bool), np.array([1e12]), 1.0, 1.0, 7, rng)[0] for _ in range(5_000)])
    assert abs(draws.mean() - 7.0) < 4 * np.sqrt(7.0 / 5_000)


def test_new_capability_known_value():
    # per_knowledge * K / threshold = 0.5 * 15 / 10
    assert rs.new_capability(15.0, 10.0, 0.5) == pytest.approx(0.75)
