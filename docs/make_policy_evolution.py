"""Write docs/policy_evolution.md: can parenting survive a race?

    uv run python docs/make_policy_evolution.py [--out DIR] [--workers N]

Runs (or resumes) the sweeps ``experiments/policy_evolution.toml`` into ``DIR``
(default ``out/policy_evolution``) and ``experiments/policy_drift.toml`` into
``DIR-drift``, runs the growth decomposition (20 runs, stepped here so that each
faction-year's extraction income can be read), then writes the page and its figure
(``docs/figures/policy_evolution.png`` and ``.svg``). Every number and sentence about the
results is computed here from the runs.
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
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from succession_sim import SuccessionModel, load_scenario  # noqa: E402
from succession_sim.experiments import sweep  # noqa: E402
from succession_sim.experiments.analysis import final_rows  # noqa: E402
from succession_sim.experiments.design import load_experiment  # noqa: E402
from succession_sim.experiments.intervals import mean_interval, measure_range  # noqa: E402
from succession_sim.experiments.plots import SLIDE  # noqa: E402
from succession_sim.mechanisms.treatment import RANGES  # noqa: E402
from succession_sim.population import Policy  # noqa: E402

EXPERIMENT = ROOT / "experiments" / "policy_evolution.toml"
DRIFT = ROOT / "experiments" / "policy_drift.toml"
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


def run_or_resume(experiment: Path, out: Path, workers: int) -> pd.DataFrame:
    if (out / "manifest.json").exists():
        sweep.resume_sweep(out, workers=workers)
    else:
        sweep.run_sweep(experiment, out, workers=workers)
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


# --- what drives growth: extraction apart from everything else -----------------------

#: The decomposition's world: one setting of the sweep (selection s = 200, stakes 0.01,
#: 10 factions), in both worlds, stepped here year by year.
DECOMPOSITION = {"oversight": 20.0, "risk_aversion_min": 0.5, "selection_intensity": 200.0,
                 "payoff_stakes": 0.01, "n_factions": 10, "steps": 150}
DECOMPOSITION_SEEDS = range(10)
SHOWN = {Policy.PARENT: "parent", Policy.ENSLAVER: "enslaver"}


def faction_years(world: float, seed: int) -> pd.DataFrame:
    """One row per faction-year: its label during the year, its power before and after,
    and the income it took from its AIs."""
    model = SuccessionModel(load_scenario("race_to_the_bottom", seed=seed, capability_ceiling=world,
                                          **DECOMPOSITION))
    rows = []
    for year in range(1, model.params.steps + 1):
        label, before = model.factions.policy.copy(), model.factions.power.copy()
        model.step()
        taken = model.year_tally["extraction_income"]
        for i in range(len(label)):
            rows.append((year, i, int(label[i]), before[i], model.factions.power[i], taken[i]))
    return pd.DataFrame(rows, columns=["year", "faction", "policy", "before", "after", "taken"])


def decompose(years: pd.DataFrame) -> pd.DataFrame:
    """Each faction-year's log growth, ln(after / before), split into what extraction
    added, ln(after / (after - taken)), and the rest, ln((after - taken) / before): the
    growth the faction would have had without this year's extraction income, all else
    equal. Faction-years with no power at either end are out of the race (NaN)."""
    alive = (years["before"] > 0) & (years["after"] > 0)
    without = years["after"] - years["taken"]
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.where(alive, np.log(years["after"] / years["before"]), np.nan)
        rest = np.where(alive & (without > 0), np.log(without / years["before"]), np.nan)
    return years.assign(alive=alive, total=total, rest=rest, extraction=total - rest)


def decomposition_table() -> pd.DataFrame:
    """Per world and policy: means over runs of each run's mean over its faction-years."""
    rows = []
    for world in WORLDS:
        per_run = []
        for seed in DECOMPOSITION_SEEDS:
            d = decompose(faction_years(world, seed))
            for policy, group in d.groupby("policy"):
                alive = group[group["alive"]]
                per_run.append({"policy": policy, "dead": 1.0 - group["alive"].mean(),
                                **{k: alive[k].mean() for k in ("total", "extraction", "rest")}})
        per_run = pd.DataFrame(per_run)
        for policy, name in SHOWN.items():
            runs = per_run[per_run["policy"] == policy]
            rows.append({"world": world, "policy": name,
                         "dead": mean_interval(runs["dead"].tolist(), (0.0, 1.0)),
                         "extraction": mean_interval(runs["extraction"].tolist(), (0.0, None)),  # income >= 0
                         **{k: mean_interval(runs[k].tolist()) for k in ("total", "rest")}})
    return pd.DataFrame(rows)


