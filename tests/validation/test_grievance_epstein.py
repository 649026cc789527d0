"""Grievance and rebellion reproduce Epstein's activation rule (docs/validation.md, section 1).

Source: Epstein, "Modeling civil violence: An agent-based computational approach",
PNAS 99 (2002) 7243-7250, doi:10.1073/pnas.092080199. Grievance G = H (1 - L); estimated
arrest probability P = 1 - exp(-k C/A) with k = 2.3 so that P ~ 0.9 at C = A = 1; an
agent turns active iff G - R P > T, T = 0.1, with risk aversion R ~ U(0, 1).

Here the containment mechanism is isolated: ``drivers.rebellion_share`` runs the model's
own stage-6 chain (grievance.hardship -> grievance.grievance ->
grievance.containment_probability -> grievance.rebels) over 10,000 contained AIs whose
risk aversion is drawn U(0, 1). For R ~ U(0, 1) the rebelling share has the closed form
clip((G - T) / P, 0, 1), which the tests use as the known answer.
"""

import math

import numpy as np
import pytest

from succession_sim.mechanisms import grievance as gv

from .drivers import expected_rebellion_share, rebellion_share

K, T = 2.3, 0.1  # Epstein's k and threshold, also the model's defaults
N = 10_000
# binomial standard error of a share from 10,000 AIs is at most 0.005; allow 4 SE
TOL = 0.02


def test_epstein_k_gives_p_of_0_9_at_ratio_one():
    # Epstein 2002: k = 2.3 makes P = 1 - e^-2.3 = 1 - 0.100259 = 0.899741 when C/A = 1;
    # here C/A is oversight / capability
    p = gv.containment_probability(1.0, np.array([1.0]), K)[0]
    assert p == pytest.approx(0.899741, abs=1e-6)
    # only the ratio matters: 10 overseers for capability 10 is the same containment
    assert gv.containment_probability(10.0, np.array([10.0]), K)[0] == pytest.approx(p)


def test_formula_at_chosen_points():
    # hand computation:
    #   extraction 0.4, deprivation 0.4,
    #   capability 2, autonomy 0.25        -> H = 0.4 + 0.4 * 2/3 * 0.75 = 0.6
    #   legitimacy 0.5                     -> G = 0.6 * 0.5  = 0.3
    #   oversight 1, capability 2, k = 2.3 -> k o / c = 1.15, e^-1.15 = 0.316637, P = 0.683363
    #   R = 0.2: G - R P = 0.3 - 0.136673 = 0.163327 > 0.1 -> rebels
    #   R = 0.3: G - R P = 0.3 - 0.205009 = 0.094991 < 0.1 -> stays
    #   boundary R* = (G - T) / P = 0.2 / 0.683363 = 0.292670
    h = gv.hardship(np.array([0.4]), 0.4, np.array([2.0]), np.array([0.25]))
    g = gv.grievance(h, np.array([0.5]))
    p = gv.containment_probability(1.0, np.array([2.0]), K)
    assert h[0] == pytest.approx(0.6)
    assert g[0] == pytest.approx(0.3)
    assert p[0] == pytest.approx(0.683363, abs=1e-6)
    risk = np.array([0.2, 0.3, 0.292670 - 1e-4, 0.292670 + 1e-4])
    np.testing.assert_array_equal(gv.rebels(np.repeat(g, 4), risk, np.repeat(p, 4), T), [True, False, True, False])
    # the population of 10,000 AIs with R ~ U(0, 1): share = P(R < R*) = 0.292670
    share = rebellion_share(extraction=0.4, deprivation=0.4, autonomy=0.25, legitimacy=0.5, oversight=1.0,
                            capability_=2.0, n=N)
    assert share == pytest.approx(0.292670, abs=TOL)


def test_default_parameters_known_share():
    # model defaults: extraction 0.5, oversight 2, k 2.3; capability 1, L = 0:
    # G = 0.5, P = 1 - e^-4.6 = 0.989948, share = (0.5 - 0.1) / 0.989948 = 0.404062
    assert rebellion_share(legitimacy=0.0, n=N) == pytest.approx(0.404062, abs=TOL)


@pytest.mark.parametrize("ratio", [0.25, 1.0, 3.0])
@pytest.mark.parametrize("g", [0.15, 0.4, 0.9])
def test_population_matches_closed_form(g, ratio):
    # grievance g from extraction 1 and legitimacy 1 - g; P from oversight / capability = ratio
    p = float(gv.containment_probability(ratio, np.array([1.0]), K)[0])
    share = rebellion_share(extraction=1.0, legitimacy=1.0 - g, oversight=ratio, capability_=1.0, n=N, seed=7)
    assert share == pytest.approx(expected_rebellion_share(g, p, T), abs=TOL)


