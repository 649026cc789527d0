"""Scenario files are strict: a typo or a misplaced key exits 2 with one line, never a silent baseline run."""

from __future__ import annotations

import pytest

from succession_sim.cli import main
from succession_sim.scenario import ScenarioError, load_scenario

from .test_cli import cli

ALLOWED = "(allowed: title, description, questions, [parameters])"

BAD_FILES = [
    ('title = "x"\n[paramters]\nalpha = 2\n',
     f"my_world.toml: unknown top-level key 'paramters' {ALLOWED}; did you mean [parameters]?"),
    ("premise_power = false\n",
     "my_world.toml: top-level key 'premise_power' is a parameter: put it under [parameters]"),
    ("parameters = 3\n",
     "my_world.toml: 'parameters' must be a table ([parameters] with one name = value per line), got an integer"),
    ('titel = "x"\n', f"my_world.toml: unknown top-level key 'titel' {ALLOWED}; did you mean 'title'?"),
    ('colour = "red"\n', f"my_world.toml: unknown top-level key 'colour' {ALLOWED}"),
    ("title = 3\n", "my_world.toml: 'title' must be a string, got an integer"),
    ("description = [1]\n", "my_world.toml: 'description' must be a string, got a list"),
    ('questions = "why?"\n', "my_world.toml: 'questions' must be a list of strings"),
    ('questions = ["why?", 2]\n', "my_world.toml: 'questions' must be a list of strings"),
    ("[parameters]\nalfa = 2\n", "my_world.toml: unknown parameter 'alfa' in [parameters]; did you mean 'alpha'?"),
    ("[parameters]\nalpha = 99\n", "my_world.toml: [parameters] alpha=99.0 is out of range; allowed: 0.0 to 5.0"),
]


@pytest.mark.parametrize("body, message", BAD_FILES)
def test_a_bad_scenario_file_exits_2_with_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys, body, message):
    (tmp_path / "my_world.toml").write_text(body)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError) as error:
        load_scenario("my_world.toml")
    assert str(error.value) == message
    assert main(["run", "--scenario", "my_world.toml", "--steps", "3", "--out", "run.csv"]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"succession-sim: error: {message}\n" and captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_world.toml"]  # no run.csv


def test_a_misspelled_table_through_a_real_process(tmp_path):
    (tmp_path / "my_world.toml").write_text('[paramters]\npolicy = "enslaver"\n')
    result = cli("compare", "--scenario", "my_world.toml", "--replicates", "2", "--plot", "c.png", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("succession-sim: error: my_world.toml: unknown top-level key 'paramters' "
                             f"{ALLOWED}; did you mean [parameters]?\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_world.toml"]


def test_a_good_file_still_loads(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('title = "Mine"\ndescription = "d"\nquestions = ["q?"]\n[parameters]\npolicy = "enslaver"\n')
    assert load_scenario(path).policy == "enslaver"
