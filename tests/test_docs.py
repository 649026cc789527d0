"""The documentation names everything the code defines (axelrod's habit of testing the codebase)."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import pytest

from succession_sim import SuccessionModel, mechanisms
from succession_sim.metrics import MODEL_REPORTERS, OUTCOMES
from succession_sim.scenario import parameter_specs

ROOT = Path(__file__).resolve().parent.parent
ODD = (ROOT / "docs" / "ODD.md").read_text()


@pytest.mark.parametrize("spec", parameter_specs(), ids=lambda s: s["name"])
def test_every_parameter_has_its_row_in_the_odd(spec):
    default = str(spec["default"]).lower() if spec["type"] is bool else str(spec["default"])
    row_start = f"| `{spec['name']}` | {spec['type'].__name__} | {default} |"
    assert row_start in ODD
    assert spec["meaning"] in ODD


def test_every_reporter_summary_key_and_outcome_is_defined_in_the_odd():
    model = SuccessionModel(steps=3)
    model.run()
    summary = model.summary()
    names = [*MODEL_REPORTERS, *OUTCOMES, *(k for k in summary if k != "premises")]
    missing = [name for name in names if f"`{name}`" not in ODD]
    missing += [name for name in summary["premises"] if f"`premises.{name}`" not in ODD]
    assert missing == []


def test_every_mechanism_module_has_a_submodel_section():
    for module in pkgutil.iter_modules(mechanisms.__path__):
        assert f"mechanisms/{module.name}/" in ODD if module.ispkg else f"mechanisms/{module.name}.py" in ODD


def test_readme_quickstart_has_two_commands():
    readme = (ROOT / "README.md").read_text()
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in quickstart.splitlines() if line.startswith("pip install uv && uv run")]
    assert len(commands) == 2
    assert commands[0] == "pip install uv && uv run succession-sim dashboard"
    assert commands[1] == TEST_COMMAND


#: The README's test command: it must install the test tools (the dev group), which the
#: dashboard's command leaves out.
TEST_COMMAND = "pip install uv && uv run --group dev pytest"


def test_ci_runs_the_readmes_test_command_and_the_dashboard_env_leaves_out_the_test_tools():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert TEST_COMMAND in ci
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["tool"]["uv"]["default-groups"] == []
    test_tools = " ".join(pyproject["dependency-groups"]["dev"])
    assert all(tool in test_tools for tool in ("pytest", "hypothesis", "pytest-ipywidgets", "dask", "SALib"))
    assert not any(tool in " ".join(pyproject["project"]["dependencies"]) for tool in ("pytest", "hypothesis"))


#: Where the project's own files live; none of them may point outside the repository.
SHIPPED = ["README.md", "docs", "models", "succession_sim", "viz"]
OUTSIDE = (b"../shared", b"/work/")


def _shipped_files():
    for name in SHIPPED:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        yield from (p for p in files if "__pycache__" not in p.parts)  # compiled files hold their own paths


def test_no_file_points_outside_the_repository():
    offenders = [f"{path.relative_to(ROOT)}: {pattern.decode()}" for path in _shipped_files()
                 for pattern in OUTSIDE if pattern in path.read_bytes()]
    assert offenders == []


def test_the_sources_page_is_where_the_docs_point():
    sources = (ROOT / "docs" / "sources.md").read_text()
    assert "Dwarkesh Podcast" in sources and "2025" in sources
    for doc in ("docs/ODD.md", "docs/learning.md", "docs/seminar/plan1_premises.md",
                "docs/seminar/plan2_parent_vs_enslaver.md", "docs/seminar/README.md"):
        assert "sources.md" in (ROOT / doc).read_text(), doc
