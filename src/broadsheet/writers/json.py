"""The JSON and JSON Lines writers (the contract form of :mod:`broadsheet.jsonform`).

``json`` writes one document as a bare object when ``options.single`` is set
(``broadsheet parse`` with one input does that) and otherwise a JSON array,
streamed element by element. ``jsonl`` writes one compact document per line,
as each comes, so memory stays constant however many there are. The
``broadsheet-json`` format reads both back
(:func:`broadsheet.jsonform.iter_json_documents`). Text is kept exactly: a
lone surrogate is written as its JSON escape.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from broadsheet.hookspecs import hookimpl
from broadsheet.jsonform import dumps, iter_json_documents
from broadsheet.model import Document
from broadsheet.plugin import WriteOptions, Writer

__all__ = ["JsonLinesWriter", "JsonWriter", "iter_json_documents"]


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of JSON text; a lone surrogate (which UTF-8 cannot hold) is
    written as its JSON escape (``\\ud800``), so it reads back exactly."""
    return text.encode("utf-8", errors="backslashreplace")


class JsonWriter(Writer):
    name = "json"
    extension = ".json"
    media_type = "application/json"
    many = True
    streaming = True
    layout = "files"
    reads_back_with = "broadsheet-json"
    description = "broadsheet's JSON form: one object, or an array of several"

    def write(
        self, docs: Iterable[Document], stream: BinaryIO, options: WriteOptions | None = None
    ) -> None:
        options = options or WriteOptions()
        if options.single:
            items = list(docs)
            if len(items) != 1:
                raise ValueError(f"single output needs exactly one document, got {len(items)}")
            stream.write(_utf8(dumps(items[0], indent=options.indent)) + b"\n")
            return
        sep = b"\n" if options.indent is not None else b""
        stream.write(b"[")
        first = True
        for doc in docs:
            stream.write((b"" if first else b",") + sep)
            first = False
            text = dumps(doc, indent=options.indent)
            if options.indent:
                text = "\n".join(" " * options.indent + line for line in text.split("\n"))
            stream.write(_utf8(text))
        stream.write(sep + b"]\n")


class JsonLinesWriter(Writer):
    name = "jsonl"
    extension = ".jsonl"
    media_type = "application/x-ndjson"
    many = True
    streaming = True
    layout = "lines"
    reads_back_with = "broadsheet-json"
    description = "JSON Lines: one compact document per line, streamed"

    def write(
        self, docs: Iterable[Document], stream: BinaryIO, options: WriteOptions | None = None
    ) -> None:
        for doc in docs:
            stream.write(_utf8(dumps(doc, indent=None)) + b"\n")


@hookimpl
def broadsheet_writers() -> list[Writer]:
    return [JsonWriter(), JsonLinesWriter()]
