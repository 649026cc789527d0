"""Batch sweeps: run every (point, replicate, policy) of an experiment into a store.

Each run's seed comes from ``SeedSequence(root_seed, spawn_key=(point, replicate))``,
so results do not depend on the number of workers or the executor, any run can be rerun
alone (:func:`rerun`), and an interrupted sweep resumed with :func:`resume_sweep` ends
with the same data as an uninterrupted one. Every run, the first time or resumed, reads
the inputs stored in the sweep folder (:func:`open_sweep`); one process at a time runs a
sweep (the folder's lock).
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait

import pandas as pd
import pyarrow as pa

from .. import metrics
from ..model import SuccessionModel
from .design import Experiment, RunSpec, load_experiment
from .store import Store, StoreError, SweepProgress, now

__all__ = ["SweepProgress", "run_sweep", "resume_sweep", "execute_run", "rerun", "status", "open_sweep", "EXECUTORS"]

EXECUTORS = ("local", "dask")


def execute_run(experiment: Experiment, spec: RunSpec) -> pa.Table:
    """Run one model and return its kept rows, tidy, with the run's identity and seeds.

    The rows are built as an Arrow table, the form they are stored in, without a detour
    through pandas (that conversion was most of the sweep's own cost per run).
    """
    model = SuccessionModel(experiment.scenario_for(spec))
    frame = model.run()
    if experiment.every is None:
        frame = frame.iloc[[-1]]
    else:
        last = frame["step"].iloc[-1]
        frame = frame[(frame["step"] % experiment.every == 0) | (frame["step"] == last)]
    summary = model.summary()
    identity = {
        "run_id": spec.run_id,
        "point": spec.point,
        "replicate": spec.replicate,
        "policy": spec.policy,
        **experiment.points[spec.point],
        "seed": spec.seed,
        "seed_entropy": spec.seed_entropy,
        "seed_spawn_key": "/".join(map(str, spec.seed_spawn_key)),
        "outcome": summary["outcome"],
        "succession_year": summary["succession_year"],
    }
    n = len(frame)
    columns = {name: pa.array([value] * n) for name, value in identity.items()}
    columns["succession_year"] = pa.array([summary["succession_year"]] * n, type=pa.int64())
    for name in ("step", *experiment.keep):
        columns[name] = pa.array(frame[name].to_numpy())
    for name, value in metrics.window_mean_columns(model, experiment.keep).items():
        columns[name] = pa.array([value] * n, type=pa.float64())
    return pa.table(columns)


def _guarded_run(experiment: Experiment, spec: RunSpec) -> tuple[str, pa.Table | None, str | None]:
    try:
        return spec.run_id, execute_run(experiment, spec), None
    except Exception:  # noqa: BLE001 - a failed run is recorded, the sweep goes on
        return spec.run_id, None, traceback.format_exc(limit=8)


def run_sweep(experiment_path, out, workers: int = 1, executor: str = "local", scheduler: str | None = None,
              csv: bool = False, progress: Callable[[int], None] | None = None,
              on_total: Callable[[int], None] | None = None) -> SweepProgress:
    """Start a new sweep of the experiment file into the folder ``out``; nothing is made
    unless the experiment and the options are valid."""
    _check_executor(workers, executor, scheduler)
    Store(out).create(load_experiment(experiment_path))
    return resume_sweep(out, workers, executor, scheduler, csv, progress, on_total)


def resume_sweep(out, workers: int = 1, executor: str = "local", scheduler: str | None = None, csv: bool = False,
                 progress: Callable[[int], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 on_note: Callable[[str], None] | None = None) -> SweepProgress:
    """Continue a sweep: run only what is missing or failed, then compact. StoreError at
    once if another process is running it."""
    _check_executor(workers, executor, scheduler)
    store = Store(out)
    store.open()
    with store.lock():
        store, experiment, notes = open_sweep(out)
        for note in notes:
            if on_note:
                on_note(note)
        return _run(experiment, store, workers, executor, scheduler, csv, progress, on_total)


def open_sweep(out) -> tuple[Store, Experiment, list[str]]:
    """A sweep folder, its experiment read from the stored inputs, and a note for each
    original input that has changed or gone since the sweep started."""
    store = Store(out)
    manifest = store.open()
    experiment = load_experiment(store.root / "experiment.toml", inputs=store.stored_inputs(manifest))
    return store, experiment, store.input_notes(manifest)


def _check_executor(workers: int, executor: str, scheduler: str | None) -> None:
    if executor not in EXECUTORS:
        raise StoreError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    if workers < 1:
        raise StoreError(f"--workers {workers} must be at least 1")
    if scheduler and executor != "dask":
        raise StoreError("--scheduler goes with --executor dask")


def _run(experiment, store, workers, executor, scheduler, csv, progress, on_total) -> SweepProgress:
    specs = experiment.runs()
    done = store.done_ids()
    todo = [spec for spec in specs if spec.run_id not in done]
    if on_total:
        on_total(len(todo))
    if executor == "dask":
        from .dask_backend import open_executor

        context = open_executor(workers, scheduler)
    else:
        from .local_backend import open_executor

        context = open_executor(workers)
    ran = 0
    queue = iter(todo)
    window = 4 * workers  # runs in flight: enough to keep workers busy, few to hold in memory
    with context as pool:
        pending: set = set()
        while True:
            for spec in itertools.islice(queue, window - len(pending)):
                pending.add(pool.submit(_guarded_run, experiment, spec))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                run_id, frame, error = future.result()
                if frame is not None:
                    store.write_run(run_id, frame)
                else:
                    store.write_failure(run_id, error)
                ran += 1
                if progress:
                    progress(1)
    failed = len(store.failed())
    finished = len(store.done_ids())
    store.compact([spec.run_id for spec in specs], csv=csv)
    if finished + failed == len(specs) and (ran or not store.open().get("finished")):
        store.note(finished=now())  # a resume with nothing to run keeps the time the sweep finished
    return SweepProgress(len(specs), finished, failed, ran)


def status(out) -> SweepProgress:
    """Done, failed and pending counts of a sweep folder."""
    return Store(out).progress()


def rerun(out, run_id: str, on_note: Callable[[str], None] | None = None) -> pd.DataFrame:
    """Run one run of a sweep again, alone, from its recorded seed and stored inputs: the same rows."""
    store, experiment, notes = open_sweep(out)
    for note in notes:
        if on_note:
            on_note(note)
    for spec in experiment.runs():
        if spec.run_id == run_id:
            return execute_run(experiment, spec).to_pandas()
    raise StoreError(f"no run {run_id!r} in {str(store.root)!r}; run ids look like p00000-r000-parent")
