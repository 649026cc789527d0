"""Agent-steps per second: succession_sim against Mesa's BoltzmannWealth example.

Run it from the project root::

    uv run python benchmarks/agent_steps.py            # table
    uv run python benchmarks/agent_steps.py --json     # the same figures as JSON
    uv run python benchmarks/agent_steps.py --steps 50 # more timed steps per model
    uv run python benchmarks/agent_steps.py --repeats 1 # one measurement per model, faster

What it measures:

* ``SuccessionModel`` on the ``baseline`` scenario with ``initial_ais = max_ais = N``
  for each N in ``--sizes`` (1,000 and 10,000 by default). Agents = factions + living
  AIs, counted before each timed step; agent-steps is the sum of that count over the
  timed steps.
* Mesa's own ``BoltzmannWealth`` example (``mesa.examples``) with ``n = N`` agents on a
  square grid of about one agent per cell (the example's default density: 100 agents on
  10 x 10), timed the same way. Its step includes its own per-step data collection,
  just as ``SuccessionModel.step`` includes its own.
* One full 150-step baseline run, ``SuccessionModel(load_scenario("baseline")).run()``,
  construction included.

Only ``model.step()`` calls are timed for the agent-steps figures; construction is
timed and reported separately. Each measurement is repeated ``--repeats`` times on a
freshly built model with the same seed, and the fastest repeat is reported (as
``timeit`` does): on a small, shared machine the slower repeats measure interference,
not the model. The JSON output lists every repeat.

Targets: succession / Boltzmann ratio >= 5 at 10,000 agents, and the 150-step
baseline run well under 1 s.

This is a report, not a test: the exit code is 0 whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import sys
import time
from pathlib import Path

# Let ``python benchmarks/agent_steps.py`` work from a plain checkout as well.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mesa  # noqa: E402
from mesa.examples import BoltzmannWealth  # noqa: E402
from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannScenario  # noqa: E402

from succession_sim import SuccessionModel, load_scenario  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000)
DEFAULT_STEPS = 30
DEFAULT_REPEATS = 3
DEFAULT_SEED = 0
TARGET_RATIO = 5.0
TARGET_RATIO_AGENTS = 10_000
TARGET_BASELINE_SECONDS = 1.0


def _succession_agents(model: SuccessionModel) -> int:
    """Factions plus living AIs."""
    return len(model.factions) + int(model.ais.living.sum())


def _boltzmann_agents(model) -> int:
    return len(model.agents)


def _time_steps(model, steps: int, count_agents) -> dict:
    """Time ``steps`` calls of ``model.step()``; count agents before each step."""
    agents_at_start = count_agents(model)
    agent_steps = 0
    seconds = 0.0
    gc.collect()
    for _ in range(steps):
        agent_steps += count_agents(model)  # not timed
        start = time.perf_counter()
        model.step()
        seconds += time.perf_counter() - start
    return {
        "agents": agents_at_start,
        "agents_end": count_agents(model),
        "steps": steps,
        "agent_steps": agent_steps,
        "seconds": seconds,
        "agent_steps_per_s": agent_steps / seconds if seconds > 0 else math.inf,
    }


def _best_of(repeats: int, measure, key: str) -> dict:
    """Run ``measure()`` ``repeats`` times; the fastest by ``key``, with every repeat's time."""
    results = [measure() for _ in range(repeats)]
    best = min(results, key=lambda r: r[key])
    return {**best, "repeats": repeats, f"{key}_all_repeats": [r[key] for r in results]}


def bench_succession(n: int, steps: int, seed: int, repeats: int) -> dict:
    def measure() -> dict:
        gc.collect()
        start = time.perf_counter()
        model = SuccessionModel(load_scenario("baseline", initial_ais=n, max_ais=n, seed=seed))
        construct = time.perf_counter() - start
        result = _time_steps(model, steps, _succession_agents)
        return {"model": "succession", "initial_ais": n, "construct_seconds": construct, **result}

    return _best_of(repeats, measure, "seconds")


def bench_boltzmann(n: int, steps: int, seed: int, repeats: int) -> dict:
    side = max(1, math.ceil(math.sqrt(n)))  # ~1 agent per cell, as in the example's 100 on 10 x 10

    def measure() -> dict:
        gc.collect()
        start = time.perf_counter()
        model = BoltzmannWealth(BoltzmannScenario(n=n, width=side, height=side, rng=seed))
        construct = time.perf_counter() - start
        result = _time_steps(model, steps, _boltzmann_agents)
        return {"model": "boltzmann", "n": n, "grid": [side, side], "construct_seconds": construct, **result}

    return _best_of(repeats, measure, "seconds")


