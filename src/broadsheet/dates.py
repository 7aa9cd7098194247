"""Date parsing for the forms news pages use, on python-dateutil.

:func:`parse_date` reads ``Tuesday, 06 November 2012``, ``Tuesday, November 9,
2021``, ISO 8601 (with or without an offset), RFC 822 (``Tue, 09 Nov 2021
04:12:00 -0800``) and the like. The rules:

- A value with only a day stays a :class:`datetime.date`; a time is never
  invented. A value missing its day, month or year is not a date (None).
- A datetime is timezone-aware when the text gives an offset or zone, naive
  otherwise — unless the caller passes ``tz``, the outlet's declared zone.
- Day-first or month-first is the caller's choice (``dayfirst``), set per
  format; it is never guessed. ISO 8601 is always year-month-day.
- A weekday in the text that does not match the date emits a
  :class:`DateWarning` (the date is still returned: the numbers win).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterable
from datetime import tzinfo
from typing import TypeVar

__all__ = ["DateWarning", "newest_first", "parse_date", "to_utc", "weekday_mismatch"]

T = TypeVar("T")


class DateWarning(UserWarning):
    """A date whose text contradicts itself (a weekday that does not match)."""


_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_WEEKDAY_RE = re.compile(
    r"\b(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.I
)
_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TIME = re.compile(r"\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.I)
_SENTINELS = (dt.datetime(1901, 1, 1, 0, 0), dt.datetime(1902, 2, 2, 1, 1))


def weekday_mismatch(text: str, value: dt.date) -> str | None:
    """The weekday named in ``text`` when it is not ``value``'s, else None."""
    match = _WEEKDAY_RE.search(text)
    if not match:
        return None
    named = _WEEKDAYS[match.group(1).lower()]
    return None if named == value.weekday() else match.group(1)


def _finish(value: dt.date, text: str, tz: tzinfo | None) -> dt.date:
    if isinstance(value, dt.datetime) and value.tzinfo is None and tz is not None:
        value = value.replace(tzinfo=tz)
    wrong = weekday_mismatch(text, value)
    if wrong:
        warnings.warn(
            f"date {text!r}: {wrong} does not match {value.isoformat()} "
            f"(a {value.strftime('%A')}); kept the date",
            DateWarning,
            stacklevel=3,
        )
    return value


def parse_date(
    text: str | None, *, dayfirst: bool = True, tz: tzinfo | None = None
) -> dt.date | None:
    """Parse a date or datetime from ``text``; None when it holds no full date.

    ``dayfirst`` decides ``03/04/2012`` (the format knows its outlet);
    ``tz`` is applied to naive datetimes only, when the format declares the
    outlet's zone. See the module docstring for the rules.
    """
    if not text:
        return None
    s = " ".join(text.split())
    if not s or len(s) > 200:
        return None
    if _ISO.match(s):
        iso = s.replace(",", ".")
        if iso.endswith("Z"):
            iso = iso[:-1] + "+00:00"
        try:
            if len(iso) == 10:
                return dt.date.fromisoformat(iso)
            return _finish(dt.datetime.fromisoformat(iso), s, tz)
        except ValueError:
            return None
    if "," in s[:4] or re.match(r"^[A-Za-z]{3}, \d", s):
        import email.utils  # imported on first use: start-up

        try:
            rfc = email.utils.parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            rfc = None
        if rfc is not None and _TIME.search(s):
            # parsedate gives a naive value for "-0000" (unknown zone): keep it naive.
            return _finish(rfc, s, tz)
    cleaned = _ORDINAL.sub(r"\1", _WEEKDAY_RE.sub(" ", s)).strip(" ,")
    from dateutil import parser as _dateutil  # imported on first use (~10 ms): start-up

    results = []
    for default in _SENTINELS:
        try:
            with warnings.catch_warnings():
                # "0A0B": dateutil reads "B" as a zone it cannot place and warns; the
                # value stays naive, as for any unknown zone.
                warnings.simplefilter("ignore", _dateutil.UnknownTimezoneWarning)
                parsed = _dateutil.parse(cleaned, default=default, dayfirst=dayfirst, fuzzy=True)
            results.append(parsed)
        except (ValueError, OverflowError, TypeError):
            return None
    a, b = results
    if a.year != b.year or a.month != b.month or a.day != b.day:
        return None  # a part of the date was missing and filled from the default
    if not _TIME.search(cleaned):
        return _finish(a.date(), s, tz)
    value = a if a.tzinfo is not None else a.replace(tzinfo=None)
    return _finish(value, s, tz)


# -- ordering ---------------------------------------------------------------------


def to_utc(value: dt.date) -> dt.datetime:
    """A model date as an aware UTC datetime, for ordering and feed timestamps.

    A date-only value is **12:00 UTC** that day (the feed writers' date
    policy: see :mod:`broadsheet.writers._feed`); a naive datetime is taken as
    UTC; an aware one is converted.
    """
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def newest_first(items: Iterable[T], when: Callable[[T], dt.date | None]) -> list[T]:
    """``items`` ordered newest first by ``when`` (compared with :func:`to_utc`);
    items without a date last, in input order. The sort is stable: the one
    ordering policy of every feed broadsheet writes (``convert`` and the writers)."""
    keyed = [(when(item), item) for item in items]
    dated = [(to_utc(w), item) for w, item in keyed if w is not None]
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [item for _, item in dated] + [item for w, item in keyed if w is None]
