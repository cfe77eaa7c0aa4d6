"""The curated fact base is checked like code: every fact sound, every seed figure present."""

from datetime import date

import pytest
from conftest import KNOWLEDGE

from bot.core.dates import parse_period
from bot.core.knowledge import KnowledgeError, load_knowledge
from bot.core.models import Qualifier, Status
from bot.core.validation import fact_problems


def test_every_curated_fact_is_sound(kb) -> None:
    problems = [p for fact in kb.facts.values() for p in fact_problems(fact, kb, today=date.today())]
    assert problems == []
    assert len(kb.facts) >= 417 + 38


def test_every_source_date_parses_and_every_relied_on_source_exists(kb) -> None:
    for source in kb.sources.values():
        if source.published:
            parse_period(source.published)
        assert source.relies_on is None or source.relies_on in kb.sources


def test_bounds_and_projections_keep_their_labels(kb) -> None:
    by_value = {(f.measure, f.value, f.date): f for f in kb.facts.values()}
    fewer = by_value[("immigration_court_pending_cases_trac", 570_000, "2017-01-20")]
    assert fewer.qualifier is Qualifier.FEWER_THAN
    eight_million = by_value[("ice_non_detained_docket", 8_000_000, "2024-09-30")]
    assert eight_million.status is Status.PROJECTION
    no_shows = by_value[("in_absentia_removal_orders", 170_000, "FY2024")]
    assert (no_shows.status, no_shows.qualifier) == (Status.PROJECTION, Qualifier.MORE_THAN)


def test_the_two_court_counts_and_the_ice_docket_are_apart(kb) -> None:
    eoir = kb.measures["immigration_court_pending_cases"]
    trac = kb.measures["immigration_court_pending_cases_trac"]
    ice = kb.measures["ice_non_detained_docket"]
    assert eoir.comparable(trac)
    assert not ice.comparable(trac) and not ice.comparable(eoir)


def test_a_broken_reference_is_named(tmp_path) -> None:
    for name in ("units.yaml", "sources.yaml", "measures.yaml", "moments.yaml"):
        (tmp_path / name).write_text((KNOWLEDGE / name).read_text())
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "x.yaml").write_text(
        "measure: ice_non_detained_docket\nfacts:\n"
        "  - {id: 1, value: 5, date: '2024-01', source: nowhere, quote: 'five is 5'}\n"
    )
    with pytest.raises(KnowledgeError, match="unknown source 'nowhere'"):
        load_knowledge(tmp_path)
