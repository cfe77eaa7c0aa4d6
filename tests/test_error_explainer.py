"""One place turns an error into what a member sees (`bot/errors.py`), for every command,
autocomplete, button and form: read from the code with `ast`, and tried through the emulator."""

from __future__ import annotations

import ast
import logging

from conftest import ROOT, TODAY
from test_bot import EPHEMERAL
from test_curation_bot import MEASURE, NEW_FIGURE

from bot.core.library import Library
from bot.core.render import Renderer, error_words, moderators_only_words
from tests.emulator import DiscordEmulator
from tests.running_bot import make_bot

pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]

# The Discord layer: everything in bot/ but the core, the command line (an adapter of its own,
# with its own one-line errors) and the start-up's exit statuses.
DISCORD_LAYER = [
    path
    for path in sorted((ROOT / "bot").rglob("*.py"))
    if "core" not in path.relative_to(ROOT / "bot").parts
    and path.name not in ("cli.py", "__main__.py", "errors.py")
]
# What only the explainer may catch: refusals and domain errors.
EXPLAINED = {
    "CurationError",
    "QuestionError",
    "StoreError",
    "LimitReached",
    "FactBaseBusy",
    "WriteBusy",
    "Refused",
    "CheckFailure",
    "AppCommandError",
    "DOMAIN_ERRORS",
    "ValueError",
}


def caught_names(handler: ast.ExceptHandler) -> set[str]:
    names = set()
    for node in ast.walk(handler.type) if handler.type is not None else ():
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    return names


def test_no_command_button_or_form_catches_a_refusal_itself() -> None:
    """Commands, buttons and forms raise; the command tree, `LoggedComponent` and the forms'
    `on_error` hand what they raise to `explain`. A local `try/except` would word it again."""
    local = []
    for path in DISCORD_LAYER:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and caught_names(node) & EXPLAINED:
                local.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} catches {caught_names(node) & EXPLAINED}"
                )
    assert not local, "refusals answered outside bot/errors.py:\n" + "\n".join(local)


def test_every_error_handler_hands_over_to_the_explainer() -> None:
    handlers = []
    for path in DISCORD_LAYER:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.AsyncFunctionDef) and node.name == "on_error":
                calls = {
                    n.func.id
                    for n in ast.walk(node)
                    if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                }
                handlers.append((f"{path.relative_to(ROOT)}:{node.lineno}", "explain" in calls))
    assert handlers and all(explained for _, explained in handlers), handlers


def test_every_autocomplete_is_explained() -> None:
    """discord.py only logs an autocomplete's exception; `explained_choices` hands it over."""
    callbacks = []
    for path in DISCORD_LAYER:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.AsyncFunctionDef) and "current" in [a.arg for a in node.args.args]:
                names = {d.id for d in node.decorator_list if isinstance(d, ast.Name)}
                callbacks.append((f"{path.relative_to(ROOT)}:{node.name}", "explained_choices" in names))
    assert len(callbacks) >= 9 and all(explained for _, explained in callbacks), callbacks


async def test_a_refusal_reads_the_same_from_a_command_a_button_and_a_form(bot, library) -> None:
    """A member who is no moderator uses `/fact` (opened to them by a server admin), presses a
    review card's Approve, and submits a moderator's open form: the same private words each time."""
    member = bot.world.member
    command = await bot.invoke("fact", "history", user=member, check_permissions=False, fact=1)
    proposal = await bot.invoke("backlog", "propose", user=member, measure=MEASURE, publisher="Example")
    proposed = await bot.submit_modal((await proposal.response()).data["custom_id"], NEW_FIGURE, user=member)
    assert "waits for a moderator" in (await proposed.wait_for_reply()).content
    review = await bot.invoke("fact", "review", user=bot.world.manager)
    await review.response()
    card = await review.wait_for_followup()
    approve = next(c for c in card.custom_ids() if c.startswith("fact:approve:"))
    button = await bot.click(approve, message=card, user=member)
    opened = await bot.invoke("fact", "add", user=bot.world.manager, measure=MEASURE, publisher="Example")
    form = await bot.submit_modal((await opened.response()).data["custom_id"], NEW_FIGURE, user=member)
    for it in (command, button, form):
        reply = await it.wait_for_reply()
        assert reply.flags & EPHEMERAL and reply.content == moderators_only_words(), it
    assert library.curator.pending_count(str(bot.guild_id)) == 1  # the proposal, nothing approved


class BrokenCharts(Renderer):
    def chart_words(self, plan):
        raise RuntimeError("the chart's words went missing")


async def test_an_error_after_a_public_thinking_is_told_privately_and_leaves_nothing_public(
    discord_emulator: DiscordEmulator, library: Library, error_logs
) -> None:
    """`/backlog trend` says "thinking…" in the channel while it draws; when drawing fails, that
    placeholder goes, and only the member who asked reads that something went wrong."""
    emu = discord_emulator
    library.renderer = BrokenCharts(library.kb, today=lambda: TODAY)
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        it = await emu.invoke("backlog", "trend", measure="immigration_court_pending_cases_eoir")
        reply = await it.wait_for_reply()
    assert reply.flags & EPHEMERAL and reply.content == error_words()
    assert it.original_deleted  # the public "thinking…" is gone, not turned into the error
    assert not [m for m in it.messages if not m.flags & EPHEMERAL]
    assert any(str(it.id) in r.getMessage() for r in error_logs.records)
    error_logs.records.clear()  # this one was expected


class BrokenEngine(Library):
    broken = False

    def engine(self, server=None):
        if self.broken:
            raise RuntimeError("the engine went away")
        return super().engine(server)


async def test_a_failing_button_and_autocomplete_are_answered_and_logged(
    discord_emulator: DiscordEmulator, library: Library, error_logs, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot.client")  # the line per interaction
    emu = discord_emulator
    broken = BrokenEngine(library.store, today=lambda: TODAY)
    async with emu.running(make_bot(emu, broken)):
        await emu.wait_for_commands(emu.guild_id)
        answer = await (await emu.invoke("backlog", "ask", question="court backlog now")).wait_for_reply()
        cite = next(c for c in answer.custom_ids() if c.startswith("backlog:cite:"))
        broken.broken = True
        pressed = await emu.click(cite, message=answer)
        reply = await pressed.wait_for_reply()
        typed = await emu.autocomplete("backlog", "ask", focused="question", question="court backl")
        offered = await typed.response()
    assert reply.flags & EPHEMERAL and reply.content == error_words()
    assert offered.type == 8 and offered.choices == []  # no options, not "Loading options failed"
    logged = [r.getMessage() for r in error_logs.records]
    assert any(str(pressed.id) in m for m in logged) and any(str(typed.id) in m for m in logged)
    assert any(f"{pressed.id} component {cite} status=error" in r.getMessage() for r in caplog.records)
    error_logs.records.clear()  # these were expected
