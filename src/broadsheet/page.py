"""Page: one input document, decoded once, parsed once, shared by every plugin.

A :class:`Page` holds the raw bytes, the decoded text, the input's kind
(``html``, ``text``, ``feed``, ``json`` or ``binary``), the URL when known,
and — built lazily, at most once — the lxml tree and the page metadata
(JSON-LD, Open Graph, microdata, ``<meta>`` names, canonical and base links).
Every format that sniffs or parses the page uses the same objects.

Decoding order (never raises, whatever the bytes):

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. the charset the caller passes (an HTTP ``Content-Type``), then a
   ``<meta charset>`` / ``http-equiv`` / XML declaration in the first 4 KiB;
   when a declared single-byte charset (latin-1, cp1252, ascii) meets bytes
   that are valid multi-byte UTF-8, UTF-8 wins — that is what the author meant;
3. UTF-8 (also UTF-16 without a BOM, recognised by its zero bytes);
4. the fallback, cp1252 (latin-1 for the five bytes cp1252 leaves undefined),
   with a warning in :attr:`Page.warnings`.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from broadsheet._lazyre import lazy
from broadsheet.errors import PageError
from broadsheet.metadata import Metadata
from broadsheet.xmlprolog import PrologError, scan_prolog

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["JSON_VALUE", "Kind", "Metadata", "Page", "PageError"]

Kind: TypeAlias = Literal["html", "text", "feed", "json", "binary"]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = lazy(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_SINGLE_BYTE = {"latin_1", "iso8859_1", "cp1252", "ascii", "iso8859_15"}
_HTML_START = lazy(
    r"\A\s*(?:(?:<!--.*?-->|<script\b[^<]*>.*?</script\s*>)\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|table)\b",
    re.IGNORECASE | re.DOTALL,
)
"""The start of an HTML document: comments and scripts (a site's code emitted before
the doctype), then a doctype or an element that only HTML has."""
_HTML_TAG = lazy(
    r"<(?:html|body|div|p|article|a|b|i|em|strong|span|table|ul|li|img|br|h[1-6])(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_FEED_ROOT = lazy(r"<(?:[\w-]+:)?(rss|feed|RDF)\b", re.IGNORECASE)
"""A feed's root element, matched where the prolog ends (:mod:`broadsheet.xmlprolog`)."""


def _is_feed(text: str) -> bool:
    """Whether the root element of ``text`` (past a prolog of any length) is a feed's."""
    try:
        end = scan_prolog(text).end
    except PrologError:
        return False
    return _FEED_ROOT.match(text, end) is not None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except (LookupError, ValueError):
        return None


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:2048]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def _cp1252(data: bytes) -> str:
    """cp1252, with latin-1 for the five bytes cp1252 leaves undefined."""
    try:
        return data.decode("cp1252")  # the common case, at C speed
    except UnicodeDecodeError:
        parts = re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data)
        return "".join(
            part.decode("latin-1" if i % 2 else "cp1252") for i, part in enumerate(parts)
        )


