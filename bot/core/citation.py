"""What a citation of a fact holds, whatever the style: who wrote it, what, who published it, when,
where it is and when it was accessed.

One `Reference` is built from a fact's source; the render layer words it in APA 7 and Chicago,
and `exchange.py` maps it to CSL-JSON and BibTeX, so every style states the same record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import Period, Precision, parse_period
from .models import Fact, KnowledgeBase, Source, SourceKind
from .urls import shown_address

STYLES = ("apa", "chicago", "bibtex", "csl-json")

# CSL's item types (https://docs.citationstyles.org/en/stable/specification.html#appendix-iii-types):
# the styles word a newspaper article, a report and a web page differently.
CSL_TYPES = {
    SourceKind.NEWS_REPORT: "article-newspaper",
    SourceKind.REPOST: "article-newspaper",
    SourceKind.GOVERNMENT_DATA: "report",
    SourceKind.RESEARCH_ORGANISATION: "report",
    SourceKind.ADVOCACY: "report",
    SourceKind.COURT_FILING: "document",
    SourceKind.UNCLASSIFIED: "webpage",
}

# "John Binder", "Andrew R. Arthur and Jane Doe", "A. Smith, B. Jones": several people in one field.
_NAME_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|;\s*|,\s*)")


@dataclass(frozen=True)
class Person:
    given: str
    family: str


@dataclass(frozen=True)
class Reference:
    """One fact's source, as a citation holds it."""

    fact: Fact
    source: Source
    authors: tuple[Person, ...]  # empty when the source's record names nobody
    title: str
    publisher: str
    issued: Period | None  # None: the source is undated
    accessed: date
    url: str | None
    csl_type: str

    @property
    def is_news(self) -> bool:
        return self.csl_type == "article-newspaper"

    @property
    def issued_parts(self) -> list[int] | None:
        """[year], [year, month] or [year, month, day]: as much of the date as the source gives."""
        if self.issued is None:
            return None
        start = self.issued.start
        if self.issued.precision is Precision.DAY:
            return [start.year, start.month, start.day]
        if self.issued.precision is Precision.MONTH:
            return [start.year, start.month]
        return [self.issued.end.year]


def reference(kb: KnowledgeBase, fact: Fact, accessed: date) -> Reference:
    """The citation of `fact`: its source's record, accessed on `accessed`.

    The accessed date is the day the citation is made, as a reference manager records the day an
    item is saved: the fact base keeps no date on which each address was last opened.
    """
    source = kb.sources[fact.source]
    return Reference(
        fact=fact,
        source=source,
        authors=people(source.author),
        title=source.title.strip(),
        publisher=source.publisher.strip(),
        issued=parse_period(source.published) if source.published else None,
        accessed=accessed,
        # As every answer shows it: checked and percent-encoded; none when it is not a web address.
        url=shown_address(source.url),
        csl_type=CSL_TYPES.get(source.kind, "webpage"),
    )


def people(names: str | None) -> tuple[Person, ...]:
    """The people of an author field; the family name is the last word of each name.

    That is right for every author the curated base names; a name it gets wrong is better
    fixed in the data (one name per person, given names first) than guessed at here.
    """
    if not names or not names.strip():
        return ()
    found = []
    for name in _NAME_SEPARATORS.split(names.strip()):
        words = name.split()
        if words:
            found.append(Person(given=" ".join(words[:-1]), family=words[-1]))
    return tuple(found)
