"""Date parsing: the outlets' forms, no invented times, weekday checks, day/month order."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from broadsheet.dates import DateWarning, parse_date, weekday_mismatch

MINUS8 = dt.timezone(dt.timedelta(hours=-8))


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("Tuesday, 06 November 2012", True, dt.date(2012, 11, 6)),
        ("Tuesday, November 9, 2021", False, dt.date(2021, 11, 9)),
        ("9th November 2021", True, dt.date(2021, 11, 9)),
        ("2012-11-06", True, dt.date(2012, 11, 6)),
        ("2021-11-09T04:12:00-08:00", True, dt.datetime(2021, 11, 9, 4, 12, tzinfo=MINUS8)),
        ("2021-11-09T12:12:00Z", True, dt.datetime(2021, 11, 9, 12, 12, tzinfo=dt.UTC)),
        ("2021-11-09T04:12:00", True, dt.datetime(2021, 11, 9, 4, 12)),
        ("Tue, 09 Nov 2021 04:12:00 -0800", True, dt.datetime(2021, 11, 9, 4, 12, tzinfo=MINUS8)),
        ("Tue, 09 Nov 2021 12:12:00 GMT", True, dt.datetime(2021, 11, 9, 12, 12, tzinfo=dt.UTC)),
        ("03/04/2012", True, dt.date(2012, 4, 3)),
        ("03/04/2012", False, dt.date(2012, 3, 4)),
        ("May 19, 2024 at 3:45 pm", False, dt.datetime(2024, 5, 19, 15, 45)),
    ],
)
def test_forms(text: str, dayfirst: bool, expected: dt.date) -> None:
    value = parse_date(text, dayfirst=dayfirst)
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(expected, dt.datetime):
        assert isinstance(value, dt.datetime)
        assert value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["", "November 2021", "2021", "yesterday", "Page 1 of 10", None])
def test_incomplete_dates_are_not_dates(text: str | None) -> None:
    assert parse_date(text) is None


def test_weekday_mismatch_warns_and_keeps_the_date() -> None:
    with pytest.warns(DateWarning, match="Wednesday does not match 2012-11-06"):
        assert parse_date("Wednesday, 06 November 2012") == dt.date(2012, 11, 6)


def test_matching_weekday_is_silent() -> None:
    assert weekday_mismatch("Tuesday, 06 November 2012", dt.date(2012, 11, 6)) is None
    assert weekday_mismatch("Tue 06 Nov 2012", dt.date(2012, 11, 7)) == "Tue"


def test_declared_zone_applies_to_naive_values_only() -> None:
    tz = dt.timezone(dt.timedelta(hours=1))
    assert parse_date("2021-11-09T04:12:00", tz=tz) == dt.datetime(2021, 11, 9, 4, 12, tzinfo=tz)
    aware = parse_date("2021-11-09T04:12:00-08:00", tz=tz)
    assert isinstance(aware, dt.datetime) and aware.utcoffset() == dt.timedelta(hours=-8)
    assert parse_date("2021-11-09", tz=tz) == dt.date(2021, 11, 9)  # a day stays a day


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_long_form_round_trips(day: dt.date) -> None:
    assert parse_date(day.strftime("%A, %d %B %Y"), dayfirst=True) == day
    assert parse_date(day.strftime("%A, %B %d, %Y"), dayfirst=False) == day


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        value = parse_date(text)
    assert value is None or isinstance(value, dt.date)


_MONTH_FORMS = st.sampled_from(
    [(1, "January"), (2, "Feb"), (3, "MAR."), (5, "may"), (6, "June"), (9, "Sept"),
     (9, "Sep."), (10, "october"), (12, "Dec")]
)  # fmt: skip


@given(_MONTH_FORMS, st.integers(0, 33), st.integers(1990, 2099), st.booleans())
def test_a_date_written_out_in_english_reads_either_way_round(
    month: tuple[int, str], day: int, year: int, day_first: bool
) -> None:
    number, name = month
    text = f"{day} {name} {year}" if day_first else f"{name} {day}, {year}"
    try:
        expected: dt.date | None = dt.date(year, number, day)
    except ValueError:
        expected = None  # "February 30": no date
    assert parse_date(text) == expected
    if expected is not None:  # its own weekday before it changes nothing
        assert parse_date(f"{expected.strftime('%A')}, {text}", dayfirst=False) == expected


@pytest.mark.parametrize(
    "text", ["2012", "PT5M", "5 Minutes", "Election 2012: the photos", "October 2012", "9 Oct"]
)
def test_text_without_a_day_a_month_and_a_year_is_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_a_compact_date_is_still_read() -> None:
    assert parse_date("20121009", dayfirst=False) == dt.date(2012, 10, 9)
