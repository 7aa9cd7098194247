"""The layout rules of issue 14 beyond their fixtures: each rule on small
invented pages, through the registry (detection, then the format's parse)."""

from __future__ import annotations

import datetime as dt

import pytest

from broadsheet import Page
from broadsheet.model import Article, Listing
from broadsheet.registry import get_registry


def _parse(text: str, url: str | None = None, fmt: str | None = None) -> Listing:
    doc = get_registry().parse(Page.from_text(text, url=url), fmt)
    assert isinstance(doc, Listing)
    return doc


def _pairs(doc: Listing) -> list[tuple[str | None, str | None]]:
    return [(item.title, item.summary) for item in doc.items]


# -- IMT tag pages: a tag's name above title-less teasers (class 2) -------------

_ORPHAN = "We have received a report from the assembly, where a motion was passed by all."


def test_a_line_above_a_glued_alt_teaser_is_the_tag_name_not_its_headline() -> None:
    teaser = "quay_4-thThe dockers have stopped work again today."
    text = f"Port workers of Lorvik\n\n{teaser}\n\n{_ORPHAN}\n"
    doc = _parse(text, fmt="imt-tag-text")
    assert doc.title == "Port workers of Lorvik"
    assert doc.items[0].title is None and doc.items[0].image is not None


def test_a_short_name_above_two_teasers_is_the_tag_name() -> None:
    text = f"Miami Five\n\nThe five were arrested in Miami in 1998 and jailed.\n\n{_ORPHAN}\n"
    doc = _parse(text, fmt="imt-tag-text")
    assert doc.title == "Miami Five"
    assert [item.title for item in doc.items] == [None, None]


@pytest.mark.parametrize(
    "first",
    [
        "Solidarity with the Halven nurses",  # more than three words: a headline
        "Free them now!",  # sentence punctuation: a headline
    ],
)
def test_a_headline_above_its_teaser_stays_an_item(first: str) -> None:
    teaser = "The nurses have been on strike for ten days, and the IMT backs them."
    text = f"{first}\n\n{teaser}\n\n{_ORPHAN}\n"
    doc = _parse(text, fmt="imt-tag-text")
    assert doc.title is None
    assert doc.items[0].title == first


def test_a_short_glued_alt_teaser_is_never_a_headline() -> None:
    """A heading-like teaser opening with a glued alt does not take the next teaser."""
    text = (
        "Dock strikes\n\nfilm_2-thA film of the picket at gate four, made by the strikers\n\n"
        f"{_ORPHAN}\n"
    )
    doc = _parse(text, fmt="imt-tag-text")
    assert [item.title for item in doc.items] == [None, None]
    assert doc.items[1].summary == _ORPHAN


# -- Socialist Revolution: headline / teaser pairs (class 5) --------------------

_SR = "https://socialistrevolution.org/category/labor/"


@pytest.mark.parametrize(
    "teaser",
    [
        "Workers walked out on Monday. Victory to the strikers!",  # ends in "!"
        "Why do the bosses fear a labor party?",  # a question
        "Rents are up, wages are not […]",  # cut
        "The communists were there from the first hour",  # no final stop
    ],
)
def test_a_headline_takes_the_teaser_under_it_whatever_its_shape(teaser: str) -> None:
    for caption in ("", "Picket line at the plant\n"):
        text = (
            f"{caption}Strikers Hold the Line at Harlan Foods\n\n{teaser}\n\n"
            "Why Capitalism Means Crisis\n\nEvery boom ends in a bust, and workers pay for it.\n"
        )
        doc = _parse(text, url=_SR)
        assert _pairs(doc) == [
            ("Strikers Hold the Line at Harlan Foods", teaser),
            ("Why Capitalism Means Crisis", "Every boom ends in a bust, and workers pay for it."),
        ]
        assert (doc.items[0].image is not None) == bool(caption)


def test_a_title_case_line_under_a_headline_is_the_next_headline() -> None:
    text = (
        "Down With Austerity\n\nThe budget cuts schools to pay for tax breaks.\n\n"
        "Strikers Hold the Line\n\nWhy Capitalism Means Crisis\n\n"
        "Every boom ends in a bust, and workers pay for it.\n"
    )
    doc = _parse(text, url=_SR)
    assert _pairs(doc) == [
        ("Down With Austerity", "The budget cuts schools to pay for tax breaks."),
        ("Strikers Hold the Line", None),
        ("Why Capitalism Means Crisis", "Every boom ends in a bust, and workers pay for it."),
    ]


def test_a_headline_and_teaser_glued_by_one_newline_are_one_item() -> None:
    text = (
        "Nurses Strike for Safe Staffing\nNurses walked out on Monday […]\n\n"
        "The Real Cost of Housing\nRents are up, wages are not […]\n"
    )
    assert _pairs(_parse(text, url=_SR)) == [
        ("Nurses Strike for Safe Staffing", "Nurses walked out on Monday […]"),
        ("The Real Cost of Housing", "Rents are up, wages are not […]"),
    ]


def test_a_short_first_headline_is_not_the_listing_title() -> None:
    text = (
        "Down With Austerity\n\nThe budget cuts schools to pay for tax breaks.\n\n"
        "Notes on the Convention\n\nDelegates debated strike pay and the contract.\n"
    )
    doc = _parse(text, url="https://socialistrevolution.org/2019/04/")
    assert doc.title is None and doc.description is None
    assert doc.items[0].title == "Down With Austerity"


