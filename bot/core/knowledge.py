"""Loading the curated YAML in `knowledge/` into a `KnowledgeBase`, with clear errors.

The files are the reviewable truth; this module only reads them and checks that
they hold together (every fact's source and measure exist, dates parse, units
are known). The deeper content checks (the quote states the figure) live in
`validation.py` so the build and the tests share them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from .dates import DateFormatError, parse_period
from .fact_formats import date_text, fact_from_yaml, server_id
from .models import (
    Derivation,
    Fact,
    KnowledgeBase,
    KnowledgeError,
    Measure,
    MeasureKind,
    MethodChange,
    Moment,
    Source,
    SourceKind,
    Unit,
)
from .yaml_style import load_curated


def _unit(row: dict[str, Any]) -> Unit:
    """A unit and its plausible range ("range: [0, 50_000_000]", "change_range: [-100, 100_000]")."""
    low, high = _range(row, "range")
    change_low, change_high = _range(row, "change_range")
    return Unit(
        id=row["id"],
        singular=row["singular"],
        plural=row["plural"],
        low=low,
        high=high,
        change_low=change_low,
        change_high=change_high,
    )


def _range(row: dict[str, Any], key: str) -> tuple[float | None, float | None]:
    value = row.get(key)
    if value is None:
        return None, None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value)):
        raise KnowledgeError(f"units.yaml: unit {row.get('id')!r}: {key} must be [lowest, highest]")
    low, high = float(value[0]), float(value[1])
    if low > high:
        raise KnowledgeError(f"units.yaml: unit {row.get('id')!r}: {key} runs from {low:g} down to {high:g}")
    return low, high


def load_knowledge(directory: Path) -> KnowledgeBase:
    """Read every curated file under `directory` into one `KnowledgeBase`."""
    directory = Path(directory)
    if not (directory / "measures.yaml").is_file():
        raise KnowledgeError(f"{directory} holds no measures.yaml: is it a knowledge directory?")
    kb = KnowledgeBase()
    for row in _rows(directory / "units.yaml"):
        _add(kb.units, _unit(row), "units.yaml")
    for row in _rows(directory / "sources.yaml"):
        _add(kb.sources, _source(row), "sources.yaml")
    for row in _rows(directory / "measures.yaml"):
        _add(kb.measures, _measure(row), "measures.yaml")
    for row in _rows(directory / "moments.yaml"):
        _add(kb.moments, _moment(row), "moments.yaml")
    for row in _rows(directory / "derived.yaml", required=False):
        _add(kb.derivations, _derivation(row), "derived.yaml")
    for path in sorted((directory / "facts").glob("*.yaml")):
        document = _read_yaml(path) or {}
        measure = document.get("measure")
        for row in document.get("facts") or []:
            where = f"{path.name}, fact {row.get('id')}"
            fact = _guard(where, row, measure)
            if fact.id in kb.facts:
                raise KnowledgeError(f"{where}: the id {fact.id} is used twice")
            kb.facts[fact.id] = fact
    check_references(kb)
    return kb


def check_references(kb: KnowledgeBase) -> None:
    """Every reference points at something that exists."""
    problems: list[str] = []
    for measure in kb.measures.values():
        if measure.unit not in kb.units:
            problems.append(f"measure {measure.id}: unknown unit {measure.unit!r}")
        for other in measure.comparable_with:
            if other not in kb.measures:
                problems.append(f"measure {measure.id}: comparable_with names unknown measure {other!r}")
        for change in measure.method_changes:
            try:
                parse_period(change.date)
            except DateFormatError as error:
                problems.append(f"measure {measure.id}: method change: {error}")
    for source in kb.sources.values():
        if source.relies_on and source.relies_on not in kb.sources:
            problems.append(f"source {source.id}: relies_on names unknown source {source.relies_on!r}")
    for derivation in kb.derivations.values():
        for measure_id in (derivation.numerator, derivation.denominator):
            if measure_id not in kb.measures:
                problems.append(f"derivation {derivation.id}: unknown measure {measure_id!r}")
        if derivation.unit not in kb.units:
            problems.append(f"derivation {derivation.id}: unknown unit {derivation.unit!r}")
    for fact in kb.facts.values():
        if fact.measure not in kb.measures:
            problems.append(f"fact {fact.id}: unknown measure {fact.measure!r}")
        if fact.source not in kb.sources:
            problems.append(f"fact {fact.id}: unknown source {fact.source!r}")
    if problems:
        raise KnowledgeError("; ".join(problems[:20]) + (" ..." if len(problems) > 20 else ""))


def _source(row: dict[str, Any]) -> Source:
    return Source(
        id=row["id"],
        publisher=row["publisher"],
        title=row["title"],
        kind=SourceKind(row["kind"]),
        primary=bool(row.get("primary")),
        url=row.get("url") or None,
        author=row.get("author") or None,
        published=_optional_date(row.get("published")),
        relies_on=row.get("relies_on") or None,
        notes=row.get("notes") or None,
        server=server_id(row.get("server")),
    )


def _optional_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return date_text(value)


def _measure(row: dict[str, Any]) -> Measure:
    return Measure(
        id=row["id"],
        label=row["label"],
        unit=row["unit"],
        kind=MeasureKind(row.get("kind") or "stock"),
        counted_by=row.get("counted_by") or "",
        definition=" ".join(str(row["definition"]).split()),
        aliases=_strings(row.get("aliases")),
        comparable_with=_strings(row.get("comparable_with")),
        caveat=row.get("caveat") or None,
        priority=int(row.get("priority") or 0),
        server=server_id(row.get("server")),
        counted_from=_optional_date(row.get("counted_from")),
        method_changes=tuple(
            MethodChange(date=date_text(change["date"]), note=" ".join(str(change["note"]).split()))
            for change in row.get("method_changes") or ()
        ),
    )


def _moment(row: dict[str, Any]) -> Moment:
    event = row.get("event")
    if event not in (None, "start", "end"):
        raise KnowledgeError(f"moment {row['id']}: event must be start or end, not {event!r}")
    return Moment(
        id=row["id"],
        label=row["label"],
        date=date_text(row["date"]),
        aliases=_strings(row.get("aliases")),
        who=row.get("who") or None,
        event=event,
        term=int(row["term"]) if row.get("term") else None,
    )


def _derivation(row: dict[str, Any]) -> Derivation:
    return Derivation(
        id=row["id"],
        label=row["label"],
        unit=row["unit"],
        numerator=row["numerator"],
        denominator=row["denominator"],
        definition=" ".join(str(row["definition"]).split()),
        aliases=_strings(row.get("aliases")),
    )


def _strings(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def _rows(path: Path, *, required: bool = True) -> list[dict[str, Any]]:
    if not path.exists() and not required:
        return []
    rows = _read_yaml(path)
    if not isinstance(rows, list):
        raise KnowledgeError(f"{path.name}: expected a list of entries")
    return rows


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return load_curated(handle)
    except FileNotFoundError:
        raise KnowledgeError(f"{path} is missing") from None
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: not valid YAML ({error})") from None


def _add(table: dict[Any, Any], item: Any, where: str) -> None:
    if item.id in table:
        raise KnowledgeError(f"{where}: the id {item.id!r} is used twice")
    table[item.id] = item


def _guard(where: str, row: dict[str, Any], measure: Any) -> Fact:
    """A fact from a curated entry, or a KnowledgeError that names the file and the fact."""
    try:
        return fact_from_yaml(row, measure)
    except KnowledgeError as error:
        raise KnowledgeError(f"{where}: {error}") from None
    except (KeyError, ValueError, TypeError, DateFormatError) as error:
        raise KnowledgeError(f"{where}: {error!r}") from None
