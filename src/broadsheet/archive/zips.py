"""Zip archives: one document per regular member, read member by member.

A member a Unix zip marks as a symbolic link (or another special file) is
skipped, never read as a page nor followed, as in a tar.

The central directory is read lazily (:mod:`broadsheet.archive._zipdir`),
so memory stays constant whatever the member count; a directory that breaks
midway ends the archive with an error document, not a traceback.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from struct import error as struct_error

import attrs

from broadsheet.archive._zipdir import member_infos, open_zip
from broadsheet.archive.common import (
    InputDoc,
    Limits,
    describe,
    is_safe_member,
    join,
    read_limited,
    strip_archive_suffix,
    too_big,
    wanted,
)

__all__ = ["ZipMember", "count_zip", "zip_docs"]


def _guard_infos(
    infos: Iterable[zipfile.ZipInfo], name: str, base: str
) -> Iterator[zipfile.ZipInfo | InputDoc]:
    """The members, then an error document if the central directory breaks midway."""
    try:
        yield from infos
    except (zipfile.BadZipFile, OSError, ValueError, struct_error) as exc:
        yield InputDoc(
            input=name,
            relpath=join(base, "truncated"),
            error=f"corrupt zip central directory ({describe(exc)})",
        )


def _special(info: zipfile.ZipInfo) -> str | None:
    """What a member is when it is not a regular file ("a link"…), from the Unix
    mode a zip made on Unix keeps in the high bits of ``external_attr``; None
    for a file (and for zips made elsewhere, which have no links)."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if info.create_system != 3 or kind in (0, stat.S_IFREG):  # no type bits: a file
        return None
    return "a link" if kind == stat.S_IFLNK else "not a regular file"


def zip_docs(limits: Limits, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
    """One document per member of the zip archive at ``path`` (directories left out)."""
    base = strip_archive_suffix(rel)
    try:
        archive = open_zip(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield InputDoc(input=name, relpath=rel, error=f"not a readable zip archive ({exc})")
        return
    where = os.path.abspath(path)  # a worker process reads deferred members from here
    stamp = _stamp(path) if limits.defer else ()
    with archive:
        for info in _guard_infos(member_infos(archive), name, base):
            if isinstance(info, InputDoc):
                yield info
                return
            member = info.filename
            if info.is_dir():
                continue
            extract, refusal = limits.screen(name, base, member, info.file_size)
            if refusal is not None:
                yield refusal
            if not extract:
                continue
            doc_rel = join(base, f"{member}")
            special = _special(info)
            if special is not None:  # a link's data is its target's name, not a page
                skip = f"{special}; not followed"
                yield InputDoc(input=name, relpath=doc_rel, position=member, skip=skip)
                continue
            if limits.defer:  # a worker reads it (convert --jobs): the parent only lists
                deferred = ZipMember(where, stamp, _entry(info), limits.max_size)
                yield InputDoc(input=name, relpath=doc_rel, position=member, deferred=deferred)
                continue
            yield _read_member(archive, info, limits.max_size, name, doc_rel)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_size: int | None, name: str, rel: str
) -> InputDoc:
    """The member's document: its bytes, or the error that stopped reading them."""
    member = info.filename
    try:
        with archive.open(info) as stream:
            data = read_limited(stream, max_size)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error) as exc:
        # zlib.error: a corrupt deflate stream (the others' decompressors raise OSError/EOFError)
        return InputDoc(
            input=name, relpath=rel, position=member, error=f"cannot extract ({describe(exc)})"
        )
    except NotImplementedError as exc:  # unsupported compression
        return InputDoc(input=name, relpath=rel, position=member, error=f"cannot extract ({exc})")
    if data is None:
        assert max_size is not None
        return InputDoc(
            input=name,
            relpath=rel,
            position=member,
            error=too_big(max_size) + " (the header understated the size)",
        )
    return InputDoc(input=name, relpath=rel, position=member, data=data)


_OPEN: dict[tuple[str, tuple[int, ...]], zipfile.ZipFile] = {}
"""The archive a process last read a deferred member from, kept open for the next one
(by path and :func:`_stamp`: an archive written again at the same path is opened again)."""


def _stamp(path: Path) -> tuple[int, ...]:
    try:
        st = path.stat()
    except OSError:
        return ()
    return (st.st_ino, st.st_size, st.st_mtime_ns)


_ENTRY = ("orig_filename", "header_offset", "compress_type", "compress_size", "file_size")
_ENTRY_MORE = ("flag_bits", "CRC", "_raw_time")
"""What :meth:`zipfile.ZipFile.open` reads of a member's directory entry."""


def _entry(info: zipfile.ZipInfo) -> tuple[str | int, ...]:
    return tuple(getattr(info, name, 0) for name in (*_ENTRY, *_ENTRY_MORE))


def _info(entry: tuple[str | int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(str(entry[0]))
    for name, value in zip((*_ENTRY, *_ENTRY_MORE)[1:], entry[1:], strict=True):
        setattr(info, name, value)
    return info


@attrs.frozen
class ZipMember:
    """A zip member still to be read (:class:`~broadsheet.archive.common.Deferred`):
    the archive's path and what opening the member needs of its directory
    entry, as a tuple (about 100 bytes to pickle, where the member's bytes
    would be tens of kilobytes, and a pickled ``ZipInfo`` costs twice the
    time of the bytes)."""

    path: str
    stamp: tuple[int, ...]
    entry: tuple[str | int, ...]
    max_size: int | None

    def read(self, item: InputDoc) -> InputDoc:
        """``item`` with the member's bytes (or the reason they cannot be read)."""
        key = (self.path, self.stamp)
        archive = _OPEN.get(key)
        if archive is None:
            try:
                archive = open_zip(Path(self.path))
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                return attrs.evolve(item, error=f"cannot extract ({describe(exc)})")
            for old in _OPEN.values():  # one archive open at a time
                old.close()
            _OPEN.clear()
            _OPEN[key] = archive
        info = _info(self.entry)
        read = _read_member(archive, info, self.max_size, item.input, item.relpath)
        return attrs.evolve(item, data=read.data, error=read.error)


def count_zip(path: Path, include: Sequence[str], exclude: Sequence[str]) -> int:
    """How many documents :func:`zip_docs` will yield for the archive (its directory
    lists the members); 1 for an archive that cannot be read (its error)."""
    try:
        with open_zip(path) as archive:
            members = sum(
                1
                for i in member_infos(archive)
                if not i.is_dir()
                and (not is_safe_member(i.filename) or wanted(i.filename, include, exclude))
            )
        return max(1, members)
    except (zipfile.BadZipFile, OSError, ValueError):
        return 1
