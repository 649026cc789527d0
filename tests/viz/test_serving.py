"""Serving a classroom network: no request makes the server fetch from outside, write to disk
or show its internals, and closed tabs' sessions are released (viz/server_routes.py)."""

from __future__ import annotations

import http.client
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from viz import serve
from viz.server_routes import ASSETS_PATH, SESSION_CULL_TIMEOUT

SHIPPED = "shipped@1.0/dist/app.js"
SHIPPED_FOLDER = "shipped@1.0/dist"


class StandInCdn(http.server.ThreadingHTTPServer):
    """A CDN on loopback that answers any path with a file, and counts what it was asked."""

    def __init__(self):
        self.asked: list[str] = []
        cdn = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                cdn.asked.append(self.path)
                body = b"fetched from the CDN " + b"x" * 10_000
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}/"


@pytest.fixture
def stand_in_cdn():
    cdn = StandInCdn()
    thread = threading.Thread(target=cdn.serve_forever, daemon=True)
    thread.start()
    yield cdn
    cdn.shutdown()
    cdn.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def files_under(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*"))


def get(port: int, path: str) -> tuple[int, str, bytes, float]:
    """Status, content type, body and seconds taken; the path is sent as is (no normalising)."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("content-type", ""), response.read(), time.monotonic() - started
    finally:
        connection.close()


def hostile_environment(cdn_url: str, assets: Path) -> dict[str, str]:
    """An environment asking Solara for its fetching proxy, pointed at the stand-in CDN."""
    return {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False", "SOLARA_ASSETS_PROXY": "True",
            "SOLARA_ASSETS_CDN": cdn_url, "SOLARA_ASSETS_PROXY_CACHE_DIR": str(assets)}


@pytest.mark.parametrize("how", ["succession-sim dashboard", "solara run by hand"])
def test_no_request_fetches_writes_or_shows_internals(tmp_path, stand_in_cdn, how):
    """Fails if the CDN proxy is mounted as Solara ships it (the stand-in CDN is asked and the
    folder grows or loses a folder) or if /resourcez answers in production mode."""
    assets = tmp_path / "cdn"
    (assets / SHIPPED).parent.mkdir(parents=True)
    (assets / SHIPPED).write_text("console.log('shipped')")
    before = files_under(assets)
    port = free_port()
    env = hostile_environment(stand_in_cdn.url, assets)
    if how == "succession-sim dashboard":
        env = serve.environment(env)
    log = tmp_path / "server.log"  # a file, not a pipe nobody reads while waiting
    with log.open("w") as stderr:
        server = subprocess.Popen(serve.command("127.0.0.1", port), env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 300  # a loaded 2-core machine can take minutes to start it
        while not serve._answers(f"http://127.0.0.1:{port}/"):
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        status, _, body, _ = get(port, f"{ASSETS_PATH}/{SHIPPED}")
        assert (status, body) == (200, b"console.log('shipped')")  # the shipped assets still load
        for path in [f"{ASSETS_PATH}/missing@9.9/dist/huge.js", f"{ASSETS_PATH}/missing@9.9",
                     f"{ASSETS_PATH}/{SHIPPED_FOLDER}", f"{ASSETS_PATH}/{SHIPPED_FOLDER}/", f"{ASSETS_PATH}/",
                     f"{ASSETS_PATH}/../../../etc/passwd", f"{ASSETS_PATH}/%2e%2e/%2e%2e/etc/passwd"]:
            status, _, body, seconds = get(port, path)
            assert status == 404 and b"fetched" not in body and seconds < 5, (path, status, seconds)
        status, content_type, body, _ = get(port, "/resourcez")
        assert status == 404 and b"kernels" not in body, content_type
        status, content_type, _, _ = get(port, "/")
        assert status == 200 and content_type.startswith("text/html")  # the page itself is served
    finally:
        server.terminate()
        server.wait(30)
    assert stand_in_cdn.asked == []
    assert files_under(assets) == before


def test_the_served_environment_turns_the_proxy_off_and_culls_closed_sessions(monkeypatch):
    """Fails if `succession-sim dashboard` leaves Solara's proxy on, lets the environment turn it
    back on, or keeps a closed tab's session for Solara's default 24 hours."""
    monkeypatch.setenv("SOLARA_ASSETS_PROXY", "True")
    monkeypatch.setenv("SOLARA_ASSETS_CDN", "https://cdn.example.org/npm/")
    monkeypatch.delenv("SOLARA_KERNEL_CULL_TIMEOUT", raising=False)
    env = serve.environment()
    assert env["SOLARA_ASSETS_PROXY"] == "False" and env["SOLARA_ASSETS_CDN"] == ASSETS_PATH
    assert env["SOLARA_KERNEL_CULL_TIMEOUT"] == SESSION_CULL_TIMEOUT
    import solara.util

    assert solara.util.parse_timedelta(SESSION_CULL_TIMEOUT) <= 60  # "within a minute of the tab closing"
    monkeypatch.setenv("SOLARA_KERNEL_CULL_TIMEOUT", "5m")  # an instructor's own choice wins
    assert serve.environment()["SOLARA_KERNEL_CULL_TIMEOUT"] == "5m"


def test_the_app_sets_the_short_cull_when_started_by_hand(monkeypatch):
    """Fails if loading viz/app.py leaves Solara's 24-hour cull in place."""
    import solara.server.settings

    from viz.server_routes import close_open_routes

    monkeypatch.delenv("SOLARA_KERNEL_CULL_TIMEOUT", raising=False)
    monkeypatch.setattr(solara.server.settings.kernel, "cull_timeout", "24h")
    close_open_routes()
    assert solara.server.settings.kernel.cull_timeout == SESSION_CULL_TIMEOUT


def test_a_replicate_compare_stops_when_its_page_is_gone():
    """Fails if run_replicates keeps running the remaining runs after the tab closed."""
    import threading
    import types

    from viz.components.compare import run_replicates
    from viz.session import PageGone, Session

    session = Session()
    session.replicate_count.value = 30
    page = types.SimpleNamespace(closed_event=threading.Event(), page_status={"tab": "CONNECTED"})
    session._context = page
    runs = []

    def close_the_tab_after_the_first_run():
        runs.append(1)
        page.closed_event.set()

    with pytest.raises(PageGone):
        run_replicates(session, progress=close_the_tab_after_the_first_run)
    assert runs == [1]  # 1 of the 60 runs, then the check after it stopped the compare
