"""Downloads: the current charts and network as slide-size PNG and SVG, and the run's data as CSV."""

from __future__ import annotations

import solara

from ..figures import slide_charts_png, slide_charts_svg, slide_network_png, slide_network_svg
from ..session import Session
from ..snapshot import Snapshot
from .download import DownloadButton

__all__ = ["ExportButtons"]


@solara.component
def ExportButtons(session: Session, snapshot: Snapshot):
    """Downloads of the run as shown. The files are made on click, from the latest snapshot."""
    stem = f"succession-{snapshot.scenario_name}-{snapshot.params.policy}-seed{snapshot.params.seed}-year{snapshot.year}"

    # made once per page; each reads the latest snapshot when its button is clicked
    charts = solara.use_memo(lambda: (lambda: slide_charts_png(session.snapshot.peek())), [])
    network = solara.use_memo(lambda: (lambda: slide_network_png(session.snapshot.peek())), [])
    charts_svg = solara.use_memo(lambda: (lambda: slide_charts_svg(session.snapshot.peek())), [])
    network_svg = solara.use_memo(lambda: (lambda: slide_network_svg(session.snapshot.peek())), [])
    table = solara.use_memo(lambda: (lambda: session.snapshot.peek().frame.to_csv(index=False)), [])
    with solara.Row(gap="8px", style={"align-items": "center", "flex-wrap": "wrap"}, classes=["export-buttons"]):
        solara.Text("Export the run as shown:", style={"font-weight": "600"})
        DownloadButton("Charts (PNG, 16:9 slide)", f"{stem}-charts.png", charts, "image/png")
        DownloadButton("Network (PNG, 16:9 slide)", f"{stem}-network.png", network, "image/png")
        DownloadButton("Charts (SVG)", f"{stem}-charts.svg", charts_svg, "image/svg+xml")
        DownloadButton("Network (SVG)", f"{stem}-network.svg", network_svg, "image/svg+xml")
        DownloadButton("Data (CSV)", f"{stem}.csv", table, "text/csv")
