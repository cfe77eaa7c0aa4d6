"""The fact model: sources, measures, facts and named moments, as plain data."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any

from .dates import Period, parse_period


class KnowledgeError(ValueError):
    """The curated files, or a row read back, do not hold together; the message says where."""


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    NEARLY = "nearly"
    MORE_THAN = "more_than"
    FEWER_THAN = "fewer_than"

    @property
    def words(self) -> str:
        """How the qualifier reads before a number ("" for an exact figure)."""
        return _QUALIFIER_WORDS[self]


_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.ABOUT: "about",
    Qualifier.NEARLY: "nearly",
    Qualifier.MORE_THAN: "more than",
    Qualifier.FEWER_THAN: "fewer than",
}


class Status(StrEnum):
    REPORTED = "reported"
    PROJECTION = "projection"
    ESTIMATE = "estimate"
    CLAIM = "claim"


class SourceKind(StrEnum):
    GOVERNMENT_DATA = "government_data"
    RESEARCH_ORGANISATION = "research_organisation"
    NEWS_REPORT = "news_report"
    REPOST = "repost"
    ADVOCACY = "advocacy"
    COURT_FILING = "court_filing"
    UNCLASSIFIED = "unclassified"  # added from Discord or the command line: nobody said what kind


class MeasureKind(StrEnum):
    STOCK = "stock"  # a level on a date: cases pending
    FLOW = "flow"  # a count over a period: completions in FY2024
    RATE = "rate"  # a percentage, an average, a per-judge figure
    CHANGE = "change"  # a difference over a period: grew by a million


# The plausible values of a unit without a range of its own (a database built before ranges).
DEFAULT_RANGE = (0.0, 1e9)


@dataclass(frozen=True)
class Unit:
    id: str
    singular: str
    plural: str
    # The values a figure in this unit can plausibly take (`knowledge/units.yaml`); None: the default.
    low: float | None = None
    high: float | None = None
    # A change measure's (it may fall); None: from minus the highest level to the highest level.
    change_low: float | None = None
    change_high: float | None = None

    def bounds(self, kind: MeasureKind) -> tuple[float, float]:
        """The lowest and highest plausible figure of a measure of `kind` in this unit."""
        low = DEFAULT_RANGE[0] if self.low is None else self.low
        high = DEFAULT_RANGE[1] if self.high is None else self.high
        if kind is not MeasureKind.CHANGE:
            return low, high
        return (
            -high if self.change_low is None else self.change_low,
            high if self.change_high is None else self.change_high,
        )


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    kind: SourceKind
    primary: bool
    url: str | None = None
    author: str | None = None
    published: str | None = None
    relies_on: str | None = None
    notes: str | None = None
    server: str | None = None  # None: shared by every server; else added in that server


@dataclass(frozen=True)
class MethodChange:
    """A change in how a measure is counted: at a date (a break), or over a stretch (a way of
    counting used only then), so that a chart marks it instead of drawing a jump as growth."""

    date: str  # "2021-06" (a break then) or "2018..2021-06" (counted this other way over the stretch)
    note: str

    @property
    def period(self) -> Period:
        return parse_period(self.date)


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    unit: str
    kind: MeasureKind
    counted_by: str
    definition: str
    aliases: tuple[str, ...] = ()
    comparable_with: tuple[str, ...] = ()
    caveat: str | None = None
    # Breaks ties between measures that share a phrase ("the backlog"): higher wins.
    priority: int = 0
    server: str | None = None  # None: shared by every server; else added in that server
    # A count kept from a fixed start ("gotaways since January 2021"): "since then" asks for it.
    counted_from: str | None = None
    method_changes: tuple[MethodChange, ...] = ()

    def comparable(self, other: Measure) -> bool:
        return self.id == other.id or other.id in self.comparable_with or self.id in other.comparable_with


@dataclass(frozen=True)
class Moment:
    """A named moment: whose it is and which (`who`, `event`, `term`), so the language file's names
    and words for it ("sworn in", "day one", "second term") find it in any phrasing."""

    id: str
    label: str
    date: str
    aliases: tuple[str, ...] = ()  # extra exact phrases, beyond what the language file's words give
    who: str | None = None  # a key of the language file's `names` ("biden", "covid")
    event: str | None = None  # "start" or "end"
    term: int | None = None  # a president's first or second term

    @property
    def period(self) -> Period:
        return parse_period(self.date)


@dataclass(frozen=True)
class Derivation:
    """A figure computed from two facts of the same date: value = numerator / denominator."""

    id: str
    label: str
    unit: str
    numerator: str
    denominator: str
    definition: str
    aliases: tuple[str, ...] = ()


class FieldKind(StrEnum):
    """What a fact's field holds: each format writes (and reads) each kind one way, so a new
    field of a kind already known needs only its name in each format (`fact_formats.py`)."""

    ID = "id"  # the fact's own number
    REFERENCE = "reference"  # another row's id: a measure, a source
    NUMBER = "number"
    DATE = "date"  # as the fact base writes it: "2024-03-31", "2024-03", "2024-Q1", "FY2024", "2024"
    CHOICE = "choice"  # one value of an enum
    TEXT = "text"  # what a source or a person wrote, kept as written (trimmed)
    LABEL = "label"  # a short name on one line, spaces collapsed: matched against what people type
    FLAG = "flag"
    SERVER = "server"  # a server (guild) id; None: the shared base


@dataclass(frozen=True)
class FieldSpec:
    """One declared field of a fact: its name, its kind, and what a row without it means."""

    name: str
    kind: FieldKind
    required: bool  # a row or an entry without it is refused
    absent: Any = None  # the value of a field a row leaves out
    choices: type[StrEnum] | None = None  # a CHOICE's values
    needed: str | None = None  # how an error names the field when a row lacks it

    @property
    def what(self) -> str:
        return self.needed or f"its {self.name}"


def declared(
    kind: FieldKind,
    *,
    absent: Any = None,
    choices: type[StrEnum] | None = None,
    needed: str | None = None,
) -> dict[str, Any]:
    """A field's metadata (`field(metadata=declared(...))`): its kind, which every format of a fact
    follows. A field with a default may be left out of a row; `absent` gives one a row may leave
    out though the dataclass needs it."""
    return {"declared": {"kind": kind, "absent": absent, "choices": choices, "needed": needed}}


def declared_fields(cls: type) -> tuple[FieldSpec, ...]:
    """The fields of `cls` declared with `declared()`, in their order (derived ones, like a fact's
    `period`, are not: they are computed from the others)."""
    specs = []
    for item in fields(cls):
        spec = item.metadata.get("declared")
        if spec is None:
            continue
        optional = item.default is not MISSING
        absent = item.default if optional and spec["absent"] is None else spec["absent"]
        required = not optional and absent is None
        specs.append(FieldSpec(item.name, required=required, **{**spec, "absent": absent}))
    return tuple(specs)


@dataclass(frozen=True)
class Fact:
    """One sourced figure. Its declared fields are the one list every format follows: a database
    row, a `knowledge/` entry, a revision, the JSON and series of the command line, the form
    (`fact_formats.py`, `forms.py`); `tests/test_fact_formats.py` fails for a format that forgets one."""

    id: int = field(metadata=declared(FieldKind.ID))
    measure: str = field(metadata=declared(FieldKind.REFERENCE))
    value: float = field(metadata=declared(FieldKind.NUMBER))
    date: str = field(metadata=declared(FieldKind.DATE))
    qualifier: Qualifier = field(
        metadata=declared(FieldKind.CHOICE, choices=Qualifier, absent=Qualifier.EXACT)
    )
    status: Status = field(metadata=declared(FieldKind.CHOICE, choices=Status, absent=Status.REPORTED))
    source: str = field(metadata=declared(FieldKind.REFERENCE))
    quote: str = field(metadata=declared(FieldKind.TEXT, needed="the verbatim quote that states it"))
    notes: str | None = field(default=None, metadata=declared(FieldKind.TEXT))
    low_confidence: bool = field(default=False, metadata=declared(FieldKind.FLAG))
    # None: the shared curated base; else the server it was added in
    server: str | None = field(default=None, metadata=declared(FieldKind.SERVER))
    # Of a breakdown: the country or state the figure is for ("Honduras")
    place: str | None = field(default=None, metadata=declared(FieldKind.LABEL))
    # Hidden from answers, kept with its history
    retracted: bool = field(default=False, metadata=declared(FieldKind.FLAG))
    period: Period = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", parse_period(self.date))


FACT_FIELDS = declared_fields(Fact)


@dataclass
class KnowledgeBase:
    """Everything curated, as loaded from `knowledge/` or read back from the database."""

    units: dict[str, Unit] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    moments: dict[str, Moment] = field(default_factory=dict)
    derivations: dict[str, Derivation] = field(default_factory=dict)
    facts: dict[int, Fact] = field(default_factory=dict)

    def for_server(self, server: str | None) -> KnowledgeBase:
        """What one server sees: the shared base and its own additions, nothing retracted.

        The rows are shared with `self`, only the dictionaries are new, so a view is cheap.
        """

        def visible(item: Source | Measure | Fact) -> bool:
            return item.server is None or item.server == server

        return KnowledgeBase(
            units=self.units,
            sources={k: v for k, v in self.sources.items() if visible(v)},
            measures={k: v for k, v in self.measures.items() if visible(v)},
            moments=self.moments,
            derivations=self.derivations,
            facts={k: v for k, v in self.facts.items() if visible(v) and not v.retracted},
        )

    def servers(self) -> set[str]:
        """The servers that added anything of their own."""
        rows = [*self.sources.values(), *self.measures.values(), *self.facts.values()]
        return {row.server for row in rows if row.server is not None}
