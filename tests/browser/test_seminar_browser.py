"""The seminar kit in Chromium: the Learn view's mini-run, and a class board shared by three browsers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from succession_sim.classboard import MAX_NAME, ClassBoard
from viz.classroom import CLASS_DB_ENV, CLASS_ENV

pytestmark = pytest.mark.browser

CLASS = "Ethics 101"


@pytest.fixture
def class_db(monkeypatch, tmp_path):
    """The test server runs in this process: pages opened from now on see a class board."""
    path = tmp_path / "class.sqlite"
    monkeypatch.setenv(CLASS_ENV, CLASS)
    monkeypatch.setenv(CLASS_DB_ENV, str(path))
    return path


def step(page, years: int) -> None:
    for _ in range(years):
        page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator(".year-display")).to_have_text(f"Year {years} of 150")


def test_learn_view_runs_a_mini_run_and_opens_the_knockout(new_page):
    page = new_page()
    expect(page.locator(".submit-run")).to_have_count(0)  # no class set: no board
    page.get_by_role("button", name="Learn", exact=True).click()
    expect(page.locator(".lesson")).to_have_count(4)
    lesson = page.locator(".lesson-p2")
    lesson.get_by_role("button", name="Run this premise's mini-run").click()
    expect(lesson.locator(".mini-run img")).to_be_visible()
    expect(lesson.locator(".mini-run-words")).to_have_count(2)
    expect(lesson.locator(".mini-run-words").first).to_contain_text("With all four premises on")
    expect(lesson.locator(".mini-run-comparison")).not_to_be_empty()
    lesson.get_by_role("button", name="Open the knockout scenario").click()
    expect(page.locator(".run-settings")).to_contain_text("no_discovery")
    expect(page.locator(".year-display")).to_have_text("Year 0 of 150")


def test_two_students_submit_and_the_instructor_sees_both(new_page, class_db):
    ada, bo = new_page(), new_page()
    for page, name, years in ((ada, "Ada", 2), (bo, "Bo", 3)):
        step(page, years)
        page.get_by_label("Your name").fill(name)
        page.get_by_role("button", name="Submit my run", exact=True).click()
        expect(page.locator(".submit-result")).to_contain_text(f"as {name}")

    instructor = new_page()
    instructor.get_by_role("button", name="Class results", exact=True).click()
    counts = instructor.locator(".class-counts")
    expect(counts.locator("tr").last).to_contain_text("all")
    expect(counts.locator("tr").last.locator("td").last).to_have_text("2")
    listing = instructor.locator(".submission-list")
    expect(listing).to_contain_text("Ada")
    expect(listing).to_contain_text("Bo")
    expect(instructor.locator(".class-scatter img")).to_be_visible()
    rows = ClassBoard(class_db, CLASS).submissions()
    assert sorted((r["student"], r["steps"]) for r in rows) == [("Ada", 2), ("Bo", 3)]


def test_the_name_field_is_capped_and_a_bad_name_is_refused(new_page, class_db):
    page = new_page()
    field = page.get_by_label("Your name")
    field.fill("x" * (MAX_NAME + 20))
    assert len(field.input_value()) == MAX_NAME
    field.fill("<b>Eve</b>")
    page.get_by_role("button", name="Submit my run", exact=True).click()
    expect(page.locator(".submit-result")).to_contain_text("Not submitted")
    assert ClassBoard(class_db, CLASS).submissions() == []
