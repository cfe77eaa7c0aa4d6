"""Hostile members and a bad database, through real discord.py and the loopback emulator (issue 11).

Named after the issue's items, as `test_hostile.py` is for the core and the command line. Every
reply is checked as Discord would read it: no live masked link, no ping, nothing written when
refused (the whole database compared before and after).
"""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import urlsplit

from conftest import TODAY
from test_bot import EPHEMERAL, assert_no_mentions
from test_curation_bot import MEASURE, NEW_FIGURE, ask, fill_fact_form, wait_for_dm
from test_hostile import HOSTILE_URL, MASKED_TITLE, live_links

from bot.core.factbase import open_for_bot
from bot.core.library import Library
from bot.core.render import error_words
from tests.emulator import DiscordEmulator
from tests.running_bot import make_bot

pytest_plugins = ["tests.emulator.fixtures", "tests.running_bot"]

HUGE = "99999999999999999999999"


def every_text(emu: DiscordEmulator) -> list[str]:
    """Everything the bot sent: contents, embeds, and what it edited messages into."""
    texts = []
    for request in emu.message_requests:
        body = request.message
        texts.append(body.get("content") or "")
        for embed in body.get("embeds") or []:
            texts += [embed.get("title", ""), embed.get("description", "")]
            texts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
    return texts


def assert_no_live_link_to(emu: DiscordEmulator, host: str) -> None:
    """No masked link anywhere leads to `host` (its name may be text inside an encoded path)."""
    for text in every_text(emu):
        assert not [link for link in live_links(text) if urlsplit(link[1]).hostname == host], text


async def review_card(emu: DiscordEmulator):
    review = await emu.invoke("fact", "review", user=emu.world.manager)
    await review.response()
    return await review.wait_for_followup()


# -- 1. the review card shows a source as the answer will ------------------------------------


async def test_1_the_review_card_shows_the_source_as_answers_will(bot, library) -> None:
    values = {**NEW_FIGURE, "title": MASKED_TITLE, "url": HOSTILE_URL.replace(" ", "")}
    reply = await fill_fact_form(
        bot, "backlog propose", user=bot.world.member, measure=MEASURE, publisher="Example", values=values
    )
    assert "proposal" in reply.content.lower()
    card = await review_card(bot)
    fields = {f["name"]: f["value"] for f in card.embeds[0]["fields"]}
    linked = fields["Linked, as answers will show it"]
    ((text, address),) = live_links(linked)
    assert address.startswith("https://b.example/%3E%5B") and "evil.example/)" not in address
    assert "\\[Official EOIR data\\]" in text
    (approve,) = [c for c in card.custom_ids() if c.startswith("fact:approve:")]
    await (await bot.click(approve, message=card, user=bot.world.manager)).response()
    await wait_for_dm(bot, bot.world.member)
    answer = await ask(bot, "what is the court backlog now")
    assert "3,712,345" in answer
    assert linked in answer  # what was approved is what members see
    assert_no_live_link_to(bot, "evil.example")
    assert_no_mentions(bot)


# -- 3. a read-only database -----------------------------------------------------------------


async def test_3_a_read_only_database_answers_and_refuses_writes_clearly(
    discord_emulator: DiscordEmulator, db_path: Path
) -> None:
    db_path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = db_path.read_bytes()
    emu = discord_emulator
    async with emu.running(make_bot(emu, Library(open_for_bot(db_path), today=lambda: TODAY))):
        await emu.wait_for_commands(emu.guild_id)
        assert "Immigration court backlog" in await ask(emu, "court backlog now")
        assert "No sourced answer" in await ask(emu, "how many goats does the court own")  # not recorded
        it = await emu.invoke("fact", "add", user=emu.world.manager, measure=MEASURE, publisher="X")
        refused = await it.wait_for_reply()
        assert refused.flags & EPHEMERAL and "read-only" in refused.content
        proposal = await emu.invoke("backlog", "propose", measure=MEASURE, publisher="X")
        assert "read-only" in (await proposal.wait_for_reply()).content
    assert db_path.read_bytes() == before


# -- 4. a modal submission is checked again ----------------------------------------------------


async def test_4_a_fact_form_submitted_by_a_non_moderator_is_refused_and_nothing_is_written(
    bot, library
) -> None:
    before = library.store.dump()
    for command, options in (
        (("fact", "add"), {"measure": MEASURE, "publisher": "Example"}),
        (("fact", "measure", "add"), {"unit": "people", "kind": "stock"}),
    ):
        opened = await bot.invoke(*command, user=bot.world.manager, **options)
        modal = await opened.response()
        values = (
            NEW_FIGURE
            if command[1] == "add" and len(command) == 2
            else {
                "label": "Goats",
                "definition": "Goats.",
                "counted_by": "Goat Watch",
                "aliases": "",
            }
        )
        # The same form, submitted by someone who is no moderator (or no longer one).
        submitted = await bot.submit_modal(modal.data["custom_id"], values, user=bot.world.member)
        reply = await submitted.wait_for_reply()
        assert reply.flags & EPHEMERAL and "Only this server's moderators" in reply.content
    assert library.store.dump() == before


# -- 7. a lone surrogate in a question ---------------------------------------------------------


async def test_7_a_lone_surrogate_in_an_unanswerable_question_gets_an_answer_not_an_error(bot) -> None:
    text = await ask(bot, "how many goats \ud800 does the court own")
    assert "No sourced answer" in text and error_words() not in text
    listing = await (await bot.invoke("fact", "unanswered", user=bot.world.manager)).wait_for_reply()
    assert "how many goats does the court own" in listing.content


# -- 8. huge ids in buttons --------------------------------------------------------------------


