"""Throughput of the corpus stage (cleanup, normalization, segmentation); prints a table.

The input is the bundled article with its fixes applied, repeated to make larger documents
(each copy keeps its page headers and footnotes). Run: ``tox -e bench`` or
``python benchmarks/bench_corpus.py``.
"""

from __future__ import annotations

import time
import tracemalloc

from corpus.cleanup import clean
from corpus.collection import bundled_texts
from corpus.fixes import apply_fixes, read_fixes
from corpus.pipeline import prepare, segment_document
from corpus.textfile import read_text

COPIES = (1, 10, 50)


def article_text() -> str:
    folder = next(text for text in bundled_texts() if text.id == "caucasus-oil-policy")
    return apply_fixes(read_text(folder.raw), read_fixes(folder.fixes))


def measure(text: str) -> tuple[float, float, float, int, int]:
    start = time.perf_counter()
    clean(text)
    cleaned = time.perf_counter()
    document = prepare(text, "fa-IR")
    prepared = time.perf_counter()
    segments = segment_document(document, "fa-IR")
    done = time.perf_counter()
    return cleaned - start, prepared - cleaned, done - prepared, len(document.blocks), len(segments)


def main() -> None:
    article = article_text()
    prepare(article, "fa-IR")  # load word lists and compile rules once
    print(f"{'copies':>6} {'KB':>7} {'blocks':>7} {'segments':>8} {'cleanup s':>9} "
          f"{'normalize s':>11} {'segment s':>9} {'KB/s':>7} {'peak MB':>7}")  # fmt: skip
    for copies in COPIES:
        text = "\n\n".join([article] * copies)
        cleanup, normalize, segment, blocks, segments = measure(text)
        tracemalloc.start()  # a second run, as tracing slows the first one down
        measure(text)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        size = len(text.encode("utf-8")) / 1024
        total = cleanup + normalize + segment
        print(f"{copies:>6} {size:>7.0f} {blocks:>7} {segments:>8} {cleanup:>9.3f} "
              f"{normalize:>11.3f} {segment:>9.3f} {size / total:>7.0f} {peak:>7.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
