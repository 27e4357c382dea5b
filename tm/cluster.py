"""``--scheduler ADDRESS``: tmkit's work as tasks on a Dask distributed cluster.

Dask distributed (https://distributed.dask.org, the optional extra ``tmkit[cluster]``)
schedules the tasks: ``tmkit build`` makes each document pair to align a task
(:mod:`tm.batch`), ``tmkit check`` each chunk of the TM's units (:meth:`Cluster.ordered_map`
as :func:`glossary.checks.check_units`' mapper). The
machine that runs tmkit reads the inputs, keeps the cache and writes every output; the
workers only compute, and their results are put back in the order a local run gives, so the
outputs are the same bytes.

What the workers need (README, "On a cluster"): the same tmkit (its code is compared with
this one's before a worker's first task), one thread each (a worker runs one task at a time:
tmkit's work is Python, which one process runs on one core), and, to align a project's pairs,
the project on a filesystem they mount at the same path (each pair's files are compared with
the cache key this machine computed before they are aligned). What a task needs besides
(the settings and translation model, the glossary) is sent to the workers once.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from tm.batch import Model, PairAligner, PairResult, Settings, code_digest, input_digests, pair_key
from tm.errors import TmError

if TYPE_CHECKING:
    from corpus.collection import TextFolder

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler, and for it to have a worker
WINDOW = 64  # tasks of Cluster.ordered_map in flight at once

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


class Cluster:
    """A connection to a Dask scheduler (:func:`connect`) that runs tasks on its workers."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def map(
        self,
        setup: Callable[[S], Any],
        shared: S,
        work: Callable[[Any, T], R],
        tasks: Iterable[T],
    ) -> Iterator[R]:
        """Yield ``work(setup(shared), task)`` for each of *tasks*, as the workers finish
        them (in any order). *shared* is sent to the cluster once, and each worker runs
        *setup* on it once, before its first task of this call; *setup* and *work* must be
        functions of a module the workers import.

        :raises TmError: a worker runs another tmkit (its code differs from this one's).
        :raises: what *setup* or *work* raised on a worker, as they raised it.
        """
        from distributed import as_completed

        tasks = list(tasks)
        if not tasks:
            return
        submit, data = self._submitter(setup, shared, work)
        futures = [submit(task) for task in tasks]
        try:
            for _, result in as_completed(futures, loop=self.client.loop, with_results=True):
                yield result
        finally:
            self.client.cancel([*futures, data])

    def ordered_map(
        self,
        function: Callable[[T], R],
        chunks: Iterable[T],
        jobs: int = 0,
        *,
        setup: Callable[..., None] | None = None,
        setup_args: tuple[object, ...] = (),
    ) -> Iterator[tuple[T, R]]:
        """:func:`glossary.parallel.ordered_map` on the cluster: yield each of *chunks* with
        ``function(chunk)``, in the chunks' order, a task each, at most :data:`WINDOW` in
        flight (*chunks* is read as the tasks go). ``setup(*setup_args)`` runs on each worker
        once, before its first task of this call; *jobs* is unused (the cluster's workers
        are its jobs).

        :raises TmError: a worker runs another tmkit (its code differs from this one's).
        :raises: what *setup* or *function* raised on a worker, when that chunk's turn comes.
        """
        from glossary.parallel import in_order

        submit, data = self._submitter(_set_up, (setup, setup_args, function), _apply)
        yield from in_order(
            submit, chunks, WINDOW, lambda pending: self.client.cancel([*pending, data])
        )

    def _submitter(
        self, setup: Callable[[S], Any], shared: S, work: Callable[[Any, T], Any]
    ) -> tuple[Callable[[T], Any], Any]:
        """A function that submits a task of a call of :meth:`map` (its future), and the
        future of *shared*, scattered to the cluster once."""
        client = self.client
        [data] = client.scatter([shared], hash=False)
        run = uuid.uuid4().hex  # names this call's setup on the workers
        code = code_digest()

        def submit(task: T) -> Any:
            return client.submit(_task, setup, work, run, code, data, task, pure=False)

        return submit, data

    def align(
        self, todo: list[tuple[TextFolder, str]], settings: Settings, digest: str, model: Model
    ) -> Iterator[PairResult]:
        """Align each pair of *todo* (a pair and its cache key, :func:`tm.batch.pair_key`)
        with *settings* (*digest*: theirs) and *model*'s word pairs, a task each; yield the
        results as they come.

        :raises TmError: a worker runs another tmkit, or reads other bytes than this machine
            (a settings file, a pair's file).
        :raises CorpusError: bad input in a pair.
        """
        return self.map(_aligner, (settings, digest, model), _align, todo)


