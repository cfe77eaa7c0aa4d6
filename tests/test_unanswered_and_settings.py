"""The modules beside the curator: unanswered questions (`unanswered.py`), per-server settings
(`server_settings.py`), and the library joining them to answers. Real SQLite files throughout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.core.curation import Actor
from bot.core.forms import CurationError, FactForm
from bot.core.library import Library
from bot.core.server_settings import ServerSettings
from bot.core.store import FactStore
from bot.core.unanswered import UnansweredQuestions

SERVER, OTHER = "111", "222"
MANAGER = Actor("manager", "42")
MEASURE = "immigration_court_pending_cases_trac"
DAY = date(1990, 2, 5)
QUESTION = f"TRAC court backlog on {DAY.day} {DAY:%B} {DAY.year}"


@pytest.fixture
def questions(db_path: Path) -> UnansweredQuestions:
    return UnansweredQuestions(FactStore.open(db_path))


def test_one_question_asked_twice_in_other_words_case_is_one_line_counted_twice(questions) -> None:
    questions.record(SERVER, "How many goats does the court own?")
    questions.record(SERVER, "how many GOATS  does the court own?")
    questions.record(SERVER, "who cleans the courtrooms")
    listed = questions.listed(SERVER)
    assert [(q.count, q.question) for q in listed] == [
        (2, "how many GOATS does the court own?"),  # kept as last typed, most asked first
        (1, "who cleans the courtrooms"),
    ]


def test_a_servers_questions_are_never_listed_in_another(questions) -> None:
    questions.record(SERVER, "how many goats does the court own")
    assert questions.listed(OTHER) == []
    assert questions.listed(None) == []  # a DM's list is its own, too


def test_a_dismissed_question_leaves_the_list_and_cannot_be_dismissed_twice(questions) -> None:
    questions.record(SERVER, "how many goats does the court own")
    (listed,) = questions.listed(SERVER)
    with pytest.raises(CurationError):
        questions.close(listed.id, OTHER, "dismissed", "someone else")  # not that server's
    questions.close(listed.id, SERVER, "dismissed", "manager")
    assert questions.listed(SERVER) == []
    with pytest.raises(CurationError):
        questions.close(listed.id, SERVER, "dismissed", "manager")


def test_an_answered_question_asked_again_is_back_on_the_list(questions) -> None:
    questions.record(SERVER, "how many goats does the court own")
    (listed,) = questions.listed(SERVER)
    questions.close(listed.id, SERVER, "answered", "fact 100000")
    questions.record(SERVER, "how many goats does the court own")
    assert [q.count for q in questions.listed(SERVER)] == [2]


def test_a_dismissed_question_asked_again_stays_dismissed(questions) -> None:
    questions.record(SERVER, "how many goats does the court own")
    (listed,) = questions.listed(SERVER)
    questions.close(listed.id, SERVER, "dismissed", "manager")
    questions.record(SERVER, "how many goats does the court own")
    assert questions.listed(SERVER) == []


async def test_a_fact_that_answers_a_noted_question_takes_it_off_the_list(library: Library) -> None:
    library.unanswered.record(SERVER, QUESTION)
    form = FactForm(
        measure=MEASURE,
        value="1,000,035",
        date=DAY.isoformat(),
        url="https://example.org/daily",
        publisher="Example Research",
        title="Daily counts",
        quote="That day, 1,000,035 cases were pending.",
    )
    outcome = library.curator.add(form, MANAGER, SERVER)
    assert outcome.fact is not None
    assert await library.resolve_unanswered(SERVER, outcome.fact.id) == [QUESTION]
    assert library.flush_behind()  # the closing is written behind the reply
    assert library.unanswered.listed(SERVER) == []


def test_a_server_that_set_nothing_has_no_role_and_no_audit_channel(library: Library) -> None:
    assert library.config.get(SERVER) == ServerSettings(None, None)


def test_a_setting_changed_keeps_the_others_is_revised_and_outlives_the_process(
    library: Library, db_path: Path
) -> None:
    library.config.configure(SERVER, MANAGER, moderator_role=123456789012345678)
    settings, change = library.config.configure(SERVER, MANAGER, audit_channel=987654321098765432)
    assert settings == ServerSettings(123456789012345678, 987654321098765432)
    assert change.entity == "settings" and change.differences() == [
        ("audit_channel", None, "987654321098765432")
    ]
    assert Library(FactStore.open(db_path), today=library.today).config.get(SERVER) == settings
    assert library.config.get(OTHER) == ServerSettings()


def test_a_settings_change_leaves_the_servers_answers_alone(library: Library) -> None:
    """Who moderates is nothing an answer uses: the server's engine is not built again."""
    engine = library.engine(SERVER)
    library.config.configure(SERVER, MANAGER, moderator_role=5)
    assert library.engine(SERVER) is engine
