"""Registry of application commands, as synced by the bot.

discord.py's ``CommandTree.sync()`` PUTs the whole list for a scope (global
or one guild) and rebuilds ``AppCommand`` objects from the reply, which must
therefore carry ``id``, ``application_id``, ``name``, ``description``.
Ids are stable per (name, type) like on Discord, so re-syncing does not
change them.
"""

from __future__ import annotations

import copy
from typing import Any

from .ids import SnowflakeFactory

#: Scope key of global commands; guild scopes use the guild id.
GLOBAL = 0


class CommandRegistry:
    """Global and per-guild command lists plus a sync counter per scope."""

    def __init__(self, *, application_id: int, ids: SnowflakeFactory) -> None:
        self.application_id = application_id
        self._ids = ids
        self._scopes: dict[int, list[dict[str, Any]]] = {}
        #: How many bulk overwrites (PUTs) each scope received.
        self.sync_counts: dict[int, int] = {}

    def commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """A deep copy of the commands of a scope (global if guild_id None)."""
        return copy.deepcopy(self._scopes.get(guild_id or GLOBAL, []))

    def bulk_overwrite(self, guild_id: int | None, body: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """PUT semantics: the scope becomes exactly ``body``."""
        scope = guild_id or GLOBAL
        old = {(c["name"], c.get("type", 1)): c for c in self._scopes.get(scope, [])}
        self._scopes[scope] = [
            self._complete(c, guild_id, old.get((c["name"], c.get("type", 1)))) for c in body
        ]
        self.sync_counts[scope] = self.sync_counts.get(scope, 0) + 1
        return self.commands(guild_id)

    def upsert(self, guild_id: int | None, body: dict[str, Any]) -> dict[str, Any]:
        """POST semantics: create or replace one command by (name, type)."""
        scope = guild_id or GLOBAL
        current = self._scopes.setdefault(scope, [])
        key = (body["name"], body.get("type", 1))
        old = next((c for c in current if (c["name"], c.get("type", 1)) == key), None)
        new = self._complete(body, guild_id, old)
        if old is not None:
            current[current.index(old)] = new
        else:
            current.append(new)
        return copy.deepcopy(new)

    def get(self, guild_id: int | None, command_id: int) -> dict[str, Any] | None:
        return next((c for c in self._scopes.get(guild_id or GLOBAL, []) if int(c["id"]) == command_id), None)

    def edit(self, guild_id: int | None, command_id: int, body: dict[str, Any]) -> dict[str, Any] | None:
        cmd = self.get(guild_id, command_id)
        if cmd is None:
            return None
        cmd.update({k: v for k, v in body.items() if k not in ("id", "application_id")})
        cmd["version"] = str(self._ids.next())
        return copy.deepcopy(cmd)

    def delete(self, guild_id: int | None, command_id: int) -> bool:
        cmd = self.get(guild_id, command_id)
        if cmd is None:
            return False
        self._scopes[guild_id or GLOBAL].remove(cmd)
        return True

    def find(
        self, name: str, *, guild_id: int | None, command_type: int = 1
    ) -> tuple[dict[str, Any] | None, int | None]:
        """Resolve a command as Discord would for a user in ``guild_id`` (None
        for a DM): guild commands shadow global ones. Returns (command, the
        guild id of its scope or None if global)."""
        if guild_id is not None:
            for c in self._scopes.get(guild_id, []):
                if c["name"] == name and c.get("type", 1) == command_type:
                    return c, guild_id
        for c in self._scopes.get(GLOBAL, []):
            if c["name"] == name and c.get("type", 1) == command_type:
                return c, None
        return None, None

    def known_anywhere(self, name: str) -> bool:
        return any(c["name"] == name for cmds in self._scopes.values() for c in cmds)

    def _complete(
        self, body: dict[str, Any], guild_id: int | None, old: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Fill in the server-side fields Discord adds to a command."""
        cmd = copy.deepcopy(body)
        cmd["id"] = old["id"] if old is not None else str(self._ids.next())
        cmd["application_id"] = str(self.application_id)
        cmd["version"] = str(self._ids.next())
        cmd.setdefault("type", 1)
        cmd.setdefault("description", "")
        cmd.setdefault("options", [])
        cmd.setdefault("default_member_permissions", None)
        cmd.setdefault("nsfw", False)
        if guild_id is not None:
            cmd["guild_id"] = str(guild_id)
        else:
            cmd.setdefault("contexts", None)
            cmd.setdefault("integration_types", [0])
        return cmd
