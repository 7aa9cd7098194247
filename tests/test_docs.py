"""The docs stay true: generated pages are current, every example runs, every
hook is documented with its real signature.

How examples are run (also explained in ``docs/contributing.md``):

- every fenced ``python`` block of ``docs/**/*.md`` and ``README.md`` runs;
  the blocks of one page run in order in one namespace, in a temporary
  folder holding a copy of ``examples/``;
- a ``console`` block runs when the line before its fence is
  ``<!-- docs-test: run -->``: each ``$ broadsheet …`` or ``$ python …``
  line must exit with status 0;
- ``<!-- docs-test: skip -->`` skips a block, and
  ``<!-- docs-test: requires writer:NAME format:NAME -->`` skips it until
  that plugin is registered.
"""

from __future__ import annotations

import inspect
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from broadsheet import hookspecs
from broadsheet._version import __version__

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts), ROOT / "README.md"]
_FENCE = re.compile(r"^(`{3,}|~{3,})\s*([^\s`]*)(.*)$")
_MARKER = re.compile(r"^<!--\s*docs-test:\s*(.*?)\s*-->$")

sys.path.insert(0, str(DOCS))
import generate  # noqa: E402  (docs/generate.py)


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    language: str
    marks: tuple[str, ...]
    code: str

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, with the docs-test marks before each."""
    out: list[Block] = []
    lines = page.read_text("utf-8").split("\n")
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, language = match.group(1), match.group(2)
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and not lines[i].startswith(fence):
            body.append(lines[i])
            i += 1
        i += 1
        previous = next(
            (lines[k].strip() for k in range(start - 1, -1, -1) if lines[k].strip()), ""
        )
        marker = _MARKER.match(previous)
        marks = tuple(marker.group(1).split()) if marker else ()
        out.append(Block(page, start + 1, language, marks, "\n".join(body) + "\n"))
    return out


def _missing_requirement(block: Block) -> str | None:
    from broadsheet.registry import get_registry

    registry = get_registry()
    for mark in block.marks:
        kind, _, name = mark.partition(":")
        if kind == "writer" and name not in registry.writers:
            return f"the {name!r} writer is not registered yet"
        if kind == "format" and name not in registry.formats:
            return f"the {name!r} format is not registered yet"
    return None


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder with a copy of examples/ (so examples may write files)."""
    shutil.copytree(
        ROOT / "examples",
        tmp_path / "examples",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".pytest_cache"),
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


PYTHON_PAGES = [p for p in PAGES if any(b.language == "python" for b in blocks(p))]


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=[str(p.relative_to(ROOT)) for p in PYTHON_PAGES])
def test_python_examples_run(page: Path, sandbox: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for block in blocks(page):
        if block.language != "python" or "skip" in block.marks:
            continue
        if reason := _missing_requirement(block):
            print(f"{block.id}: skipped: {reason}")
            continue
        code = compile(block.code, block.id, "exec")
        try:
            exec(code, namespace)
        except Exception as exc:
            raise AssertionError(f"the example at {block.id} fails: {exc!r}") from exc
        ran += 1
    if not ran:
        pytest.skip("every python block of the page needs a plugin that is not registered yet")


CONSOLE = [
    b for p in PAGES for b in blocks(p) if b.language in ("console", "sh") and "run" in b.marks
]


@pytest.mark.parametrize("block", CONSOLE, ids=[b.id for b in CONSOLE])
def test_console_examples_run(block: Block, sandbox: Path) -> None:
    if reason := _missing_requirement(block):
        pytest.skip(reason)
    commands = [line[2:] for line in block.code.splitlines() if line.startswith("$ ")]
    assert commands, f"{block.id}: a runnable console block needs '$ ' command lines"
    for command in commands:
        argv = shlex.split(command)
        if argv[0] == "broadsheet":
            argv = [sys.executable, "-m", "broadsheet", *argv[1:]]
        elif argv[0] == "python":
            argv = [sys.executable, *argv[1:]]
        else:
            pytest.fail(f"{block.id}: only broadsheet and python commands run, not {argv[0]!r}")
        done = subprocess.run(argv, cwd=sandbox, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{block.id}: $ {command}\n{done.stderr}"


def test_every_page_has_examples_checked() -> None:
    """Guard the collector itself: it finds the blocks these pages are known to hold."""
    quickstart = blocks(DOCS / "quickstart.md")
    assert [b.language for b in quickstart].count("python") >= 2
    assert any("run" in b.marks for b in quickstart)
    assert any("skip" in b.marks for b in quickstart)


# -- generated pages -------------------------------------------------------------


def test_generated_pages_are_up_to_date() -> None:
    stale = [str(p.relative_to(ROOT)) for p in generate.stale()]
    assert not stale, f"{', '.join(stale)} out of date: run python docs/generate.py"


def test_cli_reference_lists_every_subcommand_and_option() -> None:
    from broadsheet.cli import build_parser

    page = (DOCS / "reference" / "cli.md").read_text("utf-8")
    for name, _, sub in generate._subcommands(build_parser()):
        assert f"## `broadsheet {name}`" in page
        for action in sub._actions:
            for option in action.option_strings:
                assert f"`{option}" in page or action.help == "==SUPPRESS==", option


# -- hooks -----------------------------------------------------------------------

_DOCUMENTED = re.compile(r"^`{3,}\{py:function\}\s+(broadsheet_\w+)(\(.*)$", re.MULTILINE)


def _signature(function: object) -> str:
    sig = inspect.signature(function)  # type: ignore[arg-type]
    params = ", ".join(
        p.name if p.annotation is p.empty else f"{p.name}: {p.annotation}"
        for p in sig.parameters.values()
    )
    returns = "" if sig.return_annotation is sig.empty else f" -> {sig.return_annotation}"
    return f"{function.__name__}({params}){returns}"  # type: ignore[attr-defined]


HOOKS = {
    name: _signature(fn)
    for name, fn in vars(hookspecs).items()
    if callable(fn) and hasattr(fn, f"{hookspecs.PROJECT}_spec")
}


def test_hooks_are_found() -> None:
    assert {"broadsheet_formats", "broadsheet_writers"} <= set(HOOKS)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_is_documented_with_its_signature(name: str) -> None:
    text = "\n".join(p.read_text("utf-8") for p in PAGES)
    documented = {m.group(1): m.group(1) + m.group(2).strip() for m in _DOCUMENTED.finditer(text)}
    assert name in documented, f"hook {name} is not documented: add a {{py:function}} to plugins.md"
    assert documented[name] == HOOKS[name], (
        f"docs say {documented[name]!r}, hookspecs.py says {HOOKS[name]!r}"
    )


def test_no_documented_hook_is_stale() -> None:
    text = "\n".join(p.read_text("utf-8") for p in PAGES)
    assert {m.group(1) for m in _DOCUMENTED.finditer(text)} <= set(HOOKS)


# -- version -------------------------------------------------------------------


def test_docs_read_the_version_from_its_one_place() -> None:
    namespace: dict[str, object] = {"__file__": str(DOCS / "conf.py")}
    exec(compile((DOCS / "conf.py").read_text("utf-8"), "docs/conf.py", "exec"), namespace)
    assert namespace["release"] == __version__
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## {__version__}" in changelog
