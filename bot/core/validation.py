"""Content checks on curated facts, shared by `backlog db build` and the test suite."""

from __future__ import annotations

from datetime import date

from .knowledge import KnowledgeError
from .models import Fact, KnowledgeBase
from .numbers import text_states


def fact_problems(
    fact: Fact, kb: KnowledgeBase, *, today: date | None = None, check_quote: bool = True
) -> list[str]:
    """What is wrong with one fact, in words a curator can act on; empty when it is sound.

    `check_quote=False` accepts a quote that does not state the value, as a moderator
    may confirm (the curated base never does).
    """
    problems = []
    measure = kb.measures.get(fact.measure)
    if measure is None:
        problems.append(f"fact {fact.id}: unknown measure {fact.measure!r}")
    elif measure.unit not in kb.units:
        problems.append(f"fact {fact.id}: its measure counts in an unknown unit {measure.unit!r}")
    if fact.source not in kb.sources:
        problems.append(f"fact {fact.id}: unknown source {fact.source!r}")
    percent = measure is not None and measure.unit == "percent"
    if check_quote and not text_states(fact.quote, fact.value, percent=percent):
        problems.append(f"fact {fact.id}: the quote does not state {fact.value:g}: {fact.quote[:80]!r}")
    if measure is not None and measure.unit in kb.units:
        low, high = kb.units[measure.unit].bounds(measure.kind)
        if not low <= fact.value <= high:
            problems.append(
                f"fact {fact.id}: {fact.value:g} is outside the plausible range of {measure.unit} "
                f"({low:g} to {high:g}, units.yaml)"
            )
    if fact.period.start > (today or date.today()):
        problems.append(f"fact {fact.id}: dated {fact.date}, which has not begun yet")
    return problems


def validate(kb: KnowledgeBase) -> None:
    """Raise KnowledgeError naming every unsound fact."""
    problems = [p for fact in kb.facts.values() for p in fact_problems(fact, kb)]
    if problems:
        raise KnowledgeError(f"{len(problems)} unsound facts: " + "; ".join(problems[:10]))
