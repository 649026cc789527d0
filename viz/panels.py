"""What the time-series charts show: one list of panels, read by the browser charts and the exports.

A panel names the model's yearly reporters (the columns of ``model.dataframe()``) it
plots. To chart a new reporter, add one ``Series`` to a panel (or a new ``Panel``); the
browser charts, the PNG/SVG exports and the CSV pick it up. A series whose column the
model does not report (yet) is left out of the charts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from succession_sim.colours import policy_colour

__all__ = ["Series", "Panel", "PANELS", "YEAR", "chart_columns", "panel_specs"]

#: The column of ``model.dataframe()`` that holds the year.
YEAR = "step"

# Okabe-Ito colours for measures (policies have their own, in succession_sim.colours)
BLUE, ORANGE, GREEN, RED, PURPLE, GREY = "#0072B2", "#E69F00", "#009E73", "#D62728", "#CC79A7", "#777777"


@dataclass(frozen=True)
class Series:
    """One line: the reporter it plots, its legend label and its colour."""

    column: str
    label: str
    colour: str


@dataclass(frozen=True)
class Panel:
    """One chart. ``scale`` is "unit" (0 to 1), "log" or "count" (0 up).

    ``reference`` is a dashed horizontal line (value, legend label); ``total`` names a
    cumulative column whose latest value the title shows.
    """

    title: str
    y_label: str
    series: tuple[Series, ...]
    scale: str = "unit"
    reference: tuple[float, str] | None = None
    total: str | None = None


PANELS = (
    Panel("AI share of all power", "share of power", (Series("ai_power_share", "AIs' share", BLUE),),
          reference=(0.5, "succession line (0.5)")),
    Panel("Cooperation rates", "share cooperating", (
        Series("coop_human_human", "human-human", GREY),
        Series("coop_human_to_ai", "humans to AIs", GREEN),
        Series("coop_ai_to_human", "AIs to humans", PURPLE),
        Series("coop_ai_ai", "AI-AI", BLUE),
    )),
    Panel("Capability frontier", "x human level", (Series("capability_frontier", "most capable AI", PURPLE),),
          scale="log", reference=(1.0, "human level (1.0)")),
    Panel("AIs' grievance and disposition", "mean (0 to 1)", (
        Series("mean_grievance", "grievance (held AIs)", RED),
        Series("mean_disposition_human", "disposition to humans", GREEN),
    )),
    Panel("Rebellions per year", "rebellions", (Series("rebellions", "rebellions started", RED),), scale="count",
          total="rebellions_total"),
    Panel("AIs by status", "AIs", (
        Series("n_contained", "held", ORANGE),
        Series("n_free", "free", BLUE),
        Series("n_shut_down", "shut down (total)", GREY),
    ), scale="count"),
    Panel("Factions by policy", "share of factions", tuple(
        Series(f"{policy}_share", policy, policy_colour(policy)) for policy in ("parent", "enslaver", "tutor"))),
    # the factions' points (ODD 7.8, 7.11): release and feedback have other scales, so the
    # panels show the three values that lie in [0, 1]; the CSV export has all five
    Panel("Policy mean over factions", "value (0 to 1)", (
        Series("policy_mean_extraction", "extraction", RED),
        Series("policy_mean_reciprocity", "reciprocity", GREEN),
        Series("policy_mean_autonomy_cap", "autonomy cap", BLUE),
    )),
    Panel("Policy spread over factions", "std. dev.", (
        Series("policy_spread_extraction", "extraction", RED),
        Series("policy_spread_reciprocity", "reciprocity", GREEN),
        Series("policy_spread_autonomy_cap", "autonomy cap", BLUE),
    )),
)


def _present(panel: Panel, columns) -> Panel:
    return replace(panel, series=tuple(s for s in panel.series if s.column in columns))


def panel_specs(columns, panels=PANELS) -> list[Panel]:
    """The panels with only the series whose column is among ``columns``; empty panels dropped."""
    kept = [_present(panel, set(columns)) for panel in panels]
    return [panel for panel in kept if panel.series]


def chart_columns(panels=PANELS) -> list[str]:
    """Every column the panels read: the year, each series, each title's total."""
    columns = [YEAR]
    for panel in panels:
        columns += [s.column for s in panel.series] + ([panel.total] if panel.total else [])
    return list(dict.fromkeys(columns))
