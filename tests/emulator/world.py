"""The emulated world: users, guilds, DM channels, messages and attachments.

One :class:`World` per emulator. It knows nothing about HTTP or websockets;
``rest.py`` and ``gateway.py`` translate requests into calls on it.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from typing import Any

from . import payloads
from .ids import SnowflakeFactory
from .models import (
    CHANNEL_DM,
    EVERYONE_PERMISSIONS,
    MANAGE_GUILD,
    EmuChannel,
    EmuGuild,
    EmuMember,
    EmuMessage,
    EmuRole,
    EmuUser,
    StoredAttachment,
    UploadedFile,
    iso_now,
)

GuildSpec = EmuGuild | str | int


class World:
    """All emulated Discord state except commands and gateway sessions."""

    def __init__(self, *, application_id: int, bot_name: str = "TestBot") -> None:
        self.ids = SnowflakeFactory()
        self.application_id = application_id
        # The bot user shares the application's id, as for every modern app.
        self.bot = EmuUser(id=application_id, username=bot_name, bot=True)
        self.owner = EmuUser(id=self.ids.next(), username="owner", global_name="Guild Owner")
        self.manager = EmuUser(id=self.ids.next(), username="manager", global_name="Manager")
        self.member = EmuUser(id=self.ids.next(), username="member", global_name="Plain Member")
        self.users: dict[int, EmuUser] = {u.id: u for u in (self.bot, self.owner, self.manager, self.member)}
        self.guilds: list[EmuGuild] = []
        self.dm_channels: dict[int, EmuChannel] = {}
        self.messages: dict[int, EmuMessage] = {}
        self.attachments: dict[int, StoredAttachment] = {}
        #: Set by the server once it knows its port; attachment URLs hang off it.
        self.http_base = "http://127.0.0.1:0"

    # -- construction -------------------------------------------------------

    def add_guilds(self, specs: Sequence[GuildSpec] | None) -> None:
        """Add guilds: a name or id builds a default guild, an EmuGuild is
        taken as is (the bot is added as a member if missing)."""
        for spec in specs if specs is not None else ["Test Guild"]:
            if isinstance(spec, EmuGuild):
                guild = spec
                if guild.get_member(self.bot.id) is None:
                    guild.members.append(EmuMember(user=self.bot))
                for m in guild.members:
                    self.users.setdefault(m.user.id, m.user)
            elif isinstance(spec, int):
                guild = self.default_guild(f"Guild {len(self.guilds) + 1}", guild_id=spec)
            else:
                guild = self.default_guild(spec)
            self.guilds.append(guild)

    def default_guild(self, name: str, *, guild_id: int | None = None) -> EmuGuild:
        """A guild with #general, an owner, a manager (Manage Guild via a
        role), a plain member and the bot (with a managed bot role)."""
        gid = guild_id or self.ids.next()
        manager_role = EmuRole(id=self.ids.next(), name="Manager", permissions=MANAGE_GUILD, position=1)
        bot_role = EmuRole(
            id=self.ids.next(),
            name=self.bot.username,
            permissions=EVERYONE_PERMISSIONS,
            position=2,
            managed=True,
            tags={"bot_id": str(self.bot.id)},
        )
        return EmuGuild(
            id=gid,
            name=name,
            owner_id=self.owner.id,
            roles=[
                EmuRole(id=gid, name="@everyone", permissions=EVERYONE_PERMISSIONS),
                manager_role,
                bot_role,
            ],
            channels=[EmuChannel(id=self.ids.next(), name="general", guild_id=gid, topic="General chat")],
            members=[
                EmuMember(user=self.owner),
                EmuMember(user=self.manager, roles=[manager_role.id]),
                EmuMember(user=self.member),
                EmuMember(user=self.bot, roles=[bot_role.id]),
            ],
        )

    def add_user(self, username: str, *, guild: EmuGuild | None = None, roles: Sequence[int] = ()) -> EmuUser:
        """Create a user, optionally joining ``guild`` with ``roles``."""
        new = EmuUser(id=self.ids.next(), username=username, global_name=username.title())
        self.users[new.id] = new
        if guild is not None:
            guild.members.append(EmuMember(user=new, roles=list(roles)))
        return new

    # -- lookups ------------------------------------------------------------

    def guild(self, guild_id: int | None = None) -> EmuGuild:
        if guild_id is None:
            return self.guilds[0]
        for g in self.guilds:
            if g.id == guild_id:
                return g
        raise KeyError(f"unknown guild {guild_id}")

    def find_guild(self, guild_id: int) -> EmuGuild | None:
        return next((g for g in self.guilds if g.id == guild_id), None)

    def dm_channel(self, user: EmuUser) -> EmuChannel:
        """The DM channel between ``user`` and the bot (created on demand)."""
        channel = self.dm_channels.get(user.id)
        if channel is None:
            channel = EmuChannel(id=self.ids.next(), name=None, type=CHANNEL_DM, recipients=[user])
            self.dm_channels[user.id] = channel
        return channel

    def find_channel(self, channel_id: int) -> EmuChannel | None:
        for g in self.guilds:
            found = g.get_channel(channel_id)
            if found is not None:
                return found
        return next((c for c in self.dm_channels.values() if c.id == channel_id), None)

    def latest_message_with(self, custom_id: str) -> EmuMessage | None:
        """The most recent live message carrying a component ``custom_id``."""
        for msg in reversed(list(self.messages.values())):
            if not msg.deleted and custom_id in msg.custom_ids():
                return msg
        return None

    # -- messages -----------------------------------------------------------

    def store_upload(
        self,
        *,
        channel_id: int,
        filename: str,
        data: bytes,
        content_type: str | None = None,
        description: str | None = None,
    ) -> StoredAttachment:
        """Keep an uploaded file and return its attachment (URL served by us)."""
        att_id = self.ids.next()
        ctype = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        url = f"{self.http_base}/attachments/{channel_id}/{att_id}/{filename}"
        stored = StoredAttachment(
            payload=payloads.attachment(
                attachment_id=att_id,
                filename=filename,
                size=len(data),
                url=url,
                content_type=ctype,
                description=description,
            ),
            data=data,
        )
        self.attachments[att_id] = stored
        return stored

    def _attachments_for(
        self,
        *,
        channel_id: int,
        body: dict[str, Any],
        files: list[UploadedFile],
        existing: dict[int, StoredAttachment],
    ) -> dict[int, StoredAttachment]:
        """Resolve a body's ``attachments`` array against uploaded ``files[n]``.

        Entries whose id is an upload index are new files; other ids keep an
        existing attachment; existing ones not listed are removed (Discord's
        edit semantics). Without an array, existing attachments are kept and
        every upload is added.
        """
        uploads = {f.index: f for f in files if f.index is not None}
        used: set[int] = set()
        result: dict[int, StoredAttachment] = {}
        spec = body.get("attachments")
        if spec is None:
            result.update(existing)
            entries: list[dict[str, Any]] = [{"id": i} for i in uploads]
        else:
            entries = list(spec)
        for entry in entries:
            ref = int(entry["id"])
            if ref in uploads and ref not in used:
                used.add(ref)
                up = uploads[ref]
                ctype = up.content_type if up.content_type != "application/octet-stream" else None
                stored = self.store_upload(
                    channel_id=channel_id,
                    filename=str(entry.get("filename") or up.filename),
                    data=up.data,
                    content_type=ctype,
                    description=entry.get("description"),
                )
                result[int(stored.payload["id"])] = stored
            elif ref in existing:
                result[ref] = existing[ref]
        return result

    def create_message(
        self,
        *,
        channel_id: int,
        guild_id: int | None,
        body: dict[str, Any],
        files: list[UploadedFile],
        author: EmuUser | None = None,
        message_type: int = 0,
        interaction: dict[str, Any] | None = None,
        interaction_id: int | None = None,
    ) -> EmuMessage:
        """Create and store a message from a create-message request body."""
        msg_id = self.ids.next()
        stored = self._attachments_for(channel_id=channel_id, body=body, files=files, existing={})
        is_app = interaction is not None
        payload = payloads.message(
            message_id=msg_id,
            channel_id=channel_id,
            guild_id=guild_id,
            author=author or self.bot,
            body=body,
            attachments=[s.payload for s in stored.values()],
            message_type=message_type,
            application_id=self.application_id if is_app else None,
            interaction_metadata=interaction,
        )
        msg = EmuMessage(
            id=msg_id,
            channel_id=channel_id,
            guild_id=guild_id,
            payload=payload,
            attachments_data=stored,
            interaction_id=interaction_id,
        )
        self.messages[msg_id] = msg
        return msg

    def edit_message(self, msg: EmuMessage, body: dict[str, Any], files: list[UploadedFile]) -> EmuMessage:
        """Apply an edit body (PATCH semantics: only present keys change)."""
        msg.history.append(dict(msg.payload))
        new = dict(msg.payload)
        for key in ("content", "embeds", "components", "poll"):
            if key in body:
                new[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        if "flags" in body and body["flags"] is not None:
            # Only SUPPRESS_EMBEDS / IS_COMPONENTS_V2 are editable; keep ephemeral.
            new["flags"] = int(body["flags"]) | (int(new.get("flags") or 0) & (1 << 6))
        if "attachments" in body or files:
            msg.attachments_data = self._attachments_for(
                channel_id=msg.channel_id, body=body, files=files, existing=msg.attachments_data
            )
            new["attachments"] = [s.payload for s in msg.attachments_data.values()]
        new["edited_timestamp"] = iso_now()
        msg.payload = new
        return msg
