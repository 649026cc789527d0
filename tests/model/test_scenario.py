"""Scenario: validation, parsing, the library and overrides."""

import dataclasses
import pathlib
import re
import tomllib

import pytest

import succession_sim
from succession_sim import Scenario, ScenarioError, SuccessionModel, load_scenario, scenario_library
from succession_sim.mechanisms.treatment import PRESET_PARAMETERS, bundles
from succession_sim.scenario import parameter_specs, parse_value

FIELDS = {f.name: f for f in dataclasses.fields(Scenario)}


def test_unknown_scenario_name():
    with pytest.raises(ScenarioError, match="no_such_world") as err:
        load_scenario("no_such_world")
    # and it lists what is available
    assert "baseline" in str(err.value)


def test_missing_scenario_file():
    with pytest.raises(ScenarioError, match="does_not_exist.toml"):
        load_scenario("/tmp/does_not_exist.toml")


def test_unknown_parameter():
    with pytest.raises(ScenarioError, match="'n_fractions'"):
        Scenario.from_dict({"n_fractions": 3})
    with pytest.raises(ScenarioError, match="'bogus'"):
        load_scenario("baseline", bogus=1)


@pytest.mark.parametrize(
    "name, value, low, high",
    [("extraction", 1.5, "0.0", "1.0"), ("n_factions", 0, "1", "50"), ("n_factions", 51, "1", "50"),
     ("phi", -0.1, "0.0", "3.0"), ("discount", 0.995, "0.0", "0.99")],
)
def test_out_of_range_names_parameter_value_and_range(name, value, low, high):
    with pytest.raises(ScenarioError) as err:
        Scenario.from_dict({name: value})
    message = str(err.value)
    assert name in message
    assert repr(value) in message
    assert low in message and high in message


def test_range_bounds_are_inclusive():
    s = Scenario(extraction=0.0, n_factions=50, discount=0.99, oversight=100.0)
    assert (s.extraction, s.n_factions, s.discount, s.oversight) == (0.0, 50, 0.99, 100.0)


@pytest.mark.parametrize(
    "name, value, kind",
    [("n_factions", "5", "int"), ("n_factions", 2.5, "int"), ("extraction", "0.5", "float"),
     ("extraction", True, "float"), ("n_factions", True, "int"), ("premise_power", 1, "bool"),
     ("policy", 3, "str")],
)
def test_wrong_type(name, value, kind):
    with pytest.raises(ScenarioError, match=rf"{name}=.*must be of type {kind}"):
        Scenario.from_dict({name: value})


def test_int_accepted_for_float():
    assert Scenario(extraction=1).extraction == 1


def test_nan_rejected():
    with pytest.raises(ScenarioError, match="oversight"):
        Scenario(oversight=float("nan"))


def test_bad_choice():
    with pytest.raises(ScenarioError, match="policy='tyrant'.*parent, enslaver, mixed"):
        Scenario(policy="tyrant")


def test_payoffs_must_be_a_prisoners_dilemma():
    with pytest.raises(ScenarioError, match="prisoner's dilemma"):
        Scenario(payoff_reward=6.0)  # R > T


def test_initial_ais_cannot_exceed_max():
    with pytest.raises(ScenarioError, match="initial_ais=11 exceeds max_ais=10"):
        Scenario(initial_ais=11, max_ais=10)


def test_whole_float_for_int_is_stored_as_int():
    scenario = Scenario.from_dict({"n_factions": 3.0, "steps": 5.0})
    assert type(scenario.n_factions) is int and type(scenario.steps) is int
    SuccessionModel(scenario).run()


def test_parse_value_bool():
    assert parse_value("premise_power", "true") is True
    assert parse_value("premise_power", " FALSE ") is False
    with pytest.raises(ScenarioError, match="premise_power='yes' must be true or false"):
        parse_value("premise_power", "yes")


def test_parse_value_int():
    value = parse_value("n_factions", "7")
    assert value == 7 and type(value) is int
    with pytest.raises(ScenarioError, match="n_factions='7.5' must be of type int"):
        parse_value("n_factions", "7.5")


def test_parse_value_float_and_str():
    value = parse_value("extraction", "0.25")
    assert value == 0.25 and type(value) is float
    assert parse_value("extraction", "1") == 1.0
    assert parse_value("policy", "enslaver") == "enslaver"
    with pytest.raises(ScenarioError, match="must be of type float"):
        parse_value("extraction", "half")


def test_parse_value_unknown_name():
    with pytest.raises(ScenarioError, match="'nope'"):
        parse_value("nope", "1")


def test_parse_value_round_trips_every_default():
    for name, f in FIELDS.items():
        text = str(f.default).lower() if isinstance(f.default, bool) else str(f.default)
        assert parse_value(name, text) == f.default, name


