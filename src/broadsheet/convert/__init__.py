"""Converting many documents (``broadsheet convert``), one module per stage.

Where things live, in the order a document goes through them:

- :mod:`~broadsheet.convert.document` — the unit of work,
  :func:`convert_document`: one :class:`~broadsheet.archive.InputDoc` in, one
  :class:`Outcome` out (converted, skipped "no format matched…", or failed
  with the reason); it never raises on content, so it runs in this process,
  in a worker, or on a Dask cluster (:mod:`broadsheet.dask`).
- :mod:`~broadsheet.convert.worker` — what a worker process runs: a batch
  parsed, and rendered there when the layout allows (one file per document,
  JSON Lines).
- :mod:`~broadsheet.convert.pool` — the ordered pool, :func:`ordered_map`:
  batches in worker processes (``--jobs N``), a bounded number in flight,
  results in input order, a dead worker survived.
- :mod:`~broadsheet.convert.naming` — output names: :func:`safe_relpath` and
  the per-run unique namer.
- :mod:`~broadsheet.convert.feeds` — many inputs into one feed:
  :func:`feed_articles` (items deduplicated; ordered by the feed writers'
  one policy, :func:`broadsheet.dates.newest_first`).
- :mod:`~broadsheet.convert.sinks` — where results go, one sink per
  :data:`~broadsheet.plugin.Layout` the writer declares
  (:attr:`~broadsheet.plugin.Writer.layout`): a folder of files, JSON Lines,
  a stream, a feed. Every file is written atomically; ``--resume`` skips what
  an earlier run finished.
- :mod:`~broadsheet.convert.resume` — ``--resume``: which input an earlier
  output's file or line holds, matched by the documents' ``source``.
- :mod:`~broadsheet.convert.options` — :class:`ConvertOptions` and the checks
  that refuse impossible combinations (:class:`ConvertUsageError`).
- :mod:`~broadsheet.convert.interrupts` — Ctrl-C and SIGTERM, deferred while
  a file is being written.
- :mod:`~broadsheet.convert.command` — :func:`run`, the command: walk, map in
  order, write, count.
- :mod:`~broadsheet.convert.accounting` — :class:`Outcome` and
  :class:`Counts`: every input ends converted, skipped or failed, and
  ``converted + skipped + failed == inputs``.

The names below are the package's public interface (the CLI and the Dask
recipe use them); import them from ``broadsheet.convert``. They are loaded
on first use (PEP 562), so that importing one stage — the fork server of
``--jobs N`` imports only :mod:`~broadsheet.convert.pool` and
:mod:`~broadsheet.convert.worker` — does not import the others. (The
command's module is ``command``, not ``run``: a submodule named like the
function would replace it as the package's ``run`` when first imported.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below are imported lazily at run time
    from broadsheet.convert.accounting import Counts, Outcome, Status
    from broadsheet.convert.command import run
    from broadsheet.convert.document import convert_document
    from broadsheet.convert.feeds import feed_articles
    from broadsheet.convert.naming import safe_relpath
    from broadsheet.convert.options import ConvertOptions
    from broadsheet.convert.pool import ordered_map
    from broadsheet.errors import ConvertUsageError

__all__ = [
    "ConvertOptions",
    "ConvertUsageError",
    "Counts",
    "Outcome",
    "Status",
    "convert_document",
    "feed_articles",
    "ordered_map",
    "run",
    "safe_relpath",
]

_LAZY = {
    **dict.fromkeys(["Counts", "Outcome", "Status"], "broadsheet.convert.accounting"),
    "run": "broadsheet.convert.command",
    "convert_document": "broadsheet.convert.document",
    "feed_articles": "broadsheet.convert.feeds",
    "safe_relpath": "broadsheet.convert.naming",
    "ConvertOptions": "broadsheet.convert.options",
    "ordered_map": "broadsheet.convert.pool",
    "ConvertUsageError": "broadsheet.errors",
}
"""Public name -> the module that defines it."""


def __getattr__(name: str) -> object:
    # PEP 562: import a public name's module on first use
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'broadsheet.convert' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
