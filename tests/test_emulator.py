"""The Discord emulator proven against real discord.py.

Each test builds a tiny ``commands.Bot`` here (not the project's bot), runs it
against ``DiscordEmulator`` on loopback and checks both sides: what the bot
saw and what it sent. Any ERROR log (discord.py swallows handler exceptions
into logs) fails the test via the ``error_logs`` fixture.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import discord
import pytest
import pytest_asyncio
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.emulator import (
    DiscordEmulator,
    ErrorLogCollector,
    collect_error_logs,
)

QUESTIONS = [
    "How big is the immigration court backlog?",
    "How many immigration judges are there?",
    "What is TPS?",
]


# -- fixtures -----------------------------------------------------------------


@pytest.fixture
def error_logs() -> Iterator[ErrorLogCollector]:
    """Fail the test if anything logged at ERROR (checked at teardown)."""
    with collect_error_logs() as collector:
        yield collector


@pytest_asyncio.fixture
async def emu(error_logs: ErrorLogCollector) -> AsyncIterator[DiscordEmulator]:
    """A started emulator with discord.py pointed at it, restored afterwards."""
    original = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    async with DiscordEmulator() as emulator:
        with emulator.patch_discord():
            yield emulator
    assert original == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)


def make_bot(intents: discord.Intents | None = None) -> commands.Bot:
    # guild_ready_timeout: discord.py waits this long after the last
    # GUILD_CREATE before on_ready (default 2 s).
    return commands.Bot(
        command_prefix="!",
        intents=intents or discord.Intents.default(),
        guild_ready_timeout=0.05,
        allowed_mentions=discord.AllowedMentions.none(),
    )


def backlog_group(seen: list[Any]) -> app_commands.Group:
    """``/backlog ask question:<str>``, with autocomplete."""
    group = app_commands.Group(name="backlog", description="Immigration backlog facts")

    @group.command(name="ask", description="Ask a question")
    @app_commands.describe(question="What you want to know")
    async def ask(interaction: discord.Interaction, question: str) -> None:
        seen.append(interaction)
        await interaction.response.send_message(f"{interaction.user.mention} asked: {question} @everyone")

    @ask.autocomplete("question")
    async def ask_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=q, value=q) for q in QUESTIONS if current.lower() in q.lower()]

    return group


def report_command(seen: list[Any]) -> app_commands.Command[Any, Any, None]:
    """``/report rows:<int>``: Manage Guild only, deferred, answers with a file."""

    @app_commands.command(name="report", description="A deferred report with a file")
    @app_commands.default_permissions(manage_guild=True)
    async def report(interaction: discord.Interaction, rows: int) -> None:
        seen.append(interaction)
        await interaction.response.defer(thinking=True)
        data = bytes(range(256)) * rows
        await interaction.followup.send(
            "here is the report", file=discord.File(io.BytesIO(data), "report.bin")
        )
        await interaction.edit_original_response(content=f"report ready ({len(data)} bytes)")

    return report


# -- connection ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_login_connect_ready(emu: DiscordEmulator) -> None:
    # The members intent makes discord.py cache GUILD_CREATE's members.
    intents = discord.Intents.default()
    intents.members = True
    bot = make_bot(intents)
    async with emu.running(bot):
        assert bot.user is not None and bot.user.id == emu.bot_user.id
        assert bot.application_id == emu.application_id
        guild = bot.get_guild(emu.guild_id)
        assert guild is not None and guild.owner_id == emu.owner.id and guild.chunked
        assert guild.get_channel(emu.channel_id) is not None
        manager = guild.get_member(emu.manager.id)
        assert manager is not None and manager.guild_permissions.manage_guild
        assert not guild.get_member(emu.member.id).guild_permissions.manage_guild  # type: ignore[union-attr]
    routes = [r.route for r in emu.requests]
    assert routes[:2] == ["GET /users/@me", "GET /oauth2/applications/@me"]
    # discord.py connects with transport compression by default.
    assert emu.gateway.connections[0].query["compress"] == "zlib-stream"
    assert emu.unknown_requests == []


@pytest.mark.asyncio
async def test_plain_json_gateway_and_heartbeat(emu: DiscordEmulator) -> None:
    """The uncompressed path, driven by hand: HELLO, IDENTIFY, READY, ACK."""
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(f"{emu.gateway_url}?v=10&encoding=json") as ws:
            hello = await ws.receive_json()
            assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] > 0
            await ws.send_json({"op": 2, "d": {"token": emu.token, "intents": 1, "properties": {}}})
            ready = await ws.receive_json()
            assert (ready["t"], ready["s"]) == ("READY", 1)
            assert ready["d"]["resume_gateway_url"] == emu.resume_gateway_url
            assert ready["d"]["guilds"] == [{"id": str(emu.guild_id), "unavailable": True}]
            guild = await ws.receive_json()
            assert (guild["t"], guild["s"]) == ("GUILD_CREATE", 2)
            assert len(guild["d"]["members"]) == guild["d"]["member_count"] == 4
            await ws.send_json({"op": 1, "d": 2})
            assert (await ws.receive_json())["op"] == 11
        # A wrong token is refused with 4004, which discord.py does not retry.
        async with session.ws_connect(f"{emu.gateway_url}?v=10&encoding=json&compress=zlib-stream") as ws:
            inflater = zlib.decompressobj()
            hello = json.loads(inflater.decompress(await ws.receive_bytes()))
            assert hello["op"] == 10
            await ws.send_json({"op": 2, "d": {"token": "wrong", "properties": {}}})
            closing = await ws.receive()
            assert closing.type is aiohttp.WSMsgType.CLOSE and closing.data == 4004


@pytest.mark.asyncio
async def test_bad_token_is_login_failure(emu: DiscordEmulator) -> None:
    bot = make_bot()
    with pytest.raises(discord.LoginFailure):
        await bot.login("not-the-token")
    await bot.close()
    assert emu.requests[-1].route == "GET /users/@me" and emu.requests[-1].status == 401


@pytest.mark.asyncio
async def test_unknown_route_is_404_and_recorded(emu: DiscordEmulator) -> None:
    bot = make_bot()
    async with emu.running(bot):
        with pytest.raises(discord.NotFound):
            await bot.fetch_stage_instance(emu.channel_id)
    assert [r.path for r in emu.unknown_requests] == [f"/stage-instances/{emu.channel_id}"]


# -- slash commands -----------------------------------------------------------


@pytest.mark.asyncio
async def test_sync_group_then_invoke_with_allowed_mentions(emu: DiscordEmulator) -> None:
    seen: list[discord.Interaction] = []
    bot = make_bot()
    guild = discord.Object(emu.guild_id)
    bot.tree.add_command(backlog_group(seen), guild=guild)
    async with emu.running(bot):
        synced = await bot.tree.sync(guild=guild)
        cmds = await emu.wait_for_commands(emu.guild_id)
        assert [c["name"] for c in cmds] == ["backlog"] and synced[0].id == int(cmds[0]["id"])
        ask = next(o for o in cmds[0]["options"] if o["name"] == "ask")
        assert ask["type"] == 1 and ask["options"][0]["name"] == "question"

        it = await emu.invoke("backlog", "ask", question="How big is it?")
        resp = await it.response()
        assert resp["type"] == 4
        assert resp.data["content"] == f"<@{emu.member.id}> asked: How big is it? @everyone"
        assert resp.data["allowed_mentions"]["parse"] == []
        assert it.original is not None and it.original.content == resp.data["content"]

        interaction = seen[0]
        assert interaction.guild_id == emu.guild_id and isinstance(interaction.user, discord.Member)
        assert interaction.command is not None and interaction.command.qualified_name == "backlog ask"
        assert not interaction.permissions.manage_guild
        assert interaction.app_permissions.send_messages
        # The original response is reachable through the webhook, as discord.py fetches it.
        fetched = await interaction.original_response()
        assert fetched.id == it.original.id

    assert emu.message_requests and all(
        r.message["allowed_mentions"]["parse"] == [] for r in emu.message_requests
    )  # type: ignore[index]
    assert emu.unknown_requests == []


@pytest.mark.asyncio
async def test_deferred_reply_followup_with_file(emu: DiscordEmulator) -> None:
    seen: list[discord.Interaction] = []
    bot = make_bot()
    bot.tree.add_command(report_command(seen), guild=discord.Object(emu.guild_id))
    async with emu.running(bot):
        await bot.tree.sync(guild=discord.Object(emu.guild_id))
        # /report needs Manage Guild: the plain member cannot even see it.
        with pytest.raises(PermissionError):
            await emu.invoke("report", rows=2)
        it = await emu.invoke("report", rows=40, user=emu.manager)
        assert (await it.response())["type"] == 5
        followup = await it.wait_for_followup()
        assert followup.content == "here is the report"
        assert followup.file("report.bin") == bytes(range(256)) * 40
        edited = await it.wait_for_edit()
        assert edited["content"] == "report ready (10240 bytes)"
        assert (await it.wait_for_reply()).content == "report ready (10240 bytes)"
        assert seen[0].permissions.manage_guild

        # The follow-up went out as multipart: payload_json plus files[0].
        multipart = next(r for r in emu.requests if r.files)
        assert multipart.route == "POST /webhooks/{app}/{token}"
        assert [f.field for f in multipart.files] == ["files[0]"]
        assert multipart.json["attachments"] == [{"id": 0, "filename": "report.bin"}]
        # The attachment URL serves the bytes back (discord.Attachment.read works).
        attachment = discord.Attachment(data=followup.attachments[0], state=bot._connection)  # type: ignore[arg-type]
        assert await attachment.read() == bytes(range(256)) * 40


@pytest.mark.asyncio
async def test_autocomplete_returns_choices(emu: DiscordEmulator) -> None:
    bot = make_bot()
    bot.tree.add_command(backlog_group([]), guild=discord.Object(emu.guild_id))
    async with emu.running(bot):
        await bot.tree.sync(guild=discord.Object(emu.guild_id))
        it = await emu.autocomplete("backlog", "ask", focused="question", question="immigration")
        resp = await it.response()
        assert resp.type == 8
        assert [c["value"] for c in resp.choices] == QUESTIONS[:2]
        option = it.payload["data"]["options"][0]["options"][0]
        assert option == {"type": 3, "name": "question", "value": "immigration", "focused": True}


# -- components and modals ----------------------------------------------------


class VoteButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vote:(?P<n>\d+)"):
    """A persistent button whose state lives in its custom_id."""

    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label=f"Vote {n}", custom_id=f"vote:{n}"))
        self.n = n

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: Any
    ) -> VoteButton:
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(ReasonModal(self.n))


class ReasonModal(discord.ui.Modal, title="Why?"):
    # One input in a Label (type 18), one bare (wrapped in an action row).
    reason = discord.ui.Label(text="Reason", component=discord.ui.TextInput(custom_id="reason"))
    note = discord.ui.TextInput(label="Note", custom_id="note", required=False)

    def __init__(self, n: int) -> None:
        super().__init__(custom_id="vote-modal")
        self.n = n

    async def on_submit(self, interaction: discord.Interaction) -> None:
        reason = self.reason.component.value  # type: ignore[attr-defined]
        await interaction.response.send_message(
            f"vote {self.n}: {reason} / {self.note.value}", ephemeral=True
        )


@pytest.mark.asyncio
async def test_dynamic_button_click_and_modal_submit(emu: DiscordEmulator) -> None:
    bot = make_bot()
    bot.add_dynamic_items(VoteButton)

    @bot.tree.command(name="poll", description="Post a poll")
    async def poll(interaction: discord.Interaction) -> None:
        view = discord.ui.View(timeout=None)
        view.add_item(VoteButton(3))
        await interaction.response.send_message("Vote!", view=view)

    async with emu.running(bot):
        await bot.tree.sync()
        await emu.wait_for_commands()
        posted = await (await emu.invoke("poll")).wait_for_reply()
        assert posted.custom_ids() == ["vote:3"]

        click = await emu.click("vote:3", user=emu.owner)
        modal = await click.response()
        assert modal.type == 9 and modal.data["custom_id"] == "vote-modal"

        submit = await emu.submit_modal("vote-modal", {"reason": "because", "note": "n/a"})
        reply = await submit.wait_for_reply()
        assert reply.content == "vote 3: because / n/a" and reply.ephemeral
        assert submit.user == emu.owner  # the modal came back from whoever clicked
        submitted = submit.payload["data"]["components"]
        assert [c["type"] for c in submitted] == [18, 1]


# -- DMs ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_dm_interaction(emu: DiscordEmulator) -> None:
    seen: list[discord.Interaction] = []
    bot = make_bot()

    @bot.tree.command(name="ping", description="Ping")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def ping(interaction: discord.Interaction) -> None:
        seen.append(interaction)
        await interaction.response.send_message("pong", ephemeral=interaction.guild is None)

    async with emu.running(bot):
        await bot.tree.sync()
        await emu.wait_for_commands()
        it = await emu.invoke("ping", guild=False)
        reply = await it.wait_for_reply()
        assert reply.content == "pong" and reply.ephemeral
        interaction = seen[0]
        assert interaction.guild is None and type(interaction.user) is discord.User
        assert isinstance(interaction.channel, discord.DMChannel)
        assert interaction.channel.id == emu.dm_channel.id
        assert interaction.context.dm_channel
        assert it.payload["authorizing_integration_owners"] == {"0": "0"}
        assert "member" not in it.payload and it.payload["user"]["id"] == str(emu.member.id)


# -- reconnect and resume -----------------------------------------------------


@pytest.mark.asyncio
async def test_reconnect_resume_replays_missed_interaction(emu: DiscordEmulator) -> None:
    resumed: list[bool] = []
    bot = make_bot()
    bot.tree.add_command(backlog_group([]), guild=discord.Object(emu.guild_id))

    @bot.event
    async def on_resumed() -> None:
        resumed.append(True)

    async with emu.running(bot):
        await bot.tree.sync(guild=discord.Object(emu.guild_id))
        async with emu.hold_connections():
            await emu.request_reconnect()
            # The client is disconnected: this is buffered and replayed on RESUME.
            missed = await emu.invoke("backlog ask", question="missed?")
        await emu.wait_for_resume()
        assert (await missed.response()).data["content"].endswith("asked: missed? @everyone")
        # It really was replayed: its sequence number is after the one RESUME sent.
        session = next(iter(emu.gateway.sessions.values()))
        resume = next(f for f in emu.gateway.connections[1].received if f["op"] == 6)
        replayed = next(
            e for e in session.events if e["t"] == "INTERACTION_CREATE" and e["d"]["id"] == str(missed.id)
        )
        assert resume["d"]["seq"] < replayed["s"] < session.events[-1]["s"]
        assert session.events[-1]["t"] == "RESUMED"

        after = await emu.invoke("backlog ask", question="still there?")
        assert (await after.wait_for_reply()).content.endswith("still there? @everyone")
        assert resumed == [True]
        assert emu.gateway.identify_count == 1 and emu.gateway.resume_count == 1
        # The client resumed at the resume_gateway_url from READY.
        assert [c.path for c in emu.gateway.connections] == ["/", "/resume/"]
        assert yarl.URL(str(bot.ws.gateway)).path == "/resume/"


@pytest.mark.asyncio
async def test_an_interaction_not_acknowledged_in_time_fails_as_on_discord(
    error_logs: ErrorLogCollector,
) -> None:
    """Past the deadline (0.3 s here, Discord's 3 s by default) a callback is refused with 10062,
    and every wait on the interaction fails at once with `MissedDeadline`: a test that awaits a
    reply needs no timing assertion of its own."""
    import asyncio

    from tests.emulator import MissedDeadline

    bot = make_bot()
    group = app_commands.Group(name="slow", description="Answers late, or not at all")

    @group.command(name="late", description="Answers after the deadline")
    async def late(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.5)
        await interaction.response.send_message("too late")

    @group.command(name="never", description="Never answers")
    async def never(interaction: discord.Interaction) -> None:
        return None

    async with DiscordEmulator(callback_deadline=0.3) as emu:
        bot.tree.add_command(group, guild=discord.Object(emu.guild_id))
        with emu.patch_discord():
            async with emu.running(bot):
                await bot.tree.sync(guild=discord.Object(emu.guild_id))
                for name in ("late", "never"):
                    it = await emu.invoke("slow", name)
                    with pytest.raises(MissedDeadline, match="deadline"):
                        await it.wait_for_reply(timeout=5)
                    assert it.callback is None
    # discord.py logged the 10062 it got for the late callback, as it would on Discord.
    assert any("Unknown interaction" in r.getMessage() or r.exc_info for r in error_logs.records)
    error_logs.records.clear()
