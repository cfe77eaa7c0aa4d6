"""The `/backlog` commands."""

from discord.ext import commands

from ._cog import BacklogCog


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(BacklogCog(bot))