async def test_8_huge_ids_in_moderators_buttons_are_refused_cleanly(bot, library) -> None:
    before = library.store.dump()
    for action in ("approve", "reject", "confirm", "dismiss"):
        custom_id = f"fact:{action}:{HUGE}"
        message = bot.add_message(
            "an old card",
            components=[
                {"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": custom_id}]}
            ],
        )
        reply = await (await bot.click(custom_id, message=message, user=bot.world.manager)).wait_for_reply()
        assert reply.flags & EPHEMERAL, reply.content
        assert "There is no" in reply.content or "not on the list" in reply.content, reply.content
    assert library.store.dump() == before


# -- 9. members' text echoed ---------------------------------------------------------------------


async def test_9_a_masked_link_typed_as_a_fact_id_is_echoed_as_text(bot) -> None:
    it = await bot.invoke("backlog", "source", fact="[x](https://evil.example) @everyone")
    reply = await it.wait_for_reply()
    assert "is not a fact id" in reply.content
    assert live_links(reply.content) == [] and "@everyone" not in reply.content
    assert_no_live_link_to(bot, "evil.example")


async def test_9_earlier_questions_a_new_fact_answers_are_listed_as_text(bot) -> None:
    from test_curation_bot import fill_measure

    await fill_measure(bot, label="Goats owned by the courts", aliases="court goats, goats")
    await ask(bot, "how many court goats are there [x](https://evil.example) @everyone")
    reply = await fill_fact_form(
        bot,
        "fact add",
        measure="goats_owned_by_the_courts",
        publisher="Goat Watch",
        values={**NEW_FIGURE, "value": "12", "quote": "The courts own 12 goats."},
    )
    assert "answers questions people asked before" in reply.content
    assert "\\[x\\](https://evil.example)" in reply.content
    assert live_links(reply.content) == [] and "@everyone" not in reply.content


async def test_9_a_refused_form_quotes_what_was_typed_as_text(bot, library) -> None:
    before = library.store.dump()
    values = {
        **NEW_FIGURE,
        "value": "[lots](https://evil.example) @everyone",
        "url": "https://a@evil.example/",
    }
    reply = await fill_fact_form(bot, "fact add", measure=MEASURE, publisher="Example", values=values)
    assert "is not a number" in reply.content and "user name or password" in reply.content
    assert live_links(reply.content) == [] and "@everyone" not in reply.content
    assert library.store.dump() == before


# -- 10. approval pressed twice ----------------------------------------------------------------------


async def test_10_approve_pressed_twice_adds_the_fact_once(bot, library) -> None:
    await fill_fact_form(bot, "backlog propose", user=bot.world.member, measure=MEASURE, publisher="Example")
    card = await review_card(bot)
    (approve,) = [c for c in card.custom_ids() if c.startswith("fact:approve:")]
    # Another moderator's copy of the same card, still showing its buttons.
    stale = bot.add_message("", components=card.components)
    facts = library.store.db["facts"].count
    await (await bot.click(approve, message=card, user=bot.world.manager)).response()
    await wait_for_dm(bot, bot.world.member)
    again = await (await bot.click(approve, message=stale, user=bot.world.manager)).wait_for_reply()
    assert "approved by Manager already" in again.content
    assert library.store.db["facts"].count == facts + 1


# -- the rest of the named set -----------------------------------------------------------------------


async def test_a_quote_with_everyone_pings_no_one(bot) -> None:
    values = {**NEW_FIGURE, "quote": "@everyone @here Immigration courts had 3,712,345 cases pending."}
    reply = await fill_fact_form(bot, "fact add", measure=MEASURE, publisher="Example", values=values)
    assert "added" in reply.content
    answer = await ask(bot, "what is the court backlog now")
    assert "@\u200beveryone" in answer and "@everyone" not in answer
    assert_no_mentions(bot)


async def test_template_syntax_in_a_question_or_a_fact_never_becomes_49(bot) -> None:
    values = {**NEW_FIGURE, "title": "{{ 7*7 }}", "quote": "{{ 7*7 }}: 3,712,345 cases pending."}
    await fill_fact_form(bot, "fact add", measure=MEASURE, publisher="{{ 7*7 }}", values=values)
    for question in ("{{ 7*7 }}", "court backlog now {{ 7*7 }}"):
        assert "49" not in (await ask(bot, question)).replace("{{ 7\\*7 }}", "")
    assert not [t for t in every_text(bot) if "49" in t.replace("{{ 7\\*7 }}", "").replace("{{ 7*7 }}", "")]


# -- abuse: spam cannot bury real proposals ------------------------------------------------------------


async def test_review_pages_through_every_proposal_so_spam_cannot_bury_a_real_one(bot, library) -> None:
    from dataclasses import replace

    from test_hostile import FORM

    from bot.core.curation import Actor

    spammer = Actor("Spammer", "333")
    for number in range(24):
        library.curator.propose(
            replace(FORM, url=f"https://spam.example/{number}"), spammer, str(bot.guild_id)
        )
    real = library.curator.propose(FORM, Actor("Plain Member", "222"), str(bot.guild_id))
    first = await bot.invoke("fact", "review", user=bot.world.manager)
    intro = await first.response()
    assert "25 proposal(s) waiting; 1–10 below (page 1 of 3)" in str(intro.data)
    assert "/fact review page:2" in str(intro.data)
    assert len([await first.wait_for_followup() for _ in range(10)]) == 10
    last = await bot.invoke("fact", "review", user=bot.world.manager, page=3)
    assert "21–25 below (page 3 of 3)" in str((await last.response()).data)
    cards = [await last.wait_for_followup() for _ in range(5)]
    # The real proposal, after 24 spam ones, is on the last page with its buttons.
    assert f"fact:approve:{real.id}" in cards[-1].custom_ids()
