"""Cost of the generic HTML path on real pages against bare lxml, detection included.

Usage: ``python benchmarks/generic_cost.py [--bench ../shared/bench/zyte] [--rounds 5] [--limit N]``
(needs ``../shared``).

Each of the 181 real news pages of ``bench/zyte`` is (a) parsed with bare
``lxml.html.fromstring`` on its bytes — the floor — and (b) read the way
``broadsheet parse`` reads it: a fresh :class:`~broadsheet.Page` from the same
bytes, detection among every registered format, then the winner's parse
(none of these pages has an outlet format: the generic article and listing
formats read them). As the default install: the trafilatura-backed format (an
optional extra, 20-30x the floor) is left out unless ``--with-trafilatura``.
Each page's time is the fastest of ``--rounds`` rounds, (a) and (b)
measured in turn in every round, so that other load on the machine hits both
alike; the ratio of the sums is printed (the aim: 3 or
less), with the formats that won and the load average. Nothing of the pages
is kept or printed. ``--clock cpu`` times with the process's CPU clock
instead of the wall clock: on a shared, loaded machine the wall clock of a
few milliseconds counts the time other processes held the core.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import os
import time
import warnings
from pathlib import Path

import lxml.html

from broadsheet import Page
from broadsheet.registry import ParseError, Registry

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "zyte")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--with-trafilatura", action="store_true", help="keep trafilatura's format")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="what to time with")
    args = ap.parse_args()
    paths = sorted((args.bench / "html").glob("*.html.gz"))[: args.limit]
    if not paths:
        raise SystemExit(f"{args.bench}: no pages (the benchmark lives in ../shared)")
    pages = [gzip.decompress(p.read_bytes()) for p in paths]
    blocked = () if args.with_trafilatura else ("trafilatura-html-article",)
    registry = Registry(blocked=blocked)
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    print(f"load average at start: {os.getloadavg()}; clock: {args.clock}")
    winners: collections.Counter[str] = collections.Counter()
    failed = 0
    bare = [float("inf")] * len(pages)
    ours = [float("inf")] * len(pages)
    for round_ in range(args.rounds):
        for i, data in enumerate(pages):
            start = clock()
            lxml.html.fromstring(data)
            bare[i] = min(bare[i], clock() - start)
            start = clock()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    doc = registry.parse(Page.from_bytes(data))
            except ParseError:
                doc = None
            ours[i] = min(ours[i], clock() - start)
            if round_ == 0:
                if doc is None or doc.source is None:
                    failed += 1
                else:
                    winners[doc.source.format] += 1
    total_bare, total_ours = sum(bare), sum(ours)
    size = sum(len(p) for p in pages) / len(pages) / 1024
    per_bare, per_ours = total_bare / len(pages) * 1000, total_ours / len(pages) * 1000
    print(
        f"{len(pages)} pages, {size:.0f} KB/page: lxml {per_bare:.2f} ms/page, "
        f"ours {per_ours:.2f} ms/page, ratio {total_ours / total_bare:.2f}"
    )
    print("formats: " + ", ".join(f"{name} {n}" for name, n in winners.most_common()), end="")
    print(f", failed {failed}" if failed else "")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
