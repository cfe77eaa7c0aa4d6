"""Plain data objects for the emulated Discord world.

These are what tests build and inspect; JSON shapes live in ``payloads.py``.
Keeping them separate means a test can say ``emu.manager`` or
``emu.guild.text_channel`` without caring how Discord spells the payload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import discord

# Permission bits the defaults need. Taken from discord.py itself so the
# emulator and the library can never disagree on a bit position.
ADMINISTRATOR = discord.Permissions(administrator=True).value
MANAGE_GUILD = discord.Permissions(manage_guild=True).value
ALL_PERMISSIONS = discord.Permissions.all().value
EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_application_commands=True,
    use_external_emojis=True,
).value
#: What Discord reports as ``app_permissions`` in a DM with the bot.
DM_APP_PERMISSIONS = EVERYONE_PERMISSIONS

# Channel and message flag values used in several modules.
CHANNEL_TEXT = 0
CHANNEL_DM = 1
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7


def iso_now() -> str:
    """Current time as the ISO-8601 string Discord uses in payloads."""
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass
class EmuUser:
    """A Discord user (human or bot)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    avatar: str | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class EmuRole:
    """A guild role. The @everyone role has the guild's id."""

    id: int
    name: str
    permissions: int = 0
    position: int = 0
    managed: bool = False
    mentionable: bool = False
    hoist: bool = False
    tags: dict[str, Any] | None = None


@dataclass
class EmuChannel:
    """A guild channel or a DM channel (``type`` 1, ``guild_id`` None)."""

    id: int
    name: str | None
    type: int = CHANNEL_TEXT
    guild_id: int | None = None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    nsfw: bool = False
    recipients: list[EmuUser] = field(default_factory=list)
    permission_overwrites: list[dict[str, Any]] = field(default_factory=list)

    @property
    def is_dm(self) -> bool:
        return self.guild_id is None


@dataclass
class EmuMember:
    """A user's membership in one guild."""

    user: EmuUser
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)


@dataclass
class EmuGuild:
    """A guild with its roles, channels and members."""

    id: int
    name: str
    owner_id: int
    roles: list[EmuRole] = field(default_factory=list)
    channels: list[EmuChannel] = field(default_factory=list)
    members: list[EmuMember] = field(default_factory=list)
    locale: str = "en-US"
    features: list[str] = field(default_factory=list)

    @property
    def everyone_role(self) -> EmuRole:
        return self.get_role(self.id)

    @property
    def text_channel(self) -> EmuChannel:
        """The first text channel: where interactions happen by default."""
        return next(c for c in self.channels if c.type == CHANNEL_TEXT)

    def get_role(self, role_id: int) -> EmuRole:
        return next(r for r in self.roles if r.id == role_id)

    def find_role(self, name: str) -> EmuRole:
        return next(r for r in self.roles if r.name == name)

    def get_channel(self, channel_id: int) -> EmuChannel | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def get_member(self, user_id: int) -> EmuMember | None:
        return next((m for m in self.members if m.user.id == user_id), None)

    def base_permissions(self, member: EmuMember, extra_roles: list[int] | None = None) -> int:
        """Guild-level permissions of ``member``, as Discord computes them.

        Channel overwrites are not modelled: the defaults have none, and tests
        that need something specific pass ``permissions=`` explicitly.
        """
        if member.user.id == self.owner_id:
            return ALL_PERMISSIONS
        perms = self.everyone_role.permissions
        for role_id in [*member.roles, *(extra_roles or [])]:
            role = next((r for r in self.roles if r.id == role_id), None)
            if role is not None:
                perms |= role.permissions
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return perms


@dataclass
class UploadedFile:
    """A file part of a multipart/form-data request (``files[n]``)."""

    field: str
    filename: str
    content_type: str
    data: bytes

    @property
    def index(self) -> int | None:
        """The ``n`` of ``files[n]``: what ``attachments[].id`` refers to."""
        if self.field.startswith("files[") and self.field.endswith("]"):
            return int(self.field[6:-1])
        return None


@dataclass
class StoredAttachment:
    """An attachment the emulator serves back at its ``url``."""

    payload: dict[str, Any]
    data: bytes

    @property
    def filename(self) -> str:
        return str(self.payload["filename"])


@dataclass
class EmuMessage:
    """A message as the emulator stores it (the bot's replies, mostly).

    ``payload`` is always the current Discord message object, exactly what the
    emulator returns to discord.py; ``history`` keeps earlier versions.
    """

    id: int
    channel_id: int
    guild_id: int | None
    payload: dict[str, Any]
    attachments_data: dict[int, StoredAttachment] = field(default_factory=dict)
    interaction_id: int | None = None
    history: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False

    @property
    def content(self) -> str:
        return str(self.payload.get("content") or "")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return list(self.payload.get("embeds") or [])

    @property
    def components(self) -> list[dict[str, Any]]:
        return list(self.payload.get("components") or [])

    @property
    def flags(self) -> int:
        return int(self.payload.get("flags") or 0)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & FLAG_EPHEMERAL)

    @property
    def attachments(self) -> list[dict[str, Any]]:
        return list(self.payload.get("attachments") or [])

    def file(self, filename: str) -> bytes:
        """Bytes of the attachment called ``filename`` (KeyError if absent)."""
        for stored in self.attachments_data.values():
            if stored.filename == filename:
                return stored.data
        raise KeyError(f"message {self.id} has no attachment {filename!r}; has {self.filenames()}")

    def filenames(self) -> list[str]:
        return [str(a["filename"]) for a in self.attachments]

    def custom_ids(self) -> list[str]:
        """Every ``custom_id`` in the message's components, at any depth."""
        return [c["custom_id"] for c in walk_components(self.components) if "custom_id" in c]


def walk_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Yield every component, descending into rows, containers, sections, labels."""
    for comp in components:
        yield comp
        yield from walk_components(comp.get("components") or [])
        for key in ("accessory", "component"):
            child = comp.get(key)
            if isinstance(child, dict):
                yield from walk_components([child])


@dataclass
class RecordedRequest:
    """One REST request the emulator received, for assertions.

    ``json`` is the parsed JSON body, or the parsed ``payload_json`` part of a
    multipart body. ``message`` is the message body the request creates or
    edits (the ``data`` of a message callback), else None: handy for checks
    such as "every reply carries allowed_mentions".
    """

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[UploadedFile]
    route: str
    status: int = 0
    message: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"<RecordedRequest {self.method} {self.path} -> {self.status} route={self.route!r}>"
