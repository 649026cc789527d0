"""The ``experience`` learner: dispositions learned from payoffs (model-based reinforcement).

Sutton's claim is that an agent learning from its own stream of action and reward
reflects the world it learns in. The learner here is the smallest model-based learner
that can tell a reciprocating world from an exploitable or hostile one. For each kind
of partner (humans, AIs) an AI keeps a world model of "what happens next":

* ``received``: the share of partners of that kind who cooperated with it (moving
  average; toward humans this is also its *legitimacy* in the grievance step);
* ``after_cooperating`` / ``after_defecting``: the cooperation it received the next time
  it met that kind of partner after taking each stance, which measures how much its
  partners answer its conduct.

It plans with that model. Cooperating instead of defecting changes this year's payoff
by (R - T) q + (S - P)(1 - q), and shifts partners' future cooperation by
(after_cooperating - after_defecting), worth (R - S) d + (T - P)(1 - d) a year for
gamma / (1 - gamma) years:

    advantage = (R - T) q + (S - P)(1 - q)
                + gamma / (1 - gamma) * (a_C - a_D) * ((R - S) d + (T - P)(1 - d))

and its disposition moves toward the logistic choice rule:
d <- d + rate * (1 / (1 + exp(-(advantage + bonus) / temperature)) - d).
``bonus`` is a reward for cooperating that someone else pays: the tutor's reward model
(RLHF), zero for every other AI.

So against unconditional cooperators it learns to exploit, against defectors to defect,
and against partners who answer cooperation with cooperation (a world of trust) to
cooperate. Interpreted from the model-based reinforcement learning of Sutton & Barto
(2018), ch. 8, with a one-parameter world model per kind of partner.
"""

from __future__ import annotations

import numpy as np

from ..cooperation import follow

__all__ = ["NAME", "cooperation_advantage", "update_world_model", "update_disposition", "initial", "learn"]

NAME = "experience"


def cooperation_advantage(
    received: np.ndarray,
    after_cooperating: np.ndarray,
    after_defecting: np.ndarray,
    disposition: np.ndarray,
    *,
    R: float,
    S: float,
    T: float,
    P: float,
    discount: float,
) -> np.ndarray:
    """Expected gain of cooperating over defecting under the AI's world model."""
    now = (R - T) * received + (S - P) * (1.0 - received)
    value_of_partner_cooperation = (R - S) * disposition + (T - P) * (1.0 - disposition)
    horizon = discount / (1.0 - discount)
    return now + horizon * (after_cooperating - after_defecting) * value_of_partner_cooperation


def update_world_model(
    received: np.ndarray,
    after_cooperating: np.ndarray,
    after_defecting: np.ndarray,
    last_stance: np.ndarray,
    observed: np.ndarray,
    met: np.ndarray,
    rate: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fold one year's observed cooperation into the world model of the AIs that met.

    ``last_stance`` is 1 (cooperated), 0 (defected) or -1 (no stance yet) for the
    previous year; ``observed`` is the share of this year's partners who cooperated.
    """
    received = np.where(met, follow(received, observed, rate), received)
    after_c = met & (last_stance == 1)
    after_d = met & (last_stance == 0)
    after_cooperating = np.where(after_c, follow(after_cooperating, observed, rate), after_cooperating)
    after_defecting = np.where(after_d, follow(after_defecting, observed, rate), after_defecting)
    return received, after_cooperating, after_defecting


def update_disposition(
    disposition: np.ndarray, advantage: np.ndarray, met: np.ndarray, rate: float, temperature: float
) -> np.ndarray:
    """Move the disposition of the AIs that met partners toward the logistic choice."""
    target = 1.0 / (1.0 + np.exp(-np.clip(advantage / temperature, -500, 500)))
    return np.where(met, follow(disposition, target, rate), disposition)


def initial(creator_behaviour: np.ndarray, initial_disposition: float) -> np.ndarray:
    """A new experiential learner starts from the scenario's ``initial_disposition``."""
    return np.full(len(creator_behaviour), initial_disposition)


def learn(disposition: np.ndarray, world, seen, settings) -> np.ndarray:
    """One year of learning for one kind of partner (the interface every learner shares)."""
    advantage = cooperation_advantage(
        world.received, world.after_cooperating, world.after_defecting, disposition,
        R=settings.R, S=settings.S, T=settings.T, P=settings.P, discount=settings.discount,
    )
    return update_disposition(disposition, advantage + seen.bonus, seen.met, settings.rate, settings.temperature)
