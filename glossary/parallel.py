"""Map a function over the chunks of a stream in worker processes, keeping the chunks' order.

The stream is read as the workers go (at most two chunks a worker in flight), so a TM of any
size is never read into memory ahead of them. Workers are forked where the system forks
(POSIX): they inherit what the parent set up before the first chunk (a glossary's matcher);
elsewhere they are spawned and set up by an initializer. Ctrl-C is the parent's to handle:
the workers ignore it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import chain, islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

FORKS = os.name == "posix"

Mapper = Callable[..., Iterator[tuple[T, R]]]
"""The shape of :func:`ordered_map`: ``mapper(function, chunks, jobs, *, setup, setup_args)``
yields each chunk with ``function(chunk)``, in the chunks' order."""


def ordered_map(
    function: Callable[[T], R],
    chunks: Iterable[T],
    jobs: int,
    *,
    setup: Callable[..., None] | None = None,
    setup_args: tuple[object, ...] = (),
) -> Iterator[tuple[T, R]]:
    """Yield each chunk with ``function(chunk)``, in the chunks' order.

    With *jobs* 1, or a stream of a single chunk, all runs in this process; else in *jobs*
    worker processes. *function* must be a module's function (workers import it by name).

    :param setup: where workers are spawned (not forked), run in each worker first with
        *setup_args*, to build what *function* uses.
    :raises: whatever *function* raises for a chunk, when that chunk's turn comes.
    """
    stream = iter(chunks)
    first = list(islice(stream, 2))
    if jobs <= 1 or len(first) < 2:
        for chunk in chain(first, stream):
            yield chunk, function(chunk)
        return
    context = multiprocessing.get_context("fork" if FORKS else "spawn")
    args = (None, ()) if FORKS else (setup, setup_args)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=args)
    try:
        yield from in_order(partial(pool.submit, function), chain(first, stream), 2 * jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def in_order(
    submit: Callable[[T], Future[R]],
    chunks: Iterable[T],
    window: int,
    cancel: Callable[[list[Future[R]]], object] = lambda pending: None,
) -> Iterator[tuple[T, R]]:
    """Yield each chunk with the result of ``submit(chunk)`` (a future: anything with
    ``result()``), in the chunks' order, at most *window* submitted and not yet yielded; the
    futures still pending when the caller stops go to *cancel*."""
    pending: deque[tuple[T, Future[R]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, submit(chunk)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        cancel([future for _, future in pending])


def _start(setup: Callable[..., None] | None, args: tuple[object, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if setup is not None:
        setup(*args)
