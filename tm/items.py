"""The aligner's items (segments, or whole paragraphs): what it knows of each, stored compactly.

:func:`analyse` makes them from a pair's segments (in several processes for a long pair).

An item's anchors and words (:class:`tm.anchors.Anchors`, :class:`tm.lexical.Words`) are bit
sets of hashed tokens, Python ints of up to 8,192 bits: about 1 KB each however few of their
bits are set, four or more of them per segment, so 100,000 sentence pairs would hold about
1 GB. :class:`Items` keeps each bit set as the positions of its set bits (2 bytes each; a
sentence has some tens) and makes the ints again when the aligner reaches them, a block of
:data:`BLOCK` items at a time (numpy unpacks and packs the bits); the :data:`KEPT` blocks used
last are kept. The aligner's passes move forward through the document, so a block is rebuilt
about once per pass, and the memory the items take grows with their set bits, not with 1 KB
per bit set.
"""

from __future__ import annotations

import functools
import multiprocessing
from array import array
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

import numpy as np

from corpus.document import Segment
from tm.anchors import BITS as ANCHOR_BITS
from tm.anchors import Anchors, TermFinder, source_anchors, target_anchors
from tm.lexical import BITS as WORD_BITS
from tm.lexical import NO_WORDS, Lexicon, Words

BITS = max(ANCHOR_BITS, WORD_BITS)
BYTES = BITS // 8
SHIFT = 8
BLOCK = 1 << SHIFT  # items packed and rebuilt together
KEPT = 16  # rebuilt blocks kept, the most recently used (4,096 items, some 16 MB at most)
FIELDS = 6  # numbers, tokens, solar, gregorian (anchors); own, translations (words)
OWN = 4
ANALYSED = 1024  # distinct texts whose analysis is kept, the most recent
PARALLEL_SEGMENTS = 20_000  # segments of a pair (both sides) from which analysis is parallel
CHUNK = 8192  # segments a worker analyses at a time


@dataclass(frozen=True, slots=True)
class Item:
    """What the DP aligns: a segment, or a whole paragraph at the first level.

    :param length: its length (characters by default, see :func:`tm.align.align_segments`).
    """

    length: int
    anchors: Anchors
    words: Words = NO_WORDS
    heading: bool = False


class Items:
    """A sequence of :class:`Item` held as the positions of their bit sets' set bits.

    ``items[k]`` is the *k*-th item, rebuilt with its block when that block is not among the
    last used; :attr:`lengths` and :attr:`headings` are held as they are, and
    :meth:`own_count` counts an item's own words without rebuilding it.

    :param items: the items, consumed a block at a time (a generator keeps memory low).
    """

    def __init__(self, items: Iterable[Item]):
        self.lengths = array("q")
        self.headings = bytearray()
        self._positions = [array("H") for _ in range(FIELDS)]
        self._starts = [array("q", [0]) for _ in range(FIELDS)]
        self._blocks: dict[int, list[Item]] = {}  # insertion order = least recently used first
        self._last: tuple[int, list[Item]] = (-1, [])
        iterator = iter(items)
        while block := list(islice(iterator, BLOCK)):
            self._pack(block)

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, k: int) -> Item:
        number = k >> SHIFT
        if self._last[0] != number:
            block = self._blocks.pop(number, None)
            if block is None:
                block = self._unpack(number)
                if len(self._blocks) >= KEPT:
                    del self._blocks[next(iter(self._blocks))]
            self._blocks[number] = block
            self._last = (number, block)
        return self._last[1][k & (BLOCK - 1)]

    def extend(self, other: Items) -> None:
        """Append the items of *other* (before any item is read)."""
        self.lengths.extend(other.lengths)
        self.headings.extend(other.headings)
        for field in range(FIELDS):
            self._positions[field].extend(other._positions[field])
            offset = self._starts[field][-1]
            self._starts[field].extend(start + offset for start in other._starts[field][1:])

    def own_count(self, k: int) -> int:
        """How many own words (bits of ``words.own``) item *k* has."""
        starts = self._starts[OWN]
        return starts[k + 1] - starts[k]

    def _pack(self, block: list[Item]) -> None:
        self.lengths.extend(item.length for item in block)
        self.headings.extend(item.heading for item in block)
        for field, values in enumerate(zip(*map(_fields, block), strict=True)):
            counts = np.zeros(len(block), np.int64)
            rows = [k for k, value in enumerate(values) if value]
            if rows:
                raw = b"".join(values[k].to_bytes(BYTES, "little") for k in rows)
                found, positions = _set_bits(np.frombuffer(raw, np.uint8))
                self._positions[field].frombytes(positions.astype(np.uint16).tobytes())
                counts[rows] = np.bincount(found, minlength=len(rows))
            starts = self._starts[field]
            starts.extend((starts[-1] + np.cumsum(counts)).tolist())

    def _unpack(self, number: int) -> list[Item]:
        first = number * BLOCK
        if not 0 <= first < len(self):
            raise IndexError(first)
        end = min(first + BLOCK, len(self))
        size = end - first
        fields = []
        for field in range(FIELDS):
            starts = np.array(self._starts[field][first : end + 1], np.int64)
            if starts[0] == starts[-1]:
                fields.append([0] * size)
                continue
            counts = np.diff(starts)
            positions = np.array(self._positions[field][starts[0] : starts[-1]], np.int64)
            rows = np.repeat(np.arange(size), counts)
            raw = _bytes(rows * BYTES + (positions >> 3), 1 << (positions & 7), size * BYTES)
            fields.append(
                [
                    int.from_bytes(raw[k * BYTES : (k + 1) * BYTES], "little") if counts[k] else 0
                    for k in range(size)
                ]
            )
        numbers, tokens, solar, gregorian, own, translations = fields
        return [
            Item(
                self.lengths[first + k],
                Anchors(numbers[k], tokens[k], solar[k], gregorian[k]),
                Words(own[k], translations[k]),
                bool(self.headings[first + k]),
            )
            for k in range(size)
        ]


