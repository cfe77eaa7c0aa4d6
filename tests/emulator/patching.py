"""Point discord.py at the emulator, and put it back afterwards.

discord.py builds every REST URL from the class attribute ``Route.BASE`` and
connects plain (non auto-sharded) clients to ``DiscordWebSocket.DEFAULT_GATEWAY``
without asking ``/gateway``. Both are process-global, hence the context
manager: a test that leaks them would send the next test's bot elsewhere.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


@contextlib.contextmanager
def patch_discord(api_base: str, gateway_url: str) -> Iterator[None]:
    """Temporarily set ``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY``."""
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        Route.BASE = old_base
        DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
