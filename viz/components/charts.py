"""Time series of the run so far: power share, cooperation, capability, grievance, rebellions."""

from __future__ import annotations

import solara

from ..figures import TimeSeriesChart
from ..snapshot import Snapshot

__all__ = ["TimeSeriesView", "StatusLine"]


@solara.component
def TimeSeriesView(snapshot: Snapshot):
    """Six panels, the x-axis spanning the whole horizon so the run fills in as it unfolds."""
    chart = solara.use_memo(TimeSeriesChart, [])

    def draw() -> bytes:
        chart.update(snapshot.frame, snapshot.horizon)
        return chart.png()

    png = solara.use_memo(draw, [snapshot])
    with solara.Div(classes=["timeseries-view"]):
        solara.Image(png, width="100%")


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
