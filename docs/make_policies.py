"""Write docs/policies.md: who wins where, for every library scenario and the measures of ``policy_table.MEASURES``.

    uv run python docs/make_policies.py [--replicates R]

Every policy (parent, enslaver, tutor) runs on the same replicate seeds of each library
scenario (``compare_policies``, seeds spawned from root seed 0), and
``policy_table.winner`` names the best mean on each measure with its paired lead over
each other policy. For every clear win it then reruns the scenario with one bundle
entry at a time set equal across the three presets, and names the entries whose
equalising removes the win ("carried by"). Wins are also tested across the whole table
with Holm's correction. Nothing in the page is typed by hand: every number comes from
this script.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from succession_sim import load_scenario  # noqa: E402
from succession_sim.experiments.compare import compare_policies, mean_interval  # noqa: E402
from succession_sim.experiments.policy_table import MEASURES, POLICIES, Win, holm, winner  # noqa: E402
from succession_sim.mechanisms.treatment import ENTRIES, PRESET_PARAMETERS  # noqa: E402
from succession_sim.scenario import Scenario, scenario_library  # noqa: E402

OUT = Path(__file__).resolve().parent / "policies.md"
ROOT_SEED = 0

#: A region tried for an enslaver win on cooperation: containment holds and it reciprocates.
RECIPROCATING_ENSLAVER = ("strong_oversight", {"enslaver_reciprocity": 1.0, "extraction": 0.1})


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    value += 0.0  # no "-0"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def equalised(scenario: Scenario, entry: str) -> dict:
    """The overrides that set one bundle entry equal across the three presets, at the
    median of their values (the common value that moves the presets least in total)."""
    names = [PRESET_PARAMETERS[p][entry] for p in POLICIES]
    value = float(np.median([getattr(scenario, name) for name in names]))
    return {name: value for name in names}


def carried_by(scenario: Scenario, wins: list[Win], runs: list[dict], replicates: int) -> dict[str, list[str]]:
    """For each clear win (by measure), the entries whose equalising leaves it no longer a
    clear win of the same policy. An entry the presets already share carries nothing.
    Only the presets whose value moves are rerun: a policy run on its own never reads
    the other presets' values, so the others' runs (same seeds) are those in ``runs``."""
    clear = [w for w in wins if w.clear]
    carriers = {w.measure: [] for w in clear}
    if not clear:
        return carriers
    for entry in ENTRIES:
        overrides = equalised(scenario, entry)
        moved = [p for p in POLICIES if getattr(scenario, PRESET_PARAMETERS[p][entry]) != overrides[
            PRESET_PARAMETERS[p][entry]]]
        if not moved:
            continue
        rerun = compare_policies(scenario.replace(**overrides), moved, replicates, seed=ROOT_SEED)["runs"]
        runs_now = rerun + [r for r in runs if r["policy"] not in moved]
        for win in clear:
            again = winner(runs_now, win.measure)
            if not (again.clear and again.winner == win.winner):
                carriers[win.measure].append(entry)
    return carriers


def _carriers_text(entries: list[str]) -> str:
    return ", ".join(f"`{e}`" for e in entries) if entries else "no single entry"


def _row(win: Win, carriers: dict[str, list[str]], holm_clear: set[int]) -> str:
    direction, label = MEASURES[win.measure]
    means = " / ".join(_number(win.means[p]) for p in POLICIES)
    if win.winner is None:
        return f"| {label} ({direction} is better) | no difference | {means} | - | - |"
    leads = "; ".join(
        f"{_number(lead.mean)} [{_number(lead.low)}, {_number(lead.high)}] over {lead.over} (n = {lead.n})"
        for lead in win.leads)
    if not win.clear:
        verdict = f"{win.winner} (not clear)"
    elif id(win) in holm_clear:
        verdict = f"**{win.winner}**"
    else:
        verdict = f"{win.winner} (clear, not after Holm)"
    carried = _carriers_text(carriers[win.measure]) if win.clear else "-"
    return f"| {label} ({direction} is better) | {verdict} | {means} | {leads} | {carried} |"


def run_scenario(name: str, replicates: int, overrides: dict | None = None) -> dict:
    """The scenario's runs, its wins, and what carries each clear win."""
    scenario = load_scenario(name, **(overrides or {}))
    runs = compare_policies(scenario, POLICIES, replicates, seed=ROOT_SEED)["runs"]
    wins = [winner(runs, measure) for measure in MEASURES]
    return {"name": name, "overrides": overrides or {}, "runs": runs, "wins": wins,
            "carriers": carried_by(scenario, wins, runs, replicates)}


