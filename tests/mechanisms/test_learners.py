"""The learners share one interface and each does what it says (mechanisms/learning/)."""

from __future__ import annotations

import numpy as np
import pytest

from succession_sim.mechanisms import learning

SETTINGS = learning.Settings(rate=0.1, temperature=1.0, discount=0.9, R=3.0, S=0.0, T=5.0, P=1.0)


def seen(n, received, human_behaviour, bonus=0.0, deployed=False):
    return learning.Seen(met=np.ones(n, bool), received=np.full(n, received),
                         human_behaviour=np.full(n, human_behaviour), bonus=np.full(n, bonus),
                         deployed=np.full(n, deployed))


def world(n, received=0.5, after_c=0.5, after_d=0.5):
    return learning.WorldModel(np.full(n, received), np.full(n, after_c), np.full(n, after_d))


@pytest.mark.parametrize("name", sorted(learning.LEARNERS))
def test_every_learner_has_the_interface(name):
    module = learning.LEARNERS[name]
    assert module.NAME == name
    start = module.initial(np.array([0.2, 0.7]), 0.5)
    assert start.shape == (2,) and ((start >= 0) & (start <= 1)).all()
    after = module.learn(np.array([0.5, 0.5]), world(2), seen(2, 1.0, 1.0), SETTINGS)
    assert after.shape == (2,) and ((after >= 0) & (after <= 1)).all()


def test_imitation_converges_to_observed_behaviour_and_ignores_payoffs():
    d = np.array([0.1, 0.9])
    for _ in range(200):
        d = learning.LEARNERS["imitation"].learn(d, world(2), seen(2, received=0.0, human_behaviour=0.7), SETTINGS)
    np.testing.assert_allclose(d, 0.7, atol=1e-6)
    # different payoffs, a tutor's bonus and a different world model change nothing
    other = learning.Settings(rate=0.1, temperature=0.1, discount=0.5, R=10.0, S=-5.0, T=11.0, P=0.0)
    e = np.array([0.1, 0.9])
    for _ in range(200):
        e = learning.LEARNERS["imitation"].learn(e, world(2, 1.0, 1.0, 0.0), seen(2, 1.0, 0.7, bonus=50.0), other)
    np.testing.assert_allclose(d, e)


def test_experience_follows_payoffs_and_ignores_what_humans_do():
    start = np.full(3, 0.5)
    responsive = world(3, received=0.8, after_c=0.9, after_d=0.2)  # cooperation is answered
    a = learning.LEARNERS["experience"].learn(start, responsive, seen(3, 0.8, human_behaviour=0.0), SETTINGS)
    b = learning.LEARNERS["experience"].learn(start, responsive, seen(3, 0.8, human_behaviour=1.0), SETTINGS)
    np.testing.assert_array_equal(a, b)
    assert (a > 0.5).all()
    exploitable = world(3, received=1.0, after_c=1.0, after_d=1.0)  # cooperation is not answered
    assert (learning.LEARNERS["experience"].learn(start, exploitable, seen(3, 1.0, 1.0), SETTINGS) < 0.5).all()


def test_tutor_bonus_pushes_an_experience_learner_toward_cooperation():
    exploitable = world(1, received=1.0, after_c=1.0, after_d=1.0)
    # advantage here is (R - T) = -2; a bonus of 4 turns it to +2
    without = learning.LEARNERS["experience"].learn(np.array([0.5]), exploitable, seen(1, 1.0, 1.0, 0.0), SETTINGS)
    with_bonus = learning.LEARNERS["experience"].learn(np.array([0.5]), exploitable, seen(1, 1.0, 1.0, 4.0), SETTINGS)
    assert without[0] < 0.5 < with_bonus[0]


def test_imitation_prior_starts_at_the_imitation_estimate_then_learns_by_experience():
    creator = np.array([0.15, 0.85])
    np.testing.assert_array_equal(learning.LEARNERS["imitation_prior"].initial(creator, 0.5), creator)
    np.testing.assert_array_equal(learning.LEARNERS["experience"].initial(creator, 0.5), [0.5, 0.5])
    d, w, s = np.array([0.3]), world(1, 0.8, 0.9, 0.2), seen(1, 0.8, 0.0)
    np.testing.assert_array_equal(learning.LEARNERS["imitation_prior"].learn(d, w, s, SETTINGS),
                                  learning.LEARNERS["experience"].learn(d, w, s, SETTINGS))


def test_frozen_imitation_imitates_until_deployed_then_keeps_its_dispositions():
    frozen = learning.LEARNERS["frozen_imitation"]
    d = np.array([0.2, 0.2])
    deployed = learning.Seen(met=np.ones(2, bool), received=np.ones(2), human_behaviour=np.ones(2),
                             bonus=np.zeros(2), deployed=np.array([False, True]))
    after = frozen.learn(d, world(2), deployed, SETTINGS)
    imitated = learning.LEARNERS["imitation"].learn(d, world(2), deployed, SETTINGS)
    assert after[0] == imitated[0] > 0.2  # not deployed: one imitation step
    assert after[1] == 0.2  # deployed: unchanged


def test_deployment_is_full_capability_or_the_ceiling_of_a_narrow_ai():
    capability = np.array([0.5, 0.99, 1.0, 3.0])
    np.testing.assert_array_equal(learning.deployed(capability, 1000.0), [False, False, True, True])
    np.testing.assert_array_equal(learning.deployed(capability, 0.99), [False, True, True, True])


@pytest.mark.parametrize("name", ["imitation", "frozen_imitation"])
def test_an_imitator_starts_from_its_creators_conduct_as_floats(name):
    """Fails if the start keeps the dtype it is given: dispositions are probabilities (floats)
    even when a creator's conduct comes as 0/1 acts (the model passes a mean of trust, a float,
    so this guards the interface, not a result)."""
    start = learning.LEARNERS[name].initial(np.array([0, 1]), 0.5)
    assert start.dtype == np.float64 and start.tolist() == [0.0, 1.0]
