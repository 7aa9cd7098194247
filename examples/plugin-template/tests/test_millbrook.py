"""Tests of the Millbrook Clarion format: the conformance kit, plus its own details.

The kit (``broadsheet.testing``) checks everything every format must do:
its fixtures parse to the expected JSON, it claims no foreign page, and
junk never makes it raise anything but ValueError. The tests below it are
about this outlet's quirks.
"""

from __future__ import annotations

import datetime as dt
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from broadsheet import Page
from broadsheet.testing import check_format

from broadsheet_millbrook import MillbrookClarionText, parse_byline

FIXTURES = Path(__file__).parent / "fixtures"


def test_passes_the_conformance_kit() -> None:
    check_format(MillbrookClarionText(), FIXTURES / "millbrook-clarion-text", others=[FIXTURES])


def test_passes_the_kit_through_the_pytest_fixture(broadsheet_check: Any) -> None:
    # The same check; the fixture adds the ini option broadsheet_fixtures to `others`.
    broadsheet_check(MillbrookClarionText(), FIXTURES, junk_examples=20)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Hester Quayle | Wednesday, 4 September 2024",
         ("Hester Quayle", "Wednesday, 4 September 2024")),
        ("By Dai Pennock", ("Dai Pennock", None)),
        ("Monday, 2 September 2024", (None, "Monday, 2 September 2024")),
        ("The footbridge reopens on Friday.", None),
        ("", None),
    ],
)  # fmt: skip
def test_parse_byline(line: str, expected: tuple[str | None, str | None] | None) -> None:
    assert parse_byline(line) == expected


def test_a_wrong_weekday_keeps_the_date() -> None:
    text = (
        "THE MILLBROOK CLARION\n\nNEWS\n\nA headline\n"
        "By A. Writer | Friday, 4 September 2024\nA teaser.\n"
    )
    doc = MillbrookClarionText().parse(Page.from_text(text))
    assert doc.items[0].published == dt.date(2024, 9, 4)


def test_a_page_without_the_masthead_is_refused() -> None:
    with pytest.raises(ValueError, match="masthead"):
        MillbrookClarionText().parse(Page.from_text("Some other paper\n\nA headline\n"))


def test_registered_through_the_entry_point() -> None:
    try:
        metadata.distribution("broadsheet-millbrook")
    except metadata.PackageNotFoundError:
        pytest.skip("the plugin is not installed (pip install -e .): entry point not checked")
    from broadsheet.registry import Registry

    registry = Registry(blocked=())
    assert registry.origins["millbrook-clarion-text"] == "broadsheet-millbrook"
    page = Page.from_path(FIXTURES / "millbrook-clarion-text" / "news-page-2.txt")
    assert registry.detect(page)[0].format.name == "millbrook-clarion-text"
    blocked = Registry(blocked=["millbrook"])
    assert "millbrook-clarion-text" not in blocked.formats
