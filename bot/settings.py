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
    # The shards this process runs (`SHARD_IDS`); None: all of `shard_count`. Several processes
    # each run a range over one database file (README, "Scaling").
    shard_ids: tuple[int, ...] | None = None
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
            shard_ids=shard_ids(env),
            stale_after_days=stale_after_days(env),
        )

    @property
    def syncs_commands(self) -> bool:
        """Whether this process registers the slash commands: one process does (the one with shard
        0, or the only one), so several processes do not each sync and spend Discord's rate limit."""
        return self.shard_ids is None or 0 in self.shard_ids


def _integer(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise SettingsError(f"{name} must be a number, not {raw!r}")
    return int(raw)


def shard_ids(env: Mapping[str, str]) -> tuple[int, ...] | None:
    """`SHARD_IDS`: "0-3", "4,5,6,7" or "8-11,15", each below `SHARD_COUNT` (which it needs)."""
    raw = env.get("SHARD_IDS", "").replace(" ", "")
    if not raw:
        return None
    count = _integer(env, "SHARD_COUNT")
    if count is None:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT: how many shards all the processes run together")
    ids: list[int] = []
    for part in raw.split(","):
        low, dash, high = part.partition("-")
        if not low.isdigit() or (dash and not high.isdigit()):
            raise SettingsError(f"SHARD_IDS must be shard numbers and ranges such as 0-3,8, not {raw!r}")
        first, last = int(low), int(high) if dash else int(low)
        if first > last:
            raise SettingsError(f"SHARD_IDS range {part!r} runs backwards")
        ids.extend(range(first, last + 1))
    outside = [i for i in ids if i >= count]
    if outside:
        raise SettingsError(
            f"SHARD_IDS names shard {outside[0]}, but SHARD_COUNT={count} numbers them 0-{count - 1}"
        )
    return tuple(sorted(set(ids)))


def stale_after_days(env: Mapping[str, str] | None = None) -> int | None:
    """`BACKLOG_STALE_AFTER_DAYS`: after how many days `/backlog now` calls its figure out of date."""
    return _integer(os.environ if env is None else env, "BACKLOG_STALE_AFTER_DAYS")
