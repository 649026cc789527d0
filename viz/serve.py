"""Serve the dashboard: the command behind ``succession-sim dashboard [--host H] [--port P]``.

Production mode (no auto-reload, no debugging helpers), no browser opened on the server,
no version check against PyPI, and Solara's usage telemetry off, so that the dashboard
works on a classroom network without internet. Solara's assets proxy is off (pages load
the installed assets read-only), ``/resourcez`` is closed and a closed tab's session is
released within SESSION_CULL_TIMEOUT (``viz.server_routes``).

The server runs as a child process (``solara run``) that this process watches:

* the port is checked before it starts, so a busy port is one line, not a traceback;
* once the server answers HTTP, one line says so: ``dashboard ready at http://HOST:PORT/``;
* Ctrl-C, ``kill`` (SIGTERM) and a closed terminal (SIGHUP) stop the server: it runs in
  its own process group, so only this process receives them, and it asks the server to
  stop with SIGTERM (uvicorn's clean shutdown; a second SIGINT from the terminal would
  make it abort with a traceback). The server is also told to stop if this process dies
  without doing so, even by SIGKILL (Linux).
"""

from __future__ import annotations

import collections
import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from succession_sim.errors import UserError
from viz.server_routes import ASSETS_PATH, CULL_TIMEOUT_ENV, SESSION_CULL_TIMEOUT

__all__ = ["APP_PATH", "DEFAULT_HOST", "DEFAULT_PORT", "READY_TIMEOUT", "ServeError", "check_port", "command",
           "environment", "ready_line", "serve"]

APP_PATH = Path(__file__).resolve().parent / "app.py"
DEFAULT_HOST = "localhost"
DEFAULT_PORT = 8765
#: Longest wait, in seconds, for a starting server to answer before giving up.
READY_TIMEOUT = 120.0
#: Signals that stop the server (each is passed on as SIGTERM).
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class ServeError(UserError):
    """The dashboard cannot be served as asked (port, host, a server that would not start)."""


def command(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, production: bool = True) -> list[str]:
    """The ``solara run`` command line for the dashboard."""
    args = [sys.executable, "-m", "solara", "run", str(APP_PATH), "--host", host, "--port", str(port),
            "--no-open", "--no-check-version", "--log-level-uvicorn", "warning"]
    return args + (["--production"] if production else [])


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The current environment for the server: Solara's telemetry off (unless set otherwise),
    its assets proxy off whatever is set (pages load the installed assets from the same
    path, served read-only: ``viz.server_routes``), and closed tabs' sessions released after
    SESSION_CULL_TIMEOUT (unless set otherwise). ``base`` defaults to this process's environment."""
    env = dict(os.environ if base is None else base)
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "False")
    env["SOLARA_ASSETS_PROXY"] = "False"
    env["SOLARA_ASSETS_CDN"] = ASSETS_PATH
    env.setdefault(CULL_TIMEOUT_ENV, SESSION_CULL_TIMEOUT)
    return env


def ready_line(host: str, port: int) -> str:
    return f"dashboard ready at http://{host}:{port}/"


def check_port(host: str, port: int) -> None:
    """Bind the port the way the server will (SO_REUSEADDR) and let it go; ServeError if that fails."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except socket.gaierror as exc:
            raise ServeError(f"--host {host!r} is not a name or address of this machine ({exc.strerror})") from None
        except OSError as exc:
            raise ServeError(_bind_problem(host, port, exc)) from None


def _bind_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use (another dashboard?); choose another with --port"
    if exc.errno == errno.EACCES:
        return f"port {port} needs administrator rights; choose a port from 1024 up with --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"--host {host!r} is not an address of this machine"
    return f"cannot listen on {host}:{port} ({exc.strerror})"


def _probe_url(host: str, port: int) -> str:
    """Where to ask whether the server answers: a wildcard address is reached on loopback."""
    host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:  # an HTTP error is an answer too
        return True
    except OSError:
        return False


def _stop_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Ask Linux to send SIGTERM to the server if this process dies (even by SIGKILL)."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class _ServerOutput:
    """Reads the server's stderr: keeps the last lines while it starts (for an error
    message), then passes every line on to this process's stderr."""

    def __init__(self, stream):
        self.last = collections.deque(maxlen=5)
        self.passing_on = False
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True, name="server-stderr")
        self.thread.start()

    def _read(self, stream) -> None:
        for line in iter(stream.readline, ""):
            if self.passing_on:
                sys.stderr.write(line)
                sys.stderr.flush()
            elif line.strip():
                self.last.append(line.strip())

    def last_line(self) -> str:
        return self.last[-1] if self.last else "no message"


def _wait_until_ready(server: subprocess.Popen, output: _ServerOutput, url: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while not _answers(url):
        if server.poll() is not None:
            output.thread.join(timeout=2)
            raise ServeError(f"the dashboard server stopped before it was ready: {output.last_line()}")
        if time.monotonic() > deadline:
            raise ServeError(f"the dashboard server did not answer within {READY_TIMEOUT:.0f} s")
        time.sleep(0.1)


def _stop(server: subprocess.Popen, timeout: float = 10.0) -> int:
    """Ask the server to stop (SIGTERM), then make it (SIGKILL); its exit code."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout)
        except subprocess.TimeoutExpired:
            server.kill()
    return server.wait()


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, production: bool = True,
          announce: tuple[str, ...] = ()) -> int:
    """Start the server, print the ready line (then the ``announce`` lines) once it answers,
    and wait until it stops.

    Returns the server's exit code (0 after Ctrl-C or ``kill``). Raises ServeError, with
    nothing left running, if the port is taken or the server does not come up.
    """
    check_port(host, port)
    server = subprocess.Popen(command(host, port, production), env=environment(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, process_group=0,
                              preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None)
    stopping = threading.Event()

    def stop_server(_sig, _frame) -> None:
        stopping.set()
        if server.poll() is None:
            server.terminate()

    previous = {sig: signal.signal(sig, stop_server) for sig in STOP_SIGNALS}
    try:
        output = _ServerOutput(server.stderr)
        try:
            _wait_until_ready(server, output, _probe_url(host, port))
        except ServeError:
            if stopping.is_set():  # Ctrl-C while it started: not an error
                return 0
            raise
        output.passing_on = True
        print("\n".join([ready_line(host, port), *announce]), flush=True)
        code = server.wait()
        output.thread.join(timeout=2)
        return 0 if stopping.is_set() else code  # stopped as asked: a normal end
    finally:
        _stop(server)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


if __name__ == "__main__":  # python viz/serve.py [HOST] [PORT]
    sys.exit(serve(*(sys.argv[1:2] or [DEFAULT_HOST]), *(int(a) for a in sys.argv[2:3])))
