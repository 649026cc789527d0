"""The shared class world: students' choices enter the ordinary model, and a record replays it."""

from __future__ import annotations

import math
import threading

import numpy as np
import pandas as pd
import pytest

from succession_sim import SuccessionModel, load_scenario
from succession_sim.class_world import (
    MAX_FACTIONS,
    ClassWorld,
    ClassWorldError,
    record_from_json,
    record_to_json,
    replay,
    store_on_board,
)
from succession_sim.classboard import ClassBoard

YEARS = 30


def _world(**overrides) -> ClassWorld:
    return ClassWorld("baseline", "Ethics 101", steps=YEARS, **overrides)


def _played_class() -> tuple[ClassWorld, dict]:
    """Five factions, seven students (two factions shared), choices changed in several years."""
    world = _world()
    codes = {name: world.join(world.room_code, name).code
             for name in ("Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus")}
    plan = {
        1: [("Ana", dict(vote="comply", research_share=0.05)), ("Ben", dict(treatment="enslaver"))],
        4: [("Cleo", dict(vote="defect", research_share=0.4)), ("Fay", dict(treatment="tutor")),
            ("Ana", dict(vote="drawn"))],  # Fay shares Ana's faction: both choices stand, in order
        9: [("Gus", dict(treatment="parent", vote="comply")), ("Dev", dict(research_share=1.0))],
        15: [("Eli", dict(vote="defect", treatment="enslaver", research_share=0.0))],
        18: [("Ben", dict(treatment_values={"extraction": 0.15, "reciprocity": 0.6})),
             ("Cleo", dict(treatment="tutor", treatment_values={"feedback": 9.5, "release_autonomy": 0.7}))],
        22: [("Ben", dict(treatment_values={"autonomy_cap": 0.35}))],
    }
    for year in range(1, YEARS + 1):
        for name, fields in plan.get(year, []):
            world.choose(codes[name], **fields)
        world.step()
    return world, codes


def _same_numbers(a, b) -> None:
    pd.testing.assert_frame_equal(a.dataframe(), b.dataframe())
    for name in ("power", "knowledge", "policy", "trust", "research_share", "moratorium_vote"):
        np.testing.assert_array_equal(getattr(a.factions, name), getattr(b.factions, name))
    np.testing.assert_array_equal(a.ais.capability, b.ais.capability)
    assert a.summary() == b.summary() or _nan_equal(a.summary(), b.summary())


def _nan_equal(x: dict, y: dict) -> bool:
    return x.keys() == y.keys() and all(
        (isinstance(x[k], float) and math.isnan(x[k]) and math.isnan(y[k])) or x[k] == y[k] for k in x)


def test_replay_gives_the_same_numbers_number_for_number():
    """Fails if a choice is recorded differently from how it was applied (order, year, value),
    treatment values included."""
    world, _ = _played_class()
    assert world.record()["years"][17]["choices"][1] == {
        "student": "Cleo", "faction": 2, "treatment": "tutor",
        "treatment_values": {"release_autonomy": 0.7, "feedback": 9.5}}
    _same_numbers(replay(world.record()), world.model)
    for name in ("extraction", "reciprocity", "autonomy_cap", "release_autonomy", "feedback"):
        np.testing.assert_array_equal(getattr(replay(world.record()).factions, name),
                                      getattr(world.model.factions, name))


def test_replay_of_the_json_record_too():
    """The record survives JSON (how it is stored and committed): fails if a value changes on the way."""
    world, _ = _played_class()
    _same_numbers(replay(record_from_json(record_to_json(world.record()))), world.model)


def test_choices_change_the_world_so_replay_equality_means_something():
    """The same seed without the choices is a different world: fails if choices were ignored."""
    world, _ = _played_class()
    plain = SuccessionModel(world.params)
    plain.run(YEARS)
    assert not plain.dataframe().equals(world.model.dataframe())
    record = world.record()
    record["years"][3]["choices"] = []  # drop one year's choices: the replay must differ
    assert not replay(record).dataframe().equals(world.model.dataframe())
    record = world.record()
    del record["years"][17]["choices"][0]["treatment_values"]["extraction"]  # and one value
    assert not replay(record).dataframe().equals(world.model.dataframe())


def test_a_world_nobody_touches_is_the_ordinary_run():
    """Fails if the class world adds anything of its own to the model (draws, order, state)."""
    world = _world()
    for _ in range(YEARS):
        world.step()
    plain = SuccessionModel(load_scenario("baseline", steps=YEARS))
    plain.run()
    _same_numbers(world.model, plain)


