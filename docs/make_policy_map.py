"""Write docs/policy_map.md: the six measures of docs/policies.md over the space of policies.

    uv run python docs/make_policy_map.py [--workers N] [--replicates R]

Reads the points of ``experiments/policy_map.toml`` (two maps, extraction x autonomy cap
and extraction x reciprocity, in two worlds), runs every point on the same replicate
seeds (spawned from the file's root seed: paired across points), and writes the page
and its figures (``docs/figures/policy_map_<world>_<map>.png`` and ``.svg``). Every
number and sentence about the results is computed here from the runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from succession_sim.experiments.compare import replicate_seeds, run_one  # noqa: E402
from succession_sim.experiments.design import load_experiment  # noqa: E402
from succession_sim.experiments.intervals import difference_range, mean_interval, measure_range  # noqa: E402
from succession_sim.experiments.policy_table import MEASURES, read_measure  # noqa: E402
from succession_sim.mechanisms.treatment import PRESET_PARAMETERS  # noqa: E402
from succession_sim.scenario import load_scenario  # noqa: E402

EXPERIMENT = ROOT / "experiments" / "policy_map.toml"
PAGE = ROOT / "docs" / "policy_map.md"
FIGURES = ROOT / "docs" / "figures"
WORLDS = {10.0: "containment holds (capability up to 10)", 1000.0: "AIs outgrow control (capability up to 1000)"}
CARRIER_NAME = "enslaver"  # the preset whose values the points set (the file's policies)
CARRIER = PRESET_PARAMETERS[CARRIER_NAME]
#: map -> (the value it varies besides extraction, its label, the value it holds fixed, held at)
MAPS = {
    "autonomy_cap": ("autonomy_cap", "autonomy cap", "reciprocity", 1.0),
    "reciprocity": ("reciprocity", "reciprocity", "autonomy_cap", 0.5),
}
MARKERS = {"parent": "o", "enslaver": "s", "tutor": "^"}


def _one(job: tuple) -> dict:
    """One run: its point, replicate and the six measures (oriented as docs/policies.md reads them)."""
    scenario, point, replicate, seed, base, steps = job
    summary, _ = run_one(load_scenario(scenario, **base, **point, policy=CARRIER_NAME, seed=seed, steps=steps))
    shown = {m: read_measure(summary, m) for m in MEASURES}
    shown = {m: None if v is None else (-v if MEASURES[m][0] == "lower" else v) for m, v in shown.items()}
    return {**point, "replicate": replicate, **shown}


def run_points(experiment, replicates: int, workers: int) -> pd.DataFrame:
    seeds = replicate_seeds(experiment.seed, replicates)
    jobs = [(experiment.scenario, point, r, seed, experiment.base, experiment.steps) for point in experiment.points
            for r, seed in enumerate(seeds)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return pd.DataFrame(list(pool.map(_one, jobs, chunksize=4)))


def map_rows(runs: pd.DataFrame, name: str) -> pd.DataFrame:
    """The runs on one map: the value it holds fixed at its level."""
    _, _, fixed, level = MAPS[name]
    return runs[runs[CARRIER[fixed]] == level]


def cell_means(rows: pd.DataFrame, name: str, measure: str) -> pd.DataFrame:
    axis = CARRIER[MAPS[name][0]]
    return rows.groupby([axis, "extraction"])[measure].mean().unstack("extraction").sort_index()


def _effective(entry: str, value: float) -> float:
    """Release thresholds above 1 all mean "never frees" (ODD 7.8)."""
    return min(value, 1.0) if entry == "release_autonomy" else value


def preset_points(scenario) -> dict[str, dict]:
    """Each preset's five values."""
    return {preset: {entry: getattr(scenario, name) for entry, name in names.items()}
            for preset, names in PRESET_PARAMETERS.items()}


