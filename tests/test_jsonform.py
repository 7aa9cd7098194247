"""The JSON form: round trip for any model, schema validity, reader errors."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from hypothesis import given
from strategies import documents

import broadsheet
from broadsheet import Article, DocumentError, Image, Listing, Pagination, Paragraph, dumps, loads

VALIDATOR = jsonschema.Draft202012Validator(broadsheet.schema())


@given(documents)
def test_round_trip(doc: broadsheet.Document) -> None:
    assert loads(dumps(doc)) == doc


@given(documents)
def test_output_validates_against_the_schema(doc: broadsheet.Document) -> None:
    VALIDATOR.validate(json.loads(dumps(doc)))


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(broadsheet.schema())


def test_contract_form() -> None:
    doc = Listing(
        title="Solidarity",
        items=[
            Article(
                title="A",
                authors=["In Defence of Marxism"],
                published=dt.date(2012, 11, 6),
                image=Image(alt="bpj-logo"),
            )
        ],
        pagination=Pagination(page=1, pages=10),
    )
    data = json.loads(dumps(doc))
    assert data["type"] == "listing"
    assert data["schema_version"] == broadsheet.SCHEMA_VERSION
    assert data["pagination"] == {"page": 1, "pages": 10, "next_url": None, "prev_url": None}
    item = data["items"][0]
    assert item["published"] == "2012-11-06"
    assert item["authors"] == ["In Defence of Marxism"]
    assert item["image"] == {"url": None, "alt": "bpj-logo", "caption": None}


def test_datetime_keeps_its_offset_and_date_stays_a_date() -> None:
    tz = dt.timezone(dt.timedelta(hours=-8))
    doc = Article(
        title="t",
        published=dt.datetime(2021, 11, 9, 4, 12, tzinfo=tz),
        updated=dt.date(2021, 11, 10),
    )
    data = json.loads(dumps(doc))
    assert data["published"] == "2021-11-09T04:12:00-08:00"
    assert data["updated"] == "2021-11-10"
    back = loads(dumps(doc))
    assert isinstance(back, Article)
    assert type(back.updated) is dt.date
    assert back.published == doc.published and back.published.utcoffset() == tz.utcoffset(None)


def test_reader_accepts_the_gold_shape() -> None:
    # hand-written documents may omit keys and give the body as bare strings
    doc = loads('{"type": "article", "title": "T", "body": ["one", "two"], "image": {"alt": "x"}}')
    assert isinstance(doc, Article)
    assert doc.body == (Paragraph(text="one"), Paragraph(text="two"))
    assert doc.image == Image(alt="x")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json", "not JSON"),
        ("[]", "expected an object"),
        ('{"type": "page"}', "type must be"),
        ('{"type": "article"}', "needs at least a title"),
        ('{"type": "article", "title": "t", "published": "yesterday"}', "not an ISO 8601 date"),
        ('{"type": "article", "title": "t", "authors": "Ann"}', "expected a list"),
        ('{"type": "article", "title": "t", "body": [{"kind": "video"}]}', "unknown block kind"),
        ('{"type": "listing", "pagination": {"page": 3, "pages": 2}}', "past the last page"),
        ('{"type": "article", "title": "t", "schema_version": 99}', "unsupported schema_version"),
    ],
)
def test_reader_errors_are_clear(text: str, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        loads(text)
