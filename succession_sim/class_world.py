"""A class plays one shared world: students are the factions, the instructor runs the room.

As in NetLogo's HubNet (Wilensky & Stroup), one server model is played by many clients:
each student joins with the room's code, takes a faction (students beyond the number of
factions share one), and each year may set three things for it:

* ``vote``: the faction's vote on the moratorium, ``comply`` or ``defect``, which replaces
  its compliance drawn from race pressure (``drawn`` hands the vote back to the pressure);
* ``treatment``: how it treats its AIs, a preset (``parent``, ``enslaver``, ``tutor``),
  which moves the faction to the preset's point;
* ``treatment_values``: some or all of the point's values (``treatment.ENTRIES``, each
  within ``treatment.RANGES``), set on top of the faction's point (after the preset, if
  both are chosen at once); its label becomes the preset nearest the point, as when the
  model's own factions copy and mutate points;
* ``research_share``: the share of its power it spends on research.

Choices enter the model only through the faction table's arrays that a plain run also
has (``moratorium_vote``, the point and its label, ``research_share``, see
``population.Factions``),
between two years: nothing in the model knows that students exist. What a faction did
not set stays as it was, in those arrays. The record of a world (its parameters and, year
by year, who chose what, in order) is enough to replay it: :func:`replay` builds the
ordinary model from the same parameters and applies the same choices before the same
years, so it gives the same numbers.
"""

from __future__ import annotations

import json
import math
import secrets
import threading
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from .classboard import _clean_name, lookalike, name_key
from .errors import UserError
from .mechanisms.treatment import ENTRIES, RANGES, Bundles, nearest_preset
from .population import Policy
from .scenario import Scenario, ScenarioError, load_scenario, parameter_specs

__all__ = ["VOTES", "TREATMENTS", "MAX_FACTIONS", "RECORD_FORMAT", "ClassWorldError", "Choice", "Student",
           "ClassWorld", "apply_choices", "replay", "record_to_json", "record_from_json", "check_choice",
           "faction_table", "store_on_board", "SHARED_WORLD_STUDENT"]

#: A faction's vote: comply (1) or defect (0) whatever its race pressure; drawn: the pressure decides.
VOTES = {"comply": 1.0, "defect": 0.0, "drawn": math.nan}
#: The treatment presets a faction can choose (the policies' bundles, ``mechanisms/treatment.py``).
TREATMENTS = tuple(policy.name.lower() for policy in Policy)
#: Most factions a world may have: the scenario's own bound on ``n_factions``.
MAX_FACTIONS = next(spec["high"] for spec in parameter_specs() if spec["name"] == "n_factions")
RECORD_FORMAT = "succession-sim class world 1"
#: Letters of join codes: no 0/O, 1/I/L, so a code read off a projector is typed right.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ROOM_CODE_LENGTH, STUDENT_CODE_LENGTH = 4, 5


class ClassWorldError(UserError):
    """A join, choice or host action the world refuses, with the reason."""


@dataclass(frozen=True)
class Choice:
    """What one student set for their faction; None: left as it was."""

    student: str
    faction: int
    vote: str | None = None
    treatment: str | None = None
    research_share: float | None = None
    treatment_values: dict[str, float] | None = None  # entry -> value, in the order of ENTRIES

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Student:
    name: str
    faction: int
    code: str


def check_choice(choice: Choice, n_factions: int) -> Choice:
    """The choice with clean values, or ClassWorldError naming the bad value and what is allowed."""
    if isinstance(choice.faction, bool) or not isinstance(choice.faction, int) or not 0 <= choice.faction < n_factions:
        raise ClassWorldError(f"faction={choice.faction!r} is not a faction of this world (0 to {n_factions - 1})")
    if choice.vote is not None and choice.vote not in VOTES:
        raise ClassWorldError(f"vote={choice.vote!r} is not allowed; choose one of {', '.join(VOTES)}")
    if choice.treatment is not None and choice.treatment not in TREATMENTS:
        raise ClassWorldError(f"treatment={choice.treatment!r} is not allowed; choose one of {', '.join(TREATMENTS)}")
    share = choice.research_share
    if share is not None:
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0.0 <= share <= 1.0:
            raise ClassWorldError(f"research_share={share!r} must be a number from 0 to 1")
        share = float(share)
    return Choice(str(choice.student), choice.faction, choice.vote, choice.treatment, share,
                  _check_treatment_values(choice.treatment_values))


