"""The `backlog` command line: a thin adapter over the core, for researchers and maintainers.

Each command opens the fact base, calls one core function and prints its
result; core errors become one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .core.build import build_database
from .core.engine import AnswerEngine, AnswerStatus
from .core.factbase import DB_ENV, open_fact_base
from .core.knowledge import KnowledgeError
from .core.paths import resource_dir
from .core.question import QuestionError
from .core.render import Renderer
from .core.store import StoreError


class InputError(click.ClickException):
    """Bad input from the user: one line on stderr and exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"backlog: {self.format_message()}", err=True)


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except QuestionError as error:
        raise InputError(str(error)) from None
    except (StoreError, KnowledgeError) as error:
        raise InputError(str(error)) from None


class Context:
    """What every command needs: built once per invocation, on first use."""

    def __init__(self, db: str | None) -> None:
        self.db = db
        self._engine: AnswerEngine | None = None
        self._renderer: Renderer | None = None

    @property
    def engine(self) -> AnswerEngine:
        if self._engine is None:
            with _user_errors():
                kb = open_fact_base(self.db).load()
            self._engine = AnswerEngine(kb)
            self._renderer = Renderer(kb)
        return self._engine

    @property
    def renderer(self) -> Renderer:
        _ = self.engine
        assert self._renderer is not None
        return self._renderer


pass_context = click.make_pass_decorator(Context)
json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")


@click.group()
@click.option(
    "--db",
    envvar=DB_ENV,
    type=click.Path(dir_okay=False),
    help=f"The SQLite fact base to use (default: ${DB_ENV}, else the one shipped with the package).",
)
@click.version_option(package_name="backlog-bot")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Answers about the US immigration court backlog, each figure with its source."""
    ctx.obj = Context(db)


def _emit(context: Context, answer: Any, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(context.renderer.to_json(answer), ensure_ascii=False))
    else:
        click.echo(context.renderer.render(answer))


@cli.command()
@json_option
@pass_context
def now(context: Context, as_json: bool) -> None:
    """The latest court backlog, its date, its source, and how it changed."""
    _emit(context, context.engine.now(), as_json)


@cli.command()
@click.argument("question")
@json_option
@pass_context
def ask(context: Context, question: str, as_json: bool) -> None:
    """Answer QUESTION in your own words; "-" reads one question per line from stdin."""
    if question == "-":
        _ask_many(context, sys.stdin, as_json)
        return
    with _user_errors():
        answer = context.engine.ask(question)
    _emit(context, answer, as_json)
    if answer.status is AnswerStatus.NO_MATCH and not as_json:
        sys.exit(1)


def _ask_many(context: Context, lines: Any, as_json: bool) -> None:
    """Bulk questions: exactly one answer per input line, in order."""
    for line in lines:
        question = line.rstrip("\n")
        try:
            answer = context.engine.ask(question)
        except QuestionError as error:
            if as_json:
                click.echo(json.dumps(_error_object(str(error)), ensure_ascii=False))
            else:
                click.echo(f"backlog: {error}\n")
            continue
        if as_json:
            click.echo(json.dumps(context.renderer.to_json(answer), ensure_ascii=False))
        else:
            click.echo(context.renderer.render(answer) + "\n")


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
@pass_context
def compare(context: Context, measure: str, from_: str, to: str, as_json: bool) -> None:
    """Compare MEASURE (an id or a name) at two times: FROM and TO (2017, March 2024, FY2024, now)."""
    with _user_errors():
        answer = context.engine.compare_times(measure, from_, to)
    _emit(context, answer, as_json)


@cli.group()
def facts() -> None:
    """List and show the facts in the fact base."""


@facts.command("list")
@click.option("--measure", "measure_text", help="Only the facts of this measure (an id or a name).")
@json_option
@pass_context
def facts_list(context: Context, measure_text: str | None, as_json: bool) -> None:
    """List facts: id, measure, date, value and source."""
    engine = context.engine
    chosen = list(engine.kb.facts.values())
    if measure_text:
        measure = engine.find_measure(measure_text)
        if measure is None:
            raise InputError(f"no measure matches {measure_text!r} (see: backlog facts list)")
        chosen = engine.series(measure.id).facts
    if as_json:
        click.echo(json.dumps([_fact_json(context, f) for f in chosen], ensure_ascii=False))
        return
    renderer = context.renderer
    for fact in chosen:
        source = engine.kb.sources[fact.source]
        figure = renderer.figure(fact)
        click.echo(f"{fact.id:>6}  {fact.measure:<45} {fact.date:<10}  {figure:<40} {source.publisher}")


@facts.command("show")
@click.argument("fact_id", type=int)
@json_option
@pass_context
def facts_show(context: Context, fact_id: int, as_json: bool) -> None:
    """Show one fact with its full provenance."""
    answer = context.engine.fact_answer(fact_id)
    if answer.status is AnswerStatus.NO_MATCH:
        raise InputError(f"there is no fact {fact_id}")
    _emit(context, answer, as_json)


def _fact_json(context: Context, fact: Any) -> dict[str, Any]:
    return {
        "id": fact.id,
        "measure": fact.measure,
        "value": fact.value,
        "date": fact.date,
        "qualifier": fact.qualifier.value,
        "status": fact.status.value,
        "source": context.renderer.json_sources([fact])[0],
        "quote": fact.quote,
    }


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
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    for source in rows:
        line = f"{counts.get(source.id, 0):>4}  {source.publisher} · {source.title}"
        line += f" · {source.published or 'undated'}" + (f" · {source.url}" if source.url else "")
        click.echo(line)


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
@click.pass_context
def db_build(ctx: click.Context, knowledge_dir: Path | None) -> None:
    """Build (or bring up to date) the database from knowledge/; running it twice changes nothing."""
    target = ctx.obj.db or "backlog.db"
    with _user_errors():
        store = build_database(knowledge_dir or resource_dir("knowledge"), Path(target))
    counts = store.counts()
    click.echo(f"built {target}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))


@cli.command()
@click.option(
    "--client-id",
    envvar="DISCORD_APPLICATION_ID",
    type=int,
    required=True,
    help="The application's id (developer portal, General Information); or $DISCORD_APPLICATION_ID.",
)
def invite(client_id: int) -> None:
    """Print a least-privilege link to add the bot to a server."""
    from .invite import invite_url

    click.echo(invite_url(client_id))


def main() -> None:
    cli(prog_name="backlog")


if __name__ == "__main__":
    main()
