"""The one loader for fixture-driven format tests.

Layout: ``tests/fixtures/formats/<format-name>/<case>.<ext>`` is an input page
written for this project, and ``<case>.json`` beside it is the expected
document in the JSON form, without its ``source`` (which names the input
path). An optional ``<case>.url`` holds the page URL to parse with.

Regenerate the expected files after a deliberate change, then review the
diff: ``python tests/regen_fixtures.py [FORMAT-NAME...]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from broadsheet import Page, to_dict
from broadsheet.model import Document

ROOT = Path(__file__).parent / "fixtures" / "formats"


@dataclass(frozen=True)
class Case:
    format: str
    input: Path

    @property
    def expected_path(self) -> Path:
        return self.input.with_suffix(".json")

    @property
    def id(self) -> str:
        return f"{self.format}/{self.input.name}"

    def url(self) -> str | None:
        path = self.input.with_suffix(".url")
        return path.read_text("utf-8").strip() if path.exists() else None

    def page(self) -> Page:
        return Page.from_bytes(self.input.read_bytes(), url=self.url(), name=self.input.name)

    def expected(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(self.expected_path.read_text("utf-8"))
        return result


def cases(root: Path = ROOT) -> Iterator[Case]:
    """Every fixture case under ``root``, sorted (inputs are files other than .json/.url)."""
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []:
        for path in sorted(folder.iterdir()):
            if (
                path.is_file()
                and path.suffix not in (".json", ".url")
                and not path.name.startswith(".")
            ):
                yield Case(folder.name, path)


def comparable(doc: Document) -> dict[str, Any]:
    """The JSON form of ``doc`` without the top-level ``source`` (it names the input path)."""
    data = to_dict(doc)
    data.pop("source", None)
    return data
