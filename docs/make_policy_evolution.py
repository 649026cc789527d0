"""Write docs/policy_evolution.md: can parenting survive a race?

    uv run python docs/make_policy_evolution.py [--out DIR] [--workers N]

Runs (or resumes) the sweep ``experiments/policy_evolution.toml`` into ``DIR``
(default ``out/policy_evolution``), then writes the page and its figure
(``docs/figures/policy_evolution.png`` and ``.svg``). The measure is the final share of
factions holding the parent policy; every number and sentence about the results is
computed here from the stored runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from succession_sim.experiments import sweep  # noqa: E402
from succession_sim.experiments.analysis import final_rows  # noqa: E402
from succession_sim.experiments.design import load_experiment  # noqa: E402
from succession_sim.experiments.intervals import mean_interval, measure_range  # noqa: E402
from succession_sim.experiments.plots import SLIDE  # noqa: E402

EXPERIMENT = ROOT / "experiments" / "policy_evolution.toml"
PAGE = ROOT / "docs" / "policy_evolution.md"
FIGURE = ROOT / "docs" / "figures" / "policy_evolution"
START_SHARE = 0.5  # half the factions start as parents
WORLDS = {10.0: "control works (capability up to 10)", 1000.0: "AIs outgrow control (capability up to 1000)"}
WORLD_COLOURS = {10.0: "#E69F00", 1000.0: "#0072B2"}
AXES = {
    "selection_intensity": "selection intensity s",
    "payoff_stakes": "payoff stakes",
    "n_factions": "number of factions",
}
MEASURE = "parent_share"


def run_or_resume(out: Path, workers: int) -> pd.DataFrame:
    if (out / "manifest.json").exists():
        sweep.resume_sweep(out, workers=workers)
    else:
        sweep.run_sweep(EXPERIMENT, out, workers=workers)
    return final_rows(pd.read_parquet(out / "results.parquet"))


def interval(values) -> dict:
    return mean_interval(list(values), measure_range(MEASURE))


def describe(stat: dict) -> str:
    return f"{stat['mean']:.3f} [{stat['low']:.3f}, {stat['high']:.3f}] (n = {stat['n']})"


def versus_start(stat: dict) -> str:
    if stat["low"] > START_SHARE:
        return "above"
    if stat["high"] < START_SHARE:
        return "below"
    return "not distinguishable from"


def marginal_tables(final: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each axis level over the other settings; stakes and factions over the runs with
    selection only (without it, growth does not matter and nothing spreads)."""
    tables = {}
    selected = final[final["selection_intensity"] > 0]
    for axis in AXES:
        rows = []
        runs_of_axis = final if axis == "selection_intensity" else selected
        for (world, level), runs in runs_of_axis.groupby(["capability_ceiling", axis]):
            rows.append({"world": world, axis: level, **interval(runs[MEASURE])})
        tables[axis] = pd.DataFrame(rows)
    return tables


def figure(tables: dict[str, pd.DataFrame]) -> None:
    fig, axes = plt.subplots(1, 3, figsize=SLIDE, sharey=True)
    for ax, (axis, label) in zip(axes, AXES.items(), strict=True):
        table = tables[axis]
        for world, name in WORLDS.items():
            rows = table[table["world"] == world]
            ax.errorbar([f"{v:g}" for v in rows[axis]], rows["mean"],
                        yerr=[rows["mean"] - rows["low"], rows["high"] - rows["mean"]],
                        marker="o", capsize=5, linewidth=2, color=WORLD_COLOURS[world], label=name)
        ax.axhline(START_SHARE, color="#777777", linestyle="--", linewidth=1)
        runs = "all runs" if axis == "selection_intensity" else "runs with s > 0"
        ax.set_title(f"n = {int(table['n'].min())} runs per point ({runs})", fontsize=12)
        ax.set_xlabel(label, fontsize=13)
        ax.set_ylim(0, 1)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("final share of factions that are parents\n(mean, 95% interval)", fontsize=13)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=2, fontsize=12, bbox_to_anchor=(0.5, 0.93))
    fig.suptitle("Can parenting survive a race? (dashed: the starting share, 0.5)", fontsize=15)
    fig.tight_layout(rect=(0, 0, 1, 0.87))
    for suffix in (".png", ".svg"):
        fig.savefig(FIGURE.with_suffix(suffix), dpi=100)
    plt.close(fig)


def markdown_table(table: pd.DataFrame, axis: str) -> str:
    lines = [f"| world | {AXES[axis]} | final parent share, mean [95% interval] (n) | against the start (0.5) |",
             "|---|---|---|---|"]
    for row in table.to_dict("records"):
        lines.append(f"| {WORLDS[row['world']]} | {row[axis]:g} | {describe(row)} | {versus_start(row)} |")
    return "\n".join(lines)


