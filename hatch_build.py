"""Wheel build hook: build the default fact base from knowledge/ and ship it in the package.

`backlog now` then works right after `pip install`, with no build step and no
network. Editable installs skip this: a checkout builds the base in memory.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)
        try:
            from bot.core.build import build_database
        finally:
            sys.path.pop(0)
        target = Path(tempfile.mkdtemp()) / "backlog.db"
        store = build_database(Path(self.root) / "knowledge", target)
        store.db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        store.db.conn.close()
        build_data["force_include"][str(target)] = "bot/data/backlog.db"
