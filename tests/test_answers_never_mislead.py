"""Answers a researcher checks: each rule of issue 9 on the real fact base, engine and templates.

Versions of a revised table are never set against each other, a projection keeps its label as
one end of a comparison, a change of method is said in the comparison, a fall reads as a fall,
an undated figure stays undated, a stand-in says so first, and an old headline says it is old.
"""

from __future__ import annotations

import re
from datetime import date

from bot.core.engine import AnswerEngine
from bot.core.render import Renderer

EOIR = "immigration_court_pending_cases"


def test_no_comparison_sets_two_versions_of_eoirs_table_against_each_other(engine, renderer) -> None:
    answer = engine.compare_times(EOIR, "FY2015", "FY2024")
    main = answer.data["comparison"]
    # One version has both ends: the July 2025 table (658,871 to 3,884,956), not April 2021's 460,093.
    assert (main.earlier.value, main.later.value) == (658_871, 3_884_956)
    assert main.earlier.source == main.later.source
    for alt in answer.data["alternatives"]:
        assert not engine.pairing.other_versions(alt["pair"].earlier, alt["pair"].later)
    text = renderer.render(answer)
    others = text.split("With the other sources' figures:")[-1].split("What it measures")[0]
    assert "460,093" not in others
    lines = [line for line in text.splitlines() if line.startswith("- ") and " to " in line]
    assert len(lines) == len(set(lines)), "a pair of figures is shown once"


def test_where_no_version_covers_both_times_the_comparison_line_says_it_crosses_versions(
    engine, renderer
) -> None:
    answer = engine.compare_times(EOIR, "FY2008", "FY2024")
    assert answer.data["pair"].across_versions
    assert "Across two versions of a revised table" in renderer.render(answer)


def test_a_comparison_across_tracs_change_of_method_says_so_in_its_own_line(ask) -> None:
    answer, text = ask("how much has trac's backlog grown since trump took office")
    assert answer.data["pair"].method_crossed is not None
    line = next(line for line in text.splitlines() if line.startswith("- Across a change of method"))
    assert "active backlog" in line


def test_a_projection_at_one_end_of_a_comparison_keeps_its_label(ask) -> None:
    _, text = ask("compare the ice docket in 2021 and now")
    for line in text.splitlines():
        if "8,000,000" in line:
            assert "projection" in line.lower(), line


def test_a_projection_is_an_end_only_where_no_reported_figure_is(engine) -> None:
    answer = engine.ask("compare the ice docket in 2021 and now")
    main = answer.data["comparison"]
    assert main.earlier.status.value == main.later.status.value == "reported"


def test_a_reported_fall_reads_as_a_fall_with_its_bound_on_the_size(ask) -> None:
    _, text = ask("how much did the backlog fall under trump through june 2025")
    assert "fell by more than 87,000 cases" in text
    assert "-87,000" not in text


def test_an_undated_figure_stays_undated(ask) -> None:
    _, text = ask("what was the peak of the immigration court backlog")
    assert "at one point (reported on 14 November 2025)" in text
    assert "as of 14 November 2025" not in text


def test_an_undated_figure_answers_no_time_asked(engine) -> None:
    answer = engine.ask("peak of the immigration court backlog in november 2025")
    stated = answer.statement.figures if answer.statement else ()
    assert answer.status.value != "answered" and 245 not in [f.id for f in stated]


def test_a_count_standing_in_for_another_says_so_before_its_figure(ask) -> None:
    answer, text = ask("backlog fy2023")
    assert answer.data["instead_of"].id == "immigration_court_pending_cases_trac"
    lines = text.splitlines()
    said = next(i for i, line in enumerate(lines) if line.startswith("The fact base has no figure of"))
    assert "Immigration court backlog (TRAC's count) for FY2023" in lines[said]
    assert "2,768,875" in lines[said + 1] and "2,768,875" not in "\n".join(lines[:said])


def test_an_old_headline_says_it_is_out_of_date_and_where_newer_figures_are(kb) -> None:
    engine, renderer = AnswerEngine(kb, today=lambda: date(2026, 12, 1)), Renderer(kb)
    answer = engine.now()
    assert answer.data["stale"] and answer.data["age_days"] == (date(2026, 12, 1) - date(2025, 8, 31)).days
    text = renderer.render(answer)
    assert "Out of date" in text and "tracreports.org" in text and "justice.gov/eoir" in text
    fresh = AnswerEngine(kb, today=lambda: date(2025, 10, 1)).now()
    assert not fresh.data["stale"] and "Out of date" not in renderer.render(fresh)