def test_what_a_faction_did_not_set_stays_as_it_was():
    world = _world()
    ana = world.join(world.room_code, "Ana", faction=2)
    world.choose(ana.code, treatment="tutor", research_share=0.3)
    world.step()
    world.choose(ana.code, vote="comply")  # only the vote this year
    world.step()
    assert world.settings(2) == {"vote": "comply", "treatment": "tutor", "research_share": 0.3,
                                 "treatment_values": world.preset_values("tutor")}
    assert world.settings(1) == {"vote": "drawn", "treatment": "parent", "research_share": 0.1,
                                 "treatment_values": world.preset_values("parent")}


def test_treatment_values_start_from_the_factions_point_and_a_partial_set_keeps_the_rest():
    """Fails if setting some values resets the others (to a preset, or to the scenario's), or if
    a later choice forgets an earlier one."""
    world = _world()
    ana = world.join(world.room_code, "Ana", faction=2)
    world.choose(ana.code, treatment="tutor")
    world.step()
    world.choose(ana.code, treatment_values={"extraction": 0.05})
    world.step()
    world.choose(ana.code, treatment_values={"feedback": 7, "autonomy_cap": 0.6})
    world.step()
    tutor = world.preset_values("tutor")
    assert world.settings(2)["treatment_values"] == {**tutor, "extraction": 0.05, "feedback": 7.0, "autonomy_cap": 0.6}
    assert world.settings(2)["treatment"] == "tutor"
    assert world.settings(1)["treatment_values"] == world.preset_values("parent")  # nobody else moved


def test_a_preset_and_values_chosen_together_set_the_preset_then_the_values():
    """A parent who picks enslaver with extraction 0.1 holds the enslaver's point but for its
    extraction: fails if the values were applied before the preset (lost) or to the old point."""
    world = _world()
    ana = world.join(world.room_code, "Ana", faction=0)
    world.choose(ana.code, treatment="enslaver", treatment_values={"extraction": 0.1})
    world.step()
    assert world.settings(0)["treatment_values"] == {**world.preset_values("enslaver"), "extraction": 0.1}


@pytest.mark.parametrize(("values", "label"), [
    ({"extraction": 0.5, "reciprocity": 0.0, "autonomy_cap": 0.0, "release_autonomy": 2.0}, "enslaver"),
    ({"extraction": 0.2, "autonomy_cap": 0.5, "release_autonomy": 2.0, "feedback": 2.0}, "tutor"),
    ({"extraction": 0.45}, "parent"),  # one value moved far is not enough to leave the parent
])
def test_the_label_is_the_nearest_preset(values, label):
    """Values set one by one on a parent faction: its label (what parent_share counts) is the
    preset nearest its point, as the model labels copied points. Fails if the label stayed the
    choice's preset, or ignored the values."""
    world = _world()
    world.choose(world.join(world.room_code, "Ana", faction=0).code, treatment_values=values)
    world.step()
    assert world.settings(0)["treatment"] == label
    assert world.model.dataframe()["parent_share"].iloc[-1] == pytest.approx((4 + (label == "parent")) / 5)


def test_chosen_values_are_the_ones_the_rules_apply():
    """A parent faction that sets extraction 0.9 takes its AIs' income: fails if the value
    changed the record but not the arrays the rules read."""
    world = _world(initial_ais=40)
    world.choose(world.join(world.room_code, "Ana", faction=0).code, treatment_values={"extraction": 0.9})
    plain = SuccessionModel(world.params)
    world.step()
    plain.step()
    first = world.model.ais.owner[: len(plain.ais)] == 0
    assert world.model.factions.extraction[0] == 0.9
    assert world.model.ais.power[first].sum() < plain.ais.power[first].sum()


def test_set_votes_decide_the_moratorium():
    """All factions set to comply: the pause holds every year (quorum 0.8); one in five
    defecting still meets it; two do not. Fails if a set vote does not replace the draw."""
    for defectors, holds in ((0, True), (1, True), (2, False)):
        world = _world(race_sensitivity=10.0)  # left to pressure, nobody would comply
        for i in range(5):
            code = world.join(world.room_code, f"S{i}").code
            world.choose(code, vote="defect" if i < defectors else "comply")
        for _ in range(10):
            world.step()
        assert world.model.dataframe()["pause"].iloc[1:].eq(holds).all(), defectors


