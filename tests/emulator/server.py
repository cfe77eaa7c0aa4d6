"""The :class:`DiscordEmulator`: lifecycle, wiring, and the test-facing API.

It binds an aiohttp server to 127.0.0.1 on a free port and serves the REST API
under ``/api/v10``, the gateway websocket at ``/`` (and ``/resume/`` as the
``resume_gateway_url``), and uploaded files under ``/attachments/``.
Everything runs on the test's own event loop, next to the discord.py client.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence
from typing import Any

import discord
from aiohttp import web

from .commands import CommandRegistry
from .faults import Fault, Faults
from .gateway import Gateway, GatewaySession
from .ids import new_token
from .inject import InteractionInjector
from .interaction import EmuInteraction
from .logcheck import ErrorLogCollector
from .models import (
    EmuChannel,
    EmuGuild,
    EmuMessage,
    EmuUser,
    RecordedRequest,
)
from .patching import patch_discord
from .rest import RestApi
from .signals import DEFAULT_TIMEOUT, EmulatorTimeout, Signal
from .webhooks import InteractionWebhooks
from .world import GuildSpec, World


class DiscordEmulator(InteractionInjector):
    """A loopback Discord (REST + gateway) for discord.py tests.

    Use as ``async with DiscordEmulator() as emu:``. Defaults: one guild with
    #general, users ``owner``, ``manager`` (Manage Guild) and ``member``
    (no special permission), and the bot, whose user id is the application id.
    """

    def __init__(
        self,
        *,
        application_id: int | None = None,
        guilds: Sequence[GuildSpec] | None = None,
        token: str | None = None,
        bot_name: str = "TestBot",
        shard_count: int = 1,
        heartbeat_interval_ms: int = 41250,
        callback_deadline: float | None = 3.0,
    ) -> None:
        self.world = World(application_id=application_id or 1_000_000_000_000_000_001, bot_name=bot_name)
        self.world.add_guilds(guilds)
        #: The only token the emulator accepts (REST ``Bot <token>``, IDENTIFY, RESUME).
        self.token = token or f"emulator.{new_token()}"
        #: Reported by GET /gateway/bot, used by AutoShardedClient.
        self.shard_count = shard_count
        self.commands = CommandRegistry(application_id=self.world.application_id, ids=self.world.ids)
        self.gateway = Gateway(self, heartbeat_interval_ms=heartbeat_interval_ms)
        self.rest = RestApi(self)
        self.webhooks = InteractionWebhooks(self, self.rest.router)
        #: Every REST request received, in order.
        self.requests: list[RecordedRequest] = []
        #: Seconds after dispatch past which a callback is refused, as Discord does (None: never).
        self.callback_deadline = callback_deadline
        #: Failures to answer matching requests with (`fail_requests`).
        self.faults = Faults()
        self.interactions: dict[int, EmuInteraction] = {}
        self.interactions_by_token: dict[str, EmuInteraction] = {}
        #: Poked after every REST request.
        self.changed = Signal()
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._resume_baseline = 0
        # Errors discord.py logged (its handlers never raise), quoted in
        # timeout messages: "no reply" is usually "the handler crashed".
        self.logged_errors = ErrorLogCollector()

    # -- lifecycle ----------------------------------------------------------

    async def start(self) -> None:
        logging.getLogger().addHandler(self.logged_errors)
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/resume/", self.gateway.handle)
        app.router.add_get("/attachments/{channel}/{attachment}/{filename}", self._serve_attachment)
        app.router.add_route("*", "/{tail:.*}", self.rest.handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self.world.http_base = self.http_base

    async def stop(self) -> None:
        try:
            await self.gateway.close_all()
            if self._runner is not None:
                await self._runner.cleanup()
                self._runner = None
        finally:
            logging.getLogger().removeHandler(self.logged_errors)

    async def __aenter__(self) -> DiscordEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def _serve_attachment(self, request: web.Request) -> web.StreamResponse:
        stored = self.world.attachments.get(int(request.match_info["attachment"]))
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.data, headers={"Content-Type": str(stored.payload["content_type"])})

    # -- addresses ----------------------------------------------------------

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return f"{self.http_base}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (wrap in yarl.URL)."""
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def resume_gateway_url(self) -> str:
        """Sent in READY; a distinct path shows the client honoured it."""
        return f"ws://127.0.0.1:{self.port}/resume/"

    def patch_discord(self) -> contextlib.AbstractContextManager[None]:
        """Point discord.py at this emulator for the ``with`` block."""
        return patch_discord(self.api_base, self.gateway_url)

    # -- the world, conveniently --------------------------------------------

    @property
    def application_id(self) -> int:
        return self.world.application_id

    @property
    def bot_user(self) -> EmuUser:
        return self.world.bot

    @property
    def owner(self) -> EmuUser:
        return self.world.owner

    @property
    def manager(self) -> EmuUser:
        """A member holding Manage Guild through the "Manager" role."""
        return self.world.manager

    @property
    def member(self) -> EmuUser:
        """A member with only @everyone's permissions (the default user)."""
        return self.world.member

    @property
    def guild(self) -> EmuGuild:
        return self.world.guilds[0]

    @property
    def guild_id(self) -> int:
        return self.guild.id

    @property
    def channel(self) -> EmuChannel:
        return self.guild.text_channel

    @property
    def channel_id(self) -> int:
        return self.channel.id

    @property
    def dm_channel(self) -> EmuChannel:
        """The DM channel between the default user (``member``) and the bot."""
        return self.world.dm_channel(self.member)

    # -- request log --------------------------------------------------------

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests no route matched (answered 404)."""
        return [r for r in self.requests if r.route == "UNKNOWN"]

    @property
    def message_requests(self) -> list[RecordedRequest]:
        """Requests that create or edit a message (``r.message`` is its body)."""
        return [r for r in self.requests if r.message is not None]

    def describe_recent(self, count: int = 8) -> str:
        """Diagnostics appended to timeout errors."""
        lines = [f"  {r.method} {r.path} -> {r.status}" for r in self.requests[-count:]]
        sessions = ", ".join(
            f"{s.session_id[:6]} seq={s.seq} connected={s.connection is not None}"
            for s in self.gateway.sessions.values()
        )
        unknown = [f"{r.method} {r.path}" for r in self.unknown_requests]
        errors = self.logged_errors.format_all() or "none"
        return (
            f"last REST requests:\n{chr(10).join(lines) or '  (none)'}\n"
            f"gateway sessions: {sessions or '(none)'}; unknown routes hit: {unknown or 'none'}\n"
            f"errors logged (discord.py logs handler exceptions instead of raising): {errors}"
        )

    async def wait_for_request(
        self, method: str, path_contains: str, *, timeout: float = DEFAULT_TIMEOUT
    ) -> RecordedRequest:
        """The first recorded request matching ``method`` and a path substring."""
        return await self.changed.wait_for(
            lambda: next((r for r in self.requests if r.method == method and path_contains in r.path), None),
            timeout=timeout,
            what=f"a {method} request to *{path_contains}*",
            context=self.describe_recent,
        )

    def fail_requests(
        self,
        method: str,
        path_contains: str,
        *,
        status: int = 429,
        times: int | None = 1,
        retry_after: float = 1.0,
        code: int = 0,
        message: str = "",
    ) -> Fault:
        """Answer the next ``times`` requests matching ``method`` and a path substring with
        ``status`` (a 429 carries ``retry_after``); ``times=None`` until ``faults.clear()``."""
        return self.faults.add(
            Fault(method, path_contains, status, times, retry_after=retry_after, code=code, message=message)
        )

    # -- gateway ------------------------------------------------------------

    async def wait_until_identified(self, timeout: float = DEFAULT_TIMEOUT) -> GatewaySession:
        """Wait for a client to IDENTIFY (READY and GUILD_CREATEs are sent)."""
        await self.gateway.changed.wait_for(
            lambda: True if self.gateway.identify_count else None,
            timeout=timeout,
            what="a gateway IDENTIFY",
            context=self.describe_recent,
        )
        return next(iter(self.gateway.sessions.values()))

    async def request_reconnect(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Send op 7 RECONNECT; returns once the client closed the socket."""
        self._resume_baseline = self.gateway.resume_count
        await self.gateway.request_reconnect(timeout)

    async def wait_for_resume(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until a RESUME newer than the last ``request_reconnect`` was
        answered (missed events replayed, RESUMED sent)."""
        await self.gateway.changed.wait_for(
            lambda: True if self.gateway.resume_count > self._resume_baseline else None,
            timeout=timeout,
            what="a gateway RESUME",
            context=self.describe_recent,
        )

    def hold_connections(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Delay HELLO on new sockets inside the block (see Gateway)."""
        return self.gateway.hold_connections()

    async def dispatch(self, event: str, data: Any, *, guild_id: int | None = None) -> None:
        """Dispatch any gateway event (``t``=event, ``d``=data) to the client."""
        await self.gateway.dispatch(event, data, guild_id=guild_id)

    # -- commands -----------------------------------------------------------

    async def wait_for_commands(
        self, guild_id: int | None = None, *, syncs: int = 1, timeout: float = DEFAULT_TIMEOUT
    ) -> list[dict[str, Any]]:
        """The commands of a scope (global if ``guild_id`` is None) once it has
        been bulk-overwritten (PUT) at least ``syncs`` times."""
        scope = guild_id or 0
        return await self.changed.wait_for(
            lambda: (
                self.commands.commands(guild_id) if self.commands.sync_counts.get(scope, 0) >= syncs else None
            ),
            timeout=timeout,
            what=f"command sync #{syncs} for {'guild ' + str(guild_id) if guild_id else 'global scope'}",
            context=self.describe_recent,
        )

    # -- messages -----------------------------------------------------------

    def add_message(
        self,
        content: str = "",
        *,
        components: list[dict[str, Any]] | None = None,
        channel: EmuChannel | None = None,
        author: EmuUser | None = None,
    ) -> EmuMessage:
        """Seed a message (e.g. one the bot sent before a restart, so that a
        persistent DynamicItem can be clicked). Not dispatched to the client."""
        chan = channel or self.channel
        return self.world.create_message(
            channel_id=chan.id,
            guild_id=chan.guild_id,
            body={"content": content, "components": components or []},
            files=[],
            author=author,
        )

    # -- running a client ---------------------------------------------------

    @contextlib.asynccontextmanager
    async def running(
        self, client: discord.Client, *, timeout: float = DEFAULT_TIMEOUT
    ) -> AsyncIterator[discord.Client]:
        """Log ``client`` in with ``emu.token``, connect it in the background,
        wait for ``on_ready``; close it on exit and surface a crashed connect.

        Pass ``guild_ready_timeout=0.1`` (or so) to the client: discord.py
        waits that long after the last GUILD_CREATE before ``on_ready``.
        """
        await client.login(self.token)
        task = asyncio.create_task(client.connect(reconnect=True), name="discord-emulator-client")
        ready = asyncio.create_task(client.wait_until_ready())
        try:
            done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                task.result()  # raises if connect() failed
                raise RuntimeError("client.connect() returned before the client was ready")
            if ready not in done:
                raise EmulatorTimeout(f"client not ready after {timeout}s\n{self.describe_recent()}")
            yield client
        finally:
            ready.cancel()
            await client.close()
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(task, timeout)
