"""The host key: what opens the instructor's views of a class (the Host view of a shared world).

``succession-sim dashboard --class NAME`` makes a key unless ``SUCCESSION_SIM_HOST_KEY``
already holds one, prints it at start-up, and hands it to the server in that variable.
A page asks for it once per browser session. (One small interface, so the class board's
own host key, when it comes, can take its place.)
"""

from __future__ import annotations

import hmac
import os
import secrets

__all__ = ["HOST_KEY_ENV", "KEY_LENGTH", "ensure_host_key", "host_key", "is_host_key"]

HOST_KEY_ENV = "SUCCESSION_SIM_HOST_KEY"
KEY_LENGTH = 10
_LETTERS = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read off a terminal, typed right


def ensure_host_key(environ=None) -> str:
    """The key in the environment, or a new random one put there; returned to be printed."""
    environ = os.environ if environ is None else environ
    if not environ.get(HOST_KEY_ENV, "").strip():
        environ[HOST_KEY_ENV] = "".join(secrets.choice(_LETTERS) for _ in range(KEY_LENGTH))
    return environ[HOST_KEY_ENV].strip()


def host_key(environ=None) -> str:
    """The server's host key ('' when none is set: then no page is the host)."""
    return (os.environ if environ is None else environ).get(HOST_KEY_ENV, "").strip()


def is_host_key(given, environ=None) -> bool:
    """Whether ``given`` is the server's host key (compared in constant time; never true without a key)."""
    key = host_key(environ)
    return bool(key) and isinstance(given, str) and hmac.compare_digest(given.strip().encode(), key.encode())
