"""Converting beyond one machine: the per-document function on a Dask bag.

Needs the ``dask`` extra (``pip install 'broadsheet[dask]'``). The recipe:

1. :func:`broadsheet.archive.expand_inputs` turns the inputs into units of
   work — each file of a folder, each archive, each WARC file — in the same
   order ``broadsheet convert`` reads them;
2. a ``dask.bag`` holds the units, split into partitions;
3. each partition walks its units member by member
   (:func:`broadsheet.archive.walk`), runs
   :func:`broadsheet.convert.convert_document` on every document, and writes
   its results as one file, ``part-00000.jsonl`` (atomically), plus
   ``part-00000.errors.jsonl`` with one JSON line per skipped or failed
   input — the same lines as ``broadsheet convert --errors``;
4. the partitions return their counts, summed into one
   :class:`broadsheet.convert.Counts`: every input accounted for.

Concatenating the part files in order gives exactly what
``broadsheet convert INPUT... --to jsonl`` writes. A WARC file is one unit
(read as a stream); split very large crawls into several WARC files to
spread them over workers.

Example, on the local threaded scheduler (or pass a ``distributed.Client``'s
``get`` as ``scheduler``)::

    from broadsheet.dask import convert_bag
    counts = convert_bag(["crawl/"], "out/", npartitions=8)
    print(counts.summary())
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from broadsheet._io import atomic_output
from broadsheet.archive import DEFAULT_MAX_SIZE, expand_inputs, walk
from broadsheet.convert import Counts, convert_document
from broadsheet.model import Document
from broadsheet.registry import get_registry

__all__ = ["convert_bag", "convert_partition"]


def convert_partition(
    units: Sequence[str],
    output: str | Path,
    index: int,
    *,
    to: str = "jsonl",
    format: str | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
) -> dict[str, int]:
    """Convert the documents of ``units`` into ``output/part-{index:05d}{extension}``.

    Returns the partition's counts as a dict (:class:`Counts` fields). The
    writer must take many documents (``jsonl``, ``json``…); problems go to
    ``part-{index:05d}.errors.jsonl``, written even when empty so a finished
    partition is recognisable.
    """
    registry = get_registry()
    writer = registry.writer(to)
    counts = Counts()
    root = Path(output)
    problems = io.BytesIO()

    def documents() -> Iterator[Document]:
        # lazily, so a streaming writer holds one document at a time
        for unit in units:
            for item in walk([unit], max_size=max_size):
                outcome = convert_document(item, format=format, registry=registry)
                counts.add(outcome)
                if outcome.status == "converted":
                    counts.documents += len(outcome.docs)
                    yield from outcome.docs
                else:
                    problems.write(outcome.error_line())

    with atomic_output(root / f"part-{index:05d}{writer.extension}") as stream:
        writer.write(documents(), stream)
    with atomic_output(root / f"part-{index:05d}.errors.jsonl") as stream:
        stream.write(problems.getvalue())
    return attrs.asdict(counts)


def _run_chunk(chunk: tuple[int, list[str]], **kwargs: Any) -> dict[str, int]:
    index, units = chunk
    return convert_partition(units, kwargs.pop("output"), index, **kwargs)


def convert_bag(
    inputs: Sequence[str],
    output: str | Path,
    *,
    to: str = "jsonl",
    format: str | None = None,
    max_size: int | None = DEFAULT_MAX_SIZE,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    npartitions: int | None = None,
    scheduler: Any = None,
) -> Counts:
    """Convert ``inputs`` with ``dask.bag``, one output file per partition; returns the counts.

    ``scheduler`` is passed to ``compute`` (``"synchronous"``, ``"threads"``,
    ``"processes"`` or a distributed client); the counts add up exactly as
    in ``broadsheet convert``.
    """
    import dask.bag as db

    units = expand_inputs(inputs, include=include, exclude=exclude)
    Path(output).mkdir(parents=True, exist_ok=True)
    if not units:
        return Counts()
    parts = max(1, min(npartitions or 100, len(units)))
    size = -(-len(units) // parts)  # ceiling division: contiguous, ordered chunks
    chunks = [(i, units[i * size : (i + 1) * size]) for i in range(-(-len(units) // size))]
    bag = db.from_sequence(chunks, npartitions=len(chunks))  # type: ignore[no-untyped-call]
    results = bag.map(
        _run_chunk, output=str(output), to=to, format=format, max_size=max_size
    ).compute(scheduler=scheduler)
    total = Counts()
    for part in results:
        for field in ("inputs", "converted", "skipped", "failed", "documents"):
            setattr(total, field, getattr(total, field) + part[field])
    return total
