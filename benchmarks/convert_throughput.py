"""``broadsheet convert`` throughput (documents/s) for --jobs 1 and 2, and its overhead.

Usage: ``python benchmarks/convert_throughput.py [--count 20000] [--runs 2] [--jobs 1 2]
[--no-overhead] [--ceiling]``

1. Builds a zip of COUNT pages from the fixtures (``convert_corpus.py``).
2. Runs ``broadsheet convert corpus.zip --to jsonl -o out.jsonl --jobs N -q``
   RUNS times per N (interleaved, best time kept; wall clock including
   start-up) and prints documents/s and the speed-up over --jobs 1, with
   the CPU time of the whole process tree (``os.wait4``): on a busy
   machine the wall-clock speed-up is meaningless, but the ratio of CPU
   times still shows what parallelism costs. Every round is printed with
   the load average, and the main process's CPU time at --jobs 2 as the
   serial fraction (the part the workers cannot share).
3. Overhead: in one process, times (CPU time of the process, so that other
   load on the machine matters less) (a) the bare loop — every page already
   in memory, ``Page.from_bytes`` + ``registry.parse_many`` — and (b) the same
   loop plus the JSON Lines serialisation, against (c) ``convert.run`` with
   ``jobs=1`` on the zip (reading, accounting, writing), in RUNS interleaved
   rounds, best of each. Prints (c)/(a) and (c)/(b).

4. ``--ceiling``: what two cores give two *independent* processes, the bound
   on any speed-up of ours. The corpus is split into two zips of half the
   pages each; ``--jobs 1`` converts them one after the other, then both at
   once, RUNS interleaved rounds. Prints the wall-clock ratio (sequential /
   concurrent: 2.0 on two idle cores that do not slow each other down) and
   the CPU-time ratio (concurrent / sequential: above 1.0 when two busy
   processes run slower side by side — shared cache, memory bandwidth,
   clock — or when other load on the machine competes with them).

The machine may be shared: run it when it is quiet, and read the load
average printed at the start and the end.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from convert_corpus import descendants, make_archive


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cli(corpus: Path, out: Path, jobs: int) -> tuple[float, float, float, float]:
    """Wall-clock seconds, CPU seconds (user + system, main process and workers), the
    largest single process's CPU seconds and the main process's, of one run.

    The main process's CPU comes from ``os.wait4``; the workers' (children
    of multiprocessing's fork server, which nobody waits for) from sampling
    ``/proc/PID/stat`` every 20 ms, so a worker's last 20 ms may be missed.
    """
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "broadsheet", "convert", str(corpus), "--to", "jsonl"]
    cmd += ["-o", str(out), "--jobs", str(jobs), "-q"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: dict[int, float] = {}
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        for child in descendants(proc.pid):
            workers[child] = max(workers.get(child, 0.0), _cpu_seconds(child))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"convert failed with status {code}")
    main_cpu = usage.ru_utime + usage.ru_stime
    total = main_cpu + sum(workers.values())
    return elapsed, total, max([main_cpu, *workers.values()]), main_cpu


def _halves(corpus: Path, tmp: Path) -> list[Path]:
    """The corpus split into two zips of half the members each (same compression)."""
    halves = [tmp / "half-1.zip", tmp / "half-2.zip"]
    with zipfile.ZipFile(corpus) as source:
        infos = source.infolist()
        middle = len(infos) // 2
        for path, part in zip(halves, (infos[:middle], infos[middle:]), strict=True):
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
                for info in part:
                    out.writestr(info.filename, source.read(info))
    return halves


def _together(halves: list[Path], tmp: Path, concurrent: bool) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``--jobs 1`` on each half, at once or one by one."""

    def cmd(half: Path) -> list[str]:
        out = str(tmp / f"{half.stem}.jsonl")
        return [sys.executable, "-m", "broadsheet", "convert", str(half), "--to", "jsonl",
                "-o", out, "--jobs", "1", "-q", "--overwrite"]  # fmt: skip

    cmds = [cmd(half) for half in halves]
    start = time.perf_counter()
    cpu = 0.0
    groups = [cmds] if concurrent else [[one] for one in cmds]
    for group in groups:
        procs = [
            subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in group
        ]
        for proc in procs:
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                raise SystemExit(f"convert failed on {group}")
            cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu


def _ceiling(corpus: Path, tmp: Path, rounds: int) -> None:
    halves = _halves(corpus, tmp)
    best: dict[bool, tuple[float, float]] = {}
    for _ in range(rounds):
        for concurrent in (False, True):
            wall, cpu = _together(halves, tmp, concurrent)
            how = "at once" if concurrent else "one after the other"
            print(
                f"  round: two halves {how}: {wall:.2f} s wall, {cpu:.2f} s CPU, "
                f"load {os.getloadavg()[0]:.2f}"
            )
            if wall < best.get(concurrent, (float("inf"), 0.0))[0]:
                best[concurrent] = (wall, cpu)
    (seq_wall, seq_cpu), (con_wall, con_cpu) = best[False], best[True]
    print(
        f"ceiling: two independent --jobs 1 runs at once go x{seq_wall / con_wall:.2f} "
        f"as fast as one after the other; CPU time x{con_cpu / seq_cpu:.3f} "
        "(above 1: two busy processes slow each other down)"
    )


def _overhead(corpus: Path, tmp: Path, rounds: int) -> tuple[float, float, float, int]:
    from broadsheet.convert import ConvertOptions, run
    from broadsheet.jsonform import dumps
    from broadsheet.page import Page
    from broadsheet.registry import ParseError, get_registry

    registry = get_registry()
    with zipfile.ZipFile(corpus) as zf:
        pages = [(i.filename, zf.read(i)) for i in zf.infolist()]
    run(
        ConvertOptions(
            inputs=[str(corpus)],
            to="jsonl",
            output=str(tmp / "warm.jsonl"),
            quiet=True,
            overwrite=True,
        )
    )  # warm caches and imports

    def loop(serialise: bool) -> float:
        sink = io.BytesIO()
        start = time.process_time()
        for name, data in pages:
            try:
                page = Page.from_bytes(data, name=str(corpus), position=name)
                for doc in registry.parse_many(page):
                    if serialise:
                        sink.write(dumps(doc, indent=None).encode("utf-8") + b"\n")
            except ParseError:
                pass
        return time.process_time() - start

    def convert_run() -> float:
        start = time.process_time()
        run(
            ConvertOptions(
                inputs=[str(corpus)],
                to="jsonl",
                output=str(tmp / "run.jsonl"),
                quiet=True,
                overwrite=True,
            )
        )
        return time.process_time() - start

    # interleaved rounds, best of each: other load on the machine hits all three alike
    bare, serialised, times = [], [], []
    for _ in range(rounds):
        bare.append(loop(False))
        serialised.append(loop(True))
        times.append(convert_run())
    return min(bare), min(serialised), min(times), len(pages)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--no-overhead", action="store_true")
    ap.add_argument("--ceiling", action="store_true", help="also measure the hardware ceiling")
    args = ap.parse_args()
    print(f"cpus: {os.cpu_count()}, load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        corpus = tmp / "corpus.zip"
        kinds = make_archive(corpus, args.count)
        print(f"corpus: {args.count} pages {kinds}, {corpus.stat().st_size / 1e6:.1f} MB zip")
        best: dict[int, float] = {}
        cpu: dict[int, float] = {}
        largest: dict[int, float] = {}
        parent: dict[int, float] = {}
        for _ in range(args.runs):
            for jobs in args.jobs:
                elapsed, used, single, main_cpu = _cli(corpus, tmp / "out.jsonl", jobs)
                print(
                    f"  round: --jobs {jobs}: {elapsed:.2f} s wall, {used:.2f} s CPU "
                    f"(main process {main_cpu:.2f} s), load {os.getloadavg()[0]:.2f}"
                )
                if elapsed < best.get(jobs, float("inf")):
                    best[jobs], cpu[jobs], largest[jobs] = elapsed, used, single
                    parent[jobs] = main_cpu
        base = best.get(1)
        for jobs in args.jobs:
            rate = args.count / best[jobs]
            speedup = f"  x{base / best[jobs]:.2f} vs --jobs 1" if base else ""
            print(
                f"--jobs {jobs}: {best[jobs]:.2f} s wall, {cpu[jobs]:.2f} s CPU, "
                f"{rate:,.0f} documents/s{speedup}"
            )
        if 1 in cpu and 2 in cpu:
            # On two idle cores a run takes at least its CPU time spread over both, and at
            # least the CPU time of its busiest process: the speed-up it could reach.
            ideal = max(cpu[2] / 2, largest[2])
            print(
                f"--jobs 2: CPU time x{cpu[2] / cpu[1]:.2f} of --jobs 1's, busiest process "
                f"{largest[2]:.2f} s; speed-up bound on two idle cores: x{cpu[1] / ideal:.2f}"
            )
            # The main process's CPU is the run's serial part: listing the inputs, the pool's
            # pickling and bookkeeping, ordering, the sink's writes, start-up.
            print(
                f"--jobs 2: main process {parent[2]:.2f} s CPU = serial fraction "
                f"{parent[2] / cpu[2]:.1%} of the run's CPU"
            )
        if args.ceiling:
            _ceiling(corpus, tmp, args.runs)
        if not args.no_overhead:
            bare, serialised, run_time, inputs = _overhead(corpus, tmp, args.runs)
            print(
                f"parse loop (pages in memory): {bare:.2f} s; with JSON Lines: {serialised:.2f} s"
            )
            print(f"convert.run --jobs 1 ({inputs} inputs): {run_time:.2f} s")
            print(
                f"overhead ratio: {run_time / bare:.2f} over the parse loop, "
                f"{run_time / serialised:.2f} over parse + serialise"
            )
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
