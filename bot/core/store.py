"""`FactStore`: the one place that reads and writes the SQLite database.

It takes and returns plain values and model objects, never anything from
discord, so the bot, the CLI and the tests all use it the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .knowledge import KnowledgeError, fact_from_row
from .models import (
    Derivation,
    Fact,
    KnowledgeBase,
    Measure,
    MeasureKind,
    MethodChange,
    Moment,
    Source,
    SourceKind,
    Unit,
)
from .schema import apply_migrations, migrations


class StoreError(RuntimeError):
    """The database cannot be used: missing, unreadable or of an unknown schema."""


class FactStore:
    """A fact base in one SQLite file (or in memory)."""

    def __init__(self, db: Database, *, writable: bool = True) -> None:
        self.db = db
        self.writable = writable

    @classmethod
    def open(
        cls, path: str | Path, *, create: bool = False, readonly: bool = False, immutable: bool = False
    ) -> FactStore:
        """Open a database file. A missing file is an error unless `create`.

        `immutable` is for the database shipped inside the package, which nothing
        writes: SQLite then reads it without a lock file, even from a read-only install.
        """
        path = Path(path)
        if not path.exists() and not create:
            raise StoreError(f"no database at {path} (build one with: backlog db build --db {path})")
        if readonly:
            flags = "mode=ro&immutable=1" if immutable else "mode=ro"
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
            store = cls(Database(connection), writable=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            store = cls(Database(path), writable=True)
            store.db.execute("PRAGMA journal_mode=WAL")
            # A commit reaches the disk before it is acknowledged: moderators' work survives a power cut.
            store.db.execute("PRAGMA synchronous=FULL")
            # The bot and a maintainer's CLI may write at once: wait for the other, do not fail.
            store.db.execute("PRAGMA busy_timeout=10000")
            store.migrate()
        store._check_schema()
        return store

    @classmethod
    def memory(cls) -> FactStore:
        store = cls(Database(memory=True))
        store.migrate()
        return store

    def migrate(self) -> None:
        apply_migrations(self.db)

    @contextmanager
    def writing(self) -> Iterator[Database]:
        """One write transaction: all of it lands, or none of it.

        `BEGIN IMMEDIATE` takes the write lock up front, so two processes never
        both read, then both try to write and one of them fail half-way.
        """
        if not self.writable:
            raise StoreError("this fact base is read-only")
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when another connection commits: time to reload what was read."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def _check_schema(self) -> None:
        try:
            pending = migrations.pending(self.db)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"not a fact base database ({error})") from None
        if pending:
            raise StoreError(
                "the database is older than this version of backlog; open it writable to migrate it"
            )

    # -- the curated base --------------------------------------------------

    def sync_knowledge(self, kb: KnowledgeBase) -> dict[str, int]:
        """Make the shared curated base equal to `kb`, idempotently, in one transaction.

        Rows added later (by moderators, with another origin) are left alone.
        """
        with self.writing():
            self._check_not_taken("sources", list(kb.sources))
            self._check_not_taken("measures", list(kb.measures))
            self._check_not_taken("facts", list(kb.facts))
            self._replace("units", [asdict(u) for u in kb.units.values()])
            self._replace("sources", [source_row(s) for s in kb.sources.values()], curated_only=True)
            self._replace("measures", [measure_row(m) for m in kb.measures.values()], curated_only=True)
            self._replace("moments", [moment_row(m) for m in kb.moments.values()])
            self._replace("derivations", [derivation_row(d) for d in kb.derivations.values()])
            curated = [fact_row(f) for f in kb.facts.values()]
            self.db["facts"].upsert_all(curated, pk="id")
            keep = [f.id for f in kb.facts.values()]
            placeholders = ",".join("?" * len(keep)) or "NULL"
            self.db.execute(
                f"DELETE FROM facts WHERE origin = 'knowledge' AND id NOT IN ({placeholders})", keep
            )
        return {
            "units": len(kb.units),
            "sources": len(kb.sources),
            "measures": len(kb.measures),
            "moments": len(kb.moments),
            "facts": len(kb.facts),
        }

    def _replace(self, table: str, rows: list[dict[str, Any]], *, curated_only: bool = False) -> None:
        """Upsert the curated rows and drop those no longer curated (no fact may point at them)."""
        self.db[table].upsert_all(rows, pk="id")
        ids = [row["id"] for row in rows]
        placeholders = ",".join("?" * len(ids)) or "NULL"
        curated = "origin = 'knowledge' AND " if curated_only else ""
        self.db.execute(f"DELETE FROM [{table}] WHERE {curated}id NOT IN ({placeholders})", ids)

    def _check_not_taken(self, table: str, ids: list[Any]) -> None:
        """A curated id must not overwrite what a server added under the same id."""
        taken = [
            row[0]
            for chunk in _chunks(ids)
            for row in self.db.execute(
                f"SELECT id FROM [{table}] WHERE server IS NOT NULL AND id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        ]
        if taken:
            raise KnowledgeError(
                f"{table} {', '.join(map(str, taken[:5]))}: these ids are used by servers' own additions; "
                "give the curated entries other ids"
            )

    # -- reading -----------------------------------------------------------

    def load(self, *, include_retracted: bool = False) -> KnowledgeBase:
        """Everything in the database, as model objects, ready for the answer engine."""
        kb = KnowledgeBase()
        for row in self.db["units"].rows:
            kb.units[row["id"]] = Unit(**row)
        for row in self.db["sources"].rows:
            kb.sources[row["id"]] = source_from_row(row)
        for row in self.db["measures"].rows:
            kb.measures[row["id"]] = measure_from_row(row)
        for row in self.db["moments"].rows:
            kb.moments[row["id"]] = moment_from_row(row)
        for row in self.db["derivations"].rows:
            kb.derivations[row["id"]] = Derivation(
                **{**row, "aliases": tuple(json.loads(row["aliases"] or "[]"))}
            )
        where = None if include_retracted else "retracted = 0"
        for row in self.db["facts"].rows_where(where, order_by="id"):
            kb.facts[row["id"]] = fact_from_row(row)
        return kb

    def counts(self) -> dict[str, int]:
        return {table: self.db[table].count for table in ("sources", "measures", "moments", "facts")}


def _chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def source_from_row(row: dict[str, Any]) -> Source:
    fields = {k: v for k, v in row.items() if k != "origin"}
    return Source(**{**fields, "kind": SourceKind(row["kind"]), "primary": bool(row["primary"])})


def measure_from_row(row: dict[str, Any]) -> Measure:
    fields = {k: v for k, v in row.items() if k != "origin"}
    return Measure(
        **{
            **fields,
            "kind": MeasureKind(row["kind"]),
            "aliases": tuple(json.loads(row["aliases"] or "[]")),
            "comparable_with": tuple(json.loads(row["comparable_with"] or "[]")),
            "priority": row["priority"] or 0,
            "method_changes": tuple(MethodChange(**c) for c in json.loads(row.get("method_changes") or "[]")),
        }
    )


def fact_row(fact: Fact, *, origin: str = "knowledge") -> dict[str, Any]:
    return {
        "id": fact.id,
        "measure": fact.measure,
        "value": fact.value,
        "date": fact.date,
        "precision": fact.period.precision.value,
        "date_start": fact.period.start.isoformat(),
        "date_end": fact.period.end.isoformat(),
        "qualifier": fact.qualifier.value,
        "status": fact.status.value,
        "source": fact.source,
        "quote": fact.quote,
        "notes": fact.notes,
        "low_confidence": int(fact.low_confidence),
        "server": fact.server,
        "origin": origin,
        "retracted": int(fact.retracted),
        "place": fact.place,
    }


def source_row(source: Source) -> dict[str, Any]:
    return {**asdict(source), "kind": source.kind.value, "primary": int(source.primary)}


def measure_row(measure: Measure) -> dict[str, Any]:
    return {
        **asdict(measure),
        "kind": measure.kind.value,
        "aliases": json.dumps(list(measure.aliases)),
        "comparable_with": json.dumps(list(measure.comparable_with)),
        "method_changes": json.dumps([asdict(c) for c in measure.method_changes]),
    }


def moment_from_row(row: dict[str, Any]) -> Moment:
    return Moment(**{**row, "aliases": tuple(json.loads(row["aliases"] or "[]"))})


def moment_row(moment: Moment) -> dict[str, Any]:
    return {**asdict(moment), "aliases": json.dumps(list(moment.aliases))}


def derivation_row(derivation: Derivation) -> dict[str, Any]:
    return {**asdict(derivation), "aliases": json.dumps(list(derivation.aliases))}
