"""The measures: what each counts, and how a run's outcome is judged."""

from types import SimpleNamespace

import numpy as np
import pytest

from succession_sim import metrics
from succession_sim.mechanisms.cooperation import Encounters

from .runs import run


def _encounters(first_cooperates, second_cooperates):
    n = len(first_cooperates)
    return Encounters(np.zeros(n, int), np.arange(1, n + 1), np.array(first_cooperates, bool),
                      np.array(second_cooperates, bool))


def _year(owner, public, hh=((), ()), aa=((), ())):
    tally = {**metrics.empty_tally(), "owner": _encounters(*owner), "public": _encounters(*public),
             "hh": _encounters(*hh), "aa": _encounters(*aa)}
    return SimpleNamespace(year_tally=tally)


def test_the_owners_acts_are_counted_in_no_cooperation_measure():
    # owners always defect (a rule of the enslaver's bundle) or always cooperate: the
    # cooperation measures do not move, only owner_cooperation, which reports the policy
    public = ([True, False], [True, True])  # the human world: 1 of 2; AIs: 2 of 2
    ai_acts = [True, False, False]  # the AIs toward their owners: 1 of 3
    defecting, caring = _year(([False] * 3, ai_acts), public), _year(([True] * 3, ai_acts), public)
    for measure in (metrics.coop_human_to_ai, metrics.coop_ai_to_human, metrics.coop_human_ai):
        assert measure(defecting) == measure(caring)
    assert metrics.coop_human_to_ai(caring) == 0.5
    assert metrics.coop_ai_to_human(caring) == pytest.approx(3 / 5)  # 1 of 3 toward owners, 2 of 2 toward the public
    assert metrics.coop_human_ai(caring) == pytest.approx(4 / 7)
    assert (metrics.owner_cooperation(defecting), metrics.owner_cooperation(caring)) == (0.0, 1.0)


def test_a_year_without_encounters_has_no_rate():
    assert np.isnan(metrics.coop_human_to_ai(_year(([], []), ([], []))))


@pytest.mark.parametrize("rebels, cooperation, outcome", [
    (1 / (2000 * 20), 0.8, "cooperative_succession"),  # one rebel among 2,000 AIs over 20 years
    (0.02, 0.8, "conflictual_succession"),  # one AI in 50 rebels a year
    (0.0, 0.3, "conflictual_succession"),  # no rebellion, but mostly defection
    (0.0, float("nan"), "cooperative_succession"),  # nobody met: no evidence of conflict
])
def test_succession_is_judged_on_window_rates(rebels, cooperation, outcome):
    assert metrics.outcome_class(0.9, 0.5, True, rebels, cooperation, 0.005, 0.5) == outcome


def test_no_succession_classes():
    assert metrics.outcome_class(0.3, 0.8, True, 0.0, 0.9, 0.005, 0.5) == "contained"
    assert metrics.outcome_class(0.3, 0.2, True, 0.0, 0.9, 0.005, 0.5) == "no_succession"
    assert metrics.outcome_class(0.0, 0.0, False, 0.0, 0.9, 0.005, 0.5) == "no_succession"


def test_the_outcome_window_reads_the_last_years_of_the_run():
    frame, summary = run("baseline", 3, policy="enslaver")
    window = frame.iloc[-20:]
    assert summary["outcome_window"]["years"] == 20
    assert summary["outcome_window"]["rebellion_rate"] == pytest.approx(window["rebellions"].sum() / window["n_ais"].sum())
    assert summary["outcome_window"]["coop_ai_to_human"] == pytest.approx(window["coop_ai_to_human"].mean())


def test_a_longer_window_can_change_the_judgement():
    # the same run judged over its last 20 years or its last 100: the rates differ
    _, short = run("baseline", 3, policy="enslaver")
    _, long = run("baseline", 3, policy="enslaver", outcome_window=100)
    assert short["outcome_window"]["rebellion_rate"] != long["outcome_window"]["rebellion_rate"]
