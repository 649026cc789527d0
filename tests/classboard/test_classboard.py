"""The class board: validated submissions, nothing lost or duplicated under load."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from succession_sim import Scenario, SuccessionModel
from succession_sim.classboard import ClassBoard, Submission, SubmissionError, submission_from_model


@pytest.fixture(scope="module")
def finished_model():
    model = SuccessionModel(Scenario(steps=40, max_ais=100, seed=3))
    model.run()
    return model


def a_submission(student="Ada", **changes) -> Submission:
    base = Submission(student=student, parameters=Scenario(seed=5, policy="enslaver").to_dict(),
                      outcome="contained", succession_year=None, ai_power_share=0.2, coop_human_ai=0.4,
                      rebellions=3, steps=150, key=uuid.uuid4().hex)
    return dataclasses.replace(base, **changes)


def test_a_run_is_stored_and_read_back(tmp_path, finished_model):
    board = ClassBoard(tmp_path / "class.sqlite", "Ethics 101")
    submission = submission_from_model(finished_model, "Grace Hopper")
    assert board.submit(submission)
    (row,) = board.submissions()
    summary = finished_model.summary()
    assert row["student"] == "Grace Hopper" and row["class"] == "Ethics 101"
    assert row["outcome"] == summary["outcome"] and row["seed"] == 3 and row["policy"] == "parent"
    assert row["parameters"] == finished_model.params.to_dict()
    assert board.counts() == {"parent": {"no_succession": 0, "contained": 0, "cooperative_succession": 0,
                                         "conflictual_succession": 0, summary["outcome"]: 1}}


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
