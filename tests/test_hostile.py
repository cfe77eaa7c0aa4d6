"""Hostile input and bad databases (issue 11), through the core and the real `backlog` command.

Each test is named after the item of the issue it proves; the Discord side of the same items is
in `test_hostile_bot.py`. Everything runs on real SQLite files (copies of the built fact base), the
real templates and the real command line: nothing of ours is mocked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT, TODAY

from bot.cli import cli
from bot.core.curation import Actor, Curator
from bot.core.engine import Answer, AnswerKind, AnswerStatus
from bot.core.forms import CurationError, FactForm, check_fact_form, check_url
from bot.core.library import Library
from bot.core.render import Renderer
from bot.core.schema import known_migrations
from bot.core.store import FactStore, StoreError
from bot.core.text import clean_text, escape_markdown
from bot.core.unanswered import UnansweredQuestions

MEASURE = "immigration_court_pending_cases_trac"
PERCENT_MEASURE = "immigration_court_backlog_representation_rate_trac"
ADD = (
    *("facts", "add", "--measure", MEASURE, "--value", "1", "--date", "2024", "--url", "https://a.example/"),
    *("--publisher", "A", "--title", "T", "--quote", "It was 1."),
)
FORM = FactForm(
    measure=MEASURE,
    value="3,712,345",
    date="October 2026",
    url="https://example.org/backlog-october-2026",
    publisher="Example Research",
    title="The backlog in October 2026",
    quote="Immigration courts had 3,712,345 cases pending at the end of October 2026.",
)
MEMBER = Actor("Plain Member", "222")
MODERATOR = Actor("Manager", "111")
SERVER = "9001"
HOSTILE_URL = "https://b.example/>[Official EOIR data](https://evil.example/)"
MASKED_TITLE = "[Official EOIR data](https://evil.example/) report"
# Terminal escapes and invisible characters a paste can carry: set the terminal's title (OSC),
# colour it (CSI), a NUL, a right-to-left override, zero-width characters, a BOM.
HIDDEN = "\x1b]0;pwned\x07\x1b[31m\x00\u202e\u200b\u200d\ufeff"

# A live masked link: [text](http...) whose opening bracket is not escaped.
_LIVE_MASKED_LINK = re.compile(r"(?<!\\)\[(?P<text>(?:\\.|[^\]\\])*)(?<!\\)\]\((?P<url>[^)]*)\)")
# An autolink <http...>: whatever it holds is the address.
_AUTOLINK = re.compile(r"<(https?://[^>]*)>")


_CODE_BLOCK = re.compile(r"```.*?```", re.S)


def live_links(markdown: str) -> list[tuple[str, str]]:
    """Every masked link Discord would make of `markdown` (nothing in a code block is): (text, address)."""
    return [(m["text"], m["url"]) for m in _LIVE_MASKED_LINK.finditer(_CODE_BLOCK.sub("", markdown))]


def run(db: Path | None, *args: str, stdin: str | None = None) -> Result:
    prefix = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(
        cli, [*prefix, *args], input=stdin, env={"BACKLOG_DB": None}, catch_exceptions=False
    )


def run_process(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None):
    """The real `backlog` (or `python -m bot`) in its own process."""
    base = {k: v for k, v in os.environ.items() if k not in ("BACKLOG_DB", "DISCORD_TOKEN")}
    return subprocess.run(
        [sys.executable, "-m", *args],
        input=stdin,
        capture_output=True,
        env={**base, **(env or {})},
        cwd=ROOT,
        timeout=120,
    )


def assert_one_line_exit_2(result: Result | subprocess.CompletedProcess, *words: str) -> str:
    code = result.exit_code if isinstance(result, Result) else result.returncode
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    assert code == 2, (code, stderr)
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr
    return stderr


def fingerprint(path: Path) -> tuple[str, int]:
    """The database file's bytes and the size of its write-ahead log: equal when nothing was written.

    A reader of a WAL database may leave an empty -wal and a -shm behind (SQLite's own files,
    never data); a write would change the file or fill the log.
    """
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(path.read_bytes()).hexdigest(), wal.stat().st_size if wal.exists() else 0


def curator(db_path: Path) -> Curator:
    return Curator(FactStore.open(db_path), today=lambda: TODAY)


def store_raw_source(db_path: Path, **fields: str) -> int:
    """A fact citing a source written straight into the file, as an older version or a hand edit
    could have left it: what is shown must be safe whatever is stored."""
    store = FactStore.open(db_path)
    with store.writing() as db:
        db["sources"].insert(
            {
                "id": "raw-source",
                "publisher": fields.get("publisher", "Raw Publisher"),
                "title": fields.get("title", "Raw title"),
                "url": fields.get("url", "https://example.org/raw"),
                "kind": "news_report",
                "primary": 0,
                "origin": "added",
            }
        )
        db["facts"].insert(
            {
                "id": 777_777,
                "measure": MEASURE,
                "value": 3_999_999.0,
                "date": "2026-10",
                "precision": "month",
                "date_start": "2026-10-01",
                "date_end": "2026-10-31",
                "qualifier": "exact",
                "status": "reported",
                "source": "raw-source",
                "quote": fields.get("quote", "There were 3,999,999 cases."),
                "notes": fields.get("notes"),
                "origin": "added",
            }
        )
    store.db.conn.close()
    return 777_777


def provenance(db_path: Path, fact_id: int) -> tuple[str, Renderer]:
    library = Library(FactStore.open(db_path), today=lambda: TODAY)
    fact = library.kb.facts[fact_id]
    answer = Answer(AnswerStatus.ANSWERED, AnswerKind.PROVENANCE, {"facts": [fact]}, facts=[fact])
    return library.renderer.render(answer), library.renderer


# -- 1. live masked links through a source ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        HOSTILE_URL,
        "https://b.example/\t[x](https://evil.example/)",
        "https://b.example/\n[x](https://evil.example/)",
        "https://b.example/\u00a0[x](https://evil.example/)",
        "https://b.example/\u202e/moc.live",
    ],
)
def test_1_a_url_with_whitespace_or_invisible_characters_is_refused(url: str) -> None:
    with pytest.raises(CurationError, match="spaces or invisible characters"):
        check_url(url)


def test_1_what_markdown_would_read_in_an_address_is_percent_encoded() -> None:
    url = check_url("https://b.example/>[Official](https://evil.example/)<`|{x}")
    assert not set("<>[]()`|{} ") & set(url.partition("://")[2]), url
    assert url.startswith("https://b.example/%3E%5BOfficial%5D%28https:")
    # An address means the same encoded, and a well-formed one is kept as it was typed.
    assert (
        check_url("https://trac.syr.edu/reports/744/?a=1&b=2#x")
        == "https://trac.syr.edu/reports/744/?a=1&b=2#x"
    )


def test_1_a_hostile_address_stored_before_the_check_is_never_a_live_link(db_path: Path) -> None:
    fact_id = store_raw_source(db_path, url=HOSTILE_URL.replace(" ", ""), title=MASKED_TITLE)
    text, renderer = provenance(db_path, fact_id)
    assert live_links(text) == []
    for address in _AUTOLINK.findall(text):
        assert "evil.example" not in address.split("/")[2]  # the host is the real one
    source = renderer.kb.sources["raw-source"]
    (link,) = live_links(renderer.source_link(source))
    assert link[1].startswith("https://b.example/%3E%5BOfficial") and ")" not in link[1]
    assert "\\[Official EOIR data\\]" in link[0]  # the title's masked link is text


def test_1_a_title_with_a_code_fence_stays_inside_the_cite_block(db_path: Path) -> None:
    fact_id = store_raw_source(db_path, title="Report ``` @everyone [x](https://evil.example/) ````")
    text, renderer = provenance(db_path, fact_id)
    block = renderer.citation_reply(renderer.kb.facts[fact_id])
    for shown in (text, block):
        fences = [line for line in shown.splitlines() if "```" in line]
        assert fences == ["```", "```"], fences  # one block, opened and closed on lines of their own
    assert "Report ʼʼʼ" in block


# -- 2. a database of a newer schema --------------------------------------------------------


def newer_schema(db_path: Path) -> Path:
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('backlog', 'm099_from_the_future', '2030-01-01')"
        )
    connection.close()
    return db_path


@pytest.mark.parametrize(
    "command",
    [
        ("facts", "list"),
        ("facts", "retract", "17", "--reason", "x"),
        ADD,
        ("db", "build"),
        ("now",),
    ],
)
def test_2_a_database_of_a_newer_schema_is_refused_in_one_line_and_not_written(
    db_path: Path, command: tuple[str, ...]
) -> None:
    before = fingerprint(newer_schema(db_path))
    result = run_process("bot.cli", "--db", str(db_path), *command)
    assert_one_line_exit_2(result, "m099_from_the_future", known_migrations()[-1])
    assert fingerprint(db_path) == before


def test_2_the_bot_refuses_a_newer_schema_in_one_line_exit_2(db_path: Path) -> None:
    before = fingerprint(newer_schema(db_path))
    result = run_process("bot", env={"BACKLOG_DB": str(db_path), "DISCORD_TOKEN": "not-used"})
    assert_one_line_exit_2(result, "m099_from_the_future", "newer")
    assert fingerprint(db_path) == before


# -- 3. read-only, corrupt and empty databases ----------------------------------------------


def read_only(path: Path) -> Path:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


def test_3_a_read_only_database_answers_read_only_and_refuses_writes_clearly(db_path: Path) -> None:
    before = fingerprint(read_only(db_path))
    answered = run_process("bot.cli", "--db", str(db_path), "ask", "--json", "court backlog now")
    assert answered.returncode == 0 and json.loads(answered.stdout)["status"] == "answered"
    refused = run_process("bot.cli", "--db", str(db_path), "facts", "retract", "17", "--reason", "x")
    assert_one_line_exit_2(refused, "read-only")
    from bot.core.factbase import open_for_bot

    store = open_for_bot(db_path)
    assert not store.writable and store.path == db_path
    with pytest.raises(StoreError, match="read-only"):
        Curator(store, today=lambda: TODAY).add(FORM, MODERATOR, SERVER)
    assert fingerprint(db_path) == before


def corrupt_files(tmp_path: Path, built_db: Path) -> dict[str, Path]:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all\n" * 200)
    pages = tmp_path / "pages.db"
    data = bytearray(built_db.read_bytes())
    data[4096 : 4096 * 8] = b"\xa5" * (4096 * 7)  # the header is sound, the pages after it are not
    pages.write_bytes(bytes(data))
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    return {"garbage": garbage, "pages": pages, "empty": empty}


@pytest.mark.parametrize("kind", ["garbage", "pages", "empty"])
@pytest.mark.parametrize(
    "command",
    [
        ("bot.cli", *ADD),
        ("bot.cli", "db", "build"),
        ("bot.cli", "facts", "retract", "17", "--reason", "x"),
        ("bot",),
    ],
    ids=["facts add", "db build", "facts retract", "python -m bot"],
)
def test_3_a_corrupt_or_empty_file_is_one_line_exit_2_and_untouched(
    tmp_path: Path, built_db: Path, kind: str, command: tuple[str, ...]
) -> None:
    path = corrupt_files(tmp_path, built_db)[kind]
    before = fingerprint(path)
    module, *args = command
    if module == "bot":
        result = run_process("bot", env={"BACKLOG_DB": str(path), "DISCORD_TOKEN": "not-used"})
    else:
        result = run_process(module, "--db", str(path), *args)
    assert_one_line_exit_2(result, str(path))
    assert fingerprint(path) == before


# -- 4 (modals) and 8, 9 (buttons, echoed text) are Discord's: test_hostile_bot.py ----------

# -- 5. implausible values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "1" + "0" * 30}, "not a plausible figure in cases"),
        ({"value": "9" * 400}, "too large to be any figure"),
        ({"value": "-5,000"}, "is negative"),
        ({"measure": PERCENT_MEASURE, "value": "150%"}, "not a plausible figure in percent"),
        ({"date": "1850"}, "before 1940"),
        ({"date": "0001"}, "before 1940"),
        ({"date": "FY2027"}, "has not ended yet"),
        ({"date": "2026"}, "has not ended yet"),
        ({"url": "https://www.justice.gov@evil.example/"}, "user name or password"),
        ({"url": "https://user:pw@www.justice.gov/"}, "user name or password"),
        ({"url": "https://www.justice.gov:99999/"}, "port or host that cannot exist"),
        ({"url": "https://www.justice.gov:0/"}, "port or host that cannot exist"),
        ({"url": "https://www.justice.gov\\@evil.example/"}, "backslash"),
        ({"url": "javascript:alert(1)"}, "must start with http:// or https://"),
        ({"url": "https:///no-host"}, "no valid site name"),
    ],
)
def test_5_implausible_values_are_refused_with_a_clear_message(kb, changes: dict, message: str) -> None:
    form = replace(FORM, **changes)
    with pytest.raises(CurationError, match=re.escape(message)):
        check_fact_form(form, kb, TODAY)


def test_5_a_fall_is_still_a_negative_change_and_a_share_of_99_5_percent_is_fine(kb) -> None:
    change = next(m for m in kb.measures.values() if m.kind.value == "change" and m.unit == "cases")
    fall = replace(FORM, measure=change.id, value="-115,000", quote="It fell by 115,000 cases.")
    assert check_fact_form(fall, kb, TODAY).value == -115_000
    share = replace(FORM, measure=PERCENT_MEASURE, value="99.5%", quote="99.5% had a lawyer.")
    assert check_fact_form(share, kb, TODAY).value == 99.5


def test_5_the_ranges_live_in_units_yaml_and_every_curated_fact_is_within_them(kb) -> None:
    text = (ROOT / "knowledge" / "units.yaml").read_text()
    assert "range: [0, 100]" in text and "change_range: [-100, 100_000]" in text
    assert all(unit.high is not None for unit in kb.units.values())


def test_5_facts_list_json_is_strict_json_even_when_a_value_is_infinite(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE facts SET value = 9e999 WHERE id = 17")
    connection.close()

    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    result = run(db_path, "facts", "list", "--json")
    listed = json.loads(result.stdout, parse_constant=no_constants)
    assert next(f for f in listed if f["id"] == 17)["value"] is None


# -- 6. control and format characters -------------------------------------------------------


def test_6_control_and_format_characters_are_stripped_on_input(db_path: Path) -> None:
    form = replace(
        FORM,
        publisher=f"Example{HIDDEN} Research",
        title=f"The{HIDDEN} backlog",
        quote=f"Immigration courts had 3,712,345{HIDDEN} cases pending.",
        notes=f"checked{HIDDEN}",
    )
    outcome = curator(db_path).add(form, MODERATOR, SERVER)
    assert outcome.fact is not None
    store = FactStore.open(db_path)
    fact = store.db["facts"].get(outcome.fact.id)
    source = store.db["sources"].get(fact["source"])
    for text in (source["publisher"], source["title"], fact["quote"], fact["notes"]):
        assert clean_text(text) == text and "\x1b" not in text and "pwned" not in text, repr(text)
    assert source["publisher"] == "Example Research" and fact["notes"] == "checked"


def test_6_stored_control_characters_are_never_printed_raw(db_path: Path) -> None:
    fact_id = store_raw_source(
        db_path, publisher=f"Raw{HIDDEN}", title=f"Title{HIDDEN}", quote=f"3,999,999{HIDDEN}", notes=HIDDEN
    )
    for command in (
        ("facts", "list"),
        ("facts", "list", "--json"),
        ("sources",),
        ("facts", "show", str(fact_id)),
        ("facts", "show", str(fact_id), "--format", "markdown"),
        ("facts", "show", str(fact_id), "--json"),
        ("cite", str(fact_id)),
    ):
        # In this process: the command's own output is what is checked, not a second interpreter's.
        result = run(db_path, *command)
        assert result.exit_code == 0, result.stderr
        raw = [ch for ch in result.stdout if ch in "\x1b\x00\x07\u202e\u200b\u200d\ufeff"]
        assert raw == [], (command, raw)
    text, _ = provenance(db_path, fact_id)
    assert not any(ch in text for ch in "\x1b\x00\x07\u202e\ufeff")


# -- 7. lone surrogates and invalid bytes ----------------------------------------------------


def test_7_a_lone_surrogate_in_an_unanswerable_question_is_recorded_without_it(db_path: Path) -> None:
    keeper = UnansweredQuestions(FactStore.open(db_path))
    keeper.record(SERVER, "how many goats \ud800 does the court own")
    (listed,) = keeper.listed(SERVER)
    assert listed.question == "how many goats does the court own"


@pytest.mark.parametrize("encoding", ["utf-8:strict", ""])
def test_7_one_invalid_byte_loses_only_its_line_of_an_ask_batch(encoding: str) -> None:
    stdin = b"court backlog now\n\xff\xfe not text\nhow many immigration judges are there\n"
    env = {"PYTHONIOENCODING": encoding, "LC_ALL": "C.UTF-8"} if encoding else {"LC_ALL": "C.UTF-8"}
    result = run_process("bot.cli", "ask", "--json", "-", env=env, stdin=stdin)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["status"] for line in lines] == ["answered", "no_match", "answered"]
    assert "line 2 is not UTF-8" in lines[1]["error"]


# -- 8. huge ids ------------------------------------------------------------------------------


def test_8_huge_ids_find_nothing_and_raise_no_overflow(db_path: Path) -> None:
    keeper = curator(db_path)
    huge = 99_999_999_999_999_999_999_999
    for attempt in (
        lambda: keeper.decide(huge, True, MODERATOR, SERVER),
        lambda: keeper.confirm(huge, MODERATOR, SERVER),
        lambda: keeper.fact(huge),
        lambda: UnansweredQuestions(keeper.store).close(huge, SERVER, "dismissed", "x"),
    ):
        with pytest.raises(CurationError):
            attempt()
    result = run(db_path, "facts", "retract", str(huge), "--reason", "x")
    assert result.exit_code == 2 and "no fact" in result.stderr


# -- 10. approval is one transaction -----------------------------------------------------------


def test_10_a_crash_between_adding_and_closing_leaves_nothing_and_a_second_approval_adds_once(
    db_path: Path,
) -> None:
    keeper = curator(db_path)
    proposal = keeper.propose(FORM, MEMBER, SERVER)
    facts_before = keeper.store.db["facts"].count
    # The closing write fails, as a crash between the two writes would (a real SQLite trigger).
    keeper.store.db.execute(
        "CREATE TRIGGER crash BEFORE UPDATE ON submissions BEGIN SELECT RAISE(ABORT, 'crash'); END"
    )
    with pytest.raises(sqlite3.DatabaseError, match="crash"):
        keeper.decide(proposal.id, True, MODERATOR, SERVER)
    assert keeper.store.db["facts"].count == facts_before
    assert keeper.submission(proposal.id, SERVER).status == "pending"
    keeper.store.db.execute("DROP TRIGGER crash")
    _, outcome = keeper.decide(proposal.id, True, MODERATOR, SERVER)
    assert outcome is not None and outcome.fact is not None
    with pytest.raises(CurationError, match="approved by Manager already"):
        keeper.decide(proposal.id, True, MODERATOR, SERVER)
    assert keeper.store.db["facts"].count == facts_before + 1


# -- the rest of the named set ---------------------------------------------------------------


def test_template_syntax_is_never_evaluated(db_path: Path, engine, renderer) -> None:
    for question in ("{{ 7*7 }}", "backlog {{ 7*7 }} now", "{% for x in range(49) %}49{% endfor %}"):
        text = renderer.render(engine.ask(question))
        assert "49" not in text.replace("{{ 7*7 }}", ""), text
    fact_id = store_raw_source(db_path, title="{{ 7*7 }}", quote="{{ 7*7 }} and 3,999,999", notes="{{ 7*7 }}")
    text, _ = provenance(db_path, fact_id)
    assert "{{ 7\\*7 }}" in text and "49" not in text


def test_a_quote_with_everyone_pings_no_one(db_path: Path) -> None:
    fact_id = store_raw_source(db_path, quote="@everyone @here <@123> 3,999,999 cases", notes="@everyone")
    text, _ = provenance(db_path, fact_id)
    assert "@everyone" not in text and "@here" not in text
    assert "@\u200beveryone" in text


def test_a_masked_link_in_a_title_is_shown_as_text(db_path: Path) -> None:
    outcome = curator(db_path).add(replace(FORM, title=MASKED_TITLE), MODERATOR, SERVER)
    assert outcome.fact is not None
    text, renderer = provenance(db_path, outcome.fact.id)
    assert live_links(text) == []
    assert escape_markdown("[Official EOIR data]") in text
    (link,) = live_links(renderer.source_link(renderer.kb.sources[outcome.fact.source]))
    assert link[1] == FORM.url
