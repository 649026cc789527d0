"""Per-session state: separate models, links, the premise and outcome words."""

from __future__ import annotations

import threading

from succession_sim import SuccessionModel, load_scenario
from viz import words
from viz.session import Session


def test_two_sessions_have_separate_models():
    first, second = Session(), Session()
    assert first.model is not second.model
    first.step()
    first.step()
    assert first.model.time == 2 and second.model.time == 0
    assert second.snapshot.value.year == 0


def test_a_link_sets_the_scenario_seed_and_parameters():
    session = Session.from_link("scenario=strong_oversight&seed=7&initial_ais=1000&max_ais=1000")
    p = session.model.params
    assert (session.scenario_name.value, p.seed, p.initial_ais, p.max_ais) == ("strong_oversight", 7, 1000, 1000)
    assert p.oversight == load_scenario("strong_oversight").oversight
    assert session.message.value == ""


def test_a_bad_link_is_reported_not_raised():
    session = Session.from_link("scenario=atlantis&bogus=1&n_factions=many")
    assert session.scenario_name.value == "baseline"
    message = session.message.value
    assert "atlantis" in message and "bogus" in message and "n_factions" in message


def test_a_link_cannot_exceed_the_classroom_limits():
    session = Session.from_link("n_factions=50")
    assert session.model.params.n_factions == 5
    assert "classroom limit" in session.message.value


def test_step_stops_at_the_horizon():
    session = Session.from_link("steps=2")
    assert session.step() and session.step()
    assert not session.step()
    assert session.model.time == 2 and session.finished


def test_play_loop_stops_when_told():
    session = Session.from_link("steps=500")
    session.view.value = "Compare"  # nothing draws the run: the loop must not wait for the page
    session.speed.value = 10
    session.playing.value = True
    stop = threading.Event()
    worker = threading.Thread(target=session.play_loop, args=(stop,))
    worker.start()
    while session.model.time < 2:
        pass
    stop.set()
    worker.join(5)
    assert not worker.is_alive() and 2 <= session.model.time < 500


def test_snapshots_do_not_change_when_the_model_steps():
    session = Session()
    before = session.snapshot.value
    session.step()
    assert before.year == 0 and len(before.frame) == 1 and session.snapshot.value is not before


def test_premise_words_report_switched_off_premises():
    model = SuccessionModel(load_scenario("no_power_accrual", steps=40))
    model.run()
    statuses = {s.code: s for s in words.premise_statuses(model.summary(), model.params, model.dataframe())}
    assert list(statuses) == ["P1", "P2", "P3", "P4"]
    assert statuses["P4"].state == words.OFF and "alpha = 0" in statuses["P4"].indicator
    assert statuses["P2"].state == words.HELD and "year" in statuses["P2"].indicator


def test_premise_words_before_the_first_year():
    model = SuccessionModel(load_scenario("baseline"))
    statuses = words.premise_statuses(model.summary(), model.params, model.dataframe())
    assert statuses[0].state == words.UNKNOWN
    assert statuses[1].state == words.NOT_YET and "discovery threshold" in statuses[1].indicator


def test_outcome_words_name_the_class_and_its_numbers():
    model = SuccessionModel(load_scenario("strong_oversight", steps=60))
    model.run()
    summary = model.summary()
    assert words.outcome_headline(summary, finished=True) == "Final: " + words.OUTCOME_NAMES[summary["outcome"]]
    assert f"{100 * summary['ai_power_share']:.0f}%" in words.outcome_text(summary)
