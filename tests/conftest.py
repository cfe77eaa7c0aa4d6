"""Shared fixtures: the real curated fact base, built once per session into memory."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.core.build import build_database
from bot.core.engine import AnswerEngine
from bot.core.library import Library
from bot.core.models import KnowledgeBase
from bot.core.render import Renderer
from bot.core.store import FactStore

# Test modules import the running bot's helpers before loading it as a plugin: rewrite it anyway.
pytest.register_assert_rewrite("tests.running_bot")

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
# Answers say how old a figure is; a fixed "today" keeps those words stable.
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return build_database(KNOWLEDGE, None).load()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> AnswerEngine:
    return AnswerEngine(kb, today=lambda: TODAY)


@pytest.fixture(scope="session")
def renderer(kb: KnowledgeBase) -> Renderer:
    return Renderer(kb, today=lambda: TODAY)


@pytest.fixture
def ask(engine: AnswerEngine, renderer: Renderer):
    """Ask a question; get (answer, rendered text)."""

    def _ask(question: str):
        answer = engine.ask(question)
        return answer, renderer.render(answer)

    return _ask


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated base built into a file once; tests copy it rather than build it again."""
    path = tmp_path_factory.mktemp("built") / "backlog.db"
    store = build_database(KNOWLEDGE, path)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.close()
    return path


@pytest.fixture
def db_path(built_db: Path, tmp_path: Path) -> Path:
    """A writable copy of the built fact base, for one test."""
    target = tmp_path / "backlog.db"
    shutil.copy(built_db, target)
    return target


@pytest.fixture
def library(db_path: Path) -> Library:
    return Library(FactStore.open(db_path), today=lambda: TODAY)
