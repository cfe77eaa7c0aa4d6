"""The database schema, as sqlite-utils migrations: each runs once, in a transaction."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("backlog")


@migrations()
def m001_fact_base(db: Database) -> None:
    db["units"].create({"id": str, "singular": str, "plural": str}, pk="id")
    db["sources"].create(
        {
            "id": str,
            "publisher": str,
            "title": str,
            "author": str,
            "url": str,
            "published": str,
            "kind": str,
            "primary": int,
            "relies_on": str,
            "notes": str,
        },
        pk="id",
    )
    db["measures"].create(
        {
            "id": str,
            "label": str,
            "unit": str,
            "kind": str,
            "counted_by": str,
            "definition": str,
            "aliases": str,  # JSON list
            "comparable_with": str,  # JSON list
            "caveat": str,
            "priority": int,
        },
        pk="id",
    )
    db["moments"].create({"id": str, "label": str, "date": str, "aliases": str}, pk="id")
    db["derivations"].create(
        {
            "id": str,
            "label": str,
            "unit": str,
            "numerator": str,
            "denominator": str,
            "definition": str,
            "aliases": str,
        },
        pk="id",
    )
    db["facts"].create(
        {
            "id": int,
            "measure": str,
            "value": float,
            "date": str,
            "precision": str,
            "date_start": str,
            "date_end": str,
            "qualifier": str,
            "status": str,
            "source": str,
            "quote": str,
            "notes": str,
            "low_confidence": int,
            "server": str,  # NULL: the shared curated base
            "origin": str,  # "knowledge" for curated rows; anything else was added later
            "retracted": int,
        },
        pk="id",
        not_null={"measure", "value", "date", "source", "quote"},
        defaults={"retracted": 0, "low_confidence": 0, "origin": "knowledge"},
        foreign_keys=[("measure", "measures", "id"), ("source", "sources", "id")],
    )
    db["facts"].create_index(["measure", "date_end"])
    db["facts"].create_index(["server"])


@migrations()
def m002_curation(db: Database) -> None:
    """Moderators' additions, every change as a revision, proposals, unanswered questions."""
    for table in ("sources", "measures"):
        db[table].add_column("server", str)  # NULL: shared; else the server that added it
        db[table].add_column("origin", str, not_null_default="knowledge")
    db["revisions"].create(
        {
            "id": int,
            "entity": str,  # "fact", "measure", "source", "settings"
            "entity_id": str,
            "action": str,  # "add", "edit", "retract", "restore", "promote", "import", ...
            "server": str,
            "actor_id": str,
            "actor_name": str,
            "at": str,  # ISO 8601, UTC
            "before": str,  # JSON of the row before; NULL when it was added
            "after": str,  # JSON of the row after
            "reason": str,
        },
        pk="id",
        not_null={"entity", "entity_id", "action", "actor_name", "at"},
    )
    db["revisions"].create_index(["entity", "entity_id"])
    db["submissions"].create(
        {
            "id": int,
            "purpose": str,  # "proposal" (waits for a moderator) or "confirm" (waits for its author)
            "server": str,
            "author_id": str,
            "author_name": str,
            "fact_id": int,  # the fact a confirmation would replace, if any
            "form": str,  # JSON of the form as submitted
            "status": str,  # "pending", "approved", "rejected", "done"
            "created_at": str,
            "decided_by": str,
            "decided_at": str,
            "result_fact_id": int,
        },
        pk="id",
        not_null={"purpose", "form", "status", "created_at"},
    )
    db["submissions"].create_index(["server", "purpose", "status"])
    db["unanswered"].create(
        {
            "id": int,
            "server": str,  # "" for direct messages
            "key": str,  # the question folded, so "Backlog 1990?" and "backlog 1990" count together
            "question": str,
            "count": int,
            "first_asked": str,
            "last_asked": str,
            "status": str,  # "open", "dismissed", "answered"
            "resolved_by": str,
        },
        pk="id",
        not_null={"server", "key", "question", "count", "status"},
    )
    db["unanswered"].create_index(["server", "key"], unique=True)
    db["server_settings"].create({"server": str, "moderator_role": str, "audit_channel": str}, pk="server")


@migrations()
def m003_understanding(db: Database) -> None:
    """Whose moment it is and which (the language files' words find it from these), and the
    fixed start a cumulative measure counts from."""
    db["moments"].add_column("who", str)
    db["moments"].add_column("event", str)
    db["moments"].add_column("term", int)
    db["measures"].add_column("counted_from", str)


@migrations()
def m004_method_changes(db: Database) -> None:
    """Where a measure's way of counting changed, so charts mark the break (a JSON list)."""
    db["measures"].add_column("method_changes", str)


@migrations()
def m005_unit_ranges(db: Database) -> None:
    """The plausible values of each unit (`knowledge/units.yaml` `range` and `change_range`)."""
    for column in ("low", "high", "change_low", "change_high"):
        db["units"].add_column(column, float)


@migrations()
def m006_fact_places(db: Database) -> None:
    """The country or state a figure of a breakdown is for, as a field of its own (not in its notes)."""
    db["facts"].add_column("place", str)


@migrations()
def m007_asked_questions(db: Database) -> None:
    """How often each answered question was asked, per server: autocomplete's "most asked" there."""
    db["asked"].create(
        {"server": str, "key": str, "question": str, "count": int, "last_asked": str},
        pk=("server", "key"),
    )
    db["asked"].create_index(["server", "count"])


@migrations()
def m008_member_limits(db: Database) -> None:
    """Each server's limits on what one member may do (`limits.py`); none set means the defaults.

    Numbered 8, not 7: `m007` is kept for per-server autocomplete history, written on another branch.
    """
    db["member_limits"].create(
        {
            "server": str,
            "proposals_per_day": int,  # proposals one member may make in 24 hours
            "unanswered_per_day": int,  # unanswered questions noted for one member in 24 hours
            "answer_cooldown": int,  # seconds between one member's public answers; 0: none
        },
        pk="server",
    )
    # A member's proposals of the last 24 hours are counted on every proposal.
    db["submissions"].create_index(["server", "author_id", "created_at"])


def apply_migrations(db: Database) -> None:
    migrations.apply(db)


def known_migrations() -> list[str]:
    """This version's migrations, oldest first: the last one names the schema it writes."""
    return [migration.name for migration in migrations.pending(Database(memory=True))]


def applied_migrations(db: Database) -> list[str]:
    """The migrations a database records as applied, in the order they ran (read-only)."""
    return [migration.name for migration in migrations.applied(db)]
