"""The `backlog` command line: a thin adapter over the core, for researchers and maintainers.

Each command opens the fact base, calls one core function and prints its
result; core errors become one line on stderr, never a traceback.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from .core.build import build_database
from .core.chart import chart_plan, draw_png
from .core.citation import STYLES
from .core.curation import Actor, Curator, Outcome, Revision
from .core.engine import STALE_AFTER_DAYS, AnswerEngine, AnswerStatus
from .core.exchange import (
    UnconfirmedQuotes,
    export_knowledge,
    import_checked,
    read_import,
    series_csv,
    series_json,
    series_rows,
)
from .core.fact_formats import fact_json
from .core.factbase import DB_ENV, open_fact_base
from .core.forms import CurationError, FactForm
from .core.knowledge import KnowledgeError
from .core.models import Fact
from .core.numbers import format_number
from .core.paths import resource_dir
from .core.render import Renderer, Styles
from .core.store import FactStore, StoreError, backup
from .core.text import visible_text
from .core.understand import QuestionError
from .settings import SettingsError, stale_after_days


class InputError(click.ClickException):
    """Bad input from the user: one line on stderr and exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        echo(f"backlog: {self.format_message()}", err=True)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except QuestionError as error:
        raise InputError(str(error)) from None
    except (StoreError, KnowledgeError, CurationError, SettingsError) as error:
        raise InputError(" ".join(str(error).split("\n"))) from None


class Context:
    """What every command needs: built once per invocation, on first use."""

    def __init__(self, db: str | None, server: str | None = None) -> None:
        self.db = db
        self.server = server
        self._engine: AnswerEngine | None = None
        self._renderer: Renderer | None = None

    @property
    def engine(self) -> AnswerEngine:
        """Answers from what `server` sees: the shared base (and that server's own facts)."""
        if self._engine is None:
            with _user_errors():
                kb = open_fact_base(self.db).load().for_server(self.server)
            with _user_errors():
                stale_after = stale_after_days() or STALE_AFTER_DAYS
            self._engine = AnswerEngine(kb, stale_after_days=stale_after)
            self._renderer = Renderer(kb)
        return self._engine

    @property
    def renderer(self) -> Renderer:
        _ = self.engine
        assert self._renderer is not None
        return self._renderer


pass_context = click.make_pass_decorator(Context)
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
format_option = click.option(
    "--format",
    "text_format",
    type=click.Choice(["plain", "markdown"]),
    default="plain",
    show_default=True,
    help="plain: text for a terminal or an email; markdown: the Discord text the bot posts.",
)
# How plain text marks what the markdown marked; click.echo drops the styling when the output is
# not a terminal (a pipe, a file), unless --color asks for it.
TERMINAL_STYLES: Styles = {
    "strong": lambda text: click.style(text, bold=True),
    "em": lambda text: click.style(text, italic=True),
    "url": lambda text: click.style(text, underline=True),
}


def echo(text: Any = "", *, err: bool = False, nl: bool = True, styled: bool = False) -> None:
    """Print a line. Stored text never reaches the terminal raw: hidden characters (escape
    sequences, direction overrides) are printed as their escapes. `styled` text is an answer
    rendered by `plain_text`, cleaned before click's own styling was added."""
    click.echo(text if styled else visible_text(str(text)), err=err, nl=nl)


def _echo_json(payload: Any) -> None:
    echo(json.dumps(payload, ensure_ascii=False))


@click.group()
@click.option(
    "--db",
    envvar=DB_ENV,
    type=click.Path(dir_okay=False),
    help=f"The SQLite fact base to use (default: ${DB_ENV}, else the one shipped with the package).",
)
@click.option(
    "--server",
    metavar="ID",
    help="Answer as this Discord server (guild id) sees the fact base: the shared base and its own facts.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Bold and italic in plain text even when not printing to a terminal, or never "
    "(default: only on a terminal).",
)
@click.version_option(package_name="backlog-bot")
@click.pass_context
def cli(ctx: click.Context, db: str | None, server: str | None, color: bool | None) -> None:
    """Answers about the US immigration court backlog, each figure with its source."""
    ctx.color = color
    ctx.obj = Context(db, server)


