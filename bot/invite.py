"""The least-privilege invite link: the bot answers through interactions, which need no permissions."""

from __future__ import annotations

from urllib.parse import urlencode

SCOPES = ("bot", "applications.commands")
# Replies to slash commands, buttons and autocomplete travel over the interaction
# webhook, which needs no channel permission: the bot asks for none.
PERMISSIONS = 0


def invite_url(application_id: int) -> str:
    query = urlencode({"client_id": application_id, "scope": " ".join(SCOPES), "permissions": PERMISSIONS})
    return f"https://discord.com/oauth2/authorize?{query}"
