"""The served dashboard in Chromium: offline, Step, Reset, scenarios, compare, separate sessions."""

from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest
from IPython.display import display
from playwright.sync_api import expect

from succession_sim import load_scenario, scenario_library
from viz.components.download import DownloadButtonWidget
from viz.session import active_play_loops

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def year_of(page) -> int:
    return int(page.locator(".year-display").inner_text().split()[1])


def test_app_loads_with_no_network(dashboard_url, page_session):
    """Every request the page makes goes to the local server; anything else is blocked and reported."""
    page = page_session
    attempted, failed, local = [], [], []

    def guard(route):
        url = route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            local.append(url)
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    def on_response(response):
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.route("**/*", guard)
    page.on("response", on_response)
    try:
        page.goto(dashboard_url)
        expect(page.locator(".year-display")).to_have_text(f"Year 0 of {load_scenario('baseline').steps}")
        expect(page.get_by_role("button", name="Step", exact=True)).to_be_visible()
        expect(page.locator(".network-view img")).to_be_visible()
        expect(page.locator(".timeseries-view img")).to_be_visible()
        page.wait_for_load_state("networkidle")
    finally:
        page.unroute("**/*")
        page.remove_listener("response", on_response)
    assert attempted == [], f"requests left the machine: {attempted}"
    assert failed == [], f"local requests failed: {failed}"
    assert any("/static/" in url or "/_solara/" in url for url in local)  # the front-end came from here


def test_step_advances_the_year_shown(new_page):
    page = new_page()
    before = page.locator(".timeseries-view img").get_attribute("src")
    for _ in range(3):
        page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator(".year-display")).to_have_text("Year 3 of 150")
    expect(page.locator(".timeseries-view img")).not_to_have_attribute("src", before)


def test_slider_then_reset_changes_the_model(new_page):
    page = new_page()
    expect(page.locator(".run-settings")).to_contain_text("5 factions")
    slider = page.locator(".parameter-slider").filter(has_text="n_factions")
    slider.get_by_role("slider").focus()
    page.keyboard.press("End")  # the slider's maximum: the classroom limit
    expect(slider).to_contain_text("= 20")
    expect(page.locator(".pending-changes")).to_contain_text("n_factions")
    expect(page.locator(".run-settings")).to_contain_text("5 factions")  # not before Reset
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(page.locator(".run-settings")).to_contain_text("20 factions")
    expect(page.locator(".network-view")).to_contain_text("20 factions (squares, F1-F20)")
    expect(page.locator(".year-display")).to_have_text("Year 0 of 150")


def test_bad_seed_shows_an_error_and_reset_survives(new_page):
    page = new_page()
    page.get_by_label("Seed").fill("twelve")
    expect(page.get_by_text("is not a whole number").first).to_be_visible()
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(page.locator(".reset-error")).to_contain_text("Not reset")
    page.get_by_role("button", name="Step", exact=True).click()  # the page still works
    expect(page.locator(".year-display")).to_have_text("Year 1 of 150")


def test_scenario_switch_shows_its_description(new_page):
    page = new_page()
    entry = scenario_library()["hostile_world"]
    page.locator(".v-select").filter(has_text="Scenario").click()
    page.locator(".v-overlay-container .v-list-item").get_by_text("hostile_world", exact=True).click()
    expect(page.locator(".scenario-title")).to_have_text(entry["title"])
    expect(page.locator(".scenario-description")).to_contain_text("start with little trust")
    expect(page.locator(".seminar-questions li").first).to_have_text(entry["questions"][0])
    expect(page.locator(".run-settings")).to_contain_text("hostile_world")


def test_compare_view_shows_both_policies(new_page):
    page = new_page("?steps=60")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.get_by_role("button", name="Run side by side").click()
    expect(page.locator(".policy-card-parent")).to_contain_text("policy: parent")
    expect(page.locator(".policy-card-enslaver")).to_contain_text("policy: enslaver")
    for card in (".policy-card-parent", ".policy-card-enslaver"):
        expect(page.locator(card).locator(".policy-outcome")).not_to_be_empty()


def test_two_browser_contexts_keep_separate_state(new_page):
    first, second = new_page(), new_page()
    for _ in range(2):
        first.get_by_role("button", name="Step", exact=True).click()
    expect(first.locator(".year-display")).to_have_text("Year 2 of 150")
    expect(second.locator(".year-display")).to_have_text("Year 0 of 150")
    second.get_by_role("button", name="Step", exact=True).click()
    expect(second.locator(".year-display")).to_have_text("Year 1 of 150")
    expect(first.locator(".year-display")).to_have_text("Year 2 of 150")


def test_play_then_pause_while_running(new_page):
    page = new_page()
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function("() => parseInt(document.querySelector('.year-display').innerText.split(' ')[1]) >= 3")
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    stopped = year_of(page)
    time.sleep(1.0)
    assert year_of(page) == stopped < 150


def test_closing_the_page_stops_its_play_loop(new_page):
    """The server runs in this process, so its count of running Play loops can be read directly."""
    page = new_page("?steps=500")
    assert active_play_loops() == 0
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function("() => parseInt(document.querySelector('.year-display').innerText.split(' ')[1]) >= 2")
    assert active_play_loops() == 1
    page.context.close()
    deadline = time.monotonic() + 20
    while active_play_loops() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert active_play_loops() == 0


def test_download_button_saves_a_file(solara_test, page_session):
    """The custom download button (Vuetify 3) hands the browser a file."""
    widget = DownloadButtonWidget(label="Get table", filename="table.csv", mime_type="text/csv",
                                  make_data=lambda: "step,value\n0,1\n")
    display(widget)
    button = page_session.get_by_role("button", name="Get table")
    with page_session.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "table.csv"
    with open(download.path()) as fh:
        assert fh.read() == "step,value\n0,1\n"
