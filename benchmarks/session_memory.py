"""Closed tabs give their memory back: open and close SESSIONS dashboard pages, print the
server's memory before, with them open, and after they were released.

    uv run --group dev python benchmarks/session_memory.py [SESSIONS] [PORT]   # default 60, a free port

Starts the dashboard as ``succession-sim dashboard`` does (``viz.serve``: its 30-second
session cull), opens one page first (Solara's own first-use memory), reads the server's
resident memory (VmRSS from ``/proc``), then opens SESSIONS pages in Chromium, each
pressing Play for two seconds, closes them all, waits for the cull (SESSION_CULL_TIMEOUT
and ten seconds more) and reads it again. Target: back within 30 MB of the first reading.
A report, not a test: it exits 0 whatever the figures (2 if the server or Chromium fails).
"""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard_step import CHROMIUM, CHROMIUM_ARGS, start_server, stop_server  # noqa: E402

from viz.server_routes import SESSION_CULL_TIMEOUT  # noqa: E402

TARGET_MB = 30.0


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def open_and_play(browser, url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(url)
    page.locator(".year-display").wait_for()
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(2000)
    context.close()  # the tab closes while its run plays


def main(sessions: int = 60, port: int | None = None) -> int:
    import solara.util
    from playwright.sync_api import sync_playwright

    port = port or free_port()
    url = f"http://127.0.0.1:{port}/"
    started = time.monotonic()
    try:
        server = start_server(port, timeout=300)
    except RuntimeError as exc:
        print(f"session_memory: {exc}", file=sys.stderr)
        return 2
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            open_and_play(browser, url)  # Solara's first page: its one-off memory is not a session's
            time.sleep(solara.util.parse_timedelta(SESSION_CULL_TIMEOUT) + 10)
            before = rss_mb(server.pid)
            for _ in range(sessions):
                open_and_play(browser, url)
            opened = rss_mb(server.pid)
            browser.close()
        time.sleep(solara.util.parse_timedelta(SESSION_CULL_TIMEOUT) + 10)
        after = rss_mb(server.pid)
    except Exception as exc:  # noqa: BLE001 - a report: say what failed
        print(f"session_memory: {exc}", file=sys.stderr)
        return 2
    finally:
        stop_server(server)
    print(f"server memory (RSS): {before:.1f} MB before, {opened:.1f} MB after {sessions} sessions opened and closed, "
          f"{after:.1f} MB once they were released ({after - before:+.1f} MB; target within {TARGET_MB:.0f} MB: "
          f"{'met' if after - before <= TARGET_MB else 'not met'}); took {time.monotonic() - started:.0f} s")
    return 0


def parse_arguments(argv: list[str]) -> tuple[int, int | None]:
    """(sessions, port) from the command line; ValueError naming the bad value otherwise."""
    if len(argv) > 2:
        raise ValueError(f"at most two arguments, SESSIONS and PORT; got {len(argv)}")
    numbers = []
    for name, text, low, high in zip(("SESSIONS", "PORT"), argv, (1, 1), (10_000, 65_535)):
        if not text.isdigit() or not low <= int(text) <= high:
            raise ValueError(f"{name} {text!r} must be a whole number from {low} to {high}")
        numbers.append(int(text))
    return numbers[0] if numbers else 60, numbers[1] if len(numbers) > 1 else None


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        sys.exit(0)
    try:
        sessions, port = parse_arguments(sys.argv[1:])
    except ValueError as exc:
        print(f"session_memory: {exc}", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sessions, port))
