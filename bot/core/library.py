"""The fact base as a long-running bot serves it: one answer engine per server, kept current.

Each server sees the shared curated base plus its own additions
(`KnowledgeBase.for_server`). Engines are built on first use and rebuilt only
for the server a change touched. A change made by another process (a
maintainer's `backlog facts ...` while the bot runs) is noticed through
SQLite's `data_version` and reloads everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from .curation import Change, Curator
from .engine import STALE_AFTER_DAYS, AnswerEngine, AnswerStatus
from .knowledge import fact_from_row
from .models import KnowledgeBase
from .render import Renderer
from .store import FactStore, measure_from_row, source_from_row

log = logging.getLogger(__name__)

RECHECKED_QUESTIONS = 50


class Library:
    def __init__(
        self,
        store: FactStore,
        *,
        today: Callable[[], date] = date.today,
        stale_after_days: int | None = None,
    ) -> None:
        self.store = store
        self.today = today
        self.stale_after_days = stale_after_days or STALE_AFTER_DAYS
        self.curator = Curator(store, views=self.view, today=today)
        self.kb = KnowledgeBase()
        self.renderer = Renderer(self.kb, today=today)
        self._views: dict[str | None, KnowledgeBase] = {}
        self._engines: dict[str | None, AnswerEngine] = {}
        self._version: int | None = None
        self.reload()

    @property
    def writable(self) -> bool:
        return self.store.writable

    def view(self, server: str | None) -> KnowledgeBase:
        """What `server` sees: the shared base and its own additions, nothing retracted."""
        self._check_outside_changes()
        key = server if server in self._servers else None
        if key not in self._views:
            self._views[key] = self.kb.for_server(key)
        return self._views[key]

    def engine(self, server: str | None = None) -> AnswerEngine:
        self._check_outside_changes()
        key = server if server in self._servers else None
        if key not in self._engines:
            self._engines[key] = AnswerEngine(
                self.view(key), today=self.today, stale_after_days=self.stale_after_days
            )
        return self._engines[key]

    def changed(self, change: Change) -> None:
        """After this process wrote: reload, and rebuild the engines the change can affect."""
        if change.entity == "settings":
            return  # who moderates, where changes are announced: nothing an answer uses
        if change.action == "promote" or change.server is None:
            self.reload()  # the shared base changed: every server sees it
            return
        # Only one server's rows changed: read just those back (a full reload is the slow part).
        db = self.store.db
        if change.entity == "fact":
            fact = fact_from_row(db["facts"].get(int(change.entity_id)))
            self.kb.facts[fact.id] = fact
            self.kb.sources[fact.source] = source_from_row(db["sources"].get(fact.source))
        elif change.entity == "measure":
            self.kb.measures[change.entity_id] = measure_from_row(db["measures"].get(change.entity_id))
        else:
            self.reload()
            return
        self._version = self.store.data_version()
        self._servers.add(change.server)
        self._views.pop(change.server, None)
        self._engines.pop(change.server, None)

    def resolve_unanswered(self, server: str | None, fact_id: int) -> list[str]:
        """Questions this server could not answer that it now can: marked answered, returned."""
        questions = self.curator.unanswered(server, RECHECKED_QUESTIONS)
        if not questions:
            return []
        engine = self.engine(server)
        answered = []
        for question in questions:
            try:
                status = engine.ask(question.question).status
            except ValueError:
                continue
            if status is AnswerStatus.ANSWERED:
                self.curator.close_unanswered(question.id, server, "answered", f"fact {fact_id}")
                answered.append(question.question)
        return answered

    def _check_outside_changes(self) -> None:
        if self.store.data_version() != self._version:
            log.info("the fact base changed on disk; reloading it")
            self.reload()

    def reload(self, only: str | None = None) -> None:
        """Read the database again; rebuild every engine, or `only` that server's."""
        self._version = self.store.data_version()
        self.kb = self.store.load(include_retracted=True)
        self.renderer.kb = self.kb
        self._servers = self.kb.servers()
        if only is None:
            self._views.clear()
            self._engines.clear()
        else:
            self._views.pop(only, None)
            self._engines.pop(only, None)
