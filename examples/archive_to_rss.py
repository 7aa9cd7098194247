"""Convert an archive of captures into one RSS feed, with the Python API.

Usage::

    python examples/archive_to_rss.py [ARCHIVE] [-o feed.xml] [--title TITLE] [--feed-url URL]

ARCHIVE is a ``.zip`` of saved pages (default: the sample
``examples/data/captures.zip``, plain-text captures of two invented
outlets). Every member is parsed by whichever format scores it best; members
no format reads are reported on stderr and skipped. The documents are
written by the ``rss`` writer as one feed (listing items become feed
items). The command line does the same, for folders, tar and WARC files
too: ``broadsheet convert ARCHIVE --to rss -o feed.xml``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zipfile
from pathlib import Path

from broadsheet import Document, Page, WriteOptions
from broadsheet.registry import ParseError, get_registry

SAMPLE = Path(__file__).parent / "data" / "captures.zip"


def documents(archive: Path) -> list[Document]:
    """The documents of every member of ``archive``, in member order."""
    registry = get_registry()
    docs: list[Document] = []
    with zipfile.ZipFile(archive) as zf:
        for member in sorted(zf.namelist()):
            if member.endswith("/"):
                continue
            page = Page.from_bytes(zf.read(member), name=str(archive), position=member)
            try:
                docs.extend(registry.parse_many(page))
            except ParseError as exc:
                print(f"{archive}:{member}: skipped: {exc}", file=sys.stderr)
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("-o", "--output", type=Path, default=Path("feed.xml"))
    parser.add_argument("--title", default="Captured news")
    parser.add_argument("--feed-url", default="https://news.example/feed.xml")
    args = parser.parse_args(argv)
    writer = get_registry().writer("rss")
    docs = documents(args.archive)
    # A fixed build time keeps the output reproducible; drop `now` to use the clock.
    options = WriteOptions(
        title=args.title, feed_url=args.feed_url, now=dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    )
    with args.output.open("wb") as stream:
        writer.write(docs, stream, options)
    print(f"wrote {args.output}: {len(docs)} documents from {args.archive.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
