"""The answer contract: every kind of answer names a template, and every answer template is a kind's;
and every answer's data is its kind's (`bot/core/answer_data.py`), which is what its template reads.

A new kind without its template, or a template left behind when a kind goes, fails here rather
than as a `TemplateNotFound` in front of a member; a key an answer lacks or a template reads
undeclared fails here rather than as an `UndefinedError` for the one question that reaches it.
"""

from __future__ import annotations

import ast
import functools
import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest
from conftest import ROOT
from jinja2 import meta
from question_corpus import load

from bot.core.curation import Revision
from bot.core.engine import Answer, AnswerEngine, AnswerKind, AnswerStatus
from bot.core.paths import resource_dir
from bot.core.render import CITATION_TEMPLATE, DATA_OF


def _answer_templates() -> set[str]:
    names = {p.name for p in resource_dir("templates").glob("*.md.j2")}
    return {n for n in names if not n.startswith("_") and n != CITATION_TEMPLATE}


def test_every_kind_has_its_template() -> None:
    missing = {k.name for k in AnswerKind if k.template not in _answer_templates()}
    assert not missing, f"kinds with no template in templates/: {sorted(missing)}"


def test_every_answer_template_is_a_kind() -> None:
    unused = _answer_templates() - {k.template for k in AnswerKind}
    assert not unused, f"templates no AnswerKind names: {sorted(unused)}"


def test_an_answer_of_no_known_kind_is_refused_when_made() -> None:
    with pytest.raises(ValueError):
        Answer(AnswerStatus.ANSWERED, "figures")  # type: ignore[arg-type]


def test_a_kind_given_by_its_template_name_is_the_kind(renderer, kb) -> None:
    """Older callers that pass the name still get the enum, and the same words."""
    fact = next(iter(kb.facts.values()))
    by_name = Answer(AnswerStatus.ANSWERED, "provenance", {"facts": [fact]}, facts=[fact])  # type: ignore[arg-type]
    by_kind = Answer(AnswerStatus.ANSWERED, AnswerKind.PROVENANCE, {"facts": [fact]}, facts=[fact])
    assert by_name.kind is AnswerKind.PROVENANCE
    assert renderer.render(by_name) == renderer.render(by_kind)


# -- each kind's data: `bot/core/answer_data.py` ---------------------------------------

# What `Renderer.render` passes every template beside the data's keys.
RENDER_ARGUMENTS = {"answer", "question"}
CORPUS_TODAY = date(2026, 12, 1)  # the corpus's "now", as in tests/test_corpus.py


def _keys(data_type: type) -> frozenset[str]:
    return data_type.__required_keys__ | data_type.__optional_keys__


@functools.cache
def _hints(data_type: type) -> dict[str, Any]:
    # The history's `Revision` is imported by `answer_data` only for type checkers.
    return get_type_hints(data_type, localns={"Revision": Revision})


def _fits(value: Any, hint: Any) -> bool:
    """Whether a value is of a type hint, as far as the data of answers uses them."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is type(None):
        return value is None
    if origin in (Union, types.UnionType):
        return any(_fits(value, a) for a in args)
    if origin is Literal:
        return value in args
    if is_typeddict(hint):
        return isinstance(value, dict) and not _misfits(value, hint)
    if origin is list:
        return isinstance(value, list) and all(_fits(v, args[0]) for v in value)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_fits(v, args[0]) for v in value)
        return len(value) == len(args) and all(map(_fits, value, args))
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, hint)


def _misfits(data: dict[str, Any], data_type: type) -> list[str]:
    """What in some data does not fit its `TypedDict`: a key missing, a key it has not, a value's type."""
    problems = [f"no {k!r}" for k in sorted(data_type.__required_keys__ - data.keys())]
    problems += [f"{k!r}, which {data_type.__name__} has not" for k in sorted(data.keys() - _keys(data_type))]
    hints = _hints(data_type)
    problems += [
        f"{k!r} is {type(v).__name__}, not {hints[k]}"
        for k, v in data.items()
        if k in hints and not _fits(v, hints[k])
    ]
    return problems


@pytest.fixture(scope="module")
def every_answer(kb) -> list[tuple[str, Answer]]:
    """The answer to every question of the tuning corpus, and to each fixed-form call, each once."""
    engine = AnswerEngine(kb, today=lambda: CORPUS_TODAY)
    answers = [(entry["q"], engine.ask(entry["q"])) for entry in load("tune")]
    missing_fact = max(kb.facts) + 1
    answers += [
        ("now", engine.now()),
        ("about", engine.about()),
        ("compare court backlog 2017 2024", engine.compare_times("court backlog", "2017", "2024")),
        ("compare court backlog 1950 2024", engine.compare_times("court backlog", "1950", "2024")),
        ("compare zzz 2017 2024", engine.compare_times("zzzqqq", "2017", "2024")),
        ("trend court backlog", engine.trend("court backlog")),
        ("trend asylum", engine.trend("asylum")),  # a name that is none: "did you mean"
        ("trend zzz", engine.trend("zzzqqq")),
        ("source fact 1", engine.fact_answer(1)),
        (f"source fact {missing_fact}", engine.fact_answer(missing_fact)),
    ]
    return answers


