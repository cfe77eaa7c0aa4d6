"""REST API: routing, authentication, recording, and the non-interaction routes.

Routing is a small table of path templates rather than aiohttp's router so
that every request, matched or not, is recorded with the template it hit
(``RecordedRequest.route``) and unknown routes answer Discord-style 404 JSON.
Interaction callbacks and webhooks live in ``webhooks.py``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import payloads
from .models import EmuChannel, RecordedRequest, UploadedFile
from .wire import error, json_response, no_content, read_body

if TYPE_CHECKING:
    from .server import DiscordEmulator

log = logging.getLogger(__name__)

API_PREFIX = re.compile(r"^/api/v\d+")


@dataclass
class Call:
    """A request as handlers see it: path parameters and parsed body."""

    request: web.Request
    params: dict[str, str]
    json: Any
    files: list[UploadedFile]
    record: RecordedRequest

    def int_param(self, name: str) -> int | None:
        """A snowflake path parameter, None when it is not a number."""
        value = self.params[name]
        return int(value) if value.isdigit() else None


Handler = Callable[[Call], Awaitable[web.Response]]


@dataclass
class Route:
    method: str
    template: str
    pattern: re.Pattern[str]
    handler: Handler
    #: Webhook and interaction routes are authenticated by their token only.
    needs_auth: bool


class Router:
    """Matches ``METHOD /path`` against templates like ``/channels/{channel}``."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str, template: str, handler: Handler, *, needs_auth: bool = True) -> None:
        regex = re.sub(
            r"\{(\w+)\}", r"(?P<\1>[^/]+)", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")
        )
        self.routes.append(Route(method, template, re.compile(regex), handler, needs_auth))

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            if route.method == method:
                m = route.pattern.fullmatch(path)
                if m is not None:
                    return route, m.groupdict()
        return None


