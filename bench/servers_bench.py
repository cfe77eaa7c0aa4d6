"""What many servers cost: one engine over the shared base and an overlay per server.

A database of the curated facts plus 10,000 or 100,000 synthetic ones; 1,000 servers
each add 5 facts of their own (to measures of the shared base); one question is asked
in each, which builds its overlay. Then moderators change facts in random servers as the
bot makes a change (`Library.write`, which builds that server's engine in a worker thread
right after it), and the first answer in that server after each change is timed. The same is measured for
the engine a server had before (a full engine over its view), over a few servers.
Prints figures; asserts nothing.

    python bench/servers_bench.py [--facts 100000] [--servers 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from synthetic import with_synthetic_facts  # noqa: E402

from bot.core.build import build_database  # noqa: E402
from bot.core.curation import Actor  # noqa: E402
from bot.core.engine import AnswerEngine  # noqa: E402
from bot.core.forms import FactForm  # noqa: E402
from bot.core.library import Library  # noqa: E402
from bot.core.models import Fact, Qualifier, Source, SourceKind, Status  # noqa: E402
from bot.core.store import FactStore, fact_row, source_row  # noqa: E402

FACTS_PER_SERVER = 5
CHANGES = 300
FULL_ENGINES = 3  # the engine of before, built for a few servers only: it is the slow part
QUESTION = "TRAC court backlog in March 2024"
MEASURES = [
    "immigration_court_pending_cases_trac",
    "immigration_court_pending_cases",
    "immigration_judges_count",
]
TODAY = date(2026, 11, 23)
MEASURED_NOW = {
    10_000: "+2.9 MB per server; first answer p50 18 ms, p99 84 ms",
    100_000: "+25 MB per server; first answer p50 251 ms, max 579 ms",
}


def build(path: Path, facts: int, servers: int) -> None:
    """The shared base with synthetic facts, and each server's own facts written in one go
    (through the store's tables: a moderator's checks at 5,000 adds would take minutes)."""
    kb = with_synthetic_facts(build_database(ROOT / "knowledge", None).load(), facts)
    store = FactStore.open(path, create=True)
    store.sync_knowledge(kb)
    rng = random.Random(3)
    next_id = 100_000 + facts + len(kb.facts)
    sources, rows = [], []
    for s in range(servers):
        server = str(10_000 + s)
        source = Source(f"added-bench-{s}", "Example Research", f"Report {s}", SourceKind.UNCLASSIFIED, False,
                        url=f"https://example.org/{s}", server=server)  # fmt: skip
        sources.append({**source_row(source), "origin": "added"})
        for k in range(FACTS_PER_SERVER):
            judges = MEASURES[k % len(MEASURES)] == "immigration_judges_count"
            value = rng.randint(500, 900) if judges else rng.randint(1_000_000, 4_000_000)
            fact = Fact(next_id, MEASURES[k % len(MEASURES)], float(value), f"{2000 + k}-0{1 + s % 9}",
                        Qualifier.EXACT, Status.REPORTED, source.id, f"{value:,}", server=server)  # fmt: skip
            rows.append(fact_row(fact, origin="added"))
            next_id += 1
    with store.writing() as db:
        db["sources"].insert_all(sources)
        db["facts"].insert_all(rows)
    store.db.conn.close()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 1e6


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (
        f"p50 {statistics.median(ordered):7.2f}   p99 {ordered[int(len(ordered) * 0.99)]:7.2f}"
        f"   max {ordered[-1]:7.2f}"
    )


async def changes(library: Library, names: list[str], rng: random.Random) -> tuple[list[float], list[float]]:
    """A moderator's change in a random server, as the bot makes it (`Library.write`, which builds
    that server's engine in a worker thread right after), then the first question there: its
    wall time, and its CPU time (what other processes on a shared machine cannot add to)."""
    firsts, cpu = [], []
    for n in range(CHANGES):
        server = rng.choice(names)
        form = FactForm(
            measure=MEASURES[n % 2],  # counts of cases (judges have a plausible range of their own)
            value=f"{3_000_000 + n:,}",
            date=f"{1990 + n // 12}-{n % 12 + 1:02d}",
            url=f"https://example.org/change-{n}",
            publisher="Example Research",
            title=f"Change {n}",
            quote=f"The count was {3_000_000 + n:,}.",
        )
        # Nothing else: the curator's change notification refreshes the server's answers.
        outcome = await library.write(partial(library.curator.add, form, Actor("bench", "1"), server))
        assert outcome.change is not None
        await library.ready(server)  # a member's question comes after the moderator's reply
        started, started_cpu = time.perf_counter(), time.thread_time()
        library.engine(server).ask(QUESTION)
        firsts.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return firsts, cpu


def run(facts: int, servers: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "servers.db"
        build(path, facts, servers)
        library = Library(FactStore.open(path), today=lambda: TODAY)
        shared = library.engine(None)
        shared.ask(QUESTION)
        shared.series("")
        names = [str(10_000 + s) for s in range(servers)]
        gc.collect()
        rss_before = rss_mb()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        for server in names:
            library.engine(server).ask(QUESTION)
        gc.collect()
        grown = sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(before, "filename"))
        tracemalloc.stop()
        rss_grown = rss_mb() - rss_before

        rng = random.Random(5)
        firsts, firsts_cpu = asyncio.run(changes(library, names, rng))

        # The engine of before: a full engine over one server's view, for a few servers.
        full_firsts, full_memory = [], []
        for server in names[:FULL_ENGINES]:
            view = library.view(server)
            plain = library.store.load().for_server(server)
            del view
            gc.collect()
            tracemalloc.start()
            snap = tracemalloc.take_snapshot()
            started = time.perf_counter()
            engine = AnswerEngine(plain, today=lambda: TODAY)
            engine.ask(QUESTION)
            full_firsts.append((time.perf_counter() - started) * 1000)
            full_memory.append(
                sum(stat.size_diff for stat in tracemalloc.take_snapshot().compare_to(snap, "filename")) / 1e6
            )
            tracemalloc.stop()
            del engine, plain
        total = library.store.counts()["facts"]
    print(f"{facts:,} synthetic facts ({total:,} in all); {servers:,} servers x {FACTS_PER_SERVER} own facts")
    print(
        f"  overlays: +{grown / 1e6:6.1f} MB over the shared engine (Python allocations;"
        f" RSS +{rss_grown:.1f} MB) = {grown / servers / 1e3:.1f} kB a server"
    )
    print(f"  first answer after a moderator's change ({CHANGES} changes), ms: {percentiles(firsts)}")
    print(f"  the same answers' CPU time (this thread), ms:           {percentiles(firsts_cpu)}")
    print(
        f"  before (a full engine per server, {FULL_ENGINES} servers):"
        f" +{statistics.mean(full_memory):.1f} MB a server;"
        f" first answer {statistics.median(full_firsts):.0f} ms median"
    )
    if facts in MEASURED_NOW:
        print(f"  the issue's 'measured now': {MEASURED_NOW[facts]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--facts", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--servers", type=int, default=1_000)
    args = parser.parse_args()
    for facts in args.facts:
        run(facts, args.servers)
    print(
        "targets: 1,000 servers x 5 facts over 100k shared facts <= +50 MB;"
        " first answer after a change p99 <= 2 ms"
    )


if __name__ == "__main__":
    main()
