"""`Curator` through its public methods, against a real SQLite file (a copy of the built base).

What a moderator does (add, correct, retract and restore, correct back, promote), what a member
proposes and a moderator decides, and what the history says of each: who, when, what, why.
The Discord and command-line tests drive the same methods end to end; these call them directly.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import TODAY

from bot.core.curation import FIRST_ADDED_FACT_ID, Actor, Change, Curator
from bot.core.forms import CurationError, FactForm, MeasureForm
from bot.core.models import SourceKind
from bot.core.store import FactStore

SERVER, OTHER_SERVER = "111111111111111111", "222222222222222222"
MODERATOR = Actor("Moderator Mo", "900000000000000001")
SECOND_MODERATOR = Actor("Moderator Sam", "900000000000000002")
MEMBER = Actor("Member Mel", "900000000000000003")
MEASURE = "immigration_court_pending_cases_trac"
FORM = FactForm(
    measure=MEASURE,
    value="3,456,789",
    date="July 2025",
    url="https://example.org/backlog-july-2025",
    publisher="Example Research",
    title="The backlog in July 2025",
    quote="At the end of July 2025, 3,456,789 cases were pending before the immigration courts.",
)


class Clock:
    """A minute passes at every reading: each revision has a time of its own."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.fixture
def curator(db_path: Path) -> Curator:
    return Curator(FactStore.open(db_path), today=lambda: TODAY, now=Clock())


def added(curator: Curator, form: FactForm = FORM, server: str | None = SERVER) -> int:
    outcome = curator.add(form, MODERATOR, server)
    assert outcome.fact is not None, outcome
    return outcome.fact.id


def ids_seen(curator: Curator, server: str | None) -> set[int]:
    return set(curator.view(server).facts)


# -- adding ------------------------------------------------------------------------------------


def test_a_fact_added_in_a_server_is_seen_there_only(curator: Curator):
    fact_id = added(curator)
    assert fact_id >= FIRST_ADDED_FACT_ID
    assert fact_id in ids_seen(curator, SERVER)
    assert fact_id not in ids_seen(curator, OTHER_SERVER) and fact_id not in ids_seen(curator, None)
    fact = curator.fact(fact_id)
    assert (fact.value, fact.date, fact.server) == (3_456_789, "2025-07", SERVER)


def test_a_new_address_makes_a_source_and_the_same_address_finds_it_again(curator: Curator):
    first = curator.fact(added(curator))
    source = curator.view(SERVER).sources[first.source]
    assert (source.publisher, source.url, source.kind, source.server) == (
        "Example Research",
        FORM.url,
        SourceKind.UNCLASSIFIED,
        SERVER,
    )
    later = replace(FORM, value="3,500,000", date="August 2025", quote="3,500,000 cases were pending.")
    # The same page typed with a trailing slash and a capital host is the same source.
    second = curator.fact(added(curator, replace(later, url="https://Example.org/backlog-july-2025/")))
    assert second.source == first.source


def test_a_quote_without_the_value_is_held_until_its_moderator_confirms(curator: Curator):
    before = ids_seen(curator, SERVER)
    outcome = curator.add(replace(FORM, quote="Cases kept rising all year."), MODERATOR, SERVER)
    assert outcome.fact is None and outcome.pending is not None and outcome.warnings
    assert ids_seen(curator, SERVER) == before
    with pytest.raises(CurationError, match="Only the moderator who filled in the form"):
        curator.confirm(outcome.pending.id, SECOND_MODERATOR, SERVER)
    confirmed = curator.confirm(outcome.pending.id, MODERATOR, SERVER)
    assert confirmed.fact is not None and confirmed.fact.id in ids_seen(curator, SERVER)
    with pytest.raises(CurationError, match="That was done"):
        curator.confirm(outcome.pending.id, MODERATOR, SERVER)


def test_the_same_measure_date_and_source_again_offers_to_correct_that_fact(curator: Curator):
    fact_id = added(curator)
    again = replace(FORM, value="3,456,790", quote="3,456,790 cases were pending at the end of July 2025.")
    outcome = curator.add(again, MODERATOR, SERVER)
    assert outcome.duplicate_of is not None and outcome.duplicate_of.id == fact_id
    assert outcome.pending is not None and outcome.pending.fact_id == fact_id
    confirmed = curator.confirm(outcome.pending.id, MODERATOR, SERVER)
    assert confirmed.fact is not None and confirmed.fact.id == fact_id
    assert curator.fact(fact_id).value == 3_456_790
    assert [r.action for r in curator.history(fact_id, SERVER)] == ["add", "edit"]