def _text(context: Context, answer: Any, text_format: str) -> str:
    return context.renderer.render(answer, text_format, TERMINAL_STYLES)


def _emit(context: Context, answer: Any, as_json: bool, text_format: str) -> None:
    if as_json:
        # The JSON's text is the same words, unstyled: escape codes have no place in a file.
        _echo_json(context.renderer.to_json(answer, text_format))
    else:
        echo(_text(context, answer, text_format), styled=text_format == "plain")


@cli.command()
@json_option
@format_option
@pass_context
def now(context: Context, as_json: bool, text_format: str) -> None:
    """The latest court backlog, its date, its source, and how it changed."""
    _emit(context, context.engine.now(), as_json, text_format)


@cli.command()
@click.argument("question")
@json_option
@format_option
@pass_context
def ask(context: Context, question: str, as_json: bool, text_format: str) -> None:
    """Answer QUESTION in your own words; "-" reads one question per line from stdin."""
    if question == "-":
        _ask_many(context, _stdin_lines(), as_json, text_format)
        return
    with _user_errors():
        answer = context.engine.ask(question)
    _emit(context, answer, as_json, text_format)
    if answer.status is AnswerStatus.NO_MATCH and not as_json:
        sys.exit(1)


def _stdin_lines() -> Iterator[str | UnicodeDecodeError]:
    """Standard input line by line, each decoded as UTF-8 on its own: a line with an invalid byte
    is that line's error, not the whole batch's (a text stream under a strict UTF-8 locale
    raises on it, and every answer after it is lost)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # already text (a test runner's stream): nothing left to decode
        yield from sys.stdin
        return
    for raw in stream:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield error


def _ask_many(context: Context, lines: Any, as_json: bool, text_format: str) -> None:
    """Bulk questions: exactly one answer per input line, in order."""
    for number, line in enumerate(lines, 1):
        if isinstance(line, UnicodeDecodeError):
            message = f"line {number} is not UTF-8 text (byte {line.start + 1} of it); it was not asked"
            echo(
                json.dumps(_error_object(message), ensure_ascii=False) if as_json else f"backlog: {message}\n"
            )
            continue
        question = line.rstrip("\r\n")
        try:
            answer = context.engine.ask(question)
        except QuestionError as error:
            if as_json:
                echo(json.dumps(_error_object(str(error)), ensure_ascii=False))
            else:
                echo(f"backlog: {error}\n")
            continue
        if as_json:
            _echo_json(context.renderer.to_json(answer, text_format))
        else:
            echo(_text(context, answer, text_format) + "\n", styled=text_format == "plain")


def _error_object(message: str) -> dict[str, Any]:
    return {
        "status": "no_match",
        "text": message,
        "facts": [],
        "sources": [],
        "suggestions": [],
        "error": message,
    }


@cli.command()
@click.argument("measure")
@click.argument("from_", metavar="FROM")
@click.argument("to")
@json_option
@format_option
@pass_context
def compare(context: Context, measure: str, from_: str, to: str, as_json: bool, text_format: str) -> None:
    """Compare MEASURE (an id or a name) at two times: FROM and TO (2017, March 2024, FY2024, now)."""
    with _user_errors():
        answer = context.engine.compare_times(measure, from_, to)
    _emit(context, answer, as_json, text_format)


def _measure(context: Context, measure_text: str) -> Any:
    measure = context.engine.find_measure(measure_text)
    if measure is None:
        raise InputError(f"no measure matches {measure_text!r} (see: backlog facts list)")
    return measure


@cli.command()
@click.argument("measure_text", metavar="MEASURE")
@click.option("--format", "form", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--server", metavar="ID", help="As this server sees them: the shared base and its own facts.")
@json_option
@pass_context
def series(context: Context, measure_text: str, form: str, server: str | None, as_json: bool) -> None:
    """Every fact of one measure (an id or a name), for a spreadsheet: value, qualifier, date,
    precision, status, source, address, quote and table version. --json is --format json."""
    if server is not None:
        context.server = server
    rows = series_rows(context.engine.kb, _measure(context, measure_text).id)
    as_json = as_json or form == "json"
    echo(series_json(rows) if as_json else series_csv(rows), nl=as_json)


@cli.command()
@click.argument("measure_text", metavar="MEASURE")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@pass_context
def chart(context: Context, measure_text: str, path: Path, as_json: bool) -> None:
    """Draw the trend chart of one measure into PATH (a PNG), as /backlog trend sends it."""
    measure = _measure(context, measure_text)
    found = context.engine.series(measure.id)
    plan = chart_plan(measure, found.facts + found.totals, context.engine.kb)
    path.write_bytes(draw_png(plan, context.renderer.chart_words(plan)))
    if as_json:
        echo(json.dumps({"measure": measure.id, "path": str(path), "figures": len(plan.points)}))
    else:
        echo(f"drew {_plural(len(plan.points), 'figure')} of {measure.id} into {path}")


@cli.group()
def facts() -> None:
    """List, show, add, correct, export and import the facts in the fact base."""


@facts.command("list")
@click.option("--measure", "measure_text", help="Only the facts of this measure (an id or a name).")
@click.option("--server", metavar="ID", help="As this server sees them: the shared base and its own facts.")
@json_option
@pass_context
def facts_list(context: Context, measure_text: str | None, server: str | None, as_json: bool) -> None:
    """List facts: id, measure, date, value and source."""
    if server is not None:
        context.server = server
    engine = context.engine
    chosen = list(engine.kb.facts.values())
    if measure_text:
        measure = engine.find_measure(measure_text)
        if measure is None:
            raise InputError(f"no measure matches {measure_text!r} (see: backlog facts list)")
        chosen = engine.series(measure.id).facts
    if as_json:
        echo(json.dumps([_fact_json(context, f) for f in chosen], ensure_ascii=False))
        return
    renderer = context.renderer
    for fact in chosen:
        source = engine.kb.sources[fact.source]
        figure = renderer.figure(fact)
        echo(f"{fact.id:>6}  {fact.measure:<45} {fact.date:<10}  {figure:<40} {source.publisher}")


@facts.command("show")
@click.argument("fact_id", type=int)
@json_option
@format_option
@pass_context
def facts_show(context: Context, fact_id: int, as_json: bool, text_format: str) -> None:
    """Show one fact with its full provenance and a citation."""
    answer = context.engine.fact_answer(fact_id)
    if answer.status is AnswerStatus.NO_MATCH:
        raise InputError(f"there is no fact {fact_id}")
    _emit(context, answer, as_json, text_format)


def _fact_json(context: Context, fact: Fact) -> dict[str, Any]:
    measure = context.engine.kb.measures.get(fact.measure)
    unit = measure.unit if measure else None
    return fact_json(fact, unit=unit, source=context.renderer.json_sources([fact])[0])


@cli.command()
@click.argument("fact_id", metavar="FACT", type=int)
@click.option(
    "--style",
    type=click.Choice(STYLES),
    default="apa",
    show_default=True,
    help="APA 7, Chicago (notes and bibliography), a BibTeX entry, or CSL-JSON for a reference manager.",
)
@json_option
@pass_context
def cite(context: Context, fact_id: int, style: str, as_json: bool) -> None:
    """Cite the source of FACT (its id), accessed today; --json gives every style at once."""
    fact = context.engine.kb.facts.get(fact_id)
    if fact is None:
        raise InputError(f"there is no fact {fact_id}")
    renderer = context.renderer
    if as_json:
        _echo_json(
            {
                "fact": fact.id,
                "cited_for": renderer.cited_for(fact),
                "apa": renderer.citation(fact, "apa"),
                "chicago": renderer.citation(fact, "chicago"),
                "bibtex": renderer.citation(fact, "bibtex"),
                "csl": json.loads(renderer.citation(fact, "csl-json")),
            }
        )
        return
    echo(renderer.citation(fact, style))


# -- changing facts: the same checks and revisions as the Discord commands (core/curation.py) --


def _writable(context: Context, command: str, *, create: bool = False) -> FactStore:
    """The --db database, open for writing; the fact base shipped with the package is read-only."""
    if not context.db:
        raise InputError(
            f"{command} writes to a database: pass --db PATH or set {DB_ENV} "
            "(the fact base shipped with the package is read-only)"
        )
    with _user_errors():
        return FactStore.open(context.db, create=create)


def _actor() -> Actor:
    """The maintainer at the keyboard, as revisions name them."""
    try:
        return Actor(name=getpass.getuser())
    except (OSError, KeyError):  # no login name (some containers)
        return Actor(name="command line")


def _reason_given(reason: str | None) -> str:
    if not (reason or "").strip():
        raise InputError("say why with --reason: a reason is kept with the change")
    return reason or ""


def _warn_if_curated(store: FactStore, fact_id: int) -> None:
    """A fact from knowledge/ is written back as the files have it by the next `backlog db build`."""
    fact = store.fact(fact_id)
    if fact is not None and store.fact_origin(fact_id) == "knowledge":
        echo(
            f"backlog: note: fact {fact_id} comes from knowledge/facts/{fact.measure}.yaml; the next "
            "`backlog db build` puts back what that file says: change the file too",
            err=True,
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _where(server: str | None) -> str:
    return "the shared base" if server is None else f"server {server}"


def _saved_or_explain(outcome: Outcome) -> Fact:
    """The fact saved, or the one-line reason nothing was (and that --yes saves it anyway)."""
    if outcome.fact is not None:
        return outcome.fact
    if outcome.duplicate_of is not None:
        other = outcome.duplicate_of
        raise InputError(
            f"fact {other.id} already records this measure for {other.period.label} from the same source; "
            f"nothing was saved: change it with `backlog facts edit {other.id}`, "
            "or pass --yes to add this one too"
        )
    raise InputError(" ".join(outcome.warnings) + " Nothing was saved: pass --yes to save it as it is.")


def _field_options(*, required: bool) -> Any:
    """The fact form's fields as options: all required to add; to edit, only those to change."""
    fields = [
        ("--measure", "The measure: its id or its exact name (see: backlog facts list)."),
        ("--value", "The figure: 3,524,051, 3.5 million or 3.5M."),
        ("--date", "When it was true: 2024-03-31, 2024-03, March 2024, 2024-Q1, FY2024 or 2024."),
        ("--url", "The web address of the source."),
        ("--publisher", "Who published it."),
        ("--title", "The source's title, as it titles itself."),
        ("--quote", "The sentence of the source that states the figure, verbatim."),
    ]
    optional = [
        ("--qualifier", "exact, about, nearly, more than or fewer than.", "exact"),
        ("--status", "reported, projection, estimate or claim.", "reported"),
        ("--notes", "Anything a reader should know.", ""),
        ("--place", "Of a figure by country or state: which one (Guatemala, Texas).", ""),
    ]

    def decorate(function: Any) -> Any:
        for name, text, default in reversed(optional):
            shown = f"{text} [default: {default or 'none'}]" if required else text
            function = click.option(name, default=default if required else None, help=shown)(function)
        for name, text in reversed(fields):
            function = click.option(name, required=required, help=text)(function)
        return function

    return decorate


