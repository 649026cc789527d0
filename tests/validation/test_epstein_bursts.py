"""Epstein's outbursts: a sudden drop in legitimacy sets off a large outburst, a gradual
drop of greater total size does not.

Source: Epstein, "Modeling civil violence: An agent-based computational approach",
PNAS 99 (2002) 7243-7250, doi:10.1073/pnas.092080199: in his model a small sudden drop
in legitimacy sets off a large outburst of rebellion, while a larger drop spread over
time sets off none, because agents turned active one at a time are taken away before
they reach the critical mass that lowers everyone's arrest probability. Here
``drivers.outburst`` runs the model's own stage-6 chain over 2,000 contained AIs with
Epstein's H ~ U(0, 1) and R ~ U(0, 1), linked as the model links them, with legitimacy
set from outside: a sudden fall from 0.9 to 0.6, or a gradual one from 0.9 to 0.5.
The measure is the peak share of contained AIs that rise in one year, over 10 seeds.
"""

import numpy as np
import pytest

from succession_sim.experiments.compare import mean_interval

from .drivers import legitimacy_path, outburst

SEEDS = range(10)


def _peaks(kind: str, rounding: str) -> list[float]:
    return [float(outburst(legitimacy_path(kind), seed=s, rounding=rounding).max()) for s in SEEDS]


@pytest.mark.parametrize("rounding", ["none", "round", "floor"])
def test_a_sudden_drop_sets_off_a_larger_outburst_than_a_larger_gradual_one(rounding):
    sudden, gradual = _peaks("sudden", rounding), _peaks("gradual", rounding)
    assert (1 - legitimacy_path("gradual")[-1]) > (1 - legitimacy_path("sudden")[-1])  # the gradual drop is larger
    assert mean_interval([a - b for a, b in zip(sudden, gradual, strict=True)])["low"] > 0
    assert np.mean(sudden) > 5 * np.mean(gradual)


def test_with_mesas_rounding_the_gradual_drop_sets_off_no_outburst():
    # round(C / A) as in Mesa's epstein_civil_violence: at most a few AIs in a thousand rise in
    # any year of the gradual drop, while the sudden drop raises more than a fifth of them at once
    assert max(_peaks("gradual", "round")) < 0.02
    assert min(_peaks("sudden", "round")) > 0.2


def test_the_outburst_spreads_along_the_links():
    # rounding makes a rebel nearby cut containment sharply, so the same sudden drop raises
    # more AIs than it does without rounding (where each AI's own grievance is nearly all)
    assert np.mean(_peaks("sudden", "round")) > 2 * np.mean(_peaks("sudden", "none"))
