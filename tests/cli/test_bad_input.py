"""Hostile input: every case ends in one line on stderr and exit 2, within a second or two,
with no file written (issue 21's list). Each case calls the CLI's main() in this process.

Each case fails if its fix is undone: the traceback comes back (main() raises), the size is
not bounded before allocation (the call runs out of time or memory), or a file or folder
is left behind."""

from __future__ import annotations

import errno
import json
import time
from pathlib import Path

import pytest

from succession_sim.cli import MAX_REPLICATES, main
from succession_sim.experiments.design import MAX_LEVELS, MAX_RUNS
from succession_sim.scenario import parameter_specs

#: Longest a refusal may take, once the modules are loaded (a second, with room for a loaded machine).
FAST = 3.0
TOO_LONG = "x" * 300  # over the usual 255-byte limit of one file name
SOBOL = 'kind = "sobol"\n[design.parameters]\nalpha = [0.5, 2.0]\n'


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def refused(capsys, argv, folder: Path) -> str:
    """Run main(argv): exit 2, one line on stderr, nothing on stdout, no file added to ``folder``.
    The line, without its prefix."""
    before = files(folder)
    started = time.monotonic()
    code = main([str(a) for a in argv])
    seconds = time.monotonic() - started
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert code == 2 and captured.out == "" and len(lines) == 1, (code, captured.out, captured.err)
    assert lines[0].startswith("succession-sim: error: ")
    assert seconds < FAST, f"took {seconds:.1f} s"
    assert files(folder) == before
    return lines[0].removeprefix("succession-sim: error: ")


def experiment(folder: Path, design: str, top: str = "replicates = 1\nsteps = 5\n", name="e.toml") -> Path:
    path = folder / name
    path.write_text(f'{top}policies = ["parent"]\n[design]\n{design}')
    return path


def sweep(path: Path, *extra) -> list:
    return ["sweep", path, "--out", path.parent / "out", *extra]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module", autouse=True)
def _modules_loaded():
    """Import what the commands import, so that the time measured is the check's, not the imports'."""
    import succession_sim.experiments.compare  # noqa: F401
    import succession_sim.experiments.knockout  # noqa: F401
    import succession_sim.experiments.report  # noqa: F401
    import succession_sim.experiments.sweep  # noqa: F401


# --- names over the system's limit ------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["run", "--scenario", TOO_LONG + ".toml"],
    ["run", "--scenario", TOO_LONG],
    ["run", "--out", TOO_LONG + ".csv"],
    ["sweep", TOO_LONG + ".toml", "--out", "out"],
    ["status", TOO_LONG],
    ["sweep", "--resume", TOO_LONG],
], ids=["scenario file", "scenario name", "run --out", "experiment file", "status", "resume"])
def test_a_file_name_over_the_limit(tmp_path, capsys, argv):
    message = refused(capsys, argv, tmp_path)
    assert "characters)" in message or "unknown scenario" in message


# --- manifests -----------------------------------------------------------------------------

@pytest.mark.parametrize("content, problem", [
    (b"{", "not JSON"),
    (b"", "not JSON"),
    (b"\xff\xfe\x00binary", "is not UTF-8 text"),
    (b"[1, 2]", "it holds list"),
    (b'{"design": {"points": [{}]}, "replicates": "2", "policies": ["parent"]}', "replicates='2'"),
], ids=["corrupt", "empty", "binary", "a list", "a bad field"])
@pytest.mark.parametrize("command", ["status", "sweep --resume", "report", "run --from"])
def test_a_manifest_that_cannot_be_read(tmp_path, capsys, content, problem, command):
    folder = tmp_path / "sweep"
    (folder / "runs").mkdir(parents=True)
    (folder / "manifest.json").write_bytes(content)
    argv = {"status": ["status", folder], "sweep --resume": ["sweep", "--resume", folder],
            "report": ["report", folder], "run --from": ["run", "--from", folder, "--run-id", "p00000-r000-parent"]}
    message = refused(capsys, argv[command], tmp_path)
    assert "manifest" in message and problem in message


# --- files that are not UTF-8 ----------------------------------------------------------------

LATIN1 = 'title = "Caf\xe9"\n'.encode("latin-1")


def test_a_scenario_file_that_is_not_utf8(tmp_path, capsys):
    (tmp_path / "world.toml").write_bytes(LATIN1)
    message = refused(capsys, ["run", "--scenario", "world.toml"], tmp_path)
    assert message == "scenario file 'world.toml' is not UTF-8 text (byte 0xe9 at position 12); save it as UTF-8"


def test_an_experiment_file_that_is_not_utf8(tmp_path, capsys):
    (tmp_path / "e.toml").write_bytes(LATIN1)
    assert "experiment file" in refused(capsys, ["sweep", "e.toml", "--out", "out"], tmp_path)
    assert "is not UTF-8 text" in refused(capsys, ["sweep", "e.toml", "--out", "out", "--dry-run"], tmp_path)


