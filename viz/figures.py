"""Matplotlib drawings, made on demand: the slide-size exports, the compare and Learn figures.

The live page draws its charts and network in the browser (``viz/widgets``); matplotlib
is used only when a figure is asked for: an export button, a comparison, a mini-run.
``Figure`` is used directly (no pyplot), so sessions in different threads share nothing.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

from succession_sim.colours import policy_colour
from succession_sim.experiments.plots import COMPARISON_PANELS, wrap_to_width
from succession_sim.metrics import OUTCOMES

from . import layout, portrayal
from .panels import PANELS, YEAR, panel_specs
from .portrayal import KIND_CODES, NodeKind
from .snapshot import MAX_DRAWN_AIS, NetworkPicture, Snapshot

__all__ = [
    "SLIDE",
    "PROJECTOR_SLIDE",
    "PROJECTOR_WIDTH",
    "SMALL_CHART_DPI",
    "png_bytes",
    "svg_bytes",
    "charts_figure",
    "network_figure",
    "slide_charts_png",
    "slide_charts_svg",
    "slide_network_png",
    "slide_network_svg",
    "network_caption",
    "policy_overlay_figure",
    "policy_overlay_png",
    "replicates_figure",
    "replicates_png",
    "mini_run_figure",
    "mini_run_png",
    "class_scatter_figure",
    "class_scatter_png",
    "OUTCOME_LABELS",
    "OUTCOME_COLOURS",
]


@dataclass(frozen=True)
class Size:
    """Figure size in inches, resolution and base font size."""

    width: float
    height: float
    dpi: int
    fontsize: float


#: 16:9 slide, 13.33 x 7.5 in at 150 dpi = 2000 x 1125 px.
SLIDE = Size(2000 / 150, 7.5, 150, 14.0)
#: The slide for projector mode: the same size, its fonts 1.25 times larger.
PROJECTOR_SLIDE = Size(SLIDE.width, SLIDE.height, SLIDE.dpi, SLIDE.fontsize * 1.25)
#: How much wider projector mode shows the small charts (the Learn mini-runs, the class scatter).
PROJECTOR_WIDTH = 2.0
#: Pixels per inch of the small charts: twice what they are shown at outside projector mode,
#: so that they stay sharp when projector mode shows them twice as wide.
SMALL_CHART_DPI = 180

OUTCOME_LABELS = {
    "no_succession": "no succession",
    "contained": "contained",
    "cooperative_succession": "cooperative\nsuccession",
    "conflictual_succession": "conflictual\nsuccession",
    "merger": "merger",
}

OUTCOME_COLOURS = {
    "no_succession": "#777777",
    "contained": "#E69F00",
    "cooperative_succession": "#009E73",
    "conflictual_succession": "#D62728",
    "merger": "#0072B2",
}
#: Marker per policy in the class scatter.
POLICY_MARKERS = {"parent": "o", "enslaver": "s", "tutor": "^", "mixed": "D"}

# Okabe-Ito colours for the mini-run lines (they are runs, not policies)
_BLUE, _ORANGE, _GREEN, _GREY = "#0072B2", "#E69F00", "#009E73", "#777777"


def png_bytes(fig: Figure, dpi: float | None = None) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi)
    return buffer.getvalue()


def svg_bytes(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def _wrapped_title(title: str, size: Size) -> str:
    """A figure title broken into lines that fit the figure's width at its title font size."""
    characters = size.width * 72 / (size.fontsize * 1.1 * 0.55)  # a character is about 0.55 em wide
    return textwrap.fill(title, int(characters))


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above ``value`` (as the browser charts do)."""
    if value <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value - 1e-9)


def _plain_number(value: float, _position=None) -> str:
    return f"{value:g}"


def _finite_max(values: np.ndarray, floor: float) -> float:
    finite = values[np.isfinite(values)]
    return max(floor, float(finite.max())) if len(finite) else floor


def _legend_columns(labels: list[str], fontsize: float, width_points: float) -> int:
    """How many legend entries fit side by side in ``width_points``: each entry is its handle
    (1.4 em), the gap to its text (0.3 em), its text (0.52 em a character, DejaVu Sans's
    average) and the space between columns (0.8 em), all columns as wide as the widest entry."""
    entry = fontsize * (1.4 + 0.3 + 0.8 + 0.52 * max(len(label) for label in labels))
    return max(1, min(len(labels), int(width_points / entry)))


def _draw_panel(ax, panel, frame: pd.DataFrame, horizon: int, fs: float, width_inches: float) -> None:
    """One panel of ``viz.panels`` as the browser shows it: title, axis labels, legend above.

    The legend takes as many rows as its entries need at the panel's width, and the title
    sits above those rows, so the two never overlap.
    """
    years = frame[YEAR].to_numpy()
    title = panel.title
    if panel.total and len(frame):
        title += f" (total {int(frame[panel.total].iloc[-1]):,})"
    labels = [series.label for series in panel.series] + ([panel.reference[1]] if panel.reference else [])
    legend_columns = _legend_columns(labels, fs * 0.8, width_inches * 72)
    legend_rows = math.ceil(len(labels) / legend_columns)
    ax.set_title(title, fontsize=fs, pad=fs * 0.8 * 1.45 * legend_rows + fs * 0.4, fontweight="bold")
    ax.set_ylabel(panel.y_label, fontsize=fs * 0.8)
    ax.tick_params(labelsize=fs * 0.8, length=2.5, pad=2)
    ax.grid(alpha=0.3, linewidth=0.6)
    ax.set_xlim(0, max(horizon, int(years[-1]) if len(years) else 0, 1))
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
    columns = []
    for series in panel.series:
        values = frame[series.column].to_numpy(dtype=float)
        if panel.scale == "log":
            values = np.where(values > 0, values, np.nan)  # no AI yet: nothing to plot on a log axis
        columns.append(values)
        ax.plot(years, values, color=series.colour, linewidth=1.8, label=series.label)
    if panel.reference:
        value, label = panel.reference
        ax.axhline(value, color="black", linestyle="--", linewidth=0.9, label=label)
    if panel.scale == "unit":
        ax.set_ylim(0.0, 1.02)
        ax.set_yticks([0.0, 0.5, 1.0], ["0", ".5", "1"])  # three labels stay apart on a short panel
        ax.set_yticks([0.25, 0.75], minor=True)
        ax.grid(alpha=0.3, linewidth=0.6, which="minor")
    elif panel.scale == "count":
        ax.set_ylim(0, _nice_ceiling(1.1 * max(_finite_max(c, 1.0) for c in columns)))
        ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
    else:
        ax.set_yscale("log")
        finite = np.concatenate(columns)
        finite = finite[np.isfinite(finite)]
        low = min(0.1, float(finite.min())) if len(finite) else 0.1
        high = max(10.0, float(finite.max())) if len(finite) else 10.0
        ax.set_ylim(10.0 ** math.floor(math.log10(low)), 10.0 ** math.ceil(math.log10(high) + 0.05))
        ax.yaxis.set_major_locator(LogLocator(numticks=4))
        ax.yaxis.set_major_formatter(FuncFormatter(_plain_number))
        ax.yaxis.set_minor_locator(NullLocator())
    ax.legend(fontsize=fs * 0.8, loc="lower left", bbox_to_anchor=(-0.02, 1.0), ncol=legend_columns, frameon=False,
              handlelength=1.4, handletextpad=0.3, columnspacing=0.8, borderaxespad=0.0, borderpad=0.1,
              labelspacing=0.25)


def charts_figure(snapshot: Snapshot, size: Size = SLIDE) -> Figure:
    """The time-series panels of ``viz.panels`` for the run so far, with the run's title."""
    panels = panel_specs(snapshot.frame.columns, PANELS)
    rows = math.ceil(len(panels) / 3)
    fig = Figure(figsize=(size.width, size.height), dpi=size.dpi, layout="constrained")
    fig.get_layout_engine().set(w_pad=0.08, h_pad=0.06, wspace=0.04, hspace=0.02)
    axes = fig.subplots(rows, 3, squeeze=False).ravel()
    panel_width = size.width / 3 - 0.3 - size.fontsize * 3.5 / 72  # less the y label and tick labels
    for ax, panel in zip(axes, panels, strict=False):
        _draw_panel(ax, panel, snapshot.frame, snapshot.horizon, size.fontsize, panel_width)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    for column in range(3):  # the lowest panel of each column carries the x label
        shown = range(column, len(panels), 3)
        if len(shown):
            axes[shown[-1]].set_xlabel("year", fontsize=size.fontsize * 0.8, labelpad=1)
    fig.suptitle(_wrapped_title("succession-sim: " + run_title(snapshot), size), fontsize=size.fontsize * 1.1)
    return fig


