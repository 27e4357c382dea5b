"""The fuzzy match score: how much of a translation unit's source a new segment repeats.

The score is the one CAT tools compute (OmegaT's ``FuzzyMatcher``, after Levenshtein 1966),
on words rather than characters::

    score = floor(100 · (max − d) / max) − NUMBER_PENALTY · (numbers that differ)

where ``d`` is the Levenshtein distance between the two segments' word sequences (insert,
delete or replace one word costs 1; rapidfuzz computes it) and ``max`` the longer sequence's
length in words. The words are compared by their matching key
(:func:`corpus.normalize.matching_key`: letter variants ي/ی and ك/ک, diacritics, case, and
Persian or Arabic-Indic digits against ASCII ones all compare equal), so a spelling variant
never lowers a match:

- a ZWNJ is part of the word it is in (``می‌شود`` is one word, as the translator sees it) and
  its key drops it, so ``می‌شود`` = ``میشود``;
- a word written glued or with a ZWNJ on one side and with a space on the other (``می شود``,
  ``تعیین کننده``) is one word: two or three adjacent words whose keys joined are a word of the
  other segment are joined before comparing (:func:`compare`);
- punctuation is not a word: segments differing only in punctuation score 100 (but are not an
  exact match, :attr:`FuzzyMatch.exact`).

Numbers are compared apart, as translators ask of CAT tools: in the word sequences every number
is the placeholder ``#`` (so ``12 tonnes`` against ``15 tonnes`` is no word edit), and each
number of one segment that the other lacks costs :data:`NUMBER_PENALTY` points (``۱۲`` and
``12`` are the same number). A segment that differs from a unit's source only in one number
therefore scores 99, and the match says which numbers differ.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from corpus.normalize import matching_key

NUMBER_PENALTY = 1  # points a number that differs costs (tmkit's choice: small, and shown)
NUMBER = "#"  # the placeholder a number is in the word sequence
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Arabic-script diacritics (Mn)
_TOKEN = re.compile(
    rf"(?P<number>\d+(?:[.,٫٬/]\d+)*)"  # 12, 3.5, ۱۴۰۲/۰۵/۰۱, 1,000
    rf"|(?:[^\W\d_]|[{_MARKS}])(?:[^\W_]|[{_MARKS}]|\u200c(?=\w))*"  # a word, ZWNJ inside
)
_NUMBER_SIGNS = str.maketrans({"٫": ".", "٬": ","})
MAX_JOINED = 3  # at most this many words written apart are one word of the other segment


class Token(NamedTuple):
    """One word or number of a segment (a named tuple: many are made).

    :param key: the word's matching key (``#`` for a number in :attr:`Tokens.keys`).
    :param start: its offset in the segment's text.
    :param end: the offset after it.
    :param number: the number's value as written with ASCII digits (``"12"``), ``""`` for a word.
    """

    key: str
    start: int
    end: int
    number: str = ""


def tokens(text: str) -> list[Token]:
    """The words and numbers of *text* with their keys and places (punctuation left out).

    >>> [t.key for t in tokens("در سال ۱۴۰۲ می‌شود")]
    ['در', 'سال', '#', 'میشود']
    """
    found = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFC", text)):
        if match.group("number"):
            digits = _key(match.group()).translate(_NUMBER_SIGNS)
            found.append(Token(NUMBER, match.start(), match.end(), digits))
        else:
            found.append(Token(_key(match.group()), match.start(), match.end()))
    return found


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    """:func:`corpus.normalize.matching_key` of one word or number (words repeat: cached)."""
    return matching_key(word)


def keys(text: str) -> list[str]:
    """The word keys of *text* (numbers as ``#``), what the store indexes.

    >>> keys("Oil, 12 tonnes")
    ['oil', '#', 'tonnes']
    """
    return [token.key for token in tokens(text)]


@dataclass(frozen=True)
class FuzzyMatch:
    """How a unit's source matches a segment (:func:`compare`).

    :param score: the percentage, 0–100 (the module's formula).
    :param words: the length in words of the longer of the two (``max`` in the formula).
    :param edits: the word edits (``d`` in the formula).
    :param numbers: the numbers that differ, ``(segment's, unit's)``: each side's numbers the
        other lacks (ASCII digits).
    :param changed: the places ``(start, end)`` in the unit's source of the words that differ
        from the segment (to highlight).
    :param exact: the unit's source is the segment, character for character (NFC, white space
        collapsed): a 100 that is not only the same words.
    """

    score: int
    words: int
    edits: int
    numbers: tuple[tuple[str, ...], tuple[str, ...]]
    changed: tuple[tuple[int, int], ...]
    exact: bool

    @property
    def reason(self) -> str:
        """What made the score, in words (``2 of 9 words differ; number 12 ≠ 15``)."""
        parts = [f"{self.edits} of {self.words} words differ" if self.edits else "same words"]
        mine, theirs = self.numbers
        if mine or theirs:
            parts.append(
                f"numbers {', '.join(mine) or '—'} ≠ {', '.join(theirs) or '—'} "
                f"(−{self.number_penalty})"
            )
        return "; ".join(parts)

    @property
    def number_penalty(self) -> int:
        """The points the differing numbers cost."""
        return NUMBER_PENALTY * max(len(self.numbers[0]), len(self.numbers[1]))


def compare(segment: str, source: str) -> FuzzyMatch:
    """Score *source* (a unit's) as a fuzzy match for *segment* (the module's formula).

    :returns: the :class:`FuzzyMatch`; two segments without a word or number score 100 when
        they are the same text, else 0.

    >>> compare("نفت ۱۲ تن", "نفت 15 تن").score, compare("می شود", "می‌شود").score
    (99, 100)
    """
    return _compare(segment, tokens(segment), source)


def _compare(segment: str, tokens_: list[Token], source: str) -> FuzzyMatch:
    """:func:`compare` with *segment*'s :func:`tokens` given."""
    ours, theirs = tokens_, tokens(source)
    ours, theirs = _joined(ours, theirs), _joined(theirs, ours)
    exact = _plain(segment) == _plain(source)
    words = max(len(ours), len(theirs))
    if not words:
        return FuzzyMatch(100 if exact else 0, 0, 0, ((), ()), (), exact)
    a, b = [t.key for t in ours], [t.key for t in theirs]
    edits = Levenshtein.distance(a, b)
    changed = tuple(
        (theirs[i].start, theirs[i].end)
        for op in Levenshtein.opcodes(a, b)
        if op.tag != "equal"
        for i in range(op.dest_start, op.dest_end)
    )
    numbers = _differing(ours, theirs)
    penalty = NUMBER_PENALTY * max(len(numbers[0]), len(numbers[1]))
    score = max(0, math.floor(100 * (words - edits) / words) - penalty)
    return FuzzyMatch(score, words, edits, numbers, changed, exact)


def upper_score(segment: Sequence[Token], words: Sequence[str], cutoff: int = 0) -> int:
    """The score :func:`compare` gives a unit whose source's word keys are *words* (as
    :func:`keys` gives them, what the store holds) against *segment*'s tokens, before the
    number penalty: an upper bound of its score, computed without reading the unit's text.
    A result below *cutoff* may be any value below it (rapidfuzz stops early).

    >>> upper_score(tokens("می شود"), ["میشود"])
    100
    """
    ours = [t.key for t in segment]
    theirs = list(words)
    if _may_join(ours, theirs) or _may_join(theirs, ours):
        pieces = [Token(w, 0, 0, NUMBER if w == NUMBER else "") for w in words]
        ours = [t.key for t in _joined(segment, pieces)]
        theirs = [t.key for t in _joined(pieces, segment)]
    return _edit_score(ours, theirs, cutoff)


def _edit_score(ours: Sequence[str], theirs: Sequence[str], cutoff: int) -> int:
    """``100·(longest − edits)/longest``, rounded down, of two word sequences (lists of keys,
    or strings of one character a word); below *cutoff* any value below it."""
    longest = max(len(ours), len(theirs))
    if not longest:
        return 100
    most = longest - math.ceil(cutoff * longest / 100)  # the edits that still reach cutoff
    edits = Levenshtein.distance(ours, theirs, score_cutoff=max(most, 0))
    return math.floor(100 * (longest - edits) / longest)


class Query:
    """A segment prepared to be scored against many units' word keys (:meth:`upper`).

    :param segment: the new segment's text.

    :attr:`tokens` and :attr:`keys` are its :func:`tokens` and :func:`keys`.
    """

    def __init__(self, segment: str) -> None:
        self.segment = segment
        self.tokens = tokens(segment)
        self.keys = [t.key for t in self.tokens]
        self._set = set(self.keys)
        codes: dict[str, str] = {}
        for key in self.keys:
            codes.setdefault(key, chr(_FIRST_CODE + len(codes)))
        self._codes = codes
        self._other = chr(_FIRST_CODE + len(codes))  # any word the segment lacks
        self._text = "".join(codes[key] for key in self.keys)
        self._runs = set(joined_runs(self.keys, numbers=True))  # what _may_join tries
        # the words a run joined into one of the segment's words begins with ("" for an
        # empty key, which joins too)
        self._prefixes = {key[:i] for key in self._set for i in range(len(key))}

    def compare(self, source: str) -> FuzzyMatch:
        """:func:`compare` of the segment and *source* (the segment's tokens made once)."""
        return _compare(self.segment, self.tokens, source)

    def upper(self, words: Sequence[str], cutoff: int = 0) -> int:
        """:func:`upper_score` of a unit whose source's word keys are *words*: the same
        value, computed faster (each word a character, one string edit distance) when no
        words may be joined on either side (else :func:`upper_score` itself)."""
        if self._may_join(words):
            return upper_score(self.tokens, words, cutoff)
        theirs = "".join([self._codes.get(word, self._other) for word in words])
        return _edit_score(self._text, theirs, cutoff)

    def _may_join(self, words: Sequence[str]) -> bool:
        """``_may_join(ours, words) or _may_join(words, ours)``, with the segment's side
        computed once."""
        theirs = set(words)
        if not self._runs.isdisjoint(theirs) and (self._runs & theirs) - self._set:
            return True
        wanted = self._set - theirs
        if not wanted:
            return False
        prefixes = self._prefixes
        last = len(words) - 1
        for i, word in enumerate(words):
            if i < last and word in prefixes:
                pair = word + words[i + 1]
                if pair in wanted or (i + 1 < last and pair + words[i + 2] in wanted):
                    return True
        return False


_FIRST_CODE = 0x10000  # Query codes each distinct word of a segment as one character from here


def joined_runs(keys_: Sequence[str], *, numbers: bool = False) -> Iterator[str]:
    """The keys of each run of two to :data:`MAX_JOINED` adjacent words of *keys_* joined:
    what a word of another segment may be for :func:`compare` to join the run (runs with a
    number left out unless *numbers*).

    >>> list(joined_runs(["می", "شود", "#"]))
    ['میشود']
    """
    for i in range(len(keys_)):
        for size in range(2, MAX_JOINED + 1):
            run = keys_[i : i + size]
            if len(run) < size:
                break
            if not numbers and NUMBER in run:
                break
            yield "".join(run)


def splits(word: str) -> Iterator[tuple[str, ...]]:
    """Each way of cutting *word* (a key) into two to :data:`MAX_JOINED` non-empty pieces:
    the adjacent words of another segment that :func:`compare` may join into *word*.

    >>> list(splits("abc"))
    [('a', 'bc'), ('ab', 'c'), ('a', 'b', 'c')]
    """
    for i in range(1, len(word)):
        yield word[:i], word[i:]
    if MAX_JOINED >= 3:
        for i in range(1, len(word)):
            for j in range(i + 1, len(word)):
                yield word[:i], word[i:j], word[j:]


def _may_join(keys_: Sequence[str], other: Sequence[str]) -> bool:
    """Whether two or three adjacent words of *keys_* joined may be a word of *other*."""
    wanted = set(other) - set(keys_)
    return bool(wanted) and any(
        keys_[i] + keys_[i + 1] in wanted
        or (i + 2 < len(keys_) and keys_[i] + keys_[i + 1] + keys_[i + 2] in wanted)
        for i in range(len(keys_) - 1)
    )


def least_shared(words: int, minimum: int) -> int:
    """How many words a unit of *words* words must share with a segment of *words* or more
    for it to score *minimum* or more: ``ceil(minimum · words / 100)``, since every word not
    shared is an edit.

    >>> least_shared(5, 70), least_shared(40, 70)
    (4, 28)
    """
    return math.ceil(minimum * words / 100)


def length_window(words: int, minimum: int) -> tuple[int, int]:
    """The lengths in words a unit's source may have to score *minimum* or more against a
    segment of *words* words: with ``max`` the longer, ``d ≥ |a − b|``, so
    ``words · m/100 ≤ length ≤ words · 100/m`` (amaGama's and Weblate's length window).

    >>> length_window(10, 70)
    (7, 14)
    """
    if minimum <= 0:
        return 0, 1 << 30
    return math.ceil(words * minimum / 100), math.floor(words * 100 / minimum)


def _joined(tokens_: Sequence[Token], other: Sequence[Token]) -> list[Token]:
    """*tokens_* with two or three adjacent words joined where their keys joined are a word
    of *other* that *tokens_* lacks (``می شود`` against ``میشود``)."""
    wanted = {t.key for t in other if not t.number} - {t.key for t in tokens_}
    if not wanted:
        return list(tokens_)
    starts = {word[:i] for word in wanted for i in range(len(word))}  # what a run begins with
    out: list[Token] = []
    i = 0
    while i < len(tokens_):
        if tokens_[i].key not in starts:
            out.append(tokens_[i])
            i += 1
            continue
        for size in range(MAX_JOINED, 1, -1):
            run = tokens_[i : i + size]
            if len(run) == size and not any(t.number for t in run):
                key = "".join(t.key for t in run)
                if key in wanted:
                    out.append(Token(key, run[0].start, run[-1].end))
                    i += size
                    break
        else:
            out.append(tokens_[i])
            i += 1
    return out


def _differing(ours: Sequence[Token], theirs: Sequence[Token]) -> tuple[tuple[str, ...], ...]:
    mine = Counter(t.number for t in ours if t.number)
    other = Counter(t.number for t in theirs if t.number)
    return tuple(sorted((mine - other).elements())), tuple(sorted((other - mine).elements()))


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())
