"""Persistent buttons: their `custom_id` carries the state, so they work after a restart.

"Sources" and "Cite" sit under an answer; "did you mean" gets one button per
suggestion, which asks that question. None of them keeps anything in memory. A suggestion
pressed under a public answer posts its answer publicly, so it waits out the member's cooldown
like a command (`bot.replies.send_answer`); Sources and Cite answer privately.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from ...components import LoggedComponent
from ...core.engine import Answer, AnswerKind, AnswerStatus
from ...core.render import fact_gone_words
from ...replies import send_answer, send_private

CUSTOM_ID_LIMIT = 100
BUTTON_LABEL_LIMIT = 80
MAX_SUGGESTION_BUTTONS = 3
SOURCES_PER_PAGE = 3  # a fact's provenance runs to about 1,000 characters; an embed holds 4,096


class SourcesButton(
    LoggedComponent,
    discord.ui.DynamicItem[discord.ui.Button],
    # "src:PAGE:IDS" with the ids in base 36 (about 27 fit in a custom_id); "sources:IDS" is the older
    # form, still under answers posted before, so those buttons keep working.
    template=r"backlog:(?:sources:(?P<decimal>\d+(?:,\d+)*)|src:(?P<page>\d{1,3}):(?P<ids>[0-9a-z]{1,8}(?:\.[0-9a-z]{1,8})*))",
):
    """Shows the full provenance of every fact behind an answer, a few per page."""

    def __init__(self, fact_ids: list[int], page: int = 0, label: str = "Sources") -> None:
        self.fact_ids = fact_ids
        self.page = page
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=_sources_custom_id(fact_ids, page),
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Any, match: re.Match[str]
    ) -> SourcesButton:
        if match["decimal"]:
            return cls([int(i) for i in match["decimal"].split(",")])
        return cls([int(i, 36) for i in match["ids"].split(".")], page=int(match["page"]))

    async def respond(self, interaction: discord.Interaction) -> None:
        engine = interaction.client.engine_for(interaction)  # type: ignore[attr-defined]
        facts = [engine.kb.facts[i] for i in dict.fromkeys(self.fact_ids) if i in engine.kb.facts]
        pages = max(1, -(-len(facts) // SOURCES_PER_PAGE))
        page = min(self.page, pages - 1)
        shown = facts[page * SOURCES_PER_PAGE : (page + 1) * SOURCES_PER_PAGE]
        answer = Answer(
            AnswerStatus.ANSWERED,
            AnswerKind.PROVENANCE,
            {"facts": shown, "page": page + 1, "pages": pages, "total": len(facts)},
            facts=shown,
        )
        view = discord.ui.View(timeout=None)
        if page > 0:
            view.add_item(SourcesButton(self.fact_ids, page - 1, label="Previous"))
        if page < pages - 1:
            view.add_item(SourcesButton(self.fact_ids, page + 1, label="Next"))
        await send_answer(interaction, answer, private=True, view=view if view.children else None)


class CiteButton(
    LoggedComponent, discord.ui.DynamicItem[discord.ui.Button], template=r"backlog:cite:(?P<id>\d+)"
):
    """A citation of one fact, ready to copy."""

    def __init__(self, fact_id: int) -> None:
        self.fact_id = fact_id
        super().__init__(
            discord.ui.Button(
                label="Cite", style=discord.ButtonStyle.secondary, custom_id=f"backlog:cite:{fact_id}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Any, match: re.Match[str]
    ) -> CiteButton:
        return cls(int(match["id"]))

    async def respond(self, interaction: discord.Interaction) -> None:
        bot = interaction.client
        fact = bot.engine_for(interaction).kb.facts.get(self.fact_id)  # type: ignore[attr-defined]
        renderer = bot.renderer  # type: ignore[attr-defined]
        await send_private(interaction, fact_gone_words() if fact is None else renderer.citation_reply(fact))


class AskButton(
    LoggedComponent, discord.ui.DynamicItem[discord.ui.Button], template=r"backlog:ask:(?P<question>.+)"
):
    """A "did you mean" suggestion: pressing it asks that question."""

    def __init__(self, question: str) -> None:
        self.question = question
        super().__init__(
            discord.ui.Button(
                label=question[:BUTTON_LABEL_LIMIT],
                style=discord.ButtonStyle.primary,
                custom_id=f"backlog:ask:{question}"[:CUSTOM_ID_LIMIT],
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: Any, match: re.Match[str]
    ) -> AskButton:
        return cls(match["question"])

    async def respond(self, interaction: discord.Interaction) -> None:
        # Under a private answer it answers privately; under a public one, publicly (cooldown first).
        private = bool(interaction.message and interaction.message.flags.ephemeral)
        answer = interaction.client.engine_for(interaction).ask(self.question)  # type: ignore[attr-defined]
        await send_answer(interaction, answer, private=private, view=answer_view(answer))


def _sources_custom_id(fact_ids: list[int], page: int) -> str:
    """The page and as many fact ids as fit in a custom_id, in base 36 to fit more."""
    custom_id = f"backlog:src:{page}:"
    for index, fact_id in enumerate(dict.fromkeys(fact_ids)):
        piece = ("." if index else "") + _base36(fact_id)
        if len(custom_id) + len(piece) > CUSTOM_ID_LIMIT:
            break
        custom_id += piece
    return custom_id


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def answer_view(answer: Answer) -> discord.ui.View | None:
    """The buttons under an answer: Sources and Cite, or one per suggestion."""
    view = discord.ui.View(timeout=None)
    if answer.status is AnswerStatus.SUGGESTIONS:
        for suggestion in answer.suggestions[:MAX_SUGGESTION_BUTTONS]:
            view.add_item(AskButton(suggestion))
    elif answer.facts:
        view.add_item(SourcesButton([f.id for f in answer.facts]))
        view.add_item(CiteButton(answer.facts[0].id))
    return view if view.children else None


DYNAMIC_ITEMS = (SourcesButton, CiteButton, AskButton)
