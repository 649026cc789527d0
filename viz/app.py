"""succession-sim dashboard: run with ``solara run viz/app.py`` or ``succession-sim dashboard``.

The page only lays out components; each browser session gets its own :class:`Session`
(and so its own model), built inside the page component.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Reacton's fast renderer (opt-in, in reacton >= 1.11): a new year re-renders only the parts of
# the page that read it, instead of walking and re-applying every widget of the page. Set before
# any page is rendered; the classic renderer costs several times more server time per year.
os.environ.setdefault("REACTON_FAST", "1")

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # `solara run viz/app.py` outside the venv
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import solara  # noqa: E402

from viz.components.class_world import HostPage, RoomPage  # noqa: E402
from viz.components.charts import StatusLine, TimeSeriesView  # noqa: E402
from viz.components.classboard import ClassResultsView, SubmitRun  # noqa: E402
from viz.components.compare import CompareView  # noqa: E402
from viz.components.controls import ParameterPanel, ProjectorSwitch, RunControls, ScenarioPanel  # noqa: E402
from viz.components.export import ExportButtons  # noqa: E402
from viz.components.learn import LearnView  # noqa: E402
from viz.components.network import NetworkView  # noqa: E402
from viz.components.premises import OutcomeBanner, PremisePanel  # noqa: E402
from viz.components.ui import Note, ViewSwitch  # noqa: E402
from viz.session import Session  # noqa: E402
from viz.shared_world import HOST_PATH, ROOM_PATH  # noqa: E402
from viz.words import premise_statuses  # noqa: E402

__all__ = ["Page", "Dashboard", "PlayLoop", "views", "routes"]

VIEWS = ["Run", "Compare", "Learn"]
#: Shown only when the server collects runs for a class.
CLASS_VIEW = "Class results"
TITLE = "succession-sim: rival factions, designed AIs, parents or enslavers"
#: Solara's "This website runs on Solara" badge floats over the bottom-right corner of the window,
#: on top of the last chart whatever the scroll position: the page hides it (the README credits Solara).
BADGE_CSS = 'div:has(> b > a[href="https://solara.dev"]) { display: none !important; }'


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
    """The run as it unfolds: the year, network and charts are live widgets the session feeds
    every year (``viz.live``); the words around them re-render with the session's snapshot.

    Its parts that do not change with every snapshot (premises, exports, class board) get
    arguments that stay equal, so reacton does not redraw them.
    """
    snapshot = session.snapshot.value
    projector = session.projector.value
    statuses = solara.use_memo(
        lambda: tuple(premise_statuses(snapshot.summary, snapshot.params, snapshot.table.last_row())), [snapshot])
    solara.use_effect(lambda: session.live.set_projector(projector), [projector])
    StatusLine(session.live, snapshot)
    OutcomeBanner(snapshot)
    if session.classroom:
        SubmitRun(session)
    with solara.Columns([3, 2]):
        NetworkView(session.live, snapshot)
        PremisePanel(statuses)
    TimeSeriesView(session.live)
    ExportButtons(session)


@solara.component
def Dashboard(session: Session):
    """Controls on the left; the chosen view (run, comparison, tour, class results) on the right."""
    PlayLoop(session)
    solara.Style(BADGE_CSS)
    projector = session.projector.value
    page_style = {"min-height": "100vh", **({"font-size": "1.25em"} if projector else {})}
    with solara.Columns([1, 3], style=page_style, classes=["projector-mode"] if projector else []):
        with solara.Column(gap="10px", classes=["controls"], style={"min-width": "320px", "padding": "0 8px"}):
            if session.link_error.value:
                Note(session.link_error.value, "error", classes=["link-error"])
            ScenarioPanel(session)
            RunControls(session)
            ParameterPanel(session)
        with solara.Column(gap="8px", classes=["main-view"]):
            with solara.Row(gap="16px", style={"align-items": "center", "flex-wrap": "wrap"}):
                solara.Text(TITLE, style={"font-size": "1.2em", "font-weight": "600", "color": "#1f3b57"})
                ProjectorSwitch(session)
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


@solara.component
def Layout(children=[]):  # noqa: B006 (reacton passes children this way)
    """Solara's page frame without its navigation tabs: the class world's pages are reached by link."""
    solara.AppLayout(children=children, navigation=False)


#: The dashboard at ``/``; a class server's shared world at ``/host`` (instructor) and ``/room`` (students).
routes = [
    solara.Route(path="/", component=Page, layout=Layout),
    solara.Route(path=HOST_PATH.strip("/"), component=HostPage),
    solara.Route(path=ROOM_PATH.strip("/"), component=RoomPage),
]