def test_nothing_is_heard_of_a_change_that_rolls_back(curator: Curator):
    heard: list[Change] = []
    curator.subscribe(heard.append)
    before = ids_seen(curator, SERVER)
    with pytest.raises(RuntimeError), curator.store.writing():
        curator.add(FORM, MODERATOR, SERVER)
        raise RuntimeError("the moderator's connection dropped")
    assert heard == [] and ids_seen(curator, SERVER) == before
    fact_id = added(curator)
    assert [(c.action, c.entity_id) for c in heard] == [("add", str(fact_id))]


def test_a_listener_that_fails_does_not_undo_the_change(curator: Curator, caplog):
    def broken(change: Change) -> None:
        raise RuntimeError("the audit channel is gone")

    curator.subscribe(broken)
    fact_id = added(curator)
    assert fact_id in ids_seen(curator, SERVER)
    assert "a listener failed" in caplog.text


# -- correcting --------------------------------------------------------------------------------


def test_a_correction_needs_a_reason_and_changes_only_what_the_form_changed(curator: Curator):
    fact_id = added(curator)
    corrected = replace(
        FORM, value="3,456,790", quote="3,456,790 cases were pending at the end of July 2025."
    )
    with pytest.raises(CurationError, match="Say why"):
        curator.edit(fact_id, corrected, MODERATOR, SERVER, reason="  ")
    outcome = curator.edit(fact_id, corrected, MODERATOR, SERVER, reason="typo in the last digit")
    assert outcome.change is not None
    assert [name for name, _, _ in outcome.change.differences()] == ["value", "quote"]
    fact = curator.fact(fact_id)
    assert fact.value == 3_456_790 and fact.server == SERVER and not fact.retracted


def test_correcting_back_restores_the_fact_and_the_history_keeps_both_turns(curator: Curator):
    fact_id = added(curator)
    original = curator.fact(fact_id)
    wrong = replace(FORM, date="June 2025", qualifier="about")
    curator.edit(fact_id, wrong, MODERATOR, SERVER, reason="the table is June's")
    curator.edit(fact_id, FORM, SECOND_MODERATOR, SERVER, reason="no: it was July's, as first entered")
    assert curator.fact(fact_id) == original
    add, there, back = curator.history(fact_id, SERVER)
    assert (add.action, there.action, back.action) == ("add", "edit", "edit")
    assert there.differences() == [("date", "2025-07", "2025-06"), ("qualifier", "exact", "about")]
    assert back.differences() == [("date", "2025-06", "2025-07"), ("qualifier", "about", "exact")]


def test_a_server_changes_only_its_own_facts(curator: Curator):
    curated = next(iter(curator.view(None).facts))
    with pytest.raises(CurationError, match="shared curated base"):
        curator.edit(curated, FORM, MODERATOR, SERVER, reason="looks wrong")
    with pytest.raises(CurationError, match="shared curated base"):
        curator.retract(curated, MODERATOR, SERVER, reason="looks wrong")
    theirs = added(curator, server=OTHER_SERVER)
    with pytest.raises(CurationError, match=f"no fact {theirs} in this server"):
        curator.retract(theirs, MODERATOR, SERVER, reason="not ours")
    with pytest.raises(CurationError, match=f"no fact {theirs} in this server"):
        curator.history(theirs, SERVER)


# -- retracting and restoring ------------------------------------------------------------------


def test_a_retracted_fact_leaves_the_answers_and_restoring_brings_it_back(curator: Curator):
    fact_id = added(curator)
    with pytest.raises(CurationError, match="Say why"):
        curator.retract(fact_id, MODERATOR, SERVER, reason=None)
    curator.retract(fact_id, MODERATOR, SERVER, reason="the report was withdrawn")
    assert fact_id not in ids_seen(curator, SERVER)
    assert curator.fact(fact_id).retracted  # kept, with its history
    with pytest.raises(CurationError, match="already retracted"):
        curator.retract(fact_id, MODERATOR, SERVER, reason="again")
    curator.restore(fact_id, SECOND_MODERATOR, SERVER)
    assert fact_id in ids_seen(curator, SERVER)
    with pytest.raises(CurationError, match="already in the answers"):
        curator.restore(fact_id, SECOND_MODERATOR, SERVER)


def test_the_history_names_who_did_what_when_and_why(curator: Curator):
    fact_id = added(curator)
    curator.retract(fact_id, SECOND_MODERATOR, SERVER, reason="the report was withdrawn")
    curator.restore(fact_id, MODERATOR, SERVER, reason="it was reissued")
    revisions = curator.history(fact_id, SERVER)
    assert [(r.action, r.actor_name, r.reason) for r in revisions] == [
        ("add", MODERATOR.name, None),
        ("retract", SECOND_MODERATOR.name, "the report was withdrawn"),
        ("restore", MODERATOR.name, "it was reissued"),
    ]
    times = [r.at for r in revisions]
    assert times == sorted(times) and len(set(times)) == 3
    assert revisions[0].before is None and revisions[0].after["publisher"] == "Example Research"
    assert (revisions[1].before["retracted"], revisions[1].after["retracted"]) == (False, True)


