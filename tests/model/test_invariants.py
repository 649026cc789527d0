"""Properties that hold in every run, over random scenarios."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from succession_sim import Scenario, SuccessionModel
from succession_sim.metrics import OUTCOMES
from succession_sim.population import Status
from tests.strategies import small_scenarios


def _check_state(model):
    p, f, ais = model.params, model.factions, model.ais
    # factions
    for name in ("power", "knowledge", "trust", "trust_toward_ais", "risk_tolerance"):
        assert not np.isnan(getattr(f, name)).any(), f"NaN in factions.{name}"
    assert np.all(f.power >= 0)
    assert np.all(f.knowledge >= 0)
    assert np.all((f.trust >= 0) & (f.trust <= 1))
    assert np.all((f.trust_toward_ais >= 0) & (f.trust_toward_ais <= 1))
    if not p.premise_discovery:
        assert np.all(f.knowledge < p.discovery_threshold)
    # AIs
    for name in ("capability", "autonomy", "grievance", "risk_aversion", "power", "disposition",
                 "reputation", "received", "after_cooperating", "after_defecting"):
        assert not np.isnan(getattr(ais, name)).any(), f"NaN in ais.{name}"
    assert np.all(ais.power >= 0)
    assert np.all(ais.capability > 0)
    assert np.all(ais.capability <= model.ceiling)
    if not p.premise_superintelligence:
        assert np.all(ais.capability <= 1.0)
    if not p.premise_discovery:
        # P2 off: AIs stay narrow, below human level (DESIGN.md section 3.2)
        assert np.all(ais.capability < 1.0)
    for name in ("autonomy", "grievance", "disposition", "reputation", "received", "after_cooperating", "after_defecting"):
        values = getattr(ais, name)
        assert np.all((values >= 0) & (values <= 1)), name
    assert ais.living.sum() <= p.max_ais
    # a free AI has no owner, a contained one has a valid owner
    assert np.all(ais.owner[ais.status == Status.FREE] == -1)
    owned = ais.owner[ais.contained]
    assert np.all((owned >= 0) & (owned < p.n_factions))


def _run_checked(scenario):
    model = SuccessionModel(scenario)
    _check_state(model)
    for _ in range(scenario.steps):
        model.step()
        _check_state(model)
    return model


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_invariants(scenario):
    model = _run_checked(scenario)
    frame = model.dataframe()
    summary = model.summary()

    assert len(frame) == scenario.steps + 1
    share = frame["ai_power_share"]
    assert share.notna().all()
    assert ((share >= 0) & (share <= 1)).all()
    for column in ("coop_human_human", "coop_human_ai", "coop_ai_ai"):
        values = frame[column].dropna()
        assert ((values >= 0) & (values <= 1)).all(), column
    steps = frame.iloc[1:]
    # every living AI meets at least one faction each year, so the human-AI rate is
    # defined exactly when AIs are alive; the human-human rate when there are rivals
    assert (steps["coop_human_ai"].isna() == (steps["n_ais"] == 0)).all()
    assert steps["coop_human_human"].isna().all() == (scenario.n_factions == 1)
    assert steps["coop_human_human"].notna().all() == (scenario.n_factions > 1)
    # AI-AI encounters need two living AIs
    assert steps.loc[steps["n_ais"] < 2, "coop_ai_ai"].isna().all()
    # counts
    assert (frame["n_ais"] == frame["n_contained"] + frame["n_free"]).all()
    assert (frame["n_ais"] <= scenario.max_ais).all()
    assert (frame["rebellions"] >= 0).all()
    assert (frame["rebellions_total"] == frame["rebellions"].cumsum()).all()
    assert (frame["power_destroyed"] >= 0).all()
    # P1
    p1 = summary["premises"]["P1_no_pause_share"]
    assert 0.0 <= p1 <= 1.0
    assert p1 == (~steps["pause"].astype(bool)).mean()
    # P2
    if not scenario.premise_discovery:
        assert summary["premises"]["P2_discovery_year"] is None
        assert (frame["knowledge_frontier"] < 1.0).all()
        assert (frame["capability_frontier"] < 1.0).all()
        assert summary["premises"]["P3_superhuman_year"] is None
        if scenario.initial_ais == 0:
            assert (frame["n_ais"] == 0).all()
    # P3
    assert (frame["capability_frontier"] <= model.ceiling).all()
    if not scenario.premise_superintelligence:
        assert (frame["capability_frontier"] <= 1.0).all()
        assert summary["premises"]["P3_superhuman_year"] is None
    # P4
    corr = summary["premises"]["P4_intelligence_power_corr"]
    if not scenario.premise_power:
        assert corr is None or corr == 0.0
    if corr is not None:
        assert -1.0 - 1e-9 <= corr <= 1.0 + 1e-9
    # summary
    assert summary["outcome"] in OUTCOMES
    assert summary["steps"] == scenario.steps
    assert summary["rebellions"] == frame["rebellions"].sum()
    assert math.isclose(summary["ai_power_share"], share.iloc[-1])


# Hand-picked scenarios that reach the rarer branches (many rebellions, heavy losses,
# freed AIs, designers, a lone faction) which random small scenarios visit less often.
STRESS = {
    "enslaver_low_oversight": dict(policy="enslaver", oversight=0.2, conflict_loss=0.9, extraction=1.0),
    "mixed_initial_ais": dict(policy="mixed", initial_ais=150, rebellion_shock=1.0, oversight=0.5),
    "parents_release_early": dict(policy="parent", initial_ais=100, release_autonomy=0.2, autonomy_rate=1.0),
    "lone_faction_enslaver": dict(n_factions=1, policy="enslaver", initial_ais=50, oversight=0.0),
    "fast_design_p3_off": dict(premise_superintelligence=False, design_threshold=1.0, design_rate=1.0,
                               initial_ais=50, new_ai_capability=3.0),
}


@pytest.mark.parametrize("name", STRESS)
def test_invariants_in_stress_scenarios(name):
    scenario = Scenario(max_ais=300, steps=60, seed=11, **STRESS[name])
    model = _run_checked(scenario)
    frame = model.dataframe()
    assert frame["ai_power_share"].between(0, 1).all()
    if name in ("enslaver_low_oversight", "mixed_initial_ais", "lone_faction_enslaver"):
        assert frame["rebellions"].sum() > 0  # the scenario does exercise rebellion
    if name == "parents_release_early":
        assert frame["n_free"].iloc[-1] > 0
