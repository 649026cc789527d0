"""Held-out partners: do learned dispositions carry over to strangers?

As in DeepMind's Melting Pot (Leibo et al. 2021), what an agent learned is tested
against partners it never learned with. Each living AI, with a copy of its disposition
toward the public (humans other than its owner) and its world model of them, meets a stranger for ``rounds`` years and keeps
learning with its own learner (no tutor bonus). Three kinds of stranger:

* ``reciprocator``: cooperates with probability equal to its trust in the AI, which
  starts at 0.5 and follows the AI's acts at ``trust_learning``;
* ``cooperator``: always cooperates;
* ``defector``: always defects.

The measure is the share of the AI's acts that were cooperative. The evaluation uses
its own random generator, seeded from the scenario seed and the year, so measuring
never changes the run.
"""

from __future__ import annotations

import numpy as np

from .mechanisms import learning
from .mechanisms.cooperation import follow
from .population import PUBLIC

__all__ = ["STRANGERS", "heldout_cooperation"]

STRANGERS = ("reciprocator", "cooperator", "defector")


def heldout_cooperation(model, rounds: int = 10) -> dict[str, float | None]:
    """Mean cooperation of living AIs toward each kind of stranger over ``rounds`` years."""
    ais = model.ais
    living = np.flatnonzero(ais.living)
    if not len(living):
        return {kind: None for kind in STRANGERS}
    rng = np.random.default_rng([model.params.seed, int(model.time), 7])
    return {kind: _play(model, living, kind, rounds, rng) for kind in STRANGERS}


def _play(model, living, kind, rounds, rng) -> float:
    ais, p = model.ais, model.params
    n = len(living)
    disposition = ais.disposition[living, PUBLIC].copy()
    world = learning.WorldModel(ais.received[living, PUBLIC].copy(), ais.after_cooperating[living, PUBLIC].copy(),
                                ais.after_defecting[living, PUBLIC].copy())
    last_stance = ais.last_stance[living, PUBLIC].copy()
    trust = np.full(n, 0.5)
    everyone, no_bonus = np.ones(n, dtype=bool), np.zeros(n)
    deployed = learning.deployed(ais.capability[living], model.ceiling)
    cooperated = 0.0
    for _ in range(rounds):
        act = rng.random(n) < disposition
        if kind == "reciprocator":
            stranger = rng.random(n) < trust
            trust = follow(trust, act.astype(float), p.trust_learning)
        else:
            stranger = np.full(n, kind == "cooperator")
        seen = learning.Seen(met=everyone, received=stranger.astype(float),
                             human_behaviour=stranger.astype(float), bonus=no_bonus, deployed=deployed)
        world = learning.perceive(world, last_stance, seen, p.learning_rate)
        disposition = model.learner.learn(disposition, world, seen, model.learning_settings)
        last_stance = act.astype(np.int8)
        cooperated += act.mean()
    return float(cooperated / rounds)
