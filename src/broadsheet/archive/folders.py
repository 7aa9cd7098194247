"""Folders: the files under a folder that are inputs, in a stable walk order.

:func:`folder_files` is the walk (sorted, hidden files left out, globs
applied, the run's own outputs never entered); :func:`expand_inputs` turns
folders into their files, the units of work of a Dask conversion.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from broadsheet.archive.common import wanted

__all__ = ["expand_inputs", "folder_files"]


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
            if fname.startswith(".") or not wanted(rel, include, exclude):
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
