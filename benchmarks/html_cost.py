"""Cost of each HTML outlet/platform format against bare lxml, detection included.

Usage: ``python benchmarks/html_cost.py [--seconds 1.0] [--pad KB]``

For every non-generic HTML format with fixtures in ``tests/fixtures/formats/<name>/``,
each fixture page is (a) parsed with bare ``lxml.html.fromstring`` on its bytes and
(b) read the way ``broadsheet parse`` reads it: a fresh :class:`~broadsheet.Page`
from the same bytes (decoding), every registered format's ``sniff`` (detection),
then the winner's ``parse``. The ratio (b)/(a) is printed per format; the aim is
1.5 or less. "floor" is what every format starts from — the Page, its tree and
its metadata (``page.py``/``_html.py``), before any format runs. Each time is the
fastest of many runs, the three measured in turn, so that other load on the
machine matters less.

Our fixtures are small (2–6 KB); real pages are 50–300 KB, most of it markup the
formats never look at (scripts, menus, footers). ``--pad KB`` appends that much
inert markup (a ``<script>`` block and a footer menu, as real pages carry) before
``</body>`` to show the ratio at a realistic size; the default pads to 100 KB.
``--clock cpu`` times with the process's CPU clock instead of the wall clock
(steadier on a shared, loaded machine); the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import lxml.html

from broadsheet import Page
from broadsheet.registry import get_registry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "formats"

_MENU = "".join(
    f'<li class="menu-item"><a href="/section-{i}/">Section {i}</a></li>' for i in range(40)
)
_SCRIPT = "var config = {" + ", ".join(f'"key{i}": "value {i}"' for i in range(60)) + "};\n"


def pad(data: bytes, kb: int) -> bytes:
    """``data`` with inert markup inserted before ``</body>`` up to about ``kb`` KB."""
    if kb <= 0 or len(data) >= kb * 1024:
        return data
    chunk = f"<script>{_SCRIPT}</script><footer><ul class='menu'>{_MENU}</ul></footer>\n"
    filler = chunk * ((kb * 1024 - len(data)) // len(chunk) + 1)
    index = data.lower().rfind(b"</body>")
    if index < 0:
        return data + filler.encode()
    return data[:index] + filler.encode() + data[index:]


CLOCK = time.perf_counter


def _best(fn, data: bytes) -> float:  # type: ignore[no-untyped-def]
    start = CLOCK()
    fn(data)
    return CLOCK() - start


def _bare(data: bytes) -> None:
    lxml.html.fromstring(data)


def _floor(data: bytes) -> None:
    page = Page.from_bytes(data)
    page.tree  # noqa: B018 - the shared tree and metadata every format starts from
    page.metadata  # noqa: B018


def measure(pages: list[bytes], name: str, seconds: float) -> tuple[float, float, float]:
    """Per-page best times (bare lxml, floor, ours), the three measured in turn, round after
    round, so that load from other processes hits them alike; summed over the pages."""
    registry = get_registry()

    def ours(data: bytes) -> None:
        doc = registry.parse(Page.from_bytes(data))  # detection, then parse
        if doc.source is None or doc.source.format != name:
            raise SystemExit(f"{name}: a fixture was detected as another format")

    best = [[float("inf")] * 3 for _ in pages]
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        for i, data in enumerate(pages):
            for j, fn in enumerate((_bare, _floor, ours)):
                best[i][j] = min(best[i][j], _best(fn, data))
    a, f, b = (sum(row[j] for row in best) / len(pages) for j in range(3))
    return a, f, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    ap.add_argument("--pad", type=int, default=100, help="pad pages to this many KB (0: as is)")
    ap.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="what to time with")
    args = ap.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    print(f"load average at start: {os.getloadavg()}; clock: {args.clock}")
    registry = get_registry()
    names = sorted(
        f.name
        for f in registry.formats.values()
        if "html" in f.kinds and not f.generic and (FIXTURES / f.name).is_dir()
    )
    print(
        f"{'format':30} {'pages':>5} {'KB/page':>8} {'lxml ms':>8} {'floor ms':>8} "
        f"{'ours ms':>8} {'floor/lxml':>10} {'ratio':>6}"
    )
    for name in names:
        pages = [pad(p.read_bytes(), args.pad) for p in sorted((FIXTURES / name).glob("*.html"))]
        a, f, b = measure(pages, name, args.seconds)
        size = sum(len(p) for p in pages) / len(pages) / 1024
        print(
            f"{name:30} {len(pages):5} {size:8.1f} {a * 1000:8.2f} {f * 1000:8.2f} "
            f"{b * 1000:8.2f} {f / a:10.2f} {b / a:6.2f}"
        )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
