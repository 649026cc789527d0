"""succession-sim dashboard: run with ``solara run viz/app.py`` or ``succession-sim dashboard``.

The page only lays out components; each browser session gets its own :class:`Session`
(and so its own model), built inside the page component.
"""

from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # `solara run viz/app.py` outside the venv
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import solara  # noqa: E402

from viz.components.charts import StatusLine, TimeSeriesView  # noqa: E402
from viz.components.classboard import ClassResultsView, SubmitRun  # noqa: E402
from viz.components.compare import CompareView  # noqa: E402
from viz.components.controls import ParameterPanel, RunControls, ScenarioPanel  # noqa: E402
from viz.components.export import ExportButtons  # noqa: E402
from viz.components.learn import LearnView  # noqa: E402
from viz.components.network import NetworkView  # noqa: E402
from viz.components.premises import OutcomeBanner, PremisePanel  # noqa: E402
from viz.components.ui import ViewSwitch  # noqa: E402
from viz.session import Session  # noqa: E402

__all__ = ["Page", "Dashboard", "PlayLoop", "views"]

VIEWS = ["Run", "Compare", "Learn"]
#: Shown only when the server collects runs for a class.
CLASS_VIEW = "Class results"
TITLE = "succession-sim: rival factions, designed AIs, parents or enslavers"


def views(session: Session) -> list[str]:
    """The views this session offers: the class results only with a class board."""
    return VIEWS + ([CLASS_VIEW] if session.classroom else [])


@solara.component
def PlayLoop(session: Session):
    """Steps the model in a background thread while Play is on; stops on Pause or when the page closes."""
    playing = session.playing.value

    def loop(stop):
        if playing:
            session.play_loop(stop)

    solara.use_thread(loop, dependencies=[playing], intrusive_cancel=False)
    solara.use_effect(lambda: session.close, [])  # the cleanup runs when the page goes away


@solara.component
def RunView(session: Session):
    """The run as it unfolds. The only reader of the snapshot: one re-render per step."""
    snapshot = session.snapshot.value
    solara.use_effect(lambda: session.note_drawn(snapshot), [snapshot])  # lets Play take the next step
    StatusLine(snapshot)
    OutcomeBanner(snapshot)
    if session.classroom:
        SubmitRun(session)
    with solara.Columns([3, 2]):
        NetworkView(snapshot)
        PremisePanel(snapshot)
    TimeSeriesView(snapshot)
    ExportButtons(session, snapshot)


@solara.component
def Dashboard(session: Session):
    """Controls on the left; the chosen view (run, comparison, tour, class results) on the right."""
    PlayLoop(session)
    with solara.Columns([1, 3], style={"min-height": "100vh"}):
        with solara.Column(gap="10px", classes=["controls"], style={"min-width": "320px", "padding": "0 8px"}):
            ScenarioPanel(session)
            RunControls(session)
            ParameterPanel(session)
        with solara.Column(gap="8px", classes=["main-view"]):
            solara.Text(TITLE, style={"font-size": "1.2em", "font-weight": "600", "color": "#1f3b57"})
            ViewSwitch(views(session), session.view.value, session.view.set)
            MainView(session)


@solara.component
def MainView(session: Session):
    """The view chosen with the view buttons."""
    view = session.view.value
    if view == "Compare":
        CompareView(session)
    elif view == "Learn":
        LearnView(session)
    elif view == CLASS_VIEW and session.classroom:
        ClassResultsView(session)
    else:
        RunView(session)


@solara.component
def Page():
    """One browser session: its own Session and model, built here, never at module level."""
    query = solara.use_router().search or ""  # a link may set the scenario and parameters
    session = solara.use_memo(lambda: Session.from_link(query), [])
    solara.Title("succession-sim dashboard")
    Dashboard(session)
