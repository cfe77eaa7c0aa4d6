"""Turning an `Answer` into the text a person reads (Discord markdown), with jinja2.

One `Environment`, built once with `StrictUndefined` so a template that names a
missing field fails in the tests instead of printing nothing. Templates never
see raw user or stored text unescaped: the `md` filter escapes markdown and
mentions, and text is only ever passed as data, never compiled as a template.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from .chart import ChartPlan, ChartWords, Mark
from .compare import Bounded
from .dates import Precision, age_text, day_label, parse_period
from .engine import Answer, Statement
from .models import Fact, KnowledgeBase, Measure, Qualifier, Source, Status
from .numbers import format_number, format_with_reading
from .paths import resource_dir
from .text import escape_markdown

_BLANK_LINES = re.compile(r"\n{3,}")
# The end of a sentence: a full stop after two letters, digits or a bracket, so "U.S. DOJ" is not one.
_SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)\]'\"]{2}[.!?])\s+")
STATUS_LABELS = {
    Status.REPORTED: "",
    Status.ESTIMATE: "Estimate",
    Status.PROJECTION: "Projection, not a count",
    Status.CLAIM: "Claim, not a count",
}
SOURCE_KIND_LABELS = {
    "government_data": "government data",
    "research_organisation": "research organisation",
    "news_report": "news report",
    "repost": "repost",
    "advocacy": "advocacy group",
    "court_filing": "court filing",
    "unclassified": "kind not recorded",
}


class Renderer:
    """Renders answers about one fact base."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        today: Callable[[], date] = date.today,
        templates: Path | None = None,
    ) -> None:
        self.kb = kb
        self.today = today
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates or resource_dir("templates")),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Discord markdown, not HTML: escaping is the `md` filter's job
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters.update(
            md=escape_markdown,
            num=format_with_reading,
            plain_number=format_number,
            figure=self.figure,
            amount=self.amount,
            bounded=self.bounded,
            ratio=self.ratio,
            percent=self.percent,
            when=self.when,
            age=self.age,
            cite=self.cite,
            status_label=lambda fact: STATUS_LABELS[fact.status],
            measure_of=lambda fact: self.kb.measures[fact.measure],
            source_of=lambda fact: self.kb.sources[fact.source],
            day=day_label,
            period_label=lambda period: (parse_period(period) if isinstance(period, str) else period).label,
        )

    def render(self, answer: Answer) -> str:
        template = self.env.get_template(f"{answer.kind}.md.j2")
        text = template.render(answer=answer, question=answer.question, **answer.data)
        return _BLANK_LINES.sub("\n\n", text).strip()

    # -- filters: every number and date goes through these ---------------------

    def unit_words(self, measure: Measure | str, value: float) -> str:
        measure = self.kb.measures[measure] if isinstance(measure, str) else measure
        unit = self.kb.units.get(measure.unit)
        if unit is None:
            return measure.unit
        if unit.id == "percent":
            return "%"
        return unit.singular if value == 1 else unit.plural

    def figure(self, fact: Fact) -> str:
        """ "fewer than 570,000 cases", "3,524,051 (3.5 million) cases", "99.5%"."""
        return self.amount(fact.value, fact.measure, fact.qualifier)

    def amount(self, value: float, measure: Measure | str, qualifier: Qualifier = Qualifier.EXACT) -> str:
        unit = self.unit_words(measure, value)
        number = format_with_reading(value)
        text = f"{number}%" if unit == "%" else f"{number} {unit}"
        return f"{qualifier.words} {text}".strip()

    def bounded(self, result: Bounded, measure: Measure | str | None = None) -> str:
        """A computed difference: "up more than 2,954,051 (2.95 million) cases"."""
        value = result.value
        unit = f" {self.unit_words(measure, abs(value))}" if measure is not None else ""
        if unit == " %":
            unit = " percentage points"
        body = f"{_bound_words(result)} {format_with_reading(abs(value))}{unit}".strip()
        if value > 0:
            return f"up {body}"
        if value < 0:
            return f"down {body}"
        return "no change"

    def ratio(self, result: Bounded) -> str:
        return f"{_bound_words(result)} {result.value:.1f}×".strip()

    def percent(self, result: Bounded) -> str:
        value = result.value
        sign = "+" if value > 0 else "−" if value < 0 else ""
        return f"{_bound_words(result)} {sign}{abs(value):,.1f}%".strip()

    def when(self, fact: Fact) -> str:
        period = fact.period
        if period.precision is Precision.FISCAL_YEAR:
            return f"{period.text} ({day_label(period.start)} to {day_label(period.end)})"
        return period.label

    def age(self, fact: Fact) -> str:
        return age_text(fact.period.end, self.today())

    def cite(self, fact_or_source: Fact | Source) -> str:
        """ "TRAC (Syracuse University), “Title”, 18 April 2024, <https://…>" (escaped)."""
        source = (
            self.kb.sources[fact_or_source.source] if isinstance(fact_or_source, Fact) else fact_or_source
        )
        parts = [escape_markdown(source.publisher), f"“{escape_markdown(source.title)}”"]
        if source.author:
            parts.insert(1, escape_markdown(source.author))
        if source.published:
            parts.append(parse_period(source.published).label)
        kind = SOURCE_KIND_LABELS.get(source.kind.value, source.kind.value)
        parts.append(kind + ("" if source.primary else ", secondary"))
        text = ", ".join(parts)
        if source.url:
            text += f" <{source.url}>"
        if source.relies_on and source.relies_on in self.kb.sources:
            original = self.kb.sources[source.relies_on]
            text += f"; citing {escape_markdown(original.publisher)}"
        return text

    def chart_words(self, plan: ChartPlan) -> ChartWords:
        """Every word a trend chart shows (`templates/chart.txt.j2`): title, a subtitle saying what is
        measured, the unit, the legend, and a source line naming every publisher drawn."""
        words = self.env.get_template("chart.txt.j2").module
        measure = plan.measure
        unit = self.kb.units.get(measure.unit)
        footer = [str(words.source_line(plan))]
        if plan.others:
            footer.append(str(words.others_line(plan)))
        footer += [str(words.method_line(change)) for change in plan.method_changes]
        footer.append(str(words.export_line(plan)))
        return ChartWords(
            title=measure.label,
            subtitle=str(words.subtitle(measure, _first_sentence(measure.definition))),
            unit=str(words.unit(unit.plural if unit else measure.unit)),
            series=[str(words.series_label(s)) for s in plan.coloured],
            marks={mark: str(words.mark(mark.value)) for mark in Mark},
            hollow=str(words.hollow()),
            others=str(words.others(len(plan.others))) if plan.others else "",
            method_changes=[str(words.method_label(change)) for change in plan.method_changes],
            footer=footer,
        )

    def json_sources(self, facts: list[Fact]) -> list[dict[str, Any]]:
        seen: dict[str, dict[str, Any]] = {}
        for fact in facts:
            source = self.kb.sources[fact.source]
            seen.setdefault(
                source.id,
                {
                    "publisher": source.publisher,
                    "title": source.title,
                    "url": source.url,
                    "published": source.published,
                },
            )
        return list(seen.values())

    def to_json(self, answer: Answer) -> dict[str, Any]:
        """The one JSON object a researcher gets per question."""
        return {
            "status": answer.status.value,
            "text": self.render(answer),
            "facts": [f.id for f in answer.facts],
            "sources": self.json_sources(answer.facts),
            "suggestions": list(answer.suggestions),
            "answer": statement_json(answer.statement),
        }


