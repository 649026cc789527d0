"""Cooperation pays: the payoffs of the prisoner's dilemma reach power, welfare and the contest."""

import numpy as np
import pytest

from .runs import run

SEEDS = range(5)


@pytest.mark.parametrize("scenario", ["baseline", "experience_trusting_world"])
def test_paid_payoffs_raise_human_welfare(scenario):
    # the same seeds with the payoffs paid (default stakes) and not paid (0)
    unpaid = [run(scenario, s, payoff_stakes=0.0)[1]["human_welfare"] for s in SEEDS]
    paid = [run(scenario, s)[1]["human_welfare"] for s in SEEDS]
    assert all(b > a for a, b in zip(unpaid, paid, strict=True))


def test_a_trusting_world_gains_more_from_the_payoffs_than_a_hostile_one():
    def gain(scenario):
        return np.mean([np.log(run(scenario, s)[1]["human_welfare"] / run(scenario, s, payoff_stakes=0.0)[1]["human_welfare"])
                        for s in SEEDS])
    assert gain("experience_trusting_world") > gain("hostile_world")
