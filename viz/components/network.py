"""The network of factions and AIs, drawn in the browser with a fixed layout from the latest snapshot."""

from __future__ import annotations

import solara

from .. import layout
from ..figures import network_caption
from ..snapshot import Snapshot
from ..widgets import NetworkWidget, legend_entries, pack_picture

__all__ = ["NetworkView"]


@solara.component
def NetworkView(snapshot: Snapshot, projector: bool = False):
    """Factions (squares) and the most powerful AIs (circles); caption says what is left out."""
    picture = snapshot.network
    policies = tuple(sorted(set(picture.faction_policy.tolist())))
    legend = solara.use_memo(lambda: legend_entries(policies), [policies])
    n = len(picture.faction_xy)
    with solara.Column(gap="0px", classes=["network-view"]):
        NetworkWidget.element(picture=pack_picture(picture), year=snapshot.year, legend=legend,
                              label_radius=1.0 + layout.cluster_radius(n) + 0.1, projector=projector)
        solara.Text(network_caption(picture), classes=["network-caption"], style={"font-size": "0.8em", "color": "#444"})
