"""The one base class of every error that is the user's input, not a bug.

The command line prints such an error in one line and exits 2; anything else is a bug
and keeps its traceback. This module imports nothing, so the CLI can catch these
errors without loading the model.
"""

from __future__ import annotations

__all__ = ["UserError"]


class UserError(ValueError):
    """Bad input (a name, a value, a file, a folder), said in one line that names it."""
