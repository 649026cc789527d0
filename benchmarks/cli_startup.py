"""How long the command line takes to answer: each command in a fresh process, best of several.

Run it from the project root::

    uv run python benchmarks/cli_startup.py              # table
    uv run python benchmarks/cli_startup.py --repeats 9  # more repeats per command
    uv run python benchmarks/cli_startup.py --json       # the same figures as JSON

Each command runs ``--repeats`` times (5 by default) as a new process, the way a user
starts it, and the fastest wall-clock time counts (the others carry the noise of a
shared machine). Two settings of Python's bytecode cache are timed:

* cache on: the usual case; a warm-up run first writes the compiled ``.pyc`` files;
* cache off (``PYTHONDONTWRITEBYTECODE=1``): every module is compiled from source at
  every start, as where the cache cannot be written. It shows what each import costs.

Target: ``--help``, ``scenarios`` and ``status`` answer in under 0.5 s. ``run --steps 1``
is timed for comparison (it loads numpy, pandas, scipy and Mesa to run a model). This
is a report, not a test: the exit code is 0 whether or not the target is met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 0.5
QUICK = ("--help", "scenarios", "status")


def cli_command() -> list[str]:
    """The installed ``succession-sim`` script next to this Python, or ``python -m`` as a fallback."""
    script = Path(sys.executable).parent / "succession-sim"
    return [str(script)] if script.exists() else [sys.executable, "-m", "succession_sim.cli"]


def commands(sweep_dir: Path) -> dict[str, list[str]]:
    cli = cli_command()
    return {
        "--help": [*cli, "--help"],
        "scenarios": [*cli, "scenarios"],
        "status": [*cli, "status", str(sweep_dir)],
        "import succession_sim.cli": [sys.executable, "-c", "import succession_sim.cli"],
        "run --steps 1": [*cli, "run", "--steps", "1"],
    }


def environment(cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env if cache else {**env, "PYTHONDONTWRITEBYTECODE": "1"}


def best_time(argv: list[str], env: dict[str, str], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return min(times)


def make_sweep(folder: Path) -> Path:
    """A finished one-run sweep, for ``status`` to count."""
    experiment = folder / "tiny.toml"
    experiment.write_text('steps = 2\npolicies = ["parent"]\n')
    out = folder / "sweep"
    subprocess.run([*cli_command(), "sweep", str(experiment), "--out", str(out), "--workers", "1"],
                   stdout=subprocess.DEVNULL, check=True)
    return out


def measure(repeats: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        argvs = commands(make_sweep(Path(folder)))
        figures = {}
        for cache in (True, False):
            env = environment(cache)
            if cache:
                for argv in argvs.values():  # the warm-up run writes the .pyc files
                    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            setting = "cache on" if cache else "cache off"
            figures[setting] = {name: best_time(argv, env, repeats) for name, argv in argvs.items()}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per command; the fastest counts (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.repeats)
    if args.json:
        print(json.dumps({"repeats": args.repeats, "python": platform.python_version(), "seconds": figures}, indent=2))
        return
    print(f"succession-sim start-up, best of {args.repeats} fresh processes, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores")
    settings = list(figures)
    print(f"{'command':<28}" + "".join(f"{s:>12}" for s in settings) + "   target")
    for name in figures[settings[0]]:
        target = f"< {TARGET} s" if name in QUICK else ""
        print(f"{name:<28}" + "".join(f"{figures[s][name]:>10.2f} s" for s in settings) + f"   {target}")


if __name__ == "__main__":
    main()
