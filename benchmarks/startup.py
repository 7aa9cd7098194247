"""CLI start-up time against bare ``import lxml.html``, measured in one run.

Usage: ``python benchmarks/startup.py [--runs N] [FILE]``

Runs each command N times (interleaved, so machine load affects all alike)
and prints the median wall-clock time of each and its ratio to
``python -c "import lxml.html"``. FILE (default: the sample capture in
``examples/``) is the page given to ``broadsheet parse``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples/captures/red-valley-tag.txt"))
    args = ap.parse_args()
    py = sys.executable
    commands = {
        "import lxml.html": [py, "-c", "import lxml.html"],
        "broadsheet --version": [py, "-m", "broadsheet", "--version"],
        "broadsheet parse": [py, "-m", "broadsheet", "parse", args.file],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["import lxml.html"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:24} {median * 1000:7.1f} ms  {median / base:5.2f}x")


if __name__ == "__main__":
    main()
