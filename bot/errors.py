"""The one Discord error explainer: whatever fails in a command, an autocomplete, a button or a
form ends here, and this decides what the member sees.

- A **refusal** is the member's to act on: a check (not a moderator, not in a server, not a fact
  id), or a domain error (what was typed, a member's limit, a read-only or busy fact base). They
  get its words, privately, and nothing was written.
- **Anything else** is the bot's: logged with its traceback, and the member is told, privately,
  that it was not their doing.

Either way the reply is ephemeral, sent as the interaction's response or as a follow-up when it
was answered or deferred already (`bot.replies.send_private`). Callers raise and never catch:
the command tree, every persistent button (`bot.components`), every form and every autocomplete
(`explained_choices`) route here.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from .core.forms import CurationError
from .core.limits import LimitReached
from .core.render import error_words
from .core.store import StoreError
from .core.text import escape_markdown
from .core.understand import QuestionError
from .replies import send_private

log = logging.getLogger(__name__)


class Refused(app_commands.CheckFailure):
    """The Discord layer's own refusal; its words come from the render layer and are shown as they
    are (they may hold a `/command`). As a `CheckFailure` it also serves as a command check's."""


# Errors that mean "not like that": the message says why, in words for the person who asked.
DOMAIN_ERRORS: tuple[type[Exception], ...] = (CurationError, QuestionError, StoreError, LimitReached)
# Whose words are the bot's own, shown as they are; a domain error's message quotes what was
# typed ("The link '[x](https://…)' …"), so it is escaped: a masked link or a mention is text.
OWN_WORDS: tuple[type[Exception], ...] = (app_commands.CheckFailure, LimitReached)


def is_refusal(error: BaseException) -> bool:
    return isinstance(error, (app_commands.CheckFailure, *DOMAIN_ERRORS))


def refusal_words(error: BaseException) -> str:
    return str(error) if isinstance(error, OWN_WORDS) else escape_markdown(str(error))


async def explain(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the member what became of their interaction, and log what was the bot's fault."""
    # discord.py wraps a command's exception (CommandInvokeError); the cause is what is explained.
    error = getattr(error, "original", error)
    if is_refusal(error):
        interaction.extras["status"] = "refused"
        words = refusal_words(error)
    else:
        interaction.extras["status"] = "error"
        log.error("interaction %s failed", interaction.id, exc_info=error)
        words = error_words()
    if interaction.type is discord.InteractionType.autocomplete:
        return  # it can only offer choices: `explained_choices` offers none
    await send_private(interaction, words)


Choices = Callable[..., Awaitable[list[Any]]]


def explained_choices(callback: Choices) -> Choices:
    """An autocomplete callback whose failure is explained like any other, and offers no choices.
    discord.py never hands an autocomplete's exception to the tree's `on_error`: it logs it and
    answers nothing, and Discord shows "Loading options failed"."""

    @functools.wraps(callback)
    async def choices(*args: Any) -> list[Any]:
        try:
            return await callback(*args)
        except Exception as error:
            await explain(args[-2], error)  # (self,) interaction, current
            return []

    return choices
