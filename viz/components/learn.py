"""The Learn view: a guided tour of the four premises, each with a mini-run and its knockout scenario."""

from __future__ import annotations

import solara
import solara.lab

from ..figures import PROJECTOR_WIDTH
from ..learn import (
    INTRO,
    LESSONS,
    RACE,
    Lesson,
    MiniRun,
    Prediction,
    comparison_words,
    mini_run,
    prediction_words,
    race_mini_run,
    race_words,
    run_words,
)
from ..session import Session
from .ui import Note, Prose

__all__ = ["LearnView", "PremiseLesson", "MiniRunResult", "PredictThenSee"]

_HEADING = {"font-weight": "600", "display": "block", "margin-top": "4px"}


@solara.component
def LearnView(session: Session):
    """The introduction, then one card per premise."""
    with solara.Column(gap="10px", classes=["learn-view"]):
        Prose(INTRO, classes=["learn-intro"])
        for lesson in LESSONS:
            PremiseLesson(session, lesson)
        PremiseLesson(session, RACE)


@solara.component
def PremiseLesson(session: Session, lesson: Lesson):
    """One premise: what it says, the model's rule, its knockout; the mini-run and the scenario."""
    result = session.mini_runs.value.get(lesson.code)

    def run_job():
        seed = session.applied.peek().seed
        run = race_mini_run(seed) if lesson is RACE else mini_run(lesson, seed)
        session.mini_runs.value = {**session.mini_runs.peek(), lesson.code: run}

    task = solara.lab.use_task(run_job, dependencies=None)
    title = lesson.claim if lesson is RACE else f"{lesson.code}: {lesson.claim}"
    with solara.Card(title, classes=["lesson", f"lesson-{lesson.code.lower()}"]):
        headings = (("The question", "How the model puts it", "With an authority") if lesson is RACE
                    else ("What the premise says", "How the model puts it", "Switched off"))
        for heading, text in zip(headings, (lesson.says, lesson.model, lesson.off), strict=True):
            solara.Text(heading, style=_HEADING)
            Prose(text)
        run_label = "Run the mini-run" if lesson is RACE else "Run this premise's mini-run"
        if lesson.prediction is not None:
            PredictThenSee(session, lesson.code, lesson.prediction, run_label, task, task.pending, result)
        else:
            solara.Button(run_label, on_click=task, disabled=task.pending, color="primary", size="small",
                          classes=["mini-run-button"])
        solara.Button("Open the race scenario" if lesson is RACE else "Open the knockout scenario",
                      on_click=lambda: session.open_scenario(lesson.scenario),
                      color="primary", outlined=True, size="small", classes=["open-knockout"])
        if task.pending:
            solara.ProgressLinear(True)
        if task.error:
            Note(f"The mini-run failed: {task.exception}", "error")
        if result is not None:
            MiniRunResult(result, race=lesson is RACE, projector=session.projector.value)


@solara.component
def PredictThenSee(session: Session, key: str, prediction: Prediction, run_label: str, on_run, pending: bool,
                   result: MiniRun | None):
    """Predict, then see, for any Learn card: the question and its choices; the run button,
    which waits for a choice; then the prediction beside what happened.

    ``key`` names the card (its prediction is kept in the session, like its mini-run);
    ``on_run`` starts the card's run; ``result`` is its finished run, or None.
    """
    chosen = session.predictions.value.get(key)

    def choose(choice):
        session.predictions.value = {**session.predictions.peek(), key: choice}

    with solara.Column(gap="4px", classes=["predict-then-see"]):
        solara.Text(prediction.question, style=_HEADING, classes=["prediction-question"])
        with solara.v.RadioGroup(v_model=chosen, on_v_model=choose, density="compact", hide_details=True,
                                 disabled=pending, class_="prediction-choices"):
            for choice in prediction.choices:
                solara.v.Radio(label=choice, value=choice, color="primary")
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Button(run_label, on_click=on_run, disabled=pending or chosen is None, color="primary",
                          size="small", classes=["mini-run-button"])
            if chosen is None:
                solara.Text("Choose a prediction to run it.", style={"color": "#555"})
        if result is not None and chosen is not None:
            with solara.Row(gap="12px", classes=["prediction-result"], style={"flex-wrap": "wrap"}):
                Note(f"Your prediction: {chosen.lower()}.", "info", classes=["prediction-mine"])
                happened = prediction.outcome(result)
                Note(prediction_words(prediction, chosen, result), "success" if happened == chosen else "warning",
                     classes=["prediction-happened"])


@solara.component
def MiniRunResult(run: MiniRun, race: bool = False, projector: bool = False):
    """The two-line chart and, in words, what happened in each run; projector mode shows
    the chart twice as wide (it is drawn at twice the pixels, so it stays sharp)."""
    width = 450 * (PROJECTOR_WIDTH if projector else 1)
    with solara.Row(gap="12px", classes=["mini-run"], style={"flex-wrap": "wrap", "align-items": "flex-start"}):
        with solara.Div(classes=["mini-run-chart"], style={"width": f"{width:.0f}px", "max-width": "100%"}):
            solara.Image(run.png, width="100%")
        with solara.Column(gap="4px", style={"flex": "1", "min-width": "240px"}):
            for label in run.labels:
                words = race_words if race else run_words
                solara.Text(words(label, run.summaries[label]), classes=["mini-run-words"], style={"display": "block"})
            if not race:
                solara.Text(comparison_words(run), classes=["mini-run-comparison"],
                            style={"display": "block", "font-weight": "600"})
