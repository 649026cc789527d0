"""The Learn view: the four premises in plain words, their mini-runs, and their knockout scenarios."""

from __future__ import annotations

import re

import ipyvuetify as v
import ipywidgets as widgets
import pytest

from succession_sim import load_scenario, scenario_library
from succession_sim.experiments.knockout import PREMISES
from viz.app import VIEWS
from viz.learn import INTRO, LESSONS, MINI_MAX_AIS, MINI_STEPS, mini_scenario

from .conftest import button, texts, wait_until, with_class


def open_learn(rc):
    button(rc, "Learn").click()


def predict_and_run(rc, code: str, run_label: str = "Run this premise's mini-run", choice: int = 0):
    """Make the card's prediction (its ``choice``-th answer), then press its run button."""
    card = with_class(rc, v.Card, f"lesson-{code.lower()}")
    group = card.find(v.RadioGroup).widget
    group.v_model = card.find(v.Radio).widgets[choice].value
    with_class(rc, v.Card, f"lesson-{code.lower()}").find(v.Btn, children=[run_label]).widget.click()


def test_learn_is_one_of_the_views():
    assert VIEWS == ["Run", "Compare", "Learn"]


def test_lessons_follow_the_knockout_conditions():
    """One lesson per premise, each opening the library scenario that switches that premise off."""
    assert [lesson.code for lesson in LESSONS] == list(PREMISES)
    baseline = load_scenario("baseline")
    for lesson in LESSONS:
        assert lesson.scenario in scenario_library()
        assert getattr(load_scenario(lesson.scenario), lesson.switch) is False
        assert getattr(baseline, lesson.switch) is True


def test_the_prose_states_no_numbers():
    """Numbers on the page come from the mini-runs only; the prose names premises, not values."""
    for text in (INTRO, *(part for lesson in LESSONS for part in (lesson.says, lesson.model, lesson.off))):
        assert not re.search(r"\d", re.sub(r"\bP[1-4]\b", "", text)), text


def test_learn_view_walks_through_the_four_premises(dashboard):
    session, rc = dashboard
    open_learn(rc)
    shown = " ".join(texts(rc))
    for lesson in LESSONS:
        card = with_class(rc, v.Card, f"lesson-{lesson.code.lower()}")
        assert card.widgets[0].children[0].children == [f"{lesson.code}: {lesson.claim}"]
        for part in (lesson.says, lesson.model, lesson.off):
            assert " ".join(part.split()) in shown
        card.find(v.Btn, children=["Run this premise's mini-run"]).assert_single()
        card.find(v.Btn, children=["Open the knockout scenario"]).assert_single()
    assert session.mini_runs.value == {}  # nothing runs until asked


@pytest.mark.parametrize("code", ["P2", "P4"])
def test_mini_run_shows_its_chart_and_says_whether_succession_happened(dashboard, code):
    session, rc = dashboard
    open_learn(rc)
    predict_and_run(rc, code)
    wait_until(lambda: code in session.mini_runs.value)
    run = session.mini_runs.value[code]
    images = wait_until(lambda: with_class(rc, v.Card, f"lesson-{code.lower()}").find(widgets.Image).widgets)
    assert images[0].value == run.png and run.png[:8] == b"\x89PNG\r\n\x1a\n"
    words = wait_until(lambda: [w.children[0] for w in with_class(rc, v.Card, f"lesson-{code.lower()}")
                                .find(v.Html, class_="mini-run-words").widgets])
    assert len(words) == 2
    seed = session.model.params.seed
    assert run.seed == seed
    for text, label in zip(words, run.labels, strict=True):
        summary = run.summaries[label]
        assert summary["seed"] == seed and summary["steps"] == MINI_STEPS
        assert text.startswith(f"With {label}: ")
        if summary["succession_year"] is None:
            assert "no succession" in text
        else:
            assert "succession." in text and f"year {summary['succession_year']}" in text
    assert mini_scenario("baseline", seed).max_ais == MINI_MAX_AIS
    # only this premise ran; the others wait for their buttons
    assert list(session.mini_runs.value) == [code]


def test_open_the_knockout_scenario_loads_it_into_the_run_view(dashboard):
    session, rc = dashboard
    button(rc, "Step").click()
    open_learn(rc)
    card = with_class(rc, v.Card, "lesson-p3")
    card.find(v.Btn, children=["Open the knockout scenario"]).widget.click()
    assert session.view.value == "Run"
    assert session.scenario_name.value == "human_ceiling"
    assert session.model.params.premise_superintelligence is False
    assert session.model.time == 0
    assert rc.find(v.Select, label="Scenario").widget.v_model == "human_ceiling"
    assert rc.find(v.Html, class_="year-display").widget.children[0].startswith("Year 0 of")


