"""Opening the fact base the user means: `BACKLOG_DB`, the packaged default, or a checkout's text."""

from __future__ import annotations

import os
from pathlib import Path

from .build import build_database
from .paths import packaged_database, resource_dir
from .store import FactStore

DB_ENV = "BACKLOG_DB"


def open_fact_base(path: str | Path | None = None, *, writable: bool = False) -> FactStore:
    """The database at `path` or `$BACKLOG_DB`; else the one shipped in the package.

    A source checkout has no packaged database (it is built when the wheel is),
    so there the curated text is built into memory: the same build, just not saved.
    """
    chosen = path or os.environ.get(DB_ENV)
    if chosen:
        return FactStore.open(chosen, create=writable, readonly=not writable)
    packaged = packaged_database()
    if packaged.exists() and not writable:
        return FactStore.open(packaged, readonly=True, immutable=True)
    return build_database(resource_dir("knowledge"), None)