yes_option = click.option(
    "--yes", is_flag=True, help="Save even if the quote lacks the value or the fact duplicates another."
)
reason_option = click.option("--reason", help="Why: kept with the change.")


@facts.command("add")
@_field_options(required=True)
@click.option("--server", metavar="ID", help="Add it to this server's facts (default: the shared base).")
@yes_option
@json_option
@pass_context
def facts_add(context: Context, server: str | None, yes: bool, as_json: bool, **fields: str) -> None:
    """Add a fact, checked as the Discord form checks it."""
    store = _writable(context, "backlog facts add")
    server = server or context.server
    with _user_errors():
        outcome = Curator(store).add(FactForm(**fields), _actor(), server, confirmed=yes, hold=False)
    fact = _saved_or_explain(outcome)
    if as_json:
        _echo_json({"added": fact.id, "server": server, "warnings": list(outcome.warnings)})
        return
    echo(
        f"added fact {fact.id} to {_where(server)}: {fact.measure}, {fact.date}: {format_number(fact.value)}"
    )


@facts.command("edit")
@click.argument("fact_id", type=int)
@_field_options(required=False)
@reason_option
@yes_option
@json_option
@pass_context
def facts_edit(
    context: Context, fact_id: int, reason: str | None, yes: bool, as_json: bool, **fields: str | None
) -> None:
    """Correct a fact: the fields given change, the others keep their values."""
    store = _writable(context, "backlog facts edit")
    given = {name: value for name, value in fields.items() if value is not None}
    if not given:
        raise InputError("say what to change: --value, --date, --quote, ... (see: backlog facts edit --help)")
    reason = _reason_given(reason)
    curator = Curator(store)
    with _user_errors():
        fact = curator.fact(fact_id)
        source = store.source(fact.source)
        if source is None:
            raise InputError(f"fact {fact_id}'s source {fact.source} is missing from the database")
        if source.url is None and "url" not in given:
            raise InputError(f"fact {fact_id}'s source keeps no web address: pass --url")
        current = FactForm.of(fact, source)
        outcome = curator.edit(
            fact_id, replace(current, **given), _actor(), fact.server, reason, confirmed=yes, hold=False
        )
    _saved_or_explain(outcome)
    assert outcome.change is not None
    if as_json:
        differences = outcome.change.differences()
        _echo_json(
            {
                "updated": fact_id,
                "changes": [{"field": k, "before": b, "after": a} for k, b, a in differences],
            }
        )
        _warn_if_curated(store, fact_id)
        return
    changed = "; ".join(f"{k}: {_shown(b)} → {_shown(a)}" for k, b, a in outcome.change.differences())
    echo(f"updated fact {fact_id}: {changed or 'nothing changed'}")
    _warn_if_curated(store, fact_id)


