"""The core imports nothing from discord: the bot and the CLI are adapters over it."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "bot" / "core"


def test_no_core_module_names_discord() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "discord"]
    assert offenders == []


def test_answering_a_question_loads_no_discord_module() -> None:
    code = (
        "import sys; from bot.core.factbase import open_fact_base; from bot.core.engine import AnswerEngine;"
        "from bot.core.render import Renderer; kb = open_fact_base().load();"
        "Renderer(kb).render(AnswerEngine(kb).ask('backlog now'));"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'discord'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
