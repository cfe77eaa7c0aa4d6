"""The curated fact base is checked like code: every fact sound, every seed figure present."""

from datetime import date
from urllib.parse import urlparse

import pytest
from conftest import KNOWLEDGE

from bot.core.dates import parse_period
from bot.core.knowledge import KnowledgeError, load_knowledge
from bot.core.models import Qualifier, SourceKind, Status
from bot.core.validation import fact_problems
from bot.core.vocabulary import VocabularyError, load_vocabulary


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


def test_a_word_given_twice_in_a_curated_file_is_named(tmp_path) -> None:
    # YAML keeps the last of two equal keys: "wrapped up: completed", later "wrapped up: ended",
    # would lose one meaning without a word.
    for name in ("units.yaml", "sources.yaml", "moments.yaml"):
        (tmp_path / name).write_text((KNOWLEDGE / name).read_text())
    twice = "- id: twice\n  label: one\n  label: two\n  unit: cases\n  kind: stock\n"
    (tmp_path / "measures.yaml").write_text((KNOWLEDGE / "measures.yaml").read_text() + twice)
    (tmp_path / "facts").mkdir()
    with pytest.raises(KnowledgeError, match="'label' is given twice"):
        load_knowledge(tmp_path)
    language = tmp_path / "language"
    language.mkdir()
    (language / "en.yaml").write_text("phrases:\n  wrapped up: completed\n  wrapped up: ended\n")
    with pytest.raises(VocabularyError, match="'wrapped up' is given twice"):
        load_vocabulary("en", language)


# Source audit (issue 9). An address on a blog platform is someone else's copy of a story: never
# the figure a measure leads with while a source that is not a blog states the measure. Substack
# is left out on purpose: there it is an author's own newsletter (Austin Kocher, a TRAC researcher,
# reading TRAC's own tool), not a copy of someone else's article. Law-firm blogs on their own
# domains cannot be told by the address; their records say `repost` by hand.
BLOG_HOSTS = ("blogspot.com", "typepad.com", "wordpress.com", "tumblr.com", "mirtesen.ru")
# Pages of links to other sites' stories: such an address is never the article itself.
LINK_PAGE_HOSTS = ("drudge.com", "drudgereport.com")


def _on(source, domains: tuple[str, ...]) -> bool:
    host = (urlparse(source.url).hostname or "") if source.url else ""
    return any(host == d or host.endswith("." + d) for d in domains)


def test_a_blog_copy_is_never_the_figure_preferred_over_a_better_source(kb, engine) -> None:
    on_blog = {s.id for s in kb.sources.values() if _on(s, BLOG_HOSTS)}
    headlines, per_date = [], []
    for measure_id in kb.measures:
        series = engine.series(measure_id)
        trusted = [f for f in series.facts if not f.low_confidence and f.status is Status.REPORTED]
        latest = series.latest()
        if latest and latest.preferred.source in on_blog and any(f.source not in on_blog for f in trusted):
            headlines.append((measure_id, latest.preferred.id))
        for fact in series.preferred_per_date():
            rivals = series.at(fact).facts[1:]
            better = [f for f in rivals if f.source not in on_blog and not f.low_confidence]
            if fact.source in on_blog and better:
                per_date.append((measure_id, fact.id))
    assert headlines == [] and per_date == []
    # The ICE docket's headline is Fox's own article (reposted in full), not the blog quoting NBC.
    assert engine.series("ice_non_detained_docket").latest().preferred.source not in on_blog


def test_blog_and_link_page_addresses_are_marked_as_such(kb) -> None:
    for source in kb.sources.values():
        if _on(source, BLOG_HOSTS + LINK_PAGE_HOSTS):
            assert (source.kind, source.primary) == (SourceKind.REPOST, False), source.id
        if _on(source, LINK_PAGE_HOSTS):
            # The reader is told that the address is not the article the title names.
            assert "link page" in (source.notes or ""), source.id