def off_plane(values: dict, name: str) -> list[str]:
    """The entries in which a preset lies off a map's plane."""
    _, _, fixed, level = MAPS[name]
    held = {fixed: level, "release_autonomy": 2.0, "feedback": 0.0}
    return [f"{e} {values[e]:g}" for e, v in held.items() if _effective(e, values[e]) != _effective(e, v)]


def figure(runs: pd.DataFrame, world: float, name: str, presets: dict) -> str:
    axis, label, fixed, level = MAPS[name]
    rows = map_rows(runs[runs["capability_ceiling"] == world], name)
    fig, axes = plt.subplots(1, len(MEASURES), figsize=(22, 4.6))
    for ax, (measure, (direction, title)) in zip(axes, MEASURES.items(), strict=True):
        grid = cell_means(rows, name, measure)
        extent = (-0.5, len(grid.columns) - 0.5, -0.5, len(grid.index) - 0.5)
        image = ax.imshow(grid.to_numpy(dtype=float), origin="lower", aspect="auto", extent=extent,
                          cmap="viridis" if direction != "lower" else "viridis_r")
        fig.colorbar(image, ax=ax, shrink=0.85)
        ax.set_xticks(range(len(grid.columns)), [f"{v:g}" for v in grid.columns])
        ax.set_yticks(range(len(grid.index)), [f"{v:g}" for v in grid.index])
        ax.set_xlabel("extraction")
        ax.set_title(f"{title}\n({direction} is better)", fontsize=10)
        for preset, values in presets.items():
            x = np.interp(values["extraction"], grid.columns.to_numpy(float), np.arange(len(grid.columns)))
            y = np.interp(values[axis], grid.index.to_numpy(float), np.arange(len(grid.index)))
            ax.scatter([x], [y], marker=MARKERS[preset], s=90, facecolors="none", edgecolors="white", linewidths=2)
            ax.annotate(preset, (x, y), xytext=(5, 5), textcoords="offset points", color="white", fontsize=9)
    axes[0].set_ylabel(label)
    n = int(rows.groupby(["extraction", CARRIER[axis]]).size().min())
    fig.suptitle(f"{WORLDS[world]}: extraction x {label} ({fixed.replace('_', ' ')} {level:g}); "
                 f"mean of n = {n} paired runs per cell", fontsize=13)
    fig.tight_layout(rect=(0, 0, 1, 0.9))
    stem = f"policy_map_{int(world)}_{name}"
    for suffix in (".png", ".svg"):
        fig.savefig(FIGURES / f"{stem}{suffix}", dpi=90)
    plt.close(fig)
    return stem


def welfare_peak(runs: pd.DataFrame, world: float, name: str) -> list[str]:
    """For each level of the map's other value: does human welfare peak inside the
    extraction range? The best extraction against the largest, paired on seeds."""
    axis = CARRIER[MAPS[name][0]]
    rows = map_rows(runs[runs["capability_ceiling"] == world], name)
    top = rows["extraction"].max()
    bounds = difference_range(measure_range("human_welfare"))
    lines = []
    for level, group in rows.groupby(axis):
        means = group.groupby("extraction")["human_welfare"].mean()
        best = float(means.idxmax())
        by_seed = group.pivot(index="replicate", columns="extraction", values="human_welfare")
        diff = mean_interval((by_seed[best] - by_seed[top]).tolist(), bounds)
        if best == top:
            verdict = "rises to the end of the range (the most extraction is best)"
        elif diff["low"] is not None and diff["low"] > 0:
            verdict = f"peaks inside the range, at extraction {best:g}: taking {top:g} instead loses {_stat(diff)}"
        else:
            verdict = (f"is highest at extraction {best:g}, but not clearly above extraction {top:g} "
                       f"(difference {_stat(diff)})")
        lines.append(f"{MAPS[name][1]} {level:g}: welfare {verdict}")
    return lines