def test_a_chosen_treatment_is_the_one_the_rules_apply():
    """A faction set to enslaver takes its AIs' income and its AIs' grievance rises: fails if the
    choice changed only a label that no rule reads."""
    world = _world(initial_ais=40)
    world.choose(world.join(world.room_code, "Ana", faction=0).code, treatment="enslaver")
    plain = SuccessionModel(world.params)
    world.step()
    plain.step()
    ais, plain_ais = world.model.ais, plain.ais
    first = ais.owner[: len(plain_ais)] == 0
    assert ais.grievance[first].mean() > plain_ais.grievance[first].mean() + 0.05
    assert ais.power[first].sum() < plain_ais.power[first].sum()


def test_research_share_is_the_factions_own():
    """A faction that spends everything on research gains more knowledge than the others in its
    first year; fails if the model reads the scenario's research_share instead of the faction's."""
    world = _world(spillover=0.0)
    world.choose(world.join(world.room_code, "Ana", faction=0).code, research_share=1.0)
    before = world.model.factions.knowledge.copy()
    plain = SuccessionModel(world.params)
    world.step()
    plain.step()
    gain, plain_gain = world.model.factions.knowledge - before, plain.factions.knowledge - before
    assert gain[0] > plain_gain[0] * 2
    np.testing.assert_allclose(gain[1:], plain_gain[1:])


def test_students_share_factions_fewest_first():
    world = _world()
    factions = [world.join(world.room_code, f"S{i}").faction for i in range(7)]
    assert factions == [0, 1, 2, 3, 4, 0, 1]
    assert world.members(0) == ["S0", "S5"]


@pytest.mark.parametrize(("room", "name", "faction", "message"), [
    ("ZZZZ", "Ana", None, "room code"),
    (None, "", None, "name must have"),
    (None, "Ana<script>", None, "letters, digits"),
    (None, "Ana", 5, "faction=5"),
    (None, "Ana", "2", "faction='2'"),
])
def test_bad_joins_say_what_is_wrong(room, name, faction, message):
    world = _world()
    with pytest.raises(ClassWorldError, match=message):
        world.join(room if room is not None else world.room_code, name, faction)
    assert not world.students


def test_a_name_joins_once_and_the_code_finds_the_student_again():
    world = _world()
    ana = world.join(world.room_code.lower(), "Ana")
    with pytest.raises(ClassWorldError, match="joined already"):
        world.join(world.room_code, "ana")
    assert world.student(ana.code.lower()) == ana
    with pytest.raises(ClassWorldError, match="no student"):
        world.student("NOPE1")


def test_a_name_that_looks_like_a_student_in_the_world_is_refused():
    """Fails if join() compares names only case-folded, not by classboard.lookalike: the Cyrillic
    "Аӏісе" (no Latin letter, so one alphabet) would join as a second Alice; or if it refused
    a name for its alphabet: "Иван" beside "Ivan" looks like nobody."""
    world = _world()
    world.join(world.room_code, "Alice")
    world.join(world.room_code, "Ivan")
    with pytest.raises(ClassWorldError, match="looks like the name of a student already in this world; add an"):
        world.join(world.room_code, "\u0410\u04cf\u0456\u0441\u0435")
    with pytest.raises(ClassWorldError, match="joined already"):
        world.join(world.room_code, "\uff21LICE")  # fullwidth: the same student
    world.join(world.room_code, "\u0418\u0432\u0430\u043d")
    assert [s.name for s in world.students.values()] == ["Alice", "Ivan", "\u0418\u0432\u0430\u043d"]


@pytest.mark.parametrize(("fields", "message"), [
    (dict(vote="yes"), "vote='yes' is not allowed; choose one of comply, defect, drawn"),
    (dict(treatment="mixed"), "treatment='mixed' is not allowed"),
    (dict(research_share=1.5), "research_share=1.5 must be a number from 0 to 1"),
    (dict(research_share=float("nan")), "research_share=nan"),
    (dict(research_share="0.2"), "research_share='0.2'"),
    (dict(treatment_values={"extraction": 1.2}), "extraction=1.2 must be a number from 0 to 1"),
    (dict(treatment_values={"feedback": -1}), "feedback=-1 must be a number from 0 to 100"),
    (dict(treatment_values={"release_autonomy": float("nan")}), "release_autonomy=nan"),
    (dict(treatment_values={"reciprocity": float("inf")}), "reciprocity=inf"),
    (dict(treatment_values={"autonomy_cap": True}), "autonomy_cap=True"),
    (dict(treatment_values={"autonomy_cap": "0.5"}), "autonomy_cap='0.5'"),
    (dict(treatment_values={"kindness": 0.5}), "'kindness' is not a treatment value; allowed: extraction, "),
    (dict(treatment_values=[0.5, 0.5]), "treatment_values=\\[0.5, 0.5\\] must map"),
    (dict(treatment_values={"extraction": 0.1, "feedback": 1e9}), "feedback=1000000000.0"),  # one bad: none kept
])
def test_bad_choices_are_refused_and_change_nothing(fields, message):
    world = _world()
    code = world.join(world.room_code, "Ana").code
    with pytest.raises(ClassWorldError, match=message):
        world.choose(code, **fields)
    assert world.pending == []


