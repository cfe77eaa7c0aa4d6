"""Moderators curate facts from Discord: real discord.py, the emulator, a real SQLite file.

Every test drives the bot as people would: a moderator (`manager`, who has
Manage Server) fills in modals and presses buttons; a plain `member` is refused
or proposes. The database is checked directly: nothing written when refused.
"""

from __future__ import annotations

import asyncio
import time
import tracemalloc

from test_bot import EPHEMERAL, assert_no_mentions, embed_text

from bot.core.engine import AnswerEngine
from bot.core.library import Library
from tests.emulator import DiscordEmulator, EmuMessage, EmuRole
from tests.emulator.interaction import DEFERRED_CHANNEL_MESSAGE
from tests.running_bot import make_bot

pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]

MEASURE = "immigration_court_pending_cases_trac"
NEW_FIGURE = {
    "value": "3,712,345",
    "date": "October 2026",
    "url": "https://example.org/backlog-october-2026",
    "title": "The backlog in October 2026",
    "quote": "Immigration courts had 3,712,345 cases pending at the end of October 2026.",
}


def counts(library: Library) -> dict[str, int]:
    db = library.store.db
    return {table: db[table].count for table in ("facts", "revisions", "submissions", "sources", "measures")}


async def fill_fact_form(
    emu: DiscordEmulator, command: str, *, user=None, values=None, check_permissions=True, **options
) -> EmuMessage:
    """Run /fact add (or another form command), fill in its modal, return the private reply."""
    group, sub = command.split()
    it = await emu.invoke(
        group, sub, user=user or emu.world.manager, check_permissions=check_permissions, **options
    )
    modal = await it.response()
    assert modal.type == 9, f"expected a modal, got {modal.body}"
    submitted = await emu.submit_modal(modal.data["custom_id"], values if values is not None else NEW_FIGURE)
    return await submitted.wait_for_reply()


async def add_fact(emu: DiscordEmulator, **overrides) -> int:
    reply = await fill_fact_form(
        emu, "fact add", measure=MEASURE, publisher="Example Research", values={**NEW_FIGURE, **overrides}
    )
    assert "added" in reply.content, reply.content
    return int(reply.content.split()[1])


async def wait_for_dm(emu: DiscordEmulator, user) -> EmuMessage:
    """The bot's next direct message to `user`."""
    channel = emu.world.dm_channel(user)

    def probe() -> EmuMessage | None:
        return next((m for m in emu.world.messages.values() if m.channel_id == channel.id), None)

    return await emu.changed.wait_for(probe, timeout=5, what=f"a DM to {user.username}")


async def ask(emu: DiscordEmulator, question: str, **where) -> str:
    return embed_text(await (await emu.invoke("backlog", "ask", question=question, **where)).wait_for_reply())


async def test_fact_is_a_moderator_group_shown_only_to_managers(bot) -> None:
    commands = await bot.wait_for_commands(bot.guild_id)
    (fact,) = [c for c in commands if c["name"] == "fact"]
    assert int(fact["default_member_permissions"]) == 1 << 5  # Manage Server
    assert fact["contexts"] == [0]
    names = {o["name"] for o in fact["options"]}
    assert {"add", "edit", "retract", "restore", "history", "review", "unanswered", "measure"} <= names


async def test_a_moderator_adds_a_fact_and_ask_answers_with_it_and_its_source(bot, library) -> None:
    fact_id = await add_fact(bot)
    assert fact_id >= 100_000
    text = await ask(bot, "what is the court backlog now")
    assert "3,712,345" in text and f"fact {fact_id}" in text
    assert "Example Research" in text and "example.org/backlog-october-2026" in text
    assert "Added by this server's moderators" in text
    row = library.store.db["facts"].get(fact_id)
    assert row["server"] == str(bot.guild_id) and row["date"] == "2026-10"
    assert_no_mentions(bot)


async def test_a_member_without_rights_is_refused_and_nothing_is_written(bot, library) -> None:
    before = counts(library)
    it = await bot.invoke(
        "fact", "add", user=bot.world.member, check_permissions=False, measure=MEASURE, publisher="X"
    )
    reply = await it.wait_for_reply()
    assert reply.flags & EPHEMERAL
    assert "Only this server's moderators" in reply.content and "/backlog propose" in reply.content
    for command, options in (("retract", {"fact": 17, "reason": "no"}), ("history", {"fact": 17})):
        refused = await bot.invoke("fact", command, user=bot.world.member, check_permissions=False, **options)
        assert "Only this server's moderators" in (await refused.wait_for_reply()).content
    assert counts(library) == before


