"""`backlog db build`: the curated text becomes SQLite, idempotently, with recorded migrations."""

from conftest import KNOWLEDGE

from bot.core.build import build_database
from bot.core.factbase import open_fact_base
from bot.core.schema import migrations


def _dump(store) -> dict:
    return {t: list(store.db[t].rows) for t in ("sources", "measures", "moments", "facts")}


def test_building_twice_leaves_the_same_database(tmp_path) -> None:
    target = tmp_path / "backlog.db"
    first = _dump(build_database(KNOWLEDGE, target))
    second = _dump(build_database(KNOWLEDGE, target))
    assert first == second
    assert len(first["facts"]) >= 455


def test_schema_versions_are_recorded_as_migrations(tmp_path) -> None:
    store = build_database(KNOWLEDGE, tmp_path / "backlog.db")
    assert [m.name for m in migrations.applied(store.db)] == [
        "m001_fact_base",
        "m002_curation",
        "m003_understanding",
        "m004_method_changes",
        "m005_unit_ranges",
        "m006_fact_places",
        "m007_asked_questions",
        "m008_member_limits",
    ]
    assert migrations.pending(store.db) == []


def test_a_database_of_the_first_schema_is_migrated_and_keeps_its_facts(tmp_path) -> None:
    from sqlite_utils import Database

    from bot.core.store import FactStore

    path = tmp_path / "old.db"
    build_database(KNOWLEDGE, path).db.conn.close()
    old = Database(path)  # roll the file back to what version 0.1 wrote: m001 only
    for table in ("revisions", "submissions", "unanswered", "server_settings"):
        old[table].drop()
    for table in ("sources", "measures"):
        old[table].transform(drop={"server", "origin"})
    old.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_curation'")
    old.conn.commit()

    store = FactStore.open(path)
    assert "m002_curation" in [m.name for m in migrations.applied(store.db)]
    assert len(store.load().facts) >= 455
    assert store.db["sources"].get("breitbart-2024-05-07-3-5m-pending")["origin"] == "knowledge"


def test_backlog_db_points_at_another_database(tmp_path, monkeypatch) -> None:
    target = tmp_path / "elsewhere.db"
    build_database(KNOWLEDGE, target)
    monkeypatch.setenv("BACKLOG_DB", str(target))
    assert open_fact_base().counts()["facts"] >= 455
