"""The class board as the dashboard uses it: which board, submitting a run, reading the results.

``succession-sim dashboard --class NAME --class-db FILE`` hands the board to the server
process in two environment variables. They are read when a page opens (each new
:class:`~viz.session.Session`), never at import, so without them no board control appears.
"""

from __future__ import annotations

import collections
import os
import re
import sqlite3
import time
from dataclasses import dataclass

from succession_sim.classboard import ClassBoard, Submission, SubmissionError, distinct_runs
from succession_sim.metrics import OUTCOMES
from succession_sim.scenario import parameter_specs

from .words import OUTCOME_NAMES

__all__ = ["CLASS_ENV", "CLASS_DB_ENV", "ClassSettings", "Outcome", "RecentEvents", "SubmissionLimiter", "submit", "revealed",
           "reveal", "clear", "load_submissions", "shown_runs",
           "count_rows", "csv_filename", "scenario_label", "numeric_parameters", "varying_parameters"]

CLASS_ENV = "SUCCESSION_SIM_CLASS"
CLASS_DB_ENV = "SUCCESSION_SIM_CLASS_DB"
#: The file ``succession-sim dashboard --class`` uses when no --class-db is given.
DEFAULT_DB = "succession-classes.sqlite"
#: Most submissions one page may send within SUBMIT_WINDOW seconds (a class submits a few
#: runs each; a script sending thousands would slow everyone's results page).
SUBMIT_LIMIT, SUBMIT_WINDOW = 10, 60.0

_BOARD_ERRORS = (sqlite3.Error, OSError)


@dataclass(frozen=True)
class ClassSettings:
    """The class this server collects runs for, and its SQLite file."""

    name: str
    db_path: str

    @classmethod
    def from_env(cls, environ=None) -> ClassSettings | None:
        """The class board named in the environment, or None when no class is set."""
        environ = os.environ if environ is None else environ
        name = environ.get(CLASS_ENV, "").strip()
        if not name:
            return None
        return cls(name, environ.get(CLASS_DB_ENV, "").strip() or DEFAULT_DB)

    def board(self) -> ClassBoard:
        return ClassBoard(self.db_path, self.name)


@dataclass(frozen=True)
class Outcome:
    """What the page says after an action: ``kind`` is success, info or error."""

    kind: str
    text: str


