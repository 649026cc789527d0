"""The year and the run's settings, and the time series of the run so far."""

from __future__ import annotations

import solara

from ..snapshot import Snapshot
from ..widgets import RunRows, TimeSeriesWidget

__all__ = ["TimeSeriesView", "StatusLine"]


@solara.component
def TimeSeriesView(snapshot: Snapshot, projector: bool = False):
    """The panels of ``viz.panels``, drawn in the browser; each year sends only its new row.

    The x-axis spans the whole horizon, so the run fills in as it unfolds.
    """
    columns = tuple(snapshot.frame.columns)
    panels = solara.use_memo(lambda: TimeSeriesWidget.panel_dicts(columns), [columns])
    rows = solara.use_memo(lambda: RunRows(snapshot.run_id, snapshot.frame), [snapshot])
    with solara.Div(classes=["timeseries-view"]):
        TimeSeriesWidget.element(panels=panels, horizon=snapshot.horizon, projector=projector, rows=rows)


@solara.component
def StatusLine(snapshot: Snapshot):
    """Year, horizon and the run's settings in one line."""
    p = snapshot.params
    solara.Text(f"Year {snapshot.year} of {snapshot.horizon}", classes=["year-display"],
                style={"font-size": "1.35em", "font-weight": "600"})
    solara.Text(
        f"{snapshot.scenario_name} · policy {p.policy} · seed {p.seed} · {p.n_factions} factions · "
        f"{snapshot.network.n_living:,} AIs alive",
        classes=["run-settings"],
        style={"color": "#444"},
    )
