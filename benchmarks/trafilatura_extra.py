"""The trafilatura extra and the default path: is the default still the better and the cheaper?

Usage: ``python benchmarks/trafilatura_extra.py [--limit N] [--sets wcxb,zyte,dragnet]``
(needs ``../shared`` and ``broadsheet[trafilatura]`` installed in this Python).

With the extra installed, ``trafilatura-html-article`` ranks just below the built-in
generic article (issue 12 item 5: the built-in body is the more accurate one, so the
extra changes no default and is chosen by ``--format``). In one run, on the dev sets
of ``benchmarks/accuracy.py``, this prints one table of body F1, date, author, title,
kind and pages/s for:

- ``default (extra)``: ``broadsheet parse --to jsonl`` on every page in one
  call (start-up included), the extra installed — what a user with it gets;
- ``built-in``: the same with the trafilatura format blocked
  (``BROADSHEET_BLOCK``) — the default install's path (the two rows must agree);
- ``--format trafilatura``: the same with ``--format trafilatura-html-article``;
- ``trafilatura``: bare trafilatura in this process, as the shared tools
  run it (``accuracy.py``'s peer).

Then, in this process on the first ``--overhead-pages`` (200) of each set,
our overhead over trafilatura: the time of ``registry.parse`` with the format forced on
the pages it reads, against ``trafilatura.extract`` alone with the
options that format passes (XML, formatting, links, images, tables) on the
same pages — the ratio is what our page reading, sniffing, metadata and
block mapping add.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # the shared machinery: cases, judging, the peer

TRAFILATURA = "trafilatura-html-article"


_SYSTEMS = {
    "default (extra)": ([], False),
    "built-in": ([], True),
    "--format trafilatura": (["--format", "trafilatura-html-article"], False),
}
"""Each system's extra arguments, and whether it blocks the trafilatura format."""


def _parse(files: list[Path], what: str) -> tuple[list[dict[str, Any]], float]:
    extra, block = _SYSTEMS[what]
    env = dict(os.environ)
    if block:
        env["BROADSHEET_BLOCK"] = "trafilatura-html-article"
    else:
        env.pop("BROADSHEET_BLOCK", None)
    t0 = time.perf_counter()
    run = subprocess.run(
        [str(accuracy.BROADSHEET), "parse", "--to", "jsonl", *extra, *map(str, files)],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    secs = time.perf_counter() - t0
    import json

    by_input = {}
    formats: dict[str, int] = {}
    for line in run.stdout.splitlines():
        if line.strip():
            doc = json.loads(line)
            source = doc.get("source") or {}
            by_input[source.get("input")] = doc
            formats[source.get("format")] = formats.get(source.get("format"), 0) + 1
    top = sorted(formats.items(), key=lambda kv: -kv[1])[:3]
    missing = len(files) - len(by_input)
    print(f"  {what}: {missing} pages without a document; formats {top}", file=sys.stderr)
    return [by_input.get(str(f), {}) for f in files], secs


def _overhead(files: list[Path]) -> tuple[float, float, int]:
    """CPU seconds of our parse and of bare ``extract`` (our options) on the pages we give it."""
    from broadsheet.errors import ParseError
    from broadsheet.formats.trafilatura_html import _extract
    from broadsheet.page import Page
    from broadsheet.registry import get_registry

    registry = get_registry()
    ours = bare = 0.0
    n = 0
    for f in files:
        data = f.read_bytes()
        start = time.process_time()
        try:
            doc = registry.parse(Page.from_bytes(data, name=str(f)), TRAFILATURA)
        except ParseError:
            continue
        spent = time.process_time() - start
        if doc.source is None or doc.source.format != TRAFILATURA:
            continue
        text = Page.from_bytes(data, name=str(f)).text
        start = time.process_time()
        _extract(text, None)
        bare += time.process_time() - start
        ours += spent
        n += 1
    return ours, bare, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N pages of each set")
    ap.add_argument("--sets", default="wcxb,zyte,dragnet")
    ap.add_argument("--no-overhead", action="store_true")
    ap.add_argument(
        "--overhead-pages", type=int, default=200, help="pages per set timed for the overhead"
    )
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
    table = []
    costs = []
    for name in args.sets.split(","):
        cases = accuracy._cases(name, args.limit)
        with tempfile.TemporaryDirectory() as tmp:
            files, htmls = accuracy.unpack(cases, Path(tmp))
            for what in _SYSTEMS:
                table.append((name, what, accuracy._row(name, cases, *_parse(files, what))))
            peer = accuracy._trafilatura(name, htmls)
            if peer is None:
                raise SystemExit("trafilatura is not installed in this Python")
            table.append((name, "trafilatura", accuracy._row(name, cases, *peer)))
            if not args.no_overhead:
                costs.append((name, *_overhead(files[: args.overhead_pages])))
        print(f"{name}: {len(cases)} pages done", file=sys.stderr)
    cols = ["F1", "date", "author", "title", "kind", "pages/s"]
    print("| set | system | body " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for name, system, row in table:
        print(f"| {name} | {system} | " + " | ".join(row[c] for c in cols) + " |")
    for name, ours, bare, n in costs:
        print(
            f"\n{name}: {n} pages parsed with --format {TRAFILATURA}: {ours:.2f} s CPU in "
            f"registry.parse vs {bare:.2f} s in trafilatura.extract alone: x{ours / bare:.2f}"
        )
    print(f"load average at end: {os.getloadavg()}", file=sys.stderr)


if __name__ == "__main__":
    main()
