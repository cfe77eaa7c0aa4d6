"""The fact model: sources, measures, facts and named moments, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .dates import Period, parse_period


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


@dataclass(frozen=True)
class Fact:
    id: int
    measure: str
    value: float
    date: str
    qualifier: Qualifier
    status: Status
    source: str
    quote: str
    notes: str | None = None
    low_confidence: bool = False
    server: str | None = None  # None: the shared curated base; else the server it was added in
    place: str | None = None  # of a breakdown: the country or state the figure is for ("Honduras")
    retracted: bool = False  # hidden from answers, kept with its history
    period: Period = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "period", parse_period(self.date))


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
