"""The seminar kit in Chromium: a class board shared by student pages and the instructor's (the Learn view is checked
on the controls test's page, in test_dashboard_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from succession_sim.classboard import MAX_NAME, ClassBoard
from viz.classroom import CLASS_DB_ENV, CLASS_ENV
from viz.host import HOST_KEY_ENV

pytestmark = pytest.mark.browser

CLASS = "Ethics 101"
HOST_KEY = "the-instructors-key"


@pytest.fixture
def class_db(monkeypatch, tmp_path):
    """The test server runs in this process: pages opened from now on see a class board."""
    path = tmp_path / "class.sqlite"
    monkeypatch.setenv(CLASS_ENV, CLASS)
    monkeypatch.setenv(CLASS_DB_ENV, str(path))
    monkeypatch.setenv(HOST_KEY_ENV, HOST_KEY)
    return path


def step(page, years: int, horizon: int = 150) -> None:
    for _ in range(years):
        page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator(".year-display")).to_have_text(f"Year {years} of {horizon}")


def submit(page, name: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Submit my run", exact=True).click()
    expect(page.locator(".submit-result")).to_contain_text(f"as {name}")


def test_students_submit_and_the_instructor_sees_finished_runs_by_scenario(new_page, class_db):
    """Three student pages, then the instructor's (each opening a page costs seconds of CPU).
    Fails when:
    1. the name field takes more than MAX_NAME characters, or a name with markup is stored
       or not refused;
    2. a submission is not stored, or not confirmed under its student's name;
    3. a student sees the class results before the instructor shows them;
    4. the instructor's view does not count the same run from two tabs once, shows an
       unfinished run by default, does not count by scenario, or leaves out the scatter;
    5. "Show unfinished runs too" does not add the unfinished run, or the CSV download
       misses its header or a student."""
    # three-year runs, so that they finish; Ada submits the same run from two tabs
    ada = new_page("?steps=3")
    field = ada.get_by_label("Your name")  # 1. the name field
    field.fill("x" * (MAX_NAME + 20))
    assert len(field.input_value()) == MAX_NAME
    field.fill("<b>Eve</b>")
    ada.get_by_role("button", name="Submit my run", exact=True).click()
    expect(ada.locator(".submit-result")).to_contain_text("Not submitted")
    assert ClassBoard(class_db, CLASS).submissions() == []

    step(ada, 3, horizon=3)  # 2. the submissions
    submit(ada, "Ada")
    ada_again = new_page("?steps=3")
    step(ada_again, 3, horizon=3)
    submit(ada_again, "Ada")
    bo = new_page("?scenario=hostile_world&steps=3")
    step(bo, 3, horizon=3)
    submit(bo, "Bo")
    bo.get_by_role("button", name="Reset", exact=True).click()  # Cy, on Bo's page: the same scenario, one year
    expect(bo.locator(".year-display")).to_have_text("Year 0 of 3")
    step(bo, 1, horizon=3)
    submit(bo, "Cy")

    bo.get_by_role("button", name="Class results", exact=True).click()  # 3. not shown to students yet
    expect(bo.locator(".main-view")).to_contain_text("The instructor has not shown the class results yet")
    instructor = new_page(f"?host={HOST_KEY}")  # 4. the instructor's view
    instructor.get_by_role("button", name="Class results", exact=True).click()
    expect(instructor.locator(".shown-runs")).to_have_text(
        "Showing 2 finished runs from 4 submissions; 1 repeated submission of the same run counted once; "
        "1 unfinished run hidden.")
    counts = instructor.locator(".class-counts")
    expect(counts.locator("tr").nth(1)).to_contain_text("baseline")
    expect(counts.locator("tr").nth(2)).to_contain_text("hostile_world")
    expect(counts.locator("tr").last.locator("td").last).to_have_text("2")
    listing = instructor.locator(".submission-list")
    expect(listing).to_contain_text("Ada")
    expect(listing).to_contain_text("Bo")
    expect(listing).not_to_contain_text("Cy")
    expect(instructor.locator(".class-scatter img")).to_be_visible()

    instructor.get_by_label("Show unfinished runs too").click()  # 5. unfinished runs, the CSV
    expect(listing).to_contain_text("Cy")
    expect(counts.locator("tr").last.locator("td").last).to_have_text("3")
    with instructor.expect_download() as download:
        instructor.get_by_role("button", name="Download these results (CSV)").click()
    assert download.value.suggested_filename == "Ethics_101_results.csv"
    lines = Path(download.value.path()).read_text().splitlines()
    assert lines[0].startswith("student,scenario,changed,policy,seed,steps,horizon,finished")
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["Ada", "Bo", "Cy"]
    rows = ClassBoard(class_db, CLASS).submissions()
    assert sorted((r["student"], r["scenario"], r["steps"]) for r in rows) == [
        ("Ada", "baseline", 3), ("Ada", "baseline", 3), ("Bo", "hostile_world", 3), ("Cy", "hostile_world", 1)]