async def test_discord_hides_fact_from_members(bot) -> None:
    try:
        await bot.invoke("fact", "review", user=bot.world.member)
    except PermissionError:
        return
    raise AssertionError("a member without Manage Server could use /fact")


async def test_bad_input_gets_clear_errors_and_changes_nothing(bot, library) -> None:
    before = counts(library)
    reply = await fill_fact_form(
        bot,
        "fact add",
        measure=MEASURE,
        publisher="Example",
        values={**NEW_FIGURE, "value": "lots", "date": "2099-01", "url": "ftp://example.org/x"},
    )
    assert reply.flags & EPHEMERAL
    assert "is not a number" in reply.content
    assert "in the future" in reply.content
    assert "must start with http:// or https://" in reply.content
    unknown = await fill_fact_form(bot, "fact add", measure="no such measure", publisher="Example")
    assert "There is no measure" in unknown.content
    assert counts(library) == before


async def test_a_quote_without_the_value_asks_for_confirmation_first(bot, library) -> None:
    before = counts(library)["facts"]
    reply = await fill_fact_form(
        bot,
        "fact add",
        measure=MEASURE,
        publisher="Example",
        values={**NEW_FIGURE, "quote": "Courts are busy."},
    )
    assert "does not contain the value" in reply.content
    assert counts(library)["facts"] == before
    (confirm,) = [c for c in reply.custom_ids() if c.startswith("fact:confirm:")]
    saved = await (await bot.click(confirm, message=reply)).wait_for_reply()
    assert "added" in saved.content
    assert counts(library)["facts"] == before + 1


async def test_the_same_measure_date_and_source_offers_to_edit_that_fact(bot, library) -> None:
    fact_id = await add_fact(bot)
    reply = await fill_fact_form(
        bot,
        "fact add",
        measure=MEASURE,
        publisher="Example Research",
        values={
            **NEW_FIGURE,
            "value": "3,712,346",
            "quote": "Immigration courts had 3,712,346 cases pending.",
        },
    )
    assert f"Fact {fact_id} already records" in reply.content
    (update,) = [c for c in reply.custom_ids() if c.startswith("fact:confirm:")]
    updated = await (await bot.click(update, message=reply)).wait_for_reply()
    assert f"Fact {fact_id} updated" in updated.content
    assert library.store.db["facts"].get(fact_id)["value"] == 3_712_346
    assert library.store.db.execute("SELECT COUNT(*) FROM facts WHERE id >= 100000").fetchone()[0] == 1


async def test_edit_then_history_shows_both_versions_who_and_why(bot) -> None:
    fact_id = await add_fact(bot)
    it = await bot.invoke("fact", "edit", user=bot.world.manager, fact=fact_id, reason="typo in the total")
    modal = await it.response()
    prefilled = {
        c["custom_id"]: c.get("value") for row in modal.data["components"] for c in row["components"]
    }
    assert prefilled["value"] == "3,712,345" and prefilled["date"] == "2026-10"
    corrected = {"value": "3,712,354", "quote": "Immigration courts had 3,712,354 cases pending."}
    saved = await (await bot.submit_modal(modal.data["custom_id"], corrected)).wait_for_reply()
    assert f"Fact {fact_id} updated" in saved.content
    assert "3,712,354" in await ask(bot, "court backlog now")

    history = await (
        await bot.invoke("fact", "history", user=bot.world.manager, fact=fact_id)
    ).wait_for_reply()
    text = embed_text(history)
    assert "add" in text and "edit" in text and "Manager" in text
    assert "3,712,345" in text and "3,712,354" in text and "typo in the total" in text


