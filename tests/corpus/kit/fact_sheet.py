"""Write the fact sheet a blind question writer reads: every measure and fact, no aliases, no code.

A blind writer sees what the fact base holds and nothing of how the bot reads questions, so
that the questions they write measure understanding instead of repeating its rules. Run:

    python tests/corpus/kit/fact_sheet.py OUT_DIR

and give the writer OUT_DIR/facts.md and tests/corpus/kit/INSTRUCTIONS.md (copied beside it).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from bot.core.build import build_database  # noqa: E402
from bot.core.models import KnowledgeBase  # noqa: E402


def sheet(kb: KnowledgeBase) -> str:
    lines = [
        "# The fact base: every measure and every fact",
        "",
        "Each measure says what exactly is counted and by whom. Each fact is one sourced figure.",
        "`LOW_CONFIDENCE` marks a figure from a weaker source (a blog, a quote of a quote): for a",
        "question about the latest figure, accept the newest figure that is not low confidence too.",
        "A status other than `reported` (projection, estimate, claim) is not a measured figure.",
        "",
    ]
    by_measure: dict[str, list] = {}
    for fact in sorted(kb.facts.values(), key=lambda f: (f.measure, f.date, f.id)):
        by_measure.setdefault(fact.measure, []).append(fact)
    for measure in sorted(kb.measures.values(), key=lambda m: m.id):
        unit = kb.units[measure.unit]
        lines += [
            f"## measure `{measure.id}`: {measure.label}",
            f"- unit: {unit.plural}; kind: {measure.kind.value}; counted by: {measure.counted_by}",
            f"- what it counts: {measure.definition}",
        ]
        if measure.caveat:
            lines.append(f"- caveat: {measure.caveat}")
        lines.append("")
        for fact in by_measure.get(measure.id, []):
            source = kb.sources[fact.source]
            flags = [fact.qualifier.value] if fact.qualifier.value != "exact" else []
            flags += [fact.status.value] if fact.status.value != "reported" else []
            flags += ["LOW_CONFIDENCE"] if fact.low_confidence else []
            flags += [f"place: {fact.place}"] if fact.place else []
            lines.append(
                f"- fact {fact.id}: **{fact.value:,.10g}** at {fact.date}"
                + (f" ({', '.join(flags)})" if flags else "")
                + f'; source: {source.publisher}, "{source.title}"'
                + (f" ({source.published})" if source.published else "")
            )
            lines.append(f'  - quote: "{fact.quote}"')
            if fact.notes:
                lines.append(f"  - notes: {fact.notes}")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    kb = build_database(ROOT / "knowledge", None).load()
    (out / "facts.md").write_text(sheet(kb), encoding="utf-8")
    shutil.copy(Path(__file__).with_name("INSTRUCTIONS.md"), out / "INSTRUCTIONS.md")
    print(f"{out / 'facts.md'}: {len(kb.measures)} measures, {len(kb.facts)} facts")


if __name__ == "__main__":
    main()
