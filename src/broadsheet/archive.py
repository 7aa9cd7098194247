"""Walking inputs: files, folders and archives as one stream of input documents.

:func:`walk` turns the command line's INPUTs into :class:`InputDoc` values,
one per document, read member by member so memory stays constant whatever
the archive's size:

- a plain file is one document (its extension is not trusted: a file that is
  not what its name says is simply a page of another kind, or binary);
- a folder is walked recursively in sorted order, with ``include`` /
  ``exclude`` globs matched against the path relative to the folder (and
  against the bare file name); archives found inside are opened too;
- ``.zip``, ``.tar``, ``.tar.gz`` / ``.tgz``, ``.tar.bz2``, ``.tar.xz``: one
  document per regular member (tar is read as a stream);
- ``.warc`` / ``.warc.gz``: one document per ``response`` record whose
  payload is HTML (or XHTML, a feed or plain text); the record's target URI
  becomes the page URL (needs the ``warc`` extra, warcio);
- ``.jsonl``: one document per non-empty line (broadsheet's own JSON form);
- ``-``: standard input — a tar (plain, gzip, bzip2, xz), a WARC or JSON
  Lines piped in is recognised by its first bytes and read as a stream;
  anything else is one page.

Nothing is silently lost: a member that cannot be read — over the size
limit (read stops at ``max_size + 1`` bytes, so a decompression bomb costs
no more than that), an unsafe name (``../`` or absolute), a truncated or
corrupt archive, a link — comes out as an :class:`InputDoc` with ``error``
set (or ``skip`` for members that are not documents, such as links), so
the converter can count and report it.
"""

from __future__ import annotations

import fnmatch
import io
import os
import sys
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from struct import error as struct_error
from typing import IO, Any

import attrs

__all__ = [
    "ARCHIVE_SUFFIXES",
    "DEFAULT_MAX_SIZE",
    "InputDoc",
    "archive_kind",
    "count_inputs",
    "expand_inputs",
    "folder_files",
    "is_safe_member",
    "walk",
]

DEFAULT_MAX_SIZE = 50 * 1024 * 1024
"""The default per-document size limit (``--max-size``): 50 MiB."""

ARCHIVE_SUFFIXES: dict[str, str] = {
    ".zip": "zip",
    ".tar": "tar",
    ".tar.gz": "tar",
    ".tgz": "tar",
    ".tar.bz2": "tar",
    ".tbz2": "tar",
    ".tar.xz": "tar",
    ".txz": "tar",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".jsonl": "jsonl",
}
"""Name endings that make a file a container rather than one page."""

_WARC_TYPES = (
    "text/html",
    "application/xhtml",
    "text/plain",
    "application/rss",
    "application/atom",
)
_CHUNK = 1 << 16


@attrs.frozen(kw_only=True)
class InputDoc:
    """One input document, or the reason it could not be read.

    ``input`` names the file the document came from (the archive for a
    member) and ``position`` locates it inside (member name, ``line N``,
    ``offset N``); together they identify the document in reports and in
    the output's ``source``. ``relpath`` is the POSIX path the output
    mirrors (already free of ``..`` and absolute parts). Exactly one of
    ``data``, ``error`` and ``skip`` is set.
    """

    input: str
    relpath: str
    position: str | None = None
    data: bytes | None = None
    url: str | None = None
    charset: str | None = None
    format: str | None = None
    """A format the container implies (``broadsheet-json`` for a ``.jsonl`` line)."""
    error: str | None = None
    """Why the document could not be read (it counts as failed)."""
    skip: str | None = None
    """Why this entry is not a document (it counts as skipped)."""

    @property
    def where(self) -> str:
        """``input`` and ``position`` for messages: ``pages.zip:a/b.html``."""
        return f"{self.input}:{self.position}" if self.position else self.input


