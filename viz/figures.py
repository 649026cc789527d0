"""Matplotlib drawings for the dashboard, on screen and at slide size.

The live charts (:class:`TimeSeriesChart`, :class:`NetworkChart`) build their figure
once and then only update their artists' data, which keeps a redraw under ~100 ms.
``Figure`` is used directly (no pyplot), so sessions in different threads share nothing.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator
from PIL import Image

from succession_sim.experiments.plots import COMPARISON_PANELS
from succession_sim.metrics import OUTCOMES

from . import layout, portrayal
from .portrayal import KIND_CODES, NodeKind
from .snapshot import MAX_DRAWN_AIS, NetworkPicture, Snapshot

__all__ = [
    "SCREEN",
    "SLIDE",
    "TimeSeriesChart",
    "NetworkChart",
    "png_bytes",
    "slide_charts_png",
    "slide_network_png",
    "policy_overlay_png",
    "replicates_png",
    "mini_run_png",
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


SCREEN = Size(10.0, 5.2, 90, 9.0)
SCREEN_NETWORK = Size(6.4, 4.3, 90, 8.5)
#: 16:9 slide, 13.33 x 7.5 in at 150 dpi = 2000 x 1125 px.
SLIDE = Size(2000 / 150, 7.5, 150, 14.0)

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

# Okabe-Ito colours for measures
_BLUE, _ORANGE, _GREEN, _RED, _PURPLE, _GREY, _SKY = "#0072B2", "#E69F00", "#009E73", "#D62728", "#CC79A7", "#777777", "#56B4E9"


@dataclass(frozen=True)
class Series:
    column: str
    label: str
    colour: str


@dataclass(frozen=True)
class Panel:
    title: str
    series: tuple[Series, ...]
    scale: str  # "unit" (0..1), "log" or "count"
    reference: tuple[float, str] | None = None


PANELS = (
    Panel("AI share of all power", (Series("ai_power_share", "AIs' share", _BLUE),), "unit", (0.5, "succession line (0.5)")),
    Panel(
        "Cooperation rates",
        (
            Series("coop_human_human", "human-human", _GREY),
            Series("coop_human_ai", "human-AI", _GREEN),
            Series("coop_ai_ai", "AI-AI", _BLUE),
        ),
        "unit",
    ),
    Panel(
        "Capability frontier (x human level)",
        (Series("capability_frontier", "most capable AI", _PURPLE),),
        "log",
        (1.0, "human level (1.0)"),
    ),
    Panel(
        "AIs' grievance and disposition",
        (
            Series("mean_grievance", "grievance (held AIs)", _RED),
            Series("mean_disposition_human", "disposition to humans", _GREEN),
        ),
        "unit",
    ),
    Panel("Rebellions per year", (Series("rebellions", "rebellions started", _RED),), "count"),
    Panel(
        "AIs by status",
        (
            Series("n_contained", "held", _ORANGE),
            Series("n_free", "free", _BLUE),
            Series("n_shut_down", "shut down (total)", _GREY),
        ),
        "count",
    ),
)


def png_bytes(fig: Figure, dpi: float | None = None) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi)
    return buffer.getvalue()


def _canvas_png(canvas: FigureCanvasAgg) -> bytes:
    """PNG of what is on the canvas now; light compression, since it is sent once over a local link."""
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above ``value``."""
    if value <= 1:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value - 1e-9)


def _plain_number(value: float, _position=None) -> str:
    return f"{value:g}"


def _finite_max(values: np.ndarray, floor: float) -> float:
    finite = values[np.isfinite(values)]
    return max(floor, float(finite.max())) if len(finite) else floor


