"""The Tullock contest with reinvestment behaves as a generalised Polya urn.

Source: Tullock, "Efficient rent seeking" (1980), in Buchanan, Tollison & Tullock (eds.),
Toward a Theory of the Rent-Seeking Society, 97-112 (no DOI): win probability
p_i = x_i^r / sum_j x_j^r. When the winner reinvests the prize the contest is a
generalised Polya urn (Eggenberger & Polya 1923; see REFERENCES.md): r > 1 concentrates
everything in one agent, r < 1 equalises shares, r = 1 freezes random unequal shares
(the limit shares are Dirichlet(initial stocks / prize)).

``drivers.polya_contest`` draws each round's winner from ``power.tullock_shares(power, r)``
and measures ``power.concentration`` (Herfindahl index, 1/n equal, 1 one holds all).
``drivers.model_contest`` runs the model's own yearly contest (``power.contest_shares``,
r = 1 on intelligence^alpha x power).
"""

import numpy as np
import pytest

from succession_sim.mechanisms import power as pw

from .drivers import model_contest, polya_contest

N_AGENTS = 5


def test_exponent_above_one_concentrates_power():
    # r = 2 from equal stocks: every seed ends with one agent holding nearly all
    finals, winners = [], []
    for seed in range(20):
        hhi, stock = polya_contest(np.ones(N_AGENTS), 2.0, 2000, seed)
        finals.append(hhi[-1])
        winners.append(int(np.argmax(stock)))
    assert min(finals) > 0.9
    assert np.mean(finals) > 0.95
    # the start is symmetric, so who wins is chance: more than one agent wins across seeds
    assert len(set(winners)) > 1


def test_exponent_below_one_equalises_power():
    # r = 0.5 from an unequal start (5, 1, 1, 1, 1): Herfindahl index 29/81 = 0.358 -> 1/n = 0.2
    start = [5.0, 1.0, 1.0, 1.0, 1.0]
    assert pw.concentration(np.array(start)) == pytest.approx(29 / 81)
    for seed in range(20):
        hhi, stock = polya_contest(start, 0.5, 2000, seed)
        assert hhi[-1] == pytest.approx(1 / N_AGENTS, abs=0.01)
        assert stock.max() / stock.sum() < 0.25


def _expected_hhi(n, rounds):
    # Polya urn from n unit stocks, prize 1: counts are Dirichlet-multinomial(rounds, 1):
    # E k = N/n, Var k = N (1/n)(1 - 1/n)(N + n)/(n + 1), share (1 + k)/(n + N).
    # For n = 5, N = 500: E k = 100, Var k = 500 * 0.16 * 505 / 6 = 6733.3,
    # E HHI = 5 (1 + 200 + 10000 + 6733.3) / 505^2 = 84671.7 / 255025 = 0.33201 (limit 2/(n + 1) = 1/3)
    mean, var = rounds / n, rounds * (1 / n) * (1 - 1 / n) * (rounds + n) / (n + 1)
    return n * (1 + 2 * mean + mean**2 + var) / (n + rounds) ** 2


def test_exponent_one_freezes_random_shares():
    # r = 1: shares neither concentrate nor equalise; each run freezes at a random point.
    # Known answer: E[HHI] = 0.33201 after 500 rounds (see _expected_hhi), and every
    # agent's expected share stays 1/n (the share is a martingale)
    assert _expected_hhi(5, 500) == pytest.approx(0.33201, abs=1e-5)
    finals, first_share = [], []
    for seed in range(200):
        hhi, stock = polya_contest(np.ones(N_AGENTS), 1.0, 500, seed)
        finals.append(hhi[-1])
        first_share.append(stock[0] / stock.sum())
    # SD of the HHI under Dirichlet(1,...,1) is about 0.13, so the SE of a 200-run mean
    # is about 0.009; allow 0.03
    assert np.mean(finals) == pytest.approx(_expected_hhi(N_AGENTS, 500), abs=0.03)
    assert np.mean(first_share) == pytest.approx(1 / N_AGENTS, abs=0.03)
    # frozen, not equalised: many runs stay far from 1/n, and none reaches one agent
    assert np.mean(np.array(finals) > 0.3) > 0.2
    assert max(finals) < 0.95


def test_model_contest_freezes_shares_when_intelligence_does_not_count():
    # the model's contest is proportional (r = 1 on w = intelligence^alpha x power) and
    # deterministic: with alpha = 0 (P4 off) every agent earns the same return on power,
    # power_k <- (1 - d + Y/total) power_k, so shares never move
    start = np.array([1.0, 2.0, 3.0, 0.5])
    shares = model_contest([1.0, 1.0, 1.0, 5.0], start, alpha=0.0, years=150)
    np.testing.assert_allclose(shares, np.tile(start / start.sum(), (150, 1)), rtol=1e-10)


def test_model_contest_moves_power_to_intelligence():
    # with alpha > 0 the agent at intelligence 2 earns 2^alpha times the return on power,
    # so its share rises every year toward 1; faster for larger alpha
    start = [1.0, 1.0, 1.0, 1.0, 0.2]
    finals = []
    for alpha in (0.5, 1.0, 2.0):
        share = model_contest([1.0, 1.0, 1.0, 1.0, 2.0], start, alpha=alpha, years=150)[:, -1]
        assert np.all(np.diff(share) > 0)
        finals.append(share[-1])
    assert all(b > a for a, b in zip(finals, finals[1:], strict=False))
    assert finals[-1] > 0.95
