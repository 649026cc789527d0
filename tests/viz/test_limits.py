"""Widgets are generated from ``parameter_specs()``: every parameter, Scenario's ranges, classroom caps."""

from __future__ import annotations

import pytest

from succession_sim import Scenario, load_scenario, scenario_library
from succession_sim.scenario import parameter_specs
from viz import limits


def test_every_parameter_but_the_seed_gets_exactly_one_widget():
    names = [spec.name for _, specs in limits.grouped_specs() for spec in specs]
    assert sorted(names) == sorted(s["name"] for s in parameter_specs() if s["name"] != "seed")
    assert len(names) == len(set(names))


def test_groups_name_only_real_parameters():
    known = {s["name"] for s in parameter_specs()}
    listed = [name for names in limits.GROUPS.values() for name in names]
    assert set(listed) <= known, set(listed) - known


def test_widget_kinds_follow_the_parameter_types():
    by_name = {w.name: w for w in limits.widget_specs()}
    for spec in parameter_specs():
        if spec["name"] == "seed":
            continue
        widget = by_name[spec["name"]]
        if spec["type"] is bool:
            assert widget.kind == "checkbox"
        elif spec["choices"] is not None:
            assert widget.kind == "select" and widget.choices == tuple(spec["choices"])
        else:
            assert widget.kind in ("slider", "number")
    assert {name for name, w in by_name.items() if w.kind == "checkbox"} >= {
        "premise_disunity", "premise_discovery", "premise_superintelligence", "premise_power"}


def test_ranges_come_from_scenario_narrowed_only_by_the_classroom_limits():
    for widget in limits.widget_specs():
        spec = next(s for s in parameter_specs() if s["name"] == widget.name)
        if widget.kind not in ("slider", "number"):
            continue
        expected_high = min(spec["high"], limits.CLASSROOM_LIMITS.get(widget.name, spec["high"]))
        assert widget.high == expected_high
        # a slider may start at the first multiple of its step inside the range, never outside it
        assert spec["low"] <= widget.low < spec["low"] + (widget.step or 0) + 1e-12


@pytest.mark.parametrize("name, limit", [("n_factions", 20), ("initial_ais", 3000), ("max_ais", 3000), ("steps", 500)])
def test_classroom_limits(name, limit):
    widget = next(w for w in limits.widget_specs() if w.name == name)
    assert widget.high == limit
    assert limits.limit_problems({name: limit + 1})
    assert not limits.limit_problems({name: limit})


def test_every_library_scenario_value_is_reachable_by_its_widget():
    """A slider's grid must contain each library value, or the widget would change it when touched."""
    by_name = {w.name: w for w in limits.widget_specs()}
    for name in scenario_library():
        values, _ = limits.fit_to_limits(load_scenario(name).to_dict())
        for key, value in values.items():
            widget = by_name.get(key)
            if widget is None or widget.kind != "slider":
                continue
            assert widget.low <= value <= widget.high, (name, key, value)
            assert widget.cast(value) == pytest.approx(value), (name, key, value)
            offset = (value - widget.low) / widget.step
            assert abs(offset - round(offset)) < 1e-6, (name, key, value, widget.step)


def test_defaults_are_not_copied_into_the_widgets():
    assert not any(hasattr(w, "default") for w in limits.widget_specs())


def test_wide_ranges_get_a_number_box_and_it_validates():
    widget = next(w for w in limits.widget_specs() if w.name == "capability_ceiling")
    assert widget.kind == "number"
    assert widget.problem(5e6) and not widget.problem(Scenario().capability_ceiling)


@pytest.mark.parametrize("text, seed", [("0", 0), ("42", 42), (" 7 ", 7), ("1_000", 1000), ("1,000", 1000),
                                        (str(2**63 - 1), 2**63 - 1)])
def test_seed_text_accepted(text, seed):
    assert limits.parse_seed(text) == (seed, None)


@pytest.mark.parametrize("text, reason", [("", "Type a seed"), ("abc", "not a whole number"), ("4.5", "not a whole number"),
                                          ("-1", "out of range"), (str(2**63), "out of range")])
def test_seed_text_refused_with_a_reason(text, reason):
    seed, problem = limits.parse_seed(text)
    assert seed is None and reason in problem


def test_scenario_values_above_the_limits_are_lowered_with_a_note():
    values, notes = limits.fit_to_limits({"n_factions": 40, "max_ais": 10_000, "steps": 100})
    assert values == {"n_factions": 20, "max_ais": 3_000, "steps": 100}
    assert len(notes) == 2 and "n_factions lowered from 40" in notes[0]
