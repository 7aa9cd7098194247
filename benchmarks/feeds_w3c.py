"""Every WCXB dev page as RSS and Atom, through the W3C feed validator: totals by message.

Usage: ``python benchmarks/feeds_w3c.py [--limit N] [--types listing,collection,article]``
(needs ``../shared`` and the dev extra: feedparser, html5lib, rdflib).

Each page is parsed in this process with its truth URL as the page URL (as
``broadsheet parse page.html --url URL`` does), and every document it yields
is written as RSS, Atom and JSON Feed with a feed URL, as
``broadsheet parse listing.html --to rss --feed-url URL`` writes it. The RSS
and Atom feeds go through the validator of ``../shared/tools/feedvalidate.py``
(the online service's AA level, as ``--strict`` counts); every feed is read back
by feedparser (JSON Feed by ``json``) and must hold as many items as the model.
Issue 13's bar: 0 errors and 0 warnings, every item kept.

Prints the totals by writer and message, the pages each message came from, and
the items lost.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import io
import json
import tempfile
import warnings
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WCXB = SHARED / "bench" / "wcxb-dev"
FEED_URL = "http://www.feedvalidator.org/"


def _validator() -> ModuleType:
    path = SHARED / "tools" / "feedvalidate.py"
    spec = importlib.util.spec_from_file_location("feedvalidate", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: absent (the validator lives in ../shared/tools)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--types", default="listing,collection,article")
    args = ap.parse_args()
    if not WCXB.exists():
        raise SystemExit(f"{WCXB}: absent (the dev sets live in ../shared)")
    import feedparser

    from broadsheet.model import Listing
    from broadsheet.page import Page
    from broadsheet.plugin import WriteOptions
    from broadsheet.registry import get_registry

    validate = _validator().validate
    reg = get_registry()
    types = set(args.types.split(","))
    meta = json.loads((WCXB / "metadata.json").read_text(encoding="utf-8"))["files"]
    ids = [fid for fid in sorted(meta) if meta[fid]["page_type"] in types][: args.limit]
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    where: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    lost: collections.Counter[str] = collections.Counter()
    feeds: collections.Counter[str] = collections.Counter()
    opts = WriteOptions(feed_url=FEED_URL, single=True)
    tmp = Path(tempfile.mkdtemp()) / "feed.xml"  # the validator reads a file
    try:
        for fid in ids:
            truth = json.loads((WCXB / "ground-truth" / f"{fid}.json").read_text(encoding="utf-8"))
            data = gzip.decompress((WCXB / "html" / f"{fid}.html.gz").read_bytes())
            page = Page.from_bytes(data, name=f"{fid}.html", url=truth.get("url"))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    docs = list(reg.parse_many(page, None))
                except Exception as exc:  # a page that fails is counted, not fatal
                    lost[f"parse failed: {type(exc).__name__}"] += 1
                    continue
            for doc in docs:
                n_model = len(doc.items) if isinstance(doc, Listing) else 1
                for writer in ("rss", "atom", "jsonfeed"):
                    buf = io.BytesIO()
                    reg.writer(writer).write([doc], buf, opts)
                    feed = buf.getvalue()
                    feeds[writer] += 1
                    if writer == "jsonfeed":
                        n_read = len(json.loads(feed)["items"])
                    else:
                        parsed = feedparser.parse(feed)
                        n_read = len(parsed.entries)
                        if parsed.bozo:
                            lost[f"{writer}: feedparser calls it malformed"] += 1
                        tmp.write_bytes(feed)
                        errors, warns = validate(str(tmp))
                        for kind, events in (("error", errors), ("warning", warns)):
                            for event in events:
                                key = f"{kind} {type(event).__name__}"
                                counts[writer][key] += 1
                                where[(writer, key)].append(fid)
                    if n_read != n_model:
                        lost[f"{writer}: {n_model} items in the model, {n_read} read back"] += 1
    finally:
        tmp.unlink(missing_ok=True)
        tmp.parent.rmdir()
    print(f"{len(ids)} WCXB dev pages ({args.types}); feeds written: {dict(feeds)}")
    for writer in ("rss", "atom"):
        errs = sum(n for key, n in counts[writer].items() if key.startswith("error"))
        warns = sum(n for key, n in counts[writer].items() if key.startswith("warning"))
        print(f"{writer}: {errs} errors, {warns} warnings")
        for key, n in counts[writer].most_common():
            print(f"  {n:4d}  {key}  (pages {', '.join(where[(writer, key)][:8])})")
    print("items lost:", dict(lost) or "none")


if __name__ == "__main__":
    main()
