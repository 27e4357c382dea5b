"""Sentence alignment of a Persian/English document pair.

Segments are aligned by dynamic programming over beads 1–1, 1–0, 0–1, 2–1, 1–2, 2–2, 3–1 and
1–3. A bead's cost is its type's prior, the length model (:mod:`tm.lengthmodel`, Gale–Church on
characters), minus what its two sides share (:mod:`tm.anchors`: numbers, names found by
transliteration, Latin words, dictionary terms, quotes), plus a penalty for numbers found on one
side only. Footnotes are aligned only with footnotes.

Two levels: the paragraphs are aligned first (the same DP over whole blocks) and the sentences
inside each aligned group of paragraphs; the paragraph structure is only trusted when that
constrained alignment costs about as much as an alignment that ignores paragraph breaks.
Otherwise (merged, split or missing paragraphs, or a document without breaks) the sentences are
aligned across paragraph boundaries.

The DP runs in a band around the diagonal (expected positions follow the cumulative lengths),
so its cost grows linearly with the document; the band widens when the best path touches it.
Each bead gets a confidence in [0, 1]; beads below ``tm.unit.LOW_CONFIDENCE`` are flagged.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from corpus.document import Kind, Segment
from tm.anchors import NONE, Anchors, agreement, source_anchors, target_anchors
from tm.lengthmodel import GaleChurch

PRIORS = {
    (1, 1): 0.89, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.0445, (1, 2): 0.0445,
    (2, 2): 0.0005, (3, 1): 0.002, (1, 3): 0.002,
}  # fmt: skip
BEAD_COST = {shape: -math.log(p) for shape, p in PRIORS.items()}
NULL_COST = 0.0  # on top of the prior: leaving a segment unpaired
SHARED_WEIGHT = 1.0  # cost removed per shared anchor (at most MAX_SHARED count)
MAX_SHARED = 6
NUMBER_PENALTY = 3.0  # cost added per number found on one side only
HEADING_MISMATCH = 4.0  # a heading paired with body text (paragraph level)
TRUST_TOLERANCE = 0.1  # per segment: how much more the paragraph-constrained path may cost
CONFIDENCE_OFFSET = 3.0
INITIAL_BAND = 12


@dataclass(frozen=True)
class AlignedBead:
    """Source and target segment indices that translate each other, and the confidence."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float


@dataclass(frozen=True)
class Alignment:
    """The beads of a document pair, in order, and whether paragraph breaks were trusted."""

    beads: tuple[AlignedBead, ...]
    paragraphs_trusted: bool


@dataclass(frozen=True)
class _Item:
    """What the DP aligns: a segment, or a whole paragraph at the first level."""

    length: int
    anchors: Anchors
    heading: bool = False


def align_segments(
    source: Sequence[Segment],
    target: Sequence[Segment],
    *,
    dictionary: Mapping[str, str] | None = None,
    model: GaleChurch | None = None,
) -> Alignment:
    """Align Persian *source* segments with English *target* segments.

    :param model: the length model; by default Gale–Church with the pair's own length ratio
        (total target characters over total source characters), which adapts to the
        translator's style and the domain.

    >>> from corpus.document import Segment, Kind
    >>> def segments(*texts):
    ...     return [Segment(f"p1.s{n}", "p1", Kind.BODY, t) for n, t in enumerate(texts)]
    >>> fa = segments("نفت خزر در سال ۱۹۹۷ مهم بود.", "روسیه؟")
    >>> en = segments("Caspian oil mattered in 1997.", "Russia?")
    >>> [(b.source, b.target) for b in align_segments(fa, en).beads]
    [((0,), (0,)), ((1,), (1,))]
    """
    if model is None:
        source_chars = sum(len(s.text) for s in source)
        target_chars = sum(len(s.text) for s in target)
        ratio = target_chars / source_chars if source_chars and target_chars else None
        model = GaleChurch(ratio=ratio) if ratio else GaleChurch()
    aligner = _Aligner(source, target, dictionary, model)
    beads: list[AlignedBead] = []
    trusted = True
    for footnotes in (False, True):
        src = [i for i, s in enumerate(source) if (s.kind is Kind.FOOTNOTE) == footnotes]
        tgt = [j for j, s in enumerate(target) if (s.kind is Kind.FOOTNOTE) == footnotes]
        part, part_trusted = aligner.align(src, tgt)
        beads += part
        trusted = trusted and part_trusted
    return Alignment(tuple(beads), trusted)


