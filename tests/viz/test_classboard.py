"""The class board on the page: Submit my run, and the Class results view (only with a class set)."""

from __future__ import annotations

import dataclasses
import uuid

import ipyvuetify as v
import ipywidgets as widgets
import solara

from succession_sim.classboard import MAX_NAME, ClassBoard
from viz.app import Dashboard
from viz.classroom import CLASS_DB_ENV, CLASS_ENV, ClassSettings
from viz.session import Session

from .conftest import button, texts


def render(session: Session):
    return solara.render(Dashboard(session), handle_error=False)[1]


def host_session() -> Session:
    """The instructor's page (opened with the host key): it sees the names and the CSV."""
    session = Session()
    session.host = True
    return session


def submit_as(rc, name: str):
    rc.find(v.TextField, label="Your name").widget.v_model = name
    button(rc, "Submit my run").click()
    return rc.find(v.Alert, class_="my-1 submit-result").widget


def test_without_a_class_there_is_no_board(monkeypatch):
    monkeypatch.delenv(CLASS_ENV, raising=False)
    monkeypatch.delenv(CLASS_DB_ENV, raising=False)
    session = Session()
    rc = render(session)
    assert session.classroom is None
    rc.find(v.Btn, children=["Submit my run"]).assert_empty()
    rc.find(v.TextField, label="Your name").assert_empty()
    rc.find(v.Btn, children=["Class results"]).assert_empty()
    rc.close()


def test_the_class_is_read_when_a_page_opens_not_at_import(monkeypatch, class_board):
    assert Session().classroom == ClassSettings("Ethics 101", str(class_board[1]))
    monkeypatch.delenv(CLASS_ENV)
    assert Session().classroom is None


def test_submit_stores_the_run_once_under_the_typed_name(class_board):
    name, path = class_board
    session = Session()
    rc = render(session)
    for _ in range(3):
        button(rc, "Step").click()
    field = rc.find(v.TextField, label="Your name").widget
    assert field.counter == MAX_NAME and field.attributes["maxlength"] == str(MAX_NAME)
    note = submit_as(rc, "Ada Lovelace")
    assert note.type == "success" and "as Ada Lovelace" in note.text
    rows = ClassBoard(path, name).submissions()
    assert len(rows) == 1
    row = rows[0]
    assert row["student"] == "Ada Lovelace" and row["class"] == name
    assert row["steps"] == 3 and row["seed"] == session.model.params.seed
    assert row["parameters"] == session.model.params.to_dict()
    assert row["scenario"] == "baseline" and row["changed"] == {} and row["horizon"] == 150
    assert "year 3 of 150 (not finished" in note.text
    assert row["outcome"] == session.model.summary()["outcome"]
    button(rc, "Submit my run").click()  # a second click on the same run and year
    assert len(ClassBoard(path, name).submissions()) == 1
    assert rc.find(v.Alert, class_="my-1 submit-result").widget.type == "info"
    rc.close()


def test_a_bad_name_shows_the_reason_and_stores_nothing(class_board):
    name, path = class_board
    session = Session()
    rc = render(session)
    for bad, reason in (("<script>", "may use letters"), ("", "1 to 40 characters"),
                        ("x" * (MAX_NAME + 1), "1 to 40 characters")):
        note = submit_as(rc, bad)
        assert note.type == "error" and note.text.startswith("Not submitted") and reason in note.text
    assert ClassBoard(path, name).submissions() == []
    rc.close()


def finished_run(policy: str = "parent", years: int = 2, scenario: str = "baseline") -> Session:
    """A session whose run has reached its horizon (``years`` years)."""
    session = Session(scenario)
    session.set_param("policy", policy)
    session.set_param("steps", years)
    session.reset()
    for _ in range(years):
        session.step()
    assert session.finished
    return session


def switch(rc, label: str):
    found = rc.find(v.Switch, label=label)
    found.assert_single()
    return found.widget


