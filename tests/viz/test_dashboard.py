"""The dashboard page, driven like a user would: find widgets by label, click, type."""

from __future__ import annotations

import re
import time

import ipyvuetify as v
import solara

from succession_sim import SuccessionModel, load_scenario, scenario_library
from viz.app import Dashboard, Page
from viz.components.download import DownloadButtonWidget
from viz.session import Session

from .conftest import button, wait_until, year_text


def test_opens_on_the_baseline_scenario_at_year_zero(dashboard):
    session, rc = dashboard
    assert session.scenario_name.value == "baseline"
    assert session.model.params == load_scenario("baseline")
    assert session.model.time == 0
    assert year_text(rc) == f"Year 0 of {load_scenario('baseline').steps}"


def test_step_advances_the_model_and_the_year_shown(dashboard):
    session, rc = dashboard
    step = button(rc, "Step")
    step.click()
    step.click()
    assert session.model.time == 2
    assert year_text(rc).startswith("Year 2 of")
    assert len(session.snapshot.value.frame) == 3  # year 0 plus two steps


def test_slider_change_waits_for_reset_then_changes_the_model(dashboard):
    session, rc = dashboard
    slider = rc.find(v.Slider, label="n_factions")
    slider.assert_single()
    assert slider.widget.max == 20  # the classroom limit, below Scenario's 50
    slider.widget.v_model = 8
    assert session.model.params.n_factions == 5  # not yet: the run keeps its settings
    rc.find(v.Alert, class_="my-1 pending-changes").assert_single()
    button(rc, "Reset").click()
    assert session.model.params.n_factions == 8
    assert session.model.time == 0
    assert len(session.model.factions) == 8
    rc.find(v.Alert, class_="my-1 pending-changes").assert_empty()


def test_checkbox_switches_a_premise_off_after_reset(dashboard):
    session, rc = dashboard
    rc.find(v.Checkbox, label="premise_power").widget.v_model = False
    button(rc, "Reset").click()
    assert session.model.params.premise_power is False


def test_float_slider_value_is_rounded_to_its_step(dashboard):
    session, rc = dashboard
    rc.find(v.Slider, label="human_trust").assert_empty()  # its group starts closed
    button(rc, "▸ P1 Humanity is not unified").click()
    rc.find(v.Slider, label="human_trust").widget.v_model = 0.30000000000000004
    button(rc, "Reset").click()
    assert session.model.params.human_trust == 0.3


def test_bad_seed_shows_an_error_and_reset_keeps_the_run(dashboard):
    session, rc = dashboard
    button(rc, "Step").click()
    model = session.model
    seed_box = rc.find(v.TextField, label="Seed")
    seed_box.widget.v_model = "forty-two"
    assert seed_box.widget.error is True
    assert "not a whole number" in seed_box.widget.messages[0]
    button(rc, "Reset").click()  # must not raise
    assert session.model is model and session.model.time == 1
    error = rc.find(v.Alert, class_="my-1 reset-error")
    error.assert_single()
    assert "forty-two" in error.widget.text


def test_seed_typed_as_text_reaches_the_model_as_an_int(dashboard):
    session, rc = dashboard
    rc.find(v.TextField, label="Seed").widget.v_model = " 1_234 "
    button(rc, "Reset").click()
    assert session.model.params.seed == 1234
    assert isinstance(session.model.params.seed, int)


def test_out_of_range_seed_is_refused(dashboard):
    session, rc = dashboard
    before = session.model.params.seed
    rc.find(v.TextField, label="Seed").widget.v_model = "-3"
    button(rc, "Reset").click()
    assert session.model.params.seed == before
    assert "out of range" in rc.find(v.Alert, class_="my-1 reset-error").widget.text


def test_invalid_combination_is_explained_not_raised(dashboard):
    session, rc = dashboard
    rc.find(v.Slider, label="max_ais").widget.v_model = 10
    rc.find(v.Slider, label="initial_ais").widget.v_model = 20
    button(rc, "Reset").click()
    assert session.model.params.initial_ais == 0
    assert "exceeds max_ais" in rc.find(v.Alert, class_="my-1 reset-error").widget.text


def test_scenario_switch_shows_its_description_and_runs_it(dashboard):
    session, rc = dashboard
    library = scenario_library()
    rc.find(v.Select, label="Scenario").widget.v_model = "hostile_world"
    title = rc.find(v.Html, class_="scenario-title").widget.children[0]
    assert title == library["hostile_world"]["title"]
    prose = " ".join(
        str(child) for widget in rc.find(v.Html, tag="p").widgets for child in widget.children
    )
    assert "little trust" in prose and library["baseline"]["description"][:40] not in prose
    questions = [w.children[0] for w in rc.find(v.Html, tag="li").widgets]
    assert questions == library["hostile_world"]["questions"]
    assert session.model.params == load_scenario("hostile_world")