@facts.command("retract")
@click.argument("fact_id", type=int)
@reason_option
@json_option
@pass_context
def facts_retract(context: Context, fact_id: int, reason: str | None, as_json: bool) -> None:
    """Take a fact out of the answers; it is kept, with its history."""
    curator = Curator(_writable(context, "backlog facts retract"))
    with _user_errors():
        curator.retract(fact_id, _actor(), curator.fact(fact_id).server, _reason_given(reason))
    if as_json:
        _echo_json({"fact": fact_id, "retracted": True})
    else:
        echo(
            f"retracted fact {fact_id}: it is out of the answers (backlog facts restore {fact_id} undoes it)"
        )
    _warn_if_curated(curator.store, fact_id)


@facts.command("restore")
@click.argument("fact_id", type=int)
@reason_option
@json_option
@pass_context
def facts_restore(context: Context, fact_id: int, reason: str | None, as_json: bool) -> None:
    """Put a retracted fact back into the answers."""
    curator = Curator(_writable(context, "backlog facts restore"))
    with _user_errors():
        curator.restore(fact_id, _actor(), curator.fact(fact_id).server, reason)
    if as_json:
        _echo_json({"fact": fact_id, "retracted": False})
    else:
        echo(f"restored fact {fact_id}: it is in the answers again")
    _warn_if_curated(curator.store, fact_id)


