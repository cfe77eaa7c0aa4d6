"""`/backlog`: now, ask, compare, trend, source, about. Each command parses, calls the core, replies."""

from __future__ import annotations

import io
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from ...client import server_of
from ...cooldown import check_public_answer
from ...core.chart import chart_plan, draw_png
from ...core.engine import Answer, AnswerEngine, AnswerKind, AnswerStatus
from ...core.exchange import series_csv, series_rows
from ...core.numbers import NumberFormatError, parse_number
from ...core.render import not_a_fact_id_words
from ...core.text import fold
from ...core.understand import MAX_QUESTION_LENGTH
from ...embeds import answer_embed, shorten
from ...errors import Refused, explained_choices
from ...replies import defer_reply, send_private
from ..curation.members import configure, open_proposal
from ..curation.options import fact_form_options
from ._buttons import answer_view
from ._replies import reply

if TYPE_CHECKING:
    from ...client import BacklogBotMixin

CHOICES_LIMIT = 25
CHOICE_LENGTH = 100
PRIVATE = "Only you see the answer"
# Rendered answers kept (`BacklogCog.reply_kept`), at most: as many as the library keeps answers.
RENDERED_KEPT = 1_024


def _choices(pairs: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=name[:CHOICE_LENGTH], value=value[:CHOICE_LENGTH])
        for name, value in pairs[:CHOICES_LIMIT]
    ]


