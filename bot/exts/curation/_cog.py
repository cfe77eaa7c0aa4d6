"""`/fact`: moderators add, edit, retract and restore facts, review proposals and unanswered questions.

Discord shows `/fact` only to members with Manage Server (`default_permissions`);
server admins can open it to their moderator role in Server Settings →
Integrations. Every command also checks at run time (`moderators_only`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from ...client import server_of, written
from ...core.engine import Answer, AnswerKind, AnswerStatus
from ...core.forms import MAX_PLACE, FactForm, MeasureForm
from ...replies import NO_MENTIONS, send_private
from . import options
from ._access import moderators_only, require_moderator
from ._buttons import proposal_view, unanswered_view
from ._flows import actor_of, announce, library_of, send_fact
from ._modals import FactModal, MeasureModal
from ._saving import save_fact
from ._views import proposal_embed, unanswered_message

if TYPE_CHECKING:
    from ...client import BacklogBotMixin

MAX_REVIEWED = 10

FACT_ID = "The fact's id (shown under every answer)"


def fact_form(
    values: dict[str, str], measure: str, publisher: str, qualifier: str, status: str, place: str = ""
) -> FactForm:
    """The form a moderator filled in: the command's options and the modal's fields."""
    return FactForm(
        measure=measure, publisher=publisher, qualifier=qualifier, status=status, place=place, **values
    )


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class FactCog(
    commands.GroupCog, group_name="fact", group_description="Moderators: curate this server's facts"
):
    measure = app_commands.Group(name="measure", description="Moderators: what this server's facts measure")

    def __init__(self, bot: BacklogBotMixin) -> None:
        self.bot = bot

    @app_commands.command(name="add")
    @options.fact_form_options
    @app_commands.describe(place="For a figure by country or state: which one (Guatemala, Texas)")
    @moderators_only()
    async def add(
        self,
        interaction: discord.Interaction,
        measure: str,
        publisher: str,
        qualifier: str = "exact",
        status: str = "reported",
        place: app_commands.Range[str, 1, MAX_PLACE] = "",
    ) -> None:
        """Add a sourced figure to this server's facts: a form asks for value, date, link, title, quote."""

        async def submitted(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            form = fact_form(values, measure, publisher, qualifier, status, place)
            await save_fact(modal_interaction, form)

        await interaction.response.send_modal(FactModal("Add a fact", submitted))

    @app_commands.command(name="edit")
    @app_commands.describe(
        fact=FACT_ID,
        reason="Why it changes (kept in its history)",
        measure="A different measure, if that was wrong",
        publisher="A different publisher, if that was wrong",
        qualifier="A different qualifier",
        status="A different status",
    )
    @app_commands.choices(qualifier=options.QUALIFIERS, status=options.STATUSES)
    @app_commands.autocomplete(fact=options.own_facts, measure=options.measures, publisher=options.publishers)
    @moderators_only()
    async def edit(
        self,
        interaction: discord.Interaction,
        fact: int,
        reason: app_commands.Range[str, 1, 300],
        measure: str | None = None,
        publisher: str | None = None,
        qualifier: str | None = None,
        status: str | None = None,
    ) -> None:
        """Correct one of this server's facts: the form opens with its current values."""
        library = library_of(interaction)
        current = library.curator.editable_fact(fact, server_of(interaction))
        chosen = {"measure": measure, "publisher": publisher, "qualifier": qualifier, "status": status}
        form = replace(
            FactForm.of(current, library.kb.sources[current.source]),
            **{name: value for name, value in chosen.items() if value},
        )

        async def submitted(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            await save_fact(modal_interaction, replace(form, **values), edit_of=fact, reason=reason)

        await interaction.response.send_modal(FactModal(f"Edit fact {fact}", submitted, form.to_dict()))

    @app_commands.command(name="retract")
    @app_commands.describe(fact=FACT_ID, reason="Why it is withdrawn (kept in its history)")
    @app_commands.autocomplete(fact=options.own_facts)
    @moderators_only()
    async def retract(
        self, interaction: discord.Interaction, fact: int, reason: app_commands.Range[str, 1, 300]
    ) -> None:
        """Hide one of this server's facts from answers. It is kept, with its history, and can be restored."""
        curator = library_of(interaction).curator
        actor, server = actor_of(interaction), server_of(interaction)
        change = await written(interaction, lambda: curator.retract(fact, actor, server, reason))
        await announce(interaction, change)
        await send_private(
            interaction,
            f"Fact {fact} is retracted: it no longer appears in answers. `/fact restore` brings it back.",
        )

    @app_commands.command(name="restore")
    @app_commands.describe(fact=FACT_ID, reason="Why it comes back (optional)")
    @app_commands.autocomplete(fact=options.own_facts)
    @moderators_only()
    async def restore(self, interaction: discord.Interaction, fact: int, reason: str | None = None) -> None:
        """Bring a retracted fact back into this server's answers."""
        curator = library_of(interaction).curator
        actor, server = actor_of(interaction), server_of(interaction)
        change = await written(interaction, lambda: curator.restore(fact, actor, server, reason))
        await announce(interaction, change)
        await send_fact(interaction, fact, f"Fact {fact} is restored: it is in this server's answers again.")

    @app_commands.command(name="history")
    @app_commands.describe(fact=FACT_ID)
    @app_commands.autocomplete(fact=options.own_facts)
    @moderators_only()
    async def history(self, interaction: discord.Interaction, fact: int) -> None:
        """Every revision of a fact: who changed it, when, what changed and why."""
        library = library_of(interaction)
        revisions = library.curator.history(fact, server_of(interaction))
        current = library.curator.fact(fact)
        answer = Answer(AnswerStatus.ANSWERED, AnswerKind.HISTORY, {"fact": current, "revisions": revisions})
        text = library.renderer.render(answer)
        embed = discord.Embed(description=text[:4096], colour=discord.Colour.blurple())
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="review")
    @app_commands.describe(page=f"Which {MAX_REVIEWED} proposals to show, oldest first (1 is the first)")
    @moderators_only()
    async def review(
        self, interaction: discord.Interaction, page: app_commands.Range[int, 1, 100_000] = 1
    ) -> None:
        """Members' proposed facts, each with Approve and Reject buttons, a page at a time."""
        library = library_of(interaction)
        server = server_of(interaction)
        assert server is not None
        waiting = library.curator.pending_count(server)
        if not waiting:
            await send_private(
                interaction, "No proposals are waiting. Members propose facts with `/backlog propose`."
            )
            return
        pages = -(-waiting // MAX_REVIEWED)
        page = min(page, pages)
        first = (page - 1) * MAX_REVIEWED
        shown = library.curator.pending_proposals(server, offset=first, limit=MAX_REVIEWED)
        intro = f"{waiting} proposal(s) waiting" + (
            f"; {first + 1}–{first + len(shown)} below (page {page} of {pages})."
            + (f" `/fact review page:{page + 1}` shows the next." if page < pages else "")
            if pages > 1
            else "."
        )
        await interaction.response.send_message(intro, ephemeral=True, allowed_mentions=NO_MENTIONS)
        for proposal in shown:
            await interaction.followup.send(
                embed=proposal_embed(proposal, library.renderer),
                view=proposal_view(proposal.id),
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )

    @app_commands.command(name="unanswered")
    @moderators_only()
    async def unanswered(self, interaction: discord.Interaction) -> None:
        """Questions asked here that the bot could not answer, most frequent first."""
        library = library_of(interaction)
        library.flush_behind()  # questions asked a moment ago are written behind their replies
        content, questions = unanswered_message(library.unanswered.listed(server_of(interaction)))
        kwargs = {"ephemeral": True, "allowed_mentions": NO_MENTIONS}
        view = unanswered_view(questions)
        if view is not None:
            kwargs["view"] = view
        await interaction.response.send_message(content, **kwargs)

    @measure.command(name="add")
    @app_commands.describe(
        unit="What it counts in", kind="Whether it is a level, a count over time, a rate or a change"
    )
    @app_commands.choices(kind=options.KINDS)
    @app_commands.autocomplete(unit=options.units)
    @moderators_only()
    async def add_measure(self, interaction: discord.Interaction, unit: str, kind: str = "stock") -> None:
        """Add a new measure for this server: its name, definition, who counts it, other words for it."""

        async def submitted(modal_interaction: discord.Interaction, values: dict[str, str]) -> None:
            require_moderator(modal_interaction)  # again on submit, as `save_fact` does
            library = library_of(modal_interaction)
            form = MeasureForm(unit=unit, kind=kind, **values)
            actor, server = actor_of(modal_interaction), server_of(modal_interaction)
            created, change = await written(
                modal_interaction, lambda: library.curator.add_measure(form, actor, server)
            )
            await announce(modal_interaction, change)
            await send_private(
                modal_interaction,
                f"Measure “{created.label}” added (id `{created.id}`). Add its figures with `/fact add`.",
            )

        await interaction.response.send_modal(MeasureModal(submitted))