def archive_kind(name: str) -> str | None:
    """``zip``, ``tar``, ``warc`` or ``jsonl`` by the name's ending; None for a page."""
    lower = name.lower()
    for suffix, kind in sorted(ARCHIVE_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if lower.endswith(suffix):
            return kind
    return None


def _strip_archive_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def is_safe_member(name: str) -> bool:
    """False for member names that could escape the output folder.

    Absolute paths (``/x``, ``\\x``, ``C:x``), ``..`` components and NUL
    bytes are unsafe; so is an empty name.
    """
    if not name or "\x00" in name:
        return False
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return False
    return ".." not in unified.split("/")


def _read_limited(stream: IO[bytes], limit: int | None) -> bytes | None:
    """At most ``limit`` bytes of ``stream``; None when there are more (stops reading there)."""
    if limit is None:
        return stream.read()
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        return None
    return b"".join(parts)


def _too_big(limit: int) -> str:
    return f"over the size limit of {limit} bytes (--max-size); reading stopped there"


def _opened(
    path: Path, name: str, rel: str, read: Callable[[IO[bytes]], Iterator[InputDoc]]
) -> Iterator[InputDoc]:
    """``read``'s documents from the opened file, or one that says it cannot be read."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputDoc(input=name, relpath=rel, error=f"cannot read ({exc.strerror or exc})")
        return
    with stream:
        yield from read(stream)


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    base = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(base, p) for p in patterns)


def _wanted(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    if include and not _matches(rel, include):
        return False
    return not (exclude and _matches(rel, exclude))


_ZF: Any = zipfile  # the private helpers of zipfile used by _LazyZip
_ZIP_NAMES = (
    "_EndRecData",
    "_ECD_SIZE",
    "_ECD_OFFSET",
    "_ECD_LOCATION",
    "_ECD_SIGNATURE",
    "stringEndArchive64",
    "sizeEndCentDir64",
    "sizeEndCentDir64Locator",
    "sizeCentralDir",
    "structCentralDir",
    "stringCentralDir",
    "_CD_SIGNATURE",
    "_CD_FILENAME_LENGTH",
    "_CD_EXTRA_FIELD_LENGTH",
    "_CD_COMMENT_LENGTH",
    "_CD_LOCAL_HEADER_OFFSET",
    "_CD_FLAG_BITS",
    "_MASK_UTF_FILENAME",
)


class _LazyZip(zipfile.ZipFile):
    """A read-only :class:`zipfile.ZipFile` that reads its central directory entry by entry.

    The standard class builds a :class:`~zipfile.ZipInfo` for every member
    when it opens (about 0.6 KB each: 12 MB for 20,000 members);
    :meth:`iter_infos` builds one at a time, so memory stays constant
    whatever the member count. Members are opened with the standard
    ``open(info)``. Used only when this Python's zipfile has the helpers it
    needs (``usable``); otherwise the standard class is used.
    """

    usable = all(hasattr(zipfile, n) for n in _ZIP_NAMES)

    def _RealGetContents(self) -> None:
        fp = self.fp
        assert fp is not None
        try:
            endrec = _ZF._EndRecData(fp)
        except OSError:
            raise zipfile.BadZipFile("File is not a zip file") from None
        if not endrec:
            raise zipfile.BadZipFile("File is not a zip file")
        size_cd = endrec[_ZF._ECD_SIZE]
        offset_cd = endrec[_ZF._ECD_OFFSET]
        concat = endrec[_ZF._ECD_LOCATION] - size_cd - offset_cd
        if endrec[_ZF._ECD_SIGNATURE] == _ZF.stringEndArchive64:
            concat -= _ZF.sizeEndCentDir64 + _ZF.sizeEndCentDir64Locator
        self.start_dir = offset_cd + concat
        if self.start_dir < 0:
            raise zipfile.BadZipFile("Bad offset for central directory")
        self._size_cd: int = size_cd
        self._concat: int = concat

    def iter_infos(self) -> Iterator[zipfile.ZipInfo]:
        """Every member's :class:`~zipfile.ZipInfo`, in central-directory order, lazily."""
        import struct

        fp = self.fp
        assert fp is not None
        pos, end = self.start_dir, self.start_dir + self._size_cd
        while pos < end:
            with self._lock:  # type: ignore[attr-defined]
                fp.seek(pos)
                raw = fp.read(_ZF.sizeCentralDir)
                if len(raw) != _ZF.sizeCentralDir:
                    raise zipfile.BadZipFile("Truncated central directory")
                centdir = struct.unpack(_ZF.structCentralDir, raw)
                if centdir[_ZF._CD_SIGNATURE] != _ZF.stringCentralDir:
                    raise zipfile.BadZipFile("Bad magic number for central directory")
                raw_name = fp.read(centdir[_ZF._CD_FILENAME_LENGTH])
                extra = fp.read(centdir[_ZF._CD_EXTRA_FIELD_LENGTH])
                comment = fp.read(centdir[_ZF._CD_COMMENT_LENGTH])
            pos += (
                _ZF.sizeCentralDir
                + centdir[_ZF._CD_FILENAME_LENGTH]
                + centdir[_ZF._CD_EXTRA_FIELD_LENGTH]
                + centdir[_ZF._CD_COMMENT_LENGTH]
            )
            utf8 = centdir[_ZF._CD_FLAG_BITS] & _ZF._MASK_UTF_FILENAME
            info = zipfile.ZipInfo(raw_name.decode("utf-8" if utf8 else "cp437", "replace"))
            info.extra = extra
            info.comment = comment
            (
                info.create_version,
                info.create_system,
                info.extract_version,
                info.reserved,
                info.flag_bits,
                info.compress_type,
                raw_time,
                raw_date,
                info.CRC,
                info.compress_size,
                info.file_size,
            ) = centdir[1:12]
            info.volume, info.internal_attr, info.external_attr = centdir[15:18]
            info._raw_time = raw_time  # type: ignore[attr-defined]
            info.date_time = (
                (raw_date >> 9) + 1980,
                (raw_date >> 5) & 0xF,
                raw_date & 0x1F,
                raw_time >> 11,
                (raw_time >> 5) & 0x3F,
                (raw_time & 0x1F) * 2,
            )
            info.header_offset = centdir[_ZF._CD_LOCAL_HEADER_OFFSET]
            decode_extra: Any = info._decodeExtra  # type: ignore[attr-defined]
            try:
                decode_extra()
            except TypeError:  # newer Pythons pass the name's CRC (unicode path field)
                import zlib

                decode_extra(zlib.crc32(raw_name))
            info.header_offset += self._concat
            yield info


def _guard_infos(
    infos: Iterable[zipfile.ZipInfo], name: str, base: str
) -> Iterator[zipfile.ZipInfo | InputDoc]:
    """The members, then an error document if the central directory breaks midway."""
    try:
        yield from infos
    except (zipfile.BadZipFile, OSError, ValueError, struct_error) as exc:
        yield InputDoc(
            input=name,
            relpath=_join(base, "truncated"),
            error=f"corrupt zip central directory ({_describe(exc)})",
        )


class _Walker:
    def __init__(
        self,
        *,
        max_size: int | None,
        include: Sequence[str],
        exclude: Sequence[str],
        skip: Sequence[str | Path] = (),
    ) -> None:
        self.max_size = max_size
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self.skip = tuple(skip)
        self.several = False

    # -- entry points ------------------------------------------------------

    def inputs(self, names: Sequence[str]) -> Iterator[InputDoc]:
        # with one INPUT, outputs mirror paths inside it; with several, each gets its own folder
        self.several = len(names) > 1
        for name in names:
            if name == "-":
                yield from self.stdin()
                continue
            path = Path(name)
            if path.is_dir():
                yield from self.folder(path)
            elif not path.exists():
                yield InputDoc(input=name, relpath=_display_rel(name), error="no such file")
            else:
                rel = _display_rel(path.name) if self.several or archive_kind(name) is None else ""
                yield from self.file(path, name, rel)

    def stdin(self) -> Iterator[InputDoc]:
        """Standard input: a tar (plain or compressed), a WARC or JSON Lines, read as a
        stream; anything else is one page."""
        head, stream = _Prefixed.read_head(sys.stdin.buffer)
        kind = _sniff_stream(head)
        if kind == "tar":
            yield from self.tar_stream(stream, "<stdin>", "")
        elif kind == "warc":
            yield from self.warc_stream(stream, "<stdin>", "")
        elif kind == "jsonl":
            yield from self.jsonl_stream(stream, "<stdin>", "")
        else:
            data = _read_limited(stream, self.max_size)
            if data is None:
                assert self.max_size is not None
                yield InputDoc(input="<stdin>", relpath="stdin", error=_too_big(self.max_size))
            else:
                yield InputDoc(input="<stdin>", relpath="stdin", data=data)

    def folder(self, root: Path) -> Iterator[InputDoc]:
        prefix = _display_rel(root.resolve().name or "input") if self.several else ""
        files = folder_files(root, include=self.include, exclude=self.exclude, skip=self.skip)
        for path, rel in files:
            if path.is_symlink() and not path.exists():
                yield InputDoc(input=str(path), relpath=_join(prefix, rel), skip="broken link")
                continue
            yield from self.file(path, str(path), _join(prefix, rel))

    def file(self, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
        kind = archive_kind(path.name)
        if kind is None:
            yield self.page(path, name, rel)
            return
        readers = {"zip": self.zip, "tar": self.tar, "warc": self.warc, "jsonl": self.jsonl}
        empty = True
        for doc in readers[kind](path, name, rel):
            empty = False
            yield doc
        if empty:  # an archive without documents is still an input: say so
            yield InputDoc(
                input=name, relpath=rel or "empty", skip=f"no documents in this {kind} file"
            )

    # -- one page ------------------------------------------------------------

    def page(self, path: Path, name: str, rel: str) -> InputDoc:
        try:
            size = path.stat().st_size
            if self.max_size is not None and size > self.max_size:
                return InputDoc(
                    input=name,
                    relpath=rel,
                    error=f"{size} bytes is over the size limit of {self.max_size} bytes "
                    "(--max-size); not read",
                )
            with path.open("rb") as stream:
                data = _read_limited(stream, self.max_size)
        except OSError as exc:
            return InputDoc(input=name, relpath=rel, error=f"cannot read ({exc.strerror or exc})")
        if data is None:  # the file grew while we read it
            assert self.max_size is not None
            return InputDoc(input=name, relpath=rel, error=_too_big(self.max_size))
        return InputDoc(input=name, relpath=rel, data=data)

    # -- containers ----------------------------------------------------------

    def zip(self, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
        base = _strip_archive_suffix(rel)
        try:
            archive = _LazyZip(path) if _LazyZip.usable else zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            yield InputDoc(input=name, relpath=rel, error=f"not a readable zip archive ({exc})")
            return
        with archive:
            infos = archive.iter_infos() if isinstance(archive, _LazyZip) else archive.infolist()
            for info in _guard_infos(infos, name, base):
                if isinstance(info, InputDoc):
                    yield info
                    return
                member = info.filename
                if info.is_dir():
                    continue
                extract, refusal = self._screen(name, base, member, info.file_size)
                if refusal is not None:
                    yield refusal
                if not extract:
                    continue
                doc_rel = _join(base, f"{member}")
                try:
                    with archive.open(info) as stream:
                        data = _read_limited(stream, self.max_size)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
                    yield InputDoc(
                        input=name,
                        relpath=doc_rel,
                        position=member,
                        error=f"cannot extract ({_describe(exc)})",
                    )
                    continue
                except NotImplementedError as exc:  # unsupported compression
                    yield InputDoc(
                        input=name,
                        relpath=doc_rel,
                        position=member,
                        error=f"cannot extract ({exc})",
                    )
                    continue
                if data is None:
                    assert self.max_size is not None
                    yield InputDoc(
                        input=name,
                        relpath=doc_rel,
                        position=member,
                        error=_too_big(self.max_size) + " (the header understated the size)",
                    )
                    continue
                yield InputDoc(input=name, relpath=doc_rel, position=member, data=data)

    def tar(self, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
        base = _strip_archive_suffix(rel)
        yield from _opened(path, name, rel, lambda s: self.tar_stream(s, name, base))

    def tar_stream(self, stream: IO[bytes], name: str, base: str) -> Iterator[InputDoc]:
        """The members of a tar read as a stream (any compression tarfile knows)."""
        last = None
        try:
            with tarfile.open(fileobj=stream, mode="r|*") as archive:
                for info in archive:
                    last = info.name
                    yield from self._tar_member(archive, info, name, base)
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            after = f" after member {last!r}" if last else ""
            yield InputDoc(
                input=name,
                relpath=_join(base, "truncated"),
                position=last,
                error=f"corrupt or truncated tar archive{after} ({_describe(exc)})",
            )

    def _screen(self, name: str, base: str, member: str, size: int) -> tuple[bool, InputDoc | None]:
        """Whether to extract an archive ``member`` of ``size`` bytes, and the
        document that reports a refusal: an unsafe name (absolute or with
        ``..``) or a size over the limit. A member the include/exclude globs
        leave out is neither extracted nor reported."""
        if not is_safe_member(member):
            return False, InputDoc(
                input=name,
                relpath=_join(base, "unsafe"),
                position=member,
                error="unsafe member name (absolute or with '..'); not extracted",
            )
        if not _wanted(member, self.include, self.exclude):
            return False, None
        if self.max_size is not None and size > self.max_size:
            return False, InputDoc(
                input=name,
                relpath=_join(base, member),
                position=member,
                error=f"{size} bytes is over the size limit of {self.max_size} bytes "
                "(--max-size); not extracted",
            )
        return True, None

    def _tar_member(
        self, archive: tarfile.TarFile, info: tarfile.TarInfo, name: str, base: str
    ) -> Iterator[InputDoc]:
        member = info.name
        if info.isdir():
            return
        extract, refusal = self._screen(name, base, member, info.size if info.isfile() else 0)
        if refusal is not None:
            yield refusal
        if not extract:
            return
        doc_rel = _join(base, f"{member}")
        if not info.isfile():
            what = "a link" if info.issym() or info.islnk() else "not a regular file"
            yield InputDoc(
                input=name, relpath=doc_rel, position=member, skip=f"{what}; not followed"
            )
            return
        stream = archive.extractfile(info)
        if stream is None:
            yield InputDoc(input=name, relpath=doc_rel, position=member, skip="not a regular file")
            return
        data = _read_limited(stream, self.max_size)
        if data is None or len(data) < info.size:
            reason = "truncated member" if data is not None else _too_big(self.max_size or 0)
            yield InputDoc(input=name, relpath=doc_rel, position=member, error=reason)
            return
        yield InputDoc(input=name, relpath=doc_rel, position=member, data=data)

    def jsonl(self, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
        base = _strip_archive_suffix(rel)
        yield from _opened(path, name, rel, lambda s: self.jsonl_stream(s, name, base))

    def jsonl_stream(self, stream: IO[bytes], name: str, base: str) -> Iterator[InputDoc]:
        """One document per non-empty line (over-long lines are reported, not held)."""
        number = 0
        limit = self.max_size
        while True:
            line = stream.readline(limit + 1) if limit is not None else stream.readline()
            if not line:
                break
            number += 1
            position = f"line {number}"
            doc_rel = _join(base, f"{number}")
            if limit is not None and len(line) > limit and not line.endswith(b"\n"):
                # skip the rest of the over-long line without holding it
                while line and not line.endswith(b"\n"):
                    line = stream.readline(_CHUNK)
                yield InputDoc(
                    input=name, relpath=doc_rel, position=position, error=_too_big(limit)
                )
                continue
            if not line.strip():
                continue
            yield InputDoc(
                input=name,
                relpath=doc_rel,
                position=position,
                data=line,
                format="broadsheet-json",
            )

    def warc(self, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
        base = _strip_archive_suffix(rel)
        yield from _opened(path, name, rel, lambda s: self.warc_stream(s, name, base, rel=rel))

    def warc_stream(
        self, raw: IO[bytes], name: str, base: str, *, rel: str = ""
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
            records = ArchiveIterator(stream)
            for record in records:
                if not str(getattr(record, "format", "warc")).startswith("warc"):
                    yield InputDoc(
                        input=name,
                        relpath=rel or "invalid",
                        error="not a WARC file (no WARC/1.x record header)",
                    )
                    return
                doc = self._warc_record(record, name, base)
                # the offset is known once the record is read through
                offset = records.get_record_offset()
                if doc is not None:
                    yield attrs.evolve(
                        doc,
                        position=f"offset {offset}",
                        relpath=doc.relpath or _join(base, f"record-{offset}"),
                    )
            end = getattr(records, "offset", None)
            while stream.read(_CHUNK):  # count what warcio left unread
                pass
            size = stream.count
            if isinstance(end, int) and end < size:
                # warcio stops quietly at a gzip member cut short
                yield InputDoc(
                    input=name,
                    relpath=_join(base, "truncated"),
                    position=f"offset {end}",
                    error=f"corrupt or truncated WARC: {size - end} bytes after offset "
                    f"{end} hold no readable record",
                )
        except Exception as exc:  # warcio raises many kinds on damaged input
            at = f" after offset {offset}" if offset is not None else ""
            yield InputDoc(
                input=name,
                relpath=_join(base, "truncated"),
                position=f"offset {offset}" if offset is not None else None,
                error=f"corrupt or truncated WARC{at} ({_describe(exc)})",
            )

    def _warc_record(self, record: object, name: str, base: str) -> InputDoc | None:
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
        doc_rel = _join(base, _url_relpath(url)) if url else ""
        declared = rec.rec_headers.get_header("Content-Length")  # type: ignore[attr-defined]
        data = _read_limited(rec.content_stream(), self.max_size)  # type: ignore[attr-defined]
        if data is None:
            assert self.max_size is not None
            return InputDoc(
                input=name,
                relpath=doc_rel,
                position=position,
                url=url,
                error=_too_big(self.max_size),
            )
        raw = getattr(rec, "raw_stream", None)
        limit_left = getattr(raw, "limit", 0) if raw is not None else 0
        if declared is not None and limit_left:
            return InputDoc(
                input=name,
                relpath=doc_rel,
                position=position,
                url=url,
                error=f"truncated record: {limit_left} of its {declared} bytes are missing",
            )
        return InputDoc(
            input=name, relpath=doc_rel, position=position, url=url, charset=charset, data=data
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


def _sniff_stream(head: bytes) -> str | None:
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


def _join(base: str, rel: str) -> str:
    return f"{base}/{rel}" if base else rel


def _display_rel(name: str) -> str:
    """A relative POSIX path for an input named on the command line (no ``..``, no root)."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    return "/".join(parts) or "input"


def _url_relpath(url: str) -> str:
    from urllib.parse import urlsplit

    split = urlsplit(url)
    path = split.path.strip("/") or "index"
    if split.query:
        path += "_" + split.query
    return f"{split.netloc or 'host'}/{path}"


def folder_files(
    root: Path,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    skip: Sequence[str | Path] = (),
) -> Iterator[tuple[Path, str]]:
    """The files under ``root`` that are inputs, in walk order, with their relative paths.

    Sorted, a folder's files before its subfolders; hidden files and folders
    (a leading dot: ``.git``, editors' and our own state) are not inputs;
    ``include`` / ``exclude`` globs match the relative path or the file name.
    ``skip`` names files or folders never to enter (the run's own outputs,
    when they are inside an input folder).
    """
    avoid = {os.path.realpath(p) for p in skip}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        dirnames[:] = [
            d
            for d in dirnames
            if not d.startswith(".") and os.path.realpath(Path(dirpath, d)) not in avoid
        ]
        for fname in sorted(filenames):
            path = Path(dirpath, fname)
            rel = path.relative_to(root).as_posix()
            if fname.startswith(".") or not _wanted(rel, include, exclude):
                continue
            if avoid and os.path.realpath(path) in avoid:
                continue
            yield path, rel


def expand_inputs(
    inputs: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> list[str]:
    """The inputs with folders replaced by their files (in walk order): units of work.

    ``walk([unit])`` for each unit gives the same documents, with the same
    ``input`` and ``position``, as ``walk(inputs)`` (only ``relpath`` differs).
    Used to spread a conversion over Dask partitions.
    """
    units: list[str] = []
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            units.extend(str(p) for p, _ in folder_files(path, include=include, exclude=exclude))
        else:
            units.append(name)
    return units


def walk(
    inputs: Sequence[str],
    *,
    max_size: int | None = DEFAULT_MAX_SIZE,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    skip: Sequence[str | Path] = (),
) -> Iterator[InputDoc]:
    """Every input document of ``inputs`` (paths, or ``-`` for stdin), in order, lazily.

    ``skip``: files or folders a folder walk must not enter (the outputs).
    """
    walker = _Walker(max_size=max_size, include=include, exclude=exclude, skip=skip)
    return walker.inputs(list(inputs))


def count_inputs(
    inputs: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> int | None:
    """How many documents :func:`walk` will yield, when cheap to know; else None.

    Known for plain files, folders of plain files and zip archives (their
    directory lists the members); unknown (None) for stdin, tar, WARC and
    JSON Lines, which would have to be read through.
    """
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        if path.is_dir():
            for _, rel in folder_files(path, include=include, exclude=exclude):
                if archive_kind(rel) is not None:
                    return None
                total += 1
            continue
        kind = archive_kind(path.name)
        if kind is None:
            total += 1
        elif kind == "zip":
            try:
                with _LazyZip(path) if _LazyZip.usable else zipfile.ZipFile(path) as archive:
                    infos = (
                        archive.iter_infos()
                        if isinstance(archive, _LazyZip)
                        else archive.infolist()
                    )
                    members = sum(
                        1
                        for i in infos
                        if not i.is_dir()
                        and (
                            not is_safe_member(i.filename) or _wanted(i.filename, include, exclude)
                        )
                    )
                total += max(1, members)
            except (zipfile.BadZipFile, OSError, ValueError):
                total += 1
        else:
            return None
    return total
