"""Peak resident memory of ``broadsheet convert`` on 2,000 vs 20,000 documents.

Usage: ``python benchmarks/convert_memory.py [--counts 2000 20000] [--to jsonl] [--jobs 1]``

For each count, builds a zip of that many fixture pages
(``convert_corpus.py``), runs ``broadsheet convert corpus.zip --to TO -o OUT
--jobs N -q`` and reads the command's peak resident set size from
``os.wait4`` (``ru_maxrss``: the main process; with ``--jobs`` above 1 the
workers are measured by sampling their ``VmHWM`` in ``/proc`` as they run).
Prints each peak and the ratio of the largest count's peak to the smallest's
(the aim: below 1.2, memory does not grow with the number of documents).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from convert_corpus import descendants, make_archive


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(cmd: list[str]) -> tuple[int, int, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: dict[int, int] = {}
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        for child in descendants(proc.pid):
            workers[child] = max(workers.get(child, 0), _hwm_kb(child))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"convert failed with status {code}: {' '.join(cmd)}")
    return usage.ru_maxrss, max(workers.values(), default=0), elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--counts", type=int, nargs="+", default=[2_000, 20_000])
    ap.add_argument("--to", default="jsonl")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    peaks: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for count in args.counts:
            corpus = tmp / f"corpus-{count}.zip"
            make_archive(corpus, count)
            out = tmp / (f"out-{count}" + (".jsonl" if args.to == "jsonl" else ""))
            cmd = [sys.executable, "-m", "broadsheet", "convert", str(corpus), "--to", args.to]
            cmd += ["-o", str(out), "--jobs", str(args.jobs), "-q"]
            main_kb, worker_kb, elapsed = run_measured(cmd)
            peaks[count] = main_kb + worker_kb * (args.jobs if args.jobs > 1 else 0)
            workers = f", largest worker {worker_kb / 1024:.1f} MiB" if args.jobs > 1 else ""
            print(
                f"{count:>7} documents --to {args.to} --jobs {args.jobs}: main process "
                f"{main_kb / 1024:.1f} MiB{workers}; {elapsed:.1f} s"
            )
    small, large = min(args.counts), max(args.counts)
    print(f"peak ratio {large} vs {small}: {peaks[large] / peaks[small]:.3f}")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
