"""One line per change, for a server's audit channel and the bot's log: who did what, and why."""

from __future__ import annotations

from typing import Any

from .curation import Change
from .numbers import format_with_reading
from .text import escape_markdown

_VERBS = {
    "add": "added",
    "edit": "edited",
    "retract": "retracted",
    "restore": "restored",
    "promote": "promoted to the shared base",
    "configure": "changed",
}


def audit_line(change: Change) -> str:
    """ "Fact 100001 edited by Ana: value 3,500,000 → 3,600,000 (reason: typo in the table)"."""
    verb = _VERBS.get(change.action, change.action)
    who = escape_markdown(change.actor.name)
    if change.entity == "settings":
        return f"Bot settings {verb} by {who}: {_differences(change)}"
    subject = f"{change.entity.capitalize()} {change.entity_id}"
    line = f"{subject} {verb} by {who}"
    if change.action == "add" and change.after:
        line += f": {_summary(change.after)}"
    elif change.action == "edit":
        line += f": {_differences(change)}"
    if change.reason:
        line += f" (reason: {escape_markdown(change.reason)})"
    return line[:1900]


def _summary(row: dict[str, Any]) -> str:
    if "value" in row:
        publisher = escape_markdown(str(row.get("publisher")))
        return f"{format_with_reading(row['value'])}, {row['date']}, {publisher}"
    return escape_markdown(str(row.get("label", "")))


def _differences(change: Change) -> str:
    changed = change.differences()
    if not changed:
        return "no field changed"
    return "; ".join(f"{key} {_short(before)} → {_short(after)}" for key, before, after in changed)


def _short(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return format_with_reading(value)
    text = escape_markdown(str(value))
    return text if len(text) <= 80 else text[:79] + "…"
