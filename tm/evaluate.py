"""Precision, recall and F1 of an alignment against a gold one (strict: whole beads)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Bead = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Score:
    """Strict bead scores: a bead counts only if both of its sides are exactly right."""

    correct: int
    predicted: int
    gold: int

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
        return (
            f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
            f"({self.correct} of {self.predicted} predicted beads, {self.gold} gold)"
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
