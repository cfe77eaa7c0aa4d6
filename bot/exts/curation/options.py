"""Options shared by the curation commands: choices, and autocomplete of measures, publishers, facts."""

from __future__ import annotations

import discord
from discord import app_commands

from ...client import server_of
from ...core.models import MeasureKind, Qualifier, Status
from ...core.numbers import format_number
from ...core.text import fold
from ...errors import explained_choices
from ._flows import library_of

LIMIT = 25

QUALIFIERS = [app_commands.Choice(name=q.words or "exact", value=q.value) for q in Qualifier]
STATUSES = [
    app_commands.Choice(name="reported: a count the source published", value=Status.REPORTED.value),
    app_commands.Choice(name="estimate", value=Status.ESTIMATE.value),
    app_commands.Choice(name="projection: a forecast, not a count", value=Status.PROJECTION.value),
    app_commands.Choice(name="claim: someone's statement, not a count", value=Status.CLAIM.value),
]
KINDS = [
    app_commands.Choice(name="stock: a level on a date (cases pending)", value=MeasureKind.STOCK.value),
    app_commands.Choice(
        name="flow: a count over a period (completions in FY2024)", value=MeasureKind.FLOW.value
    ),
    app_commands.Choice(name="rate: a percentage or an average", value=MeasureKind.RATE.value),
    app_commands.Choice(name="change: a difference over a period", value=MeasureKind.CHANGE.value),
]


def fact_form_options(command):
    """The options of the fact form's command (add, propose): described, with choices and autocomplete."""
    command = app_commands.describe(
        measure="What the figure counts (pick from the list)",
        publisher="Who published it",
        qualifier="How the source words the number",
        status="Whether it is a count, an estimate, a projection or a claim",
    )(command)
    command = app_commands.choices(qualifier=QUALIFIERS, status=STATUSES)(command)
    return app_commands.autocomplete(measure=measures, publisher=publishers)(command)


def _choices(pairs: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=n[:100], value=v[:100]) for n, v in pairs[:LIMIT]]


@explained_choices
async def measures(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    kb = library_of(interaction).view(server_of(interaction))
    typed = fold(current)
    found = [
        (m.label, m.id) for m in kb.measures.values() if not typed or typed in fold(m.label + " " + m.id)
    ]
    found.sort(key=lambda pair: (not fold(pair[0]).startswith(typed), pair[0]))
    return _choices(found)


@explained_choices
async def publishers(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    kb = library_of(interaction).view(server_of(interaction))
    typed = fold(current)
    names = sorted({s.publisher for s in kb.sources.values() if not typed or typed in fold(s.publisher)})
    return _choices([(name, name) for name in names])


@explained_choices
async def units(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    kb = library_of(interaction).kb
    typed = fold(current)
    return _choices([(u.plural, u.id) for u in kb.units.values() if typed in fold(u.plural + " " + u.id)])


@explained_choices
async def own_facts(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
    """This server's own facts, newest first; typing narrows by id, value or words of the measure."""
    library = library_of(interaction)
    server = server_of(interaction)
    typed = fold(current)
    choices = []
    own = [fact for fact in library.kb.facts.values() if fact.server == server]
    for fact in sorted(own, key=lambda f: -f.id):
        measure = library.kb.measures[fact.measure]
        name = f"{fact.id}: {format_number(fact.value)}, {fact.period.label}, {measure.label}"
        if fact.retracted:
            name += " (retracted)"
        if not typed or typed in fold(name):
            choices.append(app_commands.Choice(name=name[:100], value=fact.id))
        if len(choices) == LIMIT:
            break
    return choices
