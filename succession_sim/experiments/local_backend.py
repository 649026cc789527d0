"""Run sweeps on this machine: worker processes, or the main process for one worker.

No worker outlives the sweep: each watches the sweep's process and exits once it is gone,
however it ended (SIGKILL included). The forkserver and the resource tracker then end by
themselves, when the last worker holding their pipes has.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager

__all__ = ["open_executor"]

#: How often a worker looks whether the sweep's process is still there (seconds).
WATCH_INTERVAL = 1.0


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed but not yet reaped by its parent, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):  # no /proc: kill(0) has answered
        return True


def _exit_when_gone(sweep_pid: int) -> None:
    while process_alive(sweep_pid):
        time.sleep(WATCH_INTERVAL)
    os._exit(1)  # from this thread: the whole worker ends, whatever it was running


def _watch_sweep(sweep_pid: int) -> None:
    """Worker initializer: a thread that ends the worker once the sweep's process is gone."""
    threading.Thread(target=_exit_when_gone, args=(sweep_pid,), daemon=True, name="watch-sweep").start()


class InProcessExecutor(Executor):
    """Runs each call at once in this process (one worker: no start-up cost, easy to debug)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(exc)
        return future


@contextmanager
def open_executor(workers: int):
    """An executor with ``workers`` processes.

    forkserver avoids forking a threaded parent; preloading the model in the server
    means the package is imported once, not once per worker.
    """
    if workers == 1:
        yield InProcessExecutor()
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["succession_sim.experiments.sweep"])
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_watch_sweep,
                               initargs=(os.getpid(),))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