# --- table designs ------------------------------------------------------------------------

@pytest.mark.parametrize("csv, design, problem", [
    (b"alpha,extraction\n1.0,0.5\n2.0\n", None, "line 3 has 1 values, the header has 2 columns"),
    (b"alpha,extraction\n1.0,0.5,7\n", None, "line 2 has 3 values, the header has 2 columns"),
    (b"alpha,alpha\n1.0,2.0\n", None, "column 'alpha' appears more than once"),
    (b"alpha\n1.0\n", 'kind = "table"\nfile = 5\n', "a table design needs file = \"points.csv\" (a file name), got 5"),
    (b"alpha\n\xe9\n", None, "is not UTF-8 text (byte 0xe9 at position 6)"),
    (b"alpha\n", None, "has no points"),
], ids=["short row", "extra column", "a column twice", "file = 5", "not UTF-8", "no rows"])
def test_a_bad_table(tmp_path, capsys, csv, design, problem):
    (tmp_path / "points.csv").write_bytes(csv)
    path = experiment(tmp_path, design or 'kind = "table"\nfile = "points.csv"\n')
    assert problem in refused(capsys, sweep(path), tmp_path)
    assert problem in refused(capsys, sweep(path, "--dry-run"), tmp_path)


# --- sizes, bounded before anything is built -------------------------------------------------

@pytest.mark.parametrize("levels", ["0", "-1", '"x"', "1", "2.5", "1e9", str(MAX_LEVELS + 1)])
def test_morris_levels_outside_2_to_1000(tmp_path, capsys, levels):
    pytest.importorskip("SALib")
    path = experiment(tmp_path, f'kind = "morris"\nn = 2\nlevels = {levels}\n[design.parameters]\nalpha = [0.5, 2.0]\n')
    assert f"must be a whole number from 2 to {MAX_LEVELS}" in refused(capsys, sweep(path), tmp_path)


def numeric_names(count: int) -> list[str]:
    names = [s["name"] for s in parameter_specs() if s["type"] is float]
    assert len(names) >= count
    return names[:count]


@pytest.mark.parametrize("top, design", [
    ("replicates = 1_000_000_000_000\n", SOBOL.replace("sobol", "grid").replace("[0.5, 2.0]", "[1.0]")),
    ("", 'kind = "lhs"\nn = 1_000_000_000_000\n[design.parameters]\nalpha = [0.5, 2.0]\n'),
    ("", SOBOL.replace('"sobol"\n', '"sobol"\nn = 1_000_000_000\n')),
    ("", 'kind = "grid"\n[design.parameters]\n'
         + "".join(f"{name} = [{', '.join(['0.1'] * 9)}]\n" for name in numeric_names(11))),
], ids=["replicates 10**12", "lhs n 10**12", "sobol n 10**9", "grid of 9**11 points"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["sweep", "dry run"])
def test_a_design_too_large_is_refused_before_it_is_built(tmp_path, capsys, top, design, dry_run):
    path = experiment(tmp_path, design, top=top or "replicates = 1\nsteps = 5\n")
    message = refused(capsys, sweep(path, *(["--dry-run"] if dry_run else [])), tmp_path)
    assert f"a sweep may have at most {MAX_RUNS:,}" in message or f"from 1 to {MAX_RUNS}" in message


@pytest.mark.parametrize("argv", [["compare", "--replicates", "1000000000"], ["knockout", "--replicates", "100000000"],
                                  ["compare", "--replicates", "0"], ["knockout", "--replicates", "-3"]])
def test_replicates_outside_1_to_the_maximum(tmp_path, capsys, argv):
    assert f"must be from 1 to {MAX_REPLICATES:,}" in refused(capsys, argv, tmp_path)


# --- sweep options that fail validation leave no folder ----------------------------------------

@pytest.mark.parametrize("extra, problem", [
    (["--workers", "-1"], "--workers -1 must be from 1 to"),
    (["--workers", "0"], "--workers 0 must be from 1 to"),
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler goes with --executor dask"),
])
def test_bad_sweep_options_leave_no_folder(tmp_path, capsys, extra, problem):
    path = experiment(tmp_path, 'kind = "grid"\n')
    assert problem in refused(capsys, sweep(path, *extra), tmp_path)


# --- a full or read-only disk during a sweep -----------------------------------------------------

def test_a_full_disk_during_a_sweep_is_one_line(tmp_path, capsys, monkeypatch):
    from succession_sim.experiments.store import Store

    def disk_full(self, run_id, rows):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.runs_dir / f"{run_id}.parquet"))

    monkeypatch.setattr(Store, "write_run", disk_full)
    path = experiment(tmp_path, 'kind = "grid"\n')
    assert main(["sweep", str(path), "--out", "out", "--workers", "1"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["succession-sim: error: 'out/runs/p00000-r000-parent.parquet': No space left on device"]
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["finished"] is None  # resumable
