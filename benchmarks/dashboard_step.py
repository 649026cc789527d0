"""Time per Step in the served dashboard, as a student sees it: click -> new year and redrawn charts.

Run it from the project root::

    uv run python benchmarks/dashboard_step.py             # table
    uv run python benchmarks/dashboard_step.py --steps 50  # more timed steps per case
    uv run python benchmarks/dashboard_step.py --json      # the same figures as JSON

What it does: starts the dashboard with ``solara run viz/app.py --production`` on a free
port, opens it in Chromium (``/usr/bin/chromium``, driven by playwright), and for each case
clicks "Step" ``--steps`` times (60 by default) after a few warm-up steps. Each timing runs inside the
page (``performance.now()``): from the click until the year shown has gone up by one
**and** both drawings (network and time series) have drawn it. That covers
the model's step, the snapshot, the page update over the websocket and the browser
drawing the network and the charts (each marks the year it drew).

Cases: the ``baseline`` scenario, and ``baseline`` with 1,000 agents from the start
(``initial_ais = max_ais = 1000``, set through the page's link parameters).

Targets: mean < 150 ms at baseline, < 500 ms at 1,000 agents. This is a report, not a
test: the exit code is 0 whether or not the targets are met (2 if the server or the
browser cannot start).
"""

from __future__ import annotations

import argparse
import json
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viz.serve import command, environment  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
CASES = (
    ("baseline", "", 150.0),
    ("baseline, 1,000 agents", "?initial_ais=1000&max_ais=1000", 500.0),
)
WARMUP_STEPS = 3

# Runs in the page: click Step n times, timing each until the year and both drawings show the next year
# (the browser-drawn network and charts mark the year they drew in `data-drawn-year`).
STEP_TIMER = """
async (n) => {
  const year = () => parseInt(document.querySelector('.year-display').innerText.split(' ')[1]);
  const drawings = () => [...document.querySelectorAll('.network-view [data-drawn-year], .timeseries-view [data-drawn-year]')];
  const button = [...document.querySelectorAll('button')].find(b => b.innerText.trim().toLowerCase() === 'step');
  const result = [];
  for (let i = 0; i < n; i++) {
    const target = year() + 1;
    const t0 = performance.now();
    let yearAt = null;
    button.click();
    await new Promise((resolve, reject) => {
      const check = () => {
        const now = performance.now();
        if (yearAt === null && year() === target) yearAt = now;
        const drawn = drawings().every(e => parseInt(e.dataset.drawnYear) >= target);
        if (yearAt !== null && drawn) resolve();
        else if (now - t0 > 30000) reject(new Error('no redraw within 30 s'));
        else setTimeout(check, 1);
      };
      check();
    });
    result.push({total: performance.now() - t0, year: yearAt - t0});
  }
  return result;
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, timeout: float = 60.0, args: list[str] | None = None) -> subprocess.Popen:
    """Start the dashboard (``args``, or ``solara run`` as ``viz.serve`` builds it) and wait until it answers."""
    server = subprocess.Popen(args or command("127.0.0.1", port), env=environment(), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the dashboard server exited: {server.stderr.read()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"the dashboard server did not answer within {timeout:.0f} s")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()


def time_case(browser, url: str, steps: int) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(url)
        page.locator(".year-display").wait_for()
        page.locator(".network-view canvas").wait_for()
        page.evaluate(STEP_TIMER, WARMUP_STEPS)
        timings = page.evaluate(STEP_TIMER, steps)
        agents = page.locator(".run-settings").inner_text()
    finally:
        context.close()
    totals = sorted(t["total"] for t in timings)
    years = [t["year"] for t in timings]
    return {
        "steps": steps,
        "settings": agents,
        "mean_ms": statistics.fmean(totals),
        "median_ms": statistics.median(totals),
        "p95_ms": totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))],
        "max_ms": totals[-1],
        "mean_year_shown_ms": statistics.fmean(years),
        "all_ms": [round(t["total"], 1) for t in timings],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=60, help="timed steps per case (default 60)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.steps < 1:
        parser.error("--steps must be at least 1")

    from playwright.sync_api import sync_playwright

    port = free_port()
    try:
        server = start_server(port)
    except RuntimeError as exc:
        print(f"dashboard_step: {exc}", file=sys.stderr)
        return 2
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, query, target in CASES:
                    figures = time_case(browser, f"http://127.0.0.1:{port}/{query}", args.steps)
                    results[name] = {**figures, "target_ms": target, "meets_target": figures["mean_ms"] < target}
            finally:
                browser.close()
    finally:
        stop_server(server)

    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": _cpus()}
    if args.json:
        print(json.dumps({"machine": machine, "cases": results}, indent=2))
        return 0
    print(f"Dashboard Step timing (click -> year shown and both charts redrawn), {args.steps} steps per case")
    print(f"machine: {machine['machine']}, {machine['cpus']} CPUs, Python {machine['python']}\n")
    print(f"{'case':<26}{'mean':>9}{'median':>9}{'p95':>9}{'max':>9}{'year shown':>12}{'target':>9}  result")
    for name, r in results.items():
        print(f"{name:<26}{r['mean_ms']:>7.0f}ms{r['median_ms']:>7.0f}ms{r['p95_ms']:>7.0f}ms{r['max_ms']:>7.0f}ms"
              f"{r['mean_year_shown_ms']:>10.0f}ms{r['target_ms']:>7.0f}ms  {'ok' if r['meets_target'] else 'MISSED'}")
    print("\n'year shown': mean time until the year text changed; the other columns wait for both drawings too.")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
