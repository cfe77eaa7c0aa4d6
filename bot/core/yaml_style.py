"""How the fact base writes YAML: as `knowledge/` is written by hand, so an export reads like it.

Text in double quotes (and dates and server ids, which YAML would read as dates or numbers),
short word lists on one line, lists indented under their key, empty optional fields left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Quoted(str):
    """Written in double quotes: text, and dates and server ids YAML would read as dates or numbers."""


class Flow(list):
    """A short list of words, written on one line: [a, b, c]."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent a list under its key, as the curated files do."""
        super().increase_indent(flow, False)


_Dumper.add_representer(
    Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"')
)
_Dumper.add_representer(
    Flow, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)
)


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's own loader keeps the last of two equal keys; a curated file that says one word twice
    ("wrapped up: completed", later "wrapped up: ended") would lose a meaning without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float)) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_curated(text: Any) -> Any:
    """YAML as the curated files are read: like `yaml.safe_load`, but a key given twice is an error."""
    return yaml.load(text, Loader=_UniqueKeyLoader)


def yaml_text(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10_000
    )


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml_text(data), encoding="utf-8")


def compact(row: dict[str, Any], *, keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row without its empty optional fields (None, "", [], false), except those in `keep`."""
    return {k: v for k, v in row.items() if k in keep or (v not in (None, "", [], ()) and v is not False)}


def quoted(text: str | None) -> Quoted | None:
    return None if text is None else Quoted(text)
