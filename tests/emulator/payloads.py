"""Builders of Discord JSON payloads from the emulator's models.

Every field discord.py 2.7.1 reads with ``data[...]`` (not ``.get``) must be
present, or parsing raises KeyError deep inside a gateway handler, which
discord.py only logs. The comments flag those non-obvious required keys.
"""

from __future__ import annotations

from typing import Any

from .models import (
    CHANNEL_DM,
    EmuChannel,
    EmuGuild,
    EmuMember,
    EmuRole,
    EmuUser,
    iso_now,
)


def user(u: EmuUser) -> dict[str, Any]:
    # username, id, discriminator and avatar are all required by BaseUser._update.
    return {
        "id": str(u.id),
        "username": u.username,
        "global_name": u.global_name,
        "discriminator": "0",
        "avatar": u.avatar,
        "bot": u.bot,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
    }


def client_user(u: EmuUser) -> dict[str, Any]:
    """GET /users/@me and READY.user: a user plus account-only fields."""
    return {**user(u), "verified": True, "mfa_enabled": False, "email": None, "locale": "en-US"}


def role(r: EmuRole) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(r.id),
        "name": r.name,
        "permissions": str(r.permissions),
        "position": r.position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": r.hoist,
        "managed": r.managed,
        "mentionable": r.mentionable,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }
    if r.tags is not None:
        payload["tags"] = r.tags
    return payload


def channel(c: EmuChannel, *, permissions: int | None = None) -> dict[str, Any]:
    """A channel object; ``permissions`` is added for interaction payloads."""
    if c.type == CHANNEL_DM:
        payload: dict[str, Any] = {
            "id": str(c.id),
            "type": CHANNEL_DM,
            "last_message_id": None,
            "flags": 0,
            "recipients": [user(r) for r in c.recipients],
        }
    else:
        # name and position are required by TextChannel._update.
        payload = {
            "id": str(c.id),
            "type": c.type,
            "guild_id": str(c.guild_id),
            "name": c.name,
            "position": c.position,
            "parent_id": str(c.parent_id) if c.parent_id else None,
            "topic": c.topic,
            "nsfw": c.nsfw,
            "rate_limit_per_user": 0,
            "last_message_id": None,
            "flags": 0,
            "permission_overwrites": list(c.permission_overwrites),
        }
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def member(m: EmuMember, *, permissions: int | None = None, with_user: bool = True) -> dict[str, Any]:
    """A guild member; interaction members also carry a ``permissions`` string."""
    payload: dict[str, Any] = {
        "roles": [str(r) for r in m.roles],
        "nick": m.nick,
        "avatar": None,
        "banner": None,
        "joined_at": m.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        # Member.__init__ reads data['flags'] unconditionally.
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_user:
        payload["user"] = user(m.user)
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def guild_create(g: EmuGuild) -> dict[str, Any]:
    """GUILD_CREATE: the full guild. ``member_count`` equal to the member list
    makes discord.py consider the guild chunked, so it does not send op 8."""
    return {
        "id": str(g.id),
        "name": g.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(g.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "preferred_locale": g.locale,
        "features": list(g.features),
        "application_id": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "roles": [role(r) for r in g.roles],
        "emojis": [],
        "stickers": [],
        "joined_at": iso_now(),
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(g.members),
        "members": [member(m) for m in g.members],
        "channels": [channel(c) for c in g.channels],
        "threads": [],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def application(app_id: int, bot: EmuUser, owner: EmuUser) -> dict[str, Any]:
    """GET /oauth2/applications/@me (AppInfo reads icon, bot_public,
    bot_require_code_grant, owner and verify_key with ``data[...]``)."""
    return {
        "id": str(app_id),
        "name": bot.username,
        "icon": None,
        "description": "Emulated application",
        "summary": "",
        "type": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": user(owner),
        "team": None,
        "flags": 0,
        "bot": user(bot),
        "rpc_origins": [],
        "tags": [],
        "approximate_guild_count": 1,
        "interactions_endpoint_url": None,
        "redirect_uris": [],
        "integration_types_config": {"0": {}, "1": {}},
    }


def ready(
    *,
    session_id: str,
    bot: EmuUser,
    app_id: int,
    guild_ids: list[int],
    resume_gateway_url: str,
    shard: list[int] | None,
) -> dict[str, Any]:
    """READY: guilds are listed as unavailable; GUILD_CREATEs follow."""
    payload: dict[str, Any] = {
        "v": 10,
        "user": client_user(bot),
        "user_settings": {},
        "guilds": [{"id": str(gid), "unavailable": True} for gid in guild_ids],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_gateway_url,
        "relationships": [],
        "private_channels": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": [],
        # parse_ready reads application['flags'] with data[...].
        "application": {"id": str(app_id), "flags": 0},
        "_trace": ["discord-emulator"],
    }
    if shard is not None:
        # AutoShardedConnectionState.parse_ready reads data['shard'][0].
        payload["shard"] = shard
    return payload


def attachment(
    *,
    attachment_id: int,
    filename: str,
    size: int,
    url: str,
    content_type: str,
    description: str | None = None,
) -> dict[str, Any]:
    # size, url and proxy_url are required by discord.Attachment.
    return {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
        "description": description,
        "ephemeral": False,
        "flags": 0,
    }


def message(
    *,
    message_id: int,
    channel_id: int,
    guild_id: int | None,
    author: EmuUser,
    body: dict[str, Any],
    attachments: list[dict[str, Any]],
    message_type: int = 0,
    application_id: int | None = None,
    interaction_metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A message object built from a create-message request body.

    ``content`` and ``type`` are required by discord.Message. Request-only
    keys (allowed_mentions, attachments-as-uploaded) are not echoed.
    """
    payload: dict[str, Any] = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "type": message_type,
        "author": user(author),
        "content": body.get("content") or "",
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": bool(body.get("tts", False)),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments,
        "embeds": list(body.get("embeds") or []),
        "components": list(body.get("components") or []),
        "pinned": False,
        "flags": int(body.get("flags") or 0),
        "reactions": [],
    }
    if guild_id is not None:
        payload["guild_id"] = str(guild_id)
    if application_id is not None:
        payload["application_id"] = str(application_id)
        payload["webhook_id"] = str(application_id)
    if interaction_metadata is not None:
        payload["interaction_metadata"] = interaction_metadata
    if "poll" in body:
        payload["poll"] = body["poll"]
    return payload