class _Aligner:
    def __init__(self, source, target, dictionary, model):
        self.source, self.target, self.model = source, target, model
        self.src_items = [_Item(len(s.text), source_anchors(s.text, dictionary)) for s in source]
        self.tgt_items = [_Item(len(s.text), target_anchors(s.text, dictionary)) for s in target]

    def align(self, src: list[int], tgt: list[int]) -> tuple[list[AlignedBead], bool]:
        free, free_cost = self._sentences(src, tgt)
        src_groups = _paragraphs(self.source, src)
        tgt_groups = _paragraphs(self.target, tgt)
        if len(src_groups) < 2 or len(tgt_groups) < 2:
            return free, True
        constrained, constrained_cost = self._within_paragraphs(src_groups, tgt_groups)
        if constrained_cost <= free_cost + TRUST_TOLERANCE * (len(src) + len(tgt)):
            return constrained, True
        return free, False

    def _sentences(self, src: list[int], tgt: list[int]) -> tuple[list[AlignedBead], float]:
        path, cost = _dp(
            [self.src_items[i] for i in src], [self.tgt_items[j] for j in tgt], self.model
        )
        beads = [
            AlignedBead(tuple(src[i] for i in a), tuple(tgt[j] for j in b), confidence)
            for a, b, confidence in path
        ]
        return beads, cost

    def _within_paragraphs(self, src_groups, tgt_groups) -> tuple[list[AlignedBead], float]:
        src_paragraphs = [self._paragraph(g, self.src_items, self.source) for g in src_groups]
        tgt_paragraphs = [self._paragraph(g, self.tgt_items, self.target) for g in tgt_groups]
        path, _ = _dp(src_paragraphs, tgt_paragraphs, self.model)
        beads, total = [], 0.0
        for a, b, _ in path:
            src = [i for p in a for i in src_groups[p]]
            tgt = [j for p in b for j in tgt_groups[p]]
            part, cost = self._sentences(src, tgt)
            beads += part
            total += cost
        return beads, total

    @staticmethod
    def _paragraph(group: list[int], items: list[_Item], segments) -> _Item:
        return _Item(
            sum(items[i].length for i in group),
            _union(items[i].anchors for i in group),
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


def _dp(src: list[_Item], tgt: list[_Item], model: GaleChurch):
    """Best bead path in a band that widens until the path stays clear of its edges."""
    band = INITIAL_BAND
    while True:
        path, cost, touched = _banded_dp(src, tgt, model, band)
        if not touched or band >= max(len(src), len(tgt)):
            return path, cost
        band *= 2


def _banded_dp(src: list[_Item], tgt: list[_Item], model: GaleChurch, band: int):
    n, m = len(src), len(tgt)
    src_cum = _cumulative([item.length for item in src])
    tgt_cum = _cumulative([item.length for item in tgt])
    centre = _diagonal(src_cum, tgt_cum)
    lows = [max(0, centre[i] - band) for i in range(n + 1)]
    highs = [min(m, centre[i] + band) for i in range(n + 1)]
    lows[n], highs[0] = min(lows[n], m), max(highs[0], 0)
    highs[n] = m
    lows[0] = 0
    best: list[dict[int, tuple[float, tuple[int, int], float]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, (0, 0), 0.0)
    for i in range(n + 1):
        for j in range(lows[i], highs[i] + 1):
            if i == 0 and j == 0:
                continue
            choice = None
            for (a, b), prior in BEAD_COST.items():
                if a > i or b > j:
                    continue
                previous = best[i - a].get(j - b)
                if previous is None:
                    continue
                bead, confidence = _bead_cost(src, tgt, src_cum, tgt_cum, i, j, a, b, prior, model)
                total = previous[0] + bead
                if choice is None or total < choice[0]:
                    choice = (total, (a, b), confidence)
            if choice is not None:
                best[i][j] = choice
    if m not in best[n]:
        return [], math.inf, True
    path, touched = [], False
    i, j = n, m
    while i or j:
        _, (a, b), confidence = best[i][j]
        touched = touched or (0 < i < n and (j in (lows[i], highs[i])))
        path.append((tuple(range(i - a, i)), tuple(range(j - b, j)), confidence))
        i, j = i - a, j - b
    path.reverse()
    return path, best[n][m][0], touched


def _bead_cost(src, tgt, src_cum, tgt_cum, i, j, a, b, prior, model) -> tuple[float, float]:
    source_length = src_cum[i] - src_cum[i - a]
    target_length = tgt_cum[j] - tgt_cum[j - b]
    if a == 0 or b == 0:
        return prior + NULL_COST, 0.0
    if a == 1 and b == 1:
        shared, numbers = agreement(src[i - 1].anchors, tgt[j - 1].anchors)
    else:
        shared, numbers = agreement(
            _union(item.anchors for item in src[i - a : i]),
            _union(item.anchors for item in tgt[j - b : j]),
        )
    length = model.cost(source_length, target_length)
    evidence = SHARED_WEIGHT * min(shared, MAX_SHARED) - NUMBER_PENALTY * numbers
    if any(item.heading for item in src[i - a : i]) != any(item.heading for item in tgt[j - b : j]):
        evidence -= HEADING_MISMATCH
    # confidence: a looser length fit than the DP's (a free translation is not an error),
    # shared anchors for, numbers on one side against
    doubt = length / 2 - SHARED_WEIGHT * min(shared, MAX_SHARED) / 2 + NUMBER_PENALTY * numbers
    confidence = 1 / (1 + math.exp(doubt - CONFIDENCE_OFFSET))
    return prior + length - evidence, confidence


def _union(anchors: Iterable[Anchors]) -> Anchors:
    result = NONE
    for item in anchors:
        result = result | item
    return result


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
