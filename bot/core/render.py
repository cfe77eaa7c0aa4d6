"""Turning an `Answer` into the text a person reads, with jinja2: Discord markdown, or plain text
for a terminal (`plain_text`, the one place markdown is taken out); and citations in each style.

One `Environment`, built once with `StrictUndefined` so a template that names a
missing field fails in the tests instead of printing nothing. Templates never
see raw user or stored text unescaped: the `md` filter escapes markdown and
mentions, and text is only ever passed as data, never compiled as a template.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from . import answer_data
from .chart import ChartPlan, ChartWords, Mark
from .citation import STYLES, Person, Reference, reference
from .compare import Bounded
from .dates import MONTH_NAMES, Period, Precision, age_text, day_label, parse_period
from .engine import Answer, AnswerKind, Statement
from .exchange import bibtex_entry, csl_item
from .fact_formats import figure_json
from .models import Fact, KnowledgeBase, Measure, MeasureKind, Qualifier, Source, Status
from .numbers import format_number, format_with_reading
from .paths import resource_dir
from .text import escape_markdown, shown_text
from .urls import shown_address

_BLANK_LINES = re.compile(r"\n{3,}")
# The one `.md.j2` template that is not an answer: the "Cite as" block the Cite button sends alone
# (the macro `provenance.md.j2` shows it with). Every other one but `_macros` is an `AnswerKind`'s.
CITATION_TEMPLATE = "citation.md.j2"
# What each kind's template is given: its data's keys (`answer_data`), beside `answer` and `question`.
# Here, not in `answer_data`: the engine imports that module, which so cannot import `AnswerKind`.
DATA_OF: dict[AnswerKind, type] = {
    AnswerKind.ABOUT: answer_data.AboutData,
    AnswerKind.COMPARISON: answer_data.ComparisonData,
    AnswerKind.CROSS_MEASURE: answer_data.CrossMeasureData,
    AnswerKind.DEFINITION: answer_data.DefinitionData,
    AnswerKind.DERIVED: answer_data.DerivedData,
    AnswerKind.FIGURE: answer_data.FigureData,
    AnswerKind.HISTORY: answer_data.HistoryData,
    AnswerKind.NO_BREAKDOWN: answer_data.NoBreakdownData,
    AnswerKind.NO_FACT_FOR_TIME: answer_data.NoFactForTimeData,
    AnswerKind.NO_MATCH: answer_data.NoMatchData,
    AnswerKind.NOW: answer_data.NowData,
    AnswerKind.OFF_TOPIC: answer_data.OffTopicData,
    AnswerKind.PROVENANCE: answer_data.ProvenanceData,
    AnswerKind.RANK: answer_data.RankData,
    AnswerKind.SUGGESTIONS: answer_data.SuggestionsData,
    AnswerKind.THRESHOLD: answer_data.ThresholdData,
    AnswerKind.TREND: answer_data.TrendData,
}
# How plain text shows what markdown marked: "strong", "em", "code" and "url" to a function of the
# text (the command line passes click's styling); what is not given is shown as it is.
Styles = Mapping[str, Callable[[str], str]]
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
            citation=self.citation,
            cited_for=self.cited_for,
            code_block=code_block,
            link=link,
            status_label=lambda fact: STATUS_LABELS[fact.status],
            measure_of=lambda fact: self.kb.measures[fact.measure],
            source_of=lambda fact: self.kb.sources[fact.source],
            day=day_label,
            period_label=lambda period: (parse_period(period) if isinstance(period, str) else period).label,
        )

    def render(self, answer: Answer, text_format: str = "markdown", styles: Styles | None = None) -> str:
        """The answer as Discord markdown, or as plain text (`text_format="plain"`) for a terminal."""
        template = self.env.get_template(answer.kind.template)
        text = template.render(answer=answer, question=answer.question, **answer.data)
        text = _BLANK_LINES.sub("\n\n", text).strip()
        return plain_text(text, styles) if text_format == "plain" else text

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
        """ "fewer than 570,000 cases", "3,524,051 (3.5 million) cases", "99.5%"; a reported change
        by its direction and size, its qualifier on the size: "fell by more than 87,000 cases"."""
        measure = self.kb.measures.get(fact.measure)
        if measure is not None and measure.kind is MeasureKind.CHANGE and fact.value:
            direction = "grew by" if fact.value > 0 else "fell by"
            return f"{direction} {self.amount(abs(fact.value), measure, fact.qualifier)}"
        return self.amount(fact.value, fact.measure, fact.qualifier)

    def amount(self, value: float, measure: Measure | str, qualifier: Qualifier = Qualifier.EXACT) -> str:
        unit = self.unit_words(measure, value)
        number = format_with_reading(value)
        text = f"{number}%" if unit == "%" else f"{number} {unit}"
        return f"{qualifier.words} {text}".strip()

    def bounded(self, result: Bounded, measure: Measure | str | None = None) -> str:
        """A computed difference: "up more than 2,954,051 (2.95 million) cases"."""
        value = round(result.value / result.step) * result.step if result.step else result.value
        unit = f" {self.unit_words(measure, abs(value))}" if measure is not None else ""
        if unit == " %":
            unit = " percentage points"
        if result.step and not value and result.value:
            # "About 4 million" against 3,797,662: the change is finer than the rounded end.
            return f"too small to tell from a figure rounded to {format_with_reading(result.step)}"
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
        if result.step and abs(value) < result.step:
            # A rounded end may be off by more than the change: "about 4 million" is ±500,000.
            return f"too small to tell from a rounded figure (±{result.step:,.1f}%)"
        sign = "+" if value > 0 else "−" if value < 0 else ""
        digits = 0 if result.step >= 1 else 1
        return f"{_bound_words(result)} {sign}{abs(value):,.{digits}f}%".strip()

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
        address = shown_address(source.url)
        if address:
            text += f" <{address}>"
        if source.relies_on and source.relies_on in self.kb.sources:
            original = self.kb.sources[source.relies_on]
            text += f"; citing {escape_markdown(original.publisher)}"
        return text

    def source_link(self, source: Source, fact: Fact | None = None) -> str:
        """The title linked to its address, as an answer's Sources field shows it: the title escaped
        (a masked link inside it is text) and the address percent-encoded (nothing ends the link)."""
        title = escape_markdown(shorten_text(source.title, 300))
        address = shown_address(source.url)
        linked = f"[{title}]({address})" if address else title
        return f"{linked} · {source.published or 'undated'}" + (f" · fact {fact.id}" if fact else "")

    # -- citations: one record (`citation.Reference`), worded per style ---------

    def reference(self, fact: Fact) -> Reference:
        """What a citation of `fact` holds, accessed today."""
        return reference(self.kb, fact, self.today())

    def citation(self, fact: Fact, style: str = "apa") -> str:
        """The citation of `fact`'s source in `style` (one of `citation.STYLES`), as plain text.

        APA 7 is the default: it is what the Cite button and "Cite as" give.
        """
        ref = self.reference(fact)
        if style == "apa":
            return apa(ref)
        if style == "chicago":
            return chicago(ref)
        note = self.cited_for(fact)
        if style == "bibtex":
            return bibtex_entry(ref, note=note)
        if style == "csl-json":
            return json.dumps([csl_item(ref, note=note)], ensure_ascii=False, indent=2)
        raise ValueError(f"no citation style {style!r}: choose one of {', '.join(STYLES)}")

    def citation_reply(self, fact: Fact) -> str:
        """What the Cite button sends: the "Cite as" block of the fact's provenance, word for word."""
        return self.env.get_template(CITATION_TEMPLATE).render(fact=fact).strip()

    def cited_for(self, fact: Fact) -> str:
        """Which figure the citation is for: a reference names the work, not the number in it."""
        place = f"{fact.place}: " if fact.place else ""
        return f"Cited for {place}{self.figure(fact)}, {fact.period.label} (backlog fact {fact.id})"

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
                    "author": source.author,
                    "title": source.title,
                    "url": source.url,
                    "published": source.published,
                },
            )
        return list(seen.values())

    def to_json(self, answer: Answer, text_format: str = "markdown") -> dict[str, Any]:
        """The one JSON object a researcher gets per question; `text` in `text_format`."""
        return {
            "status": answer.status.value,
            "text": self.render(answer, text_format),
            "facts": [f.id for f in answer.facts],
            "sources": self.json_sources(answer.facts),
            "suggestions": list(answer.suggestions),
            "answer": statement_json(answer.statement),
            # How old the headline figure is, for `backlog now --json`.
            **{k: answer.data[k] for k in ("age_days", "stale") if k in answer.data},
        }


