"""The fact base's formats: `knowledge/` YAML out and back in, idempotently; citations as CSL-JSON
and BibTeX.

An export is a reviewable, portable copy: the shared base (as `knowledge/` holds
it), one server's additions, or everything. Importing it into any fact base,
an empty one included, gives back the same facts with the same ids; importing
it twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from .citation import Reference
from .curation import Actor, Curator
from .fact_formats import SERIES_COLUMNS, fact_row, fact_yaml, series_row
from .knowledge import KnowledgeError, load_knowledge
from .models import Derivation, Fact, KnowledgeBase, Measure, Moment, Source, Unit
from .numbers import whole_number
from .store import FactStore, derivation_row, measure_row, moment_row, source_row
from .validation import fact_problems
from .yaml_style import Flow, Quoted, compact, quoted, write_yaml

IMPORTED = "imported"  # the origin of rows an import added


class UnconfirmedQuotes(KnowledgeError):
    """The only problem with an import: quotes that do not state their value, which a person may confirm."""


# -- export ------------------------------------------------------------------


def export_knowledge(
    store: FactStore, directory: str | Path, *, server: str | None = None, everything: bool = False
) -> dict[str, int]:
    """Write the `knowledge/` layout for part of the fact base into `directory`; return what it holds.

    By default the shared base (rows with no server); `server`: that server's own facts,
    sources and measures; `everything`: all of them. The shared measures and sources the
    chosen facts rely on, every unit and moment, and the derivations whose measures are
    exported come along, so the directory imports into an empty database. Retracted facts
    are exported (with `retracted: true`): they are part of the record.

    The directory ends up holding exactly this export: `facts/*.yaml` files of measures
    with no exported facts are removed.
    """
    if everything and server is not None:
        raise KnowledgeError("export one server or every server, not both")
    directory = Path(directory)
    kb = store.load(include_retracted=True)  # one snapshot, though another process commits meanwhile
    chosen = _selection(kb, server, everything)
    facts_dir = directory / "facts"
    facts_dir.mkdir(parents=True, exist_ok=True)
    write_yaml(directory / "units.yaml", [_unit_yaml(u) for u in chosen.units.values()])
    write_yaml(directory / "sources.yaml", [_source_yaml(s) for s in chosen.sources.values()])
    write_yaml(directory / "measures.yaml", [_measure_yaml(m) for m in chosen.measures.values()])
    write_yaml(directory / "moments.yaml", [_moment_yaml(m) for m in chosen.moments.values()])
    write_yaml(directory / "derived.yaml", [_derivation_yaml(d) for d in chosen.derivations.values()])
    by_measure: dict[str, list[Fact]] = {}
    for fact in sorted(chosen.facts.values(), key=lambda f: f.id):
        by_measure.setdefault(fact.measure, []).append(fact)
    written: set[str] = set()
    for measure_id in sorted(by_measure):
        name = _file_name(measure_id, written)
        written.add(name)
        document = {"measure": measure_id, "facts": [fact_yaml(f) for f in by_measure[measure_id]]}
        write_yaml(facts_dir / name, document)
    for stale in facts_dir.glob("*.yaml"):
        if stale.name not in written:
            stale.unlink()
    return {
        "units": len(chosen.units),
        "sources": len(chosen.sources),
        "measures": len(chosen.measures),
        "moments": len(chosen.moments),
        "derivations": len(chosen.derivations),
        "facts": len(chosen.facts),
        "retracted": sum(f.retracted for f in chosen.facts.values()),
    }


def _selection(kb: KnowledgeBase, server: str | None, everything: bool) -> KnowledgeBase:
    """The rows an export holds: the chosen ones and everything they refer to."""

    def chosen(row: Source | Measure | Fact) -> bool:
        return everything or row.server == server

    facts = {k: f for k, f in kb.facts.items() if chosen(f)}
    measure_ids = _closure(
        {k for k, m in kb.measures.items() if chosen(m)} | {f.measure for f in facts.values()},
        lambda key: kb.measures[key].comparable_with if key in kb.measures else (),
    )
    source_ids = _closure(
        {k for k, s in kb.sources.items() if chosen(s)} | {f.source for f in facts.values()},
        lambda key: (kb.sources[key].relies_on,) if key in kb.sources and kb.sources[key].relies_on else (),
    )
    return KnowledgeBase(
        units=kb.units,
        sources={k: s for k, s in kb.sources.items() if k in source_ids},
        measures={k: m for k, m in kb.measures.items() if k in measure_ids},
        moments=kb.moments,
        derivations={
            k: d
            for k, d in kb.derivations.items()
            if d.numerator in measure_ids and d.denominator in measure_ids
        },
        facts=facts,
    )


def _closure(start: set[str], neighbours: Callable[[str], Any]) -> set[str]:
    found, todo = set(start), list(start)
    while todo:
        for other in neighbours(todo.pop()):
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def _file_name(measure_id: str, taken: set[str]) -> str:
    """`<measure id>.yaml`, made safe as a file name (the file's `measure:` key holds the real id)."""
    base = re.sub(r"[^A-Za-z0-9_.-]+", "_", measure_id).strip(".") or "measure"
    name, number = f"{base}.yaml", 1
    while name in taken:
        number += 1
        name = f"{base}_{number}.yaml"
    return name


def _unit_yaml(unit: Unit) -> dict[str, Any]:
    """A unit as `knowledge/units.yaml` writes it: its plausible values as `range: [lowest, highest]`."""
    row: dict[str, Any] = {"id": unit.id, "singular": unit.singular, "plural": unit.plural}
    ranges = {"range": (unit.low, unit.high), "change_range": (unit.change_low, unit.change_high)}
    for key, (low, high) in ranges.items():
        if low is not None and high is not None:
            row[key] = Flow([whole_number(low), whole_number(high)])
    return row


def _source_yaml(source: Source) -> dict[str, Any]:
    return compact(
        {
            "id": source.id,
            "publisher": quoted(source.publisher),
            "title": quoted(source.title),
            "author": quoted(source.author),
            "url": quoted(source.url),
            "published": quoted(source.published),
            "kind": source.kind.value,
            "primary": source.primary,
            "relies_on": source.relies_on,
            "notes": quoted(source.notes),
            "server": quoted(source.server),
        },
        keep=("primary",),
    )


def _measure_yaml(measure: Measure) -> dict[str, Any]:
    return compact(
        {
            "id": measure.id,
            "label": quoted(measure.label),
            "priority": measure.priority or None,
            "unit": measure.unit,
            "kind": measure.kind.value,
            "counted_by": quoted(measure.counted_by),
            "definition": quoted(measure.definition),
            "aliases": Flow(measure.aliases),
            "comparable_with": Flow(measure.comparable_with),
            "caveat": quoted(measure.caveat),
            "counted_from": quoted(measure.counted_from),
            "method_changes": [
                {"date": Quoted(c.date), "note": Quoted(c.note)} for c in measure.method_changes
            ],
            "server": quoted(measure.server),
        }
    )


def _moment_yaml(moment: Moment) -> dict[str, Any]:
    return compact(
        {
            "id": moment.id,
            "label": quoted(moment.label),
            "date": Quoted(moment.date),
            "who": moment.who,
            "event": moment.event,
            "term": moment.term,
            "aliases": Flow(moment.aliases),
        }
    )


def _derivation_yaml(derivation: Derivation) -> dict[str, Any]:
    return compact(
        {
            "id": derivation.id,
            "label": quoted(derivation.label),
            "unit": derivation.unit,
            "numerator": derivation.numerator,
            "denominator": derivation.denominator,
            "definition": quoted(derivation.definition),
            "aliases": Flow(derivation.aliases),
        }
    )


# -- a measure's series, for a researcher's spreadsheet ----------------------


def series_rows(kb: KnowledgeBase, measure_id: str) -> list[dict[str, Any]]:
    """Every fact of one measure as `kb` sees it (one server's view), oldest first: the one mapping
    from a fact to a series row, shared by `backlog series` and the CSV `/backlog trend` attaches.

    `table_version` is the source's publication date when its publisher published this measure more
    than once (EOIR's table of April 2021 and of July 2025): a researcher keeps versions apart by it.
    """
    facts = sorted(
        (f for f in kb.facts.values() if f.measure == measure_id), key=lambda f: (f.period.end, f.id)
    )
    versions: dict[str, set[str]] = {}
    for fact in facts:
        versions.setdefault(kb.sources[fact.source].publisher, set()).add(fact.source)
    return [
        series_row(
            fact,
            kb.sources[fact.source],
            unit=kb.measures[fact.measure].unit,
            revised=len(versions[kb.sources[fact.source].publisher]) > 1,
        )
        for fact in facts
    ]


def series_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV with a header line; empty cells for missing values, true/false for flags."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SERIES_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def series_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


# -- import ------------------------------------------------------------------


def import_knowledge(
    store: FactStore,
    directory: str | Path,
    actor: Actor,
    *,
    confirmed: bool = False,
    today: date | None = None,
) -> dict[str, dict[str, int]]:
    """Upsert a `knowledge/`-layout directory into the fact base, by id, in one transaction.

    Rows equal to what the database holds are left untouched; every fact added or
    changed gets an 'import' revision, so a second import of the same directory
    writes nothing. Rows the directory does not mention are left alone. Nothing is
    written if any fact is unsound; `confirmed` accepts quotes that do not state their
    value (a moderator may have confirmed those). Returns, per table, how many rows
    were added, changed and unchanged.
    """
    kb = read_import(directory, confirmed=confirmed, today=today)
    return import_checked(store, kb, actor, reason=f"imported from {directory}")


def read_import(
    directory: str | Path, *, confirmed: bool = False, today: date | None = None
) -> KnowledgeBase:
    """The directory's contents, if they hold together and every fact is sound (see `import_knowledge`)."""
    directory = Path(directory)
    kb = load_knowledge(directory)
    _check_sound(kb, directory, confirmed=confirmed, today=today)
    return kb


def import_checked(
    store: FactStore, kb: KnowledgeBase, actor: Actor, *, reason: str
) -> dict[str, dict[str, int]]:
    """Upsert what `read_import` returned (see `import_knowledge`)."""
    curator = Curator(store)
    with store.writing():
        current = store.load(include_retracted=True)
        counts = {
            "units": _upsert(store, "units", kb.units, current.units, asdict),
            "moments": _upsert(store, "moments", kb.moments, current.moments, moment_row),
            "derivations": _upsert(store, "derivations", kb.derivations, current.derivations, derivation_row),
        }
        # A revision shows the fact before the import as it was, its source included: read it first.
        befores = {
            fact.id: curator.snapshot(current.facts[fact.id])
            for fact in kb.facts.values()
            if fact.id in current.facts and current.facts[fact.id] != fact
        }
        counts["sources"] = _upsert(store, "sources", kb.sources, current.sources, source_row, origin=True)
        counts["measures"] = _upsert(
            store, "measures", kb.measures, current.measures, measure_row, origin=True
        )
        counts["facts"] = _upsert(store, "facts", kb.facts, current.facts, fact_row, origin=True)
        for fact in sorted(kb.facts.values(), key=lambda f: f.id):
            if current.facts.get(fact.id) != fact:
                before = befores.get(fact.id)
                curator.record(
                    "fact", fact.id, "import", fact.server, actor, before, curator.snapshot(fact), reason
                )
    return counts


def _check_sound(kb: KnowledgeBase, directory: Path, *, confirmed: bool, today: date | None) -> None:
    """Refuse the whole import if any fact is unsound, naming the first few."""

    def problems(check_quote: bool) -> list[str]:
        return [
            problem
            for fact in kb.facts.values()
            for problem in fact_problems(fact, kb, today=today, check_quote=check_quote)
        ]

    found = problems(check_quote=not confirmed)
    if not found:
        return
    listed = "; ".join(found[:5]) + (f"; and {len(found) - 5} more" if len(found) > 5 else "")
    message = f"{directory}: nothing imported, {len(found)} problems: {listed}"
    if not confirmed and not problems(check_quote=False):
        raise UnconfirmedQuotes(message)
    raise KnowledgeError(message)


def _upsert(
    store: FactStore,
    table: str,
    wanted: dict[Any, Any],
    current: dict[Any, Any],
    to_row: Callable[[Any], dict[str, Any]],
    *,
    origin: bool = False,
) -> dict[str, int]:
    """Make each wanted row equal in the database; new rows of tables that keep one get origin 'imported'."""
    counts = {"added": 0, "changed": 0, "unchanged": 0}
    for key, item in wanted.items():
        old = current.get(key)
        if old == item:
            counts["unchanged"] += 1
            continue
        row = to_row(item)
        row.pop("origin", None)
        if old is None:
            store.insert_row(table, {**row, "origin": IMPORTED} if origin else row)
            counts["added"] += 1
        else:
            store.update_row(table, key, {k: v for k, v in row.items() if k != "id"})
            counts["changed"] += 1
    return counts


# -- a citation, for reference managers ----------------------------------------


def csl_item(ref: Reference, *, note: str | None = None) -> dict[str, Any]:
    """One CSL-JSON item (what Zotero, pandoc and citeproc read): only the fields the source has."""
    item: dict[str, Any] = {
        "id": f"backlog-fact-{ref.fact.id}",
        "type": ref.csl_type,
        "title": ref.title,
        "publisher": ref.publisher,
    }
    if ref.authors:
        item["author"] = [{"family": p.family, "given": p.given} for p in ref.authors]
    if ref.is_news:
        item["container-title"] = ref.publisher
    if ref.issued_parts:
        item["issued"] = {"date-parts": [ref.issued_parts]}
    if ref.url:
        item["URL"] = ref.url
    accessed = ref.accessed
    item["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    if note:
        item["note"] = note
    return item


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def bibtex_entry(ref: Reference, *, note: str | None = None) -> str:
    """One BibTeX entry: @article for news, @techreport for reports, @misc otherwise.

    `url` and `urldate` are biblatex's fields (natbib and most styles read `url` too); the access
    date is in `note` as well, for styles that print neither.
    """
    if ref.is_news:
        kind, where = "article", "journal"
    elif ref.csl_type == "report":
        kind, where = "techreport", "institution"
    else:
        kind, where = "misc", "howpublished"
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(
            ("author", " and ".join(_bibtex(f"{p.family}, {p.given}".strip(", ")) for p in ref.authors))
        )
    else:
        # Double braces: an organisation is one name, never split into a given and family name.
        fields.append(("author", "{" + _bibtex(ref.publisher) + "}"))
    fields += [("title", "{" + _bibtex(ref.title) + "}"), (where, _bibtex(ref.publisher))]
    parts = ref.issued_parts or []
    if parts:
        fields.append(("year", str(parts[0])))
    if len(parts) > 1:
        fields.append(("month", _MONTHS[parts[1] - 1]))
    if len(parts) == 3:
        fields.append(("date", f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"))
    if ref.url:
        fields.append(("url", ref.url))
    fields.append(("urldate", ref.accessed.isoformat()))
    notes = [f"Accessed {ref.accessed.isoformat()}"] + ([note] if note else [])
    fields.append(("note", _bibtex(". ".join(notes))))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields
    )
    return f"@{kind}{{{_bibtex_key(ref)},\n{body}\n}}"


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def _bibtex_key(ref: Reference) -> str:
    """ "binder2024biden": the first author's (else publisher's) name, the year, the title's first word."""
    who = ref.authors[0].family if ref.authors else ref.publisher.split()[0]
    year = str(ref.issued_parts[0]) if ref.issued_parts else "nd"
    first = next((w for w in re.findall(r"[A-Za-z]+", ref.title) if len(w) > 3), "")
    key = re.sub(r"[^a-z0-9]", "", f"{who}{year}{first}".lower())
    return f"{key}-fact{ref.fact.id}"
