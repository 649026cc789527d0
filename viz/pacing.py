"""Fair pacing of Play across every session of the server.

All students' models run in one Python process, which computes on one core at a time.
Each playing session asks for a turn before it steps; turns go in the order asked for
(first come, first served), so when the server cannot keep up, every playing session gets
one year per round and all slow down by the same factor: nobody freezes while others run.
After each turn the pacer keeps the next one back for a while in proportion to the turn's
length, so Play as a whole uses at most ``budget`` of the process's time and the rest is
left for clicks (Step, Pause, Reset) from every page.
"""

from __future__ import annotations

import collections
import threading
import time

__all__ = ["PlayPacer", "PACER", "PLAY_BUDGET"]

#: Share of the server process's time that all Play loops together may take.
PLAY_BUDGET = 0.75
#: How often a waiting session looks whether it was paused meanwhile (seconds); a turn that
#: ends wakes the waiting sessions anyway.
STOP_CHECK = 0.25


class PlayPacer:
    """Hands out turns to step, one at a time, first come first served, within a time budget."""

    def __init__(self, budget: float = PLAY_BUDGET):
        if not 0 < budget <= 1:
            raise ValueError(f"budget must be in (0, 1], got {budget!r}")
        self.budget = budget
        self._changed = threading.Condition()
        self._queue: collections.deque = collections.deque()
        self._busy = False  # a turn is being taken
        self._next_turn_at = 0.0  # monotonic time before which no turn starts (the budget's rest)
        self._turn_started = 0.0

    def take_turn(self, stop: threading.Event) -> bool:
        """Wait for this thread's turn; False (and no turn) if ``stop`` is set meanwhile."""
        ticket = object()
        with self._changed:
            self._queue.append(ticket)
            while True:
                if stop.is_set():
                    self._queue.remove(ticket)
                    self._changed.notify_all()
                    return False
                wait = self._next_turn_at - time.monotonic()
                first = not self._busy and self._queue[0] is ticket
                if first and wait <= 0:
                    break
                # the first in line waits out the budget's rest; the others wait for a turn to end,
                # waking from time to time to notice `stop`, which nobody signals here
                self._changed.wait(min(wait, STOP_CHECK) if first else STOP_CHECK)
            self._queue.popleft()
            self._busy = True
            self._turn_started = time.monotonic()
            return True

    def end_turn(self) -> None:
        """Close the turn taken with :meth:`take_turn`; the next one waits out the budget's rest."""
        with self._changed:
            now = time.monotonic()
            self._next_turn_at = now + (now - self._turn_started) * (1.0 / self.budget - 1.0)
            self._busy = False
            self._changed.notify_all()

    def waiting(self) -> int:
        """Sessions waiting for a turn now."""
        with self._changed:
            return len(self._queue)


#: The one pacer of this server process, shared by every session's Play loop.
PACER = PlayPacer()
