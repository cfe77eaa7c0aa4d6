"""Per-server settings: who moderates (`/backlog config moderator-role:`) and where changes are
announced (`audit-channel:`). Each change is a revision, recorded by the curator like any other.

Members' limits are settings too, but with counts of their own to keep: `limits.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .curation import Actor, Change, Curator


@dataclass(frozen=True)
class ServerSettings:
    moderator_role: int | None = None
    audit_channel: int | None = None


class ServerConfig:
    """The settings of every server, in one fact base."""

    def __init__(self, curator: Curator) -> None:
        self.curator = curator

    def get(self, server: str) -> ServerSettings:
        """A server's settings; one that set nothing has the defaults (no role, no audit channel)."""
        row = self.curator.store.server_settings(server)
        if row is None:
            return ServerSettings()
        return ServerSettings(*(int(v) if v else None for v in row))

    def configure(self, server: str, actor: Actor, **values: int | None) -> tuple[ServerSettings, Change]:
        """Change some of a server's settings, with a revision (the others keep their values)."""
        before = self.get(server)
        after = replace(before, **values)
        store = self.curator.store
        with store.writing():
            store.save_server_settings(server, _row(after))
            change = self.curator.record(
                "settings", server, "configure", server, actor, _row(before), _row(after), None
            )
        return after, change


def _row(settings: ServerSettings) -> dict[str, Any]:
    # Discord ids are kept as text: SQLite's integers hold them, JSON readers' floats may not.
    return {k: (str(v) if v else None) for k, v in vars(settings).items()}
