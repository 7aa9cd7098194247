"""Article-body quality and speed of the two generic HTML article formats, beside trafilatura.

Usage: ``python benchmarks/html_body.py [--limit N]`` (needs ``../shared``).

Runs ``../shared/tools/bodyeval.py`` (181 real news pages with hand-checked
bodies; word 4-gram F1) twice with ``--peer trafilatura``: once with
``broadsheet parse --to jsonl --format generic-html-article`` and once with
``--format trafilatura-html-article``, so each line pair compares our command
(start-up included) with trafilatura's own ``extract`` from the same run.
Aims: the built-in format at F1 >= 0.90 and >= 3x trafilatura's pages/s; the
trafilatura-backed one at F1 >= trafilatura's.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODYEVAL = ROOT.parent / "shared" / "tools" / "bodyeval.py"
BROADSHEET = Path(sys.executable).with_name("broadsheet")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N pages")
    args = ap.parse_args()
    if not BODYEVAL.exists():
        raise SystemExit(f"{BODYEVAL}: absent (the benchmark lives in ../shared)")
    for fmt in ("generic-html-article", "trafilatura-html-article"):
        cmd = [
            sys.executable,
            str(BODYEVAL),
            "--peer",
            "trafilatura",
            "--cmd",
            f"{BROADSHEET} parse --to jsonl --format {fmt}",
        ]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        print(f"== {fmt}", flush=True)
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
