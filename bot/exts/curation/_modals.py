"""The forms moderators and members fill in: a fact (five fields) and a measure (four).

A Discord modal holds at most five inputs, so the fields that benefit from
autocomplete or fixed choices (measure, publisher, qualifier, status, unit)
are options of the slash command that opens the modal.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable

import discord

from ...client import log_interaction
from ...core.forms import MAX_DEFINITION, MAX_QUOTE, MAX_TITLE, MAX_URL
from ...errors import explain

Handler = Callable[[discord.Interaction, dict[str, str]], Awaitable[None]]


class _Form(discord.ui.Modal):
    """A modal that hands its values, by input id, to a handler; one log line per submission, and
    a handler's refusal or failure answered by the one error explainer, as for commands."""

    def __init__(self, *, title: str, custom_id: str, handler: Handler) -> None:
        # discord.py finds an open modal by its custom_id alone: two moderators filling in
        # the same form at once need different ids, or one of them loses their submission.
        unique = f"{custom_id}:{secrets.token_hex(6)}"
        super().__init__(title=title, custom_id=unique, timeout=15 * 60)
        self.handler = handler

    def field(self, custom_id: str, label: str, **options) -> None:
        self.add_item(discord.ui.TextInput(custom_id=custom_id, label=label, **options))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        started = time.perf_counter()
        values = {
            child.custom_id: child.value for child in self.children if isinstance(child, discord.ui.TextInput)
        }
        try:
            await self.handler(interaction, values)
        except Exception as error:
            await explain(interaction, error)
        finally:
            log_interaction(interaction, started)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await explain(interaction, error)


class FactModal(_Form):
    def __init__(self, title: str, handler: Handler, defaults: dict[str, str] | None = None) -> None:
        super().__init__(title=title, custom_id="fact:form", handler=handler)
        given = defaults or {}
        self.field(
            "value",
            "Value",
            placeholder="3,524,051 or 3.5 million",
            max_length=40,
            default=given.get("value"),
        )
        self.field(
            "date",
            "Date the figure is for",
            placeholder="2024-03-31, March 2024, FY2024 or 2024",
            max_length=40,
            default=given.get("date"),
        )
        self.field(
            "url", "Source link", placeholder="https://…", max_length=MAX_URL, default=given.get("url")
        )
        self.field("title", "Source title", max_length=MAX_TITLE, default=given.get("title"))
        self.field(
            "quote",
            "Quote that states the figure (verbatim)",
            style=discord.TextStyle.paragraph,
            max_length=MAX_QUOTE,
            default=given.get("quote"),
        )


class MeasureModal(_Form):
    def __init__(self, handler: Handler) -> None:
        super().__init__(title="Add a measure", custom_id="fact:measure", handler=handler)
        self.field("label", "Name", placeholder="Asylum cases pending at USCIS", max_length=100)
        self.field(
            "definition",
            "What exactly it counts",
            style=discord.TextStyle.paragraph,
            max_length=MAX_DEFINITION,
        )
        self.field("counted_by", "Who counts it", placeholder="USCIS", max_length=100)
        self.field(
            "aliases",
            "Other words people use (comma-separated)",
            required=False,
            max_length=500,
        )
