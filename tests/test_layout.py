"""The package's shape: wings that follow the pipeline, imports that only go down, small modules.

From the bottom: `text` (Vietnamese text), `records` (reading and checking the YAML records),
`views` (pages derived from them), `project` (a site's folders, read once), then the adapters that
use them side by side (`mkdocs_plugin`, `publish`, `importer`, `editor`), and `cli` on top.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vinhdanh"
WINGS = [["text"], ["records"], ["views"], ["project"], ["mkdocs_plugin", "publish", "importer", "editor"], ["cli"]]
"""From the bottom up; wings on one line may not import each other."""
MAX_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Return every module's imports of the package's own modules, at any depth of the code."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join([*base, node.module] if node.module else base)
                # `from . import schema`: the names may be modules
                found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in modules and m != name and m != "vinhdanh"}
    return graph


def _wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "vinhdanh"


def _level(wing: str) -> int:
    return next(i for i, line in enumerate(WINGS) if wing in line)


def test_every_module_belongs_to_a_wing() -> None:
    wings = {w for line in WINGS for w in line} | {"vinhdanh"}
    assert {_wing(m) for m in _imports()} <= wings


def test_imports_only_go_down_or_within_a_wing() -> None:
    wrong = [f"{module} imports {target}" for module, targets in _imports().items() for target in targets
             if _wing(module) != _wing(target) and _wing(module) != "vinhdanh"
             and _level(_wing(target)) >= _level(_wing(module))]
    assert wrong == []


def test_no_circle_of_imports() -> None:
    graph = _imports()
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str]:
        if module in path:
            return [*path[path.index(module):], module]
        if module in done:
            return []
        path.append(module)
        for target in sorted(graph[module]):
            if circle := visit(target):
                return circle
        path.pop()
        done.add(module)
        return []

    circles = [" → ".join(circle) for module in sorted(graph) if (circle := visit(module))]
    assert circles == []


def test_modules_are_small() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_core_does_not_import_mkdocs() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if _wing(_module_name(p)) in ("text", "records", "views", "project")]
    users = [str(p.relative_to(PACKAGE)) for p in core for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
             if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "mkdocs" and not node.level
             or isinstance(node, ast.Import) and any(a.name.split(".")[0] == "mkdocs" for a in node.names)]
    assert len(core) > 30 and users == []
