"""Aligner quality and speed on synthetic pairs of real sentences; prints two tables.

The pairs are the bundled article's gold beads and 220 Persian sentences from other domains
with their English translations (tests/data), distorted as ``tests/tm/synthetic.py`` describes.
First table: strict F1 per distortion (mean of 3 seeds), with lengths counted in characters
(tmkit's choice) and in SentencePiece pieces (a unigram model of 2,000 pieces trained here on
those very sentences). Second table: speed on pairs repeated up to 10,000 sentences.
Run: ``tox -e bench`` or ``python benchmarks/bench_align.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import sentencepiece

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "tm"))

from synthetic import build, sentence_pairs

from tm.align import align_segments
from tm.evaluate import score
from tm.lengthmodel import GaleChurch

SCENARIOS = {
    "paragraphs agree": {},
    "English paragraph breaks shuffled": {"shuffle_target_paragraphs": True},
    "no paragraph breaks": {"no_paragraphs": True},
    "5% English merges": {"merge_target": 0.05},
    "5% Persian merges": {"merge_source": 0.05},
    "5% sentences dropped": {"drop": 0.05},
    "all of these at once": {
        "drop": 0.03, "merge_target": 0.03, "merge_source": 0.03,
        "shuffle_target_paragraphs": True,
    },
}  # fmt: skip
SIZES = (1_000, 5_000, 10_000)


def piece_counter(pairs: list[tuple[str, str]]):
    """Train a SentencePiece model on the pairs' sentences; return a piece-counting function."""
    folder = Path(tempfile.mkdtemp())
    (folder / "text.txt").write_text(
        "\n".join(text for pair in pairs for text in pair), encoding="utf-8"
    )
    sentencepiece.SentencePieceTrainer.train(
        input=str(folder / "text.txt"), model_prefix=str(folder / "m"), vocab_size=2000,
        character_coverage=1.0, minloglevel=2,
    )  # fmt: skip
    model = sentencepiece.SentencePieceProcessor(model_file=str(folder / "m.model"))
    return lambda text: len(model.encode(text))


def f1(pairs, options, seed, measure=len, model=None) -> float:
    source, target, gold = build(pairs, seed, **options)
    beads = align_segments(source, target, measure=measure, model=model).beads
    return score([(b.source, b.target) for b in beads], gold).f1


def main() -> None:
    pairs = sentence_pairs()
    pieces = piece_counter(pairs)
    ratio = sum(pieces(e) for _, e in pairs) / sum(pieces(f) for f, _ in pairs)
    variance = statistics.mean((pieces(e) - ratio * pieces(f)) ** 2 / pieces(f) for f, e in pairs)
    print(f"{'distortion':<34} {'F1 chars':>9} {'F1 pieces':>10}")
    for name, options in SCENARIOS.items():
        chars = statistics.mean(f1(pairs, options, seed) for seed in range(3))
        piece = statistics.mean(
            f1(pairs, options, seed, pieces, GaleChurch(ratio, variance)) for seed in range(3)
        )
        print(f"{name:<34} {chars:>9.4f} {piece:>10.4f}")
    print(f"\n{'sentences':>9} {'paragraphs':>13} {'seconds':>8} {'F1':>7}")
    for size in SIZES:
        repeated = (pairs * (size // len(pairs) + 1))[:size]
        for label, options in (("corresponding", {}), ("none", {"no_paragraphs": True})):
            source, target, gold = build(repeated, 0, **options)
            start = time.perf_counter()
            beads = align_segments(source, target).beads
            seconds = time.perf_counter() - start
            result = score([(b.source, b.target) for b in beads], gold).f1
            print(f"{len(source):>9} {label:>13} {seconds:>8.2f} {result:>7.4f}")


if __name__ == "__main__":
    main()