def _set_bits(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, position) of every set bit of *raw*, rows of :data:`BYTES` little-endian bytes,
    row by row and rising within a row: the non-zero bytes first, then their bits."""
    where = np.flatnonzero(raw)
    bits = np.unpackbits(raw[where][:, None], axis=1, bitorder="little")
    byte, bit = np.nonzero(bits)
    where = where[byte]
    return where // BYTES, (where % BYTES) * 8 + bit


def _bytes(index: np.ndarray, bit: np.ndarray, size: int) -> bytes:
    """*size* bytes with the bits *bit* set in the bytes at *index* (rising; a byte may be
    named several times, with different bits)."""
    out = np.zeros(size, np.uint8)
    starts = np.flatnonzero(np.diff(index, prepend=-1))
    out[index[starts]] = np.add.reduceat(bit, starts)  # distinct bits: their sum is their union
    return out.tobytes()


def _fields(item: Item) -> tuple[int, int, int, int, int, int]:
    anchors, words = item.anchors, item.words
    return (
        anchors.numbers, anchors.tokens, anchors.solar, anchors.gregorian,
        words.own, words.translations,
    )  # fmt: skip


def analyse(
    source: Sequence[Segment],
    target: Sequence[Segment],
    terms: TermFinder | None,
    lexicon: Lexicon,
    measure: Callable[[str], int],
    jobs: int = 1,
) -> tuple[Items, Items]:
    """The aligner's items of Persian *source* and English *target* segments: each one's
    length by *measure*, its anchors (:mod:`tm.anchors`, with the glossary's concepts that
    *terms* finds) and its words (*lexicon*); a text repeated nearby (headings, labels,
    boilerplate) analysed once. In *jobs* processes (forked, so that the lexicon, the
    matcher and *measure* need not be pickled; not from a daemonic process) when the pair has
    at least :data:`PARALLEL_SEGMENTS` segments."""
    global _analysis
    analysis = _Analysis(terms, lexicon, measure)
    source_texts, target_texts = [s.text for s in source], [t.text for t in target]
    if jobs < 2 or len(source) + len(target) < PARALLEL_SEGMENTS:
        return analysis.items("fa", source_texts), analysis.items("en", target_texts)
    chunks = [
        (side, texts[k : k + CHUNK])
        for side, texts in (("fa", source_texts), ("en", target_texts))
        for k in range(0, len(texts), CHUNK)
    ]
    _analysis = analysis  # what the forked workers analyse with
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_analysed, chunks))
    finally:
        _analysis = None
    sides = {"fa": Items(()), "en": Items(())}
    for (side, _), part in zip(chunks, parts, strict=True):
        sides[side].extend(part)
    return sides["fa"], sides["en"]


class _Analysis:
    """What makes a segment's item: its length, anchors and words."""

    def __init__(self, terms: TermFinder | None, lexicon: Lexicon, measure: Callable[[str], int]):
        self.terms, self.lexicon, self.measure = terms, lexicon, measure
        self.persian = functools.lru_cache(maxsize=ANALYSED)(self._persian)
        self.english = functools.lru_cache(maxsize=ANALYSED)(self._english)

    def items(self, side: str, texts: list[str]) -> Items:
        return Items(map(self.persian if side == "fa" else self.english, texts))

    def _persian(self, text: str) -> Item:
        return Item(
            self.measure(text), source_anchors(text, self.terms), self.lexicon.persian_words(text)
        )

    def _english(self, text: str) -> Item:
        return Item(
            self.measure(text), target_anchors(text, self.terms), self.lexicon.english_words(text)
        )


_analysis: _Analysis | None = None  # the analysis of the _items call under way (forked workers)


def _analysed(chunk: tuple[str, list[str]]) -> Items:
    assert _analysis is not None
    return _analysis.items(*chunk)
