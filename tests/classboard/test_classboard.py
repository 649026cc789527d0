"""The class board: validated submissions, nothing lost or duplicated under load."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from succession_sim import Scenario, SuccessionModel, load_scenario
from succession_sim.classboard import (
    CSV_COLUMNS,
    ClassBoard,
    Submission,
    SubmissionError,
    distinct_runs,
    submission_from_model,
    to_csv,
)
from succession_sim.metrics import OUTCOMES


@pytest.fixture(scope="module")
def finished_model():
    model = SuccessionModel(Scenario(steps=40, max_ais=100, seed=3))
    model.run()
    return model


def a_submission(student="Ada", **changes) -> Submission:
    base = Submission(student=student, parameters=Scenario(seed=5, policy="enslaver").to_dict(),
                      outcome="contained", succession_year=None, ai_power_share=0.2, coop_human_ai=0.4,
                      rebellions=3, steps=150, key=uuid.uuid4().hex, scenario="baseline")
    return dataclasses.replace(base, **changes)


def test_a_run_is_stored_and_read_back(tmp_path, finished_model):
    board = ClassBoard(tmp_path / "class.sqlite", "Ethics 101")
    submission = submission_from_model(finished_model, "Grace Hopper", "baseline")
    assert board.submit(submission)
    (row,) = board.submissions()
    summary = finished_model.summary()
    assert row["student"] == "Grace Hopper" and row["class"] == "Ethics 101"
    assert row["outcome"] == summary["outcome"] and row["seed"] == 3 and row["policy"] == "parent"
    assert row["parameters"] == finished_model.params.to_dict()
    # the model ran baseline with three changes; the seed has its own column
    assert row["scenario"] == "baseline" and row["changed"] == {"steps": 40, "max_ais": 100}
    assert row["horizon"] == 40 and row["steps"] == 40 and row["finished"] is True
    assert board.counts() == {"parent": {**dict.fromkeys(OUTCOMES, 0), summary["outcome"]: 1}}


def test_classes_do_not_see_each_other(tmp_path):
    a, b = ClassBoard(tmp_path / "db.sqlite", "Monday"), ClassBoard(tmp_path / "db.sqlite", "Tuesday")
    a.submit(a_submission())
    assert len(a.submissions()) == 1 and b.submissions() == []


def test_the_same_key_is_stored_once(tmp_path):
    board = ClassBoard(tmp_path / "db.sqlite", "c")
    submission = a_submission()
    assert board.submit(submission) is True
    assert board.submit(submission) is False
    assert len(board.submissions()) == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"student": ""}, "1 to 40 characters"),
        ({"student": "x" * 41}, "1 to 40 characters"),
        ({"student": "<script>alert(1)</script>"}, "letters, digits"),
        ({"student": 42}, "must be text"),
        ({"outcome": "utopia"}, "outcome='utopia'"),
        ({"ai_power_share": 1.5}, "ai_power_share=1.5"),
        ({"ai_power_share": float("nan")}, "ai_power_share=nan"),
        ({"coop_human_ai": -0.1}, "coop_human_ai=-0.1"),
        ({"rebellions": -1}, "rebellions=-1"),
        ({"rebellions": 2.5}, "rebellions=2.5"),
        ({"succession_year": 500}, "succession_year=500"),
        ({"parameters": {"alpha": 99.0}}, "alpha=99.0 is out of range"),
        ({"parameters": {"warp": 1}}, "unknown parameter 'warp'"),
        ({"parameters": "policy=parent"}, "must be a mapping"),
        ({"parameters": {"policy": "x" * 20_000}}, "larger than"),
        ({"key": "not-a-key"}, "32 hexadecimal"),
        ({"scenario": "atlantis"}, "scenario='atlantis' is not a scenario of the library"),
        ({"scenario": ""}, "scenario='' is not a scenario of the library"),
    ],
)
def test_malformed_submissions_are_rejected_and_nothing_is_stored(tmp_path, changes, message):
    board = ClassBoard(tmp_path / "db.sqlite", "c")
    with pytest.raises(SubmissionError, match=message.replace("(", r"\(").replace("[", r"\[")):
        board.submit(a_submission(**changes))
    assert board.submissions() == []


def test_bad_class_name_is_rejected(tmp_path):
    with pytest.raises(SubmissionError, match="class name"):
        ClassBoard(tmp_path / "db.sqlite", "drop table;")


def test_many_threads_submitting_at_once_lose_nothing(tmp_path):
    path = tmp_path / "db.sqlite"
    submissions = [a_submission(student=f"student {i}") for i in range(120)]
    retried = submissions[:30]  # a double click: the same submission twice

    def submit(s):
        return ClassBoard(path, "load").submit(s)

    with ThreadPoolExecutor(max_workers=16) as pool:
        stored = list(pool.map(submit, submissions + retried))
    assert sum(stored) == 120
    rows = ClassBoard(path, "load").submissions()
    assert sorted(r["student"] for r in rows) == sorted(s.student for s in submissions)


def test_opening_a_locked_database_waits_and_retries(tmp_path, monkeypatch):
    """SQLite refuses at once, without the busy timeout, a connection that opens a WAL file
    while another recovers it: the board retries instead of losing the submission."""
    from succession_sim import classboard

    board = ClassBoard(tmp_path / "db.sqlite", "locked")
    real, refusals = classboard._open, []

    def refuse_twice(path):
        if len(refusals) < 2:
            refusals.append(path)
            raise sqlite3.OperationalError("database is locked")
        return real(path)

    monkeypatch.setattr(classboard, "_open", refuse_twice)
    assert board.submit(a_submission())
    assert len(refusals) == 2 and len(board.submissions()) == 1

    def refuse(path):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(classboard, "_open", refuse)
    monkeypatch.setattr(classboard, "BUSY_SECONDS", 0.2)
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # not forever: the busy timeout bounds it
        board.submit(a_submission(student="Grace"))

    def broken(path):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(classboard, "_open", broken)
    monkeypatch.setattr(classboard, "BUSY_SECONDS", 30.0)
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):  # other errors are not retried
        board.submit(a_submission(student="Grace"))


def _submit_from_process(args):
    path, start = args
    board = ClassBoard(path, "processes")
    for i in range(start, start + 25):
        board.submit(a_submission(student=f"p{i}"))
    return 25


def test_many_processes_submitting_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "db.sqlite")
    context = multiprocessing.get_context("forkserver")  # no fork of this multi-threaded process
    context.set_forkserver_preload(["succession_sim.classboard"])
    with context.Pool(4) as pool:
        assert sum(pool.map(_submit_from_process, [(path, i * 25) for i in range(4)])) == 100
    rows = ClassBoard(path, "processes").submissions()
    assert len(rows) == 100 and len({r["student"] for r in rows}) == 100
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- what Class results shows ----------------------------------------------------------------

def run_of(student: str, seed: int = 5, year: int = 150, scenario: str = "baseline", **changes) -> Submission:
    parameters = load_scenario(scenario, seed=seed, **changes).to_dict()
    return a_submission(student=student, parameters=parameters, steps=year, scenario=scenario)


def test_the_scenario_and_what_the_student_changed_are_stored(tmp_path):
    board = ClassBoard(tmp_path / "db.sqlite", "c")
    board.submit(run_of("Ada", scenario="hostile_world", alpha=2.0, premise_power=False, seed=9))
    (row,) = board.submissions()
    assert row["scenario"] == "hostile_world" and row["seed"] == 9
    assert row["changed"] == {"alpha": 2.0, "premise_power": False}


def test_a_students_repeated_run_counts_once_and_unfinished_runs_are_left_out(tmp_path):
    board = ClassBoard(tmp_path / "db.sqlite", "c")
    submissions = [
        run_of("Ada", year=40),             # submitted mid-run ...
        run_of("Ada", year=150),            # ... and again when it finished: one run
        run_of("ada ", year=150),           # a second tab, the same name typed again
        run_of("Ada", seed=6, year=150),    # another seed: another run
        run_of("Bo", year=150),             # another student, same run: counts for Bo
        run_of("Cy", year=20),              # not finished
    ]
    for submission in submissions:
        assert board.submit(submission)
    rows = board.submissions()
    assert len(rows) == 6
    finished = distinct_runs(rows)
    # of equally far submissions of one run, the latest stands for it (here the second tab's)
    assert [(r["student"], r["seed"], r["steps"]) for r in finished] == [("ada", 5, 150), ("Ada", 6, 150),
                                                                         ("Bo", 5, 150)]
    every = distinct_runs(rows, finished_only=False)
    assert [(r["student"], r["steps"]) for r in every] == [("ada", 150), ("Ada", 150), ("Bo", 150), ("Cy", 20)]


def test_csv_export_has_one_line_per_run_with_the_scenario_changes_and_year(tmp_path):
    import csv
    import io

    board = ClassBoard(tmp_path / "db.sqlite", "c")
    board.submit(run_of("Ada", scenario="hostile_world", alpha=2.0, year=80))
    lines = list(csv.DictReader(io.StringIO(to_csv(board.submissions()))))
    assert list(lines[0]) == list(CSV_COLUMNS)
    (line,) = lines
    assert (line["student"], line["scenario"], line["changed"]) == ("Ada", "hostile_world", "alpha=2.0")
    assert (line["steps"], line["horizon"], line["finished"]) == ("80", "150", "False")
    assert line["succession_year"] == "" and line["outcome"] == "contained"


#: The table of the first class-board version (before scenario, changed and horizon).
OLD_SCHEMA = """
CREATE TABLE submissions (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, class TEXT NOT NULL, student TEXT NOT NULL,
    submitted_at TEXT NOT NULL, policy TEXT NOT NULL, seed INTEGER NOT NULL, steps INTEGER NOT NULL,
    outcome TEXT NOT NULL, succession_year INTEGER, ai_power_share REAL NOT NULL, coop_human_ai REAL,
    rebellions INTEGER NOT NULL, parameters TEXT NOT NULL
);
"""


def test_an_older_board_file_is_migrated_not_broken(tmp_path):
    import json

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
        db.execute("INSERT INTO submissions VALUES (1, ?, 'c', 'Ada', '2025-01-01T10:00:00+00:00', 'parent', 3, 150,"
                   " 'no_succession', NULL, 0.1, 0.5, 0, ?)", (uuid.uuid4().hex, json.dumps(Scenario(seed=3).to_dict())))
    board = ClassBoard(path, "c")
    (old,) = board.submissions()
    assert old["student"] == "Ada" and old["scenario"] == "" and old["changed"] is None
    assert old["horizon"] == 150 and old["finished"] is True  # the horizon is read from its parameters
    assert board.submit(run_of("Bo"))
    assert [r["student"] for r in ClassBoard(path, "c").submissions()] == ["Ada", "Bo"]
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(submissions)")}
    assert {"scenario", "changed", "horizon"} <= columns
