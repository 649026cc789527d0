"""Reading the user's files (scenarios, experiments, tables, manifests): UTF-8 text, and one
sentence naming the file when it cannot be read. Imports nothing heavy (``status`` uses it)."""

from __future__ import annotations

from pathlib import Path

from .errors import UserError

__all__ = ["shown", "is_file", "read_text", "os_problem"]

#: Longest file name quoted whole in a message; a longer one is cut in the middle.
SHOWN_LENGTH = 100


def shown(path: str | Path) -> str:
    """A path quoted for a one-line message: an over-long name (e.g. past the system's
    limit) is cut in the middle, so the message stays one readable line."""
    text = str(path)
    if len(text) <= SHOWN_LENGTH:
        return repr(text)
    half = SHOWN_LENGTH // 2
    return f"{text[:half] + '...' + text[-half:]!r} ({len(text)} characters)"


def is_file(path: str | Path) -> bool:
    """Whether ``path`` is a file; False, not an error, for a name the system cannot even look up."""
    try:
        return Path(path).is_file()
    except (OSError, ValueError):  # a name over the length limit, a NUL byte
        return False


def os_problem(exc: OSError) -> str:
    """An OSError in words (what the system said, and the file), for one line."""
    reason = exc.strerror or exc.__class__.__name__
    return f"{shown(exc.filename)}: {reason}" if exc.filename else reason


def read_text(path: str | Path, what: str, error: type[UserError] = UserError) -> str:
    """The file's text, decoded as UTF-8; ``error`` naming ``what`` and the file otherwise."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise error(f"{what} {shown(path)} does not exist") from None
    except IsADirectoryError:
        raise error(f"{what} {shown(path)} is a folder, not a file") from None
    except (OSError, ValueError) as exc:
        raise error(f"{what} {shown(path)} cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{what} {shown(path)} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
                    f"{exc.start}); save it as UTF-8") from None