def decode(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode bytes as described in the module docstring.

    Returns the text, the codec used and any warnings.
    """
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name, warnings
    candidates: list[str] = []
    if declared:
        codec = _codec(declared)
        if codec:
            candidates.append(codec)
        else:
            warnings.append(f"unknown charset {declared!r} ignored")
    match = _META_CHARSET.search(data[:4096])
    if match:
        name = (match.group(1) or match.group(2)).decode("ascii", "replace")
        codec = _codec(name)
        if codec:
            candidates.append(codec)
        else:
            warnings.append(f"unknown charset {name!r} declared in the page, ignored")
    for codec in candidates:
        if codec.startswith(("utf_16", "utf_32")) and not _looks_utf16(data):
            # A page that says utf-16 inside itself is almost always really ASCII-compatible.
            continue
        if codec in _SINGLE_BYTE and not data.isascii():
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(f"declared {codec} but the bytes are UTF-8; read as UTF-8")
                return text, "utf-8", warnings
        if codec == "latin_1" or codec == "iso8859_1":
            codec = "cp1252"  # as browsers do: latin-1 labels mean windows-1252
        try:
            return (_cp1252(data) if codec == "cp1252" else data.decode(codec)), codec, warnings
        except (UnicodeError, LookupError):
            warnings.append(f"the bytes are not valid {codec} as declared")
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16, warnings
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        warnings.append(_FALLBACK)
        return _cp1252(data), "cp1252", warnings


JSON_VALUE = "broadsheet.page.json"
"""The ``Page.memo`` key of the page's parsed JSON value, kept by kind detection
when the whole text is one JSON value, so that the JSON reader parses it once."""


_FALLBACK = "not valid UTF-8 and no charset declared; read as cp1252"

_ASCII_SAFE = frozenset(
    {"utf-8", "utf_8", "ascii", "koi8_r", "koi8_u"}
    | {f"cp{n}" for n in range(1250, 1259)}
    | {f"iso8859_{n}" for n in range(1, 17) if n != 12}
)
"""Codecs (as :func:`decode` names them) that decode ASCII bytes, and only them, to ASCII
characters, one for one: an ASCII string is in the text exactly when its bytes are in the
data (line endings aside, which :meth:`Page.has` never looks for)."""

_TEXT_HIGH = {0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0, 0xAB, 0xBB} | {
    0xA5,
    0xA8,
    0xAA,
    0xAF,
    0xB2,
    0xB3,
    0xB4,
    0xB8,
    0xB9,
    0xBA,
    0xBF,
}
"""High bytes text uses: cp1252's quotes, dashes, ellipsis, no-break space and
guillemets; cp1251's Ukrainian and Belarusian letters (і ї є ґ ё) and №."""
_ODD_BYTES = bytes(
    sorted(
        set(range(0x00, 0x09))
        | {0x0B}
        | set(range(0x0E, 0x1B))
        | set(range(0x1C, 0x20))
        | set(range(0x80, 0xC0)) - _TEXT_HIGH
    )
)
"""Bytes that are rare in any text read by the cp1252 fallback: control bytes, and
0x80-0xBF (cp1252's symbols and C1 range; in other 8-bit encodings mostly rare
letters) except :data:`_TEXT_HIGH`. Random bytes hold about 27 % of them,
8-bit text (Western, Cyrillic, Greek) a few per cent at most."""


def _odd_byte_share(data: bytes) -> float:
    """The share of ``data`` that is :data:`_ODD_BYTES` (0.0 for no data)."""
    if not data:
        return 0.0
    return 1.0 - len(data.translate(None, _ODD_BYTES)) / len(data)


def _sniff_kind(text: str, memo: dict[str, Any], fallback: bytes | None = None) -> Kind:
    """The page kind of ``text``. ``fallback`` is the raw bytes when they were
    decoded by the cp1252 fallback (not UTF-8, no charset declared): there,
    bytes few texts hold (:data:`_ODD_BYTES`) over 10 % mean binary."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _binary_share(text[:4096]) > 0.1:
        return "binary"
    if fallback is not None and _odd_byte_share(fallback[:4096]) > 0.1:
        return "binary"
    if head[:1] in ("{", "[") and _is_json(text, memo):
        return "json"
    if head.startswith("<"):
        if _is_feed(text):
            return "feed"
        if _HTML_START.match(head):
            return "html"
    if len(_HTML_TAG.findall(text[:20000])) >= 3:
        return "html"
    return "text"


_BINARY_CHARS = lazy("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
"""Control characters no text has (tab, line feed, form feed, CR and ESC are allowed)."""


def _binary_share(sample: str) -> float:
    """The share of decoded ``sample`` that is control characters no text has.

    Measured on the text, not the bytes, so UTF-16 (full of zero bytes) is text.
    """
    if not sample:
        return 0.0
    return len(_BINARY_CHARS.findall(sample)) / len(sample)


def _is_json(text: str, memo: dict[str, Any]) -> bool:
    try:
        memo[JSON_VALUE] = json.loads(text)
        return True
    except (ValueError, RecursionError):  # nesting too deep to read is not JSON to us
        pass
    # JSON Lines: every non-empty line an object
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines[:50])
    except (ValueError, RecursionError):
        return False


class Page:
    """One input document. Build it with :meth:`from_bytes`, :meth:`from_text`,
    :meth:`from_path` or :meth:`from_stdin`."""

    __slots__ = (
        "_bytes",
        "_marks",
        "_metadata",
        "_tree",
        "data",
        "encoding",
        "kind",
        "memo",
        "name",
        "position",
        "text",
        "url",
        "warnings",
    )

    tree_builds: int = 0
    """How many lxml trees all pages have built (a test checks one per page)."""

    def __init__(
        self,
        *,
        data: bytes,
        text: str,
        encoding: str,
        kind: Kind,
        url: str | None = None,
        name: str | None = None,
        position: str | None = None,
        warnings: list[str] | None = None,
        memo: dict[str, Any] | None = None,
    ) -> None:
        self.data = data
        self.text = text
        self.encoding = encoding
        self.kind: Kind = kind
        self.url = url
        self.name = name
        self.position = position
        self.warnings: list[str] = warnings or []
        self._tree: HtmlElement | None = None
        self._metadata: Metadata | None = None
        self._marks: dict[str, bool] = {}
        self._bytes: bytes | None = None
        self.memo: dict[str, Any] = memo if memo is not None else {}
        """Values several formats derive from this page, computed once (keyed by the
        deriving module's name, e.g. the generic HTML signals; :data:`JSON_VALUE`)."""

    def __repr__(self) -> str:
        return f"<Page {self.name or self.url or '?'} kind={self.kind} {len(self.data)} bytes>"

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        *,
        url: str | None = None,
        name: str | None = None,
        charset: str | None = None,
        kind: Kind | None = None,
        position: str | None = None,
    ) -> Page:
        """A page from raw bytes; ``charset`` is what HTTP said, if anything."""
        text, encoding, warnings = decode(data, charset)
        if "\r" in text:  # most pages have none: a search, not two page-sized copies
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        memo: dict[str, Any] = {}
        fallback = data if _FALLBACK in warnings else None
        page = cls(
            data=data,
            text=text,
            encoding=encoding,
            kind=kind or _sniff_kind(text, memo, fallback),
            url=url,
            name=name,
            position=position,
            warnings=warnings,
            memo=memo,
        )
        if encoding in _ASCII_SAFE:
            page._bytes = data
        return page

    @classmethod
    def from_text(
        cls, text: str, *, url: str | None = None, name: str | None = None, kind: Kind | None = None
    ) -> Page:
        """A page from text that is already decoded."""
        data = text.encode("utf-8", errors="replace")  # lone surrogates become "?"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        memo: dict[str, Any] = {}
        return cls(
            data=data,
            text=text,
            encoding="utf-8",
            kind=kind or _sniff_kind(text, memo),
            url=url,
            name=name,
            memo=memo,
        )

    @classmethod
    def from_path(
        cls, path: str | Path, *, url: str | None = None, max_size: int | None = None
    ) -> Page:
        """A page from a file; raises :class:`PageError` with the reason."""
        p = Path(path)
        try:
            if p.is_dir():
                raise PageError(
                    f"{p}: is a directory (parse takes files; use 'convert' for folders)"
                )
            size = p.stat().st_size
            if max_size is not None and size > max_size:
                raise PageError(f"{p}: {size} bytes is over the limit of {max_size} bytes")
            data = p.read_bytes()
        except FileNotFoundError:
            raise PageError(f"{p}: no such file") from None
        except PermissionError:
            raise PageError(f"{p}: permission denied") from None
        except IsADirectoryError:
            raise PageError(f"{p}: is a directory") from None
        except OSError as exc:
            raise PageError(f"{p}: cannot read ({exc.strerror or exc})") from None
        return cls.from_bytes(data, url=url, name=str(p))

    @classmethod
    def from_stdin(cls, *, url: str | None = None) -> Page:
        """A page from standard input (read as bytes)."""
        return cls.from_bytes(sys.stdin.buffer.read(), url=url, name="<stdin>")

    @property
    def tree(self) -> HtmlElement:
        """The lxml HTML tree, built on first use and kept.

        The parser does not fetch anything, resolves no entities and recovers
        from broken markup; a page nested deeper than libxml2's limit is cut.
        """
        if self._tree is None:
            from broadsheet.html.parser import parse_html

            # valid UTF-8 input goes to lxml as it came (minus a BOM): no second encoding
            as_is = self.encoding == "utf-8" and "\ufffd" not in self.text
            self._tree = parse_html(self.data.removeprefix(codecs.BOM_UTF8) if as_is else self.text)
            Page.tree_builds += 1
        return self._tree

    @property
    def metadata(self) -> Metadata:
        """The page's metadata (see :class:`Metadata`), computed once."""
        if self._metadata is None:
            if self.kind == "html":
                from broadsheet.html.parser import extract_metadata

                self._metadata = extract_metadata(
                    self.tree, microdata_possible=lambda: self.has("itemscope")
                )
            else:
                self._metadata = Metadata()
        return self._metadata

    def has(self, mark: str) -> bool:
        """Whether ``mark`` occurs in :attr:`text`, looked for once per page.

        A page-sized search costs a tenth of the tree build, and the platform sniffs ask
        for a dozen marks, most of them absent: what is known answers first (a mark
        holding an absent one is absent, one inside a present one is present), so a short
        mark asked first settles the longer ones that hold it. An ASCII mark is looked for
        in the raw bytes when the page was decoded by a codec that maps ASCII bytes, and
        only them, to ASCII characters (UTF-8, the 8-bit codecs): the same answer, on a
        haystack of one byte a character.
        """
        known = self._marks
        found = known.get(mark)
        if found is not None:
            return found
        for other, there in known.items():
            if (mark in other) if there else (other in mark):
                known[mark] = there
                return there
        raw = self._bytes
        if raw is not None and mark.isascii() and "\r" not in mark and "\n" not in mark:
            found = mark.encode("ascii") in raw
        else:
            found = mark in self.text
        known[mark] = found
        return found

    @property
    def lines(self) -> list[str]:
        """The text split into lines (line endings already normalised)."""
        return self.text.split("\n")
