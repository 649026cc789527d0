"""The served dashboard in Chromium: offline, Step, Reset, scenarios, compare, exports, the Learn view, separate
sessions, projector mode."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from succession_sim import scenario_library
from viz.layout import VIEW_LIMIT, faction_positions
from viz.panels import PANELS
from viz.session import Session, active_play_loops

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def year_of(page) -> int:
    return int(page.locator(".year-display").inner_text().split()[1])


def press_step(page, times: int) -> None:
    for _ in range(times):
        page.get_by_role("button", name="Step", exact=True).click()


class RequestGuard:
    """Lets a page's requests to this machine through; blocks and records any other, and records
    the local ones that fail."""

    def __init__(self):
        self.attempted, self.failed, self.local = [], [], []

    def _route(self, route):
        url = route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            self.local.append(url)
            route.continue_()
        else:
            self.attempted.append(url)
            route.abort()

    def _on_response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def install(self, page) -> None:
        page.route("**/*", self._route)
        page.on("response", self._on_response)

    def remove(self, page) -> None:
        page.unroute("**/*")
        page.remove_listener("response", self._on_response)


def test_the_page_loads_offline_draws_labelled_charts_that_follow_steps_and_cursor_exports_and_compares(new_page):
    """One page, in eight steps (each opening a page costs seconds of CPU). Each fails when:
    0. loading the page makes a request that leaves the machine, or a local request fails
       (e.g. uPlot or the front-end fetched from a CDN again), or the page does not draw
       its year, Step button, network and charts;
    1. the charts lose a panel's title, a series' legend entry or the axis labels, or the
       network its legend;
    2. Step stops advancing the year shown, or a drawing stops redrawing the new year;
    3. the charts' legends stop following the cursor (uPlot's live legend) or the network
       stops describing the faction under the pointer;
    4. the page stops hiding Solara's badge, which floats over the last chart at 1440x900;
    5. the projector switch stops marking the charts or enlarging their legends 1.4 times;
    6. the "Data (CSV)" export (a ``DownloadButtonWidget``) stops handing the browser a file,
       names it other than the run and year shown, or its bytes differ from the same run made
       in this process;
    7. the Compare view stops running both policies side by side and giving each an outcome."""
    guard = RequestGuard()  # 0. the page loads with every request kept on this machine
    page = new_page("?steps=40", before_load=guard.install)
    expect(page.locator(".year-display")).to_have_text("Year 0 of 40")
    expect(page.get_by_role("button", name="Step", exact=True)).to_be_visible()
    expect(page.locator(".network-view canvas")).to_be_visible()
    expect(page.locator(".timeseries-view .u-title")).to_have_count(len(PANELS))  # uPlot, served from here
    page.wait_for_load_state("networkidle")
    guard.remove(page)
    assert guard.attempted == [], f"requests left the machine: {guard.attempted}"
    assert guard.failed == [], f"local requests failed: {guard.failed}"
    assert any("/static/" in url or "/_solara/" in url for url in guard.local)  # the front-end came from here

    charts = page.locator(".timeseries-view")  # 1. every panel, series and axis labelled
    for panel in PANELS:
        box = charts.locator(".succession-panel").filter(has=page.locator(".u-title", has_text=panel.title))
        expect(box).to_have_count(1)
        for series in panel.series:
            expect(box.locator(".u-legend")).to_contain_text(series.label)
        expect(box.locator(".u-label").first).to_be_attached()
    legend = page.locator(".network-view .legend")
    for words in ("faction: parent", "AI to the faction that holds it", "contact between two AIs"):
        expect(legend).to_contain_text(words)

    press_step(page, 3)  # 2. the year shown, and both drawings say which year they drew, once drawn
    expect(page.locator(".year-display")).to_have_text("Year 3 of 40")
    expect(page.locator(".timeseries-view [data-drawn-year]")).to_have_attribute("data-drawn-year", "3")
    expect(page.locator(".network-view [data-drawn-year]")).to_have_attribute("data-drawn-year", "3")

    press_step(page, 27)  # 3. hovering, 30 years in
    expect(page.locator(".year-display")).to_have_text("Year 30 of 40")
    chart = page.locator(".succession-panel .u-over").first
    box = chart.bounding_box()
    chart.hover(position={"x": box["width"] * 0.25, "y": box["height"] / 2})  # about year 10 of 40
    year = page.locator(".succession-panel").first.locator(".u-legend .u-series").first.locator(".u-value")
    expect(year).to_have_text(re.compile(r"^(9|10|11)$"))
    canvas = page.locator(".succession-network canvas")
    box = canvas.bounding_box()
    x, y = faction_positions(5)[0]  # F1, where network.js draws it
    canvas.hover(position={"x": box["width"] * (x + VIEW_LIMIT) / (2 * VIEW_LIMIT),
                           "y": box["height"] * (VIEW_LIMIT - y) / (2 * VIEW_LIMIT)})
    hover = page.locator(".network-hover")
    expect(hover).to_have_text(re.compile(r"^F1: faction: \w+, power \d+% of the most powerful$"))

    page.set_viewport_size({"width": 1440, "height": 900})  # 4. Solara's badge
    badge = page.get_by_text("This website runs on")
    expect(badge).to_have_count(1)  # Solara still puts it in the page ...
    expect(badge).to_be_hidden()  # ... and the page's style hides it

    legend = page.locator(".timeseries-view .u-legend").first  # 5. projector mode, switched on

    def font_px() -> float:
        return float(legend.evaluate("e => getComputedStyle(e).fontSize").rstrip("px"))

    normal = font_px()
    assert normal >= 12  # readable without projector mode
    page.locator(".projector-switch input").check()
    expect(page.locator(".timeseries-view .succession-charts")).to_have_class(re.compile("projector"))
    assert font_px() >= 1.4 * normal

    run = Session()  # 6. the run's data as CSV, the same bytes as the same run made here
    run.set_param("steps", 40)
    run.reset()
    for _ in range(30):
        run.step()
    with page.expect_download() as download:
        page.get_by_role("button", name="Data (CSV)", exact=True).click()
    assert download.value.suggested_filename == f"succession-baseline-parent-seed{run.latest.params.seed}-year30.csv"
    assert Path(download.value.path()).read_bytes() == run.latest.frame.to_csv(index=False).encode("utf-8")

    page.get_by_role("button", name="Compare", exact=True).click()  # 7. both policies, side by side
    page.get_by_role("button", name="Run side by side").click()
    expect(page.locator(".policy-card-parent")).to_contain_text("policy: parent")
    expect(page.locator(".policy-card-enslaver")).to_contain_text("policy: enslaver")
    for card in (".policy-card-parent", ".policy-card-enslaver"):
        expect(page.locator(card).locator(".policy-outcome")).not_to_be_empty()


def test_a_bad_link_says_why_the_controls_change_the_model_at_reset_and_the_learn_view_runs_a_mini_run(new_page):
    """One page, opened by a link with an unknown key (links are strict: it opens on the
    baseline), the controls one after the other, then the Learn view. Each fails when:
    0. a link with an unknown key does not say so at the top, above the scenario picker;
    1. a slider changes the running model before Reset, or Reset does not apply it
       (the run settings, the network's legend and the year);
    2. a seed that is not a whole number is not flagged, Reset accepts it, or the page
       stops working after the refused Reset;
    3. choosing a scenario does not show its title, description and seminar questions, or
       does not start a run of it;
    4. with no class set, the page shows the class board; the Learn view loses a card (the
       four premises, the race, the drift and "does it notice?"), runs a premise's mini-run
       before a prediction is made, or does not show the mini-run's prediction, figure and
       words; or its knockout button does not open the knockout scenario."""
    page = new_page("?bogus=1")
    error = page.locator(".link-error")  # 0. the bad link
    expect(error).to_contain_text("Link not applied: unknown key 'bogus'")
    top = page.locator(".controls").bounding_box()["y"]
    assert error.bounding_box()["y"] - top < 80  # above the scenario picker, not under the parameters

    expect(page.locator(".run-settings")).to_contain_text("5 factions")  # 1. a slider, then Reset
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

    page.get_by_label("Seed").fill("twelve")  # 2. a bad seed
    expect(page.get_by_text("is not a whole number").first).to_be_visible()
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(page.locator(".reset-error")).to_contain_text("Not reset")
    page.get_by_role("button", name="Step", exact=True).click()  # the page still works
    expect(page.locator(".year-display")).to_have_text("Year 1 of 150")

    entry = scenario_library()["hostile_world"]  # 3. another scenario
    page.locator(".v-select").filter(has_text="Scenario").click()
    page.locator(".v-overlay-container .v-list-item").get_by_text("hostile_world", exact=True).click()
    expect(page.locator(".scenario-title")).to_have_text(entry["title"])
    expect(page.locator(".scenario-description")).to_contain_text("start with little trust")
    expect(page.locator(".seminar-questions li").first).to_have_text(entry["questions"][0])
    expect(page.locator(".run-settings")).to_contain_text("hostile_world")

    expect(page.locator(".submit-run")).to_have_count(0)  # 4. no class set: no board; the Learn view
    page.get_by_role("button", name="Learn", exact=True).click()
    expect(page.locator(".lesson")).to_have_count(7)  # the four premises, the race, the drift and "does it notice?"
    expect(page.locator(".lesson-race")).to_contain_text("Can parenting survive a race?")
    lesson = page.locator(".lesson-p2")
    expect(lesson.get_by_role("button", name="Run this premise's mini-run")).to_be_disabled()  # predict first
    lesson.locator(".prediction-choices input").first.check()
    lesson.get_by_role("button", name="Run this premise's mini-run").click()
    expect(lesson.locator(".prediction-mine")).to_contain_text("Your prediction:")
    expect(lesson.locator(".mini-run img")).to_be_visible()
    expect(lesson.locator(".mini-run-words")).to_have_count(2)
    expect(lesson.locator(".mini-run-words").first).to_contain_text("With all four premises on")
    expect(lesson.locator(".mini-run-comparison")).not_to_be_empty()
    lesson.get_by_role("button", name="Open the knockout scenario").click()
    expect(page.locator(".run-settings")).to_contain_text("no_discovery")
    expect(page.locator(".year-display")).to_have_text("Year 0 of 150")


def test_pause_stops_play_two_sessions_keep_separate_state_and_closing_the_page_stops_its_play_loop(new_page):
    """Play, Pause, a second session (another browser context) steps, Play again, close the
    page. The server runs in this process, so its count of running Play loops can be read
    directly. Fails when:
    1. Play does not start a loop, or Pause does not stop the years (with the horizon far
       off, so that a finished run does not pass for a paused one) or bring Play back;
    2. a new session does not start its own run (the baseline, year 0), or a Step or a Play
       in one session moves the other's year (e.g. one session object shared by all pages);
    3. closing a playing page leaves its loop running on the server."""
    page = new_page("?steps=500")
    assert active_play_loops() == 0

    page.get_by_role("button", name="Play", exact=True).click()  # 1. Play, then Pause
    page.wait_for_function("() => parseInt(document.querySelector('.year-display').innerText.split(' ')[1]) >= 3")
    assert active_play_loops() == 1
    page.get_by_role("button", name="Pause", exact=True).click()
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    stopped = year_of(page)
    time.sleep(1.0)  # long enough for Play to have moved on a year
    assert year_of(page) == stopped < 500

    second = new_page()  # 2. a second session: its own run; Step there, Play here
    expect(second.locator(".year-display")).to_have_text("Year 0 of 150")
    press_step(second, 1)
    expect(second.locator(".year-display")).to_have_text("Year 1 of 150")
    expect(page.locator(".year-display")).to_have_text(f"Year {stopped} of 500")
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_function(
        f"() => parseInt(document.querySelector('.year-display').innerText.split(' ')[1]) >= {stopped + 2}")
    expect(second.locator(".year-display")).to_have_text("Year 1 of 150")

    assert active_play_loops() == 1  # 3. close the playing page
    page.context.close()
    deadline = time.monotonic() + 20
    while active_play_loops() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert active_play_loops() == 0


#: The projector resolutions one page is resized to in turn (it opens at the first); each view is
#: drawn anew when its button is clicked, at the size of the moment.
PROJECTOR_SCREENS = [(1024, 768), (1280, 800), (1920, 1080)]


def test_the_projector_link_is_readable_from_the_back_row_at_every_resolution(browser, dashboard_url, monkeypatch,
                                                                               tmp_path):
    """One ``?projector=1`` page, resized to each projector resolution. Fails when:
    1. the link does not put the charts and the network in projector mode;
    2. at some resolution, in some view, Step, Play or Reset is off screen without scrolling,
       a text is cut off, the page scrolls sideways, or a text that carries a number
       (on the canvases too) is under 18 px: for example if the controls column goes back
       below the scenario description (Play's top was at y = 842 at 1280x800) or the
       premise panel back to 12 px."""
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
    width, height = PROJECTOR_SCREENS[0]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.goto(dashboard_url + "?projector=1&steps=5")
        page.locator(".year-display").wait_for()
        expect(page.locator(".timeseries-view .succession-charts")).to_have_class(re.compile("projector"))  # 1.
        expect(page.locator(".network-view .succession-network")).to_have_class(re.compile("projector"))
        page.get_by_role("button", name="Step", exact=True).click()  # a year with AIs and premise indicators

        shown = {"Run": ".premise-panel", "Compare": ".v-card", "Learn": ".lesson-race", "Class results": ".class-scatter"}
        for width, height in PROJECTOR_SCREENS:  # 2.
            screen = f"at {width}x{height}"
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_function("([w, h]) => window.innerWidth === w && window.innerHeight === h", arg=[width, height])
            for view, last_part in shown.items():
                page.get_by_role("button", name=view, exact=True).click()
                page.locator(last_part).first.wait_for()  # the view has drawn its results, not just its buttons
                page.wait_for_timeout(300)
                for name in ("Step", "Play", "Reset"):
                    box = page.get_by_role("button", name=name, exact=True).bounding_box()
                    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{name} is off screen in {view} {screen}: {box}"
                    assert box["x"] + box["width"] <= width, f"{name} is off screen in {view} {screen}: {box}"
                measured = measure_page(page, PROJECTOR_MIN_PX)
                assert measured["small"] == [], f"{view} {screen}"
                assert measured["clipped"] == [], f"{view} {screen}"
                assert measured["scrollWidth"] <= width, f"{view} scrolls sideways {screen}"
    finally:
        context.close()