class TimeSeriesChart:
    """Six panels of yearly measures, drawn once and updated in place each year.

    Axes, ticks, legends and grids are drawn into a cached background; a new year only
    redraws the lines and the titles over it (blitting). The background is redrawn when
    an axis range changes, and ranges grow in steps of 1-2-5 so that this is rare.
    """

    def __init__(self, size: Size = SCREEN):
        self.size = size
        fs = size.fontsize
        self.fig = Figure(figsize=(size.width, size.height), dpi=size.dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        self._background = None
        self._background_limits = None
        self.fig.subplots_adjust(left=0.055, right=0.97, top=0.86, bottom=0.09, wspace=0.24, hspace=0.62)
        self.axes = self.fig.subplots(2, 3, sharex=True).ravel()
        self.lines: list[tuple[Line2D, Series]] = []
        self.title = self.fig.suptitle("", fontsize=fs * 1.1, y=0.995)
        for ax, panel in zip(self.axes, PANELS, strict=True):
            ax.set_title(panel.title, fontsize=fs, pad=fs * 1.5, fontweight="bold")
            ax.tick_params(labelsize=fs * 0.85, length=2.5, pad=2)
            ax.grid(alpha=0.3, linewidth=0.6)
            ax.yaxis.set_major_locator(MaxNLocator(4))
            ax.xaxis.set_major_locator(MaxNLocator(5, integer=True))
            if panel.scale == "log":
                ax.set_yscale("log")
                ax.yaxis.set_major_locator(LogLocator(numticks=4))
                ax.yaxis.set_major_formatter(FuncFormatter(_plain_number))  # mathtext labels cost ~20 ms a frame
            ax.yaxis.set_minor_locator(NullLocator())
            if panel.reference:
                value, label = panel.reference
                ax.axhline(value, color="black", linestyle="--", linewidth=0.9, label=label)
            for series in panel.series:
                drawstyle = "steps-mid" if panel.scale == "count" and series.column == "rebellions" else "default"
                (line,) = ax.plot([], [], color=series.colour, linewidth=1.6, label=series.label, drawstyle=drawstyle,
                                  animated=True)
                self.lines.append((line, series))
            entries = len(panel.series) + (panel.reference is not None)
            ax.legend(fontsize=fs * 0.72, loc="lower left", bbox_to_anchor=(-0.02, 0.98), ncol=entries, frameon=False,
                      handlelength=1.2, handletextpad=0.3, columnspacing=0.8, borderaxespad=0.0)
            if panel.scale == "count":
                ax.yaxis.set_major_locator(MaxNLocator(4, integer=True))
            if panel.scale == "unit":
                ax.set_ylim(0.0, 1.02)
                ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0], ["0", ".25", ".5", ".75", "1"])
        for ax in self.axes[3:]:
            ax.set_xlabel("year", fontsize=fs * 0.85, labelpad=1)
        self.title.set_animated(True)
        self.axes[4].title.set_animated(True)

    def update(self, frame: pd.DataFrame, horizon: int, title: str = "") -> None:
        """Show ``frame`` (one row per year) on an x-axis from 0 to the run's horizon."""
        years = frame["step"].to_numpy()
        for line, series in self.lines:
            values = frame[series.column].to_numpy(dtype=float)
            if series.column == "capability_frontier":
                values = np.where(values > 0, values, np.nan)  # no AI yet: nothing to plot on a log axis
            line.set_data(years, values)
        self.axes[0].set_xlim(0, max(horizon, int(years[-1]) if len(years) else 0, 1))
        for ax, panel in zip(self.axes, PANELS, strict=True):
            columns = [frame[s.column].to_numpy(dtype=float) for s in panel.series]
            if panel.scale == "count":
                ax.set_ylim(0, _nice_ceiling(1.1 * max(_finite_max(c, 1.0) for c in columns)))
            elif panel.scale == "log":
                values = columns[0][columns[0] > 0]
                low = min(0.1, float(values.min())) if len(values) else 0.1
                high = max(10.0, float(values.max())) if len(values) else 10.0
                ax.set_ylim(10.0 ** math.floor(math.log10(low)), 10.0 ** math.ceil(math.log10(high) + 0.05))
        total = int(frame["rebellions_total"].iloc[-1]) if len(frame) else 0
        self.axes[4].title.set_text(f"Rebellions per year (total {total:,})")
        self.title.set_text(title)

    def _limits(self) -> tuple:
        return tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.axes)

    def png(self) -> bytes:
        """The chart as PNG: background from the cache when no axis range changed."""
        limits = self._limits()
        if self._background is None or limits != self._background_limits:
            self.canvas.draw()  # draws everything except the animated artists
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            self._background_limits = limits
        else:
            self.canvas.restore_region(self._background)
        for line, _ in self.lines:
            line.axes.draw_artist(line)
        self.axes[4].draw_artist(self.axes[4].title)
        self.fig.draw_artist(self.title)
        return _canvas_png(self.canvas)


