"""The generated corpus for the ``convert`` benchmarks (shared by ``convert_*.py``).

``make_archive(path, count)`` writes a zip of ``count`` HTML and text pages
made from the project's HTML and text fixture inputs under ``tests/fixtures/formats/``
(cycled, each copy made distinct by a numbered line or comment), so the
benchmark measures the formats the project ships. Nothing is stored: the
archive is built in a temporary folder on every run.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "formats"

__all__ = ["PAGE_SUFFIXES", "fixture_pages", "make_archive"]

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
"""The fixture inputs used: HTML pages and plain-text captures (not feeds or JSON)."""


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux ``/proc``), children first."""
    out: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for child in map(int, children):
        out.append(child)
        out.extend(descendants(child))
    return out


def fixture_pages() -> list[tuple[str, bytes]]:
    """Every HTML and text fixture input (not feeds, JSON or the expected ``.json``), sorted."""
    pages = []
    for path in sorted(FIXTURES.glob("*/*")):
        if path.is_file() and path.suffix in PAGE_SUFFIXES and not path.name.startswith("."):
            pages.append((f"{path.parent.name}/{path.name}", path.read_bytes()))
    if not pages:
        raise SystemExit(f"no fixture pages under {FIXTURES}")
    return pages


def _variant(name: str, data: bytes, i: int) -> bytes:
    if name.endswith((".html", ".htm", ".xhtml")):
        return data + f"\n<!-- copy {i} -->\n".encode()
    return data


def make_archive(path: Path, count: int) -> dict[str, int]:
    """Write ``count`` pages into the zip ``path``; returns how many of each suffix."""
    pages = fixture_pages()
    kinds: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for i in range(count):
            name, data = pages[i % len(pages)]
            suffix = Path(name).suffix
            kinds[suffix] = kinds.get(suffix, 0) + 1
            zf.writestr(f"{i // 1000:03d}/{i:06d}-{Path(name).name}", _variant(name, data, i))
    return kinds
