"""``--scheduler ADDRESS``: tmkit's work as tasks on a Dask distributed cluster.

Dask distributed (https://distributed.dask.org, the optional extra ``tmkit[cluster]``)
schedules the tasks: ``tmkit build`` makes each document pair to align a task
(:mod:`tm.batch`), ``tmkit check`` each chunk of the TM's units (:func:`check_units`). The
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from tm.batch import Model, PairAligner, PairResult, Settings, code_digest, input_digests, pair_key
from tm.errors import TmError

if TYPE_CHECKING:
    from corpus.collection import TextFolder
    from glossary.checks import Finding, Pair
    from glossary.model import Glossary

CONNECT_TIMEOUT = 10  # seconds to reach the scheduler, and for it to have a worker
CHUNK = 1000  # units of the term check in one task (about two seconds of work)

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
        client = self.client
        [data] = client.scatter([shared], hash=False)
        run = uuid.uuid4().hex  # names this call's setup on the workers
        futures = [
            client.submit(_task, setup, work, run, code_digest(), data, task, pure=False)
            for task in tasks
        ]
        try:
            for _, result in as_completed(futures, loop=client.loop, with_results=True):
                yield result
        finally:
            client.cancel([*futures, data])

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


def check_units(cluster: Cluster, units: Sequence[Pair], glossary: Glossary) -> list[Finding]:
    """What :func:`glossary.checks.check_units` finds in *units* with every rule, the units
    checked in chunks of about :data:`CHUNK` on *cluster*: the units a rule compares are in
    one chunk (:func:`glossary.checks.comparable_chunks`), so each unit gets the findings it
    gets in one run, and they are put back in the units' order.

    :raises TmError: a worker runs another tmkit.
    """
    from glossary.checks import comparable_chunks

    found: list[list[Finding]] = [[] for _ in units]
    chunks = comparable_chunks(units, CHUNK)
    tasks = [(chunk, [units[index] for index in chunk]) for chunk in chunks]
    for chunk, findings in cluster.map(_matcher, glossary, _check_chunk, tasks):
        for index, unit_findings in zip(chunk, findings, strict=True):
            found[index] = unit_findings
    return [finding for unit_findings in found for finding in unit_findings]


def _matcher(glossary: Glossary) -> tuple[Glossary, Any]:
    from glossary.match import Matcher

    return glossary, Matcher(glossary)


def _check_chunk(
    checker: tuple[Glossary, Any], task: tuple[list[int], list[Pair]]
) -> tuple[list[int], list[list[Finding]]]:
    from glossary.checks import findings_by_unit

    glossary, matcher = checker
    chunk, units = task
    return chunk, findings_by_unit(units, glossary, matcher=matcher)


SHARED = "the project must be on a filesystem every worker mounts at the same path"


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
