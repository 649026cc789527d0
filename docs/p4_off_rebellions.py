"""Why do rebellions rise when P4 is off? Prints the figures docs/validation.md (6.2) quotes.

    uv run python docs/p4_off_rebellions.py        # about 30 s

The premise knockout of docs/validation.md shows more rebellions in the baseline with
P4 off (``premise_power = false``) than with it on. This script follows the rebels, on
the knockout's 20 seeds, using only the model's public state after each year: when each
AI was built, which AIs rose, and the capability of the AIs built late in the run.

Hypothesis it checks: with P4 off the factions keep their power (intelligence buys no
income, so AIs never take it over); rich factions research more (ODD 7.2), and a new AI
starts as capable as its builder's knowledge, and they can pay for more AIs (training
costs ``compute_cost`` x capability, paid from at most half the builder's power, ODD
7.10); a new AI starts with no autonomy; and the hardship of being held without
autonomy grows with capability (deprivation x c / (1 + c) x (1 - autonomy), ODD 7.6).
So young, capable AIs rise. The counterfactual: dearer compute, which lets a faction pay
for fewer AIs, should remove most of the difference.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from succession_sim import SuccessionModel, load_scenario  # noqa: E402
from succession_sim.experiments.compare import replicate_seeds  # noqa: E402
from succession_sim.experiments.intervals import mean_interval  # noqa: E402
from succession_sim.population import Status  # noqa: E402

SEEDS = replicate_seeds(0, 20)  # the knockout's: run_knockout(load_scenario("baseline"), 20, seed=0)
LATE = 90  # "built late": after this year, when P4-on runs have had their succession (year 68 on average)
YOUNG = 10  # a rebel "young": at most this many years old when it rises
CAPABLE = 0.9  # c / (1 + c) above this: being held costs at least 90% of the full deprivation


def follow(premise_power: bool, seed: int, **overrides) -> dict:
    """One baseline run, year by year: its rebels' ages and its late-built AIs' capability."""
    model = SuccessionModel(load_scenario("baseline", seed=seed, premise_power=premise_power, **overrides))
    birth: list[int] = []
    ages, late_capability = [], []
    for year in range(1, model.params.steps + 1):
        before = len(model.ais)
        model.step()
        built = np.arange(before, len(model.ais))
        birth.extend([year] * len(built))
        if year > LATE:
            late_capability.extend(model.ais.capability[built])
        rising = np.flatnonzero(model.ais.status == Status.REBELLING)  # rebels are resolved the next year
        ages.extend(year - np.array(birth)[rising])
    return {"rebellions": len(ages), "young": int((np.array(ages) <= YOUNG).sum()),
            "late_built": len(late_capability), "late_capability": late_capability,
            "welfare": float(model.factions.power.sum())}


def interval(summary: dict, digits: int = 3) -> str:
    return (f"{summary['mean']:.{digits}g} [{summary['low']:.{digits}g}, {summary['high']:.{digits}g}] "
            f"(n = {summary['n']})")


def main() -> None:
    print(f"baseline, parent policy, {len(SEEDS)} seeds: replicate_seeds(0, {len(SEEDS)})")
    print("| | P4 on | P4 off |")
    print("|---|---|---|")
    runs = {on: [follow(on, seed) for seed in SEEDS] for on in (True, False)}
    def per_run(share):  # a share within each run, then its mean over runs (n = runs)
        return lambda r: interval(mean_interval([share(x) for x in r], (0, 1)))

    rows = {
        "rebellions per run": lambda r: interval(mean_interval([x["rebellions"] for x in r], (0, None))),
        f"share of a run's rebels at most {YOUNG} years old when they rise": per_run(
            lambda x: x["young"] / x["rebellions"] if x["rebellions"] else None),
        f"AIs built after year {LATE}, per run": lambda r: interval(
            mean_interval([x["late_built"] for x in r], (0, None))),
        "median capability of those AIs in their first year": lambda r: (
            f"{np.median(np.concatenate([x['late_capability'] for x in r])):.3g} "
            f"(n = {sum(x['late_built'] for x in r)} AIs)"),
        f"share of a run's late-built AIs with c / (1 + c) > {CAPABLE}": per_run(
            lambda x: float(np.mean(np.array(x["late_capability"]) / (1 + np.array(x["late_capability"])) > CAPABLE))
            if x["late_built"] else None),
        "median final human welfare (summed faction power)": lambda r: (
            f"{np.median([x['welfare'] for x in r]):.3g} (n = {len(r)})"),
    }
    for label, cell in rows.items():
        print(f"| {label} | {cell(runs[True])} | {cell(runs[False])} |")
    for cost in (0.05, 0.1):
        dear = {on: mean_interval([follow(on, seed, compute_cost=cost)["rebellions"] for seed in SEEDS], (0, None))
                for on in (True, False)}
        print(f"| rebellions per run, compute_cost {cost:g} (default 0.01) | {interval(dear[True])} | "
              f"{interval(dear[False])} |")


if __name__ == "__main__":
    main()
