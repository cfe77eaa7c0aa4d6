"""Settings from the environment (and a local `.env`), read in `main()`, never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line for the operator."""


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)  # never printed, never logged
    database: str | None = None
    dev_guild_id: int | None = None
    api_base: str | None = None
    gateway_url: str | None = None
    shard_count: int | None = None
    stale_after_days: int | None = None  # a headline figure older than this is said to be out of date

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        token = env.get("DISCORD_TOKEN", "").strip()
        if not token:
            raise SettingsError("DISCORD_TOKEN is not set: put the bot's token in the environment or in .env")
        return cls(
            token=token,
            database=env.get("BACKLOG_DB") or None,
            dev_guild_id=_integer(env, "DEV_GUILD_ID"),
            api_base=env.get("DISCORD_API_BASE") or None,
            gateway_url=env.get("DISCORD_GATEWAY_URL") or None,
            shard_count=_integer(env, "SHARD_COUNT"),
            stale_after_days=stale_after_days(env),
        )


def _integer(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SettingsError(f"{name} must be a number, not {raw!r}")
    return int(raw)


def stale_after_days(env: Mapping[str, str] | None = None) -> int | None:
    """`BACKLOG_STALE_AFTER_DAYS`: after how many days `/backlog now` calls its figure out of date."""
    return _integer(os.environ if env is None else env, "BACKLOG_STALE_AFTER_DAYS")
