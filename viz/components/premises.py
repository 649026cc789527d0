"""The four premises so far, and the outcome so far, in plain words."""

from __future__ import annotations

import solara

from ..snapshot import Snapshot
from ..words import HELD, NOT_YET, OFF, ONE_HISTORY, PremiseStatus, outcome_headline, outcome_rule, outcome_text
from .ui import Note

__all__ = ["PremisePanel", "OutcomeBanner"]

_CHIP_COLOURS = {HELD: "green", NOT_YET: "grey", OFF: "orange"}


@solara.component
def PremisePanel(statuses: tuple[PremiseStatus, ...]):
    """For each of P1-P4: whether it held so far, and the indicator behind it (redrawn only when they change)."""
    with solara.Card("Sutton's premises so far", classes=["premise-panel"], style={"height": "100%"}):
        for status in statuses:
            with solara.Column(gap="2px", style={"margin-bottom": "10px"}):
                with solara.Row(gap="8px", style={"align-items": "center"}):
                    solara.v.Chip(children=[status.state], color=_CHIP_COLOURS.get(status.state, "blue-grey"),
                                  size="small", variant="flat", label=True, class_="premise-state")
                    solara.Text(f"{status.code} {status.claim}", style={"font-weight": "600"})
                solara.Text(status.indicator, style={"font-size": "0.88em"})


@solara.component
def OutcomeBanner(snapshot: Snapshot):
    """The outcome class so far, with the numbers behind it."""
    summary = snapshot.summary
    kind = {"cooperative_succession": "success", "conflictual_succession": "warning"}.get(summary["outcome"], "info")
    Note(f"{outcome_headline(summary, snapshot.finished)}. {outcome_text(summary)}", kind, classes=["outcome-banner"])
    solara.Text(f"{outcome_rule(snapshot.params)} {ONE_HISTORY}", classes=["outcome-rule"],
                style={"font-size": "0.85em", "color": "#444", "display": "block"})