# -- promoting ---------------------------------------------------------------------------------


def test_a_promoted_fact_and_its_source_move_into_the_shared_base(curator: Curator):
    fact_id = added(curator)
    change = curator.promote(fact_id, MODERATOR, reason="checked against the court's table")
    assert change.server == SERVER and change.before["server"] == SERVER and change.after["server"] is None
    assert fact_id in ids_seen(curator, None) and fact_id in ids_seen(curator, OTHER_SERVER)
    fact = curator.fact(fact_id)
    assert fact.server is None and curator.view(None).sources[fact.source].server is None
    with pytest.raises(CurationError, match="shared base already"):
        curator.promote(fact_id, MODERATOR)


# -- proposals ---------------------------------------------------------------------------------


def test_an_approved_proposal_is_added_in_the_moderators_name_saying_whose_it_was(curator: Curator):
    proposal = curator.propose(FORM, MEMBER, SERVER)
    assert proposal.status == "pending" and curator.pending_count(SERVER) == 1
    assert [p.id for p in curator.pending_proposals(SERVER)] == [proposal.id]
    assert curator.pending_count(OTHER_SERVER) == 0
    decided, outcome = curator.decide(proposal.id, True, MODERATOR, SERVER)
    assert decided.status == "approved" and decided.decided_by == MODERATOR.name
    assert outcome is not None and outcome.fact is not None
    (revision,) = curator.history(outcome.fact.id, SERVER)
    assert revision.actor_name == MODERATOR.name
    assert revision.reason == f"proposed by {MEMBER.name} (proposal {proposal.id})"
    assert curator.pending_count(SERVER) == 0


def test_a_rejected_proposal_adds_nothing_and_a_decision_is_made_once(curator: Curator):
    before = ids_seen(curator, SERVER)
    proposal = curator.propose(FORM, MEMBER, SERVER)
    decided, outcome = curator.decide(proposal.id, False, MODERATOR, SERVER)
    assert decided.status == "rejected" and outcome is None
    assert ids_seen(curator, SERVER) == before
    with pytest.raises(CurationError, match=f"rejected by {MODERATOR.name} already"):
        curator.decide(proposal.id, True, SECOND_MODERATOR, SERVER)
    assert ids_seen(curator, SERVER) == before
    assert curator.submission(proposal.id, SERVER).status == "rejected"


def test_a_proposal_is_decided_only_in_its_own_server(curator: Curator):
    proposal = curator.propose(FORM, MEMBER, SERVER)
    with pytest.raises(CurationError, match=f"no submission {proposal.id} in this server"):
        curator.decide(proposal.id, True, MODERATOR, OTHER_SERVER)
    assert curator.submission(proposal.id, SERVER).status == "pending"


def test_a_proposal_keeps_what_the_member_typed_and_warns_of_a_duplicate(curator: Curator):
    fact_id = added(curator)
    proposal = curator.propose(replace(FORM, value=" 3,456,789 ", date="july   2025"), MEMBER, SERVER)
    assert (proposal.form.value, proposal.form.date) == ("3,456,789", "july 2025")
    assert any(f"Fact {fact_id} already records" in warning for warning in proposal.warnings)


# -- measures ----------------------------------------------------------------------------------


def test_a_new_measure_is_the_servers_own_and_takes_facts(curator: Curator):
    form = MeasureForm(
        label="Asylum cases pending at USCIS, by office",
        unit="cases",
        definition="Affirmative asylum applications pending at each USCIS asylum office.",
        counted_by="USCIS",
        aliases="asylum office backlog, uscis asylum backlog",
    )
    measure, change = curator.add_measure(form, MODERATOR, SERVER)
    assert measure.id == "asylum_cases_pending_at_uscis_by_office" and measure.server == SERVER
    assert measure.aliases == ("asylum office backlog", "uscis asylum backlog")
    assert change.action == "add" and change.entity == "measure"
    assert (
        measure.id in curator.view(SERVER).measures and measure.id not in curator.view(OTHER_SERVER).measures
    )
    with pytest.raises(CurationError, match="exists already"):
        curator.add_measure(form, MODERATOR, SERVER)
    fact_id = added(curator, replace(FORM, measure=measure.id))
    assert curator.fact(fact_id).measure == measure.id
