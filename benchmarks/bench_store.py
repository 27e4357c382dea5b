"""TM store: import speed and lookup latency (p50, p95) by store size; prints a table.

The units are made from TICO-19's 3,071 real Persian–English units (tests/data/tico19): unit
``i`` is TICO-19 unit ``i mod 3071`` with ``i // 3071`` choosing two of its words to replace by
words of other units, so every unit is distinct and the words keep Persian's real frequencies
(the commonest words, و، در، به، از، که، این، را، با، است، are in most units, as in a real TM),
and each TICO-19 sentence has ``size / 3071`` near repetitions (325 at a million units: a
harder case for candidate filtering than most real TMs, whose rare words are rarer).
Queries: *short*, a TICO-19 unit of 3–5 words with one word changed; *long*, a unit of 40 words
or more with two words changed ("found": how many had a match): each looked up at ``--min 70``,
``--limit 5`` (``tmkit lookup``'s defaults) after one warm-up query, in one process; ``--runs
2`` runs them again (the pages they read then in memory: on a store larger than the page cache
the first run reads from disk). Each size is imported into a new store (one ``import_file``,
one transaction), then queried. SQLite at 100,000 and 1,000,000 units by default (``--sizes``);
``--postgresql`` adds PostgreSQL at ``--postgresql-sizes`` (1,000,000 by default), on a
throwaway server the benchmark starts and stops as the tests do
(``tests/tm/store/pgserver.py``: initdb into a temporary folder, a Unix socket, default
settings; Debian's ``postgresql`` package), a new database each size. The import's time
includes what the store does after committing (on PostgreSQL: the GIN pending lists merged,
``ANALYZE``).

The machine's load average is printed before and after: timings taken while other work runs
are slower and noisier than on an idle machine.

Run: ``tox -e bench`` (100,000 units only) or ``python benchmarks/bench_store.py --sizes
100000 1000000 --postgresql``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from tm.lookup import lookup
from tm.store import open_store
from tm.tmx import read_tmx
from tm.unit import TranslationUnit

ROOT = Path(__file__).parent.parent
TICO = ROOT / "tests" / "data" / "tico19" / "all.en-fa.tmx"
QUERIES = 200


def synthetic_units(base: list[TranslationUnit], count: int) -> Iterator[TranslationUnit]:
    """*count* distinct units made from *base* (see the module)."""
    vocabulary = sorted({w for u in base for w in u.source.split()})
    for i in range(count):
        unit = base[i % len(base)]
        round_ = i // len(base)
        words = unit.source.split()
        if round_ and len(words) > 2:
            pick = random.Random(i)
            for _ in range(2):
                words[pick.randrange(len(words))] = pick.choice(vocabulary)
        yield TranslationUnit(
            f"u{i}", " ".join(words), unit.target, document=f"d{i // 40}", tgtlang=unit.tgtlang
        )


def queries(base: list[TranslationUnit], count: int = QUERIES) -> dict[str, list[str]]:
    """The short and the long queries (see the module), the same for every size."""
    pick = random.Random(7)
    vocabulary = sorted({w for u in base for w in u.source.split()})
    made: dict[str, list[str]] = {}
    for kind, fits, changes in (("short", range(3, 6), 1), ("long", range(40, 1000), 2)):
        units = [u.source.split() for u in base if len(u.source.split()) in fits]
        made[kind] = []
        for _ in range(count):
            words = list(pick.choice(units))
            for _ in range(changes):
                words[pick.randrange(len(words))] = pick.choice(vocabulary)
            made[kind].append(" ".join(words))
    return made


def measure(
    db: str, base: list[TranslationUnit], size: int, asked: dict[str, list[str]], runs: int = 1
):
    """Import *size* units into *db*; yield a row per run and query kind (a second run finds
    in memory the pages the first read from disk)."""
    with open_store(db) as store:
        started = time.perf_counter()
        store.import_file(TICO, f"synthetic-{size}", synthetic_units(base, size))
        seconds = time.perf_counter() - started
        for run in range(1, runs + 1):
            for kind, texts in asked.items():
                lookup(store, texts[0])  # warm-up: caches, the first page reads
                times, found = [], 0
                for text in texts:
                    started = time.perf_counter()
                    result = lookup(store, text)
                    times.append(1000 * (time.perf_counter() - started))
                    found += bool(result.matches)
                p50 = statistics.median(times)
                p95 = statistics.quantiles(times, n=20)[-1]
                yield store.engine, size, size / seconds, run, kind, p50, p95, found / len(texts)


def _drop(db: str, name: str, server) -> None:
    """Remove the store *db* (a SQLite file and its journal, or the server's database)."""
    if name.endswith(".sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{name}"')


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000],
                        help="SQLite store sizes (none: no SQLite)")  # fmt: skip
    parser.add_argument("--postgresql", action="store_true",
                        help="also PostgreSQL, on a throwaway server this starts")  # fmt: skip
    parser.add_argument("--postgresql-sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--queries", type=int, default=QUERIES, help="queries of each kind")
    parser.add_argument("--runs", type=int, default=1,
                        help="runs of the queries on each store (the second with their pages "
                        "in memory)")  # fmt: skip
    args = parser.parse_args()
    base = list(read_tmx(TICO, srclang="fa", tgtlang="en"))
    asked = queries(base, args.queries)
    print(f"before: {_load()}", flush=True)
    print(f"{'engine':<10} {'units':>10} {'import u/s':>10} {'run':>3} {'query':<6} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'found':>6}", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch, ExitStack() as stack:
        targets = [(size, str(Path(scratch) / f"tm-{size}.sqlite")) for size in args.sizes]
        server = None
        if args.postgresql:
            sys.path.insert(0, str(ROOT / "tests" / "tm" / "store"))
            from pgserver import Server, binaries

            found = binaries()
            if found is None:
                sys.exit("no PostgreSQL (initdb): bash tests/tm/store/install-postgresql.sh")
            server = stack.enter_context(Server(found))
            targets += [(size, f"bench_{size}") for size in args.postgresql_sizes]
        for size, name in targets:
            db = name if server is None or name.endswith(".sqlite") else server.new_database(name)
            for engine, units, rate, run, kind, p50, p95, hit in measure(
                db, base, size, asked, args.runs
            ):
                print(f"{engine:<10} {units:>10} {rate:>10.0f} {run:>3} {kind:<6} {p50:>7.1f} "
                      f"{p95:>7.1f} {hit:>6.0%}", flush=True)  # fmt: skip
            _drop(db, name, server)  # its disk, before the next size
    print(f"after: {_load()}", flush=True)


if __name__ == "__main__":
    main()
