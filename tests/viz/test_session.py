"""Per-session state: separate models, links, the premise and outcome words."""

from __future__ import annotations

import collections
import threading

from succession_sim import SuccessionModel, load_scenario
from viz import words
from viz.session import RATE_WINDOW, Session


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
    assert session.message.value == "" and session.link_error.value == ""


def test_a_bad_link_is_reported_in_one_line_and_not_applied():
    session = Session.from_link("scenario=hostile_world&bogus=1&n_factions=many&seed=7")
    assert session.scenario_name.value == "baseline"  # nothing applied: neither the scenario ...
    assert session.model.params.seed == load_scenario("baseline").seed != 7  # ... nor the seed
    message = session.link_error.value
    assert message.startswith("Link not applied: ") and "\n" not in message
    assert "unknown key 'bogus'" in message and "n_factions='many'" in message and "hostile_world" not in message
    assert session.message.value == ""  # the Reset error box is for Reset


def test_an_unknown_scenario_or_a_bad_switch_is_refused():
    for link, expected in (("scenario=atlantis", "unknown scenario 'atlantis'"), ("projector=maybe", "projector='maybe'"),
                        ("seed=ten", "not a whole number"), ("seed=1&seed=2", "seed is given 2 times")):
        session = Session.from_link(link)
        assert expected in session.link_error.value, link
        assert session.projector.value is False


def test_a_link_cannot_exceed_the_classroom_limits():
    session = Session.from_link("n_factions=50")
    assert session.model.params.n_factions == 5
    assert "classroom limit" in session.link_error.value


def test_projector_mode_from_the_link():
    assert Session.from_link("projector=1&seed=3").projector.value is True
    assert Session.from_link("projector=0").projector.value is False
    assert Session.from_link("").link_error.value == ""


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
    statuses = {s.code: s for s in words.premise_statuses(model.summary(), model.params, model.dataframe().iloc[-1].to_dict())}
    assert list(statuses) == ["P1", "P2", "P3", "P4"]
    assert statuses["P4"].state == words.OFF and "alpha = 0" in statuses["P4"].indicator
    assert statuses["P2"].state == words.HELD and "year" in statuses["P2"].indicator


def test_premise_words_before_the_first_year():
    model = SuccessionModel(load_scenario("baseline"))
    statuses = words.premise_statuses(model.summary(), model.params, model.dataframe().iloc[-1].to_dict())
    assert statuses[0].state == words.UNKNOWN
    assert statuses[1].state == words.NOT_YET and "discovery threshold" in statuses[1].indicator


def test_outcome_words_name_the_class_and_its_numbers():
    model = SuccessionModel(load_scenario("strong_oversight", steps=60))
    model.run()
    summary = model.summary()
    assert words.outcome_headline(summary, finished=True) == "Final: " + words.OUTCOME_NAMES[summary["outcome"]]
    assert f"{100 * summary['ai_power_share']:.0f}%" in words.outcome_text(summary)


def test_play_renders_the_words_every_few_seconds_and_pause_refreshes_them():
    session = Session.from_link("steps=500")
    session.speed.value = 10
    session.playing.value = True
    stop = threading.Event()
    worker = threading.Thread(target=session.play_loop, args=(stop,))
    worker.start()
    rendered, stale = set(), []
    while session.model.time < 8:
        rendered.add(id(session.snapshot.value))
        stale.append(not session.latest.words_are_current)
    session.pause()
    stop.set()
    worker.join(5)
    assert any(stale)  # Play skipped model.summary() for some years ...
    assert len(rendered) < 8  # ... and re-rendered the page's words for fewer years than it played
    assert session.snapshot.value is session.latest and session.latest.words_are_current  # Pause: all current
    assert session.live.year_label.children == [f"Year {int(session.model.time)} of 500"]  # the live year kept up


def test_the_page_says_the_server_is_busy_when_play_falls_behind_and_not_after():
    session = Session()
    interval = 0.25  # 4 years a second
    behind = collections.deque([k * 2 * interval for k in range(RATE_WINDOW)], maxlen=RATE_WINDOW)
    session._note_pace(behind, interval)
    assert session.server_busy.value is True
    on_time = collections.deque([k * interval for k in range(RATE_WINDOW)], maxlen=RATE_WINDOW)
    session._note_pace(on_time, interval)
    assert session.server_busy.value is False
    session._note_pace(collections.deque([0.0, 1.0], maxlen=RATE_WINDOW), interval)  # too few years to judge
    assert session.server_busy.value is False


def test_a_step_never_waits_for_the_play_turn_of_another_session():
    """Play loops take turns from the server-wide pacer; a Step click does not queue behind them."""
    from viz.pacing import PACER

    clicked = Session()
    assert PACER.take_turn(threading.Event())  # another session's Play year, in progress
    try:
        done = threading.Event()
        threading.Thread(target=lambda: (clicked.step(), done.set())).start()
        assert done.wait(5) and clicked.model.time == 1
    finally:
        PACER.end_turn()
