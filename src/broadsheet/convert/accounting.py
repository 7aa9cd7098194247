"""What became of each input document, and the sums of a run.

:class:`Outcome` is one input document's fate (converted, skipped or failed,
with the reason); :class:`Counts` adds them up, so that
``converted + skipped + failed == inputs`` for every run.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import attrs

from broadsheet.model import Document

__all__ = ["Counts", "Outcome", "Status", "describe"]

Status = Literal["converted", "skipped", "failed"]


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of one input document.

    ``docs`` holds the converted documents (empty when the worker already
    rendered them into ``rendered``, one ``bytes`` per document);
    ``reason`` says why a document was skipped or failed.
    """

    input: str
    position: str | None
    relpath: str
    status: Status
    reason: str | None = None
    docs: tuple[Document, ...] = ()
    rendered: tuple[bytes, ...] = ()
    warnings: tuple[str, ...] = ()
    resumed: bool = False

    @property
    def where(self) -> str:
        """``input:position`` for messages."""
        return f"{self.input}:{self.position}" if self.position else self.input

    def error_record(self) -> dict[str, Any]:
        """The ``--errors`` JSON line for a skipped or failed document."""
        return {
            "input": self.input,
            "position": self.position,
            "status": self.status,
            "reason": self.reason,
        }

    def error_line(self) -> bytes:
        """:meth:`error_record` as one line of UTF-8 JSON.

        A name Python could not decode (a file name that is not UTF-8) holds
        lone surrogates, which UTF-8 cannot encode: they are written as their
        JSON escape (``\\udcff``), which reads back as the same name.
        """
        text = json.dumps(self.error_record(), ensure_ascii=False)
        return text.encode("utf-8", "backslashreplace") + b"\n"


@attrs.define
class Counts:
    """The accounting of a run: ``converted + skipped + failed == inputs``."""

    inputs: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    resumed: int = 0
    """Of the converted, how many an earlier run had already done (``--resume``)."""
    documents: int = 0
    """Documents written (an input can hold several, e.g. a JSON Lines line… or a page)."""
    stopped: bool = False
    """True when ``fail_fast`` stopped the run before the end of the inputs."""

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        if outcome.status == "converted":
            self.converted += 1
            self.resumed += outcome.resumed
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1

    def summary(self) -> str:
        """One line: ``12 inputs: 10 converted (2 already done), 1 skipped, 1 failed``."""
        resumed = f" ({self.resumed} already done)" if self.resumed else ""
        stopped = "; stopped at the first problem (--fail-fast)" if self.stopped else ""
        return (
            f"{self.inputs} input{'s' if self.inputs != 1 else ''}: "
            f"{self.converted} converted{resumed}, {self.skipped} skipped, "
            f"{self.failed} failed; {self.documents} documents written{stopped}"
        )


def describe(exc: BaseException) -> str:
    """``Type: message`` on one line, for reasons."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
