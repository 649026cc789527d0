"""Run sweeps with Dask: a LocalCluster here, or an existing cluster by its scheduler address.

Install with ``pip install 'succession-sim[dask]'``. Calls are submitted with
``pure=False`` so that Dask never returns a cached result for a repeated call.
"""

from __future__ import annotations

from contextlib import contextmanager

__all__ = ["open_executor"]


@contextmanager
def open_executor(workers: int, scheduler: str | None = None):
    """A concurrent.futures executor backed by a Dask client."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the dask executor needs Dask: pip install 'succession-sim[dask]'") from None
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
