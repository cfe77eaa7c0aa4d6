"""Waiting for emulator state to change, with timeouts that explain themselves.

Everything in the emulator runs on the test's event loop, so a state change is
"some handler mutated an attribute". A :class:`Signal` is poked after every
such mutation and waiters re-check their predicate: no polling, no sleeps.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Default timeout of every ``wait_*`` helper. Generous for a loaded CI box but
#: short enough that a hung test fails quickly with a useful message.
DEFAULT_TIMEOUT = 5.0


class EmulatorTimeout(AssertionError):
    """A ``wait_*`` helper gave up. An AssertionError so pytest shows it as a
    test failure with the explanation, not as an internal error."""


class Signal:
    """A level-triggered broadcast: ``notify()`` wakes every current waiter."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        # Swap in a fresh event so later waiters block until the next change,
        # while everyone awaiting the old one wakes up now.
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait_for(
        self,
        probe: Callable[[], T | None],
        *,
        timeout: float | None,
        what: str,
        context: Callable[[], str] | None = None,
    ) -> T:
        """Return ``probe()`` as soon as it is not None.

        ``what`` names the awaited thing and ``context`` adds diagnostics (e.g.
        the last REST requests) to the timeout message.
        """
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            result = probe()
            if result is not None:
                return result
            event = self._event
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                detail = f"\n{context()}" if context is not None else ""
                raise EmulatorTimeout(f"timed out after {timeout}s waiting for {what}{detail}")
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                continue
