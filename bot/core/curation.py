"""Changing the fact base: add, edit, retract, restore, promote, with a revision for every change.

`Curator` is the only writer of moderators' work. Each method checks its input
(`forms.py`), writes in one transaction and records a revision row: who, when,
the row before, the row after, and why. Nothing is deleted: a retracted fact
is hidden from answers and kept with its history.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from .fact_formats import snapshot
from .forms import (
    CheckedFact,
    CurationError,
    FactForm,
    MeasureForm,
    check_fact_form,
    check_measure_form,
    check_reason,
    cleaned_form,
    same_address,
    source_for,
)
from .models import Fact, KnowledgeBase, Measure, Source, SourceKind
from .store import FactStore, measure_row
from .text import fold

log = logging.getLogger(__name__)

# Facts added after curation get ids from here on, so curated ids below it never collide.
FIRST_ADDED_FACT_ID = 100_000
MAX_LISTED = 25


@dataclass(frozen=True)
class Actor:
    """Who made a change: a Discord user (id and name) or a maintainer at the command line."""

    name: str
    id: str | None = None

    @property
    def label(self) -> str:
        return self.name if self.id is None else f"{self.name} ({self.id})"


@dataclass(frozen=True)
class Change:
    """One change made, as recorded: enough to tell the audit channel and refresh the answers."""

    entity: str
    entity_id: str
    action: str
    server: str | None
    actor: Actor
    at: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None = None

    def differences(self) -> list[tuple[str, Any, Any]]:
        return changed_fields(self.before, self.after)


@dataclass(frozen=True)
class Submission:
    """A form waiting for a decision: a member's proposal, or a moderator's own form to confirm."""

    id: int
    purpose: str
    server: str | None
    author: Actor
    form: FactForm
    status: str
    fact_id: int | None = None
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    decided_by: str | None = None


@dataclass
class Outcome:
    """What became of a submitted form: a change made, or a question to ask first."""

    change: Change | None = None
    fact: Fact | None = None
    pending: Submission | None = None
    duplicate_of: Fact | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Revision:
    id: int
    action: str
    actor_name: str
    at: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None

    def differences(self) -> list[tuple[str, Any, Any]]:
        return changed_fields(self.before, self.after)


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    """(field, before, after) for every field an edit touched. Where a row lives and whether it is
    retracted are changes of their own (promote, retract), not edited fields."""
    if before is None or after is None:
        return []
    keys = [k for k in after if k not in ("server", "retracted")]
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


class Curator:
    """Validated, recorded writes to one fact base."""

    def __init__(
        self,
        store: FactStore,
        *,
        views: Callable[[str | None], KnowledgeBase] | None = None,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self._views = views
        self.today = today
        self.now = now
        self._listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> None:
        """Hear of every change this curator makes, once it is committed (the answers' refresh)."""
        self._listeners.append(listener)

    def _notify(self, change: Change) -> None:
        for listener in self._listeners:
            try:
                listener(change)
            except Exception:  # the change is saved; a listener that fails must not undo the reply
                log.exception("a listener failed on the change of %s %s", change.entity, change.entity_id)

    # -- reading what a server sees --------------------------------------------

    def view(self, server: str | None) -> KnowledgeBase:
        """What `server` sees now (from the bot's cache when it has one: loading is the slow part)."""
        if self._views is not None:
            return self._views(server)
        return self.store.load().for_server(server)

    def fact(self, fact_id: int) -> Fact:
        fact = self.store.fact(fact_id)
        if fact is None:
            raise CurationError(f"There is no fact {fact_id}.")
        return fact

    def editable_fact(self, fact_id: int, server: str | None) -> Fact:
        """A fact this server may change: its own. The shared base changes by review, in git."""
        fact = self.fact(fact_id)
        if fact.server != server:
            if fact.server is None:
                raise CurationError(
                    f"Fact {fact_id} is in the shared curated base, which every server sees; it is "
                    "corrected by review of the knowledge files. Add this server's own figure instead."
                )
            raise CurationError(f"There is no fact {fact_id} in this server.")
        return fact

    # -- facts ---------------------------------------------------------------

    def add(
        self,
        form: FactForm,
        actor: Actor,
        server: str | None,
        *,
        confirmed: bool = False,
        reason: str | None = None,
        hold: bool = True,
    ) -> Outcome:
        """Add a fact, unless the form needs a second look (a quote without the value, a duplicate).

        The form is then kept as a submission to confirm, or with `hold=False` (the command
        line, which asks again instead) not kept: the outcome has no change and no pending.
        """
        kb = self.view(server)
        checked = check_fact_form(form, kb, self.today())
        form = cleaned_form(form, checked)
        duplicate = _duplicate(checked, kb, server)
        if duplicate is not None and not confirmed:
            pending = (
                self._hold(form, actor, server, "confirm", fact_id=duplicate.id, reason=_RESUBMITTED)
                if hold
                else None
            )
            return Outcome(pending=pending, duplicate_of=duplicate)
        if checked.warnings and not confirmed:
            pending = self._hold(form, actor, server, "confirm", warnings=checked.warnings) if hold else None
            return Outcome(pending=pending, warnings=checked.warnings)
        with self.store.writing():
            source = self._source(checked, kb, server)
            fact = Fact(
                id=self._next_fact_id(),
                **checked.fact_fields(source),
                server=server,
            )
            self.store.insert_fact(fact, origin=_origin(actor))
            change = self.record("fact", fact.id, "add", server, actor, None, self.snapshot(fact), reason)
        return Outcome(change=change, fact=fact, warnings=checked.warnings)

    def edit(
        self,
        fact_id: int,
        form: FactForm,
        actor: Actor,
        server: str | None,
        reason: str | None,
        *,
        confirmed: bool = False,
        hold: bool = True,
    ) -> Outcome:
        """Change a fact to the form's values (`hold` as for `add`)."""
        reason = check_reason(reason, required=True)
        before = self.editable_fact(fact_id, server)
        kb = self.view(server)
        checked = check_fact_form(form, kb, self.today())
        form = cleaned_form(form, checked)
        if checked.warnings and not confirmed:
            pending = (
                self._hold(
                    form, actor, server, "confirm", fact_id=fact_id, reason=reason, warnings=checked.warnings
                )
                if hold
                else None
            )
            return Outcome(pending=pending, warnings=checked.warnings)
        with self.store.writing():
            current = kb.sources.get(before.source)
            # The same address keeps the same source: two sources may share one (two editions of a page).
            keep = current is not None and same_address(current.url, checked.url)
            source = current if keep else self._source(checked, kb, server)
            after = replace(before, **checked.fact_fields(source))
            self.store.update_fact(after)
            change = self.record(
                "fact", fact_id, "edit", server, actor, self.snapshot(before), self.snapshot(after), reason
            )
        return Outcome(change=change, fact=after, warnings=checked.warnings)

    def retract(self, fact_id: int, actor: Actor, server: str | None, reason: str | None) -> Change:
        return self._set_retracted(fact_id, True, actor, server, check_reason(reason, required=True))

    def restore(self, fact_id: int, actor: Actor, server: str | None, reason: str | None = None) -> Change:
        return self._set_retracted(fact_id, False, actor, server, check_reason(reason, required=False))

    def _set_retracted(
        self, fact_id: int, retracted: bool, actor: Actor, server: str | None, reason: str | None
    ) -> Change:
        before = self.editable_fact(fact_id, server)
        if before.retracted == retracted:
            state = "retracted" if retracted else "in the answers"
            raise CurationError(f"Fact {fact_id} is already {state}.")
        after = replace(before, retracted=retracted)
        with self.store.writing():
            self.store.set_retracted(fact_id, retracted)
            action = "retract" if retracted else "restore"
            return self.record(
                "fact", fact_id, action, server, actor, self.snapshot(before), self.snapshot(after), reason
            )

    def promote(self, fact_id: int, actor: Actor, reason: str | None = None) -> Change:
        """Move a server's fact (and its own source and measure) into the shared base."""
        before = self.fact(fact_id)
        if before.server is None:
            raise CurationError(f"Fact {fact_id} is in the shared base already.")
        with self.store.writing():
            self.store.promote_fact(before)
            after = replace(before, server=None)
            return self.record(
                "fact",
                fact_id,
                "promote",
                before.server,
                actor,
                self.snapshot(before),
                self.snapshot(after),
                reason,
            )

    def history(self, fact_id: int, server: str | None) -> list[Revision]:
        """Every revision of a fact this server can see, oldest first."""
        fact = self.fact(fact_id)
        if fact.server not in (None, server):
            raise CurationError(f"There is no fact {fact_id} in this server.")
        return [
            Revision(
                id=row["id"],
                action=row["action"],
                actor_name=row["actor_name"],
                at=row["at"],
                before=json.loads(row["before"]) if row["before"] else None,
                after=json.loads(row["after"]) if row["after"] else None,
                reason=row["reason"],
            )
            for row in self.store.revisions("fact", str(fact_id))
        ]

    # -- measures ------------------------------------------------------------

    def add_measure(self, form: MeasureForm, actor: Actor, server: str | None) -> tuple[Measure, Change]:
        fields = check_measure_form(form, self.view(server))
        with self.store.writing():
            measure = Measure(id=self._measure_id(fields["label"]), server=server, **fields)
            self.store.insert_measure(measure, origin=_origin(actor))
            change = self.record(
                "measure", measure.id, "add", server, actor, None, measure_row(measure), None
            )
        return measure, change

    def _measure_id(self, label: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:60] or "measure"
        candidate, number = base, 1
        while self.store.measure(candidate) is not None:
            number += 1
            candidate = f"{base}_{number}"
        return candidate

    # -- proposals and confirmations ---------------------------------------------

    def propose(self, form: FactForm, actor: Actor, server: str) -> Submission:
        """A member's fact, checked now and kept until a moderator decides."""
        kb = self.view(server)
        checked = check_fact_form(form, kb, self.today())
        form = cleaned_form(form, checked)
        warnings = list(checked.warnings)
        duplicate = _duplicate(checked, kb, server)
        if duplicate is not None:
            warnings.append(f"Fact {duplicate.id} already records this measure, date and source.")
        return self._hold(form, actor, server, "proposal", warnings=warnings)

    def submission(self, submission_id: int, server: str | None) -> Submission:
        row = self.store.submission(submission_id)
        if row is None or (row["server"] or None) != server:
            raise CurationError(f"There is no submission {submission_id} in this server.")
        return _submission(row)

    def pending_proposals(self, server: str, *, offset: int = 0, limit: int = MAX_LISTED) -> list[Submission]:
        """Proposals waiting in `server`, oldest first, from `offset` on: `/fact review` pages through
        all of them, so a flood of spam cannot bury the real ones out of reach."""
        rows = self.store.pending_proposals(server, offset=offset, limit=limit)
        return [_submission(row) for row in rows]

    def pending_count(self, server: str) -> int:
        return self.store.pending_count(server)

    def decide(
        self, submission_id: int, approve: bool, actor: Actor, server: str
    ) -> tuple[Submission, Outcome | None]:
        """Approve (the fact is added) or reject a proposal; a decided one stays decided.

        The fact and the proposal's decision are one transaction, and the proposal is read
        again inside it: a crash leaves it pending with no fact, and a second approval (another
        moderator, the same button pressed twice) finds it decided and adds nothing.
        """
        with self.store.writing():
            proposal = self._pending(submission_id, server, "proposal")
            outcome = None
            if approve:
                reason = f"proposed by {proposal.author.name} (proposal {proposal.id})"
                outcome = self.add(proposal.form, actor, server, confirmed=True, reason=reason)
            status = "approved" if approve else "rejected"
            self._close(proposal, status, actor, outcome.fact.id if outcome and outcome.fact else None)
        return replace(proposal, status=status, decided_by=actor.name), outcome

    def confirm(self, submission_id: int, actor: Actor, server: str | None) -> Outcome:
        """Carry out a form its author confirmed: add it, or update the fact it duplicates."""
        with self.store.writing():  # as `decide`: the change and the form's closing land together
            held = self._pending(submission_id, server, "confirm")
            if held.author.id != actor.id:
                raise CurationError("Only the moderator who filled in the form can confirm it.")
            if held.fact_id is None:
                outcome = self.add(held.form, actor, server, confirmed=True)
            else:
                outcome = self.edit(held.fact_id, held.form, actor, server, held.reason, confirmed=True)
            self._close(held, "done", actor, outcome.fact.id if outcome.fact else None)
        return outcome

    def _pending(self, submission_id: int, server: str | None, purpose: str) -> Submission:
        held = self.submission(submission_id, server)
        if held.purpose != purpose:
            raise CurationError(f"There is no submission {submission_id} of that kind.")
        if held.status != "pending":
            by = f" by {held.decided_by}" if held.decided_by else ""
            raise CurationError(f"That was {held.status}{by} already.")
        return held

    def _hold(
        self,
        form: FactForm,
        actor: Actor,
        server: str | None,
        purpose: str,
        *,
        fact_id: int | None = None,
        reason: str | None = None,
        warnings: list[str] | None = None,
    ) -> Submission:
        payload = {"form": form.to_dict(), "reason": reason, "warnings": warnings or []}
        with self.store.writing():
            row = self.store.add_submission(
                {
                    "purpose": purpose,
                    "server": server,
                    "author_id": actor.id,
                    "author_name": actor.name,
                    "fact_id": fact_id,
                    "form": json.dumps(payload),
                    "status": "pending",
                    "created_at": self._timestamp(),
                }
            )
            return _submission(row)

    def _close(self, held: Submission, status: str, actor: Actor, fact_id: int | None) -> None:
        with self.store.writing():
            self.store.close_submission(
                held.id,
                {
                    "status": status,
                    "decided_by": actor.name,
                    "decided_at": self._timestamp(),
                    "result_fact_id": fact_id,
                },
            )

    # -- the pieces ----------------------------------------------------------

    def _source(self, checked: CheckedFact, kb: KnowledgeBase, server: str | None) -> Source:
        """The source at the form's address: one this server knows already, or a new one."""
        known = source_for(checked.url, kb)
        if known is not None:
            return known
        digest = hashlib.sha1(f"{server}|{checked.url}".encode()).hexdigest()[:12]
        source = Source(
            id=f"added-{digest}",
            publisher=checked.publisher,
            title=checked.title,
            kind=SourceKind.UNCLASSIFIED,
            primary=False,
            url=checked.url,
            server=server,
        )
        existing = self.store.source(source.id)
        if existing is not None:
            return existing
        self.store.insert_source(source, origin="added")
        return source

    def _next_fact_id(self) -> int:
        return max(self.store.highest_fact_id() + 1, FIRST_ADDED_FACT_ID)

    def snapshot(self, fact: Fact) -> dict[str, Any]:
        """A fact as a revision keeps it: its fields and its source's, readable without joins."""
        source = self.store.source(fact.source)
        if source is None:
            raise CurationError(f"Fact {fact.id}'s source {fact.source} is missing.")
        return snapshot(fact, source)

    def record(
        self,
        entity: str,
        entity_id: Any,
        action: str,
        server: str | None,
        actor: Actor,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str | None,
    ) -> Change:
        """Keep one revision row; call it inside the `store.writing()` of the change it records."""
        change = Change(
            entity, str(entity_id), action, server, actor, self._timestamp(), before, after, reason
        )
        # Heard after the commit: a listener that reads the database sees the change, and a
        # change rolled back is never heard of.
        self.store.after_commit(lambda: self._notify(change))
        self.store.add_revision(
            {
                "entity": entity,
                "entity_id": str(entity_id),
                "action": action,
                "server": server,
                "actor_id": actor.id,
                "actor_name": actor.name,
                "at": change.at,
                "before": json.dumps(before) if before is not None else None,
                "after": json.dumps(after) if after is not None else None,
                "reason": reason,
            }
        )
        return change

    def _timestamp(self) -> str:
        return self.now().astimezone(UTC).isoformat(timespec="seconds")


_RESUBMITTED = "resubmitted with the same measure, date and source"


def _duplicate(checked: CheckedFact, kb: KnowledgeBase, server: str | None) -> Fact | None:
    """A fact already recording this measure, at this date, from this source."""
    source = source_for(checked.url, kb)
    if source is None:
        return None
    for fact in kb.facts.values():
        if (
            fact.measure == checked.measure.id
            and fact.source == source.id
            and fact.date == checked.period.text
            and fact.place == checked.place
            and (fact.server is None or fact.server == server)
        ):
            return fact
    return None


def _origin(actor: Actor) -> str:
    return "discord" if actor.id is not None else "cli"


def _submission(row: dict[str, Any]) -> Submission:
    payload = json.loads(row["form"])
    return Submission(
        id=row["id"],
        purpose=row["purpose"],
        server=row["server"] or None,
        author=Actor(row["author_name"] or "unknown", row["author_id"]),
        form=FactForm.from_dict(payload["form"]),
        status=row["status"],
        fact_id=row["fact_id"],
        reason=payload.get("reason"),
        warnings=tuple(payload.get("warnings") or ()),
        decided_by=row["decided_by"],
    )
