"""Fixed layout, portrayal, the cap on drawn AIs, and the figures' sizes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from succession_sim import SuccessionModel, load_scenario
from succession_sim.population import Policy, Status
from viz import figures, layout, portrayal
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
    points = {tuple(p) for p in np.round(np.vstack([picture.ai_xy, picture.faction_xy]), 9)}
    for segments in (picture.owner_links, picture.contact_links):
        for start, end in np.round(segments, 9):
            assert tuple(start) in points and tuple(end) in points


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


def test_live_charts_render_and_update_in_place():
    model = SuccessionModel(load_scenario("baseline", steps=40))
    chart, network = figures.TimeSeriesChart(), figures.NetworkChart()
    creators = CreatorIndex()
    images = []
    for _ in range(3):
        model.step()
        snapshot = take_snapshot(model, 1, "baseline", creators)
        chart.update(snapshot.frame, snapshot.horizon)
        network.update(snapshot.network)
        images.append((chart.png(), network.png()))
    assert chart.fig is not None and len({img for img, _ in images}) == 3  # the lines moved
    width, height = _png_size(images[-1][0])
    assert width == round(figures.SCREEN.width * figures.SCREEN.dpi)
    line = next(line for line, series in chart.lines if series.column == "ai_power_share")
    assert len(line.get_xdata()) == 4


def test_slide_exports_are_16_by_9_at_150_dpi(big_run):
    snapshot = take_snapshot(big_run, 1, "baseline", CreatorIndex())
    assert _png_size(figures.slide_charts_png(snapshot)) == (2000, 1125)
    assert _png_size(figures.slide_network_png(snapshot)) == (2000, 1125)


def test_slide_exports_as_svg_include_the_animated_lines(big_run):
    snapshot = take_snapshot(big_run, 1, "baseline", CreatorIndex())
    charts = figures.slide_charts_svg(snapshot).decode()
    assert charts.lstrip().startswith("<?xml") and 'width="960pt" height="540pt"' in charts
    # the screen chart draws its lines as animated artists; the SVG must contain them too
    chart = figures._slide_charts(snapshot)
    animated_lines = [line for line, _ in chart.lines if len(line.get_xdata())]
    assert animated_lines and all(line.get_animated() for line in animated_lines)
    assert charts.count("<path") > len(animated_lines)
    assert len(charts) > len(figures.svg_bytes(figures.TimeSeriesChart(figures.SLIDE).fig))
    network = figures.slide_network_svg(snapshot).decode()
    assert network.lstrip().startswith("<?xml")
