"""Align a document pair into translation units: the bridge from segments to the TM."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from corpus.document import Document, Segment
from corpus.pipeline import segment_document
from corpus.reviewed import FILE_NAME, Reviewed, stale
from corpus.srx import Srx
from tm.align import AlignedBead, Alignment, align_batch, align_segments
from tm.anchors import TermFinder
from tm.errors import TmError
from tm.lexical import Lexicon
from tm.runon import split_run_ons
from tm.unit import LOW_CONFIDENCE, SOURCE_LANGUAGE, TranslationUnit


@dataclass(frozen=True)
class Bead:
    """One bead as a reviewer sees it (``beads.tsv``, the review page): shape (``1-2``),
    confidence, the reason it is flagged (``""`` if it is not), and the two sides' text;
    the indices of its segments in the pair's segment lists (:attr:`AlignedPair.source`,
    :attr:`AlignedPair.target`) and what a reviewer said of it (:mod:`corpus.reviewed`:
    ``confirmed``, ``edited``, ``wrong``; ``""`` when nothing)."""

    shape: str
    confidence: float
    flag: str
    source: str
    target: str
    source_segments: tuple[int, ...] = ()
    target_segments: tuple[int, ...] = ()
    review: str = ""

    @property
    def unpaired(self) -> int:
        """How many segments the bead leaves without a counterpart (those of a 1–0 or 0–1)."""
        source, target = (int(n) for n in self.shape.split("-"))
        return 0 if source and target else source + target


@dataclass(frozen=True)
class AlignedPair:
    """A document pair's segments, their alignment, and the units made of its beads."""

    id: str
    source: tuple[Segment, ...]
    target: tuple[Segment, ...]
    alignment: Alignment
    units: tuple[TranslationUnit, ...]
    warnings: tuple[str, ...] = ()

    @property
    def flagged(self) -> tuple[TranslationUnit, ...]:
        """Units whose bead scored below the flag threshold (kept out of the TMX)."""
        return tuple(u for u in self.units if u.flagged)

    @property
    def unpaired(self) -> tuple[AlignedBead, ...]:
        """1–0 and 0–1 beads: segments the aligner found no counterpart for."""
        return tuple(b for b in self.alignment.beads if not (b.source and b.target))

    def bead_types(self) -> Counter[str]:
        """How many beads of each shape (``1-1``, ``2-1`` ...)."""
        return Counter(f"{len(b.source)}-{len(b.target)}" for b in self.alignment.beads)

    def review_beads(self, threshold: float = LOW_CONFIDENCE) -> tuple[Bead, ...]:
        """Every bead, unpaired ones included, as :class:`Bead` rows for review."""
        return tuple(
            Bead(
                f"{len(bead.source)}-{len(bead.target)}",
                round(bead.confidence, 3),
                bead_flag(bead, threshold),
                " ".join(self.source[i].text for i in bead.source),
                " ".join(self.target[j].text for j in bead.target),
                bead.source,
                bead.target,
                bead.review,
            )
            for bead in self.alignment.beads
        )


SCRIPTS = {
    "fa": ("Persian", re.compile(r"[\u0600-\u06ff]")),
    "en": ("English", re.compile("[A-Za-z]")),
}


def script_doubt(document: Document, name: str, language: str) -> tuple[str, ...]:
    """A warning when most letters of *document* are not of *language*'s script (``fa`` or
    ``en``): the two files of a pair given the wrong way round, or the wrong file."""
    words, letters = SCRIPTS[language]
    text = " ".join(block.text for block in document.blocks)
    total = sum(1 for char in text if char.isalpha())
    if total and len(letters.findall(text)) < total / 2:
        return (f"{name} is mostly not in {words} script: is it the {words} side?",)
    return ()


DOUBTFUL_SHARE = 0.5  # a pair with this share of its beads flagged is in doubt as a whole


def pair_doubts(
    source: Document, target: Document, beads: Sequence[Bead], names: tuple[str, str]
) -> tuple[str, ...]:
    """Why a whole pair is in doubt, ``()`` if it is not: the Persian *source* or the English
    *target* mostly not in its script (:func:`script_doubt`: the files swapped, or the wrong
    one), or most of its *beads* flagged or unpaired (the English may be another document's:
    the few beads that look paired are then most likely chance). *names* are the two files'
    names, as the warnings give them. ``tmkit build`` and ``tmkit align`` flag every unit of
    such a pair (:func:`doubted_units`) and warn with these reasons."""
    source_name, target_name = names
    doubts = script_doubt(source, source_name, "fa") + script_doubt(target, target_name, "en")
    flagged = sum(1 for bead in beads if bead.flag)
    if beads and flagged >= DOUBTFUL_SHARE * len(beads):
        doubts += (
            f"{flagged} of {len(beads)} beads flagged or unpaired: is {target_name} the "
            f"translation of {source_name}?",
        )
    return doubts


