"""A server's view of the fact base as the shared base plus a small overlay of its own rows.

A server that adds five facts must not pay for a copy of everything built over the
shared base (100,000 facts: an index, a series per measure, a sorted list of values).
`Layered` joins two mappings without copying either, and the engine built over a
layered view (`AnswerEngine.over`) rebuilds only what the server's rows touch: the
series of the measures its facts are of, and the index only when it has measures of
its own. What it answers is what a full engine over the same view answers
(`tests/test_overlay.py` checks this on the question corpus).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import TypeVar

from .models import Fact, KnowledgeBase, Measure, Source

K = TypeVar("K")
V = TypeVar("V")


class Layered(Mapping[K, V]):
    """The shared mapping and a server's own, read as one, without copying either: the shared
    keys first, then the server's. A key in both is the server's (a measure's series rebuilt
    with the server's facts); rows never are in both (ids are primary keys of one table)."""

    __slots__ = ("base", "top")

    def __init__(self, base: Mapping[K, V], top: Mapping[K, V]) -> None:
        self.base = base
        self.top = top

    def __getitem__(self, key: K) -> V:
        try:
            return self.top[key]
        except KeyError:
            return self.base[key]

    def __contains__(self, key: object) -> bool:
        return key in self.top or key in self.base

    def __iter__(self) -> Iterator[K]:
        if not self._overlaps():
            return chain(self.base, self.top)
        return chain((k for k in self.base if k not in self.top), self.top)

    def __len__(self) -> int:
        return len(self.base) + sum(1 for k in self.top if k not in self.base)

    def values(self):  # type: ignore[override]
        # Faster than Mapping's (a look-up per key): `about()` walks every fact.
        if not self._overlaps():
            return chain(self.base.values(), self.top.values())
        return (self[k] for k in self)

    def items(self):  # type: ignore[override]
        if not self._overlaps():
            return chain(self.base.items(), self.top.items())
        return ((k, self[k]) for k in self)

    def _overlaps(self) -> bool:
        return any(k in self.base for k in self.top)  # the server's side is the small one


@dataclass
class Overlay:
    """One server's own rows: what it added, retracted facts included (they are kept)."""

    sources: dict[str, Source] = field(default_factory=dict)
    measures: dict[str, Measure] = field(default_factory=dict)
    facts: dict[int, Fact] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.sources or self.measures or self.facts)

    def put(self, row: Source | Measure | Fact) -> None:
        """Keep a row read back after a change (an add, an edit, a retraction)."""
        if isinstance(row, Fact):
            self.facts[row.id] = row
        elif isinstance(row, Measure):
            self.measures[row.id] = row
        else:
            self.sources[row.id] = row

    def view(self, shared: KnowledgeBase) -> KnowledgeBase:
        """What the server sees: the shared view (nothing retracted) and its own rows in answers."""
        return KnowledgeBase(
            units=shared.units,
            sources=Layered(shared.sources, self.sources),  # type: ignore[arg-type]
            measures=Layered(shared.measures, self.measures),  # type: ignore[arg-type]
            moments=shared.moments,
            derivations=shared.derivations,
            facts=Layered(  # type: ignore[arg-type]
                shared.facts, {k: f for k, f in self.facts.items() if not f.retracted}
            ),
        )


def split_by_server(kb: KnowledgeBase) -> tuple[KnowledgeBase, dict[str, Overlay]]:
    """The shared view (nothing retracted) and each server's own rows, in one pass over `kb`."""
    overlays: dict[str, Overlay] = {}
    for table in (kb.sources, kb.measures, kb.facts):
        for row in table.values():
            if row.server is not None:
                overlays.setdefault(row.server, Overlay()).put(row)
    return kb.for_server(None), overlays
