"""The fact base as a long-running bot serves it: one answer engine over the shared base, and a
small overlay per server, kept current by the changes themselves.

Each server sees the shared curated base plus its own additions. The shared engine is built
once; a server with rows of its own gets an overlay engine (`AnswerEngine.over`) that shares
it and holds only what those rows touch. The curator tells the library of every change once
it is committed (`Curator.subscribe`): the change's rows are read back into that server's
overlay and only its overlay engine is dropped, so `library.curator.add(...)` alone makes
the server's answers current. A change committed by another process (a maintainer's
`backlog facts ...`, another bot process) is noticed through SQLite's `data_version`, which
moves only for other connections' commits, and reloads everything.

Writes never wait on the event loop (`write`, `write_now`, `behind`): the one connection tries
the write lock without SQLite's busy handler, and a lock held by another process is waited
for with `asyncio.sleep`, so every other interaction is answered meanwhile. One connection
(not a writer thread with its own) keeps `data_version` meaning "another process committed",
which the overlays depend on: a second connection's commits would look like a CLI's and
reload everything after each moderator's change.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date
from typing import TypeVar

from .asked import AskedQuestions
from .curation import Change, Curator
from .engine import STALE_AFTER_DAYS, Answer, AnswerEngine, AnswerStatus
from .forms import CurationError
from .models import Fact, KnowledgeBase, Measure, Source
from .overlay import Overlay, split_by_server
from .render import Renderer, fact_base_busy_words, fact_base_unusable_words
from .server_settings import ServerConfig
from .store import FactStore, StoreError, WriteBusy
from .unanswered import UnansweredQuestions

log = logging.getLogger(__name__)

RECHECKED_QUESTIONS = 50
# How long a moderator's change waits for another process's write lock before they are told.
WRITE_PATIENCE_SECONDS = 20.0
# How often a waiting write tries the lock again: short against a lock held for milliseconds.
WRITE_RETRY_SECONDS = 0.02
# Writes kept behind (unanswered questions, their closing) at most: past it the oldest go.
MAX_BEHIND = 10_000
# Answers kept ready (`now`, `about`, `ask`) at most, in every server together: past it the
# least recently given go. With its rendered embed (the cog's), one is a few kB.
MAX_KEPT_ANSWERS = 1_024

T = TypeVar("T")


class FactBaseBusy(StoreError):
    """A change waited `WRITE_PATIENCE_SECONDS` for another process's lock and was not saved."""


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
        self.curator.subscribe(self.changed)
        self.asked = AskedQuestions(store)
        self.unanswered = UnansweredQuestions(store)
        self.config = ServerConfig(self.curator)
        # Every row, retracted ones too: the renderer and `/fact` show any fact a server owns.
        self.kb = KnowledgeBase()
        self.renderer = Renderer(self.kb, today=today)
        self._shared = KnowledgeBase()
        self._overlays: dict[str, Overlay] = {}
        self._shared_engine: AnswerEngine | None = None
        self._engines: dict[str, AnswerEngine] = {}
        # Answers kept ready (`now`, `about`, a question asked again), by server (None for every
        # server that shares the shared engine) and what was asked, with the day and the engine each
        # was made for: an answer changes only when the data (a new engine) or the date does.
        self._kept: OrderedDict[tuple, tuple[date, AnswerEngine, Answer]] = OrderedDict()
        self._version: int | None = None
        # Writes that no reply waits for, done when the lock is free (`behind`, `flush_behind`).
        self._behind: list[Callable[[], None]] = []
        # Servers changed since their engine was last built, and a token per change: an engine
        # built in a worker thread is kept only if no change came while it was being built.
        self._unbuilt: set[str] = set()
        self._stamps: dict[str, object] = {}
        self._building: dict[str, asyncio.Future[AnswerEngine]] = {}
        # Why the file cannot be used any more, once another process made it unusable while this
        # one runs (`_check_outside_changes`): answers then come from what was read before.
        self.failure: str | None = None
        self.reload()

    @property
    def writable(self) -> bool:
        return self.store.writable

    def view(self, server: str | None) -> KnowledgeBase:
        """What `server` sees: the shared base and its own additions, nothing retracted."""
        self._check_outside_changes()
        overlay = self._overlays.get(server) if server is not None else None
        return overlay.view(self._shared) if overlay else self._shared

    def engine(self, server: str | None = None) -> AnswerEngine:
        self._check_outside_changes()
        if self._shared_engine is None:
            self._shared_engine = AnswerEngine(
                self._shared, today=self.today, stale_after_days=self.stale_after_days
            )
        overlay = self._overlays.get(server) if server is not None else None
        if not overlay:
            return self._shared_engine
        engine = self._engines.get(server)  # type: ignore[arg-type]
        if engine is None:
            engine = self._shared_engine.over(
                overlay.view(self._shared),
                [f for f in overlay.facts.values() if not f.retracted],
                overlay.measures.values(),
                overlay.sources.values(),
            )
            self._engines[server] = engine  # type: ignore[index]
        return engine

    def now(self, server: str | None = None) -> Answer:
        """The latest court backlog as `server` sees it, made once a day and once per change: the
        same `Answer` object until then, so an adapter may keep what it rendered of it."""
        return self._kept_answer(server, ("now",), AnswerEngine.now)

    def about(self, server: str | None = None) -> Answer:
        """What the fact base covers, as `server` sees it, kept like `now` (it reads every fact)."""
        return self._kept_answer(server, ("about",), AnswerEngine.about)

    def ask(self, server: str | None, question: str) -> Answer:
        """`AnswerEngine.ask` in `server`, kept like `now`: the same question asked again the same day
        with no change between is the same answer (autocomplete leads members to the same words).
        Raises `QuestionError` as `ask` does; a refusal is not kept."""
        return self._kept_answer(server, ("ask", question), lambda engine: engine.ask(question))

    def _kept_answer(
        self, server: str | None, asked: tuple[str, ...], make: Callable[[AnswerEngine], Answer]
    ) -> Answer:
        engine = self.engine(server)
        key = (server if engine is not self._shared_engine else None, *asked)
        today = self.today()
        kept = self._kept.get(key)
        if kept is None or kept[0] != today or kept[1] is not engine:
            kept = (today, engine, make(engine))
            self._kept[key] = kept
            if len(self._kept) > MAX_KEPT_ANSWERS:
                self._kept.popitem(last=False)
        self._kept.move_to_end(key)
        return kept[2]

    def changed(self, change: Change) -> None:
        """A change this process committed (the curator calls this): read its rows back into the
        server's overlay and drop that server's engine only."""
        if change.entity == "settings":
            return  # who moderates, where changes are announced: nothing an answer uses
        if change.action == "promote" or change.server is None:
            self.reload()  # the shared base changed: every server sees it
            return
        # `_version` stays as it is: our own commits do not move `data_version`, so one that
        # moved meanwhile is another process's commit, still to be read (and then everything is).
        overlay = self._overlays.setdefault(change.server, Overlay())
        rows: list = []
        if change.entity == "fact":
            fact = self.store.fact(int(change.entity_id))
            source = self.store.source(fact.source) if fact is not None else None
            rows = [fact, source]
        elif change.entity == "measure":
            rows = [self.store.measure(change.entity_id)]
        else:
            self.reload()
            return
        for row in rows:
            if row is None:
                continue
            getattr(self.kb, _TABLES[type(row).__name__])[row.id] = row
            if row.server == change.server:
                overlay.put(row)
        self._engines.pop(change.server, None)
        for key in [key for key in self._kept if key[0] == change.server]:
            del self._kept[key]
        self._stamps[change.server] = object()
        self._unbuilt.add(change.server)

    async def resolve_unanswered(self, server: str | None, fact_id: int) -> list[str]:
        """Questions this server could not answer that it now can: returned, and marked answered
        behind the reply (`behind`). The engine being built ahead for the change is awaited, not
        built a second time on the loop beside it."""
        self.flush_behind()  # questions asked a moment ago are written behind their replies
        questions = self.unanswered.listed(server, RECHECKED_QUESTIONS)
        if not questions:
            return []
        await self.ready(server)
        engine = self.engine(server)
        answered = []
        for question in questions:
            try:
                status = engine.ask(question.question).status
            except ValueError:
                continue
            if status is AnswerStatus.ANSWERED:
                self.behind(self._closer(question.id, server, f"fact {fact_id}"))
                answered.append(question.question)
        return answered

    def _closer(self, question_id: int, server: str | None, by: str) -> Callable[[], None]:
        def close() -> None:
            # Dismissed or closed meanwhile: nothing left to do.
            with contextlib.suppress(CurationError):
                self.unanswered.close(question_id, server, "answered", by)

        return close

    def note_unanswered(self, server: str | None, question: str) -> None:
        """Keep a question nobody could answer for `/fact unanswered`, written behind the reply."""
        self.behind(lambda: self.unanswered.record(server, question))

    # -- writing, never waiting on the event loop ------------------------------------

    def write_now(self, action: Callable[[], T]) -> T:
        """Run `action` (which writes through the curator or the store) in one transaction, or raise
        `WriteBusy` at once when another process holds the lock: it never waits."""
        with self.store.writing(wait=False):
            return action()

    async def write(
        self,
        action: Callable[[], T],
        *,
        waiting: Callable[[], Awaitable[None]] | None = None,
        patience: float = WRITE_PATIENCE_SECONDS,
    ) -> T:
        """`write_now`, and while another process holds the lock, try again every few milliseconds
        without blocking the loop. `waiting` is awaited once, before the first wait (a Discord
        adapter defers its reply there); after `patience` seconds, `FactBaseBusy` says so."""
        started = time.monotonic()
        told = False
        while True:
            try:
                result = self.write_now(action)
            except WriteBusy:
                waited = time.monotonic() - started
                if waited >= patience:
                    raise FactBaseBusy(fact_base_busy_words(waited)) from None
            else:
                self.build_behind()
                return result
            if waiting is not None and not told:
                told = True
                await waiting()
            await asyncio.sleep(WRITE_RETRY_SECONDS)

    def build_behind(self) -> None:
        """Build the engines of the servers just changed in a worker thread, so that the first
        question asked there after a moderator's change finds its engine ready; the loop answers
        meanwhile (a question that comes first builds the engine itself, as before)."""
        shared = self._shared_engine
        unbuilt, self._unbuilt = self._unbuilt, set()
        if shared is None:
            return  # nothing asked yet: engines are built as they are asked for
        loop = asyncio.get_running_loop()
        for server in unbuilt:
            overlay = self._overlays.get(server)
            if not overlay or server in self._engines:
                continue
            stamp = self._stamps.setdefault(server, object())
            # What the thread reads is taken here, on the loop: lists, not the dicts it changes.
            view = overlay.view(self._shared)
            facts = [f for f in overlay.facts.values() if not f.retracted]
            measures, sources = list(overlay.measures.values()), list(overlay.sources.values())
            future = loop.run_in_executor(None, _built_ahead, shared, view, facts, measures, sources)
            future.add_done_callback(lambda done, s=server, t=stamp: self._built(s, t, shared, done))
            self._building[server] = future

    def _built(self, server: str, stamp: object, shared: AnswerEngine, done: asyncio.Future) -> None:
        if self._building.get(server) is done:
            del self._building[server]
        if done.cancelled() or done.exception() is not None:
            # A change landing while it was built may break it: the first question builds it.
            log.debug("building the engine of server %s ahead failed", server, exc_info=done.exception())
            return
        current = self._stamps.get(server) is stamp and self._shared_engine is shared
        if current and server not in self._engines:
            self._engines[server] = done.result()

    def built(self, server: str | None) -> bool:
        """Whether a question in `server` finds its engine built (none left to build on asking)."""
        return self._shared_engine is not None and (
            server not in self._overlays or server in self._engines or not self._overlays[server]
        )

    async def ready(self, server: str | None) -> None:
        """Wait until the engine being built ahead for `server` (if any) is in place."""
        building = self._building.get(server)
        if building is not None:
            with contextlib.suppress(Exception):
                await building

    def behind(self, action: Callable[[], None]) -> None:
        """A write nobody waits for: done at the next `flush_behind` that finds the lock free."""
        if not self.writable:
            return
        self._behind.append(action)
        if len(self._behind) > MAX_BEHIND:
            dropped = self._behind.pop(0)
            log.warning("too many writes waiting for the lock; one was dropped: %s", dropped)

    def flush_behind(self, *, wait: bool = False) -> bool:
        """Do the writes kept behind and the "most asked" counts due, in one transaction, when the
        lock is free; otherwise keep them for the next try. True when no write is left behind (the
        counts keep their own batches: `AskedQuestions.waiting`). `wait` (a shutdown, nothing else
        to answer) lets SQLite wait for the lock."""
        if self._behind:
            pending, self._behind = self._behind, []
            try:
                with self.store.writing(wait=wait):
                    for action in pending:
                        action()
            except WriteBusy:
                self._behind[:0] = pending  # kept, in order, for the next try
            except Exception:  # a write that fails must not keep failing the others for ever
                log.exception("writes kept behind the replies failed; %d dropped", len(pending))
        self.asked.flush_due()
        return not self._behind

    def _check_outside_changes(self) -> None:
        if self.failure is not None:
            return
        if self.store.data_version() == self._version:
            return
        log.info("the fact base changed on disk; reloading it")
        try:
            self.store.check_schema()
            self.reload()
        except StoreError as error:
            self._unusable(error)

    def _unusable(self, error: StoreError) -> None:
        """Another process made the file one this version must not use: a newer version migrated
        it, or its pages are damaged. Opening it would have been refused (one line, exit status 2);
        while running, the answers stay those of the facts read before, and nothing more is
        written to it, until the operator restarts the bot (upgraded, or with a backup restored)."""
        self.failure = str(error)
        log.error("%s; answering from the facts read before it changed, and saving nothing", error)
        self.store.refuse_writes(fact_base_unusable_words())
        if self._behind:
            log.warning(
                "%d writes kept behind the replies are dropped: the fact base cannot be written",
                len(self._behind),
            )
            self._behind.clear()

    def reload(self) -> None:
        """Read the database again, and build the engines afresh as they are asked for."""
        # Read before loading: a commit landing during the load moves it again, so it is not lost.
        self._version = self.store.data_version()
        self.kb = self.store.load(include_retracted=True)
        self.renderer.kb = self.kb
        self._shared, self._overlays = split_by_server(self.kb)
        self._shared_engine = None
        self._engines.clear()
        self._kept.clear()
        self._stamps.clear()
        self._unbuilt.clear()


def _built_ahead(
    shared: AnswerEngine,
    view: KnowledgeBase,
    facts: list[Fact],
    measures: list[Measure],
    sources: list[Source],
) -> AnswerEngine:
    """A server's engine as `build_behind` makes it in a worker thread: built, and what its first
    keystrokes ask warmed (`AnswerEngine.warm_own`), so that the first answer finds it ready."""
    engine = shared.over(view, facts, measures, sources)
    engine.warm_own()
    return engine


_TABLES = {"Fact": "facts", "Source": "sources", "Measure": "measures"}