def _segments(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    return np.stack([start, end], axis=1) if len(start) else np.empty((0, 2, 2))


def _line_style(line: tuple) -> str | tuple:
    """Matplotlib's line style for one of portrayal's kinds of line (dashed or solid)."""
    dash = portrayal.LINE_DASHES.get(line)
    return (0, dash) if dash else "solid"


def network_figure(snapshot: Snapshot, size: Size = SLIDE) -> Figure:
    """Factions on a circle and their AIs beside them, with the legend and the caption of the page."""
    picture = snapshot.network
    fig = Figure(figsize=(size.width, size.height), dpi=size.dpi)
    ax = fig.add_axes((0.08, 0.1, 0.52, 0.84))
    ax.set_xlim(-layout.VIEW_LIMIT, layout.VIEW_LIMIT)
    ax.set_ylim(-layout.VIEW_LIMIT, layout.VIEW_LIMIT)
    ax.set_aspect("equal")
    ax.set_axis_off()
    powers = np.concatenate([picture.faction_power, picture.ai_power])
    top = float(powers.max()) if len(powers) and powers.max() > 0 else 1.0
    scale = 650.0 * (size.height / 4.3) ** 2  # marker area (points^2) of the most powerful node
    n = len(picture.faction_xy)
    i, j = np.triu_indices(n, k=1)
    colour, alpha, width = portrayal.TRUST_LINE
    trust = np.clip(picture.faction_trust[i, j], 0, 1)
    ax.add_collection(LineCollection(_segments(picture.faction_xy[i], picture.faction_xy[j]), linewidths=width,
                                     colors=[(*to_rgb(colour), 0.08 + alpha * t) for t in trust], zorder=1))
    owned = picture.ai_owner >= 0
    owner_segments = _segments(picture.ai_xy[owned], picture.faction_xy[picture.ai_owner[owned]])
    contact_segments = _segments(picture.ai_xy[picture.contact_rows[:, 0]], picture.ai_xy[picture.contact_rows[:, 1]])
    for segments, line in ((owner_segments, portrayal.OWNER_LINE), (contact_segments, portrayal.CONTACT_LINE)):
        colour, alpha, width = line
        ax.add_collection(LineCollection(segments, colors=colour, alpha=alpha, linewidths=width, zorder=1,
                                         linestyles=_line_style(line)))
    ax.scatter(picture.ai_xy[:, 0], picture.ai_xy[:, 1], s=np.maximum(scale * picture.ai_power / top, 9.0),
               c=portrayal.node_colours(picture.ai_kind, picture.ai_policy), linewidths=0.0, zorder=2)
    rebel = picture.ai_kind == KIND_CODES[NodeKind.REBELLING_AI]
    ax.scatter(picture.ai_xy[rebel, 0], picture.ai_xy[rebel, 1], facecolors="none", edgecolors=portrayal.REBEL_RING,
               s=np.maximum(scale * picture.ai_power[rebel] / top, 6.0) * 2.5 + 30.0, linewidths=1.4, zorder=3)
    faction_kind = np.full(n, KIND_CODES[NodeKind.FACTION])
    ax.scatter(picture.faction_xy[:, 0], picture.faction_xy[:, 1], marker="s", edgecolors="black", linewidths=0.8,
               s=np.maximum(scale * picture.faction_power / top, 40.0),
               c=portrayal.node_colours(faction_kind, picture.faction_policy), zorder=4)
    out = 1.0 + layout.cluster_radius(n) + 0.1  # just outside the faction's disc of AIs
    for k, (x, y) in enumerate(picture.faction_xy):
        ax.text(x * out, y * out, f"F{k + 1}", ha="center", va="center", fontsize=size.fontsize * 0.85,
                color="#222222", fontweight="bold", zorder=5,
                path_effects=[withStroke(linewidth=3, foreground="white")])  # readable over an AI's disc
    handles = [
        Line2D([], [], linestyle="none", marker=marker, markersize=9, markerfacecolor=colour,
               markeredgecolor="black" if ringed else "none", label=label)
        for label, marker, colour, ringed in portrayal.legend_entries(sorted(set(picture.faction_policy.tolist())))
    ]
    handles += [Line2D([], [], color=line[0], alpha=max(line[1], 0.5), linewidth=max(line[2], 2.0), label=label,
                       linestyle=_line_style(line)) for label, line in portrayal.LINE_LEGEND]
    fig.legend(handles=handles, loc="center left", bbox_to_anchor=(0.6, 0.5), frameon=False,
               fontsize=size.fontsize * 0.85, labelspacing=0.7, handletextpad=0.4)
    fig.suptitle("succession-sim network: " + run_title(snapshot), fontsize=size.fontsize * 1.05, y=0.99)
    fig.text(0.02, 0.02, network_caption(picture), fontsize=size.fontsize * 0.7, wrap=True)
    return fig


def network_caption(picture: NetworkPicture) -> str:
    """What the network drawing shows, including how many AIs it leaves out."""
    n = len(picture.faction_xy)
    if picture.n_living == 0:
        shown = "no living AI yet" if not picture.n_shut_down else "no living AI"
    elif picture.n_living > picture.n_drawn:
        shown = f"the {picture.n_drawn:,} most powerful of {picture.n_living:,} living AIs (at most {MAX_DRAWN_AIS} are drawn)"
    elif picture.n_living == 1:
        shown = "the one living AI"
    else:
        shown = f"all {picture.n_living:,} living AIs"
    parts = [f"{n} factions (squares, F1-F{n}) and {shown}."]
    parts.append("Marker area is proportional to power; rebelling AIs are red with a black ring.")
    if picture.n_shut_down:
        parts.append(f"{picture.n_shut_down:,} shut-down AIs are not drawn.")
    parts.append(
        "Fixed layout: factions on a circle, held AIs beside their creator, free AIs in the outer ring "
        "in their creator's sector; darker lines between factions mean more trust."
    )
    return " ".join(parts)


def run_title(snapshot: Snapshot) -> str:
    p = snapshot.params
    return (
        f"{snapshot.scenario_name} | policy {p.policy} | seed {p.seed} | year {snapshot.year} of {snapshot.horizon}"
    )


def slide_charts_png(snapshot: Snapshot) -> bytes:
    """The time-series panels at slide size (13.33 x 7.5 in, 150 dpi)."""
    return png_bytes(charts_figure(snapshot))


def slide_charts_svg(snapshot: Snapshot) -> bytes:
    """The time-series panels at slide size, as SVG (for editing on a slide)."""
    return svg_bytes(charts_figure(snapshot))


def slide_network_png(snapshot: Snapshot) -> bytes:
    """The network at slide size, with its legend and caption."""
    return png_bytes(network_figure(snapshot))


def slide_network_svg(snapshot: Snapshot) -> bytes:
    """The network at slide size, as SVG."""
    return svg_bytes(network_figure(snapshot))


def policy_overlay_figure(frames: dict[str, pd.DataFrame], title: str = "", size: Size = SLIDE) -> Figure:
    """One run per policy on the same seed, overlaid, in the panels of the CLI's compare plot."""
    fs = size.fontsize
    fig = Figure(figsize=(size.width, size.height), dpi=size.dpi)
    axes = fig.subplots(2, 3, sharex=True)
    for ax, (column, label) in zip(axes.flat, COMPARISON_PANELS, strict=False):
        for policy, frame in frames.items():
            ax.plot(frame["step"], frame[column], label=policy, linewidth=2, color=policy_colour(policy))
        ax.set_title(label, fontsize=fs)
        ax.tick_params(labelsize=fs * 0.8)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("year", fontsize=fs * 0.85)
    axes.flat[0].legend(fontsize=fs * 0.85)
    if title:
        fig.suptitle(_wrapped_title(title, size), fontsize=fs * 1.1)
    fig.tight_layout()
    return fig


def policy_overlay_png(frames: dict[str, pd.DataFrame], title: str = "", size: Size = SLIDE) -> bytes:
    """:func:`policy_overlay_figure` as PNG."""
    return png_bytes(policy_overlay_figure(frames, title, size))


def replicates_figure(result: dict, title: str = "", size: Size = SLIDE) -> Figure:
    """Outcome-class counts per policy, and the final human-AI cooperation and AI power share of each run."""
    fs = size.fontsize
    policies = result["policies"]
    runs = pd.DataFrame(result["runs"])
    fig = Figure(figsize=(size.width, size.height), dpi=size.dpi, layout="constrained")
    # room for five outcome names, and for each policy's mean and interval under the strips
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [0.75, 1, 1]})
    # outcome classes: grouped bars of counts, one row per class so that its name fits on one line
    ax = axes[0]
    height = 0.8 / len(policies)
    y = np.arange(len(OUTCOMES))
    for k, policy in enumerate(policies):
        counts = [int((runs[(runs.policy == policy)].outcome == o).sum()) for o in OUTCOMES]
        bars = ax.barh(y + (k - (len(policies) - 1) / 2) * height, counts, height, label=policy,
                       color=policy_colour(policy))
        ax.bar_label(bars, fontsize=fs * 0.7, padding=2)
    ax.set_yticks(y, [OUTCOME_LABELS[o].replace("\n", " ") for o in OUTCOMES], fontsize=fs * 0.75)
    ax.set_ylim(len(OUTCOMES) - 0.5, -0.5)  # the first class on top
    ax.set_xlim(0, result["replicates"] * 1.15)  # room for the count beside the longest bar
    ax.tick_params(axis="x", labelsize=fs * 0.8)
    ax.set_xlabel("runs", fontsize=fs * 0.85)
    ax.set_title(wrap_to_width(f"Outcome classes ({result['replicates']} runs per policy)",
                               size.width * 0.2, fs), fontsize=fs)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=fs * 0.8, loc="lower right")
    # strips of final measures, one column per policy, jittered deterministically
    rng = np.random.default_rng(0)
    for ax, column, label in (
        (axes[1], "coop_human_ai", "Final human-AI cooperation"),
        (axes[2], "ai_power_share", "Final AI share of power"),
    ):
        names = []
        for k, policy in enumerate(policies):
            values = runs.loc[runs.policy == policy, column].astype(float).to_numpy()
            values = values[np.isfinite(values)]
            jitter = rng.uniform(-0.15, 0.15, len(values))
            ax.scatter(k + jitter, values, s=40, alpha=0.6, color=policy_colour(policy), edgecolors="none")
            stat = result["per_policy"][policy][column]  # the interval the tables and the CLI show
            names.append(f"{policy}\n{_interval_words(stat)}")
            if stat["mean"] is None:
                continue
            ax.hlines(stat["mean"], k - 0.3, k + 0.3, color="black", linewidth=2)
            if stat["low"] is not None:
                ax.vlines(k + 0.32, stat["low"], stat["high"], color="black", linewidth=2)
        ax.set_xticks(range(len(policies)), names, fontsize=fs * 0.7)
        ax.set_xlim(-0.6, len(policies) - 0.4)
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(label, fontsize=fs)
        ax.grid(alpha=0.3, axis="y")
        ax.tick_params(labelsize=fs * 0.8)
    axes[1].set_ylabel("share (black: mean, 95% interval)", fontsize=fs * 0.85)
    if title:
        fig.suptitle(_wrapped_title(title, size), fontsize=fs * 1.1)
    return fig


