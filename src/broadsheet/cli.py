"""The ``broadsheet`` command (argparse).

Subcommands: ``parse`` (pages to documents), ``convert`` (archives and
folders), ``formats`` (what is registered) and ``detect`` (ranked sniff
scores). Exit status: 0 on success, 1 when some input failed, 2 on usage
errors. Messages go to stderr, one line each, naming the input (control
characters in names escaped: :func:`broadsheet._terminal.printable`); a
traceback only with ``--debug``.

Imports are kept lazy so that ``broadsheet --version`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NoReturn

from broadsheet._terminal import printable
from broadsheet._version import __version__
from broadsheet.errors import UsageError

if TYPE_CHECKING:
    from broadsheet.model import Document
    from broadsheet.page import Page
    from broadsheet.registry import Registry

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Reporter:
    """Writes one-line messages to stderr and remembers whether anything failed."""

    def __init__(self, *, debug: bool = False, quiet: bool = False) -> None:
        self.debug = debug
        self.quiet = quiet
        self.failed = 0

    def error(self, where: str, reason: object, exc: BaseException | None = None) -> None:
        self.failed += 1
        message = " ".join(str(reason).split())
        print(printable(f"broadsheet: {where}: {message}"), file=sys.stderr)
        if self.debug and exc is not None:
            import traceback

            traceback.print_exception(exc, file=sys.stderr)

    def warn(self, where: str, message: object) -> None:
        if not self.quiet:
            line = f"broadsheet: {where}: warning: {' '.join(str(message).split())}"
            print(printable(line), file=sys.stderr)


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it (``COLUMNS``, else
    the size of stdout's terminal, else 80), without importing :mod:`shutil`."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, the same width found without importing :mod:`shutil`:
    argparse makes a formatter for every argument added, and the first one imports
    ``shutil`` (with ``bz2``, ``lzma``, ``zlib``: ~3 ms of every start-up) to ask the width."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the command reference)."""
    parser = argparse.ArgumentParser(
        formatter_class=_HelpFormatter,
        prog="broadsheet",
        description="Turn news pages (HTML, plain-text captures, feeds) into typed "
        "articles and listings, and write them as JSON, feeds or Markdown.",
    )
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_parse, _add_detect, _add_formats, _add_convert):
        add(sub)
    return parser


def _debug_flag(p: argparse.ArgumentParser) -> None:
    """``--debug`` accepted after the subcommand too (hidden: the top-level one is documented)."""
    p.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def _add_parse(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``broadsheet parse``: pages to documents, on stdout or in one file."""
    p = sub.add_parser(
        "parse",
        formatter_class=_HelpFormatter,
        help="parse pages into documents",
        description="Parse pages "
        "into documents. One FILE with --to json prints one document; several "
        "print an array; --to jsonl prints one document per line, in input order.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="a page to read; - reads stdin")
    p.add_argument("--format", metavar="NAME", help="force this input format (see 'formats')")
    p.add_argument("--url", metavar="URL", help="the page's URL (resolves relative links)")
    p.add_argument(
        "--to",
        default="json",
        metavar="WRITER",
        help="output format: json (default), jsonl, rss, atom, jsonfeed, markdown…",
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout"
    )
    p.add_argument("--feed-url", metavar="URL", help="the URL the output feed will live at")
    p.add_argument("--title", help="title of a feed made of several documents")
    p.add_argument("-q", "--quiet", action="store_true", help="no warnings on stderr")
    _debug_flag(p)
    p.set_defaults(handler=_cmd_parse)


def _add_detect(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``broadsheet detect``: every format's score for one page."""
    p = sub.add_parser(
        "detect",
        formatter_class=_HelpFormatter,
        help="show every format's score for a page",
        description="Rank the formats that read FILE by their sniff score.",
    )
    p.add_argument("file", metavar="FILE", help="a page to read; - reads stdin")
    p.add_argument("--url", metavar="URL", help="the page's URL")
    _debug_flag(p)
    p.set_defaults(handler=_cmd_detect)


def _add_formats(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``broadsheet formats``: the registered formats and writers."""
    p = sub.add_parser(
        "formats",
        formatter_class=_HelpFormatter,
        help="list the registered formats and writers",
        description="List every registered input format and output writer, "
        "with the package that provides it.",
    )
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(handler=_cmd_formats)


def _add_convert(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``broadsheet convert``: folders and archives (see :mod:`broadsheet.convert`)."""
    p = sub.add_parser(
        "convert",
        formatter_class=_HelpFormatter,
        help="convert folders and archives",
        description="Convert every document of files, folders and archives (.zip, .tar, "
        ".tar.gz/.bz2/.xz, .warc/.warc.gz, .jsonl; - reads stdin). Stream writers (jsonl, "
        "rss, atom, jsonfeed) make one output (a file, or - for stdout); json and markdown "
        "make one file per document in the folder OUT, mirroring the inputs' paths. Every "
        "input ends converted, skipped or failed; exit status 0 when all converted, 1 when "
        "some did not, 2 on usage errors.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder or archive; - is stdin")
    p.add_argument("--to", required=True, metavar="FORMAT", help="output writer (see 'formats')")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="output file or folder; - is stdout"
    )
    p.add_argument("--format", metavar="NAME", help="force this input format")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--fail-fast", action="store_true", help="stop at the first problem")
    p.add_argument(
        "--errors", metavar="FILE", help="write one JSON line per skipped or failed input"
    )
    p.add_argument(
        "--max-size",
        type=_size,
        default=None,
        metavar="BYTES",
        help="largest document read (default 50M; suffixes k, M, G)",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar, messages or summary"
    )
    p.add_argument(
        "--include", action="append", default=[], metavar="GLOB", help="only matching files"
    )
    p.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="skip matching files"
    )
    p.add_argument("--overwrite", action="store_true", help="replace existing output files")
    p.add_argument(
        "--resume", action="store_true", help="skip documents an earlier run already converted"
    )
    p.add_argument("--feed-url", metavar="URL", help="the URL the output feed will live at")
    p.add_argument("--title", help="title of the output feed")
    _debug_flag(p)
    p.set_defaults(handler=_cmd_convert)


