"""Policies under competition: imitation, a mandate, augmentation (all paired on seeds)."""

import functools

import numpy as np
import pandas as pd
import pytest

from succession_sim import SuccessionModel, load_scenario
from succession_sim.experiments.compare import mean_interval
from succession_sim.mechanisms.policy_choice import log_growth
from succession_sim.population import Policy

from .runs import run

SEEDS = range(10)
#: The world of strong_oversight (containment holds), where enslavers outgrow parents.
CONTROL_WORKS = {"capability_ceiling": 10.0, "oversight": 20.0, "risk_aversion_min": 0.5}
RACE = {"n_factions": 30, "steps": 100, **CONTROL_WORKS}


@functools.cache
def _final_enslaver_share(seed: int, selection_intensity: float) -> float:
    return run("race_to_the_bottom", seed, selection_intensity=selection_intensity, **RACE)[1]["enslaver_share"]


def test_where_enslavers_grow_faster_they_spread():
    # without imitation (fixed policies) enslaver factions grow faster, year after year
    for seed in range(3):
        model = SuccessionModel(load_scenario("race_to_the_bottom", seed=seed, policy_imitation=0.0, **RACE))
        lead = []
        for _ in range(RACE["steps"]):
            before = model.factions.power.copy()
            model.step()
            g, policy = log_growth(model.factions.power, before, 1), model.factions.policy
            lead.append(np.nanmean(g[policy == Policy.ENSLAVER]) - np.nanmean(g[policy == Policy.PARENT]))
        assert np.mean(lead) > 0
    # with imitation, selection on growth (s = 200) against a coin flip (s = 0), same seeds
    spread = mean_interval([_final_enslaver_share(s, 200.0) - _final_enslaver_share(s, 0.0) for s in SEEDS])
    assert spread["low"] > 0


def test_a_mandate_holds_with_p1_off_and_is_ignored_with_p1_on():
    for seed in range(5):
        frame, summary = run("mandated_parenting", seed)
        enforced = frame["pause"]  # with P1 off the authority's pause and mandate come together
        assert (frame.loc[enforced, "parent_share"] == 1.0).all()
        assert summary["parent_share"] == 1.0
        # with P1 on there is no authority: the same world with and without a mandate is the same run
        with_mandate, _ = run("mandated_parenting", seed, premise_disunity=True)
        without, _ = run("mandated_parenting", seed, premise_disunity=True, mandate="none")
        pd.testing.assert_frame_equal(with_mandate, without)
        assert with_mandate["parent_share"].iloc[-1] < 1.0 or with_mandate["policy_switches"].sum() > 0


def test_augmentation_keeps_power_with_humans():
    off = [run("baseline", s)[1]["ai_power_share"] for s in SEEDS]
    on = [run("baseline", s, augmentation=1.0)[1]["ai_power_share"] for s in SEEDS]
    assert mean_interval([a - b for a, b in zip(on, off, strict=True)])["high"] < 0
    assert all(run("baseline", s, augmentation=1.0)[1]["human_intelligence"] > 2.0 for s in range(3))
    assert all(run("baseline", s)[1]["human_intelligence"] == 1.0 for s in range(3))


@pytest.mark.parametrize("scenario", ["baseline", "strong_oversight", "hostile_world"])
def test_at_their_defaults_the_new_stages_change_nothing(scenario, monkeypatch):
    # policy_imitation 0, mandate none and augmentation 0: the same run as with the
    # policy stage removed and humans held at intelligence 1 (the model-v2 results)
    frame, _ = run(scenario, 2, policy="mixed")

    def human_level(owner, capability, n_factions, augmentation):
        return np.ones(n_factions)

    monkeypatch.setattr(SuccessionModel, "_choose_policies", lambda self: None)
    monkeypatch.setattr("succession_sim.mechanisms.power.faction_intelligence", human_level)
    bare = SuccessionModel(load_scenario(scenario, seed=2, policy="mixed")).run()
    pd.testing.assert_frame_equal(frame, bare)
