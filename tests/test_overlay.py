"""One engine over the shared base and a small overlay per server answers, in every server, what a
full engine built over that server's view answers: checked on the tuning part of the question
corpus, for servers that add figures to shared measures, measures of their own, or both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from question_corpus import load

from bot.core.curation import Actor
from bot.core.engine import Answer, AnswerEngine
from bot.core.forms import FactForm, MeasureForm
from bot.core.library import Library
from bot.core.overlay import Layered
from bot.core.store import FactStore

CORPUS_TODAY = date(2026, 12, 1)
MODERATOR = Actor("moderator", "77")
TRAC = "immigration_court_pending_cases_trac"
JUDGES = "immigration_judges_count"


def fact(measure: str, value: int, day: str, n: int, unit: str = "cases") -> FactForm:
    return FactForm(
        measure=measure,
        value=f"{value:,}",
        date=day,
        url=f"https://example.org/server-report-{n}",
        publisher="Example Research",
        title=f"Server report {n}",
        quote=f"The count was {value:,} {unit}.",
    )


def own_measure(library: Library, server: str, label: str, aliases: str) -> str:
    measure, _ = library.curator.add_measure(
        MeasureForm(
            label=label,
            unit="cases",
            definition=f"{label}, as this server's researchers count it.",
            counted_by="Example Research",
            aliases=aliases,
        ),
        MODERATOR,
        server,
    )
    return measure.id


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory, built_db: Path) -> Library:
    path = tmp_path_factory.mktemp("overlay") / "backlog.db"
    path.write_bytes(built_db.read_bytes())
    library = Library(FactStore.open(path), today=lambda: CORPUS_TODAY)
    add = library.curator.add
    # "shared": figures for measures of the shared base, one newer than any (it becomes "now").
    add(fact(TRAC, 3_301_000, "2026-10", 1), MODERATOR, "shared")
    add(fact(TRAC, 2_100_000, "2019-07-15", 2), MODERATOR, "shared")
    add(fact(JUDGES, 712, "2026-09", 3, "judges"), MODERATOR, "shared", confirmed=True)
    # "own": measures of its own, and figures of them.
    asylum = own_measure(
        library, "own", "County asylum clinic waitlist", "clinic waitlist, asylum clinic queue"
    )
    add(fact(asylum, 1_250, "2025-03", 4), MODERATOR, "own")
    add(fact(asylum, 1_900, "2026-06", 5), MODERATOR, "own")
    # "both": a figure of a shared measure, a measure of its own, and one retracted.
    hearings = own_measure(library, "both", "Backlog of bond hearings in Texas", "texas bond hearing backlog")
    add(fact(hearings, 48_000, "2024-12", 6), MODERATOR, "both")
    add(fact(TRAC, 3_650_000, "2024-08", 7), MODERATOR, "both")
    gone = add(fact(TRAC, 3_660_000, "2024-09", 8), MODERATOR, "both").fact
    assert gone is not None
    library.curator.retract(gone.id, MODERATOR, "both", "wrong month")
    return library


def said(answer: Answer, library: Library) -> tuple:
    return (
        answer.status,
        answer.kind,
        answer.statement,
        answer.suggestions,
        [f.id for f in answer.facts],
        library.renderer.render(answer),
    )


SERVERS = ["shared", "own", "both"]


@pytest.mark.parametrize("server", SERVERS)
def test_a_servers_overlay_answers_the_corpus_as_a_full_engine_over_its_view(
    servers: Library, server: str
) -> None:
    overlay = servers.engine(server)
    assert overlay is not servers.engine(None)
    assert isinstance(overlay.kb.facts, Layered)  # no copy of the shared base was made
    # The reference: every row read from the file again, the server's view as plain dictionaries.
    view = servers.store.load().for_server(server)
    full = AnswerEngine(view, today=lambda: CORPUS_TODAY)
    # A third of the tuning part in each server, a different third each: every question once.
    questions = [entry["q"] for entry in load("tune")][SERVERS.index(server) :: len(SERVERS)]
    questions += ["court backlog now", "clinic waitlist", "texas bond hearing backlog in 2024", "about"]
    differing = []
    for question in questions:
        mine, theirs = said(overlay.ask(question), servers), said(full.ask(question), servers)
        if mine != theirs:
            differing.append(question)
    assert differing == []
    assert said(overlay.now(), servers) == said(full.now(), servers)
    assert said(overlay.about(), servers) == said(full.about(), servers)
    assert overlay.suggest("court back", 10) == full.suggest("court back", 10)


def test_a_change_touches_only_its_own_overlay(servers: Library) -> None:
    shared = servers.engine(None)
    others = {s: servers.engine(s) for s in ("own", "both")}
    servers.curator.add(fact(TRAC, 2_200_000, "2019-08-15", 9), MODERATOR, "shared")
    assert servers.engine(None) is shared
    assert all(servers.engine(s) is engine for s, engine in others.items())
    assert servers.engine("shared").index is shared.index  # facts only: the shared index serves it
