"""Blogger blogs (idcommunism.com and any other): plain-text captures of
post pages and of archive, label and search pages.

Blogger prints a date header (``Tuesday, November 9, 2021``; month first,
or ``Tuesday, 9 November 2021`` in day-first locales) above the posts of
each day; one header can cover several posts. The rules:

- A page with one post is an :class:`Article`: the line under the date
  header is its title and every later line is a body paragraph (slogans
  and one-line paragraphs included). Lines above the header are the blog's
  masthead and are not kept.
- A page with several posts is a :class:`Listing` of full articles, each
  dated by the header above it. Inside one day, posts are told apart by the
  footer Blogger prints under each post (``Posted by NAME at 9:14 AM``,
  ``No comments:``, ``Labels: …``, share links): text after a footer starts
  a new post. Lines above the first header are the listing's title (a label
  page's ``Showing posts with label X`` gives ``X``) and description.
- The footer may be as bare as the post's time (``at 9:14 AM``) and
  ``No comments:``. A post with no footer ends where a headline stands right
  above a ``By NAME.`` line: the next post's title and byline.
- A ``By NAME.`` line opening a post body is its author (``By Ana K.
  Weber.``; ``By A and B.`` is two), and leaves the body; a post may have
  no title and open with it. Otherwise the footer's ``Posted by NAME`` is
  the author. ``Labels:`` become tags. A ``Source: …`` line stays in the body.
- Inside a post, only a short line can be furniture (``Read more »``): a
  paragraph that speaks of a fundraising campaign is the post's own.
- Text after the pager (``Newer Posts Older Posts Home``) and text after the
  last post's footer that does not read as a post (a headline or a ``By
  NAME.`` line, then running text within three lines) is the blog's sidebar
  (archive tree, profile, links, popular posts) and is not kept.
- Blogger is a platform: the document's ``outlet`` is the blog's own
  domain when the page URL is known. On the address of an outlet that does
  not run on Blogger the format steps aside.
- The weekday of a header is checked against the date (a mismatch warns,
  the date stays).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import attrs

from broadsheet._lazyre import lazy
from broadsheet.dates import parse_date
from broadsheet.formats._text_listing import OUTLET_DOMAINS, foreign_page, on_domain
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Article, Listing, Paragraph
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import clean, is_boilerplate, is_heading, split_names

__all__ = ["DATE_HEADER", "BloggerText", "byline", "is_footer", "is_pager"]

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
DATE_HEADER = lazy(
    rf"^{_WEEKDAY}, (?:(?P<mdy>{_MONTH} \d{{1,2}}, \d{{4}})|(?P<dmy>\d{{1,2}} {_MONTH},? \d{{4}}))$"
)
"""A Blogger date header, month-first (``Tuesday, November 9, 2021``) or day-first."""

_POSTED = lazy(
    r"^Posted by (?P<author>.+?)(?: at \d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s+(?:No|\d+) comments?:?)?$"
)
_POSTED_AT = lazy(r"^Posted (?:at|on) .{1,40}$")
_COMMENTS = lazy(r"^(?:No|\d+) comments?:?$", re.IGNORECASE)
_LABELS = lazy(r"^Labels?: ?(?P<labels>.+)$")
_SHARE = lazy(r"^(?:Email This|BlogThis!|Share to )")
_BY = lazy(r"^By (?P<names>[A-Z][^!?]{0,80}?)(?P<stop>\.)?$")
_TIME = lazy(r"^(?:at )?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?$")
_PAGER = lazy(
    r"^(?:(?:newer|older) posts?|home)(?: (?:(?:newer|older) posts?|home))*$", re.IGNORECASE
)
_PAGER_WORDS = lazy(r"\b(?:newer|older) post", re.IGNORECASE)
_FURNITURE_WORDS = 12
"""Inside a post, only a short line can be furniture (``Read more »``, ``Post a
Comment``): a paragraph of running text that speaks of a fundraising campaign
or asks readers to donate is the post's own."""
_SHOWING = lazy(
    r"^Showing posts (?:with label|for query|from) (?P<what>.+?)\.(?: Show all posts)?$"
)


def byline(line: str) -> tuple[str, ...] | None:
    """The people of a ``By NAME.`` line opening a post (``By Ana K. Weber.``,
    ``By A and B.``), or None when the line is not one. Without the final stop
    (``By Ana Weber``) every name must have two words at least, so that a
    short line such as ``By Night`` stays text."""
    match = _BY.match(line)
    names = split_names(match.group("names")) if match else None
    if names and match and not match.group("stop") and any(" " not in n for n in names):
        return None
    return names


def is_pager(line: str) -> bool:
    """Whether a line is the pager Blogger prints under the last post
    (``Newer Posts Older Posts Home``): what follows is the sidebar."""
    return _PAGER.match(line) is not None and _PAGER_WORDS.search(line) is not None


def is_footer(line: str) -> bool:
    """Whether a line is part of the footer Blogger prints under a post."""
    return bool(
        _POSTED.match(line)
        or _TIME.match(line)
        or _POSTED_AT.match(line)
        or _COMMENTS.match(line)
        or _LABELS.match(line)
        or _SHARE.match(line)
    )


