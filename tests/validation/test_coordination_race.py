"""Race pressure and the moratorium vote follow the direction of Armstrong et al. (2016).

Source: Armstrong, Bostrom & Shulman, "Racing to the precipice: a model of artificial
intelligence development", AI & Society 31 (2016) 201-206, doi:10.1007/s00146-015-0590-y.
Their result, in direction: risk-taking rises with the number of teams and with enmity
between them. The model borrows only this direction (its functional form is its own):
``coordination.race_pressure`` -> ``compliance_probability`` -> ``moratorium_holds``.

``drivers.moratorium_hold_share`` draws many independent worlds as the model initialises
them (risk tolerance ~ U(0, 1), knowledge around 0.3 of the threshold) and counts how
often the moratorium holds.
"""

import math

import numpy as np
import pytest

from succession_sim.mechanisms import coordination as co

from .drivers import moratorium_hold_share

DRAWS = 2000


def test_known_hold_probability():
    """Own formula: n = 3, trust 0.5, risk tolerance 1: the pause holds with probability e^-1.5 (ODD 7.1)."""
    # hand computation: n = 3, trust 0.5 toward each rival (distrust 0.5), risk tolerance 1,
    # sensitivity 0.5, equal knowledge (lead 0): pressure = 0.5 * 1 * 2 * 0.5 * 1 = 0.5,
    # compliance = e^-0.5 = 0.606531. Quorum 0.8 of 3 needs all 3 (2/3 < 0.8):
    # P(hold) = e^-1.5 = 0.223130
    trust = np.full((3, 3), 0.5)
    np.fill_diagonal(trust, 1.0)
    pressure = co.race_pressure(np.ones(3), trust, np.ones(3), 0.5, 10.0)
    np.testing.assert_allclose(pressure, 0.5)
    compliance = co.compliance_probability(pressure)
    np.testing.assert_allclose(compliance, math.exp(-0.5))
    rng = np.random.default_rng(0)
    share = np.mean([co.moratorium_holds(compliance, 0.8, rng) for _ in range(20_000)])
    # binomial SE sqrt(0.223 * 0.777 / 20000) = 0.0029; allow 4 SE
    assert share == pytest.approx(math.exp(-1.5), abs=0.012)


def test_more_rivals_lower_compliance():
    """Published finding (direction): more rivals, more racing; here lower compliance
    (Armstrong, Bostrom & Shulman (2016), doi:10.1007/s00146-015-0590-y)."""
    # each faction's chance to comply falls with the number of rivals: (n - 1) multiplies pressure
    means = []
    for n in range(2, 13):
        rng = np.random.default_rng(n)
        t = np.full((n, n), 0.6)
        np.fill_diagonal(t, 1.0)
        c = [co.compliance_probability(co.race_pressure(np.full(n, 3.0), t, rng.uniform(0, 1, n), 0.5, 10.0)).mean()
             for _ in range(200)]
        means.append(np.mean(c))
    assert all(b < a for a, b in zip(means, means[1:], strict=False))


def test_more_rivals_fewer_pauses_under_unanimity():
    """Published finding (direction): more rivals, fewer pauses, under unanimity (Armstrong, Bostrom &
    Shulman (2016), doi:10.1007/s00146-015-0590-y)."""
    # with a unanimity quorum the required share is the same (all) for every n, and the
    # moratorium holds less often with every added rival
    shares = [moratorium_hold_share(n, 0.6, DRAWS, seed=n, quorum=1.0) for n in range(2, 8)]
    assert all(b < a for a, b in zip(shares, shares[1:], strict=False))


def test_more_rivals_fewer_pauses_at_the_default_quorum():
    """Published finding (direction): more rivals, fewer pauses, at the default quorum
    (Armstrong, Bostrom & Shulman (2016), doi:10.1007/s00146-015-0590-y)."""
    # at quorum 0.8, n = 5, 10, 15, 20 need exactly 80% of the factions to comply;
    # trust 0.9 keeps the shares away from 0 so the comparison is strict
    shares = [moratorium_hold_share(n, 0.9, DRAWS, seed=n) for n in (5, 10, 15, 20)]
    assert all(b < a for a, b in zip(shares, shares[1:], strict=False))


def test_integer_quorum_makes_the_hold_share_saw_toothed():
    """Own formula: a departure from the published direction that the quorum rule causes
    (five factions hold a pause more often than four; docs/validation.md, section 3)."""
    # a documented departure from a smooth "more teams, more risk": with quorum 0.8,
    # n = 4 needs 4 of 4 (3/4 < 0.8) but n = 5 needs only 4 of 5, so five rivals hold a
    # moratorium more often than four (docs/validation.md, coordination)
    assert moratorium_hold_share(5, 0.6, DRAWS, seed=1) > moratorium_hold_share(4, 0.6, DRAWS, seed=2)


@pytest.mark.parametrize("n", [2, 5, 10])
def test_less_trust_fewer_pauses(n):
    """Published finding (direction): more enmity, more racing; here fewer pauses (Armstrong, Bostrom &
    Shulman (2016), doi:10.1007/s00146-015-0590-y)."""
    # enmity (1 - trust) raises pressure: the hold share rises with trust, strictly where it
    # is away from 0, and with full trust there is no pressure and the pause always holds
    trusts = (0.0, 0.3, 0.6, 0.8, 0.9)
    shares = [moratorium_hold_share(n, t, DRAWS, seed=100 + n) for t in trusts]
    assert all(b >= a for a, b in zip(shares, shares[1:], strict=False))
    assert shares[-1] > shares[0] + 0.3
    positive = [s for s in shares if s > 0.01]
    assert all(b > a for a, b in zip(positive, positive[1:], strict=False))
    assert moratorium_hold_share(n, 1.0, 200, seed=0) == 1.0
