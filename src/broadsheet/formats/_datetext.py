"""Dates as pages write them for people and in URLs: the patterns, and their readers.

The date finder (:mod:`broadsheet.formats._dates`) asks a page's sources in order; the
ones that read visible text (a byline, the text beside a headline) and the URL's path
use what is here: month names in the languages of the news most read (English,
German, French, Spanish, Italian, Portuguese, Dutch), a date written out in running text
(:data:`DATE_IN_TEXT`) or strictly (:data:`STRICT`: a month's name or a full numeric
form, a four-digit year), and :func:`parse_any` for any metadata value. A value before
1990 or after 2100 is no publication date (a placeholder, a birth date).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Any
from urllib.parse import unquote

from dateutil.parser import UnknownTimezoneWarning

from broadsheet.dates import parse_date

__all__ = [
    "DATE_IN_TEXT",
    "STRICT",
    "UPDATED_WORDS",
    "YEAR",
    "parse_any",
    "text_date",
    "url_date",
    "visible_value",
]

_MIN_YEAR = 1990

_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?![0-9])|"
    r"/((?:19|20)\d{2})([01]\d)([0-3]\d)/"
)

_MONTHS = {
    # German, French, Spanish, Italian, Portuguese, Dutch: full names and common shortenings
    "januar": "January", "janvier": "January", "enero": "January", "gennaio": "January",
    "janeiro": "January", "januari": "January", "jänner": "January",
    "februar": "February", "février": "February", "fevrier": "February", "febrero": "February",
    "febbraio": "February", "fevereiro": "February", "februari": "February",
    "märz": "March", "maerz": "March", "mars": "March", "marzo": "March", "março": "March",
    "maart": "March",
    "avril": "April", "abril": "April", "aprile": "April",
    "mai": "May", "mayo": "May", "maggio": "May", "maio": "May", "mei": "May",
    "juni": "June", "juin": "June", "junio": "June", "giugno": "June", "junho": "June",
    "juli": "July", "juillet": "July", "julio": "July", "luglio": "July", "julho": "July",
    "août": "August", "aout": "August", "agosto": "August", "augustus": "August",
    "septembre": "September", "septiembre": "September", "settembre": "September",
    "setembro": "September",
    "oktober": "October", "octobre": "October", "octubre": "October", "ottobre": "October",
    "outubro": "October",
    "novembre": "November", "noviembre": "November", "novembro": "November",
    "dezember": "December", "décembre": "December", "decembre": "December",
    "diciembre": "December", "dicembre": "December", "dezembro": "December",
}  # fmt: skip
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b", re.I)
_GLUE = re.compile(r"\b(de|del|di|van)\b", re.I)
_ISO_GLUED = re.compile(r"^(\w{3,9}\.? \d{1,2}, \d{4})T")


_MONTH_NAMES = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    r"|july|august|september|october|november|december|" + "|".join(_MONTHS)
)
DATE_IN_TEXT = re.compile(
    r"(?<![0-9])(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:"
    + _MONTH_NAMES
    + r")\.?,?\s+(?:de\s+)?(?:19|20)\d{2}|(?:"
    + _MONTH_NAMES
    + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)",
    re.I,
)
UPDATED_WORDS = re.compile(
    r"\b(updated?|modified|edited|aktualisiert|mis à jour|actualizado)\b", re.I
)
YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
STRICT = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d)\b",
    re.I,
)


def _sane(value: dt.date | None) -> dt.date | None:
    if value is None or value.year < _MIN_YEAR or value.year > 2100:
        return None
    return value


def parse_any(value: Any, *, dayfirst: bool = False) -> dt.date | None:
    """A date from a metadata value (a string, a list's first string), or None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str) or not value.strip():
        return None
    text = _ISO_GLUED.sub(r"\1 ", value.strip())
    with warnings.catch_warnings():
        # "8:00 EST": dateutil cannot place the abbreviation and says so; the value
        # stays naive, as the date rules want for an unknown zone.
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        warnings.simplefilter("ignore", UserWarning)  # a weekday that does not match
        return _sane(parse_date(text, dayfirst=dayfirst))


def visible_value(value: str | None) -> dt.date | None:
    """A date from visible text or an attribute: only with a four-digit year, month first
    unless the day cannot be a month."""
    if not value or not YEAR.search(value):
        return None
    return parse_any(value)


def text_date(text: str, dayfirst: bool) -> dt.date | None:
    text = " ".join(text.split())
    if not text or len(text) > 120 or not re.search(r"\d", text):
        return None
    if _MONTH_RE.search(text):
        text = _MONTH_RE.sub(lambda m: _MONTHS[m.group(1).lower()], text)
        text = _GLUE.sub(" ", text).replace(" .", " ")
    return parse_any(text, dayfirst=dayfirst)


def url_date(url: str | None) -> dt.date | None:
    """The date in a URL's path (``/2021/03/04/``, ``/2021-03-04-``, ``/20210304/``)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", unquote(url), flags=re.I)
    match = _URL_DATE.search(path)
    if not match:
        return None
    y, m, d = (g for g in match.groups() if g is not None)
    try:
        return _sane(dt.date(int(y), int(m), int(d)))
    except ValueError:
        return None