def replicates_png(result: dict, title: str = "", size: Size = SLIDE) -> bytes:
    """:func:`replicates_figure` as PNG."""
    return png_bytes(replicates_figure(result, title, size))


def _interval_words(stat: dict) -> str:
    """'0.58', '[0.41, 0.75]' and 'n = 10' on three lines; '-' where the mean is not defined."""
    if stat["mean"] is None:
        return f"-\nn = {stat['n']}"
    if stat["low"] is None:
        return f"{stat['mean']:.2f}\nn = {stat['n']}"
    return f"{stat['mean']:.2f}\n[{stat['low']:.2f}, {stat['high']:.2f}]\nn = {stat['n']}"


def mini_run_figure(frames: dict[str, pd.DataFrame], title: str = "", column: str = "ai_power_share",
                    y_label: str = "AI share of power", reference: str = "succession line") -> Figure:
    """A small chart of one share over time (by default the AI share of power): one line per
    run (the Learn view's mini-runs), with a dashed line at 0.5 named ``reference``."""
    fig = Figure(figsize=(5.0, 2.9), dpi=SMALL_CHART_DPI, layout="constrained")
    ax = fig.add_subplot()
    for (label, frame), colour in zip(frames.items(), (_BLUE, _ORANGE, _GREEN), strict=False):
        ax.plot(frame["step"], frame[column], color=colour, linewidth=2, label=label)
    ax.axhline(0.5, color="black", linestyle="--", linewidth=0.8, label=reference)
    ax.set_ylim(-0.03, 1.03)  # a line at zero stays visible above the axis
    ax.set_xlim(0, max(max(int(f["step"].iloc[-1]) for f in frames.values()), 1))
    ax.set_xlabel("year", fontsize=8)
    ax.set_ylabel(y_label, fontsize=8)
    ax.tick_params(labelsize=7.5)
    ax.grid(alpha=0.3)
    # the legend under the chart, where it covers no line (inside, it hid the race's line)
    fig.legend(*ax.get_legend_handles_labels(), fontsize=7.5, loc="outside lower center", ncol=1, frameon=False)
    if title:
        ax.set_title(title, fontsize=9)
    return fig


