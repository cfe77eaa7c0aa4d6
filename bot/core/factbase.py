"""Opening the fact base the user means: `BACKLOG_DB`, the packaged default, or a checkout's text."""

from __future__ import annotations

import os
from pathlib import Path

from .build import build_database
from .paths import packaged_database, resource_dir
from .store import FactStore

DB_ENV = "BACKLOG_DB"


def open_fact_base(path: str | Path | None = None, *, writable: bool = False) -> FactStore:
    """The database at `path` or `$BACKLOG_DB`; else the curated base this version ships."""
    chosen = path or os.environ.get(DB_ENV)
    if chosen:
        return FactStore.open(chosen, create=writable, readonly=not writable)
    return curated_fact_base()


def curated_fact_base() -> FactStore:
    """The shared curated base of this version, read-only.

    A source checkout has no packaged database (it is built when the wheel is),
    so there the curated text is built into memory: the same build, just not saved.
    """
    packaged = packaged_database()
    if packaged.exists():
        return FactStore.open(packaged, readonly=True, immutable=True)
    store = build_database(resource_dir("knowledge"), None)
    store.writable = False
    return store


def open_for_bot(path: str | Path | None) -> FactStore:
    """The bot's fact base. With a path: that file, created when new, writable, and its shared
    curated base brought up to this version's (servers' own facts are left alone).
    Without: the read-only curated base, and moderation commands explain why they cannot save."""
    if not path:
        return curated_fact_base()
    store = FactStore.open(path, create=True)
    store.sync_knowledge(curated_fact_base().load())
    return store
