"""The network of factions and AIs, drawn in the browser with a fixed layout."""

from __future__ import annotations

import solara

from ..figures import network_caption
from ..live import LiveRun
from ..snapshot import Snapshot

__all__ = ["NetworkView"]


@solara.component
def NetworkView(live: LiveRun, snapshot: Snapshot):
    """Factions (squares) and the most powerful AIs (circles); the caption says what is left out."""
    with solara.Column(gap="0px", classes=["network-view"]):
        solara.Div(children=[live.network])  # the session's widget: the page never closes it
        solara.Text(network_caption(snapshot.network), classes=["network-caption"],
                    style={"font-size": "0.8em", "color": "#444"})
