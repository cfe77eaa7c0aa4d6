"""The Discord client: dependencies in, extensions loaded, commands synced, every interaction logged."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from .core.engine import AnswerEngine
from .core.library import Library
from .core.limits import LimitSettings, MemberLimits
from .core.render import Renderer
from .deadline import use_deadline_adapter
from .errors import explain
from .settings import Settings

log = logging.getLogger(__name__)

EXTENSIONS = ("bot.exts.backlog", "bot.exts.curation")
# How often the writes kept behind the replies (unanswered questions, "most asked") are tried.
BEHIND_SECONDS = 0.25

T = TypeVar("T")


class BacklogTree(app_commands.CommandTree):
    """A command tree that writes one log line per interaction and hands errors to the explainer."""

    async def _call(self, interaction: discord.Interaction) -> None:
        started = time.perf_counter()
        try:
            await super()._call(interaction)
        finally:
            log_interaction(interaction, started)

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await explain(interaction, error)


def log_interaction(interaction: discord.Interaction, started: float) -> None:
    """The one line per interaction: what was used, how it ended, how long it took."""
    name = (
        interaction.command.qualified_name
        if interaction.command
        else (interaction.data or {}).get("custom_id")
    )
    kind = interaction.type.name
    level = logging.DEBUG if interaction.type is discord.InteractionType.autocomplete else logging.INFO
    status = interaction.extras.get("status", "ok")
    elapsed = (time.perf_counter() - started) * 1000
    log.log(
        level, "interaction %s %s %s status=%s latency=%.1fms", interaction.id, kind, name, status, elapsed
    )


async def written(interaction: discord.Interaction, action: Callable[[], T], *, update: bool = False) -> T:
    """A write made for an interaction, never waited for on the event loop: done at once when
    the lock is free; while another process holds it, the reply is deferred first (Discord's
    3 seconds run meanwhile) and the write waits for the lock beside every other interaction.
    `update`: a button that edits its own message defers as an update of that message."""

    async def defer() -> None:
        if interaction.response.is_done():
            return
        if update:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)

    library: Library = interaction.client.library  # type: ignore[attr-defined]
    return await library.write(action, waiting=defer)


class BacklogBotMixin:
    """What the bot adds to discord.py's Bot, with or without sharding."""

    library: Library
    settings: Settings
    limits: MemberLimits

    def _init_backlog(self, settings: Settings, library: Library, limits: LimitSettings | None) -> None:
        self.settings = settings
        self.library = library
        self.limits = MemberLimits(library.curator, defaults=limits)

    @property
    def renderer(self) -> Renderer:
        return self.library.renderer

    def engine_for(self, interaction: discord.Interaction) -> AnswerEngine:
        """The engine for where the interaction happened: a server sees its own facts too."""
        return self.library.engine(server_of(interaction))

    async def setup_hook(self) -> None:
        # Before any interaction arrives: their tasks start from this context and read the adapter.
        use_deadline_adapter()
        for extension in EXTENSIONS:
            await self.load_extension(extension)  # type: ignore[attr-defined]
        # Autocomplete's first keystrokes are answered from what this asks, off the event loop.
        try:
            engine = self.library.engine()  # read from the store here, on the loop's thread
        except Exception:  # the first command will say what is wrong; starting must not fail here
            log.exception("could not load the fact base to warm the answer engine")
        else:
            self._warming = asyncio.get_running_loop().run_in_executor(None, self._warm, engine)
        self._behind = asyncio.create_task(self._write_behind())
        tree: app_commands.CommandTree = self.tree  # type: ignore[attr-defined]
        if not self.settings.syncs_commands:
            log.info("commands are synced by the process that runs shard 0")
        elif self.settings.dev_guild_id:
            guild = discord.Object(self.settings.dev_guild_id)
            tree.copy_global_to(guild=guild)
            await tree.sync(guild=guild)
            log.info("commands synced to guild %s", self.settings.dev_guild_id)
        else:
            await tree.sync()
            log.info("commands synced globally")

    async def close(self) -> None:
        behind = getattr(self, "_behind", None)
        if behind is not None:
            behind.cancel()
        try:
            # The unanswered questions kept behind, then the "most asked" counts: at shutdown
            # these may wait for another process's lock (SQLite's busy timeout).
            self.library.flush_behind(wait=True)
            self.library.asked.flush()
        except Exception:  # stopping must not fail on it: at most one batch of counts is lost
            log.exception("could not save the questions kept behind")
        await super().close()  # type: ignore[misc]

    async def _write_behind(self) -> None:
        """Writes no reply waits for, done when the lock is free: a lock held by another process
        delays them, never an answer."""
        while True:
            await asyncio.sleep(BEHIND_SECONDS)
            try:
                self.library.flush_behind()
            except Exception:  # the next round tries again; the loop must keep running
                log.exception("writing the questions kept behind failed")

    @staticmethod
    def _warm(engine: AnswerEngine) -> None:
        try:
            engine.warm()
        except Exception:  # a warm-up that fails only leaves the first keystrokes slower
            log.exception("warming the answer engine failed")

    def most_asked(self, server: str | None, limit: int) -> list[str]:
        """What an empty "ask" field offers: this server's most asked questions (none in a DM),
        then the examples."""
        asked = self.library.asked.most(server, limit) if server is not None else []
        return list(dict.fromkeys(asked + self.library.engine(server).example_questions()))[:limit]


class BacklogBot(BacklogBotMixin, commands.Bot):
    def __init__(
        self, settings: Settings, library: Library, *, limits: LimitSettings | None = None, **options
    ) -> None:
        super().__init__(**_client_options(options))
        self._init_backlog(settings, library, limits)


class ShardedBacklogBot(BacklogBotMixin, commands.AutoShardedBot):
    def __init__(
        self, settings: Settings, library: Library, *, limits: LimitSettings | None = None, **options
    ) -> None:
        shards = list(settings.shard_ids) if settings.shard_ids is not None else None
        super().__init__(shard_count=settings.shard_count, shard_ids=shards, **_client_options(options))
        self._init_backlog(settings, library, limits)


def _client_options(options: dict) -> dict:
    return {
        # Slash commands only: no prefix commands, no message content, no member lists.
        "command_prefix": commands.when_mentioned,
        "intents": discord.Intents(guilds=True),
        "allowed_mentions": discord.AllowedMentions.none(),
        "tree_cls": BacklogTree,
        "help_command": None,
        **options,
    }


def create_bot(
    settings: Settings, library: Library, *, limits: LimitSettings | None = None, **options
) -> BacklogBot | ShardedBacklogBot:
    """The bot; `limits` are what a server that set none of its own gets (`LimitSettings()`'s)."""
    cls = ShardedBacklogBot if settings.shard_count else BacklogBot
    return cls(settings, library, limits=limits, **options)


def server_of(interaction: discord.Interaction) -> str | None:
    """The server an interaction happened in, as the fact base keys it (None in DMs)."""
    return str(interaction.guild_id) if interaction.guild_id else None
