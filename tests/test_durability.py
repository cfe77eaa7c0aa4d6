"""Moderators' work survives: exports import back as the same facts, backups are whole,
concurrent writers do not lose or duplicate facts, and a killed writer loses nothing it acknowledged."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import KNOWLEDGE, ROOT, TODAY

from bot.cli import cli
from bot.core.curation import Actor, Curator
from bot.core.exchange import export_knowledge, import_knowledge
from bot.core.forms import FactForm
from bot.core.knowledge import KnowledgeError, load_knowledge
from bot.core.store import FactStore

MEASURE = "immigration_court_pending_cases_trac"
MODERATOR = Actor("moderator", "77")


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], env={"BACKLOG_DB": None}, catch_exceptions=False)


def form(n: int, url: str = "https://example.org/monthly") -> FactForm:
    """A distinct, sound fact: its own day, a value its quote states."""
    value = 1_000_000 + n
    return FactForm(
        measure=MEASURE,
        value=str(value),
        date=(date(1990, 1, 1) + timedelta(days=n)).isoformat(),
        url=url,
        publisher="Example Research",
        title="Daily counts",
        quote=f"That day, {value:,} cases were pending.",
    )


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchone()[0]


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture
def curated_work(db_path: Path) -> Path:
    """The built base plus what moderators did: a server's fact, a retracted one, a corrected one."""
    curator = Curator(FactStore.open(db_path), today=lambda: TODAY)
    server_fact = curator.add(form(1), MODERATOR, "4242").fact
    shared_fact = curator.add(form(2, "https://example.org/other"), Actor("maintainer"), None).fact
    retracted = curator.add(form(3), MODERATOR, "4242").fact
    assert server_fact and shared_fact and retracted
    curator.retract(retracted.id, MODERATOR, "4242", "the report was withdrawn")
    curator.edit(server_fact.id, form(4), MODERATOR, "4242", "wrong day")
    return db_path


def test_an_export_of_everything_imports_into_an_empty_database_as_the_same_facts(
    curated_work: Path, tmp_path: Path
) -> None:
    exported = run(curated_work, "facts", "export", str(tmp_path / "export"), "--all")
    assert exported.exit_code == 0, exported.stderr
    assert "(1 retracted)" in exported.stdout

    target = tmp_path / "restored.db"
    imported = run(target, "facts", "import", str(tmp_path / "export"))
    assert imported.exit_code == 0, imported.stderr

    original = FactStore.open(curated_work).load(include_retracted=True)
    restored = FactStore.open(target).load(include_retracted=True)
    assert restored.facts == original.facts
    assert restored.sources == original.sources and restored.measures == original.measures
    servers = {f.server for f in restored.facts.values()}
    assert servers == {None, "4242"}
    assert sum(f.retracted for f in restored.facts.values()) == 1
    # The restored database answers like the original, for the server too.
    question = ("--server", "4242", "facts", "list", "--json")
    assert run(target, *question).stdout == run(curated_work, *question).stdout


def test_importing_the_same_export_twice_changes_nothing_the_second_time(
    curated_work: Path, tmp_path: Path
) -> None:
    export_knowledge(FactStore.open(curated_work), tmp_path / "export", everything=True)
    target = tmp_path / "restored.db"
    assert run(target, "facts", "import", str(tmp_path / "export")).exit_code == 0
    revisions = count(target, "SELECT COUNT(*) FROM revisions WHERE action = 'import'")
    assert revisions == count(target, "SELECT COUNT(*) FROM facts")

    again = run(target, "facts", "import", str(tmp_path / "export"))
    assert again.exit_code == 0
    assert re.search(r"\d+ (added|changed)", again.stdout) is None, again.stdout
    assert count(target, "SELECT COUNT(*) FROM revisions") == revisions

    # Into the database it came from: nothing differs, so nothing is recorded.
    before = count(curated_work, "SELECT COUNT(*) FROM revisions")
    assert run(curated_work, "facts", "import", str(tmp_path / "export")).exit_code == 0
    assert count(curated_work, "SELECT COUNT(*) FROM revisions") == before


def test_an_import_that_changes_a_fact_records_what_it_was(curated_work: Path, tmp_path: Path) -> None:
    export_knowledge(FactStore.open(curated_work), tmp_path / "export", server="4242")
    path = next((tmp_path / "export" / "facts").glob("*.yaml"))
    document = yaml.safe_load(path.read_text())
    fact = next(f for f in document["facts"] if not f.get("retracted"))
    fact["notes"] = "checked against the printed report"
    path.write_text(yaml.safe_dump(document, sort_keys=False))

    result = run(curated_work, "facts", "import", str(tmp_path / "export"))
    assert "facts 1 changed" in result.stdout
    history = run(curated_work, "facts", "history", str(fact["id"]))
    assert "import" in history.stdout and "checked against the printed report" in history.stdout


def test_a_server_export_imports_alone_and_answers_for_that_server(
    curated_work: Path, tmp_path: Path
) -> None:
    export_knowledge(FactStore.open(curated_work), tmp_path / "server", server="4242")
    target = tmp_path / "server.db"
    assert run(target, "facts", "import", str(tmp_path / "server")).exit_code == 0
    facts = FactStore.open(target).load(include_retracted=True).facts
    original = FactStore.open(curated_work).load(include_retracted=True).facts
    assert facts == {k: f for k, f in original.items() if f.server == "4242"}
    listed = run(target, "facts", "list", "--server", "4242", "--json")
    assert len(json.loads(listed.stdout)) == 1  # the retracted one is not in the answers


