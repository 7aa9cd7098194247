"""WARC files (``.warc``, ``.warc.gz``): the HTML, text and feed ``response`` records.

One document per such record, its target URI as the page URL and its HTTP
charset passed on; read as a stream with warcio (the ``warc`` extra). A
truncated record, a record whose Content-Length is wrong (it does not end
where it says: warcio's warning becomes the record's failure, never text on
stderr) and a damaged tail are error documents.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import attrs

from broadsheet.archive.common import (
    CHUNK,
    InputDoc,
    Limits,
    describe,
    join,
    opened,
    read_limited,
    strip_archive_suffix,
    too_big,
)

__all__ = ["warc_docs", "warc_stream"]

_WARC_TYPES = (
    "text/html",
    "application/xhtml",
    "text/plain",
    "application/rss",
    "application/atom",
)


class _Counting:
    """A reader that counts the bytes read through it (to find a WARC's unread tail)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


def _quiet(base: type[Any]) -> type[Any]:
    """warcio's ArchiveIterator without its warnings on stderr.

    warcio prints a multi-line warning when a record is not followed by a
    blank line (its Content-Length is wrong) and counts it in ``err_count``;
    the reader turns that count into a failed document instead.
    """

    class Quiet(base):  # type: ignore[misc]
        def _consume_blanklines(self) -> Any:
            with contextlib.redirect_stderr(io.StringIO()):
                return super()._consume_blanklines()

    return Quiet


def _damaged(doc: InputDoc, record: object) -> InputDoc:
    """``doc`` as a failure: its record does not end where its Content-Length says."""
    headers: Any = getattr(record, "rec_headers", None)
    declared = headers.get_header("Content-Length") if headers is not None else None
    length = f" ({declared} bytes)" if declared else ""
    return attrs.evolve(
        doc,
        data=None,
        charset=None,
        error=f"damaged record: it does not end where its Content-Length{length} says "
        "(no blank line follows); not converted",
    )


def _url_relpath(url: str) -> str:
    from urllib.parse import urlsplit

    split = urlsplit(url)
    path = split.path.strip("/") or "index"
    if split.query:
        path += "_" + split.query
    return f"{split.netloc or 'host'}/{path}"


def warc_docs(limits: Limits, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
    """The records of the WARC file at ``path`` (see :func:`warc_stream`)."""
    base = strip_archive_suffix(rel)
    yield from opened(path, name, rel, lambda s: warc_stream(limits, s, name, base, rel=rel))


def warc_stream(
    limits: Limits, raw: IO[bytes], name: str, base: str, *, rel: str = ""
) -> Iterator[InputDoc]:
    """The HTML (and text, feed) ``response`` records of a WARC read as a stream."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield InputDoc(
            input=name,
            relpath=rel or "warc",
            error="reading WARC files needs warcio: pip install 'broadsheet[warc]'",
        )
        return
    stream = _Counting(raw)
    offset: int | None = None
    try:
        records = _quiet(ArchiveIterator)(stream)
        for record in records:
            if not str(getattr(record, "format", "warc")).startswith("warc"):
                yield InputDoc(
                    input=name,
                    relpath=rel or "invalid",
                    error="not a WARC file (no WARC/1.x record header)",
                )
                return
            doc = _warc_record(limits, record, name, base)
            # the offset is known once the record is read through; so is its end:
            # warcio counts a record not followed by its blank lines (a wrong length)
            damaged = getattr(records, "err_count", 0)
            offset = records.get_record_offset()
            if doc is not None and getattr(records, "err_count", 0) > damaged:
                doc = _damaged(doc, record)
            if doc is not None:
                yield attrs.evolve(
                    doc,
                    position=f"offset {offset}",
                    relpath=doc.relpath or join(base, f"record-{offset}"),
                )
        end = getattr(records, "offset", None)
        while stream.read(CHUNK):  # count what warcio left unread
            pass
        size = stream.count
        if isinstance(end, int) and end < size:
            # warcio stops quietly at a gzip member cut short
            yield InputDoc(
                input=name,
                relpath=join(base, "truncated"),
                position=f"offset {end}",
                error=f"corrupt or truncated WARC: {size - end} bytes after offset "
                f"{end} hold no readable record",
            )
    except Exception as exc:  # warcio raises many kinds on damaged input
        at = f" after offset {offset}" if offset is not None else ""
        yield InputDoc(
            input=name,
            relpath=join(base, "truncated"),
            position=f"offset {offset}" if offset is not None else None,
            error=f"corrupt or truncated WARC{at} ({describe(exc)})",
        )


def _warc_record(limits: Limits, record: object, name: str, base: str) -> InputDoc | None:
    rec: object = record
    if getattr(rec, "rec_type", None) != "response":
        return None
    headers = getattr(rec, "http_headers", None)
    ctype = headers.get_header("Content-Type", "") if headers is not None else ""
    mime = ctype.split(";", 1)[0].strip().lower()
    if mime and not mime.startswith(_WARC_TYPES):
        return None
    charset = None
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    url = rec.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    position = None
    doc_rel = join(base, _url_relpath(url)) if url else ""
    declared = rec.rec_headers.get_header("Content-Length")  # type: ignore[attr-defined]
    data = read_limited(rec.content_stream(), limits.max_size)  # type: ignore[attr-defined]
    if data is None:
        assert limits.max_size is not None
        return InputDoc(
            input=name,
            relpath=doc_rel,
            position=position,
            url=url,
            error=too_big(limits.max_size),
        )
    raw = getattr(rec, "raw_stream", None)
    limit_left = getattr(raw, "limit", 0) if raw is not None else 0
    if declared is not None and limit_left:
        return InputDoc(
            input=name,
            relpath=doc_rel,
            position=position,
            url=url,
            error=f"truncated record: {limit_left} of the {declared} bytes its "
            "Content-Length declares are missing",
        )
    return InputDoc(
        input=name, relpath=doc_rel, position=position, url=url, charset=charset, data=data
    )
