"""The sweep store: one Parquet file per finished run, a manifest, nothing half-written.

Layout of an output folder::

    manifest.json        experiment text, design, root seed, versions, git commit, times,
                         and where each input came from (with its SHA-256)
    experiment.toml      a copy of the experiment file
    inputs/scenario.toml a copy of the scenario file, when the experiment names a file
    inputs/table.csv     a copy of a table design's CSV
    .lock                held (flock) by the process running the sweep
    runs/RUN_ID.parquet  one file per finished run (written to a temporary name, renamed)
    failed/RUN_ID.json   the error of a run that raised (removed when a retry succeeds)
    results.parquet      all runs compacted, tidy: one row per run per kept step

A file appears under its final name only once complete (``os.replace`` is atomic), and
readers ignore temporary files, so killing a sweep loses at most the runs in flight.
The inputs are stored when the sweep starts, and resuming, rerunning one run and the
report read the stored copies, whatever the originals have become since.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import platform
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UserError
from ..files import read_text, shown

if TYPE_CHECKING:  # pandas and pyarrow are imported where they are used: `status` needs neither
    import pandas as pd
    import pyarrow as pa

__all__ = ["Store", "StoreError", "SweepProgress", "atomic_write", "now", "run_id"]

MANIFEST = "manifest.json"
LOCK = ".lock"
#: Where each input file is stored in the sweep folder.
STORED_INPUTS = {"scenario": "inputs/scenario.toml", "table": "inputs/table.csv"}


class StoreError(UserError):
    """An output folder that cannot be used as asked."""


@dataclass
class SweepProgress:
    """Counts at the end of a sweep (or when it was interrupted)."""

    total: int
    done: int
    failed: int
    ran_now: int

    @property
    def pending(self) -> int:
        return self.total - self.done - self.failed


def run_id(point: int, replicate: int, policy: str) -> str:
    """The name of one run of a sweep, and of its file under runs/."""
    return f"p{point:05d}-r{replicate:03d}-{policy}"


def atomic_write(target: Path, write) -> None:
    """Call ``write(temporary_path)``, then rename the result into place."""
    # a hidden name that keeps the suffix, so that writers can infer the format from it
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=target.suffix)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; give it the usual mode
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def now() -> str:
    """The current UTC time, ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _git_state() -> dict:
    source = Path(__file__).resolve().parent
    try:
        commit = subprocess.run(["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(source), "status", "--porcelain"], capture_output=True, text=True,
                               timeout=10, check=True).stdout.strip() != ""
        return {"git_commit": commit, "git_dirty": dirty}
    except (OSError, subprocess.SubprocessError):
        return {"git_commit": None, "git_dirty": None}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inputs(manifest: dict) -> dict:
    """The manifest's record of inputs (none for sweeps made before inputs were stored)."""
    inputs = manifest.get("inputs")
    return {k: v for k, v in inputs.items() if isinstance(v, dict)} if isinstance(inputs, dict) else {}


def _failure_record(path: Path) -> dict:
    """A failed run's record; a damaged one still counts the run as failed (it is retried)."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {"run_id": path.stem, "error": f"the failure record cannot be read ({exc})"}
    return record if isinstance(record, dict) else {"run_id": path.stem, "error": repr(record)}


def _manifest_problem(manifest) -> str | None:
    """What makes ``manifest`` unusable as a sweep's manifest, in words (None if nothing)."""
    if not isinstance(manifest, dict):
        return f"it holds {type(manifest).__name__} {str(manifest)[:40]!r}, not an object"
    design = manifest.get("design")
    if not isinstance(design, dict) or not isinstance(design.get("points"), list):
        return "it has no design with a list of points"
    replicates = manifest.get("replicates")
    if type(replicates) is not int or replicates < 1:
        return f"replicates={replicates!r} is not a whole number >= 1"
    policies = manifest.get("policies")
    if not isinstance(policies, list) or not policies or not all(isinstance(p, str) for p in policies):
        return f"policies={policies!r} is not a list of names"
    return None


class Store:
    """An output folder of a sweep."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.runs_dir = self.root / "runs"
        self.failed_dir = self.root / "failed"

    # --- creating and opening ------------------------------------------------------
    def create(self, experiment) -> None:
        """Start a new sweep here, storing its inputs; refuses a folder that already holds one.
        If anything fails, a folder this call made is removed again."""
        if (self.root / MANIFEST).exists():
            raise StoreError(f"{self.root} already holds a sweep; continue it with --resume {self.root}")
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"--out {str(self.root)!r} is a file, not a folder")
        made = not self.root.exists()
        try:
            self.runs_dir.mkdir(parents=True, exist_ok=True)
            self.failed_dir.mkdir(exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {str(self.root)!r} ({exc.strerror})") from None
        try:
            self._store_inputs(experiment)
        except BaseException:
            if made:
                shutil.rmtree(self.root, ignore_errors=True)
            raise

    def _store_inputs(self, experiment) -> None:
        atomic_write(self.root / "experiment.toml", lambda tmp: Path(tmp).write_text(experiment.text))
        inputs = {"experiment": {"original": str(Path(experiment.path).resolve()),
                                 "sha256": _sha256(experiment.text.encode())}}
        for name, source in experiment.inputs.items():
            data = Path(source).read_bytes()
            target = self.root / STORED_INPUTS[name]
            target.parent.mkdir(exist_ok=True)
            atomic_write(target, lambda tmp, data=data: Path(tmp).write_bytes(data))
            inputs[name] = {"original": str(Path(source).resolve()), "stored": STORED_INPUTS[name],
                            "sha256": _sha256(data)}
        manifest = {
            "experiment_file": str(experiment.path),
            "experiment": experiment.text,
            "title": experiment.title,
            "design": {"kind": experiment.design_kind, "points": experiment.points, "problem": experiment.problem,
                       "seed_draws": experiment.seed_draws},
            "root_seed": experiment.seed,
            "replicates": experiment.replicates,
            "policies": experiment.policies,
            "runs": experiment.run_count,
            "versions": {
                "succession_sim": metadata.version("succession-sim"),
                "mesa": metadata.version("mesa"),
                "numpy": metadata.version("numpy"),
                "python": platform.python_version(),
            },
            **_git_state(),
            "inputs": inputs,
            "started": now(),
            "finished": None,
        }
        self._write_manifest(manifest)

    def stored_inputs(self, manifest: dict | None = None) -> dict[str, Path]:
        """The stored copies of the sweep's inputs, by name ("scenario", "table")."""
        manifest = self.open() if manifest is None else manifest
        return {name: self.root / record["stored"] for name, record in _inputs(manifest).items()
                if isinstance(record, dict) and record.get("stored") in STORED_INPUTS.values()}

    def input_notes(self, manifest: dict | None = None) -> list[str]:
        """A sentence for each original input that has changed or gone since the sweep started."""
        manifest = self.open() if manifest is None else manifest
        notes = []
        for name, record in _inputs(manifest).items():
            original = Path(record.get("original", ""))
            stored = record.get("stored", "experiment.toml")
            try:
                changed = _sha256(original.read_bytes()) != record.get("sha256")
                what = "has changed since the sweep started"
            except OSError:
                changed, what = True, "is gone"
            if changed:
                notes.append(f"the {name} file {shown(original)} {what}; using the copy stored in "
                             f"{shown(self.root / stored)}")
        return notes

    @contextlib.contextmanager
    def lock(self):
        """Hold the sweep's lock while running it: a second process refuses at once. The
        system releases it when the process ends, however it ends."""
        handle = open(self.root / LOCK, "a+")  # noqa: SIM115 - held for the duration of the block
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise StoreError(f"{shown(self.root)} is being run by {holder}; wait for it to finish "
                                 "or stop it, then --resume") from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()}")
            handle.flush()
            yield
        finally:
            handle.close()

    def open(self) -> dict:
        """The manifest of an existing sweep; StoreError if it is missing or cannot be read."""
        path = self.root / MANIFEST
        try:
            present = path.is_file()
        except OSError as exc:  # e.g. a folder name over the system's length limit
            raise StoreError(f"{shown(self.root)} cannot be opened ({exc.strerror})") from None
        if not present:
            raise StoreError(f"{shown(self.root)} holds no sweep (no {MANIFEST})")
        text = read_text(path, "the sweep's manifest", StoreError)
        try:
            manifest = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StoreError(f"the sweep's manifest {shown(path)} cannot be read: not JSON ({exc})") from None
        problem = _manifest_problem(manifest)
        if problem:
            raise StoreError(f"the sweep's manifest {shown(path)} cannot be read: {problem}")
        return manifest

    def _write_manifest(self, manifest: dict) -> None:
        atomic_write(self.root / MANIFEST, lambda tmp: Path(tmp).write_text(json.dumps(manifest, indent=2)))

    def note(self, **fields) -> None:
        """Update fields of the manifest (e.g. the finishing time)."""
        self._write_manifest({**self.open(), **fields})

    # --- runs --------------------------------------------------------------------------
    def done_ids(self) -> set[str]:
        return {p.stem for p in self.runs_dir.glob("*.parquet") if not p.name.startswith(".")}

    def failed(self) -> dict[str, dict]:
        return {p.stem: _failure_record(p) for p in self.failed_dir.glob("*.json") if not p.name.startswith(".")}

    def progress(self) -> SweepProgress:
        """Done, failed and pending runs, counted against the manifest's design (no model loaded)."""
        manifest = self.open()
        ids = {run_id(point, replicate, policy) for point in range(len(manifest["design"]["points"]))
               for replicate in range(manifest["replicates"]) for policy in manifest["policies"]}
        done = self.done_ids() & ids
        failed = set(self.failed()) & ids - done
        return SweepProgress(len(ids), len(done), len(failed), 0)

    def write_run(self, run_id: str, rows: pa.Table) -> None:
        import pyarrow.parquet as pq

        atomic_write(self.runs_dir / f"{run_id}.parquet", lambda tmp: pq.write_table(rows, tmp))
        (self.failed_dir / f"{run_id}.json").unlink(missing_ok=True)

    def write_failure(self, run_id: str, error: str) -> None:
        record = {"run_id": run_id, "error": error, "time": now()}
        atomic_write(self.failed_dir / f"{run_id}.json", lambda tmp: Path(tmp).write_text(json.dumps(record, indent=2)))

    # --- results ------------------------------------------------------------------------
    def compact(self, run_order: list[str], csv: bool = False) -> Path:
        """Concatenate finished runs, in run order, into results.parquet (and .csv)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        done = self.done_ids()
        tables = [pq.read_table(self.runs_dir / f"{run_id}.parquet") for run_id in run_order if run_id in done]
        # a measure that was NaN all run long is stored as null type: promote it when joining
        results = pa.concat_tables(tables, promote_options="permissive") if tables else pa.table({})
        target = self.root / "results.parquet"
        atomic_write(target, lambda tmp: pq.write_table(results, tmp))
        if csv:
            atomic_write(self.root / "results.csv", lambda tmp: results.to_pandas().to_csv(tmp, index=False))
        return target

    def results(self) -> pd.DataFrame:
        import pandas as pd

        path = self.root / "results.parquet"
        if not path.is_file():
            raise StoreError(f"{str(self.root)!r} has no results.parquet yet; finish the sweep with --resume")
        return pd.read_parquet(path)
