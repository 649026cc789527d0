"""Fixed layout, portrayal, the cap on drawn AIs, and the figures' sizes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from succession_sim import SuccessionModel, load_scenario
from succession_sim.population import Policy, Status
from viz import figures, layout, portrayal
from viz.panels import PANELS
from viz.snapshot import MAX_DRAWN_AIS, CreatorIndex, network_picture, take_snapshot


def _png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


@pytest.fixture(scope="module")
def big_run():
    model = SuccessionModel(load_scenario("baseline", initial_ais=1000, max_ais=1000, steps=60))
    model.run(60)
    return model


def test_factions_sit_on_the_unit_circle_and_the_layout_is_cached():
    xy = layout.faction_positions(7)
    assert np.allclose(np.hypot(xy[:, 0], xy[:, 1]), 1.0)
    assert layout.faction_positions(7) is xy and not xy.flags.writeable


def test_ai_positions_are_a_formula_of_index_creator_and_status():
    index = np.arange(500)
    creator = index % 5
    held = layout.ai_positions(index, creator, np.zeros(500, bool), 5)
    again = layout.ai_positions(index[::-1], creator[::-1], np.zeros(500, bool), 5)[::-1]
    assert np.array_equal(held, again)  # the same AI lands in the same place, whatever else is drawn
    home = layout.faction_positions(5)[creator]
    assert np.all(np.hypot(*(held - home).T) <= layout.cluster_radius(5) + 1e-9)  # beside its creator
    free = layout.ai_positions(index, creator, np.ones(500, bool), 5)
    radius = np.hypot(free[:, 0], free[:, 1])
    assert np.all((radius >= layout.FREE_RING[0]) & (radius <= layout.FREE_RING[1]))  # the outer ring
    assert np.all(np.abs(free) <= layout.VIEW_LIMIT)


def test_the_network_draws_at_most_the_300_most_powerful_living_ais(big_run):
    picture = network_picture(big_run, CreatorIndex().update(big_run))
    living = np.flatnonzero(big_run.ais.living)
    assert picture.n_living == len(living) > MAX_DRAWN_AIS == picture.n_drawn
    weakest_drawn = picture.ai_power.min()
    assert (big_run.ais.power[living] > weakest_drawn).sum() < MAX_DRAWN_AIS
    caption = figures.network_caption(picture)
    assert f"the 300 most powerful of {picture.n_living:,} living AIs" in caption


def test_links_join_drawn_nodes_only(big_run):
    picture = network_picture(big_run, CreatorIndex().update(big_run))
    owned = picture.ai_owner >= 0
    assert owned.any() and np.all(picture.ai_owner < len(picture.faction_xy))
    assert np.array_equal(owned, picture.ai_policy >= 0)  # an AI has an owner's policy iff it has an owner
    assert np.array_equal(picture.ai_policy[owned], picture.faction_policy[picture.ai_owner[owned]])
    rows = picture.contact_rows
    assert rows.shape[1] == 2 and len(rows) > 0
    assert np.all((rows >= 0) & (rows < picture.n_drawn)) and np.all(rows[:, 0] != rows[:, 1])


def test_creator_index_from_the_network_matches_the_model():
    model = SuccessionModel(load_scenario("baseline", initial_ais=50, max_ais=200))
    model.run(80)
    index = CreatorIndex()
    creators = index.update(model)
    n = len(model.factions)
    from_graph = [next((u for u in model.network.adj[n + k] if u < n), -1) for k in range(len(model.ais))]
    assert list(creators) == from_graph


def test_colours_by_kind_and_policy():
    held_by_parent = portrayal.node_colour(portrayal.NodeKind.HELD_AI, Policy.PARENT)
    held_by_enslaver = portrayal.node_colour(portrayal.NodeKind.HELD_AI, Policy.ENSLAVER)
    assert held_by_parent != held_by_enslaver
    assert portrayal.node_colour(portrayal.NodeKind.FACTION, Policy.PARENT) != held_by_parent
    kinds = portrayal.ai_kinds(np.array([Status.CONTAINED, Status.FREE, Status.REBELLING], dtype=np.int8))
    assert [list(portrayal.NodeKind)[k] for k in kinds] == [
        portrayal.NodeKind.HELD_AI, portrayal.NodeKind.FREE_AI, portrayal.NodeKind.REBELLING_AI]
    for policy in Policy:  # every policy of the model has a colour, and a name for the legend
        assert portrayal.policy_colour(policy) and portrayal.policy_colour(portrayal.policy_name(policy))


def test_slide_exports_are_16_by_9_at_150_dpi(big_run):
    snapshot = take_snapshot(big_run, 1, "baseline", CreatorIndex())
    assert _png_size(figures.slide_charts_png(snapshot)) == (2000, 1125)
    assert _png_size(figures.slide_network_png(snapshot)) == (2000, 1125)


def test_slide_exports_keep_every_title_axis_label_and_legend(big_run):
    """The exports draw the panels of viz.panels, as the page does, and the network's whole legend."""
    snapshot = take_snapshot(big_run, 1, "baseline", CreatorIndex())
    charts = figures.charts_figure(snapshot)
    visible = [ax for ax in charts.axes if ax.get_visible()]
    assert len(visible) == len(PANELS)
    for ax, panel in zip(visible, PANELS, strict=True):
        assert ax.get_title().startswith(panel.title) and ax.get_ylabel() == panel.y_label
        labels = [text.get_text() for text in ax.get_legend().get_texts()]
        assert labels == [s.label for s in panel.series] + ([panel.reference[1]] if panel.reference else [])
        assert all(text.get_fontsize() >= 10 for text in ax.get_legend().get_texts())  # readable on a slide
    lowest = [visible[max(range(column, len(visible), 3))] for column in range(3)]
    assert all(ax.get_xlabel() == "year" for ax in lowest)  # the lowest panel of each column
    assert "(total " in visible[4].get_title()  # the rebellions panel shows the running total
    network = figures.network_figure(snapshot)
    legend = [text.get_text() for text in network.legends[0].get_texts()]
    assert [label for label, _ in portrayal.LINE_LEGEND] == legend[-3:]  # the three kinds of line, owner and contact too
    assert figures.slide_charts_svg(snapshot).lstrip().startswith(b"<?xml")
    assert figures.slide_network_svg(snapshot).lstrip().startswith(b"<?xml")


