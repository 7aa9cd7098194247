"""A one-line progress bar for ``broadsheet convert``, on stderr only when it is a terminal.

It shows documents done (``done/total`` when the total is known), the rate
and the errors so far, redrawn at most ten times a second. Messages printed
through :meth:`Progress.message` clear the bar first so lines never mix.
When disabled (``--quiet``, or stderr is not a terminal) it draws nothing
and messages still go out unless ``quiet``.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from broadsheet._terminal import printable

__all__ = ["Progress"]


class Progress:
    """Counts documents and draws the bar; a no-op drawer when ``enabled`` is False."""

    def __init__(
        self,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        quiet: bool = False,
        interval: float = 0.1,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty()) and not quiet
        self.enabled = enabled and not quiet
        self.quiet = quiet
        self.total = total
        self.done = 0
        self.errors = 0
        self.interval = interval
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def update(self, *, error: bool = False) -> None:
        """One more document done (``error`` when it was not converted)."""
        self.done += 1
        if error:
            self.errors += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.interval or (
            self.total is not None and self.done == self.total
        ):
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The bar's text: ``  1200/20000 documents  350.2/s  3 errors``."""
        elapsed = max((now if now is not None else time.monotonic()) - self._start, 1e-9)
        done = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        percent = ""
        if self.total:
            percent = f" {100 * self.done / self.total:3.0f}%"
        errors = f"  {self.errors} error{'s' if self.errors != 1 else ''}"
        return f"  {done} documents{percent}  {self.done / elapsed:.1f}/s{errors}"

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[K" + self.line(now))
        self.stream.flush()
        self._drawn = True

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self._drawn = False

    def message(self, text: str) -> None:
        """Print ``text`` as one line (unless quiet), keeping the bar intact.

        Control characters in it (from the names of inputs) are escaped, so
        a name can neither break the line nor drive the terminal.
        """
        if self.quiet:
            return
        self._clear()
        print(printable(text), file=self.stream)
        if self.enabled:
            self._draw(time.monotonic())

    def close(self) -> None:
        """Draw the final state and end the bar's line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