def _check_treatment_values(values) -> dict[str, float] | None:
    """The values as floats in the order of ENTRIES (None if none), or ClassWorldError."""
    if values is None:
        return None
    if not isinstance(values, Mapping):
        raise ClassWorldError(f"treatment_values={values!r} must map treatment values to numbers "
                              f"({', '.join(ENTRIES)})")
    for entry, value in values.items():
        if entry not in RANGES:
            raise ClassWorldError(f"{entry!r} is not a treatment value; allowed: {', '.join(ENTRIES)}")
        low, high = RANGES[entry]
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise ClassWorldError(f"{entry}={value!r} must be a number from {low:g} to {high:g}")
    return {entry: float(values[entry]) for entry in ENTRIES if entry in values} or None


def apply_choices(model, choices: list[Choice]) -> None:
    """Set, in order, what each choice set in its faction's row of the model's faction table."""
    factions = model.factions
    for choice in choices:
        if choice.vote is not None:
            factions.moratorium_vote[choice.faction] = VOTES[choice.vote]
        if choice.treatment is not None or choice.treatment_values is not None:
            _set_treatment(model, choice.faction, choice.treatment, choice.treatment_values or {})
        if choice.research_share is not None:
            factions.research_share[choice.faction] = choice.research_share


def _set_treatment(model, faction: int, preset: str | None, values: dict[str, float]) -> None:
    """A faction takes up a treatment preset's point, if one is chosen, then sets the values
    chosen on top; its label is the preset nearest its point (a tie keeps the preset chosen,
    or the label it had). Its AIs come under the new point at once, as with the model's own
    policy changes. Not counted in ``policy_switches``."""
    f = model.factions
    policy = f.policy.copy()
    point = f.point.as_matrix()
    if preset is not None:
        policy[faction] = Policy[preset.upper()]
        point[faction] = model.bundles.take(policy[[faction]]).as_matrix()[0]
    for entry, value in values.items():
        point[faction, ENTRIES.index(entry)] = value
    new = Bundles.from_matrix(point)
    policy[faction] = nearest_preset(new.take([faction]), model.bundles, policy[[faction]])[0]
    f.hold(new, policy)


def _new_code(length: int, taken) -> str:
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(length))
        if code not in taken:
            return code


