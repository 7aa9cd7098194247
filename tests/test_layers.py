"""The house rules, read from the code's own imports (with :mod:`ast`, nothing imported).

Every module of ``src/broadsheet`` sits in one layer of :data:`LAYERS`, lowest
first. A module may import (at the top, inside a function, or only for type
checking) modules of lower layers, and modules of its own layer only inside
its own package (``formats`` modules each other, ``html`` modules each other…):
so ``formats`` and ``writers`` sit side by side and never import each other,
and nothing below the registry imports it. No import cycle, and no module over
:data:`MAX_LINES` lines.

A new module goes into the layer that matches what it imports and who imports
it; the test names any module that has no layer.
"""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_LINES = 700

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("terminal text", ("broadsheet._terminal",)),
    ("lazy patterns", ("broadsheet._lazyre",)),
    (
        "foundations",
        (
            "broadsheet._version",
            "broadsheet.errors",
            "broadsheet.model",
            "broadsheet.metadata",
            "broadsheet.dates",
            "broadsheet.xmlprolog",
            "broadsheet.text",
            "broadsheet._io",
            "broadsheet.progress",
        ),
    ),
    ("model forms", ("broadsheet.render", "broadsheet.jsonform")),
    ("html parser", ("broadsheet.html.parser", "broadsheet.html.streamed")),
    ("page", ("broadsheet.page",)),
    ("page helpers", ("broadsheet.urls",)),
    ("html reading", ("broadsheet.html", "broadsheet.html.*")),
    ("plugin contract", ("broadsheet.plugin",)),
    ("hooks", ("broadsheet.hookspecs",)),
    (
        "plugins",
        (
            "broadsheet.formats",
            "broadsheet.formats.*",
            "broadsheet.writers",
            "broadsheet.writers.*",
        ),
    ),
    ("registry", ("broadsheet.registry",)),
    (
        "inputs and kit",
        ("broadsheet.archive", "broadsheet.archive.*", "broadsheet.testing", "broadsheet.fuzzing"),
    ),
    ("convert", ("broadsheet.convert", "broadsheet.convert.*")),
    ("front ends", ("broadsheet.cli", "broadsheet.dask")),
    ("public namespace", ("broadsheet", "broadsheet.__main__")),
)
"""Layer name and the module-name patterns it holds, lowest first."""

PACKAGES = (
    "broadsheet.formats",
    "broadsheet.writers",
    "broadsheet.html",
    "broadsheet.convert",
    "broadsheet.archive",
)
"""Packages whose modules may import each other within one layer."""

ALLOWED_UPWARD = {
    # Writer.read is deprecated for one release and reads through the registry;
    # remove this entry with the method.
    ("broadsheet.plugin", "broadsheet.registry"),
}


def _modules() -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in sorted((SRC / "broadsheet").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The broadsheet modules ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                found.add(full if full in MODULES else module)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int | None:
    for index, (_, patterns) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(name, p) for p in patterns):
            return index
    return None


def _package(name: str) -> str | None:
    return next((p for p in PACKAGES if name == p or name.startswith(p + ".")), None)


def test_every_module_has_a_layer() -> None:
    missing = [name for name in MODULES if _layer(name) is None]
    assert not missing, f"modules with no layer in tests/test_layers.py: {missing}"


def test_imports_only_go_downwards() -> None:
    wrong = []
    for name, targets in GRAPH.items():
        here = _layer(name)
        for target in sorted(targets):
            there = _layer(target)
            if here is None or there is None or (name, target) in ALLOWED_UPWARD:
                continue
            same_package = _package(name) is not None and _package(name) == _package(target)
            if there > here or (there == here and not same_package):
                wrong.append(f"{name} ({LAYERS[here][0]}) imports {target} ({LAYERS[there][0]})")
    assert not wrong, "imports that do not go downwards:\n" + "\n".join(wrong)


def test_formats_and_writers_never_import_each_other_or_the_registry() -> None:
    wrong = [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _package(name) in ("broadsheet.formats", "broadsheet.writers")
        for target in targets
        if target == "broadsheet.registry"
        or (
            _package(target) in ("broadsheet.formats", "broadsheet.writers")
            and _package(target) != _package(name)
        )
    ]
    assert not wrong


def test_no_import_cycle() -> None:
    done: set[str] = set()
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return None
        path.append(name)
        for target in sorted(GRAPH[name]):
            if (name, target) in ALLOWED_UPWARD:
                continue
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(name)
        return None

    for name in sorted(GRAPH):
        cycle = visit(name)
        assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_checker_sees_lazy_and_type_only_imports() -> None:
    # page builds its tree with a lazy import; urls imports Page only for type checking
    assert "broadsheet.html.parser" in GRAPH["broadsheet.page"]
    assert "broadsheet.page" in GRAPH["broadsheet.urls"]
    assert "broadsheet.formats" in GRAPH["broadsheet.registry"]


def test_no_module_is_over_the_size_limit() -> None:
    sizes = {name: len(path.read_text("utf-8").splitlines()) for name, path in MODULES.items()}
    big = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not big, f"modules over {MAX_LINES} lines: {big}"
