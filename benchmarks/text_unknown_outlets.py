"""How often an outlet text format wrongly claims a capture of another outlet.

Usage: ``python benchmarks/text_unknown_outlets.py [--bench ../shared/bench/zyte]``

Turns each of the 181 real pages of ``bench/zyte`` (none from the five seed
outlets) into a plain-text capture — the text a browser shows, block
elements on lines of their own, scripts and styles dropped — and detects
it among the text formats. Prints how many each format won (the aim: all
go to ``generic-text-listing``), every page an outlet format claimed, and
every page that failed to parse. Nothing of the pages is kept or copied.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import warnings
from pathlib import Path

import lxml.html

from broadsheet import Page
from broadsheet.registry import get_registry

ROOT = Path(__file__).resolve().parent.parent
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "br",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "figure",
        "figcaption",
        "blockquote",
        "ul",
        "ol",
        "table",
        "aside",
        "main",
        "form",
    ]
)


def capture(html: bytes) -> str:
    """The page's text as a browser capture would give it (roughly)."""
    tree = lxml.html.fromstring(html)
    for node in tree.xpath("//script|//style|//noscript|//template"):
        node.drop_tree()
    out: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        block = el.tag in _BLOCKS
        if block:
            out.append("\n\n")
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")
        if block:
            out.append("\n\n")

    walk(tree)
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "zyte")
    args = ap.parse_args()
    paths = sorted((args.bench / "html").glob("*.html.gz"))
    if not paths:
        raise SystemExit(f"no pages under {args.bench / 'html'}")
    warnings.simplefilter("ignore")
    registry = get_registry()
    won: collections.Counter[str] = collections.Counter()
    failed = []
    for path in paths:
        page = Page.from_text(capture(gzip.decompress(path.read_bytes())), name=path.name)
        ranked = registry.detect(page)
        won[ranked[0].format.name] += 1
        if not ranked[0].format.generic:
            scores = ", ".join(f"{c.format.name} {c.score:.2f}" for c in ranked[:3])
            print(f"claimed: {path.name[:16]} ({scores})")
        try:
            registry.parse(page)
        except Exception as exc:  # report, never stop
            failed.append(f"{path.name[:16]}: {exc}")
    print(f"{len(paths)} captures of unknown outlets; detected as:")
    for name, count in won.most_common():
        print(f"  {name:<28} {count}")
    print(f"parse failures: {len(failed)}")
    for line in failed:
        print(f"  {line}")


if __name__ == "__main__":
    main()
