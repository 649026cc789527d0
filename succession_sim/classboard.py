"""The class board: students submit their runs, the instructor sees everyone's outcomes.

Submissions are stored in a SQLite file (WAL journal, one transaction per submission,
a busy timeout), so many students submitting at once lose nothing. Each submission is
validated here, on the server, before it is stored: the scenario must be a valid
:class:`Scenario`, the outcome one of the outcome classes, every number finite and in
range, the student's name short plain text. A submission carries a key; sending the
same key twice stores it once, so a retried click never duplicates a run.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import UserError
from .metrics import OUTCOMES
from .scenario import POLICIES, Scenario, ScenarioError

__all__ = ["ClassBoard", "Submission", "SubmissionError", "submission_from_model", "MAX_NAME", "MAX_BYTES"]

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
"""


class SubmissionError(UserError):
    """A submission that is not stored, with the reason."""


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
    steps: int
    key: str = ""


def submission_from_model(model, student: str) -> Submission:
    """The submission for a model a student has run (its scenario, seed and outcome)."""
    summary = model.summary()
    return Submission(
        student=student, parameters=model.params.to_dict(), outcome=summary["outcome"],
        succession_year=summary["succession_year"], ai_power_share=summary["ai_power_share"],
        coop_human_ai=summary["coop_human_ai"], rebellions=summary["rebellions"], steps=summary["steps"],
        key=uuid.uuid4().hex,
    )


def _clean_name(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise SubmissionError(f"{what} must be text")
    value = " ".join(value.split())
    if not 1 <= len(value) <= MAX_NAME:
        raise SubmissionError(f"{what} must have 1 to {MAX_NAME} characters")
    if not _NAME.match(value):
        raise SubmissionError(f"{what} may use letters, digits, spaces and . , ' - only")
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
    )


class ClassBoard:
    """The submissions of one class, in a SQLite file shared by every browser session."""

    def __init__(self, path: str | Path, class_name: str):
        self.path = Path(path)
        self.class_name = _clean_name(class_name, "class name")
        with closing(self._connect()) as db, db:
            db.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA journal_mode = WAL")
        return db

    def submit(self, submission: Submission) -> bool:
        """Validate and store; returns False if this key was stored before (a retry)."""
        clean = validate(submission)
        policy = clean.parameters["policy"]
        if policy not in POLICIES:  # pragma: no cover - guaranteed by Scenario
            raise SubmissionError(f"policy {policy!r} unknown")
        row = (clean.key, self.class_name, clean.student, datetime.now(UTC).isoformat(timespec="seconds"), policy,
               clean.parameters["seed"], clean.steps, clean.outcome, clean.succession_year, clean.ai_power_share,
               clean.coop_human_ai, clean.rebellions, json.dumps(clean.parameters, sort_keys=True))
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            cursor = db.execute(
                "INSERT OR IGNORE INTO submissions (key, class, student, submitted_at, policy, seed, steps, outcome,"
                " succession_year, ai_power_share, coop_human_ai, rebellions, parameters)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            db.execute("COMMIT")
            return cursor.rowcount == 1

    def submissions(self) -> list[dict[str, Any]]:
        """Every submission of this class, oldest first, with its parameters decoded."""
        with closing(self._connect()) as db:
            db.row_factory = sqlite3.Row
            rows = db.execute("SELECT * FROM submissions WHERE class = ? ORDER BY id", (self.class_name,)).fetchall()
        return [{**dict(row), "parameters": json.loads(row["parameters"])} for row in rows]

    def counts(self) -> dict[str, dict[str, int]]:
        """Number of submissions by policy and outcome class."""
        table: dict[str, dict[str, int]] = {}
        for row in self.submissions():
            table.setdefault(row["policy"], dict.fromkeys(OUTCOMES, 0))[row["outcome"]] += 1
        return table
