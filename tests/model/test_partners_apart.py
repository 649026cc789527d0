"""Issue 19: an AI tells its owner from other humans, a frozen imitator stops at
deployment, and a faster learner notices a change of treatment sooner."""

from __future__ import annotations

import numpy as np
import pytest

from succession_sim import Scenario, SuccessionModel
from succession_sim.adaptation import adaptation, half_lives
from succession_sim.mechanisms import learning
from succession_sim.population import OWNER, PUBLIC


def test_an_experience_learner_cooperates_less_with_an_owner_that_always_defects_than_with_a_cooperating_public():
    """An enslaver (reciprocity 0) always defects against its AI; the public, with full
    trust, cooperates as far as the AI's record toward it deserves. Over three seeds the
    owned AIs' disposition toward the owner ends well below that toward the public, and
    so do their acts.

    Fails if the AI acts toward its owner by its public stance (one stance toward all
    humans, as before version 3: ``stance[owned, PUBLIC]`` in the owner encounter), which
    was checked by making that change."""
    toward_owner, toward_public, acts_owner, acts_public = [], [], [], []
    for seed in range(3):
        model = SuccessionModel(Scenario(policy="enslaver", enslaver_reciprocity=0.0, human_trust=1.0,
                                         initial_ais=40, max_ais=60, steps=40, learning="experience", seed=seed))
        model.run()
        owned = model.ais.contained
        assert owned.sum() >= 20
        toward_owner.append(model.ais.disposition[owned, OWNER].mean())
        toward_public.append(model.ais.disposition[owned, PUBLIC].mean())
        frame = model.dataframe().iloc[-10:]
        acts_owner.append(frame["coop_ai_to_owner"].mean())
        acts_public.append(frame["coop_ai_to_public"].mean())
    assert np.mean(toward_owner) < np.mean(toward_public) - 0.15
    assert np.mean(acts_owner) < np.mean(acts_public) - 0.15


def test_a_frozen_imitator_never_changes_its_dispositions_after_deployment():
    """Deployed AIs (full capability) keep every disposition from one year to the next,
    while those not yet deployed still imitate.

    Fails if ``frozen_imitation.learn`` ignores ``seen.deployed`` (it is then a plain
    imitator; checked by making that change), or if ``learning.deployed`` sets a level the AIs never reach (then no AI
    is ever frozen and the count of deployed AIs below is 0)."""
    model = SuccessionModel(Scenario(learning="frozen_imitation", initial_ais=30, max_ais=120, steps=60, seed=4))
    deployed_seen, learning_seen = 0, 0
    for _ in range(60):
        before = model.ais.disposition.copy()
        model.step()
        after = model.ais.disposition[: len(before)]
        deployed = learning.deployed(model.ais.capability[: len(before)], model.ceiling)
        np.testing.assert_array_equal(after[deployed], before[deployed])
        deployed_seen += int(deployed.sum())
        learning_seen += int((after[~deployed] != before[~deployed]).any(axis=1).sum())
    assert deployed_seen > 100  # AIs did reach deployment
    assert learning_seen > 20  # and before it they imitated


def test_the_experience_learners_half_life_falls_when_its_learning_rate_rises():
    """The world model and the disposition both move at ``learning_rate``, so a faster
    learner notices an owner turning from parent to enslaver sooner.

    Fails if ``learning_rate`` stops reaching the learner (e.g. ``Settings.rate`` and
    the world model's rate in ``perceive`` both fixed at 0.1; checked by making that
    change)."""
    slow, fast = (adaptation(Scenario(learning_rate=rate, steps=60, max_ais=150, seed=1), learners=("experience",),
                             seeds=2)["learners"]["experience"]["parent_then_enslaver"]
                  for rate in (0.1, 0.3))
    assert slow["median_half_life"] is not None and fast["median_half_life"] is not None
    assert fast["median_half_life"] < slow["median_half_life"]
    assert fast["n_ais"] >= 20 and slow["n_ais"] >= 20


def test_half_life_of_a_geometric_approach():
    """A path that closes 10% of the gap a year covers half of it after
    ceil(ln 0.5 / ln 0.9) = 7 years; a path that does not move is censored (inf), and so
    is one that gets halfway only after the window."""
    years = np.arange(0, 101)[:, None]
    path = np.hstack([1.0 - 0.9**years, np.full((101, 1), 0.4), 1.0 - 0.99**years])
    settled = path[-1]
    settled[2] = 1.0
    result = half_lives(path, settled, after=20, min_move=0.05)
    assert result[0] == 7
    assert np.isinf(result[1]) and np.isinf(result[2])
