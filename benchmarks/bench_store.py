"""TM store: import speed and lookup latency (p50, p95) by store size; prints a table.

The units are made from TICO-19's 3,071 real Persian–English units (tests/data/tico19): unit
``i`` is TICO-19 unit ``i mod 3071`` with ``i // 3071`` choosing two of its words to replace by
words of other units, so every unit is distinct and the words keep Persian's real frequencies
(the commonest words, و، در، به، از، که، این، را، با، است، are in most units, as in a real TM).
Queries: *short*, a TICO-19 unit of 3–5 words with one word changed; *long*, a unit of 40
words or more with two words changed ("found": how many had a match): each looked up at
``--min 70``, ``--limit 5`` (``tmkit lookup``'s defaults) after one warm-up query, in one
process. SQLite at 100,000 and 1,000,000 units by default; ``--postgresql URL`` adds that
engine at the same sizes (an empty database), ``--sizes`` changes them.

Run: ``tox -e bench`` (100,000 units only) or ``python benchmarks/bench_store.py --sizes
100000 1000000``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tm.lookup import lookup
from tm.store import open_store
from tm.tmx import read_tmx
from tm.unit import TranslationUnit

TICO = Path(__file__).parent.parent / "tests" / "data" / "tico19" / "all.en-fa.tmx"
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


def queries(base: list[TranslationUnit]) -> dict[str, list[str]]:
    """The short and the long queries (see the module), the same for every size."""
    pick = random.Random(7)
    vocabulary = sorted({w for u in base for w in u.source.split()})
    made: dict[str, list[str]] = {}
    for kind, fits, changes in (("short", range(3, 6), 1), ("long", range(40, 1000), 2)):
        units = [u.source.split() for u in base if len(u.source.split()) in fits]
        made[kind] = []
        for _ in range(QUERIES):
            words = list(pick.choice(units))
            for _ in range(changes):
                words[pick.randrange(len(words))] = pick.choice(vocabulary)
            made[kind].append(" ".join(words))
    return made


def measure(db: str, base: list[TranslationUnit], size: int, asked: dict[str, list[str]]):
    """Import *size* units into *db*; yield a row per query kind."""
    with open_store(db) as store:
        started = time.perf_counter()
        store.import_file(TICO, f"synthetic-{size}", synthetic_units(base, size))
        seconds = time.perf_counter() - started
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
            yield store.engine, size, size / seconds, kind, p50, p95, found / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--postgresql", metavar="URL", help="also this (empty) PostgreSQL DB")
    args = parser.parse_args()
    base = list(read_tmx(TICO, srclang="fa", tgtlang="en"))
    asked = queries(base)
    print(f"{'engine':<10} {'units':>9} {'import u/s':>10} {'query':<6} {'p50 ms':>7} "
          f"{'p95 ms':>7} {'found':>6}")  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            targets = [str(Path(scratch) / f"tm-{size}.sqlite")]
            if args.postgresql:
                targets.append(args.postgresql)
            for db in targets:
                for engine, units, rate, kind, p50, p95, found in measure(db, base, size, asked):
                    print(f"{engine:<10} {units:>9} {rate:>10.0f} {kind:<6} {p50:>7.1f} "
                          f"{p95:>7.1f} {found:>6.0%}", flush=True)  # fmt: skip
    sys.stdout.flush()


if __name__ == "__main__":
    main()
