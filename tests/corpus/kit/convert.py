"""Turn a blind writer's file into a corpus file, its accepted ranges computed from the facts.

    python tests/corpus/kit/convert.py WRITER.yaml ID PART "persona"

writes tests/corpus/PART/blind_ID.yaml. A writer names the facts that answer; the corpus keeps
the range of their values (`value`, `from`, `to`), the measures they belong to, and for two
measures side by side every accepted figure (`values`). A question already in the corpus, an
entry naming an unknown fact, or a malformed one is left out and reported.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from bot.core.build import build_database  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
INTENTS = {"value", "compare", "two_measures", "trend", "threshold", "source", "definition", "rank"}


def convert(entry: dict[str, Any], facts: dict, measures: set[str]) -> dict[str, Any]:
    intent, status = entry["intent"], entry["status"]
    if intent not in INTENTS or status not in ("answered", "refused") or not str(entry.get("q", "")).strip():
        raise ValueError(f"intent {intent!r}, status {status!r}")
    out: dict[str, Any] = {"q": str(entry["q"]).strip(), "status": status}
    out["intent"] = "compare" if intent == "two_measures" else intent
    if status == "refused":
        return {**out, "measures": [], "time": str(entry.get("time", "")), "why": entry.get("why", "")}

    def picked(key: str) -> list:
        ids = [int(i) for i in entry.get(key) or []]
        unknown = [i for i in ids if i not in facts]
        if unknown or not ids:
            raise ValueError(f"{key}: unknown or missing facts {unknown or ids}")
        return [facts[i] for i in ids]

    def span(rows: list) -> list[float]:
        return [float(min(f.value for f in rows)), float(max(f.value for f in rows))]

    named = [m for m in entry.get("measures") or [] if m in measures]
    if intent in ("trend", "definition"):
        if not named:
            raise ValueError("names no known measure")
        return {**out, "measures": named, "time": str(entry.get("time", "")), "why": entry.get("why", "")}
    if intent == "compare":
        before, after = picked("from_facts"), picked("to_facts")
        used = sorted({f.measure for f in before + after} | set(named))
        return {
            **out,
            "measures": used,
            "time": str(entry.get("time", "")),
            "from": span(before),
            "from_facts": [f.id for f in before],
            "to": span(after),
            "to_facts": [f.id for f in after],
            "why": entry.get("why", ""),
        }
    rows = picked("facts")
    used = sorted({f.measure for f in rows} | set(named))
    if intent == "two_measures":
        if len({f.measure for f in rows}) < 2:
            raise ValueError("two measures asked, facts of one")
        values = sorted({float(f.value) for f in rows})
        return {
            **out,
            "measures": used,
            "time": str(entry.get("time", "")),
            "values": values,
            "facts": [f.id for f in rows],
            "why": entry.get("why", ""),
        }
    return {
        **out,
        "measures": used,
        "time": str(entry.get("time", "")),
        "value": span(rows),
        "facts": [f.id for f in rows],
        "why": entry.get("why", ""),
    }


def main() -> None:
    source, writer, part, persona = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    kb = build_database(ROOT / "knowledge", None).load()
    known = {
        e["q"].strip()
        for p in ("tune", "heldout")
        for path in (CORPUS / p).glob("*.yaml")
        for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []
    }
    kept, seen = [], set()
    for entry in yaml.safe_load(source.read_text(encoding="utf-8")) or []:
        q = str(entry.get("q", "")).strip()
        if q in known or q in seen:
            print(f"  left out (already in the corpus): {q!r}")
            continue
        try:
            kept.append(convert(entry, kb.facts, set(kb.measures)))
            seen.add(q)
        except (ValueError, KeyError, TypeError) as error:
            print(f"  left out ({error}): {q!r}")
    role = "only ever scored" if part == "heldout" else "may be tuned on"
    header = (
        f"# Written blind by a helper who saw only the facts (no aliases, no code), as {persona}.\n"
        f"# Part {part}: {role}.\n"
        "# Generated from the writer's accepted facts: `value`/`from`/`to` are the checked ranges.\n\n"
    )
    target = CORPUS / part / f"blind_{writer}.yaml"
    target.write_text(
        header + yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
    print(f"{target}: {len(kept)} questions")


if __name__ == "__main__":
    main()
