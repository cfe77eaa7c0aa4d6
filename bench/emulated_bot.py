"""A bot as its own process against the emulator, ready for commands: what the benchmarks time."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@asynccontextmanager
async def bot_process(emu, *argv: str, db: Path | None = None) -> AsyncIterator[asyncio.subprocess.Process]:
    """Run `python ARGV...` with the emulator's token and addresses (and `db` as BACKLOG_DB) until
    its commands are synced and its guilds ready; stop it afterwards."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": emu.token,
        "DISCORD_API_BASE": emu.api_base,
        "DISCORD_GATEWAY_URL": emu.gateway_url,
        "DEV_GUILD_ID": str(emu.guild_id),
        **({"BACKLOG_DB": str(db)} if db is not None else {}),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *argv,
        env=env,
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        await emu.wait_for_commands(emu.guild_id, timeout=60)
        await emu.wait_until_identified(timeout=60)
        await asyncio.sleep(2.5)  # past discord.py's guild_ready_timeout
        yield process
    finally:
        process.terminate()
        await process.wait()
