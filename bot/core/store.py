"""`FactStore`: the one place that reads and writes the SQLite database.

It takes and returns plain values and model objects, never anything from
discord, so the bot, the CLI and the tests all use it the same way.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .fact_formats import fact_from_row, fact_row
from .models import (
    Derivation,
    Fact,
    KnowledgeBase,
    KnowledgeError,
    Measure,
    MeasureKind,
    MethodChange,
    Moment,
    Source,
    SourceKind,
    Unit,
)
from .schema import applied_migrations, apply_migrations, known_migrations


class StoreError(RuntimeError):
    """The database cannot be used: missing, unreadable or of an unknown schema."""


class WriteBusy(StoreError):
    """Another process holds the write lock and the write was asked not to wait for it."""


# How long a writer that may wait (the command line, a shutdown) waits for another's lock.
BUSY_TIMEOUT_MS = 10_000


class FactStore:
    """A fact base in one SQLite file (or in memory)."""

    def __init__(self, db: Database, *, writable: bool = True, path: Path | None = None) -> None:
        self.db = db
        self.writable = writable
        # The file, when there is one: a read-only file says why changes cannot be kept.
        self.path = path
        # Run once the outermost write transaction commits; dropped if it rolls back.
        self._after_commit: list[Callable[[], None]] = []
        # Why writes are refused, when the file turned out unusable while open (`refuse_writes`).
        self._refusal: str | None = None

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = False,
        readonly: bool = False,
        immutable: bool = False,
        readonly_if_unwritable: bool = False,
    ) -> FactStore:
        """Open a database file. A missing file is an error unless `create`.

        Nothing is written before the file is known to be a sound fact base of a schema this
        version knows: a corrupt file, an empty one or a newer schema raises `StoreError` and is
        left exactly as it was. A file that may not be written raises `StoreError` too, unless
        `readonly_if_unwritable` (the bot), which then opens it read-only.
        `immutable` is for the database shipped inside the package, which nothing
        writes: SQLite then reads it without a lock file, even from a read-only install.
        """
        path = Path(path)
        if not path.exists():
            if not create:
                raise StoreError(f"no database at {path} (build one with: backlog db build --db {path})")
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls._writable(Database(path), path)
        _check_file(path)
        if not readonly and not _may_write(path):
            if not readonly_if_unwritable:
                raise StoreError(f"{path} is read-only: nothing can be saved in it (make it writable first)")
            readonly = True
        if readonly:
            store = cls(Database(_read_only(path, immutable=immutable)), writable=False, path=path)
        else:
            store = cls(Database(path), writable=True, path=path)
            # The bot and a maintainer's CLI may write at once: wait for the other, do not fail.
            store.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            store._check_schema(migrating=not readonly)
        except StoreError:
            # Closing the only connection lets SQLite remove the -wal and -shm files it opened.
            store.db.conn.close()
            raise
        return store if readonly else cls._writable(store.db, path)

    @classmethod
    def _writable(cls, db: Database, path: Path) -> FactStore:
        store = cls(db, writable=True, path=path)
        store.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        store.db.execute("PRAGMA journal_mode=WAL")
        # A commit reaches the disk before it is acknowledged: moderators' work survives a power cut.
        store.db.execute("PRAGMA synchronous=FULL")
        store.migrate()
        return store

    @classmethod
    def memory(cls) -> FactStore:
        store = cls(Database(memory=True))
        store.migrate()
        return store

    def migrate(self) -> None:
        apply_migrations(self.db)

    @contextmanager
    def writing(self, *, wait: bool = True) -> Iterator[Database]:
        """One write transaction: all of it lands, or none of it.

        `BEGIN IMMEDIATE` takes the write lock up front, so two processes never
        both read, then both try to write and one of them fail half-way.
        With `wait=False` a lock held by another process raises `WriteBusy` at once instead
        of SQLite's busy handler sleeping on it: the bot's event loop never sleeps in SQLite.
        """
        if not self.writable:
            raise StoreError(self._refusal or "this fact base is read-only: nothing can be saved in it")
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        if wait:
            self.db.execute("BEGIN IMMEDIATE")
        else:
            self._begin_without_waiting()
        try:
            yield self.db
        except BaseException:
            self._after_commit.clear()
            self.db.conn.rollback()
            raise
        self.db.execute("COMMIT")
        # Listeners hear of a change only once it is on disk, and each only once.
        pending, self._after_commit = self._after_commit, []
        for callback in pending:
            callback()

    def refuse_writes(self, reason: str) -> None:
        """Refuse every write from now on, saying `reason`: the file turned out, while open, to be
        one this version must not write (a newer version's schema, damaged pages)."""
        self.writable = False
        self._refusal = reason

    def _begin_without_waiting(self) -> None:
        # Only the lock is tried without waiting: reads keep the busy timeout (a WAL reader may
        # meet a moment's SQLITE_BUSY while another connection restarts the log).
        self.db.execute("PRAGMA busy_timeout=0")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise WriteBusy("another process is writing to the fact base") from None
            raise
        finally:
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the write transaction in progress commits (never if it rolls back);
        outside one, at once."""
        if self.db.conn.in_transaction:
            self._after_commit.append(callback)
        else:
            callback()

    @contextmanager
    def reading(self) -> Iterator[Database]:
        """One read transaction: every SELECT inside sees the same snapshot, even while another
        process commits (WAL readers never wait on a writer)."""
        if self.db.conn.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN")
        try:
            yield self.db
        finally:
            if self.db.conn.in_transaction:
                self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when another connection commits: time to reload what was read."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, in a stable order: two dumps are equal when nothing changed."""
        tables = [
            row[0]
            for row in self.db.execute(
                "SELECT name FROM sqlite_master "
                "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            table: sorted(self.db.execute(f"SELECT * FROM [{table}]").fetchall(), key=repr)
            for table in tables
        }

    def _check_schema(self, *, migrating: bool = False, pages: bool = True) -> None:
        """A sound database of a schema this version knows, or `StoreError`; reads only. `pages`:
        check every page too (`PRAGMA quick_check`, which reads the whole file)."""
        try:
            result = self.db.execute("PRAGMA quick_check").fetchone()[0] if pages else "ok"
            applied = applied_migrations(self.db)
        except sqlite3.DatabaseError as error:
            raise StoreError(
                f"{self._name()} is not a readable fact base ({error}); it was left as it is"
            ) from None
        if result != "ok":
            raise StoreError(f"{self._name()} is corrupt ({result}); it was left as it is: restore a backup")
        known = known_migrations()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise StoreError(
                f"{self._name()} has schema {unknown[-1]}, newer than this version of backlog knows "
                f"(its newest is {known[-1]}): upgrade backlog to use it; nothing was written"
            )
        if not migrating and len(applied) < len(known):
            raise StoreError(
                f"{self._name()} has schema {applied[-1] if applied else 'none'}, older than this version's "
                f"{known[-1]}: open it writable once to migrate it"
            )

    def _name(self) -> str:
        return str(self.path) if self.path is not None else "the database"

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
        """Everything in the database, as model objects, ready for the answer engine: one snapshot,
        so a commit by another process lands wholly before or wholly after it. A file that cannot
        be read (damaged pages) raises `StoreError`."""
        try:
            with self.reading():
                return self._load(include_retracted=include_retracted)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self._name()} cannot be read ({error}): restore a backup") from None

    def check_schema(self) -> None:
        """`StoreError` when another process moved the file to a schema newer than this version
        knows (an upgraded `backlog db build` while this one runs): reads the migrations only."""
        self._check_schema(migrating=True, pages=False)

    def fact(self, fact_id: int) -> Fact | None:
        row = self._get("facts", fact_id)
        return None if row is None else fact_from_row(row)

    def source(self, source_id: str) -> Source | None:
        row = self._get("sources", source_id)
        return None if row is None else source_from_row(row)

    def measure(self, measure_id: str) -> Measure | None:
        row = self._get("measures", measure_id)
        return None if row is None else measure_from_row(row)

    def _get(self, table: str, key: Any) -> dict[str, Any] | None:
        if isinstance(key, int) and not fits_sqlite(key):
            return None  # no row has an id SQLite cannot even hold (a forged button's)
        return next(self.db[table].rows_where("id = ?", [key], limit=1), None)

    def _load(self, *, include_retracted: bool) -> KnowledgeBase:
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

    # -- questions asked ---------------------------------------------------

    def add_asked(
        self, counts: dict[tuple[str, str], tuple[str, int]], at: str, *, wait: bool = True
    ) -> None:
        """Add to how often questions were asked: (server, key) -> (the question as typed, times)."""
        with self.writing(wait=wait) as db:
            for (server, key), (question, times) in counts.items():
                db.execute(
                    "INSERT INTO asked (server, key, question, count, last_asked) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (server, key) DO UPDATE SET count = count + excluded.count, "
                    "question = excluded.question, last_asked = excluded.last_asked",
                    [server, key, question, times, at],
                )

    def most_asked(self, server: str, limit: int) -> list[tuple[str, str, int]]:
        """(key, question, times) of a server's most asked questions, most first."""
        return [
            tuple(row)
            for row in self.db.execute(
                "SELECT key, question, count FROM asked WHERE server = ? "
                "ORDER BY count DESC, last_asked DESC LIMIT ?",
                [server, limit],
            )
        ]

    def counts(self) -> dict[str, int]:
        return {table: self.db[table].count for table in ("sources", "measures", "moments", "facts")}

    # -- members' limits (`limits.py`) -----------------------------------------

    def member_limits(self, server: str) -> dict[str, Any] | None:
        """A server's own limits, or None where it keeps the defaults."""
        return next(self.db["member_limits"].rows_where("server = ?", [server], limit=1), None)

    def save_member_limits(self, server: str, row: dict[str, Any]) -> None:
        """Inside the `writing()` of the change, beside its revision."""
        self.db["member_limits"].upsert({"server": server, **row}, pk="server")

    def proposals_since(self, server: str, author_id: str, since: str) -> list[str]:
        """When one member's proposals in `server` were made, after `since` (ISO 8601, UTC), oldest first."""
        rows = self.db.execute(
            "SELECT created_at FROM submissions WHERE server = ? AND author_id = ? "
            "AND purpose = 'proposal' AND created_at > ? ORDER BY created_at",
            [server, author_id, since],
        )
        return [row[0] for row in rows]

    # -- moderators' changes (`curation.py`): called inside the change's `writing()` -------------

    def highest_fact_id(self) -> int:
        return self.db.execute("SELECT MAX(id) FROM facts").fetchone()[0] or 0

    def fact_origin(self, fact_id: int) -> str | None:
        """Where a fact came from: "knowledge" (a file the next `db build` writes back), "discord", "cli"…"""
        row = self._get("facts", fact_id)
        return None if row is None else row["origin"]

    def insert_fact(self, fact: Fact, *, origin: str) -> None:
        self.db["facts"].insert(fact_row(fact, origin=origin))

    def update_fact(self, fact: Fact) -> None:
        """Write a fact's fields; where it lives (`server`, `origin`) and whether it is retracted are
        changed only by `set_retracted` and `promote_fact`."""
        row = {k: v for k, v in fact_row(fact).items() if k not in ("id", "server", "origin", "retracted")}
        self.db["facts"].update(fact.id, row)

    def set_retracted(self, fact_id: int, retracted: bool) -> None:
        self.db["facts"].update(fact_id, {"retracted": int(retracted)})

    def promote_fact(self, fact: Fact) -> None:
        """Move a server's fact, and the source and measure it brought, into the shared base."""
        for table, key in (("sources", fact.source), ("measures", fact.measure)):
            row = self._get(table, key)
            if row is not None and row["server"] is not None:
                self.db[table].update(key, {"server": None, "origin": "promoted"})
        self.db["facts"].update(fact.id, {"server": None, "origin": "promoted"})

    def insert_source(self, source: Source, *, origin: str) -> None:
        self.db["sources"].insert({**source_row(source), "origin": origin})

    def insert_measure(self, measure: Measure, *, origin: str) -> None:
        self.db["measures"].insert({**measure_row(measure), "origin": origin})

    def add_revision(self, row: dict[str, Any]) -> None:
        self.db["revisions"].insert(row)

    def revisions(self, entity: str, entity_id: str) -> list[dict[str, Any]]:
        """One entity's revision rows, oldest first."""
        return list(
            self.db["revisions"].rows_where(
                "entity = ? AND entity_id = ?", [entity, entity_id], order_by="id"
            )
        )

    # -- importing (`exchange.py`): any table's rows, inside the import's `writing()` ---------------

    def insert_row(self, table: str, row: dict[str, Any]) -> None:
        self.db[table].insert(row)

    def update_row(self, table: str, key: Any, columns: dict[str, Any]) -> None:
        self.db[table].update(key, columns)

    # -- submissions: proposals and forms to confirm (`curation.py`) -----------------------------

    def submission(self, submission_id: int) -> dict[str, Any] | None:
        return self._get("submissions", submission_id)

    def add_submission(self, row: dict[str, Any]) -> dict[str, Any]:
        """Keep a submission; returns its row as stored, with its new id."""
        table = self.db["submissions"]
        table.insert(row)
        return table.get(table.last_pk)

    def close_submission(self, submission_id: int, decision: dict[str, Any]) -> None:
        self.db["submissions"].update(submission_id, decision)

    def pending_proposals(self, server: str, *, offset: int, limit: int) -> list[dict[str, Any]]:
        """Proposals waiting in `server`, oldest first."""
        return list(
            self.db["submissions"].rows_where(
                _PENDING_PROPOSAL, [server], order_by="id", limit=limit, offset=offset
            )
        )

    def pending_count(self, server: str) -> int:
        return self.db["submissions"].count_where(_PENDING_PROPOSAL, [server])

    # -- unanswered questions (`unanswered.py`) --------------------------------------------------

    def note_unanswered(self, server: str, key: str, question: str, at: str) -> None:
        """Count one more asking of a question (`key` its folded form); one answered since is open again."""
        with self.writing() as db:
            db.execute(
                "INSERT INTO unanswered (server, key, question, count, first_asked, last_asked, status) "
                "VALUES (?, ?, ?, 1, ?, ?, 'open') ON CONFLICT (server, key) DO UPDATE SET "
                "count = count + 1, last_asked = excluded.last_asked, question = excluded.question, "
                "status = CASE status WHEN 'answered' THEN 'open' ELSE status END",
                [server, key, question, at, at],
            )

    def open_unanswered(self, server: str, limit: int) -> list[tuple[int, str, int, str]]:
        """(id, question, count, last asked) of a server's open questions, most asked first."""
        return self.db.execute(
            "SELECT id, question, count, last_asked FROM unanswered WHERE server = ? AND status = 'open' "
            "ORDER BY count DESC, last_asked DESC LIMIT ?",
            [server, limit],
        ).fetchall()

    def open_unanswered_one(self, question_id: int, server: str) -> tuple[int, str, int, str] | None:
        if not fits_sqlite(question_id):
            return None
        return self.db.execute(
            "SELECT id, question, count, last_asked FROM unanswered "
            "WHERE id = ? AND server = ? AND status = 'open'",
            [question_id, server],
        ).fetchone()

    def close_unanswered(self, question_id: int, status: str, by: str) -> None:
        with self.writing() as db:
            db["unanswered"].update(question_id, {"status": status, "resolved_by": by})

    # -- per-server settings (`server_settings.py`) ----------------------------------------------

    def server_settings(self, server: str) -> tuple[str | None, str | None] | None:
        """(moderator role, audit channel) as stored, or None where the server set nothing."""
        row = self.db.execute(
            "SELECT moderator_role, audit_channel FROM server_settings WHERE server = ?", [server]
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def save_server_settings(self, server: str, row: dict[str, str | None]) -> None:
        """Inside the `writing()` of the change, beside its revision."""
        self.db["server_settings"].upsert({"server": server, **row}, pk="server")


_PENDING_PROPOSAL = "server = ? AND purpose = 'proposal' AND status = 'pending'"


def backup(source: Path, target: Path) -> int:
    """SQLite's online backup of `source` into a new file `target`, checked; returns its facts.

    Consistent while another process writes `source`: one step copies a snapshot of one moment.
    Raises `StoreError` when either file cannot be used or the copy fails its integrity check.
    """
    target.unlink(missing_ok=True)
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        writer = sqlite3.connect(target)
    except sqlite3.DatabaseError as error:
        raise StoreError(str(error)) from None
    try:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, readable read-only anywhere
        result = writer.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise StoreError(f"the copy fails its integrity check: {result}")
        return writer.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise StoreError(str(error)) from None
    finally:
        writer.close()
        reader.close()


SQLITE_INTEGER = (-(2**63), 2**63 - 1)


def fits_sqlite(number: int) -> bool:
    """Whether SQLite can hold the integer: a larger one raises OverflowError when bound."""
    return SQLITE_INTEGER[0] <= number <= SQLITE_INTEGER[1]


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    """A file that holds an SQLite database, or `StoreError`: read its header, write nothing.

    SQLite itself would take an empty file for a new database and fill it, and a file of
    another kind fails only later, half-way through a command.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a fact base")
    size = path.stat().st_size
    if size == 0:
        raise StoreError(
            f"{path} is empty (0 bytes), not a fact base; it was left as it is: "
            f"remove it to start a new one, or restore a backup"
        )
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(
            f"{path} is not an SQLite database (corrupt, or another kind of file); it was left as it is"
        )


def _may_write(path: Path) -> bool:
    """Whether the file, and its directory (where SQLite keeps its -wal and -shm files), may be written.

    The permission bits count as well as `os.access`: a superuser may write anything, but a file
    its operator made read-only is meant to be read only.
    """
    for target in (path, path.parent):
        if not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222:
            return False
    return True


def _read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    """A read-only connection; `immutable` when nothing may ever write (no lock files at all)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?{flags}", uri=True)
    try:
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL database in a directory this process may not write has no -shm to share: then
        # read the file as it is (the bot answering from a read-only volume).
        connection.close()
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.DatabaseError:
        pass  # not a database after all: `_check_schema` says so
    return connection


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
