"""The `/backlog` commands."""

from discord.ext import commands

from ._buttons import DYNAMIC_ITEMS
from ._cog import BacklogCog


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(BacklogCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
