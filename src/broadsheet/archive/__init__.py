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

Where things live, one module per input kind:

- :mod:`~broadsheet.archive.common` — :class:`InputDoc`, the limits and the
  member screening, bounded reads, safe relative names (what all readers share);
- :mod:`~broadsheet.archive.walk` — :func:`walk` (dispatch by input kind) and
  :func:`count_inputs`;
- :mod:`~broadsheet.archive.folders` — :func:`folder_files`, :func:`expand_inputs`;
- :mod:`~broadsheet.archive.zips` — zip archives, over
  :mod:`~broadsheet.archive._zipdir` (the lazy central-directory reader, private:
  it uses CPython's zipfile internals, and its docstring says why);
- :mod:`~broadsheet.archive.tars` — tar archives, as a stream;
- :mod:`~broadsheet.archive.warcs` — WARC files (warcio);
- :mod:`~broadsheet.archive.jsonl` — JSON Lines files;
- :mod:`~broadsheet.archive.stdin` — standard input, recognised by its first bytes.
"""

from broadsheet.archive.common import (
    ARCHIVE_SUFFIXES,
    DEFAULT_MAX_SIZE,
    Deferred,
    InputDoc,
    archive_kind,
    is_safe_member,
    load,
)
from broadsheet.archive.folders import expand_inputs, folder_files
from broadsheet.archive.walk import count_inputs, walk

__all__ = [
    "ARCHIVE_SUFFIXES",
    "DEFAULT_MAX_SIZE",
    "Deferred",
    "InputDoc",
    "archive_kind",
    "count_inputs",
    "expand_inputs",
    "folder_files",
    "is_safe_member",
    "load",
    "walk",
]
