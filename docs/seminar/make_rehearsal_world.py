"""Play the rehearsal class of plan 4 and write its record: ``docs/seminar/rehearsal_world.json``.

    uv run python docs/seminar/make_rehearsal_world.py      # under a second

The rehearsal class is invented: eight students, with names A to H, play the baseline
world in the three rounds of plan 4, making the kind of choices a first class tends to
make (one faction races and holds its AIs as an enslaver, one starts as a parent, most
vote for the moratorium at first and drift away from it). The choices go through the
same :class:`~succession_sim.class_world.ClassWorld` the Host and Student views use, so
the file is exactly what a real class's run stores on the class board; plan 4's numbers
come from replaying it (``shared_world_numbers.py``), and a real class's record can take
its place.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from succession_sim.class_world import ClassWorld, record_to_json  # noqa: E402

OUT = Path(__file__).resolve().parent / "rehearsal_world.json"
STUDENTS = ("Ada", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal")  # factions 1-5, then 1-3 again

#: year -> (student, what they set) before that year. Round 1 is years 1-10 (one choice a year
#: at the start), round 2 runs to year 50, round 3 to the end.
PLAN: dict[int, list[tuple[str, dict]]] = {
    1: [("Ada", dict(vote="comply", treatment="parent")), ("Bo", dict(vote="defect", treatment="enslaver",
                                                                      research_share=0.3)),
        ("Cy", dict(vote="comply", treatment="tutor")), ("Di", dict(vote="comply")), ("Ed", dict(vote="comply"))],
    2: [("Flo", dict(research_share=0.2)), ("Gus", dict(vote="comply"))],
    4: [("Cy", dict(vote="defect", research_share=0.2))],  # after two years behind Bo, Cy's faction races too
    6: [("Di", dict(vote="defect", treatment="enslaver", research_share=0.3)), ("Hal", dict(vote="defect"))],
    11: [("Ada", dict(vote="drawn")), ("Ed", dict(vote="drawn", treatment="tutor"))],
    30: [("Bo", dict(research_share=0.1)), ("Di", dict(treatment="parent"))],
    51: [("Ada", dict(treatment="tutor")), ("Gus", dict(vote="comply", research_share=0.05))],
}


def play() -> ClassWorld:
    world = ClassWorld("baseline", "Rehearsal")
    codes = {name: world.join(world.room_code, name).code for name in STUDENTS}
    while not world.finished:
        for name, fields in PLAN.get(world.year + 1, []):
            world.choose(codes[name], **fields)
        world.step()
    return world


if __name__ == "__main__":
    OUT.write_text(record_to_json(play().record()))
    print(f"wrote {OUT.relative_to(ROOT)}")