@contextmanager
def connect(address: str) -> Iterator[Cluster]:
    """Connect to the Dask scheduler at *address* (``tcp://host:8786``) and wait for a
    worker; closed on leaving the ``with``.

    :raises TmError: Dask distributed is not installed; *address* is no scheduler address;
        no scheduler answers there, or it has no worker, within :data:`CONNECT_TIMEOUT`.
    """
    where = f"--scheduler {address}"
    try:
        from distributed import Client
    except ImportError:
        raise TmError(
            "--scheduler", "needs Dask distributed, which is not installed",
            hint="pip install tmkit[cluster]",
        ) from None  # fmt: skip
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except ValueError:
        raise TmError(where, "not a scheduler address", hint="e.g. tcp://host:8786") from None
    except (OSError, TimeoutError):
        raise TmError(
            where, f"no scheduler answered within {CONNECT_TIMEOUT} s",
            hint="start one with dask scheduler, or correct the address",
        ) from None  # fmt: skip
    try:
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError:
            raise TmError(
                where, f"the scheduler has no worker after {CONNECT_TIMEOUT} s",
                hint=f"start workers with: dask worker {address} --nthreads 1",
            ) from None  # fmt: skip
        yield Cluster(client)
    finally:
        client.close()


SHARED = "the project must be on a filesystem every worker mounts at the same path"


def _set_up(shared: tuple[Callable[..., None] | None, tuple[object, ...], Callable]) -> Callable:
    """On a worker: the setup of :meth:`Cluster.ordered_map`; its function."""
    setup, args, function = shared
    if setup is not None:
        setup(*args)
    return function


def _apply(function: Callable[[T], R], chunk: T) -> R:
    """On a worker: a task of :meth:`Cluster.ordered_map`."""
    return function(chunk)


def _aligner(setup: tuple[Settings, str, Model]) -> tuple[PairAligner, str]:
    """On a worker: the aligner of a pass, and its settings' digest, once the glossary and
    rules it reads are found to be the bytes this machine read."""
    settings, digest, model = setup
    try:
        same = settings.digest() == digest
    except OSError:
        same = False
    if not same:
        files = [str(path) for path in (settings.glossary, settings.segmentation) if path]
        raise TmError(
            " or ".join(files) or "tmkit.toml",
            f"worker {_worker()} does not read there what this machine reads",
            hint=SHARED,
        )
    return PairAligner(settings, model), digest


def _align(aligner: tuple[PairAligner, str], task: tuple[TextFolder, str]) -> PairResult:
    """On a worker: align a pair, once its files are found to be the bytes this machine
    computed its key from."""
    pair, key = task
    worker, digest = aligner
    if not pair.folder.is_dir() or pair_key(input_digests(pair), digest) != key:
        raise TmError(
            str(pair.folder), f"worker {_worker()} does not read there what this machine reads",
            hint=SHARED,
        )  # fmt: skip
    return worker.align(pair, key)


_setups: dict[str, Any] = {}  # on a worker: the setup of the current call of Cluster.map
_lock = threading.Lock()  # a worker's threads run one task at a time (module docstring)


def _task(
    setup: Callable[[S], Any], work: Callable[[Any, T], R], run: str, code: str, shared: S, task: T
) -> R:
    """A task of :meth:`Cluster.map`, on a worker."""
    with _lock:
        if run not in _setups:
            if code_digest() != code:
                raise TmError(
                    f"worker {_worker()}", "runs another tmkit than this machine",
                    hint="install the same tmkit on every worker",
                )  # fmt: skip
            _setups.clear()
            _setups[run] = setup(shared)
        return work(_setups[run], task)


def _worker() -> str:
    """The address of the worker this runs on."""
    from distributed import get_worker

    return get_worker().address
