"""Fit the page-kind weights (:data:`broadsheet.html.kind._WEIGHTS`) on real pages.

Usage: ``python benchmarks/kind_fit.py [--bench DIR] [--seed N] [--listing-weight W]
[--l2 C] [--cache FILE]``

Reads the WCXB dev pages (``../shared/bench/wcxb-dev``: ``metadata.json`` gives each page's
type; article pages should parse as an ``Article``, listing and collection pages as a
``Listing``), computes each page's :func:`broadsheet.html.kind.evidence` and
:func:`~broadsheet.html.kind.features`, and fits an L2-regularised logistic regression
(Newton's method, pure Python) on a random half of the sites (``--seed``; every page of
a site falls in the same half, so nothing is learned from a site and checked on it).
It prints the share of pages decided right by :func:`~broadsheet.html.kind.decides_listing`'s
rule on the fitting half and on the held-out half, then fits on every page and prints
the weights to paste into ``kind.py`` with the figures they give.

The pages are for measuring only: nothing from them (no text, no names) goes into
the project; the weights are a few numbers about evidence every site shows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import pickle
import random
from pathlib import Path

from broadsheet.html import kind
from broadsheet.page import Page

__all__ = ["fit", "main"]

_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "wcxb-dev"


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit(x: list[list[float]], y: list[float], w: list[float], l2: float = 1.0) -> list[float]:
    """Logistic regression weights (column 0 is the unpenalised bias)."""
    d = len(x[0])
    beta = [0.0] * d
    for _ in range(50):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for xi, yi, wi in zip(x, y, w, strict=True):
            z = max(-30.0, min(30.0, sum(b * v for b, v in zip(beta, xi, strict=True))))
            p = 1 / (1 + math.exp(-z))
            r, s = wi * (yi - p), wi * p * (1 - p)
            for j in range(d):
                g[j] += r * xi[j]
                for k in range(j, d):
                    h[j][k] += s * xi[j] * xi[k]
        for j in range(d):
            for k in range(j):
                h[j][k] = h[k][j]
            if j:
                g[j] -= l2 * beta[j]
                h[j][j] += l2
            else:
                h[j][j] += 1e-6
        step = _solve(h, g)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta


def _load(bench: Path) -> list[tuple[str, str, kind.Evidence]]:
    meta = json.loads((bench / "metadata.json").read_text())["files"]
    rows = []
    for fid, m in sorted(meta.items()):
        path = bench / "html" / f"{fid}.html.gz"
        if not path.exists():
            continue
        page = Page.from_bytes(gzip.decompress(path.read_bytes()), name=fid)
        if page.kind == "html":
            rows.append((m.get("domain", fid), m["page_type"], kind.evidence(page)))
    return rows


def _decide(e: kind.Evidence, beta: list[float], names: list[str]) -> bool:
    """:func:`broadsheet.html.kind.decides_listing` with these weights."""
    saved = dict(kind._WEIGHTS)
    kind._WEIGHTS.clear()
    kind._WEIGHTS.update(zip(names, beta, strict=True))
    try:
        return kind.decides_listing(e)
    finally:
        kind._WEIGHTS.clear()
        kind._WEIGHTS.update(saved)


def _report(rows: list[tuple[str, str, kind.Evidence]], beta: list[float], names: list[str]) -> str:
    arts = [_decide(e, beta, names) for _, t, e in rows if t == "article"]
    lists = [_decide(e, beta, names) for _, t, e in rows if t != "article"]
    return (
        f"article {1 - sum(arts) / max(1, len(arts)):.3f} (n={len(arts)}), "
        f"listing+collection {sum(lists) / max(1, len(lists)):.3f} (n={len(lists)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=_BENCH)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--listing-weight", type=float, default=2.0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--cache", type=Path, help="keep the evidence in this pickle between runs")
    a = ap.parse_args()
    if a.cache and a.cache.exists():
        rows = pickle.loads(a.cache.read_bytes())
    else:
        rows = _load(a.bench)
        if a.cache:
            a.cache.write_bytes(pickle.dumps(rows))
    names = list(kind.features(kind.Evidence(content=True)))
    sites = sorted({site for site, _, _ in rows})
    random.Random(a.seed).shuffle(sites)
    half = set(sites[: len(sites) // 2])

    def weights(part: list[tuple[str, str, kind.Evidence]]) -> list[float]:
        x = [[kind.features(e)[n] for n in names] for _, _, e in part]
        y = [float(t != "article") for _, t, _ in part]
        w = [a.listing_weight if v else 1.0 for v in y]
        return fit(x, y, w, a.l2)

    for name, fitting, held in (
        ("A", [r for r in rows if r[0] in half], [r for r in rows if r[0] not in half]),
        ("B", [r for r in rows if r[0] not in half], [r for r in rows if r[0] in half]),
    ):
        beta = weights(fitting)
        print(f"fit on half {name}: fitting {_report(fitting, beta, names)}")
        print(f"              held out {_report(held, beta, names)}")
    beta = weights(rows)
    print(f"fit on all: {_report(rows, beta, names)}")
    print("_WEIGHTS = {")
    for n, b in zip(names, beta, strict=True):
        print(f'    "{n}": {b:.2f},')
    print("}")


if __name__ == "__main__":
    main()