async def test_retract_hides_from_answers_keeps_history_and_restore_brings_it_back(bot) -> None:
    fact_id = await add_fact(bot)
    retracted = await bot.invoke(
        "fact", "retract", user=bot.world.manager, fact=fact_id, reason="wrong table"
    )
    assert "retracted" in (await retracted.wait_for_reply()).content
    assert f"fact {fact_id}" not in await ask(bot, "court backlog now")
    history = embed_text(
        await (await bot.invoke("fact", "history", user=bot.world.manager, fact=fact_id)).wait_for_reply()
    )
    assert "retract" in history and "wrong table" in history
    restored = await bot.invoke("fact", "restore", user=bot.world.manager, fact=fact_id)
    assert "restored" in (await restored.wait_for_reply()).content
    assert f"fact {fact_id}" in await ask(bot, "court backlog now")


async def test_the_shared_base_cannot_be_changed_from_a_server(bot, library) -> None:
    before = counts(library)
    it = await bot.invoke("fact", "retract", user=bot.world.manager, fact=17, reason="I disagree")
    assert "shared curated base" in (await it.wait_for_reply()).content
    assert counts(library) == before


async def test_a_fact_from_one_server_never_appears_in_another(discord_emulator, library) -> None:
    emu = discord_emulator
    emu.world.add_guilds(["Second Guild"])
    second = emu.world.guilds[1]
    async with emu.running(make_bot(emu, library, dev_guild=False)):
        await emu.wait_for_commands(None)
        fact_id = await add_fact(emu)
        assert f"fact {fact_id}" in await ask(emu, "court backlog now")
        elsewhere = await ask(emu, "court backlog now", guild=second)
        assert f"fact {fact_id}" not in elsewhere and "3,712,345" not in elsewhere
        in_dm = await ask(emu, "court backlog now", guild=False)
        assert "3,712,345" not in in_dm
        source = await (
            await emu.invoke("backlog", "source", fact=str(fact_id), guild=second)
        ).wait_for_reply()
        assert "3,712,345" not in embed_text(source)


async def test_two_servers_add_facts_each_sees_only_its_own_and_pays_for_an_overlay(
    discord_emulator, library
) -> None:
    emu = discord_emulator
    emu.world.add_guilds(["Second Guild"])
    second = emu.world.guilds[1]
    async with emu.running(make_bot(emu, library, dev_guild=False)):
        await emu.wait_for_commands(None)
        await ask(emu, "court backlog now")  # the shared engine is built, as a running bot's is
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            first = await add_fact(emu)
            other = {**NEW_FIGURE, "value": "3,799,999", "quote": "3,799,999 cases were pending."}
            reply = await fill_fact_form(
                emu, "fact add", measure=MEASURE, publisher="Other Research", values=other, guild=second
            )
            assert "added" in reply.content, reply.content
            here, there = (
                await ask(emu, "court backlog now"),
                await ask(emu, "court backlog now", guild=second),
            )
            grown = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert "3,712,345" in here and f"fact {first}" in here and "3,799,999" not in here
        assert "3,799,999" in there and "3,712,345" not in there
        # Both servers' engines are overlays of the one shared engine: what their facts leave as it
        # is (another measure's series) is the shared engine's own, not a copy.
        shared, untouched = library.engine(None), "ice_non_detained_docket"
        for server in (str(emu.guild_id), str(second.id)):
            overlay = library.engine(server)
            assert overlay is not shared and overlay.series(untouched) is shared.series(untouched)
        # Two facts, two overlays: far less than one engine built over the base (about 30 MB).
        assert grown < 3_000_000, f"{grown:,} bytes for two servers' facts"


async def test_propose_then_approve_adds_the_fact_and_tells_the_proposer(bot, library) -> None:
    member = bot.world.member
    reply = await fill_fact_form(bot, "backlog propose", user=member, measure=MEASURE, publisher="Example")
    assert "proposal" in reply.content.lower() and reply.flags & EPHEMERAL
    assert "3,712,345" not in await ask(bot, "court backlog now")

    review = await bot.invoke("fact", "review", user=bot.world.manager)
    await review.response()
    card = await review.wait_for_followup()
    assert "3,712,345" in embed_text(card) and "Plain Member" in embed_text(card)
    (approve,) = [c for c in card.custom_ids() if c.startswith("fact:approve:")]
    decided = await (await bot.click(approve, message=card, user=bot.world.manager)).response()
    assert decided.type == 7 and "Approved by" in str(decided.data["embeds"])
    assert "3,712,345" in await ask(bot, "court backlog now")
    told = await wait_for_dm(bot, member)
    assert "approved" in told.content