def statement_json(statement: Statement) -> dict[str, Any]:
    """What an answer states, as numbers a program reads: the figures and the comparison computed."""
    comparison = statement.comparison
    return {
        "intent": statement.intent,
        "measure": statement.measure,
        "figures": [figure_json(f) for f in statement.figures],
        "comparison": None
        if comparison is None
        else {
            "from": comparison.earlier.id,
            "to": comparison.later.id,
            "difference": comparison.difference.value,
            "ratio": comparison.ratio.value if comparison.ratio else None,
            "percent": comparison.percent_change.value if comparison.percent_change else None,
            "qualifier": comparison.difference.qualifier.value,
            # the rounding of a rounded end: the difference is no finer than this (0: exact ends)
            "difference_step": comparison.difference.step,
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


# -- plain text: the one place Discord markdown is taken out --------------------------


def code_block(text: str) -> str:
    """Text shown exactly as it is, for copying; a fence inside it could end the block early.

    Any run of backticks becomes modifier apostrophes: inside a block Discord reads nothing else,
    so nothing a title holds can close it and start live markdown after it.
    """
    return "```\n" + _BACKTICKS.sub(lambda m: "ʼ" * len(m[0]), shown_text(text)) + "\n```"


def link(url: str | None) -> str:
    """An address as an answer prints it: <percent-encoded>, so no character of it ends the link."""
    address = shown_address(url)
    return f"<{address}>" if address else "no address kept"


def shorten_text(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_BACKTICKS = re.compile(r"`{2,}")


_FENCE = re.compile(r"^```\w*$")
_INLINE = re.compile(
    r"\\(?P<escaped>[\\*_~`|>#\[\]])"
    r"|\*\*(?P<strong>.+?)\*\*"
    r"|(?<![\w*\\])\*(?P<em>[^*\s](?:[^*]*?[^*\s])?)\*(?![\w*])"
    r"|`(?P<code>[^`]+)`"
    r"|<(?P<url>https?://[^>\s]+)>"
)


def plain_text(markdown: str, styles: Styles | None = None) -> str:
    """Rendered Discord markdown as text for a terminal or an email: no `**`, no `\\~`, no `<link>`.

    What markdown marked keeps a mark only through `styles` (bold and italic on a terminal
    that shows them); a code block's lines are kept as they are, without the fences.
    """
    styles = styles or {}
    lines = []
    in_block = False
    # Whatever was stored before input was cleaned never reaches a terminal raw (escape sequences).
    for line in shown_text(markdown).split("\n"):
        if _FENCE.match(line.strip()):
            in_block = not in_block
            continue
        lines.append(line if in_block else _plain_line(line, styles))
    return "\n".join(lines)


def _plain_line(line: str, styles: Styles) -> str:
    def replace(match: re.Match[str]) -> str:
        kind = match.lastgroup or ""
        text = match[kind]
        if kind == "escaped":
            return text
        if kind in ("strong", "em"):
            text = _plain_line(text, styles)
        return styles.get(kind, _same)(text)

    # The zero-width space after "@" only stops Discord pinging; in a terminal it is an invisible snag.
    return _INLINE.sub(replace, line).replace("@\u200b", "@")


def _same(text: str) -> str:
    return text


# -- APA 7 and Chicago: the words of a reference-list entry -----------------------------


def apa(ref: Reference) -> str:
    """An APA 7 reference-list entry (Publication Manual, 7th edition, chapters 9 and 10).

    Plain text, so the italics APA puts on a title or a newspaper's name are not shown, and the
    title stays as the source writes it (APA's sentence case would change proper names).
    """
    when = _apa_date(ref)
    title = _closed(ref.title)
    if ref.authors:
        parts = [f"{_apa_names(ref.authors)} {when}", title, _closed(ref.publisher)]
    elif ref.is_news:
        # No author: the title moves to the author's place (APA 9.12).
        parts = [f"{title} {when}", _closed(ref.publisher)]
    else:
        # The organisation is the author, and is not named again as the publisher (APA 9.11, 9.25).
        parts = [f"{_closed(ref.publisher)} {when}", title]
    if ref.url:
        # A retrieval date only for undated pages, which may change (APA 9.16).
        parts.append(f"Retrieved {_us_day(ref.accessed)}, from {ref.url}" if ref.issued is None else ref.url)
    return " ".join(parts)


def chicago(ref: Reference) -> str:
    """A Chicago (17th/18th edition, notes and bibliography) bibliography entry, with the access date.

    Without an author the publisher leads (CMOS 14.207 for unsigned news); the title is quoted with
    the period inside the quotation marks, as American usage has it.
    """
    lead = _chicago_names(ref.authors) if ref.authors else ref.publisher
    when = _chicago_date(ref.issued)
    where = ", ".join(part for part in (ref.publisher if ref.authors else "", when) if part)
    parts = [_closed(lead), f"“{_closed(ref.title)}”", _closed(where), f"Accessed {_us_day(ref.accessed)}."]
    if ref.url:
        parts.append(_closed(ref.url))
    return " ".join(parts)


def _closed(text: str) -> str:
    """The text ended as a sentence: a period unless it already ends in one, a ? or a !."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _us_day(day: date) -> str:
    return f"{MONTH_NAMES[day.month]} {day.day}, {day.year}"


def _apa_date(ref: Reference) -> str:
    """ "(2024, May 7)." for news and pages; a report gives its year only (APA 10.4); "(n.d.)." undated."""
    parts = ref.issued_parts
    if not parts:
        return "(n.d.)."
    if ref.csl_type == "report" or len(parts) == 1:
        return f"({parts[0]})."
    month = MONTH_NAMES[parts[1]]
    return f"({parts[0]}, {month} {parts[2]})." if len(parts) == 3 else f"({parts[0]}, {month})."


def _chicago_date(issued: Period | None) -> str:
    if issued is None:
        return "n.d."
    start = issued.start
    if issued.precision is Precision.DAY:
        return _us_day(start)
    if issued.precision is Precision.MONTH:
        return f"{MONTH_NAMES[start.month]} {start.year}"
    return str(issued.end.year)


def _initials(given: str) -> str:
    """ "Andrew R." -> "A. R."; "Jean-Paul" -> "J.-P." """
    return " ".join(
        "-".join(f"{piece[0]}." for piece in word.split("-") if piece) for word in given.split() if word
    )


def _apa_names(people: tuple[Person, ...]) -> str:
    """ "Binder, J."; "Arthur, A. R., & Doe, J."; up to 20 names, then the last (APA 9.8)."""
    names = [f"{p.family}, {_initials(p.given)}".rstrip(", ") for p in people]
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _chicago_names(people: tuple[Person, ...]) -> str:
    """ "Binder, John"; "Arthur, Andrew R., and Jane Doe": the first inverted, the others not."""
    first = f"{people[0].family}, {people[0].given}".rstrip(", ")
    rest = [f"{p.given} {p.family}".strip() for p in people[1:]]
    if not rest:
        return first
    return ", ".join([first, *rest[:-1]]) + ", and " + rest[-1]


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


# -- the words of a member's limit (`limits.py`) ---------------------------------------------


def duration_words(seconds: float) -> str:
    """ "1 second", "40 seconds", "3 minutes", "2 hours": how long until a limit lets go."""
    whole = max(1, round(seconds))
    for size, name in ((3600, "hour"), (60, "minute"), (1, "second")):
        if whole >= size or size == 1:
            count = max(1, round(whole / size))
            return f"{count} {name}{'' if count == 1 else 's'}"
    raise AssertionError("unreachable")


def answer_cooldown_words(wait_seconds: float) -> str:
    return (
        f"You are asking quickly: you can post another answer in this channel in "
        f"{duration_words(wait_seconds)}. Until then, add `private:True` to see an answer just for yourself."
    )


def proposal_limit_words(limit: int, wait_seconds: float | None) -> str:
    if limit == 0:
        return "This server does not take proposals from members at the moment. Ask a moderator instead."
    when = f" You can propose again in {duration_words(wait_seconds)}." if wait_seconds else ""
    return (
        f"Thank you for your proposals: this server takes {limit} a day from each member, and "
        f"you have made {limit} in the last 24 hours.{when}"
    )


def unanswered_limit_words(limit: int) -> str:
    return (
        f"I noted {limit} of your questions I could not answer in the last 24 hours for this server's "
        "moderators; I will not note more for now. You can still ask as much as you like."
    )


# -- the audit channel --------------------------------------------------------------------------


def audit_welcome_words(actor: str) -> str:
    who = escape_markdown(actor)
    return f"Changes to this server's facts will be announced here, one line each (set by {who})."


def audit_refused_words(channel_id: int, reason: str) -> str:
    return (
        f"I cannot post in <#{channel_id}> ({escape_markdown(reason)}), so nothing was saved. "
        "Let the bot view that channel and send messages there, or choose another channel."
    )


def audit_failed_words(channel_id: int, reason: str) -> str:
    return (
        f"Your change is saved, but I could not announce it in the audit channel <#{channel_id}> "
        f"({escape_markdown(reason)}). Let the bot post there again, or choose another channel with "
        "`/backlog config audit-channel:`."
    )


def fact_base_busy_words(waited_seconds: float) -> str:
    """A moderator's change that could not be saved: another process kept the fact base locked."""
    return (
        f"The fact base was busy for {duration_words(waited_seconds)} (another program was writing to it), "
        "so nothing was saved. Please try again in a moment."
    )


# -- refusals and errors, as a member reads them (the Discord layer's `bot/errors.py`) -----------

PROPOSE_HINT = "You can suggest a fact with `/backlog propose` instead: a moderator will review it."


def error_words() -> str:
    """Anything that went wrong on the bot's side: the member learns it was not their doing."""
    return "Something went wrong on my side while answering; it has been logged. Please try again."


def moderators_only_words() -> str:
    return f"Only this server's moderators can change its facts. {PROPOSE_HINT}"


def managers_only_words() -> str:
    return "Only members with the Manage Server permission can change the bot's settings."


def server_only_words() -> str:
    return "Facts belong to a server: use this command in a server that has the bot."


def read_only_words(*, builtin: bool) -> str:
    """Why changes cannot be kept: the packaged base (`builtin`), or a file the bot may not write."""
    if builtin:
        return (
            "This bot runs on its read-only built-in fact base, so it cannot keep changes. "
            "Its operator must set BACKLOG_DB to a database file on persistent storage."
        )
    return (
        "This bot's fact base file is read-only, so it answers questions but cannot keep changes. "
        "Its operator must make BACKLOG_DB writable; nothing was saved."
    )


def fact_base_unusable_words() -> str:
    """The file changed under the running bot into one it must not write (a newer version's
    schema, or damaged pages): it answers from what it read before, and keeps nothing."""
    return (
        "This bot's fact base file changed under it (a newer version of the bot upgraded it, or it "
        "is damaged), so it answers from the facts it read before and cannot keep changes; nothing "
        "was saved. Its operator must restart it, after upgrading or restoring a backup."
    )


def not_a_fact_id_words(typed: str) -> str:
    # The member typed this: a masked link or a mention in it is shown as text.
    return f"“{escape_markdown(typed[:50])}” is not a fact id: pick one from the list, or type its number."


def fact_gone_words() -> str:
    return "That fact is no longer in the fact base."
