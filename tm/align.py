"""Sentence alignment of a Persian/English document pair.

Segments are aligned by dynamic programming over beads 1–1, 1–0, 0–1, 2–1, 1–2, 2–2, 3–1 and
1–3. A bead's cost is its type's prior, the length model (:mod:`tm.lengthmodel`, Gale–Church on
characters), minus what its two sides share (:mod:`tm.anchors`: numbers, names found by
transliteration, Latin words, glossary concepts, quotes), plus a penalty for numbers found on one
side only, minus the lexical evidence (:mod:`tm.lexical`: how many of its words find their
translation on the other side, as a log-likelihood ratio, so a pairing of two segments that
share no translated words costs more than leaving them unpaired). Footnotes are aligned only
with footnotes.

Two levels: the paragraphs are aligned first (the same DP over whole blocks) and the sentences
inside each aligned group of paragraphs; the paragraph structure is kept where that constrained
alignment costs about as much as an alignment that ignores paragraph breaks, compared region by
region between the points both pass through. Elsewhere (merged, split or missing paragraphs, a
paragraph that lost sentences, or a document without breaks) the sentences are aligned across
paragraph boundaries.

The DP runs in a band around an expected path, so its cost grows linearly with the document:
the paragraph-constrained path for the alignment that ignores paragraph breaks, else the path
of a cheap first pass of the length model alone (as Moore 2002 does) in a band around the
diagonal of cumulative lengths. A band is moved, then widened, when the best path touches it.
Each bead gets a confidence in [0, 1]; beads below ``tm.unit.LOW_CONFIDENCE`` are flagged.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from corpus.document import Kind, Segment
from tm import lexical
from tm.anchors import Anchors, TermFinder, agreement
from tm.items import Item, Items, analyse
from tm.lengthmodel import GaleChurch
from tm.lexical import Lexicon, Words, english_keys, learned_pairs, persian_tokens

PRIORS = {
    (1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445,
    (2, 2): 0.0005, (3, 1): 0.002, (1, 3): 0.002,
}  # fmt: skip
BEADS = [(a, b, -math.log(p)) for (a, b), p in PRIORS.items()]
LENGTH_BEADS = [(a, b, prior) for a, b, prior in BEADS if a + b < 3]  # 1–1, 1–0, 0–1
MAX_SPAN = max(max(a, b) for a, b in PRIORS)
NULL_COST = 0.0  # on top of the prior: leaving a segment unpaired
SHARED_WEIGHT = 1.0  # cost removed per shared anchor (at most MAX_SHARED count)
MAX_SHARED = 6
NUMBER_PENALTY = 3.0  # cost added per number found on one side only
HEADING_MISMATCH = 4.0  # a heading paired with body text (paragraph level)
TRUST_TOLERANCE = 0.1  # per segment: how much more the paragraph-constrained path may cost
LEXICAL_WEIGHT = 8.0  # cost removed by lexical evidence of 0.5 (a full translation): 4.0
CONFIDENCE_OFFSET = 3.0
INITIAL_BAND = 6
DRIFT_BAND = 2 * INITIAL_BAND  # the widest band the first pass tries around the diagonal
BOUND_MARGIN = 1e-6  # a bead pruned by its lower bound must be clearly worse: float rounding
CONFIDENT = 0.9  # a first-pass 1–1 bead the translation model learns from
MIN_BITEXT = 500  # confident beads needed before the translation model is trained
UNIONS_KEPT = 2048  # unions of runs of items a _Spans keeps (then it starts afresh)


@dataclass(frozen=True)
class AlignedBead:
    """Source and target segment indices that translate each other, and the confidence.

    :param doubts: what lowered the confidence, in words, largest first (``no counterpart``,
        ``numbers differ …``, ``length …``, ``no shared anchors``); empty for a bead with
        nothing against it. Callers show it as the reason of a flagged bead.
    :param split: the id of the segment half this bead holds when a run-on segment was split
        (:mod:`tm.runon`: ``p3.s2a``), else ``""``.
    :param review: what a reviewer said of the bead (:mod:`corpus.reviewed`: ``confirmed``,
        ``edited``, ``wrong``), else ``""``; a confirmed or edited bead was given to the
        aligner as fixed (:func:`align_segments`).
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    doubts: tuple[str, ...] = ()
    split: str = ""
    review: str = ""


@dataclass(frozen=True)
class Alignment:
    """The beads of a document pair, in order, and whether the paragraph breaks were kept
    everywhere (no region aligned across them)."""

    beads: tuple[AlignedBead, ...]
    paragraphs_trusted: bool


