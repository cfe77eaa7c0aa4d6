"""Synthetic facts beside the curated ones, for benchmarks at 1k, 10k and 100k facts.

Each synthetic measure gets invented words ("vorlak filings in zentra district")
so it never collides with a real measure, plus common words ("pending", "cases")
so that the common-word postings of the index grow with the data, as they would.
"""

from __future__ import annotations

import random
from dataclasses import replace

from bot.core.models import Fact, KnowledgeBase, Measure, MeasureKind, Qualifier, Source, SourceKind, Status

FACTS_PER_MEASURE = 25
_SYLLABLES = [
    "vor",
    "lak",
    "zen",
    "tra",
    "mol",
    "dex",
    "quin",
    "bar",
    "sel",
    "oth",
    "ruk",
    "pim",
    "gal",
    "fen",
]
_COMMON = ["pending", "cases", "filings", "hearings", "applications", "district", "region", "office"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def with_synthetic_facts(kb: KnowledgeBase, count: int, seed: int = 7) -> KnowledgeBase:
    """A copy of `kb` with `count` more facts across count/25 invented measures."""
    rng = random.Random(seed)
    out = replace(kb, measures=dict(kb.measures), sources=dict(kb.sources), facts=dict(kb.facts))
    source = Source("synthetic", "Synthetic Publisher", "Synthetic data", SourceKind.GOVERNMENT_DATA, True)
    out.sources[source.id] = source
    next_id = max(kb.facts) + 1
    for m in range(max(1, count // FACTS_PER_MEASURE)):
        words = [_word(rng), rng.choice(_COMMON), "in", _word(rng), rng.choice(_COMMON)]
        measure = Measure(
            id=f"synthetic_{m}",
            label=" ".join(words),
            unit="cases",
            kind=MeasureKind.STOCK,
            counted_by="Synthetic",
            definition="Invented for benchmarks.",
            aliases=(" ".join(words[:2]), f"{words[0]} {words[3]}"),
        )
        out.measures[measure.id] = measure
        for i in range(FACTS_PER_MEASURE):
            if len(out.facts) - len(kb.facts) >= count:
                break
            year, month = 2000 + i // 12, i % 12 + 1
            value = rng.randint(1_000, 5_000_000)
            out.facts[next_id] = Fact(
                next_id,
                measure.id,
                float(value),
                f"{year}-{month:02d}",
                Qualifier.EXACT,
                Status.REPORTED,
                source.id,
                f"{value:,}",
            )
            next_id += 1
    return out
