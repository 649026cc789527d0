"""A class on one server: how fast each student's run plays, what a year costs the server, and Step latency.

Run it from the project root::

    uv run python benchmarks/classroom_load.py            # 6 sessions playing, 30 s
    uv run python benchmarks/classroom_load.py 10 40      # 10 sessions playing, 40 s

What it does: starts the dashboard with ``succession-sim dashboard`` on a free port, opens
SESSIONS pages in Chromium (``/usr/bin/chromium``, driven by playwright; each page in its
own browser context, so each is a separate session with its own model), presses Play in
each at the default speed on the baseline scenario, and then, for SECONDS, measures:

- years per second of each playing session (from the year each page shows; a run that
  reaches its horizon is Reset and played again, and its years keep counting);
- server CPU per simulated year: the CPU time (user + system, from ``/proc``) of the
  dashboard command and the server it starts, over the window, divided by the years all
  sessions advanced;
- Step latency of one more session: it clicks Step every half second, each timed inside
  the page from the click until the page shows the next year and the charts have drawn it.

The browser runs on the same machine, so it competes with the server for the cores:
the figures are for a worst case, where the instructor's laptop also runs the students'
browsers. This is a report, not a test: it exits 0 whatever the figures (2 if the server
or the browser cannot start).
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard_step import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

# every page plays at once, as if each were a student's front tab
PLAYING_TABS_ARGS = CHROMIUM_ARGS + [
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
WARMUP_SECONDS = 4.0
STEP_GAP_MS = 500

# Runs in the extra page: click Step every STEP_GAP_MS until told to stop; each click is timed
# until the year shown went up by one and (where the charts say which year they show) the
# charts show it too.
STEP_CLICKER = """
(gap) => {
  window.__stepTimes = [];
  window.__stopSteps = false;
  const year = () => parseInt(document.querySelector('.year-display').innerText.split(' ')[1]);
  const chartsAt = () => [...document.querySelectorAll('[data-drawn-year]')].map(e => parseInt(e.dataset.drawnYear));
  const stepButton = () => [...document.querySelectorAll('button')].find(b => b.innerText.trim().toLowerCase() === 'step');
  (async () => {
    while (!window.__stopSteps) {
      const target = year() + 1;
      const t0 = performance.now();
      stepButton().click();
      await new Promise((resolve) => {
        const check = () => {
          const done = year() >= target && chartsAt().every(y => y >= target);
          if (done || performance.now() - t0 > 30000) resolve(); else setTimeout(check, 2);
        };
        check();
      });
      window.__stepTimes.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, gap));
    }
  })();
}
"""


def free_port() -> int:
    """The first free port from $PORT on (when set, as on a shared machine), else any free port."""
    first = int(os.environ.get("PORT", "0"))
    for port in range(first, first + 100) if first else [0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"no free port in {first}..{first + 99}")


def dashboard_command(port: int) -> list[str]:
    """``succession-sim dashboard`` from this environment (it replaces itself with the server)."""
    script = Path(sys.executable).with_name("succession-sim")
    return [str(script), "dashboard", "--host", "127.0.0.1", "--port", str(port)]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and all its descendants alive now, from /proc (Linux).

    ``succession-sim dashboard`` runs the server as its child, so the child is counted too.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(child) for child in (task / "children").read_text().split()]
    return own + sum(cpu_seconds(child) for child in children)


def year_of(page) -> int:
    return int(page.locator(".year-display").inner_text().split()[1])


def horizon_of(page) -> int:
    return int(page.locator(".year-display").inner_text().split()[3])


def open_session(browser, url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(url)
    page.locator(".year-display").wait_for()
    return page


def press(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


class Counter:
    """Years one playing page has advanced, across Resets at the horizon."""

    def __init__(self, page):
        self.page = page
        self.last = year_of(page)
        self.years = 0

    def poll(self) -> None:
        year = year_of(self.page)
        self.years += max(0, year - self.last)
        self.last = year
        if year >= horizon_of(self.page):  # the run ended: start it again so this student keeps playing
            press(self.page, "Reset")
            self.page.locator(".year-display").filter(has_text="Year 0 ").wait_for()
            press(self.page, "Play")
            self.last = 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(sessions: int, seconds: float) -> dict:
    from playwright.sync_api import sync_playwright

    server_port = free_port()
    server = start_server(server_port, timeout=90.0, args=dashboard_command(server_port))
    url = f"http://127.0.0.1:{server_port}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=PLAYING_TABS_ARGS)
            try:
                players = [open_session(browser, url) for _ in range(sessions)]
                stepper = open_session(browser, url)
                for page in players:
                    press(page, "Play")
                time.sleep(WARMUP_SECONDS)
                counters = [Counter(page) for page in players]
                stepper.evaluate(STEP_CLICKER, STEP_GAP_MS)
                cpu0, t0 = cpu_seconds(server.pid), time.monotonic()
                while time.monotonic() - t0 < seconds:
                    time.sleep(1.0)
                    for counter in counters:
                        counter.poll()
                elapsed, cpu = time.monotonic() - t0, cpu_seconds(server.pid) - cpu0
                step_times = stepper.evaluate("() => { window.__stopSteps = true; return window.__stepTimes; }")
                stepped = len(step_times)
                busy_notes = sum(page.locator(".server-busy").count() > 0 for page in players)
            finally:
                browser.close()
    finally:
        stop_server(server)
    rates = [c.years / elapsed for c in counters]
    years = sum(c.years for c in counters) + stepped
    return {
        "sessions": sessions,
        "seconds": elapsed,
        "rates": rates,
        "years": years,
        "cpu_seconds": cpu,
        "cpu_ms_per_year": 1000.0 * cpu / max(years, 1),
        "step_ms": step_times,
        "busy_notes": busy_notes,
    }


def report(r: dict) -> str:
    rates, steps = r["rates"], r["step_ms"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    lines = [
        f"classroom load: {r['sessions']} sessions playing (baseline, default speed) for {r['seconds']:.0f} s, "
        f"plus one clicking Step",
        f"machine: {platform.machine()}, {cores} CPUs, Python {platform.python_version()}",
        f"years per second per session: min {min(rates):.2f}, median {statistics.median(rates):.2f}, "
        f"max {max(rates):.2f}",
        f"server CPU per simulated year: {r['cpu_ms_per_year']:.1f} ms "
        f"({r['cpu_seconds']:.1f} s CPU over {r['years']} years)",
    ]
    if steps:
        lines.append(f"Step latency of one more session: p50 {percentile(steps, 0.5):.0f} ms, "
                     f"p95 {percentile(steps, 0.95):.0f} ms ({len(steps)} clicks)")
    else:
        lines.append("Step latency of one more session: no Step click completed")
    if r["cpu_ms_per_year"] > 0:
        lines.append(f"one server core carries about {1000.0 / r['cpu_ms_per_year'] / 4:.0f} students "
                     f"at 4 years per second (1000 ms / CPU ms per year / 4)")
    lines.append(f"pages showing the 'server busy' note at the end: {r['busy_notes']} of {r['sessions']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sessions", nargs="?", type=int, default=6, help="sessions playing at once (default 6)")
    parser.add_argument("seconds", nargs="?", type=float, default=30.0, help="length of the measured window (default 30)")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0:
        parser.error("SESSIONS must be at least 1 and SECONDS positive")
    try:
        result = measure(args.sessions, args.seconds)
    except RuntimeError as exc:
        print(f"classroom_load: {exc}", file=sys.stderr)
        return 2
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