class ClassWorld:
    """One model played by a class; safe to use from many threads (one per browser session).

    Every change (a join, a choice, a step, a host setting) raises :attr:`version` and
    wakes :meth:`wait_for_change`, so each page can redraw when the world moved.
    """

    def __init__(self, scenario: str = "baseline", class_name: str = "", **overrides: Any):
        try:
            self.params = load_scenario(scenario, **overrides)
        except (ScenarioError, TypeError) as exc:
            raise ClassWorldError(f"cannot create the world: {exc}") from None
        self.scenario = scenario
        self.class_name = class_name
        self.room_code = _new_code(ROOM_CODE_LENGTH, ())
        self.students: dict[str, Student] = {}  # by code
        self.pending: list[Choice] = []  # for the coming year, in the order they were made
        self.years: list[dict[str, Any]] = []  # the record: what was applied before each year
        self.reveal = False  # students see the other factions' choices
        self.playing = False
        self.pace = 2.0  # seconds per year while playing
        self.when_all_chose = False  # step as soon as every faction with students has chosen
        self.stored = False
        self.version = 0
        self._changed = threading.Condition(threading.RLock())
        self.model = self._build_model()

    # --- the world's state ------------------------------------------------------------
    @property
    def year(self) -> int:
        return len(self.years)

    @property
    def n_factions(self) -> int:
        return self.params.n_factions

    @property
    def finished(self) -> bool:
        return self.year >= self.params.steps

    def members(self, faction: int) -> list[str]:
        return [s.name for s in self.students.values() if s.faction == faction]

    def chosen_factions(self) -> set[int]:
        """Factions with a choice for the coming year."""
        return {choice.faction for choice in self.pending}

    def everyone_has_chosen(self) -> bool:
        """Every faction with a student has made a choice for the coming year (and there is one)."""
        with self._changed:
            staffed = {s.faction for s in self.students.values()}
            return bool(staffed) and staffed <= self.chosen_factions()

    def settings(self, faction: int) -> dict[str, Any]:
        """What the faction's row holds now: vote, treatment (the preset nearest its point),
        research share and the point's values (the choices so far, and the model's own moves)."""
        f = self.model.factions
        vote = f.moratorium_vote[faction]
        point = f.point.as_matrix()[faction]
        return {"vote": "drawn" if math.isnan(vote) else ("comply" if vote == 1.0 else "defect"),
                "treatment": Policy(f.policy[faction]).name.lower(),
                "research_share": float(f.research_share[faction]),
                "treatment_values": dict(zip(ENTRIES, point.tolist(), strict=True))}

    def preset_values(self, treatment: str) -> dict[str, float]:
        """A treatment preset's point in this world's scenario."""
        row = self.model.bundles.as_matrix()[Policy[treatment.upper()]]
        return dict(zip(ENTRIES, row.tolist(), strict=True))

    # --- students -------------------------------------------------------------------
    def join(self, room_code: str, name: str, faction: int | None = None) -> Student:
        """A student joins with the room's code; takes ``faction`` or the one with fewest students.

        A name that a student of this world has (compared by ``classboard.name_key``), or that
        looks like one (``classboard.lookalike``), is refused."""
        with self._changed:
            if (room_code or "").strip().upper() != self.room_code:
                raise ClassWorldError("that room code is not this world's; ask the host for the code on the screen")
            try:
                name = _clean_name(name, "name")
            except UserError as exc:
                raise ClassWorldError(str(exc)) from None
            names = [s.name for s in self.students.values()]
            if any(name_key(other) == name_key(name) for other in names):
                raise ClassWorldError(f"{name!r} has joined already; rejoin with your own code, or pick another name")
            if lookalike(name, names):
                raise ClassWorldError(f"{name!r} looks like the name of a student already in this world; add an "
                                      "initial or write it another way, so the two can be told apart")
            if faction is None:
                faction = min(range(self.n_factions), key=lambda i: (len(self.members(i)), i))
            elif isinstance(faction, bool) or not isinstance(faction, int) or not 0 <= faction < self.n_factions:
                raise ClassWorldError(f"faction={faction!r} is not a faction of this world (0 to {self.n_factions - 1})")
            student = Student(name, faction, _new_code(STUDENT_CODE_LENGTH, self.students))
            self.students[student.code] = student
            self._touch()
            return student

    def student(self, code: str) -> Student:
        """The student with this personal code (to come back after a reload)."""
        student = self.students.get((code or "").strip().upper())
        if student is None:
            raise ClassWorldError("no student has that code in this world")
        return student

    def choose(self, code: str, vote: str | None = None, treatment: str | None = None,
               research_share: float | None = None, treatment_values: Mapping[str, float] | None = None) -> Choice:
        """The student's choice for their faction for the coming year (nothing set: "keep as it is";
        ``treatment_values``: some of the point's values, the others stay as they are)."""
        with self._changed:
            if self.finished:
                raise ClassWorldError(f"the world has reached its last year ({self.params.steps})")
            student = self.student(code)
            choice = check_choice(Choice(student.name, student.faction, vote, treatment, research_share,
                                         treatment_values), self.n_factions)
            self.pending.append(choice)
            self._touch()
            if self.when_all_chose and self.everyone_has_chosen():
                self.step()
            return choice

    # --- the host -------------------------------------------------------------------
    def add_faction(self) -> int:
        """One more faction, before the first year only, up to MAX_FACTIONS; its index."""
        with self._changed:
            if self.year:
                raise ClassWorldError("factions can be added only before the first year")
            if self.n_factions >= MAX_FACTIONS:
                raise ClassWorldError(f"the world has {self.n_factions} factions, the most allowed ({MAX_FACTIONS})")
            self.params = self.params.replace(n_factions=self.n_factions + 1)
            self.model = self._build_model()
            self.pending = []  # choices were for the world as it was
            self._touch()
            return self.n_factions - 1

    def set_host(self, **settings: Any) -> None:
        """Change what the host controls: reveal, playing, pace, when_all_chose."""
        with self._changed:
            for name, value in settings.items():
                if name not in ("reveal", "playing", "pace", "when_all_chose"):
                    raise ClassWorldError(f"{name!r} is not a host setting; allowed: reveal, playing, pace, "
                                          "when_all_chose")
                if name == "pace" and (isinstance(value, bool) or not isinstance(value, int | float)
                                       or not 0 < value <= 3600):
                    raise ClassWorldError(f"pace={value!r} must be seconds per year, above 0 and at most 3600")
                if name != "pace" and not isinstance(value, bool):
                    raise ClassWorldError(f"{name}={value!r} must be true or false")
                setattr(self, name, value)
            self._touch()

    def step(self) -> bool:
        """Apply the pending choices and run one year; False if the world has finished."""
        with self._changed:
            if self.finished:
                self.playing = False
                return False
            choices, self.pending = self.pending, []
            _advance(self.model, choices)
            self.years.append({"year": self.year + 1, "choices": [c.as_dict() for c in choices]})
            if self.finished:
                self.playing = False
            self._touch()
            return True

    def record(self) -> dict[str, Any]:
        """Everything needed to replay the world, and who chose what each year."""
        with self._changed:
            return {"format": RECORD_FORMAT, "class": self.class_name, "scenario": self.scenario,
                    "parameters": self.params.to_dict(),
                    "students": [{"name": s.name, "faction": s.faction} for s in self.students.values()],
                    "years": [dict(entry) for entry in self.years]}

    def locked(self):
        """Hold the world still (no step, choice or join) while reading it: ``with world.locked(): ...``."""
        return self._changed

    # --- waiting for the world to move ------------------------------------------------------
    def wait_for_change(self, seen: int, timeout: float) -> int:
        """Block until :attr:`version` differs from ``seen`` or ``timeout`` seconds pass; the version."""
        self.wait_for(lambda: self.version != seen, timeout)
        return self.version

    def wait_for(self, condition, timeout: float) -> bool:
        """Block until ``condition()`` holds (checked at every change) or ``timeout`` seconds pass."""
        with self._changed:
            return self._changed.wait_for(condition, timeout)

    def _touch(self) -> None:
        self.version += 1
        self._changed.notify_all()

    def _build_model(self):
        from .model import SuccessionModel

        return SuccessionModel(self.params)