@facts.command("promote")
@click.argument("fact_id", type=int)
@reason_option
@json_option
@pass_context
def facts_promote(context: Context, fact_id: int, reason: str | None, as_json: bool) -> None:
    """Move a server's fact (and its own source and measure) into the shared base every server sees."""
    curator = Curator(_writable(context, "backlog facts promote"))
    with _user_errors():
        change = curator.promote(fact_id, _actor(), reason)
    if as_json:
        _echo_json({"promoted": fact_id, "from_server": change.server})
        return
    echo(f"promoted fact {fact_id} from server {change.server} into the shared base")


@facts.command("history")
@click.argument("fact_id", type=int)
@json_option
@pass_context
def facts_history(context: Context, fact_id: int, as_json: bool) -> None:
    """Every recorded change of a fact: who, when, why, and what changed."""
    with _user_errors():
        curator = Curator(open_fact_base(context.db))
        revisions = curator.history(fact_id, curator.fact(fact_id).server)
    if as_json:
        echo(json.dumps([_revision_json(r) for r in revisions], ensure_ascii=False))
        return
    if not revisions:
        echo(f"fact {fact_id} has no recorded changes: it is as the curated knowledge files have it")
        return
    for revision in revisions:
        reason = f"  ({revision.reason})" if revision.reason else ""
        echo(f"{revision.at}  {revision.action:<8} {revision.actor_name}{reason}")
        if revision.before is None and revision.after is not None:
            after = revision.after
            figure = format_number(after["value"])
            echo(f"    {after['measure']}, {after['date']}: {figure} · {after['publisher']}")
        if revision.action == "promote" and revision.before is not None:
            echo(f"    moved from server {revision.before.get('server')} into the shared base")
        for name, before, after in revision.differences():
            echo(f"    {name}: {_shown(before)} → {_shown(after)}")


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return format_number(value)
    return "(none)" if value is None else str(value)


