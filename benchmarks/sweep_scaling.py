"""Sweep throughput: runs per second of a 200-run baseline sweep at 1 and 2 workers.

Prints, from one process on this machine:
  * a plain loop of the same 200 runs and their summaries (no sweep machinery): the baseline,
  * the sweep at 1 worker (in-process): its overhead per run relative to the plain loop,
  * the sweep at 2 workers (processes): its speed-up over 1 worker.
Targets: speed-up >= 1.8x on two cores; sweep overhead < 5% of the run time.

    uv run python benchmarks/sweep_scaling.py [--runs 200] [--steps 150] [--repeats 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from succession_sim import SuccessionModel
from succession_sim.experiments import sweep
from succession_sim.experiments.design import load_experiment

EXPERIMENT = """
title = "benchmark: {runs} baseline runs"
scenario = "baseline"
replicates = {replicates}
seed = 3
steps = {steps}
policies = ["parent", "enslaver"]
[measures]
every = 1
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="runs in the sweep (even; default 200)")
    parser.add_argument("--steps", type=int, default=150, help="years per run (default 150)")
    parser.add_argument("--repeats", type=int, default=2, help="repeats, fastest kept (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.toml"
        path.write_text(EXPERIMENT.format(runs=args.runs, replicates=args.runs // 2, steps=args.steps))
        experiment = load_experiment(path)
        plain_times, timings = [], {1: [], 2: []}
        # alternate the three measurements and keep the fastest of each: the machine is shared
        for repeat in range(args.repeats):
            start = time.perf_counter()
            for spec in experiment.runs():  # the same work without the sweep: run and summarise
                model = SuccessionModel(experiment.scenario_for(spec))
                model.run()
                model.summary()
            plain_times.append(time.perf_counter() - start)
            for workers in (1, 2):
                start = time.perf_counter()
                result = sweep.run_sweep(path, Path(tmp) / f"w{workers}-{repeat}", workers=workers)
                timings[workers].append(time.perf_counter() - start)
                assert result.done == len(experiment.runs()), result
        plain = min(plain_times)
        timings = {workers: min(times) for workers, times in timings.items()}

    runs = len(experiment.runs())
    figures = {
        "runs": runs,
        "steps": args.steps,
        "plain_loop_s": plain,
        "sweep_1_worker_s": timings[1],
        "sweep_2_workers_s": timings[2],
        "runs_per_s_1_worker": runs / timings[1],
        "runs_per_s_2_workers": runs / timings[2],
        "speedup_2_over_1": timings[1] / timings[2],
        "overhead_per_run_share": (timings[1] - plain) / plain,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{runs} runs of {args.steps} years (baseline, parent and enslaver)")
    print(f"  plain loop, no sweep machinery: {plain:7.2f} s  ({runs / plain:6.1f} runs/s)")
    print(f"  sweep, 1 worker (in-process):   {timings[1]:7.2f} s  ({figures['runs_per_s_1_worker']:6.1f} runs/s)")
    print(f"  sweep, 2 worker processes:      {timings[2]:7.2f} s  ({figures['runs_per_s_2_workers']:6.1f} runs/s)")
    print(f"speed-up 2 over 1 worker: {figures['speedup_2_over_1']:.2f}x (target >= 1.8x)")
    print(f"sweep overhead per run: {100 * figures['overhead_per_run_share']:.1f}% of the run time (target < 5%)")


if __name__ == "__main__":
    main()