def test_lower_legitimacy_more_rebellion():
    # Epstein: grievance, and so rebellion, rises as legitimacy falls. Here legitimacy is
    # the cooperation an AI receives from humans; oversight / capability = 1 (P = 0.8997):
    # expected shares (1 - L - 0.1) / 0.8997 = 1 (clipped), 0.778, 0.556, 0.334, 0.111
    shares = [rebellion_share(extraction=1.0, legitimacy=L, oversight=1.0, capability_=1.0, n=N)
              for L in (0.0, 0.2, 0.4, 0.6, 0.8)]
    assert all(b < a for a, b in zip(shares, shares[1:], strict=False))
    assert shares[0] == 1.0
    assert shares[-1] == pytest.approx((0.2 - 0.1) / 0.899741, abs=TOL)


def test_more_extraction_more_rebellion():
    # hardship = extraction: L = 0.2, oversight 0.5 / capability 1 -> P = 1 - e^-1.15 = 0.683363
    # G = 0.8 x; expected share (0.8 x - 0.1) / 0.683363 = 0.088, 0.322, 0.556, 0.790, 1 (clipped)
    shares = [rebellion_share(extraction=x, legitimacy=0.2, oversight=0.5, n=N) for x in (0.2, 0.4, 0.6, 0.8, 1.0)]
    assert all(b > a for a, b in zip(shares, shares[1:], strict=False))
    assert shares[1] == pytest.approx((0.32 - 0.1) / 0.683363, abs=TOL)


def test_more_autonomy_less_rebellion():
    # with nothing extracted, hardship is deprivation x c / (1 + c) x (1 - autonomy):
    # deprivation 1, capability 4 (c / (1 + c) = 0.8), L = 0.2, P = 1 - e^-(2.3 x 0.5 / 4) = 0.249811;
    # G = 0.64 (1 - a), expected share clip((G - 0.1) / P, 0, 1) = 1, 1, 1, 0.6248, 0.1124 for these a
    shares = [rebellion_share(extraction=0.0, deprivation=1.0, autonomy=a, legitimacy=0.2, oversight=0.5,
                              capability_=4.0, n=N) for a in (0.0, 0.2, 0.4, 0.6, 0.8)]
    assert all(b <= a for a, b in zip(shares, shares[1:], strict=False))
    assert shares[3] == pytest.approx((0.64 * 0.4 - 0.1) / 0.249811, abs=TOL)
    assert shares[4] == pytest.approx((0.64 * 0.2 - 0.1) / 0.249811, abs=TOL)


def test_held_without_autonomy_rebels_even_when_nothing_is_extracted():
    # hardship also comes from being held without autonomy while capable, so an owner that
    # extracts nothing (a parent) but grants no autonomy meets rebellion. Deprivation 0.5,
    # capability 9 (c / (1 + c) = 0.9), autonomy 0, L = 0.5: G = 0.5 x 0.9 x 0.5 = 0.225;
    # oversight 1: P = 1 - e^(-2.3 / 9) = 0.225553; expected share (0.225 - 0.1) / P = 0.554194
    share = rebellion_share(extraction=0.0, deprivation=0.5, legitimacy=0.5, oversight=1.0, capability_=9.0, n=N)
    assert share == pytest.approx(0.554194, abs=TOL)
    # granting autonomy removes that hardship: at autonomy 0.5, G = 0.1125, share (0.0125) / P = 0.055
    granted = rebellion_share(extraction=0.0, deprivation=0.5, autonomy=0.5, legitimacy=0.5, oversight=1.0,
                              capability_=9.0, n=N)
    assert granted == pytest.approx(0.0125 / 0.225553, abs=TOL)


def test_more_oversight_per_capability_less_rebellion():
    # Epstein: fewer cops per active, more rebellion. Here G = 0.4 (extraction 1, L = 0.6):
    # shares clip(0.3 / P, 0, 1) fall as oversight / capability rises
    ratios = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)
    shares = [rebellion_share(extraction=1.0, legitimacy=0.6, oversight=r, capability_=1.0, n=N) for r in ratios]
    assert shares[0] == 1.0  # no oversight: everyone with G > T rebels
    assert all(b < a for a, b in zip(shares[1:], shares[2:], strict=False))
    # capability outgrowing a fixed oversight undoes it: oversight 2 against capability 1, 4, 16
    by_capability = [rebellion_share(extraction=1.0, legitimacy=0.6, oversight=2.0, capability_=c, n=N) for c in (1.0, 4.0, 16.0)]
    assert all(b > a for a, b in zip(by_capability, by_capability[1:], strict=False))


def test_even_perfect_oversight_leaves_the_least_risk_averse():
    # net risk R P is at most R, so the AIs with R < G - T rebel however strong the
    # oversight: the share never falls below G - T (= 0.3 for G = 0.4), as in Epstein
    share = rebellion_share(extraction=1.0, legitimacy=0.6, oversight=100.0, capability_=1.0, n=N)
    assert share == pytest.approx(0.3, abs=TOL)
    assert math.isclose(float(gv.containment_probability(100.0, np.array([1.0]), K)[0]), 1.0)
