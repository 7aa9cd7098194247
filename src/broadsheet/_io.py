"""Atomic file output, shared by the command and the archive converter."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_output"]


@contextlib.contextmanager
def atomic_output(
    path: str | Path, *, overwrite: bool = True, durable: bool = True
) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block succeeds.

    The data goes to a temporary file beside ``path``, which is flushed and
    renamed over ``path`` at the end; on any error (or Ctrl-C) the temporary
    file is removed and ``path`` is untouched. With ``overwrite=False`` an
    existing ``path`` raises :class:`FileExistsError`.

    ``durable=True`` also syncs the file to disk before the rename, so that
    even a power cut leaves the old or the new content. A converter writing
    thousands of small files passes ``durable=False``: an interrupted or
    killed run still leaves only complete files (the rename comes after the
    last byte), at a fraction of the cost.
    """
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsError(f"{target}: exists (use --overwrite to replace it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:60]}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if not overwrite:
            # link fails if the target appeared meanwhile: no silent overwrite
            os.link(tmp, target)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