def findings(final: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Plain sentences, each computed from the runs."""
    sentences = []
    neutral = final[final["selection_intensity"] == 0]
    for world, name in WORLDS.items():
        table = tables["selection_intensity"]
        by_s = table[table["world"] == world].set_index("selection_intensity")
        drift, strongest = by_s.loc[0.0], by_s.loc[by_s.index.max()]
        sentences.append(
            f"**{name[0].upper() + name[1:]}.** Without selection (s = 0, a coin flip) the parent share ends at "
            f"{describe(drift)}, {versus_start(drift)} the start. With the strongest selection "
            f"(s = {by_s.index.max():g}) it ends at {describe(strongest)}, {versus_start(strongest)} the start.")
    for axis in ("payoff_stakes", "n_factions"):
        table = tables[axis]
        parts = []
        for world, name in WORLDS.items():
            rows = table[table["world"] == world].sort_values(axis)
            low, high = rows.iloc[0], rows.iloc[-1]
            parts.append(f"{name}: {describe(low)} at {low[axis]:g}, {describe(high)} at {high[axis]:g}")
        sentences.append(f"**{AXES[axis][0].upper() + AXES[axis][1:]}** (runs with selection, s > 0). " + "; ".join(parts) + ".")
    selected = final[final["selection_intensity"] > 0]
    points = []
    for key, runs in selected.groupby(["capability_ceiling", "selection_intensity", "payoff_stakes", "n_factions"]):
        stat = interval(runs[MEASURE])
        points.append((key, stat, versus_start(stat)))
    survives = [p for p in points if p[2] == "above"]
    loses = [p for p in points if p[2] == "below"]
    sentences.append(
        f"**Point by point** (with selection, {len(points)} settings of 10 runs each): the parent share ends "
        f"clearly above its start in {len(survives)} settings and clearly below it in {len(loses)}; in the "
        f"other {len(points) - len(survives) - len(loses)} the interval contains 0.5.")
    for label, group in (("Above", survives), ("Below", loses)):
        if group:
            by_world = {w: sum(1 for (k, _, _) in group if k[0] == w) for w in WORLDS}
            sentences.append(f"{label}: " + ", ".join(f"{n} in the world where {WORLDS[w]}" for w, n in by_world.items())
                             + ".")
    sentences.append(f"Drift alone (s = 0) over {len(neutral)} runs: mean {describe(interval(neutral[MEASURE]))}.")
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "policy_evolution"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    started = time.time()
    final = run_or_resume(Path(args.out), args.workers)
    experiment = load_experiment(EXPERIMENT)
    tables = marginal_tables(final)
    figure(tables)
    sections = "\n\n".join(f"### By {AXES[axis]}\n\n{markdown_table(tables[axis], axis)}" for axis in AXES)
    page = f"""# Can parenting survive a race?

Generated by `uv run python docs/make_policy_evolution.py` from the sweep
`experiments/policy_evolution.toml` ({len(final)} runs of {experiment.steps} years,
root seed {experiment.seed}; {time.time() - started:.0f} s on the machine that wrote it, including
any runs it had to do). Every number and every sentence below about the results is
computed by that script from the stored runs.

## The question

Sutton's first premise is that nobody can enforce a world-wide choice. So a faction's
policy toward its AIs is not fixed: each year, with probability `policy_imitation` =
0.2, a faction compares its growth of power with another faction's and copies its
policy with the Fermi probability 1 / (1 + exp(-s (g_other - g_self))) (ODD 7.11).
Half the factions start as parents and half as enslavers. If parenting grows power
faster, it spreads; if enslaving does, parenting dies out, whatever its merits on
cooperation.

## The design

A grid of selection intensity s (0, 50, 200), payoff stakes (0, 0.01, 0.03) and number
of factions (4, 10, 30), in two worlds that differ only in how capable AIs can become:
up to 10 times human level (with oversight 20, containment holds: control works) or up
to 1000 (AIs outgrow their overseers). Everything else is the `race_to_the_bottom`
scenario, with oversight 20 and AIs built risk-averse (`risk_aversion_min` = 0.5) in
both worlds. {experiment.replicates} replicates per setting; every setting uses the same
replicate seeds. The measure is the share of factions that are parents at the end.
Intervals are 95% t-intervals of the mean over runs, kept within [0, 1], with n runs.

![final parent share against selection intensity, payoff stakes and the number of factions,
in the two worlds](figures/policy_evolution.png)

## What the runs show

{chr(10).join("* " + s for s in findings(final, tables))}

## Tables (each level over the other settings; stakes and factions over the runs with selection)

{sections}

## What this does not show

The race here is among two policies only (no tutors start), over one horizon, with one
imitation rate (0.2); growth is measured over a single year, so a policy is judged by
what it gained this year, not by what it might gain later. Change
`experiments/policy_evolution.toml` and rerun the script to ask otherwise.
"""
    PAGE.write_text(page)
    print(f"wrote {PAGE} and {FIGURE}.png/.svg", file=sys.stderr)


if __name__ == "__main__":
    main()
