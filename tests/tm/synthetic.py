"""Document pairs with a known alignment, built from real parallel sentences.

Sources: the article's gold beads and 220 Persian sentences from many domains with their
English translations (``tests/data/fa-zwnj-*.txt`` and ``tests/data/parallel/*.en.txt``).
Each builder returns (Persian segments, English segments, gold beads as index tuples).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from corpus.document import Kind, Segment
from corpus.gold import read_gold

DATA = Path(__file__).parent.parent / "data"
# a sentence's final punctuation: a segment without it (a heading, a list's introduction ending
# in a colon, a list item ending in a semicolon or in nothing) stands on a line of its own
FINAL = re.compile(r"[.!?؟»\"'”’)\]]\s*$")
ARTICLE_GOLD = Path(__file__).parents[2] / "corpus" / "texts" / "caucasus-oil-policy" / "gold.tsv"


def sentence_pairs() -> list[tuple[str, str]]:
    """Real Persian/English pairs: the article's beads and the 220 test sentences."""
    pairs = [(" ".join(b.fa), " ".join(b.en)) for b in read_gold(ARTICLE_GOLD) if b.fa and b.en]
    for name in ("sentences", "heldout"):
        fa = (DATA / f"fa-zwnj-{name}.txt").read_text(encoding="utf-8").split("\n")
        en = (DATA / "parallel" / f"{name}.en.txt").read_text(encoding="utf-8").split("\n")
        pairs += [(f, e) for f, e in zip(fa, en, strict=True) if f and e]
    return pairs


def build(
    pairs: list[tuple[str, str]],
    seed: int,
    *,
    shuffle_target_paragraphs: bool = False,
    no_paragraphs: bool = False,
    drop: float = 0.0,
    merge_target: float = 0.0,
    merge_source: float = 0.0,
    longest_paragraph: int | None = None,
    open_ends_paragraph: bool = False,
):
    """A document pair from *pairs* in order, with the given distortions and its gold beads.

    Paragraphs: a new Persian paragraph starts before a bead with probability 1/4, and the
    English ones follow it (with *shuffle_target_paragraphs*, start independently, with the
    same probability). *longest_paragraph*: at most that many beads in a Persian paragraph;
    *open_ends_paragraph*: a segment without a sentence's final punctuation (a heading, a list
    line, a list's introduction ending in a colon, an item ending in a semicolon) ends its
    paragraph on its side, as it stands alone in the documents such lines come from.
    """
    rng = random.Random(seed)
    beads: list[tuple[list[str], list[str]]] = []
    for fa, en in pairs:
        if rng.random() < drop:
            beads.append(([fa], []) if rng.random() < 0.5 else ([], [en]))
        elif (
            beads
            and beads[-1][0]
            and beads[-1][1]
            and len(beads[-1][1]) == 1
            and rng.random() < merge_target
        ):
            previous = beads[-1]
            beads[-1] = (previous[0] + [fa], [previous[1][0].rstrip(".!?") + "; " + en])
        elif (
            beads
            and beads[-1][0]
            and beads[-1][1]
            and len(beads[-1][0]) == 1
            and rng.random() < merge_source
        ):
            previous = beads[-1]
            beads[-1] = ([previous[0][0].rstrip(".!؟?") + "، " + fa], previous[1] + [en])
        else:
            beads.append(([fa], [en]))
    source, target, gold = [], [], []
    source_paragraph = target_paragraph = run = 0
    source_open = target_open = False
    for fa_texts, en_texts in beads:
        if rng.random() < 0.25 or run == longest_paragraph or source_open:
            source_paragraph, run = source_paragraph + 1, 0
        run += 1
        if not shuffle_target_paragraphs and rng.random() < 1.0:
            target_paragraph = source_paragraph
        elif rng.random() < 0.25 or target_open:
            target_paragraph += 1
        if open_ends_paragraph:
            source_open = bool(fa_texts) and not FINAL.search(fa_texts[-1])
            target_open = bool(en_texts) and not FINAL.search(en_texts[-1])
        gold.append(
            (
                tuple(range(len(source), len(source) + len(fa_texts))),
                tuple(range(len(target), len(target) + len(en_texts))),
            )
        )
        for text in fa_texts:
            source.append(_segment(len(source), 0 if no_paragraphs else source_paragraph, text))
        for text in en_texts:
            target.append(_segment(len(target), 0 if no_paragraphs else target_paragraph, text))
    return source, target, gold


def _segment(index: int, paragraph: int, text: str) -> Segment:
    return Segment(f"p{paragraph}.s{index}", f"p{paragraph}", Kind.BODY, text)