def bench_baseline_run(seed: int, repeats: int) -> dict:
    """A full baseline run (its own horizon, 150 steps), construction included."""

    def measure() -> dict:
        gc.collect()
        start = time.perf_counter()
        model = SuccessionModel(load_scenario("baseline", seed=seed))
        constructed = time.perf_counter()
        frame = model.run()
        end = time.perf_counter()
        return {
            "steps": int(model.time),
            "rows": len(frame),
            "living_ais_end": int(model.ais.living.sum()),
            "construct_seconds": constructed - start,
            "run_seconds": end - constructed,
            "total_seconds": end - start,
        }

    return _best_of(repeats, measure, "total_seconds")


def run(sizes: list[int], steps: int, seed: int, repeats: int = DEFAULT_REPEATS) -> dict:
    # warm up imports, numpy and the scenario loader so the first timing is not penalised
    SuccessionModel(load_scenario("baseline", initial_ais=100, max_ais=100, seed=seed)).step()
    BoltzmannWealth(BoltzmannScenario(n=100, width=10, height=10, rng=seed)).step()

    rows, ratios = [], []
    for n in sizes:
        succ = bench_succession(n, steps, seed, repeats)
        boltz = bench_boltzmann(n, steps, seed, repeats)
        rows += [succ, boltz]
        ratios.append({
            "n": n,
            "ratio": succ["agent_steps_per_s"] / boltz["agent_steps_per_s"],
        })
    baseline = bench_baseline_run(seed, repeats)

    at_target = next((r["ratio"] for r in ratios if r["n"] == TARGET_RATIO_AGENTS), None)
    return {
        "environment": {
            "python": platform.python_version(),
            "mesa": mesa.__version__,
            "machine": platform.machine(),
            "processor": platform.processor() or None,
        },
        "steps": steps,
        "seed": seed,
        "repeats": repeats,
        "results": rows,
        "ratios": ratios,
        "baseline_run": baseline,
        "targets": {
            "ratio_at_10000": {
                "target": f">= {TARGET_RATIO:g}",
                "value": at_target,
                "met": None if at_target is None else at_target >= TARGET_RATIO,
            },
            "baseline_run_seconds": {
                "target": f"well under {TARGET_BASELINE_SECONDS:g} s",
                "value": baseline["total_seconds"],
                "met": baseline["total_seconds"] < TARGET_BASELINE_SECONDS,
            },
        },
    }


def _verdict(met: bool | None) -> str:
    return {True: "MET", False: "NOT MET", None: "not measured"}[met]


def print_table(report: dict) -> None:
    env = report["environment"]
    print(f"agent-steps per second  (Python {env['python']}, Mesa {env['mesa']}, "
          f"{report['steps']} timed steps, seed {report['seed']}, best of {report['repeats']})")
    print()
    header = f"{'model':<12} {'agents':>8} {'steps':>6} {'construct s':>12} {'step s':>9} {'agent-steps/s':>15}"
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        agents = f"{row['agents']:,}"
        print(f"{row['model']:<12} {agents:>8} {row['steps']:>6} {row['construct_seconds']:>12.3f} "
              f"{row['seconds']:>9.3f} {row['agent_steps_per_s']:>15,.0f}")
    print()
    print("ratio succession / Boltzmann (agent-steps/s):")
    for r in report["ratios"]:
        print(f"  N = {r['n']:>6,}: {r['ratio']:6.2f}x")
    b = report["baseline_run"]
    print()
    print(f"full baseline run ({b['steps']} steps, construction included, best of {b['repeats']}): "
          f"{b['total_seconds']:.3f} s "
          f"(construct {b['construct_seconds']:.3f} s, run {b['run_seconds']:.3f} s, "
          f"{b['living_ais_end']} living AIs at the end)")
    t = report["targets"]
    print()
    print("targets:")
    ratio = t["ratio_at_10000"]
    value = "n/a" if ratio["value"] is None else f"{ratio['value']:.2f}x"
    print(f"  ratio at 10,000 agents {ratio['target']}: {value} -> {_verdict(ratio['met'])}")
    base = t["baseline_run_seconds"]
    print(f"  150-step baseline run {base['target']}: {base['value']:.3f} s -> {_verdict(base['met'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark agent-steps per second of SuccessionModel against Mesa's "
        "BoltzmannWealth example, and time one full 150-step baseline run. "
        "Always exits 0: it reports, it does not test.",
    )
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS,
                        help=f"timed model.step() calls per model and size (default {DEFAULT_STEPS})")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                        default=list(DEFAULT_SIZES),
                        help="comma-separated agent counts N (initial_ais for succession, n for "
                        "Boltzmann); default 1000,10000")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS,
                        help="measurements per model and size (and of the baseline run), each on a fresh "
                        f"model; the fastest is reported (default {DEFAULT_REPEATS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"seed for both models (default {DEFAULT_SEED})")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    if args.steps < 1:
        parser.error("--steps must be at least 1")
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if any(n < 1 for n in args.sizes):
        parser.error("--sizes must be positive integers")

    report = run(args.sizes, args.steps, args.seed, args.repeats)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
