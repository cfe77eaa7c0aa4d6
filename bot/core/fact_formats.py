"""A fact in each format it is kept or shown in, side by side, each derived from `Fact`'s declaration.

A format is its entries in its own order (a researcher's CSV keeps its columns, an export its
layout), how it writes each kind of field (`FieldKind`), what it computes beside the fact's own
fields, and the declared fields it leaves out, each with the reason. A field added to `Fact`
fails `tests/test_fact_formats.py` until every format below either carries it or says why not:

- the database row (`fact_row`, `fact_from_row`): every field, and the columns the store queries by;
- a `knowledge/` entry (`fact_yaml`, `fact_from_yaml`): the files a researcher reviews;
- a revision's snapshot (`snapshot`): what a change kept, readable without joins;
- the command line's JSON (`fact_json`), a series row for CSV and JSON (`series_row`), and a
  figure an answer states (`figure_json`);
- the form a moderator fills in is in `forms.py` (`FACT_FORM`), beside its checks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from .dates import parse_period
from .models import FACT_FIELDS, Fact, FieldKind, FieldSpec, KnowledgeError, Source
from .numbers import whole_number
from .yaml_style import Quoted, compact, quoted

FIELDS_BY_NAME = {spec.name: spec for spec in FACT_FIELDS}


def _as_written(value: Any) -> Any:
    return value


def _choice(value: Any) -> str:
    return value.value


def _finite_or_none(value: float) -> float | None:
    """JSON has no infinity: a value an older database stored as one is given as unknown."""
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class Format:
    """One way a fact is written: see the module's docstring."""

    name: str
    entries: tuple[str, ...]
    # How this format writes each kind of field; a kind not named is written as it is.
    writes: Mapping[FieldKind, Callable[[Any], Any]] = field(default_factory=dict)
    # Declared fields this format does not carry, and why.
    leaves_out: Mapping[str, str] = field(default_factory=dict)
    # An entry named otherwise than the field it writes ("fact" for `id` in a series).
    renamed: Mapping[str, str] = field(default_factory=dict)

    def field_of(self, entry: str) -> str:
        return self.renamed.get(entry, entry)

    def carried(self) -> set[str]:
        """The declared fields this format writes, under their own name or another."""
        return {self.field_of(entry) for entry in self.entries} & FIELDS_BY_NAME.keys()

    def computed(self) -> tuple[str, ...]:
        """The entries that are not the fact's own fields: the caller gives them."""
        return tuple(e for e in self.entries if self.field_of(e) not in FIELDS_BY_NAME)

    def write(self, fact: Fact, **computed: Any) -> dict[str, Any]:
        """The fact's entries in order; `computed` gives those that are not its own fields, and may
        stand in for one that is (the JSON's source, an object instead of its id)."""
        unknown = computed.keys() - set(self.entries)
        if unknown:
            raise TypeError(f"{self.name} has no entries {sorted(unknown)}")
        out: dict[str, Any] = {}
        for entry in self.entries:
            if entry in computed:
                out[entry] = computed[entry]
                continue
            spec = FIELDS_BY_NAME.get(self.field_of(entry))
            if spec is None:
                raise TypeError(f"{self.name}: {entry} is computed, and was not given")
            out[entry] = self.writes.get(spec.kind, _as_written)(getattr(fact, spec.name))
        return out


# -- the database row ---------------------------------------------------------------------------

ROW = Format(
    "row",
    # Every field has its column; the period's, so the store can select a stretch of dates.
    entries=(*FIELDS_BY_NAME, "precision", "date_start", "date_end", "origin"),
    writes={FieldKind.CHOICE: _choice, FieldKind.FLAG: int},
)


def fact_row(fact: Fact, *, origin: str = "knowledge") -> dict[str, Any]:
    """A fact as the `facts` table holds it; `origin` says where it came from (`knowledge`, `discord`...)."""
    return ROW.write(fact, origin=origin, **_period_columns(fact, "date_start", "date_end"))


def fact_from_row(row: Mapping[str, Any]) -> Fact:
    """A fact from a database row or a `knowledge/` entry; `KnowledgeError` (or ValueError) on a bad field.

    The one reader of both: each field is read by its kind, so an import compares like with like.
    """
    return Fact(**{spec.name: _read(spec, row.get(spec.name)) for spec in FACT_FIELDS})


