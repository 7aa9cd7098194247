"""A zip central-directory reader that builds one :class:`zipfile.ZipInfo` at a time.

Why this exists: :class:`zipfile.ZipFile` reads the whole central directory
when it opens, building a ``ZipInfo`` for every member (about 0.6 KB each:
12 MB for 20,000 members, and an archive can claim millions). ``convert``
promises constant memory whatever the input, so :class:`LazyZip` re-reads
the directory entry by entry instead. It leans on private helpers of
CPython's :mod:`zipfile` (listed in ``_ZIP_NAMES``); when this Python lacks
any of them, :func:`open_zip` falls back to the standard class (correct,
only not constant in memory). Isolated here so the rest of the archive
readers never touch zipfile internals.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["LazyZip", "member_infos", "open_zip"]

_ZF: Any = zipfile  # the private helpers of zipfile used by LazyZip
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


class LazyZip(zipfile.ZipFile):
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


def open_zip(path: Path) -> zipfile.ZipFile:
    """The archive at ``path``: a :class:`LazyZip` where this Python allows it."""
    return LazyZip(path) if LazyZip.usable else zipfile.ZipFile(path)


def member_infos(archive: zipfile.ZipFile) -> Iterator[zipfile.ZipInfo]:
    """The members of an archive :func:`open_zip` opened, lazily when it can."""
    return archive.iter_infos() if isinstance(archive, LazyZip) else iter(archive.infolist())
