"""Questions a server asked that the bot could not answer, kept for its moderators (`/fact unanswered`).

One row per server and question (folded, so "Goats?" and "goats" are one), counted each time it
is asked. A question leaves the list when a moderator dismisses it or a new fact answers it
(`Library.resolve_unanswered`); asked again after it was answered, it is back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from .forms import CurationError
from .store import FactStore
from .text import clean_text, fold

# Longer questions are kept cut: the list is for reading at a glance.
KEPT_CHARACTERS = 300


@dataclass(frozen=True)
class Unanswered:
    id: int
    question: str
    count: int
    last_asked: str


class UnansweredQuestions:
    """The unanswered questions of every server, in one fact base."""

    def __init__(self, store: FactStore, *, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store = store
        self.now = now

    def record(self, server: str | None, question: str) -> None:
        """Note one asking of a question no fact answered (DMs are kept under the server "")."""
        # A lone surrogate or a control character cannot be stored (UTF-8 has no lone surrogate)
        # and should not be shown to moderators: the question is kept as it reads.
        question = " ".join(clean_text(question).split())
        key = fold(question)
        if not key:
            return
        at = self.now().astimezone(UTC).isoformat(timespec="seconds")
        self.store.note_unanswered(server or "", key, question[:KEPT_CHARACTERS], at)

    def listed(self, server: str | None, limit: int = 10) -> list[Unanswered]:
        """A server's open questions, most asked first."""
        return [Unanswered(*row) for row in self.store.open_unanswered(server or "", limit)]

    def close(self, question_id: int, server: str | None, status: str, by: str) -> Unanswered:
        """Take a question off the list ("dismissed" by a moderator, "answered" by a fact)."""
        row = self.store.open_unanswered_one(question_id, server or "")
        if row is None:
            raise CurationError("That question is not on the list any more.")
        self.store.close_unanswered(question_id, status, by)
        return Unanswered(*row)
