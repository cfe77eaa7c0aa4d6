"""How the modules of `bot/` may import each other, read with `ast` (nothing is imported).

- **No import cycle.** A cycle is hidden by an import inside a function (it works only because
  the import runs late) and makes every module of it load with all the others; each change to
  one then risks the import order of the rest. Imports inside functions and `TYPE_CHECKING`
  blocks count.
- **No private name across modules.** A `_name` is its module's own: a shared thing gets a
  public home (`bot/embeds.py`, `bot/replies.py`, `bot/components.py`, ...).
- **An extension's private modules stay inside it.** `bot/exts/curation/_cog.py` may import
  `._flows`; `bot/exts/backlog` may import only curation's public modules (`options`, `members`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "bot"


@dataclass(frozen=True)
class Imported:
    importer: str
    module: str  # the module imported, or the module a name was imported from
    name: str | None  # the name imported from `module`, when it is not a module itself
    line: int

    def where(self) -> str:
        what = f"{self.module}.{self.name}" if self.name else self.module
        return f"{self.importer}:{self.line} imports {what}"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: dict[str, Path]) -> list[Imported]:
    """Every import of a module of `bot/` in the module `name`, wherever it stands in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [Imported(name, a.name, None, node.lineno) for a in node.names if a.name in known]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source not in known:
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in known:
                    found.append(Imported(name, submodule, None, node.lineno))
                else:
                    found.append(Imported(name, source, alias.name, node.lineno))
    return found


def import_graph() -> tuple[dict[str, set[str]], list[Imported]]:
    known = modules()
    every = [imported for name, path in known.items() for imported in imports_of(name, path, known)]
    graph: dict[str, set[str]] = {name: set() for name in known}
    for imported in every:
        if imported.module != imported.importer:
            graph[imported.importer].add(imported.module)
    return graph, every


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_within(sorted(group), graph) for group in groups]


def _cycle_within(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to itself, inside the group, for the message."""
    start = group[0]
    paths = [[start]]
    while paths:
        path = paths.pop(0)
        for target in sorted(graph[path[-1]] & set(group)):
            if target == start:
                return [*path, start]
            if target not in path:
                paths.append([*path, target])
    return group


def private_owner(module: str) -> str | None:
    """The package a private module belongs to: `bot.exts.curation` for `bot.exts.curation._flows`."""
    parts = module.split(".")
    for position, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:position])
    return None


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_bot_has_no_import_cycle() -> None:
    graph, _ = import_graph()
    found = cycles(graph)
    assert not found, "import cycles in bot/:\n" + "\n".join(" -> ".join(c) for c in found)


def test_no_private_name_is_imported_from_another_module() -> None:
    _, every = import_graph()
    private = [i for i in every if i.name and i.name.startswith("_") and not i.name.startswith("__")]
    assert not private, "private names imported across modules:\n" + "\n".join(i.where() for i in private)


def test_an_extensions_private_modules_are_imported_only_inside_it() -> None:
    _, every = import_graph()
    outside = [
        i for i in every if (owner := private_owner(i.module)) is not None and not within(i.importer, owner)
    ]
    assert not outside, "private modules imported from outside their package:\n" + "\n".join(
        i.where() for i in outside
    )


def test_the_checks_see_what_they_are_meant_to_refuse(tmp_path: Path) -> None:
    """The reading itself: a lazy import inside a function closes a cycle, a private name is
    found inside parentheses, and a private module is placed in its package."""
    (tmp_path / "a.py").write_text("def f():\n    from .b import thing\n")
    (tmp_path / "b.py").write_text("from .a import (\n    f,\n    _hidden,\n)\n")
    known = {"bot.a": tmp_path / "a.py", "bot.b": tmp_path / "b.py"}
    every = [i for name, path in known.items() for i in imports_of(name, path, known)]
    graph = {name: {i.module for i in every if i.importer == name} for name in known}
    assert cycles(graph) == [["bot.a", "bot.b", "bot.a"]]
    assert [i.name for i in every if i.name and i.name.startswith("_")] == ["_hidden"]
    assert private_owner("bot.exts.curation._flows") == "bot.exts.curation"
    assert private_owner("bot.exts.curation.options") is None
