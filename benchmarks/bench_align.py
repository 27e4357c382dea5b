"""Aligner speed and quality on synthetic pairs of real sentences; prints a table.

The pairs repeat the bundled article's gold beads and 220 Persian/English test sentences
(tests/data) to the given size. Run: ``tox -e bench`` or ``python benchmarks/bench_align.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "tm"))

from synthetic import build, sentence_pairs

from tm.align import align_segments
from tm.evaluate import score

SIZES = (1_000, 5_000, 10_000)


def main() -> None:
    pairs = sentence_pairs()
    print(f"{'sentences':>9} {'paragraphs':>13} {'seconds':>8} {'F1':>7}")
    for size in SIZES:
        repeated = (pairs * (size // len(pairs) + 1))[:size]
        for label, options in (("corresponding", {}), ("none", {"no_paragraphs": True})):
            source, target, gold = build(repeated, 0, **options)
            start = time.perf_counter()
            beads = align_segments(source, target).beads
            seconds = time.perf_counter() - start
            f1 = score([(b.source, b.target) for b in beads], gold).f1
            print(f"{len(source):>9} {label:>13} {seconds:>8.2f} {f1:>7.4f}")


if __name__ == "__main__":
    main()
