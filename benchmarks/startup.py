"""CLI start-up time against bare ``import lxml.html``, measured in one run.

Usage: ``python benchmarks/startup.py [--runs N] [FILE]``

Runs each command N times (interleaved, so machine load affects all alike)
and prints, for each, the median wall-clock time and its ratio to
``python -c "import lxml.html"``, and the median CPU time (user + system,
from ``os.wait4``) with its ratio: on a shared machine the CPU times move
less than the wall clock. FILE (default: the sample capture in ``examples/``)
is the page given to ``broadsheet parse``.

As an installed package runs: ``PYTHONDONTWRITEBYTECODE`` is dropped from the
commands' environment and each command runs once before the measured rounds,
so that every module is imported from its cached bytecode (otherwise the
figures measure Python compiling our sources). The load average is printed at
the start and the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of ``cmd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)}: failed")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples/captures/red-valley-tag.txt"))
    args = ap.parse_args()
    py = sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {
        "import lxml.html": [py, "-c", "import lxml.html"],
        "broadsheet --version": [py, "-m", "broadsheet", "--version"],
        "broadsheet parse": [py, "-m", "broadsheet", "parse", args.file],
    }
    print(f"load average at start: {os.getloadavg()}")
    for cmd in commands.values():
        _run(cmd, env)  # writes the bytecode caches
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            w, c = _run(cmd, env)
            wall[name].append(w)
            cpu[name].append(c)
    base_wall = statistics.median(wall["import lxml.html"])
    base_cpu = statistics.median(cpu["import lxml.html"])
    print(f"{'command':24} {'wall':>9} {'ratio':>6} {'CPU':>9} {'ratio':>6}")
    for name in commands:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(
            f"{name:24} {w * 1000:6.1f} ms {w / base_wall:5.2f}x "
            f"{c * 1000:6.1f} ms {c / base_cpu:5.2f}x"
        )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
