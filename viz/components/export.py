"""Downloads: the current charts and network as slide-size PNG and SVG, and the run's data as CSV."""

from __future__ import annotations

import solara

from ..figures import slide_charts_png, slide_charts_svg, slide_network_png, slide_network_svg
from ..session import Session
from ..snapshot import Snapshot
from .download import DownloadButton

__all__ = ["ExportButtons", "file_stem"]

#: (button label, file name ending, maker from the snapshot, MIME type)
EXPORTS = (
    ("Charts (PNG, 16:9 slide)", "-charts.png", slide_charts_png, "image/png"),
    ("Network (PNG, 16:9 slide)", "-network.png", slide_network_png, "image/png"),
    ("Charts (SVG)", "-charts.svg", slide_charts_svg, "image/svg+xml"),
    ("Network (SVG)", "-network.svg", slide_network_svg, "image/svg+xml"),
    ("Data (CSV)", ".csv", lambda snapshot: snapshot.frame.to_csv(index=False), "text/csv"),
)


def file_stem(snapshot: Snapshot) -> str:
    """E.g. ``succession-baseline-parent-seed0-year12``: which run, at which year."""
    p = snapshot.params
    return f"succession-{snapshot.scenario_name}-{p.policy}-seed{p.seed}-year{snapshot.year}"


@solara.component
def ExportButtons(session: Session):
    """Downloads of the run as shown. Files and their names are made on click, from the latest year
    (matplotlib draws only then), so these buttons need no redraw when the year changes."""
    with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}, classes=["export-buttons"]):
        solara.Text("Export the run as shown:", style={"font-weight": "600"})
        for label, ending, make, mime in EXPORTS:
            DownloadButton(label, lambda ending=ending: file_stem(session.latest) + ending,
                           lambda make=make: make(session.latest), mime)
