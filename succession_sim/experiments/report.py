"""The report of a sweep: summary tables, figures (PNG) and an HTML page bundling them.

The HTML embeds its figures, so it is one file that opens offline and can be mailed.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..colours import policy_colour
from ..metrics import OUTCOMES
from . import analysis
from .plots import DPI, SLIDE, comparison_figure, save, wrap_to_width
from .store import StoreError, atomic_write

__all__ = ["build_report", "response_figure", "phase_figure", "indices_figure"]


def build_report(out, html_path=None, measure: str = "coop_human_ai", on_note=None) -> dict:
    """Write figures into OUT/report/ as PNG and SVG (and an HTML page if asked); return the tables,
    the figures, the swept parameters and the measure the figures show. The experiment is
    read from the sweep's stored inputs; ``on_note`` hears of originals changed since."""
    from .sweep import open_sweep

    store, experiment, notes = open_sweep(out)
    for note in notes:
        if on_note:
            on_note(note)
    results = store.results()
    if results.empty:
        raise StoreError(f"{store.root} has no finished runs to report on")
    swept = experiment.swept
    if measure not in results.columns:
        measure = analysis.measures_of(results, swept)[0]
    tables = {
        "final": analysis.summarise_final(results, swept),
        "outcomes": analysis.outcome_shares(results, swept),
    }
    if len(experiment.policies) >= 2:
        tables["paired"] = analysis.paired_differences(results, swept, *experiment.policies[:2])
    figures_dir = store.root / "report"
    figures_dir.mkdir(exist_ok=True)
    figures = {}

    target = figures_dir / "measures_over_time.png"
    panels = [(m, m.replace("_", " ")) for m in analysis.measures_of(results, swept)]
    _save(target, comparison_figure(results, f"{experiment.title} (all points pooled)", panels))
    figures["Measures over time, mean and 95% band per policy, all design points pooled"] = target
    if swept:
        target = figures_dir / f"response_{measure}.png"
        _save(target, response_figure(results, swept, measure))
        figures[f"Final {measure} against each swept parameter"] = target
    if experiment.design_kind in ("grid", "table") and len(swept) >= 2:
        target = figures_dir / "phase_diagram.png"
        _save(target, phase_figure(results, swept[:2], experiment.policies))
        figures[f"Share of runs ending in succession across {swept[0]} x {swept[1]}"] = target
    if experiment.design_kind in ("sobol", "morris") and experiment.problem:
        index = analysis.sensitivity(results, experiment.problem, experiment.design_kind, measure,
                                     experiment.policies[0], experiment.points)
        tables["sensitivity"] = index
        target = figures_dir / f"{experiment.design_kind}_{measure}.png"
        _save(target, indices_figure(index, experiment.design_kind, measure, len(experiment.points)))
        figures[f"{experiment.design_kind.title()} indices of final {measure} ({experiment.policies[0]})"] = target
    if html_path:
        _write_html(Path(html_path), experiment, tables, figures)
    return {"tables": tables, "figures": figures, "swept": swept, "measure": measure}


def _save(target: Path, fig: Figure) -> None:
    """Write a figure as PNG (for slides and the HTML page) and as SVG (for editing)."""
    atomic_write(target, lambda tmp: save(fig, tmp))
    atomic_write(target.with_suffix(".svg"), lambda tmp: save(fig, tmp))


def response_figure(results: pd.DataFrame, swept, measure: str) -> Figure:
    """The final ``measure`` of each run against each swept parameter, with the mean per value."""
    final = analysis.final_rows(results)
    fig = Figure(figsize=SLIDE, dpi=DPI, layout="constrained")
    axes = fig.subplots(1, len(swept), squeeze=False)
    label_width = SLIDE[0] / len(swept) - 0.8
    for ax, parameter in zip(axes[0], swept, strict=True):
        for policy, group in final.groupby("policy", sort=False):
            means = group.groupby(parameter)[measure].mean()
            colour = policy_colour(policy)
            ax.scatter(group[parameter], group[measure], alpha=0.35, s=18, color=colour)
            ax.plot(means.index, means.values, marker="o", linewidth=2, label=f"{policy} (n = {len(group)} runs)",
                    color=colour)
        ax.set_xlabel(wrap_to_width(parameter, label_width, 13), fontsize=13)
        ax.set_ylabel(f"final {measure}", fontsize=13)
        ax.grid(alpha=0.3)
    axes[0][0].legend(fontsize=11)
    return fig


