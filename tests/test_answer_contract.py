"""The answer contract: every kind of answer names a template, and every answer template is a kind's.

A new kind without its template, or a template left behind when a kind goes, fails here rather
than as a `TemplateNotFound` in front of a member.
"""

from __future__ import annotations

import pytest

from bot.core.engine import Answer, AnswerKind, AnswerStatus
from bot.core.paths import resource_dir
from bot.core.render import CITATION_TEMPLATE


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