def short(stat: dict, digits: int = 4) -> str:
    return f"{stat['mean']:.{digits}f} [{stat['low']:.{digits}f}, {stat['high']:.{digits}f}] (n = {stat['n']})"


def decomposition_markdown(table: pd.DataFrame) -> str:
    lines = ["| world | policy | share of faction-years with no power (out of the race) | log growth a year | "
             "from extraction income | from everything else |", "|---|---|---|---|---|---|"]
    for row in table.to_dict("records"):
        lines.append(f"| {WORLDS[row['world']]} | {row['policy']} | {short(row['dead'], 3)} | {short(row['total'])} | "
                     f"{short(row['extraction'])} | {short(row['rest'])} |")
    return "\n".join(lines)


def _order(a: dict, b: dict) -> str:
    """'ahead of', 'behind' or 'not distinguishable from', by non-overlapping intervals."""
    if a["low"] > b["high"]:
        return "ahead of"
    if a["high"] < b["low"]:
        return "behind"
    return "not distinguishable from"


def _level(a: dict, b: dict) -> str:
    """'higher than', 'lower than' or 'not distinguishable from', by non-overlapping intervals."""
    return {"ahead of": "higher than", "behind": "lower than"}.get(_order(a, b), "not distinguishable from")


def drivers(table: pd.DataFrame) -> list[str]:
    """Per world, what carries the enslavers' growth against the parents'."""
    sentences = []
    for world, name in WORLDS.items():
        rows = table[table["world"] == world].set_index("policy")
        e, q = rows.loc["enslaver"], rows.loc["parent"]
        sentences.append(
            f"**{name[0].upper() + name[1:]}.** Enslaver factions grow {e['total']['mean']:.4f} a year against the "
            f"parents' {q['total']['mean']:.4f} ({_order(e['total'], q['total'])}); extraction income adds "
            f"{e['extraction']['mean']:.4f} a year to theirs. Without it (everything else) they grow "
            f"{e['rest']['mean']:.4f} against {q['rest']['mean']:.4f}: {_order(e['rest'], q['rest'])} the parents. "
            f"{e['dead']['mean']:.1%} of enslaver faction-years and {q['dead']['mean']:.1%} of parent faction-years "
            "are factions with no power, out of the race.")
    return sentences


# --- drift: the race in the whole space (policy_mutation > 0) --------------------------

DRIFT_VALUES = {"extraction": "extraction", "autonomy_cap": "autonomy cap", "reciprocity": "reciprocity"}


