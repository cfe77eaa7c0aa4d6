"""The `/fact` commands and the curation buttons."""

from discord.ext import commands

from ._buttons import DYNAMIC_ITEMS
from ._cog import FactCog
from ._saving import ConfirmButton


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(FactCog(bot))
    bot.add_dynamic_items(*DYNAMIC_ITEMS, ConfirmButton)
