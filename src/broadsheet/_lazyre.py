"""Regular expressions compiled on first use, so that start-up pays only for those a run needs.

:func:`lazy` takes what :func:`re.compile` takes and returns a stand-in for the
pattern: its ``pattern`` and ``flags`` are there at once (other patterns are
built from them; ``flags`` stays as given, without the ``re.UNICODE`` that
``re`` adds to a str pattern), and the first read of anything else
(``search``, ``sub``…) compiles it, after which the compiled pattern's bound
methods sit in the stand-in's own dictionary: a call costs what a call on the
compiled pattern costs. Typed as the :class:`re.Pattern` it stands for (it is
not one for ``isinstance``). Compiling the text helpers' and the text formats'
patterns at import was about a tenth of the command's start-up.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

__all__ = ["lazy"]

_BOUND = (
    "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer",
    "scanner", "groups", "groupindex",
)  # fmt: skip


class _Lazy:
    """A pattern compiled on the first read of anything but ``pattern`` and ``flags``."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # only called for a name the instance does not have yet: compile, keep, answer
        compiled = re.compile(self.pattern, self.flags)
        for attr in _BOUND:
            self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


def lazy(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))
