"""Article extraction on every dev set in one run: ours, trafilatura, and a bare all-text baseline.

Usage: ``python benchmarks/accuracy.py [--limit N] [--sets wcxb,zyte,dragnet]``
(needs ``../shared``).

Sets (``../shared/bench``): ``wcxb`` — the WCXB dev split's article pages
(word-level F1 of the body, and title / author / date / kind as
``tools/wcxbeval.py`` judges them); ``zyte`` and ``dragnet`` — body F1 on
word 4-gram shingles as ``tools/bodyeval.py`` computes it. Systems:

- ``broadsheet``: ``broadsheet parse --to jsonl`` on every page in one call
  (start-up included), with the trafilatura format blocked
  (``BROADSHEET_BLOCK``) — the default install's path;
- ``trafilatura`` (when installed): in this process, as the shared tools run
  it (``bare_extraction`` for WCXB, ``extract`` — comments included — for the
  body sets);
- ``all-text``: every visible text of ``<body>`` (scripts and styles left
  out), the floor any extractor must clear.

Prints one Markdown table: body F1, date, author, title, kind, pages/s.
Issue 12's bars: broadsheet's body F1 >= trafilatura's on every set, its
date/author/title >= trafilatura's on WCXB, and >= 3x its pages/s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BROADSHEET = Path(sys.executable).with_name("broadsheet")
sys.path.insert(0, str(SHARED / "tools"))


def _cases(name: str, limit: int | None) -> list[tuple[str, Path, dict[str, Any]]]:
    bench = SHARED / "bench" / ("wcxb-dev" if name == "wcxb" else name)
    out = []
    if name == "wcxb":
        meta = json.loads((bench / "metadata.json").read_text())["files"]
        for fid, m in sorted(meta.items()):
            gt_file = bench / "ground-truth" / f"{fid}.json"
            if m["page_type"] == "article" and gt_file.exists():
                gt = json.loads(gt_file.read_text())["ground_truth"]
                out.append((fid, bench / "html" / f"{fid}.html.gz", gt))
    else:
        truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
        out = [(k, bench / "html" / f"{k}.html.gz", truth[k]) for k in sorted(truth)]
    return out[:limit] if limit else out


def _ours(files: list[Path]) -> tuple[list[dict[str, Any]], float]:
    env = dict(os.environ, BROADSHEET_BLOCK="trafilatura-html-article")
    t0 = time.perf_counter()
    run = subprocess.run(
        [str(BROADSHEET), "parse", "--to", "jsonl", *map(str, files)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    secs = time.perf_counter() - t0
    by_input = {}
    for line in run.stdout.splitlines():
        if line.strip():
            doc = json.loads(line)
            by_input[(doc.get("source") or {}).get("input")] = doc
    return [by_input.get(str(f), {}) for f in files], secs


def _trafilatura(name: str, htmls: list[str]) -> tuple[list[dict[str, Any]], float] | None:
    try:
        import trafilatura
    except ImportError:
        return None
    import wcxbeval

    t0 = time.perf_counter()
    if name == "wcxb":
        docs = [wcxbeval.trafilatura_doc(h) for h in htmls]
    else:
        docs = [{"body": [{"text": trafilatura.extract(h) or ""}]} for h in htmls]
    return docs, time.perf_counter() - t0


def _all_text(htmls: list[str]) -> tuple[list[dict[str, Any]], float]:
    import lxml.html

    t0 = time.perf_counter()
    docs = []
    for h in htmls:
        try:
            root = lxml.html.document_fromstring(h.encode("utf-8"))
        except Exception:  # an unparseable page has no text
            docs.append({})
            continue
        for el in root.iter("script", "style", "noscript", "template"):
            el.text = None
        body = root.find("body")
        text = " ".join((body if body is not None else root).text_content().split())
        docs.append({"type": "article", "body": [{"text": text}]})
    return docs, time.perf_counter() - t0


def _row(name: str, cases: list[Any], docs: list[dict[str, Any]], secs: float) -> dict[str, str]:
    import bodyeval
    import wcxbeval

    if name == "wcxb":
        pairs = zip(cases, docs, strict=True)
        judged = [wcxbeval.judge("article", gt, d) for (_, _, gt), d in pairs]

        def share(key: str) -> str:
            values = [j[key] for j in judged if j[key] is not None]
            return f"{sum(values) / len(values):.3f}" if values else "-"

        f1 = sum(j["f1"] for j in judged) / len(judged)
        return {"F1": f"{f1:.3f}", "date": share("date"), "author": share("author"),
                "title": share("title"), "kind": share("kind"),
                "pages/s": f"{len(cases) / secs:.1f}"}  # fmt: skip
    rows = [
        bodyeval.tp_fp_fn(gt["articleBody"], " ".join(wcxbeval.texts(d.get("body") or [])))
        for (_, _, gt), d in zip(cases, docs, strict=True)
    ]
    _, _, f1 = bodyeval.metrics(rows)
    return {"F1": f"{f1:.3f}", "date": "-", "author": "-", "title": "-", "kind": "-",
            "pages/s": f"{len(cases) / secs:.1f}"}  # fmt: skip


def unpack(
    cases: list[tuple[str, Path, dict[str, Any]]], into: Path
) -> tuple[list[Path], list[str]]:
    """Write each case's gzipped page into ``into`` as ``<id>.html``.

    Returns the files (what ``broadsheet parse`` reads) and their text (what the
    in-process peers read), in the cases' order.
    """
    files = []
    for fid, path, _ in cases:
        f = into / f"{fid}.html"
        f.write_bytes(gzip.decompress(path.read_bytes()))
        files.append(f)
    return files, [f.read_bytes().decode("utf-8", "replace") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N pages of each set")
    ap.add_argument("--sets", default="wcxb,zyte,dragnet")
    args = ap.parse_args()
    if not (SHARED / "tools" / "wcxbeval.py").exists():
        raise SystemExit(f"{SHARED}: absent (the dev sets live in ../shared)")
    table = []
    for name in args.sets.split(","):
        cases = _cases(name, args.limit)
        with tempfile.TemporaryDirectory() as tmp:
            files, htmls = unpack(cases, Path(tmp))
            docs, secs = _ours(files)
            table.append((name, "broadsheet", _row(name, cases, docs, secs)))
            peer = _trafilatura(name, htmls)
            if peer is not None:
                table.append((name, "trafilatura", _row(name, cases, *peer)))
            table.append((name, "all-text", _row(name, cases, *_all_text(htmls))))
        print(f"{name}: {len(cases)} pages done", file=sys.stderr)
    cols = ["F1", "date", "author", "title", "kind", "pages/s"]
    print("| set | system | body " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for name, system, row in table:
        print(f"| {name} | {system} | " + " | ".join(row[c] for c in cols) + " |")
    print(f"\ncommand: {shlex.join(sys.argv)}", file=sys.stderr)


if __name__ == "__main__":
    main()
