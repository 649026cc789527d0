"""The host key: what makes a browser the instructor's on a classroom network.

``succession-sim dashboard --class NAME`` makes a fresh key at start-up, prints the
instructor's link (``http://HOST:PORT/?host=KEY``) and hands the key to the server in
HOST_KEY_ENV. A page opened with the right key is the host's: it sees the students'
names, downloads the CSV, clears the board and decides when the students see the class
results. Without the key a page is a student's. Any later host-only view (e.g. a shared
class world) asks :func:`is_host` the same way.
"""

from __future__ import annotations

import hmac
import os
import secrets

__all__ = ["HOST_KEY_ENV", "HOST_LINK_KEY", "new_host_key", "host_key", "is_host", "host_link"]

HOST_KEY_ENV = "SUCCESSION_SIM_HOST_KEY"
#: The link key that carries the host key: ``?host=KEY``.
HOST_LINK_KEY = "host"
#: Random bytes in a key (printed as 22 URL-safe characters).
KEY_BYTES = 16


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


def host_link(host: str, port: int, key: str) -> str:
    return f"http://{host}:{port}/?{HOST_LINK_KEY}={key}"
