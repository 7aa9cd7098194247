"""Every exception broadsheet raises on purpose, in one module.

Each is re-exported from the module that raises it, where the docs name it
(``broadsheet.PageError``, ``broadsheet.registry.ParseError``,
``broadsheet.DocumentError``…). All but :class:`ConformanceError` are
:class:`ValueError` or :class:`LookupError` subclasses, so callers that catch
those keep working; each message is one line naming the input and the reason.
"""

from __future__ import annotations

__all__ = [
    "ConformanceError",
    "ConvertUsageError",
    "DocumentError",
    "NoFormatError",
    "PageError",
    "ParseError",
    "UnknownPluginError",
    "UsageError",
]


class PageError(ValueError):
    """An input that cannot become a page at all (unreadable, a directory…)."""


class DocumentError(ValueError):
    """A JSON value that is not a valid broadsheet document."""


class UnknownPluginError(LookupError):
    """A format or writer name that no plugin provides."""


class ParseError(ValueError):
    """No format could turn the page into a document; the message says why."""


class NoFormatError(ParseError):
    """No format scored the page at or above the threshold."""


class ConvertUsageError(ValueError):
    """A combination of options that cannot work (the command exits with 2)."""


class UsageError(Exception):
    """A mistake in the command line (exit status 2)."""


class ConformanceError(AssertionError):
    """A format broke the contract; the message lists every problem found."""

    def __init__(self, format_name: str, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"format {format_name} fails the conformance kit:\n{lines}")
