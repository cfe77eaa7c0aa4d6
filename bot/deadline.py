"""Interaction callbacks that never wait past Discord's 3-second deadline.

discord.py sends an interaction's first callback through its webhook adapter
(`discord.webhook.async_.AsyncWebhookAdapter`), not through `discord.http.HTTPClient`, and
that adapter sleeps out a 429's whole `retry_after` before trying again: two 429s of 1.5 s
answer at 3 s or later, when Discord has already dropped the interaction (10062). The
adapter here sends callbacks itself and never sleeps past the deadline: a retry comes
while the interaction can still be answered, whatever `retry_after` asked. Every other
webhook request (follow-ups, edits, which have 15 minutes) is discord.py's own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
import discord
from discord.utils import snowflake_time
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

log = logging.getLogger(__name__)

DEADLINE_SECONDS = 3.0
# Kept for the retry itself to reach Discord and be answered before the deadline.
RESERVE_SECONDS = 0.4
ATTEMPTS = 5


class DeadlineWebhookAdapter(AsyncWebhookAdapter):
    async def request(self, route: Any, session: aiohttp.ClientSession, **options: Any) -> Any:
        if not _is_callback(route):
            return await super().request(route, session, **options)
        deadline = snowflake_time(int(route.webhook_id)).timestamp() + DEADLINE_SECONDS
        for attempt in range(ATTEMPTS):
            response, data = await _send(route, session, attempt, **options)
            if 300 > response.status >= 200:
                return data
            retryable = response.status >= 500 or (
                # A 429 without `Via` is Cloudflare's ban, not Discord's rate limit: never retried.
                response.status == 429 and response.headers.get("Via") and isinstance(data, dict)
            )
            if not retryable or attempt == ATTEMPTS - 1:
                break
            asked = float(data.get("retry_after", 1.0)) if isinstance(data, dict) else 1.0
            # The wait that still leaves time to be answered; a retry too early for the bucket
            # costs one more 429, a retry too late is refused for certain.
            wait = max(0.0, min(asked, deadline - time.time() - RESERVE_SECONDS))
            log.warning(
                "interaction %s: callback got %s; retrying in %.2f s (asked %.2f s)",
                route.webhook_id,
                response.status,
                wait,
                asked,
            )
            await asyncio.sleep(wait)
        if response.status == 403:
            raise discord.Forbidden(response, data)
        if response.status == 404:
            raise discord.NotFound(response, data)
        if response.status >= 500:
            raise discord.DiscordServerError(response, data)
        raise discord.HTTPException(response, data)


def use_deadline_adapter() -> None:
    """Send interaction callbacks through `DeadlineWebhookAdapter` in this context and the tasks
    started from it (discord.py reads the adapter from a context variable)."""
    async_context.set(DeadlineWebhookAdapter())


def _is_callback(route: Any) -> bool:
    return (
        route.method == "POST"
        and route.path.startswith("/interactions/")
        and route.path.endswith("/callback")
    )


async def _send(
    route: Any,
    session: aiohttp.ClientSession,
    attempt: int,
    *,
    payload: dict[str, Any] | None = None,
    multipart: list[dict[str, Any]] | None = None,
    proxy: str | None = None,
    proxy_auth: aiohttp.BasicAuth | None = None,
    files: list[discord.File] | None = None,
    reason: str | None = None,
    auth_token: str | None = None,
    params: dict[str, Any] | None = None,
) -> tuple[aiohttp.ClientResponse, Any]:
    """One try, built as discord.py builds it (JSON, or multipart with files)."""
    headers: dict[str, str] = {}
    body: str | aiohttp.FormData | None = None
    if payload is not None:
        headers["Content-Type"] = "application/json"
        body = discord.utils._to_json(payload)
    if auth_token is not None:
        headers["Authorization"] = f"Bot {auth_token}"
    for file in files or []:
        file.reset(seek=attempt)
    if multipart:
        body = aiohttp.FormData(quote_fields=False)
        for part in multipart:
            body.add_field(**part)
    async with session.request(
        route.method, route.url, data=body, headers=headers, params=params, proxy=proxy, proxy_auth=proxy_auth
    ) as response:
        data = await discord.http.json_or_text(response)
        return response, data
