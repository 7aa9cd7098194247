"""In-process throughput of the plain-text formats: detection + parse.

Usage: ``python benchmarks/text_throughput.py [--seconds 2] [--seeds ../shared/seeds]``

Inputs: the seeds in ``../shared/seeds`` (when present) and every text
fixture under ``tests/fixtures/formats/``. Each page is built once from its
bytes per round (so decoding counts too), detected with every registered
format and parsed by the winner, as ``broadsheet parse`` does. Prints:

- pages/s and MB/s over all inputs;
- the time of detection + parse of a ~10 KB capture (the largest input —
  the Popular Resistance seed, 11 KB — or, without the seeds, the largest
  fixture repeated up to 10 KB), divided by the number of registered text
  formats — the aim is well under 1 ms per format;
- each format's own sniff cost on that capture.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

from broadsheet import Page
from broadsheet.registry import get_registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "formats"


def inputs(seeds: Path) -> list[tuple[str, bytes]]:
    """The seeds (if present) and the text fixtures, as ``(name, bytes)``."""
    found = [(f"seed/{p.name}", p.read_bytes()) for p in sorted(seeds.glob("*.txt"))]
    found += [
        (f"{p.parent.name}/{p.name}", p.read_bytes()) for p in sorted(FIXTURES.glob("*/*.txt"))
    ]
    if not found:
        raise SystemExit("no text inputs found")
    return found


def _run(data: bytes, name: str) -> None:
    registry = get_registry()
    page = Page.from_bytes(data, name=name)
    registry.parse(page)


def _timed(fn, seconds: float) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    rounds, start = 0, time.perf_counter()
    while True:
        fn()
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return rounds, elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    pages = inputs(args.seeds)
    registry = get_registry()
    text_formats = [f for f in registry.formats.values() if "text" in f.kinds]
    total = sum(len(d) for _, d in pages)

    def all_pages() -> None:
        for name, data in pages:
            _run(data, name)

    all_pages()  # warm up (imports, regex compilation)
    rounds, elapsed = _timed(all_pages, args.seconds)
    n = rounds * len(pages)
    print(f"inputs: {len(pages)} text pages, {total / 1024:.1f} KiB in all")
    print(f"detect + parse: {n / elapsed:,.0f} pages/s, {rounds * total / elapsed / 1e6:.2f} MB/s")

    big = max((d for _, d in pages), key=len)
    if len(big) < 10_000:  # no seeds: repeat the largest fixture up to 10 KB
        big = (big.rstrip() + b"\n\n") * (10_000 // len(big) + 1)
    rounds, elapsed = _timed(lambda: _run(big, "big.txt"), args.seconds)
    per_page = elapsed / rounds * 1000
    page = Page.from_bytes(big, name="big.txt")
    winner = registry.detect(page)[0].format.name
    print(
        f"{len(big) / 1024:.1f} KiB capture ({winner}): {per_page:.3f} ms detect + parse, "
        f"{per_page / len(text_formats):.3f} ms per registered text format "
        f"({len(text_formats)} formats)"
    )
    for fmt in sorted(text_formats, key=lambda f: f.name):
        rounds, elapsed = _timed(lambda f=fmt: f.sniff(page), args.seconds / 4)
        print(f"  sniff {fmt.name:<28} {elapsed / rounds * 1e6:8.1f} µs")


if __name__ == "__main__":
    main()
