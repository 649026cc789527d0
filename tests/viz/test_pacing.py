"""The server-wide pacer of Play: turns in order, one at a time, within a time budget."""

from __future__ import annotations

import threading
import time

import pytest

from viz.pacing import PlayPacer


def _player(pacer: PlayPacer, work: float, stop: threading.Event, counts: list, k: int, lock: threading.Lock):
    while not stop.is_set():
        if not pacer.take_turn(stop):
            return
        try:
            time.sleep(work)  # a year's work, as a busy server would see it
            with lock:
                counts[k] += 1
        finally:
            pacer.end_turn()


def test_an_overloaded_pacer_gives_every_player_the_same_number_of_turns():
    """Six players who all want turns at once: first come, first served means equal shares."""
    pacer, stop, lock = PlayPacer(budget=1.0), threading.Event(), threading.Lock()
    counts = [0] * 6
    players = [threading.Thread(target=_player, args=(pacer, 0.004, stop, counts, k, lock)) for k in range(6)]
    for player in players:
        player.start()
    time.sleep(1.5)
    stop.set()
    for player in players:
        player.join(2)
    assert min(counts) >= 0.8 * max(counts) and min(counts) > 10, counts


def test_turns_never_overlap_and_leave_the_rest_of_the_budget_free():
    pacer, stop = PlayPacer(budget=0.5), threading.Event()
    spans: list[tuple[float, float]] = []

    def player():
        for _ in range(10):
            assert pacer.take_turn(stop)
            started = time.monotonic()
            time.sleep(0.01)
            spans.append((started, time.monotonic()))
            pacer.end_turn()

    threads = [threading.Thread(target=player) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    spans.sort()
    assert len(spans) == 20
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end  # one turn at a time
    busy = sum(end - start for start, end in spans)
    assert busy / (spans[-1][1] - spans[0][0]) < 0.6  # half the time left for clicks (budget 0.5)


def test_a_stopped_player_leaves_the_queue_at_once():
    pacer, stop = PlayPacer(), threading.Event()
    assert pacer.take_turn(threading.Event())  # someone else holds the turn
    waited = []
    waiter = threading.Thread(target=lambda: waited.append(pacer.take_turn(stop)))
    waiter.start()
    time.sleep(0.1)
    assert pacer.waiting() == 1
    stop.set()  # Pause pressed while waiting
    waiter.join(1)
    assert waited == [False] and pacer.waiting() == 0
    pacer.end_turn()


def test_the_budget_must_be_a_share():
    with pytest.raises(ValueError, match="budget"):
        PlayPacer(budget=0)
