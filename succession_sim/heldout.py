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

from dataclasses import dataclass

import numpy as np

from .mechanisms import learning
from .mechanisms.cooperation import follow
from .population import PUBLIC

__all__ = ["STRANGERS", "heldout_cooperation", "Copied", "copy_column", "learn_from"]

STRANGERS = ("reciprocator", "cooperator", "defector")


@dataclass
class Copied:
    """One column (kind of partner) of some AIs, copied out of the model to play with."""

    disposition: np.ndarray
    world: learning.WorldModel
    last_stance: np.ndarray
    deployed: np.ndarray


def copy_column(model, rows: np.ndarray, kind: int) -> Copied:
    """Copies of the AIs ``rows``' disposition, world model and last stance toward ``kind``."""
    ais = model.ais
    return Copied(ais.disposition[rows, kind].copy(),
                  learning.WorldModel(ais.received[rows, kind].copy(), ais.after_cooperating[rows, kind].copy(),
                                      ais.after_defecting[rows, kind].copy()),
                  ais.last_stance[rows, kind].copy(), learning.deployed(ais.capability[rows], model.ceiling))


def learn_from(model, copied: Copied, acted: np.ndarray, partner_acts: np.ndarray) -> None:
    """One year with one partner each: the AIs acted ``acted``, their partners ``partner_acts``;
    the copies learn with the model's learner (no tutor's bonus). An imitator copies what
    its partner did."""
    n = len(acted)
    observed = partner_acts.astype(float)
    seen = learning.Seen(met=np.ones(n, dtype=bool), received=observed, human_behaviour=observed,
                         bonus=np.zeros(n), deployed=copied.deployed)
    copied.world = learning.perceive(copied.world, copied.last_stance, seen, model.params.learning_rate)
    copied.disposition = model.learner.learn(copied.disposition, copied.world, seen, model.learning_settings)
    copied.last_stance = acted.astype(np.int8)


def heldout_cooperation(model, rounds: int = 10) -> dict[str, float | None]:
    """Mean cooperation of living AIs toward each kind of stranger over ``rounds`` years."""
    ais = model.ais
    living = np.flatnonzero(ais.living)
    if not len(living):
        return {kind: None for kind in STRANGERS}
    rng = np.random.default_rng([model.params.seed, int(model.time), 7])
    return {kind: _play(model, living, kind, rounds, rng) for kind in STRANGERS}


def _play(model, living, kind, rounds, rng) -> float:
    copied = copy_column(model, living, PUBLIC)
    n = len(living)
    trust = np.full(n, 0.5)
    cooperated = 0.0
    for _ in range(rounds):
        act = rng.random(n) < copied.disposition
        if kind == "reciprocator":
            stranger = rng.random(n) < trust
            trust = follow(trust, act.astype(float), model.params.trust_learning)
        else:
            stranger = np.full(n, kind == "cooperator")
        learn_from(model, copied, act, stranger)
        cooperated += act.mean()
    return float(cooperated / rounds)