def align_segments(
    source: Sequence[Segment],
    target: Sequence[Segment],
    *,
    terms: TermFinder | None = None,
    model: GaleChurch | None = None,
    measure: Callable[[str], int] = len,
    lexicon: Lexicon | None = None,
    jobs: int = 1,
    fixed: Sequence[AlignedBead] = (),
) -> Alignment:
    """Align Persian *source* segments with English *target* segments.

    :param terms: the glossary's matcher, whose concepts found on both sides count as anchors.
    :param measure: a segment's length: characters by default (``benchmarks/bench_align.py``
        compares SentencePiece pieces).
    :param model: the length model; by default Gale–Church with the pair's own length ratio
        (total target characters over total source characters), which adapts to the
        translator's style and the domain.
    :param lexicon: word translations for the lexical evidence (default: the core lexicon,
        :meth:`tm.lexical.Lexicon.core`).
    :param jobs: processes that analyse the segments of a long pair (its anchors and words;
        forked, so not from a daemonic process such as a ``multiprocessing.Pool`` worker).
    :param fixed: beads the alignment must hold as they are (a reviewer's, :mod:`tm.review`):
        returned unchanged, in their place; the segments between two fixed beads are aligned
        among themselves (a constrained alignment: no bead crosses a fixed one). Each side's
        indices consecutive, no segment in two, in document order on both sides (a bead with
        a side empty holds only the other), a footnote never with body text.

    :raises ValueError: *fixed* beads that cross, overlap, or mix footnotes and body text.

    >>> from corpus.document import Segment, Kind
    >>> def segments(*texts):
    ...     return [Segment(f"p1.s{n}", "p1", Kind.BODY, t) for n, t in enumerate(texts)]
    >>> fa = segments("نفت خزر در سال ۱۹۹۷ مهم بود.", "روسیه؟")
    >>> en = segments("Caspian oil mattered in 1997.", "Russia?")
    >>> [(b.source, b.target) for b in align_segments(fa, en).beads]
    [((0,), (0,)), ((1,), (1,))]
    """
    model = model or length_model(source, target, measure)
    aligner = _Aligner(source, target, terms, model, measure, lexicon or Lexicon.core(), jobs)
    beads: list[AlignedBead] = []
    trusted = True
    for footnotes in (False, True):
        src = [i for i, s in enumerate(source) if (s.kind is Kind.FOOTNOTE) == footnotes]
        tgt = [j for j, s in enumerate(target) if (s.kind is Kind.FOOTNOTE) == footnotes]
        held = [bead for bead in fixed if set(bead.source) | set(bead.target) and _in_part(
            bead, source, target, footnotes)]  # fmt: skip
        part, part_trusted = _around(aligner, src, tgt, held)
        beads += part
        trusted = trusted and part_trusted
    if sum(len(b.source) + len(b.target) for b in beads) != len(source) + len(target):
        raise ValueError("fixed beads overlap or name segments out of range")
    return Alignment(tuple(beads), trusted)


def _in_part(bead: AlignedBead, source, target, footnotes: bool) -> bool:
    """Whether fixed *bead* is in the footnotes (*footnotes*) or the body; ValueError when
    it holds both, or a segment out of range."""
    kinds = {source[i].kind is Kind.FOOTNOTE for i in bead.source if 0 <= i < len(source)}
    kinds |= {target[j].kind is Kind.FOOTNOTE for j in bead.target if 0 <= j < len(target)}
    if len(kinds) != 1:
        raise ValueError(f"fixed bead {bead.source}-{bead.target}: footnotes with body text")
    return footnotes in kinds


def _around(
    aligner: _Aligner, src: list[int], tgt: list[int], fixed: list[AlignedBead]
) -> tuple[list[AlignedBead], bool]:
    """Align segments *src* and *tgt* (indices, ascending) holding the beads *fixed*: the
    segments between two beads with both sides fixed are aligned among themselves, and a
    fixed bead with one side empty is put among the beads of its region by that side."""
    if not fixed:
        return aligner.align(src, tgt)
    both = sorted((b for b in fixed if b.source and b.target), key=lambda b: b.source[0])
    for before, after in itertools.pairwise(both):
        if before.target[-1] >= after.target[0] or before.source[-1] >= after.source[0]:
            raise ValueError(f"fixed beads {before.source}-{before.target} and "
                             f"{after.source}-{after.target} cross or overlap")  # fmt: skip
    one_sided = [b for b in fixed if not (b.source and b.target)]
    held = {i for b in one_sided for i in b.source}, {j for b in one_sided for j in b.target}
    beads: list[AlignedBead] = []
    trusted = True
    low = (-1, -1)
    for bead in [*both, None]:
        high = (bead.source[0], bead.target[0]) if bead else (math.inf, math.inf)
        region_src = [i for i in src if low[0] < i < high[0] and i not in held[0]]
        region_tgt = [j for j in tgt if low[1] < j < high[1] and j not in held[1]]
        if region_src and region_tgt:
            part, part_trusted = aligner.align(region_src, region_tgt)
            trusted = trusted and part_trusted
        else:  # one side empty: what the other holds has no counterpart
            part = [AlignedBead((i,), (), 0.0, ("no counterpart",)) for i in region_src]
            part += [AlignedBead((), (j,), 0.0, ("no counterpart",)) for j in region_tgt]
        lone = [b for b in one_sided if _between(b, low, high)]
        beads += _placed(part, lone)
        if bead is not None:
            beads.append(bead)
            low = (bead.source[-1], bead.target[-1])
    return beads, trusted


