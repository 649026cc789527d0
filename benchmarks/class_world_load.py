"""A class on one shared world: the host's Step latency and how soon every student sees the new year.

Run it from the project root::

    uv run python benchmarks/class_world_load.py                    # 30 students, 10 years
    uv run python benchmarks/class_world_load.py --students 8 --years 5 --json

What it does: starts ``succession-sim dashboard --class`` on a free port (from $PORT when
set), opens the Host view in Chromium (``/usr/bin/chromium``, driven by playwright), types
the host key and creates a world on the baseline scenario; then opens STUDENTS pages, each
in its own browser context (a separate session, as a student's own device is), and joins
each to the world. Each year every student sends a choice (alternating "comply" and
"defect" on the moratorium, so every year brings new choices), then the host clicks Step.
Measured, with the wall clock every page shares (``Date.now()``):

- ``step_ms``: from the host's click until the host page shows the new year;
- ``client_update_s``: for every student page and year, from the host's click until that
  page shows the new year (each page notes the moment it sees a new year, polling every
  10 ms).

The browser runs on the same machine as the server, so they compete for the cores: a
worst case, where the instructor's laptop also runs the students' browsers. Targets: Step
p95 < 0.5 s and every client updated within 1 s at 30 students. This is a report, not a
test: it exits 0 whatever the figures (2 if the server or the browser cannot start).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from classroom_load import free_port, percentile  # noqa: E402
from dashboard_step import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

# the students' pages are background tabs of one browser: keep their timers running
PAGE_ARGS = CHROMIUM_ARGS + ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                             "--disable-backgrounding-occluded-windows"]
HOST_KEY = "loadtestkey"
#: Longest wait for every page to show a year, in seconds; a page that never does counts as this.
UPDATE_TIMEOUT = 30.0

# In each page: note when the shown year changes (window.__seenAt[year] = Date.now()).
YEAR_WATCHER = """
() => {
  window.__seenAt = {};
  const read = () => {
    const el = document.querySelector('.class-year');
    if (!el) return;
    const year = parseInt(el.innerText.split(' ')[1]);
    if (!(year in window.__seenAt)) window.__seenAt[year] = Date.now();
  };
  read();
  setInterval(read, 10);
}
"""
# In the host page: click Step, wait until the page shows the next year; returns [clicked_at, shown_at].
HOST_STEP = """
async () => {
  const year = () => parseInt(document.querySelector('.class-year').innerText.split(' ')[1]);
  const target = year() + 1;
  const clicked = Date.now();
  document.querySelector('.host-step').click();
  while (year() < target && Date.now() - clicked < 30000) await new Promise(r => setTimeout(r, 2));
  return [clicked, Date.now()];
}
"""
SEEN_AT = "(year) => window.__seenAt[year] ?? null"


def dashboard_command(port: int, db: Path) -> list[str]:
    script = Path(sys.executable).with_name("succession-sim")
    return [str(script), "dashboard", "--host", "127.0.0.1", "--port", str(port), "--class", "Load test",
            "--class-db", str(db)]


def new_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    context.set_default_timeout(120_000)
    page = context.new_page()
    page.goto(url)
    return page


def open_host(browser, url: str):
    host = new_page(browser, url + "host")
    host.get_by_label("Host key").fill(HOST_KEY)
    host.get_by_role("button", name="Open").click()
    host.get_by_role("button", name="Create a new world").click()
    host.locator(".class-year").wait_for()
    room = host.locator(".room-code").inner_text().split(": ")[1].strip()
    return host, room


def join(browser, url: str, room: str, name: str):
    page = new_page(browser, url + "room")
    page.get_by_label("Room code").fill(room)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Join").click()
    page.locator(".class-year").wait_for()
    page.evaluate(YEAR_WATCHER)
    return page


def send_choice(page, year: int, k: int) -> None:
    vote = "comply" if (year + k) % 2 else "defect"
    page.locator(".vote-option").get_by_text(vote, exact=True).click()
    page.locator(".send-choice").click()


def measure(students: int, years: int) -> dict:
    from playwright.sync_api import sync_playwright

    os.environ["SUCCESSION_SIM_HOST_KEY"] = HOST_KEY  # the dashboard command keeps a key it is given
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(port, timeout=90.0, args=dashboard_command(port, Path(folder) / "class.sqlite"))
        url = f"http://127.0.0.1:{port}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=PAGE_ARGS)
                try:
                    host, room = open_host(browser, url)
                    pages = [join(browser, url, room, f"Student {k + 1}") for k in range(students)]
                    step_ms, update_s = [], []
                    for year in range(1, years + 1):
                        for k, page in enumerate(pages):
                            send_choice(page, year, k)
                        host.locator(".choice-summary").filter(
                            has_text=f"{min(students, 5)} of {min(students, 5)} factions").wait_for()
                        clicked, shown = host.evaluate(HOST_STEP)
                        step_ms.append(shown - clicked)
                        deadline = time.monotonic() + UPDATE_TIMEOUT
                        for page in pages:
                            seen = None
                            while seen is None and time.monotonic() < deadline:
                                seen = page.evaluate(SEEN_AT, year)
                                if seen is None:
                                    time.sleep(0.02)
                            update_s.append(((seen or clicked + 1000 * UPDATE_TIMEOUT) - clicked) / 1000.0)
                finally:
                    browser.close()
        finally:
            stop_server(server)
    return {"students": students, "years": years, "step_ms": step_ms, "client_update_s": update_s}


def summary(r: dict) -> dict:
    steps, updates = r["step_ms"], r["client_update_s"]
    return {
        "students": r["students"],
        "years": r["years"],
        "step_p50_ms": round(percentile(steps, 0.5), 1),
        "step_p95_ms": round(percentile(steps, 0.95), 1),
        "client_update_p50_s": round(percentile(updates, 0.5), 3),
        "client_update_p95_s": round(percentile(updates, 0.95), 3),
        "client_update_max_s": round(max(updates), 3),
        "clients_within_1s": round(sum(u <= 1.0 for u in updates) / len(updates), 4),
        "updates": len(updates),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
    }


def report(s: dict) -> str:
    return "\n".join([
        f"class world load: {s['students']} students on one world, {s['years']} years, baseline scenario "
        f"({s['cpus']} CPUs, Python {s['python']}; browsers on the same machine)",
        f"host Step until the host page shows the year: p50 {s['step_p50_ms']:.0f} ms, p95 {s['step_p95_ms']:.0f} ms "
        "(target p95 < 500 ms)",
        f"Step until each student page shows the year: p50 {s['client_update_p50_s']:.2f} s, "
        f"p95 {s['client_update_p95_s']:.2f} s, max {s['client_update_max_s']:.2f} s; "
        f"{100 * s['clients_within_1s']:.1f}% within 1 s over {s['updates']} page-years (target: all within 1 s)",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="student pages on the world (default 30)")
    parser.add_argument("--years", type=int, default=10, help="years the host steps (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of sentences")
    args = parser.parse_args(argv)
    if args.students < 1 or args.years < 1:
        parser.error(f"--students {args.students} and --years {args.years} must be at least 1")
    try:
        result = summary(measure(args.students, args.years))
    except RuntimeError as exc:
        print(f"class_world_load: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result) if args.json else report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
