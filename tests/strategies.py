"""Hypothesis strategies for every model class, reused by every property test.

Texts are deliberately hostile: markup characters (``&``, ``<``, ``]]>``),
control characters XML forbids, emoji, right-to-left text, no-break spaces
and, now and then, very long strings. Dates are date-only, naive or aware.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from broadsheet.model import (
    Article,
    Block,
    Figure,
    Heading,
    Image,
    Link,
    Listing,
    ListItem,
    Pagination,
    Paragraph,
    Preformatted,
    Quote,
    Source,
)

__all__ = [
    "articles",
    "blocks",
    "dates",
    "documents",
    "images",
    "listings",
    "nasty_text",
    "paginations",
    "sources",
    "urls",
]

_SPECIAL = st.sampled_from(
    [
        "&",
        "<",
        ">",
        "]]>",
        "&amp;",
        '"',
        "'",
        "\x00",
        "\x0b",
        "\x1f",
        "\ufffe",
        "\ud7ff",
        "😀",
        "👩‍👩‍👧",
        "שלום",
        "مرحبا",
        "\u200f",
        "\u00a0",
        "*",
        "_",
        "#",
        "[",
        "]",
        "`",
        "\\",
        "|",
        "---",
        "\n",
        "\t",
        "\r",
    ]
)

nasty_text = st.one_of(
    st.text(min_size=1, max_size=40),
    st.lists(st.one_of(_SPECIAL, st.text(max_size=8)), min_size=1, max_size=12).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30),
    st.just("x" * 5000),
).filter(lambda s: bool(s.strip()))
"""Non-blank text, with the characters writers and parsers trip on."""

urls = st.one_of(
    st.builds(
        "https://{}.example/{}".format,
        st.from_regex(r"[a-z]{1,10}", fullmatch=True),
        st.from_regex(r"[a-z0-9/_-]{0,20}", fullmatch=True),
    ),
    st.just("https://example.org/a?b=1&c=<2>"),
)

_tz = st.one_of(
    st.none(),
    st.just(dt.UTC),
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(
        lambda m: dt.timezone(dt.timedelta(minutes=m))
    ),
)
dates = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(
        min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2100, 12, 30), timezones=_tz
    ),
)
"""None, a date-only value, or a naive or timezone-aware datetime."""


@st.composite
def _links(draw: st.DrawFn, text: str) -> tuple[Link, ...]:
    if not text:
        return ()
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=4)))
    out = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if end > start:
            out.append(Link(start=start, end=end, url=draw(urls)))
    return tuple(out)


@st.composite
def _with_links(draw: st.DrawFn, cls: type, **extra: object) -> Block:
    text = draw(nasty_text)
    kwargs = {k: draw(v) for k, v in extra.items()}  # type: ignore[call-overload]
    return cls(text=text, links=draw(_links(text)), **kwargs)  # type: ignore[no-any-return]


blocks: st.SearchStrategy[Block] = st.one_of(
    _with_links(Paragraph),
    _with_links(Heading, level=st.integers(1, 6)),
    _with_links(Quote),
    _with_links(ListItem, ordered=st.booleans()),
    st.builds(Preformatted, text=nasty_text),
    st.builds(
        Figure,
        text=st.one_of(st.just(""), nasty_text),
        url=st.one_of(st.none(), urls),
        alt=st.one_of(st.none(), nasty_text),
    ),
)

_optional_text = st.one_of(st.none(), nasty_text)

images = st.builds(Image, url=urls, alt=_optional_text, caption=_optional_text) | st.builds(
    Image, url=st.none(), alt=nasty_text, caption=_optional_text
)

sources = st.builds(
    Source,
    format=st.one_of(st.none(), st.sampled_from(["generic-text-listing", "imt-joomla-text"])),
    version=st.one_of(st.none(), st.just("1")),
    input=st.one_of(st.none(), st.just("pages/a.html"), nasty_text),
    position=st.one_of(st.none(), st.just("member 3")),
)


@st.composite
def paginations(draw: st.DrawFn) -> Pagination:
    page = draw(st.integers(1, 500))
    pages = draw(st.one_of(st.none(), st.integers(page, 1000)))
    return Pagination(
        page=page,
        pages=pages,
        next_url=draw(st.one_of(st.none(), urls)),
        prev_url=draw(st.one_of(st.none(), urls)),
    )


_names = st.lists(nasty_text, max_size=3)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    title = draw(_optional_text)
    summary = draw(_optional_text)
    body = draw(st.lists(blocks, max_size=6))
    if not (title or summary or body):
        title = draw(nasty_text)
    return Article(
        title=title,
        url=draw(st.one_of(st.none(), urls)),
        authors=draw(_names),
        published=draw(dates),
        updated=draw(dates),
        summary=summary,
        body=body,
        image=draw(st.one_of(st.none(), images)),
        tags=draw(_names),
        section=draw(_optional_text),
        language=draw(st.one_of(st.none(), st.sampled_from(["en", "es", "ar", "en-GB"]))),
        outlet=draw(st.one_of(st.none(), st.sampled_from(["marxist.com", "example.org"]))),
        source=draw(st.one_of(st.none(), sources)),
    )


listings = st.builds(
    Listing,
    title=_optional_text,
    url=st.one_of(st.none(), urls),
    description=_optional_text,
    items=st.lists(articles(), max_size=5),
    pagination=st.one_of(st.none(), paginations()),
    outlet=st.one_of(st.none(), st.just("popularresistance.org")),
    source=st.one_of(st.none(), sources),
)

documents = st.one_of(articles(), listings)
"""Any document: an article or a listing."""
