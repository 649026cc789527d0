"""The documentation names everything the code defines (axelrod's habit of testing the codebase)."""

from __future__ import annotations

import pkgutil
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
    assert commands[1] == "pip install uv && uv run pytest"
