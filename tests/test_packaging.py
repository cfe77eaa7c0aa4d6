"""The README's first command: a real wheel ships the templates and a built fact base."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_ships_a_built_fact_base_and_answers_without_the_checkout(tmp_path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("backlog_bot-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/data/backlog.db" in names
    assert "bot/templates/figure.md.j2" in names and "bot/knowledge/measures.yaml" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # Run from elsewhere, with only the unpacked wheel on the path: no checkout, no knowledge/ beside it.
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv = ['backlog', 'now']; from bot.cli import main; main()"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "Immigration court backlog" in result.stdout and "Source:" in result.stdout
