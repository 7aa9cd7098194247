"""Output names: safe relative paths, unique in a run, for one file per document.

:func:`safe_relpath` turns an input's relative path (from a folder or an
archive, so possibly hostile) into a safe relative output path;
:class:`Namer` hands them out unique (case-insensitively) in input order, and
names an input's extra documents (``name~2.json``) beside its main file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["MAX_COMPONENT_BYTES", "MAX_DEPTH", "Namer", "safe_relpath"]

_RESERVED_CHARS = re.compile(r'[<>:"/\\|?*~\x00-\x1f\x7f]')
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_PAGE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,6}$")
MAX_COMPONENT_BYTES = 150
MAX_DEPTH = 24


def _safe_component(part: str) -> str:
    part = unicodedata.normalize("NFC", part)
    part = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in part
    )
    part = _RESERVED_CHARS.sub("_", part).strip().rstrip(". ")
    if part.startswith("."):
        part = "_" + part[1:]
    if not part or set(part) <= {"."}:
        part = "_"
    if part.split(".", 1)[0].lower() in _WINDOWS_RESERVED:
        part = "_" + part
    encoded = part.encode("utf-8")
    if len(encoded) > MAX_COMPONENT_BYTES:
        digest = hashlib.sha1(encoded).hexdigest()[:10]
        head = encoded[: MAX_COMPONENT_BYTES - 11].decode("utf-8", errors="ignore")
        part = f"{head}-{digest}"
    return part


def safe_relpath(relpath: str, extension: str) -> str:
    """A safe relative output path for an input's relative path and a writer's extension.

    Components are NFC-normalised; control, format and reserved characters
    (``<>:"/\\|?*~``) become ``_``; ``.`` and ``..`` parts are dropped; a
    leading dot, a trailing dot or space and Windows device names are
    neutralised; each part is at most 150 bytes (a hash keeps long names
    distinct); at most 24 levels. The page's own suffix (``.html``) is
    replaced by ``extension``.
    """
    parts = [p for p in relpath.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if not parts:
        parts = ["document"]
    if len(parts) > MAX_DEPTH:
        parts = [*parts[: MAX_DEPTH - 1], "_".join(parts[MAX_DEPTH - 1 :])]
    last = _PAGE_SUFFIX.sub("", parts[-1]) or parts[-1]
    stem_parts = [_safe_component(p) for p in parts[:-1]]
    name = _safe_component(last)
    ext_bytes = len(extension.encode("utf-8")) + 8  # room for the suffix and "-NNN"
    if len(name.encode("utf-8")) > MAX_COMPONENT_BYTES - ext_bytes:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        head = name.encode("utf-8")[: MAX_COMPONENT_BYTES - ext_bytes - 11]
        name = f"{head.decode('utf-8', errors='ignore')}-{digest}"
    return "/".join([*stem_parts, name + extension])


class Namer:
    """Hands out unique safe output paths in input order (case-insensitively unique).

    It remembers a 64-bit digest of each name rather than the name, so its
    memory stays small (about 60 bytes a document); a digest collision
    (odds 2**-64) would only add a ``-2`` suffix, the same on every run.
    """

    def __init__(self, extension: str) -> None:
        self.extension = extension
        self.taken: set[int] = set()

    @staticmethod
    def _key(name: str) -> int:
        digest = hashlib.blake2b(name.casefold().encode("utf-8", "surrogatepass"), digest_size=8)
        return int.from_bytes(digest.digest(), "big")

    def reserve(self, name: str) -> None:
        """Keep ``name`` (a relative path in the folder) from being handed out."""
        self.taken.add(self._key(name))

    def plan(self, relpath: str) -> str:
        path = safe_relpath(relpath, self.extension)
        stem = path[: -len(self.extension)] if self.extension else path
        candidate, n = path, 1
        while self._key(candidate) in self.taken:
            n += 1
            candidate = f"{stem}-{n}{self.extension}"
        self.taken.add(self._key(candidate))
        return candidate

    def extra(self, main: str, index: int) -> str:
        """The name of an input's ``index``-th document (2, 3…) beside its main file."""
        stem = main[: -len(self.extension)] if self.extension else main
        return f"{stem}~{index}{self.extension}"
