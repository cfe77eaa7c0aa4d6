"""Failures a test asks the emulator to answer with: a 429, a 403, a 5xx, on matching requests.

``emu.fail_requests("POST", "/callback", status=429, retry_after=1.0, times=2)`` answers the
next two matching requests as Discord would when rate limiting (``retry_after`` in the body, a
``Via`` header so discord.py takes it for Discord's and not a proxy's); other statuses answer
with Discord's error body. Matched by method and a substring of the path after ``/api/v10``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from aiohttp import web

from .wire import error


@dataclass
class Fault:
    method: str
    path_contains: str
    status: int
    times: int | None  # None: every matching request, until cleared
    retry_after: float = 1.0
    code: int = 0
    message: str = ""
    used: int = 0

    def matches(self, method: str, path: str) -> bool:
        spent = self.times is not None and self.used >= self.times
        return not spent and method == self.method and self.path_contains in path

    def response(self) -> web.Response:
        self.used += 1
        if self.status == 429:
            body = {
                "message": "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": False,
            }
            return web.Response(
                body=json.dumps(body).encode(),
                status=429,
                headers={
                    "Content-Type": "application/json",
                    "Via": "1.1 google",
                    "Retry-After": str(self.retry_after),
                },
            )
        return error(self.status, self.message or f"{self.status}: injected by the test", self.code)


class Faults:
    """The failures waiting to be served, in the order they were asked for."""

    def __init__(self) -> None:
        self.waiting: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        self.waiting.append(fault)
        return fault

    def take(self, method: str, path: str) -> web.Response | None:
        for fault in self.waiting:
            if fault.matches(method, path):
                return fault.response()
        return None

    def clear(self) -> None:
        self.waiting.clear()
