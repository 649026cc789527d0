"""Static figures (matplotlib, no display needed)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..colours import policy_colour  # noqa: E402
from .intervals import measure_range, t_band  # noqa: E402

__all__ = ["SLIDE", "COMPARISON_PANELS", "plot_comparison", "plot_knockout", "plot_sobol"]

#: Figure size in inches: a 16:9 slide (1333 x 750 pixels at 100 dpi).
SLIDE = (13.33, 7.5)

COMPARISON_PANELS = (
    ("ai_power_share", "AI share of all power"),
    ("coop_human_ai", "Human-AI cooperation"),
    ("coop_human_human", "Human-human cooperation"),
    ("coop_ai_ai", "AI-AI cooperation"),
    ("rebellions", "Rebellions per year"),
    ("mean_disposition_human", "AIs' disposition toward humans"),
)


def plot_comparison(series: pd.DataFrame, path, title: str = "", panels=COMPARISON_PANELS) -> None:
    """Mean and 95% band (of the mean over runs) of each measure over time, per policy.

    The band is the t-interval inside the measure's range (see ``intervals``); the legend
    gives each policy's number of runs. ``panels`` is a sequence of (column, label); the
    first six present in ``series`` are drawn.
    """
    panels = [(column, label) for column, label in panels if column in series.columns][:6]
    fig, axes = plt.subplots(2, 3, figsize=SLIDE, sharex=True)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    horizon = series["step"].max()
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
        ax.set_title(label, fontsize=13)
        ax.grid(alpha=0.3)
        ax.set_xlabel("year")
        ax.xaxis.set_tick_params(labelbottom=True)
    axes.flat[0].legend(fontsize=11)
    if title:
        fig.suptitle(title, fontsize=15)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_knockout(result: dict, path, title: str = "") -> None:
    """One panel per measure: mean and 95% interval for each knockout condition, with its n."""
    from .knockout import KNOCKOUT_MEASURES

    conditions = list(result["conditions"])
    fig, axes = plt.subplots(1, len(KNOCKOUT_MEASURES), figsize=SLIDE)
    for ax, (measure, (label, _)) in zip(axes, KNOCKOUT_MEASURES.items(), strict=True):
        for row, condition in enumerate(conditions):
            stat = result["conditions"][condition][measure]
            if stat["mean"] is None:
                ax.text(0.02, row, "not defined (n = 0)", va="center", fontsize=10,
                        transform=ax.get_yaxis_transform())
                continue
            low = stat["low"] if stat["low"] is not None else stat["mean"]
            high = stat["high"] if stat["high"] is not None else stat["mean"]
            ax.errorbar(stat["mean"], row, xerr=[[stat["mean"] - low], [high - stat["mean"]]], fmt="o",
                        capsize=4, markersize=7, color="C0" if row else "C3")
            ax.annotate(f"n = {stat['n']}", (stat["mean"], row), xytext=(0, 7), textcoords="offset points",
                        ha="center", va="bottom", fontsize=10)
        ax.set_yticks(range(len(conditions)), conditions if ax is axes[0] else [""] * len(conditions), fontsize=11)
        ax.set_ylim(len(conditions) - 0.5, -0.5)  # same rows in every panel, first condition on top
        ax.set_title(label, fontsize=12)
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title, fontsize=15)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_sobol(table: pd.DataFrame, path, title: str, subtitle: str, labels: dict[str, str] | None = None,
               noise: str | None = None) -> None:
    """First-order (S1) and total (ST) Sobol indices with their 95% intervals, one row per
    parameter, largest ST on top.

    ``table`` is :func:`global_sensitivity.sobol_indices`'s (clipped estimates and ends);
    ``labels`` names the parameters on the axis; ``noise``, the factor that stands for
    chance (the seed), is drawn as a band at its ST interval.
    """
    table = table.sort_values("ST_raw", ascending=True, kind="stable").reset_index(drop=True)
    labels = labels or {}
    rows = np.arange(len(table))
    fig, ax = plt.subplots(figsize=SLIDE)
    for offset, index, colour, name in ((0.2, "S1", "#56B4E9", "first order S1 (alone)"),
                                        (-0.2, "ST", "#0072B2", "total ST (alone or with others)")):
        errors = [table[index] - table[f"{index}_low"], table[f"{index}_high"] - table[index]]
        ax.barh(rows + offset, table[index], 0.38, xerr=errors, color=colour, label=name,
                error_kw={"capsize": 3, "elinewidth": 1.2})
    if noise is not None:
        dummy = table[table["parameter"] == noise].iloc[0]
        ax.axvspan(dummy["ST_low"], dummy["ST_high"], color="#999999", alpha=0.25, zorder=0,
                   label=f"ST interval of {noise}: chance")
    ax.set_yticks(rows, [labels.get(p, p) for p in table["parameter"]], fontsize=11)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Sobol index (share of the variance; estimate and 95% interval, within [0, 1])", fontsize=12)
    ax.set_title(subtitle, fontsize=12)
    ax.grid(alpha=0.3, axis="x")
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=3, fontsize=11)
    fig.suptitle(title, fontsize=15)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.savefig(path, dpi=100)
    plt.close(fig)
