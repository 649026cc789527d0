"""``succession-sim dashboard``: its class board file and port are checked before the
server starts; it says when the server answers; Ctrl-C and kill stop the server."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

from succession_sim.cli import main
from viz.serve import check_port, ready_line

CLASS = ["--class", "Ethics 101"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert captured.out == "" and len(lines) == 1 and lines[0].startswith("succession-sim: error: ")
    return lines[0].removeprefix("succession-sim: error: ")


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write in, not even root: a read-only tmpfs (or chmod 555 for a normal user)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)]).returncode != 0:
        pytest.skip("root cannot mount a tmpfs here, so no folder is read-only for this test")
    try:
        with closing(sqlite3.connect(folder / "earlier.sqlite")) as db:  # an open file would block the remount
            db.execute("CREATE TABLE t (x)")
            db.commit()
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def make_directory(folder: Path) -> None:
    (folder / "boards").mkdir()


def make_text_file(folder: Path) -> None:
    (folder / "notes.txt").write_text("hello")


@pytest.mark.parametrize("target, setup, message", [
    ("no/such/dir/x.sqlite", None, "'{d}/no/such/dir/x.sqlite': folder '{d}/no/such/dir' does not exist"),
    ("boards", make_directory, "'{d}/boards' is a directory; give a file name, e.g. '{d}/boards/class.sqlite'"),
    ("notes.txt", make_text_file,
     "'{d}/notes.txt' is not a SQLite database; give a new file name or an earlier class board"),
], ids=["missing folder", "a directory", "not a database"])
def test_a_bad_class_db_exits_2_before_the_server_starts(tmp_path, capsys, target, setup, message):
    if setup:
        setup(tmp_path)
    before = files_in(tmp_path)
    assert main(["dashboard", *CLASS, "--class-db", str(tmp_path / target), "--port", str(free_port())]) == 2
    assert one_error_line(capsys) == "--class-db " + message.format(d=tmp_path)
    assert files_in(tmp_path) == before
    if setup is make_text_file:
        assert (tmp_path / "notes.txt").read_text() == "hello"  # untouched


def test_a_read_only_folder_or_file_exits_2_and_writes_nothing(read_only_folder, capsys):
    port = str(free_port())
    assert main(["dashboard", *CLASS, "--class-db", str(read_only_folder / "new.sqlite"), "--port", port]) == 2
    error = one_error_line(capsys)
    assert error.startswith(f"--class-db '{read_only_folder}/new.sqlite': folder '{read_only_folder}' "
                            "is not writable (")
    if os.geteuid() == 0:  # the tmpfs holds an earlier board; read-only, it cannot take submissions
        assert main(["dashboard", *CLASS, "--class-db", str(read_only_folder / "earlier.sqlite"), "--port", port]) == 2
        assert one_error_line(capsys) == (f"--class-db '{read_only_folder}/earlier.sqlite' cannot be read and "
                                          "written (Read-only file system)")
        assert files_in(read_only_folder) == ["earlier.sqlite"]
    else:
        assert files_in(read_only_folder) == []


def test_a_bad_class_name_exits_2_and_creates_no_file(tmp_path, capsys):
    assert main(["dashboard", "--class", "drop table;", "--class-db", str(tmp_path / "c.sqlite")]) == 2
    assert "class name may use letters" in one_error_line(capsys)
    assert files_in(tmp_path) == []


def test_a_busy_port_exits_2_with_one_line_and_creates_no_file(tmp_path):
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("localhost", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "succession_sim.cli", "dashboard", "--port", str(port), *CLASS,
                                 "--class-db", "c.sqlite"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"succession-sim: error: port {port} on localhost is already in use "
                             "(another dashboard?); choose another with --port\n")
    assert files_in(tmp_path) == []


def start_dashboard(tmp_path, port: int) -> subprocess.Popen:
    """The dashboard with a class board, as a user starts it, in its own session (like a terminal's job)."""
    return subprocess.Popen([sys.executable, "-m", "succession_sim.cli", "dashboard", "--port", str(port), *CLASS,
                             "--class-db", "class.sqlite"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=tmp_path, start_new_session=True)


@pytest.mark.parametrize("how", ["Ctrl-C", "kill"])
def test_the_ready_line_comes_once_the_server_answers_and_a_signal_stops_it(tmp_path, how):
    port = free_port()
    dashboard = start_dashboard(tmp_path, port)
    try:
        assert dashboard.stdout.readline() == ready_line("localhost", port) + "\n" == (
            f"dashboard ready at http://localhost:{port}/\n")
        link = dashboard.stdout.readline()  # a class board: the instructor's link, with a fresh key
        assert re.fullmatch(rf"instructor's page \(names, CSV, clearing, showing the results; keep it private\): "
                            rf"http://localhost:{port}/\?host=[\w-]{{22}}\n", link), link
        assert dashboard.stdout.readline() == (f"shared class world: the Host view is http://localhost:{port}/host "
                                               f"(the host key is the link's, after host=); students join at "
                                               f"http://localhost:{port}/room\n")
        with urllib.request.urlopen(f"http://localhost:{port}/", timeout=30) as page:
            assert page.status == 200  # it answers as soon as it said so
        assert (tmp_path / "class.sqlite").is_file()  # the board was created before the server started
        if how == "Ctrl-C":
            os.killpg(dashboard.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole foreground job
        else:
            dashboard.terminate()  # `kill PID`: SIGTERM to the command only
        assert dashboard.wait(timeout=60) == 0
    finally:
        if dashboard.poll() is None:
            os.killpg(dashboard.pid, signal.SIGKILL)
    assert dashboard.stdout.read() == "" and dashboard.stderr.read() == ""  # nothing more, no traceback
    check_port("localhost", port)  # the server is gone: the port is free again


def test_a_class_db_without_a_class_warns_and_starts_without_a_board(tmp_path, capsys, monkeypatch):
    """Fails if --class-db alone is silently ignored (the page would show no board and no reason)."""
    from viz import serve

    started = []
    monkeypatch.setattr(serve, "serve", lambda host, port, production, announce=(): started.append(port) or 0)
    monkeypatch.delenv("SUCCESSION_SIM_CLASS", raising=False)
    assert main(["dashboard", "--port", str(free_port()), "--class-db", str(tmp_path / "c.sqlite")]) == 0
    captured = capsys.readouterr()
    assert captured.err == ("succession-sim: warning: --class-db is used only with --class NAME; "
                            "starting without a class board\n")
    assert started and files_in(tmp_path) == [] and "SUCCESSION_SIM_CLASS" not in os.environ


def _start_class(tmp_path, monkeypatch, capsys) -> str:
    """Start the dashboard command with a class on a stand-in server; return what it announced."""
    from viz import serve

    announced = []
    monkeypatch.setattr(serve, "serve",
                        lambda host, port, production, announce=(): announced.extend(announce) or 0)
    monkeypatch.setenv("SUCCESSION_SIM_CLASS", "")  # restored after the test: the command sets it
    assert main(["dashboard", "--port", str(free_port()), "--class", "Ethics",
                 "--class-db", str(tmp_path / "c.sqlite")]) == 0
    return "\n".join(announced)


def test_a_class_host_key_given_in_the_environment_is_kept(tmp_path, monkeypatch, capsys):
    """Fails if a restart replaces the instructor's key (their printed link would stop working)."""
    monkeypatch.setenv("SUCCESSION_SIM_HOST_KEY", "kept-key-123")
    assert "?host=kept-key-123" in _start_class(tmp_path, monkeypatch, capsys)
    assert os.environ["SUCCESSION_SIM_HOST_KEY"] == "kept-key-123"


def test_without_a_key_each_start_makes_a_fresh_one(tmp_path, monkeypatch, capsys):
    """Fails if the server starts with no key, or a fixed one a student could guess."""
    keys = set()
    for _ in range(2):
        monkeypatch.setenv("SUCCESSION_SIM_HOST_KEY", "")
        text = _start_class(tmp_path, monkeypatch, capsys)
        keys.add(text.split("?host=")[1].split()[0])
    assert len(keys) == 2 and all(len(k) >= 20 for k in keys)
