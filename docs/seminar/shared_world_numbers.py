"""Replay a recorded class world and print what plan 4 quotes from it.

    uv run python docs/seminar/shared_world_numbers.py              # the rehearsal class (a few seconds)
    uv run python docs/seminar/shared_world_numbers.py --write      # and rewrite plan 4's rehearsal notes
    uv run python docs/seminar/shared_world_numbers.py --board ethics101.sqlite --class "Ethics 101"
                                                                    # your own class's last stored world

The record (``rehearsal_world.json`` by default, or the last world a class stored on its
class board) is replayed through the ordinary model from its seed and choices
(``succession_sim.class_world.replay``). Beside it the script runs the same world with
nobody's choices (the same seed, every faction's vote drawn from its race pressure, every
faction a parent at the scenario's research share): what the class changed is the
difference between the two.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from succession_sim import Scenario, SuccessionModel  # noqa: E402
from succession_sim.class_world import record_from_json, replay  # noqa: E402
from succession_sim.classboard import open_class_board  # noqa: E402
from succession_sim.population import Policy, Status  # noqa: E402

HERE = Path(__file__).resolve().parent
RECORD = HERE / "rehearsal_world.json"
PLAN = HERE / "plan4_shared_world.md"
START, END = "<!-- shared_world_numbers.py: start -->", "<!-- shared_world_numbers.py: end -->"
ROUNDS = ((1, 10), (11, 50), (51, None))


def _years_paused(model, first: int, last: int) -> int:
    pauses = model.dataframe()["pause"]
    return int(pauses.loc[first:last].sum())


def _summary_line(name: str, model) -> str:
    s = model.summary()
    year = "none" if s["succession_year"] is None else s["succession_year"]
    return (f"| {name} | {s['outcome']} | {year} | {s['ai_power_share']:.2f} | {s['rebellions']} | "
            f"{_years_paused(model, 1, model.params.steps)} | {s['human_welfare']:.2f} |")


def _faction_rows(record: dict, model) -> list[str]:
    f, ais = model.factions, model.ais
    members = Counter()
    names: dict[int, list[str]] = {}
    for student in record["students"]:
        members[student["faction"]] += 1
        names.setdefault(student["faction"], []).append(student["name"])
    human_power = f.power.sum()
    rows = []
    for i in range(len(f)):
        made = ais.maker == i
        rows.append(f"| {i + 1} | {', '.join(names.get(i, [])) or '-'} | {Policy(f.policy[i]).name.lower()} | "
                    f"{100 * f.research_share[i]:.0f}% | {f.power[i] / human_power:.2f} | {int(made.sum())} | "
                    f"{int((made & ais.contained).sum())} | {int((made & (ais.status == Status.FREE)).sum())} | "
                    f"{int((made & (ais.status == Status.SHUT_DOWN)).sum())} |")
    return rows


def _choice_counts(record: dict) -> list[str]:
    lines = []
    for first, last in ROUNDS:
        last = last or record["parameters"]["steps"]
        entries = [e for e in record["years"] if first <= e["year"] <= last]
        choices = [c for e in entries for c in e["choices"]]
        fields = Counter(k for c in choices for k in ("vote", "treatment", "research_share") if k in c)
        fields["treatment"] += sum("treatment_values" in c and "treatment" not in c for c in choices)  # values alone
        lines.append(f"| {first}-{last} | {len(choices)} | {fields['vote']} | {fields['treatment']} | "
                     f"{fields['research_share']} |")
    return lines


def numbers(record: dict) -> str:
    """The rehearsal notes, in Markdown."""
    played = replay(record)
    untouched = SuccessionModel(Scenario.from_dict(record["parameters"]))
    untouched.run(len(record["years"]))
    p = played.params
    rounds = " ".join(
        f"years {a}-{b or p.steps}: {_years_paused(played, a, b or p.steps)} paused with the class's votes, "
        f"{_years_paused(untouched, a, b or p.steps)} without them;" for a, b in ROUNDS)
    return "\n".join([
        f"Record: class {record['class']!r}, scenario `{record['scenario']}`, seed {p.seed}, {p.n_factions} "
        f"factions, {len(record['students'])} students, {len(record['years'])} years.",
        "",
        "| world | outcome | succession year | AI power share | rebellions | years paused | human welfare |",
        "|---|---|---|---|---|---|---|",
        _summary_line("as the class played it", played),
        _summary_line("same seed, nobody's choices", untouched),
        "",
        f"Moratorium, by round: {rounds.rstrip(';')}.",
        "",
        "Choices made, by round (a choice may set several things; a treatment is set by a preset, its "
        "values, or both):",
        "",
        "| years | choices | votes set | treatments set | research shares set |",
        "|---|---|---|---|---|",
        *_choice_counts(record),
        "",
        "The factions at the end of the class's world (share of the factions' power; AIs counted by the "
        "faction that made them):",
        "",
        "| faction | students | treatment | research | share of human power | AIs made | still held | free | shut down |",
        "|---|---|---|---|---|---|---|---|---|",
        *_faction_rows(record, played),
    ])


def _load(args) -> dict:
    if args.board:
        if not args.class_name:
            sys.exit("shared_world_numbers.py: --board needs --class NAME")
        worlds = open_class_board(args.board, args.class_name).worlds()
        if not worlds:
            sys.exit(f"shared_world_numbers.py: class {args.class_name!r} has stored no shared world in {args.board}")
        return worlds[-1]["record"]
    return record_from_json(Path(args.record).read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", default=str(RECORD), help="a class-world record (JSON); default: the rehearsal")
    parser.add_argument("--board", help="a class board file: replay the last world the class stored there")
    parser.add_argument("--class", dest="class_name", help="the class name on --board")
    parser.add_argument("--write", action="store_true", help=f"rewrite the rehearsal notes in {PLAN.name}")
    args = parser.parse_args(argv)
    text = numbers(_load(args))
    print(text)
    if args.write:
        plan = PLAN.read_text()
        new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: f"{START}\n{text}\n{END}", plan, flags=re.S)
        PLAN.write_text(new)
        print(f"rewrote the rehearsal notes in {PLAN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
