"""Filter articles by author and date with the Python API.

Usage::

    python examples/filter_articles.py [INPUT ...] [--author NAME] [--since DATE] [--until DATE]

INPUT is any page or document broadsheet reads (default: the sample
``examples/data/articles.jsonl``, broadsheet's own JSON Lines); the articles
of listings count too. Dates are ``YYYY-MM-DD`` and inclusive. Prints one
line per matching article, oldest first: date, authors, title.

Dates in the model are a ``date`` when the page gave only a day and a
``datetime`` (naive, or aware when the page said so) otherwise, so they are
compared here by their calendar day, which every kind has.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

from broadsheet import Article, Listing, Page
from broadsheet.registry import get_registry

SAMPLE = Path(__file__).parent / "data" / "articles.jsonl"


def day(value: dt.date | None) -> dt.date | None:
    """The calendar day of a date or a datetime."""
    return value.date() if isinstance(value, dt.datetime) else value


def articles(path: Path) -> Iterator[Article]:
    """Every article in a file: documents that are articles, and the items of listings."""
    page = Page.from_path(path)
    for doc in get_registry().parse_many(page):
        if isinstance(doc, Listing):
            yield from doc.items
        else:
            yield doc


def matches(
    article: Article, author: str | None, since: dt.date | None, until: dt.date | None
) -> bool:
    if author and not any(author.casefold() in name.casefold() for name in article.authors):
        return False
    when = day(article.published)
    if (since or until) and when is None:
        return False
    if since and when is not None and when < since:
        return False
    return not (until and when is not None and when > until)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[SAMPLE], metavar="INPUT")
    parser.add_argument("--author", help="part of an author's name (any case)")
    parser.add_argument("--since", type=dt.date.fromisoformat, help="first day, YYYY-MM-DD")
    parser.add_argument("--until", type=dt.date.fromisoformat, help="last day, YYYY-MM-DD")
    args = parser.parse_args(argv)
    found = [
        a
        for path in args.inputs
        for a in articles(path)
        if matches(a, args.author, args.since, args.until)
    ]
    found.sort(key=lambda a: day(a.published) or dt.date.min)
    for a in found:
        when = day(a.published)
        print(f"{when or '----------'}  {', '.join(a.authors) or '(no author)'}  {a.title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
