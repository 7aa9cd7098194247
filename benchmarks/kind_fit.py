"""Fit the page-kind weights (:data:`broadsheet.html.kind._WEIGHTS`) on real pages of three sets.

Usage: ``python benchmarks/kind_fit.py [--shared DIR] [--folds K] [--seed N] [--l2 C]
[--listing-weight W] [--older-weight W] [--cache FILE] [--misses]``

Pages (``../shared/bench``): WCXB dev (``metadata.json`` gives each page's type: article
pages should parse as an ``Article``, listing and collection pages as a ``Listing``), and
every page of ``zyte`` and ``dragnet`` (articles; dragnet's are older pages: table layouts,
early blog themes). Each page's :func:`broadsheet.html.kind.evidence` and
:func:`~broadsheet.html.kind.features` feed an L2-regularised logistic regression (Newton's
method, pure Python). Weights: each set's articles count as a whole (``--older-weight`` for
zyte and dragnet together against WCXB's articles), listings ``--listing-weight`` times WCXB's
articles, so the 1,400 dragnet pages do not drown the 190 listings.

Validation is grouped by site: pages of one site (WCXB's ``domain``; the URL's host, else the
site name ending ``<title>``) fall in one fold of ``--folds``, so nothing learned from a site is
checked on it. It prints, per set, the pages :func:`~broadsheet.html.kind.decides_listing`'s
rule decides right on the held-out folds, then fits on every page and prints the weights to
paste into ``kind.py`` with the figures they give on all pages (fitted, so optimistic).

The pages are for measuring only: nothing from them (no text, no names) goes into the
project; the weights are a few numbers about evidence every site shows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import pickle
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

from broadsheet.html import kind
from broadsheet.page import Page

__all__ = ["fit", "main"]

_SHARED = Path(__file__).resolve().parents[2] / "shared"
_TITLE_SPLIT = re.compile(r"\s[|\-–—:·•»]\s")

Row = tuple[str, str, str, kind.Evidence]
"""(set, site, page type, evidence)."""


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


def _site(page: Page, fid: str) -> str:
    """The page's site for grouping: its URL's host, else the site name its title ends with."""
    meta = page.metadata
    url = meta.canonical or meta.opengraph.get("og:url") or page.url
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    parts = _TITLE_SPLIT.split(meta.title or "")
    return parts[-1].strip().lower() if len(parts) > 1 else fid


def _load(shared: Path) -> list[Row]:
    bench = shared / "bench"
    todo: list[tuple[str, str, str | None, str, Path]] = []
    meta = json.loads((bench / "wcxb-dev" / "metadata.json").read_text())["files"]
    for fid, m in sorted(meta.items()):
        todo.append(
            (
                "wcxb",
                fid,
                m.get("domain"),
                m["page_type"],
                bench / "wcxb-dev" / "html" / f"{fid}.html.gz",
            )
        )
    for name in ("zyte", "dragnet"):
        truth = json.loads((bench / name / "ground-truth.json").read_text(encoding="utf-8"))
        todo += [
            (name, k, None, "article", bench / name / "html" / f"{k}.html.gz")
            for k in sorted(truth)
        ]
    rows = []
    for name, fid, domain, kind_, path in todo:
        if not path.exists():
            continue
        page = Page.from_bytes(gzip.decompress(path.read_bytes()), name=fid)
        if page.kind == "html":
            site = f"{name}:{domain or _site(page, fid)}"
            rows.append((name, site, kind_, kind.evidence(page)))
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


def _report(rows: list[Row], said: list[bool]) -> str:
    out = []
    for name, label, listing in (
        ("wcxb", "WCXB articles as Article", False),
        ("wcxb", "WCXB listing+collection as Listing", True),
        ("zyte", "zyte as Article", False),
        ("dragnet", "dragnet as Article", False),
    ):
        got = [
            s
            for r, s in zip(rows, said, strict=True)
            if r[0] == name and (r[2] != "article") is listing
        ]
        right = sum(got) if listing else len(got) - sum(got)
        out.append(f"  {label}: {right}/{len(got)} = {right / max(1, len(got)):.3f}")
    return "\n".join(out)


def _weights(rows: list[Row], listing_weight: float, older_weight: float) -> list[float]:
    count: dict[tuple[str, bool], int] = {}
    for name, _, t, _ in rows:
        key = (name, t != "article")
        count[key] = count.get(key, 0) + 1
    arts = count.get(("wcxb", False), 1)
    older = sum(v for (n, _), v in count.items() if n != "wcxb")
    out = []
    for name, _, t, _ in rows:
        if t != "article":
            out.append(listing_weight * arts / count[(name, True)])
        elif name == "wcxb":
            out.append(1.0)
        else:
            out.append(older_weight * arts / older)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=_SHARED)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--listing-weight", type=float, default=0.5)
    ap.add_argument("--older-weight", type=float, default=1.0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--cache", type=Path, help="keep the evidence in this pickle between runs")
    ap.add_argument(
        "--misses", action="store_true", help="list the pages decided wrong on held-out folds"
    )
    a = ap.parse_args()
    if a.cache and a.cache.exists():
        rows: list[Row] = pickle.loads(a.cache.read_bytes())
    else:
        rows = _load(a.shared)
        if a.cache:
            a.cache.write_bytes(pickle.dumps(rows))
    names = list(kind.features(kind.Evidence(content=True)))
    x = [[kind.features(e)[n] for n in names] for *_, e in rows]
    y = [float(t != "article") for _, _, t, _ in rows]
    w = _weights(rows, a.listing_weight, a.older_weight)
    sites = sorted({r[1] for r in rows})
    random.Random(a.seed).shuffle(sites)
    fold = {s: i % a.folds for i, s in enumerate(sites)}
    said = [False] * len(rows)
    for k in range(a.folds):
        train = [i for i, r in enumerate(rows) if fold[r[1]] != k]
        beta = fit([x[i] for i in train], [y[i] for i in train], [w[i] for i in train], a.l2)
        for i, r in enumerate(rows):
            if fold[r[1]] == k:
                said[i] = _decide(r[3], beta, names)
    print(f"held out ({a.folds} folds by site, {len(sites)} sites):")
    print(_report(rows, said))
    if a.misses:
        for (name, site, t, e), s in zip(rows, said, strict=True):
            if s != (t != "article"):
                print(f"  miss {name} {t} {site} odds(kind.py)={kind.listing_odds(e):.2f} {e}")
    beta = fit(x, y, w, a.l2)
    print("fit on all (fitted pages, optimistic):")
    print(_report(rows, [_decide(r[3], beta, names) for r in rows]))
    print("_WEIGHTS = {")
    for n, b in zip(names, beta, strict=True):
        print(f'    "{n}": {b:.2f},')
    print("}")


if __name__ == "__main__":
    main()