def test_backlog_now_gives_the_change_since_about_a_year_before(engine, renderer) -> None:
    text = renderer.render(engine.now())
    line = next(line for line in text.splitlines() if line.startswith("- Since a year before"))
    assert re.search(r"September 2024, fact \d+\): down", line)


def test_backlog_now_prefers_the_best_dated_of_two_reposts_giving_the_same_figure(engine) -> None:
    preferred = engine.now().data["selection"].preferred
    # CSM's 14 November 2025 repost, not CQ-Roll Call's dated only "2025".
    assert engine.kb.sources[preferred.source].published == "2025-11-14"


def test_figures_reported_alike_and_those_that_differ_are_separate_lines(ask) -> None:
    _, text = ask("ice docket in june 2024")
    also = next(line for line in text.splitlines() if line.startswith("Also reported by:"))
    assert "Other sources differ" not in also and "Other sources differ:" in text


def test_a_breakdown_is_ranked_by_place_never_one_place_as_the_whole(ask) -> None:
    answer, text = ask("top 5 countries on ICE's docket")
    assert answer.kind == "rank" and [f.place for f in answer.statement.figures] == [
        "Honduras",
        "Guatemala",
        "Mexico",
        "El Salvador",
        "Venezuela",
    ]
    assert "1. Honduras: **878,653 people**" in text and "Source: The Center Square" in text


def test_one_place_of_a_breakdown_is_answered_by_its_own_figure(ask) -> None:
    answer, text = ask("how many guatemalans are on the ice docket")
    assert [f.id for f in answer.statement.figures] == [456]
    assert "Other sources differ" not in text  # the other countries are not other sources


def test_a_time_the_measure_has_no_figure_for_offers_close_measures_that_have_one(ask, engine) -> None:
    # The inactive pending stock has no FY2020 figure; the closures in FY2020 are offered, not stated.
    answer, text = ask("how many administratively closed pending cases were there in fy2020")
    assert answer.status.value == "no_match" and "310,627" not in text  # offered, never stated for it
    offered = next(q for q in answer.suggestions if "administratively closed in a fiscal year" in q)
    assert [f.id for f in engine.ask(offered).statement.figures] == [76]


def test_a_change_asked_where_one_count_has_one_figure_is_computed_from_the_other_and_says_so(ask) -> None:
    answer, text = ask("did the backlog go down under trump 2.0?? by how much")
    assert answer.data["instead_of"].id == "immigration_court_pending_cases_trac"
    assert answer.statement.comparison.difference.value < 0
    assert "has only one figure in that time" in text.splitlines()[1]


def test_the_latest_figure_names_newer_figures_it_passed_over_and_why(ask) -> None:
    # The ICE docket's headline is Fox's 7.4 million of June 2024; NBC's 7.5 million of September is
    # known only through a blog, and Fox's 8 million for then is a projection: both are said, labelled.
    answer, text = ask("ice non detained docket latest")
    assert answer.data["selection"].preferred.value == 7_400_000
    line = next(line for line in text.splitlines() if line.startswith("Newer, but less certain:"))
    assert "7,500,000" in line and "low confidence" in line
    assert "projection, not a count: 8,000,000" in line


def test_a_comparison_takes_both_ends_from_one_count_that_holds_them(ask) -> None:
    # TRAC has no figure for FY2008; EOIR's count has both years, so both ends are EOIR's, said first.
    answer, text = ask("backlog end fy2008 vs end fy2023 how many times bigger")
    assert answer.kind == "comparison"
    assert answer.data["measure"].id == EOIR
    ends = (answer.data["comparison"].earlier, answer.data["comparison"].later)
    assert [f.measure for f in ends] == [EOIR, EOIR]
    assert "has no figure of Immigration court backlog (TRAC's count) for one of those times" in text


def test_the_highest_ever_per_eoir_is_eoirs_word_on_its_peak_with_its_tables_highest_beside(ask) -> None:
    answer, text = ask("what's the highest the pending caseload has ever been, according to EOIR?")
    assert answer.data["selection"].preferred.value == 4_180_000  # "more than 4.18 million at one point"
    assert "the highest of those is about 4,000,000" in text and "fact 230" in text
