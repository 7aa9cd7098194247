"""Text clean-up shared by every format: whitespace, truncation marks, boilerplate.

Rules, written once and used everywhere:

- :func:`clean` folds runs of whitespace (no-break spaces included) to one
  space and strips the ends; the characters themselves (curly quotes,
  dashes, accents) are kept.
- :func:`split_truncation` recognises a teaser cut short: a trailing
  ``[…]``, ``[...]``, ``…`` or ``...``. Formats keep the mark in ``summary``
  (it tells the reader the text goes on); writers may use the flag.
- :func:`is_boilerplate` recognises page furniture that is never an
  article: skip links, newsletter sign-ups, donation and fundraising
  appeals, cookie notices, site notices. Dropping such a block is the only
  way a format may lose text of its input.
"""

from __future__ import annotations

import re

__all__ = [
    "BOILERPLATE_PATTERNS",
    "TRUNCATION",
    "blocks",
    "clean",
    "is_boilerplate",
    "split_truncation",
]

_SPACE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")

TRUNCATION = re.compile(r"\s*(\[…\]|\[\.\.\.\]|…|\.\.\.)\s*$")
"""A truncation mark at the end of a teaser."""


def clean(text: str | None) -> str:
    """``text`` with whitespace folded to single spaces and the ends stripped."""
    if not text:
        return ""
    return _SPACE.sub(" ", text).strip()


def split_truncation(text: str) -> tuple[str, bool]:
    """``(text without its truncation mark, whether it had one)``."""
    match = TRUNCATION.search(text)
    if not match:
        return text, False
    return text[: match.start()].rstrip(), True


BOILERPLATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^skip to (main )?(content|navigation|main)\b",
        r"^jump to (content|navigation)\b",
        r"\bsign up (to|for) (our|the) (daily|weekly)? ?(digest|newsletter)",
        r"^(subscribe|sign up) (to|for) (our|the) newsletter",
        r"\bget (our|the) (daily|weekly)? ?(digest|newsletter)\b",
        r"^(please )?(donate|support us|make a donation)\b",
        r"\b(fundraising|fund drive|donation) (appeal|campaign|goal)\b",
        r"\bwe (use|rely on) cookies\b",
        r"\bthis (web)?site uses cookies\b",
        r"^all rights reserved\b",
        r"^copyright ©|^© ?\d{4}",
    )
)
"""Patterns of page furniture; a block matching any of them is not content."""


def is_boilerplate(text: str) -> bool:
    """Whether a block of captured text is page furniture, not content."""
    t = clean(text)
    if not t:
        return True
    return any(p.search(t) for p in BOILERPLATE_PATTERNS)


def blocks(text: str) -> list[list[str]]:
    """The blank-line-separated blocks of ``text``, each a list of its non-empty lines.

    Lines are stripped of surrounding whitespace (no-break spaces included).
    """
    out: list[list[str]] = []
    current: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = clean(raw)
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
