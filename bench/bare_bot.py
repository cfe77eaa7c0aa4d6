"""A bare discord.py bot: `/backlog now` replies with one fixed embed. The floor `bench/bot_bench.py`
sets our bot beside: what discord.py itself costs from an interaction to its reply.

Reads the same variables as `python -m bot` (`DISCORD_TOKEN`, `DISCORD_API_BASE`,
`DISCORD_GATEWAY_URL`, `DEV_GUILD_ID`).
"""

from __future__ import annotations

import asyncio
import os

import discord
import yarl
from discord import app_commands
from discord.ext import commands

EMBED = discord.Embed(
    title="Immigration court backlog",
    description="3,400,000 cases as of August 2025 (a fixed answer: nothing is looked up).",
)


class Backlog(commands.GroupCog, group_name="backlog", group_description="A bare bot"):
    @app_commands.command(name="now")
    async def now(self, interaction: discord.Interaction, private: bool = False) -> None:
        """A fixed embed."""
        await interaction.response.send_message(embed=EMBED, ephemeral=private)


async def main() -> None:
    discord.http.Route.BASE = os.environ["DISCORD_API_BASE"].rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["DISCORD_GATEWAY_URL"])
    bot = commands.Bot(command_prefix=commands.when_mentioned, intents=discord.Intents(guilds=True))
    guild = discord.Object(int(os.environ["DEV_GUILD_ID"]))

    async def setup_hook() -> None:
        await bot.add_cog(Backlog())
        bot.tree.copy_global_to(guild=guild)
        await bot.tree.sync(guild=guild)

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    async with bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(main())