def _read(spec: FieldSpec, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        if spec.required:
            raise KnowledgeError(f"a fact needs {spec.what}")
        return spec.absent
    match spec.kind:
        case FieldKind.ID:
            return int(value)
        case FieldKind.REFERENCE:
            return str(value)
        case FieldKind.NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise KnowledgeError(f"{spec.name} {value!r} is not a number")
            return float(value)
        case FieldKind.DATE:
            return date_text(value)
        case FieldKind.CHOICE:
            assert spec.choices is not None
            return spec.choices(value)
        case FieldKind.TEXT:
            return str(value).strip()
        case FieldKind.LABEL:
            return " ".join(str(value).split())
        case FieldKind.FLAG:
            return bool(value)
        case FieldKind.SERVER:
            return server_id(value)
    raise AssertionError(f"no reader for {spec.kind}")


def date_text(value: Any) -> str:
    """A date as the fact base writes it, from text or from a date YAML read; raises on a bad one."""
    text = value.isoformat() if isinstance(value, Date) else str(value)
    parse_period(text)
    return text


def server_id(value: Any) -> str | None:
    """A server (guild) id as text: YAML may read an unquoted id as a number."""
    return None if value in (None, "") else str(value)


def _period_columns(fact: Fact, start: str, end: str) -> dict[str, str]:
    period = fact.period
    return {"precision": period.precision.value, start: period.start.isoformat(), end: period.end.isoformat()}


# -- a `knowledge/` entry ----------------------------------------------------------------------

YAML = Format(
    "knowledge/ entry",
    entries=(
        "id",
        "value",
        "date",
        "qualifier",
        "status",
        "source",
        "quote",
        "notes",
        "place",
        "low_confidence",
        "server",
        "retracted",
    ),
    writes={
        FieldKind.NUMBER: whole_number,
        FieldKind.DATE: Quoted,
        FieldKind.CHOICE: _choice,
        FieldKind.TEXT: quoted,
        FieldKind.LABEL: quoted,
        FieldKind.SERVER: quoted,
    },
    leaves_out={"measure": "the file's `measure:` names it once, for all the facts in the file"},
)


def fact_yaml(fact: Fact) -> dict[str, Any]:
    """One entry of a `knowledge/facts/<measure>.yaml` file, without its empty optional fields."""
    return compact(YAML.write(fact))


def fact_from_yaml(entry: Mapping[str, Any], measure: Any) -> Fact:
    """A fact from one entry of a facts file whose `measure:` is `measure`."""
    return fact_from_row({**entry, "measure": measure})


# -- a revision's snapshot ---------------------------------------------------------------------

SNAPSHOT = Format(
    "snapshot",
    entries=(
        "measure",
        "value",
        "date",
        "qualifier",
        "status",
        "quote",
        "notes",
        "place",
        "low_confidence",
        "publisher",
        "title",
        "url",
        "server",
        "retracted",
    ),
    writes={FieldKind.CHOICE: _choice},
    leaves_out={
        "id": "the revision names its fact (`entity_id`)",
        "source": "kept as the source's publisher, title and address, readable without the source",
    },
)


def snapshot(fact: Fact, source: Source) -> dict[str, Any]:
    """A fact as a revision keeps it (`before` and `after`): its fields and its source's."""
    return SNAPSHOT.write(fact, publisher=source.publisher, title=source.title, url=source.url)


# -- the command line's JSON -------------------------------------------------------------------

JSON = Format(
    "JSON",
    entries=(
        "id",
        "measure",
        "value",
        "unit",
        "date",
        "precision",
        "start",
        "end",
        "qualifier",
        "status",
        "source",
        "quote",
        "notes",
        "low_confidence",
        "server",
        "place",
    ),
    writes={FieldKind.NUMBER: _finite_or_none, FieldKind.CHOICE: _choice},
    leaves_out={"retracted": "it lists what answers use, and no retracted fact is among them"},
)


def fact_json(fact: Fact, *, unit: str | None, source: dict[str, Any]) -> dict[str, Any]:
    """A fact as a researcher's script reads it (`backlog facts list --json`): the figure, what it
    counts in, how exact its date is, and its source as the answers' JSON gives it."""
    return JSON.write(fact, unit=unit, source=source, **_period_columns(fact, "start", "end"))


# -- a series row (`backlog series`, the CSV beside `/backlog trend`) --------------------------

SERIES = Format(
    "series row",
    entries=(
        "fact",
        "measure",
        "place",
        "value",
        "unit",
        "qualifier",
        "date",
        "precision",
        "date_start",
        "date_end",
        "status",
        "low_confidence",
        "source",
        "publisher",
        "title",
        "published",
        "address",
        "table_version",
        "quote",
        "notes",
        "added_by_server",
    ),
    writes={FieldKind.NUMBER: whole_number, FieldKind.CHOICE: _choice},
    leaves_out={"retracted": "a series is what one server sees, and no retracted fact is in it"},
    renamed={"fact": "id", "added_by_server": "server"},
)

SERIES_COLUMNS = SERIES.entries


def series_row(fact: Fact, source: Source, *, unit: str, revised: bool) -> dict[str, Any]:
    """One row of a measure's series; `revised`: its publisher published this measure more than once,
    so the source's publication date tells the table's versions apart."""
    return SERIES.write(
        fact,
        unit=unit,
        publisher=source.publisher,
        title=source.title,
        published=source.published,
        address=source.url,
        table_version=source.published if revised else None,
        **_period_columns(fact, "date_start", "date_end"),
    )


# -- a figure an answer states (`--json`'s `answer.figures`) -----------------------------------

FIGURE = Format(
    "answer figure",
    entries=("fact", "measure", "place", "value", "qualifier", "date", "status"),
    writes={FieldKind.CHOICE: _choice},
    leaves_out={
        "source": "the answer's `sources` list the sources of its figures",
        "quote": "`backlog facts show FACT --json` gives it",
        "notes": "`backlog facts show FACT --json` gives them",
        "low_confidence": "`backlog facts list --json` gives it; an answer prefers any other figure",
        "server": "an answer is one server's",
        "retracted": "no answer states a retracted fact",
    },
    renamed={"fact": "id"},
)


def figure_json(fact: Fact) -> dict[str, Any]:
    return FIGURE.write(fact)


FORMATS = (ROW, YAML, SNAPSHOT, JSON, SERIES, FIGURE)