def test_play_steps_in_the_background_and_pause_stops_it(dashboard):
    session, rc = dashboard
    session.speed.value = 10
    started = time.monotonic()
    button(rc, "Play").click()
    assert time.monotonic() - started < 2.0  # the click returns while the run goes on
    wait_until(lambda: session.model.time >= 3)
    button(rc, "Pause").click()
    wait_until(lambda: not session.playing.value)
    stopped_at = int(session.model.time)
    time.sleep(0.4)
    assert session.model.time == stopped_at < 150
    assert year_text(rc) == f"Year {stopped_at} of 150"
    assert button(rc, "Play") is not None


def test_play_stops_at_the_horizon(dashboard):
    session, rc = dashboard
    rc.find(v.Slider, label="steps").widget.v_model = 4
    button(rc, "Reset").click()
    session.speed.value = 10
    button(rc, "Play").click()
    wait_until(lambda: session.model.time == 4 and not session.playing.value)
    assert button(rc, "Step").disabled


def test_every_premise_indicator_is_shown_in_words(dashboard):
    session, rc = dashboard
    for _ in range(25):
        button(rc, "Step").click()
    texts = [w.children[0] for w in rc.find(v.Html, tag="span").widgets if w.children and isinstance(w.children[0], str)]
    for claim in ("P1 Humanity is not unified", "P2 We will figure out intelligence",
                  "P3 We won't stop at human level", "P4 Intelligence begets power"):
        assert claim in texts
    assert any("General AI became buildable in year" in t for t in texts)
    states = [w.children[0] for w in rc.find(v.Chip, class_="premise-state").widgets]
    assert len(states) == 4
    outcome = rc.find(v.Alert, class_="my-1 outcome-banner").widget.text
    assert outcome.startswith("So far: ")


def test_network_caption_states_the_cap_on_drawn_ais():
    session = Session.from_link("initial_ais=1000&max_ais=1000")
    box, rc = solara.render(Dashboard(session), handle_error=False)
    caption = " ".join(w.children[0] for w in rc.find(v.Html, tag="span").widgets
                       if w.children and isinstance(w.children[0], str))
    assert "the 300 most powerful of 1,000 living AIs" in caption
    assert len(session.snapshot.value.network.ai_xy) == 300
    rc.close()


def test_exports_are_slide_size_png_svg_and_csv(dashboard):
    session, rc = dashboard
    for _ in range(5):
        button(rc, "Step").click()
    buttons = {w.label: w for w in rc.find(DownloadButtonWidget).widgets}
    assert set(buttons) == {"Charts (PNG, 16:9 slide)", "Network (PNG, 16:9 slide)", "Charts (SVG)", "Network (SVG)",
                            "Data (CSV)"}
    charts = buttons["Charts (PNG, 16:9 slide)"]
    charts.clicks += 1
    png = wait_until(lambda: charts.payload)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (2000, 1125)  # 13.33 x 7.5 in at 150 dpi
    assert charts.filename.endswith("-year5-charts.png")
    svg = buttons["Charts (SVG)"]
    svg.clicks += 1
    assert wait_until(lambda: svg.payload).lstrip().startswith(b"<?xml")
    assert svg.filename.endswith("-year5-charts.svg")
    table = buttons["Data (CSV)"]
    table.clicks += 1
    csv = wait_until(lambda: table.payload).decode()
    lines = csv.strip().splitlines()
    assert lines[0].startswith("step,ai_power_share")
    assert len(lines) == 1 + 6


def test_compare_view_runs_both_policies_on_the_same_seed(dashboard):
    session, rc = dashboard
    rc.find(v.Slider, label="steps").widget.v_model = 30
    button(rc, "Reset").click()
    button(rc, "Compare").click()
    button(rc, "Run side by side").click()
    titles = wait_until(lambda: rc.find(v.Html, class_="policy-outcome").widgets)
    assert len(titles) == 2
    result = session.side_by_side.value
    assert list(result.summaries) == ["parent", "enslaver"]
    assert all(s["seed"] == session.model.params.seed and s["steps"] == 30 for s in result.summaries.values())
    assert set(result.frames["parent"]["step"]) == set(result.frames["enslaver"]["step"]) == set(range(31))


