"""Standard input (``-``): a tar, a WARC or JSON Lines piped in, else one page.

What comes in is recognised by its first bytes (:func:`sniff_stream`; the
bytes are served again to the reader by :class:`_Prefixed`) and read as a
stream.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from typing import IO, Any

from broadsheet.archive.common import InputDoc, Limits, read_limited, too_big
from broadsheet.archive.jsonl import jsonl_stream
from broadsheet.archive.tars import tar_stream
from broadsheet.archive.warcs import warc_stream

__all__ = ["sniff_stream", "stdin_docs"]


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to sniff them), served again first."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head = head
        self._pending = memoryview(head)
        self.rest = rest

    @classmethod
    def read_head(cls, stream: IO[bytes], size: int = 4096) -> tuple[bytes, IO[bytes]]:
        """The first ``size`` bytes of ``stream``, and a stream that starts with them again."""
        head = b""
        while len(head) < size:
            chunk = stream.read(size - len(head))
            if not chunk:
                break
            head += chunk
        return head, io.BufferedReader(cls(head, stream))

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._pending:
            n = min(len(buffer), len(self._pending))
            buffer[:n] = self._pending[:n]
            self._pending = self._pending[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def sniff_stream(head: bytes) -> str | None:
    """``tar``, ``warc`` or ``jsonl`` from a stream's first bytes; None for a page."""
    import bz2
    import json
    import lzma
    import zlib

    if head.startswith(b"WARC/"):
        return "warc"
    if head[257:262] == b"ustar":
        return "tar"
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(31).decompress(head)
        except zlib.error:
            return None
        if inner.startswith(b"WARC/"):
            return "warc"
        return "tar" if inner[257:262] == b"ustar" else None
    if head.startswith(b"BZh"):
        try:
            inner = bz2.BZ2Decompressor().decompress(head)
        except (OSError, ValueError):
            return None
        return "tar" if not inner or inner[257:262] == b"ustar" else None
    if head.startswith(b"\xfd7zXZ\x00"):
        try:
            inner = lzma.LZMADecompressor().decompress(head)
        except lzma.LZMAError:
            return None
        return "tar" if not inner or inner[257:262] == b"ustar" else None
    first, newline, _ = head.lstrip().partition(b"\n")
    if newline and first.startswith(b"{"):
        try:
            value = json.loads(first)
        except ValueError:
            return None
        if isinstance(value, dict) and value.get("type") in ("article", "listing"):
            return "jsonl"
    return None


def stdin_docs(limits: Limits) -> Iterator[InputDoc]:
    """Standard input: a tar (plain or compressed), a WARC or JSON Lines, read as a
    stream; anything else is one page."""
    head, stream = _Prefixed.read_head(sys.stdin.buffer)
    kind = sniff_stream(head)
    if kind == "tar":
        yield from tar_stream(limits, stream, "<stdin>", "")
    elif kind == "warc":
        yield from warc_stream(limits, stream, "<stdin>", "")
    elif kind == "jsonl":
        yield from jsonl_stream(limits, stream, "<stdin>", "")
    else:
        data = read_limited(stream, limits.max_size)
        if data is None:
            assert limits.max_size is not None
            yield InputDoc(input="<stdin>", relpath="stdin", error=too_big(limits.max_size))
        else:
            yield InputDoc(input="<stdin>", relpath="stdin", data=data)
