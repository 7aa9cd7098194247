"""Throughput of every writer, in items per second, on generated models.

Usage: ``python benchmarks/writers.py [--items 2000] [--repeat 3] [--writers rss atom …]``

The model is generated (no third-party text): one listing of ``--items``
articles, each with a title, a URL (every other one; the rest get hashed
ids), two authors, a date (date-only, naive and aware in turn), a summary,
tags, an image and a body of eight blocks (paragraphs with links, a
heading, list items, a quote, preformatted text, a figure) — about 2.5 KB
of text per article, with markup characters to escape. Feed writers (RSS,
Atom, JSON Feed), JSON and JSON Lines get the whole listing at once;
Markdown (one document per file) gets each article as its own document.
The best of ``--repeat`` runs is reported, with the output size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import time

from broadsheet.model import (
    Article,
    Document,
    Figure,
    Heading,
    Image,
    Link,
    Listing,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
)
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry

WRITERS = ("rss", "atom", "jsonfeed", "markdown", "jsonl", "json")
TEXT = (
    "Tenants & workers met on the <estate> green to plan the next steps; "
    "the *rent* rise was 12% [again] and the_council's reply came late. "
)


def article(n: int) -> Article:
    when: dt.date
    if n % 3 == 0:
        when = dt.date(2024, 1, 1) + dt.timedelta(days=n % 365)
    elif n % 3 == 1:
        when = dt.datetime(2024, 1, 1, 9, 30) + dt.timedelta(hours=n)
    else:
        when = dt.datetime(2024, 1, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    paragraph = TEXT * 3
    return Article(
        title=f"Item {n}: rents, repairs & the <council>",
        url=f"https://example.org/news/{n}" if n % 2 else None,
        authors=["Ana Ruiz", "Ben Okafor"],
        published=when,
        summary=TEXT,
        body=[
            Paragraph(text=paragraph, links=[Link(start=0, end=7, url="https://example.org/t")]),
            Heading(text="What happens next", level=2),
            ListItem(text="A meeting on Friday", ordered=True),
            ListItem(text="A petition to the council", ordered=True),
            Quote(text=TEXT),
            Paragraph(text=paragraph),
            Preformatted(text="Flat   Damp   Mould\n1      yes    no\n2      yes    yes"),
            Figure(text="The green.", url=f"https://example.org/img/{n}.jpg", alt="People"),
        ],
        image=Image(url=f"https://example.org/img/lead-{n}.jpg"),
        tags=["housing", "rents"],
        section="Local",
        outlet="example.org",
    )


def run(writer_name: str, docs: list[Document], count: int, repeat: int) -> tuple[float, int]:
    """Best items/s over ``repeat`` runs, and the output size in bytes."""
    writer = get_registry().writer(writer_name)
    options = WriteOptions(
        now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC), feed_url="https://f.example/"
    )
    best = float("inf")
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = 0
        if writer.many:
            stream = io.BytesIO()
            writer.write(docs, stream, options)
            size = len(stream.getvalue())
        else:
            for item in docs[0].items if isinstance(docs[0], Listing) else docs:
                stream = io.BytesIO()
                writer.write([item], stream, options)
                size += len(stream.getvalue())
        best = min(best, time.perf_counter() - started)
    return count / best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--writers", nargs="+", default=list(WRITERS))
    args = parser.parse_args()
    listing = Listing(title="Benchmark", items=[article(n) for n in range(args.items)])
    print(f"{args.items} articles, best of {args.repeat}")
    print(f"{'writer':10} {'items/s':>10} {'MB out':>8}")
    for name in args.writers:
        rate, size = run(name, [listing], args.items, args.repeat)
        print(f"{name:10} {rate:10,.0f} {size / 1e6:8.2f}")


if __name__ == "__main__":
    main()
