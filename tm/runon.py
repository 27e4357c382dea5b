"""Run-on segments: one segment holding two or three sentences that the segmenter could not
split (no final punctuation between them), faced by their translations on the other side.

The segmenter's rules stay conservative: they split only at punctuation. After alignment, the
single side of a 1–2 or 1–3 bead (a Persian segment facing two or three English ones) or of a
2–1 or 3–1 bead (an English segment facing two or three Persian ones) is tried at each
plausible unpunctuated sentence boundary:

- Persian: after a finite verb (:func:`corpus.zwnj.is_finite_verb`: a verb stem with a personal
  ending or the verbal prefix, a past stem alone, a perfect form; a word in ‌است or ‌اند; one
  of :data:`FINITE_VERBS`) followed by a word that does not continue the clause (not و، که،
  تا، یا) nor the verb: never inside a compound verb, between a participle and its auxiliary
  (``کرده است``, ``ساخته شد``, :data:`AUXILIARIES`) or the future's خواه and its verb
  (``خواهد بود``);
- English: a full stop, question or exclamation mark glued to the next sentence's capital
  (``ash.The``), or a word followed by a capitalised word that opens sentences
  (:data:`SENTENCE_OPENERS`: ``now Are you``, ``closed The schools``);
- both: a full stop, question or exclamation mark followed by a space that the segmenter's
  exceptions kept inside the segment (``vitamin D. Large studies``, ``6 a.m. Thailand``).

A split is kept when the 1–1 bead of the first half with the first segment of the other side
and the bead of the second half with the rest cost the aligner less than the bead they replace
(:func:`tm.align.bead_score`: priors, length, anchors and lexical evidence, with the pair's
length model); the cheapest boundary wins. A second half still facing two segments (of a 1–3
bead) is tried again the same way, so a run-on of three sentences becomes three 1–1 beads (or
a 1–1 and a 1–2 when only one cut helps). The text is never changed: the pieces are the
segment's text cut at a space (or after the glued mark), their ids the segment's with ``a``,
``b`` (and ``c``), and each new bead says what was split (:attr:`tm.align.AlignedBead.split`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from corpus.document import Segment
from corpus.zwnj import (
    PAST_ENDINGS,
    PERFECT_ENDINGS,
    PRESENT_ENDINGS,
    is_finite_verb,
    is_participle,
    is_past_stem,
)
from tm.align import AlignedBead, Alignment, bead_score, length_model
from tm.anchors import TermFinder
from tm.lexical import Lexicon

_FINITE = "است نیست هست هستند هستیم بود بودند نبود شد شدند نشد کرد کردند داشت داشتند خواهد"
FINITE_VERBS = frozenset(_FINITE.split())  # forms the verb-stem rule does not read
CONTINUING = frozenset(("و", "که", "تا", "یا"))
_AUXILIARY_STEMS = (("بود", PAST_ENDINGS), ("باش", PRESENT_ENDINGS), ("شد", PAST_ENDINGS),
                    ("شو", PRESENT_ENDINGS), ("هست", PRESENT_ENDINGS))  # fmt: skip
AUXILIARIES = frozenset(  # what follows a participle in the same verb: کرده است، ساخته شد
    prefix + stem + ending
    for prefix in ("", "ن", "می\u200c", "نمی\u200c")
    for stem, endings in _AUXILIARY_STEMS
    for ending in endings
) | {*PERFECT_ENDINGS, "نیست"}
FUTURE = frozenset(n + "خواه" + ending for n in ("", "ن") for ending in PRESENT_ENDINGS)
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
        if _one_verb(token, following.group().rstrip(".،؛:»)!؟")):
            continue
        perfect = token.endswith(("\u200cاست", "\u200cاند"))
        if perfect or token in FINITE_VERBS or is_finite_verb(token):
            found.append(word.end())
    return sorted(found)


def _one_verb(word: str, following: str) -> bool:
    """Whether *word* and the *following* word are one compound verb: a participle and its
    auxiliary (``کرده است``, ``ساخته شد``, ``ساخته خواهد شد``) or the future's خواه and a past
    stem (``خواهد بود``, ``نخواهند رفت``)."""
    if is_participle(word):
        return following in AUXILIARIES or following in FUTURE  # ساخته خواهد شد
    return word in FUTURE and is_past_stem(following)


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
    """The segments and alignment with the run-on segments of 1–2, 1–3, 2–1 and 3–1 beads
    split (see the module). Unchanged when no split helps."""
    model = length_model(source, target)
    sides: tuple[list[Segment], list[Segment]] = ([], [])
    beads = []
    for bead in alignment.beads:
        run = ([source[i] for i in bead.source], [target[j] for j in bead.target])
        shape = (len(run[0]), len(run[1]))
        side = 0 if shape[0] == 1 < shape[1] else 1 if shape[1] == 1 < shape[0] else None
        pieces = [] if side is None else _pieces(run[side][0], run[1 - side], side, model,
                                                 terms, lexicon)  # fmt: skip
        if not pieces:
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
        for half, others, confidence in pieces:
            pair = ([half], others) if side == 0 else (others, [half])
            indices = (len(sides[0]), len(sides[1]))
            sides[0].extend(pair[0])
            sides[1].extend(pair[1])
            beads.append(
                AlignedBead(
                    tuple(range(indices[0], len(sides[0]))),
                    tuple(range(indices[1], len(sides[1]))),
                    confidence,
                    (),
                    split=half.id,
                )
            )
    return sides[0], sides[1], Alignment(tuple(beads), alignment.paragraphs_trusted)


def _pieces(segment, others, side, model, terms, lexicon):
    """*segment* (of side 0, Persian, or 1, English) cut again and again, its first sentence
    off at a time (:func:`_best_cut`), while it faces more than one of *others*: the pieces
    as (half, the others it faces, confidence), their ids the segment's with ``a``, ``b``,
    ``c``; ``[]`` when no cut helps."""
    original, pieces = segment.id, []
    while len(others) > 1:
        cut = _best_cut(segment, others, side, model, terms, lexicon)
        if cut is None:
            break
        (first, segment), (first_confidence, confidence) = cut
        pieces.append((first, others[:1], first_confidence))
        others = others[1:]
    if pieces:
        pieces.append((segment, others, confidence))
    return [
        (replace(half, id=f"{original}{chr(ord('a') + n)}"), faced, score)
        for n, (half, faced, score) in enumerate(pieces)
    ]


def _best_cut(segment, others, side, model, terms, lexicon):
    """The halves of *segment* (of side 0, Persian, or 1, English) at the boundary where the
    bead of the first half with the first of *others* and the bead of the second half with the
    rest cost least, with those beads' confidences, if they cost less than the bead of the
    whole (:func:`tm.align.bead_score`); else None."""
    boundaries = persian_boundaries if side == 0 else english_boundaries

    def score(ones, many):
        pair = (ones, many) if side == 0 else (many, ones)
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
        scores = [score([halves[0]], others[:1]), score([halves[1]], others[1:])]
        total = sum(cost for cost, _ in scores)
        if total < best_cost:
            best, best_cost = (halves, [confidence for _, confidence in scores]), total
    return best
