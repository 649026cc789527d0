"""The year and the run's settings, and the time series of the run so far."""

from __future__ import annotations

import solara

from ..live import LiveRun
from ..snapshot import Snapshot

__all__ = ["TimeSeriesView", "StatusLine"]


@solara.component
def TimeSeriesView(live: LiveRun):
    """The panels of ``viz.panels``, drawn in the browser; each year sends only its new row.

    The x-axis spans the whole horizon, so the run fills in as it unfolds.
    """
    solara.Div(classes=["timeseries-view"], children=[live.charts])  # the session's widget: the page never closes it


@solara.component
def StatusLine(live: LiveRun, snapshot: Snapshot):
    """The year (updated every year by the session) and the run's settings in one line."""
    solara.Div(children=[live.year_label])
    p = snapshot.params
    solara.Text(
        f"{snapshot.scenario_name} · policy {p.policy} · seed {p.seed} · {p.n_factions} factions · "
        f"{snapshot.network.n_living:,} AIs alive",
        classes=["run-settings"],
        style={"color": "#444", "display": "block"},
    )
