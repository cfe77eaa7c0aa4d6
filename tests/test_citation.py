"""Citations of real facts in every style, as a researcher pastes them; and `backlog cite`.

Fact 2 is a Breitbart article with an author (John Binder) and a day; fact 284 a TRAC report
with no author; fact 333 a news story with no author, dated by its year only; fact 49 an
undated EOIR page. "Today" is the suite's fixed day, so the access dates are known.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner
from conftest import TODAY

from bot.cli import cli
from bot.core.models import KnowledgeBase
from bot.core.render import Renderer

BREITBART_URL = (
    "https://www.breitbart.com/politics/2024/05/07/"
    "biden-overwhelms-immigration-courts-with-over-3-5-million-cases-pending/"
)
BREITBART_TITLE = "Biden Overwhelms Immigration Courts with over 3.5 Million Cases Pending"
EOIR = "U.S. DOJ Executive Office for Immigration Review (EOIR)"


def test_apa_with_an_author_gives_initials_the_full_date_and_the_newspaper(renderer, kb) -> None:
    assert renderer.citation(kb.facts[2], "apa") == (
        f"Binder, J. (2024, May 7). {BREITBART_TITLE}. Breitbart News. {BREITBART_URL}"
    )


def test_chicago_with_an_author_gives_the_full_name_and_the_access_date(renderer, kb) -> None:
    assert renderer.citation(kb.facts[2], "chicago") == (
        f"Binder, John. “{BREITBART_TITLE}.” Breitbart News, May 7, 2024. "
        f"Accessed November 23, 2026. {BREITBART_URL}."
    )


def test_without_an_author_the_organisation_leads_and_is_not_named_twice(renderer, kb) -> None:
    title = (
        "The State of the Immigration Courts: "
        "Trump Leaves Biden 1.3 Million Case Backlog in Immigration Courts"
    )
    apa = renderer.citation(kb.facts[284], "apa")
    assert apa == f"TRAC (Syracuse University). (2021). {title}. https://trac.syr.edu/immigration/reports/637"
    chicago = renderer.citation(kb.facts[284], "chicago")
    assert chicago.startswith(f"TRAC (Syracuse University). “{title}.” January 19, 2021. Accessed")
    assert chicago.count("TRAC (Syracuse University)") == 1


def test_unsigned_news_in_apa_puts_the_title_first(renderer, kb) -> None:
    apa = renderer.citation(kb.facts[333], "apa")
    assert apa.startswith(
        "Immigration court backlog subsides in second Trump administration. (2025). "
        "CQ-Roll Call (via ArcaMax)."
    )


def test_an_undated_page_is_n_d_with_the_day_it_was_retrieved(renderer, kb) -> None:
    fact = kb.facts[49]
    assert kb.sources[fact.source].published is None
    apa = renderer.citation(fact, "apa")
    assert apa.startswith(f"{EOIR}. (n.d.). EOIR Strategic Plan")
    assert apa.endswith(f"Retrieved November 23, 2026, from {kb.sources[fact.source].url}")
    chicago = renderer.citation(fact, "chicago")
    assert " n.d. Accessed November 23, 2026. https://justice.gov/eoir/" in chicago


def test_a_dated_page_in_apa_has_no_retrieval_date(renderer, kb) -> None:
    # APA 7 gives a retrieval date only where the page may change without a date: not here.
    assert "Retrieved" not in renderer.citation(kb.facts[2], "apa")


def test_csl_json_holds_exactly_what_the_source_records(renderer, kb) -> None:
    (item,) = json.loads(renderer.citation(kb.facts[2], "csl-json"))
    assert item["type"] == "article-newspaper"
    assert item["author"] == [{"family": "Binder", "given": "John"}]
    assert item["title"] == BREITBART_TITLE and item["container-title"] == "Breitbart News"
    assert item["issued"] == {"date-parts": [[2024, 5, 7]]}
    assert item["accessed"] == {"date-parts": [[2026, 11, 23]]}
    assert item["URL"] == BREITBART_URL and "backlog fact 2" in item["note"]
    (unsigned,) = json.loads(renderer.citation(kb.facts[284], "csl-json"))
    assert "author" not in unsigned and unsigned["publisher"] == "TRAC (Syracuse University)"
    assert unsigned["type"] == "report"
    (undated,) = json.loads(renderer.citation(kb.facts[49], "csl-json"))
    assert "issued" not in undated


def bibtex_fields(entry: str) -> dict[str, str]:
    return dict(re.findall(r"^  (\w+) = \{?(.*?)\}?,?$", entry, re.MULTILINE))


def test_bibtex_entries_by_kind_with_url_and_access_date(renderer, kb) -> None:
    news = renderer.citation(kb.facts[2], "bibtex")
    assert news.startswith("@article{binder2024biden-fact2,\n") and news.endswith("\n}")
    fields = bibtex_fields(news)
    assert fields["author"] == "Binder, John" and fields["journal"] == "Breitbart News"
    assert fields["date"] == "2024-05-07" and fields["month"] == "may"
    assert fields["url"] == BREITBART_URL and fields["urldate"] == TODAY.isoformat()
    report = renderer.citation(kb.facts[284], "bibtex")
    assert report.startswith("@techreport{")
    # An organisation in double braces: BibTeX would otherwise read "University)" as a family name.
    assert "  author = {{TRAC (Syracuse University)}}," in report
    undated = bibtex_fields(renderer.citation(kb.facts[49], "bibtex"))
    assert "year" not in undated
    for entry in (news, report):
        assert entry.count("{") == entry.count("}")


def _with_source(kb: KnowledgeBase, fact_id: int, **changes: str) -> KnowledgeBase:
    fact = kb.facts[fact_id]
    sources = {**kb.sources, fact.source: replace(kb.sources[fact.source], **changes)}
    return replace(kb, sources=sources)


def test_several_authors_in_each_style(kb) -> None:
    two = Renderer(_with_source(kb, 2, author="Andrew R. Arthur and Jean-Paul Doe"), today=lambda: TODAY)
    assert two.citation(two.kb.facts[2], "apa").startswith("Arthur, A. R., & Doe, J.-P. (2024, May 7).")
    assert two.citation(two.kb.facts[2], "chicago").startswith("Arthur, Andrew R., and Jean-Paul Doe. “")
    assert "author = {Arthur, Andrew R. and Doe, Jean-Paul}" in two.citation(two.kb.facts[2], "bibtex")


def test_bibtex_escapes_what_tex_would_read_as_commands(kb) -> None:
    odd = Renderer(_with_source(kb, 2, title="Cases & costs: 100% up_to #1"), today=lambda: TODAY)
    entry = odd.citation(odd.kb.facts[2], "bibtex")
    assert r"title = {{Cases \& costs: 100\% up\_to \#1}}" in entry


def test_a_title_ending_in_a_question_mark_gets_no_extra_period(kb) -> None:
    asking = Renderer(_with_source(kb, 2, title="Is the backlog shrinking?"), today=lambda: TODAY)
    assert "“Is the backlog shrinking?” Breitbart News" in asking.citation(asking.kb.facts[2], "chicago")
    assert "(2024, May 7). Is the backlog shrinking? Breitbart News." in asking.citation(asking.kb.facts[2])


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args), env={"BACKLOG_DB": None}, catch_exceptions=False)


@pytest.mark.parametrize(
    ("style", "start"),
    [
        ("apa", "Binder, J. (2024, May 7)."),
        ("chicago", "Binder, John. “Biden"),
        ("bibtex", "@article{binder2024biden-fact2,"),
        ("csl-json", "["),
    ],
)
def test_backlog_cite_prints_each_style(style: str, start: str) -> None:
    result = cli_run("cite", "2", "--style", style)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(start)
    assert "**" not in result.stdout and "\\" not in result.stdout


def test_backlog_cite_json_gives_every_style_and_a_missing_fact_is_one_line() -> None:
    payload = json.loads(cli_run("cite", "284", "--json").stdout)
    assert set(payload) == {"fact", "cited_for", "apa", "chicago", "bibtex", "csl"}
    assert payload["apa"].startswith("TRAC (Syracuse University). (2021).")
    assert payload["csl"][0]["id"] == "backlog-fact-284"
    # The command line cites as of the real today: the access date is there, in the style's words.
    assert re.search(r"Accessed [A-Z][a-z]+ \d{1,2}, \d{4}\.", payload["chicago"])
    missing = cli_run("cite", "999999")
    assert missing.exit_code == 2 and "there is no fact 999999" in missing.stderr
