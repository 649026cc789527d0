"""A sweep folder holds everything it needs (its scenario file and table CSV), one process
at a time runs it, and no process outlives a killed sweep (issue 21, item 2)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from succession_sim.cli import main
from succession_sim.experiments.store import Store

RUN = "p00000-r000-parent"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def scenario_sweep(tmp_path) -> tuple[Path, Path]:
    """A sweep of a scenario file next to its experiment file; the experiment folder and the sweep."""
    here = tmp_path / "study"
    write(here / "world.toml", "[parameters]\ninitial_ais = 40\nhuman_trust = 0.9\n")
    experiment = write(here / "e.toml", 'scenario = "world.toml"\nreplicates = 1\nsteps = 8\npolicies = ["parent"]\n'
                                        '[design]\nkind = "grid"\n[design.parameters]\nextraction = [0.2, 0.7]\n')
    out = tmp_path / "out"
    assert main(["sweep", str(experiment), "--out", str(out), "--workers", "1"]) == 0
    return here, out


def run_rows(out: Path, run_id: str = RUN) -> pd.DataFrame:
    return pd.read_parquet(out / "runs" / f"{run_id}.parquet")


def test_resume_elsewhere_reruns_a_lost_run_with_the_stored_scenario(tmp_path, capsys, monkeypatch):
    """Fails if resume reads the scenario file again (relative to the current folder, or the
    changed original) instead of the copy stored when the sweep started."""
    here, out = scenario_sweep(tmp_path)
    assert (out / "inputs" / "scenario.toml").read_text() == (here / "world.toml").read_text()
    before = run_rows(out)
    (out / "runs" / f"{RUN}.parquet").unlink()
    write(here / "world.toml", "[parameters]\ninitial_ais = 3\nhuman_trust = 0.1\n")  # the original changes
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "world.toml", "[parameters]\nhuman_trust = 0.0\n")  # another world.toml where resumed
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["sweep", "--resume", str(out), "--workers", "1"]) == 0
    pd.testing.assert_frame_equal(run_rows(out), before)
    notes = [line for line in capsys.readouterr().err.splitlines() if "note:" in line]
    assert notes == [f"succession-sim: note: the scenario file '{here / 'world.toml'}' has changed since the sweep "
                     f"started; using the copy stored in '{out / 'inputs' / 'scenario.toml'}'"]


def test_a_table_design_works_after_its_csv_is_gone(tmp_path, capsys):
    """Fails if resume, run --from or report need the table CSV where the experiment names it."""
    here = tmp_path / "study"
    write(here / "points.csv", "extraction,oversight\n0.2,1.0\n0.7,4.0\n")
    experiment = write(here / "e.toml", 'replicates = 1\nsteps = 8\npolicies = ["parent", "enslaver"]\n'
                                        '[design]\nkind = "table"\nfile = "points.csv"\n')
    out = tmp_path / "out"
    assert main(["sweep", str(experiment), "--out", str(out), "--workers", "1"]) == 0
    before = run_rows(out)
    (here / "points.csv").unlink()
    (out / "runs" / f"{RUN}.parquet").unlink()
    capsys.readouterr()
    assert main(["sweep", "--resume", str(out), "--workers", "1"]) == 0
    pd.testing.assert_frame_equal(run_rows(out), before)
    assert main(["run", "--from", str(out), "--run-id", RUN, "--json"]) == 0
    assert main(["report", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.count(f"note: the table file '{here / 'points.csv'}' is gone; using the copy stored in") == 3


def test_a_second_resume_refuses_while_the_first_runs(tmp_path, capsys):
    """Fails without the lock: the second resume would run the pending runs again."""
    _, out = scenario_sweep(tmp_path)
    (out / "runs" / f"{RUN}.parquet").unlink()
    with Store(out).lock():  # the first resume, still running
        capsys.readouterr()
        assert main(["sweep", "--resume", str(out), "--workers", "1"]) == 2
        lines = capsys.readouterr().err.splitlines()
    assert lines == [f"succession-sim: error: '{out}' is being run by process {os.getpid()}; wait for it to finish "
                     "or stop it, then --resume"]
    assert not (out / "runs" / f"{RUN}.parquet").exists()
    assert main(["sweep", "--resume", str(out), "--workers", "1"]) == 0  # released: it runs


def children(pid: int) -> set[int]:
    """Every process descended from ``pid`` (from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_bytes().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != b"Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to list a process's children")
def test_no_process_outlives_a_killed_sweep(tmp_path):
    """Fails if the workers (and so the forkserver and resource tracker) live on after SIGKILL."""
    experiment = write(tmp_path / "e.toml", 'replicates = 40\nsteps = 60\npolicies = ["parent", "enslaver"]\n'
                                            '[design]\nkind = "grid"\n[design.parameters]\nextraction = [0.2, 0.7]\n')
    sweep = subprocess.Popen([sys.executable, "-m", "succession_sim.cli", "sweep", str(experiment), "--out",
                              str(tmp_path / "out"), "--workers", "2"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    helpers: set[int] = set()
    deadline = time.monotonic() + 240
    while len(list((tmp_path / "out" / "runs").glob("*.parquet"))) < 2 or len(helpers) < 4:
        assert sweep.poll() is None and time.monotonic() < deadline, "the sweep did not get going"
        helpers |= children(sweep.pid)  # forkserver, resource tracker, two workers
        time.sleep(0.2)
    sweep.send_signal(signal.SIGKILL)
    sweep.wait()
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in helpers if alive(pid)] == []
