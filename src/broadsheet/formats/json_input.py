"""Reads broadsheet's own JSON back: one document, an array, or JSON Lines.

So ``broadsheet parse out.json --to rss`` works on what ``--to json``
wrote, and archives of ``.jsonl`` convert to any writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from broadsheet.hookspecs import hookimpl
from broadsheet.jsonform import iter_json_documents
from broadsheet.model import Document
from broadsheet.page import JSON_VALUE, Page
from broadsheet.plugin import Format

__all__ = ["BroadsheetJson"]


def _first_value(page: Page) -> object:
    if JSON_VALUE in page.memo:
        return page.memo[JSON_VALUE]
    text = page.text
    try:
        try:
            return json.loads(text)
        except ValueError:
            for line in text.split("\n"):
                if line.strip():
                    return json.loads(line)
    except RecursionError:  # nested too deep for the json module (found by the fuzzer)
        raise ValueError("JSON nested too deep to read") from None
    return None


class BroadsheetJson(Format):
    name = "broadsheet-json"
    kinds = ("json",)
    generic = True
    description = "broadsheet's own JSON form (object, array or JSON Lines)"

    def sniff(self, page: Page) -> float:
        try:
            value = _first_value(page)
        except ValueError:
            return 0.0
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, dict) and value.get("type") in ("article", "listing"):
            return 1.0 if "schema_version" in value else 0.8
        return 0.0

    def parse(self, page: Page) -> Document:
        for doc in self.parse_many(page):
            return doc
        raise ValueError("no document in the JSON")

    def parse_many(self, page: Page) -> Iterator[Document]:
        if JSON_VALUE in page.memo:  # parsed once already, by the page's kind detection
            yield from iter_json_documents(page.text, page.memo[JSON_VALUE])
        else:
            yield from iter_json_documents(page.text)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [BroadsheetJson()]