def test_step_when_everyone_has_chosen():
    """Only factions with students count; the world steps on the last one's choice."""
    world = _world()
    world.set_host(when_all_chose=True)
    a, b, c = (world.join(world.room_code, n).code for n in ("Ana", "Ben", "Cleo"))
    world.choose(a)
    world.choose(b, vote="comply")
    assert world.year == 0 and not world.everyone_has_chosen()
    world.choose(c, research_share=0.2)
    assert world.year == 1 and world.pending == []
    assert [c["student"] for c in world.record()["years"][0]["choices"]] == ["Ana", "Ben", "Cleo"]


def test_factions_are_added_before_the_first_year_only_up_to_the_cap():
    world = _world()
    assert world.add_faction() == 5 and len(world.model.factions) == 6
    world.step()
    with pytest.raises(ClassWorldError, match="before the first year"):
        world.add_faction()
    full = _world(n_factions=MAX_FACTIONS)
    with pytest.raises(ClassWorldError, match=f"the most allowed \\({MAX_FACTIONS}\\)"):
        full.add_faction()


@pytest.mark.parametrize(("settings", "message"), [
    (dict(speed=2), "'speed' is not a host setting"),
    (dict(pace=0), "pace=0 must be seconds per year"),
    (dict(pace=float("nan")), "pace=nan"),
    (dict(reveal="yes"), "reveal='yes' must be true or false"),
])
def test_bad_host_settings_are_refused(settings, message):
    world = _world()
    with pytest.raises(ClassWorldError, match=message):
        world.set_host(**settings)
    assert (world.pace, world.reveal) == (2.0, False)


def test_the_world_stops_at_its_horizon():
    world = ClassWorld("baseline", steps=2)
    code = world.join(world.room_code, "Ana").code
    assert world.step() and world.step() and not world.step()
    with pytest.raises(ClassWorldError, match="last year"):
        world.choose(code, vote="comply")


def test_stored_on_the_class_board_and_replayed_from_it(tmp_path):
    world, _ = _played_class()
    board = ClassBoard(tmp_path / "class.sqlite", "Ethics 101")
    assert store_on_board(board, world)
    assert not store_on_board(board, world)  # a second click stores nothing more
    [stored] = board.worlds()
    assert {s["name"] for s in stored["record"]["students"]} == {"Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus"}
    _same_numbers(replay(stored["record"]), world.model)
    [row] = board.submissions()
    assert row["student"] == "Shared world" and row["steps"] == YEARS and row["finished"]


def test_replay_refuses_a_record_that_is_not_one():
    world, _ = _played_class()
    record = world.record()
    with pytest.raises(ClassWorldError, match="format"):
        replay({**record, "format": "x"})
    record["years"][2]["choices"] = [{"student": "Ana", "faction": 9}]
    with pytest.raises(ClassWorldError, match="faction=9"):
        replay(record)
    with pytest.raises(ClassWorldError, match="not a class-world record"):
        record_from_json("[1, 2")


def test_choices_from_many_threads_are_all_kept():
    """Thirty students choosing at once (one thread each, as browser sessions do) lose nothing."""
    world = _world()
    codes = [world.join(world.room_code, f"S{i}").code for i in range(30)]
    threads = [threading.Thread(target=world.choose, args=(code,), kwargs={"research_share": 0.2})
               for code in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(world.pending) == 30 and world.everyone_has_chosen()


def test_the_committed_rehearsal_record_is_what_its_script_plays():
    """plan 4 quotes a replay of docs/seminar/rehearsal_world.json: fails if the file is not the
    record make_rehearsal_world.py plays (edited by hand, or left behind by a change of its plan)."""
    import importlib.util
    from pathlib import Path

    seminar = Path(__file__).resolve().parents[2] / "docs" / "seminar"
    spec = importlib.util.spec_from_file_location("make_rehearsal_world", seminar / "make_rehearsal_world.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = record_from_json((seminar / "rehearsal_world.json").read_text())
    assert committed["years"] == script.play().record()["years"]