class _Post:
    def __init__(self, published: dt.date | None, after_footer: bool = False) -> None:
        self.published = published
        self.after_footer = after_footer
        self.lines: list[str] = []
        self.poster: str | None = None
        self.tags: list[str] = []

    def footer(self, line: str) -> None:
        if (posted := _POSTED.match(line)) and self.poster is None:
            self.poster = clean(posted.group("author")) or None
        elif labels := _LABELS.match(line):
            for tag in labels.group("labels").split(","):
                if tag.strip() and tag.strip() not in self.tags:
                    self.tags.append(tag.strip())

    def reads_as_post(self) -> bool:
        """A headline (or a ``By NAME.`` line), then running text within three lines."""
        return _post_follows(["", *(line for line in self.lines if line)], 0)

    def article(self) -> Article | None:
        lines = [line for line in self.lines if line]
        if not lines:
            return None
        title = None
        if is_heading(lines[0]) and len(lines[0]) <= 200:
            title = lines.pop(0)
        authors: tuple[str, ...] = ()
        if lines and (names := byline(lines[0])):
            authors = names
            lines.pop(0)
        elif self.poster:
            authors = (self.poster,)
        body = tuple(Paragraph(text=line) for line in lines)
        if title is None and not body:
            return None
        return Article(
            title=title,
            authors=authors,
            published=self.published,
            body=body,
            tags=tuple(self.tags),
        )


def _header_date(line: str) -> dt.date | None:
    match = DATE_HEADER.match(line)
    if not match:
        return None
    return parse_date(line, dayfirst=match.group("mdy") is None)


def _post_follows(content: list[str], i: int) -> bool:
    """Whether a post starts under the date header ``content[i]``: a headline (or,
    for a post with no title, a ``By NAME.`` line), then within three lines a line
    of running text (a dozen words, or a finished sentence)."""
    if i + 1 >= len(content) or not (is_heading(content[i + 1]) or byline(content[i + 1])):
        return False
    return any(
        len(line.split()) >= 12 or line.endswith((".", "!", "?", ":", "”", '"'))
        for line in content[i + 2 : i + 5]
        if not is_footer(line)
    )


def _opens_post(current: _Post, lines: list[str], k: int) -> bool:
    """Whether ``lines[k]`` is the title of a new post although no footer closed the
    one above: a headline right above a ``By NAME.`` line, inside a post with text."""
    if not any(current.lines) or not is_heading(lines[k]):
        return False
    after = next((line for line in lines[k + 1 :] if line), "")
    return byline(after) is not None


def _outlet(page: Page) -> str | None:
    """The blog's own domain (``idcommunism.com``, ``name.blogspot.com``) when the URL is known."""
    try:
        host = (urlsplit(page.url).hostname or "").lower() if page.url else ""
    except ValueError:
        return None
    host = host.removeprefix("www.").removeprefix("m.")
    return host or None


class BloggerText(Format):
    name = "blogger-text"
    kinds = ("text",)
    domains = OUTLET_DOMAINS["blogger"]
    priority = 1
    description = "Blogger post or archive page, captured as text (date headers above posts)"

    def sniff(self, page: Page) -> float:
        if foreign_page(page, self.domains):
            return 0.0
        if "day, " not in page.text or not any(
            DATE_HEADER.match(clean(line)) for line in page.lines if "day, " in line
        ):
            return 0.0
        lines = [clean(line) for line in page.lines]
        content = [line for line in lines if line]
        headers = [i for i, line in enumerate(content) if DATE_HEADER.match(line)]
        if not headers:
            return 0.0
        followed = sum(1 for i in headers if _post_follows(content, i))
        if not followed:
            return 0.1
        score = 0.75
        if headers[0] <= 3:
            score += 0.05
        if any(is_footer(line) for line in content):
            score += 0.1
        if on_domain(page, self.domains):
            score += 0.08
        return min(score, 0.98)

    def parse(self, page: Page) -> Article | Listing:
        lines = [clean(line) for line in page.lines]
        posts: list[_Post] = []
        preamble: list[str] = []
        current: _Post | None = None
        closed = False
        ended = False
        for k, line in enumerate(lines):
            if DATE_HEADER.match(line):
                current = _Post(_header_date(line))
                posts.append(current)
                closed = ended = False
                continue
            if current is None:
                if line and not is_boilerplate(line):
                    preamble.append(line)
                continue
            if ended:
                continue  # the sidebar, under the pager that closes the posts
            if line and is_footer(line):
                current.footer(line)
                closed = True
                continue
            if line and is_pager(line):
                ended = True
                continue
            if line and len(line.split()) <= _FURNITURE_WORDS and is_boilerplate(line):
                continue
            if line and not closed and _opens_post(current, lines, k):
                closed = True  # a post with no footer: its successor's title and byline
            if closed and line:
                current = _Post(current.published, after_footer=True)
                posts.append(current)
                closed = False
            current.lines.append(line)
        if len(posts) > 1 and posts[-1].after_footer and not posts[-1].reads_as_post():
            posts.pop()  # the sidebar under the last post
        articles = [a for a in (post.article() for post in posts) if a is not None]
        if not articles:
            raise ValueError("no Blogger post found (a date header, then a title and its body)")
        label = next((m.group("what") for line in preamble if (m := _SHOWING.match(line))), None)
        outlet = _outlet(page)
        if len(articles) == 1 and label is None:
            return attrs.evolve(articles[0], outlet=outlet)
        title = label
        rest = [line for line in preamble if not _SHOWING.match(line)]
        if title is None and rest and is_heading(rest[0]):
            title = rest.pop(0)
        description = "\n\n".join(rest) or None
        return Listing(title=title, description=description, items=articles, outlet=outlet)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [BloggerText()]
