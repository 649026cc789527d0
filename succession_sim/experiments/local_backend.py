"""Run sweeps on this machine: worker processes, or the main process for one worker."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager

__all__ = ["open_executor"]


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
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
