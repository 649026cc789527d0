"""CLI tables fit a projector terminal (100 columns); --wide shows every column in one table;
every printed interval carries its n."""

from __future__ import annotations

import re

import pytest

from succession_sim.cli import main
from succession_sim.console import WIDTH, table

INTERVAL = re.compile(r"-?\d+\.\d+ \[-?\d+\.\d+, -?\d+\.\d+\]")
ALL_POLICIES = "parent,enslaver,mixed,tutor"


def printed(capsys, argv) -> list[str]:
    assert main(argv) == 0
    return capsys.readouterr().out.splitlines()


def widest(lines) -> int:
    return max(len(line) for line in lines)


def test_the_table_splits_into_blocks_that_fit_and_keeps_every_cell():
    header = ["measure", *(f"policy {i}" for i in range(6))]
    rows = [["coop_human_ai", *(f"0.{i}00 [0.000, 1.000] (10)" for i in range(6))]]
    text = table(header, rows)
    assert widest(text.splitlines()) <= WIDTH
    assert all(f"0.{i}00 [0.000, 1.000] (10)" in text for i in range(6))
    assert text.count("coop_human_ai") > 1  # the key column repeats in every block
    wide = table(header, rows, width=None)
    assert widest(wide.splitlines()) > WIDTH and wide.count("coop_human_ai") == 1


def test_compare_fits_100_columns_and_wide_puts_every_policy_side_by_side(capsys):
    argv = ["compare", "--policies", ALL_POLICIES, "--replicates", "2", "--steps", "25"]
    lines = printed(capsys, argv)
    assert widest(lines) <= WIDTH
    wide = printed(capsys, [*argv, "--wide"])
    assert widest(wide) > WIDTH
    assert any(all(p in line for p in ALL_POLICIES.split(",")) for line in wide)  # one header with all four


def test_every_interval_shows_its_n(capsys):
    for argv in (["compare", "--replicates", "3", "--steps", "25"], ["knockout", "--replicates", "2", "--steps", "25"]):
        lines = printed(capsys, argv)
        for line in lines:
            for match in INTERVAL.finditer(line):
                assert re.match(r" \(\d+\)", line[match.end():]), line


def test_knockout_fits_100_columns(capsys):
    lines = printed(capsys, ["knockout", "--replicates", "2", "--steps", "25"])
    assert widest(lines) <= WIDTH and "all four off" in "\n".join(lines)
    assert widest(printed(capsys, ["knockout", "--replicates", "2", "--steps", "25", "--wide"])) > WIDTH


def test_run_fits_and_wide_adds_the_other_final_measures(capsys):
    lines = printed(capsys, ["run", "--steps", "30"])
    wide = printed(capsys, ["run", "--steps", "30", "--wide"])
    assert widest(lines) <= WIDTH and widest(wide) <= WIDTH
    assert not any("capability_frontier" in line for line in lines)
    assert any("capability_frontier" in line for line in wide)


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "s"
    experiment = out.parent / "e.toml"
    experiment.write_text('replicates = 2\nsteps = 20\n[set]\nmax_ais = 50\n[design]\nkind = "grid"\n'
                          "[design.parameters]\nextraction = [0.2, 0.8]\noversight = [1.0, 5.0]\n")
    assert main(["sweep", str(experiment), "--out", str(out), "--workers", "1"]) == 0
    return out


def test_report_fits_100_columns_and_wide_shows_every_measure(capsys, sweep_dir, monkeypatch):
    # the tables are checked here; drawing the figures (6 s of CPU per report) is tests/experiments'
    monkeypatch.setattr("succession_sim.experiments.report._save", lambda target, fig: None)
    capsys.readouterr()
    lines = [line for line in printed(capsys, ["report", str(sweep_dir)]) if not line.startswith("figure: ")]
    assert widest(lines) <= WIDTH
    note = " ".join(lines[next(i for i, line in enumerate(lines) if "more measures:" in line):])
    assert "mean_grievance" in note and "--wide shows them" in note
    wide = printed(capsys, ["report", str(sweep_dir), "--wide"])
    assert widest(wide) > WIDTH and not any("more measures:" in line for line in wide)
    assert any("mean_grievance" in line for line in wide)
