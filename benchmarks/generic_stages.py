"""Where the generic HTML path's time goes: inclusive CPU time of its stages, in lxml-floor units.

Usage: ``python benchmarks/generic_stages.py [BENCH_DIR] [ROUNDS]``
(default ``../shared/bench/zyte``, 3 rounds).

Reads every page the way :mod:`generic_cost` does (a fresh Page, detection, the winner's
parse) with a CPU-clock timer wrapped around chosen functions (each format's sniff, the
card layout, the kind evidence, the scores, the block walk, the metadata fields…); per
page the round with the least total time is kept, and each stage's sum over the pages is
printed against the sum of bare ``lxml.html.fromstring`` times. Stages nest (a sniff's
time holds the tree build when it is the first to ask for the tree).
"""

import collections
import contextlib
import functools
import gzip
import importlib
import sys
import time
import warnings
from pathlib import Path

import lxml.html

from broadsheet import Page
from broadsheet.registry import ParseError, Registry

bench = (
    sys.argv[1]
    if len(sys.argv) > 1
    else str(Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "zyte")
)
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
paths = sorted(Path(bench, "html").glob("*.html.gz"))
pages = [gzip.decompress(p.read_bytes()) for p in paths]
reg = Registry(blocked=("trafilatura-html-article",))
reg._load_kind("html")
clock = time.process_time_ns
acc = collections.Counter()
depth = collections.Counter()


def wrap(name, f):
    @functools.wraps(f)
    def w(*a, **k):
        if depth[name]:
            return f(*a, **k)
        depth[name] += 1
        t = clock()
        try:
            return f(*a, **k)
        finally:
            acc[name] += clock() - t
            depth[name] -= 1

    return w


targets = {
    "broadsheet.html.cards": ["_stats", "_groups", "layout"],
    "broadsheet.html.kind": ["_evidence", "_pager"],
    "broadsheet.html.score": ["score", "_blocks"],
    "broadsheet.html.blocks": ["blocks"],
    "broadsheet.html.main": ["page_scores", "article_body"],
    "broadsheet.html.parser": ["parse_html"],
    "broadsheet.formats._metadata": ["article_fields"],
    "broadsheet.formats._dates": ["page_dates"],
    "broadsheet.formats._authors": ["find_authors"],
    "broadsheet.formats._joomla": ["is_joomla3", "is_joomla15"],
    "broadsheet.formats._wordpress": ["is_wordpress_site", "is_wordpress"],
    "broadsheet.formats._blogger": ["is_blogger"],
    "broadsheet.urls": ["page_hosts"],
}
for modname, names in targets.items():
    mod = importlib.import_module(modname)
    for n in names:
        orig = getattr(mod, n)
        wr = wrap(f"{modname.rsplit('.', 1)[1]}.{n}", orig)
        for m in list(sys.modules.values()):
            if m and getattr(m, "__name__", "").startswith("broadsheet"):
                for an, av in list(vars(m).items()):
                    if av is orig:
                        setattr(m, an, wr)
for fmt in reg.formats.values():
    fmt_sniff = fmt.sniff
    try:
        object.__setattr__(fmt, "sniff", wrap("sniff:" + fmt.name, fmt_sniff))
        object.__setattr__(fmt, "parse_many", wrap("parse:" + fmt.name, fmt.parse_many))
    except Exception as e:
        print("cannot wrap", fmt.name, e)
best = [collections.Counter() for _ in pages]
bare = [float("inf")] * len(pages)
total = [float("inf")] * len(pages)
for _ in range(rounds):
    for i, d in enumerate(pages):
        t = clock()
        lxml.html.fromstring(d)
        bare[i] = min(bare[i], clock() - t)
        acc.clear()
        t = clock()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t1 = clock()
            page = Page.from_bytes(d)
            acc["from_bytes"] += clock() - t1
            with contextlib.suppress(ParseError):
                reg.parse(page)
        tt = clock() - t
        if tt < total[i]:
            total[i] = tt
            best[i] = collections.Counter(acc)
fl = sum(bare)
per_page = sum(total) / len(pages) / 1e6
print(f"lxml floor {fl / len(pages) / 1e6:.2f} ms/page; ours {per_page:.2f} ms/page", end="")
print(f"; ratio {sum(total) / fl:.2f}")
agg = collections.Counter()
for b in best:
    agg.update(b)
for k, v in sorted(agg.items(), key=lambda kv: -kv[1]):
    print(f"  {k:40s} {v / fl:5.2f}  ({v / len(pages) / 1e6:.2f} ms/page)")
