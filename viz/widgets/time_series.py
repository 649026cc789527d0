"""The time-series panels in the browser: the server sends each year's new rows, the browser draws."""

from __future__ import annotations

import dataclasses
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import anywidget
import traitlets

from ..panels import PANELS, chart_columns, panel_specs
from ..snapshot import YearlyTable

__all__ = ["TimeSeriesWidget", "RunRows", "json_values"]

HERE = Path(__file__).resolve().parent
UPLOT = HERE.parent / "static" / "uplot"


def json_values(values) -> list:
    """Numbers for JSON: NaN, infinities (not valid JSON) and missing values become None, a gap in the line."""
    return [float(v) if v is not None and math.isfinite(v) else None for v in values]


@dataclass(frozen=True, eq=False)
class RunRows:
    """The yearly rows of one run so far (compared by identity: each year brings a new one)."""

    run: int
    table: YearlyTable


class TimeSeriesWidget(anywidget.AnyWidget):
    """Panels of yearly measures (``viz.panels``). Setting ``rows`` sends only the rows not sent yet."""

    # the vendored uPlot script defines `uPlot` for the module that follows it
    _esm = (UPLOT / "uPlot.iife.min.js").read_text() + "\n" + (HERE / "time_series.js").read_text()
    _css = (UPLOT / "uPlot.min.css").read_text() + "\n" + (HERE / "time_series.css").read_text()
    panels = traitlets.List().tag(sync=True)  # viz.panels.Panel as dicts
    horizon = traitlets.Int(0).tag(sync=True)
    projector = traitlets.Bool(False).tag(sync=True)
    rows = traitlets.Instance(RunRows, allow_none=True)  # kept on the server; sent as messages

    def __init__(self, **kwargs):
        self._lock = threading.Lock()  # rows arrive in the render thread, a sync request in a message thread
        self._sent = 0
        super().__init__(**kwargs)
        self.on_msg(self._on_message)

    @staticmethod
    def panel_dicts(columns, panels=PANELS) -> list[dict]:
        """The ``panels`` trait for a model that reports ``columns``."""
        return [dataclasses.asdict(panel) for panel in panel_specs(columns, panels)]

    @traitlets.observe("rows")
    def _send_new_rows(self, change) -> None:
        old, new = change["old"], change["new"]
        if new is None:
            return
        with self._lock:
            start = self._sent if old is not None and old.run == new.run else 0
            self._sent = new.table.rows
        if new.table.rows > start:
            self._send_rows(new, start)

    def _send_rows(self, rows: RunRows, start: int) -> None:
        names = set(rows.table.names)
        values = {c: json_values(rows.table.values(c, start)) for c in chart_columns() if c in names}
        self.send({"kind": "rows", "run": rows.run, "start": start, "columns": values})

    def _on_message(self, _widget, content, _buffers) -> None:
        """A new or out-of-step view asks for the whole run so far."""
        if content.get("kind") == "sync" and self.rows is not None:
            self._send_rows(self.rows, 0)
