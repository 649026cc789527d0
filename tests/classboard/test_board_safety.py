"""The class board on a classroom network: names that look alike are one student or refused,
the CSV cannot carry a spreadsheet formula, and the host decides what students see (issue 21)."""

from __future__ import annotations

import csv
import io

import pytest

from succession_sim.classboard import ClassBoard, SubmissionError, distinct_runs, lookalike, name_key, spreadsheet_safe, to_csv
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


CYRILLIC_ALICE = "\u0410\u04cf\u0456\u0441\u0435"  # А ӏ і с е: Cyrillic letters only
GREEK_ABE = "\u0391\u0392\u0395"  # Α Β Ε: Greek capitals


def test_a_name_written_wholly_in_another_alphabet_that_looks_like_a_student_is_refused(board):
    """Fails if the board stores a lookalike as a new student (no skeleton check in submit):
    "Аӏісе" in Cyrillic letters only, or "ΑΒΕ" / "АВЕ" in Greek or Cyrillic capitals, would each
    pass the one-alphabet rule and show as another "Alice" or "ABE"."""
    for name in ("Alice", "ABE"):
        board.submit(run_of(name))
    for name in (CYRILLIC_ALICE, GREEK_ABE, "\u0410\u0412\u0415"):
        with pytest.raises(SubmissionError, match=rf"student name '{name}' looks like the name of a student "
                                                  "already on the board; add an initial"):
            board.submit(run_of(name))
    assert [row["student"] for row in board.submissions()] == ["Alice", "ABE"]


def test_lookalikes_are_compared_as_written_in_lower_case_and_in_capitals():
    """Fails if any of the three forms is left out of lookalike(): "AI" (capital i) looks like
    "Al" only as written, the Cyrillic "Аӏісе" like "alice" only in lower case, the Greek "ΑΒΕ"
    like "abe" only in capitals (the board takes "abe" and "ABE" for one student)."""
    assert lookalike("AI", ["Al"]) and lookalike(CYRILLIC_ALICE, ["alice"]) and lookalike(GREEK_ABE, ["abe"])
    assert lookalike("Bob1", ["Bobl"]) and lookalike("rnia", ["Mia"])  # 1 looks like l, rn like m


def test_names_in_other_alphabets_that_look_like_no_student_are_accepted(board):
    """Fails if a name is refused for its alphabet rather than for looking like a name on the board
    (e.g. refusing any letter that has a Latin lookalike: the Cyrillic "В" in "Иван" looks like B)."""
    for name in ("Alice", "Ivan", "Dimitris", "Li Lei", "Ian"):
        board.submit(run_of(name))
    for name in ("\u0418\u0432\u0430\u043d", "\u0394\u03b7\u03bc\u03ae\u03c4\u03c1\u03b7\u03c2",
                 "\u674e\u96f7", "Ivana", "alice", "\uff21lice", "IAN"):  # Иван, Δημήτρης, 李雷
        assert board.submit(run_of(name))
    assert len(board.submissions()) == 12


def test_a_student_already_on_the_board_is_nobody_s_lookalike():
    """Fails if lookalike() does not first ask whether the name is on the board already: on a
    board from before this check, holding both "Ian" and "lan" (lower-case L), each of them could
    no longer submit, as each looks like the other."""
    assert not lookalike("Ian", ["Ian", "lan"]) and not lookalike("LAN", ["Ian", "lan"])
    assert lookalike("lan", ["Ian"]) and lookalike("Ian", ["lan"])


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
