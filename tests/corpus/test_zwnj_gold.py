"""ZWNJ restoration measured against gold Persian text that is not the bundled article.

``tests/data/fa-zwnj-sentences.txt``: 120 sentences of everyday, scientific, legal and
literary Persian written with standard ZWNJs, rich in hard cases; ``fa-zwnj-traps.txt``: words
in them that look like stem + affix but must never be split. ``fa-zwnj-heldout.txt``: 100
sentences of ordinary news, legal, medical and literary prose by another writer, kept out of the
word lists' making. Both are written in the Academy's orthography (آن‌ها, بزرگ‌ترین), so they
are measured with ``zwnj_spelling="academy"``; the default spelling (``common``) is measured on
TICO-19 as its translators wrote it. Each sentence is stripped of its ZWNJs, normalized, and
compared word by word. Run this file directly to print the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus.normalize import normalize
from corpus.zwnj import cut_positions

DATA = Path(__file__).parent.parent / "data"
ZWNJ = "\u200c"


@dataclass(frozen=True)
class Score:
    restored: int
    missed: int
    wrong: int
    corrupted_traps: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.restored / (self.restored + self.missed)

    @property
    def precision(self) -> float:
        return self.restored / (self.restored + self.wrong)


def score(name: str, spelling: str = "academy") -> Score:
    sentences = (DATA / name).read_text(encoding="utf-8").split("\n")
    traps = set((DATA / "fa-zwnj-traps.txt").read_text(encoding="utf-8").split())
    restored = missed = wrong = 0
    corrupted = []
    for gold in filter(None, sentences):
        for expected, got in zip(
            gold.split(),
            normalize(gold.replace(ZWNJ, ""), zwnj_spelling=spelling).split(),
            strict=True,
        ):
            assert expected.replace(ZWNJ, "") == got.replace(ZWNJ, ""), (expected, got)
            want, have = cut_positions(expected), cut_positions(got)
            restored += len(want & have)
            missed += len(want - have)
            wrong += len(have - want)
            if expected.strip(".،؛:!؟»«") in traps and expected != got:
                corrupted.append(got)
    return Score(restored, missed, wrong, tuple(corrupted))


SETS = {"fa-zwnj-sentences.txt": (0.95, 0.97), "fa-zwnj-heldout.txt": (0.93, 0.95)}


def test_no_trap_word_is_split():
    assert score("fa-zwnj-sentences.txt").corrupted_traps == ()


def test_tico19_restoration_floor():
    """TICO-19's Persian without its ZWNJs (benchmarks/bench_zwnj.py prints the full table)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
    from bench_zwnj import measure, tico19_documents

    result = measure(tico19_documents(), normalize)
    assert result.recall >= 0.94, result.recall
    assert result.wrong_share <= 0.045, (result.wrong_words, result.written)


@pytest.mark.parametrize(("name", "floors"), SETS.items())
def test_most_lost_zwnjs_come_back_and_few_are_wrong(name, floors):
    result = score(name)
    assert result.recall >= floors[0] and result.precision >= floors[1], result


if __name__ == "__main__":
    for name in SETS:
        result = score(name)
        print(
            f"{name}: restored {result.restored}, missed {result.missed}, wrong {result.wrong}; "
            f"recall {result.recall:.1%}, precision {result.precision:.1%}"
        )