def test_every_kind_says_what_data_its_template_is_given() -> None:
    assert set(DATA_OF) == set(AnswerKind)
    clashing = {k.name for k, t in DATA_OF.items() if _keys(t) & RENDER_ARGUMENTS}
    assert not clashing, f"data whose keys the renderer passes itself: {sorted(clashing)}"


def test_every_answer_holds_the_data_of_its_kind(every_answer) -> None:
    """A key the template needs and the engine left out, a key no template of the kind knows, or a
    value of another type than declared, in any answer to the tuning corpus or a fixed-form call."""
    problems: dict[tuple[AnswerKind, str], str] = {}
    for asked, answer in every_answer:
        for problem in _misfits(answer.data, DATA_OF[answer.kind]):
            problems.setdefault((answer.kind, problem), asked)
    shown = [f"{kind.value}: {problem} (asked {asked!r})" for (kind, problem), asked in problems.items()]
    assert not shown, "answers whose data does not fit their kind:\n" + "\n".join(shown[:30])


@dataclass(frozen=True)
class Written:
    """Keys the code writes into an answer's data at one place, and the kind, where it is named."""

    where: str
    keys: frozenset[str]
    kind: AnswerKind | None = None
    whole: bool = False  # all the data: no `**rest` that may hold the other keys


def _written(path: Path) -> Iterator[Written]:
    """`Answer(status, AnswerKind.X, {...})`, `replace(answer, data={...})`, `answer.data["key"] = ...`
    and the details of the engine's `_no_match(unsure, key=...)`, in one module."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            if isinstance(node.value, ast.Attribute) and node.value.attr == "data":
                key = node.slice.value if isinstance(node.slice, ast.Constant) else "(not a name)"
                yield Written(where, frozenset([key]))
            continue
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if called == "_no_match":
            yield Written(where, frozenset(k.arg for k in node.keywords if k.arg), AnswerKind.NO_MATCH)
            continue
        if called not in ("Answer", "replace"):
            continue
        args = node.args if called == "Answer" else []
        data = args[2] if len(args) > 2 else next((k.value for k in node.keywords if k.arg == "data"), None)
        if isinstance(data, ast.Dict):
            keys = frozenset(k.value for k in data.keys if isinstance(k, ast.Constant))
            named = args[1] if len(args) > 1 and isinstance(args[1], ast.Attribute) else None
            kind = AnswerKind[named.attr] if named else None
            yield Written(where, keys, kind, whole=kind is not None and None not in data.keys)


def test_every_answer_made_in_code_holds_the_data_of_its_kind() -> None:
    """What the corpus does not reach, read from the code: a page of Sources, a fact's history, a
    trend with its attachment, the engine's rarer refusals. The data given to `Answer(...)` with
    its kind has that kind's keys; a key written where the kind is not named is some kind's."""
    every_key = frozenset().union(*map(_keys, DATA_OF.values()))
    problems = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for written in _written(path):
            known = _keys(DATA_OF[written.kind]) if written.kind else every_key
            of = written.kind.name if written.kind else "any kind's data"
            problems += [f"{written.where}: {k!r} is no key of {of}" for k in sorted(written.keys - known)]
            if written.whole:
                missing = DATA_OF[written.kind].__required_keys__ - written.keys
                problems += [f"{written.where}: no {k!r}" for k in sorted(missing)]
    assert not problems, "\n".join(problems)


def test_every_template_reads_only_its_kinds_data(renderer) -> None:
    """A variable a template reads and its kind's data does not declare would render only when some
    answer happens to hold it, and fail (`StrictUndefined`) in front of a member when one does not."""
    env = renderer.env
    provided = RENDER_ARGUMENTS | set(env.globals)

    def undeclared(name: str) -> set[str]:
        source, _, _ = env.loader.get_source(env, name)
        return meta.find_undeclared_variables(env.parse(source))

    unknown = {
        kind.value: sorted(names)
        for kind, data_type in DATA_OF.items()
        if (names := undeclared(kind.template) - _keys(data_type) - provided)
    }
    assert not unknown, f"templates reading what their kind's data does not declare: {unknown}"
    # The shared macros are imported without the template's context: they see their arguments only.
    assert undeclared("_macros.md.j2") <= set(env.globals)
