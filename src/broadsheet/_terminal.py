"""Text bound for the terminal: one line, no control characters.

Names in messages come from the inputs — archive members, WARC URLs, file
names — and a name can hold anything: a ``\\r\\n`` that starts a forged
line, an escape sequence that clears the screen or retitles the window, a
bidi override that shows ``txt.exe`` as ``exe.txt``, a lone surrogate that
the terminal's encoding cannot take. :func:`printable` writes each such
character as its Python escape, so a message stays one honest line.
"""

from __future__ import annotations

import re

__all__ = ["printable"]

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # C0, DEL, C1 (ESC, CSI…)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks and overrides
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # lone surrogates (undecodable file names)
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi, line-separator and surrogate character escaped.

    >>> printable("pages.zip:evil\\r\\nbroadsheet: 9 converted")
    'pages.zip:evil\\\\r\\\\nbroadsheet: 9 converted'
    """
    return _UNSAFE.sub(_escape, text)
