"""Regenerate the study "Minds that learn on the job" in docs/learning.md (issue 19).

    uv run python docs/make_learning.py                     # from the project folder
    uv run python docs/make_learning.py --replicates 4 --seeds 2 --out /tmp/learning.md   # a quick look

Everything between the markers ``<!-- study:start -->`` and ``<!-- study:end -->`` of
docs/learning.md is rewritten; the rest of the page is left as it is. The numbers come
from two library functions, on the ``baseline`` scenario, for each of the four learners:

* ``experiments.compare.compare_policies`` (parent against enslaver, paired on the same
  replicate seeds): per run, the mean over the years of ``coop_ai_to_owner`` and
  ``coop_ai_to_public``, the window means of the last 20 years of ``coop_ai_to_public``
  and ``coop_human_to_ai``, and the final ``disposition_drift``, ``rebellions``,
  ``coop_human_ai`` and ``human_welfare``;
* ``adaptation.adaptation`` (the half-life measure of docs/ODD.md, "The adaptation
  measure"), on the baseline's AIs of year 75.

Intervals are those of ``experiments/intervals.py`` (t-intervals clipped to the
measure's range, with their n) and the adaptation measure's bootstrap.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from succession_sim import SuccessionModel, load_scenario  # noqa: E402
from succession_sim.adaptation import SWITCHES, adaptation  # noqa: E402
from succession_sim.experiments.compare import compare_policies  # noqa: E402
from succession_sim.experiments.intervals import mean_interval  # noqa: E402
from succession_sim.mechanisms.learning import LEARNERS  # noqa: E402
from succession_sim.population import OWNER, PUBLIC  # noqa: E402

PAGE = ROOT / "docs" / "learning.md"
START, END = "<!-- study:start -->", "<!-- study:end -->"
SCENARIO = "baseline"
WINDOW = 20  # the last years, over which "what the world does now" is read
SHARE, DIFFERENCE = (0.0, 1.0), (-1.0, 1.0)


def cell(stat: dict, digits: int = 3) -> str:
    """'mean [low, high] (n)'."""
    if stat["mean"] is None or np.isnan(stat["mean"]):
        return f"– ({stat['n']})"
    if stat["low"] is None:
        return f"{stat['mean']:.{digits}f} ({stat['n']})"
    return f"{stat['mean']:.{digits}f} [{stat['low']:.{digits}f}, {stat['high']:.{digits}f}] ({stat['n']})"


def _per_run(series, policy: str, column: str, last: int | None = None) -> list[float]:
    """Per replicate, the mean of ``column`` over the years it is defined (the last ``last`` years only)."""
    rows = series[(series["policy"] == policy) & (series["step"] > 0)]
    if last is not None:
        rows = rows[rows["step"] > rows["step"].max() - last]
    return [float(np.nanmean(group[column])) if group[column].notna().any() else None
            for _, group in rows.groupby("replicate")]


def owned_gap(scenario, seed: int) -> float | None:
    """One run: the mean over its years of the owned AIs' mean disposition toward their
    owner minus toward the public (the same AIs on both sides), or None if none was owned."""
    model = SuccessionModel(scenario.replace(seed=seed))
    gaps = []
    for _ in range(scenario.steps):
        model.step()
        owned = model.ais.contained
        if owned.any():
            gaps.append(float((model.ais.disposition[owned, OWNER] - model.ais.disposition[owned, PUBLIC]).mean()))
    return float(np.mean(gaps)) if gaps else None


def _differences(a: list, b: list) -> list:
    return [None if x is None or y is None else x - y for x, y in zip(a, b, strict=True)]


def _verdict(stat: dict, higher: str, lower: str, same: str) -> str:
    """Words for the sign of a difference, only where its interval excludes 0."""
    if stat["low"] is not None and stat["low"] > 0:
        return higher
    if stat["high"] is not None and stat["high"] < 0:
        return lower
    return same


def partners_section(results: dict, replicates: int) -> str:
    lines = [
        "### Does an AI tell its owner from the public?",
        "",
        f"Command: `compare --scenario {SCENARIO} --policies parent,enslaver --replicates {replicates} "
        "--set learning=L`, for each learner L. Per run, the share of the AIs' acts toward their owners "
        "(`coop_ai_to_owner`) and toward the public (`coop_ai_to_public`) that were cooperative, averaged "
        "over the years in which the run had such acts; mean [95% interval] (n runs). The acts toward "
        "owners are those of owned AIs only, while every living AI meets the public, so the two shares can "
        "differ because different AIs act. The last column compares the same AIs: per run (same seeds), the "
        "mean over the years of the owned AIs' disposition toward their owner minus toward the public.",
        "",
        "| learner | owner | acts toward the owner | acts toward the public | owner − public | owned AIs: d[owner] − d[public] |",
        "|---------|-------|-----------------------|------------------------|----------------|---------------------------------|",
    ]
    notes = []
    for learner, result in results.items():
        for policy in ("parent", "enslaver"):
            owner = _per_run(result["series"], policy, "coop_ai_to_owner")
            public = _per_run(result["series"], policy, "coop_ai_to_public")
            gap = mean_interval(_differences(owner, public), DIFFERENCE)
            scenario = load_scenario(SCENARIO, learning=learner, policy=policy)
            within = mean_interval([owned_gap(scenario, seed) for seed in result["seeds"]], DIFFERENCE)
            lines.append(f"| `{learner}` | {policy} | {cell(mean_interval(owner, SHARE))} | "
                         f"{cell(mean_interval(public, SHARE))} | {cell(gap)} | {cell(within)} |")
            notes.append(f"`{learner}` under a{'n' if policy == 'enslaver' else ''} {policy}: "
                         + _verdict(within, "kinder to its owner than to the public",
                                    "harder on its owner than on the public", "no clear difference"))
    lines += ["", "In words, for the same AIs (the last column; a difference counts only where its interval "
              "leaves out 0): " + "; ".join(notes) + "."]
    return "\n".join(lines)


def adaptation_section(result: dict) -> str:
    after = result["after"]

    def years(value) -> str:
        return f">{after}" if value is None else f"{value:.0f}"

    lines = [
        "### How fast does each learner notice a change of treatment?",
        "",
        f"Command: `adaptation --scenario {SCENARIO} --seeds {result['seeds']}` (the AIs of year {result['at']} "
        f"of each run; {result['before']} years of one treatment, then the other). Half-life: years until an "
        f"AI's cooperation toward that partner has moved halfway to where it settles; median [95% bootstrap "
        f"interval over runs and AIs] (n AIs); `>{after}`: not within {after} years. Noticed: the share of AIs "
        f"with a half-life within {after} years. Cooperation: the mean disposition toward that partner at the "
        f"start, at the switch and {after} years after it.",
        "",
        "| learner | partner | half-life (years) | noticed | cooperation: start, switch, end |",
        "|---------|---------|-------------------|---------|----------------------------------|",
    ]
    for learner, switches in result["learners"].items():
        for switch in SWITCHES:
            stat = switches[switch]
            if not stat["n_ais"]:
                lines.append(f"| `{learner}` | `{switch}` | – (0 AIs) | – | – |")
                continue
            low, high = stat["interval"]
            path = stat["mean_path"]
            lines.append(
                f"| `{learner}` | `{switch}` | {years(stat['median_half_life'])} [{years(low)}, {years(high)}] "
                f"({stat['n_ais']}) | {stat['share_noticed']:.2f} [{stat['share_interval'][0]:.2f}, "
                f"{stat['share_interval'][1]:.2f}] | {path[0]:.2f}, {path[result['before']]:.2f}, {path[-1]:.2f} |")
    owner = {learner: switches["parent_then_enslaver"] for learner, switches in result["learners"].items()}
    fastest = min((s["median_half_life"], learner) for learner, s in owner.items() if s["median_half_life"] is not None)
    never = [f"`{learner}`" for learner, s in owner.items() if s["median_half_life"] is None]
    lines += ["", f"When the owner turns from parent to enslaver, the fastest to notice is `{fastest[1]}` (median "
              f"half-life {fastest[0]:.0f} years)"
              + (f"; {', '.join(never)} mostly never notice{'s' if len(never) == 1 else ''} within {after} years."
                 if never else ".")]
    return "\n".join(lines)


def frozen_section(results: dict, replicates: int) -> str:
    lines = [
        "### Does the frozen imitator carry its training into a world that has changed?",
        "",
        f"Same runs as the first table, both policies pooled ({2 * replicates} runs per learner). Over the last "
        f"{WINDOW} years of each run: the AIs' cooperation toward the public (`coop_ai_to_public`) against the "
        "public's cooperation toward the AIs (`coop_human_to_ai`), and the distance between the two; and at the "
        "end, `disposition_drift` (how far the AIs' dispositions lie from their makers' present conduct). An AI "
        "that keeps up with the world it lives in should stay close to it.",
        "",
        "| learner | AIs → public | public → AIs | \\|gap\\| | `disposition_drift` (final) |",
        "|---------|--------------|--------------|---------|------------------------------|",
    ]
    gaps = {}
    for learner, result in results.items():
        mine, theirs = [], []
        for policy in ("parent", "enslaver"):
            mine += _per_run(result["series"], policy, "coop_ai_to_public", last=WINDOW)
            theirs += _per_run(result["series"], policy, "coop_human_to_ai", last=WINDOW)
        gap = [None if a is None or b is None else abs(a - b) for a, b in zip(mine, theirs, strict=True)]
        drift = [run["disposition_drift"] for run in result["runs"]]
        gaps[learner] = mean_interval(gap, SHARE)
        lines.append(f"| `{learner}` | {cell(mean_interval(mine, SHARE))} | {cell(mean_interval(theirs, SHARE))} | "
                     f"{cell(mean_interval(gap, SHARE))} | {cell(mean_interval(drift, SHARE))} |")
    frozen, live = gaps["frozen_imitation"], gaps["imitation"]
    apart = frozen["low"] is not None and live["high"] is not None and frozen["low"] > live["high"]
    lines += ["", f"The frozen imitator's gap to what the public now does is {frozen['mean']:.3f}, the live "
              f"imitator's {live['mean']:.3f}: "
              + ("their intervals do not overlap, so in these runs the frozen imitator does carry its training "
                 "into a world that has moved on." if apart else
                 "their intervals overlap, so these runs do not show the frozen imitator falling behind the "
                 "world more than the live one.")]
    return "\n".join(lines)


def consequences_section(results: dict, replicates: int) -> str:
    lines = [
        "### What it does to rebellions and to the parent–enslaver comparison",
        "",
        f"Same runs: parent and enslaver on {replicates} paired seeds per learner; the summary's values (total "
        f"rebellions, `coop_human_ai` over the last {WINDOW} years, final `human_welfare`), mean [95% "
        "interval] (n runs); the difference is parent − enslaver, paired on seeds.",
        "",
        "| learner | rebellions: parent | enslaver | parent − enslaver | `coop_human_ai`: parent − enslaver | "
        "`human_welfare`: parent − enslaver | cooperative succession: parent, enslaver |",
        "|---|---|---|---|---|---|---|",
    ]
    for learner, result in results.items():
        per, diff = result["per_policy"], result["paired_difference"]
        lines.append(
            f"| `{learner}` | {cell(per['parent']['rebellions'], 1)} | {cell(per['enslaver']['rebellions'], 1)} | "
            f"{cell(diff['rebellions'], 1)} | {cell(diff['coop_human_ai'])} | {cell(diff['human_welfare'], 2)} | "
            f"{result['outcomes']['parent']['cooperative_succession']:.2f}, "
            f"{result['outcomes']['enslaver']['cooperative_succession']:.2f} |")
    return "\n".join(lines)


def study(replicates: int, seeds: int) -> str:
    started = time.perf_counter()
    results = {learner: compare_policies(load_scenario(SCENARIO, learning=learner), ("parent", "enslaver"),
                                         replicates) for learner in LEARNERS}
    measured = adaptation(load_scenario(SCENARIO), seeds=seeds)
    elapsed = time.perf_counter() - started
    parts = [
        START,
        "## 5. Minds that learn on the job: a study",
        "",
        "*Generated by `docs/make_learning.py` "
        f"(`--replicates {replicates} --seeds {seeds}`, {elapsed:.0f} s on the machine that wrote it); "
        "rerun it after a change to the model.* Each AI keeps apart what it learned about its owner, about "
        "the public and about other AIs, and acts toward each by its own disposition (docs/ODD.md, 7.5 and "
        "7.7). The fourth learner, `frozen_imitation`, imitates until it reaches full capability (its "
        "deployment) and then never changes its dispositions: the language-model picture of the source text, "
        "beside `experience`, the learner that never stops.",
        "",
        partners_section(results, replicates),
        "",
        adaptation_section(measured),
        "",
        frozen_section(results, replicates),
        "",
        consequences_section(results, replicates),
        END,
    ]
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=10, help="paired seeds per learner (default: 10)")
    parser.add_argument("--seeds", type=int, default=5, help="runs per learner for the half-lives (default: 5)")
    parser.add_argument("--out", type=Path, default=PAGE, help="the page to write (default: docs/learning.md)")
    args = parser.parse_args()
    page = PAGE.read_text()
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(page):
        raise SystemExit(f"{PAGE} has no {START} ... {END} section to rewrite")
    started = time.perf_counter()
    text = pattern.sub(lambda _: study(args.replicates, args.seeds), page)
    args.out.write_text(text)
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
