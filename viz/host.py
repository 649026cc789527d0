"""The host key: what makes a browser the instructor's on a classroom network.

``succession-sim dashboard --class NAME`` makes a fresh key at start-up, prints the
instructor's link (``http://HOST:PORT/?host=KEY``) and hands the key to the server in
HOST_KEY_ENV. A page opened with the right key is the host's: it sees the students'
names, downloads the CSV, clears the board and decides when the students see the class
results. Without the key a page is a student's. Any later host-only view (e.g. a shared
class world) asks :func:`check_host_key` the same way.

Guessing the key is hopeless (128 random bits), and also limited: once the server has been
given WRONG_KEY_LIMIT wrong keys within WRONG_KEY_WINDOW seconds, it checks no key, right
or wrong, until the oldest of them is that old (:class:`WrongKeys`). A student typing
guesses can thus hold up the instructor's opening of a new host page by a minute at most
after the last wrong key; pages already opened as the host's are not asked again.
"""

from __future__ import annotations

import hmac
import math
import os
import secrets
import sys
import threading
import time

from succession_sim.errors import UserError

from .classroom import RecentEvents

__all__ = ["HOST_KEY_ENV", "HOST_LINK_KEY", "new_host_key", "host_key", "is_host", "check_host_key", "host_link",
           "WrongKeys", "TooManyWrongKeys", "WRONG_KEY_LIMIT", "WRONG_KEY_WINDOW"]

HOST_KEY_ENV = "SUCCESSION_SIM_HOST_KEY"
#: The link key that carries the host key: ``?host=KEY``.
HOST_LINK_KEY = "host"
#: Random bytes in a key (printed as 22 URL-safe characters).
KEY_BYTES = 16
#: Wrong keys the server takes within WRONG_KEY_WINDOW seconds before it stops checking keys:
#: enough for a few students' curious tries, and guessing at this pace is as hopeless as at any.
WRONG_KEY_LIMIT, WRONG_KEY_WINDOW = 10, 60.0


def new_host_key() -> str:
    return secrets.token_urlsafe(KEY_BYTES)


def host_key(environ=None) -> str:
    """The server's host key, or "" when it has none (then nobody is the host)."""
    return (os.environ if environ is None else environ).get(HOST_KEY_ENV, "").strip()


def is_host(presented, environ=None) -> bool:
    """Whether ``presented`` is the server's host key (compared in constant time; never true
    without a key, and a typed key may carry spaces around it)."""
    key = host_key(environ)
    return bool(key) and isinstance(presented, str) and hmac.compare_digest(presented.strip().encode(), key.encode())


class TooManyWrongKeys(UserError):
    """A key not checked, because the server has been given too many wrong ones lately."""


class WrongKeys(RecentEvents):
    """The wrong host keys given to this server lately: once ``limit`` came within ``window``
    seconds, no key is checked until the oldest of them is ``window`` seconds old. Keys not
    checked do not count, so retrying does not make the wait longer. One per server; its
    pages ask it from their own threads."""

    def __init__(self, limit: int = WRONG_KEY_LIMIT, window: float = WRONG_KEY_WINDOW, clock=time.monotonic):
        super().__init__(limit, window, clock)
        self._lock = threading.Lock()

    def check(self, presented, environ=None) -> bool:
        """:func:`is_host` unless the server has had too many wrong keys: then TooManyWrongKeys."""
        with self._lock:
            if wait := self.wait_needed():
                raise TooManyWrongKeys(f"too many wrong host keys ({self.limit} within {self.window:.0f} seconds); "
                                       f"try again in {math.ceil(wait)} seconds")
            if is_host(presented, environ):
                return True
            self.note()
            if len(self) == self.limit:  # the instructor's terminal says why the host page waits
                print(f"succession-sim: {self.limit} wrong host keys within {self.window:.0f} seconds; "
                      f"no key is checked for up to {self.window:.0f} seconds", file=sys.stderr, flush=True)
            return False


#: The server's count of wrong keys (tests put a fresh one in its place).
WRONG_KEYS = WrongKeys()


def check_host_key(presented, environ=None) -> bool:
    """Whether ``presented`` is the host key, as :func:`is_host`, counted by the server's
    :data:`WRONG_KEYS`: TooManyWrongKeys when it has had too many wrong ones lately."""
    return WRONG_KEYS.check(presented, environ)


def host_link(host: str, port: int, key: str) -> str:
    return f"http://{host}:{port}/?{HOST_LINK_KEY}={key}"
