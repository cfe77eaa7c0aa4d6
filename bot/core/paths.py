"""Where the shipped resources are: inside an installed package, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CHECKOUT_DIR = PACKAGE_DIR.parent


def resource_dir(name: str) -> Path:
    """`templates` or `knowledge`: copied into the package by the wheel build, at the top of a checkout."""
    for candidate in (PACKAGE_DIR / name, CHECKOUT_DIR / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ directory is missing from this installation")


def packaged_database() -> Path:
    """The fact base built at install time (absent in a source checkout)."""
    return PACKAGE_DIR / "data" / "backlog.db"
