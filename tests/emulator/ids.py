"""Snowflake and token generation for the emulator.

Discord ids are snowflakes: the top 42 bits are milliseconds since the Discord
epoch. discord.py derives ``created_at`` from them and special-cases deleting
messages younger than ten seconds, so the emulator issues time-based snowflakes
rather than small counters.
"""

from __future__ import annotations

import itertools
import secrets
import time

DISCORD_EPOCH_MS = 1420070400000


class SnowflakeFactory:
    """Issues strictly increasing, time-based snowflakes."""

    def __init__(self) -> None:
        # The low 22 bits hold worker/process/increment; a plain counter there
        # keeps ids unique even when many are issued within one millisecond.
        self._counter = itertools.count(1)
        self._last = 0

    def next(self) -> int:
        """Return a new snowflake, greater than every one issued before."""
        now_ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        candidate = (now_ms << 22) | (next(self._counter) & 0x3FFFFF)
        # Guarantee monotonicity even if the counter wraps or the clock steps back.
        self._last = max(candidate, self._last + 1)
        return self._last


def new_token(prefix: str = "") -> str:
    """Return an URL-safe random token (interaction tokens, session ids...).

    URL-safe matters: discord.py puts interaction tokens into the path of
    webhook routes, percent-quoting anything unusual.
    """
    return prefix + secrets.token_urlsafe(24)
