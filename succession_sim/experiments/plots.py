"""Static figures (matplotlib, no display needed)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..colours import policy_colour
from .intervals import measure_range, t_band

__all__ = [
    "SLIDE",
    "COMPARISON_PANELS",
    "comparison_figure",
    "knockout_figure",
    "sobol_figure",
    "plot_comparison",
    "plot_knockout",
    "plot_sobol",
    "save",
    "wrap_to_width",
]

#: Figure size in inches: a 16:9 slide (1333 x 750 pixels at 100 dpi).
SLIDE = (13.33, 7.5)
#: Resolution the CLI writes its PNGs at.
DPI = 100

COMPARISON_PANELS = (
    ("ai_power_share", "AI share of all power"),
    ("coop_human_ai", "Human-AI cooperation"),
    ("coop_human_human", "Human-human cooperation"),
    ("coop_ai_ai", "AI-AI cooperation"),
    ("rebellions", "Rebellions per year"),
    ("mean_disposition_human", "AIs' disposition toward humans"),
)


def wrap_to_width(text: str, width_inches: float, fontsize: float) -> str:
    """``text`` broken into lines that fit ``width_inches`` at ``fontsize`` points.

    A character is taken as 0.6 em wide (a little more than DejaVu Sans's average), so
    that a wrapped title stays inside its panel rather than running into the next one.
    """
    characters = max(8, int(width_inches * 72 / (fontsize * 0.6)))
    return textwrap.fill(text, characters)


def save(fig: Figure, path) -> None:
    """Write ``fig`` at the CLI's resolution; the format follows the file name."""
    fig.savefig(path, dpi=DPI)


def comparison_figure(series: pd.DataFrame, title: str = "", panels=COMPARISON_PANELS) -> Figure:
    """Mean and 95% band (of the mean over runs) of each measure over time, per policy.

    The band is the t-interval inside the measure's range (see ``intervals``); the legend
    gives each policy's number of runs. ``panels`` is a sequence of (column, label); the
    first six present in ``series`` are drawn.
    """
    panels = [(column, label) for column, label in panels if column in series.columns][:6]
    fig = Figure(figsize=SLIDE, dpi=DPI, layout="constrained")
    axes = fig.subplots(2, 3, sharex=True)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    horizon = series["step"].max()
    panel_width = SLIDE[0] / 3 - 0.6
    for ax, (column, label) in zip(axes.flat, panels, strict=False):
        for policy, runs in series.groupby("policy", sort=False):
            grouped = runs.groupby("step")[column]
            mean = grouped.mean()
            low, high = t_band(mean.values, grouped.std().values, grouped.count().values,
                               measure_range(column, horizon))
            runs_count = runs.groupby("step").size().max()
            colour = policy_colour(policy)
            ax.plot(mean.index, mean.values, label=f"{policy} (n = {runs_count} runs)", linewidth=2, color=colour)
            ax.fill_between(mean.index, low, high, alpha=0.25, color=colour)
        ax.set_title(wrap_to_width(label, panel_width, 13), fontsize=13)
        ax.grid(alpha=0.3)
        ax.set_xlabel("year")
        ax.xaxis.set_tick_params(labelbottom=True)
    # the legend sits under the panels, not over the first panel's lines
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(labels), fontsize=11, frameon=False)
    if title:
        fig.suptitle(wrap_to_width(title, SLIDE[0] - 0.5, 15), fontsize=15)
    return fig


def plot_comparison(series: pd.DataFrame, path, title: str = "", panels=COMPARISON_PANELS) -> None:
    """Write :func:`comparison_figure` to ``path``."""
    save(comparison_figure(series, title, panels), path)


