"""The browser widgets' server side: the charts get only new rows; the network's binary picture."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from succession_sim import SuccessionModel, load_scenario
from viz.panels import PANELS, YEAR, Panel, Series, chart_columns, panel_specs
from viz.portrayal import KIND_CODES, LINE_LEGEND, NodeKind
from viz.snapshot import CreatorIndex, YearlyTable, network_picture
from viz.widgets import NetworkWidget, RunRows, TimeSeriesWidget, legend_entries, pack_picture


@pytest.fixture
def chart():
    widget = TimeSeriesWidget(panels=TimeSeriesWidget.panel_dicts(chart_columns()), horizon=150)
    sent = []
    widget.send = lambda content, buffers=None: sent.append(content)
    yield widget, sent
    widget.close()


def _model(years: int) -> SuccessionModel:
    model = SuccessionModel(load_scenario("baseline", steps=40))
    model.run(years)
    return model


def _table(model: SuccessionModel, rows: int | None = None) -> YearlyTable:
    return YearlyTable(model.datacollector.model_vars, int(model.time) + 1 if rows is None else rows)


def test_a_snapshot_table_is_the_models_dataframe_at_that_year():
    """The snapshot reads the data collector's lists instead of building a frame every year."""
    model = _model(5)
    table = _table(model)
    expected = model.dataframe()
    model.run(3)  # the model goes on; the table still shows year 5
    pd.testing.assert_frame_equal(table.frame(), expected)
    assert table.values("step", 4) == [4, 5]


def test_each_year_sends_only_its_new_row(chart):
    widget, sent = chart
    model = _model(5)
    frame = model.dataframe()
    widget.rows = RunRows(1, _table(model, 3))
    widget.rows = RunRows(1, _table(model, 4))
    widget.rows = RunRows(1, _table(model))
    assert [(m["start"], len(m["columns"][YEAR])) for m in sent] == [(0, 3), (3, 1), (4, 2)]
    assert sent[-1]["columns"]["ai_power_share"] == frame["ai_power_share"].iloc[4:].tolist()
    assert set(sent[0]["columns"]) == {c for c in chart_columns() if c in frame.columns}


def test_a_new_run_starts_again_from_its_first_row(chart):
    widget, sent = chart
    model = _model(4)
    widget.rows = RunRows(1, _table(model))
    widget.rows = RunRows(2, _table(model, 1))
    assert [(m["run"], m["start"]) for m in sent] == [(1, 0), (2, 0)]


def test_a_view_that_asks_gets_the_whole_run(chart):
    widget, sent = chart
    widget.rows = RunRows(1, _table(_model(6)))
    widget._on_message(widget, {"kind": "sync"}, [])
    assert sent[-1]["start"] == 0 and len(sent[-1]["columns"][YEAR]) == 7


def test_missing_values_are_sent_as_gaps_not_nan(chart):
    """NaN is not JSON: the browser would reject the whole message."""
    widget, sent = chart
    columns = {"ai_power_share": [0.1, math.nan, math.inf], "coop_ai_ai": [None, 0.5, 0.25]}
    widget.rows = RunRows(1, YearlyTable(columns, 3))
    assert sent[0]["columns"]["ai_power_share"] == [0.1, None, None]
    assert sent[0]["columns"]["coop_ai_ai"] == [None, 0.5, 0.25]


def test_panels_keep_only_the_reporters_the_model_has():
    panels = (Panel("Test", "share", (Series("ai_power_share", "AI", "#000000"), Series("not_reported", "x", "#111111"))),
              Panel("Gone", "n", (Series("also_missing", "y", "#222222"),)))
    kept = panel_specs(["step", "ai_power_share"], panels)
    assert [p.title for p in kept] == ["Test"] and [s.column for s in kept[0].series] == ["ai_power_share"]
    assert all(panel.title and panel.y_label and panel.series for panel in PANELS)


def _unpack(data: bytes) -> dict:
    """The layout network.js reads (see the comment at its top), decoded here."""
    n, m, k, _ = np.frombuffer(data, "<i4", 4)
    offset = 16
    parts = {}
    for name, dtype, count in (("factions", "<f4", 3 * n), ("trust", "<f4", n * n), ("ais", "<f4", 3 * m),
                               ("owner", "<i2", m), ("contacts", "<i2", 2 * k), ("faction_rgb", "u1", 3 * n),
                               ("ai_rgb", "u1", 3 * m), ("ring", "u1", m)):
        parts[name] = np.frombuffer(data, dtype, count, offset)
        offset += count * np.dtype(dtype).itemsize
    assert offset == len(data)
    return parts


def test_the_network_picture_packs_positions_sizes_links_and_colours():
    model = SuccessionModel(load_scenario("hostile_world", initial_ais=200, max_ais=400, steps=60))
    model.run(60)
    picture = network_picture(model, CreatorIndex().update(model))
    parts = _unpack(pack_picture(picture))
    ais = parts["ais"].reshape(-1, 3)
    assert np.allclose(ais[:, :2], picture.ai_xy, atol=1e-6)
    assert ais[:, 2].max() <= 1.0 and np.allclose(parts["factions"].reshape(-1, 3)[:, :2], picture.faction_xy, atol=1e-6)
    assert np.array_equal(parts["owner"], picture.ai_owner)
    assert np.array_equal(parts["contacts"].reshape(-1, 2), picture.contact_rows)
    rebels = picture.ai_kind == KIND_CODES[NodeKind.REBELLING_AI]
    assert np.array_equal(parts["ring"].astype(bool), rebels)


def test_the_network_legend_names_every_kind_of_node_and_line():
    labels = [entry["label"] for entry in legend_entries([0, 1])]
    assert "faction: parent" in labels and "faction: enslaver" in labels
    assert [label for label, _ in LINE_LEGEND] == labels[-3:]
    lines = [entry for entry in legend_entries([0]) if entry["shape"] == "line"]
    assert [entry["line"] for entry in lines] == ["trust", "owner", "contact"]  # how network.js finds their colours
    assert NetworkWidget(legend=legend_entries([0])).legend[-1]["colour"].startswith("#")
