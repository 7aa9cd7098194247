"""Properties of every plain-text format, forced on any text:

- any text gives a document or a :class:`ValueError` with a message (through
  the registry: a :class:`ParseError` naming the format), never another
  exception;
- parsing is deterministic;
- no text is lost except what a documented rule drops (see the no-loss rule
  in :mod:`broadsheet.text`): every word of the input appears in the
  document, unless its line is boilerplate, pagination, a date or byline
  line, a Blogger footer or masthead.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet import Page
from broadsheet.dates import DateWarning
from broadsheet.formats._text_listing import parse_pagination
from broadsheet.formats.blogger_text import DATE_HEADER, is_footer, is_pager
from broadsheet.jsonform import to_dict
from broadsheet.model import Article, Document, Listing
from broadsheet.plugin import Format
from broadsheet.registry import ParseError, get_registry
from broadsheet.text import blocks, clean, is_boilerplate, is_box_heading, split_meta

FORMATS = (
    "generic-text-listing",
    "imt-category-text",
    "imt-tag-text",
    "popularresistance-text",
    "socialistrevolution-text",
    "blogger-text",
)

_VOCAB = [
    "Written", "by", "By", "for", "and", "The", "We", "Page", "1", "of", "10", "Tuesday,",
    "06", "November", "2012", "November 9, 2021", "Sign", "Up", "To", "Our", "Daily",
    "Digest", "Skip", "to", "content", "-", "[...]", "[…]", "McDonald's", "iPhone", "NPSMK",
    "IMT", "communists", "Posted", "at", "9:14", "AM", "Labels:", "Read", "more", "'", "“",
    "May 3, 2021", "|", "Jane", "Doe",
]  # fmt: skip
_word = st.one_of(
    st.sampled_from(_VOCAB),
    st.from_regex(r"[A-Z]?[a-z]{1,9}", fullmatch=True),
    st.from_regex(r"[a-z0-9_-]{2,10}", fullmatch=True),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=6),
)


@st.composite
def _line(draw: st.DrawFn) -> str:
    words = draw(st.lists(_word, min_size=1, max_size=18))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\u00a0"]), min_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=False)).strip()
    return text + draw(st.sampled_from(["", ".", "!", "?", " […]", "'", ":", "..."]))


@st.composite
def captures(draw: st.DrawFn) -> str:
    """Text shaped like a capture: lines of words, blank lines, odd line endings."""
    lines = draw(st.lists(_line(), min_size=1, max_size=14))
    seps = draw(
        st.lists(
            st.sampled_from(["\n", "\n\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", "\n\u00a0\n"]),
            min_size=len(lines),
        )
    )
    return "".join(line + sep for line, sep in zip(lines, seps, strict=False))


any_text = st.one_of(captures(), st.text(max_size=400))
_SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse(fmt: Format, text: str) -> Document:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        return fmt.parse(Page.from_text(text, kind="text"))


@pytest.mark.parametrize("name", FORMATS)
@_SETTINGS
@given(text=any_text)
def test_any_text_gives_a_document_or_a_value_error(name: str, text: str) -> None:
    fmt = get_registry().format(name)
    try:
        doc = _parse(fmt, text)
    except ValueError as exc:
        assert str(exc).strip()
        return
    assert isinstance(doc, Article | Listing)


@pytest.mark.parametrize("name", FORMATS)
@_SETTINGS
@given(text=any_text)
def test_through_the_registry_errors_are_parse_errors_naming_the_format(
    name: str, text: str
) -> None:
    page = Page.from_text(text, kind="text")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DateWarning)
        try:
            get_registry().parse(page, name)
        except ParseError as exc:
            assert name in str(exc)


@pytest.mark.parametrize("name", FORMATS)
@_SETTINGS
@given(text=any_text)
def test_parsing_is_deterministic(name: str, text: str) -> None:
    fmt = get_registry().format(name)
    try:
        first = to_dict(_parse(fmt, text))
    except ValueError:
        with pytest.raises(ValueError):
            _parse(fmt, text)
        return
    assert to_dict(_parse(fmt, text)) == first


def _output_texts(doc: Document) -> Iterator[str]:
    if isinstance(doc, Listing):
        yield doc.title or ""
        yield doc.description or ""
        for item in doc.items:
            yield from _output_texts(item)
        return
    yield doc.title or ""
    if doc.image is not None:
        yield doc.image.caption or ""
        yield doc.image.alt or ""
    yield doc.summary or ""
    yield from doc.authors
    yield from doc.tags
    for block in doc.body:
        yield block.text


_WORDS = re.compile(r"\w+")
_DROPPABLE = re.compile(
    r"^(Written by|By |Showing posts|Last Updated)|"
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? [\w ,]+\d{4}"
)


def _before_pagers(lines: list[str]) -> Iterator[str]:
    """Blogger lines without the sidebar under a pager (up to the next date header)."""
    posts = ended = False
    for line in lines:
        if DATE_HEADER.match(line):
            posts, ended = True, False
        elif posts and is_pager(line):
            ended = True
        if not ended:
            yield line


def _kept_words(text: str, name: str) -> list[str]:
    """The words of ``text`` that no documented rule lets a format drop."""
    words: list[str] = []
    box = 0
    if name == "blogger-text":  # the sidebar after the last footer may go
        lines = [clean(x) for x in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        footers = [i for i, line in enumerate(lines) if line and is_footer(line)]
        lines = lines[: footers[-1]] if footers else lines
        text = "\n".join(_before_pagers(lines))
    parts = blocks(text)
    if name == "blogger-text":
        parts = [[line for line in b if not is_footer(line)] for b in parts]
        headers = [i for i, b in enumerate(parts) if any(DATE_HEADER.match(x) for x in b)]
        parts = parts[headers[0] :] if headers else parts
    for block in parts:
        if not block:
            continue
        if box or is_boilerplate(block[0]):  # a box's blurb: up to two blocks under it
            box = 2 if any(is_box_heading(line) for line in block) else max(box - 1, 0)
            continue
        in_box = False
        for line in block:
            if in_box:
                continue  # a box's blurb under its heading, in the same block
            if is_boilerplate(line) and is_box_heading(line):
                box, in_box = 2, True
            if (
                is_boilerplate(line)
                or parse_pagination(line)
                or _DROPPABLE.match(line)
                or not split_meta([line])[2]
            ):
                continue
            words.extend(_WORDS.findall(line))
    return words


@pytest.mark.parametrize("name", FORMATS)
@_SETTINGS
@given(text=captures())
def test_no_word_is_lost_except_by_a_documented_rule(name: str, text: str) -> None:
    fmt = get_registry().format(name)
    try:
        doc = _parse(fmt, text)
    except ValueError:
        return
    residue = "".join(_WORDS.findall(" ".join(_output_texts(doc))))
    for word in _kept_words(text, name):
        assert word in residue or any(
            word[:k] in residue and word[k:] in residue for k in range(1, len(word))
        ), f"{word!r} lost"