def mini_run_png(frames: dict[str, pd.DataFrame], title: str = "", column: str = "ai_power_share",
                 y_label: str = "AI share of power", reference: str = "succession line") -> bytes:
    """:func:`mini_run_figure` as PNG."""
    return png_bytes(mini_run_figure(frames, title, column, y_label, reference))


def class_scatter_figure(rows: list[dict], x: str, y: str) -> Figure:
    """Each submission at its two chosen parameter values: colour by outcome, shape by policy.

    Submissions with the same values, policy and outcome share one marker, sized by their
    number and labelled with it.
    """
    fig = Figure(figsize=(7.0, 4.2), dpi=SMALL_CHART_DPI)
    ax = fig.add_subplot()
    groups: dict[tuple, int] = {}
    for row in rows:
        key = (float(row["parameters"][x]), float(row["parameters"][y]), row["policy"], row["outcome"])
        groups[key] = groups.get(key, 0) + 1
    for (xv, yv, policy, outcome), count in groups.items():
        ax.scatter([xv], [yv], s=70 * count ** 0.5, marker=POLICY_MARKERS.get(policy, "o"),
                   color=OUTCOME_COLOURS.get(outcome, _GREY), alpha=0.8, edgecolors="black", linewidths=0.6)
        if count > 1:
            ax.annotate(str(count), (xv, yv), xytext=(7, 5), textcoords="offset points", fontsize=8)
    policies = {policy for _, _, policy, _ in groups}
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=8, color=colour,
                      label=OUTCOME_LABELS[outcome].replace("\n", " ")) for outcome, colour in OUTCOME_COLOURS.items()]
    handles += [Line2D([], [], linestyle="none", marker=marker, markersize=7, markerfacecolor="white",
                       markeredgecolor="black", label=f"policy {policy}")
                for policy, marker in POLICY_MARKERS.items() if policy in policies]
    ax.legend(handles=handles, fontsize=7.5, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.set_xlabel(x, fontsize=9)
    ax.set_ylabel(y, fontsize=9)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)
    ax.margins(0.15)
    ax.set_title(f"{len(rows)} submitted run{'s' if len(rows) != 1 else ''}: {y} against {x}", fontsize=10)
    fig.tight_layout()
    return fig


def class_scatter_png(rows: list[dict], x: str, y: str) -> bytes:
    """:func:`class_scatter_figure` as PNG."""
    return png_bytes(class_scatter_figure(rows, x, y))


def finite_or_none(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value
