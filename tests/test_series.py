"""`backlog series MEASURE`: every fact of a measure, as a researcher puts it in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from bot.cli import cli
from bot.core.exchange import SERIES_COLUMNS

EOIR = "immigration_court_pending_cases"
ICE = "ice_non_detained_docket"
SERVER = "4242"
ADDED = [
    "--measure",
    EOIR,
    "--value",
    "3,456,789",
    "--date",
    "July 2025",
    "--url",
    "https://example.org/eoir-july-2025",
    "--publisher",
    "Example Research",
    "--title",
    "The backlog in July 2025",
    "--quote",
    "At the end of July 2025, 3,456,789 cases were pending before the immigration courts.",
]


def run(db: Path | None, *args: str) -> Result:
    prefix = ["--db", str(db)] if db is not None else []
    return CliRunner().invoke(cli, [*prefix, *args], env={"BACKLOG_DB": None}, catch_exceptions=False)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_holds_every_fact_with_its_provenance(kb) -> None:
    result = run(None, "series", EOIR)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(SERIES_COLUMNS)
    rows = read_csv(result.stdout)
    facts = {f.id: f for f in kb.facts.values() if f.measure == EOIR}
    assert sorted(int(r["fact"]) for r in rows) == sorted(facts)
    ends = [r["date_end"] for r in rows]
    assert ends == sorted(ends), "oldest first"
    by_id = {int(r["fact"]): r for r in rows}
    plan_2023 = by_id[223]  # EOIR's strategic plan: about 2.46 million in FY2023
    assert (plan_2023["value"], plan_2023["qualifier"], plan_2023["precision"]) == ("2460000", "about", "day")
    assert plan_2023["quote"] == facts[223].quote and "2.46" in plan_2023["quote"]
    assert plan_2023["publisher"] == kb.sources[facts[223].source].publisher
    # The two versions of EOIR's revised table are told apart by their version.
    assert by_id[200]["table_version"] == "2021-04-19" and by_id[201]["table_version"] == "2025-07-31"
    assert by_id[200]["date"] == by_id[201]["date"] and by_id[200]["value"] != by_id[201]["value"]
    assert by_id[225]["table_version"] == ""  # GAO published this measure once: no versions
    assert by_id[225]["address"].startswith("https://")
    assert by_id[232]["low_confidence"] == "true" and by_id[229]["status"] == "reported"


def test_json_holds_the_same_rows_as_numbers(kb) -> None:
    as_csv = read_csv(run(None, "series", ICE).stdout)
    result = run(None, "series", "ice docket", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["fact"] for r in rows] == [int(r["fact"]) for r in as_csv]
    assert all(list(r) == list(SERIES_COLUMNS) for r in rows)
    projection = next(r for r in rows if r["fact"] == 16)
    assert projection["status"] == "projection" and projection["value"] == 8_000_000
    assert projection["unit"] == "people"
    assert projection["table_version"] is None and projection["low_confidence"] is False


def test_server_option_adds_that_servers_own_facts(db_path: Path) -> None:
    added = run(db_path, "facts", "add", *ADDED, "--server", SERVER)
    assert added.exit_code == 0, added.stderr
    shared = read_csv(run(db_path, "series", EOIR).stdout)
    seen = read_csv(run(db_path, "series", EOIR, "--server", SERVER).stdout)
    elsewhere = read_csv(run(db_path, "series", EOIR, "--server", "999").stdout)
    assert len(seen) == len(shared) + 1 and len(elsewhere) == len(shared)
    (own,) = [r for r in seen if r["added_by_server"] == SERVER]
    assert own["value"] == "3456789" and own["date"] == "2025-07" and own["publisher"] == "Example Research"


def test_an_unknown_measure_is_one_line_on_stderr() -> None:
    result = run(None, "series", "zebra crossings")
    assert result.exit_code == 2 and "no measure matches" in result.stderr and result.stdout == ""


def test_a_trend_says_how_many_figures_it_leaves_out_and_where_they_all_are(engine, renderer) -> None:
    answer = engine.trend("immigration_court_pending_cases_trac")
    listed = len(answer.data["points"])
    every = len(engine.series("immigration_court_pending_cases_trac").facts)
    text = renderer.render(answer)
    assert f"{every} figures from every source" in text
    assert f"The other {every - listed} are left out here" in text
    assert "`backlog series immigration_court_pending_cases_trac`" in text
