"""Reusable pytest fixtures, for a conftest to load with
``pytest_plugins = ["tests.emulator.fixtures"]``.

``discord_emulator`` yields a started emulator with discord.py pointed at it
(restored afterwards); ``error_logs`` fails the test on any ERROR log.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio

from .logcheck import ErrorLogCollector, collect_error_logs
from .server import DiscordEmulator


@pytest.fixture
def error_logs() -> Iterator[ErrorLogCollector]:
    """Collect ERROR logs; the test fails at teardown if there were any."""
    with collect_error_logs() as collector:
        yield collector


@pytest_asyncio.fixture
async def discord_emulator(error_logs: ErrorLogCollector) -> AsyncIterator[DiscordEmulator]:
    """A default DiscordEmulator, with Route.BASE / DEFAULT_GATEWAY patched."""
    async with DiscordEmulator() as emulator:
        with emulator.patch_discord():
            yield emulator