def statement_json(statement: Statement) -> dict[str, Any]:
    """What an answer states, as numbers a program reads: the figures and the comparison computed."""
    comparison = statement.comparison
    return {
        "intent": statement.intent,
        "measure": statement.measure,
        "figures": [
            {
                "fact": f.id,
                "measure": f.measure,
                "value": f.value,
                "qualifier": f.qualifier.value,
                "date": f.date,
                "status": f.status.value,
            }
            for f in statement.figures
        ],
        "comparison": None
        if comparison is None
        else {
            "from": comparison.earlier.id,
            "to": comparison.later.id,
            "difference": comparison.difference.value,
            "ratio": comparison.ratio.value if comparison.ratio else None,
            "percent": comparison.percent_change.value if comparison.percent_change else None,
            "qualifier": comparison.difference.qualifier.value,
        },
    }


def _bound_words(result: Bounded) -> str:
    """The words before a computed magnitude: "more than", "less than", "about" or nothing.

    A result is printed as its size with a direction ("down 5"), so a bound on a
    negative value turns round: "more than -5" is "down less than 5".
    """
    qualifier = result.qualifier
    if result.value < 0 and qualifier in (Qualifier.MORE_THAN, Qualifier.FEWER_THAN):
        qualifier = Qualifier.FEWER_THAN if qualifier is Qualifier.MORE_THAN else Qualifier.MORE_THAN
    return "less than" if qualifier is Qualifier.FEWER_THAN else qualifier.words


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