def test_class_results_show_this_class_only_grouped_by_scenario(class_board):
    name, path = class_board
    ClassBoard(path, "Another class").submit(finished_run().submission("Zed"))  # same file, other class: not shown
    for student, policy, scenario in (("Ada", "parent", "baseline"), ("Bo", "enslaver", "hostile_world")):
        session = finished_run(policy, scenario=scenario)
        rc = render(session)
        assert submit_as(rc, student).type == "success"
        rc.close()

    session = host_session()
    rc = render(session)
    button(rc, "Class results").click()
    table = rc.find(v.Html, tag="table", class_="plain-table class-counts").widget
    cells = [[cell.children[0] for cell in row.children] for row in table.children]
    header, *groups, total = cells
    assert header[:2] == ["scenario", "policy"] and header[-1] == "total"
    assert [row[:2] for row in groups] == [["baseline", "parent"], ["hostile_world", "enslaver"]]
    assert all(row[-1] == "1" for row in groups)
    assert total[0] == "all" and total[-1] == "2"
    shown = texts(rc)
    assert "Ada" in shown and "Bo" in shown and "Zed" not in shown
    assert any("policy" in t for t in shown if t.startswith("Settings that differ"))
    assert rc.find(widgets.Image).widgets  # the scatter of choices

    # an unfinished run appears on Refresh only with the switch on
    ClassBoard(path, name).submit(Session().submission("Cy"))
    button(rc, "Refresh").click()
    assert "Cy" not in texts(rc)
    assert any("1 unfinished run hidden" in t for t in texts(rc))
    switch(rc, "Show unfinished runs too").v_model = True
    table = rc.find(v.Html, tag="table", class_="plain-table class-counts").widget
    assert table.children[-1].children[-1].children[0] == "3"
    assert "Cy" in texts(rc)
    rc.close()


def test_a_repeated_run_counts_once_and_the_csv_holds_what_is_shown(class_board):
    import csv
    import io

    from viz.components.download import DownloadButtonWidget

    name, path = class_board
    session = finished_run()
    for _ in range(2):  # the same run submitted from two tabs: two keys, one run
        ClassBoard(path, name).submit(dataclasses.replace(session.submission("Ada"), key=uuid.uuid4().hex))
    rc = render(host_session())
    button(rc, "Class results").click()
    assert "Showing 1 finished run from 2 submissions; 1 repeated submission of the same run counted once." \
        in texts(rc)
    download = rc.find(DownloadButtonWidget).widget
    assert download.filename == "Ethics_101_results.csv" and download.label == "Download these results (CSV)"
    lines = list(csv.DictReader(io.StringIO(download.make_data())))
    assert [(line["student"], line["scenario"], line["changed"], line["steps"], line["finished"]) for line in lines] \
        == [("Ada", "baseline", "steps=2", "2", "True")]
    rc.close()


def submit_two_runs(path, name, **second):
    """Ada's baseline run, and Bo's with the settings in ``second`` changed."""
    ClassBoard(path, name).submit(finished_run().submission("Ada"))
    other = Session()
    for parameter, value in {"steps": 2, **second}.items():
        other.set_param(parameter, value)
    other.reset()
    other.step(), other.step()
    ClassBoard(path, name).submit(other.submission("Bo"))


def axis_choice(rc, label: str) -> str:
    return rc.find(v.Select, label=label).widget.v_model


def test_the_scatter_starts_on_settings_that_differ_and_its_axes_can_be_chosen(class_board):
    """Fails if the scatter opens on human_trust against alpha when the runs differ in neither."""
    name, path = class_board
    submit_two_runs(path, name, extraction=0.9, oversight=3.0)
    session = host_session()
    rc = render(session)
    button(rc, "Class results").click()
    assert (axis_choice(rc, "Horizontal axis"), axis_choice(rc, "Vertical axis")) == ("extraction", "oversight") \
        or (axis_choice(rc, "Horizontal axis"), axis_choice(rc, "Vertical axis")) == ("oversight", "extraction")
    image = rc.find(widgets.Image).widget
    before = image.value
    rc.find(v.Select, label="Horizontal axis").widget.v_model = "human_trust"
    assert rc.find(widgets.Image).widget.value != before
    rc.close()


def test_the_scatter_says_when_there_is_nothing_to_plot(class_board):
    """Two runs that differ only in the policy: no numeric setting to put on an axis."""
    name, path = class_board
    submit_two_runs(path, name, policy="enslaver")
    rc = render(host_session())
    button(rc, "Class results").click()
    assert any(t.startswith("Nothing to plot") for t in texts(rc))
    rc.find(v.Select, label="Horizontal axis").assert_empty()
    assert not [w for w in rc.find(v.Html, tag="div").widgets if "class-scatter" in (w.class_ or "").split()]
    rc.close()


def test_scatter_axes_prefer_the_defaults_when_they_differ():
    from viz.components.classboard import SCATTER_DEFAULTS, scatter_axes

    def row(**parameters):
        return {"parameters": {"seed": 1, "human_trust": 0.5, "alpha": 0.1, "extraction": 0.3, **parameters}}

    assert scatter_axes([row(), row(seed=2)]) is None
    assert scatter_axes([row(), row(extraction=0.8, human_trust=0.9, alpha=0.2)]) == SCATTER_DEFAULTS
    assert scatter_axes([row(), row(extraction=0.8)])[0] == "extraction"
    assert scatter_axes([row(), row(extraction=0.8)])[1] != "extraction"


