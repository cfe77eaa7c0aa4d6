"""Rendering: every kind of answer through the real templates; text stays text."""

import pytest

from bot.core.engine import AnswerStatus
from bot.core.render import plain_text
from bot.core.text import escape_markdown


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("backlog now", "figure"),
        ("compare the backlog in 2017 and 2024", "comparison"),
        ("compare the court backlog and the ice docket", "cross_measure"),
        ("backlog trend", "trend"),
        ("when did the backlog pass 3 million", "threshold"),
        ("what does the ice docket measure", "definition"),
        ("show me fact 2", "provenance"),
        ("how many judges does the backlog imply", "derived"),
        ("backlog in 1950", "no_fact_for_time"),
        ("who won the world cup", "no_match"),
        ("asylum", "suggestions"),
    ],
)
def test_every_kind_of_answer_renders(ask, question: str, kind: str) -> None:
    answer, text = ask(question)
    assert answer.kind == kind
    assert text and "{{" not in text and "None" not in text


@pytest.mark.parametrize(
    "question",
    [
        "backlog now",
        "compare the backlog in 2017 and 2024",
        "backlog trend",
        "show me fact 2",
        "what does the ice docket measure",
    ],
)
def test_every_answer_reads_as_plain_text_without_markdown(engine, renderer, question: str) -> None:
    answer = engine.ask(question)
    markdown, plain = renderer.render(answer), renderer.render(answer, "plain")
    assert plain != markdown
    assert "**" not in plain and "\\" not in plain and "```" not in plain and "<http" not in plain


def test_stored_text_escaped_for_discord_reads_back_unchanged_as_plain_text(kb) -> None:
    texts = [f.quote for f in kb.facts.values()] + [f.notes for f in kb.facts.values() if f.notes]
    texts += [s.title for s in kb.sources.values()] + ["a*b_c ~8% > #1 [x] `y` | \\ @everyone"]
    changed = [t for t in texts if plain_text(escape_markdown(t)) != t]
    assert changed == []


def test_plain_text_styles_what_markdown_marked() -> None:
    styles = {"strong": lambda t: f"<b>{t}</b>", "em": lambda t: f"<i>{t}</i>"}
    text = plain_text("**3,524,051 cases**, *Estimate:* \\*not\\* bold\n```\n**kept**\n```", styles)
    assert text == "<b>3,524,051 cases</b>, <i>Estimate:</i> *not* bold\n**kept**"


def test_the_acceptance_comparison_shows_both_figures_and_respects_fewer_than(ask) -> None:
    answer, text = ask("compare the backlog in 2017 and 2024")
    assert answer.status is AnswerStatus.ANSWERED
    assert "542,411" in text and "20 January 2017" in text
    assert "fewer than 570,000" in text and "more than 6." in text
    assert "Difference" in text and "Ratio" in text and "Percent change" in text
    assert "TRAC (Syracuse University)" in text


def test_the_ice_docket_is_attributed_to_fox_and_told_apart_from_the_court_backlog(ask) -> None:
    _answer, text = ask("how big was ICE's docket when Biden took office")
    assert "nearly 3,700,000 (3.7 million)" in text
    assert "Fox News" in text
    assert "non-detained docket" in text and "NOT the immigration court backlog" in text


def test_no_figure_for_a_time_gives_the_nearest_with_dates(ask) -> None:
    answer, text = ask("immigration court backlog in 2030")
    assert answer.status is AnswerStatus.NO_MATCH
    assert "no figure for 2030" in text
    assert answer.facts and all(f.period.end.year < 2030 for f in answer.facts)


def test_a_derived_figure_shows_both_inputs_and_says_it_is_derived(ask) -> None:
    answer, text = ask("how many judges does the backlog imply")
    assert "derived" in text
    assert len(answer.facts) == 2 and all(f"fact {f.id}" in text for f in answer.facts)


def test_the_growth_multiple_claim_is_labelled_a_claim(ask) -> None:
    _, text = ask("breitbart says the backlog nearly tripled")
    assert "Claim, not a count" in text


@pytest.mark.parametrize("question", ["{{ 7*7 }} backlog", "@everyone backlog", "<@123> backlog **now**"])
def test_question_text_is_never_evaluated_or_pinging(ask, question: str) -> None:
    _, text = ask(question)
    assert "49" not in text
    assert "@everyone" not in text and "<@123>" not in text


def test_escaping_neutralises_markdown_and_mentions() -> None:
    escaped = escape_markdown("**bold** @everyone <@&42> <@123>")
    assert escaped.startswith("\\*\\*bold\\*\\*")
    assert "@everyone" not in escaped and "<@&42>" not in escaped and "<@123>" not in escaped


def test_other_figures_are_compared_within_one_version_of_a_revised_table(ask) -> None:
    _, text = ask("offical eoir baclog fy2016 vs fy2020")
    # EOIR's April 2021 table against itself (521,517 to 1,258,882), never against its 2025 revision.
    assert "521,517 cases (30 September 2016" in text and "to 1,258,882" in text
    old_version = "521,517 cases (30 September 2016, U.S. DOJ Executive Office for Immigration Review (EOIR))"
    assert f"{old_version} to 1,504,246" not in text
