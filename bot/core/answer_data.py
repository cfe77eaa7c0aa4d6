"""What each kind of answer carries: one `TypedDict` per `AnswerKind`, the keys its template reads.

`Answer.data` is one of these. The engine (and the adapters that make a provenance page or a
fact's history) build them as dict literals, and the renderer hands their keys to the kind's
template as its variables. `render.DATA_OF` maps each kind to its `TypedDict` (it lives there
because the engine imports this module, so this module cannot import `AnswerKind` back).
`tests/test_answer_contract.py` asks every question of the tuning corpus and fails for an
answer whose data lacks a required key, sets a key its kind does not have, or holds a value of
another type; and for a template that reads a variable its kind's data does not declare.

No `from __future__ import annotations` here: `TypedDict` tells `NotRequired` keys apart only
from annotations it can evaluate.
"""

from typing import TYPE_CHECKING, Literal, NotRequired, TypedDict

from .compare import Bounded, Comparison
from .dates import Period
from .models import Derivation, Fact, Measure
from .pairing import Pair
from .selection import Selection
from .timeparse import TimeRef
from .vocabulary import OffTopic

if TYPE_CHECKING:
    # Only the history's data names it: the engine need not load the moderators' writing code.
    from .curation import Revision

# Why a "did you mean" was asked: which part of the question was not understood.
SuggestionReason = Literal["unit", "measure", "time", "measure_name"]
# Why no answer: a "did you mean" whose suggestions did not answer keeps its reason.
NoMatchReason = (
    SuggestionReason | Literal["empty", "fact", "thanks", "version", "status", "derivation", "unlike"] | None
)


# -- parts of answers ---------------------------------------------------------------


class Change(TypedDict):
    """One change of `/backlog now`: since when, how much, and the two ends it compares."""

    label: str  # "a year before", "the start of 2021"
    comparison: Comparison
    pair: Pair


class Count(TypedDict):
    """One measure's chosen figure: another count of the backlog, one side of two measures."""

    measure: Measure
    selection: Selection


class Alternative(TypedDict):
    """A comparison with the other sources' figures at the same two times."""

    comparison: Comparison
    pair: Pair


class MeasureEntry(TypedDict):
    """What one measure counts and how many figures of it the fact base holds."""

    measure: Measure
    count: int
    first: Fact | None
    last: Fact | None
    comparable: list[Measure]


class CloseMeasure(TypedDict):
    """A close measure with a figure for the time asked, offered as a question."""

    measure: Measure
    fact: Fact
    question: str


# -- one per kind --------------------------------------------------------------------


class AboutData(TypedDict):
    facts: int
    measures: int
    sources: int
    through: Fact | None  # the newest reported figure
    examples: list[str]


class ComparisonData(TypedDict):
    measure: Measure
    earlier: Selection
    later: Selection
    asked: tuple[TimeRef, TimeRef]
    comparison: Comparison
    pair: Pair
    alternatives: list[Alternative]
    instead_of: NotRequired[Measure]  # the measure asked had one figure in the stretch
    lacking: NotRequired[Measure]  # the measure asked had no figure at one end


class CrossMeasureData(TypedDict):
    sides: list[Count]
    comparable: bool
    comparison: Comparison | None  # only between comparable measures
    asked: TimeRef


class DefinitionData(TypedDict):
    definitions: list[MeasureEntry]
    comparable: bool | None  # whether two measures are comparable; None for one


class DerivedData(TypedDict):
    derivation: Derivation
    numerator: Fact
    denominator: Fact
    result: Bounded
    numerator_measure: Measure
    denominator_measure: Measure


class FigureData(TypedDict):
    measure: Measure
    selection: Selection
    asked: TimeRef
    instead_of: NotRequired[Measure]  # the measure asked has no figure then; this one stands in
    highest_counted: NotRequired[Fact]  # a stated peak answers; the highest dated figure beside it
    extreme: NotRequired[Literal["max", "min"]]  # the highest or lowest figure was asked


class HistoryData(TypedDict):
    fact: Fact
    revisions: list["Revision"]


class NoBreakdownData(TypedDict):
    measure: Measure
    places: list[str]


class NoFactForTimeData(TypedDict):
    measure: Measure
    asked: TimeRef
    nearest: list[Fact]
    elsewhere: NotRequired[list[CloseMeasure]]  # a time asked of one measure: the close ones with it


class NoMatchData(TypedDict):
    unsure: NoMatchReason
    examples: list[str]
    # Each with the reason it explains:
    fact_id: NotRequired[int]  # "fact"
    measure: NotRequired[Measure]  # "version", "status"
    versions: NotRequired[tuple[Period, ...]]  # "version"
    statuses: NotRequired[tuple[str, ...]]  # "status"
    derivation: NotRequired[Derivation]  # "derivation"
    name: NotRequired[str]  # "measure_name"
    measures: NotRequired[list[Measure]]  # "unlike": two measures of different things


class NowData(TypedDict):
    measure: Measure
    selection: Selection
    changes: list[Change]
    others: list[Count]  # the other counts of the backlog
    age_days: int
    stale: bool
    stale_after_days: int


class OffTopicData(TypedDict):
    topic: OffTopic
    covers: str
    examples: list[str]


class ProvenanceData(TypedDict):
    facts: list[Fact]
    # One page of the Sources button:
    page: NotRequired[int]
    pages: NotRequired[int]
    total: NotRequired[int]


class RankData(TypedDict):
    measure: Measure
    ranked: list[Fact]
    smallest_first: bool  # "which has the fewest": the ranking read from its small end
    position: int | None  # "which country was second": the place asked, stated first


class SuggestionsData(TypedDict):
    unsure: SuggestionReason
    words: NotRequired[list[str]]  # "time": the words that could not be read as one
    name: NotRequired[str]  # "measure_name": the name typed


class ThresholdData(TypedDict):
    measure: Measure
    threshold: float
    below: Fact | None
    reached: Fact | None


class TrendData(TypedDict):
    measure: Measure
    points: list[Fact]  # the figures listed, spread over the series
    total: int  # dates with a figure
    figures: int  # every source's figure
    change: Comparison | None
    attachment: NotRequired[str]  # the file name of the CSV `/backlog trend` attaches


AnswerData = (
    AboutData
    | ComparisonData
    | CrossMeasureData
    | DefinitionData
    | DerivedData
    | FigureData
    | HistoryData
    | NoBreakdownData
    | NoFactForTimeData
    | NoMatchData
    | NowData
    | OffTopicData
    | ProvenanceData
    | RankData
    | SuggestionsData
    | ThresholdData
    | TrendData
)
