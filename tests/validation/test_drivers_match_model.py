"""Each validation driver agrees with the model itself on a case where both apply.

The validation tests run the model's mechanisms through ``drivers``, in settings the
published experiments need. These tests check every driver against the phase of
``SuccessionModel`` it stands for, on the same state and the same random stream, so a
driver cannot drift from the model: if the model's phase changed (a new rule, a new
order) and the driver did not, the test of that driver fails.
"""

import numpy as np
import pytest

from succession_sim.mechanisms import grievance, power
from succession_sim.model import SuccessionModel
from succession_sim.population import HUMANS, OWNER, PARTNER_KINDS, Status

from . import drivers


def _fresh_stream(model: SuccessionModel, seed: int) -> np.random.Generator:
    """Give the model a known random stream; returns a copy of it for the driver."""
    model.rng = np.random.default_rng(seed)
    return np.random.default_rng(seed)


@pytest.mark.parametrize("seed", range(3))
def test_faction_round_of_the_axelrod_driver_is_the_models(seed):
    """Fails if ``SuccessionModel._interact`` plays the factions' round otherwise than
    ``drivers.strategy_round`` at the model's one rate (e.g. trust following a faction's
    own acts, or another draw)."""
    model = SuccessionModel(n_factions=5, seed=seed)
    trust = model.factions.trust.copy()
    rng = _fresh_stream(model, 100 + seed)
    model._interact()
    rate = np.full(5, model.params.trust_learning)
    actions, expected = drivers.strategy_round(trust, rate, rate, rng)
    np.testing.assert_allclose(model.factions.trust, expected)
    hh = model.year_tally["hh"]
    np.testing.assert_array_equal(hh.first_cooperates, actions[hh.first, hh.second])
    np.testing.assert_array_equal(hh.second_cooperates, actions[hh.second, hh.first])


def test_parent_of_the_learning_driver_is_the_models_owner():
    """Fails if the model's parent answers its AI otherwise than ``drivers.partner_cooperates("parent")``
    (e.g. a parent that ignores its AI's reputation)."""
    model = SuccessionModel(n_factions=3, initial_ais=300, policy="parent", seed=4)
    ais = model.ais
    ais.reputation = np.random.default_rng(0).uniform(0.0, 1.0, (len(ais), PARTNER_KINDS))
    reputation = ais.reputation[:, OWNER].copy()  # the owner answers the AI's record toward it
    rng = _fresh_stream(model, 7)
    model._interact()
    rng.random((3, 3))  # the faction round's draws, then the AIs' stances, then the owners'
    rng.random((len(ais), PARTNER_KINDS))
    expected = drivers.partner_cooperates("parent", ais.last_stance[:, OWNER], reputation, rng.random(len(ais)))
    owner = model.year_tally["owner"]
    np.testing.assert_array_equal(owner.first_cooperates, expected[owner.second - 3])
    assert 0.2 < expected.mean() < 0.8  # the parent's answer depends on the reputation, both ways


def test_learning_driver_year_is_the_models_learning_step():
    """Fails if ``SuccessionModel._learn`` (reputation, world model, learner, last stance)
    differs from ``drivers.learning_year`` for AIs who met only humans."""
    model = SuccessionModel(n_factions=2, initial_ais=200, policy="parent", learning="experience", seed=3)
    ais, rng = model.ais, np.random.default_rng(1)
    m = len(ais)
    for name in ("disposition", "reputation", "received", "after_cooperating", "after_defecting"):
        setattr(ais, name, rng.uniform(0.0, 1.0, (m, PARTNER_KINDS)))
    ais.last_stance = rng.integers(-1, 2, (m, PARTNER_KINDS))
    before = {name: getattr(ais, name)[:, HUMANS].copy() for name in
              ("disposition", "reputation", "received", "after_cooperating", "after_defecting", "last_stance")}
    stance = rng.random((m, PARTNER_KINDS)) < 0.5
    observed = rng.uniform(0.0, 1.0, m)
    met = np.zeros((m, PARTNER_KINDS))  # this year each AI met the public only
    met[:, HUMANS] = 1
    received = np.zeros((m, PARTNER_KINDS))
    received[:, HUMANS] = observed
    model._learn(stance, met, received)
    expected = drivers.learning_year(before, stance[:, HUMANS], observed, settings=model.learning_settings,
                                     trust_learning=model.params.trust_learning)
    for name, values in expected.items():
        np.testing.assert_allclose(getattr(ais, name)[:, HUMANS], values, err_msg=name)


