"""The unit of work: one input document in, one :class:`Outcome` out.

:func:`convert_document` never raises on content, so it runs anywhere: in
the parent process, in a worker (``--jobs N``), on a Dask cluster
(:mod:`broadsheet.dask`).
"""

from __future__ import annotations

import warnings

import attrs

from broadsheet.archive import InputDoc, load
from broadsheet.convert.accounting import Outcome, Status, describe
from broadsheet.errors import NoFormatError, ParseError, UnknownPluginError
from broadsheet.registry import Registry, get_registry

__all__ = ["convert_document"]


def convert_document(
    item: InputDoc, *, format: str | None = None, registry: Registry | None = None
) -> Outcome:
    """Parse one input document; never raises on content.

    ``format`` forces a format (else the container's hint, else detection).
    Returns a converted outcome with the documents, a skipped one when no
    format matched (or the entry is not a document), or a failed one with
    the reason.
    """
    from broadsheet.page import Page

    item = load(item)  # bytes deferred by the walk are read here, in the worker

    def base(status: Status, reason: str | None = None) -> Outcome:
        return Outcome(
            input=item.input,
            position=item.position,
            relpath=item.relpath,
            status=status,
            reason=reason,
        )

    if item.skip is not None:
        return base("skipped", item.skip)
    if item.error is not None or item.data is None:
        return base("failed", item.error or "no data")
    if not item.data.strip():
        return base("skipped", "no format matched: empty input")
    reg = registry if registry is not None else get_registry()
    try:
        page = Page.from_bytes(
            item.data, url=item.url, name=item.input, charset=item.charset, position=item.position
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            docs = tuple(reg.parse_many(page, format or item.format))
    except NoFormatError as exc:
        reason = str(exc)
        if not reason.startswith("no format matched"):
            reason = f"no format matched: {reason}"
        return base("skipped", reason)
    except (ParseError, UnknownPluginError) as exc:
        return base("failed", str(exc))
    except RecursionError:
        return base("failed", "nested too deeply to parse")
    except Exception as exc:  # a bug in a format must not stop the run
        return base("failed", f"internal error: {describe(exc)}")
    if not docs:
        return base("failed", "no document found")
    notes = (*page.warnings, *(" ".join(str(w.message).split()) for w in caught))
    return attrs.evolve(base("converted"), docs=docs, warnings=tuple(notes))