def test_the_race_card_runs_the_race_and_the_mandate_on_the_same_seed(dashboard):
    session, rc = dashboard
    open_learn(rc)
    card = with_class(rc, v.Card, "lesson-race")
    assert card.widgets[0].children[0].children == ["Can parenting survive a race?"]
    predict_and_run(rc, "race", "Run the mini-run")
    wait_until(lambda: "race" in session.mini_runs.value)
    run = session.mini_runs.value["race"]
    words = wait_until(lambda: [w.children[0] for w in with_class(rc, v.Card, "lesson-race")
                                .find(v.Html, class_="mini-run-words").widgets])
    assert len(words) == 2
    race, mandated = (run.summaries[label] for label in run.labels)
    assert race["seed"] == mandated["seed"] == session.model.params.seed
    assert mandated["parent_share"] == 1.0  # the authority's mandate holds (P1 off)
    for text, label in zip(words, run.labels, strict=True):
        assert f"{run.summaries[label]['policy_switches']} changes of policy" in text
    card.find(v.Btn, children=["Open the race scenario"]).widget.click()
    assert session.scenario_name.value == "race_to_the_bottom"


def test_the_drift_card_runs_the_race_with_mutation_in_both_worlds(dashboard):
    """Fails if the card does not run, runs the worlds on different seeds or without
    mutation (the factions would then all stand on a preset), or its words do not read
    the run's policy means."""
    session, rc = dashboard
    open_learn(rc)
    card = with_class(rc, v.Card, "lesson-drift")
    assert card.widgets[0].children[0].children == ["Where does a race settle when policies can drift?"]
    card.find(v.Btn, children=["Run the mini-run"]).widget.click()
    wait_until(lambda: "drift" in session.mini_runs.value)
    run = session.mini_runs.value["drift"]
    words = wait_until(lambda: [w.children[0] for w in with_class(rc, v.Card, "lesson-drift")
                                .find(v.Html, class_="mini-run-words").widgets])
    assert len(words) == 2
    held, outgrown = (run.summaries[label] for label in run.labels)
    assert held["seed"] == outgrown["seed"] == session.model.params.seed
    assert held["capability_frontier"] <= 10.0 < outgrown["capability_frontier"]
    assert any(s["policy_spread"]["extraction"] > 0 for s in (held, outgrown))  # mutation moved them apart
    for text, label in zip(words, run.labels, strict=True):
        assert f"grant at most {run.summaries[label]['policy_mean']['autonomy_cap']:.2f} autonomy" in text


def test_projector_mode_shows_the_mini_run_twice_as_wide(dashboard):
    session, rc = dashboard
    open_learn(rc)
    predict_and_run(rc, "P2")
    wait_until(lambda: "P2" in session.mini_runs.value)

    def chart_style() -> str:
        return wait_until(lambda: [w.style_ for w in rc.find(v.Html).widgets
                                   if "mini-run-chart" in (w.class_ or "").split()])[0]

    assert "width:450px" in chart_style()
    session.projector.value = True
    wait_until(lambda: "width:900px" in chart_style())


def test_a_card_runs_only_after_a_prediction_and_shows_it_beside_the_result(dashboard):
    """Fails if the run button works before a prediction, or the result hides the prediction."""
    from viz.learn import LESSONS, prediction_words

    session, rc = dashboard
    open_learn(rc)
    card = with_class(rc, v.Card, "lesson-p4")
    run_button = card.find(v.Btn, children=["Run this premise's mini-run"]).widget
    assert run_button.disabled
    assert [radio.label for radio in card.find(v.Radio).widgets] == list(LESSONS[3].prediction.choices)
    predict_and_run(rc, "P4", choice=1)
    wait_until(lambda: "P4" in session.mini_runs.value)
    chosen = LESSONS[3].prediction.choices[1]
    assert session.predictions.value == {"P4": chosen}
    mine = wait_until(lambda: with_class(rc, v.Card, "lesson-p4").find(v.Alert, class_="my-1 prediction-mine").widgets)
    assert mine[0].text == f"Your prediction: {chosen.lower()}."
    happened = with_class(rc, v.Card, "lesson-p4").find(v.Alert, class_="my-1 prediction-happened").widget
    assert happened.text == prediction_words(LESSONS[3].prediction, chosen, session.mini_runs.value["P4"])


def test_the_premise_prediction_reads_the_years_of_succession():
    """Each choice is borne out by the run it describes (a later, an earlier, a missing succession)."""
    from viz.learn import LATER, NONE, PREMISE_PREDICTION, SOONER, MiniRun

    def run(first, second):
        labels = ("on", "off")
        return MiniRun("P1", 1, labels, {"on": {"succession_year": first}, "off": {"succession_year": second}}, b"")

    assert PREMISE_PREDICTION.outcome(run(70, 90)) == LATER
    assert PREMISE_PREDICTION.outcome(run(70, 60)) == PREMISE_PREDICTION.outcome(run(70, 70)) == SOONER
    assert PREMISE_PREDICTION.outcome(run(70, None)) == NONE
    assert PREMISE_PREDICTION.outcome(run(None, 80)) == SOONER


def test_the_p1_card_does_not_claim_that_p1_off_stops_succession():
    """A mini-run where P1 off reaches no succession within its years says that it may only be
    later (the knockout shows succession in every run with P1 off, later), not that it stopped."""
    from viz.learn import MiniRun, comparison_words

    labels = ("all four premises on", "P1 switched off")
    run = MiniRun("P1", 1, labels, {labels[0]: {"succession_year": 76, "steps": 100},
                                    labels[1]: {"succession_year": None, "steps": 100}}, b"")
    words = comparison_words(run)
    assert "stopped" not in words and "may only come later" in words and "knockout" in words
