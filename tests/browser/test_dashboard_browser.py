"""The served dashboard in Chromium: offline, Step, Reset, scenarios, compare, separate sessions."""

from __future__ import annotations

import re
import time
from urllib.parse import urlparse

import pytest
from IPython.display import display
from playwright.sync_api import expect

from succession_sim import load_scenario, scenario_library
from viz.components.download import DownloadButtonWidget
from viz.panels import PANELS
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
        expect(page.locator(".network-view canvas")).to_be_visible()
        expect(page.locator(".timeseries-view .u-title")).to_have_count(len(PANELS))  # uPlot, served from here
        page.wait_for_load_state("networkidle")
    finally:
        page.unroute("**/*")
        page.remove_listener("response", on_response)
    assert attempted == [], f"requests left the machine: {attempted}"
    assert failed == [], f"local requests failed: {failed}"
    assert any("/static/" in url or "/_solara/" in url for url in local)  # the front-end came from here


def test_step_advances_the_year_shown_and_the_drawings(new_page):
    page = new_page()
    for _ in range(3):
        page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator(".year-display")).to_have_text("Year 3 of 150")
    # both drawings say which year they drew, once the browser has drawn it
    expect(page.locator(".timeseries-view [data-drawn-year]")).to_have_attribute("data-drawn-year", "3")
    expect(page.locator(".network-view [data-drawn-year]")).to_have_attribute("data-drawn-year", "3")


def test_charts_keep_titles_axis_labels_and_legends(new_page):
    page = new_page()
    charts = page.locator(".timeseries-view")
    for panel in PANELS:
        box = charts.locator(".succession-panel").filter(has=page.locator(".u-title", has_text=panel.title))
        expect(box).to_have_count(1)
        for series in panel.series:
            expect(box.locator(".u-legend")).to_contain_text(series.label)
        expect(box.locator(".u-label").first).to_be_attached()
    legend = page.locator(".network-view .legend")
    for words in ("faction: parent", "AI to the faction that holds it", "contact between two AIs"):
        expect(legend).to_contain_text(words)


def test_projector_mode_enlarges_chart_legends_and_is_set_by_the_link(new_page):
    page = new_page()
    legend = page.locator(".timeseries-view .u-legend").first

    def font_px() -> float:
        return float(legend.evaluate("e => getComputedStyle(e).fontSize").rstrip("px"))

    normal = font_px()
    assert normal >= 12  # readable without projector mode
    page.locator(".projector-switch input").check()
    expect(page.locator(".timeseries-view .succession-charts")).to_have_class(re.compile("projector"))
    assert font_px() >= 1.4 * normal
    linked = new_page("?projector=1")
    expect(linked.locator(".timeseries-view .succession-charts")).to_have_class(re.compile("projector"))
    expect(linked.locator(".network-view .succession-network")).to_have_class(re.compile("projector"))


def test_a_bad_link_says_why_at_the_top(new_page):
    page = new_page("?bogus=1")
    error = page.locator(".link-error")
    expect(error).to_contain_text("Link not applied: unknown key 'bogus'")
    top = page.locator(".controls").bounding_box()["y"]
    assert error.bounding_box()["y"] - top < 80  # above the scenario picker, not under the parameters


def test_solara_badge_does_not_cover_the_charts_at_1440_by_900(browser, dashboard_url):
    """Solara's badge floats over the window's bottom-right corner, on the last chart, unless the page hides it."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(dashboard_url)
        page.locator(".timeseries-view .u-title").first.wait_for()
        badge = page.get_by_text("This website runs on")
        expect(badge).to_have_count(1)  # Solara still puts it in the page ...
        expect(badge).to_be_hidden()  # ... and the page's style hides it
    finally:
        context.close()


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


@pytest.mark.parametrize("width, height", [(1024, 768), (1280, 800), (1920, 1080)])
def test_projector_mode_is_readable_from_the_back_row(browser, dashboard_url, monkeypatch, tmp_path, width, height):
    """At each projector resolution, in every view: Step, Play and Reset on screen without
    scrolling, no text cut off, and every text that carries a number at least 18 px (on the
    canvases too). Fails, for example, if the controls column goes back below the scenario
    description (Play's top was at y = 842 at 1280x800) or the premise panel back to 12 px."""
    from succession_sim.classboard import ClassBoard
    from viz.app import PROJECTOR_MIN_PX
    from viz.classroom import CLASS_DB_ENV, CLASS_ENV
    from viz.session import Session

    from .projector_checks import measure_page

    monkeypatch.setenv(CLASS_ENV, "Ethics 101")
    monkeypatch.setenv(CLASS_DB_ENV, str(tmp_path / "class.sqlite"))
    for student, extraction in (("Ada", 0.2), ("Bo", 0.8)):  # two finished runs that differ: a scatter to show
        run = Session()
        run.set_param("steps", 2)
        run.set_param("extraction", extraction)
        run.reset()
        run.step(), run.step()
        ClassBoard(tmp_path / "class.sqlite", "Ethics 101").submit(run.submission(student))
    ClassBoard(tmp_path / "class.sqlite", "Ethics 101").reveal(True)  # students see the class results once shown
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(dashboard_url + "?projector=1&steps=5")
    page.locator(".year-display").wait_for()
    page.get_by_role("button", name="Step", exact=True).click()  # a year with AIs and premise indicators
    shown = {"Run": ".premise-panel", "Compare": ".v-card", "Learn": ".lesson-race", "Class results": ".class-scatter"}
    for view, last_part in shown.items():
        page.get_by_role("button", name=view, exact=True).click()
        page.locator(last_part).first.wait_for()  # the view has drawn its results, not just its buttons
        page.wait_for_timeout(300)
        for name in ("Step", "Play", "Reset"):
            box = page.get_by_role("button", name=name, exact=True).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{name} is off screen in {view}: {box}"
            assert box["x"] + box["width"] <= width
        measured = measure_page(page, PROJECTOR_MIN_PX)
        assert measured["small"] == [], f"{view} at {width}x{height}"
        assert measured["clipped"] == [], f"{view} at {width}x{height}"
        assert measured["scrollWidth"] <= width, f"{view} scrolls sideways at {width}x{height}"
    context.close()


def test_hovering_shows_values_under_the_cursor_and_a_node_s_state(new_page):
    """Fails if the charts' legends stop following the cursor (uPlot's live legend) or the
    network stops describing the faction under the pointer."""
    page = new_page("?steps=40")
    for _ in range(30):
        page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator(".year-display")).to_have_text("Year 30 of 40")
    chart = page.locator(".succession-panel .u-over").first
    box = chart.bounding_box()
    chart.hover(position={"x": box["width"] * 0.25, "y": box["height"] / 2})  # about year 10 of 40
    year = page.locator(".succession-panel").first.locator(".u-legend .u-series").first.locator(".u-value")
    expect(year).to_have_text(re.compile(r"^(9|10|11)$"))
    from viz.layout import VIEW_LIMIT, faction_positions

    canvas = page.locator(".succession-network canvas")
    box = canvas.bounding_box()
    x, y = faction_positions(5)[0]  # F1, where network.js draws it
    canvas.hover(position={"x": box["width"] * (x + VIEW_LIMIT) / (2 * VIEW_LIMIT),
                           "y": box["height"] * (VIEW_LIMIT - y) / (2 * VIEW_LIMIT)})
    hover = page.locator(".network-hover")
    expect(hover).to_have_text(re.compile(r"^F1: faction: \w+, power \d+% of the most powerful$"))