def _advance(model, choices: list[Choice]) -> None:
    """One year of a class world: the year's choices, then the ordinary step."""
    apply_choices(model, choices)
    model.step()


def replay(record: dict[str, Any]):
    """The model of a recorded class world, rebuilt from its parameters and choices, year by year."""
    from .model import SuccessionModel

    if record.get("format") != RECORD_FORMAT:
        raise ClassWorldError(f"format={record.get('format')!r} is not a class-world record ({RECORD_FORMAT!r})")
    try:
        params = Scenario.from_dict(record["parameters"])
    except (ScenarioError, TypeError, KeyError) as exc:
        raise ClassWorldError(f"the record's parameters are not a valid scenario: {exc}") from None
    model = SuccessionModel(params)
    for number, entry in enumerate(record["years"], start=1):
        if entry.get("year") != number:
            raise ClassWorldError(f"year={entry.get('year')!r} out of order; expected {number}")
        try:
            choices = [check_choice(Choice(**c), params.n_factions) for c in entry["choices"]]
        except TypeError as exc:
            raise ClassWorldError(f"year {number}: a choice the record cannot hold ({exc})") from None
        _advance(model, choices)
    return model


def record_to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=1, sort_keys=True) + "\n"


def record_from_json(text: str) -> dict[str, Any]:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClassWorldError(f"not a class-world record: {exc}") from None
    if not isinstance(record, dict):
        raise ClassWorldError("not a class-world record: the JSON is not an object")
    return record


#: The name a shared world's run goes under on the class board (the students are in its record).
SHARED_WORLD_STUDENT = "Shared world"


def store_on_board(board, world: ClassWorld) -> bool:
    """Put the world's run on the class board: its outcome among the submissions (so Class
    results counts it) and its record, with who chose what; False if it was stored before."""
    from .classboard import submission_from_model

    with world.locked():
        if world.stored:
            return False
        board.submit(submission_from_model(world.model, SHARED_WORLD_STUDENT, world.scenario))
        board.store_world(world.record())
        world.stored = True
        world._touch()
        return True


def faction_table(model) -> dict[str, np.ndarray]:
    """Per faction: power, knowledge, AIs held now (contained or rebelling)."""
    f, ais = model.factions, model.ais
    held = np.bincount(ais.owner[ais.contained], minlength=len(f))
    return {"power": f.power.copy(), "knowledge": f.knowledge.copy(), "ais_held": held}
