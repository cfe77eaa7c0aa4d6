"""`backlog facts add/edit/retract/restore/history/promote`: a maintainer's changes, as they see them.

Every command runs against a real SQLite file (a copy of the built fact base) and
goes through the same checks and revisions as the Discord commands.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli

MEASURE = "immigration_court_pending_cases_trac"
FORM = {
    "--measure": MEASURE,
    "--value": "3,456,789",
    "--date": "July 2025",
    "--url": "https://example.org/backlog-july-2025",
    "--publisher": "Example Research",
    "--title": "The backlog in July 2025",
    "--quote": "At the end of July 2025, 3,456,789 cases were pending before the immigration courts.",
}
FIRST_ID = 100_000  # FIRST_ADDED_FACT_ID: the built base's curated ids are all below it


def run(db: Path | None, *args: str) -> Result:
    prefix = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(cli, [*prefix, *args], env={"BACKLOG_DB": None}, catch_exceptions=False)


def add(db: Path, *extra: str, **changes: str) -> Result:
    form = {**FORM, **{f"--{name}": value for name, value in changes.items()}}
    return run(db, "facts", "add", *[part for pair in form.items() for part in pair], *extra)


def rows(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("facts", "revisions", "sources", "submissions")
        }


def listed_ids(result: Result) -> set[int]:
    assert result.exit_code == 0, result.stderr
    return {fact["id"] for fact in json.loads(result.stdout)}


def assert_one_line_error(result: Result) -> None:
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("backlog: ") and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_fact_added_at_the_command_line_answers_questions(db_path: Path) -> None:
    question = "court backlog in july 2025"
    assert "3,456,789" not in run(db_path, "ask", question).stdout

    added = add(db_path)
    assert added.exit_code == 0, added.stderr
    assert f"added fact {FIRST_ID} to the shared base" in added.stdout

    answer = run(db_path, "ask", question)
    assert answer.exit_code == 0
    assert "3,456,789" in answer.stdout and f"fact {FIRST_ID}" in answer.stdout
    assert "Example Research" in answer.stdout and FORM["--quote"] in answer.stdout


def test_an_edit_is_answered_and_the_history_shows_both_versions(db_path: Path) -> None:
    add(db_path)
    edited = run(
        db_path,
        "facts",
        "edit",
        str(FIRST_ID),
        "--value",
        "3,456,790",
        "--quote",
        "At the end of July 2025, 3,456,790 cases were pending.",
        "--reason",
        "typo in the last digit",
    )
    assert edited.exit_code == 0, edited.stderr
    assert "value: 3,456,789 → 3,456,790" in edited.stdout

    shown = run(db_path, "facts", "show", str(FIRST_ID)).stdout
    assert "3,456,790" in shown and "3,456,789" not in shown
    assert "Example Research" in shown  # the fields not given kept their values

    history = run(db_path, "facts", "history", str(FIRST_ID))
    assert history.exit_code == 0
    assert (
        "add" in history.stdout and "edit" in history.stdout and "(typo in the last digit)" in history.stdout
    )
    assert "3,456,789" in history.stdout and "3,456,790" in history.stdout
    revisions = json.loads(run(db_path, "facts", "history", str(FIRST_ID), "--json").stdout)
    assert [r["action"] for r in revisions] == ["add", "edit"]
    assert revisions[1]["before"]["value"] == 3_456_789 and revisions[1]["after"]["value"] == 3_456_790


def test_retract_takes_a_fact_out_of_the_answers_and_restore_puts_it_back(db_path: Path) -> None:
    add(db_path)
    listing = ("facts", "list", "--measure", MEASURE, "--json")
    assert FIRST_ID in listed_ids(run(db_path, *listing))

    retracted = run(db_path, "facts", "retract", str(FIRST_ID), "--reason", "the report was withdrawn")
    assert retracted.exit_code == 0, retracted.stderr
    assert FIRST_ID not in listed_ids(run(db_path, *listing))
    assert "3,456,789" not in run(db_path, "ask", "court backlog in july 2025").stdout
    assert run(db_path, "facts", "show", str(FIRST_ID)).exit_code == 2

    restored = run(db_path, "facts", "restore", str(FIRST_ID))
    assert restored.exit_code == 0, restored.stderr
    assert FIRST_ID in listed_ids(run(db_path, *listing))
    actions = [
        r["action"] for r in json.loads(run(db_path, "facts", "history", str(FIRST_ID), "--json").stdout)
    ]
    assert actions == ["add", "retract", "restore"]


@pytest.mark.parametrize(
    ("field", "bad", "words"),
    [
        ("value", "three and a bit", "is not a number"),
        ("date", "Jully 2025", "not one I can read"),
        ("date", "2099-01", "in the future"),
        ("url", "ftp://example.org/x", "not a web address"),
        ("measure", "backlog of nothing", "no measure"),
        ("qualifier", "roughly-ish", "qualifier"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    db_path: Path, field: str, bad: str, words: str
) -> None:
    before = rows(db_path)
    result = add(db_path, **{field: bad})
    assert_one_line_error(result)
    assert words in result.stderr
    assert rows(db_path) == before


def test_an_edit_with_bad_input_or_no_reason_changes_nothing(db_path: Path) -> None:
    add(db_path)
    before = rows(db_path)
    for args in (
        ("--value", "lots", "--reason", "fix"),
        ("--value", "3,456,790"),  # no reason
        ("--reason", "nothing to change"),
        ("--date", "2025-13-45", "--reason", "fix"),
    ):
        assert_one_line_error(run(db_path, "facts", "edit", str(FIRST_ID), *args))
    assert_one_line_error(run(db_path, "facts", "retract", str(FIRST_ID)))  # no reason
    assert_one_line_error(run(db_path, "facts", "retract", "999999", "--reason", "no such fact"))
    assert rows(db_path) == before
    assert "3,456,789" in run(db_path, "facts", "show", str(FIRST_ID)).stdout


def test_a_quote_without_the_value_is_saved_only_with_yes(db_path: Path) -> None:
    before = rows(db_path)
    unconfirmed = add(db_path, value="3,400,000")
    assert_one_line_error(unconfirmed)
    assert "does not contain the value" in unconfirmed.stderr and "--yes" in unconfirmed.stderr
    assert rows(db_path) == before  # no fact, no revision, no submission left waiting

    confirmed = add(db_path, "--yes", value="3,400,000")
    assert confirmed.exit_code == 0, confirmed.stderr
    assert "3,400,000" in run(db_path, "facts", "show", str(FIRST_ID)).stdout


def test_a_duplicate_is_refused_with_the_fact_it_repeats_unless_yes(db_path: Path) -> None:
    add(db_path)
    before = rows(db_path)
    again = add(db_path)
    assert_one_line_error(again)
    assert f"fact {FIRST_ID} already records" in again.stderr and "--yes" in again.stderr
    assert rows(db_path) == before
    assert add(db_path, "--yes").exit_code == 0
    assert rows(db_path)["facts"] == before["facts"] + 1


def test_writes_need_an_existing_database_file(db_path: Path, tmp_path: Path) -> None:
    without = run(None, "facts", "retract", "2", "--reason", "x")
    assert_one_line_error(without)
    assert "--db" in without.stderr
    missing = tmp_path / "missing.db"
    assert_one_line_error(add(missing))
    assert not missing.exists()


def test_a_servers_fact_is_seen_in_that_server_until_promoted(db_path: Path) -> None:
    added = add(db_path, "--server", "4242")
    assert added.exit_code == 0 and "server 4242" in added.stdout
    assert FIRST_ID not in listed_ids(run(db_path, "facts", "list", "--json"))
    assert FIRST_ID in listed_ids(run(db_path, "facts", "list", "--server", "4242", "--json"))
    assert "3,456,789" in run(db_path, "--server", "4242", "ask", "court backlog in july 2025").stdout
    assert "3,456,789" not in run(db_path, "ask", "court backlog in july 2025").stdout

    promoted = run(db_path, "facts", "promote", str(FIRST_ID), "--reason", "checked against the report")
    assert promoted.exit_code == 0, promoted.stderr
    assert FIRST_ID in listed_ids(run(db_path, "facts", "list", "--json"))
    assert "moved from server 4242" in run(db_path, "facts", "history", str(FIRST_ID)).stdout
    assert_one_line_error(run(db_path, "facts", "promote", str(FIRST_ID)))


def test_changing_a_curated_fact_warns_that_the_knowledge_files_win(db_path: Path) -> None:
    retracted = run(db_path, "facts", "retract", "2", "--reason", "checking")
    assert retracted.exit_code == 0
    assert "knowledge/facts/" in retracted.stderr
    assert 2 not in listed_ids(run(db_path, "facts", "list", "--json"))


def test_a_falling_figure_keeps_its_minus_sign() -> None:
    from bot.core.forms import check_value

    assert check_value("-115,000", None) == -115_000
    assert check_value("−1.2 million", None) == -1_200_000


def _leaf_commands(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _leaf_commands(command, (*path, name))
        else:
            yield " ".join((*path, name))


def test_every_command_answers_in_json(db_path: Path, tmp_path: Path) -> None:
    """Each command run with --json prints one JSON value a script can read, and no command is left out."""
    ran: dict[str, object] = {}

    def json_of(command: str, *args: str, db: Path | None = db_path) -> object:
        result = run(db, *command.split(), *args, "--json")
        assert result.exit_code == 0, (command, result.stderr)
        ran[command] = value = json.loads(result.stdout)
        return value

    built = json_of("db build", db=tmp_path / "new.db")
    assert built["counts"]["facts"] >= 455
    form = [part for pair in FORM.items() for part in pair]
    added = json_of("facts add", *form, "--server", "42")["added"]
    assert (
        json_of(
            "facts edit",
            str(added),
            "--value",
            "3,456,790",
            "--quote",
            FORM["--quote"].replace("3,456,789", "3,456,790"),
            "--reason",
            "typo",
        )["changes"][0]["field"]
        == "value"
    )
    assert json_of("facts retract", str(added), "--reason", "check")["retracted"] is True
    assert json_of("facts restore", str(added))["retracted"] is False
    assert json_of("facts promote", str(added))["from_server"] == "42"
    assert json_of("facts history", str(added))[0]["action"] == "add"
    assert json_of("facts export", str(tmp_path / "out"))["counts"]["facts"] > 455
    assert json_of("facts import", str(tmp_path / "out"), db=tmp_path / "imported.db")["counts"]
    assert json_of("db backup", str(tmp_path / "copy.db"))["integrity"] == "ok"
    assert json_of("invite", "--client-id", "123", db=None)["url"].startswith("https://discord.com/")
    assert json_of("now")["status"] == "answered"
    assert json_of("ask", "backlog now")["status"] == "answered"
    assert json_of("compare", MEASURE, "2017", "2024")["answer"]["comparison"]
    assert json_of("facts show", "2")["facts"] == [2]
    assert json_of("facts list", "--measure", MEASURE)
    assert json_of("sources")
    assert json_of("cite", "2")["fact"] == 2
    assert json_of("series", MEASURE)[0]["measure"] == MEASURE
    assert json_of("chart", MEASURE, str(tmp_path / "chart.png"))["figures"] > 0
    from bot.cli import cli as group

    assert set(ran) == set(_leaf_commands(group))


def test_facts_list_json_has_unit_precision_and_notes() -> None:
    listed = json.loads(run(None, "facts", "list", "--json").stdout)
    by_id = {fact["id"]: fact for fact in listed}
    fiscal = next(f for f in listed if f["date"].startswith("FY"))
    assert fiscal["precision"] == "fiscal_year" and fiscal["start"].endswith("-10-01")
    fact = by_id[2]
    assert fact["unit"] == "cases" and fact["precision"] == "day" and fact["date"] == "2024-03-31"
    assert fact["notes"] == "Breitbart quoting TRAC's Austin Kocher."
    assert fact["source"]["author"] == "John Binder"
    assert {f["unit"] for f in listed} >= {"cases", "percent"}
    assert any(f["notes"] is None for f in listed)  # every fact has the key, even without notes


def test_a_second_country_of_a_breakdown_is_no_duplicate_of_the_first(db_path: Path) -> None:
    country = {
        "measure": "ice_non_detained_docket_by_country",
        "date": "2024-09-30",
        "url": "https://example.org/ice-docket-by-country-fy2024",
        "title": "The ICE docket by country, FY2024",
    }
    first = add(db_path, "--json", place="Honduras", value="900,000", quote="Honduras: 900,000", **country)
    second = add(db_path, "--json", place="Guatemala", value="890,000", quote="Guatemala: 890,000", **country)
    assert first.exit_code == 0 and second.exit_code == 0, second.stderr
    shown = json.loads(
        run(db_path, "facts", "show", str(json.loads(second.stdout)["added"]), "--json").stdout
    )
    assert shown["answer"]["figures"][0]["place"] == "Guatemala"
    again = add(db_path, place="Guatemala", value="890,000", quote="Guatemala: 890,000", **country)
    assert again.exit_code != 0 and "already records" in again.output