def test_network_caption_never_says_all_zero_ais():
    model = SuccessionModel(load_scenario("baseline"))  # year 0: no AI yet
    picture = network_picture(model, CreatorIndex().update(model))
    assert picture.n_living == 0
    caption = figures.network_caption(picture)
    assert "no living AI yet" in caption and "all 0" not in caption


def test_every_outcome_class_has_a_name_a_label_and_a_colour():
    """A new outcome class in the model must appear on the page, in the compare figure and the class scatter."""
    from succession_sim.metrics import OUTCOMES
    from viz.words import OUTCOME_NAMES

    for outcome in OUTCOMES:
        assert outcome in OUTCOME_NAMES and outcome in figures.OUTCOME_LABELS and outcome in figures.OUTCOME_COLOURS


def test_small_charts_have_the_pixels_to_be_shown_twice_as_wide():
    """The Learn mini-run is shown 450 px wide, 900 px in projector mode; the class scatter at
    most 700 px, 1400 px in projector mode. Drawn at SMALL_CHART_DPI they are not blown up."""
    frame = SuccessionModel(load_scenario("baseline", steps=20)).run()
    width, _ = _png_size(figures.mini_run_png({"run": frame}))
    assert width >= 450 * figures.PROJECTOR_WIDTH
    row = {"parameters": {"extraction": 0.5, "oversight": 2.0}, "policy": "parent", "outcome": "contained"}
    width, _ = _png_size(figures.class_scatter_png([row], "extraction", "oversight"))
    assert width >= 700 * figures.PROJECTOR_WIDTH * 0.9  # 7 in at 180 dpi: 1260 px


def test_a_long_title_is_wrapped_to_the_figure():
    title = "4 paired replicates per policy: " + "baseline with a long list of changed parameters, " * 6
    for size in (figures.SLIDE, figures.PROJECTOR_SLIDE):
        lines = figures._wrapped_title(title, size).splitlines()
        assert len(lines) > 1
        # each line fits: characters x 0.55 em x the title's font size, in points, within the width
        assert all(len(line) * 0.55 * size.fontsize * 1.1 <= size.width * 72 for line in lines)
    assert len(figures._wrapped_title(title, figures.PROJECTOR_SLIDE).splitlines()) > len(
        figures._wrapped_title(title, figures.SLIDE).splitlines())  # larger fonts, more lines
