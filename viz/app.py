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
from viz.server_routes import close_open_routes  # noqa: E402
from viz.session import Session  # noqa: E402
from viz.shared_world import HOST_PATH, ROOM_PATH  # noqa: E402
from viz.words import premise_statuses  # noqa: E402

# The server loads this file before it answers anyone: close the routes that fetch, write or
# show server internals (viz/server_routes.py), whichever way the server was started.
close_open_routes()

__all__ = ["Page", "Dashboard", "PlayLoop", "views", "routes"]

VIEWS = ["Run", "Compare", "Learn"]
#: Shown only when the server collects runs for a class.
CLASS_VIEW = "Class results"
TITLE = "succession-sim: rival factions, designed AIs, parents or enslavers"
#: Solara's "This website runs on Solara" badge floats over the bottom-right corner of the window,
#: on top of the last chart whatever the scroll position: the page hides it (the README credits Solara).
BADGE_CSS = 'div:has(> b > a[href="https://solara.dev"]) { display: none !important; }'
#: The smallest text projector mode shows, in pixels: readable from the back row.
PROJECTOR_MIN_PX = 18
#: Projector mode: the page's type scale from 24 px (Vuetify sizes in rem, the page's own text in
#: em; the smallest of either, 0.75, is then 18 px); the controls column a fixed share of the
#: window and the view beside it allowed to shrink, so that neither is cut off on a 1024-pixel screen.
PROJECTOR_CSS = f"""
html {{ font-size: {PROJECTOR_MIN_PX / 0.75:g}px !important; }}
.projector-mode {{ font-size: {PROJECTOR_MIN_PX / 0.75:g}px; flex-wrap: nowrap !important; max-width: 100vw; }}
.projector-mode > .v-col:first-child {{ flex: 0 0 clamp(330px, 28%, 520px) !important; max-width: none !important;
  min-width: 0 !important; }}
.projector-mode > .v-col:last-child {{ flex: 1 1 0 !important; max-width: none !important; min-width: 0 !important; }}
.projector-mode .controls {{ min-width: 0 !important; overflow-wrap: anywhere; }}
.projector-mode .main-view {{ min-width: 0; }}
.projector-mode .plain-table {{ font-size: {PROJECTOR_MIN_PX}px !important; max-width: 100%; }}
.projector-mode .plain-table td, .projector-mode .plain-table th {{ overflow-wrap: anywhere; padding-right: 8px !important; }}
.projector-mode .v-messages {{ font-size: {PROJECTOR_MIN_PX}px !important; min-height: 0; }}
.projector-mode .v-messages__message {{ line-height: 1.25; position: static; }}
.projector-mode .controls .v-slider.v-input--horizontal {{ grid-template-areas: "prepend" "control" "messages";
  grid-template-columns: minmax(0, 1fr); }}
.projector-mode .main-view .v-row {{ flex-wrap: wrap !important; }}
.projector-mode .main-view .v-row > .v-col {{ flex: 1 1 440px !important; max-width: 100% !important; }}
.projector-mode .v-card-title, .projector-mode .v-chip {{ white-space: normal; overflow: visible; height: auto; }}
.projector-mode .v-label {{ white-space: normal; overflow: visible; text-overflow: clip; }}
.projector-mode .section-header {{ height: auto !important; min-height: 36px; padding-top: 4px; padding-bottom: 4px; }}
.projector-mode .section-header .v-btn__content {{ white-space: normal; text-align: left; }}
.projector-mode .v-chip {{ font-size: {PROJECTOR_MIN_PX}px !important; }}
"""


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
    solara.Style(BADGE_CSS + (PROJECTOR_CSS if session.projector.value else ""))
    projector = session.projector.value
    with solara.Columns([1, 3], style={"min-height": "100vh"}, classes=["projector-mode"] if projector else []):
        with solara.Column(gap="10px", classes=["controls"], style={"min-width": "320px", "padding": "0 8px"}):
            if session.link_error.value:
                Note(session.link_error.value, "error", classes=["link-error"])
            if projector:  # Step, Play and Reset first, above the fold on a 768-pixel-high screen
                RunControls(session)
                ScenarioPanel(session)
            else:
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
