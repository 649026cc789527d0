"""Model tests: under pytest-xdist the workers share their cached runs (tests/model/runs.py)."""

from __future__ import annotations

import pytest

from . import runs


@pytest.fixture(scope="session", autouse=True)
def model_runs_shared_between_workers(tmp_path_factory, worker_id):
    # the parent of a worker's base temporary folder is the one all workers of this session share
    if worker_id != "master":
        runs.share_between_workers(tmp_path_factory.getbasetemp().parent / "model-runs")
