"""Learners and the tutor policy inside the whole model."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from succession_sim import Scenario, SuccessionModel, load_scenario
from succession_sim.population import HUMANS

SEEDS = range(4)


@pytest.mark.parametrize("learning_rule", ["experience", "imitation", "imitation_prior"])
@pytest.mark.parametrize("policy", ["parent", "enslaver", "tutor"])
def test_same_seed_same_results_for_every_learner_and_policy(learning_rule, policy):
    scenario = Scenario(learning=learning_rule, policy=policy, steps=60, max_ais=150, seed=9)
    first, second = SuccessionModel(scenario), SuccessionModel(scenario)
    pd.testing.assert_frame_equal(first.run(), second.run())
    assert first.summary() == second.summary()


def test_imitation_prior_ais_start_at_their_makers_conduct():
    model = SuccessionModel(Scenario(initial_ais=12, learning="imitation_prior", seed=2))
    maker_conduct = model.factions.trust_toward_outsiders()[model.ais.maker]
    np.testing.assert_allclose(model.ais.disposition[:, HUMANS], maker_conduct)
    experiential = SuccessionModel(Scenario(initial_ais=12, learning="experience", seed=2, initial_disposition=0.35))
    np.testing.assert_allclose(experiential.ais.disposition, 0.35)


def test_imitation_learners_reflect_a_hostile_world():
    friendly = [_final("imitation", 0.9, seed) for seed in SEEDS]
    hostile = [_final("imitation", 0.1, seed) for seed in SEEDS]
    assert np.mean(hostile) < np.mean(friendly) - 0.2


def _final(learning_rule, trust, seed):
    model = SuccessionModel(Scenario(learning=learning_rule, human_trust=trust, steps=100, max_ais=300, seed=seed))
    model.run()
    return model.summary()["mean_disposition_human"]


def _tutor_frame(feedback, seed, steps=90, **overrides):
    scenario = load_scenario("tutor_overseers_fall_behind", tutor_feedback=feedback, steps=steps, max_ais=400,
                             seed=seed, **overrides)
    return SuccessionModel(scenario).run()


def test_tutor_feedback_raises_cooperation_toward_humans_while_it_lasts():
    gains = []
    for seed in SEEDS:
        tutored, untutored = _tutor_frame(3.0, seed), _tutor_frame(0.0, seed)
        lasting = tutored["tutor_feedback"] > 1.0  # years in which the overseers still keep up
        assert lasting.sum() >= 5
        gains.append(tutored.loc[lasting, "mean_disposition_human"].mean()
                     - untutored.loc[lasting, "mean_disposition_human"].mean())
        assert untutored["tutor_feedback"].dropna().eq(0).all()
    assert np.mean(gains) > 0.05


@pytest.mark.parametrize("seed", range(3))
def test_tutor_feedback_fades_as_capability_outgrows_oversight(seed):
    # the bonus is tutor_feedback x P and P falls as capability grows past the overseers
    frame = _tutor_frame(3.0, seed, steps=150)
    feedback = frame["tutor_feedback"].dropna()
    assert feedback.iloc[-5:].mean() < 0.5 * feedback.iloc[:5].mean()
    # and with oversight that keeps pace with capability it does not fade as much
    watched = _tutor_frame(3.0, seed, steps=150, oversight=100.0)["tutor_feedback"].dropna()
    assert watched.iloc[-5:].mean() > feedback.iloc[-5:].mean()


def test_heldout_strangers_tell_learners_apart():
    summaries = {}
    for rule in ("experience", "imitation"):
        model = SuccessionModel(Scenario(learning=rule, steps=80, max_ais=300, seed=5))
        model.run()
        summaries[rule] = model.summary()["heldout_cooperation"]
    # an imitator copies the stranger: much kinder to a cooperator than to a defector
    imitation = summaries["imitation"]
    assert imitation["cooperator"] - imitation["defector"] > 0.2
    for values in summaries.values():
        assert set(values) == {"reciprocator", "cooperator", "defector"}
        assert all(0.0 <= v <= 1.0 for v in values.values())


def test_measuring_heldout_cooperation_does_not_change_the_run():
    a, b = SuccessionModel(Scenario(steps=60, seed=1)), SuccessionModel(Scenario(steps=60, seed=1))
    for year in range(60):
        a.step()
        b.step()
        if year % 10 == 0:
            a.summary()
    pd.testing.assert_frame_equal(a.dataframe(), b.dataframe())
