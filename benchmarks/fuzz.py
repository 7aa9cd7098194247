"""The long fuzzing run (issue 16): mutated inputs through every format and writer.

Usage: ``python benchmarks/fuzz.py [--seconds 3600] [--count N] [--seed 1]
[--seeds DIR …] [--out fuzz-findings] [--no-trafilatura]``

Seeds are every file under ``tests/fixtures`` and ``examples`` (or the
``--seeds`` given). Each input is :func:`broadsheet.fuzzing.mutate` of the
seeds and goes through :func:`broadsheet.fuzzing.check` (the page, every
format's sniff and parse, every writer on what was parsed). A finding is
saved once per distinct ``stage: error type`` under ``--out`` (the input
and its traceback) and printed; progress (inputs, inputs/s, findings) goes
to stderr every 30 s. Single process, one core. The exit status is 1 when
anything was found.

The trafilatura format (an optional extra, and by far the slowest) runs on
one input in ``--trafilatura-every`` (default 20) unless ``--no-trafilatura``;
the writers (a third of the time per input) on one in ``--write-every``
(default 1: all).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import warnings
from pathlib import Path

from broadsheet.fuzzing import check, load_seeds, mutate
from broadsheet.registry import get_registry

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3600.0)
    parser.add_argument("--count", type=int, default=None, help="stop after N inputs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=Path, nargs="*", default=None)
    parser.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--max-size", type=int, default=8192)
    parser.add_argument("--trafilatura-every", type=int, default=20)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument(
        "--write-every", type=int, default=1, help="run the writers on one input in N"
    )
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")  # date warnings on mutated dates are expected

    seeds = load_seeds(args.seeds or [ROOT / "tests" / "fixtures", ROOT / "examples"])
    registry = get_registry()
    everything = sorted(registry.formats)
    fast = [name for name in everything if not name.startswith("trafilatura")]
    rng = random.Random(args.seed)
    seen: dict[str, int] = {}
    count = 0
    start = last = time.monotonic()
    print(
        f"{len(seeds)} seeds, {len(everything)} formats, {len(registry.writers)} writers",
        file=sys.stderr,
    )
    while time.monotonic() - start < args.seconds and (args.count is None or count < args.count):
        data = mutate(seeds, rng, max_size=args.max_size)
        slow = not args.no_trafilatura and count % args.trafilatura_every == 0
        url = "https://fuzz.example/page" if count % 3 == 0 else None
        write = count % args.write_every == 0
        findings = check(
            data, url=url, registry=registry, formats=everything if slow else fast, write=write
        )
        count += 1
        for finding in findings:
            key = f"{finding.stage}: {finding.error.split(':', 1)[0]}"
            seen[key] = seen.get(key, 0) + 1
            if seen[key] == 1:
                args.out.mkdir(parents=True, exist_ok=True)
                stem = args.out / f"finding-{len(seen):03d}"
                stem.with_suffix(".bin").write_bytes(data)
                stem.with_suffix(".txt").write_text(f"{finding}\n\n{finding.trace}", "utf-8")
                print(f"NEW {key} -> {stem}.bin", flush=True)
        now = time.monotonic()
        if now - last >= 30:
            last = now
            rate = count / (now - start)
            print(f"{count} inputs, {rate:.0f}/s, {sum(seen.values())} findings", file=sys.stderr)
    elapsed = time.monotonic() - start
    print(f"done: {count} inputs in {elapsed:.0f} s ({count / elapsed:.0f}/s)")
    for key, n in sorted(seen.items()):
        print(f"  {n:7d}  {key}")
    return 1 if seen else 0


if __name__ == "__main__":
    raise SystemExit(main())
