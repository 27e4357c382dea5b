"""Precision, recall and F1 of an alignment against a gold one (strict: whole beads)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from corpus.document import Document, Kind, Segment
from corpus.gold import Bead as GoldBead
from corpus.pipeline import segment_document
from tm.align import align_segments
from tm.pairs import bead_flag
from tm.unit import LOW_CONFIDENCE

Bead = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Score:
    """Strict bead scores: a bead counts only if both of its sides are exactly right.

    :param written: the score of the beads a TMX would get (both sides, not flagged), when
        known: its ``predicted`` is how many, its ``precision`` how many of those are right.
    """

    correct: int
    predicted: int
    gold: int
    written: Score | None = None

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        text = (
            f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
            f"({self.correct} of {self.predicted} predicted beads, {self.gold} gold)"
        )
        if self.written is None:
            return text
        return (
            f"{text}\nwritten to the TMX: {self.written.predicted} beads (both sides, not "
            f"flagged), precision {self.written.precision:.4f} ({self.written.correct} right)"
        )


def score(predicted: Iterable[Bead], gold: Iterable[Bead]) -> Score:
    """Compare beads given as (source ids, target ids); ids are positions or texts."""
    predicted, gold = list(predicted), list(gold)
    remaining = list(gold)
    correct = 0
    for bead in predicted:
        if bead in remaining:
            remaining.remove(bead)
            correct += 1
    return Score(correct, len(predicted), len(gold))


def evaluate_alignment(
    gold: list[GoldBead],
    documents: tuple[Document, Document] | None = None,
    *,
    srclang: str = "fa-IR",
    tgtlang: str = "en-US",
    threshold: float = LOW_CONFIDENCE,
) -> Score:
    """Align and score against *gold*; the score's ``written`` scores the beads a TMX would
    get: those with both sides and not flagged (:func:`tm.pairs.bead_flag` at *threshold*).

    Without *documents* the aligner gets the gold's own segments (it is measured alone);
    with them it segments the two documents itself (measured end to end), and a bead counts
    only if its segments' texts are exactly the gold's.
    """
    if documents is None:
        source = [_segment(t, n) for n, bead in enumerate(gold) for t in bead.fa]
        target = [_segment(t, n) for n, bead in enumerate(gold) for t in bead.en]
    else:
        source = segment_document(documents[0], srclang)
        target = segment_document(documents[1], tgtlang)
    alignment = align_segments(source, target)
    predicted = [
        (tuple(source[i].text for i in b.source), tuple(target[j].text for j in b.target))
        for b in alignment.beads
    ]
    expected = [(bead.fa, bead.en) for bead in gold]
    written = [
        texts
        for texts, bead in zip(predicted, alignment.beads, strict=True)
        if not bead_flag(bead, threshold)
    ]
    return replace(score(predicted, expected), written=score(written, expected))


def _segment(text: str, bead: int) -> Segment:
    return Segment(f"b{bead}", "p1", Kind.BODY, text)
