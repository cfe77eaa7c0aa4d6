"""Every format of a fact carries every field `Fact` declares, or says why not, and gives it back.

A field added to `Fact` fails here until each format (`bot/core/fact_formats.py`, the form in
`bot/core/forms.py`) either carries it or names it among the fields it leaves out, and until the
database has its column: the sample below must set it, and every format must read it back.
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest
import yaml

from bot.cli import facts_add, facts_edit
from bot.core.curation import Actor, Curator
from bot.core.exchange import export_knowledge, import_knowledge
from bot.core.fact_formats import (
    FIELDS_BY_NAME,
    FIGURE,
    FORMATS,
    JSON,
    SERIES,
    SNAPSHOT,
    Format,
    fact_from_row,
    fact_from_yaml,
    fact_json,
    fact_row,
    fact_yaml,
    figure_json,
    series_row,
    snapshot,
)
from bot.core.forms import FACT_FORM, FactForm, check_fact_form
from bot.core.knowledge import load_knowledge
from bot.core.models import FACT_FIELDS, Fact, KnowledgeBase, Qualifier, Source, SourceKind, Status
from bot.core.store import FactStore
from bot.core.yaml_style import yaml_text
from tests.conftest import TODAY

SERVER = "123456789012345678"
SOURCE = Source(
    id="added-sample",
    publisher="Example Research",
    title="The backlog by country",
    kind=SourceKind.UNCLASSIFIED,
    primary=False,
    url="https://example.org/backlog-by-country",
    server=SERVER,
)
# Every field away from its default, so a format that drops one cannot pass by luck.
SAMPLE = Fact(
    id=100_123,
    measure="immigration_court_pending_cases",
    value=3_524_051.0,
    date="2024-03-31",
    qualifier=Qualifier.MORE_THAN,
    status=Status.ESTIMATE,
    source=SOURCE.id,
    quote="More than 3,524,051 cases were pending, 12,345 of them from El Salvador.",
    notes="Counted by the court's own table.",
    low_confidence=True,
    server=SERVER,
    place="El Salvador",
    retracted=True,
)
ALL_FORMATS = (*FORMATS, FACT_FORM)


def test_every_field_of_a_fact_is_declared_with_its_kind():
    assert [spec.name for spec in FACT_FIELDS] == [item.name for item in fields(Fact) if item.init]


@pytest.mark.parametrize("spec", FACT_FIELDS, ids=lambda spec: spec.name)
def test_the_sample_sets_every_optional_field(spec):
    if not spec.required:
        assert getattr(SAMPLE, spec.name) != spec.absent, f"give SAMPLE.{spec.name} a value of its own"


@pytest.mark.parametrize("fmt", ALL_FORMATS, ids=lambda fmt: fmt.name)
def test_each_format_carries_every_declared_field_or_says_why_not(fmt: Format):
    carried, left_out = fmt.carried(), set(fmt.leaves_out)
    declared = set(FIELDS_BY_NAME)
    assert declared - carried - left_out == set(), f"the {fmt.name} neither carries nor leaves out these"
    assert carried & left_out == set(), f"the {fmt.name} both carries and leaves out these"
    assert left_out <= declared, f"the {fmt.name} leaves out fields a fact does not have"
    assert all(reason.strip() for reason in fmt.leaves_out.values())
    assert len(set(fmt.entries)) == len(fmt.entries)


def read_back(fmt: Format, written: dict, *, shadowed: tuple[str, ...] = ()) -> Fact:
    """The fact a written format gives back: its own fields read with the one row reader, and those
    it leaves out (or writes as something else) taken from the sample."""
    row = {
        fmt.field_of(entry): value
        for entry, value in written.items()
        if fmt.field_of(entry) in FIELDS_BY_NAME and entry not in shadowed
    }
    kept = {name: getattr(SAMPLE, name) for name in (*fmt.leaves_out, *shadowed)}
    return fact_from_row({**row, **kept})


def test_a_database_row_reads_back_as_the_fact_and_writes_the_same_row(db_path: Path):
    store = FactStore.open(db_path)
    with store.writing():
        store.insert_source(SOURCE, origin="added")
        store.insert_fact(SAMPLE, origin="discord")
    stored = store.db["facts"].get(SAMPLE.id)
    assert store.fact(SAMPLE.id) == SAMPLE
    assert fact_row(store.fact(SAMPLE.id), origin="discord") == stored
    assert stored["date_start"] == stored["date_end"] == "2024-03-31" and stored["precision"] == "day"


def test_a_knowledge_entry_reads_back_as_the_fact():
    text = yaml_text([fact_yaml(SAMPLE)])
    assert fact_from_yaml(yaml.safe_load(text)[0], SAMPLE.measure) == SAMPLE
    # Its quoting: the server id stays text and the date a string, as the curated files write them.
    assert f'server: "{SERVER}"' in text and 'date: "2024-03-31"' in text and "value: 3524051\n" in text


def test_an_export_imports_back_as_the_same_fact(db_path: Path, tmp_path: Path, built_db: Path):
    store = FactStore.open(db_path)
    with store.writing():
        store.insert_source(SOURCE, origin="added")
        store.insert_fact(SAMPLE, origin="discord")
    export_knowledge(store, tmp_path / "export", everything=True)
    assert load_knowledge(tmp_path / "export").facts[SAMPLE.id] == SAMPLE
    fresh = tmp_path / "fresh.db"
    fresh.write_bytes(built_db.read_bytes())
    other = FactStore.open(fresh)
    import_knowledge(other, tmp_path / "export", Actor("tester"), confirmed=True, today=TODAY)
    assert other.fact(SAMPLE.id) == SAMPLE


def test_a_snapshot_carries_the_fact_and_its_source():
    written = snapshot(SAMPLE, SOURCE)
    assert list(written) == list(SNAPSHOT.entries)
    assert (written["publisher"], written["title"], written["url"]) == (
        SOURCE.publisher,
        SOURCE.title,
        SOURCE.url,
    )
    assert read_back(SNAPSHOT, written) == SAMPLE


def test_the_command_lines_json_carries_every_field_it_names():
    source = {"publisher": SOURCE.publisher, "title": SOURCE.title}
    written = fact_json(SAMPLE, unit="cases", source=source)
    assert list(written) == list(JSON.entries)
    assert written["source"] == source and written["unit"] == "cases"
    assert (written["precision"], written["start"], written["end"]) == ("day", "2024-03-31", "2024-03-31")
    assert read_back(JSON, written, shadowed=("source",)) == SAMPLE


def test_a_series_row_carries_every_field_it_names():
    written = series_row(SAMPLE, SOURCE, unit="cases", revised=False)
    assert list(written) == list(SERIES.entries)
    assert written["fact"] == SAMPLE.id and written["added_by_server"] == SERVER
    assert read_back(SERIES, written) == SAMPLE


def test_a_figure_an_answer_states_carries_every_field_it_names():
    assert read_back(FIGURE, figure_json(SAMPLE)) == SAMPLE


def test_the_form_shows_every_field_it_carries_and_its_checks_give_them_back(kb: KnowledgeBase):
    form = FactForm.of(SAMPLE, SOURCE)
    assert (form.url, form.publisher, form.title) == (SOURCE.url, SOURCE.publisher, SOURCE.title)
    assert form.value == "3,524,051" and form.qualifier == "more_than" and form.place == "El Salvador"
    checked = check_fact_form(form, kb, TODAY)
    assert (checked.url, checked.publisher, checked.title) == (SOURCE.url, SOURCE.publisher, SOURCE.title)
    # What the form leaves out (id, where it lives, its flags) an edit keeps from the fact before it.
    assert replace(SAMPLE, **checked.fact_fields(SOURCE)) == SAMPLE
    assert set(checked.fact_fields(SOURCE)) == FACT_FORM.carried() | {"source"}


def test_an_import_that_only_marks_a_fact_low_confidence_shows_it_in_the_history(
    db_path: Path, tmp_path: Path
):
    store = FactStore.open(db_path)
    export_knowledge(store, tmp_path / "export")
    path = tmp_path / "export" / "facts" / "immigration_court_pending_cases.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entry = next(e for e in document["facts"] if not e.get("low_confidence"))
    entry["low_confidence"] = True
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    import_knowledge(store, tmp_path / "export", Actor("tester"), confirmed=True, today=TODAY)
    last = Curator(store).history(entry["id"], None)[-1]
    assert last.action == "import"
    assert last.differences() == [("low_confidence", False, True)]


@pytest.mark.parametrize("command", [facts_add, facts_edit], ids=lambda command: command.name)
def test_the_command_line_can_fill_in_every_field_of_the_form(command):
    assert {item.name for item in fields(FactForm)} <= {param.name for param in command.params}
