"""How questions are read, through the real engine and the real language file: what a member types
and the figure, time or refusal it leads to. The corpus (test_corpus.py) measures this at scale;
these name the behaviours one by one, so that a regression says which one broke."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.engine import AnswerEngine
from bot.core.models import KnowledgeBase
from bot.core.render import Renderer
from bot.core.understand import read

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def reader(kb: KnowledgeBase, engine: AnswerEngine):
    def reading(question: str):
        return read(question, engine.vocabulary, kb.moments.values(), TODAY, engine.index.spelled)

    return reading


@pytest.fixture(scope="module")
def asked(kb: KnowledgeBase):
    engine = AnswerEngine(kb, today=lambda: TODAY)

    def answer(question: str):
        return engine.ask(question)

    answer.engine = engine
    answer.engine_renderer = Renderer(kb)
    return answer


def stated(answer) -> list[int]:
    return [f.id for f in answer.statement.figures] if answer.statement else []


def measures(answer) -> set[str]:
    """The measures of the figures an answer states."""
    return {f.measure for f in answer.statement.figures}


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("backlog end of fiscal year twenty nineteen", "FY2019"),  # a year said as words
        ("ice docket the day biden got inaugurated", "2021-01-20"),
        ("backlog on inauguration day 2017", "2017-01-20"),  # no name: the one first day that year
        ("new cases in the first 11 months of fy19", "2018-10-01..2019-08-31"),
        ("completions fy2025 thru june", "2024-10-01..2025-06-30"),
        ("avg days to hire a judge 2011 thru aug 2016", "2011-01-01..2016-08-31"),
        ("record month in early 2024, january i think", "2024-01"),  # a month of the one year given
        ("fy25 ytd completions thru june 30?", "2024-10-01..2025-06-30"),  # "through" a few words on
    ],
)
def test_times_are_read_as_people_write_them(reader, question: str, period: str) -> None:
    times = [t.period.text for t in reader(question).times if t.period is not None]
    assert times == [period]


def test_a_zero_width_space_or_an_emoji_never_breaks_a_word(reader) -> None:
    assert "backlog" in reader("whats the back\u200blog rn").topic.split()
    assert {"immigration", "judges"} <= set(reader("how many immi\u200bgration ju\u200bdges").topic.split())
    assert reader("next week 🍎 how many judges").sentences == ("next week", "how many judges")


def test_a_table_version_and_a_time_set_aside_are_not_times_asked(reader) -> None:
    r = reader("eoir pending end fy17 - the apr 2021 table version, not the 2025 one")
    assert [t.period.text for t in r.times] == ["FY2017"]
    assert [v.text for v in r.versions] == ["2021-04"]


def test_a_version_of_a_revised_table_answers_only_with_its_own_figures(asked) -> None:
    assert stated(asked("eoir pending end fy17 - the apr 2021 table version, not the 2025 one")) == [205]
    refused = asked("eoir pending end of fy2019, the march 2019 table")
    assert refused.status.value == "no_match" and not refused.facts


def test_a_total_over_a_stretch_answers_only_for_that_stretch(asked) -> None:
    assert stated(asked("in absentia removal orders total fy2011 to fy2020")) == [433]
    # Asked for one year, or for the record, the ten-year total is no answer.
    assert 433 not in stated(asked("in absentia removal orders fy2020"))
    assert 433 not in stated(asked("record number of in absentia orders"))


def test_a_story_around_the_question_is_context(asked) -> None:
    answer = asked("my cousin has been waiting 4 years lol. how many immigration judges are there now")
    assert answer.statement.measure == "immigration_judges_count"


def test_a_neighbouring_topic_is_named_not_answered_with_a_near_figure(asked) -> None:
    answer = asked("how many green cards did uscis approve last year")
    assert answer.status.value == "no_match" and "green cards" in answer.data["topic"].label


def test_two_meanings_asked_at_once_get_both_definitions(asked) -> None:
    answer = asked("what does gao mean by 'backlog', is it diff from eoir's pending count")
    assert answer.kind == "definition"
    assert [d["measure"].id for d in answer.data["definitions"]] == [
        "immigration_court_backlog_gao",
        "immigration_court_pending_cases",
    ]


def test_two_places_of_a_breakdown_are_set_side_by_side(asked) -> None:
    answer = asked(
        "which is bigger: cubans or brazilians w/ final orders on ICE's non-detained docket (nov 2024)?"
    )
    assert answer.kind == "rank" and stated(answer) == [72, 73]


def test_every_suggestion_offered_answers_when_asked(asked) -> None:
    engine = asked.engine
    unsure = ["asylum", "backlog growth", "trac backlog end of fy 2019", "how many judges in texas"]
    offered = [s for q in unsure for s in engine.ask(q).suggestions]
    offered += [s for prefix in ("imm", "ice dock", "judg", "par", "") for s in engine.suggest(prefix)]
    assert offered
    for suggestion in offered:
        assert engine.ask(suggestion).status.value == "answered", suggestion


def test_a_year_before_or_after_29_february_is_asked_not_a_crash(asked) -> None:
    for question in (
        "immigration court backlog on 2024-02-29 and the year before",
        "feb 29 2024 vs a year after",
    ):
        assert asked(question).status.value in ("answered", "suggestions", "no_match")


def test_a_sentence_set_aside_whole_leaves_the_question_its_own(reader) -> None:
    r = reader("not trac. my cousin waited 4 years in court. what is the backlog now?")
    assert r.asked == "what is the backlog"


def test_a_fiscal_year_then_a_month_of_a_later_year_are_two_times(engine) -> None:
    answer = engine.ask("how much has TRAC's count dropped from the end of FY24 to aug 2025")
    comparison = answer.statement.comparison
    assert (comparison.earlier.date, comparison.later.date) == ("2024-09-30", "2025-08")


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("how many immigration court cases were pending back in 98? showing my dad", "1998"),
        (
            "how many deportation cases were in the courts the day biden walked into the white house",
            "2021-01-20",
        ),
        ("backlog when bush jr first took office", "2001-01-20"),
    ],
)
def test_two_digit_years_and_plain_words_for_taking_office(reader, question: str, period: str) -> None:
    times = [t.period.text for t in reader(question).times if t.period is not None]
    assert times == [period]


def test_letters_typed_again_and_again_are_one_letter(reader) -> None:
    assert reader("sooo whats the baaacklog rn").topic.split()[-1] == "backlog"


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        # a count of cases is the courts' total, not one judge's average
        (
            "how many cases did IJs complete in FY'24",
            {"immigration_court_completions_trac", "immigration_court_total_completions"},
        ),
        (
            "how many cases does one IJ complete in a year, the FY2015 number",
            {"immigration_judge_completions_per_judge"},
        ),
        # what "how many ... are there" counts, not the firings the message is upset about
        ("how many IJs are there rn with all the firings idk anymore", {"immigration_judges_count"}),
        (
            "how many immigration judges are there now? feels like they fired half of them",
            {"immigration_judges_count"},
        ),
        (
            "how many hondurans are on ICE's non detained list? the fy23 numbers",
            {"ice_non_detained_docket_by_country"},
        ),
    ],
)
def test_the_thing_counted_decides_the_measure(asked, question: str, measure: set[str]) -> None:
    answer = asked(question)
    assert answer.statement is not None and answer.statement.measure in measure


def test_a_threshold_blown_past_is_a_threshold(asked) -> None:
    answer = asked("when did the backlog (trac) blow past three mil 🚀")
    assert answer.kind == "threshold"
    assert [f.value for f in answer.statement.figures][:1] == [3_000_000]


def test_a_date_before_the_word_table_names_the_version(asked) -> None:
    answer = asked("FY19 pending per the **July 2025** EOIR adjudication stats table (the revised series)")
    assert stated(answer) == [212]  # 1,331,286 in the July 2025 table, not 987,274 or 1,087,201


def test_a_figure_of_several_countries_is_never_one_countrys(asked) -> None:
    answer = asked("how many venezuelan nationals alone have pending imm court cases (not ICE docket, court)")
    assert answer.status.value == "no_match" and not stated(answer)


def test_a_count_set_aside_never_stands_in_for_the_newest(asked) -> None:
    answer = asked(
        "not the university tracker number, i want the justice department's own official count of "
        "pending immigration court cases. most recent one"
    )
    assert answer.statement.measure == "immigration_court_pending_cases"


def test_a_month_never_answers_for_a_whole_fiscal_year(asked) -> None:
    answer = asked("total completions for ALL of fy25, full yr not thru q3")
    assert not stated(answer)


def test_more_new_cases_than_it_completed_sets_both_side_by_side(asked) -> None:
    answer = asked(
        "real question: in fy24 did eoir get more new cases than it completed? give me both numbers"
    )
    assert sorted(stated(answer)) == [167, 368]  # 1,783,915 received, 704,514 completed


def test_a_sentence_saying_the_question_again_asks_it_too(asked) -> None:
    answer = asked(
        "did the courts finish fewer cases than came in during fy2024? like new cases vs completions"
        " side by side, my roommate and i have a $5 bet"
    )
    assert sorted(stated(answer)) == [167, 368]  # both figures, not the completions alone


def test_wen_is_when(asked) -> None:
    answer = asked("wen did the backlog first go over a million (trac)")
    assert answer.kind == "threshold" and stated(answer) == [302]  # Aug 2019, 1,007,155


def test_what_a_term_even_means_is_a_definition(asked) -> None:
    answer = asked('ngl idk what "administratively closed" even means')
    assert answer.kind == "definition" and not stated(answer)


def test_who_said_it_explains_the_question(asked) -> None:
    # "lyons", "testified", "senate" are in no measure's names, only in the source of ICE's count
    answer = asked("lyons testified ice is tracking how many final orders in the us?")
    assert answer.statement is not None and answer.statement.measure == "ice_final_orders_in_us"


def test_thanks_with_nothing_asked_states_no_figure(asked) -> None:
    answer = asked("lol ty bot, saved my deadline 🙏")  # "deadline" names the parole check-in measure
    assert answer.status.value == "no_match" and answer.data["unsure"] == "thanks" and not stated(answer)
    assert asked("thanks! how many judges are there now").statement.measure == "immigration_judges_count"


def test_a_term_in_backticks_is_asked_about(asked) -> None:
    assert asked("what are EOIR `initial receipts`?").kind == "definition"


def test_a_version_names_only_the_date_right_before_it(asked) -> None:
    # FY2023 is the time asked; July 2025 is the table's version
    assert stated(asked("EOIR initial receipts for FY2023, July 2025 table")) == [166]


def test_the_place_a_count_was_made_is_no_breakdown_asked(asked) -> None:
    # the parole test group is a case in the Northern District of Florida, not Florida's share of it
    answer = asked(
        "that florida judge wetherell parole case, how many migrants were in the test group ICE reports on?"
    )
    assert answer.statement is not None and answer.statement.measure == "parole_test_group_released"
    # but a state's backlog is never the nation's
    assert not stated(asked("texas immigration court backlog rn"))


def test_a_story_never_chooses_a_figure_the_question_does_not_name(asked) -> None:
    answer = asked(
        "my mom got her notice to appear in 2019 in houston. how big was the court backlog that year?"
    )
    assert answer.statement is not None
    assert answer.statement.measure in {
        "immigration_court_pending_cases_trac",
        "immigration_court_pending_cases",
    }


def test_a_half_explained_question_answers_when_nothing_else_comes_near(asked) -> None:
    # "ytd", "thru q3", "oct 24 - jun 25" leave little for the measure, and nothing else comes near it
    assert stated(asked("fy25 ytd new cases thru q3 (oct 24 - jun 25)?")) == [168]  # 448,019


def test_a_count_of_countries_is_no_breakdown_by_country(asked) -> None:
    assert not stated(asked("how many of the parole test group were venezuelan specifically"))


def test_a_moment_just_before_the_date_asked_only_places_it(reader) -> None:
    times = reader(
        "how many new cases a month were coming into the courts in feb and march 2025, after trump came back?"
    )
    assert [t.period.text for t in times.times if t.period is not None] == ["2025-02-01..2025-03-31"]


def test_a_stretch_one_count_lacks_is_answered_by_its_sibling_saying_so(asked) -> None:
    answer = asked("how many cases did IJs complete in FY25 through june")
    assert stated(answer) == [369]  # EOIR's 588,128 for Oct 2024 to June 2025
    assert answer.data["instead_of"].id == "immigration_court_completions_trac"


def test_a_count_of_years_is_no_figure_asked_about(asked) -> None:
    answer = asked(
        "hey all 👋 working on a 15-yr retrospective. what was the backlog at end of FY2010? any source is ok"
    )
    assert answer.statement.figures and all(f.value != 15 for f in answer.statement.figures)


def test_initial_receipts_are_new_cases_not_a_request_for_proof(asked) -> None:
    answer = asked("FY24: EOIR initial receipts vs total completions - how big was the gap?")
    assert sorted(stated(answer)) == [167, 368]


def test_a_rate_asked_is_never_answered_with_a_total(asked) -> None:
    # the docket's 7.4 million is not its cases per officer; judges per court is no figure held
    assert 15 not in stated(asked("how many cases per ice officer on the non detained docket"))
    assert not stated(asked("how many judges are there per court on average"))
    # "per trac" says who counted, it asks no rate
    assert (
        asked("how many cases did IJs finish in fy24 per trac").statement.measure
        == "immigration_court_completions_trac"
    )


def test_a_question_by_state_is_never_answered_with_the_nation(asked) -> None:
    for question in (
        "which state has the biggest immigration court backlog",
        "immigration court backlog by state",
    ):
        answer = asked(question)
        assert answer.kind == "no_breakdown" and not stated(answer)
    assert asked(
        "CA immigration court backlog, TRAC state breakdown, end of Nov 2017?"
    ).statement.measure == ("immigration_court_pending_cases_california_trac")


def test_who_counts_asked_about_is_told_what_they_count(asked) -> None:
    assert asked("what's EOIR").kind == "definition" and not stated(asked("what's EOIR"))
    assert asked("whats the trac number").kind == "figure"  # their figure asked


def test_a_year_asked_takes_the_years_count_unless_a_month_is_asked(asked) -> None:
    assert (
        asked("how many cases did the courts close in fy 2021").statement.measure
        == "immigration_court_completions_trac"
    )
    monthly = asked("on avg how many cases got added to the backlog each month in fy2020 (the covid yr)")
    assert monthly.statement.measure == "immigration_court_backlog_avg_monthly_increase_trac"


def test_cases_added_asks_a_change_never_the_level(asked) -> None:
    answer = asked("how many cases were added to the backlog last year")
    assert 334 not in stated(answer)  # the 3.4 million pending is not what was added


def test_a_date_given_beside_a_crossing_asks_a_figure_not_when(asked) -> None:
    answer = asked("pending cases per immigration judge, TRAC, Nov 2023 (when the backlog topped 3M)?")
    assert stated(answer) == [6]  # 4,500 cases per judge
    # a stretch beside it is where the crossing may fall: still a threshold
    assert (
        asked("when did the IJ corps first go above 500 judges? was it under trump 1.0?").kind == "threshold"
    )


def test_a_question_may_begin_after_its_time(asked) -> None:
    answer = asked(
        "in FY2023 did the courts get more new cases than they completed? by how much (EOIR numbers)"
    )
    assert answer.kind == "cross_measure" and len(stated(answer)) == 2


def test_now_asked_after_a_story_replaces_the_storys_time(asked) -> None:
    answer = asked(
        "my uncle has been waiting since 2018 for his hearing smh, how big is the court backlog now"
    )
    assert stated(answer) == [334]  # the latest count, not a comparison with 2018


def test_ordered_deported_in_absentia_is_a_removal_order(asked) -> None:
    assert stated(asked("how many ppl got ordered deported in absentia in fy2023, asking for a class")) == [
        13
    ]


@pytest.mark.parametrize(
    "question",
    ["what will the backlog be by 2028?", "backlog by 2030?", "will the backlog hit 5 million by 2027"],
)
def test_a_deadline_ahead_is_never_answered_with_todays_figure(asked, question: str) -> None:
    answer = asked(question)
    assert answer.status.value != "answered" and not stated(answer)


def test_a_projection_made_for_the_deadline_asked_answers_it(asked) -> None:
    answer = asked("how many more judges are needed by 2032")
    assert stated(answer) == [39]  # CRS: 700 more to clear the backlog by FY2032, a projection


def test_a_word_between_a_name_and_a_moment_keeps_them_apart(reader, asked) -> None:
    # "the trump administration fire during 2025": no term of trump's, and "fire" stays in the topic.
    reading = reader("how many immigration judges did the Trump administration fire during 2025?")
    assert "fire" in reading.topic and [t.text for t in reading.times] == ["2025"]
    assert (
        asked("how many immigration judges did the Trump administration fire during 2025?").data["measure"].id
        == "immigration_judges_fired_2025"
    )
    # Words of the moment itself may stand between: "when trump take office first time".
    assert [t.period.start.year for t in reader("judges when trump take office first time").times] == [2017]


def test_spanish_demonyms_ask_for_a_country_never_the_whole(asked) -> None:
    answer = asked("cuantos hondureños are on ICE's non detained docket? the fy2023 number")
    assert all(f.place == "Honduras" for f in answer.statement.figures) and stated(answer)


@pytest.mark.parametrize(
    "question",
    [
        # Family words in Spanish tell a story, not a place asked.
        "whats the latest count of asylum apps waiting in the immigration courts? mi esposa filed in atlanta",
        # "right around when Trump first came into office" tells when; the family from El Salvador is story.
        "My late husband and I sponsored a family from El Salvador and their hearing got postponed right "
        "around when Trump first came into office in January 2017. How big was the immigration court "
        "backlog at that time??",
    ],
)
def test_a_place_in_the_story_is_no_place_asked(asked, question: str) -> None:
    answer = asked(question)
    assert answer.status.value == "answered" and not any(f.place for f in answer.statement.figures)


def test_lost_track_is_no_count_of_judges_lost(asked) -> None:
    answer = asked("tbh I lost track -- how many immigration judges did trump fire over all of 2025?")
    assert answer.data["measure"].id == "immigration_judges_fired_2025"


def test_a_date_naming_a_publication_is_not_asked_when_another_time_is(reader) -> None:
    reading = reader("ICE non-detained docket at end of FY 2022 (per the FY23 annual report)")
    assert [t.period.end for t in reading.times] == [date(2022, 9, 30)]
    reading = reader("POV: ur reading a 2017 gao report. whats their number for new case receipts in fy2006?")
    assert [t.period.end.year for t in reading.times] == [2006]
    # The only date named stays asked: "TRAC's 2019 report" then asks about 2019.
    assert [t.period.end.year for t in reader("backlog in TRAC's 2019 report").times] == [2019]


def test_a_measure_the_question_sets_aside_never_stands_in(asked) -> None:
    # TRAC's removal orders have no FY2023 figure; in absentia orders, set aside, do not answer for them.
    answer = asked("total removal orders in fy2023, all of them not only in absentia")
    assert answer.status.value != "answered" and not stated(answer)


def test_a_number_given_as_the_whole_is_no_answer_to_a_part_of_it(asked) -> None:
    answer = asked("of the 411k cases in the 2011 PD review, how many ended in deportation?")
    assert 36 not in stated(answer) and answer.status.value != "answered"
    # Without the whole given, the review's count still answers.
    assert stated(asked("how many cases did the 2011 PD review cover")) == [36]


def test_how_long_is_never_answered_with_a_count_when_a_time_taken_is_close(asked) -> None:
    answer = asked(
        "within that judge wetherell parole group, how long did the released people have to report to ICE?"
    )
    assert 25 not in stated(answer)  # the 2,572 released is a count of people, not a time
    assert any("check" in s.lower() or "days" in s.lower() for s in answer.suggestions)


def test_children_who_came_alone_are_unaccompanied_children(asked) -> None:
    answer = asked("how did the backlog of cases for children who came alone change from 2014 to 2017?")
    assert answer.data["measure"].id == "immigration_court_pending_uac_cases_trac"


def test_how_far_apart_sets_two_counts_side_by_side(asked) -> None:
    answer = asked(
        "how far apart were the EOIR figure and the TRAC figure for the backlog at the end of FY2024?"
    )
    assert answer.statement.intent == "compare" and len(stated(answer)) == 2


def test_a_close_match_explaining_less_of_the_question_is_no_rival(asked) -> None:
    # The group's size matches "parolees in the wetherell test group" as well, but leaves "countries".
    answer = asked("how many countries were the parolees in the wetherell test group from")
    assert answer.data["measure"].id == "parole_test_group_countries"


def test_another_measures_crossing_with_a_date_only_dates_the_figure_asked(asked) -> None:
    answer = asked("pending cases per judge when the backlog hit 3M (nov 2023)?")
    assert answer.data["measure"].id == "pending_cases_per_immigration_judge_trac"
    assert answer.statement.intent == "value"


def test_either_source_asks_no_source(reader) -> None:
    reading = reader("backlog @ end of fy 2010, either source fine, just need the order of magnitude")
    assert reading.intent.value == "value"


def test_of_two_close_counts_the_one_with_a_figure_at_the_time_asked_answers(asked) -> None:
    # The review's size has no figure for 29 May 2012; the count of cases examined by then has.
    answer = asked("by may 29 2012 how many cases had ICE attorneys actually gone through in the PD review")
    assert answer.data["measure"].id == "prosecutorial_discretion_review_cases_examined"


def test_a_level_asked_on_a_day_with_no_figure_is_never_its_change(asked) -> None:
    # No level within two weeks of 30 September 2025; EOIR's "fell by more than 700,000 in FY2025"
    # is a change, no answer to how big the backlog was.
    answer = asked("whats the exact immigration court backlog on sept 30 2025, the very end of fiscal 2025?")
    assert 238 not in stated(answer) and answer.status.value != "answered"


def test_with_nothing_compared_a_time_holding_the_other_only_places_it(reader) -> None:
    reading = reader("hey so TRAC had a thing about new cases dropping in early 2024, how many in jan 2024")
    assert [(t.period.start, t.period.end) for t in reading.times] == [(date(2024, 1, 1), date(2024, 1, 31))]


def test_still_in_the_country_is_the_us_not_a_count_of_countries(asked) -> None:
    answer = asked("What percentage of that Wetherell parole group was still in the country as of June 2024?")
    assert answer.data["measure"].id == "parole_test_group_still_in_us_pct"


def test_for_each_year_since_asks_a_trend(reader) -> None:
    assert (
        reader("could you give me the ICE docket for each year starting with fiscal 2020").intent.value
        == "trend"
    )


def test_a_date_the_data_was_generated_is_no_time_asked(reader) -> None:
    reading = reader("motions to recalendar filed in FY25? EOIR motions table, data generated nov 18 2025")
    assert [t.period.text for t in reading.times] == ["FY2025"]


def test_a_rate_in_the_story_asks_no_share(asked) -> None:
    answer = asked(
        "completions thru 3rd quarter of fiscal 2025 per DOJ/EOIR data? writing a piece on the clearance rate"
    )
    assert stated(answer) == [369]  # EOIR's 588,128 from October 2024 to June 2025, not a monthly rate


def test_a_middle_initial_ends_no_sentence(asked) -> None:
    answer = asked(
        "how many cases were pending in immigration court at the start of the George W. Bush presidency?"
    )
    assert stated(answer) == [250]  # TRAC's 149,338 in January 2001


@pytest.mark.parametrize(
    ("question", "fiscal_year"),
    [("cases at the end of the 2023 fiscal year", 2023), ("new cases in the 2024 government year", 2024)],
)
def test_a_year_before_fiscal_year_words_is_a_fiscal_year(reader, question: str, fiscal_year: int) -> None:
    (time,) = reader(question).times
    assert (time.period.start, time.period.end) == (date(fiscal_year - 1, 10, 1), date(fiscal_year, 9, 30))


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        (
            "my teacher mentioned the court pile. how many cases were waiting at the end of march 2024?",
            "immigration_court_pending_cases_trac",
        ),
        (
            "how many people on ICE's not-in-detention list already have a final deportation order? nov 2024",
            "ice_non_detained_docket_final_orders",
        ),
        (
            "how many judge spots were just sitting empty with nobody in them in january 2010?",
            "immigration_judge_vacancies",
        ),
    ],
)
def test_plain_words_name_the_official_measure(asked, question: str, measure: str) -> None:
    assert asked(question).data["measure"].id == measure


def test_pay_is_a_neighbouring_topic_never_a_count_of_judges(asked) -> None:
    answer = asked("how much do immigration judges get paid? thinking about becoming one lol")
    assert answer.kind == "off_topic" and not stated(answer)


def test_or_what_at_the_end_asks_no_definition(reader) -> None:
    reading = reader(
        "how have wait times for court cases changed over time? is it always getting worse or what"
    )
    assert reading.intent.value == "trend"


def test_ordered_deported_by_judges_is_a_removal_order_not_a_deportation(asked) -> None:
    answer = asked("how many people did judges order deported in the 2024 government year?")
    assert answer.kind != "off_topic" and answer.data["measure"].id == "removal_orders_trac"


def test_a_president_named_in_the_story_beside_now_asks_no_moment(asked) -> None:
    answer = asked("how many immigration judges are there now? i keep hearing trump fired a bunch of them")
    assert answer.status.value == "answered" and answer.data["measure"].id == "immigration_judges_count"


def test_the_same_kind_of_year_again_is_a_fiscal_year(reader) -> None:
    reading = reader("the backlog at the end of the 2019 government year and the end of the 2024 one")
    assert [t.period.end for t in reading.times] == [date(2019, 9, 30), date(2024, 9, 30)]


def test_became_president_is_when_he_took_office(reader) -> None:
    (time,) = reader("how big was the backlog when bush became president").times
    assert time.period.start == date(2001, 1, 20)


def test_how_many_days_takes_the_time_taken_over_a_count_of_people(asked) -> None:
    answer = asked("parolees under that border patrol program had how many days to check in w ICE?")
    assert answer.data["measure"].id == "parole_check_in_deadline_days"


def test_the_big_picture_is_no_picture_asked_for(asked) -> None:
    answer = asked("can u show me how the pile of court cases changed over the years? want the big picture")
    assert answer.kind == "trend"


def test_same_source_asks_a_comparison_from_one_count_not_a_source(asked) -> None:
    answer = asked("backlog jan 2021 vs jan 2025 how much bigger, same source pls")
    assert answer.kind != "provenance"  # no one count holds both months: said, not a fact's source


@pytest.mark.parametrize(
    "question",
    [
        "what % did EOIR's pending cases climb in FY2023 vs the year before",
        "EOIR said pending cases went up by what % in FY23 (fy22 → fy23)?",
    ],
)
def test_a_percent_asked_over_a_reported_stretch_is_the_reported_percent(asked, question: str) -> None:
    answer = asked(question)
    assert stated(answer) == [239]  # EOIR's 37.67%, not 34.2% worked out from a later table


def test_a_percent_reported_by_another_counter_never_answers(asked) -> None:
    answer = asked("by what % did TRAC's backlog grow from the end of fy22 to the end of fy23")
    assert 239 not in stated(answer)


def test_a_term_around_two_dates_only_sets_them_in_context(asked) -> None:
    answer = asked(
        "during trump's first term, how much did the backlog grow"
        " from the end of fy2017 to the end of fy2020?"
    )
    earlier, later = answer.statement.figures
    assert (earlier.period.end, later.period.end) == (date(2017, 9, 30), date(2020, 9, 30))


@pytest.mark.parametrize(
    ("question", "kind", "fact"),
    [
        (
            "Hi all. For a map I'm making of immigration courts, I want to show how their number changed "
            "over time. How many immigration courts were there nationwide in mid-2017? Thanks!",
            "figure",
            371,
        ),
        (
            "Good evening. Back when Trump first came into office in January 2017, how many immigration "
            "judges did EOIR have? For my class I'm also comparing with how many federal district judges"
            " there are.",
            "figure",
            392,
        ),
    ],
)
def test_a_question_word_inside_the_story_asks_nothing(asked, question: str, kind: str, fact: int) -> None:
    answer = asked(question)
    assert (answer.kind, stated(answer)) == (kind, [fact])


def test_a_question_after_but_asks_even_after_a_story(reader) -> None:
    reading = reader("TRAC keeps saying 3.4 mil but what does TRAC's 'active backlog' actually count?")
    assert reading.intent.value == "definition"


def test_is_it_the_same_as_in_a_sentence_of_its_own_defines_both(asked) -> None:
    answer = asked("how does GAO define 'case backlog' in GAO-17-438? is it the same as EOIR's pending?")
    assert answer.kind == "definition"
    assert {e["measure"].id for e in answer.data["definitions"]} == {
        "immigration_court_backlog_gao",
        "immigration_court_pending_cases",
    }


def test_a_measure_named_in_full_in_the_question_wins_over_the_storys_qualifier(asked) -> None:
    answer = asked("how has the number of immigration judges changed over time? seems like they keep firing")
    assert (answer.kind, answer.data["measure"].id) == ("trend", "immigration_judges_count")


def test_a_counter_in_the_matched_name_but_not_in_the_question_names_no_count(asked) -> None:
    answer = asked("from october 2024 through june 2025 how many cases did the judges wrap up?")
    assert stated(answer) == [369]  # EOIR's total for just those months; TRAC's yearly count has none


def test_a_year_said_roughly_is_that_year(reader) -> None:
    assert [t.period.text for t in reader("backlog around 2019ish").times] == ["2019"]


def test_every_year_over_a_stretch_asks_for_the_series(asked) -> None:
    answer = asked(
        "how many new cases per year have the courts been getting, fy2008 thru fy2024? the whole run pls"
    )
    assert answer.kind == "trend"


@pytest.mark.parametrize(
    "message",
    [
        "thanks so much for all the help today, you're a lifesaver 🙏 my paper is finally done",
        "lol ty bot, saved my deadline 🙏",
    ],
)
def test_thanks_with_a_story_states_no_figure(asked, message: str) -> None:
    assert stated(asked(message)) == []


def test_thanks_after_a_question_still_answers_it(asked) -> None:
    answer = asked(
        "Good afternoon all. I would like the most recent number from the Justice Department's own court"
        " office (EOIR, I believe) -- not the Syracuse university people -- for cases waiting in"
        " immigration court... Thank you."
    )
    assert answer.data["measure"].id == "immigration_court_pending_cases"


def test_a_term_said_again_after_its_start_asks_the_start(asked) -> None:
    answer = asked(
        "how many cases were piled up right around when trump came back for his 2nd term (jan 2025)?"
    )
    (figure,) = answer.statement.figures
    assert figure.period.start <= date(2025, 1, 31)  # January 2025, not the latest of his term


def test_the_source_of_a_number_from_a_time_is_the_figure_of_that_time_or_put_out_then(asked) -> None:
    answer = asked("the 'nearly 2 million' backlog figure from july 2023 — who put that out?")
    assert answer.kind == "provenance" and stated(answer)[0] in (220, 221)


def test_multiple_versions_asks_no_ratio(asked) -> None:
    answer = asked(
        "What does EOIR report as pending at the close of FY2019? If there are multiple versions,"
        " please tell me which is which."
    )
    assert answer.kind == "figure" and set(stated(answer)) <= {210, 211, 212}


def test_a_neighbouring_topic_in_an_aside_does_not_refuse_a_question_surely_asked(asked) -> None:
    answer = asked(
        "Hi all! I'm assembling a milestones timeline for a museum exhibit on immigration (small local"
        " museum, very low budget lol). When did TRAC's count of the immigration court backlog first go"
        " above half a million cases?"
    )
    assert answer.kind == "threshold"


def test_a_neighbouring_topic_asked_alone_is_still_refused(asked) -> None:
    assert asked("what's the budget of the immigration courts this year?").kind == "off_topic"


def test_a_level_answers_between_two_times_a_change_measure_has_no_figure_for(asked) -> None:
    answer = asked(
        "Between the day Biden took office and the end of March 2024, how much did the court backlog"
        " increase? A percent would be great, and the two endpoint numbers too."
    )
    assert answer.kind == "comparison"


def test_a_change_reported_to_a_stretch_answers_from_a_year_to_it(asked) -> None:
    answer = asked("cato said the # of immigration judges grew by what % from 2005 to early 2016?")
    assert stated(answer) == [420]


def test_a_comparisons_own_sentence_names_its_measure_over_the_storys_words(asked) -> None:
    answer = asked(
        "Good evening. I'm looking specifically at Trump's first term for a history paper, using fiscal-year"
        " ends as my bookends. How much did the immigration court backlog grow between the end of FY2016 and"
        " the end of FY2020?"
    )
    assert answer.kind == "comparison"
    assert answer.data["measure"].id != "immigration_court_backlog_gao"  # not "start of fiscal year"


def test_start_to_end_of_his_term_is_the_term_not_its_start(asked) -> None:
    answer = asked("how much did the backlog grow under biden start to end of his term")
    assert answer.kind == "comparison"  # not TRAC's growth since January 2017, dated at his start


def test_at_one_point_asks_the_peak_not_the_latest(asked) -> None:
    answer = asked(
        "the justice dept apparently said the backlog was over 4 million at one point. whats the exact number"
        " they said?"
    )
    assert 245 in stated(answer)  # EOIR's "more than 4.18 million at one point", not today's figure


@pytest.mark.parametrize("question", ["how many N-400 applications were filed last year", "h1b backlog rn"])
def test_the_name_of_a_form_or_visa_is_a_word_not_a_number(asked, question: str) -> None:
    assert asked(question).kind == "off_topic"  # not a figure of the courts


def test_chat_speak_n_is_and_not_the_start_of_a_form(asked) -> None:
    answer = asked("court backlog end of fy19 pls n thx 🙏 its for a debate tmrw")
    assert answer.kind == "figure"  # "n" had read as "N-400": naturalisation, refused


def test_a_publisher_named_picks_its_figure_of_a_measure_several_put_out(asked) -> None:
    answer = asked("How long did it take for hiring one new immigration judge in average? The GAO number")
    assert stated(answer) == [379]  # GAO's 742 days, not EOIR's later "approximately 266 days"


def test_a_counters_name_still_names_the_whole_count(asked) -> None:
    # TRAC's own count, as CNN and others reported it: "per TRAC" narrows nothing away.
    assert asked("trac's count at the end of march 2024?").kind == "figure"


def test_bringing_judges_on_is_hiring_them(asked) -> None:
    answer = asked("how many new judges did they bring on in oct 2025")
    assert answer.statement.measure == "immigration_judges_hired"


def test_when_after_a_time_in_a_story_asks_nothing(reader) -> None:
    reading = reader(
        "Hi, I'm writing about the hiring surge of the late 2010s, when it felt like a new class of judges"
        " was sworn in every few weeks. When did the number of immigration judges first go above 500?"
    )
    assert reading.asked.split()[:2] == ["did", "the"]  # only the second sentence asks


@pytest.mark.parametrize(
    "question", ["how many ppl in the backlog have lawyers", "how many immigrants have a lawyer in court"]
)
def test_a_share_named_in_full_is_never_answered_with_a_count_it_does_not_hold(asked, question) -> None:
    answer = asked(question)
    # The backlog's 3.4 million, or the number of courts, answered another question.
    share = "immigration_court_backlog_representation_rate_trac"
    assert not stated(answer) or answer.statement.measure == share


def test_a_counter_named_in_an_aside_names_no_measure(asked) -> None:
    answer = asked(
        "the court office itself (EOIR) supposedly said there were over 4 million cases waiting at one"
        " point?? what number did they give"
    )
    assert answer.statement.measure != "immigration_court_initial_receipts"  # "(EOIR)" alone is not new cases


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("how many cases in immigration court right now", "immigration_court_pending_cases_trac"),
        ("how many people are waiting for immigration court", "immigration_court_pending_cases_trac"),
        ("how many immigrants are in the backlog from mexico", "immigration_court_pending_cases_mexico_trac"),
        ("how many cases were decided in fy2023", "immigration_court_total_completions"),
        ("did the judges get more cases done in fy24 than fy23", "immigration_court_completions_trac"),
        (
            "when did the line of cases first go above 3.5 million? (TRAC count)",
            "immigration_court_pending_cases_trac",
        ),
        (
            "**how many cases did the judges actually get done** in the 2024 budget year?",
            "immigration_court_completions_trac",
        ),
    ],
)
def test_plain_words_for_the_backlog_and_for_completions(asked, question: str, measure: str) -> None:
    assert asked(question).statement.measure == measure  # not new cases, nor the number of judges


def test_those_cases_point_back_to_the_storys_measure(asked) -> None:
    answer = asked(
        "Hi. That 'Remain in Mexico' program I kept hearing about a few years back - how many of those cases"
        " had made it to immigration court by the end of August 2019?"
    )
    assert answer.statement.measure == "mpp_cases_trac"  # not the whole backlog of August 2019


def test_a_level_since_a_moment_is_compared_like_any_comparison(asked) -> None:
    # TRAC has no figure at 20 January 2025; EOIR's count holds both ends, as for "how much has it grown".
    answer = asked("did the backlog get bigger or smaller since trump came back")
    assert answer.kind == "comparison" and answer.statement.measure == "immigration_court_pending_cases"


@pytest.mark.parametrize(
    "message", ["lmaooo this channel is a dumpster fire 💀", "you're fired lol", "this place is on fire"]
)
def test_chat_that_asks_nothing_is_not_read_as_one_word_of_a_measure(asked, message: str) -> None:
    # "fire" is one word of "how many judges were fired": 100 judges had been stated.
    assert not stated(asked(message))


def test_a_record_year_asked_of_a_count_with_no_figure_that_year_takes_the_same_named_count(asked) -> None:
    # "completions doj" names EOIR's quarterly count, which stops short of FY2024; its yearly total has it.
    answer = asked("completions FY24?? the DOJ guy on tv said 'RECORD year' — was it and whats the number")
    assert answer.statement.measure == "immigration_court_total_completions" and stated(answer) == [368]


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("how many new cases hit the courts in fy 2023 deadass", "immigration_court_initial_receipts"),
        (
            "how many immigration courts were there in the whole country back in 2017",
            "immigration_courts_count",
        ),
        ("ok dumb q but what was the backlog the week biden got sworn in?? jan 2021", None),
        (
            "on average how many cases did one judge get thru in fy 2015?",
            "immigration_judge_completions_per_judge",
        ),
    ],
)
def test_slang_and_filler_do_not_sink_a_question(asked, question: str, measure: str | None) -> None:
    answer = asked(question)
    assert answer.status.value == "answered"
    assert measure is None or answer.statement.measure == measure


def test_a_neighbouring_topic_listed_as_one_kind_among_all_is_answered_by_the_measure_of_all(asked) -> None:
    everything = asked("how many applications of every kind are stuck at USCIS rn? green cards, work permits")
    assert everything.statement.measure == "uscis_pending_applications"
    # One kind alone is the neighbouring topic, not the total of every kind.
    for question in ("green card backlog at uscis", "how many green cards were issued in 2022"):
        answer = asked(question)
        assert answer.status.value == "no_match" and "green cards" in answer.data["topic"].label


@pytest.mark.parametrize(
    "question",
    [
        "hw many cases did the backlog grow by during fy2022, trac count",
        "by how much did the backlog grow during FY2022 in TRAC's numbers (like the raw increase in cases)?",
    ],
)
def test_a_change_counted_over_exactly_the_year_asked_beats_two_rounded_levels(asked, question) -> None:
    # TRAC's 478,898 over FY2022, not "about 1.5 million" to 1.9 million computed as 400,000.
    answer = asked(question)
    assert answer.statement.measure == "immigration_court_backlog_annual_increase_trac"
    assert [f.value for f in answer.statement.figures] == [478898]


def test_a_sentence_that_names_its_measure_in_full_beats_one_that_leaves_a_word_out(asked) -> None:
    answer = asked(
        'there was a whole news cycle when the backlog "topped a million" — when did it first go over'
        " 1 million cases in TRAC's count? trying to date a clip"
    )
    assert answer.statement.measure == "immigration_court_pending_cases_trac"  # not TRAC's new cases


def test_a_share_given_in_the_question_is_not_a_share_asked(asked) -> None:
    answer = asked(
        "with only 29% represented, i'm wondering how many immigration lawyers there even are in the US?"
    )
    assert not stated(answer)  # 29% had been stated as the number of lawyers


def test_a_remark_about_a_professor_is_the_story_not_a_question_of_sources(asked) -> None:
    answer = asked(
        "@bot for a class assignment we have to cite TRAC specifically (prof is weirdly strict abt sources"
        " lol). what's TRAC's most recent count of pending cases in the immigration courts? i saw a 3.7 mil"
        " figure in an older article but i think thats outdated now"
    )
    assert answer.kind == "figure" and stated(answer) != [330]  # not the source of the older 3.7 million


def test_a_story_that_adds_one_measure_to_another_asks_only_the_meaning_asked(asked) -> None:
    answer = asked(
        "can someone explain what ICE's non-detained docket actually is? my uncle added it to the court"
        " backlog and got like 11 million and i'm pretty sure that's wrong"
    )
    assert answer.kind == "definition" and answer.statement.measure == "ice_non_detained_docket"


def test_a_count_kept_only_over_a_stretch_answers_for_that_stretch(asked) -> None:
    # TRAC's 329,380 NTAs over October 2022 to January 2023: a series of totals only had read as empty.
    answer = asked(
        "How many DHS-issued NTAs showed up in the court's case-by-case records during the first four"
        " months of FY2023?"
    )
    assert stated(answer) == [52]


def test_a_calendar_year_asked_of_a_figure_kept_by_fiscal_year_takes_that_fiscal_year(asked) -> None:
    answer = asked("back in 2009 how many cases did one judge finish in a year on average?")
    assert answer.statement.measure == "immigration_judge_completions_per_judge"
    assert [f.date for f in answer.statement.figures] == ["FY2009"]


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        (
            "roughly how many immigration judges were there at the start of 2025, before all the firings",
            "immigration_judges_count",
        ),
        (
            "by what % did the number of judges shrink in the year up to feb 2026, even counting new hires?",
            "immigration_judges_change_pct",
        ),
        (
            "back in fy2012, what share of cases ended w/ a deportation order because the person didnt"
            " show up?",
            "in_absentia_rate_eoir_icc",
        ),
    ],
)
def test_an_aside_about_firings_or_hires_names_no_measure_of_its_own(
    asked, question: str, measure: str
) -> None:
    assert asked(question).statement.measure == measure  # not the firings, the hires, nor the orders' count


def test_a_counter_named_still_lets_its_own_comparable_count_stand_in_for_a_time_missing(asked) -> None:
    # ICE's 2021 filing has no November 2024 figure; ICE's docket count of final orders has.
    answer = asked(
        "of the people ICE tracks who aren't locked up, how many already had a final deportation order as"
        " of late november 2024?"
    )
    assert answer.statement.measure == "ice_non_detained_docket_final_orders"


@pytest.mark.parametrize(
    "question",
    [
        "by early april 2025, how many cases had the backlog dropped since trump's second inauguration?",
        "how much was the backlog cut since trump came back as of april 2025",
    ],
)
def test_a_change_counted_since_a_moment_answers_since_that_moment(asked, question: str) -> None:
    # The Washington Times' 115,000 was counted from 20 January 2025 to April: dated as that stretch.
    answer = asked(question)
    assert answer.statement.measure == "immigration_court_pending_cases_change_eoir" and stated(answer) == [
        236
    ]


@pytest.mark.parametrize(
    "question",
    [
        "has the backlog gone down since trump started his second term",
        "backlog since the start of trump's second term",
    ],
)
def test_his_second_term_after_a_name_is_that_name_s_second_term(reader, question: str) -> None:
    times = reader(question).times
    assert [(t.period.text, t.since) for t in times] == [("2025-01-20", True)]  # not January 2017


@pytest.mark.parametrize(
    "question",
    [
        "avg caseload per ICE officer on the non-detained docket",
        "how many cases is each ICE officer on the non-detained docket handling on avg?",
    ],
)
def test_a_figure_per_officer_asked_of_the_docket_it_divides_is_that_figure(asked, question: str) -> None:
    # The docket named in full is the whole divided, not a second thing asked.
    assert asked(question).statement.measure == "ice_non_detained_cases_per_officer"


def test_how_many_then_went_later_in_the_sentence_asks_a_count_not_a_trend(reader) -> None:
    assert reader("how many IJs are left RIGHT NOW after 47 went on a firing spree??").intent.value == "value"
    assert reader("how has the backlog went since 2019").intent.value == "trend"


@pytest.mark.parametrize(
    "question",
    [
        "how many cases got administratively closed in fy2020 separate from pending",
        "How many immigration court cases were administratively closed during FY2020, on top of the"
        " pending count?",
    ],
)
def test_separate_from_and_on_top_of_set_a_measure_aside(asked, question: str) -> None:
    # "pending" there is what the count is not: the closures, not the inactive pending stock.
    assert asked(question).statement.measure == "immigration_court_admin_closed_cases"


def test_a_year_said_again_beside_its_end_is_one_time(reader) -> None:
    times = reader("end of FY2023 backlog? (fy 2023 is the one i mean)").times
    assert [(t.period.text, t.anchor.value) for t in times] == [("FY2023", "end")]


def test_a_counter_named_in_full_is_that_counter(asked) -> None:
    # "center" had read as a detention centre, and "bipartisan" and "policy" had counted against the wait.
    answer = asked("bipartisan policy center says how many years does a case take to get thru the system?")
    assert answer.statement.measure == "immigration_court_avg_wait_years"


@pytest.mark.parametrize(
    "question",
    [
        "pendin cases end of fy2008 how many tryna see how small it was b4 everything blew up",
        "how many IJs were added between jan 2017 and end of FY2023",
    ],
)
def test_filler_and_a_word_joining_two_times_count_against_no_measure(asked, question: str) -> None:
    assert asked(question).status.value == "answered"


def test_the_first_time_after_a_moment_is_read_with_it(reader) -> None:
    times = reader("@CourtBot TRAC's count on the day trump was sworn in the 1st time?").times
    assert [t.period.text for t in times] == ["2017-01-20"]
    assert "1st" not in reader("@CourtBot TRAC's count on the day trump was sworn in the 1st time?").topic


def test_cases_waiting_are_pending_cases(asked) -> None:
    answer = asked(
        "whats the official government count of cases waiting, at the end of june 2025? the justice dept"
        " one not TRAC"
    )
    assert answer.statement.measure == "immigration_court_pending_cases"  # not completions


def test_not_knowing_what_a_word_is_then_asking_how_many_asks_a_count(asked) -> None:
    answer = asked(
        "no idea what a 'motion to recalendar' is but my neighbour's lawyer mentioned it."
        " how many were filed in fy25?"
    )
    assert answer.kind.value == "figure"
    assert answer.statement.measure == "immigration_court_motions_to_recalendar"


def test_a_stretch_checked_after_a_threshold_still_asks_when(asked) -> None:
    answer = asked("when did EOIR first have 700+ immigration judges, was that under biden")
    assert answer.kind.value == "threshold"


@pytest.mark.parametrize("question", ["ice docket first over 7m", "trac backlog first above 500k"])
def test_first_over_a_number_asks_when_without_a_question_word(asked, question: str) -> None:
    assert asked(question).kind.value == "threshold"


@pytest.mark.parametrize(
    "question",
    ["whats the backlog at the end of the 2nd quarter of fiscal 2023", "backlog end of q2 fy23"],
)
def test_the_end_of_a_quarter_is_the_level_at_its_last_day(asked, question: str) -> None:
    # TRAC's February 2023 count is inside the quarter but not at its end (EOIR's 31 March figure is).
    answer = asked(question)
    assert [f.id for f in answer.statement.figures] == [220]


def test_def_ending_a_question_asks_a_definition_but_not_inside_one(asked, reader) -> None:
    assert asked("in absentia rate def").kind.value == "definition"
    inside = reader("need GAO's start-of-yr backlog for fy2020 (their def, cases open on oct 1)")
    assert inside.intent.value == "value"


def test_a_typo_of_a_measure_word_is_read_as_that_word_by_every_reader(asked) -> None:
    # "oficer" had been put right for matching only, so "per" never read as a rate.
    answer = asked("cases per ice oficer")
    assert answer.statement.measure == "ice_non_detained_cases_per_officer"


def test_a_place_is_never_put_right_into_another_word(reader) -> None:
    assert "salvadorans" in reader("salvadorans with final order on ice docket").text


def test_since_when_someone_waited_is_the_story_s_when_no_change_is_asked(asked) -> None:
    answer = asked("my tio is waiting his court date since 2019. how many case is in the backlog?")
    assert answer.kind.value == "figure"  # the latest figure, not a change since 2019


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("how big was the backlog the same week Biden take possession of the presidency", "2021-01-20"),
        ("how many pending immigration case was there when Biden finish his mandate", "2025-01-20"),
        ("backlog when trump came first time", "2017-01-20"),
    ],
)
def test_plainer_words_for_taking_and_leaving_office_name_the_moment(reader, question: str, day: str) -> None:
    assert [t.period.text for t in reader(question).times] == [day]


def test_tks_is_thanks_not_temporary_protected_status(asked) -> None:
    answer = asked("end of fiscal year 2022 how many pending cases had the courts? tks 👍")
    assert answer.statement.measure.startswith("immigration_court_pending_cases")


def test_not_really_sets_a_topic_aside(asked) -> None:
    answer = asked("how many persons was ORDERED removed by judges in fy2024? ordered, not really deported")
    assert answer.status.value == "answered"


def test_a_count_asked_in_the_story_is_not_a_definition_asked_by_what_was_it(asked) -> None:
    answer = asked(
        "the acting ICE director told senators a number for how many ppl w/ final orders of removal r in"
        " the country... what was it?"
    )
    assert answer.statement.measure == "ice_final_orders_in_us"  # "in the country" is not "by country"


def test_where_a_figure_is_from_asks_its_source(asked) -> None:
    answer = asked("where 734 ijs figure from")
    assert answer.kind.value == "provenance"
    assert answer.statement.figures[0].value == 734


def test_a_source_asked_for_a_time_cites_the_figure_that_time_answers_with_first(asked) -> None:
    # The "nearly 100" fired by the end of 2025, not July's 15.
    assert asked("ij firings 2025 source").statement.figures[0].value == 100


def test_a_crossing_dated_late_in_a_year_is_given_not_asked(asked) -> None:
    answer = asked(
        "When the backlog crossed 3 million in late 2023, how many pending cases did each immigration judge"
        " have on average?"
    )
    assert answer.kind.value == "figure"
    assert answer.statement.measure == "pending_cases_per_immigration_judge_trac"


def test_per_fiscal_year_asks_the_series_not_a_measure_named_by_fiscal_year(asked) -> None:
    # "fiscal year" had matched "cases administratively closed in a fiscal year".
    answer = asked("EOIR completions per fiscal year, fy08 to fy24 — going up or down?")
    assert answer.kind.value == "trend"
    assert answer.statement.measure == "immigration_court_total_completions"


def test_the_words_of_taking_office_name_no_measure(asked) -> None:
    # "office" had matched the asylum office's backlog.
    answer = asked("what was the backlog when W took office in jan 2001? bet it was tiny")
    assert answer.statement.measure.startswith("immigration_court_pending_cases")


def test_the_number_for_that_month_names_no_monthly_count(asked) -> None:
    answer = asked(
        "i heard the immigration court thing passed 3 mil sometime in nov 2023??"
        " whats the number for that month"
    )
    assert answer.statement.measure.startswith("immigration_court_pending_cases")


def test_a_day_beginning_the_stretch_after_it_is_that_stretch_s_start(reader) -> None:
    times = reader("new cases received by the courts from oct 1 2024 thru q3 fy2025?").times
    assert [t.period.text for t in times] == ["2024-10-01..2025-06-30"]


@pytest.mark.parametrize(
    "question",
    [
        "how many IJs were there back in 2006 lol, before all the hiring",
        "how many immigration judges were there at the start of 2025, before the trump firings kicked off",
    ],
)
def test_before_the_hiring_or_the_firings_says_when_not_what(asked, question: str) -> None:
    assert asked(question).statement.measure == "immigration_judges_count"


def test_a_paper_named_after_a_city_is_no_place_asked(asked) -> None:
    answer = asked(
        'the "4,500 cases per judge" stat is everywhere: breitbart, NY post, etc.'
        " where did it originally come from?"
    )
    assert answer.kind.value == "provenance"
    assert answer.statement.figures[0].value == 4500


def test_imm_is_immigration(asked) -> None:
    answer = asked("yo how many ppl r waiting on imm court rn fr")
    assert answer.statement.measure.startswith("immigration_court_pending_cases")


def test_not_showing_up_is_a_failure_to_appear_not_a_topic_set_aside(asked) -> None:
    answer = asked("what percent of cases ended with the person not showing up, in the 2019 fiscal yr")
    assert answer.statement.measure == "in_absentia_rate_eoir_icc"
    assert [f.value for f in answer.statement.figures] == [46]


def test_a_word_only_a_measure_s_definition_uses_keeps_the_question_on_it(asked) -> None:
    # "examined" is in no alias, only in what the PD review's examined count is defined as.
    answer = asked("obama's 2011 pd review: how many cases had prosecutors gone thru by may 29 2012")
    assert stated(answer) == [37]


def test_a_date_in_the_year_a_count_started_is_a_date_not_its_start(asked) -> None:
    # The review started in November 2011; its only figure is of May 2012, not of the end of 2011.
    answer = asked("pd review: how many cases had been examined by the end of 2011?")
    assert 37 not in stated(answer)


def test_a_member_new_to_the_server_asks_no_count_of_new_things(asked) -> None:
    answer = asked("ngl i'm new to this — when did the number of immigration judges first go over 700?")
    assert answer.statement.intent == "threshold"
    assert answer.statement.measure == "immigration_judges_count"


@pytest.mark.parametrize(
    "question",
    [
        "how many MORE judges would they need to hire to clear out the whole pile?",
        "how many judges would it take to clear the backlog",
    ],
)
def test_judges_it_would_take_are_the_judges_needed(asked, question: str) -> None:
    assert stated(asked(question)) == [39]


def test_what_a_counter_counted_at_a_time_asks_the_figure(asked) -> None:
    answer = asked("what did TRAC count as the court backlog at the end of fiscal 2024")
    assert answer.statement.intent == "value"
    assert answer.statement.measure == "immigration_court_pending_cases_trac"


def test_a_figure_double_checked_is_not_a_change_from_somewhere(asked) -> None:
    answer = asked(
        "pls help, i need the EOIR end of fy2020 pending number for a table, my group partner already"
        " used 1.2 million from somewhere and i wanna double check"
    )
    assert answer.statement.intent == "value"
    assert stated(answer)[:1] == [215]  # EOIR's 1,504,246, not a change from FY2020 to now


@pytest.mark.parametrize(
    "question",
    [
        "in absentia = ?",
        "'inactive pending' cases - what r those",
        "what is trac's 'active backlog'?? reading a"
        " 2019 report for class and it says some 300k cases aren't counted and im lost",
    ],
)
def test_a_term_equals_what_or_quoted_asks_its_meaning(asked, question: str) -> None:
    assert asked(question).statement.intent == "definition"


def test_a_figure_equals_what_asks_the_figure(asked) -> None:
    assert asked("backlog fy24 = ?").statement.intent == "value"


@pytest.mark.parametrize(
    "question",
    [
        "ice docket divided by court backlog, what ratio is that for june 24",
        "add ice docket + court backlog together, total ppl in the system fy24?",
        "if you add ICE's 7.4m non-detained docket to the 3.7m court backlog what's the real total?",
        "ice docket plus court backlog",
    ],
)
def test_two_measures_of_different_things_are_never_made_one_figure(asked, question: str) -> None:
    answer = asked(question)
    assert answer.status.value == "no_match"
    assert answer.data["unsure"] == "unlike"
    assert answer.suggestions
    for suggestion in answer.suggestions:  # each asked alone answers
        assert asked(suggestion).status.value == "answered", suggestion


def test_two_measures_a_derivation_divides_are_not_refused_as_unlike(asked) -> None:
    answer = asked("ice non-detained docket divided by the cases per officer, june 2024")
    assert answer.status.value == "answered"


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("trac backlog 2 yrs into the biden era", "2023-01-20"),
        ("backlog 6 months into biden's presidency", "2021-07-20"),
    ],
)
def test_some_time_into_a_term_is_a_day_that_far_in(reader, question: str, day: str) -> None:
    assert [t.period.text for t in reader(question).times] == [day]


def test_a_term_start_to_finish_is_the_whole_term(reader) -> None:
    times = reader("how much did the backlog grow during trump 1.0, start to finish (trac)").times
    assert [t.period.text for t in times] == ["2017-01-20..2021-01-20"]


def test_a_threshold_is_the_number_the_asking_sentence_names(asked) -> None:
    answer = asked(
        "when did the immigration judge corps first top 700 judges? asking bc my uncle thinks"
        " they've had 700 since the 90s"
    )
    assert [f.value for f in answer.statement.figures] == [734]


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("GAO said EOIR had how big a backlog as of july 2024?", "immigration_court_pending_cases"),
        (
            "about how many cases per month were IJs completing in feb–march 2025?",
            "immigration_court_completions_monthly",
        ),
    ],
)
def test_a_close_count_with_no_figure_then_is_no_rival_of_one_with(
    asked, question: str, measure: str
) -> None:
    answer = asked(question)
    assert answer.status.value == "answered"
    assert answer.statement.measure == measure


def test_the_ones_a_count_left_out_at_a_time_are_a_figure_asked(asked) -> None:
    answer = asked("pending cases not on the active rolls aug 2019 the ones trac left out")
    assert answer.statement.intent == "value"
    assert answer.statement.measure == "immigration_court_pending_not_on_active_rolls_trac"


def test_what_a_count_left_out_is_asked_whenever(asked) -> None:
    assert asked("what did trac's 'active backlog' leave out 2018-21").statement.intent == "definition"


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("how much did the backlog drop since trump took office, as of early april 2025", "2025-01-20"),
        ("backlog when trump took office vs the end of fy2019", "2017-01-20"),
        ("backlog when bush took office vs when trump took office in 2017", "2001-01-20"),
    ],
)
def test_which_term_s_start_is_meant_goes_by_the_other_dates_named(reader, question: str, day: str) -> None:
    assert reader(question).times[0].period.text == day


def test_a_figure_asked_when_another_measure_crossed_a_number_is_of_that_month(asked) -> None:
    answer = asked(
        "when the backlog crossed 3 million, how many pending cases did each judge have on average?"
    )
    assert answer.statement.measure == "pending_cases_per_immigration_judge_trac"
    assert [f.period.text for f in answer.statement.figures] == ["2023-11"]


def test_the_date_of_a_piece_is_when_it_came_out_not_the_time_asked(reader) -> None:
    reading = reader(
        "Hello! In a CQ-Roll Call piece from 2025, Andrew Arthur compared cases decided in absentia in"
        " calendar 2019 with the first nine months of 2025. How many times more were there in 2025?"
    )
    assert "2025" not in [t.period.text for t in reading.times]


def test_added_to_a_measure_is_its_change_not_two_things_set_side_by_side(asked) -> None:
    answer = asked(
        "how many ppl got added to ice's non-detained docket fy24 ytd, like oct 1 thru mid june 2024"
    )
    assert answer.kind.value != "no_fact_for_time"
    assert answer.suggestions
    assert all("ICE" in s for s in answer.suggestions)


def test_a_president_named_as_who_changed_a_figure_is_no_time_left_unclear(reader) -> None:
    reading = reader("breitbart said biden 'nearly tripled' it - what multiple exactly")
    assert reading.unclear == []


def test_a_count_per_year_since_a_year_asks_the_series(asked) -> None:
    answer = asked(
        "new cases per year coming into the courts (eoir) since 2008 — is it just going up forever or what?"
    )
    assert answer.statement.intent == "trend"


def test_a_comparison_to_make_later_is_no_comparison_asked(asked) -> None:
    answer = asked(
        "how many cases did homeland security send over to the immigration courts in the 2016 government"
        " year? want to compare with now later"
    )
    assert answer.statement.intent == "value"


# Which measure a question is about, where the story or the wording around it once chose another.
@pytest.mark.parametrize(
    ("question", "measure"),
    [
        pytest.param(
            "in the wetherell parole group how many still didnt have NTAs",
            "parole_test_group_without_nta",
            id="still_in_a_question_of_the_parole_group_names_no_other_share",
        ),
        pytest.param(
            "how many judge jobs were sitting empty at the immigration courts around january 2010?",
            "immigration_judge_vacancies",
            id="judge_jobs_sitting_empty_are_vacancies",
        ),
        pytest.param(
            "DOJ hire new judges in october 2025 after all the firings, how many in that class?",
            "immigration_judges_hired",
            id="after_the_firings_says_when_the_hiring_asked_was",
        ),
        pytest.param(
            "my mentor is a retired IJ from the 2016 era and says she had 'a million' cases on her docket"
            " lol. what was trac's per-judge backlog in june 2016",
            "pending_cases_per_immigration_judge_trac",
            id="an_asking_sentence_naming_more_than_the_story_s_measure_is_what_is_asked",
        ),
        pytest.param(
            "trac said how many cases got closed out in fy23",
            "immigration_court_completions_trac",
            id="whose_count_is_said_even_where_no_alias_names_it",
        ),
        pytest.param(
            "reading the fox article my dad sent (he sends me like 4 a day). how many cases is each ICE"
            " officer supposedly juggling on average in that piece",
            "ice_non_detained_cases_per_officer",
            id="words_of_a_figure_per_head_explain_a_measure_kept_per_head",
        ),
        pytest.param(
            "how many cases were waiting in immigration court in december 2021? thats when my asylum case"
            " got filed in newark",
            "immigration_court_pending_cases_trac",
            id="a_word_only_the_story_says_does_not_choose_what_the_question_asks",
        ),
        pytest.param(
            "Wetherell parole test group: % still in the US per the ICE reports?",
            "parole_test_group_still_in_us_pct",
            id="a_sentence_asking_a_share_is_no_story",
        ),
        pytest.param(
            "breitbart says 3.5 MILLION cases pending by end of march 2024. real or made up?",
            "immigration_court_pending_cases_trac",
            id="made_up_is_no_question_of_pay",
        ),
        pytest.param(
            "how many cases were backlogged the day biden took office? no ice docket numbers pls",
            "immigration_court_pending_cases_trac",
            id="no_ice_docket_numbers_sets_the_docket_aside",
        ),
        pytest.param(
            "how many new cases hit court fy2024 per track",
            "immigration_court_new_cases_trac",
            id="a_phones_autocorrect_of_trac_is_trac",
        ),
        pytest.param(
            "when did ice pocket pass 7 mil", "ice_non_detained_docket", id="a_phones_autocorrect_of_docket"
        ),
        pytest.param(
            "eoir spending cases fy2019",
            "immigration_court_pending_cases",
            id="a_phones_autocorrect_of_pending",
        ),
        pytest.param(
            "that florida parole test group how many % still in us",
            "parole_test_group_still_in_us_pct",
            id="how_many_percent_asks_a_share",
        ),
        pytest.param(
            "of that parole test group, how many were confirmed deported, left, or died?",
            "parole_test_group_departed",
            id="deported_said_of_a_group_counted_is_that_count_not_the_neighbouring_topic",
        ),
        pytest.param(
            "my lawyer says the courts r drowning lol, how many cases r waiting rn",
            "immigration_court_pending_cases_trac",
            id="cases_that_are_waiting_are_pending_not_a_wait_in_days",
        ),
        pytest.param(
            "non-det docket at the end of fy22", "ice_non_detained_docket", id="non_det_is_non_detained"
        ),
        pytest.param(
            "what share of people in the backlog have a layer",
            "immigration_court_backlog_representation_rate_trac",
            id="a_layer_is_a_lawyer",
        ),
    ],
)
def test_the_measure_stated_is_the_one_asked_about(asked, question: str, measure: str) -> None:
    assert asked(question).statement.measure == measure


def test_a_story_s_quoting_names_no_measure(asked) -> None:
    answer = asked("where does the 4,000,000 backlog number come from? my uncle keeps quoting it")
    assert answer.statement.measure != "ice_non_detained_docket"


def test_two_counts_over_one_stretch_are_set_side_by_side(asked) -> None:
    answer = asked("oct 2024 to june 2025 new cases vs cases completed eoir, finally more completed no?")
    assert sorted(stated(answer)) == [168, 369]  # 448,019 received, 588,128 completed over the stretch


def test_one_count_at_two_years_is_compared_over_time_not_side_by_side(asked) -> None:
    answer = asked("gao completions fy2006 vs fy2015 how much did they drop")
    assert answer.statement.intent == "compare"
    assert measures(answer) == {"immigration_court_completions_gao"}


def test_the_biggest_state_is_never_answered_with_the_nation(asked) -> None:
    answer = asked("biggest state backlog as of nov 2017 per trac")
    assert answer.status.value == "no_match" and not stated(answer)


def test_who_made_a_claim_asks_its_source(asked) -> None:
    answer = asked("who made the 'nearly tripled under biden' claim abt the backlog?")
    assert answer.statement.intent == "source" and stated(answer) == [11]


def test_the_end_of_the_fiscal_year_beside_a_date_names_no_measure(asked) -> None:
    answer = asked(
        "what was the backlog at the end of sept 2024, so end of the fiscal yr? tryna compare sources"
    )
    assert answer.statement.measure in {
        "immigration_court_pending_cases",
        "immigration_court_pending_cases_trac",
    }


def test_a_threshold_the_first_figure_already_passes_has_no_date(asked) -> None:
    answer = asked("trac new cases first time over 500k when was")
    assert answer.status.value == "no_match" and not stated(answer)
    assert "earliest figure I have" in asked.engine_renderer.render(answer)


def test_a_count_reported_answers_before_a_projection_of_it(asked) -> None:
    answer = asked("how much persons are in the ICE non detained docket on september 2024")
    assert stated(answer) == [66]  # NBC's "more than 7.5 million", not Fox's projected 8 million


def test_a_share_set_aside_is_not_asked(asked) -> None:
    answer = asked("total border patrol apprehensions in fy2024 number pls (not the %)")
    assert not stated(answer)  # no count of apprehensions; never the 10% fall


@pytest.mark.parametrize(
    "question",
    [
        "gao's 'backlog' is defined differently?? how",
        "what is the non detained docket of ice, is same as the court backlog?",
        "affirmative asylum backlog — is the court one or uscis one? what is difference with defensive",
        # whether two counts are the same asks what they count, not their figures
        "eoir vs trac backlog, same thing?",
        "ice docket the same as the court backlog??",
        "ice docket = court backlog? what is it exactly",
        "trac vs gao backlog why so different",
        "affirmative vs defensive asylum diff",
        "affirmative vs defensive asylum backlog, which is which",
        "what is the ICC in absentia rate measuring",
    ],
)
def test_a_meaning_asked_in_few_words_is_a_definition(asked, question: str) -> None:
    answer = asked(question)
    assert answer.statement.intent == "definition" and not stated(answer)


def test_a_guess_at_the_first_of_a_ranking_is_not_the_place_asked(asked) -> None:
    answer = asked("which country has the most on ice's non detained docket, guatemala?")
    assert answer.statement.intent == "rank" and stated(answer)[0] == 67  # Honduras, 878,653


def test_whose_count_alone_in_the_asking_sentence_is_their_backlog(asked) -> None:
    answer = asked("trac count end of fy2024?? not eoir, TRAC. my cousin swears its 5 mil")
    assert answer.statement.measure == "immigration_court_pending_cases_trac" and stated(answer)


def test_a_term_several_measures_share_gets_each_meaning(asked) -> None:
    answer = asked("wtf does 'in absentia' mean, ppl keep yelling it like a slur")
    assert answer.statement.intent == "definition"
    meanings = [entry["measure"].id for entry in answer.data["definitions"]]
    assert "in_absentia_removal_orders" in meanings and len(meanings) >= 2


def test_means_what_asks_a_meaning(asked) -> None:
    assert asked("gotaways means wat").statement.intent == "definition"


@pytest.mark.parametrize(
    "question",
    [
        pytest.param("average days cases waiting (trac) over the time, 1999 to now", id="over_the_time"),
        pytest.param("inactive pending cases eoir fy2008 until fy2017, how it move", id="how_it_move"),
        pytest.param("completions per year from eoir table, all years you have", id="all_years"),
        pytest.param("eoir completions per year fy08-fy24", id="a_yearly_figure_over_several_years"),
        pytest.param("new cases per yr eoir since 2008", id="a_yearly_figure_since_a_year"),
    ],
)
def test_ways_of_asking_a_series_ask_one(asked, question: str) -> None:
    assert asked(question).statement.intent == "trend"


def test_the_total_not_per_year_asks_the_total(reader) -> None:
    reading = reader("in absentia orders fy2011 to fy2020 added up, all ten years, not per year")
    assert reading.intent.value != "trend"


def test_aps_are_applications_not_green_cards(asked) -> None:
    answer = asked("asylum aps pending in court end fy24")
    assert answer.statement.measure in {
        "immigration_court_pending_asylum_applications",
        "immigration_court_pending_asylum_applications_trac",
    }


def test_two_counters_named_alone_set_their_backlogs_side_by_side(asked) -> None:
    answer = asked("trac vs eoir count at the end of fy2013")
    assert measures(answer) == {
        "immigration_court_pending_cases",
        "immigration_court_pending_cases_trac",
    }


def test_two_counters_beside_a_measure_named_are_that_measures(asked) -> None:
    answer = asked("completions fy24: trac number vs eoir number, which is higher")
    assert not measures(answer) & {
        "immigration_court_pending_cases",
        "immigration_court_pending_cases_trac",
    }


def test_cases_knocked_off_the_backlog_are_its_change(asked) -> None:
    answer = asked(
        "how many cases did trump 2.0 knock off the backlog by early april 2025? saw a washington times piece"
    )
    assert stated(answer) == [236]  # cut by 115,000 since 20 January 2025


def test_a_change_over_the_last_year_answers_for_the_year_before_its_date(asked) -> None:
    answer = asked("NPR Feb 2026: by what % did the IJ corps shrink over the prior year, net of new hires?")
    assert stated(answer) == [383]  # about a quarter fewer judges


def test_what_it_dropped_to_is_the_level_reached(asked) -> None:
    answer = asked(
        "what did monthly new case filings at EOIR drop to in feb/march 2025, the first full months of"
        " trump 2.0?"
    )
    assert answer.statement.intent == "value" and stated(answer) == [177]  # fewer than 30,000 a month


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        (
            "what is a 'final order of removal' exactly, does it mean they got deported?",
            "ice_final_orders_in_us",
        ),
        (
            "what counts as pending in eoir's count? removal only or asylum-only too",
            "immigration_court_pending_cases",
        ),
    ],
)
def test_a_meaning_asked_beside_a_neighbouring_topic_is_the_measures(
    asked, question: str, measure: str
) -> None:
    answer = asked(question)
    assert answer.statement.intent == "definition"
    assert measure in [entry["measure"].id for entry in answer.data["definitions"]]


def test_an_opinion_asked_beside_a_meaning_stays_an_opinion(asked) -> None:
    answer = asked("the judges trump fired, is that the same as a purge or not, yes or no")
    assert answer.status.value == "no_match"


def test_whose_count_alone_in_one_asking_sentence_is_their_backlog(asked) -> None:
    answer = asked(
        "trac count for end of may 2018? i volunteer as an interpreter and remember a record around the"
        " family separation headlines. thanks in advance"
    )
    assert stated(answer) == [293]  # 714,067


def test_who_says_a_bare_number_of_the_backlogs_size_cites_the_backlog_count(asked) -> None:
    answer = asked("who says 3.7m end fy24")
    assert answer.statement.intent == "source"
    assert measures(answer) == {"immigration_court_pending_cases_trac"}


def test_a_threshold_of_the_backlogs_size_naming_nothing_offers_the_backlog_counts(asked) -> None:
    answer = asked("when did it first top 2m")
    assert answer.status.value == "suggestions" and not stated(answer)
    assert answer.suggestions and all(
        asked(s).status.value == "answered" and "2000000" in s for s in answer.suggestions
    )


def test_is_it_going_down_over_a_term_compares_its_ends(asked) -> None:
    answer = asked("is the backlog going down under trump 2.0")
    assert answer.statement.intent == "compare" and len(stated(answer)) == 2


def test_eoirs_table_named_by_its_title_names_no_measure(asked) -> None:
    answer = asked(
        "eoir pending at end of fy2019, july 2025 version of the Pending Cases / New Cases / Total"
        " Completions table"
    )
    assert answer.statement.measure == "immigration_court_pending_cases" and stated(answer)


def test_a_series_since_a_year_beside_the_word_table_is_no_version(reader) -> None:
    reading = reader("eoir pending year by year since fy2008, table pls")
    assert reading.intent.value == "trend" and not reading.versions


def test_which_document_asks_the_source(asked) -> None:
    answer = asked("2.46 million end fy23 — which document say that?")
    assert answer.statement.intent == "source" and stated(answer)


def test_the_same_date_points_back_at_the_date_named(asked) -> None:
    answer = asked("and trac's figure for the same date (sept 30 2024)? dont give me the eoir one again")
    assert answer.statement.measure == "immigration_court_pending_cases_trac" and stated(answer)


def test_two_countries_on_the_ice_docket_are_its_breakdown_not_the_courts_count_of_them(asked) -> None:
    answer = asked("venezuela or cuba, who have more ppl in ice non detained docket fy23?")
    assert measures(answer) == {"ice_non_detained_docket_by_country"}
    assert sorted(stated(answer)) == [459, 460]  # Venezuela 465,476, Cuba 442,624


# -- Eleventh session ------------------------------------------------------------------------------


def test_spanish_words_in_an_english_question_are_read(asked) -> None:
    answer = asked("cuantos jueces de inmigracion hay ahorita")
    assert answer.statement.measure == "immigration_judges_count" and stated(answer) == [414]


def test_la_corte_is_the_court_not_los_angeles(reader) -> None:
    assert reader("cuantos casos hay en la corte ahorita").places == ()


def test_a_small_count_in_the_story_does_not_make_a_question_about_a_difference_dated(asked) -> None:
    answer = asked(
        "my class keeps mixing up two numbers. how is ice's non-detained docket different from"
        " the court backlog?"
    )
    assert answer.statement.intent == "definition" and not stated(answer)


def test_a_yearly_count_named_over_a_stretch_of_years_gives_its_yearly_figures(asked) -> None:
    answer = asked("eoir completions fy2015 thru fy2020")
    assert answer.statement.intent == "trend"
    assert [f.date for f in answer.statement.figures] == [f"FY{y}" for y in range(2015, 2021)]


def test_a_sum_over_a_stretch_of_years_is_not_answered_with_its_yearly_figures(asked) -> None:
    answer = asked("eoir completions fy2015 thru fy2020 combined")
    assert answer.status.value != "answered"


def test_the_word_new_keeps_the_cases_in_court_from_being_new_cases(asked) -> None:
    answer = asked("how many cases in court rn")
    assert answer.status.value != "answered" or answer.statement.measure != "immigration_court_new_cases"


def test_a_typo_put_right_completes_a_phrase(asked) -> None:
    answer = asked("how many ppl on the ice non detaind list")
    assert answer.statement.measure == "ice_non_detained_docket" and stated(answer)


def test_the_first_fiscal_year_over_a_level_asks_when(asked) -> None:
    answer = asked("first fy eoir took in over 1.5 million new cases")
    assert answer.statement.intent == "threshold" and stated(answer) == [167]


def test_whether_a_policy_was_good_is_an_opinion(asked) -> None:
    answer = asked("was bringing admin closure back good policy")
    assert answer.kind.value == "off_topic" and not stated(answer)


def test_counters_named_alone_beside_a_question_after_the_time_are_their_backlogs(asked) -> None:
    answer = asked("trac vs eoir end of fy24, why are they different numbers lol")
    assert measures(answer) == {
        "immigration_court_pending_cases",
        "immigration_court_pending_cases_trac",
    }


def test_short_names_of_countries_are_read_as_them(asked) -> None:
    answer = asked("guate or el sal, more final orders on the ice docket nov 2024?")
    assert stated(answer) == [70, 71]  # Guatemala 253,413, El Salvador 203,822


def test_whether_a_relative_should_get_a_lawyer_is_advice(asked) -> None:
    answer = asked("should my brother get a lawyer before his hearing")
    assert answer.kind.value == "off_topic" and not stated(answer)


@pytest.mark.parametrize(
    "question", ["trac completions each fy from 2018 onward", "eoir completions since fy2019"]
)
def test_a_yearly_count_since_a_year_gives_its_yearly_figures(asked, question: str) -> None:
    answer = asked(question)
    assert answer.statement.intent == "trend" and len(stated(answer)) >= 5


def test_growth_of_a_yearly_count_since_a_year_is_still_a_change(asked) -> None:
    answer = asked("how much did eoir completions grow since fy2019")
    assert answer.statement.intent == "compare" and stated(answer) == [362, 368]


def test_a_sentence_that_only_points_back_asks_the_one_before(asked) -> None:
    answer = asked("trac said 682 judges and eoir said 734 around late 2023?? which is it")
    assert sorted(stated(answer)) == [410, 416]  # EOIR's 734 and TRAC's 682, side by side


@pytest.mark.parametrize(
    "question",
    [
        "end of fy2013, #1 state by pending cases?",
        "biggest single immigration court by pending cases in sept 2019?",
        "which immigration court had the most pending cases in september 2019",
        "state w most pending cases at the end of fy2013",
    ],
)
def test_the_first_of_a_ranking_the_data_has_no_breakdown_for_is_never_the_nation_s_figure(
    asked, question: str
) -> None:
    answer = asked(question)
    assert answer.status.value != "answered" and not stated(answer)


def test_more_finished_than_they_got_sets_completions_beside_new_cases(asked) -> None:
    answer = asked("did the courts finish more cases than they got in fy2024")
    assert sorted(stated(answer)) == [167, 368]  # 1,783,915 received, 704,514 completed


def test_whose_count_beside_words_no_name_holds_is_their_backlog(asked) -> None:
    answer = asked("exact trac count at the end of fiscal 2024 pls, not rounded")
    assert answer.statement.measure == "immigration_court_pending_cases_trac" and stated(answer) == [329]


def test_who_said_a_round_number_cites_the_figures_nearest_it(asked) -> None:
    answer = asked("who said the backlog hit 4 million")
    assert answer.statement.intent == "source" and stated(answer)[0] == 230  # about 4 million, not 3.7


def test_a_presidents_start_vs_end_is_the_end_of_his_term_not_today(asked) -> None:
    answer = asked("biden start vs end, how much did trac's count grow")
    assert all(f.date <= "2025-01-20" for f in answer.statement.figures)


def test_a_time_to_be_before_or_after_is_no_date_given_for_a_crossing(asked) -> None:
    answer = asked("did the backlog pass 3 mil before or after biden left? when exactly")
    assert answer.statement.intent == "threshold" and stated(answer)[0] == 3  # TRAC, November 2023


def test_spanish_for_fired_is_read(asked) -> None:
    answer = asked("cuantos jueces despidieron en 2025?")
    assert answer.statement.measure == "immigration_judges_fired_2025" and stated(answer) == [419]


def test_two_counters_claims_quoted_against_each_other_are_set_side_by_side(asked) -> None:
    answer = asked("EOIR says DHS sent ~1.2m cases in fy23 but TRAC says 1.4m new cases?? which is it")
    assert answer.statement.intent == "compare" and sorted(stated(answer)) == [50, 181]


def test_a_rounded_figure_at_the_level_itself_reaches_it(asked) -> None:
    # TRAC: "during November 2022, the backlog was 2 million"; "nearly 2 million" in August is below.
    answer = asked("first time trac backlog hit 2m?")
    assert answer.statement.intent == "threshold" and answer.statement.figures[0].date == "2022-11"


def test_the_fewest_of_a_breakdown_ranks_it_from_its_small_end(asked) -> None:
    answer = asked("of the countries listed for the ice docket in fy23, which one has the fewest")
    text = asked.engine_renderer.render(answer)
    assert stated(answer)[0] == 460 and "smallest first" in text  # Cuba, 442,624


def test_which_one_is_the_smallest_of_a_breakdown_is_a_ranking_not_a_meaning(asked) -> None:
    answer = asked("of the countries listed on ice's non detained docket, which one is the smallest")
    assert answer.statement.intent == "rank" and stated(answer)[0] == 460


def test_a_yearly_count_per_year_from_a_year_to_now_is_its_series(asked) -> None:
    answer = asked("eoir completions per year fy2008 to now")
    assert answer.statement.intent == "trend" and len(answer.statement.figures) > 5


def test_next_year_is_a_time_ahead_with_no_figure(asked) -> None:
    answer = asked("is the backlog gonna drop under 3 million next year?")
    assert answer.status.value != "answered" and not stated(answer)


def test_a_time_ahead_in_the_story_beside_a_date_asked_is_the_story_s(asked) -> None:
    answer = asked(
        "visiting the immigration court in san antonio next month for a class field trip 🚌 "
        "how many immigration courts were there nationwide as of march 2021?"
    )
    assert answer.statement.measure == "immigration_courts_count"
    assert all(f.date.startswith("2021") for f in answer.statement.figures)


def test_what_someone_was_up_against_sets_nothing_against_the_figure(asked) -> None:
    answer = asked(
        "aug 2019 court backlog? my dad got detained that month 😔 want to know what he was up against"
    )
    assert answer.statement.intent == "value" and stated(answer)[0] == 302  # 1,007,155, August 2019


def test_two_things_set_side_by_side_after_words_that_name_nothing(asked) -> None:
    answer = asked(
        "feb 2021 ice filing: ppl w/ final orders out in communities vs ppl still fighting in court"
    )
    assert measures(answer) == {
        "ice_final_orders_non_detained",
        "ice_docket_pending_proceedings",
    }


def test_one_side_named_against_another_no_name_holds_is_not_answered_alone(asked) -> None:
    answer = asked("feb 2021 ice final orders free vs still in court")
    assert answer.status.value != "answered" and not stated(answer)
    for suggestion in answer.suggestions:
        assert asked(suggestion).status.value == "answered", suggestion


def test_one_counters_number_and_anothers_asks_both(asked) -> None:
    answer = asked("asylum apps pending in court end of fy24, eoir's number and trac's number pls")
    assert measures(answer) == {
        "immigration_court_pending_asylum_applications",
        "immigration_court_pending_asylum_applications_trac",
    }


def test_claims_quoted_in_the_story_are_what_both_figures_asks_for(asked) -> None:
    answer = asked("trac says 1.4m new cases in fy23 but eoir says ~1.2m dhs referrals?? both figures")
    assert sorted(stated(answer)) == [50, 181]


def test_a_counter_named_once_says_whose_count_both_sides_are(asked) -> None:
    answer = asked("trac fy2024: new cases received vs cases completed")
    assert measures(answer) == {
        "immigration_court_new_cases_trac",
        "immigration_court_completions_trac",
    }


def test_why_a_year_has_several_numbers_asks_the_meaning_of_the_revised_table(asked) -> None:
    answer = asked("why does fy2019 have like 3 different eoir numbers, which one's 'real'")
    text = asked.engine_renderer.render(answer)
    assert answer.statement.intent == "definition" and "1,331,286" in text and not stated(answer)


def test_a_quoted_term_set_against_another_asks_how_they_differ(asked) -> None:
    answer = asked("what's 'inactive pending' vs regular pending?")
    assert answer.statement.intent == "definition" and not stated(answer)


def test_whether_one_thing_is_counted_in_another_asks_their_meanings(asked) -> None:
    answer = asked("are 'gotaways' counted in ice's docket?")
    assert answer.statement.intent == "definition" and not stated(answer)


@pytest.mark.parametrize(
    ("question", "month"),
    [
        ("backlog at end of fy2022 plz, mi primo got his first master hearing that year", "2022-09"),
        (
            "how many cases were pending end of december 2021 per trac, thats when mi hermana got her NTA",
            "2021-12",
        ),
    ],
)
def test_a_story_after_a_comma_is_a_sentence_of_its_own(asked, question: str, month: str) -> None:
    answer = asked(question)
    assert answer.statement.intent == "value"
    assert answer.statement.figures and answer.statement.figures[0].date.startswith(month)


def test_whose_counts_set_against_each_other_in_a_sentence_of_their_own_are_of_the_thing_named(
    asked,
) -> None:
    answer = asked("pending asylum apps end of fy24: eoir/crs number vs trac number")
    assert measures(answer) == {
        "immigration_court_pending_asylum_applications",
        "immigration_court_pending_asylum_applications_trac",
    }


def test_a_fact_check_is_no_check_in(asked) -> None:
    answer = asked(
        "fact check pls: thread claims trac counted like 542k pending cases "
        "when trump took office in jan 2017"
    )
    assert stated(answer) == [284]  # TRAC's 542,411, not the parolees' check-in days


def test_a_projection_among_the_nearest_figures_keeps_its_label(asked) -> None:
    answer = asked("is the ice docket gonna hit 10 million next year")
    text = asked.engine_renderer.render(answer)
    assert answer.status.value != "answered" and "projection, not a count: 8,000,000" in text


@pytest.mark.parametrize(
    "question",
    [
        "what share of trac's end-fy24 backlog is asylum apps? need the %",
        "of all the cases pending at the end of fy2024, what share were asylum applications? (TRAC numbers)",
    ],
)
def test_a_share_of_the_backlog_is_computed_from_both_figures_and_cites_them(asked, question: str) -> None:
    answer = asked(question)
    text = asked.engine_renderer.render(answer)
    assert answer.kind.value == "derived" and stated(answer) == [184, 329]
    # 1,594,394 / 3,716,106, labelled as computed, with both inputs beside it.
    assert "42.9%" in text and "derived, not reported by any source" in text
    assert "1,594,394" in text and "3,716,106" in text


def test_a_share_of_another_counters_backlog_is_not_answered_from_tracs(asked) -> None:
    answer = asked("what share of eoir's backlog at end of fy24 were asylum applications (crs numbers)")
    assert answer.kind.value != "derived"
    assert 329 not in stated(answer)


def test_a_date_said_to_be_before_a_moment_is_one_time_not_two(asked) -> None:
    answer = asked("what was the non detained docket at in fy2020 fr, need a baseline b4 biden")
    assert answer.statement.intent == "value" and stated(answer) == [59]
    # Set against each other, they are still two times.
    compared = asked("ice docket fy2020 vs right before biden took office")
    assert stated(compared) == [59, 21]


@pytest.mark.parametrize(
    "question",
    [
        "post claims mexico is #2 on ice's docket. which country was actually second in fy23",
        "whos #2 on the ice non detained docket by country",
    ],
)
def test_a_place_in_a_ranking_states_that_places_figure(asked, question: str) -> None:
    answer = asked(question)
    text = asked.engine_renderer.render(answer)
    # Guatemala's 877,020 is second to Honduras's 878,653: the second is stated, not the first.
    assert answer.kind.value == "rank" and stated(answer)[0] == 456
    assert "Second largest: Guatemala" in text


def test_a_place_past_the_end_of_a_ranking_states_no_figure(asked) -> None:
    answer = asked("which country is number 9 on the ice docket with final orders nov 2024")
    text = asked.engine_renderer.render(answer)
    assert answer.status.value != "answered" and "none of them is number 9" in text


def test_the_number_3_million_is_a_figure_not_a_place_in_a_ranking(reader) -> None:
    assert reader("is the number 3 million right for the backlog").numbers == [3_000_000]


def test_what_someone_heard_after_a_comma_is_the_story_not_the_question(asked) -> None:
    answer = asked("new cases in january 2024 per trac, heard it dropped a TON")
    assert answer.statement.intent == "value" and stated(answer) == [179]  # TRAC's January 2024 month


def test_two_things_set_against_each_other_are_not_one_name_joined_by_and(asked) -> None:
    # "asylum backlog courts and uscis" is a name of the combined count; "vs" sets two apart.
    answer = asked("dec 2022: court asylum backlog vs uscis affirmative asylum backlog, both #s")
    assert measures(answer) == {
        "immigration_court_pending_asylum_cases_trac",
        "uscis_affirmative_asylum_backlog",
    }
    combined = asked("asylum backlog courts plus uscis together early 2023 how many")
    assert measures(combined) == {"asylum_backlog_total_courts_plus_uscis_trac"}


def test_sources_set_against_each_other_at_one_time_ask_that_times_figures(asked) -> None:
    answer = asked(
        "eoir pending end of fy2023 - strategic plan vs crs vs the july 2025 table, what numbers exist"
    )
    # Not FY2023 against the newest figure: the figures of FY2023.
    assert answer.statement.intent == "value"
    assert all(f.date.startswith("2023") for f in answer.statement.figures)


def test_one_counters_number_next_to_anothers_sets_them_side_by_side(asked) -> None:
    answer = asked("end fy2013 pending - eoir's number next to trac's")
    assert stated(answer) == [198, 272]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "new cases fy23: eoir's number vs trac's, why r they different",
            {"immigration_court_initial_receipts", "immigration_court_new_cases_trac"},
        ),
        (
            "new cases fy23: trac count vs eoirs dhs referrals. why r they diff",
            {"immigration_court_new_cases_trac", "dhs_case_referrals_to_eoir"},
        ),
    ],
)
def test_whose_count_on_one_side_takes_what_is_counted_from_the_question(
    asked, question: str, expected: set[str]
) -> None:
    answer = asked(question)
    assert measures(answer) == expected


def test_a_publishers_multiple_checked_between_two_times_is_computed_from_the_levels(asked) -> None:
    answer = asked(
        "breitbart says biden 'nearly tripled' the backlog. actual ratio jan 2021 vs end of march 2024?"
    )
    # TRAC's 1,290,766 (January 2021) against 3,524,051 (March 2024), not the words "nearly tripled".
    assert stated(answer) == [307, 2] and answer.statement.comparison is not None
    # "It": the multiple says what it multiplies.
    unnamed = asked("breitbart said biden tripled it. jan 2021 vs march 2024 ratio pls")
    assert stated(unnamed) == [307, 2]
    # Asked without times, no two levels are set against each other.
    claim = asked(
        "> Biden has nearly tripled the backlog\nis that the actual multiple breitbart used? what was it"
    )
    assert claim.kind.value != "comparison"


@pytest.mark.parametrize(
    "question",
    [
        "new cases fy23: trac says 1.4m, eoir says?",
        "fy23 new cases: trac says one thing eoir says another, give me both",
    ],
)
def test_claims_set_against_each_other_say_whose_counts_of_the_thing_asked(asked, question: str) -> None:
    answer = asked(question)
    assert measures(answer) == {
        "immigration_court_new_cases_trac",
        "immigration_court_initial_receipts",
    }


@pytest.mark.parametrize(
    "purpose",
    [
        ", need a number for a CLE slide in 20 min",
        " (for a class project lol)",
        "? for my thesis chapter",
        ", need it for a grant report",
        ". its for the volunteer training",
        ", trying to fact check a reel",
        " so i can make a lil bar chart",
    ],
)
@pytest.mark.parametrize(
    "question",
    [
        "whats the backlog rn",
        "how many immigration judges at the end of fy2023",
        "ice non detained docket end of fy2023",
        "pending asylum apps end fy24: eoir vs trac",
    ],
)
def test_what_a_figure_is_for_changes_nothing_about_the_answer(asked, question: str, purpose: str) -> None:
    plain = asked(question)
    assert plain.status.value == "answered" and stated(plain)
    # "class" is not the investiture class, "grant" not a grant rate, a "thesis chapter" no intent.
    assert stated(asked(question + purpose)) == stated(plain)


@pytest.mark.parametrize(
    "guess", [", i swear it was like 2019", ", i think it was 2019", ", pretty sure 2019"]
)
def test_a_guessed_year_after_a_threshold_question_still_asks_when(asked, guess: str) -> None:
    # The year guessed is the member's, not a date the figure is asked for.
    answer = asked("when did trac's backlog first cross 1 million" + guess)
    assert answer.statement.intent == "threshold"
    assert stated(answer) == stated(asked("when did trac's backlog first cross 1 million"))


def test_a_reason_after_a_word_read_at_an_end_still_asks_the_meaning(asked) -> None:
    assert asked("gao backlog def so i can make a lil bar chart").statement.intent == "definition"


def test_who_counts_in_a_purpose_still_says_whose_figure(asked) -> None:
    answer = asked("how many cases in the backlog at the start of fy2015 for the gao report")
    assert measures(answer) == {"immigration_court_backlog_gao"}


def test_real_talk_opens_a_question_and_tells_no_story(asked) -> None:
    answer = asked("ok real talk, chart of trac's backlog count since 1998? want the full curve")
    assert answer.statement.intent == "trend"
    assert measures(answer) == {"immigration_court_pending_cases_trac"}


@pytest.mark.parametrize("thanks", [" thx!!", " ty", " thanks"])
def test_thanks_after_a_question_closes_it(asked, thanks: str) -> None:
    # "initial receipts what is thx": still a question of what the term means, not its count.
    assert asked("initial receipts what is" + thanks).statement.intent == "definition"
    assert asked("gao backlog def" + thanks).statement.intent == "definition"


@pytest.mark.parametrize(
    "question",
    ["how much did trac's backlog go up during fy22 fr", "how much did trac's backlog grow during fy22"],
)
def test_going_up_over_one_year_is_that_years_reported_change(asked, question: str) -> None:
    # "go up" is "grow": TRAC's 478,898 over FY2022, not the FY2022 level against today's.
    answer = asked(question)
    assert [f.value for f in answer.statement.figures] == [478898]


def test_going_down_since_a_moment_is_the_reported_fall(asked) -> None:
    answer = asked("since trump came back how much backlog went down thru june 2025")
    assert [f.value for f in answer.statement.figures] == [-87000]


def test_the_rules_read_a_phrase_as_the_question_is_read(asked) -> None:
    # The phrases table makes "going up or down" "growing or shrinking" in the question; the rule
    # written "going up or down" still meets it, so the series is asked.
    answer = asked("new immigration court cases per year from fy08 thru fy24 - going up or down?")
    assert answer.statement.intent == "trend"


def test_two_times_within_a_term_named_are_the_ones_compared(asked) -> None:
    # "biden's first 2 yrs" sets the scene; January 2021 and January 2023 are asked.
    answer = asked("biden's first 2 yrs: how much did the backlog go up from jan 2021 to jan 2023, in %")
    first, last = answer.statement.figures
    assert (first.date[:7], last.date[:7]) == ("2021-01", "2023-01")


def test_a_place_in_a_ranking_with_guesses_is_that_place_of_the_whole_ranking(asked) -> None:
    answer = asked("whats the 2nd biggest country on ice's non detained docket? guatemala or mexico")
    assert answer.statement.figures[0].place == "Guatemala"


def test_one_counters_claim_and_anothers_number_asked_are_set_side_by_side(asked) -> None:
    answer = asked("new cases in fy2023, trac says 1.4m but whats eoir's number? show both")
    assert measures(answer) == {"immigration_court_new_cases_trac", "immigration_court_initial_receipts"}


def test_what_someone_named_wants_after_a_comma_is_a_story(asked) -> None:
    question = "eoir new cases fy2021 vs fy2023, whats the ratio"
    story = ", priya wants a big multiplier for the hook lol"
    assert stated(asked(question + story)) == stated(asked(question))


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        (
            "for the solutions part: crs projection of how many more judges theyd need to clear the backlog?",
            "additional_judges_needed_to_clear_backlog",
        ),
        ("ok random but how big was the backlog back in 1998 lol for the history part", None),
    ],
)
def test_the_part_of_an_assignment_a_figure_is_for_names_nothing_asked(asked, question: str, measure) -> None:
    # "solutions" is no opinion asked, "history" no series.
    answer = asked(question)
    assert answer.status.value == "answered" and answer.statement.intent == "value"
    if measure:
        assert measures(answer) == {measure}


def test_is_that_how_long_asks_what_a_measure_counts(asked) -> None:
    answer = asked("when trac says 'average days pending' is that how long a case takes start to finish?")
    assert answer.statement.intent == "definition"


@pytest.mark.parametrize(
    "question",
    [
        "why do trac and eoir disagree on fy2021 completions? give me both",
        "fy2021 completions, trac and eoir, give me both",
    ],
)
def test_two_counters_joined_by_and_with_both_asked_are_set_side_by_side(asked, question: str) -> None:
    answer = asked(question)
    assert measures(answer) == {"immigration_court_completions_trac", "immigration_court_total_completions"}


def test_two_counters_named_together_give_both_counts(asked) -> None:
    answer = asked("trac and eoir backlog end of fy24")
    assert measures(answer) == {"immigration_court_pending_cases_trac", "immigration_court_pending_cases"}


def test_equals_what_percent_asks_a_share_not_a_meaning(asked) -> None:
    answer = asked("asylum seekers = what % of the court caseload per MPI")
    assert answer.statement.intent == "value"
    assert measures(answer) == {"asylum_share_of_court_caseload_pct"}


@pytest.mark.parametrize(
    "question",
    ["most judges eoir ever hired in one year", "most IJs eoir ever hired in one fy was 104 right? which yr"],
)
def test_the_most_ever_is_the_largest_figure_of_the_series(asked, question: str) -> None:
    # EOIR's 104 hires in FY2022, its record, not the latest class of 36.
    assert [f.value for f in asked(question).statement.figures] == [104]


def test_a_practitioners_decision_about_one_case_is_advice(asked) -> None:
    answer = asked(
        "client missed his MCH, got ordered in absentia. MTR or just file a new I-589?? need to decide today"
    )
    assert answer.kind.value == "off_topic" and answer.data["topic"].id == "advice"


def test_whether_a_thing_is_part_of_a_measure_asks_what_it_counts(asked) -> None:
    answer = asked("are the gotaways part of ice's non detained docket?")
    assert answer.statement.intent == "definition"


def test_so_far_apart_is_no_time(asked) -> None:
    # Not FY2021 against now: "so far" of "so far apart" says how far, not until when.
    answer = asked("fy21 completions eoir vs trac — why are they so far apart")
    assert {f.date for f in answer.statement.figures} == {"FY2021"}
    assert len(measures(answer)) == 2


def test_a_span_beside_a_table_is_a_time_asked_not_the_tables_version(asked) -> None:
    answer = asked("new cases per year coming into the courts fy2008-fy2024, eoir table")
    assert answer.statement.intent == "trend"
    assert {f.date for f in answer.statement.figures} >= {"FY2008", "FY2024"}


def test_same_thing_asks_how_two_measures_differ_though_the_story_gives_a_number(asked) -> None:
    answer = asked("ice docket vs court backlog same thing?? my primo says 7 million in court")
    assert answer.statement.intent == "definition"


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("motions to recal filed in immigration court fy25?", "immigration_court_motions_to_recalendar"),
        ("MTRs filed at the IC level in fy25?", "immigration_court_motions_to_reopen"),
    ],
)
def test_practitioners_shorthand_for_motions_names_them(asked, question: str, measure: str) -> None:
    assert measures(asked(question)) == {measure}


def test_a_fiscal_year_beside_a_named_table_is_the_time_asked(asked) -> None:
    answer = asked("motions to recalendar filed in imm court FY2025, EOIR motions table")
    assert [f.date for f in answer.statement.figures] == ["FY2025"]


@pytest.mark.parametrize(
    "question",
    [
        "the 11m uscis backlog vs the immigration court backlog, how r they different",
        "why does eoir's fy2019 pending number change depending which version of the table u download",
    ],
)
def test_how_two_figures_differ_is_asked_whatever_numbers_are_quoted(asked, question: str) -> None:
    assert asked(question).statement.intent == "definition"


def test_what_a_review_covered_is_how_many_cases_it_set_out_to_review(asked) -> None:
    answer = asked("how many cases did the prosecutorial discretion review cover")
    assert measures(answer) == {"prosecutorial_discretion_review_cases"}


def test_like_before_after_a_comma_tells_a_story(asked) -> None:
    question = "how big was the backlog back in fy2008"
    assert stated(asked(question + ", like before all this mess started")) == stated(asked(question))