def _between(bead: AlignedBead, low: tuple, high: tuple) -> bool:
    """Whether the one-sided *bead* lies between the positions *low* and *high*."""
    if bead.source:
        return low[0] < bead.source[0] < high[0]
    return low[1] < bead.target[0] < high[1]


def _placed(beads: list[AlignedBead], lone: list[AlignedBead]) -> list[AlignedBead]:
    """*beads* (in order) with the one-sided beads *lone* put in: each before the first bead
    that comes after it on its side."""
    out = list(beads)
    for bead in sorted(lone, key=lambda b: (b.source or b.target)[0]):
        side = 0 if bead.source else 1
        first = (bead.source or bead.target)[0]
        at = next(
            (n for n, other in enumerate(out) if (other.source, other.target)[side]
             and (other.source, other.target)[side][0] > first),
            len(out),
        )  # fmt: skip
        out.insert(at, bead)
    return out


def length_model(
    source: Sequence[Segment], target: Sequence[Segment], measure: Callable[[str], int] = len
) -> GaleChurch:
    """Gale–Church with the pair's own length ratio: total target over total source length
    (the default ratio when a side is empty)."""
    source_chars = sum(measure(s.text) for s in source)
    target_chars = sum(measure(s.text) for s in target)
    if source_chars and target_chars:
        return GaleChurch(ratio=target_chars / source_chars)
    return GaleChurch()


def bead_score(
    source: Sequence[Segment],
    target: Sequence[Segment],
    *,
    model: GaleChurch,
    terms: TermFinder | None = None,
    lexicon: Lexicon | None = None,
) -> tuple[float, float]:
    """(cost, confidence) the aligner gives one bead pairing all of *source* with all of
    *target*: the DP's cost with its type's prior, to compare other ways of pairing the same
    text (:mod:`tm.runon`), and the confidence it would report.

    :raises KeyError: a bead type the aligner does not use (``(3, 3)``).
    """
    a, b = len(source), len(target)
    spans = _bead_spans(source, target, terms, lexicon)
    cost = -math.log(PRIORS[(a, b)]) + _bead_cost(*spans, a, b, a, b, model)
    return cost, _confidence(*spans, a, b, a, b, model)


def _bead_spans(source, target, terms, lexicon) -> tuple[_Spans, _Spans]:
    items = analyse(source, target, terms, lexicon or Lexicon.core(), len)
    return _Spans(items[0], range(len(source)), "fa"), _Spans(items[1], range(len(target)), "en")


def align_batch(
    pairs: Sequence[tuple[Sequence[Segment], Sequence[Segment]]],
    *,
    terms: TermFinder | None = None,
    lexicon: Lexicon | None = None,
    jobs: int = 1,
) -> list[Alignment]:
    """Align a batch of document pairs in two passes, as Moore (2002) does (*jobs*: see
    :func:`align_segments`).

    The first pass (:func:`align_segments` with *lexicon*, default the core lexicon) gives
    beads; IBM Model 1 is trained on the confident 1–1 beads of every pair
    (:func:`confident_beads`, :func:`learn`), and its likely word pairs join the lexicon for the
    second pass, whose alignments are returned (one per pair, in order). The more pairs a batch
    has, the more the model learns (names and terms of the domain that no lexicon lists); with
    fewer than :data:`MIN_BITEXT` confident beads it learns mostly noise, and the first pass is
    returned. ``tmkit build`` takes the same steps over a project's pairs (:mod:`tm.batch`).
    """
    base = lexicon or Lexicon.core()
    first = [align_segments(s, t, terms=terms, lexicon=base, jobs=jobs) for s, t in pairs]
    learned = learn(
        (s[bead.source[0]].text, t[bead.target[0]].text)
        for (s, t), alignment in zip(pairs, first, strict=True)
        for bead in confident_beads(alignment)
    )
    if learned is None:  # too little to learn from: the first pass stands
        return first
    second = base.with_keys(learned)
    return [align_segments(s, t, terms=terms, lexicon=second, jobs=jobs) for s, t in pairs]


def confident_beads(alignment: Alignment) -> list[AlignedBead]:
    """The beads of a first pass the translation model learns from: 1–1, with a confidence of
    at least :data:`CONFIDENT` (Moore 2002, §4: the high-probability 1–1 beads)."""
    return [
        bead
        for bead in alignment.beads
        if len(bead.source) == len(bead.target) == 1 and bead.confidence >= CONFIDENT
    ]