def doubted_units(
    units: Sequence[TranslationUnit], doubts: Sequence[str]
) -> tuple[TranslationUnit, ...]:
    """*units* of a pair in doubt as a whole (:func:`pair_doubts`) each flagged, its flag the
    pair's first doubt unless it had one, so none goes into the TMX; unchanged without
    *doubts*."""
    if not doubts:
        return tuple(units)
    return tuple(replace(u, flag=u.flag or f"the pair: {doubts[0]}") for u in units)


def beads_tsv(beads: Iterable[Bead], document: str = "") -> str:
    """The alignment for review, one row per bead: ``bead shape confidence flag source target``
    (``flag`` empty unless the bead is flagged, then the reason); a bead's id is ``b1`` …, or
    ``<document>:b1`` … when *document* is given (the rows of several pairs in one table)."""
    rows = ["bead\tshape\tconfidence\tflag\tsource\ttarget"]
    prefix = f"{document}:" if document else ""
    for number, bead in enumerate(beads, start=1):
        cells = (f"{prefix}b{number}", bead.shape, f"{bead.confidence:.3f}", bead.flag)
        rows.append("\t".join((*cells, bead.source, bead.target)))
    return "\n".join(rows) + "\n"


def align_documents(
    doc_id: str,
    source: Document,
    target: Document,
    *,
    srclang: str = SOURCE_LANGUAGE,
    tgtlang: str,
    terms: TermFinder | None = None,
    srx: Srx | None = None,
    threshold: float = LOW_CONFIDENCE,
    lexicon: Lexicon | None = None,
    reviewed: Reviewed | None = None,
) -> AlignedPair:
    """Segment both documents, align them, and make one unit per bead with both sides.

    :param srx: the segmentation rules (default: tmkit's bundled ones).
    :param threshold: a unit whose bead's confidence is below it is flagged, its ``flag`` the
        bead's doubts (:class:`tm.align.AlignedBead`).
    :param lexicon: align in one pass with it: the first of Moore's (2002) two passes with the
        core lexicon, the second with the word pairs a translation model learned
        (:func:`tm.align.learn`); ``tmkit build`` runs each pass pair by pair and learns from
        all the project's pairs in between (:mod:`tm.batch`). Without: both passes
        (:func:`align_many`), the model learning from this pair alone.
    :param reviewed: the pair's reviewed beads (``reviewed.json``, :mod:`corpus.reviewed`;
        with *lexicon* only): the confirmed and edited ones are held as they are, confidence
        1, never flagged, the rest aligned around them (:func:`tm.align.align_segments`,
        *fixed*); a bead the aligner makes again that was marked wrong is flagged
        (:data:`WRONG`). Beads whose segments' texts changed since the review are left out,
        each a warning of the result.
    :raises TmError: the reviewed beads cross or mix footnotes with body text (a file edited
        by hand).
    """
    if reviewed is not None and lexicon is None:
        raise ValueError("reviewed beads are aligned around with a lexicon (one pass)")
    if lexicon is None:
        (pair,) = align_many(
            [(doc_id, source, target)],
            srclang=srclang,
            tgtlang=tgtlang,
            terms=terms,
            srx=srx,
            threshold=threshold,
        )
        return pair
    source_segments = segment_document(source, srclang, srx)
    target_segments = segment_document(target, tgtlang, srx)
    held, warnings = _reviewed_beads(reviewed, source_segments, target_segments)
    try:
        alignment = align_segments(
            source_segments, target_segments, terms=terms, lexicon=lexicon,
            fixed=[bead for bead in held if bead.review != "wrong"],
        )  # fmt: skip
    except ValueError as err:
        raise TmError(
            f"{doc_id}/{FILE_NAME}", str(err), hint="run tmkit review apply again"
        ) from None
    wrong = {(bead.source, bead.target) for bead in held if bead.review == "wrong"}
    if wrong:
        beads = tuple(
            replace(bead, review="wrong") if (bead.source, bead.target) in wrong else bead
            for bead in alignment.beads
        )
        alignment = replace(alignment, beads=beads)
    pair = _aligned_pair(
        doc_id, source_segments, target_segments, alignment, srclang, tgtlang, threshold
    )
    return replace(pair, warnings=warnings)


