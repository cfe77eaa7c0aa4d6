"""Sources, measures, units, moments and derived figures come back from an export as they went in.

A field added to one of them and forgotten in its `knowledge/` YAML or its database row fails
here: each sample sets every field away from its default.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path

import pytest

from bot.core.curation import Actor
from bot.core.exchange import export_knowledge, import_knowledge
from bot.core.forms import CurationError, check_value
from bot.core.knowledge import load_knowledge
from bot.core.models import Measure, MeasureKind, MethodChange, Source, SourceKind
from bot.core.store import FactStore
from tests.conftest import TODAY

SERVER = "123456789012345678"
SOURCE = Source(
    id="added-sample-source",
    publisher="Example Research",
    title="The backlog, by court",
    kind=SourceKind.RESEARCH_ORGANISATION,
    primary=True,
    url="https://example.org/by-court",
    author="Ada Lovelace",
    published="2024-04-02",
    relies_on="trac-2024-backlog-march-2024",
    notes="Reprints TRAC's table.",
    server=SERVER,
)
MEASURE = Measure(
    id="sample_backlog_by_court",
    label="Sample backlog by court",
    unit="cases",
    kind=MeasureKind.STOCK,
    counted_by="Example Research",
    definition="Cases pending before each immigration court.",
    aliases=("court backlog sample", "pending by court sample"),
    comparable_with=("immigration_court_pending_cases",),
    caveat="One court's figure may lag.",
    priority=3,
    server=SERVER,
    counted_from="2019-01",
    method_changes=(MethodChange("2021-06", "Counted from a new system."),),
)


@pytest.mark.parametrize("sample", [SOURCE, MEASURE], ids=lambda sample: type(sample).__name__)
def test_the_samples_set_every_optional_field(sample):
    for item in fields(sample):
        if item.default is not MISSING:
            assert getattr(sample, item.name) != item.default, f"give the sample's {item.name} a value"


@pytest.fixture
def store(db_path: Path) -> FactStore:
    store = FactStore.open(db_path)
    assert SOURCE.relies_on in store.load().sources
    with store.writing():
        store.insert_source(SOURCE, origin="added")
        store.insert_measure(MEASURE, origin="added")
    return store


def test_a_source_and_a_measure_read_back_from_their_rows(store: FactStore):
    assert store.source(SOURCE.id) == SOURCE
    assert store.measure(MEASURE.id) == MEASURE


def test_everything_exported_loads_back_as_it_was(store: FactStore, tmp_path: Path):
    export_knowledge(store, tmp_path / "export", everything=True)
    exported, stored = load_knowledge(tmp_path / "export"), store.load(include_retracted=True)
    assert exported.sources[SOURCE.id] == SOURCE
    assert exported.measures[MEASURE.id] == MEASURE
    assert exported.units == stored.units
    assert exported.moments == stored.moments
    assert exported.derivations == stored.derivations
    assert exported.facts == stored.facts


def test_importing_an_export_into_the_base_it_came_from_changes_nothing(store: FactStore, tmp_path: Path):
    export_knowledge(store, tmp_path / "export", everything=True)
    counts = import_knowledge(store, tmp_path / "export", Actor("tester"), today=TODAY)
    assert {table: (c["added"], c["changed"]) for table, c in counts.items()} == {
        table: (0, 0) for table in counts
    }


def test_an_imported_unit_keeps_the_values_it_may_take(store: FactStore, tmp_path: Path, built_db: Path):
    # An export wrote a unit's range as `low:` and `high:`, which the loader does not read: an
    # import then let a count in cases be anything up to a billion.
    export_knowledge(store, tmp_path / "export", everything=True)
    fresh = tmp_path / "fresh.db"
    fresh.write_bytes(built_db.read_bytes())
    other = FactStore.open(fresh)
    import_knowledge(other, tmp_path / "export", Actor("tester"), today=TODAY)
    kb = other.load()
    with pytest.raises(CurationError, match="not a plausible figure"):
        check_value("350 million", kb.measures["immigration_court_pending_cases"], kb.units)
