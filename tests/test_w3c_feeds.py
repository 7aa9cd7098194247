"""RSS and Atom checked by the W3C Feed Validation Service's own validator
(``../shared/tools/feedvalidate.py``; issue 16 item 23, issue 13 item 4).

Every fixture page and every shared seed, written as RSS and as Atom with
``broadsheet parse --to rss|atom --feed-url URL``, validates with 0 errors
and — ``--strict`` — 0 warnings, and every listing item is an entry.

The feed URL is the validator's own document location
(``http://www.feedvalidator.org/``, the base ``feedvalidate.py`` validates
against): the validator warns when a feed's ``rel="self"`` link is not where
it read the feed from, so a feed checked offline says it lives there.

Skips when ``../shared`` is absent. ``html5lib`` and ``rdflib``, which the
validator needs, are in the ``test`` extra, so in CI this always runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from broadsheet.cli import main
from broadsheet.model import Listing
from broadsheet.page import Page
from broadsheet.registry import get_registry

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT.parent / "shared" / "tools" / "feedvalidate.py"
SEEDS = ROOT.parent / "shared" / "seeds"
VALIDATOR_LOCATION = "http://www.feedvalidator.org/"

pytestmark = pytest.mark.skipif(
    not TOOL.is_file(), reason=f"the W3C validator is not here ({TOOL} absent)"
)


def inputs() -> list[Path]:
    pages = [
        p
        for p in sorted((ROOT / "tests" / "fixtures" / "formats").glob("*/*"))
        if p.suffix in (".html", ".txt", ".xml")
    ]
    pages += sorted((ROOT / "examples" / "data" / "captures").glob("*"))
    pages += sorted((ROOT / "examples" / "data" / "pages").glob("*"))
    pages += sorted(SEEDS.glob("*")) if SEEDS.is_dir() else []
    return [p for p in pages if p.is_file()]


def write_feeds(tmp_path: Path, pages: list[Path]) -> list[Path]:
    out = []
    for number, page in enumerate(pages):
        for writer in ("rss", "atom"):
            target = tmp_path / f"{number:03d}-{page.name}.{writer}"
            args = ["parse", str(page), "--to", writer, "--feed-url", VALIDATOR_LOCATION]
            if main([*args, "-o", str(target)]) == 0:
                out.append(target)
    return out


def validate(files: list[Path]) -> str:
    result = subprocess.run(
        [sys.executable, str(TOOL), "--strict", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return result.stdout


def test_every_fixture_and_seed_feed_has_no_error_and_no_warning(tmp_path: Path) -> None:
    pages = inputs()
    feeds = write_feeds(tmp_path, pages)
    assert len(feeds) >= len(pages)  # most pages give both feeds
    report = validate(feeds)
    assert report.strip().endswith(f"{len(feeds)} feeds: 0 errors, 0 warnings"), report[-3000:]


def entries(path: Path) -> int:
    root = etree.parse(str(path)).getroot()
    return len(root.findall("channel/item")) + len(root.findall("{*}entry"))


def test_every_listing_item_is_a_feed_entry(tmp_path: Path) -> None:
    registry = get_registry()
    checked = 0
    for number, page in enumerate(inputs()):
        doc = registry.parse(Page.from_path(page))
        if not isinstance(doc, Listing) or not doc.items:
            continue
        urls = [i.url for i in doc.items]
        if len(set(urls)) != len(urls) and None not in urls:
            continue  # repeated links are one item by design (deduplicated by id)
        for writer in ("rss", "atom"):
            target = tmp_path / f"{number:03d}.{writer}"
            assert main(["parse", str(page), "--to", writer, "-o", str(target)]) == 0
            assert entries(target) == len(doc.items), (page.name, writer)
        checked += 1
    assert checked >= 20
