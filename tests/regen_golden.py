"""Regenerate the writers' golden files from the current code.

Usage: ``python tests/regen_golden.py``. Each writer writes the two inputs
in ``tests/golden/inputs`` (one article, one listing, written for this
project) to ``tests/golden/<writer>/<input><extension>`` with the fixed
options of :data:`GOLDEN_OPTIONS`. Review the diff before committing: a
changed golden file is a changed output format.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from golden import GOLDEN, GOLDEN_OPTIONS, WRITERS, golden_inputs

from broadsheet.registry import get_registry


def render(writer_name: str, input_name: str) -> bytes:
    writer = get_registry().writer(writer_name)
    stream = io.BytesIO()
    writer.write([golden_inputs()[input_name]], stream, GOLDEN_OPTIONS)
    return stream.getvalue()


def main() -> None:
    for writer_name in WRITERS:
        extension = get_registry().writer(writer_name).extension
        for input_name in golden_inputs():
            path = GOLDEN / writer_name / f"{input_name}{extension}"
            data = render(writer_name, input_name)
            if not path.exists() or path.read_bytes() != data:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                print(f"wrote {path}")


if __name__ == "__main__":
    main()
