"""Shared fixtures: the real curated fact base, built once per session into memory."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.build import build_database
from bot.core.engine import AnswerEngine
from bot.core.models import KnowledgeBase
from bot.core.render import Renderer

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
