"""Run-on segments: one segment holding two sentences that the segmenter could not split (no
final punctuation between them), faced by their two translations on the other side.

The segmenter's rules stay conservative: they split only at punctuation. After alignment, the
single side of a 1–2 bead (a Persian segment facing two English ones) or of a 2–1 bead (an
English segment facing two Persian ones) is tried at each plausible unpunctuated sentence
boundary:

- Persian: after a finite verb (:func:`corpus.zwnj.is_finite_verb`: a verb stem with a personal
  ending or the verbal prefix; a perfect form in ‌است or ‌اند; one of :data:`FINITE_VERBS`)
  followed by a word that does not continue the clause (not و، که، تا، یا);
- English: a full stop, question or exclamation mark glued to the next sentence's capital
  (``ash.The``), or a word followed by a capitalised word that opens sentences
  (:data:`SENTENCE_OPENERS`: ``now Are you``, ``closed The schools``);
- both: a full stop, question or exclamation mark followed by a space that the segmenter's
  exceptions kept inside the segment (``vitamin D. Large studies``, ``6 a.m. Thailand``).

A split is kept when the two 1–1 beads of the halves with the two segments of the other side
cost the aligner less than the bead they replace (:func:`tm.align.bead_score`: priors, length,
anchors and lexical evidence, with the pair's length model); the cheapest boundary wins. The
text is never changed: the halves are the segment's text cut at a space (or after the glued
mark), their ids the segment's with ``a`` and ``b``, and each new bead says what was split
(:attr:`tm.align.AlignedBead.split`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from corpus.document import Segment
from corpus.zwnj import is_finite_verb
from tm.align import AlignedBead, Alignment, bead_score, length_model
from tm.anchors import TermFinder
from tm.lexical import Lexicon

_FINITE = "است نیست هست هستند هستیم بود بودند نبود شد شدند نشد کرد کردند داشت داشتند خواهد"
FINITE_VERBS = frozenset(_FINITE.split())  # forms the verb-stem rule does not read
CONTINUING = frozenset(("و", "که", "تا", "یا"))
_OPENERS = """The This That These Those It Its He She They We You I There Here In On At For
    From With When While If As But However Are Is Do Does Did Can Could Will Would Should What
    Why How Who Where Which A An"""
SENTENCE_OPENERS = frozenset(_OPENERS.split())
GLUED_END = re.compile(r"(?<=[a-z0-9)][.?!])(?=[A-Z][a-z])")
KEPT_END = re.compile(r"[.?!؟](?=\s+\S)")  # a mark the segmenter's exceptions kept inside
PERSIAN_WORD = re.compile(r"\S+")


def persian_boundaries(text: str) -> list[int]:
    """Offsets of the spaces in *text* after a finite verb and before a word that does not
    continue the clause, or after a full stop, question or exclamation mark the segmenter
    kept inside the segment (an abbreviation rule)."""
    words = list(PERSIAN_WORD.finditer(text))
    found = [m.end() for m in KEPT_END.finditer(text)]
    for word, following in pairwise(words):
        token = word.group().rstrip("،؛:»)")
        if token != word.group() or following.group() in CONTINUING:
            continue  # punctuation after it: a clause goes on (or the segmenter saw it)
        perfect = token.endswith(("\u200cاست", "\u200cاند"))
        if perfect or token in FINITE_VERBS or is_finite_verb(token):
            found.append(word.end())
    return sorted(found)


def english_boundaries(text: str) -> list[int]:
    """Offsets in *text* where a sentence may end without the space or the mark a segmenter
    needs: after a mark glued to a capital, or before a sentence-opening capitalised word
    that follows a lower-case word."""
    found = [m.start() for m in GLUED_END.finditer(text)]
    found += [m.end() for m in KEPT_END.finditer(text)]
    words = list(re.finditer(r"\S+", text))
    for word, following in pairwise(words):
        if word.group()[-1:].islower() and following.group().strip('"“(') in SENTENCE_OPENERS:
            found.append(word.end())
    return sorted(found)


def split_run_ons(
    source: Sequence[Segment],
    target: Sequence[Segment],
    alignment: Alignment,
    *,
    terms: TermFinder | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[list[Segment], list[Segment], Alignment]:
    """The segments and alignment with the run-on segments of 1–2 and 2–1 beads split (see
    the module). Unchanged when no split helps."""
    model = length_model(source, target)
    sides: tuple[list[Segment], list[Segment]] = ([], [])
    beads = []
    for bead in alignment.beads:
        run = ([source[i] for i in bead.source], [target[j] for j in bead.target])
        shape = (len(run[0]), len(run[1]))
        side = {(1, 2): 0, (2, 1): 1}.get(shape)
        cut = None
        if side is not None:
            cut = _best_cut(run[side][0], run[1 - side], side, model, terms, lexicon)
        if cut is None:
            first = (len(sides[0]), len(sides[1]))
            sides[0].extend(run[0])
            sides[1].extend(run[1])
            beads.append(
                replace(
                    bead,
                    source=tuple(range(first[0], len(sides[0]))),
                    target=tuple(range(first[1], len(sides[1]))),
                )
            )
            continue
        halves, confidences = cut
        for half, other, confidence in zip(halves, run[1 - side], confidences, strict=True):
            pair = ([half], [other]) if side == 0 else ([other], [half])
            indices = (len(sides[0]), len(sides[1]))
            sides[0].extend(pair[0])
            sides[1].extend(pair[1])
            beads.append(AlignedBead((indices[0],), (indices[1],), confidence, (), split=half.id))
    return sides[0], sides[1], Alignment(tuple(beads), alignment.paragraphs_trusted)


def _best_cut(segment, others, side, model, terms, lexicon):
    """The halves of *segment* (of side 0, Persian, or 1, English) at the boundary where the
    two 1–1 beads with *others* cost least, with those beads' confidences, if they cost less
    than the bead of the whole (:func:`tm.align.bead_score`); else None."""
    boundaries = persian_boundaries if side == 0 else english_boundaries

    def score(ones, twos):
        pair = (ones, twos) if side == 0 else (twos, ones)
        return bead_score(*pair, model=model, terms=terms, lexicon=lexicon)

    best, best_cost = None, score([segment], others)[0]
    for offset in boundaries(segment.text):
        first, second = segment.text[:offset].strip(), segment.text[offset:].strip()
        if not first or not second:
            continue
        halves = [
            replace(segment, id=f"{segment.id}a", text=first, notes=()),
            replace(segment, id=f"{segment.id}b", text=second),
        ]
        scores = [score([half], [other]) for half, other in zip(halves, others, strict=True)]
        total = sum(cost for cost, _ in scores)
        if total < best_cost:
            best, best_cost = (halves, [confidence for _, confidence in scores]), total
    return best
