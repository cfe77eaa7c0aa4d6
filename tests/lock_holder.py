"""Another process holding the fact base's write lock, as a maintainer's long `backlog` command would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE units SET id = id WHERE 0")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
print("released", flush=True)
"""


def hold_write_lock(db_path: Path, seconds: float) -> subprocess.Popen[str]:
    """Start a process that takes the write lock and keeps it `seconds`; returned once it holds it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def released(holder: subprocess.Popen[str]) -> bool:
    """Wait for the holder to let go (it commits and prints "released")."""
    assert holder.stdout is not None
    line = holder.stdout.readline().strip()
    holder.wait()
    return line == "released" and holder.returncode == 0