async def test_propose_then_reject_keeps_it_out_and_tells_the_proposer(bot) -> None:
    member = bot.world.member
    await fill_fact_form(bot, "backlog propose", user=member, measure=MEASURE, publisher="Example")
    review = await bot.invoke("fact", "review", user=bot.world.manager)
    await review.response()
    card = await review.wait_for_followup()
    (reject,) = [c for c in card.custom_ids() if c.startswith("fact:reject:")]
    # A member pressing a moderator's button is refused.
    refused = await (await bot.click(reject, message=card, user=member)).wait_for_reply()
    assert "Only this server's moderators" in refused.content
    await (await bot.click(reject, message=card, user=bot.world.manager)).response()
    assert "3,712,345" not in await ask(bot, "court backlog now")
    told = await wait_for_dm(bot, member)
    assert "not accepted" in told.content
    again = await (await bot.invoke("fact", "review", user=bot.world.manager)).wait_for_reply()
    assert "No proposals are waiting" in again.content


async def test_review_buttons_work_after_a_restart(discord_emulator, library) -> None:
    emu = discord_emulator
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        await fill_fact_form(
            emu, "backlog propose", user=emu.world.member, measure=MEASURE, publisher="Example"
        )
        review = await emu.invoke("fact", "review", user=emu.world.manager)
        await review.response()
        card = await review.wait_for_followup()
    async with emu.running(make_bot(emu, Library(library.store, today=library.today))):
        await emu.wait_for_commands(emu.guild_id, syncs=2)
        (approve,) = [c for c in card.custom_ids() if c.startswith("fact:approve:")]
        await (await emu.click(approve, message=card, user=emu.world.manager)).response()
        assert "3,712,345" in await ask(emu, "court backlog now")
        assert "approved" in (await wait_for_dm(emu, emu.world.member)).content


async def test_unanswered_questions_are_counted_and_can_be_dismissed(bot) -> None:
    for _ in range(2):
        await ask(bot, "how many goats does the court own")
    await ask(bot, "what colour are the courtroom chairs")
    listing = await (await bot.invoke("fact", "unanswered", user=bot.world.manager)).wait_for_reply()
    lines = listing.content.splitlines()
    assert "goats" in lines[1] and "2 times" in lines[1] and "chairs" in lines[2]
    dismiss = next(c for c in listing.custom_ids() if c.startswith("fact:dismiss:"))
    updated = await (await bot.click(dismiss, message=listing, user=bot.world.manager)).response()
    assert "goats" not in updated.data["content"] and "chairs" in updated.data["content"]


async def test_a_question_answered_by_a_new_fact_leaves_the_unanswered_list(bot) -> None:
    await fill_measure(bot, label="Goats owned by the courts", aliases="court goats, goats")
    await ask(bot, "how many court goats are there")
    reply = await fill_fact_form(
        bot,
        "fact add",
        measure="goats_owned_by_the_courts",
        publisher="Goat Watch",
        values={**NEW_FIGURE, "value": "12", "quote": "The courts own 12 goats."},
    )
    assert "answers questions people asked before" in reply.content
    assert "12" in await ask(bot, "how many court goats are there")


async def test_the_first_question_after_a_change_waits_for_a_slow_build_without_missing_the_deadline(
    bot, monkeypatch
) -> None:
    """On a slow machine a server's engine may take longer to build than Discord waits: the
    question asked meanwhile is deferred ("thinking…"), then answered with the new figure."""
    slow_build = 1.5
    bot.callback_deadline = 1.0  # Discord's 3 s, shortened so the test is quick
    build = AnswerEngine.over

    def slowly(self, *args, **kwargs):
        time.sleep(slow_build)
        return build(self, *args, **kwargs)

    await ask(bot, "how many cases are pending now")  # the shared engine is built
    monkeypatch.setattr(AnswerEngine, "over", slowly)
    await add_fact(bot)
    it = await bot.invoke("backlog", "ask", question="trac backlog in october 2026")
    assert "3,712,345" in embed_text(await it.wait_for_reply(timeout=10))
    assert it.callback is not None and it.callback.type == DEFERRED_CHANNEL_MESSAGE


