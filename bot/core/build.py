"""`backlog db build`: the curated text in `knowledge/` becomes the SQLite fact base."""

from __future__ import annotations

import logging
from pathlib import Path

from .knowledge import load_knowledge
from .store import FactStore
from .validation import validate

log = logging.getLogger(__name__)


def build_database(knowledge_dir: Path, target: Path | None) -> FactStore:
    """Load, validate and sync the curated base into `target` (in memory when None).

    Running it twice leaves the same database: curated rows are upserted by id
    and rows removed from `knowledge/` are removed from the shared base.
    """
    kb = load_knowledge(knowledge_dir)
    validate(kb)
    store = FactStore.memory() if target is None else FactStore.open(target, create=True)
    counts = store.sync_knowledge(kb)
    log.info("built %s from %s: %s", target or ":memory:", knowledge_dir, counts)
    return store
