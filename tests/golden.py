"""Where the writers' golden files live and how they are made (see regen_golden.py)."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from broadsheet.jsonform import loads
from broadsheet.model import Document
from broadsheet.plugin import WriteOptions

__all__ = ["GOLDEN", "GOLDEN_OPTIONS", "WRITERS", "golden_inputs"]

GOLDEN = Path(__file__).parent / "golden"
WRITERS = ("rss", "atom", "jsonfeed", "markdown", "jsonl", "json")
GOLDEN_OPTIONS = WriteOptions(
    feed_url="https://feeds.example.org/harbour.xml",
    now=dt.datetime(2025, 4, 12, 9, 0, tzinfo=dt.UTC),
    single=True,
)


@cache
def golden_inputs() -> dict[str, Document]:
    """The golden inputs by name: ``article`` and ``listing``."""
    return {
        path.stem: loads(path.read_text("utf-8"))
        for path in sorted((GOLDEN / "inputs").glob("*.json"))
    }