def test_projector_mode_draws_the_compare_figures_with_larger_fonts(dashboard, monkeypatch):
    from viz.components import compare
    from viz.figures import PROJECTOR_SLIDE, SLIDE

    session, rc = dashboard
    rc.find(v.Slider, label="steps").widget.v_model = 10
    button(rc, "Reset").click()
    sizes = []
    real = compare.policy_overlay_png
    monkeypatch.setattr(compare, "policy_overlay_png",
                        lambda *args, size, **kwargs: sizes.append(size) or real(*args, size=size, **kwargs))
    compare.run_side_by_side(session)
    session.projector.value = True
    compare.run_side_by_side(session)
    assert sizes == [SLIDE, PROJECTOR_SLIDE] and PROJECTOR_SLIDE.fontsize > SLIDE.fontsize


def _table_cells(rc, name: str) -> list[list[str]]:
    table = rc.find(v.Html, tag="table", class_=f"plain-table {name}")
    table.assert_single()
    return [[cell.children[0] for cell in row.children] for row in table.widget.children]


def test_replicates_show_means_with_intervals_n_and_the_paired_difference(dashboard):
    """Fails if the page shows counts only, or numbers other than the CLI's intervals."""
    from succession_sim.cli_text import comparison_text
    from succession_sim.experiments.compare import MEASURES
    from succession_sim.metrics import OUTCOMES

    session, rc = dashboard
    rc.find(v.Slider, label="steps").widget.v_model = 20
    button(rc, "Reset").click()
    button(rc, "Compare").click()
    rc.find(v.Slider, label="Replicates per policy").widget.v_model = 3
    button(rc, "Run 3 replicates of each").click()
    wait_until(lambda: rc.find(v.Html, tag="table", class_="plain-table replicate-measures").widgets)
    result = session.replicates.value.result
    assert sorted((r["policy"], r["replicate"]) for r in result["runs"]) == sorted(
        (p, k) for p in ("parent", "enslaver") for k in range(3)
    )
    header, *rows = _table_cells(rc, "replicate-measures")
    assert header == ["measure", "parent", "enslaver", "paired difference (parent - enslaver)"]
    assert len(rows) == len(MEASURES)
    printed = comparison_text("baseline", 1, result, MEASURES, OUTCOMES)
    for measure, row in zip(MEASURES, rows, strict=True):  # every cell as the CLI prints it: mean [low, high] (n)
        assert all(cell in printed and re.search(r"\(\d+\)$", cell) for cell in row[1:])
        if measure in ("ai_power_share", "rebellions", "human_welfare"):  # defined in every run
            assert all(cell.endswith("] (3)") for cell in row[1:])
    share = dict(zip(MEASURES, rows, strict=True))["ai_power_share"]
    assert share[0] == "AI share of all power, final year"
    header, *outcomes = _table_cells(rc, "outcome-counts")
    assert header == ["outcome: share of runs", "parent", "enslaver"] and len(outcomes) == len(OUTCOMES)
    assert all(cell.endswith("(3)") for row in outcomes for cell in row[1:])
    caption = rc.find(v.Html, class_="replicates-caption").widget.children[0]
    seed = session.model.params.seed
    assert f"root seed {seed}" in caption and f", seed {seed}," not in caption  # replicates run on spawned seeds


def test_a_policy_card_shows_one_number_per_measure_and_its_years():
    """The card's human-AI cooperation is the window's, the one its outcome is judged on; it
    appears once, saying so (the card said 56% over the last 20 years, its table 0.61)."""
    from viz.words import card_rows

    model = SuccessionModel(load_scenario("baseline", steps=60))
    model.run()
    summary = model.summary()
    rows = card_rows(summary)
    labels = [label for label, _ in rows]
    assert len(set(labels)) == len(labels)
    assert sum("human-AI cooperation" in label for label in labels) == 1
    window = summary["outcome_window"]
    cooperation = dict(rows)[f"human-AI cooperation (both directions), mean of the last {window['years']} years"]
    assert cooperation == f"{window['cooperation']:.2f}"
    assert all("final year" in label or "last" in label or "all years" in label or "first held" in label
               for label in labels)


def test_each_page_builds_its_own_session():
    first = solara.render(Page(), handle_error=False)[1]
    second = solara.render(Page(), handle_error=False)[1]
    button(first, "Step").click()
    button(first, "Step").click()
    assert year_text(first).startswith("Year 2 of")
    assert year_text(second).startswith("Year 0 of")
    first.close()
    second.close()


def test_the_busy_server_note_appears_near_the_run_buttons(dashboard):
    session, rc = dashboard
    rc.find(v.Alert, class_="my-1 server-busy").assert_empty()
    session.server_busy.value = True
    note = rc.find(v.Alert, class_="my-1 server-busy")
    note.assert_single()
    assert "server is busy" in note.widget.text
