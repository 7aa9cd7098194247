"""Turn saved listing pages into a small Markdown site, with the Python API.

Usage::

    python examples/markdown_site.py [PAGE ...] [-o site]

Each PAGE is a saved listing page (default: the plain-text captures in
``examples/data/captures/``). Every teaser on every page becomes one
Markdown file with YAML front matter, written by the ``markdown`` writer,
under ``site/<page name>/``; ``site/index.md`` links them all. Static site
generators (MkDocs, Hugo, Jekyll) read this layout as it is.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from broadsheet import Article, Listing, Page
from broadsheet.registry import get_registry

SAMPLES = sorted((Path(__file__).parent / "data" / "captures").glob("*.txt"))


def slug(text: str, taken: set[str]) -> str:
    """A file-name-safe, unique slug for a title."""
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60].strip("-") or "item"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def build(pages: list[Path], out: Path) -> list[Path]:
    """Write the site; returns the Markdown files written (index last)."""
    registry = get_registry()
    writer = registry.writer("markdown")
    written: list[Path] = []
    index = ["# Saved listings", ""]
    for path in pages:
        doc = registry.parse(Page.from_path(path))
        items: tuple[Article, ...] = doc.items if isinstance(doc, Listing) else (doc,)
        folder = out / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        index += [f"## {doc.title or path.stem}", ""]
        taken: set[str] = set()
        for item in items:
            target = folder / f"{slug(item.title or item.summary or 'item', taken)}.md"
            with target.open("wb") as stream:
                writer.write([item], stream)
            written.append(target)
            label = item.title or (item.summary or "")[:60]
            index.append(f"- [{label}]({target.relative_to(out).as_posix()})")
        index.append("")
    (out / "index.md").write_text("\n".join(index), "utf-8")
    written.append(out / "index.md")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, default=SAMPLES, metavar="PAGE")
    parser.add_argument("-o", "--output", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    written = build(args.pages, args.output)
    print(f"wrote {len(written)} files under {args.output}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
