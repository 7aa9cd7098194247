"""Atomic file output, shared by the command and the archive converter.

:func:`atomic_output` writes a file through a temporary one beside it,
``.NAME.XXXXXXXX.part``, renamed over ``NAME`` at the end. While it is
written the temporary file is locked (``flock``), so a process killed with
``SIGKILL`` — the one case that leaves a temporary file behind — leaves an
unlocked one, which :func:`remove_stale_parts` tells from a live one (another
run still writing) and removes. Where ``flock`` does not exist (Windows)
nothing is locked and stale files are left alone.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["atomic_output", "remove_stale_parts"]

_PART = re.compile(r"\..+\.[a-z0-9_]{8}\.part")
"""The temporary names :func:`tempfile.mkstemp` makes for :func:`atomic_output`."""


_last_umask: list[int] = []
"""The umask seen last (see :func:`_umask`)."""


def _umask() -> int:
    """The process umask.

    POSIX can only read it by setting it: it is set to the value seen last
    and put back at once, so while it is unchanged (always, in broadsheet) the
    brief swap is invisible even to other threads. The first value comes from
    ``/proc`` where there is one.
    """
    if not _last_umask:
        guess = 0o022
        with (
            contextlib.suppress(OSError, ValueError),
            open("/proc/self/status", encoding="ascii", errors="replace") as status,
        ):
            for line in status:
                if line.startswith("Umask:"):
                    guess = int(line.split()[1], 8)
        _last_umask.append(guess)
    mask = os.umask(_last_umask[0])
    os.umask(mask)
    _last_umask[0] = mask
    return mask


def _mode_for(target: Path) -> int:
    """The permissions ``open(target, "wb")`` would leave: the file's own if it exists,
    else 0666 less the umask."""
    with contextlib.suppress(OSError):
        info = target.stat()
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    return 0o666 & ~_umask()


def _naming(exc: OSError, target: Path) -> OSError:
    """``exc`` about ``target`` (not about the temporary file, nor about no file)."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror or str(exc), str(target))


class _Output(io.BufferedWriter):
    """The temporary file's stream: a failed write names the target file."""

    def __init__(self, fd: int, target: Path) -> None:
        super().__init__(io.FileIO(fd, "wb"))
        self.target = target

    def write(self, data: Any, /) -> int:
        try:
            return super().write(data)
        except OSError as exc:
            raise _naming(exc, self.target) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise _naming(exc, self.target) from None


def _same_file(path: str, fd: int) -> bool:
    try:
        here, there = os.stat(path, follow_symlinks=False), os.fstat(fd)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _create(target: Path) -> tuple[int, str]:
    """A new locked temporary file beside ``target`` with the mode ``target`` will have."""
    mode = _mode_for(target)
    while True:
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{target.name[:60]}.", suffix=".part", dir=target.parent
            )
        except OSError as exc:  # a read-only or full folder: say which file could not be
            raise _naming(exc, target) from None
        try:
            os.fchmod(fd, mode)
            if fcntl is None:
                return fd, tmp
            fcntl.flock(fd, fcntl.LOCK_EX)
            if _same_file(tmp, fd):
                return fd, tmp
            # a cleaner took it for a dead run's file between mkstemp and flock: again
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        os.close(fd)


def _commit(tmp: str, target: Path, *, overwrite: bool) -> None:
    try:
        if not overwrite:
            # link fails if the target appeared meanwhile: no silent overwrite
            os.link(tmp, target)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        raise _naming(exc, target) from None


@contextlib.contextmanager
def atomic_output(
    path: str | Path, *, overwrite: bool = True, durable: bool = True
) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only when the block succeeds.

    The data goes to a temporary file beside ``path``, which is flushed and
    renamed over ``path`` at the end; on any error (or Ctrl-C) the temporary
    file is removed and ``path`` is untouched. With ``overwrite=False`` an
    existing ``path`` raises :class:`FileExistsError`. The file gets the
    permissions ``open()`` would give it (the umask for a new file, the old
    file's for a replaced one), and every :class:`OSError` about it names
    ``path``, never the temporary file.

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
    fd, tmp = _create(target)
    try:
        with _Output(fd, target) as stream:
            yield stream
            stream.flush()
            if durable:
                try:
                    os.fsync(stream.fileno())
                except OSError as exc:
                    raise _naming(exc, target) from None
            if fcntl is not None:  # renamed while open: the lock lasts until the name is gone
                _commit(tmp, target, overwrite=overwrite)
        if fcntl is None:  # pragma: no cover - Windows renames closed files only
            _commit(tmp, target, overwrite=overwrite)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _remove_if_dead(path: str) -> bool:
    """Remove the temporary file ``path`` if no live process holds its lock."""
    assert fcntl is not None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # locked: its writer is alive
        if not _same_file(path, fd):
            return False  # committed (renamed) meanwhile: that is a real file now
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_stale_parts(path: str | Path, *, recursive: bool = False) -> int:
    """Remove the temporary files killed runs left for ``path``; returns how many.

    For a file, the ``.NAME.XXXXXXXX.part`` files beside it; for a folder
    with ``recursive``, every such file below it. A temporary file another
    process is still writing is locked and kept. Does nothing where files
    cannot be locked (Windows).
    """
    if fcntl is None:  # pragma: no cover - Windows
        return 0
    target = Path(path)
    removed = 0
    if recursive:
        for dirpath, _, filenames in os.walk(target):
            for name in filenames:
                if _PART.fullmatch(name):
                    removed += _remove_if_dead(os.path.join(dirpath, name))
        return removed
    prefix = f".{target.name[:60]}."
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and _PART.fullmatch(entry.name):
                removed += _remove_if_dead(entry.path)
    return removed
