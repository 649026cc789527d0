"""Size of the environments the README's two commands build, from a fresh clone.

Run it from the project root (it clones the committed HEAD into a temporary folder)::

    uv run python benchmarks/env_size.py

For each command it clones the repository anew, lets ``uv run`` build ``.venv`` (the
packages come from uv's cache, or the package index), and prints the number of
installed packages (distributions, the project included) and the disk use of ``.venv``.

* dashboard: ``uv run succession-sim dashboard`` syncs the same environment as the
  ``uv run succession-sim --help`` timed here (no test tools);
* tests: ``uv run --group dev pytest --version`` (what the test command installs).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "dashboard (uv run succession-sim ...)": ["uv", "run", "succession-sim", "--help"],
    "tests (uv run --group dev pytest)": ["uv", "run", "--group", "dev", "pytest", "--version"],
}
TEST_TOOLS = ("pytest", "hypothesis", "playwright", "dask", "SALib")


def measure(folder: Path, argv: list[str]) -> dict:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    subprocess.run(argv, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    venv = folder / ".venv"
    site = next(venv.glob("lib/python*/site-packages"))
    packages = sorted(p.name.split("-")[0].lower() for p in site.glob("*.dist-info"))
    size = int(subprocess.run(["du", "-s", "--block-size=1M", str(venv)], capture_output=True, text=True,
                              check=True).stdout.split()[0])
    return {"packages": len(packages), "megabytes": size,
            "test_tools": [t for t in TEST_TOOLS if t.lower() in packages]}


def main() -> None:
    print(f"environments built from a fresh clone of {ROOT.name} (HEAD), Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        for index, (name, argv) in enumerate(COMMANDS.items()):
            figures = measure(Path(tmp) / f"clone{index}", argv)
            tools = ", ".join(figures["test_tools"]) or "none"
            print(f"{name:<40} {figures['packages']:>4} packages {figures['megabytes']:>6} MB   test tools: {tools}")


if __name__ == "__main__":
    main()
