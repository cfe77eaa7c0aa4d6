"""Latency of the Discord bot, from an injected interaction to its reply, through the emulator.

The bot runs as its own process (`python -m bot`), exactly as deployed, over a
database of the curated facts plus 10,000 synthetic ones; the loopback Discord
emulator from tests/ injects 1,000 `/backlog now` and 1,000 `/backlog ask` and
times each until the interaction callback arrives. In the same run, a bare
discord.py bot (`bench/bare_bot.py`, a fixed embed) answers 1,000 `/backlog now`
through an emulator of its own: the floor, and the ratio of ours to it.
Prints p50 and p99 in ms.

    python bench/bot_bench.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from emulated_bot import bot_process  # noqa: E402
from synthetic import with_synthetic_facts  # noqa: E402

from bot.core.build import build_database  # noqa: E402
from bot.core.store import FactStore  # noqa: E402
from tests.emulator import DiscordEmulator  # noqa: E402

COUNT = 1_000
SYNTHETIC_FACTS = 10_000
QUESTIONS = [
    "compare the backlog in 2017 and 2024",
    "how big was ICE's docket when Biden took office",
    "immigation cort baclog",
    "how many immigration judges are there",
    "when did the backlog pass 3 million",
]


def build_db(path: Path) -> None:
    kb = with_synthetic_facts(build_database(ROOT / "knowledge", None).load(), SYNTHETIC_FACTS)
    FactStore.open(path, create=True).sync_knowledge(kb)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99)]


async def measure(emu: DiscordEmulator, make_interaction) -> list[float]:
    samples = []
    for i in range(COUNT):
        started = time.perf_counter()
        interaction = await make_interaction(i)
        await interaction.response(timeout=10)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


async def bare_bot() -> list[float]:
    """discord.py's own floor: a bot that replies with a fixed embed, timed the same way."""
    async with DiscordEmulator() as emu, bot_process(emu, str(ROOT / "bench" / "bare_bot.py")):
        return await measure(emu, lambda i: emu.invoke("backlog", "now"))


async def main() -> None:
    bare = await bare_bot()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        build_db(db)
        async with DiscordEmulator() as emu, bot_process(emu, "-m", "bot", db=db):
            now = await measure(emu, lambda i: emu.invoke("backlog", "now"))
            ask = await measure(
                emu, lambda i: emu.invoke("backlog", "ask", question=QUESTIONS[i % len(QUESTIONS)])
            )
    print(
        f"bot as its own process, {SYNTHETIC_FACTS:,} synthetic facts beside the curated ones; "
        f"{COUNT} interactions each, injection to reply, ms"
    )
    for name, samples in (("/backlog now", now), ("/backlog ask", ask), ("bare bot now", bare)):
        p50, p99 = percentiles(samples)
        print(f"  {name:<14} p50 {p50:6.2f}   p99 {p99:6.2f}")
    ratio = percentiles(now)[0] / percentiles(bare)[0]
    print(f"  /backlog now against the bare discord.py bot, median: {ratio:.2f}x (target <= 1.2x)")
    print("targets: p50 <= 2 ms, p99 <= 10 ms")


if __name__ == "__main__":
    asyncio.run(main())