def test_the_shared_export_of_the_built_base_is_the_curated_knowledge(db_path: Path, tmp_path: Path) -> None:
    export_knowledge(FactStore.open(db_path), tmp_path / "knowledge")
    assert load_knowledge(tmp_path / "knowledge").facts == load_knowledge(KNOWLEDGE).facts


def test_an_unsound_import_is_refused_whole(curated_work: Path, tmp_path: Path) -> None:
    export_knowledge(FactStore.open(curated_work), tmp_path / "export", server="4242")
    path = next((tmp_path / "export" / "facts").glob("*.yaml"))
    document = yaml.safe_load(path.read_text())
    document["facts"][0]["value"] = 5  # the quote no longer states it
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    target = tmp_path / "restored.db"

    refused = run(target, "facts", "import", str(tmp_path / "export"))
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    assert "does not state 5" in refused.stderr and "--yes" in refused.stderr
    assert not target.exists()  # nothing written, not even an empty database

    document["facts"][0]["date"] = "2999-01"  # not a quote problem: --yes does not help
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    revisions_before = count(curated_work, "SELECT COUNT(*) FROM revisions")
    with pytest.raises(KnowledgeError, match="has not begun"):
        import_knowledge(FactStore.open(curated_work), tmp_path / "export", MODERATOR, confirmed=True)
    assert count(curated_work, "SELECT COUNT(*) FROM revisions") == revisions_before


def test_a_backup_is_a_whole_database_with_the_same_facts(curated_work: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backups" / "backlog-backup.db"
    result = run(curated_work, "db", "backup", str(backup))
    assert result.exit_code == 0, result.stderr
    assert str(backup) in result.stdout
    assert integrity(backup) == "ok"
    copied = FactStore.open(backup, readonly=True).load(include_retracted=True).facts
    assert copied == FactStore.open(curated_work).load(include_retracted=True).facts

    refused = run(curated_work, "db", "backup", str(backup))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert run(curated_work, "db", "backup", str(backup), "--force").exit_code == 0
    no_db = CliRunner().invoke(cli, ["db", "backup", str(tmp_path / "x.db")], env={"BACKLOG_DB": None})
    assert no_db.exit_code == 2 and not (tmp_path / "x.db").exists()


def test_200_concurrent_adds_give_200_facts_with_unique_ids(db_path: Path) -> None:
    facts_before = count(db_path, "SELECT COUNT(*) FROM facts")
    threads, each = 8, 25
    start = threading.Barrier(threads)
    added: list[int] = []
    failures: list[BaseException] = []

    def moderator(number: int) -> None:
        try:
            store = FactStore.open(db_path)  # its own connection, as another process would have
            view = store.load()  # the bot keeps its views in memory; loading is the slow part
            curator = Curator(store, views=lambda server: view, today=lambda: TODAY)
            start.wait()
            for k in range(each):
                outcome = curator.add(
                    form(number * each + k), Actor(f"moderator {number}", str(number)), None
                )
                assert outcome.fact is not None, outcome
                added.append(outcome.fact.id)
        except BaseException as error:
            failures.append(error)

    workers = [threading.Thread(target=moderator, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert failures == []
    assert len(added) == len(set(added)) == threads * each
    assert count(db_path, "SELECT COUNT(*) FROM facts") == facts_before + threads * each
    assert count(db_path, "SELECT COUNT(*) FROM revisions WHERE action = 'add'") == threads * each
    with sqlite3.connect(db_path) as connection:
        recorded = {
            int(r[0]) for r in connection.execute("SELECT entity_id FROM revisions WHERE action = 'add'")
        }
        sources = connection.execute("SELECT COUNT(*) FROM sources WHERE url = ?", [form(0).url]).fetchone()[
            0
        ]
    assert recorded == set(added)
    assert sources == 1  # every thread found the one source the first created


WRITER = """
import sys
from datetime import date, timedelta
from bot.core.curation import Actor, Curator
from bot.core.forms import FactForm
from bot.core.store import FactStore

store = FactStore.open(sys.argv[1])
view = store.load()
curator = Curator(store, views=lambda server: view, today=lambda: date(2026, 11, 23))
for n in range(5000):
    value = 1_000_000 + n
    form = FactForm(
        measure="immigration_court_pending_cases_trac",
        value=str(value),
        date=(date(1990, 1, 1) + timedelta(days=n)).isoformat(),
        url="https://example.org/monthly",
        publisher="Example Research",
        title="Daily counts",
        quote=f"That day, {value:,} cases were pending.",
    )
    outcome = curator.add(form, Actor("writer", "1"), None)
    print(outcome.fact.id, flush=True)  # acknowledged: only after the commit
"""


def test_a_writer_killed_mid_stream_loses_nothing_it_acknowledged(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    guard = threading.Timer(60, writer.kill)  # never hang the suite if the writer stalls
    guard.start()
    acknowledged: list[int] = []
    try:
        assert writer.stdout is not None
        while len(acknowledged) < 50:
            line = writer.stdout.readline()
            assert line, "the writer stopped before acknowledging 50 facts"
            acknowledged.append(int(line))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
    finally:
        guard.cancel()
        writer.kill()
        writer.wait()
    assert writer.returncode == -signal.SIGKILL

    assert integrity(db_path) == "ok"
    store = FactStore.open(db_path)
    facts = store.load().facts
    assert all(fact_id in facts for fact_id in acknowledged)
    with sqlite3.connect(db_path) as connection:
        recorded = {
            int(r[0]) for r in connection.execute("SELECT entity_id FROM revisions WHERE action = 'add'")
        }
    assert set(acknowledged) <= recorded
    # What committed after the last acknowledgement is whole too: every added fact has its revision.
    assert recorded == {fact_id for fact_id in facts if fact_id >= 100_000}
