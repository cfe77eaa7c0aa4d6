"""Load: 50 concurrent simulated users through the emulator, plain and with the write lock held.

The bot runs as its own process (`python -m bot`), exactly as deployed, over the curated facts
plus 10,000 synthetic ones. Fifty members of one server each send, one after the other for
`--seconds` seconds, a mix of `/backlog now`, `/backlog ask` (answerable questions, and some
nobody can answer, which are noted for moderators: a write), autocomplete of the question and
of a measure, and `/backlog about`; one moderator changes a setting every second (a write with
a revision). The second run does the same while another process holds the database's write
lock for 4 seconds, from a quarter of the way in.

Prints interactions per second, p50/p99/max from injection to the callback, errors (no
callback, a late one, or "Something went wrong"), the share answered within Discord's
3 seconds, the bot process's peak RSS, and the CPU time per interaction of the bot process
(from /proc/PID/stat) and of this one (the emulator and the simulated members): on a machine
of two cores, whichever of the two is at a whole core is what limits the figure.

    python bench/load_bench.py [--seconds 30] [--users 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from emulated_bot import bot_process  # noqa: E402
from synthetic import with_synthetic_facts  # noqa: E402

from bot.core.build import build_database  # noqa: E402
from bot.core.store import FactStore  # noqa: E402
from tests.emulator import DiscordEmulator  # noqa: E402

SYNTHETIC_FACTS = 10_000
DEADLINE = 3.0
LOCK_SECONDS = 4.0
QUESTIONS = [
    "compare the backlog in 2017 and 2024",
    "how big was ICE's docket when Biden took office",
    "immigation cort baclog",
    "how many immigration judges are there",
    "when did the backlog pass 3 million",
]
UNANSWERABLE = "how many goats does the court own in {n}"
TYPED = ["ice dock", "court back", "judges", "", "asylum", "in absentia"]
MEASURES_TYPED = ["court", "ice", "", "judge"]
ERROR_WORDS = "Something went wrong"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    late: int = 0
    bot_cpu: float = 0.0  # seconds of CPU the bot process used during the run
    bench_cpu: float = 0.0  # and this process (the emulator and the members)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used, from /proc/PID/stat (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def build_db(path: Path) -> None:
    kb = with_synthetic_facts(build_database(ROOT / "knowledge", None).load(), SYNTHETIC_FACTS)
    FactStore.open(path, create=True).sync_knowledge(kb)


async def one(emu: DiscordEmulator, user, rng: random.Random, n: int):
    """One member's next interaction, by the mix's shares."""
    roll = rng.random()
    if roll < 0.25:
        return await emu.invoke("backlog", "now", user=user)
    if roll < 0.50:
        return await emu.invoke("backlog", "ask", user=user, question=rng.choice(QUESTIONS))
    if roll < 0.55:
        return await emu.invoke("backlog", "ask", user=user, question=UNANSWERABLE.format(n=n))
    if roll < 0.85:
        return await emu.autocomplete(
            "backlog", "ask", focused="question", user=user, question=rng.choice(TYPED)
        )
    if roll < 0.95:
        return await emu.autocomplete(
            "backlog", "compare", focused="measure", user=user, measure=rng.choice(MEASURES_TYPED)
        )
    return await emu.invoke("backlog", "about", user=user)


async def settle(it, tally: Tally, started: float) -> None:
    try:
        callback = await it.response(timeout=10)
    except Exception:  # no callback at all
        tally.errors += 1
        return
    tally.latencies.append((time.perf_counter() - started) * 1000)
    if it.late_callbacks or (it.answer_seconds or 0) > DEADLINE:
        tally.late += 1
    # The bot's error reply is a message's content (`send_private`): reading that, rather than the
    # whole body made into text, keeps this process's own CPU per interaction down.
    if ERROR_WORDS in str((callback.body.get("data") or {}).get("content") or ""):
        tally.errors += 1


async def user_loop(emu: DiscordEmulator, user, seed: int, until: float, tally: Tally) -> None:
    rng = random.Random(seed)
    n = 0
    while time.perf_counter() < until:
        started = time.perf_counter()
        try:
            it = await one(emu, user, rng, seed * 1_000_000 + n)
        except Exception:
            tally.errors += 1
            continue
        await settle(it, tally, started)
        n += 1


async def moderator_loop(emu: DiscordEmulator, until: float, tally: Tally) -> None:
    """A moderator's write every second: the server's proposal limit, set back and forth."""
    n = 0
    while time.perf_counter() < until:
        started = time.perf_counter()
        it = await emu.invoke(
            "backlog", "config", user=emu.world.manager, options={"proposals-per-day": 5 + n % 2}
        )
        await settle(it, tally, started)
        n += 1
        await asyncio.sleep(1.0)


async def run(
    emu: DiscordEmulator, users: list, seconds: float, db: Path, pid: int, *, lock: bool
) -> tuple[Tally, float]:
    tally = Tally()
    bot_cpu, bench_cpu = cpu_seconds(pid), time.process_time()
    started = time.perf_counter()
    until = started + seconds
    holder = None
    if lock:
        code = (
            "import sys, sqlite3, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "time.sleep(float(sys.argv[2])); c.execute('BEGIN IMMEDIATE'); time.sleep(float(sys.argv[3])); "
            "c.execute('COMMIT')"
        )
        holder = await asyncio.create_subprocess_exec(
            sys.executable, "-c", code, str(db), str(seconds / 4), str(LOCK_SECONDS)
        )
    await asyncio.gather(
        moderator_loop(emu, until, tally),
        *(user_loop(emu, user, k + (1000 if lock else 0), until, tally) for k, user in enumerate(users)),
    )
    elapsed = time.perf_counter() - started
    tally.bot_cpu, tally.bench_cpu = cpu_seconds(pid) - bot_cpu, time.process_time() - bench_cpu
    if holder is not None:
        await holder.wait()
    return tally, elapsed


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(name: str, tally: Tally, elapsed: float, rss: float) -> None:
    ordered = sorted(tally.latencies)
    done = len(ordered)
    p99 = ordered[min(done - 1, int(done * 0.99))] if done else float("nan")
    within = (done - tally.late) / (done + tally.errors) * 100 if done + tally.errors else 0.0
    print(
        f"  {name:<22} {done / elapsed:7.0f}/s  p50 {statistics.median(ordered):6.2f} ms  p99 {p99:7.2f} ms"
        f"  max {ordered[-1]:7.1f} ms  errors {tally.errors}  within 3 s {within:6.2f}%"
        f"  peak RSS {rss:.0f} MB"
    )
    answered = max(done, 1)
    print(
        f"  {'':<22} CPU per interaction: bot {tally.bot_cpu / answered * 1000:.2f} ms"
        f" ({tally.bot_cpu / elapsed * 100:.0f}% of a core),"
        f" bench {tally.bench_cpu / answered * 1000:.2f} ms"
        f" ({tally.bench_cpu / elapsed * 100:.0f}% of a core)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--users", type=int, default=50)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "load.db"
        build_db(db)
        async with DiscordEmulator() as emu:
            guild = emu.world.guild()
            users = [emu.world.add_user(f"user{k}", guild=guild) for k in range(options.users)]
            async with bot_process(emu, "-m", "bot", db=db) as process:
                # Members ask as often as they like here: the cooldown would refuse most of them.
                config = await emu.invoke(
                    "backlog", "config", user=emu.world.manager, options={"answer-cooldown": 0}
                )
                await config.response(timeout=10)
                plain = await run(emu, users, options.seconds, db, process.pid, lock=False)
                locked = await run(emu, users, options.seconds, db, process.pid, lock=True)
                rss = peak_rss_mb(process.pid)
    print(
        f"{options.users} concurrent users for {options.seconds:.0f} s each run, bot as its own process, "
        f"{SYNTHETIC_FACTS:,} synthetic facts beside the curated ones; injection to callback"
    )
    report("plain", *plain, rss)
    report(f"write lock held {LOCK_SECONDS:.0f} s", *locked, rss)
    print("targets: >= 1,000 interactions/s, 0 errors, 100% within 3 s in both runs")


if __name__ == "__main__":
    asyncio.run(main())
