"""Regenerate the expected JSON of format fixtures from the current code.

Usage: ``python tests/regen_fixtures.py [FORMAT-NAME...]`` (all formats when
none is named). Run it only after a deliberate change, and review the diff
of the ``.json`` files before committing: they are the specification.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fixtures import cases, comparable

from broadsheet.registry import get_registry


def main(names: list[str]) -> None:
    registry = get_registry()
    for case in cases():
        if names and case.format not in names:
            continue
        doc = registry.parse(case.page(), case.format)
        text = json.dumps(comparable(doc), ensure_ascii=False, indent=2) + "\n"
        old = case.expected_path.read_text("utf-8") if case.expected_path.exists() else None
        if text != old:
            case.expected_path.write_text(text, "utf-8")
            print(f"wrote {case.expected_path}")


if __name__ == "__main__":
    main(sys.argv[1:])