def _polyline(segments: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(k, 2, 2) segments as x and y arrays of one polyline with a NaN gap after each segment."""
    if not len(segments):
        return np.empty(0), np.empty(0)
    points = np.concatenate([segments, np.full((len(segments), 1, 2), np.nan)], axis=1).reshape(-1, 2)
    return points[:, 0], points[:, 1]


class NetworkChart:
    """Factions on a circle and their AIs beside them; size by power, colour by kind."""

    def __init__(self, size: Size = SCREEN_NETWORK, legend: bool = True):
        self.size = size
        self.fig = Figure(figsize=(size.width, size.height), dpi=size.dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        # a square drawing on the left, the legend on the right
        aspect = size.height / size.width
        ax = self.fig.add_axes((0.0, 0.0, aspect * 0.97, 0.97) if legend else (0.0, 0.0, 1.0, 0.97))
        self.ax = ax
        ax.set_xlim(-layout.VIEW_LIMIT, layout.VIEW_LIMIT)
        ax.set_ylim(-layout.VIEW_LIMIT, layout.VIEW_LIMIT)
        ax.set_aspect("equal")
        ax.set_axis_off()
        self.trust_links = LineCollection([], linewidths=1.8, zorder=1)
        ax.add_collection(self.trust_links)
        # many thin links of one colour: one polyline broken by NaNs draws far faster than a LineCollection
        (self.owner_links,) = ax.plot([], [], color=(0.45, 0.45, 0.45, 0.35), linewidth=0.5, zorder=1, antialiased=False)
        (self.contact_links,) = ax.plot([], [], color=(0.0, 0.45, 0.70, 0.12), linewidth=0.5, zorder=1, antialiased=False)
        empty = np.empty((0, 2))
        self.ais = ax.scatter(empty[:, 0], empty[:, 1], marker="o", linewidths=0.0, zorder=2)
        self.rebels = ax.scatter(empty[:, 0], empty[:, 1], marker="o", facecolors="none",
                                 edgecolors=portrayal.REBEL_RING, linewidths=1.4, zorder=3)
        self.factions = ax.scatter(empty[:, 0], empty[:, 1], marker="s", edgecolors="black", linewidths=0.8, zorder=4)
        self.labels: list = []
        self.title = self.fig.suptitle("", fontsize=size.fontsize * 1.05, y=0.99)
        self.show_legend = legend
        self.legend = None
        self.legend_policies: tuple = ()

    def _update_legend(self, policies: tuple) -> None:
        """One entry per policy present in the run, then the AI kinds (rebuilt only when they change)."""
        if not self.show_legend or policies == self.legend_policies:
            return
        if self.legend is not None:
            self.legend.remove()
        handles = [
            Line2D([], [], linestyle="none", marker=marker, markersize=8, markerfacecolor=colour,
                   markeredgecolor="black" if ringed else "none", label=label)
            for label, marker, colour, ringed in portrayal.legend_entries(list(policies))
        ]
        handles.append(Line2D([], [], color=(0.3, 0.3, 0.3), linewidth=1.8, alpha=0.6, label="trust between factions"))
        left = self.ax.get_position().x1 - 0.02
        self.legend = self.fig.legend(handles=handles, loc="center left", bbox_to_anchor=(left, 0.5), frameon=False,
                                      fontsize=self.size.fontsize * 0.85, labelspacing=0.7, handletextpad=0.4)
        self.legend_policies = policies

    def _scale(self) -> float:
        """Marker area (points^2) of the most powerful node, in proportion to the figure."""
        return 650.0 * (self.size.height / SCREEN_NETWORK.height) ** 2

    def update(self, picture: NetworkPicture, title: str = "") -> None:
        powers = np.concatenate([picture.faction_power, picture.ai_power])
        top = float(powers.max()) if len(powers) and powers.max() > 0 else 1.0
        scale = self._scale()
        n = len(picture.faction_xy)
        i, j = np.triu_indices(n, k=1)
        trust = picture.faction_trust[i, j]
        self.trust_links.set_segments(np.stack([picture.faction_xy[i], picture.faction_xy[j]], axis=1))
        self.trust_links.set_color([(0.3, 0.3, 0.3, 0.08 + 0.6 * t) for t in np.clip(trust, 0, 1)])
        self.owner_links.set_data(*_polyline(picture.owner_links))
        self.contact_links.set_data(*_polyline(picture.contact_links))
        self.ais.set_offsets(picture.ai_xy if len(picture.ai_xy) else np.empty((0, 2)))
        self.ais.set_sizes(np.maximum(scale * picture.ai_power / top, 9.0))
        self.ais.set_facecolors(portrayal.node_colours(picture.ai_kind, picture.ai_policy))
        rebel = picture.ai_kind == KIND_CODES[NodeKind.REBELLING_AI]
        self.rebels.set_offsets(picture.ai_xy[rebel] if rebel.any() else np.empty((0, 2)))
        self.rebels.set_sizes(np.maximum(scale * picture.ai_power[rebel] / top, 6.0) * 2.5 + 30.0)
        self.factions.set_offsets(picture.faction_xy)
        self.factions.set_sizes(np.maximum(scale * picture.faction_power / top, 40.0))
        faction_kind = np.full(n, KIND_CODES[NodeKind.FACTION])
        self.factions.set_facecolors(portrayal.node_colours(faction_kind, picture.faction_policy))
        self._update_legend(tuple(sorted(set(picture.faction_policy.tolist()))))
        if len(self.labels) != n:
            for label in self.labels:
                label.remove()
            out = 1.0 + layout.cluster_radius(n) + 0.1  # just outside the faction's disc of AIs
            self.labels = [
                self.ax.text(x * out, y * out, f"F{k + 1}", ha="center", va="center",
                             fontsize=self.size.fontsize * 0.85, color="#222222", fontweight="bold", zorder=5)
                for k, (x, y) in enumerate(picture.faction_xy)
            ]
        self.title.set_text(title)

    def png(self) -> bytes:
        self.canvas.draw()
        return _canvas_png(self.canvas)


def network_caption(picture: NetworkPicture) -> str:
    """What the network drawing shows, including how many AIs it leaves out."""
    n = len(picture.faction_xy)
    if picture.n_living > picture.n_drawn:
        shown = f"the {picture.n_drawn:,} most powerful of {picture.n_living:,} living AIs (at most {MAX_DRAWN_AIS} are drawn)"
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


def _slide_charts(snapshot: Snapshot) -> TimeSeriesChart:
    chart = TimeSeriesChart(SLIDE)
    chart.update(snapshot.frame, snapshot.horizon, title="succession-sim: " + run_title(snapshot))
    return chart


def _slide_network(snapshot: Snapshot) -> NetworkChart:
    chart = NetworkChart(Size(SLIDE.width, SLIDE.height, SLIDE.dpi, SLIDE.fontsize))
    chart.ax.set_position((0.12, 0.1, 0.55, 0.84))
    chart.update(snapshot.network, title="succession-sim network: " + run_title(snapshot))
    chart.fig.text(0.02, 0.02, network_caption(snapshot.network), fontsize=SLIDE.fontsize * 0.7, wrap=True)
    return chart


def svg_bytes(fig: Figure) -> bytes:
    """The whole figure as SVG, for editing on a slide. The screen charts mark their lines
    as animated (drawn separately, for speed); a saved figure must include them."""
    animated = [artist for artist in fig.findobj() if artist.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg")
    for artist in animated:
        artist.set_animated(True)
    return buffer.getvalue()


def slide_charts_png(snapshot: Snapshot) -> bytes:
    """The time-series panels at slide size (13.33 x 7.5 in, 150 dpi)."""
    return _slide_charts(snapshot).png()


def slide_charts_svg(snapshot: Snapshot) -> bytes:
    """The time-series panels at slide size, as SVG."""
    return svg_bytes(_slide_charts(snapshot).fig)


def slide_network_png(snapshot: Snapshot) -> bytes:
    """The network at slide size, with its caption under the drawing."""
    return _slide_network(snapshot).png()


def slide_network_svg(snapshot: Snapshot) -> bytes:
    """The network at slide size, as SVG."""
    return svg_bytes(_slide_network(snapshot).fig)


def _policy_colour(policy: str, k: int) -> str:
    return portrayal.policy_colour(policy)


def policy_overlay_png(frames: dict[str, pd.DataFrame], title: str = "", size: Size = SLIDE) -> bytes:
    """One run per policy on the same seed, overlaid, in the panels of the CLI's compare plot."""
    fs = size.fontsize
    fig = Figure(figsize=(size.width, size.height), dpi=size.dpi)
    axes = fig.subplots(2, 3, sharex=True)
    for ax, (column, label) in zip(axes.flat, COMPARISON_PANELS, strict=False):
        for k, (policy, frame) in enumerate(frames.items()):
            ax.plot(frame["step"], frame[column], label=policy, linewidth=2, color=_policy_colour(policy, k))
        ax.set_title(label, fontsize=fs)
        ax.tick_params(labelsize=fs * 0.8)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("year", fontsize=fs * 0.85)
    axes.flat[0].legend(fontsize=fs * 0.85)
    if title:
        fig.suptitle(title, fontsize=fs * 1.1)
    fig.tight_layout()
    return png_bytes(fig)


def replicates_png(result: dict, title: str = "", size: Size = SLIDE) -> bytes:
    """Outcome-class counts per policy, and the final human-AI cooperation and AI power share of each run."""
    fs = size.fontsize
    policies = result["policies"]
    runs = pd.DataFrame(result["runs"])
    fig = Figure(figsize=(size.width, size.height), dpi=size.dpi)
    axes = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.5, 1, 1]})
    # outcome classes: grouped bars of counts
    ax = axes[0]
    width = 0.8 / len(policies)
    x = np.arange(len(OUTCOMES))
    for k, policy in enumerate(policies):
        counts = [int((runs[(runs.policy == policy)].outcome == o).sum()) for o in OUTCOMES]
        bars = ax.bar(x + (k - (len(policies) - 1) / 2) * width, counts, width, label=policy,
                      color=_policy_colour(policy, k))
        ax.bar_label(bars, fontsize=fs * 0.7)
    ax.set_xticks(x, [OUTCOME_LABELS[o] for o in OUTCOMES], fontsize=fs * 0.7)
    ax.set_ylabel("runs", fontsize=fs * 0.85)
    ax.set_title(f"Outcome classes ({result['replicates']} runs per policy)", fontsize=fs)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=fs * 0.8)
    # strips of final measures, one column per policy, jittered deterministically
    rng = np.random.default_rng(0)
    for ax, column, label in (
        (axes[1], "coop_human_ai", "Final human-AI cooperation"),
        (axes[2], "ai_power_share", "Final AI share of power"),
    ):
        for k, policy in enumerate(policies):
            values = runs.loc[runs.policy == policy, column].astype(float).to_numpy()
            values = values[np.isfinite(values)]
            jitter = rng.uniform(-0.15, 0.15, len(values))
            ax.scatter(k + jitter, values, s=40, alpha=0.75, color=_policy_colour(policy, k), edgecolors="none")
            if len(values):
                ax.hlines(values.mean(), k - 0.3, k + 0.3, color="black", linewidth=2)
        ax.set_xticks(range(len(policies)), policies, fontsize=fs * 0.85)
        ax.set_xlim(-0.6, len(policies) - 0.4)
        ax.set_ylim(-0.02, 1.02)
        ax.set_title(label, fontsize=fs)
        ax.grid(alpha=0.3, axis="y")
        ax.tick_params(labelsize=fs * 0.8)
    axes[1].set_ylabel("share (black bar: mean)", fontsize=fs * 0.85)
    if title:
        fig.suptitle(title, fontsize=fs * 1.1)
    fig.tight_layout()
    return png_bytes(fig)


