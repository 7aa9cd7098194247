"""Ctrl-C and SIGTERM during a run: never in the middle of writing a file.

:class:`Interrupts` turns both signals into :class:`KeyboardInterrupt`, and
defers them inside a critical section (writing and renaming one output
file), so an interrupted run leaves complete files and no temporary ones.
"""

from __future__ import annotations

import signal
from typing import Any

__all__ = ["NO_INTERRUPTS", "Interrupts"]


class Interrupts:
    """Ctrl-C and ``kill`` (SIGTERM) as :class:`KeyboardInterrupt`, never inside a file write.

    ``with interrupts.critical:`` marks a section (writing and renaming one
    output file) during which a signal is remembered rather than raised; it
    is raised when the section ends, so an interrupted run leaves complete
    files and no temporary ones. Installed only in the main thread.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False
        self.previous: dict[int, Any] = {}
        self.critical = _Critical(self)

    def handler(self, signum: int, frame: object) -> None:
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self) -> Interrupts:
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self.handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, previous in self.previous.items():
            signal.signal(sig, previous)


class _Critical:
    def __init__(self, owner: Interrupts) -> None:
        self.owner = owner

    def __enter__(self) -> None:
        self.owner.depth += 1

    def __exit__(self, *exc: object) -> None:
        self.owner.depth -= 1
        if not self.owner.depth and self.owner.pending:
            self.owner.pending = False
            raise KeyboardInterrupt


NO_INTERRUPTS = Interrupts()
"""Used when no handler is installed: critical sections cost nothing and defer nothing."""