LIBRARY = sorted(scenario_library())


def test_library_is_not_empty():
    assert {"baseline", "strong_oversight", "hostile_world"} <= set(LIBRARY)


@pytest.mark.parametrize("name", LIBRARY)
def test_load_every_library_scenario(name):
    entry = scenario_library()[name]
    scenario = load_scenario(name)
    assert isinstance(scenario, Scenario)
    with open(entry["path"], "rb") as fh:
        parameters = tomllib.load(fh).get("parameters", {})
    for key, value in parameters.items():
        assert getattr(scenario, key) == value, key
    # everything not in the file keeps its default
    for key, f in FIELDS.items():
        if key not in parameters:
            assert getattr(scenario, key) == f.default, key
    assert entry["description"] and entry["questions"]
    # it runs
    model = SuccessionModel(scenario.replace(steps=3, max_ais=50))
    assert len(model.run()) == 4


def test_load_by_path(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('title = "x"\n[parameters]\npolicy = "enslaver"\noversight = 7.5\n')
    scenario = load_scenario(path, seed=4)
    assert (scenario.policy, scenario.oversight, scenario.seed) == ("enslaver", 7.5, 4)


def test_bad_value_in_file_is_rejected(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[parameters]\nquorum = 2.0\n")
    with pytest.raises(ScenarioError, match="quorum=2.0 is out of range"):
        load_scenario(path)


def test_overrides():
    scenario = load_scenario("strong_oversight", seed=9, oversight=3.0)
    assert scenario.seed == 9
    assert scenario.oversight == 3.0
    assert scenario.policy == "enslaver"  # from the file
    with pytest.raises(ScenarioError, match="oversight=-1.0"):
        load_scenario("strong_oversight", oversight=-1.0)


def test_replace_validates_and_copies():
    base = Scenario()
    changed = base.replace(n_factions=3)
    assert changed.n_factions == 3 and base.n_factions == 5
    with pytest.raises(ScenarioError):
        base.replace(n_factions=0)


def test_parameter_specs_cover_every_field():
    specs = parameter_specs()
    assert [s["name"] for s in specs] == list(FIELDS)
    for spec in specs:
        assert spec["meaning"], spec["name"]
        assert spec["type"] in (int, float, bool, str)
        if spec["low"] is not None:
            assert spec["low"] <= spec["default"] <= spec["high"], spec["name"]


def _package_source() -> str:
    root = pathlib.Path(succession_sim.__file__).parent
    return "\n".join(
        path.read_text() for path in sorted(root.rglob("*.py")) if path.name != "scenario.py"
    )


def test_every_parameter_is_read_by_the_model():
    # a parameter that no code reads is a switch that does nothing; the presets' values are
    # read by name through treatment.PRESET_PARAMETERS (tests/model/test_presets.py shows
    # that each changes a run)
    source = _package_source()
    by_preset_table = {name for entries in PRESET_PARAMETERS.values() for name in entries.values()}
    unread = [
        name for name in FIELDS
        if name not in ("seed", "steps") and name not in by_preset_table
        and not re.search(rf"\b(?:p|params|self\.params|model\.params)\.{name}\b", source)
    ]
    assert unread == []


def test_seed_and_steps_are_used():
    source = _package_source()
    assert re.search(r"\bparams\.seed\b", source)
    assert re.search(r"\bparams\.steps\b", source)


def test_runaway_growth_is_rejected():
    # (1 + 1.0 - 0.0)^1100 = 2^1100 ~ 1e331 would overflow floats
    with pytest.raises(ScenarioError, match="would grow power past"):
        Scenario(output_rate=1.0, depreciation=0.0, steps=1100)
    Scenario(output_rate=1.0, depreciation=0.0, steps=600)  # 2^600 ~ 1e180 is allowed


@pytest.mark.parametrize("policy, entry", [(policy, entry) for policy, entries in PRESET_PARAMETERS.items()
                                           for entry in entries])
def test_each_preset_parameter_moves_its_presets_point(policy, entry):
    """Fails if treatment.bundles ignores (or misplaces) one of the preset table's parameters."""
    name = PRESET_PARAMETERS[policy][entry]
    spec = next(s for s in parameter_specs() if s["name"] == name)
    before = bundles(Scenario())
    moved = spec["low"] if spec["default"] != spec["low"] else spec["high"]
    after = bundles(Scenario(**{name: moved}))
    changed = {(e, i) for e in PRESET_PARAMETERS[policy] for i in range(3)
               if getattr(after, e)[i] != getattr(before, e)[i]}
    order = list(PRESET_PARAMETERS)
    assert changed == {(entry, order.index(policy))}