async def fill_measure(emu: DiscordEmulator, *, label: str, aliases: str) -> str:
    it = await emu.invoke("fact", "measure", "add", user=emu.world.manager, unit="people", kind="stock")
    modal = await it.response()
    values = {
        "label": label,
        "definition": "Goats the courts keep.",
        "counted_by": "Goat Watch",
        "aliases": aliases,
    }
    reply = await (await emu.submit_modal(modal.data["custom_id"], values)).wait_for_reply()
    assert "added" in reply.content, reply.content
    return reply.content


async def test_audit_channel_gets_one_line_per_change(bot) -> None:
    channel = bot.channel
    config = await bot.invoke("backlog", "config", user=bot.world.manager, options={"audit-channel": channel})
    assert "Audit channel" in (await config.wait_for_reply()).content
    fact_id = await add_fact(bot)
    await (
        await bot.invoke("fact", "retract", user=bot.world.manager, fact=fact_id, reason="dup")
    ).wait_for_reply()

    def both_posted() -> list[str] | None:
        # The audit line is posted beside the moderator's reply, so it may land just after it.
        lines = [m.content for m in bot.world.messages.values() if m.channel_id == channel.id and m.content]
        added = any(f"Fact {fact_id} added by Manager" in line for line in lines)
        retracted = any(f"Fact {fact_id} retracted by Manager" in line and "dup" in line for line in lines)
        return lines if added and retracted else None

    await bot.changed.wait_for(both_posted, timeout=5, what="both audit lines")


async def test_a_configured_moderator_role_may_curate_and_members_may_not_configure(
    discord_emulator, library
) -> None:
    emu = discord_emulator
    guild = emu.guild
    curators = EmuRole(id=emu.world.ids.next(), name="Curators", permissions=0, position=1)
    guild.roles.append(curators)
    curator = emu.world.add_user("curator", guild=guild, roles=[curators.id])
    async with emu.running(make_bot(emu, library)):
        await emu.wait_for_commands(emu.guild_id)
        refused = await emu.invoke(
            "backlog", "config", user=emu.world.member, options={"moderator-role": curators}
        )
        assert "Manage Server" in (await refused.wait_for_reply()).content
        before = await emu.invoke("fact", "unanswered", user=curator, check_permissions=False)
        assert "Only this server's moderators" in (await before.wait_for_reply()).content
        saved = await emu.invoke(
            "backlog", "config", user=emu.world.manager, options={"moderator-role": curators}
        )
        assert "Moderator role" in (await saved.wait_for_reply()).content
        after = await emu.invoke("fact", "unanswered", user=curator, check_permissions=False)
        assert "Only this server's moderators" not in (await after.wait_for_reply()).content


async def test_two_hundred_concurrent_adds_make_two_hundred_facts_and_revisions(bot, library) -> None:
    """Two hundred forms open at once, then all submitted at once: none is lost or mixed up."""
    before = counts(library)

    async def open_form(number: int) -> str:
        it = await bot.invoke(
            "fact", "add", user=bot.world.manager, measure=MEASURE, publisher=f"Publisher {number}"
        )
        return (await it.response(timeout=60)).data["custom_id"]

    async def submit(custom_id: str, number: int) -> int:
        values = {
            **NEW_FIGURE,
            "value": f"{3_000_000 + number:,}",
            "url": f"https://example.org/report-{number}",
            "quote": f"The count was {3_000_000 + number:,} cases.",
        }
        reply = await (await bot.submit_modal(custom_id, values)).wait_for_reply(timeout=60)
        assert "added" in reply.content, reply.content
        return int(reply.content.split()[1])

    forms = await asyncio.gather(*(open_form(n) for n in range(200)))
    fact_ids = await asyncio.gather(*(submit(form, n) for n, form in enumerate(forms)))
    after = counts(library)
    assert after["facts"] - before["facts"] == 200
    assert after["revisions"] - before["revisions"] == 200
    db = library.store.db
    for number, fact_id in enumerate(fact_ids):
        fact = db["facts"].get(fact_id)
        # Each fact carries what its own form said: the command's options and the modal's values.
        assert fact["value"] == 3_000_000 + number
        assert db["sources"].get(fact["source"])["publisher"] == f"Publisher {number}"
