"""The JSON Lines writer: one compact document per line, streamed (it writes
each document as it comes, in constant memory), and read back equal."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import documents

from broadsheet.jsonform import from_dict
from broadsheet.model import Article, Document, Paragraph
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry


class _CountingSink(io.RawIOBase):
    """A binary stream that keeps only a count of bytes and lines."""

    def __init__(self) -> None:
        self.size = 0
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        self.lines += data.count(b"\n")
        return len(data)


def _articles(count: int) -> Iterator[Document]:
    for n in range(count):
        yield Article(
            title=f"Item {n}", summary="A teaser. " * 20, body=[Paragraph(text="Body. " * 200)]
        )


def _peak(count: int) -> tuple[int, _CountingSink]:
    writer = get_registry().writer("jsonl")
    sink = _CountingSink()
    tracemalloc.start()
    try:
        writer.write(_articles(count), sink, WriteOptions())  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink


def test_jsonl_streams_in_constant_memory() -> None:
    small, sink_small = _peak(50)
    large, sink_large = _peak(2000)
    assert sink_small.lines == 50 and sink_large.lines == 2000
    assert sink_large.size > 30 * sink_small.size
    # 40 times the output, the same peak (within what one document needs)
    assert large < small + 200_000, (small, large)


def test_jsonl_writes_each_document_as_it_comes() -> None:
    stream = io.BytesIO()
    seen: list[int] = []

    def docs() -> Iterator[Document]:
        for n in range(3):
            seen.append(stream.getvalue().count(b"\n"))
            yield Article(title=f"t{n}")

    writer = get_registry().writer("jsonl")
    assert writer.streaming and writer.many
    writer.write(docs(), stream, WriteOptions())
    assert seen == [0, 1, 2]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents, max_size=4))
def test_jsonl_round_trip(docs: list[Document]) -> None:
    writer = get_registry().writer("jsonl")
    stream = io.BytesIO()
    writer.write(docs, stream, WriteOptions())
    data = stream.getvalue()
    lines = data.split(b"\n")
    assert lines[-1] == b"" and len(lines) == len(docs) + 1
    assert [from_dict(json.loads(line)) for line in lines[:-1]] == docs
    assert list(get_registry().read_back(writer, data)) == docs


def test_lone_surrogates_are_escaped_not_fatal() -> None:
    doc = Article(title="a\ud800b", summary="\udfff")
    for name in ("jsonl", "json"):
        writer = get_registry().writer(name)
        stream = io.BytesIO()
        writer.write([doc], stream, WriteOptions())
        data = stream.getvalue()
        data.decode("utf-8")  # valid UTF-8
        assert b"\\ud800" in data
        assert list(get_registry().read_back(writer, data)) == [doc]


def test_writer_read_is_deprecated_but_still_reads() -> None:
    doc = Article(title="Tram fares frozen")
    for name in ("json", "jsonl"):
        writer = get_registry().writer(name)
        stream = io.BytesIO()
        writer.write([doc], stream, WriteOptions())
        with pytest.deprecated_call(match="read_back"):
            got = list(writer.read(io.BytesIO(stream.getvalue())))
        assert got == [doc]


def test_a_writer_nothing_reads_back_says_so() -> None:
    with pytest.raises(NotImplementedError, match="markdown writer cannot read its output back"):
        get_registry().read_back("markdown", b"# Tram fares frozen\n")


def test_json_lines_split_at_line_feeds_only() -> None:
    from broadsheet.page import Page

    docs = [Article(title="Ferry\x85fares"), Article(title="Tram\u2028times")]
    stream = io.BytesIO()
    get_registry().writer("jsonl").write(docs, stream, WriteOptions())
    page = Page.from_bytes(stream.getvalue(), name="out.jsonl")
    assert page.kind == "json"
    assert [d.title for d in get_registry().parse_many(page)] == [
        "Ferry\x85fares",
        "Tram\u2028times",
    ]