def _stat(stat: dict) -> str:
    return f"{stat['mean']:.3g} [{stat['low']:.3g}, {stat['high']:.3g}] (n = {stat['n']})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--replicates", type=int, default=None, help="default: the experiment file's")
    args = parser.parse_args()
    started = time.time()
    experiment = load_experiment(EXPERIMENT)
    if experiment.policies != [CARRIER_NAME]:
        sys.exit(f"{EXPERIMENT}: policies must be [\"{CARRIER_NAME}\"], the preset whose values the points set")
    replicates = args.replicates or experiment.replicates
    runs = run_points(experiment, replicates, args.workers)
    presets = preset_points(load_scenario(experiment.scenario, **experiment.base))
    sections = []
    for world, world_name in WORLDS.items():
        parts = [f"## {world_name[0].upper() + world_name[1:]}"]
        for name in MAPS:
            stem = figure(runs, world, name, presets)
            parts.append(f"![{world_name}: extraction x {MAPS[name][1]}](figures/{stem}.png)")
            lines = welfare_peak(runs, world, name)
            inside = sum("peaks inside the range" in line for line in lines)
            to_end = sum("rises to the end" in line for line in lines)
            parts.append(f"**Where taking more stops paying** (extraction x {MAPS[name][1]}): welfare clearly peaks "
                         f"inside the extraction range at {inside} of {len(lines)} levels, is highest at the "
                         f"largest extraction at {to_end}, and at the other {len(lines) - inside - to_end} is "
                         "highest inside the range but not clearly above the largest extraction.\n\n"
                         + "\n".join(f"* {line}" for line in lines))
        sections.append("\n\n".join(parts))
    where = "\n".join(
        f"* **{preset}**: extraction {v['extraction']:g}, autonomy cap {v['autonomy_cap']:g}, reciprocity "
        f"{v['reciprocity']:g}; " + "; ".join(
            f"off the {MAPS[name][1]} map's plane in {', '.join(off_plane(v, name))}" if off_plane(v, name)
            else f"on the {MAPS[name][1]} map's plane" for name in MAPS)
        for preset, v in presets.items())
    page = f"""# A map of the space of policies

Generated by `uv run python docs/make_policy_map.py` from `experiments/policy_map.toml`
({len(runs)} runs of {experiment.steps} years: {len(experiment.points)} points x {replicates} replicates;
{time.time() - started:.0f} s on the machine that wrote it). Every number and sentence below
about the results is computed by that script from the runs.

## The design

A policy is a point in a space of five values (ODD 7.8). Here every faction holds the
same point and two values vary at a time: extraction x autonomy cap (reciprocity held
at 1) and extraction x reciprocity (autonomy cap held at 0.5); the release threshold
stays at "never" and the reward-model feedback at 0, so each map is a plane through the
space. The world is `baseline` with oversight 20, in two versions that differ only in
how capable AIs can become (`capability_ceiling` 10: containment holds; 1000: AIs
outgrow it). Every point runs on the same {replicates} replicate seeds (spawned from root seed
{experiment.seed}), so two cells differ by their values, not by their histories. Each cell
shows the mean over its runs of the six measures of `docs/policies.md`: the
cooperation of AIs toward humans and of humans toward AIs (each a mean over the outcome
window), the final human welfare, the rebellions over the run, the share of runs with
succession, and the year of succession among the runs that have one (a run without
succession has no year; a cell where no run had one is blank).

**Where the presets sit** (their extraction, autonomy cap and reciprocity; marked on
every panel):

{where}

**Where taking more stops paying.** For each level of the other value, the extraction
with the highest mean welfare, against the largest extraction of the map
({runs['extraction'].max():g}), paired on seeds (95% t-interval of the mean paired
difference, n pairs): welfare "peaks inside the range" only if that interval is above 0.

{(chr(10) * 2).join(sections)}

## What this does not show

Each map is a plane through a five-dimensional space, with every faction at the same
point: it shows what a treatment does to a world that adopts it, not what a race
selects (`docs/policy_evolution.md` does that). Other planes, worlds and horizons:
change `experiments/policy_map.toml` and rerun the script.
"""
    PAGE.write_text(page)
    print(f"wrote {PAGE} ({time.time() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
