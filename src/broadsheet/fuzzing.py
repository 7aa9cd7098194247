"""A fuzzing harness: any bytes through :class:`~broadsheet.page.Page`, every
format's ``sniff`` and ``parse``, and every writer.

The contract it checks (what the docs promise about bad input):

- ``Page.from_bytes`` never raises, and the page's kind, text, tree and
  metadata can always be built;
- a format's ``sniff`` never raises and gives a score in ``[0, 1]``;
- a format's ``parse`` (``parse_many``) either gives valid documents or
  raises :class:`ValueError` — the one documented error type (the registry
  turns it into a :class:`~broadsheet.errors.ParseError`). Any other
  exception (``TypeError``, ``AttributeError``, ``RecursionError``,
  ``AssertionError``…) is a finding, and so is a :class:`UnicodeError`
  (a ``ValueError`` by inheritance, but never a reason about the input);
- every writer writes every document it is given, without any exception,
  and the JSON form reads back equal (``loads(dumps(doc)) == doc``).

:func:`check` runs one input and returns the findings (empty when all
held); :func:`mutate` makes a new input from seed inputs, the way a
hostile or broken page differs from a good one: bytes flipped, inserted or
deleted, pieces of other inputs spliced in, hostile tokens (surrogate and
control references, deep nesting, odd dates and URLs) dropped in, cut at
random. ``tests/test_fuzz.py`` runs a short campaign under hypothesis in
CI; ``tools/fuzz.py`` a long one.
"""

from __future__ import annotations

import io
import random
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from broadsheet.jsonform import dumps, loads
from broadsheet.model import Document
from broadsheet.page import Page
from broadsheet.plugin import WriteOptions
from broadsheet.registry import Registry, get_registry

__all__ = ["TOKENS", "Finding", "check", "load_seeds", "mutate"]

TOKENS: tuple[bytes, ...] = (
    b"&#xD800;",
    b"&#1;",
    b"&#0;",
    b"&#x110000;",
    b"\xed\xa0\x80",
    b"\x00",
    b"\xff\xfe",
    b"<!DOCTYPE html>",
    b"<html></html>",
    b"<!-- don't -->",
    b"<![CDATA[",
    b"]]>",
    b"<h3><h3><h3 class='tag-body'><h3><a href='/x'>E",
    b"<base href='http://[::1'>",
    b"<link rel='canonical' href='http://[::1'>",
    b"<meta property='og:url' content='javascript:alert(1)'>",
    b"javascript:alert(1)",
    b"data:text/html,x",
    b"http://[::1",
    b'{"@type": {"x": 1}}',
    b'<script type="application/ld+json">{"@type": {"a": 1}}</script>',
    b"[" * 64,
    b"<div>" * 64,
    b"Tue, 05 Mar 2024 10:00:00 +9900",
    b"0001-01-01T00:30:00+01:00",
    b"9999-12-31T23:59:59-12:00",
    b"UTC+30",
    b"<pubDate>Mon, 01 Jan 0001 00:00:00 +0100</pubDate>",
    b'"published": "0001-01-01T00:30:00+01:00"',
    b'"outlet": "\\ud800"',
    b"\\ud800",
    b"<?xml version='1.0'?>",
    b"<rss version='2.0'><channel>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<item><title></title></item>",
    b"\r\n",
    "\u2028".encode(),
    "😀".encode(),
)
"""Byte strings that broke parsers before, or are likely to."""


@attrs.frozen
class Finding:
    """One broken promise: where (``stage``) and what (one line, and the traceback)."""

    stage: str
    error: str
    trace: str

    def __str__(self) -> str:
        return f"{self.stage}: {self.error}"


def _finding(stage: str, exc: BaseException) -> Finding:
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-8))
    return Finding(stage, f"{type(exc).__name__}: {str(exc)[:200]}", trace)


def _allowed_parse_error(exc: BaseException) -> bool:
    return isinstance(exc, ValueError) and not isinstance(exc, UnicodeError)


def _write_all(
    registry: Registry, docs: Sequence[Document], options: WriteOptions, out: list[Finding]
) -> None:
    for name, writer in sorted(registry.writers.items()):
        batches = [list(docs)] if writer.many else [[doc] for doc in docs]
        for batch in batches:
            try:
                writer.write(batch, io.BytesIO(), options)
            except Exception as exc:
                out.append(_finding(f"write {name}", exc))
    for doc in docs:
        try:
            if loads(dumps(doc)) != doc:
                out.append(Finding("jsonform", "loads(dumps(doc)) != doc", ""))
        except Exception as exc:
            out.append(_finding("jsonform", exc))


def check(
    data: bytes,
    *,
    url: str | None = None,
    registry: Registry | None = None,
    formats: Iterable[str] | None = None,
    write: bool = True,
) -> list[Finding]:
    """Run ``data`` through the page, every format (or those named) and every
    writer; the broken promises found (see the module docstring)."""
    registry = registry or get_registry()
    out: list[Finding] = []
    try:
        page = Page.from_bytes(data, url=url)
        kind = page.kind
        page.text  # noqa: B018 - decoding is part of the contract
        if kind == "html":
            page.tree  # noqa: B018
            page.metadata  # noqa: B018
    except Exception as exc:
        return [_finding("page", exc)]
    names = sorted(registry.formats) if formats is None else list(formats)
    docs: list[Document] = []
    for name in names:
        fmt = registry.formats[name]
        try:
            score = fmt.sniff(page)
            if not 0.0 <= score <= 1.0:
                out.append(Finding(f"sniff {name}", f"score {score!r} outside [0, 1]", ""))
        except Exception as exc:
            out.append(_finding(f"sniff {name}", exc))
        if kind not in fmt.kinds:
            continue
        try:
            docs.extend(fmt.parse_many(page))
        except Exception as exc:
            if not _allowed_parse_error(exc):
                out.append(_finding(f"parse {name}", exc))
    if write and docs:
        options = WriteOptions(title="Fuzz", feed_url="https://fuzz.example/feed")
        _write_all(registry, docs[:3], options, out)
    return out


def load_seeds(paths: Iterable[Path], *, max_size: int = 200_000) -> list[bytes]:
    """The files under ``paths`` (recursively) as seed inputs, sorted by name."""
    seeds = []
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.stat().st_size <= max_size:
                seeds.append(path.read_bytes())
    return seeds


def mutate(seeds: Sequence[bytes], rng: random.Random, *, max_size: int = 8192) -> bytes:
    """A new input made from ``seeds`` by one to eight random mutations (see the
    module docstring); a slice of at most ``max_size`` bytes keeps runs fast."""
    data = bytearray(rng.choice(seeds))
    if len(data) > max_size:
        start = rng.randrange(0, len(data) - max_size) if rng.random() < 0.5 else 0
        data = data[start : start + max_size]
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        at = rng.randint(0, len(data))
        if choice < 0.3:
            data[at:at] = rng.choice(TOKENS)
        elif choice < 0.45 and data:
            for _ in range(rng.randint(1, 16)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif choice < 0.6 and data:
            end = min(len(data), at + rng.randint(1, 512))
            del data[at:end]
        elif choice < 0.75:
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            data[at:at] = other[start : start + rng.randint(1, 2048)]
        elif choice < 0.85 and data:
            end = min(len(data), at + rng.randint(1, 256))
            data[at:at] = data[at:end] * rng.randint(2, 64)
        elif choice < 0.92:
            data = data[:at]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(data)
