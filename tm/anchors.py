"""Lexical anchors: what a Persian segment and its English translation share beyond length.

Each segment gets its numbers as the term check reads them, names' digits too
(:func:`glossary.figures.every_number`: Persian and Western digits alike, ``۱۹۹۷`` and
``1997``, ``۲/۵`` and ``2.5``, ``۵۷۱،۶۷۸`` and ``571,678``), so the aligner and the check never
disagree about a figure, and a set of tagged tokens:

- ``s:MNSK``: name skeletons (:mod:`tm.translit`): every Persian word, the English side's
  capitalised words;
- ``l:dawn``: Latin-script words kept in the Persian text (DAWN, MWP), English words;
- ``d:<term id>``: concepts of the glossary (:class:`glossary.match.Matcher`, or anything with
  the same ``persian``/``english`` methods) found on each side: the glossary doubles as the
  aligner's bilingual dictionary;
- ``q:``/``p:``: quotation marks and parentheses.

Numbers that occur on one side only count against a pairing; the other anchors only for it. A
Persian Solar Hijri year (1300–1500) and a Gregorian year it overlaps on the English side
(۱۳۹۵ and 2016 or 2017: translators convert dates) agree, as the term check has them
(:func:`glossary.figures.written_out`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from glossary.figures import SOLAR_YEARS, every_number, gregorian_years
from tm.translit import english_names, persian_names

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Anchors:
    """A segment's numbers and other anchors, as bit sets (one bit per hashed token).

    Bit sets make the aligner's inner loop cheap (``&``, ``^`` and ``bit_count``); with 8192
    bits a collision between two tokens of one sentence pair is rare and only blurs a score.
    The hash is CRC-32, so alignments are the same in every run.
    """

    numbers: int
    tokens: int
    solar: int = 0  # of the numbers, the Solar Hijri years (Persian side)
    gregorian: int = 0  # the Gregorian years those overlap

    def __or__(self, other: Anchors) -> Anchors:
        return Anchors(
            self.numbers | other.numbers,
            self.tokens | other.tokens,
            self.solar | other.solar,
            self.gregorian | other.gregorian,
        )


NONE = Anchors(0, 0)
BITS = 8192


def _bits(tokens: Iterable[str]) -> int:
    mask = 0
    for token in tokens:
        mask |= 1 << (zlib.crc32(token.encode("utf-8")) % BITS)
    return mask


class TermFinder(Protocol):
    """Finds glossary concepts in text (what :class:`glossary.match.Matcher` does)."""

    def persian(self, text: str) -> Iterable: ...

    def english(self, text: str) -> Iterable: ...


def source_anchors(text: str, terms: TermFinder | None = None) -> Anchors:
    """Anchors of a Persian segment; *terms* finds the glossary's concepts."""
    tokens = {f"s:{s}" for s in persian_names(text)}
    tokens |= {f"l:{word.lower()}" for word in LATIN_WORD.findall(text)}
    if terms is not None:
        tokens |= {f"d:{m.term_id}" for m in terms.persian(text) if m.role != "forbidden"}
    numbers = every_number(text, "fa")
    solar = [int(n) for n in numbers if n.isdigit() and int(n) in SOLAR_YEARS]
    return Anchors(
        _bits(numbers),
        _bits(tokens | _marks(text, '«»"“”', "()")),
        _bits(str(year) for year in solar),
        _bits(str(g) for year in solar for g in gregorian_years(year)),
    )


def target_anchors(text: str, terms: TermFinder | None = None) -> Anchors:
    """Anchors of an English segment (see :func:`source_anchors`)."""
    tokens = {f"s:{s}" for s in english_names(text)}
    tokens |= {f"l:{word.lower()}" for word in LATIN_WORD.findall(text)}
    if terms is not None:
        tokens |= {f"d:{m.term_id}" for m in terms.english(text) if m.role != "forbidden"}
    return Anchors(_bits(every_number(text, "en")), _bits(tokens | _marks(text, '"“”«»', "()")))


def agreement(source: Anchors, target: Anchors) -> tuple[int, int]:
    """(anchors shared, numbers on one side only) of a Persian *source* and an English
    *target*; a Solar Hijri year whose Gregorian year the English has instead is shared."""
    shared = (source.tokens & target.tokens).bit_count()
    shared += (source.numbers & target.numbers).bit_count()
    one_sided = source.numbers ^ target.numbers
    numbers = one_sided.bit_count()
    converted = source.gregorian & one_sided & target.numbers
    if converted:  # as many as there are Persian years the English does not write as such
        years = min(converted.bit_count(), (source.solar & one_sided).bit_count())
        shared, numbers = shared + years, numbers - 2 * years
    return shared, numbers


def _marks(text: str, quotes: str, parentheses: str) -> set[str]:
    marks = set()
    if any(c in text for c in quotes):
        marks.add("q:")
    if any(c in text for c in parentheses):
        marks.add("p:")
    return marks
