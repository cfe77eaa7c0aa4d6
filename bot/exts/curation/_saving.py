"""Saving a moderator's fact form: at once, or held until they confirm it with a button (a quote
without the value, a duplicate). The button's state is the held submission, a row in the
database, so it can be pressed after the bot restarts."""

from __future__ import annotations

import re
from typing import Any

import discord

from ...client import server_of, written
from ...core.curation import Outcome
from ...core.forms import FactForm
from ...core.text import escape_markdown
from ...replies import send
from ._access import require_moderator
from ._flows import actor_of, announce, library_of, send_fact
from ._moderated import Moderated, moderator_button


async def save_fact(
    interaction: discord.Interaction, form: FactForm, *, edit_of: int | None = None, reason: str | None = None
) -> None:
    """Add or edit a fact from a moderator's form, or ask them to confirm it first.

    The submitter is checked again: a form stays open for 15 minutes, in which a moderator may
    lose the role, and a submission names its own user and server whoever opened the form.
    """
    require_moderator(interaction)
    # A write may wait for another process's lock, and many forms may land at once: the reply
    # is deferred first, so Discord's 3-second deadline is met whatever the write waits for.
    await interaction.response.defer(ephemeral=True, thinking=True)
    library = library_of(interaction)
    curator = library.curator
    server, actor = server_of(interaction), actor_of(interaction)
    # Off the loop's back: a lock held elsewhere is waited for while other interactions run.
    if edit_of is None:
        outcome = await library.write(lambda: curator.add(form, actor, server))
    else:
        outcome = await library.write(lambda: curator.edit(edit_of, form, actor, server, reason))
    await report(interaction, outcome)


async def report(interaction: discord.Interaction, outcome: Outcome) -> None:
    """Tell the moderator what became of their form: saved (with the fact), or what to confirm."""
    if outcome.pending is not None:
        view = discord.ui.View(timeout=None)
        if outcome.duplicate_of is not None:
            fact = outcome.duplicate_of
            text = (
                f"Fact {fact.id} already records this measure for {fact.period.label} from the same source. "
                f"Nothing was added. Update fact {fact.id} with the values you typed instead?"
            )
            view.add_item(ConfirmButton(outcome.pending.id, f"Update fact {fact.id}"))
        else:
            text = "\n".join(outcome.warnings) + "\nNothing was saved yet. Save it as it is?"
            view.add_item(ConfirmButton(outcome.pending.id, "Save it anyway"))
        await send(interaction, content=text, view=view, ephemeral=True)
        return
    assert outcome.change is not None and outcome.fact is not None
    await announce(interaction, outcome.change)
    library = library_of(interaction)
    answered = await library.resolve_unanswered(server_of(interaction), outcome.fact.id)
    verb = "added" if outcome.change.action == "add" else "updated"
    content = f"Fact {outcome.fact.id} {verb}. It is in this server's answers now."
    if answered:
        # Members typed these questions: a masked link or a mention in one is shown as text.
        content += "\nIt answers questions people asked before: " + "; ".join(
            f"“{escape_markdown(q)}”" for q in answered[:5]
        )
    await send_fact(interaction, outcome.fact.id, content)


class ConfirmButton(
    Moderated, discord.ui.DynamicItem[discord.ui.Button], template=r"fact:confirm:(?P<id>\d+)"
):
    """Save a form its author was asked about (a quote without the value, a duplicate)."""

    def __init__(self, submission_id: int, label: str = "Save it anyway") -> None:
        self.submission_id = submission_id
        super().__init__(
            moderator_button(label, f"fact:confirm:{submission_id}", discord.ButtonStyle.primary)
        )

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]):
        return cls(int(match["id"]))

    async def act(self, interaction: discord.Interaction) -> None:
        curator = library_of(interaction).curator
        actor, server = actor_of(interaction), server_of(interaction)
        outcome = await written(interaction, lambda: curator.confirm(self.submission_id, actor, server))
        await report(interaction, outcome)
