"""``succession-sim adaptation``: the half-life measure from the command line (issue 19)."""

from __future__ import annotations

import json

import pytest

from succession_sim.cli import main

SMALL = ["--steps", "60", "--seeds", "1", "--set", "max_ais=60"]


def test_adaptation_json_has_a_half_life_per_learner_and_switch(capsys):
    assert main(["adaptation", *SMALL, "--learners", "imitation,frozen_imitation", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["learners"]) == {"imitation", "frozen_imitation"}
    imitation = data["learners"]["imitation"]["cooperate_then_defect"]
    # an imitator closes 10% of the gap a year toward what it sees: halfway after 7 years
    assert imitation["median_half_life"] == 7 and imitation["n_ais"] > 0
    assert len(imitation["mean_path"]) == data["before"] + data["after"] + 1
    low, high = imitation["share_interval"]
    assert 0.0 <= low <= imitation["share_noticed"] <= high <= 1.0


def test_adaptation_table_names_the_censored_half_lives(capsys):
    assert main(["adaptation", *SMALL, "--learners", "frozen_imitation", "--at", "60"]) == 0
    out = capsys.readouterr().out
    assert "frozen_imitation" in out and ">20" in out and "(n AIs, n runs)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--learners", "parrot"], "unknown learner 'parrot'; allowed: experience"),
        (["--seeds", "0"], "seeds=0 must be at least 1"),
        (["--after", "0"], "after=0 must be at least 1"),
        (["--at", "41"], "at=41 must be a year from 0 to the scenario's steps (40)"),
        (["--seeds", "many"], "invalid int value"),
    ],
)
def test_bad_adaptation_input_exits_2_with_one_line(args, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["adaptation", "--steps", "40", *args]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("succession-sim: error:") and message in lines[0]
    assert captured.out == "" and list(tmp_path.iterdir()) == []


def test_adaptation_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["adaptation", "--help"])
    assert exit_.value.code == 0 and "halfway" in capsys.readouterr().out
