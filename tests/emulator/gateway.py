"""The gateway: a websocket speaking Discord's v10 protocol.

Sessions outlive connections so that RESUME works: every dispatch is stored
with its sequence number in the session, and each connection remembers the
last sequence it delivered. Sending is always "flush everything after
``sent_seq``", which gives in-order delivery, replay after RESUME and
buffering while disconnected with one code path.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import zlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from . import payloads
from .ids import new_token
from .signals import DEFAULT_TIMEOUT, Signal

if TYPE_CHECKING:
    from .server import DiscordEmulator

log = logging.getLogger(__name__)

# Opcodes.
DISPATCH = 0
HEARTBEAT = 1
IDENTIFY = 2
PRESENCE_UPDATE = 3
RESUME = 6
RECONNECT = 7
REQUEST_GUILD_MEMBERS = 8
INVALID_SESSION = 9
HELLO = 10
HEARTBEAT_ACK = 11

#: discord.py closes and reconnects on 4000-range codes except these; 4004
#: makes it raise instead (bad token), exactly what a test wants to see.
CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_DECODE_ERROR = 4002


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(",", ":"))


class _Compressor:
    """Transport compression: one stream for the whole connection.

    discord.py feeds every binary frame to a single decompressobj and only
    decodes when a frame ends with the Z_SYNC_FLUSH marker 00 00 ff ff, so
    each payload must be followed by a sync flush.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        if kind == "zlib-stream":
            zobj = zlib.compressobj()
            self._compress: Callable[[bytes], bytes] = lambda b: (
                zobj.compress(b) + zobj.flush(zlib.Z_SYNC_FLUSH)
            )
        elif kind == "zstd-stream":
            # Only requested when discord.py itself found a zstd module.
            # Untested here: the test venv has none (discord.py then uses zlib).
            self._compress = _zstd_stream()
        else:
            raise ValueError(f"unsupported compress={kind!r}")

    def compress(self, data: bytes) -> bytes:
        return self._compress(data)


def _zstd_stream() -> Callable[[bytes], bytes]:
    try:
        from compression.zstd import ZstdCompressor  # type: ignore[import-not-found]

        std = ZstdCompressor()
        return lambda b: std.compress(b, mode=ZstdCompressor.FLUSH_BLOCK)
    except ImportError:
        import zstandard  # type: ignore[import-not-found]

        zc = zstandard.ZstdCompressor().compressobj()
        return lambda b: zc.compress(b) + zc.flush(zstandard.COMPRESSOBJ_FLUSH_BLOCK)


@dataclass
class GatewayConnection:
    """One websocket connection."""

    ws: web.WebSocketResponse
    path: str
    query: dict[str, str]
    compressor: _Compressor | None
    session: GatewaySession | None = None
    #: Last sequence number delivered on this connection.
    sent_seq: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def send(self, frame: dict[str, Any]) -> None:
        """Send one frame; the caller holds ``lock`` (compression is stateful)."""
        text = _dumps(frame)
        if self.compressor is not None:
            await self.ws.send_bytes(self.compressor.compress(text.encode()))
        else:
            await self.ws.send_str(text)

    async def send_op(self, op: int, d: Any) -> None:
        async with self.lock:
            await self.send({"op": op, "d": d, "s": None, "t": None})


@dataclass
class GatewaySession:
    """An identified session: its shard and every event dispatched to it."""

    session_id: str
    shard: list[int] | None
    intents: int | None
    events: list[dict[str, Any]] = field(default_factory=list)
    connection: GatewayConnection | None = None

    @property
    def seq(self) -> int:
        return len(self.events)

    def append(self, event: str, data: Any) -> dict[str, Any]:
        frame = {"op": DISPATCH, "t": event, "s": self.seq + 1, "d": data}
        self.events.append(frame)
        return frame

    def handles_guild(self, guild_id: int | None) -> bool:
        """Discord routes a guild's events to shard (guild_id >> 22) % count;
        DMs go to shard 0."""
        if self.shard is None:
            return True
        shard_id, count = self.shard
        return ((guild_id >> 22) % count if guild_id is not None else 0) == shard_id


