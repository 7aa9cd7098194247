"""The prolog of an XML (or HTML) document: what comes before the root element.

One scanner, shared by page-kind detection (is the root ``<rss>``, ``<feed>``
or ``<rdf:RDF>``, however long the prolog?) and the feed reader (which drops
the DOCTYPE before feedparser sees the bytes). It reads, in any number and
order, the XML declaration and processing instructions (``<?…?>``),
comments (``<!--…-->``) and the DOCTYPE declaration, whose internal subset
(``[…]``) may itself hold declarations with quoted values, comments and
processing instructions — an apostrophe inside a comment (``<!-- don't -->``)
is text, not the start of a quoted value.

The scan is linear in the length of the prolog (each piece ends at a
``str.find``), with no size window: a feed whose declaration and comments
run past the first kilobytes is still a feed.
"""

from __future__ import annotations

from typing import Literal, NamedTuple, TypeAlias

__all__ = ["PieceKind", "Prolog", "PrologError", "PrologPiece", "scan_prolog"]

PieceKind: TypeAlias = Literal["pi", "comment", "doctype"]


class PrologError(ValueError):
    """A prolog piece that never ends (an unterminated comment, PI or DOCTYPE)."""


class PrologPiece(NamedTuple):
    """One piece of the prolog: its kind and where it lies (``text[start:end]``)."""

    kind: PieceKind
    start: int
    end: int


class Prolog(NamedTuple):
    """The pieces of the prolog, and the index of the first character after it
    (the root element's ``<``, or whatever else follows the prolog)."""

    pieces: tuple[PrologPiece, ...]
    end: int


def _skip_to(text: str, start: int, marker: str, what: str) -> int:
    end = text.find(marker, start)
    if end < 0:
        raise PrologError(f"an unterminated {what}")
    return end + len(marker)


def _doctype_end(text: str, start: int) -> int:
    """The index just past the DOCTYPE declaration that starts at ``start``."""
    index, length = start + 9, len(text)
    in_subset = False
    while index < length:
        char = text[index]
        if char in "\"'":
            index = _skip_to(text, index + 1, char, "quoted value in the DOCTYPE")
            continue
        if in_subset:
            if text.startswith("<!--", index):
                index = _skip_to(text, index + 4, "-->", "comment in the DOCTYPE")
                continue
            if text.startswith("<?", index):
                index = _skip_to(text, index + 2, "?>", "processing instruction in the DOCTYPE")
                continue
            if char == "]":
                in_subset = False
        elif char == "[":
            in_subset = True
        elif char == ">":
            return index + 1
        index += 1
    raise PrologError("an unterminated DOCTYPE declaration")


def scan_prolog(text: str, start: int = 0) -> Prolog:
    """The prolog of ``text`` from ``start`` (a BOM and whitespace skipped).

    Raises :class:`PrologError` when a piece is not terminated.
    """
    pieces: list[PrologPiece] = []
    at = start
    length = len(text)
    while True:
        while at < length and (text[at].isspace() or text[at] == "\ufeff"):
            at += 1
        if text.startswith("<?", at):
            end = _skip_to(text, at + 2, "?>", "processing instruction")
            pieces.append(PrologPiece("pi", at, end))
        elif text.startswith("<!--", at):
            end = _skip_to(text, at + 4, "-->", "comment")
            pieces.append(PrologPiece("comment", at, end))
        elif text[at : at + 9].upper() == "<!DOCTYPE":
            end = _doctype_end(text, at)
            pieces.append(PrologPiece("doctype", at, end))
        else:
            return Prolog(tuple(pieces), at)
        at = end