def learn(bitext: Iterable[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """The word pairs (Persian key, English key) IBM Model 1 (Brown et al. 1993) learns from
    the (Persian, English) texts of confident beads, in their order (:func:`tm.lexical.
    learned_pairs`, as Moore 2002 trains it); None with fewer than :data:`MIN_BITEXT` beads."""
    texts = list(bitext)
    if len(texts) < MIN_BITEXT:
        return None
    return learned_pairs([(persian_tokens(fa), english_keys(en)) for fa, en in texts])


class _Aligner:
    def __init__(self, source, target, terms, model, measure, lexicon: Lexicon, jobs: int):
        self.source, self.target, self.model = source, target, model
        self.src_items, self.tgt_items = analyse(source, target, terms, lexicon, measure, jobs)

    def align(self, src: list[int], tgt: list[int]) -> tuple[list[AlignedBead], bool]:
        src_groups = _paragraphs(self.source, src)
        tgt_groups = _paragraphs(self.target, tgt)
        if len(src_groups) < 2 or len(tgt_groups) < 2:
            return self._sentences(src, tgt).beads(src, tgt), True
        constrained = self._within_paragraphs(src_groups, tgt_groups)
        # the alignment that ignores paragraph breaks starts from the band around this one:
        # where the breaks are right it is the same path, found without widening the band
        ends, i, j = [], 0, 0
        for bead in constrained:
            a, b = len(bead.source), len(bead.target)
            i, j = i + a, j + b
            ends.append((i, j, a, b))
        free = self._sentences(src, tgt, _rows(ends, len(src)))
        return self._per_region(src, tgt, constrained, ends, free)

    def _per_region(
        self,
        src: list[int],
        tgt: list[int],
        constrained: list[AlignedBead],
        ends: list[tuple[int, int, int, int]],
        free: _Path,
    ) -> tuple[list[AlignedBead], bool]:
        """The paragraph-constrained path (*constrained*, its beads' *ends*) where it costs
        about as much as the *free* one, the free path elsewhere: compared region by region
        between the points both paths pass through, so a wrong pairing of paragraphs in one
        place (a paragraph's sentences left unpaired because the paragraph lengths differ after
        the translator dropped some) does not hide in the whole document's cost; with whether
        every region kept the breaks."""
        source, target, model = free.source, free.target, self.model

        def cost(region: list[tuple[int, int, int, int]]) -> float:
            return sum(
                -math.log(PRIORS[(a, b)]) + _bead_cost(source, target, i, j, a, b, model)
                for i, j, a, b in region
            )

        beads: list[AlignedBead] = []
        trusted = True
        k = m = 0  # the next bead of each path; a region ends where both paths end a bead
        while k < len(ends):
            k0, m0 = k, m
            while ends[k][:2] != free.ends[m][:2]:  # the one behind moves on (monotone paths)
                behind = sum(ends[k][:2]) - sum(free.ends[m][:2])
                k, m = k + (behind <= 0), m + (behind >= 0)
            kept, other = ends[k0 : k + 1], free.ends[m0 : m + 1]
            size = kept[-1][0] - kept[0][0] + kept[0][2] + kept[-1][1] - kept[0][1] + kept[0][3]
            if kept == other or cost(kept) <= cost(other) + TRUST_TOLERANCE * size:
                beads += constrained[k0 : k + 1]
            else:
                beads += _Path(other, 0.0, source, target, model).beads(src, tgt)
                trusted = False
            k, m = k + 1, m + 1
        return beads, trusted

    def _sentences(self, src: list[int], tgt: list[int], centre: list[int] | None = None) -> _Path:
        source, target = _Spans(self.src_items, src, "fa"), _Spans(self.tgt_items, tgt, "en")
        return _dp(source, target, self.model, centre)

    def _within_paragraphs(self, src_groups, tgt_groups) -> list[AlignedBead]:
        src_paragraphs = Items(self._paragraph(g, self.src_items, self.source) for g in src_groups)
        tgt_paragraphs = Items(self._paragraph(g, self.tgt_items, self.target) for g in tgt_groups)
        source = _Spans(src_paragraphs, range(len(src_groups)), "fa")
        target = _Spans(tgt_paragraphs, range(len(tgt_groups)), "en")
        beads: list[AlignedBead] = []
        for i, j, a, b in _dp(source, target, self.model).ends:
            src = [k for group in src_groups[i - a : i] for k in group]
            tgt = [k for group in tgt_groups[j - b : j] for k in group]
            beads += self._sentences(src, tgt).beads(src, tgt)
        return beads

    @staticmethod
    def _paragraph(group: list[int], items: Items, segments) -> Item:
        return Item(
            sum(items.lengths[i] for i in group),
            _union(items[i].anchors for i in group),
            _union(items[i].words for i in group),
            segments[group[0]].kind in (Kind.HEADING, Kind.TITLE, Kind.AUTHOR),
        )


def _paragraphs(segments: Sequence[Segment], indices: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for index in indices:
        if groups and segments[groups[-1][-1]].block == segments[index].block:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


@dataclass(frozen=True)
class _Path:
    """A DP's best path, its beads as ends and sizes ``(i, j, a, b)``, and its cost; what its
    beads' confidences and doubts are computed from, when this path is the one kept."""

    ends: list[tuple[int, int, int, int]]
    cost: float
    source: _Spans
    target: _Spans
    model: GaleChurch

    def beads(self, src: list[int], tgt: list[int]) -> list[AlignedBead]:
        """The beads, with the indices *src* and *tgt* of the DP's items' segments."""
        source, target, model = self.source, self.target, self.model
        return [
            AlignedBead(
                tuple(src[i - a : i]), tuple(tgt[j - b : j]),
                _confidence(source, target, i, j, a, b, model),
                _doubts(source, target, i, j, a, b, model),
            )
            for i, j, a, b in self.ends
        ]  # fmt: skip


def _dp(
    source: _Spans, target: _Spans, model: GaleChurch, centre: list[int] | None = None
) -> _Path:
    """Best bead path, in a band first around *centre* (for each source position, a target
    position: a guess such as the paragraph-constrained path), kept when the path stays inside
    that band.

    Otherwise, as Moore (2002) does, a first pass of the length model alone (Gale & Church
    1993: beads 1–1, 1–0 and 0–1, cheap) finds a path, and the full cost is computed only in a
    band around that path; when the path touches the band's edge, the band is moved to follow
    that path and widened, until the path stays clear of the edges. The first pass starts
    from the diagonal of cumulative lengths; a long text drifts away from it (the band would
    have to be widened again and again, each time over the whole text), so when a band of
    :data:`DRIFT_BAND` still does not hold the path, it starts again from a beam, a band that
    follows its own best cell from row to row (as speech recognisers search).
    """
    n, m = source.size, target.size
    full = functools.partial(_FullCost, source, target, model)
    touched = True
    if centre is not None:  # a guess: kept if the path stays inside its band, else dropped
        path, cost, touched = _banded_dp(n, m, full, BEADS, centre, INITIAL_BAND)
    if touched:
        if m > INITIAL_BAND:  # else every band holds the whole matrix
            length = functools.partial(_LengthCost, source, target, model)
            diagonal = _diagonal(source.cumulative, target.cumulative)
            path, _, touched = _widening(n, m, length, LENGTH_BEADS, diagonal, DRIFT_BAND)
            if touched:  # the text drifts from the diagonal: start from a beam instead
                beam = _rows(_banded_dp(n, m, length, LENGTH_BEADS, None, INITIAL_BAND)[0], n)
                path = _widening(n, m, length, LENGTH_BEADS, beam)[0]
            centre = _rows(path, n)
        else:
            centre = [0] * (n + 1)
        path, cost, _ = _widening(n, m, full, BEADS, centre)
    return _Path(path, cost, source, target, model)


def _widening(n: int, m: int, costs, beads, centre: list[int], widest: int | None = None):
    """:func:`_banded_dp` around *centre*; when the path touches the band's edge (or the band
    holds no path), again with a band twice as wide around that path (or the same centre),
    up to a band of *widest* if given: the path, its cost, whether it still touches."""
    band = INITIAL_BAND
    while True:
        path, cost, touched = _banded_dp(n, m, costs, beads, centre, band)
        if not touched or band >= max(n, m) or (widest is not None and band >= widest):
            return path, cost, touched
        band *= 2
        if path:
            centre = _rows(path, n)


def _rows(path, n: int) -> list[int]:
    """The target position at which *path* (beads as ends and sizes ``(i, j, a, b)``)
    crosses each source position."""
    rows = [0] * (n + 1)
    for i, j, a, _ in path:
        rows[i - a + 1 : i + 1] = [j] * a
    for i in range(1, n + 1):
        rows[i] = max(rows[i], rows[i - 1])
    return rows


def _banded_dp(n: int, m: int, costs, beads, centre: list[int] | None, band: int):
    """Best path of *beads* (``(a, b, prior)``) from (0, 0) to (*n*, *m*) within *band* of
    *centre*, as bead ends and sizes ``(i, j, a, b)``; its cost; whether it touches the band's
    edge. *costs* makes, from the band's last target position of each source position, what
    gives a bead's cost without its prior (:class:`_FullCost`, :class:`_LengthCost`), called
    with the most it may cost to beat the cell's best bead so far. Without *centre*, each
    row's band is around the cell after the previous row's best (for :class:`_LengthCost`,
    which needs no band ahead of the row): a best path within that beam, not necessarily the
    best path."""
    if centre is None:
        lows, highs = [0], [m if n == 0 else min(m, band)]
    else:
        lows = [max(0, centre[i] - band) for i in range(n + 1)]
        highs = [min(m, centre[i] + band) for i in range(n + 1)]
        lows[0], highs[n] = 0, m
    bead_cost = costs(highs)
    rows: list[list[float] | None] = []  # the last MAX_SPAN + 1 rows' costs; earlier: None
    moves: list[bytearray] = []  # per cell, the index in *beads* of its best bead
    inf = math.inf
    for i in range(n + 1):
        if i and centre is None:
            previous = rows[i - 1]
            best = lows[i - 1] + previous.index(min(previous)) + 1
            lows.append(min(max(0, best - band), m))
            highs.append(m if i == n else min(m, best + band))
        low, high = lows[i], highs[i]
        bead_cost.advance(i, low, high)
        row_cost = [inf] * (high - low + 1)
        row_move = bytearray(high - low + 1)
        rows.append(row_cost)
        moves.append(row_move)
        if i > MAX_SPAN:
            rows[i - MAX_SPAN - 1] = None
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                row_cost[0] = 0.0
                continue
            best, move = inf, 0
            for index, (a, b, prior) in enumerate(beads):
                pi, pj = i - a, j - b
                if pi < 0 or pj < lows[pi] or pj > highs[pi]:
                    continue
                previous = rows[pi][pj - lows[pi]]
                if previous == inf:
                    continue
                total = previous + prior
                total += bead_cost(i, j, a, b, best - total)
                if total < best:
                    best, move = total, index
            row_cost[j - low], row_move[j - low] = best, move
    if rows[n][m - lows[n]] == inf:
        return [], inf, True
    path, touched = [], False
    i, j = n, m
    while i or j:
        a, b, _ = beads[moves[i][j - lows[i]]]
        # the band's own edge, not the matrix's: a path along j = 0 or j = m is not cut off
        touched = touched or (0 < i < n and ((j == lows[i] > 0) or (j == highs[i] < m)))
        path.append((i, j, a, b))
        i, j = i - a, j - b
    path.reverse()
    return path, rows[n][m - lows[n]], touched


class _Spans:
    """The items of one side of a DP (*indices* of *items*) and what the DP asks of every run
    of one to three of them ending at a position: lengths (cumulative), anchors, translations,
    heading flags. The unions of runs are made when first asked for and kept a while (the DP
    asks for each several times, row after row).

    :param side: ``"fa"`` or ``"en"``, the language of the items (for the lexical evidence).
    """

    def __init__(self, items: Items, indices: Sequence[int], side: str):
        self.items, self.indices = items, indices
        self.cumulative = _cumulative([items.lengths[k] for k in indices])
        self.size = len(indices)
        self.counts = [items.own_count(k) for k in indices]
        self._headings = bytes(items.headings[k] for k in indices)
        # evidence[n][m]: lexical.evidence(m, n) of a segment with n translatable words
        self.evidence = [_evidence_row(n, side) for n in range(max(self.counts, default=0) + 1)]
        self._unions: dict[tuple[int, int], tuple[Anchors, int]] = {}

    def item(self, k: int) -> Item:
        """The DP's *k*-th item (from 0)."""
        return self.items[self.indices[k]]

    def own(self, k: int) -> int:
        """The own words of item *k*."""
        return self.items[self.indices[k]].words.own

    def anchors(self, size: int, end: int) -> Anchors:
        """The anchors of the run of *size* items ending at position *end*."""
        return self._run(size, end)[0]

    def translations(self, size: int, end: int) -> int:
        """The translations of the words of the run of *size* items ending at *end*."""
        return self._run(size, end)[1]

    def heading(self, size: int, end: int) -> bool:
        """Whether the run of *size* items ending at *end* holds a heading."""
        return any(self._headings[end - size : end])

    def _run(self, size: int, end: int) -> tuple[Anchors, int]:
        if size == 1:
            item = self.items[self.indices[end - 1]]
            return item.anchors, item.words.translations
        found = self._unions.get((size, end))
        if found is None:
            if len(self._unions) >= UNIONS_KEPT:
                self._unions.clear()
            run = [self.item(k) for k in range(end - size, end)]
            found = (
                _union(item.anchors for item in run),
                _union(item.words.translations for item in run),
            )
            self._unions[(size, end)] = found
        return found


@functools.cache
def _evidence_row(total: int, side: str) -> tuple[float, ...]:
    """:func:`tm.lexical.evidence` of 0 to *total* matched words of *total*."""
    return tuple(lexical.evidence(matched, total, side) for matched in range(total + 1))


def _terms(source: _Spans, target: _Spans, i, j, a, b, model, words: float | None = None):
    """(length cost, shared anchors, numbers on one side only, heading mismatch, lexical
    evidence) of the bead of *a* source and *b* target items, both sides non-empty; *words*
    is the lexical evidence when the caller has it (:class:`_FullCost`)."""
    shared, numbers = agreement(source.anchors(a, i), target.anchors(b, j))
    length = model.cost(
        source.cumulative[i] - source.cumulative[i - a],
        target.cumulative[j] - target.cumulative[j - b],
    )
    # in a 2–2 bead, names repeated in both sentences are shared across the diagonal too:
    # count them once, as the two 1–1 beads it competes with would
    shared = min(shared // 2 if a > 1 and b > 1 else shared, MAX_SHARED)
    headings = source.heading(a, i) != target.heading(b, j)
    if words is None:
        words = _lexical(source, target, i, j, a, b)[0]
    return length, shared, numbers, headings, words


def _bead_cost(source: _Spans, target: _Spans, i, j, a, b, model, words=None) -> float:
    """The cost, without the prior, of the bead of *a* source and *b* target items (*words*:
    see :func:`_terms`)."""
    if a == 0 or b == 0:
        return NULL_COST
    length, shared, numbers, headings, words = _terms(source, target, i, j, a, b, model, words)
    return (
        length
        - SHARED_WEIGHT * shared
        + NUMBER_PENALTY * numbers
        + HEADING_MISMATCH * headings
        - LEXICAL_WEIGHT * words
    )


def _confidence(source: _Spans, target: _Spans, i, j, a, b, model) -> float:
    """The confidence in [0, 1] of a bead of the chosen path: a looser length fit than the
    DP's (a free translation is not an error), shared anchors and translated words for,
    numbers on one side against; 0 for a bead with one side empty."""
    if a == 0 or b == 0:
        return 0.0
    length, shared, numbers, _, words = _terms(source, target, i, j, a, b, model)
    doubt = (
        length / 2 - SHARED_WEIGHT * shared / 2 + NUMBER_PENALTY * numbers - LEXICAL_WEIGHT * words
    )
    return 1 / (1 + math.exp(doubt - CONFIDENCE_OFFSET))


def _doubts(source: _Spans, target: _Spans, i, j, a, b, model) -> tuple[str, ...]:
    """The terms of :func:`_bead_cost`'s confidence that count against the bead, in words."""
    if a == 0 or b == 0:
        return ("no counterpart",)
    shared, numbers = agreement(source.anchors(a, i), target.anchors(b, j))
    source_chars = source.cumulative[i] - source.cumulative[i - a]
    target_chars = target.cumulative[j] - target.cumulative[j - b]
    length = model.cost(source_chars, target_chars) / 2
    against = []
    if numbers:
        against.append((NUMBER_PENALTY * numbers, f"numbers differ ({numbers} on one side only)"))
    if length > CONFIDENCE_OFFSET / 2:
        ratio = target_chars / source_chars if source_chars else math.inf
        against.append(
            (length, f"length ({target_chars} characters for {source_chars}: ratio {ratio:.2f}, "
             f"expected {model.ratio:.2f})")
        )  # fmt: skip
    words, matched, total = _lexical(source, target, i, j, a, b)
    if words < 0:
        against.append((-LEXICAL_WEIGHT * words, f"few words translated ({matched} of {total})"))
    if not shared:
        against.append((0.0, "no shared anchors"))
    return tuple(text for _, text in sorted(against, key=lambda item: -item[0]))


def _lexical(source: _Spans, target: _Spans, i, j, a, b) -> tuple[float, int, int]:
    """The lexical evidence of a bead of *a* source and *b* target items (:func:`_bead_cost`):
    that of its least translated segment, each segment's coverage by the whole other side
    (:func:`tm.lexical.coverage`, :func:`tm.lexical.evidence`), so a sentence with no
    counterpart pulls down the bead it is put in; with the matched and translatable words of
    that segment."""
    worst, worst_matched, worst_total = math.inf, 0, 0
    for spans, other, first, end in (
        (source, target.translations(b, j), i - a, i),
        (target, source.translations(a, i), j - b, j),
    ):
        for k in range(first, end):
            total = spans.counts[k]
            matched = (spans.own(k) & other).bit_count() if total else 0
            value = spans.evidence[total][matched]
            if value < worst:
                worst, worst_matched, worst_total = value, matched, total
    return worst, worst_matched, worst_total


class _LengthCost:
    """A bead's cost in the first pass (:func:`_dp`): the length model's alone."""

    def __init__(self, source: _Spans, target: _Spans, model: GaleChurch, highs: list[int]):
        self.source, self.target, self.model = source.cumulative, target.cumulative, model

    def advance(self, i: int, low: int, high: int) -> None:
        """Nothing to prepare for a row."""

    def __call__(self, i: int, j: int, a: int, b: int, limit: float) -> float:
        if a == 0 or b == 0:
            return NULL_COST
        source, target = self.source, self.target
        source_chars, target_chars = source[i] - source[i - a], target[j] - target[j - b]
        floor = self.model.floor(source_chars, target_chars)
        if floor > limit + BOUND_MARGIN:
            return floor
        return self.model.cost(source_chars, target_chars)


class _FullCost:
    """A bead's cost (:func:`_bead_cost`) in a banded DP, row by row, with the lexical
    evidence (:func:`_lexical`) from each segment's evidence against each run of one to three
    segments of the other side that it meets in the band, computed once: a segment is in up
    to three beads of a cell and in the cells of up to three rows, and a bead's evidence is
    the least of its segments'.

    :param highs: the band's last target position of each source position (non-decreasing).
    """

    def __init__(self, source: _Spans, target: _Spans, model: GaleChurch, highs: list[int]):
        self.source, self.target, self.model, self.highs = source, target, model, highs
        # per source position i (the last three): (first j, [evidence of source item i - 1
        # against the target run of b items ending at j, for b = 1..3])
        self.rows: list[tuple[int, list[list[float]]]] = []
        self.last_rows: list[list[tuple[int, list[list[float]]]]] = []  # [a]: the last a rows
        # at the current row: [evidence of target item k against the source run of a items
        # ending at i, for a = 1..3], k from self.first
        self.columns: list[list[float]] = []
        self.first = 0
        # the translations of the target runs of 1..3 items ending at j, j from self.start
        self.runs: list[tuple[int, ...]] = []
        self.start = 0

    def advance(self, i: int, low: int, high: int) -> None:
        """Compute what row *i* (band *low*..*high*) needs beyond the rows before it."""
        source, target = self.source, self.target
        if i:  # source item i - 1 meets target runs ending in this row and the next two
            last = self.highs[min(i + MAX_SPAN - 1, len(self.highs) - 1)]
            own, evidence = _evidence(source, i - 1)
            runs = self._runs(low, last)
            row = [
                [
                    evidence[(own & run[b - 1]).bit_count()] if j >= b else 0.0
                    for j, run in enumerate(runs, low)
                ]
                for b in range(1, MAX_SPAN + 1)
            ]
            self.rows = [*self.rows[-(MAX_SPAN - 1) :], (low, row)]
            self.last_rows = [self.rows[-a:] for a in range(MAX_SPAN + 1)]
        self.first = max(0, low - MAX_SPAN)
        columns = [_evidence(target, k) for k in range(self.first, high)]
        self.columns = []
        for a in range(1, MAX_SPAN + 1):
            if i < a:
                self.columns.append([0.0] * len(columns))
                continue
            other = source.translations(a, i)
            self.columns.append([evidence[(own & other).bit_count()] for own, evidence in columns])

    def _runs(self, low: int, last: int) -> list[tuple[int, ...]]:
        """The translations of the target runs of one to three items ending at *low* to
        *last*, each computed once: the band's edges never move back."""
        if low > self.start + len(self.runs) or low < self.start:
            self.runs, self.start = [], low
        else:
            del self.runs[: low - self.start]
            self.start = low
        target = self.target
        for j in range(self.start + len(self.runs), last + 1):
            self.runs.append(
                tuple(target.translations(b, j) if j >= b else 0 for b in range(1, MAX_SPAN + 1))
            )
        return self.runs[: last - low + 1]

    def __call__(self, i: int, j: int, a: int, b: int, limit: float) -> float:
        """The cost of the bead of *a* source and *b* target items ending at *i*, the current
        row, and *j*; or, when that cost is sure to be above *limit*, a bound above it (the
        length cost less the most shared anchors and the lexical evidence can remove)."""
        if a == 0 or b == 0:
            return NULL_COST
        column, first = self.columns[a - 1], self.first
        words = column[j - 1 - first] if b == 1 else min(column[j - b - first : j - first])
        for first, row in self.last_rows[a]:
            value = row[b - 1][j - first]
            if value < words:
                words = value
        source, target = self.source.cumulative, self.target.cumulative
        source_chars, target_chars = source[i] - source[i - a], target[j] - target[j - b]
        rest = -SHARED_WEIGHT * MAX_SHARED - LEXICAL_WEIGHT * words
        bound = self.model.floor(source_chars, target_chars) + rest
        if bound > limit + BOUND_MARGIN:
            return bound
        bound = self.model.cost(source_chars, target_chars) + rest
        if bound > limit + BOUND_MARGIN:
            return bound
        return _bead_cost(self.source, self.target, i, j, a, b, self.model, words)


def _evidence(spans: _Spans, k: int) -> tuple[int, tuple[float, ...]]:
    """The own words of item *k* of *spans*, and its lexical evidence by how many of them the
    other side translates (:func:`tm.lexical.evidence`)."""
    return spans.own(k), spans.evidence[spans.counts[k]]


def _union(sets: Iterable[Anchors | Words]):
    """The union of one or more anchor or word sets."""
    return functools.reduce(operator.or_, sets)


def _cumulative(lengths: list[int]) -> list[int]:
    total, out = 0, [0]
    for length in lengths:
        total += length
        out.append(total)
    return out


def _diagonal(src_cum: list[int], tgt_cum: list[int]) -> list[int]:
    """For each source position, the target position at the same fraction of the text."""
    src_total, tgt_total = src_cum[-1] or 1, tgt_cum[-1] or 1
    return [
        min(len(tgt_cum) - 1, bisect.bisect_left(tgt_cum, c * tgt_total / src_total))
        for c in src_cum
    ]