class RestApi:
    """Serves ``/api/v10/...`` for one emulator."""

    def __init__(self, emulator: DiscordEmulator) -> None:
        self.emu = emulator
        self.router = Router()
        add = self.router.add
        add("GET", "/users/@me", self.get_me)
        add("GET", "/oauth2/applications/@me", self.get_application)
        add("GET", "/applications/@me", self.get_application)
        add("GET", "/gateway", self.get_gateway, needs_auth=False)
        add("GET", "/gateway/bot", self.get_gateway_bot)
        add("GET", "/users/{user}", self.get_user)
        add("POST", "/users/@me/channels", self.create_dm)
        add("GET", "/channels/{channel}", self.get_channel)
        add("POST", "/channels/{channel}/typing", self.typing)
        add("POST", "/channels/{channel}/messages", self.create_message)
        add("GET", "/channels/{channel}/messages/{message}", self.get_message)
        add("PATCH", "/channels/{channel}/messages/{message}", self.edit_message)
        add("DELETE", "/channels/{channel}/messages/{message}", self.delete_message)
        add("GET", "/guilds/{guild}/members/{user}", self.get_member)
        for prefix in ("/applications/{app}", "/applications/{app}/guilds/{guild}"):
            add("GET", prefix + "/commands", self.list_commands)
            add("PUT", prefix + "/commands", self.put_commands)
            add("POST", prefix + "/commands", self.post_command)
            add("GET", prefix + "/commands/{command}", self.get_command)
            add("PATCH", prefix + "/commands/{command}", self.patch_command)
            add("DELETE", prefix + "/commands/{command}", self.delete_command)
        add("GET", "/applications/{app}/guilds/{guild}/commands/permissions", self.empty_list)

    # -- entry point --------------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Every HTTP request except the gateway and attachment downloads."""
        prefix = API_PREFIX.match(request.path)
        path = request.path[prefix.end() :] if prefix else request.path
        body, files = await read_body(request)
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            files=files,
            route="UNKNOWN",
        )
        self.emu.requests.append(record)
        found = self.router.match(request.method, path) if prefix else None
        injected = self.emu.faults.take(request.method, path) if prefix else None
        if injected is not None:
            record.route = f"{found[0].method} {found[0].template}" if found else "UNKNOWN"
            response = injected
        elif found is None:
            response = error(404, "404: Not Found")
        else:
            route, params = found
            record.route = f"{route.method} {route.template}"
            if route.needs_auth and request.headers.get("Authorization") != f"Bot {self.emu.token}":
                response = error(401, "401: Unauthorized")
            else:
                try:
                    response = await route.handler(Call(request, params, body, files, record))
                except Exception:
                    # Logged at ERROR so the test's log check fails loudly. Not a
                    # 5xx: discord.py would retry those with multi-second sleeps.
                    log.exception("discord emulator failed handling %s %s", request.method, path)
                    response = error(400, "emulator internal error (see log)", 1)
        record.status = response.status
        self.emu.changed.notify()
        return response

    # -- identity -----------------------------------------------------------

    async def get_me(self, call: Call) -> web.Response:
        return json_response(payloads.client_user(self.emu.world.bot))

    async def get_application(self, call: Call) -> web.Response:
        world = self.emu.world
        return json_response(payloads.application(world.application_id, world.bot, world.owner))

    async def get_gateway(self, call: Call) -> web.Response:
        return json_response({"url": self.emu.gateway_url})

    async def get_gateway_bot(self, call: Call) -> web.Response:
        return json_response(
            {
                "url": self.emu.gateway_url,
                "shards": self.emu.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def get_user(self, call: Call) -> web.Response:
        user = self.emu.world.users.get(call.int_param("user") or 0)
        return json_response(payloads.user(user)) if user else error(404, "Unknown User", 10013)

    async def empty_list(self, call: Call) -> web.Response:
        return json_response([])

    # -- channels and messages ----------------------------------------------

    def _channel(self, call: Call) -> EmuChannel | None:
        return self.emu.world.find_channel(call.int_param("channel") or 0)

    async def create_dm(self, call: Call) -> web.Response:
        user = self.emu.world.users.get(int((call.json or {}).get("recipient_id", 0)))
        if user is None:
            return error(400, "Invalid Recipient(s)", 50033)
        return json_response(payloads.channel(self.emu.world.dm_channel(user)))

    async def get_channel(self, call: Call) -> web.Response:
        channel = self._channel(call)
        return json_response(payloads.channel(channel)) if channel else error(404, "Unknown Channel", 10003)

    async def typing(self, call: Call) -> web.Response:
        return no_content() if self._channel(call) else error(404, "Unknown Channel", 10003)

    async def create_message(self, call: Call) -> web.Response:
        channel = self._channel(call)
        if channel is None:
            return error(404, "Unknown Channel", 10003)
        body = call.json or {}
        call.record.message = body
        msg = self.emu.world.create_message(
            channel_id=channel.id, guild_id=channel.guild_id, body=body, files=call.files
        )
        return json_response(msg.payload)

    def _message(self, call: Call) -> Any:
        msg = self.emu.world.messages.get(call.int_param("message") or 0)
        if msg is None or msg.deleted or msg.channel_id != call.int_param("channel"):
            return None
        return msg

    async def get_message(self, call: Call) -> web.Response:
        msg = self._message(call)
        return json_response(msg.payload) if msg else error(404, "Unknown Message", 10008)

    async def edit_message(self, call: Call) -> web.Response:
        msg = self._message(call)
        if msg is None:
            return error(404, "Unknown Message", 10008)
        call.record.message = call.json or {}
        self.emu.world.edit_message(msg, call.json or {}, call.files)
        return json_response(msg.payload)

    async def delete_message(self, call: Call) -> web.Response:
        msg = self._message(call)
        if msg is None:
            return error(404, "Unknown Message", 10008)
        msg.deleted = True
        return no_content()

    async def get_member(self, call: Call) -> web.Response:
        guild = self.emu.world.find_guild(call.int_param("guild") or 0)
        member = guild.get_member(call.int_param("user") or 0) if guild else None
        return json_response(payloads.member(member)) if member else error(404, "Unknown Member", 10007)

    # -- application commands -----------------------------------------------

    def _scope(self, call: Call) -> tuple[int | None, web.Response | None]:
        """(guild id or None, error response) for a commands route."""
        if call.int_param("app") != self.emu.world.application_id:
            return None, error(403, "Missing Access", 50001)
        if "guild" not in call.params:
            return None, None
        guild = self.emu.world.find_guild(call.int_param("guild") or 0)
        if guild is None:
            return None, error(403, "Missing Access", 50001)
        return guild.id, None

    async def list_commands(self, call: Call) -> web.Response:
        guild_id, err = self._scope(call)
        return err or json_response(self.emu.commands.commands(guild_id))

    async def put_commands(self, call: Call) -> web.Response:
        guild_id, err = self._scope(call)
        if err:
            return err
        if not isinstance(call.json, list):
            return error(400, "Invalid Form Body", 50035)
        return json_response(self.emu.commands.bulk_overwrite(guild_id, call.json))

    async def post_command(self, call: Call) -> web.Response:
        guild_id, err = self._scope(call)
        return err or json_response(self.emu.commands.upsert(guild_id, call.json or {}), status=201)

    async def get_command(self, call: Call) -> web.Response:
        guild_id, err = self._scope(call)
        if err:
            return err
        cmd = self.emu.commands.get(guild_id, call.int_param("command") or 0)
        return json_response(cmd) if cmd else error(404, "Unknown application command", 10063)

    async def patch_command(self, call: Call) -> web.Response:
        guild_id, err = self._scope(call)
        if err:
            return err
        cmd = self.emu.commands.edit(guild_id, call.int_param("command") or 0, call.json or {})
        return json_response(cmd) if cmd else error(404, "Unknown application command", 10063)

    async def delete_command(self, call: Call) -> web.Response:
        guild_id, err = self._scope(call)
        if err:
            return err
        deleted = self.emu.commands.delete(guild_id, call.int_param("command") or 0)
        return no_content() if deleted else error(404, "Unknown application command", 10063)
