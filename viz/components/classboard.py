"""The class board on the page: "Submit my run" in the Run view, and the Class results view.

Both appear only when the server collects runs for a class (``session.classroom``).
"""

from __future__ import annotations

import solara

from succession_sim.classboard import MAX_NAME, changes_text, to_csv

from .. import classroom
from ..figures import PROJECTOR_WIDTH, class_scatter_png
from ..session import Session
from ..words import OUTCOME_NAMES
from .download import DownloadButton
from .ui import Note, Prose, Table

__all__ = ["SubmitRun", "ClassResultsView", "SCATTER_DEFAULTS", "scatter_axes"]

#: The two parameters the scatter prefers, when the submissions differ in them.
SCATTER_DEFAULTS = ("human_trust", "alpha")


def scatter_axes(submissions: list[dict]) -> tuple[str, str] | None:
    """The two numeric settings the scatter starts with: ones the submissions differ in
    (``SCATTER_DEFAULTS`` first), or None when they differ in no numeric setting.

    When only one setting differs, the other axis is the first numeric parameter besides
    it, so the points spread along one axis.
    """
    names = classroom.numeric_parameters()
    varying = set(classroom.varying_parameters(submissions))
    ordered = [name for name in (*SCATTER_DEFAULTS, *names) if name in varying]
    ordered = list(dict.fromkeys(ordered))
    if not ordered:
        return None
    if len(ordered) == 1:
        ordered.append(next(name for name in (*SCATTER_DEFAULTS, *names) if name != ordered[0]))
    return ordered[0], ordered[1]


@solara.component
def SubmitRun(session: Session):
    """A name field and "Submit my run": sends the current run, as it stands now, to the class board."""
    settings = session.classroom
    result, set_result = solara.use_state(None)

    def send():
        set_result(classroom.submit(settings, session.submission(session.student_name.peek()),
                                    session.submission_limiter))

    with solara.Card(f"Class board: {settings.name}", classes=["submit-run"]):
        with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}):
            with solara.Div(style={"width": "260px"}):
                solara.v.TextField(label="Your name", v_model=session.student_name.value,
                                   on_v_model=lambda text: session.student_name.set(text or ""),
                                   counter=MAX_NAME, attributes={"maxlength": str(MAX_NAME)},
                                   density="compact", variant="outlined", class_="student-name")
            solara.Button("Submit my run", on_click=send, color="primary", classes=["submit-run-button"])
        solara.Text("Sends this run as it stands now: its scenario and what you changed in it, its seed, the year "
                    "reached and the outcome so far. Class results counts finished runs.",
                    style={"font-size": "0.85em", "color": "#555"})
        if result is not None:
            Note(result.text, result.kind, classes=["submit-result"])


def _share(value) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


@solara.component
def SubmissionList(submissions: list[dict]):
    """Every run shown, one line each, grouped by scenario, oldest first within a scenario."""
    ordered = sorted(submissions, key=lambda row: (classroom.scenario_label(row), row["id"]))
    rows = [[classroom.scenario_label(row), changes_text(row["changed"]) or "-", row["student"], row["policy"],
             row["seed"], f"{row['steps']} of {row['horizon']}", OUTCOME_NAMES.get(row["outcome"], row["outcome"]),
             "-" if row["succession_year"] is None else row["succession_year"], _share(row["ai_power_share"])]
            for row in ordered]
    Table(["scenario", "changes", "student", "policy", "seed", "year reached", "outcome", "succession year",
           "AI power share"], rows, classes=["submission-list"])


@solara.component
def ChoiceScatter(submissions: list[dict], projector: bool = False):
    """Two chosen parameters of each submission, coloured by outcome; projector mode shows it
    twice as wide. It starts on settings the submissions differ in, and says so when there
    are none."""
    names = solara.use_memo(classroom.numeric_parameters, [])
    picked = solara.use_memo(lambda: scatter_axes(submissions), [submissions])
    chosen_x, set_x = solara.use_state(None)
    chosen_y, set_y = solara.use_state(None)
    nothing_to_plot = picked is None and chosen_x is None and chosen_y is None
    x = chosen_x or (picked or SCATTER_DEFAULTS)[0]
    y = chosen_y or (picked or SCATTER_DEFAULTS)[1]
    png = solara.use_memo(lambda: None if nothing_to_plot else class_scatter_png(submissions, x, y),
                          [submissions, x, y, nothing_to_plot])
    varying = classroom.varying_parameters(submissions)
    solara.Text("Settings that differ between submissions: " + (", ".join(varying) if varying else "none"),
                style={"color": "#444"}, classes=["varying-parameters"])
    if nothing_to_plot:
        Prose("Nothing to plot: the runs shown have the same numeric settings (only the seed or the policy "
              "differs). The table above counts their outcomes.", classes=["scatter-nothing"])
        return
    with solara.Row(gap="12px"):
        solara.Select("Horizontal axis", values=names, value=x, on_value=set_x)
        solara.Select("Vertical axis", values=names, value=y, on_value=set_y)
    width = 700 * (PROJECTOR_WIDTH if projector else 1)
    with solara.Div(classes=["class-scatter"], style={"max-width": f"{width:.0f}px"}):
        solara.Image(png, width="100%")