class RecentEvents:
    """Times of recent events, for a limit of ``limit`` events within any ``window`` seconds."""

    def __init__(self, limit: int, window: float, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._times: collections.deque[float] = collections.deque()

    def __len__(self) -> int:
        return len(self._times)

    def wait_needed(self) -> float:
        """0 if another event is within the limit now, else the seconds until one is."""
        now = self.clock()
        while self._times and now - self._times[0] >= self.window:
            self._times.popleft()
        return self.window - (now - self._times[0]) if len(self._times) >= self.limit else 0.0

    def note(self) -> None:
        self._times.append(self.clock())


class SubmissionLimiter(RecentEvents):
    """One page's submissions: at most ``limit`` within any ``window`` seconds."""

    def __init__(self, limit: int = SUBMIT_LIMIT, window: float = SUBMIT_WINDOW, clock=time.monotonic):
        super().__init__(limit, window, clock)

    def wait_needed(self) -> float:
        """0 if a submission may go now (and counts it), else the seconds until one may."""
        wait = super().wait_needed()
        if not wait:
            self.note()
        return wait


def submit(settings: ClassSettings, submission: Submission, limiter: SubmissionLimiter | None = None) -> Outcome:
    """Store one submission (validated by the board) unless the page's ``limiter`` says wait;
    say what happened in a sentence."""
    wait = limiter.wait_needed() if limiter is not None else 0.0
    if wait:
        return Outcome("error", f"Not submitted: this page has sent {limiter.limit} runs in the last "
                                f"{limiter.window:.0f} seconds; try again in {wait:.0f} seconds.")
    try:
        stored = settings.board().submit(submission)
    except SubmissionError as exc:
        return Outcome("error", f"Not submitted: {exc}.")
    except _BOARD_ERRORS as exc:
        return Outcome("error", f"Not submitted: the class board could not be written ({exc}).")
    student = " ".join(submission.student.split())
    if not stored:
        return Outcome("info", f"Already on the board: this run, at this year, from {student}.")
    outcome = OUTCOME_NAMES.get(submission.outcome, submission.outcome)
    horizon = submission.parameters["steps"]
    progress = "finished" if submission.steps >= horizon else "not finished: Class results shows finished runs"
    return Outcome("success", f"Submitted to {settings.name} as {student}: {submission.scenario}, policy "
                              f"{submission.parameters['policy']}, seed {submission.parameters['seed']}, "
                              f"year {submission.steps} of {horizon} ({progress}), outcome so far: {outcome}.")


def revealed(settings: ClassSettings) -> bool:
    """Whether the host shows the class results to the students (False if the board cannot be read)."""
    try:
        return settings.board().revealed()
    except _BOARD_ERRORS:
        return False


def reveal(settings: ClassSettings, shown: bool) -> Outcome:
    try:
        settings.board().reveal(shown)
    except _BOARD_ERRORS as exc:
        return Outcome("error", f"The class board could not be written ({exc}).")
    return Outcome("success", "Students now see the class results." if shown
                   else "The class results are hidden from students.")


def clear(settings: ClassSettings) -> Outcome:
    try:
        deleted = settings.board().clear()
    except _BOARD_ERRORS as exc:
        return Outcome("error", f"The class board could not be written ({exc}).")
    return Outcome("success", f"Cleared {_count(deleted, 'submission')} of {settings.name}.")


def load_submissions(settings: ClassSettings) -> tuple[list[dict], str]:
    """This class's submissions, and a problem in words if the board cannot be read."""
    try:
        return settings.board().submissions(), ""
    except (SubmissionError, *_BOARD_ERRORS) as exc:
        return [], f"The class board could not be read: {exc}"


def shown_runs(submissions: list[dict], show_all: bool) -> tuple[list[dict], str]:
    """The runs Class results shows (finished ones unless ``show_all``; a student's repeated
    run once), and a sentence saying what was left out."""
    every_run = distinct_runs(submissions, finished_only=False)
    runs = every_run if show_all else [row for row in every_run if row["finished"]]
    repeats, unfinished = len(submissions) - len(every_run), len(every_run) - len(runs)
    parts = [f"{_count(len(runs), 'run' if show_all else 'finished run')} from "
             f"{_count(len(submissions), 'submission')}"]
    if repeats:
        parts.append(f"{_count(repeats, 'repeated submission')} of the same run counted once")
    if unfinished:
        parts.append(f"{_count(unfinished, 'unfinished run')} hidden")
    return runs, "Showing " + "; ".join(parts) + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def csv_filename(class_name: str) -> str:
    """A file name for the class's results: 'Ethics_101_results.csv'."""
    return re.sub(r"[^\w-]+", "_", class_name).strip("_") + "_results.csv"


def scenario_label(row: dict) -> str:
    """The run's library scenario, or a note for rows from an older board file."""
    return row["scenario"] or "(not recorded)"


def count_rows(submissions: list[dict]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a table: runs by scenario and policy (rows) and outcome (columns), with totals."""
    table: dict[tuple[str, str], dict[str, int]] = {}
    for row in submissions:
        table.setdefault((scenario_label(row), row["policy"]), dict.fromkeys(OUTCOMES, 0))[row["outcome"]] += 1
    header = ["scenario", "policy", *(OUTCOME_NAMES[o] for o in OUTCOMES), "total"]
    rows = [[scenario, policy, *(str(counts[o]) for o in OUTCOMES), str(sum(counts.values()))]
            for (scenario, policy), counts in sorted(table.items())]
    totals = [sum(counts[o] for counts in table.values()) for o in OUTCOMES]
    rows.append(["all", "", *(str(n) for n in totals), str(sum(totals))])
    return header, rows


def numeric_parameters() -> list[str]:
    """Scenario parameters a scatter can put on an axis (numbers, not the seed)."""
    return [s["name"] for s in parameter_specs()
            if s["type"] in (int, float) and s["name"] != "seed"]


def varying_parameters(submissions: list[dict]) -> list[str]:
    """Parameters (other than the seed) whose values differ between submissions."""
    if not submissions:
        return []
    names = [name for name in submissions[0]["parameters"] if name != "seed"]
    return [name for name in names if len({repr(row["parameters"].get(name)) for row in submissions}) > 1]