def _revision_json(revision: Revision) -> dict[str, Any]:
    return {
        "id": revision.id,
        "action": revision.action,
        "actor": revision.actor_name,
        "at": revision.at,
        "reason": revision.reason,
        "before": revision.before,
        "after": revision.after,
    }


@facts.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--server", metavar="ID", help="This server's own facts (and what they rely on).")
@click.option("--all", "everything", is_flag=True, help="The facts of the shared base and of every server.")
@click.option("--force", is_flag=True, help="Replace the knowledge files of a directory that is not empty.")
@json_option
@pass_context
def facts_export(
    context: Context, directory: Path, server: str | None, everything: bool, force: bool, as_json: bool
) -> None:
    """Write facts as knowledge/ YAML into DIRECTORY (default: the shared base)."""
    server = server or context.server
    if server is not None and everything:
        raise InputError("--server and --all: export one server or all of them, not both")
    if directory.exists() and any(directory.iterdir()) and not force:
        raise InputError(f"{directory} is not empty: export into a new directory, or pass --force")
    with _user_errors():
        store = open_fact_base(context.db)
        if server is not None and server not in store.load(include_retracted=True).servers():
            raise InputError(f"server {server} added nothing to this fact base")
        counts = export_knowledge(store, directory, server=server, everything=everything)
    if as_json:
        _echo_json({"directory": str(directory), "server": server, "all": everything, "counts": counts})
        return
    what = "every server's facts" if everything else f"the facts of {_where(server)}"
    retracted = f" ({counts['retracted']} retracted)" if counts["retracted"] else ""
    echo(
        f"exported {what} to {directory}: {_plural(counts['facts'], 'fact')}{retracted}, "
        f"{_plural(counts['sources'], 'source')}, {_plural(counts['measures'], 'measure')}, "
        f"{_plural(counts['units'], 'unit')}, {_plural(counts['moments'], 'moment')}, "
        f"{_plural(counts['derivations'], 'derived figure')}"
    )


@facts.command("import")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Import facts whose quote does not state their value as they are.")
@json_option
@pass_context
def facts_import(context: Context, directory: Path, yes: bool, as_json: bool) -> None:
    """Add or update facts from a knowledge/-style DIRECTORY (an export), by id; twice changes nothing."""
    with _user_errors():
        try:
            kb = read_import(directory, confirmed=yes)
        except UnconfirmedQuotes as error:
            raise InputError(f"{error} (pass --yes to import them as they are)") from None
        # Only now, with nothing to refuse, is a new database file created.
        store = _writable(context, "backlog facts import", create=True)
        counts = import_checked(store, kb, _actor(), reason=f"imported from {directory}")
    if as_json:
        _echo_json({"directory": str(directory), "database": context.db, "counts": counts})
        return
    parts = [
        f"{table} " + ", ".join(f"{n} {state}" for state, n in tally.items() if n)
        for table, tally in counts.items()
        if any(tally.values())
    ]
    echo(f"imported {directory} into {context.db}: " + ("; ".join(parts) or "nothing to import"))