def phase_figure(results: pd.DataFrame, pair, policies) -> Figure:
    """Share of runs ending in succession on the grid of the first two swept parameters, per policy."""
    final = analysis.final_rows(results)
    final["succession"] = final["outcome"].isin(["cooperative_succession", "conflictual_succession"])
    fig = Figure(figsize=SLIDE, dpi=DPI, layout="constrained")
    axes = fig.subplots(1, len(policies), squeeze=False)
    panel_width = (SLIDE[0] - 1.5) / len(policies) - 0.8
    for ax, policy in zip(axes[0], policies, strict=True):
        runs = final[final["policy"] == policy]
        grid = runs.pivot_table(index=pair[1], columns=pair[0], values="succession")
        per_cell = runs.groupby(list(pair)).size()
        image = ax.imshow(grid.values, origin="lower", vmin=0, vmax=1, cmap="viridis", aspect="auto")
        # at most about eight tick labels per axis, so that long values do not run together
        step_x = max(1, -(-len(grid.columns) // 8))
        step_y = max(1, -(-len(grid.index) // 8))
        ax.set_xticks(range(0, len(grid.columns), step_x), [f"{v:g}" for v in grid.columns[::step_x]])
        ax.set_yticks(range(0, len(grid.index), step_y), [f"{v:g}" for v in grid.index[::step_y]])
        ax.set_xlabel(wrap_to_width(pair[0], panel_width, 13), fontsize=13)
        ax.set_ylabel(pair[1], fontsize=13)
        counts = f"{per_cell.min()}" if per_cell.min() == per_cell.max() else f"{per_cell.min()}-{per_cell.max()}"
        ax.set_title(wrap_to_width(f"{policy} (n = {counts} runs per cell)", panel_width, 14), fontsize=14)
    fig.colorbar(image, ax=axes[0].tolist(), label="share of runs ending in succession")
    return fig


def indices_figure(index: pd.DataFrame, kind, measure, n_points: int) -> Figure:
    """Sobol (S1, ST) or Morris (mu*) indices of the final ``measure``, one bar group per parameter."""
    fig = Figure(figsize=SLIDE, dpi=DPI, layout="constrained")
    ax = fig.subplots()
    # one row per parameter, so that long parameter names stay horizontal and apart
    positions = np.arange(len(index))
    if kind == "sobol":
        ax.barh(positions - 0.2, index["S1"], 0.4, xerr=index["S1_conf"], label="first order S1", capsize=4)
        ax.barh(positions + 0.2, index["ST"], 0.4, xerr=index["ST_conf"], label="total ST", capsize=4)
    else:
        ax.barh(positions, index["mu_star"], 0.6, xerr=index["mu_star_conf"], label="mu*", capsize=4)
    ax.set_yticks(positions, index["parameter"], fontsize=12)
    ax.invert_yaxis()  # the first parameter on top
    ax.set_xlabel(f"sensitivity of final {measure}", fontsize=13)
    ax.set_title(f"n = {n_points} design points (each the mean over its replicates)", fontsize=13)
    ax.legend(fontsize=12)
    ax.grid(alpha=0.3, axis="x")
    return fig


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, float_format=lambda v: f"{v:.4g}", na_rep="-", border=0)


def _write_html(path: Path, experiment, tables, figures) -> None:
    parts = [f"<h1>{html.escape(experiment.title)}</h1>",
             f"<p>{html.escape(experiment.design_kind)} design, {len(experiment.points)} points x "
             f"{experiment.replicates} replicates x {len(experiment.policies)} policies, root seed {experiment.seed}, "
             f"{experiment.steps} years. Outcome classes: {', '.join(OUTCOMES)}.</p>"]
    for caption, figure in figures.items():
        data = base64.b64encode(figure.read_bytes()).decode()
        parts.append(f"<figure><img src='data:image/png;base64,{data}' style='max-width:100%'>"
                     f"<figcaption>{html.escape(caption)}</figcaption></figure>")
    titles = {"final": "Final measures per point and policy (n, mean, SD, 95% interval inside the range)",
              "outcomes": "Outcome-class shares, with n and Wilson intervals",
              "paired": "Paired differences (first - second policy)",
              "sensitivity": "Sensitivity indices (95% intervals)"}
    for key, frame in tables.items():
        parts.append(f"<h2>{titles[key]}</h2>{_table_html(frame)}")
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>" + html.escape(experiment.title) +
            "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:12px}"
            "td,th{padding:2px 8px;border-bottom:1px solid #ddd}</style></head><body>" + "".join(parts) +
            "</body></html>")
    atomic_write(path, lambda tmp: Path(tmp).write_text(page))
