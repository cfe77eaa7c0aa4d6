"""The Discord bot, run by real discord.py against the loopback Discord emulator.

Every test starts the project's own bot (`create_bot`, as `python -m bot` does),
lets it sync its commands to the test guild and drives it with interactions.
Any ERROR logged by discord.py or the bot fails the test (`error_logs`).
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import sys
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
import pytest_asyncio
from conftest import ROOT, TODAY

from bot.core.library import Library
from bot.core.models import Fact
from bot.core.store import FactStore, fact_row
from tests.emulator import DiscordEmulator, EmuMessage
from tests.running_bot import make_bot

pytest_plugins = ["tests.emulator.fixtures"]

EPHEMERAL = 1 << 6


@pytest_asyncio.fixture
async def emu(discord_emulator: DiscordEmulator) -> DiscordEmulator:
    return discord_emulator


@pytest_asyncio.fixture
async def running(emu, library) -> AsyncIterator[DiscordEmulator]:
    """The bot, connected, with /backlog synced to the test guild."""
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        yield emu


def assert_no_mentions(emu: DiscordEmulator) -> None:
    """Every message the bot sent locked mentions: no reply can ping anyone."""
    assert emu.message_requests, "the bot sent nothing"
    for request in emu.message_requests:
        assert request.message.get("allowed_mentions", {}).get("parse") == [], request.path


def embed_text(message: EmuMessage) -> str:
    parts = []
    for embed in message.embeds:
        parts += [
            embed.get("title", ""),
            embed.get("description", ""),
            embed.get("footer", {}).get("text", ""),
        ]
        parts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts)


async def test_syncs_one_backlog_group_installable_in_servers_and_dms(running) -> None:
    commands = await running.wait_for_commands(running.guild_id)
    (group,) = [c for c in commands if c["name"] == "backlog"]
    names = {o["name"] for o in group["options"]}
    assert names == {"now", "ask", "compare", "trend", "source", "about", "propose", "config"}
    assert set(group["integration_types"]) == {0, 1}
    assert set(group["contexts"]) == {0, 1, 2}
    assert all(o.get("description") for o in group["options"]), "docstrings become descriptions"


async def test_now_answers_with_the_latest_backlog_its_date_and_source(running) -> None:
    reply = await (await running.invoke("backlog", "now")).wait_for_reply()
    text = embed_text(reply)
    assert "Immigration court backlog" in text and "as of" in text and "Source:" in text
    assert "Since the start of 2017" in text
    assert {"backlog:cite:333"} <= set(reply.custom_ids()) or any(
        c.startswith("backlog:cite:") for c in reply.custom_ids()
    )
    assert_no_mentions(running)


async def test_ask_compares_two_years_with_both_figures_and_the_change(running) -> None:
    it = await running.invoke("backlog", "ask", question="compare the backlog in 2017 and 2024")
    text = embed_text(await it.wait_for_reply())
    assert "542,411" in text and "fewer than 570,000" in text
    assert "Ratio" in text and "Percent change" in text
    assert "TRAC (Syracuse University)" in text
    assert_no_mentions(running)


async def test_private_option_makes_the_reply_ephemeral(running) -> None:
    reply = await (await running.invoke("backlog", "about", private=True)).wait_for_reply()
    assert reply.flags & EPHEMERAL
    assert "The fact base holds" in embed_text(reply)


async def test_ask_autocomplete_suggests_questions_within_discord_limits(running) -> None:
    empty = await (await running.autocomplete("backlog", "ask", focused="question", question="")).response()
    assert 0 < len(empty.choices) <= 25
    typed = await (
        await running.autocomplete("backlog", "ask", focused="question", question="ice dock")
    ).response()
    names = [c["name"] for c in typed.choices]
    assert any("ICE non-detained docket" in n for n in names)
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in typed.choices)


async def test_compare_with_autocomplete_for_measures_and_their_dates(running) -> None:
    measures = await (
        await running.autocomplete(
            "backlog", "compare", focused="measure", measure="ice dock", options={"from": "", "to": ""}
        )
    ).response()
    assert measures.choices[0]["value"] == "ice_non_detained_docket"
    dates = await (
        await running.autocomplete(
            "backlog", "compare", focused="from", measure="ice_non_detained_docket", options={"from": "2021"}
        )
    ).response()
    assert {"2021-01-20", "2021-09-30"} <= {c["value"] for c in dates.choices}
    it = await running.invoke(
        "backlog",
        "compare",
        measure="ice_non_detained_docket",
        options={"from": "2021-01-20", "to": "2024-06"},
    )
    text = embed_text(await it.wait_for_reply())
    assert "nearly 3,700,000" in text and "7,400,000" in text and "Ratio" in text


async def test_trend_sends_a_readable_png_with_the_figures_in_the_embed(running) -> None:
    it = await running.invoke("backlog", "trend", measure="immigration_court_pending_cases")
    reply = await it.wait_for_reply(timeout=20)
    png = reply.file("trend.png")
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    text = embed_text(reply)
    assert "FY2015" in text or "2015" in text
    assert "U.S. DOJ Executive Office for Immigration Review" in text
    assert reply.embeds[0]["image"]["url"] == "attachment://trend.png"


async def test_trend_attaches_every_figure_as_csv_and_says_so(running, library) -> None:
    measure = "immigration_court_pending_cases_trac"
    it = await running.invoke("backlog", "trend", measure=measure)
    reply = await it.wait_for_reply(timeout=20)
    assert set(reply.filenames()) == {"trend.png", f"{measure}.csv"}
    rows = list(csv.DictReader(io.StringIO(reply.file(f"{measure}.csv").decode("utf-8"))))
    facts = [f for f in library.store.load().facts.values() if f.measure == measure]
    assert sorted(int(r["fact"]) for r in rows) == sorted(f.id for f in facts)
    assert all(r["publisher"] and r["quote"] for r in rows)
    # Text for people who cannot see the image: what is left out of the list, and where it all is.
    text = reply.embeds[0]["description"]
    listed = text.count(" · fact ")
    assert listed < len(facts)
    assert f"The other {len(facts) - listed} are left out here" in text
    assert f"the attached {measure}.csv" in text
    (image,) = [a for a in reply.attachments if a["filename"] == "trend.png"]
    assert image["description"] and "figures from every source" in image["description"]


async def test_source_gives_provenance_and_a_citation(running) -> None:
    reply = await (await running.invoke("backlog", "source", fact="2")).wait_for_reply()
    text = embed_text(reply)
    assert "3,524,051" in text and "Breitbart News" in text and "Cite as" in text
    choices = (
        await (await running.autocomplete("backlog", "source", focused="fact", fact="3.5 million")).response()
    ).choices
    assert "2" in {c["value"] for c in choices}


def cite_as_block(text: str) -> str:
    """The "Cite as" block a member copies: the heading, the fenced citation and what it is cited for."""
    match = re.search(r"Cite as \(APA 7\):\n```\n(.+?)\n```\n(.+?)\n", text + "\n", re.DOTALL)
    assert match, text
    return match.group(0)


async def test_the_cite_button_gives_the_cite_as_text_with_the_author(running) -> None:
    reply = await (await running.invoke("backlog", "source", fact="2")).wait_for_reply()
    cite_as = cite_as_block(reply.embeds[0]["description"])
    cite = next(c for c in reply.custom_ids() if c.startswith("backlog:cite:"))
    pressed = await (await running.click(cite, message=reply)).response()
    assert cite_as_block(pressed.data["content"]) == cite_as
    # The author the button used to drop, and the date and address, in APA 7.
    assert "```\nBinder, J. (2024, May 7). Biden Overwhelms" in cite_as
    assert "https://www.breitbart.com/politics/2024/05/07/" in cite_as and "backlog fact 2" in cite_as
    assert pressed.data["flags"] & EPHEMERAL


async def test_did_you_mean_buttons_each_answer_their_question(running) -> None:
    it = await running.invoke("backlog", "ask", question="asylum")
    reply = await it.wait_for_reply()
    asks = [c for c in reply.custom_ids() if c.startswith("backlog:ask:")]
    assert len(asks) >= 2
    click = await running.click(asks[0], message=reply)
    answer = await click.wait_for_reply()
    assert "asylum" in embed_text(answer).lower() and "did you mean" not in embed_text(answer).lower()


async def test_buttons_work_after_a_restart(emu, library) -> None:
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        reply = await (
            await emu.invoke("backlog", "ask", question="ice docket when biden took office")
        ).wait_for_reply()
    # A new process would start a new client: the button's state is all in its custom_id.
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id, syncs=2)
        sources = next(c for c in reply.custom_ids() if c.startswith("backlog:src:"))
        cite = next(c for c in reply.custom_ids() if c.startswith("backlog:cite:"))
        provenance = await (await emu.click(sources, message=reply)).wait_for_reply()
        assert "Fox News" in embed_text(provenance) and provenance.flags & EPHEMERAL
        citation = await (await emu.click(cite, message=reply)).response()
        assert "Fox News" in citation.data["content"] and "backlog fact 21" in citation.data["content"]
    assert_no_mentions(emu)


async def test_the_sources_button_pages_through_every_fact_the_answer_used(running) -> None:
    reply = await (await running.invoke("backlog", "now")).wait_for_reply()
    used = re.search(r"Facts ([\d, ]+)", reply.embeds[0]["footer"]["text"])[1]
    expected = [int(i) for i in used.split(", ")]
    assert len(expected) > 3  # more than one page: /backlog now cites the counts and the changes
    shown: list[int] = []
    button, message = next(c for c in reply.custom_ids() if c.startswith("backlog:src:")), reply
    while button is not None:
        page = await (await running.click(button, message=message)).wait_for_reply()
        shown += [int(i) for i in re.findall(r"\*\*Fact (\d+):", page.embeds[0]["description"])]
        button = next((c for c in page.custom_ids() if c.startswith("backlog:src:") and c > button), None)
        message = page
    assert shown == expected


async def test_a_sources_button_of_the_older_form_is_still_read() -> None:
    # Answers posted before the paged form carry "backlog:sources:<decimal ids>"; they keep working.
    from bot.exts.backlog._buttons import SourcesButton

    for custom_id, ids, page in (("backlog:sources:21,60", [21, 60], 0), ("backlog:src:1:l.1o", [21, 60], 1)):
        button = await SourcesButton.from_custom_id(
            None, None, re.fullmatch(SourcesButton.__discord_ui_compiled_template__, custom_id)
        )  # type: ignore[arg-type]
        assert (button.fact_ids, button.page) == (ids, page)


async def test_a_command_works_after_a_gateway_reconnect(running) -> None:
    await running.request_reconnect()
    await running.wait_for_resume()
    reply = await (await running.invoke("backlog", "now")).wait_for_reply()
    assert "Immigration court backlog" in embed_text(reply)


async def test_without_a_dev_guild_commands_sync_globally_and_answer_in_dms(emu, library) -> None:
    async with emu.running(make_bot(emu, library, dev_guild=False)):
        await emu.wait_for_commands(None)
        it = await emu.invoke("backlog", "ask", question="how many immigration judges are there", guild=False)
        assert "Immigration judges" in embed_text(await it.wait_for_reply())


async def test_a_question_that_would_ping_is_answered_without_pinging(running) -> None:
    it = await running.invoke("backlog", "ask", question="@everyone <@&123> backlog now")
    text = embed_text(await it.wait_for_reply())
    assert "@everyone" not in text
    assert_no_mentions(running)


async def test_a_very_long_fact_fits_in_discord_embed_limits(emu, kb, library) -> None:
    long_fact = replace(
        next(iter(kb.facts.values())), id=999_999, quote="3,524,051 " + "very long quote " * 800
    )
    long_fact = Fact(**{k: getattr(long_fact, k) for k in Fact.__dataclass_fields__ if k != "period"})
    library.store.db["facts"].insert(fact_row(long_fact))
    library.reload()
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        reply = await (await emu.invoke("backlog", "source", fact="999999")).wait_for_reply()
    embed = reply.embeds[0]
    total = (
        len(embed.get("title", ""))
        + len(embed.get("description", ""))
        + len(embed.get("footer", {}).get("text", ""))
    )
    total += sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    assert len(embed["description"]) <= 4096 and total <= 6000
    assert embed["description"].endswith("…")


async def test_an_error_in_a_command_is_a_private_message_and_a_log_line(
    emu, library, error_logs, caplog
) -> None:
    class BrokenLibrary(Library):
        def engine(self, server=None):
            raise RuntimeError("the database went away")

    async with emu.running(make_bot(emu, BrokenLibrary(library.store, today=lambda: TODAY))):
        await emu.wait_for_commands(emu.guild_id)
        it = await emu.invoke("backlog", "now")
        reply = await it.wait_for_reply()
    assert reply.flags & EPHEMERAL and "Something went wrong" in reply.content
    assert any(str(it.id) in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)
    error_logs.records.clear()  # this one was expected


def _run_bot(env: dict[str, str]) -> asyncio.Future:
    return asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )


def _bot_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "BACKLOG_DB", "DEV_GUILD_ID")}
    return {**env, **values}


async def test_python_m_bot_connects_syncs_and_answers_through_the_emulator(emu, tmp_path) -> None:
    database = tmp_path / "volume" / "backlog.db"
    process = await _run_bot(
        _bot_env(
            DISCORD_TOKEN=emu.token,
            DISCORD_API_BASE=emu.api_base,
            DISCORD_GATEWAY_URL=emu.gateway_url,
            DEV_GUILD_ID=str(emu.guild_id),
            BACKLOG_DB=str(database),
        )
    )
    try:
        await emu.wait_for_commands(emu.guild_id, timeout=30)
        await emu.wait_until_identified(timeout=30)
        reply = await (await emu.invoke("backlog", "now")).wait_for_reply(timeout=10)
        text = embed_text(reply)
        assert "Immigration court backlog" in text and "as of" in text and "Source:" in text
        assert_no_mentions(emu)
    finally:
        process.terminate()
        _, stderr = await process.communicate()
    assert emu.token not in stderr.decode(), "the token never reaches a log"
    # A new database file was created on the volume, holding the curated base, ready for moderators.
    assert FactStore.open(database, readonly=True).counts()["facts"] >= 455


@pytest.mark.parametrize("token", ["", "wrong-token"])
async def test_a_missing_or_rejected_token_is_one_line_and_exit_2(emu, token: str) -> None:
    process = await _run_bot(
        _bot_env(DISCORD_TOKEN=token, DISCORD_API_BASE=emu.api_base, DISCORD_GATEWAY_URL=emu.gateway_url)
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    lines = [line for line in stderr.decode().splitlines() if line.startswith("backlog:")]
    assert process.returncode == 2
    assert len(lines) == 1 and "Traceback" not in stderr.decode()
    assert token not in lines[0] or not token