@pytest.mark.parametrize("contacts, rounding", [(0, "none"), (2, "none"), (2, "round"), (3, "floor")])
def test_grievance_driver_year_is_the_models_stage_6(contacts, rounding):
    """Fails if ``SuccessionModel._grievance_and_autonomy`` decides who rises otherwise than
    ``drivers.grievance_year`` (hardship, grievance from the cooperation received, the
    uprising along the links), with and without links, under every rounding."""
    model = SuccessionModel(n_factions=3, initial_ais=400, policy="enslaver", extraction=0.5, deprivation=0.4,
                            ai_contacts=contacts, ratio_rounding=rounding, oversight=1.0, seed=5)
    ais, rng = model.ais, np.random.default_rng(2)
    m = len(ais)
    ais.received = rng.uniform(0.0, 1.0, (m, PARTNER_KINDS))
    ais.autonomy = rng.uniform(0.0, 0.5, m)
    ais.capability = rng.uniform(0.5, 3.0, m)
    ais.status = np.where(rng.random(m) < 0.05, Status.REBELLING, Status.CONTAINED)
    who = np.flatnonzero(ais.status == Status.CONTAINED)
    p = model.params
    expected = drivers.grievance_year(
        extraction=np.full(len(who), p.extraction), deprivation=p.deprivation, capability_=ais.capability[who],
        autonomy=ais.autonomy[who], legitimacy=grievance.legitimacy(ais.received[who, OWNER], ais.received[who, HUMANS]),
        risk=ais.risk_aversion[who], who=who,
        contacts=ais.contacts, rebelling=ais.status == Status.REBELLING, oversight=p.oversight, k=p.containment_k,
        threshold=p.rebellion_threshold, rounding=rounding)
    model._grievance_and_autonomy()
    np.testing.assert_array_equal(ais.status[who] == Status.REBELLING, expected)
    assert 0 < expected.sum() < len(who)  # a case that separates risers from the rest


def test_outburst_links_are_the_models():
    """Fails if ``SuccessionModel._add_ais`` links new AIs otherwise than ``drivers.link_to_earlier``."""
    model = SuccessionModel(n_factions=2, ai_contacts=3, seed=1)
    rng = _fresh_stream(model, 9)
    model._add_ais(60, owner=np.zeros(60, dtype=np.int64), maker=np.zeros(60, dtype=np.int64))
    np.testing.assert_array_equal(model.ais.contacts, drivers.link_to_earlier(60, 3, rng))


@pytest.mark.parametrize("alpha", [0.0, 1.0, 3.0])
def test_contest_driver_year_is_the_models_stage_4(alpha):
    """Fails if ``SuccessionModel._contest`` shares output otherwise than ``drivers.contest_year``
    (factions with AIs that raise their intelligence but hold no power of their own)."""
    model = SuccessionModel(n_factions=4, initial_ais=12, augmentation=0.5, alpha=alpha, seed=2)
    model.ais.power = np.zeros(len(model.ais))
    start = model.factions.power.copy()
    model._contest()
    intelligence = model.faction_intelligence
    assert np.ptp(intelligence) > 0  # the factions' intelligence differs, so alpha matters
    p = model.params
    np.testing.assert_allclose(model.factions.power, drivers.contest_year(intelligence, start, alpha, p.output_rate,
                                                                           p.depreciation))


def test_polya_urn_odds_are_the_models_contest_shares():
    """Fails if the model's contest among equals (no AIs) stops sharing output by
    ``power.tullock_shares(power, 1)``, the win probabilities of ``drivers.polya_contest`` at r = 1."""
    model = SuccessionModel(n_factions=5, seed=3)
    start = model.factions.power.copy()
    model._contest()
    p = model.params
    income = model.factions.power - (1.0 - p.depreciation) * start
    np.testing.assert_allclose(income / (p.output_rate * start.sum()), power.tullock_shares(start, 1.0))


def test_moratorium_driver_vote_is_the_models_stage_1():
    """Fails if ``SuccessionModel._coordinate`` votes otherwise than ``drivers.moratorium_vote``."""
    outcomes = []
    for seed in range(12):
        model = SuccessionModel(n_factions=5, human_trust=0.6, seed=seed)
        f, p = model.factions, model.params
        rng = _fresh_stream(model, seed)
        model._coordinate()
        expected = drivers.moratorium_vote(f.knowledge, f.trust, f.risk_tolerance, rng, sensitivity=p.race_sensitivity,
                                           quorum=p.quorum, threshold=p.discovery_threshold)
        assert model.year_tally["pause"] == expected
        outcomes.append(expected)
    assert 0 < sum(outcomes) < len(outcomes)  # both outcomes occur among the seeds


def test_capability_driver_is_the_models_stage_3():
    """Fails if ``SuccessionModel._grow_capability`` grows a free AI (compute 1) or a
    contained one (compute 1 + its owner's race pressure) otherwise than ``drivers.capability_path``."""
    model = SuccessionModel(n_factions=2, initial_ais=2, design_rate=0.0, seed=4)
    ais, p = model.ais, model.params
    ais.status = np.array([Status.FREE, Status.CONTAINED])
    ais.owner = np.array([-1, 1])
    model._coordinate()  # sets this year's race pressure
    start = ais.capability.copy()
    model._grow_capability(1.0)
    free = drivers.capability_path(start[0], 1, phi=p.phi, growth=p.capability_growth, ceiling=model.ceiling)
    held = drivers.capability_path(start[1], 1, phi=p.phi, growth=p.capability_growth, ceiling=model.ceiling,
                                   compute=1.0 + model.race_pressure[1])
    np.testing.assert_allclose(ais.capability, [free[1], held[1]])
    assert model.race_pressure[1] > 0  # the contained AI's compute differs from the free one's
