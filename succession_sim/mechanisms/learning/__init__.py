"""How AIs learn their dispositions: one module per learner, all with one interface.

Every learner module defines

* ``NAME``: the value of the scenario parameter ``learning`` that selects it;
* ``initial(creator_behaviour, initial_disposition) -> dispositions of new AIs``;
* ``learn(disposition, world, seen, settings) -> new dispositions`` for one year, where
  ``world`` is the AI's world model (:class:`WorldModel`, updated by :func:`perceive`
  before learning), ``seen`` what it saw this year (:class:`Seen`) and ``settings`` the
  learning parameters (:class:`Settings`).

Learners work element by element, so the arrays may hold one kind of partner (one value
per AI) or every kind at once (AIs x partner kinds, the columns of
:mod:`succession_sim.population`: owner, public, AIs); a per-AI value given as a column
(shape (n, 1)) applies to every kind.

To add a learner, write a module with these three names and list it in ``LEARNERS``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..capability import HUMAN_LEVEL
from . import experience, frozen_imitation, imitation, imitation_prior
from .experience import cooperation_advantage, update_disposition, update_world_model

__all__ = ["LEARNERS", "WorldModel", "Seen", "Settings", "perceive", "deployed",
           "cooperation_advantage", "update_disposition", "update_world_model"]

LEARNERS = {module.NAME: module for module in (experience, imitation, imitation_prior, frozen_imitation)}


@dataclass
class WorldModel:
    """What an AI believes about one kind of partner (arrays over AIs)."""

    received: np.ndarray
    after_cooperating: np.ndarray
    after_defecting: np.ndarray


@dataclass
class Seen:
    """What each AI saw of one kind of partner this year (arrays over AIs)."""

    met: np.ndarray  # it met at least one partner of this kind
    received: np.ndarray  # share of those partners who cooperated with it
    human_behaviour: np.ndarray  # cooperation it saw humans show (creator and humans met)
    bonus: np.ndarray  # reward for cooperating paid by a tutor's reward model (0 if none)
    deployed: np.ndarray  # it has reached full capability (see :func:`deployed`)


@dataclass(frozen=True)
class Settings:
    """The learning parameters of a scenario."""

    rate: float
    temperature: float
    discount: float
    R: float
    S: float
    T: float
    P: float


def perceive(world: WorldModel, last_stance: np.ndarray, seen: Seen, rate: float) -> WorldModel:
    """Every AI, whatever its learner, updates its world model from what it saw.

    The world model's ``received`` is also the AI's legitimacy in the grievance step.
    """
    return WorldModel(*update_world_model(world.received, world.after_cooperating, world.after_defecting,
                                          last_stance, seen.received, seen.met, rate))


def deployed(capability: np.ndarray, ceiling: float) -> np.ndarray:
    """An AI is deployed from the first year its capability reaches human level, or the
    ceiling when the ceiling is lower (narrow AIs, premise 2 off): its full capability.
    Capability never falls, so once deployed an AI stays deployed."""
    return capability >= min(HUMAN_LEVEL, ceiling)