def test_projector_mode_shows_the_scatter_twice_as_wide(class_board):
    name, path = class_board
    submit_two_runs(path, name, extraction=0.9)

    def scatter_width(projector: bool) -> str:
        session = host_session()
        session.projector.value = projector
        rc = render(session)
        button(rc, "Class results").click()
        box = [w for w in rc.find(v.Html, tag="div").widgets if "class-scatter" in (w.class_ or "").split()]
        style = box[0].style_
        rc.close()
        return style

    assert "max-width:700px" in scatter_width(False)
    assert "max-width:1400px" in scatter_width(True)


def test_students_see_the_results_only_once_revealed_and_never_the_names(class_board):
    """Fails if a student's page shows the class results before the host reveals them, or
    ever shows the names, the CSV download or the clearing button."""
    name, path = class_board
    ClassBoard(path, name).submit(dataclasses.replace(host_session().submission("Ada"), steps=150))
    student = Session()
    rc = render(student)
    button(rc, "Class results").click()
    assert any("has not shown the class results" in text for text in texts(rc))
    rc.find(v.Btn, children=["Download these results (CSV)"]).assert_empty()
    ClassBoard(path, name).reveal(True)
    button(rc, "Refresh").click()
    shown = " ".join(texts(rc))
    assert "has not shown" not in shown and "Ada" not in shown
    rc.find(v.Btn, children=["Download these results (CSV)"]).assert_empty()
    rc.find(v.Btn, children=["Clear the board"]).assert_empty()
    rc.close()


def test_the_host_reveals_and_clears_from_the_page(class_board):
    name, path = class_board
    board = ClassBoard(path, name)
    board.submit(host_session().submission("Ada"))
    rc = render(host := host_session())
    button(rc, "Class results").click()
    rc.find(v.Switch, label="Show the class results to students").widget.v_model = True
    assert board.revealed()
    button(rc, "Clear the board").click()
    button(rc, "Delete every submission of this class").click()
    assert board.submissions() == [] and host.host
    rc.close()


def test_a_page_may_submit_only_so_often(class_board):
    """Fails without the per-page limit: a script could store thousands of rows a minute."""
    from viz.classroom import SUBMIT_LIMIT, SubmissionLimiter

    clock = [0.0]
    limiter = SubmissionLimiter(clock=lambda: clock[0])
    assert [limiter.wait_needed() for _ in range(SUBMIT_LIMIT)] == [0.0] * SUBMIT_LIMIT
    assert limiter.wait_needed() == 60.0
    clock[0] = 59.0
    assert limiter.wait_needed() == 1.0
    clock[0] = 60.0
    assert limiter.wait_needed() == 0.0
    session = Session()
    rc = render(session)
    notes = []
    for _ in range(SUBMIT_LIMIT + 1):
        button(rc, "Step").click()
        notes.append(submit_as(rc, "Ada"))
    assert notes[-1].type == "error" and "this page has sent 10 runs in the last 60 seconds" in notes[-1].text
    assert len(ClassBoard(class_board[1], class_board[0]).submissions()) == SUBMIT_LIMIT
    rc.close()


def test_the_host_key_in_the_link_makes_the_instructors_page(class_board, monkeypatch):
    """Fails if a page is the host's without the server's key, or with a wrong one."""
    from viz.host import HOST_KEY_ENV

    monkeypatch.setenv(HOST_KEY_ENV, "k" * 22)
    assert Session.from_link("host=" + "k" * 22).host
    wrong = Session.from_link("host=guess")
    assert not wrong.host and "the host key is not this server's" in wrong.link_error.value
    assert not Session.from_link("").host
    monkeypatch.delenv(HOST_KEY_ENV)
    assert not Session.from_link("host=").host  # no key on the server: nobody is the host


def test_after_too_many_wrong_host_keys_the_link_is_refused_too(class_board, monkeypatch, wrong_host_keys):
    """Fails if the ?host= link checks its key without the server's count of wrong keys: after
    ten wrong links the right one would still open the instructor's page, so links could guess."""
    from viz.host import HOST_KEY_ENV

    monkeypatch.setenv(HOST_KEY_ENV, "k" * 22)
    host = Session.from_link("host=" + "k" * 22)
    for _ in range(wrong_host_keys.limit):
        assert not Session.from_link("host=guess").host
    refused = Session.from_link("host=" + "k" * 22)
    assert not refused.host and "too many wrong host keys (10 within 60 seconds)" in refused.link_error.value
    assert host.host  # a page opened as the host's stays so
