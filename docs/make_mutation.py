"""Write docs/mutation.md: the mutation score of the mechanisms and the measures (mutmut 3).

    uv run --group dev python docs/make_mutation.py                      # every module (slow: see the page)
    uv run --group dev python docs/make_mutation.py --only "succession_sim.mechanisms.cooperation*"
    uv run --group dev python docs/make_mutation.py --report-only        # rewrite the page from mutants/

mutmut (configured in pyproject.toml, ``[tool.mutmut]``) copies the package to
``mutants/``, changes one operator, constant or call at a time in
``succession_sim/mechanisms/`` and ``succession_sim/metrics.py``, and runs the tests
that cover the changed function (``tests/mechanisms``, ``tests/validation`` and the
tests of the measures, ``tests/model/test_measures.py`` and ``test_window_measures.py``).
A mutant is *killed* when a test fails (or times out). Survivors are listed with
their diff; those that cannot change any result are marked equivalent below
(``EQUIVALENT``), with the reason. It runs outside the normal test command: run module by
module with ``--max-children 2`` on two shared cores, the 1540 mutants took about an hour
(``succession_sim.metrics*`` alone 20 minutes, ``succession_sim.mechanisms.grievance*`` 15),
and ``--report-only`` a few minutes (one ``mutmut show`` per survivor).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "mutation.md"

#: Statuses that count as killed: a test failed, or the mutant ran past its time limit
#: (an infinite loop is caught too). "no tests" means no selected test ran the function.
CAUGHT = ("killed", "timeout")

_STRICT = ("`<` and `<=` differ only when a draw of U(0, 1) equals the probability exactly, which has "
           "probability 0 (and 2^-53 per draw in floating point)")
_LOGISTIC_HIGH = ("above an exponent of 37 the logistic 1 / (1 + exp(-z)) is exactly 1.0 in floating point, so "
                  "clipping it at 500, at 501 or not at all gives the same value (and exp of a large "
                  "negative number underflows to 0 silently)")
_RATIO_FILL = ("the ratio filled in for a faction out of the race is replaced by NaN in the result; the fill "
               "only keeps the division and the log away from 0, which any positive fill does")
_BOOLEAN_ACTS = ("the acts are boolean arrays (``Encounters``), and 2 * own + other is already an integer index "
                 "for booleans; the cast to intp matters only for float acts, which no caller passes")
_POWERLESS_PAIR = ("the partners' power max(W_a, W_b) is 0 only when both agents have no power (W_a includes "
                   "power_b and W_b power_a), and then the stake power_a * power_b / anything is 0 as well")
_SYMMETRIC_NOISE = ("equivalent in distribution: the normal draw has mean 0, so subtracting it moves values exactly "
                    "as adding it does; only which seed gives which numbers changes, and no claim rests on that")
#: Survivors that cannot change what the model computes, by mutant name, with the reason.
EQUIVALENT: dict[str, str] = {
    "succession_sim.mechanisms.cooperation.x_faction_acts__mutmut_2": _STRICT,
    "succession_sim.mechanisms.cooperation.x_ai_pair_encounters__mutmut_19": _STRICT,
    "succession_sim.mechanisms.cooperation.x_ai_pair_encounters__mutmut_25": _STRICT,
    "succession_sim.mechanisms.cooperation.x_ai_pair_encounters__mutmut_29": _STRICT,
    "succession_sim.mechanisms.capability.x_designers__mutmut_7": _STRICT,
    "succession_sim.mechanisms.coordination.x_authority_enforces__mutmut_2": _STRICT,
    "succession_sim.mechanisms.coordination.x_moratorium_holds__mutmut_3": _STRICT,
    "succession_sim.mechanisms.treatment.x_owner_cooperates__mutmut_1": _STRICT,
    "succession_sim.mechanisms.policy_choice.x_choose_models__mutmut_17": _STRICT,
    "succession_sim.mechanisms.policy_choice.x_choose_models__mutmut_56": _STRICT,
    "succession_sim.mechanisms.treatment.x_nearest_preset__mutmut_42": (
        "`<` and `<=` against the least distance plus 1e-12 differ only when a faction's distance "
        "exceeds the least by exactly the tolerance after rounding; the tolerance only absorbs rounding "
        "in ties, and a point exactly 1e-12 from a tie is not a case any rule produces"),
    "succession_sim.mechanisms.policy_choice.x_fermi__mutmut_4": _LOGISTIC_HIGH,
    "succession_sim.mechanisms.policy_choice.x_fermi__mutmut_12": _LOGISTIC_HIGH,
    "succession_sim.mechanisms.policy_choice.x_fermi__mutmut_11": (
        "clipping the exponent at -501 instead of -500 turns a probability of 7e-218 into 3e-218; the "
        "adoption draw is a multiple of 2^-53, so it falls below either one only when it is exactly 0"),
    "succession_sim.mechanisms.policy_choice.x_log_growth__mutmut_15": _RATIO_FILL,
    "succession_sim.mechanisms.policy_choice.x_log_growth__mutmut_22": _RATIO_FILL,
    "succession_sim.mechanisms.policy_choice.x_choose_models__mutmut_18": (
        "with `rivals >= 0` a lone racer compares too, but the only racer it can draw is itself "
        "(the draw is clipped to the last racer), so it keeps its own point, and the model mutates only "
        "factions whose model is another (`model_of != arange`); the draws taken are the same"),
    "succession_sim.mechanisms.policy_choice.x_choose_models__mutmut_29": (
        "`floor(u * 0)` and `floor(u * 1)` are both 0 for u in [0, 1): with no rival to draw, the "
        "draw gives 0 either way"),
    "succession_sim.mechanisms.policy_choice.x_choose_models__mutmut_52": (
        "the growth filled in for factions out of the race only keeps NaN out of the Fermi "
        "probability of factions that do not compare (and are never drawn as a model); any finite "
        "fill gives the same choices"),
    "succession_sim.mechanisms.policy_choice.x_mutate__mutmut_13": _SYMMETRIC_NOISE,
    "succession_sim.mechanisms.capability.x_inherit__mutmut_7": _SYMMETRIC_NOISE,
    "succession_sim.mechanisms.learning.experience.x_update_disposition__mutmut_10": _LOGISTIC_HIGH,
    "succession_sim.mechanisms.learning.experience.x_update_disposition__mutmut_17": _LOGISTIC_HIGH,
    "succession_sim.mechanisms.learning.experience.x_update_disposition__mutmut_16": (
        "clipping the exponent at -501 instead of -500 turns a target of 7e-218 into 3e-218: both are "
        "below 2^-53, so a cooperation draw (a multiple of 2^-53) falls below either only when it is "
        "exactly 0, and next to any term of order 1 both vanish"),
    "succession_sim.mechanisms.learning.frozen_imitation.x_learn__mutmut_8": (
        "`imitation.learn` never reads the world model (an imitator ignores payoffs), so passing None "
        "for it changes nothing"),
    "succession_sim.mechanisms.payoffs.x_gain__mutmut_11": _BOOLEAN_ACTS,
    "succession_sim.mechanisms.payoffs.x_gain__mutmut_13": _BOOLEAN_ACTS,
    "succession_sim.mechanisms.payoffs.x_gain__mutmut_15": _BOOLEAN_ACTS,
    "succession_sim.mechanisms.payoffs.x_gain__mutmut_17": _BOOLEAN_ACTS,
    "succession_sim.mechanisms.payoffs.x_stakes_at_play__mutmut_8": (
        "without `minlength` the partners' power array ends at the highest agent that met; it is "
        "read only at agents that met, so every value read is the same"),
    "succession_sim.mechanisms.payoffs.x_stakes_at_play__mutmut_22": _POWERLESS_PAIR,
    "succession_sim.mechanisms.payoffs.x_stakes_at_play__mutmut_34": _POWERLESS_PAIR,
    "succession_sim.mechanisms.grievance.x_hardship__mutmut_10": (
        "the lower clip at 0 never binds: extraction and deprivation are at least 0 (their ranges), "
        "capability is positive and autonomy at most 1, so extraction + held is never negative"),
    "succession_sim.mechanisms.grievance.x_rebels_nearby__mutmut_29": (
        "the count of rebels nearby is only used in the division by 1 + A; as float64 it holds the same "
        "small integers exactly"),
    "succession_sim.mechanisms.grievance.x_uprising__mutmut_10": (
        "the test `rebel.any()` is a shortcut: with no rebel, `rebels_nearby` counts 0 for everyone, the "
        "value the shortcut gives"),
    "succession_sim.metrics.xǁHistoryǁ__init____mutmut_14": (
        "before discovery the welfare at discovery is only read by `if base` in "
        "`human_welfare_vs_discovery`, and \"\" is as false as None"),
    "succession_sim.metrics.x_capability_frontier__mutmut_5": (
        "HUMAN_LEVEL is 1.0, so dividing by it and multiplying by it give the same number"),
    "succession_sim.mechanisms.power.x_faction_intelligence__mutmut_3": (
        "the early return is a shortcut: with augmentation 0 the full formula gives 1 + 0 x best = 1, and "
        "with no AI held best is 0 for every faction, so 1 again"),
    "succession_sim.mechanisms.cooperation.x_faction_acts__mutmut_4": (
        "`np.fill_diagonal` on a boolean array stores None as False, the value it replaces"),
    "succession_sim.mechanisms.cooperation.x_update_trust__mutmut_15": (
        "`astype(None)` is `astype(float)`: numpy reads a dtype of None as float64"),
}


def run_mutmut(only: list[str], max_children: int) -> float:
    """Run mutmut (resuming where it left off); return the seconds it took."""
    start = time.perf_counter()
    command = ["mutmut", "run", "--max-children", str(max_children), *only]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:  # mutmut says why on stdout (e.g. that no test covers any mutant)
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-2000:])
        raise SystemExit(f"mutmut run failed with exit code {done.returncode}")
    return time.perf_counter() - start


def results() -> dict[str, str]:
    """mutant name -> status, from mutmut's record in mutants/."""
    text = subprocess.run(["mutmut", "results", "--all", "true"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout
    return dict(re.findall(r"^\s*(\S+): (.+)$", text, flags=re.MULTILINE))


def diff(name: str) -> str:
    """The change a mutant makes, as mutmut shows it (the diff lines only)."""
    text = subprocess.run(["mutmut", "show", name], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return "\n".join(line for line in text.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---")))


def module_of(name: str) -> str:
    """The module of a mutant: its name is the module, a dot, then the mutated function."""
    return name.rsplit(".", 1)[0]


def score_line(killed: int, total: int) -> str:
    share = 100.0 * killed / total if total else 0.0
    return f"killed: {killed} of {total} mutants ({share:.1f}%)"


def page(every: dict[str, str], command: str, seconds: float | None) -> str:
    status = {name: s for name, s in every.items() if s != "not checked"}
    unchecked = Counter(module_of(name) for name, s in every.items() if s == "not checked")
    total = len(status)
    killed = sum(s in CAUGHT for s in status.values())
    survivors = sorted(n for n, s in status.items() if s not in CAUGHT)
    equivalent = [n for n in survivors if n in EQUIVALENT]
    by_module: dict[str, Counter] = {}
    for name, s in status.items():
        by_module.setdefault(module_of(name), Counter())[s] += 1
    for module in unchecked:
        by_module.setdefault(module, Counter())
    rows = ["| module | mutants run | killed | timeout | survived | no tests | not run yet |",
            "|---|---|---|---|---|---|---|"]
    for module, counts in sorted(by_module.items()):
        rows.append(f"| `{module}` | {sum(counts.values())} | {counts['killed']} | {counts['timeout']} | "
                    f"{counts['survived']} | {counts['no tests']} | {unchecked[module]} |")
    not_run = (f"{sum(unchecked.values())} mutants of the modules below have not been run yet (`--only` ran a part); "
               "the score counts the mutants that were run.") if unchecked else "Every mutant was run."
    took = f"{seconds / 60:.0f} minutes" if seconds is not None else "earlier runs, read from their record"
    lines = [
        "# Mutation score",
        "",
        f"Generated by `{command}` (mutmut run: {took}). Every number on this page comes from that",
        "script, which reads mutmut's own record in `mutants/`.",
        "",
        "mutmut 3 changes one operator, constant or call at a time in `succession_sim/mechanisms/`",
        "and `succession_sim/metrics.py` and runs the tests that cover the changed function",
        "(`tests/mechanisms`, `tests/validation`, `tests/model/test_measures.py`,",
        "`tests/model/test_window_measures.py`). A mutant is killed when a test fails or times out.",
        "",
        score_line(killed, total),
        "",
        not_run,
        "",
        f"Among the mutants not marked equivalent: {score_line(killed, total - len(equivalent))}",
        "",
        *rows,
        "",
        f"## Surviving mutants ({len(survivors)}; {len(equivalent)} equivalent)",
        "",
    ]
    for name in survivors:
        verdict = f"equivalent: {EQUIVALENT[name]}" if name in EQUIVALENT else f"{status[name]}, not explained"
        lines += [f"### `{name}`", "", verdict, "", "```diff", diff(name), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help='mutant names to run, e.g. "succession_sim.mechanisms.cooperation*" (default: all)')
    parser.add_argument("--max-children", type=int, default=2, help="parallel test processes (default 2)")
    parser.add_argument("--report-only", action="store_true", help="do not run mutmut; rewrite the page from mutants/")
    args = parser.parse_args(argv)
    if args.max_children < 1:
        parser.error(f"--max-children {args.max_children} must be at least 1")
    seconds = None if args.report_only else run_mutmut(args.only, args.max_children)
    status = results()
    if not status:
        print("no mutmut results in mutants/: run without --report-only first", file=sys.stderr)
        return 2
    command = ("uv run --group dev python docs/make_mutation.py" + "".join(f' --only "{o}"' for o in args.only)
               + (" --report-only" if args.report_only else ""))
    OUT.write_text(page(status, command, seconds))
    run = [s for s in status.values() if s != "not checked"]
    print(score_line(sum(s in CAUGHT for s in run), len(run)), f"-> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