def _read_page(name: str, url: str | None) -> Page:
    from broadsheet.page import Page

    if name == "-":
        return Page.from_stdin(url=url)
    return Page.from_path(name, url=url)


def _registry() -> Registry:
    from broadsheet.registry import get_registry

    registry = get_registry()
    return registry


def _documents(
    args: argparse.Namespace, registry: Registry, report: _Reporter
) -> Iterator[Document]:
    import warnings

    from broadsheet.page import PageError
    from broadsheet.registry import ParseError

    for name in args.files:
        where = "<stdin>" if name == "-" else name
        try:
            page = _read_page(name, args.url)
            for message in page.warnings if page.kind != "binary" else ():
                report.warn(where, message)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                docs = list(registry.parse_many(page, args.format))
            for w in caught:
                report.warn(where, w.message)
        except (PageError, ParseError) as exc:
            report.error(where, str(exc).removeprefix(f"{where}: "), exc)
            continue
        yield from docs


def _cmd_parse(args: argparse.Namespace, report: _Reporter) -> int:
    from broadsheet.plugin import WriteOptions
    from broadsheet.registry import UnknownPluginError

    registry = _registry()
    try:
        writer = registry.writer(args.to)
        if args.format is not None:
            registry.format(args.format)
    except UnknownPluginError as exc:
        raise UsageError(str(exc)) from None
    docs = list(_documents(args, registry, report))
    single = len(args.files) == 1 and len(docs) == 1
    if not docs:
        return EXIT_FAILED
    if not writer.many and len(docs) > 1:
        raise UsageError(f"the {writer.name} writer takes one document; use 'convert' for several")
    options = WriteOptions(feed_url=args.feed_url, title=args.title, single=single)
    try:
        if args.output and args.output != "-":
            from broadsheet._io import atomic_output, remove_stale_parts  # only for -o

            remove_stale_parts(args.output)  # what a killed run (kill -9) left beside it
            with atomic_output(args.output) as stream:
                writer.write(docs, stream, options)
        else:
            writer.write(docs, sys.stdout.buffer, options)
            sys.stdout.flush()
    except OSError as exc:
        report.error(args.output or "<stdout>", exc.strerror or exc, exc)
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_detect(args: argparse.Namespace, report: _Reporter) -> int:
    from broadsheet.page import PageError
    from broadsheet.plugin import THRESHOLD

    registry = _registry()
    try:
        page = _read_page(args.file, args.url)
    except PageError as exc:
        report.error(args.file, str(exc).removeprefix(f"{args.file}: "), exc)
        return EXIT_FAILED
    ranked = registry.detect(page) if page.kind != "binary" else []
    print(printable(f"{args.file}: {page.kind} page, {page.encoding}, {len(page.data)} bytes"))
    if not ranked:
        print(f"  no format reads {page.kind} pages")
    for candidate in ranked:
        mark = "*" if candidate is ranked[0] and candidate.score >= THRESHOLD else " "
        note = f"  ({candidate.error})" if candidate.error else ""
        print(printable(f" {mark}{candidate.score:5.2f}  {candidate.format.name}{note}"))
    print(f"  (threshold {THRESHOLD:.2f}; * parses the page)")
    return EXIT_OK