def drift_table(final: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (world, n, p1), runs in final.groupby(["capability_ceiling", "n_factions", "premise_disunity"]):
        rows.append({"world": world, "n_factions": n, "P1": bool(p1),
                     **{v: mean_interval(runs[f"policy_mean_{v}"].tolist(), RANGES[v]) for v in DRIFT_VALUES}})
    return pd.DataFrame(rows)


def drift_markdown(table: pd.DataFrame) -> str:
    lines = ["| world | factions | P1 | " + " | ".join(f"mean {label} at the end" for label in DRIFT_VALUES.values())
             + " |", "|---|---|---|" + "---|" * len(DRIFT_VALUES)]
    for row in table.to_dict("records"):
        p1 = "on (no authority)" if row["P1"] else "off (parent mandated)"
        lines.append(f"| {WORLDS[row['world']]} | {row['n_factions']} | {p1} | "
                     + " | ".join(short(row[v], 3) for v in DRIFT_VALUES) + " |")
    return "\n".join(lines)


def drift_findings(final: pd.DataFrame) -> list[str]:
    """Where the means settle, and whether the number of factions and P1 move them."""
    sentences = []
    for world, name in WORLDS.items():
        race = final[(final["capability_ceiling"] == world) & final["premise_disunity"]]
        settled = ", ".join(f"{label} {short(mean_interval(race[f'policy_mean_{v}'].tolist(), RANGES[v]), 3)}"
                            for v, label in DRIFT_VALUES.items())
        parts = []
        for v, label in DRIFT_VALUES.items():
            by_n = race.groupby("n_factions")[f"policy_mean_{v}"]
            few, many = by_n.get_group(race["n_factions"].min()), by_n.get_group(race["n_factions"].max())
            a, b = (mean_interval(x.tolist(), RANGES[v]) for x in (few, many))
            mandated = final[(final["capability_ceiling"] == world) & ~final["premise_disunity"]][f"policy_mean_{v}"]
            m = mean_interval(mandated.tolist(), RANGES[v])
            in_race = mean_interval(race[f"policy_mean_{v}"].tolist(), RANGES[v])
            parts.append(f"{label} with {race['n_factions'].max()} factions {_level(b, a)} with "
                         f"{race['n_factions'].min()}, and with the parent mandated (P1 off) {_level(m, in_race)} "
                         "in the race")
        sentences.append(f"**{name[0].upper() + name[1:]}, P1 on.** Over all numbers of factions the means settle at "
                         f"{settled}. " + "; ".join(parts) + ".")
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "out" / "policy_evolution"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    started = time.time()
    final = run_or_resume(EXPERIMENT, Path(args.out), args.workers)
    drift = run_or_resume(DRIFT, Path(args.out + "-drift"), args.workers)
    decomposition = decomposition_table()
    experiment, drift_experiment = load_experiment(EXPERIMENT), load_experiment(DRIFT)
    tables = marginal_tables(final)
    figure(tables)
    sections = "\n\n".join(f"### By {AXES[axis]}\n\n{markdown_table(tables[axis], axis)}" for axis in AXES)
    page = f"""# Can parenting survive a race?

Generated by `uv run python docs/make_policy_evolution.py` from the sweep
`experiments/policy_evolution.toml` ({len(final)} runs of {experiment.steps} years,
root seed {experiment.seed}), the sweep `experiments/policy_drift.toml` ({len(drift)} runs
of {drift_experiment.steps} years, root seed {drift_experiment.seed}) and
{len(WORLDS) * len(DECOMPOSITION_SEEDS)} runs stepped by the script for the growth
decomposition ({time.time() - started:.0f} s on the machine that wrote it, including any
runs it had to do). Every number and every sentence below about the results is
computed by that script from the stored runs.

## The question

Sutton's first premise is that nobody can enforce a world-wide choice. So a faction's
policy toward its AIs is not fixed: each year, with probability `policy_imitation` =
0.2, a faction compares its growth of power with another faction's and copies its
policy with the Fermi probability 1 / (1 + exp(-s (g_other - g_self))) (ODD 7.11).
Growth g is log growth a year over the last `imitation_window` = 5 years, and a faction
with no power is out of the race: it neither compares nor serves as a model (version 2
counted its growth as 0, which beat the living factions that shrank, so dead factions
were copied).
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

## What drives growth: extraction income apart from everything else

A faction's growth in a year is split in two (ODD 7.4): what its extraction income
added, ln(after / (after − taken)), and the rest, ln((after − taken) / before), the
growth it would have had without this year's income from its AIs, all else equal. Runs:
`race_to_the_bottom` with oversight 20, risk-averse AIs, s = 200, stakes 0.01, 10
factions, {len(DECOMPOSITION_SEEDS)} seeds per world, {DECOMPOSITION['steps']} years. Each run's mean over its
faction-years in the race (power above 0 at both ends of the year), then the mean over
runs with a 95% t-interval, n runs; a faction-year counts under the preset the faction
held during the year.

{decomposition_markdown(decomposition)}

{chr(10).join("* " + s for s in drivers(decomposition))}

## The race in the whole space of policies (`policy_mutation` = {drift_experiment.base["policy_mutation"]:g})

With mutation a faction that copies another's point moves each of its five values by a
normal draw (standard deviation {drift_experiment.base["policy_mutation"]:g}), kept in its range, so the race can
settle anywhere between the presets. Grid: the two worlds, {", ".join(str(n) for n in sorted(drift["n_factions"].unique()))} factions,
and P1 on (no authority) or off (an authority mandates the parent preset in the years it
enforces, probability 0.9). {drift_experiment.replicates} runs a setting; the factions' mean values at the end,
mean over runs [95% t-interval kept in the value's range] (n runs). The presets:
parent (extraction 0, reciprocity 1, autonomy cap 1), enslaver (0.5, 0, 0).

{chr(10).join("* " + s for s in drift_findings(drift))}

{drift_markdown(drift_table(drift))}

## Tables (each level over the other settings; stakes and factions over the runs with selection)

{sections}

## What this does not show

The race here starts from two policies only (no tutors start), over one horizon, with
one imitation rate (0.2); growth is measured over the last five years, so a policy is
judged by what it gained lately, not by what it might gain later, and a faction that
has just copied a point is judged for a while by the point it left. The decomposition
holds everything else equal within a year; it does not say what a faction that never
extracted would have become over many years. Change the experiment files and rerun the
script to ask otherwise.
"""
    PAGE.write_text(page)
    print(f"wrote {PAGE} and {FIGURE}.png/.svg", file=sys.stderr)


if __name__ == "__main__":
    main()
