"""What a moderator's change costs: the write, and the refresh before the next answer.

A database of the curated facts plus 10,000 synthetic ones; 200 facts are
added to one server through `Curator.add` (checks, transaction, revision, with
`synchronous=FULL`), each followed by `Library.changed` and the first answer in
that server, which rebuilds its engine. Prints figures; asserts nothing.

    python bench/curation_bench.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bot_bench import build_db  # noqa: E402

from bot.core.curation import Actor  # noqa: E402
from bot.core.forms import FactForm  # noqa: E402
from bot.core.library import Library  # noqa: E402
from bot.core.store import FactStore  # noqa: E402

ADDS = 200
SERVER = "1"


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    return f"p50 {statistics.median(ordered):6.2f}   p99 {ordered[int(len(ordered) * 0.99)]:6.2f}"


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "backlog.db"
        build_db(path)
        library = Library(FactStore.open(path))
        library.engine(SERVER).now()
        writes, refreshes, answers = [], [], []
        for number in range(ADDS):
            form = FactForm(
                measure="immigration_court_pending_cases_trac",
                value=f"{3_000_000 + number:,}",
                date="2026-10",
                url=f"https://example.org/report-{number}",
                publisher="Example",
                title=f"Report {number}",
                quote=f"The count was {3_000_000 + number:,} cases.",
            )
            started = time.perf_counter()
            outcome = library.curator.add(form, Actor("bench", "1"), SERVER)
            wrote = time.perf_counter()
            assert outcome.change is not None
            library.changed(outcome.change)
            refreshed = time.perf_counter()
            library.engine(SERVER).ask("court backlog now")
            answered = time.perf_counter()
            writes.append((wrote - started) * 1000)
            refreshes.append((refreshed - wrote) * 1000)
            answers.append((answered - refreshed) * 1000)
        facts = library.store.counts()["facts"]
    print(f"{facts:,} facts; {ADDS} adds to one server, ms")
    print(f"  write (checks, transaction, revision)   {percentiles(writes)}")
    print(f"  refresh (Library.changed)               {percentiles(refreshes)}")
    print(f"  first answer after it (engine rebuilt)  {percentiles(answers)}")


if __name__ == "__main__":
    main()