@app_commands.allowed_installs(guilds=True, users=True)
@app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
class BacklogCog(
    commands.GroupCog,
    group_name="backlog",
    group_description="Sourced figures on the US immigration court backlog",
):
    def __init__(self, bot: BacklogBotMixin) -> None:
        self.bot = bot
        # The embed and buttons of each answer the library keeps (`now`, `about`, a question asked
        # again), by the answer's identity: the library gives the same answer object until the data
        # or the date changes, so each is rendered once. The answer is held, so its id stays its own.
        self._rendered: dict[int, tuple[Answer, discord.Embed, discord.ui.View | None]] = {}

    def engine(self, interaction: discord.Interaction) -> AnswerEngine:
        return self.bot.engine_for(interaction)

    async def reply_kept(
        self, interaction: discord.Interaction, answer: Answer, private: bool, *, buttons: bool = True
    ) -> None:
        """Reply with an answer the library keeps, rendered once (`_rendered`). Its buttons are
        shared by public replies only: discord.py gives the view of a private reply a timeout."""
        kept = self._rendered.get(id(answer))
        if kept is None or kept[0] is not answer:
            view = answer_view(answer) if buttons else None
            kept = (answer, answer_embed(answer, self.bot.renderer), view)
            self._rendered[id(answer)] = kept
            if len(self._rendered) > RENDERED_KEPT:
                del self._rendered[next(iter(self._rendered))]
        view = None if private and buttons else kept[2]
        await reply(interaction, answer, private=private, buttons=buttons, embed=kept[1], view=view)

    async def posting(self, interaction: discord.Interaction, private: bool) -> None:
        """Before any work: a public answer waits out the member's cooldown (`LimitReached`,
        answered privately). Sending it checks again (`send_answer`), so a button cannot skip it.

        Right after a change (a moderator's, or another process's), the server's engine is being
        built, or is still to be built: the reply is deferred first and the build awaited, so the
        answer never misses Discord's 3 seconds however long the build takes."""
        if not private:
            check_public_answer(interaction)
        library, server = self.bot.library, server_of(interaction)
        if not library.built(server):
            await defer_reply(interaction, private=private)
            await library.ready(server)

    @app_commands.command(name="now")
    @app_commands.describe(private=PRIVATE)
    async def now(self, interaction: discord.Interaction, private: bool = False) -> None:
        """The latest court backlog: its date, its source, and how it changed."""
        await self.posting(interaction, private)
        await self.reply_kept(interaction, self.bot.library.now(server_of(interaction)), private)

    @app_commands.command(name="ask")
    @app_commands.describe(question="Your question, in your own words", private=PRIVATE)
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_LENGTH],
        private: bool = False,
    ) -> None:
        """Ask about the backlog in your own words: a figure, a comparison, a trend, a source."""
        await self.posting(interaction, private)
        answer = self.bot.library.ask(server_of(interaction), question)
        note = None
        if answer.status is AnswerStatus.ANSWERED and answer.question:
            if interaction.guild_id and not private:  # a private question, or a DM's, is not shown
                self.bot.library.asked.record(str(interaction.guild_id), answer.question)
        elif interaction.guild_id and self.bot.library.writable:
            # Kept for the server's moderators: /fact unanswered lists what people could not learn,
            # up to the server's number a day for each member, so one cannot bury the others'.
            noted, note = self.bot.limits.take_unanswered(str(interaction.guild_id), str(interaction.user.id))
            if noted:  # written behind the reply: a lock held elsewhere never delays the answer
                self.bot.library.note_unanswered(server_of(interaction), question)
        await self.reply_kept(interaction, answer, private)
        if note:
            await send_private(interaction, note)

    @ask.autocomplete("question")
    @explained_choices
    async def ask_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not current.strip():
            questions = self.bot.most_asked(server_of(interaction), CHOICES_LIMIT)
        else:
            suggested = self.engine(interaction).suggest(current, CHOICES_LIMIT - 1)
            questions = [current[:CHOICE_LENGTH], *suggested]
        return _choices([(q, q) for q in dict.fromkeys(questions)])

    @app_commands.command(name="compare")
    @app_commands.rename(from_="from")
    @app_commands.describe(
        measure="What to compare",
        from_="The earlier time (2017, March 2024, FY2019)",
        to="The later time",
        private=PRIVATE,
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        measure: str,
        from_: str,
        to: str = "now",
        private: bool = False,
    ) -> None:
        """Compare one measure at two times: both figures, their sources, the change."""
        await self.posting(interaction, private)
        answer = self.engine(interaction).compare_times(measure, from_, to)
        await reply(interaction, answer, private=private)

    @compare.autocomplete("measure")
    @explained_choices
    async def measure_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(self._measures(interaction, current))

    @compare.autocomplete("from_")
    @compare.autocomplete("to")
    @explained_choices
    async def time_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        measure = self.engine(interaction).find_measure(interaction.namespace.measure or "")
        if measure is None:
            return _choices([("now", "now"), ("2017", "2017"), ("2021", "2021"), ("2024", "2024")])
        typed = fold(current)
        dates = []
        for fact in reversed(self.engine(interaction).series(measure.id).preferred_per_date()):
            label = fact.period.label
            if not typed or typed in fold(label) or typed in fact.date:
                dates.append((label, fact.date))
        return _choices([("now (the latest figure)", "now"), *dates])

    @app_commands.command(name="trend")
    @app_commands.describe(measure="What to chart", private=PRIVATE)
    async def trend(self, interaction: discord.Interaction, measure: str, private: bool = False) -> None:
        """A chart of one measure over time, every point a sourced fact, with every figure as a CSV file."""
        await self.posting(interaction, private)
        engine = self.engine(interaction)
        answer = engine.trend(measure)
        if answer.kind is not AnswerKind.TREND:
            await reply(interaction, answer, private=private)
            return
        await defer_reply(interaction, private=private)
        chosen = answer.data["measure"]
        series = engine.series(chosen.id)
        plan = chart_plan(chosen, series.facts + series.totals, engine.kb)
        png = draw_png(plan, self.bot.renderer.chart_words(plan))
        table = f"{chosen.id}.csv"
        csv = series_csv(series_rows(engine.kb, chosen.id))
        answer = replace(answer, data={**answer.data, "attachment": table})
        embed = answer_embed(answer, self.bot.renderer)
        embed.set_image(url="attachment://trend.png")
        files = [
            discord.File(io.BytesIO(png), "trend.png", description=shorten(embed.description or "", 1024)),
            discord.File(io.BytesIO(csv.encode("utf-8")), table),
        ]
        await reply(interaction, answer, private=private, embed=embed, files=files)

    @trend.autocomplete("measure")
    @explained_choices
    async def trend_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return _choices(self._measures(interaction, current))

    @app_commands.command(name="source")
    @app_commands.describe(fact="The fact's id (shown under every answer)", private=PRIVATE)
    async def source(self, interaction: discord.Interaction, fact: str, private: bool = False) -> None:
        """The full provenance of one fact, with a citation ready to copy."""
        # isdecimal, not isdigit: "²" is a digit that int() cannot read.
        if not fact.strip().isdecimal():
            raise Refused(not_a_fact_id_words(fact))
        await self.posting(interaction, private)
        answer = self.engine(interaction).fact_answer(int(fact))
        # The description holds the "Cite as" block, the same words as the Cite button's.
        await reply(interaction, answer, private=private)

    @source.autocomplete("fact")
    @explained_choices
    async def fact_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        engine = self.engine(interaction)
        kb = engine.kb
        renderer = self.bot.renderer
        text = current.strip()
        if text.isdecimal() and int(text) in kb.facts:
            facts = [kb.facts[int(text)]]
        else:
            try:
                facts = engine.facts_stating(parse_number(text)) if text else []
            except NumberFormatError:
                measure = engine.find_measure(text)
                facts = list(reversed(engine.series(measure.id).facts)) if measure else []
        pairs = [
            (f"{f.id}: {renderer.figure(f)}, {f.period.label}, {kb.sources[f.source].publisher}", str(f.id))
            for f in facts[:CHOICES_LIMIT]
        ]
        return _choices(pairs)

    @app_commands.command(name="about")
    @app_commands.describe(private=PRIVATE)
    async def about(self, interaction: discord.Interaction, private: bool = False) -> None:
        """What this bot covers, how recent its data is, and how to suggest a fact."""
        await self.posting(interaction, private)
        answer = self.bot.library.about(server_of(interaction))
        await self.reply_kept(interaction, answer, private, buttons=False)

    @app_commands.command(name="propose")
    @fact_form_options
    async def propose(
        self,
        interaction: discord.Interaction,
        measure: str,
        publisher: str,
        qualifier: str = "exact",
        status: str = "reported",
    ) -> None:
        """Suggest a sourced figure for this server; a moderator reviews it and you hear back."""
        await open_proposal(interaction, measure, publisher, qualifier, status)

    @app_commands.command(name="config")
    @app_commands.rename(
        moderator_role="moderator-role",
        audit_channel="audit-channel",
        proposals_per_day="proposals-per-day",
        unanswered_per_day="unanswered-per-day",
        answer_cooldown="answer-cooldown",
    )
    @app_commands.describe(
        moderator_role="Members with this role may curate facts (besides Manage Server)",
        audit_channel="Where every change to this server's facts is announced",
        proposals_per_day="Facts one member may propose in 24 hours (0: members cannot propose)",
        unanswered_per_day="Unanswerable questions noted for /fact unanswered per member in 24 hours",
        answer_cooldown="Seconds between one member's public answers (0: no limit; private ones never wait)",
    )
    async def config(
        self,
        interaction: discord.Interaction,
        moderator_role: discord.Role | None = None,
        audit_channel: discord.TextChannel | None = None,
        proposals_per_day: app_commands.Range[int, 0, 100] | None = None,
        unanswered_per_day: app_commands.Range[int, 0, 1000] | None = None,
        answer_cooldown: app_commands.Range[int, 0, 3600] | None = None,
    ) -> None:
        """Server admins: who moderates facts here, where changes are announced, what one member may do."""
        limits = {
            "proposals_per_day": proposals_per_day,
            "unanswered_per_day": unanswered_per_day,
            "answer_cooldown": answer_cooldown,
        }
        await configure(interaction, moderator_role, audit_channel, limits)

    def _measures(self, interaction: discord.Interaction, current: str) -> list[tuple[str, str]]:
        engine = self.engine(interaction)
        if not current.strip():
            # The headline measures, then the first others: only CHOICES_LIMIT are shown, and
            # measures are told apart by id (comparing whole measures field by field is slow).
            headline = {m.id for m in engine.headline_group}
            others = islice((m for m in engine.kb.measures.values() if m.id not in headline), CHOICES_LIMIT)
            return [(m.label, m.id) for m in [*engine.headline_group, *others]]
        return [(m.label, m.id) for m in engine.complete_measures(current, CHOICES_LIMIT)]
