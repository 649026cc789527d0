"""The network of factions and AIs, drawn with a fixed layout from the latest snapshot."""

from __future__ import annotations

import solara

from ..figures import NetworkChart, network_caption
from ..snapshot import Snapshot

__all__ = ["NetworkView"]


@solara.component
def NetworkView(snapshot: Snapshot):
    """Factions (squares) and the most powerful AIs (circles); caption says what is left out."""
    chart = solara.use_memo(NetworkChart, [])  # one figure per page, updated in place

    def draw() -> bytes:
        chart.update(snapshot.network)
        return chart.png()

    png = solara.use_memo(draw, [snapshot])
    with solara.Column(gap="0px", classes=["network-view"]):
        solara.Image(png, width="100%")
        solara.Text(network_caption(snapshot.network), style={"font-size": "0.8em", "color": "#444"})
