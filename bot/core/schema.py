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


def apply_migrations(db: Database) -> None:
    migrations.apply(db)