def _era(fmt: object) -> str:
    start = getattr(fmt, "valid_from", None)
    end = getattr(fmt, "valid_until", None)
    if start is None and end is None:
        return ""
    return f"{start.isoformat() if start else '…'}–{end.isoformat() if end else '…'}"


def _cmd_formats(args: argparse.Namespace, report: _Reporter) -> int:
    import json

    registry = _registry()
    for problem in registry.problems:
        report.warn("plugins", problem)
    formats = [
        {
            "name": f.name,
            "outlet": f.outlet,
            "kinds": list(f.kinds),
            "era": _era(f),
            "origin": registry.origins.get(f.name),
            "description": f.description,
        }
        for f in sorted(registry.formats.values(), key=lambda f: f.name)
    ]
    writers = [
        {
            "name": w.name,
            "extension": w.extension,
            "media_type": w.media_type,
            "origin": registry.origins.get(w.name),
            "description": w.description,
        }
        for w in sorted(registry.writers.values(), key=lambda w: w.name)
    ]
    if args.json:
        print(json.dumps({"formats": formats, "writers": writers}, indent=2, ensure_ascii=False))
        return EXIT_OK
    print("Formats (input):")
    print(f"  {'NAME':28} {'OUTLET':24} {'KINDS':12} {'ERA':24} ORIGIN")
    for fm in formats:
        kinds = ",".join(fm["kinds"])  # type: ignore[arg-type]
        outlet, era = fm["outlet"] or "-", fm["era"] or "-"
        print(f"  {fm['name']:28} {outlet:24} {kinds:12} {era:24} {fm['origin']}")
    print("Writers (output, --to):")
    print(f"  {'NAME':28} {'EXTENSION':10} {'MEDIA TYPE':34} ORIGIN")
    for wr in writers:
        print(f"  {wr['name']:28} {wr['extension']:10} {wr['media_type']:34} {wr['origin']}")
    return EXIT_OK


def _size(text: str) -> int:
    """``--max-size``: bytes, with an optional k/M/G suffix (powers of 1024)."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    raw = text.strip().lower().removesuffix("b").removesuffix("i")
    factor = units.get(raw[-1:], 1)
    number = raw[:-1] if raw[-1:] in units else raw
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"the size must be positive: {text!r}")
    return value


def _cmd_convert(args: argparse.Namespace, report: _Reporter) -> int:
    if args.jobs > 1:
        # first, so that the fork server's imports overlap this process's own
        from broadsheet.convert.pool import start_workers

        start_workers()
    from broadsheet.archive import DEFAULT_MAX_SIZE
    from broadsheet.convert import ConvertOptions, ConvertUsageError, run

    options = ConvertOptions(
        inputs=tuple(args.inputs),
        to=args.to,
        output=args.output,
        format=args.format,
        jobs=args.jobs,
        fail_fast=args.fail_fast,
        errors=args.errors,
        max_size=args.max_size if args.max_size is not None else DEFAULT_MAX_SIZE,
        quiet=args.quiet,
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        overwrite=args.overwrite,
        resume=args.resume,
        feed_url=args.feed_url,
        title=args.title,
    )
    try:
        counts = run(options)
    except ConvertUsageError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        report.error(exc.filename or args.output, exc.strerror or exc, exc)
        return EXIT_FAILED
    if not args.quiet:
        print(f"broadsheet: convert: {counts.summary()}", file=sys.stderr)
    ok = counts.converted == counts.inputs and not counts.stopped
    return EXIT_OK if ok else EXIT_FAILED


def _fail_usage(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    parser.print_usage(sys.stderr)
    print(printable(f"broadsheet: error: {message}"), file=sys.stderr)
    sys.exit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    report = _Reporter(debug=args.debug, quiet=getattr(args, "quiet", False))
    try:
        status: int = args.handler(args, report)
    except UsageError as exc:
        _fail_usage(parser, str(exc))
    except KeyboardInterrupt:
        print("broadsheet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
