"""Write docs/policies.md: who wins where, for every library scenario and the measures of ``policy_table.MEASURES``.

    uv run python docs/make_policies.py [--replicates R]

Every policy (parent, enslaver, tutor) runs on the same replicate seeds of each library
scenario (``compare_policies``, seeds spawned from root seed 0), and
``policy_table.winner`` names the best mean on each measure with its paired lead over
each other policy. Nothing in the page is typed by hand: every number comes from this
script.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from succession_sim import load_scenario  # noqa: E402
from succession_sim.experiments.compare import compare_policies, mean_interval  # noqa: E402
from succession_sim.experiments.policy_table import MEASURES, POLICIES, Win, winner  # noqa: E402
from succession_sim.scenario import scenario_library  # noqa: E402

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


def _row(win: Win) -> str:
    direction, label = MEASURES[win.measure]
    means = " / ".join(_number(win.means[p]) for p in POLICIES)
    if win.winner is None:
        return f"| {label} ({direction} is better) | no difference | {means} | - |"
    leads = "; ".join(
        f"{_number(lead.mean)} [{_number(lead.low)}, {_number(lead.high)}] over {lead.over} (n = {lead.n})"
        for lead in win.leads)
    verdict = f"**{win.winner}**" if win.clear else f"{win.winner} (not clear)"
    return f"| {label} ({direction} is better) | {verdict} | {means} | {leads} |"


def scenario_section(name: str, entry: dict, replicates: int,
                     overrides: dict | None = None) -> tuple[str, list[Win], list[dict]]:
    scenario = load_scenario(name, **(overrides or {}))
    runs = compare_policies(scenario, POLICIES, replicates, seed=ROOT_SEED)["runs"]
    wins = [winner(runs, measure) for measure in MEASURES]
    setting = ", ".join(f"`{k} = {v}`" for k, v in (overrides or {}).items())
    lines = [f"### `{name}`{' with ' + setting if setting else ''}", "", entry["title"] + ".", "",
             "| measure | winner | mean: parent / enslaver / tutor | winner's lead [95% interval] |",
             "|---|---|---|---|", *(_row(w) for w in wins), ""]
    return "\n".join(lines), wins, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=20)
    args = parser.parse_args()
    started = time.time()
    library = scenario_library()
    sections, clear_wins = [], {p: [] for p in POLICIES}
    for name, entry in library.items():
        mandate = load_scenario(name).mandate
        if mandate != "none":  # an authority imposes one policy: the others cannot be run here
            sections.append(f"### `{name}`\n\n{entry['title']}.\n\nLeft out: its authority imposes the "
                            f"{mandate} policy on every faction in most years, whatever policy a run starts "
                            "with, so the three policies cannot be compared on it.\n")
            continue
        text, wins, _ = scenario_section(name, entry, args.replicates)
        sections.append(text)
        for win in wins:
            if win.clear:
                clear_wins[win.winner].append((name, MEASURES[win.measure][1]))
        print(f"{name} done ({time.time() - started:.0f} s)", file=sys.stderr)
    variant_name, variant = RECIPROCATING_ENSLAVER
    variant_text, variant_wins, variant_runs = scenario_section(variant_name, library[variant_name], args.replicates,
                                                                variant)
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
"not clear". Cooperation is a run's mean over its last `outcome_window` years, human
welfare its final value, rebellions the run's total; succession is the share of runs in
which AIs came to hold more than half of all power, and the succession year is compared
only on the pairs in which both runs had one (a run without succession has no year).
The scenarios' own policy settings are replaced by each policy in turn (so in
`race_to_the_bottom` every faction starts with the same policy and there is no race to
win); everything else in each file stays.

## Summary

{chr(10).join(summary)}

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

{chr(10).join(sections)}"""
    OUT.write_text(page)
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
