"""The command line: each command run through ``main`` in this process (a real process
costs seconds of imports; ``test_bad_input_through_a_real_process`` and
``tests/cli/test_startup.py`` check the command as a user starts it)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys

import pandas as pd
import pytest

from succession_sim.cli import main

SHORT = ["--steps", "40"]
SLIDE_PIXELS = (1333, 750)  # 13.33 x 7.5 inches (a 16:9 slide) at 100 dpi


def png_size(path) -> tuple[int, int]:
    """Width and height from a PNG's header, after checking its signature."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The command run in a process of its own, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "succession_sim.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    """The command run through ``main`` in this process: its exit code and what it printed."""
    code = main(list(args))
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, captured.out, captured.err)


def test_scenarios_lists_the_library(capsys):
    result = in_process(capsys, "scenarios")
    assert result.returncode == 0
    for name in ("baseline", "unified_humanity", "no_discovery", "human_ceiling",
                 "no_power_accrual", "hostile_world", "strong_oversight"):
        assert name in result.stdout


def test_run_json_has_the_contract_fields(capsys):
    result = in_process(capsys, "run", "--scenario", "baseline", "--json", "--seed", "4", *SHORT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("scenario", "seed", "steps", "outcome", "succession_year", "ai_power_share",
                "coop_human_human", "coop_human_ai", "coop_ai_ai", "rebellions", "human_welfare"):
        assert key in data
    assert set(data["premises"]) == {"P1_no_pause_share", "P2_discovery_year",
                                     "P3_superhuman_year", "P4_intelligence_power_corr", "P4_intelligence_premium"}
    assert data["scenario"] == "baseline" and data["seed"] == 4 and data["steps"] == 40


def test_set_parses_by_type_and_changes_the_run(capsys):
    on = json.loads(in_process(capsys, "run", "--json", *SHORT).stdout)
    off = json.loads(in_process(capsys, "run", "--json", "--set", "premise_discovery=false", "--set", "alpha=2", *SHORT).stdout)
    assert on["premises"]["P2_discovery_year"] is not None
    assert off["premises"]["P2_discovery_year"] is None


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_run_out_writes_the_series(tmp_path, suffix, capsys):
    out = tmp_path / f"run{suffix}"
    result = in_process(capsys, "run", "--out", str(out), *SHORT)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out) if suffix == ".csv" else pd.read_parquet(out)
    assert len(frame) == 41 and {"step", "ai_power_share", "coop_human_ai"} <= set(frame.columns)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_compare_json_and_plot(tmp_path, capsys):
    plot = tmp_path / "compare.png"
    result = in_process(capsys, "compare", "--replicates", "3", "--json", "--plot", str(plot), *SHORT)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["policies"] == ["parent", "enslaver"] and len(data["seeds"]) == 3
    assert data["per_policy"]["parent"]["coop_human_ai"]["n"] == 3
    assert "paired_difference" in data
    assert png_size(plot) == SLIDE_PIXELS
    for policy in ("parent", "enslaver"):
        assert sum(data["outcomes"][policy].values()) == pytest.approx(1.0)


def test_compare_table_is_printed(capsys):
    result = in_process(capsys, "compare", "--replicates", "2", *SHORT)
    assert result.returncode == 0, result.stderr
    assert "paired difference" in result.stdout and "outcome classes" in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "--scenario", "atlantis"], "unknown scenario 'atlantis'"),
        (["run", "--scenario", "missing.toml"], "does not exist"),
        (["run", "--set", "warp_speed=3"], "unknown parameter 'warp_speed'"),
        (["run", "--set", "alpha=lots"], "alpha='lots' must be of type float"),
        (["run", "--set", "alpha=99"], "alpha=99.0 is out of range"),
        (["run", "--set", "premise_power=maybe"], "must be true or false"),
        (["run", "--set", "policy=tyrant"], "choose one of parent, enslaver, mixed"),
        (["run", "--set", "alpha"], "--set expects KEY=VALUE"),
        (["run", "--steps", "0"], "steps=0 is out of range"),
        (["run", "--seed", "abc"], "invalid int value"),
        (["run", "--out", "/no/such/folder/run.csv"], "does not exist"),
        (["run", "--out", "run.xlsx"], "must end in .parquet or .csv"),
        (["compare", "--policies", "parent,tyrant"], "unknown policy 'tyrant'"),
        (["compare", "--replicates", "0"], "--replicates 0 must be from 1 to 10,000"),
        (["compare", "--plot", "/no/such/folder/c.png"], "does not exist"),
        (["bogus"], "invalid choice"),
        # the parameters of model v2 and of policy competition
        (["run", "--set", "payoff_stakes=-0.1"], "payoff_stakes=-0.1 is out of range"),
        (["run", "--set", "payoff_stakes=2", "--out", "run.csv"], "payoff_stakes * (payoff_punishment - payoff_sucker)"),
        (["run", "--set", "deprivation=-1"], "deprivation=-1.0 is out of range"),
        (["run", "--set", "enslaver_reciprocity=1.5"], "enslaver_reciprocity=1.5 is out of range"),
        (["run", "--set", "outcome_window=0"], "outcome_window=0 is out of range"),
        (["run", "--set", "conflict_threshold=much"], "conflict_threshold='much' must be of type float"),
        (["run", "--set", "mandate=king", "--out", "run.csv"], "mandate='king' is not allowed"),
        (["run", "--set", "ratio_rounding=ceil"], "ratio_rounding='ceil' is not allowed"),
        (["run", "--set", "augmentation=2"], "augmentation=2.0 is out of range"),
        (["run", "--set", "policy_imitation=-0.5"], "policy_imitation=-0.5 is out of range"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, message, tmp_path, monkeypatch, capsys):
    # in-process for speed; test_bad_input_through_a_real_process checks the same contract end to end
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("succession-sim: error:")
    assert message in lines[0]
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_bad_input_through_a_real_process(tmp_path):
    result = cli("run", "--set", "alpha=99", "--out", "run.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "succession-sim: error: alpha=99.0 is out of range; allowed: 0.0 to 5.0"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["scenarios", "run", "compare"])
def test_help_for_every_command(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0 and "usage: succession-sim" in capsys.readouterr().out


def test_knockout_end_to_end(tmp_path, capsys):
    plot = tmp_path / "knockout.png"
    assert main(["knockout", "--replicates", "2", "--steps", "60", "--json", "--plot", str(plot)]) == 0
    data = json.loads(capsys.readouterr().out)
    conditions = data["conditions"]
    assert list(conditions) == ["as is", "P1 off (unified humanity)", "P2 off (no discovery)",
                                "P3 off (human ceiling)", "P4 off (no power accrual)", "all four off"]
    for stats in conditions.values():
        assert stats["succession"]["n"] == 2 and stats["rebellions"]["n"] == 2
    # with P2 off no AI is ever built: no succession, no human-AI cooperation to measure
    assert conditions["P2 off (no discovery)"]["succession"]["mean"] == 0.0
    assert conditions["P2 off (no discovery)"]["coop_human_ai"]["n"] == 0
    assert set(data["paired_difference"]) == set(conditions) - {"as is"}
    assert png_size(plot) == SLIDE_PIXELS


def test_knockout_table_and_svg(tmp_path, capsys):
    svg = tmp_path / "knockout.svg"
    assert main(["knockout", "--replicates", "2", "--steps", "30", "--plot", str(svg)]) == 0
    out = capsys.readouterr().out
    assert "P4 off (no power accrual)" in out and "share of runs ending in succession" in out
    assert svg.read_text().lstrip().startswith("<?xml")
