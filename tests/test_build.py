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
    assert [m.name for m in migrations.applied(store.db)] == ["m001_fact_base"]
    assert migrations.pending(store.db) == []


def test_backlog_db_points_at_another_database(tmp_path, monkeypatch) -> None:
    target = tmp_path / "elsewhere.db"
    build_database(KNOWLEDGE, target)
    monkeypatch.setenv("BACKLOG_DB", str(target))
    assert open_fact_base().counts()["facts"] >= 455
