"""The shared class world in Chromium: a host page and two student pages on one world (one student
chooses a preset, the other sets one value of its treatment)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from viz import shared_world
from viz.classroom import CLASS_DB_ENV, CLASS_ENV
from viz.host import HOST_KEY_ENV

pytestmark = pytest.mark.browser

KEY = "testhostkey"


@pytest.fixture
def class_server(monkeypatch, tmp_path, browser, dashboard_url):
    """The test server runs in this process: pages opened from now on belong to a class with a host key."""
    monkeypatch.setenv(CLASS_ENV, "Ethics 101")
    monkeypatch.setenv(CLASS_DB_ENV, str(tmp_path / "class.sqlite"))
    monkeypatch.setenv(HOST_KEY_ENV, KEY)
    contexts = []

    def open_page(path: str):
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(dashboard_url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
    world = shared_world.current_world()
    if world is not None:
        world.set_host(playing=False)


def test_two_students_and_the_host_see_the_new_year(class_server):
    host = class_server("/host")
    host.get_by_label("Host key").fill("wrong")
    host.get_by_role("button", name="Open").click()
    expect(host.get_by_text("That is not the host key.")).to_be_visible()
    host.get_by_label("Host key").fill(KEY)
    host.get_by_role("button", name="Open").click()
    host.get_by_role("button", name="Create a new world").click()
    expect(host.locator(".room-code")).to_contain_text("Room code: ")
    room = host.locator(".room-code").inner_text().split(": ")[1].strip()

    students = []
    for name in ("Ana", "Ben"):
        page = class_server("/room")
        page.get_by_label("Room code").fill(room)
        page.get_by_label("Your name").fill(name)
        page.get_by_role("button", name="Join").click()
        expect(page.locator(".student-line")).to_contain_text(name)
        students.append(page)
    expect(students[0].locator(".student-factions")).to_contain_text("hidden")  # not revealed yet

    ana = students[0]
    ana.locator(".treatment-choice").click()
    ana.locator(".v-overlay--active .v-list-item-title").get_by_text("enslaver", exact=True).click()
    ana.get_by_role("button", name="Send my choice").click()
    expect(ana.locator(".choice-message")).to_contain_text("treatment enslaver")
    expect(host.locator(".choice-summary")).to_contain_text("1 of 2 factions with students have chosen for year 1")

    ben = students[1]  # sets one value of his treatment with the keyboard on its slider
    ben.get_by_role("button", name="Adjust values").click()
    reciprocity = ben.get_by_role("slider").nth(1)
    reciprocity.focus()
    reciprocity.press("Home")
    ben.get_by_role("button", name="Send my choice").click()
    expect(ben.locator(".choice-message")).to_contain_text("reciprocity 0")
    expect(host.locator(".choice-summary")).to_contain_text("2 of 2 factions with students have chosen for year 1")

    host.locator(".host-step").click()
    for page in (host, *students):
        expect(page.locator(".class-year")).to_have_text("Year 1")
    expect(host.locator(".host-factions")).to_contain_text("enslaver")
    expect(host.locator(".host-factions")).to_contain_text("parent (answers in kind 0%)")
    record = shared_world.current_world().record()
    assert record["years"][0]["choices"] == [{"student": "Ana", "faction": 0, "treatment": "enslaver"},
                                             {"student": "Ben", "faction": 1, "treatment_values": {"reciprocity": 0.0}}]