def mini_run_png(frames: dict[str, pd.DataFrame], title: str = "") -> bytes:
    """A small chart of the AI share of power: one line per run (the Learn view's mini-runs)."""
    fig = Figure(figsize=(5.0, 2.5), dpi=90)
    ax = fig.add_subplot()
    for (label, frame), colour in zip(frames.items(), (_BLUE, _ORANGE, _GREEN), strict=False):
        ax.plot(frame["step"], frame["ai_power_share"], color=colour, linewidth=2, label=label)
    ax.axhline(0.5, color="black", linestyle="--", linewidth=0.8, label="succession line")
    ax.set_ylim(-0.03, 1.03)  # a line at zero stays visible above the axis
    ax.set_xlim(0, max(max(int(f["step"].iloc[-1]) for f in frames.values()), 1))
    ax.set_xlabel("year", fontsize=8)
    ax.set_ylabel("AI share of power", fontsize=8)
    ax.tick_params(labelsize=7.5)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7.5, loc="upper left", frameon=False)
    if title:
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return png_bytes(fig)


def class_scatter_png(rows: list[dict], x: str, y: str) -> bytes:
    """Each submission at its two chosen parameter values: colour by outcome, shape by policy.

    Submissions with the same values, policy and outcome share one marker, sized by their
    number and labelled with it.
    """
    fig = Figure(figsize=(7.0, 4.2), dpi=90)
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
    return png_bytes(fig)


def finite_or_none(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value
