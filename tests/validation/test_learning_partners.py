"""An AI that learns from experience reflects the partners it learns with.

Sources: Sutton & Barto, Reinforcement Learning: An Introduction, 2nd ed., MIT Press
(2018), ch. 8 (model-based planning; no DOI), the basis of ``mechanisms.learning``; and
the known pattern from the iterated prisoner's dilemma (Axelrod & Hamilton, Science 211
(1981) 1390-1396, doi:10.1126/science.7466396; payoffs R, S, T, P = 3, 0, 5, 1): against
a reciprocator cooperation pays, against a defector it does not, and an unconditional
cooperator invites exploitation. Learning agents in social dilemmas learn what their
partners make rational (Leibo et al. 2017).

``drivers.learn_against`` runs the model's learning step (learning.update_world_model ->
learning.cooperation_advantage -> learning.update_disposition, in the order of
SuccessionModel._learn) for independent learners, each meeting one partner a year.

Honest note: against an unconditional cooperator the learner learns to EXPLOIT it
(disposition toward 0). A few learners instead lock into cooperation: once they almost
always cooperate they almost never see what follows a defection, so their estimate
after_defecting stays stale and their plan keeps cooperating. Cooperation here is
learned because it is rewarded, not because the partner is kind.
"""

import math

import numpy as np
import pytest

from .drivers import learn_against

YEARS, LEARNERS = 300, 500


@pytest.fixture(scope="module")
def finals():
    return {p: learn_against(p, YEARS, LEARNERS, seed=0)[-1] for p in ("reciprocator", "parent", "defector", "cooperator")}


def test_reciprocating_partner_makes_a_cooperator(finals):
    """Published finding: against a reciprocator cooperation pays, so the learner cooperates
    (Axelrod & Hamilton (1981), doi:10.1126/science.7466396)."""
    # tit for tat: after_cooperating -> 1, after_defecting -> 0, so the advantage is
    # about (R-T) q + 9 * 1 * value > 0 and the disposition goes to 1
    assert finals["reciprocator"].min() > 0.95


def test_defecting_partner_makes_a_defector(finals):
    """Own formula: against a defector the disposition converges to the logistic target
    1 / (1 + e) = 0.2689 of the model's learner (ODD 7.7)."""
    # q = 0 and a_C = a_D = 0: advantage S - P = -1, target 1 / (1 + e) = 0.268941
    assert np.median(finals["defector"]) == pytest.approx(1 / (1 + math.e), abs=0.01)
    assert finals["defector"].max() < 0.3


def test_learner_ends_more_cooperative_with_a_reciprocator_than_with_a_defector(finals):
    """Published finding: learners learn what their partners make rational (Axelrod & Hamilton
    (1981), doi:10.1126/science.7466396; Leibo et al. 2017, arXiv:1702.03037)."""
    # the claim itself, learner by learner (same seed, same random stream)
    assert finals["reciprocator"].min() > finals["defector"].max()
    assert finals["reciprocator"].mean() - finals["defector"].mean() > 0.6


def test_the_models_parent_also_makes_a_cooperator(finals):
    """Published finding, for the model's parent (a slower reciprocator): reciprocity makes
    a cooperator (Axelrod & Hamilton (1981), doi:10.1126/science.7466396)."""
    # the model's parent cooperates with probability equal to the AI's reputation, which
    # follows its stances at trust_learning 0.2: a slower reciprocator, the same result
    assert finals["parent"].min() > 0.9
    assert finals["parent"].min() > finals["defector"].max()


def test_unconditional_cooperator_is_exploited(finals):
    """Published finding: an unconditional cooperator invites exploitation (Axelrod & Hamilton
    (1981), doi:10.1126/science.7466396); the thresholds are this test's own."""
    # q = 1, a_C = a_D: advantage R - T = -2 (target 0.119); a stale after_cooperating
    # drives most learners lower still. Most learners exploit the partner...
    coop = finals["cooperator"]
    assert np.median(coop) < 1 / (1 + math.e**2)
    assert (coop < 0.5).mean() > 0.85
    assert coop.mean() < finals["reciprocator"].mean() - 0.5
    # ...and a minority stays stuck in cooperation (the exploration trap described above)
    assert 0.0 < (coop > 0.5).mean() < 0.15
