"""The parts of the Run view that change every year, updated without re-rendering the page.

Re-rendering the page (Solara's reacton) costs the server several milliseconds each time;
at four years a second for thirty students that alone would take a core. So the year, the
network and the charts are widgets that the session owns and updates directly, with one
small message each per year. The rest of the Run view (outcome, premises, captions) is
re-rendered only when Play refreshes its words, every two seconds (see
``Session.step``), and after every Step, Pause and Reset.
"""

from __future__ import annotations

import ipyvuetify

from . import layout
from .snapshot import Snapshot
from .widgets import NetworkWidget, RunRows, TimeSeriesWidget, legend_entries, pack_picture

__all__ = ["LiveRun"]


class LiveRun:
    """One page's year label, network and charts, shown by the Run view and fed by the session."""

    def __init__(self):
        self.year_label = ipyvuetify.Html(tag="span", class_="year-display", children=[""],
                                          style_="font-size: 1.35em; font-weight: 600")
        self.network = NetworkWidget()
        self.charts = TimeSeriesWidget()
        self._legend_policies: tuple | None = None

    def show(self, snapshot: Snapshot) -> None:
        """Show ``snapshot``: the charts get only its new rows, the network its picture."""
        self.year_label.children = [f"Year {snapshot.year} of {snapshot.horizon}"]
        picture = snapshot.network
        policies = tuple(sorted(set(picture.faction_policy.tolist())))
        with self.network.hold_sync():  # one message for the network
            if policies != self._legend_policies:
                self.network.legend = legend_entries(policies)
                self._legend_policies = policies
            self.network.label_radius = 1.0 + layout.cluster_radius(len(picture.faction_xy)) + 0.1
            self.network.picture = pack_picture(picture)
            self.network.year = snapshot.year
        if not self.charts.panels:
            self.charts.panels = TimeSeriesWidget.panel_dicts(snapshot.table.names)
        self.charts.horizon = snapshot.horizon
        self.charts.rows = RunRows(snapshot.run_id, snapshot.table)

    def set_projector(self, on: bool) -> None:
        """Larger fonts and legends in the drawings."""
        self.network.projector = self.charts.projector = bool(on)

    def close(self) -> None:
        for widget in (self.year_label, self.network, self.charts):
            widget.close()