def scenario_section(result: dict, title: str, holm_clear: set[int]) -> str:
    setting = ", ".join(f"`{k} = {v}`" for k, v in result["overrides"].items())
    lines = [f"### `{result['name']}`{' with ' + setting if setting else ''}", "", title + ".", "",
             "| measure | winner | mean: parent / enslaver / tutor | winner's lead [95% interval] | carried by |",
             "|---|---|---|---|---|", *(_row(w, result["carriers"], holm_clear) for w in result["wins"]), ""]
    return "\n".join(lines)


def policy_paragraph(policy: str, results: list[dict], holm_clear: set[int]) -> str:
    """Whether a policy's clear wins survive when the presets are made equal elsewhere."""
    wins = [(r["name"], w, r["carriers"][w.measure]) for r in results for w in r["wins"]
            if w.clear and w.winner == policy]
    if not wins:
        return f"**{policy}** has no clear win."
    by_entry = {e: sum(1 for _, _, c in wins if e in c) for e in ENTRIES}
    alone = [(n, w) for n, w, c in wins if not c]
    carried = "; ".join(f"`{e}` carries {k}" for e, k in by_entry.items() if k) or "no single entry carries any"
    survivors = ", ".join(f"{MEASURES[w.measure][1]} in `{n}`" for n, w in alone)
    return (f"**{policy}** wins clearly {len(wins)} times ({sum(1 for _, w, _ in wins if id(w) in holm_clear)} "
            f"after Holm's correction). Setting one entry equal across the presets removes a win as follows: "
            f"{carried}. " + (f"{len(alone)} survive every single equalisation: {survivors}." if alone else
                               "None survives every single equalisation: each is carried by at least one entry."))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=20)
    args = parser.parse_args()
    started = time.time()
    library = scenario_library()
    sections, results, clear_wins = dict.fromkeys(library, ""), [], {p: [] for p in POLICIES}
    for name, entry in library.items():
        mandate = load_scenario(name).mandate
        if mandate != "none":  # an authority imposes one policy: the others cannot be run here
            sections[name] = (f"### `{name}`\n\n{entry['title']}.\n\nLeft out: its authority imposes the "
                              f"{mandate} policy on every faction in most years, whatever policy a run starts "
                              "with, so the three policies cannot be compared on it.\n")
            continue
        results.append(run_scenario(name, args.replicates))
        print(f"{name} done ({time.time() - started:.0f} s)", file=sys.stderr)
    # Holm across every win of the table (the library's scenarios): a win's p-value is the
    # largest of its two leads' p-values
    tested = [w for r in results for w in r["wins"] if w.winner is not None and w.p_value is not None]
    holm_clear = {id(w) for w, keep in zip(tested, holm([w.p_value for w in tested]), strict=True)
                  if keep and w.clear}
    for result in results:
        sections[result["name"]] = scenario_section(result, library[result["name"]]["title"], holm_clear)
        for win in result["wins"]:
            if win.clear:
                clear_wins[win.winner].append((result["name"], MEASURES[win.measure][1]))
    n_clear = sum(len(v) for v in clear_wins.values())
    variant_name, variant = RECIPROCATING_ENSLAVER
    variant_result = run_scenario(variant_name, args.replicates, variant)
    variant_text = scenario_section(variant_result, library[variant_name]["title"],
                                    {id(w) for w in variant_result["wins"] if w.clear})
    variant_wins, variant_runs = variant_result["wins"], variant_result["runs"]
    ai_coop = {w.measure: w for w in variant_wins}["coop_ai_to_human"]
    by_policy = {p: sorted((r for r in variant_runs if r["policy"] == p), key=lambda r: r["replicate"]) for p in POLICIES}
    over_parent = mean_interval([e["coop_ai_to_human"] - p["coop_ai_to_human"]
                                 for e, p in zip(by_policy["enslaver"], by_policy["parent"], strict=True)])

    summary = [f"* **{p}** wins clearly on: " + ("; ".join(f"{m} in `{n}`" for n, m in clear_wins[p]) or "nothing")
               for p in POLICIES]
    enslaver_on_cooperation = [n for n, m in clear_wins["enslaver"] if "cooperation" in m]
    every_policy = ("Each policy wins clearly somewhere." if all(clear_wins.values())
                    else "Not every policy wins clearly somewhere.")
    variant_numbers = (
        f"There the enslaver's AIs cooperate with humans at {_number(ai_coop.means['enslaver'])}, against "
        f"{_number(ai_coop.means['parent'])} under parents and {_number(ai_coop.means['tutor'])} under tutors "
        f"(winner: {ai_coop.winner}{'' if ai_coop.clear else ', not clear'}); the enslaver's lead over the parent is "
        f"{_number(over_parent['mean'])} [{_number(over_parent['low'])}, {_number(over_parent['high'])}] "
        f"(n = {over_parent['n']}).")
    page = f"""# Who wins where

Generated by `uv run python docs/make_policies.py` (every number below comes from that
script; {args.replicates} paired replicates per policy, seeds spawned from root seed
{ROOT_SEED}, {time.time() - started:.0f} s on the machine that wrote it).

For every library scenario the three policies run on the same replicate seeds, so the
difference between two policies is paired replicate by replicate. On each measure the
**winner** has the best mean; its **lead** over another policy is the mean paired
difference, oriented so that a positive lead favours the winner, with its 95%
t-interval and n, the number of pairs. A win is **clear** (the policy in bold) when the
interval of its lead over *both* other policies excludes 0; otherwise the table says
"not clear". With {len(tested)} wins tested across the library's table, a clear win
stays in bold only if it also survives **Holm's correction** for multiple comparisons
(Holm 1979, family-wise level 0.05; a win's p-value is the larger of its two leads'
two-sided paired t-test p-values, since it is clear only if both are);
{len(holm_clear)} of the {n_clear} clear wins do. The others read "clear, not after Holm".

**Carried by.** For each clear win the script reruns the scenario five more times, each
time with one bundle entry (extraction, reciprocity, autonomy cap, release threshold,
feedback, ODD 7.8) set equal across the three presets at the median of their values
(the common value that moves them least in total: extraction 0.2, reciprocity 1,
autonomy cap 0.5, release "never", feedback 0 at the defaults), same seeds. The column
names the entries whose equalising leaves the win no longer a clear win of the same
policy; "no single entry" means the win survives each equalisation.

Cooperation is a run's mean over its last `outcome_window` years, human
welfare its final value, rebellions the run's total; succession is the share of runs in
which AIs came to hold more than half of all power, and the succession year is compared
only on the pairs in which both runs had one (a run without succession has no year).
The scenarios' own policy settings are replaced by each policy in turn (so in
`race_to_the_bottom` every faction starts with the same policy and there is no race to
win); everything else in each file stays.

## Summary

{chr(10).join(summary)}

### What carries each policy's wins

{chr(10).join(policy_paragraph(p, results, holm_clear) + chr(10) for p in POLICIES)}
{every_policy} `tests/model/test_honesty.py` checks one win per
policy with 10 paired replicates: parent on AIs' cooperation in `baseline`, enslaver on
human welfare in `strong_oversight` (where the win goes away when oversight is lowered
to 2), tutor on AIs' cooperation in `human_ceiling`.

## Can enslavers win on cooperation?

{"Yes, in: " + ", ".join(enslaver_on_cooperation) + "." if enslaver_on_cooperation else
 "Not in the library. To earn its AIs' cooperation an enslaver has to answer their conduct "
 "(`enslaver_reciprocity`): at the default 0 it always defects toward its AIs, and the "
 "learners learn from how humans treat them (7.7 in the ODD). A region where it does "
 "reciprocate, takes little and containment holds is `strong_oversight` with "
 "`enslaver_reciprocity = 1` and `extraction = 0.1`, below."}
{variant_numbers} A reciprocating
enslaver can beat a parent here, but not a tutor: on this measure it differs from a
tutor only in what it extracts, in granting no autonomy and in paying no reward-model
bonus, and no rule lets extraction or withheld autonomy raise
an AI's cooperation. Extraction enters only hardship (7.6), autonomy only the meetings
with other AIs and freeing (7.5, 7.6), while the bonus adds to the tutor's AIs'
advantage of cooperating (7.7).

{variant_text}
## Every library scenario

{chr(10).join(sections.values())}"""
    OUT.write_text(page)
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