def knockout_figure(result: dict, title: str = "") -> Figure:
    """One panel per measure: mean and 95% interval for each knockout condition, with its n.

    Two rows of three panels, so that each panel's title has a third of the slide; the
    conditions are named on the left of each row; each marker's n is written under it.
    """
    from .knockout import KNOCKOUT_MEASURES

    conditions = list(result["conditions"])
    columns = 3
    rows = -(-len(KNOCKOUT_MEASURES) // columns)
    fig = Figure(figsize=SLIDE, dpi=DPI, layout="constrained")
    axes = fig.subplots(rows, columns, squeeze=False)
    panel_width = (SLIDE[0] - 2.5) / columns  # the condition names take about 2.5 inches on the left
    for ax in axes.flat[len(KNOCKOUT_MEASURES):]:
        ax.set_visible(False)
    for k, (ax, (measure, (label, _))) in enumerate(zip(axes.flat, KNOCKOUT_MEASURES.items(), strict=False)):
        for row, condition in enumerate(conditions):
            stat = result["conditions"][condition][measure]
            if stat["mean"] is None:
                ax.text(0.02, row, "not defined (n = 0)", va="center", fontsize=10, color="#555555",
                        transform=ax.get_yaxis_transform())
                continue
            low = stat["low"] if stat["low"] is not None else stat["mean"]
            high = stat["high"] if stat["high"] is not None else stat["mean"]
            ax.errorbar(stat["mean"], row, xerr=[[stat["mean"] - low], [high - stat["mean"]]], fmt="o",
                        capsize=4, markersize=7, color="C0" if row else "C3")
            ax.annotate(f"n = {stat['n']}", (stat["mean"], row), xytext=(0, -7), textcoords="offset points",
                        ha="center", va="top", fontsize=9, color="#444444")
        names = conditions if k % columns == 0 else [""] * len(conditions)
        ax.set_yticks(range(len(conditions)), names, fontsize=11)
        ax.set_ylim(len(conditions) - 0.3, -0.5)  # same rows in every panel, first on top, room for n below
        ax.set_title(wrap_to_width(label, panel_width, 12), fontsize=12)
        ax.margins(x=0.08)  # an "n = ..." under a marker at either end stays inside the panel
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(wrap_to_width(title, SLIDE[0] - 0.5, 15), fontsize=15)
    return fig


def plot_knockout(result: dict, path, title: str = "") -> None:
    """Write :func:`knockout_figure` to ``path``."""
    save(knockout_figure(result, title), path)


def sobol_figure(table: pd.DataFrame, title: str, subtitle: str, labels: dict[str, str] | None = None,
                 noise: str | None = None, chance_bar: float | None = None) -> Figure:
    """First-order (S1) and total (ST) Sobol indices with their 95% intervals, one row per
    parameter, largest ST on top.

    ``table`` is :func:`global_sensitivity.sobol_indices`'s (clipped estimates and ends);
    ``labels`` names the parameters on the axis; ``noise``, the factor that stands for
    chance (the seed), is drawn as a band at its ST interval; ``chance_bar``, the ST that
    chance alone gives a mean response (``global_sensitivity.mean_noise_share``), as a line.
    """
    table = table.sort_values("ST_raw", ascending=True, kind="stable").reset_index(drop=True)
    labels = labels or {}
    rows = np.arange(len(table))
    fig = Figure(figsize=SLIDE, dpi=DPI, layout="constrained")
    ax = fig.subplots()
    for offset, index, colour, name in ((0.2, "S1", "#56B4E9", "first order S1 (alone)"),
                                        (-0.2, "ST", "#0072B2", "total ST (alone or with others)")):
        errors = [table[index] - table[f"{index}_low"], table[f"{index}_high"] - table[index]]
        ax.barh(rows + offset, table[index], 0.38, xerr=errors, color=colour, label=name,
                error_kw={"capsize": 3, "elinewidth": 1.2})
    if noise is not None:
        dummy = table[table["parameter"] == noise].iloc[0]
        ax.axvspan(dummy["ST_low"], dummy["ST_high"], color="#999999", alpha=0.25, zorder=0,
                   label=f"ST interval of {noise}: chance")
    if chance_bar is not None:
        ax.axvline(chance_bar, color="#555555", linestyle="--", linewidth=1.5,
                   label=f"chance's share of the mean ({chance_bar:.2f})")
    ax.set_yticks(rows, [labels.get(p, p) for p in table["parameter"]], fontsize=11)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Sobol index (share of the variance; estimate and 95% interval, within [0, 1])", fontsize=12)
    ax.set_title(wrap_to_width(subtitle, SLIDE[0] - 3.5, 12), fontsize=12)
    ax.grid(alpha=0.3, axis="x")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=3, fontsize=11)
    fig.suptitle(wrap_to_width(title, SLIDE[0] - 0.5, 15), fontsize=15)
    return fig


def plot_sobol(table: pd.DataFrame, path, title: str, subtitle: str, labels: dict[str, str] | None = None,
               noise: str | None = None, chance_bar: float | None = None) -> None:
    """Write :func:`sobol_figure` to ``path``."""
    save(sobol_figure(table, title, subtitle, labels, noise, chance_bar), path)