def _reviewed_beads(
    reviewed: Reviewed | None, source: Sequence[Segment], target: Sequence[Segment]
) -> tuple[list[AlignedBead], tuple[str, ...]]:
    """The beads of *reviewed* that still match the segments, as the aligner's fixed beads
    (confidence 1, their ``review`` the status), and a warning for those that do not."""
    if reviewed is None:
        return [], ()
    held, warnings = [], []
    for bead in reviewed.beads:
        problems = stale([bead], [s.text for s in source], [s.text for s in target])
        if problems:
            warnings.append(
                f"{FILE_NAME}: a reviewed bead no longer matches the document ({problems[0]}): "
                "left out; review the pair again"
            )
            continue
        held.append(AlignedBead(bead.source, bead.target, 1.0, (), review=bead.status))
    return held, tuple(warnings)


def align_many(
    documents: Sequence[tuple[str, Document, Document]],
    *,
    srclang: str = SOURCE_LANGUAGE,
    tgtlang: str,
    terms: TermFinder | None = None,
    srx: Srx | None = None,
    threshold: float = LOW_CONFIDENCE,
    run_ons: bool = False,
    jobs: int = 1,
) -> list[AlignedPair]:
    """:func:`align_documents` for (id, source, target) document pairs aligned as one batch
    (:func:`tm.align.align_batch`: the translation model learns from all of them); one
    :class:`AlignedPair` a pair, in order. With *run_ons*, a segment holding two sentences
    that faces their two translations is split (:func:`tm.runon.split_run_ons`); *jobs*:
    processes that analyse a long pair's segments (:func:`tm.align.align_segments`)."""
    segmented = [
        (doc_id, segment_document(source, srclang, srx), segment_document(target, tgtlang, srx))
        for doc_id, source, target in documents
    ]
    alignments = align_batch([(s, t) for _, s, t in segmented], terms=terms, jobs=jobs)
    pairs = []
    for (doc_id, source_segments, target_segments), alignment in zip(
        segmented, alignments, strict=True
    ):
        if run_ons:
            source_segments, target_segments, alignment = split_run_ons(
                source_segments, target_segments, alignment, terms=terms
            )
        pairs.append(
            _aligned_pair(
                doc_id, source_segments, target_segments, alignment, srclang, tgtlang, threshold
            )
        )
    return pairs


def _aligned_pair(
    doc_id: str,
    source: Sequence[Segment],
    target: Sequence[Segment],
    alignment: Alignment,
    srclang: str,
    tgtlang: str,
    threshold: float,
) -> AlignedPair:
    """The pair's segments and alignment, with one unit per bead that has both sides."""
    units = tuple(
        _unit(doc_id, n, bead, source, target, srclang, tgtlang, threshold)
        for n, bead in enumerate(alignment.beads, start=1)
        if bead.source and bead.target
    )
    return AlignedPair(doc_id, tuple(source), tuple(target), alignment, units)


def _unit(
    doc_id: str,
    number: int,
    bead: AlignedBead,
    source: Sequence[Segment],
    target: Sequence[Segment],
    srclang: str,
    tgtlang: str,
    threshold: float,
) -> TranslationUnit:
    first = source[bead.source[0]]
    return TranslationUnit(
        tuid=f"{doc_id}:b{number}",
        source=" ".join(source[i].text for i in bead.source),
        target=" ".join(target[j].text for j in bead.target),
        srclang=srclang,
        tgtlang=tgtlang,
        document=doc_id,
        source_blocks=tuple(dict.fromkeys(source[i].block for i in bead.source)),
        target_blocks=tuple(dict.fromkeys(target[j].block for j in bead.target)),
        kind=first.kind.value,
        score=round(bead.confidence, 3),
        flag=bead_flag(bead, threshold),
    )


WRONG = "marked wrong in review"


def bead_flag(bead: AlignedBead, threshold: float) -> str:
    """Why *bead* is flagged, ``""`` if it is not: unpaired, or its confidence (rounded to
    three places, as reports show it) below *threshold*; the reason is the bead's doubts. A
    bead a reviewer confirmed or made is never flagged; one marked wrong always is
    (:data:`WRONG`)."""
    if bead.review == "wrong":
        return WRONG
    if bead.review:
        return ""
    if bead.source and bead.target and round(bead.confidence, 3) >= threshold:
        return ""
    return "; ".join(bead.doubts or ("low confidence",))
