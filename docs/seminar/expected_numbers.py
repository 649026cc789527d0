"""Print every number the lesson plans tell the instructor to expect, from the plans' own commands.

Run from the project folder:

    uv run python docs/seminar/expected_numbers.py            # every plan (about two minutes)
    uv run python docs/seminar/expected_numbers.py --plan 2   # one plan

Each block runs one command exactly as a plan prints it, through the project's own
command line (``succession_sim.cli.main``, with ``--json`` added and ``--plot`` and
``--out`` left out: a picture or a file changes no number), and prints the numbers the
plan quotes next to that command. The plans' rehearsal notes were copied from this
script's output; after a change to the model, run it again and update them.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shlex
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from succession_sim import cli  # noqa: E402

PREFIX = "uv run succession-sim "

#: (plan, command as the plan prints it). A line "a | b | c" runs the commands a, b and c
#: one after another and prints them as one block.
COMMANDS: list[tuple[int, str]] = [
    # plan 1: the four premises
    (1, "run --scenario baseline --seed 1"),
    *((1, f"run --scenario {name} --seed {seed}") for name in
      ("baseline", "unified_humanity", "no_discovery", "human_ceiling", "no_power_accrual") for seed in (2, 3)),
    *((1, f"run --scenario {name} --seed 1") for name in
      ("unified_humanity", "no_discovery", "human_ceiling", "no_power_accrual")),
    (1, "knockout --scenario baseline --replicates 10 --plot knockout.png"),
    (1, "knockout --scenario unified_humanity --replicates 10"),
    *((1, f"run --scenario unified_humanity --steps 300 --seed {seed}") for seed in (0, 1, 2)),
    # plan 2: parent or enslaver?
    (2, "compare --scenario baseline --replicates 10 --plot baseline.png"),
    (2, "compare --scenario hostile_world --replicates 10 --plot hostile.png"),
    (2, "compare --scenario strong_oversight --replicates 10 --plot oversight.png"),
    (2, "compare --scenario strong_oversight --set capability_ceiling=1000 --replicates 10"),
    (2, "compare --scenario strong_oversight --set oversight=2 --replicates 10"),
    (2, "compare --scenario strong_oversight --set risk_aversion_min=0 --replicates 10"),
    (2, "compare --scenario tutor_overseers_fall_behind --policies tutor,parent --replicates 10 --plot tutor.png"),
    (2, "compare --scenario tutor_overseers_fall_behind --policies tutor,enslaver --replicates 10"),
    (2, "run --scenario tutor_overseers_fall_behind --seed 1"),
    # plan 2, part 2: can parenting survive a race?
    (2, "run --scenario race_to_the_bottom --out race.csv"),
    (2, "run --scenario race_to_the_bottom --seed 1 --json"),
    (2, "run --scenario mandated_parenting"),
    (2, "compare --scenario race_to_the_bottom --policies mixed --replicates 10"),
    (2, "compare --scenario mandated_parenting --policies mixed --replicates 10"),
    (2, "compare --scenario race_to_the_bottom --policies mixed --set capability_ceiling=10 --set oversight=20 "
        "--set risk_aversion_min=0.5 --replicates 10"),
    (2, "compare --scenario mandated_parenting --policies mixed --set enforcement=0.3 --replicates 10"),
    # plan 3: what would make you change your mind?
    (3, "compare --scenario baseline --replicates 10"),
    (3, "compare --scenario baseline --set human_trust=0.3 --replicates 10"),
    (3, "knockout --scenario baseline --replicates 10"),
    (3, "knockout --scenario baseline --set depreciation=0.05 --replicates 10"),
]


def run_cli(command: str) -> dict:
    """Run one succession-sim command with --json (and without --plot or --out); return its JSON.

    The command line's own ``main`` runs in this process (no start-up per command), so the
    numbers are those the command prints.
    """
    words = shlex.split(command)
    for option in ("--plot", "--out"):  # files the plans write; no number depends on them
        if option in words:
            at = words.index(option)
            del words[at:at + 2]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = cli.main([*words, *([] if "--json" in words else ["--json"])])
    if status != 0:
        raise SystemExit(f"succession-sim {command} exited with status {status}")
    return json.loads(out.getvalue())


def number(value, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 10:
        return f"{value:.0f}"
    return f"{value:.{digits}f}" if abs(value) < 10 else f"{value:.1f}"


def mean(values) -> str:
    """Mean of the defined values, with how many there were."""
    defined = [v for v in values if v is not None]
    if not defined:
        return "- (0 runs)"
    return f"{number(sum(defined) / len(defined))} ({len(defined)} runs)"


def outcomes(runs: list[dict]) -> str:
    counts = Counter(r["outcome"] for r in runs)
    return ", ".join(f"{name} {k}/{len(runs)}" for name, k in counts.most_common())


def show_run(result: dict) -> list[str]:
    s = result
    lines = [f"outcome {s['outcome']}; succession year {number(s['succession_year'])}; "
             f"AI power share {number(s['ai_power_share'])}; rebellions {s['rebellions']}; "
             f"human welfare {number(s['human_welfare'])}",
             f"coop_human_ai (window mean) {number(s['coop_human_ai'])}, coop_human_to_ai {number(s['coop_human_to_ai'])}, "
             f"coop_ai_to_human {number(s['coop_ai_to_human'])}; window: rebellion rate "
             f"{s['outcome_window']['rebellion_rate']:.4f}, cooperation {number(s['outcome_window']['cooperation'])}"]
    if s.get("policy_switches"):
        lines.append(f"final parent_share {number(s['parent_share'])}, enslaver_share {number(s['enslaver_share'])}; "
                     f"policy switches {s['policy_switches']}")
    if s["human_intelligence"] > 1:
        lines.append(f"human_intelligence {number(s['human_intelligence'])}")
    return lines


#: what a compare block prints for each policy: summary key -> label
COMPARE_MEASURES = {
    "coop_human_ai": "coop_human_ai (window mean)",
    "coop_ai_to_human": "coop_ai_to_human",
    "coop_human_to_ai": "coop_human_to_ai",
    "rebellions": "rebellions per run",
    "human_welfare": "human welfare",
    "succession_year": "succession year (runs with one)",
    "ai_power_share": "AI power share",
}


def show_compare(result: dict) -> list[str]:
    lines = [f"root seed {result['seed']}, {result['replicates']} replicates"]
    for policy in result["policies"]:
        runs = [r for r in result["runs"] if r["policy"] == policy]
        lines.append(f"{policy}: {outcomes(runs)}")
        lines.append("    " + "; ".join(f"{label} {mean(r[key] for r in runs)}" for key, label in COMPARE_MEASURES.items()))
        if any(r["policy_switches"] for r in runs):
            finals = sorted(r["parent_share"] for r in runs)
            lines.append(f"    final parent_share {mean(finals)}, per run {', '.join(number(v, 1) for v in finals)}; "
                         f"policy switches per run {mean(r['policy_switches'] for r in runs)}")
    return lines


def show_knockout(result: dict) -> list[str]:
    lines = [f"root seed {result['seed']}, {result['replicates']} replicates"]
    for condition, stats in result["conditions"].items():
        share, year, rebellions = stats["succession"], stats["succession_year"], stats["rebellions"]
        hits = round(share["mean"] * share["n"])
        lines.append(f"{condition}: succession in {hits} of {share['n']}; mean year {number(year['mean'])} "
                     f"({year['n']} runs); rebellions per run {number(rebellions['mean'])}")
    return lines


SHOW = {"run": show_run, "compare": show_compare, "knockout": show_knockout}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=int, choices=(1, 2, 3), help="only this plan's commands")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    seen: dict[str, dict] = {}
    for plan, command in COMMANDS:
        if args.plan and plan != args.plan:
            continue
        t0 = time.perf_counter()
        again = command in seen
        result = seen[command] if again else run_cli(command)
        seen[command] = result
        took = "as above" if again else f"{time.perf_counter() - t0:.0f} s"
        print(f"[plan {plan}] {PREFIX}{command}   ({took})")
        for line in SHOW[command.split()[0]](result):
            print(f"    {line}")
        print(flush=True)
    print(f"total {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
