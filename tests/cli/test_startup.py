"""The command line starts at once: each command imports only what it needs.

Timing depends on the machine (benchmarks/cli_startup.py prints the figures); what
these tests pin down is the cause of a slow start, the modules a command loads.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("numpy", "pandas", "scipy", "mesa", "pyarrow", "matplotlib", "solara", "networkx")
PLOTTING_OR_DASHBOARD = ("matplotlib", "solara", "viz")


def modules_loaded_by(code: str, cwd=None) -> set[str]:
    """Top-level package names in sys.modules after running ``code`` in a fresh interpreter."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_importing_the_package_and_the_cli_loads_nothing_heavy():
    assert modules_loaded_by("import succession_sim, succession_sim.cli") & set(HEAVY) == set()


def test_the_lazy_names_still_work():
    loaded = modules_loaded_by("from succession_sim import SuccessionModel, Scenario, load_scenario\n"
                               "assert SuccessionModel(Scenario(steps=2)).run() is not None")
    assert "mesa" in loaded  # SuccessionModel brought the model in when it was asked for


@pytest.mark.parametrize("argv", [["--help"], ["scenarios"], ["scenarios", "--json"], ["status", "SMOKE"]])
def test_quick_commands_load_no_numpy_pandas_or_mesa(argv, smoke_store):
    argv = [str(smoke_store) if a == "SMOKE" else a for a in argv]
    code = f"from succession_sim.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    assert modules_loaded_by(code) & set(HEAVY) == set()


def test_run_loads_no_plotting_or_dashboard_code(tmp_path):
    code = ("from succession_sim.cli import main\n"
            "assert main(['run', '--steps', '5', '--out', 'run.parquet']) == 0")
    loaded = modules_loaded_by(code, cwd=tmp_path)
    assert "mesa" in loaded and "pandas" in loaded  # it did run the model
    assert loaded & set(PLOTTING_OR_DASHBOARD) == set()


@pytest.fixture(scope="module")
def smoke_store(tmp_path_factory):
    """A finished one-run sweep to ask the status of."""
    from succession_sim.cli import main

    folder = tmp_path_factory.mktemp("status")
    experiment = folder / "tiny.toml"
    experiment.write_text('steps = 3\npolicies = ["parent"]\n')
    assert main(["sweep", str(experiment), "--out", str(folder / "out"), "--workers", "1"]) == 0
    return folder / "out"
