"""Autocomplete's "most asked" questions, per server and kept in the database.

A question asked in one server is never offered in another, and a private one or one
asked in a DM is not counted at all: what people ask may be theirs to keep. Counts are
written behind, a batch at a time (`FLUSH_EVERY` questions or `FLUSH_SECONDS`), so an
answer never waits on a write; a restart loses at most the batch not yet written. A batch that
finds another process holding the write lock is kept for the next try, never waited for.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from .store import FactStore, WriteBusy
from .text import clean_text, fold

FLUSH_EVERY = 25
FLUSH_SECONDS = 60.0
KEPT_PER_SERVER = 50  # what is read back per server: autocomplete shows 25 at most


class AskedQuestions:
    def __init__(
        self,
        store: FactStore,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self._clock = clock
        self._now = now
        self._counts: dict[str, Counter[str]] = {}  # server -> key -> times, read once per server
        self._wording: dict[tuple[str, str], str] = {}
        self._pending: dict[tuple[str, str], tuple[str, int]] = {}
        self._flushed = clock()

    def record(self, server: str, question: str) -> None:
        """One answered question asked in `server` (not privately, not in a DM)."""
        question = " ".join(clean_text(question).split())[:100]
        key = fold(question)
        if not key:
            return
        self._of(server)[key] += 1
        self._wording[(server, key)] = question
        _, times = self._pending.get((server, key), (question, 0))
        self._pending[(server, key)] = (question, times + 1)
        self.flush_due()

    def most(self, server: str, limit: int) -> list[str]:
        """The questions asked most in `server`, most first."""
        return [self._wording[(server, key)] for key, _ in self._of(server).most_common(limit)]

    @property
    def waiting(self) -> bool:
        """Whether counts are waiting to be written."""
        return bool(self._pending) and self.store.writable

    def flush_due(self) -> None:
        """`flush(wait=False)` once a batch is full or `FLUSH_SECONDS` have passed since the last."""
        full = len(self._pending) >= FLUSH_EVERY
        if self._pending and (full or self._clock() - self._flushed >= FLUSH_SECONDS):
            self.flush(wait=False)

    def flush(self, *, wait: bool = True) -> None:
        """Write the counts not yet written (a read-only base keeps them in memory only). With
        `wait=False` (the bot's event loop), a lock held by another process keeps them for later."""
        pending, self._pending = self._pending, {}
        flushed, self._flushed = self._flushed, self._clock()
        if not pending or not self.store.writable:
            return
        try:
            self.store.add_asked(
                pending, self._now().astimezone(UTC).isoformat(timespec="seconds"), wait=wait
            )
        except WriteBusy:
            # Kept, and still due: the next `flush_due` (the bot tries every moment) writes them.
            self._pending, self._flushed = pending, flushed

    def _of(self, server: str) -> Counter[str]:
        counts = self._counts.get(server)
        if counts is None:
            counts = Counter()
            for key, question, times in self.store.most_asked(server, KEPT_PER_SERVER):
                counts[key] = times
                self._wording[(server, key)] = question
            self._counts[server] = counts
        return counts
