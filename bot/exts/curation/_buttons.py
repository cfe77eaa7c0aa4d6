"""Persistent buttons for curation. Their state is a row in the database, named by the custom_id,
so a proposal can be approved, or a question dismissed, after the bot restarts (the button that
confirms a held form is `_saving.ConfirmButton`)."""

from __future__ import annotations

import re
from typing import Any

import discord

from ...client import server_of, written
from ...replies import NO_MENTIONS
from ._flows import actor_of, announce, library_of, tell_proposer
from ._moderated import Moderated, moderator_button
from ._views import proposal_embed, unanswered_message


class ApproveButton(
    Moderated, discord.ui.DynamicItem[discord.ui.Button], template=r"fact:approve:(?P<id>\d+)"
):
    def __init__(self, submission_id: int) -> None:
        self.submission_id = submission_id
        super().__init__(
            moderator_button("Approve", f"fact:approve:{submission_id}", discord.ButtonStyle.success)
        )

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]):
        return cls(int(match["id"]))

    async def act(self, interaction: discord.Interaction) -> None:
        await decide(interaction, self.submission_id, approve=True)


class RejectButton(Moderated, discord.ui.DynamicItem[discord.ui.Button], template=r"fact:reject:(?P<id>\d+)"):
    def __init__(self, submission_id: int) -> None:
        self.submission_id = submission_id
        super().__init__(
            moderator_button("Reject", f"fact:reject:{submission_id}", discord.ButtonStyle.danger)
        )

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]):
        return cls(int(match["id"]))

    async def act(self, interaction: discord.Interaction) -> None:
        await decide(interaction, self.submission_id, approve=False)


async def decide(interaction: discord.Interaction, submission_id: int, *, approve: bool) -> None:
    """Approve or reject a proposal, update its message, and tell the proposer."""
    library = library_of(interaction)
    server = server_of(interaction)
    assert server is not None
    actor = actor_of(interaction)
    proposal, outcome = await written(
        interaction, lambda: library.curator.decide(submission_id, approve, actor, server), update=True
    )
    guild = interaction.guild.name if interaction.guild else "the server"
    if outcome is not None and outcome.change is not None and outcome.fact is not None:
        await announce(interaction, outcome.change)
        await library.resolve_unanswered(server, outcome.fact.id)
        note = f"Approved by {actor_of(interaction).name}: fact {outcome.fact.id} is in the answers."
        told = f"Your proposed fact in {guild} was approved: it is fact {outcome.fact.id} now. Thank you!"
    else:
        note = f"Rejected by {actor_of(interaction).name}."
        told = (
            f"Your proposed fact in {guild} ({proposal.form.value}, {proposal.form.date}) was not accepted."
        )
    embed = proposal_embed(proposal, library.renderer, note=note)
    await edit_own_message(interaction, embed=embed, view=None, allowed_mentions=NO_MENTIONS)
    await tell_proposer(interaction, proposal, told)


class DismissButton(
    Moderated, discord.ui.DynamicItem[discord.ui.Button], template=r"fact:dismiss:(?P<id>\d+)"
):
    """Take a question off the unanswered list (spam, off-topic, or nothing to add)."""

    def __init__(self, question_id: int, number: int) -> None:
        self.question_id = question_id
        super().__init__(
            moderator_button(
                f"Dismiss {number}", f"fact:dismiss:{question_id}", discord.ButtonStyle.secondary
            )
        )

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]):
        return cls(int(match["id"]), 0)

    async def act(self, interaction: discord.Interaction) -> None:
        unanswered = library_of(interaction).unanswered
        server, name = server_of(interaction), actor_of(interaction).name
        await written(
            interaction,
            lambda: unanswered.close(self.question_id, server, "dismissed", name),
            update=True,
        )
        content, questions = unanswered_message(unanswered.listed(server))
        await edit_own_message(
            interaction, content=content, view=unanswered_view(questions), allowed_mentions=NO_MENTIONS
        )


async def edit_own_message(interaction: discord.Interaction, **changes: Any) -> None:
    """Edit the message the button is on: at once, or after a deferred update (the write waited)."""
    if interaction.response.is_done():
        await interaction.edit_original_response(**changes)
    else:
        await interaction.response.edit_message(**changes)


def unanswered_view(questions: list) -> discord.ui.View | None:
    if not questions:
        return None
    view = discord.ui.View(timeout=None)
    for number, question in enumerate(questions, 1):
        view.add_item(DismissButton(question.id, number))
    return view


def proposal_view(submission_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ApproveButton(submission_id))
    view.add_item(RejectButton(submission_id))
    return view


DYNAMIC_ITEMS = (ApproveButton, RejectButton, DismissButton)
