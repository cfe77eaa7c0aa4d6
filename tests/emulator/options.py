"""Turn ``invoke("group", "sub", question="...")`` into Discord option JSON.

With the synced command schema at hand the builder knows every option's type,
nests subcommand groups/subcommands, fills ``resolved`` for users, roles,
channels and attachments, and rejects unknown or missing options: a typo in a
test fails loudly here instead of surfacing as a confusing bot-side error.
Without a schema (command never synced) types are inferred from Python values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import payloads
from .models import EmuChannel, EmuGuild, EmuMember, EmuRole, EmuUser, UploadedFile
from .world import World

# Application command option types.
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING = 3
INTEGER = 4
BOOLEAN = 5
USER = 6
CHANNEL = 7
ROLE = 8
MENTIONABLE = 9
NUMBER = 10
ATTACHMENT = 11


def infer_type(value: Any) -> int:
    """Option type for a Python value when no schema is known."""
    if isinstance(value, bool):  # before int: bool is an int subclass
        return BOOLEAN
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return NUMBER
    if isinstance(value, (EmuUser, EmuMember)):
        return USER
    if isinstance(value, EmuRole):
        return ROLE
    if isinstance(value, EmuChannel):
        return CHANNEL
    if isinstance(value, (UploadedFile, tuple, bytes)):
        return ATTACHMENT
    return STRING


@dataclass
class OptionBuilder:
    """Builds the ``options`` tree and the ``resolved`` map of one interaction."""

    world: World
    guild: EmuGuild | None
    channel_id: int
    resolved: dict[str, dict[str, Any]] = field(default_factory=dict)

    def build(
        self,
        schema: dict[str, Any] | None,
        path: Sequence[str],
        values: Mapping[str, Any],
        *,
        focused: str | None = None,
    ) -> list[dict[str, Any]]:
        """Options for command ``schema`` reached through subcommand ``path``."""
        level: list[dict[str, Any]] | None = schema.get("options", []) if schema is not None else None
        chain: list[tuple[str, int]] = []
        for i, name in enumerate(path):
            if level is None:
                chain.append((name, SUB_COMMAND if i == len(path) - 1 else SUB_COMMAND_GROUP))
                continue
            sub = next(
                (o for o in level if o["name"] == name and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)),
                None,
            )
            if sub is None:
                subs = [o["name"] for o in level if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
                raise ValueError(f"no subcommand {name!r} at {list(path[:i])}; have {subs}")
            chain.append((name, sub["type"]))
            level = sub.get("options", [])
        if level is not None and any(o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in level):
            subs = [o["name"] for o in level if o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)]
            raise ValueError(f"command path {list(path)} stops at a group; pick one of {subs}")

        leaf = self._leaf(level, values, focused=focused)
        # Wrap the leaf options in their subcommand/group options, innermost first.
        for name, kind in reversed(chain):
            leaf = [{"type": kind, "name": name, "options": leaf}]
        return leaf

    def _leaf(
        self, schema: list[dict[str, Any]] | None, values: Mapping[str, Any], *, focused: str | None
    ) -> list[dict[str, Any]]:
        if schema is None:
            return [
                self._option(name, infer_type(v), v, focused=name == focused) for name, v in values.items()
            ]
        by_name = {o["name"]: o for o in schema}
        unknown = sorted(set(values) - set(by_name))
        if unknown:
            raise ValueError(f"unknown option(s) {unknown}; the command has {sorted(by_name)}")
        if focused is None:
            missing = [o["name"] for o in schema if o.get("required") and o["name"] not in values]
            if missing:
                raise ValueError(f"missing required option(s) {missing}")
        elif focused not in values:
            raise ValueError(f"focused option {focused!r} needs a (partial) value")
        # Schema order, like the Discord client sends them.
        return [
            self._option(o["name"], o["type"], values[o["name"]], focused=o["name"] == focused)
            for o in schema
            if o["name"] in values
        ]

    def _option(self, name: str, kind: int, value: Any, *, focused: bool) -> dict[str, Any]:
        if focused:
            # Autocomplete sends what the user has typed so far, as typed.
            return {
                "type": kind,
                "name": name,
                "value": value if isinstance(value, str) else str(value),
                "focused": True,
            }
        return {"type": kind, "name": name, "value": self.convert(kind, value)}

    def convert(self, kind: int, value: Any) -> Any:
        if kind == STRING:
            return str(value)
        if kind == INTEGER:
            return int(value)
        if kind == BOOLEAN:
            return bool(value)
        if kind == NUMBER:
            return value if isinstance(value, (int, float)) else float(value)
        if kind in (USER, MENTIONABLE) and isinstance(value, (EmuUser, EmuMember)):
            return self._resolve_user(value.user if isinstance(value, EmuMember) else value)
        if kind in (ROLE, MENTIONABLE) and isinstance(value, EmuRole):
            self.resolved.setdefault("roles", {})[str(value.id)] = payloads.role(value)
            return str(value.id)
        if kind == CHANNEL and isinstance(value, EmuChannel):
            perms = self._permissions_in_guild()
            self.resolved.setdefault("channels", {})[str(value.id)] = payloads.channel(
                value, permissions=perms
            )
            return str(value.id)
        if kind == ATTACHMENT:
            return self._resolve_attachment(value)
        if isinstance(value, int) and kind in (USER, MENTIONABLE) and value in self.world.users:
            return self._resolve_user(self.world.users[value])
        # A raw snowflake for anything else: passed through unresolved.
        return str(value)

    def _permissions_in_guild(self) -> int | None:
        if self.guild is None:
            return None
        me = self.guild.get_member(self.world.bot.id)
        return self.guild.base_permissions(me) if me is not None else None

    def _resolve_user(self, user: EmuUser) -> str:
        self.resolved.setdefault("users", {})[str(user.id)] = payloads.user(user)
        member = self.guild.get_member(user.id) if self.guild is not None else None
        if member is not None and self.guild is not None:
            perms = self.guild.base_permissions(member)
            data = payloads.member(member, permissions=perms, with_user=False)
            self.resolved.setdefault("members", {})[str(user.id)] = data
        return str(user.id)

    def _resolve_attachment(self, value: Any) -> str:
        if isinstance(value, UploadedFile):
            filename, data, ctype = value.filename, value.data, value.content_type
        elif isinstance(value, tuple):
            filename, data = value[0], value[1]
            ctype = value[2] if len(value) > 2 else None
        elif isinstance(value, bytes):
            filename, data, ctype = "file.bin", value, None
        else:
            raise TypeError(
                f"attachment option needs (filename, bytes) or UploadedFile, not {type(value).__name__}"
            )
        stored = self.world.store_upload(
            channel_id=self.channel_id, filename=filename, data=data, content_type=ctype
        )
        att_id = str(stored.payload["id"])
        self.resolved.setdefault("attachments", {})[att_id] = stored.payload
        return att_id