@pytest.mark.parametrize(
    "description",
    [
        "Articles on the history of the American labor movement.",
        "Our coverage of strikes, union drives and the debates inside the unions.",
    ],
)
def test_a_category_name_above_its_description(description: str) -> None:
    text = (
        f"Labor\n\n{description}\n\nNotes on the Convention\n\n"
        "Delegates debated strike pay and the contract. The communists were there.\n\n"
        "Down With Austerity\n\nThe budget cuts schools to pay for tax breaks.\n"
    )
    doc = _parse(text, url=_SR)
    assert (doc.title, doc.description) == ("Labor", description)
    assert len(doc.items) == 2


def test_a_category_name_above_the_first_headline_is_the_listing_title() -> None:
    text = (
        "Labor\n\nNotes on the Convention\n\nDelegates debated strike pay and the contract.\n\n"
        "Down With Austerity\n\nThe budget cuts schools to pay for tax breaks.\n"
    )
    doc = _parse(text, url=_SR)
    assert doc.title == "Labor"
    assert [item.title for item in doc.items] == ["Notes on the Convention", "Down With Austerity"]


# -- Blogger date-grouped pages (class 4) ---------------------------------------

_HEADER = "Friday, October 7, 2022"
_BODY = "The drivers have won back the bonus that the company cut in the spring."


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Ana K. Weber.", ("Ana K. Weber",)),
        ("By Tomas Lind and Ruth Ebo.", ("Tomas Lind", "Ruth Ebo")),
        ("By Piet de Vries.", ("Piet de Vries",)),
        ("By Marta Vell", ("Marta Vell",)),
    ],
)
def test_a_by_line_opening_a_post_is_its_authors(line: str, authors: tuple[str, ...]) -> None:
    doc = get_registry().parse(Page.from_text(f"{_HEADER}\n\nA title\n\n{line}\n{_BODY}\n"))
    assert isinstance(doc, Article)
    assert doc.authors == authors
    assert [b.text for b in doc.body] == [_BODY]


@pytest.mark.parametrize("line", ["By the end of the week, the strike had spread.", "By Night"])
def test_a_sentence_opening_with_by_stays_in_the_body(line: str) -> None:
    doc = get_registry().parse(Page.from_text(f"{_HEADER}\n\nA title\n\n{line}\n{_BODY}\n"))
    assert isinstance(doc, Article)
    assert doc.authors == () and doc.body[0].text == line


def test_a_paragraph_about_a_fundraising_campaign_is_the_posts_own() -> None:
    para = "The union has launched a fundraising campaign for the strike fund, and the gates gave."
    doc = get_registry().parse(Page.from_text(f"{_HEADER}\n\nA title\n\n{_BODY}\n\n{para}\n"))
    assert isinstance(doc, Article)
    assert [b.text for b in doc.body] == [_BODY, para]


def test_a_bare_time_footer_and_a_title_less_last_post() -> None:
    text = (
        f"{_HEADER}\n\nA title\n\n{_BODY}\nat 10:05 AM\nNo comments:\n\n"
        f"By Lena Hart.\n{_BODY}\nat 9:20 AM\n"
    )
    doc = _parse(text)
    assert [(a.title, a.authors) for a in doc.items] == [
        ("A title", ()),
        (None, ("Lena Hart",)),
    ]


def test_a_headline_over_a_by_line_starts_a_post_even_without_a_footer() -> None:
    text = f"{_HEADER}\n\nA title\n\n{_BODY}\n\nSecond title\n\nBy Sara Malik.\n{_BODY}\n"
    doc = _parse(text)
    assert [(a.title, a.authors, a.published) for a in doc.items] == [
        ("A title", (), dt.date(2022, 10, 7)),
        ("Second title", ("Sara Malik",), dt.date(2022, 10, 7)),
    ]


def test_the_sidebar_under_the_pager_is_not_a_post_body() -> None:
    text = f"{_HEADER}\n\nA title\n\n{_BODY}\n\nOlder Posts Home\n\nPopular Posts\nA title\n"
    doc = get_registry().parse(Page.from_text(text))
    assert isinstance(doc, Article)
    assert [b.text for b in doc.body] == [_BODY]


def test_a_date_line_under_a_headline_is_its_date_not_its_teaser() -> None:
    text = (
        "Strikers Hold the Line\n\nMarch 3, 2019\n\nWorkers walked out on Monday. Victory!\n\n"
        "Why Capitalism Means Crisis\n\nEvery boom ends in a bust, and workers pay for it.\n"
    )
    doc = _parse(text, url=_SR)
    assert _pairs(doc)[0] == ("Strikers Hold the Line", "Workers walked out on Monday. Victory!")
    assert doc.items[0].published == dt.date(2019, 3, 3)
    assert len(doc.items) == 2


def test_a_bare_home_line_in_a_post_does_not_end_the_posts() -> None:
    after = "The second paragraph of the post, after it."
    text = f"{_HEADER}\n\nA title\n\n{_BODY}\n\nHome\n\n{after}\n"
    doc = get_registry().parse(Page.from_text(text))
    assert isinstance(doc, Article)
    assert [b.text for b in doc.body] == [_BODY, after]
