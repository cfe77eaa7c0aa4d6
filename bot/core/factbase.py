"""Opening the fact base the user means: `BACKLOG_DB`, the packaged default, or a checkout's text."""

from __future__ import annotations

import os
from pathlib import Path

from .build import build_database
from .paths import packaged_database, resource_dir
from .store import FactStore

DB_ENV = "BACKLOG_DB"


def open_fact_base(path: str | Path | None = None) -> FactStore:
    """The database at `path` or `$BACKLOG_DB`, read-only; else the curated base this version ships.

    Commands that write open their file with `FactStore.open` (see `bot/cli.py`'s `_writable`)."""
    chosen = path or os.environ.get(DB_ENV)
    if chosen:
        return FactStore.open(chosen, readonly=True)
    return curated_fact_base()


def curated_fact_base() -> FactStore:
    """The shared curated base of this version, read-only.

    A source checkout has no packaged database (it is built when the wheel is),
    so there the curated text is built into memory: the same build, just not saved.
    """
    packaged = packaged_database()
    if packaged.exists():
        store = FactStore.open(packaged, readonly=True, immutable=True)
        store.path = None  # read-only by design, not an operator's file that could be made writable
        return store
    store = build_database(resource_dir("knowledge"), None)
    store.writable = False
    return store


def open_for_bot(path: str | Path | None) -> FactStore:
    """The bot's fact base. With a path: that file, writable; a new (empty) one starts as a
    copy of this version's curated base. An existing one is used as it is: it may hold a
    curated base of its own (`backlog db build --knowledge DIR`), which the bot never replaces.
    Without a path: the read-only curated base, and moderation commands explain why they cannot save.
    A file the bot may not write is answered from read-only, and moderation commands say so."""
    if not path:
        return curated_fact_base()
    store = FactStore.open(path, create=True, readonly_if_unwritable=True)
    if store.writable and store.counts()["facts"] == 0:
        store.sync_knowledge(curated_fact_base().load())
    return store
