"""`python -m bot`: run the Discord bot (the Procfile's worker)."""

from __future__ import annotations

import asyncio
import logging
import sys

import discord
import yarl
from dotenv import load_dotenv

from .client import create_bot
from .core.factbase import open_for_bot
from .core.knowledge import KnowledgeError
from .core.library import Library
from .core.store import StoreError
from .settings import Settings, SettingsError

log = logging.getLogger("bot")


def point_discord_at(settings: Settings) -> None:
    """Use another REST base and gateway (an HTTP proxy, or the test emulator) when configured."""
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base.rstrip("/")
    if settings.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


async def run(settings: Settings) -> None:
    store = open_for_bot(settings.database)
    if not store.writable and store.path is None:
        log.warning(
            "BACKLOG_DB is not set: answering from the built-in fact base; moderators cannot save changes"
        )
    elif not store.writable:
        log.warning("%s is read-only: answering from it; moderators cannot save changes", store.path)
    bot = create_bot(settings, Library(store, stale_after_days=settings.stale_after_days))
    async with bot:
        await bot.start(settings.token)


def main() -> None:
    load_dotenv()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings.from_env()
        point_discord_at(settings)
        asyncio.run(run(settings))
    except (SettingsError, StoreError, KnowledgeError) as error:
        print(f"backlog: {error}", file=sys.stderr)
        sys.exit(2)
    except discord.LoginFailure:
        print("backlog: Discord rejected DISCORD_TOKEN: check the bot's token", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
