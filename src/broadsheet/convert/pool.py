"""The ordered pool: a function over batches, in worker processes, results in input order.

:func:`ordered_map` keeps a bounded number of batches in flight (memory stays
constant whatever the number of inputs), yields the results in input order
whatever the number of jobs, and survives a worker that dies (the batch is
re-run one item at a time, and the item that kills a worker again is blamed).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any, TypeVar

__all__ = ["WORKER_MODULES", "ordered_map", "start_workers", "watch_parent"]

T = TypeVar("T")
R = TypeVar("R")


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_init(lifeline: Connection) -> None:
    """Set up a worker: Ctrl-C left to the parent, and a parent-death watchdog."""
    # Ctrl-C reaches the whole process group; the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    watch_parent(lifeline)


def watch_parent(lifeline: Connection) -> threading.Thread:
    """Exit this process (a worker) as soon as the parent dies, even by ``kill -9``.

    A killed parent cannot stop its workers, and they would wait forever on
    their task queue (they hold both of its ends, so they never see it
    close). ``lifeline`` is the read end of a pipe whose only write end the
    parent holds and never writes to: a daemon thread blocks reading it, and
    when the parent dies — however — the kernel closes that end, the read
    returns end-of-file at once, and the thread ends the process. Portable
    (a pipe, no Linux ``prctl``), and immune to what polling the parent's
    pid gets wrong: a killed parent left a zombie, the fork server (the
    workers' real parent) kept alive by the workers themselves.
    """
    fd = lifeline.fileno()

    def watch() -> None:
        try:
            while os.read(fd, 1):  # the parent never writes: b"" is its end
                pass
        except OSError:
            pass
        os._exit(1)

    thread = threading.Thread(target=watch, name="broadsheet-parent-watch", daemon=True)
    thread.start()
    return thread


WORKER_MODULES = ("broadsheet.convert.pool", "broadsheet.convert.worker")
"""What a worker runs (its initializer, :func:`broadsheet.convert.worker.process`):
imported by the fork server with the built-in plugins. Not the whole package: the
command's own stages (sinks, naming, resume…) never run in a worker."""


def _context() -> Any:
    """Fork server where there is one (safe with threads), else spawn.

    The fork server imports the worker's modules and the built-in plugins
    once, so each worker starts with them loaded instead of importing them
    again.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from broadsheet import formats, writers

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*WORKER_MODULES, *formats.MODULES, *writers.MODULES])
    return context


def start_workers() -> None:
    """Start the fork server now, so that it imports the plugins while the caller sets up.

    The first worker waits for the fork server's imports (about 0.2 s);
    started early — ``broadsheet convert --jobs N`` calls this before it
    imports the rest of the command — they overlap the parent's own
    imports and setup instead of adding to the run's serial time. Calling
    it again is cheap (the fork server is started once). A no-op where
    there is no fork server.
    """
    context = _context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def ordered_map(
    func: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    jobs: int = 1,
    chunk: int = 16,
    ahead: int = 4,
    on_crash: Callable[[T, BaseException], R] | None = None,
) -> Generator[R, None, None]:
    """``func`` over batches of ``items``, results in input order.

    With ``jobs > 1`` the batches run in worker processes (``func`` must be
    picklable: a module-level function or a :func:`functools.partial` of
    one); at most ``jobs * ahead`` batches are in flight, so memory stays
    bounded however many items there are. Closing the iterator early
    cancels the batches not yet started.

    When a worker dies (a crash in a C library, the OOM killer) and
    ``on_crash`` is given, the pool is restarted, the dead batch is re-run
    one item at a time, and the item that kills a worker again gets
    ``on_crash(item, error)`` as its result: the others still go through.
    """
    if jobs <= 1:
        for batch in _batches(items, chunk):
            yield from func(batch)
        return
    runner = _Pool(func, jobs)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        for batch in _batches(items, chunk):
            pending.append((batch, runner.submit(batch)))
            while len(pending) >= jobs * ahead:
                yield from runner.collect(pending, on_crash)
        while pending:
            yield from runner.collect(pending, on_crash)
    finally:
        runner.close(pending)


class _Pool:
    """A process pool that can be restarted when a worker dies."""

    def __init__(self, func: Callable[[list[T]], list[R]], jobs: int) -> None:
        self.func: Callable[[list[Any]], list[Any]] = func
        self.jobs = jobs
        # the workers' lifeline (watch_parent): only this process holds the write end
        self.lifeline, self.held = multiprocessing.Pipe(duplex=False)
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.jobs, mp_context=_context(), initializer=_worker_init, initargs=(self.lifeline,)
        )

    def submit(self, batch: list[Any]) -> Future[list[Any]]:
        """The batch's future; an already failed one when the pool is broken."""
        try:
            return self.pool.submit(self.func, batch)
        except BrokenProcessPool as exc:
            failed: Future[list[Any]] = Future()
            failed.set_exception(exc)
            return failed

    def _restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new()

    def collect(
        self,
        pending: deque[tuple[list[Any], Future[list[Any]]]],
        on_crash: Callable[[Any, BaseException], Any] | None,
    ) -> list[Any]:
        """The results of the oldest pending batch (re-running it if a worker died).

        After a death every batch in flight is lost: the oldest is re-run
        one item at a time, alone on a fresh pool (so the item that kills a
        worker is the one blamed), then the others are submitted again.
        """
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
        out: list[Any] = []
        self._restart()
        for item in batch:
            try:
                out.extend(self.submit([item]).result())
            except BrokenProcessPool as exc:
                out.append(on_crash(item, exc))
                self._restart()
        for index, (waiting, _) in enumerate(pending):
            pending[index] = (waiting, self.submit(waiting))
        return out

    def close(self, pending: deque[tuple[list[Any], Future[list[Any]]]]) -> None:
        for _, future in pending:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.lifeline.close()
        self.held.close()
