"""The class board on a classroom network: names that look alike are one student or refused,
the CSV cannot carry a spreadsheet formula, and the host decides what students see (issue 21)."""

from __future__ import annotations

import csv
import io

import pytest

from succession_sim.classboard import (ClassBoard, SubmissionError, distinct_runs, name_key, spreadsheet_safe,
                                       to_csv)
from tests.classboard.test_classboard import run_of


@pytest.fixture
def board(tmp_path):
    return ClassBoard(tmp_path / "c.sqlite", "Ethics 101")


def test_case_and_width_variants_are_one_student(board):
    """Fails if names are compared as typed: "alice" and a fullwidth "Ａlice" would be other students."""
    for name in ("Alice", "alice", "\uff21lice", "ALICE "):
        board.submit(run_of(name))
    rows = board.submissions()
    assert [row["student"] for row in rows] == ["Alice", "alice", "Alice", "ALICE"]  # NFKC, as typed otherwise
    assert len(distinct_runs(rows)) == 1
    assert name_key("\uff21LICE") == name_key("alice")


def test_a_name_mixing_alphabets_is_refused_one_alphabet_is_fine(board):
    """Fails if a Cyrillic 'А' in 'Аlice' passes: it would look like Alice on the board."""
    with pytest.raises(SubmissionError, match=r"mixes letters of different alphabets \(cyrillic, latin\)"):
        board.submit(run_of("\u0410lice"))
    assert board.submit(run_of("\u0410\u043d\u043d\u0430"))  # Анна, all Cyrillic
    assert board.submit(run_of("José"))
    assert [row["student"] for row in board.submissions()] == ["\u0410\u043d\u043d\u0430", "José"]


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(board):
    """Fails if a name like -1-1 or =1+1 lands in the CSV as it is (a formula in a spreadsheet)."""
    for name in ("-1-1", "Bo"):  # a name may hold "-", not = + @
        board.submit(run_of(name))
    cells = [row["student"] for row in csv.DictReader(io.StringIO(to_csv(board.submissions())))]
    assert cells == ["'-1-1", "Bo"]
    reader = csv.DictReader(io.StringIO(to_csv(board.submissions())))
    assert all(not value.startswith(("=", "+", "-", "@")) for row in reader for value in row.values())
    assert [spreadsheet_safe(c) for c in ("=1+1", "+1", "@SUM(A1)", "\tx", "a-b", -3, None)] == [
        "'=1+1", "'+1", "'@SUM(A1)", "'\tx", "a-b", -3, None]


def test_the_host_reveals_and_clears_the_class_only(tmp_path):
    """Fails if revealing or clearing one class touches another class in the same file."""
    ethics, physics = ClassBoard(tmp_path / "c.sqlite", "Ethics 101"), ClassBoard(tmp_path / "c.sqlite", "Physics")
    assert not ethics.revealed()
    ethics.reveal(True)
    assert ethics.revealed() and not physics.revealed()
    ethics.reveal(False)
    assert not ethics.revealed()
    ethics.submit(run_of("Ada"))
    physics.submit(run_of("Bo"))
    assert ethics.clear() == 1
    assert ethics.submissions() == [] and len(physics.submissions()) == 1