class Gateway:
    """The websocket endpoint and all its sessions."""

    def __init__(self, emulator: DiscordEmulator, *, heartbeat_interval_ms: int = 41250) -> None:
        self.emu = emulator
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: list[GatewayConnection] = []
        self.identify_count = 0
        self.resume_count = 0
        self.invalid_session_count = 0
        self.changed = Signal()
        # Cleared by hold_connections(): new sockets wait before HELLO.
        self._accepting = asyncio.Event()
        self._accepting.set()

    # -- public helpers -----------------------------------------------------

    @property
    def live_connections(self) -> list[GatewayConnection]:
        return [c for c in self.connections if not c.closed.is_set()]

    async def dispatch(self, event: str, data: Any, *, guild_id: int | None = None) -> int:
        """Dispatch an event to every session handling ``guild_id``.

        Works while the client is disconnected: the event is buffered in the
        session and delivered on RESUME. Returns the number of sessions.
        """
        targets = [s for s in self.sessions.values() if s.handles_guild(guild_id)]
        if not targets:
            raise RuntimeError(
                f"cannot dispatch {event}: no identified gateway session (is the client connected?)"
            )
        for session in targets:
            session.append(event, data)
            await self._flush(session)
        return len(targets)

    async def request_reconnect(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Send op 7 RECONNECT on every live session's connection and wait for
        the client to close those sockets."""
        conns = [s.connection for s in self.sessions.values() if s.connection is not None]
        if not conns:
            raise RuntimeError("no connected gateway session to send RECONNECT to")
        for conn in conns:
            await conn.send_op(RECONNECT, None)
        await self.changed.wait_for(
            lambda: True if all(c.closed.is_set() for c in conns) else None,
            timeout=timeout,
            what="the client to close its socket after op 7",
        )

    @contextlib.asynccontextmanager
    async def hold_connections(self) -> AsyncIterator[None]:
        """Accept sockets but hold HELLO until the block exits, so a test can
        dispatch events while the client is certainly disconnected."""
        self._accepting.clear()
        try:
            yield
        finally:
            self._accepting.set()

    async def close_all(self) -> None:
        for conn in list(self.live_connections):
            await conn.ws.close(code=1001, message=b"emulator shutting down")

    # -- websocket handler --------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        query = dict(request.query)
        if query.get("encoding", "json") != "json":
            await ws.close(code=CLOSE_DECODE_ERROR, message=b"only encoding=json is emulated")
            return ws
        compress = query.get("compress")
        conn = GatewayConnection(
            ws=ws, path=request.path, query=query, compressor=_Compressor(compress) if compress else None
        )
        self.connections.append(conn)
        try:
            await self._accepting.wait()
            await conn.send_op(
                HELLO, {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["emulator"]}
            )
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(conn, json.loads(msg.data))
                elif msg.type is WSMsgType.BINARY:
                    # Clients never compress what they send; treat as JSON anyway.
                    await self._on_frame(conn, json.loads(msg.data.decode()))
        finally:
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
            conn.closed.set()
            self.changed.notify()
        return ws

    async def _on_frame(self, conn: GatewayConnection, frame: dict[str, Any]) -> None:
        conn.received.append(frame)
        op, d = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await conn.send_op(HEARTBEAT_ACK, None)
        elif op == IDENTIFY:
            await self._identify(conn, d)
        elif op == RESUME:
            await self._resume(conn, d)
        elif op == REQUEST_GUILD_MEMBERS:
            await self._request_members(conn, d)
        elif op == PRESENCE_UPDATE:
            pass  # recorded in conn.received; nothing to answer
        else:
            log.debug("emulator gateway ignoring op %s", op)
        self.changed.notify()

    async def _identify(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        if d.get("token") != self.emu.token:
            await conn.ws.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        shard = list(d["shard"]) if d.get("shard") else None
        # A new IDENTIFY for a shard replaces that shard's old session.
        for sid, old in list(self.sessions.items()):
            if (old.shard or [0])[0] == (shard or [0])[0]:
                del self.sessions[sid]
        session = GatewaySession(session_id=new_token(), shard=shard, intents=d.get("intents"))
        self.sessions[session.session_id] = session
        conn.session, conn.sent_seq, session.connection = session, 0, conn
        world = self.emu.world
        guilds = [g for g in world.guilds if session.handles_guild(g.id)]
        session.append(
            "READY",
            payloads.ready(
                session_id=session.session_id,
                bot=world.bot,
                app_id=world.application_id,
                guild_ids=[g.id for g in guilds],
                resume_gateway_url=self.emu.resume_gateway_url,
                shard=shard,
            ),
        )
        for guild in guilds:
            session.append("GUILD_CREATE", payloads.guild_create(guild))
        await self._flush(session)
        self.identify_count += 1

    async def _resume(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        if d.get("token") != self.emu.token:
            await conn.ws.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Authentication failed.")
            return
        session = self.sessions.get(d.get("session_id") or "")
        seq = d.get("seq") or 0
        if session is None or seq > session.seq:
            self.invalid_session_count += 1
            await conn.send_op(INVALID_SESSION, False)
            return
        old = session.connection
        if old is not None and old is not conn:
            await old.ws.close(code=4000, message=b"session resumed elsewhere")
        conn.session, conn.sent_seq, session.connection = session, seq, conn
        # Missed events replay first, RESUMED comes last (as on Discord).
        session.append("RESUMED", {"_trace": ["emulator"]})
        await self._flush(session)
        self.resume_count += 1

    async def _request_members(self, conn: GatewayConnection, d: dict[str, Any]) -> None:
        """Answer op 8 with one GUILD_MEMBERS_CHUNK of the matching members."""
        session = conn.session
        guild = self.emu.world.find_guild(int(d["guild_id"]))
        if session is None or guild is None:
            return
        wanted = {int(u) for u in d.get("user_ids") or []}
        query = (d.get("query") or "").lower()
        members = [
            m
            for m in guild.members
            if (not wanted or m.user.id in wanted) and m.user.username.lower().startswith(query)
        ]
        chunk = {
            "guild_id": str(guild.id),
            "members": [payloads.member(m) for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce") is not None:
            chunk["nonce"] = d["nonce"]
        session.append("GUILD_MEMBERS_CHUNK", chunk)
        await self._flush(session)

    async def _flush(self, session: GatewaySession) -> None:
        """Deliver every event after the connection's ``sent_seq``, in order."""
        conn = session.connection
        if conn is None:
            return
        async with conn.lock:
            while conn.session is session and session.connection is conn and conn.sent_seq < session.seq:
                frame = session.events[conn.sent_seq]
                try:
                    await conn.send(frame)
                except (ConnectionResetError, RuntimeError):
                    return  # the client is gone; the event stays for replay
                conn.sent_seq += 1
        self.changed.notify()
