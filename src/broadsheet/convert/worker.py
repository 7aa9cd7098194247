"""What runs in a worker process: parse a batch, and render it when the layout allows.

:class:`Job` is what a worker needs (picklable); :func:`process` is the
worker's entry point (inputs an earlier run already did pass through
unparsed); :func:`crashed` is the outcome of a document that killed its
worker.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Literal

import attrs

from broadsheet.archive import InputDoc
from broadsheet.convert.accounting import Outcome, describe
from broadsheet.convert.document import convert_document
from broadsheet.model import Document
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.registry import get_registry

__all__ = ["Job", "crashed", "process"]


@attrs.frozen(kw_only=True)
class Job:
    """What a worker needs (picklable): the forced format and how to render."""

    format: str | None
    writer: str
    render: Literal["docs", "each", "stream"]
    options: WriteOptions


def _render(writer: Writer, docs: Iterable[Document], options: WriteOptions) -> bytes:
    buffer = io.BytesIO()
    writer.write(docs, buffer, options)
    return buffer.getvalue()


def _work(job: Job, batch: list[InputDoc]) -> list[Outcome]:
    registry = get_registry()
    writer = registry.writer(job.writer)
    out: list[Outcome] = []
    for item in batch:
        outcome = convert_document(item, format=job.format, registry=registry)
        if outcome.status == "converted" and job.render != "docs":
            try:
                if job.render == "each":
                    single = attrs.evolve(job.options, single=True)
                    rendered = tuple(_render(writer, [doc], single) for doc in outcome.docs)
                else:
                    rendered = (_render(writer, outcome.docs, job.options),)
            except Exception as exc:
                outcome = attrs.evolve(
                    outcome,
                    status="failed",
                    docs=(),
                    reason=f"the {writer.name} writer failed: {describe(exc)}",
                )
            else:
                outcome = attrs.evolve(outcome, docs=(), rendered=rendered)
        out.append(outcome)
    return out


def crashed(entry: tuple[InputDoc, bool], exc: BaseException) -> Outcome:
    item = entry[0]
    return Outcome(
        input=item.input,
        position=item.position,
        relpath=item.relpath,
        status="failed",
        reason=f"the worker process died on this document ({describe(exc)})",
    )


def process(job: Job, batch: list[tuple[InputDoc, bool]]) -> list[Outcome]:
    """Worker entry: items already done (resume) pass through without parsing."""
    todo = [item for item, done in batch if not done]
    converted = iter(_work(job, todo)) if todo else iter(())
    out: list[Outcome] = []
    for item, done in batch:
        if done:
            out.append(
                Outcome(
                    input=item.input,
                    position=item.position,
                    relpath=item.relpath,
                    status="converted",
                    resumed=True,
                )
            )
        else:
            out.append(next(converted))
    return out