@solara.component
def ClassResultsView(session: Session):
    """Everyone's outcomes together: counts by scenario, policy and outcome, each run, their choices.

    Finished runs only unless the switch says otherwise; a student's repeated run counts once.
    Students see the results only once the host (the page opened with the host key) shows
    them, and never the names or the CSV; the host can also clear the board.
    """
    settings = session.classroom
    version, set_version = solara.use_state(0)
    show_all, set_show_all = solara.use_state(False)
    shown = solara.use_memo(lambda: classroom.revealed(settings), [version])
    with solara.Row(gap="12px", style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Text(f"Class results: {settings.name}", style={"font-size": "1.1em", "font-weight": "600"})
        solara.Button("Refresh", on_click=lambda: set_version(version + 1), color="primary", outlined=True,
                      classes=["refresh-results"])
        if session.host or shown:
            solara.Switch(label="Show unfinished runs too", value=show_all, on_value=set_show_all,
                          classes=["show-unfinished"])
    if session.host:
        HostControls(settings, shown, lambda: set_version(version + 1))
    elif not shown:
        Prose("The instructor has not shown the class results yet; press Refresh once they have.")
        return
    ClassResults(session, version, show_all)


@solara.component
def HostControls(settings, shown: bool, changed):
    """The host's switches: show the results to the students, clear the board (asked twice)."""
    outcome, set_outcome = solara.use_state(None)
    confirming, set_confirming = solara.use_state(False)

    def act(result) -> None:
        set_outcome(result)
        set_confirming(False)
        changed()

    with solara.Row(gap="12px", style={"align-items": "center", "flex-wrap": "wrap"}, classes=["host-controls"]):
        solara.Switch(label="Show the class results to students", value=shown,
                      on_value=lambda value: act(classroom.reveal(settings, value)), classes=["reveal-results"])
        if confirming:
            solara.Button("Delete every submission of this class", color="error",
                          on_click=lambda: act(classroom.clear(settings)), classes=["confirm-clear"])
            solara.Button("Keep them", on_click=lambda: set_confirming(False), outlined=True)
        else:
            solara.Button("Clear the board", on_click=lambda: set_confirming(True), color="error", outlined=True,
                          classes=["clear-board"])
    if outcome is not None:
        Note(outcome.text, outcome.kind)


@solara.component
def ClassResults(session: Session, version: int, show_all: bool):
    """The results: counts, the choices' scatter, and for the host each run with its student and the CSV."""
    settings = session.classroom
    submissions, problem = solara.use_memo(lambda: classroom.load_submissions(settings), [version])
    if problem:
        Note(problem, "error")
        return
    if not submissions:
        Prose("Nobody has submitted a run yet. Students press Submit my run in the Run view; then press Refresh.")
        return
    runs, caption = classroom.shown_runs(submissions, show_all)
    with solara.Row(gap="12px", style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Text(caption, classes=["shown-runs"], style={"color": "#444"})
        if session.host:  # the names are the instructor's
            DownloadButton("Download these results (CSV)", classroom.csv_filename(settings.name),
                           lambda: to_csv(runs), mime_type="text/csv", disabled=not runs)
    if not runs:
        Prose("No finished run yet: a run counts once it has reached its last year. "
              "Switch on Show unfinished runs too to see the others.")
        return
    header, rows = classroom.count_rows(runs)
    with solara.Card("Outcomes by scenario and policy (number of runs)"):
        Table(header, rows, classes=["class-counts"])
    with solara.Card("The choices behind them"):
        ChoiceScatter(runs, projector=session.projector.value)
    if session.host:
        with solara.Card("Every run"):
            SubmissionList(runs)
