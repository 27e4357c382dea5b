"""Analysis: how much of a new document the TM store already translates, by match band.

Every segment of the new documents is looked up (:func:`tm.lookup.lookup`, the best match of
50% or more, with the segment before it for context matches) and falls into one band, as CAT
tools report an analysis for a quote (Trados Studio's and memoQ's analysis reports):

=============  ===============================================================================
context        a 100% exact match whose previous segment is the unit's, or both first in their
               document (a "101%" match)
100%           a 100% match: the same words (an exact match, or spelling variants)
repetitions    not a 100% match, but the same text (matching key) as a segment earlier in the
               new documents: translated once, then repeated
95–99%         a fuzzy match of 95 to 99 (a number that differs lands here)
85–94%, 75–84%, 50–74%
no match       nothing of 50% or more
=============  ===============================================================================

Words are counted as :func:`tm.fuzzy.tokens` counts them (words and numbers; a ZWNJ is inside
a word, as the translator sees ``می‌شود``: one word).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from corpus.document import Segment
from corpus.normalize import matching_key
from tm.fuzzy import tokens
from tm.lookup import Match, lookup
from tm.store import Store

BANDS = ("context", "100%", "repetitions", "95–99%", "85–94%", "75–84%", "50–74%", "no match")
FUZZY_BANDS = ((95, "95–99%"), (85, "85–94%"), (75, "75–84%"), (50, "50–74%"))
LOWEST = 50  # the lowest fuzzy band's floor


@dataclass(frozen=True)
class SegmentMatch:
    """One segment of a new document, its best match (or none) and its band.

    :param document: the document's name.
    :param segment: the segment (:class:`corpus.document.Segment`).
    :param words: its words (:func:`tm.fuzzy.tokens`).
    :param match: the best match of *minimum* % or more, ``None`` when there is none.
    :param band: one of :data:`BANDS`.
    """

    document: str
    segment: Segment
    words: int
    match: Match | None
    band: str


@dataclass(frozen=True)
class Band:
    """One line of the analysis: a band, its segments and words."""

    band: str
    segments: int
    words: int


def matched_segments(
    store: Store, documents: Iterable[tuple[str, Sequence[Segment]]], minimum: int = LOWEST
) -> Iterator[SegmentMatch]:
    """Each segment of *documents* (``(name, segments)`` in order) with its best match of
    *minimum* % or more and its band (the module's table).

    :param minimum: the lowest score looked up (below :data:`LOWEST` still bands as ``no
        match`` … ``50–74%``).
    """
    seen: set[str] = set()
    for name, segments in documents:
        previous = ""  # the document's start: a unit first in its document is in context
        for segment in segments:
            found = lookup(store, segment.text, minimum=minimum, limit=1, previous=previous)
            match = found.matches[0] if found.matches else None
            key = matching_key(segment.text)
            band = _band(match, key in seen)
            seen.add(key)
            yield SegmentMatch(name, segment, len(tokens(segment.text)), match, band)
            previous = segment.text


def _band(match: Match | None, repeated: bool) -> str:
    if match is not None and match.fuzzy.score == 100:
        return "context" if match.context else "100%"
    if repeated:
        return "repetitions"
    score = match.fuzzy.score if match is not None else -1
    return next((band for floor, band in FUZZY_BANDS if score >= floor), "no match")


def bands(matched: Iterable[SegmentMatch]) -> list[Band]:
    """The segments and words of each band of :data:`BANDS`, in that order (empty ones too)."""
    totals = {band: [0, 0] for band in BANDS}
    for item in matched:
        totals[item.band][0] += 1
        totals[item.band][1] += item.words
    return [Band(band, segments, words) for band, (segments, words) in totals.items()]
