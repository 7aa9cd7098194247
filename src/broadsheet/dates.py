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
- An offset of 24 hours or more (``+9900``, ``UTC+30``) is no offset at all:
  Python cannot write it (``isoformat`` raises), so the value keeps its
  wall-clock time and becomes naive, "zone unknown". A model never holds a
  date it cannot serialise.

:func:`instant` is the total order of model dates (feeds sort by it): it
never overflows, even for an aware time near year 1 or 9999.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Iterable
from datetime import tzinfo
from typing import TypeVar

from broadsheet._lazyre import lazy

__all__ = [
    "DateWarning",
    "instant",
    "newest_first",
    "parse_date",
    "to_utc",
    "valid_offset",
    "weekday_mismatch",
]

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
_WEEKDAY_RE = lazy(r"\b(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.I)
_ISO = lazy(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_TIME = lazy(r"\d{1,2}:\d{2}|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_ORDINAL = lazy(r"(\d)(st|nd|rd|th)\b", re.I)
_ISO_OFFSET = lazy(r"(?:Z|[+-]\d{2}:?\d{2})$")
_SENTINELS = (dt.datetime(1901, 1, 1, 0, 0), dt.datetime(1902, 2, 2, 1, 1))
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_NUMBERS = lazy(r"\d+")
_MONTH_WORD = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_WRITTEN = lazy(
    rf"^(?:(?P<m1>{_MONTH_WORD})\.?\s+(?P<d1>\d{{1,2}}),?|(?P<d2>\d{{1,2}})\.?\s+"
    rf"(?P<m2>{_MONTH_WORD})\.?,?)\s+(?P<y>\d{{4}})$",
    re.I,
)
"""A date written out in English, day and month either way round, and nothing else
("December 17, 2025", "17 Dec. 2025"): read without dateutil (a tenth of its time),
the same date it reads."""
_EPOCH = dt.datetime(1970, 1, 1)


def valid_offset(value: dt.date) -> bool:
    """Whether ``value`` is a date, a naive datetime, or an aware one whose
    offset Python can write (strictly between -24 h and +24 h)."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return True
    try:
        value.utcoffset()
    except ValueError:
        return False
    return True


def instant(value: dt.date) -> dt.timedelta:
    """Where ``value`` lies on one timeline, as the time since 1970-01-01 UTC.

    A date-only value counts as 12:00 UTC that day and a naive datetime as
    UTC (the feed writers' date policy). The result is a timedelta, whose
    range (a million years) holds every model date with any valid offset,
    so the order is total and never overflows (``astimezone`` does, near
    year 1 and 9999).
    """
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, 12) - _EPOCH
    offset = value.utcoffset() if valid_offset(value) else None
    wall = value.replace(tzinfo=None) - _EPOCH
    return wall - offset if offset is not None else wall


def weekday_mismatch(text: str, value: dt.date) -> str | None:
    """The weekday named in ``text`` when it is not ``value``'s, else None."""
    match = _WEEKDAY_RE.search(text)
    if not match:
        return None
    named = _WEEKDAYS[match.group(1).lower()]
    return None if named == value.weekday() else match.group(1)


def _finish(value: dt.date, text: str, tz: tzinfo | None) -> dt.date:
    if isinstance(value, dt.datetime) and not valid_offset(value):
        value = value.replace(tzinfo=None)  # an impossible offset: zone unknown
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
            pass
        if len(iso) == 10 or not _ISO_OFFSET.search(iso):
            return None
        try:  # an impossible offset (+48:00): keep the wall-clock time, zone unknown
            return _finish(dt.datetime.fromisoformat(_ISO_OFFSET.sub("", iso)), s, tz)
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
    numbers = _NUMBERS.findall(cleaned)
    if len(numbers) < 2 and not any(len(n) in (6, 8) for n in numbers):
        return None  # a year alone, "5 Minutes", "PT5M": no day, month and year in it
    written = _WRITTEN.match(cleaned)
    if written is not None:
        month = _MONTH_NUMBERS[(written["m1"] or written["m2"]).lower()]
        try:
            day = dt.date(int(written["y"]), month, int(written["d1"] or written["d2"]))
        except ValueError:
            return None  # "February 30": no date, as dateutil says
        return _finish(day, s, tz)
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
    UTC; an aware one is converted — unless UTC would fall outside years 1 to
    9999 (``0001-01-01T00:30+01:00``), when it keeps its own offset.
    """
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC)
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=dt.UTC)
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:  # UTC would fall outside years 1 to 9999: keep its own offset
        return value


def newest_first(items: Iterable[T], when: Callable[[T], dt.date | None]) -> list[T]:
    """``items`` ordered newest first by ``when`` (compared with :func:`instant`,
    which never overflows); items without a date last, in input order. The sort
    is stable: the one ordering policy of every feed broadsheet writes
    (``convert`` and the writers)."""
    keyed = [(when(item), item) for item in items]
    dated = [(instant(w), item) for w, item in keyed if w is not None]
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [item for _, item in dated] + [item for w, item in keyed if w is None]