@cli.command()
@json_option
@pass_context
def sources(context: Context, as_json: bool) -> None:
    """List every source with how many facts rely on it."""
    kb = context.engine.kb
    counts: dict[str, int] = {}
    for fact in kb.facts.values():
        counts[fact.source] = counts.get(fact.source, 0) + 1
    rows = sorted(kb.sources.values(), key=lambda s: (s.publisher.lower(), s.published or ""))
    if as_json:
        payload = [
            {
                "id": s.id,
                "publisher": s.publisher,
                "title": s.title,
                "url": s.url,
                "published": s.published,
                "kind": s.kind.value,
                "primary": s.primary,
                "facts": counts.get(s.id, 0),
            }
            for s in rows
        ]
        echo(json.dumps(payload, ensure_ascii=False))
        return
    for source in rows:
        line = f"{counts.get(source.id, 0):>4}  {source.publisher} · {source.title}"
        line += f" · {source.published or 'undated'}" + (f" · {source.url}" if source.url else "")
        echo(line)


@cli.group()
def db() -> None:
    """Build and maintain the SQLite fact base."""


@db.command("build")
@click.option(
    "--knowledge",
    "knowledge_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The curated knowledge/ directory (default: the one shipped with the package).",
)
@json_option
@click.pass_context
def db_build(ctx: click.Context, knowledge_dir: Path | None, as_json: bool) -> None:
    """Build (or bring up to date) the database from knowledge/; running it twice changes nothing."""
    target = ctx.obj.db or "backlog.db"
    with _user_errors():
        store = build_database(knowledge_dir or resource_dir("knowledge"), Path(target))
    counts = store.counts()
    if as_json:
        _echo_json({"database": target, "counts": counts})
        return
    echo(f"built {target}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


@db.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@json_option
@pass_context
def db_backup(context: Context, path: Path, force: bool, as_json: bool) -> None:
    """Copy the --db database into PATH, consistently, while the bot may be writing to it."""
    if not context.db:
        raise InputError(
            f"pass --db PATH or set {DB_ENV}: the fact base shipped with the package needs no backup"
        )
    source = Path(context.db)
    if not source.is_file():
        raise InputError(f"no database at {source}")
    if path.exists() and not force:
        raise InputError(f"{path} exists: choose another path, or pass --force to replace it")
    if path.exists() and path.resolve() == source.resolve():
        raise InputError(f"{path} is the database itself")
    if Path(f"{path}-wal").exists():
        raise InputError(f"{path} is in use ({path}-wal exists): choose another path")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        facts = backup(source, partial)
        os.replace(partial, path)  # PATH is the old file or the whole new one, never half of it
        _sync_directory(path.parent)
    except StoreError as error:
        raise InputError(f"cannot back up {source}: {error}") from None
    finally:
        partial.unlink(missing_ok=True)
    if as_json:
        _echo_json(
            {
                "database": str(source),
                "backup": str(path),
                "facts": facts,
                "bytes": path.stat().st_size,
                "integrity": "ok",
            }
        )
        return
    echo(
        f"backed up {source} to {path}: {_plural(facts, 'fact')}, {path.stat().st_size:,} bytes, integrity ok"
    )


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX; elsewhere there is nothing to open)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


@cli.command()
@click.option(
    "--client-id",
    envvar="DISCORD_APPLICATION_ID",
    type=int,
    required=True,
    help="The application's id (developer portal, General Information); or $DISCORD_APPLICATION_ID.",
)
@json_option
def invite(client_id: int, as_json: bool) -> None:
    """Print a least-privilege link to add the bot to a server."""
    from .invite import invite_url

    url = invite_url(client_id)
    if as_json:
        _echo_json({"client_id": client_id, "url": url})
    else:
        echo(url)


def main() -> None:
    cli(prog_name="backlog")


if __name__ == "__main__":
    main()
