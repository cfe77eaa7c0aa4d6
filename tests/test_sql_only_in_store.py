"""SQL lives in `FactStore` only: no other module of the bot opens, queries or reaches into SQLite.

A new table, column or query then touches `bot/core/store.py` (and a migration in `schema.py`),
nothing else. The sources are read with `ast`, so a comment or a docstring naming SQLite passes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"
# The store, and the migrations it applies.
ALLOWED = {BOT / "core" / "store.py", BOT / "core" / "schema.py"}
DATABASE_MODULES = {"sqlite3", "sqlite_utils", "apsw"}
CURSOR_CALLS = {"execute", "executemany", "executescript", "query", "rows_where", "count_where"}
# SQL written out: a statement keyword in capitals followed by the word that makes it one.
SQL = re.compile(r"\b(SELECT\b.*\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|PRAGMA)\b", re.S)


def database_uses(source: str) -> list[str]:
    """What in `source` touches SQLite: imports, `.db[...]`, `.conn`, cursor calls, SQL strings."""
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import):
            found += [
                f"{line}: import {a.name}" for a in node.names if a.name.split(".")[0] in DATABASE_MODULES
            ]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] in DATABASE_MODULES:
                found.append(f"{line}: from {node.module} import")
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "db"
        ):
            found.append(f"{line}: .db[...]")
        elif isinstance(node, ast.Attribute) and node.attr == "conn":
            found.append(f"{line}: .conn")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in CURSOR_CALLS
        ):
            found.append(f"{line}: .{node.func.attr}(...)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
            found.append(f"{line}: SQL {node.value[:40]!r}")
    return found


def test_no_module_but_the_store_touches_sqlite() -> None:
    offenders = {
        str(path.relative_to(BOT.parent)): uses
        for path in sorted(BOT.rglob("*.py"))
        if path not in ALLOWED and (uses := database_uses(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, "move these into named FactStore methods: " + repr(offenders)


def test_the_check_finds_each_way_of_reaching_into_the_database() -> None:
    """Each of these is how SQL used to leak out of the store; the check must see every one."""
    leaks = [
        "import sqlite3",
        "from sqlite_utils import Database",
        'store.db["facts"].insert(row)',
        'store.db.execute("PRAGMA data_version")',
        "store.db.conn.rollback()",
        'rows = db["submissions"].rows_where("server = ?", [server])',
        'QUERY = "SELECT origin FROM facts WHERE id = ?"',
        "sql = '''UPDATE unanswered\n SET status = ?'''",
    ]
    for leak in leaks:
        assert database_uses(leak), leak


def test_words_and_methods_of_the_store_pass() -> None:
    fine = [
        "store.fact(fact_id)",
        "self.store.insert_fact(fact, origin='cli')",
        "context.db = path  # a path, not a connection",
        'echo("Select a measure from the list")',
        '"""Read every table from one snapshot (SQLite WAL)."""',
    ]
    for line in fine:
        assert database_uses(line) == [], line
