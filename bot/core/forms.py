"""What a moderator types, checked: a fact form or a measure form becomes clean values or a clear error.

The Discord modals and the `backlog facts` commands fill the same forms, so both
get the same rules and the same words when something is wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .dates import DateFormatError, Period, Precision, parse_period
from .fact_formats import Format
from .models import (
    DEFAULT_RANGE,
    Fact,
    FieldKind,
    KnowledgeBase,
    Measure,
    MeasureKind,
    Qualifier,
    Source,
    Status,
    Unit,
)
from .normalise import normalise
from .numbers import NumberFormatError, exact_number, format_number, parse_number, text_states
from .text import clean_text, fold
from .timeparse import find_times
from .urls import MAX_URL as MAX_URL
from .urls import AddressError, web_address
from .vocabulary import load_vocabulary

MAX_LABEL = 100
MAX_PUBLISHER = 100
MAX_TITLE = 300
MAX_PLACE = 60
MAX_QUOTE = 1000
MAX_DEFINITION = 1000
MAX_REASON = 300
MAX_NOTES = 1000
MAX_ALIAS = 100
# No figure of the immigration courts is older: the Board of Immigration Appeals and the first
# special inquiry officers date from 1940. An earlier date is a typo (1850, 0001).
EARLIEST_DATE = date(1940, 1, 1)

_QUALIFIER_WORDS = {fold(q.words or q.value): q for q in Qualifier} | {q.value: q for q in Qualifier}


class CurationError(ValueError):
    """A change cannot be made; the message says why, in words for the person who asked."""


@dataclass(frozen=True)
class FactForm:
    """A fact as typed: every field text, nothing checked yet."""

    measure: str
    value: str
    date: str
    url: str
    publisher: str
    title: str
    quote: str
    qualifier: str = "exact"
    status: str = "reported"
    notes: str = ""
    place: str = ""  # of a breakdown: the country or state the figure is for

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def of(cls, fact: Fact, source: Source) -> FactForm:
        """A fact as its form shows it, to edit: every field, the value exactly as stored."""
        return cls(
            **FACT_FORM.write(fact, url=source.url or "", publisher=source.publisher, title=source.title)
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FactForm:
        return cls(**{k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__})


def _text(value: str | None) -> str:
    return value or ""


# The form as one of a fact's formats (`fact_formats.py`): its fields are text, its source is
# typed as an address, a publisher and a title, and `check_fact_form` reads it back.
FACT_FORM = Format(
    "form",
    entries=tuple(item.name for item in fields(FactForm)),
    writes={
        FieldKind.NUMBER: exact_number,
        FieldKind.CHOICE: lambda choice: choice.value,
        FieldKind.TEXT: _text,
        FieldKind.LABEL: _text,
    },
    leaves_out={
        "id": "the fact base numbers a new fact",
        "source": "typed as its address, publisher and title; the address finds the source",
        "low_confidence": "set by review of the knowledge files, not by a moderator's form",
        "server": "the server the form is filled in",
        "retracted": "changed by retracting and restoring, each with its reason",
    },
)


@dataclass(frozen=True)
class CheckedFact:
    """A form that passed every rule: typed values, and what a person should confirm."""

    measure: Measure
    value: float
    period: Period
    qualifier: Qualifier
    status: Status
    url: str
    publisher: str
    title: str
    quote: str
    notes: str | None
    warnings: list[str] = field(default_factory=list)
    place: str | None = None

    def fact_fields(self, source: Source) -> dict[str, Any]:
        """The fact's fields the form gives, checked, `source` being the one at its address: the
        form read back (`FACT_FORM` writes it)."""
        return {
            "measure": self.measure.id,
            "value": self.value,
            "date": self.period.text,
            "qualifier": self.qualifier,
            "status": self.status,
            "source": source.id,
            "quote": self.quote,
            "notes": self.notes,
            "place": self.place,
        }


@dataclass(frozen=True)
class MeasureForm:
    label: str
    unit: str
    definition: str
    counted_by: str
    aliases: str = ""  # comma-separated
    kind: str = "stock"


def check_fact_form(form: FactForm, kb: KnowledgeBase, today: date) -> CheckedFact:
    """Every field checked against `kb` (one server's view); all problems in one error."""
    problems: list[str] = []

    def attempt(check: Any, *args: Any) -> Any:
        try:
            return check(*args)
        except CurationError as error:
            problems.append(str(error))
            return None

    measure = attempt(find_measure, form.measure, kb)
    value = attempt(check_value, form.value, measure, kb.units)
    period = attempt(check_date, form.date, today)
    qualifier = attempt(check_choice, form.qualifier, _QUALIFIER_WORDS, "qualifier")
    status = attempt(check_choice, form.status, {s.value: s for s in Status}, "status")
    url = attempt(check_url, form.url)
    publisher = attempt(check_text, form.publisher, "publisher", MAX_PUBLISHER)
    title = attempt(check_text, form.title, "title", MAX_TITLE)
    quote = attempt(check_text, form.quote, "quote", MAX_QUOTE)
    notes = attempt(check_optional_text, form.notes, "note", MAX_NOTES)
    place = attempt(check_optional_text, form.place, "place", MAX_PLACE)
    if problems:
        raise CurationError("\n".join(problems))
    warnings = []
    percent = measure.unit == "percent"
    if not text_states(quote, value, percent=percent):
        warnings.append(
            f"The quote does not contain the value {form.value.strip()}: "
            "check that it is the sentence that states this figure."
        )
    return CheckedFact(
        measure=measure,
        value=value,
        period=period,
        qualifier=qualifier,
        status=status,
        url=url,
        publisher=publisher,
        title=title,
        quote=quote,
        notes=notes,
        warnings=warnings,
        place=place,
    )


def cleaned_form(form: FactForm, checked: CheckedFact) -> FactForm:
    """The form as it is kept to decide on later: every field as checked (the address made inert,
    hidden characters out), the value and date as typed, so a reviewer sees what was written."""
    return replace(
        form,
        measure=checked.measure.id,
        value=" ".join(clean_text(form.value).split()),
        date=" ".join(clean_text(form.date).split()),
        url=checked.url,
        publisher=checked.publisher,
        title=checked.title,
        quote=checked.quote,
        notes=checked.notes or "",
        place=checked.place or "",
    )


def find_measure(text: str, kb: KnowledgeBase) -> Measure:
    """A measure by id or by its exact label (the autocomplete sends the id)."""
    wanted = " ".join(clean_text(text).split())
    if wanted in kb.measures:
        return kb.measures[wanted]
    folded = fold(wanted)
    for measure in kb.measures.values():
        if fold(measure.label) == folded:
            return measure
    raise CurationError(
        f"There is no measure {wanted[:80]!r}: pick one from the list, or add it first as a new measure."
    )


def check_value(text: str, measure: Measure | None, units: dict[str, Unit] | None = None) -> float:
    """A number within what its measure's unit can plausibly be (`knowledge/units.yaml`); a leading
    minus is kept (a change measure records a fall as a negative figure)."""
    cleaned = " ".join(clean_text(text).split())
    sign = -1.0 if cleaned[:1] in ("-", "−") else 1.0
    try:
        value = sign * parse_number(cleaned.lstrip("-−"))
    except NumberFormatError:
        raise CurationError(
            f"The value {cleaned[:40]!r} is not a number: write it as 3,524,051, 3.5 million or 3.5M."
        ) from None
    if not math.isfinite(value):
        # 400 nines read as a float are infinity: no figure is, and JSON cannot even write it.
        raise CurationError(f"The value {cleaned[:40]!r} is too large to be any figure.")
    if measure is None:
        return value
    unit = (units or {}).get(measure.unit)
    low, high = unit.bounds(measure.kind) if unit is not None else DEFAULT_RANGE
    if low <= value <= high:
        return value
    words = unit.plural if unit is not None else measure.unit
    shown = format_number(value) if abs(value) < 1e15 else f"{value:.3g}"
    if value < 0 and low >= 0:
        raise CurationError(
            f"The value {shown} is negative, but {measure.label} counts {words}, which cannot be fewer "
            "than none: write the size, or record a fall under a change measure."
        )
    raise CurationError(
        f"The value {shown} is not a plausible figure in {words}: "
        f"{measure.label} lies between {format_number(low)} and {format_number(high)}. Check the zeros."
    )


def check_date(text: str, today: date) -> Period:
    """A date in any shape the fact base keeps ("2024-03-31", "FY2024") or words ("March 2024").

    The precision typed is the precision kept: "March 2024" is a month, not the 1st of March.
    """
    period = _parse_date(text.strip(), today)
    if period is None:
        raise CurationError(
            f"The date {text.strip()[:40]!r} is not one I can read: "
            "write it as 2024-03-31, 2024-03, March 2024, 2024-Q1, FY2024 or 2024."
        )
    if period.start > today:
        raise CurationError(f"The date {period.label} is in the future: a fact is dated when it was true.")
    if period.start < EARLIEST_DATE:
        raise CurationError(
            f"The date {period.label} is before {EARLIEST_DATE.year}, older than any immigration court "
            "figure: check the year."
        )
    if period.end > today and period.precision not in (Precision.DAY, Precision.UNDATED):
        # A month, quarter or (fiscal) year not yet over has no total and no closing level yet.
        raise CurationError(
            f"The date {period.label} has not ended yet (it runs to {period.end.isoformat()}): "
            f"date a figure for part of it by the day it was true, e.g. {today.isoformat()}."
        )
    return period


def _parse_date(text: str, today: date) -> Period | None:
    try:
        return parse_period(text)
    except DateFormatError:
        pass
    reading = find_times(normalise(text, load_vocabulary(), today), load_vocabulary(), (), today)
    times = reading.times
    if len(times) != 1 or reading.without_times() or times[0].period is None or times[0].since:
        return None
    if times[0].period.precision is Precision.SPAN:
        return None
    return canonical(times[0].period)


def canonical(period: Period) -> Period:
    """The period with the text the fact base writes for its precision."""
    start = period.start
    match period.precision:
        case Precision.DAY:
            text = start.isoformat()
        case Precision.MONTH:
            text = f"{start.year:04d}-{start.month:02d}"
        case Precision.QUARTER:
            text = f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
        case Precision.FISCAL_YEAR:
            text = f"FY{period.end.year}"
        case _:
            text = str(start.year)
    return parse_period(text)


def check_choice(text: str, choices: dict[str, Any], name: str) -> Any:
    key = fold(text or "") or next(iter(choices))
    if key.replace(" ", "_") in choices:
        return choices[key.replace(" ", "_")]
    if key in choices:
        return choices[key]
    names = ", ".join(sorted({str(getattr(c, "value", c)) for c in choices.values()}))
    raise CurationError(f"The {name} {text.strip()[:30]!r} is not one of: {names}.")


def check_url(text: str) -> str:
    """The address checked and made inert for markdown (`urls.web_address`)."""
    try:
        return web_address(text)
    except AddressError as error:
        shown = " ".join(clean_text(text).split())[:60]
        raise CurationError(f"The link {shown!r} {error}") from None


def check_text(text: str, name: str, limit: int) -> str:
    """Text as it is kept: escape sequences and invisible characters out, spaces collapsed."""
    cleaned = " ".join(clean_text(text).split())
    if not cleaned:
        raise CurationError(f"The {name} is empty.")
    if len(cleaned) > limit:
        raise CurationError(f"The {name} is {len(cleaned)} characters long; at most {limit} fit.")
    return cleaned


def check_optional_text(text: str | None, name: str, limit: int) -> str | None:
    cleaned = " ".join(clean_text(text or "").split())
    return check_text(cleaned, name, limit) if cleaned else None


def check_reason(text: str | None, *, required: bool) -> str | None:
    cleaned = " ".join(clean_text(text or "").split())
    if not cleaned:
        if required:
            raise CurationError("Say why: a reason is kept with the change.")
        return None
    return check_text(cleaned, "reason", MAX_REASON)


def check_measure_form(form: MeasureForm, kb: KnowledgeBase) -> dict[str, Any]:
    """A new measure's fields, checked; the label must not name a measure this server sees."""
    problems: list[str] = []
    label = definition = counted_by = ""
    for name, text, limit in (
        ("label", form.label, MAX_LABEL),
        ("definition", form.definition, MAX_DEFINITION),
        ("counted by", form.counted_by, MAX_PUBLISHER),
    ):
        try:
            checked = check_text(text, name, limit)
        except CurationError as error:
            problems.append(str(error))
            continue
        if name == "label":
            label = checked
        elif name == "definition":
            definition = checked
        else:
            counted_by = checked
    if form.unit not in kb.units:
        problems.append(
            f"The unit {clean_text(form.unit)[:30]!r} is not one of: {', '.join(sorted(kb.units))}."
        )
    try:
        kind = check_choice(form.kind, {k.value: k for k in MeasureKind}, "kind")
    except CurationError as error:
        problems.append(str(error))
    if label and any(fold(m.label) == fold(label) for m in kb.measures.values()):
        problems.append(f"A measure named {label!r} exists already: add facts to it instead.")
    if problems:
        raise CurationError("\n".join(problems))
    aliases = [
        a[:MAX_ALIAS] for a in (" ".join(part.split()) for part in clean_text(form.aliases).split(",")) if a
    ]
    return {
        "label": label,
        "unit": form.unit,
        "kind": kind,
        "counted_by": counted_by,
        "definition": definition,
        "aliases": tuple(dict.fromkeys(aliases))[:20],
    }


def same_address(a: str | None, b: str | None) -> bool:
    """Two links to the same page: case of scheme and host, and a trailing slash, do not matter."""
    return a is not None and b is not None and _address_key(a) == _address_key(b)


def _address_key(url: str) -> str:
    parts = urlsplit(url.strip())
    path = re.sub(r"/+$", "", parts.path)
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.netloc.lower()}{path}{query}"


def source_for(url: str, kb: KnowledgeBase) -> Source | None:
    """The source this server already knows at that address, if any (shared ones first)."""
    found = [s for s in kb.sources.values() if same_address(s.url, url)]
    found.sort(key=lambda s: s.server is not None)
    return found[0] if found else None
