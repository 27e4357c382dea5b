"""Fuzzy lookup: the TM store's units whose source best matches a new Persian segment.

Candidates come from the store's indexes, and every candidate is scored by
:func:`tm.fuzzy.compare` (the same formula whatever the engine; a candidate whose score
before the number penalty, :func:`tm.fuzzy.upper_score` on the words the store holds, is
already below the minimum is passed over without reading its text):

1. the units whose ``source_key`` is the segment's (every spelling variant of the same text:
   the 100% candidates);
2. the units sharing a word with the segment, found through the word index with *prefix
   filtering* (Chaudhuri, Ganti and Kaushik 2006, "A primitive operator for similarity joins"):
   a unit scoring ``m`` or more against a segment of ``n`` words shares at least
   ``k = ceil(m·n/100)`` of its words (:func:`tm.fuzzy.least_shared`), so it holds at least one
   of any ``n − k + 1`` of them; the store is asked for the units holding one of the segment's
   ``n − k + 1`` *rarest* words (fewest units), within the length window
   (:func:`tm.fuzzy.length_window`). Words written apart in the segment are also asked for
   joined (``می شود`` as ``میشود``). At most :data:`CANDIDATES` units are scored (a segment
   made only of the commonest words may miss a match beyond them: :attr:`Lookup.capped`).

Ranking: the higher score first; at equal score a context match (the segment's previous
segment is the unit's previous unit's source, same document: what CAT tools call a context or
101% match), then an exact match (the same characters, :attr:`tm.fuzzy.FuzzyMatch.exact`),
then the unit imported last (the newest translation), then the store's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from corpus.normalize import matching_key
from glossary.match import Matcher
from tm.fuzzy import (
    FuzzyMatch,
    compare,
    keys,
    least_shared,
    length_window,
    tokens,
    upper_score,
)
from tm.store import Store, StoredUnit

CANDIDATES = 2000  # units scored at most for one segment
DEFAULT_MINIMUM = 70  # OmegaT shows from 30, Trados and memoQ from 70 (their defaults' range)


@dataclass(frozen=True)
class Match:
    """A unit found for a segment.

    :param stored: the unit and where it is in the store.
    :param fuzzy: its score and what made it.
    :param context: a context match (same score and exact, and the segment before it is its
        unit's previous source).
    """

    stored: StoredUnit
    fuzzy: FuzzyMatch
    context: bool = False

    @property
    def kind(self) -> str:
        """``context``, ``exact`` (the same characters), ``100`` or ``fuzzy``."""
        if self.context:
            return "context"
        if self.fuzzy.exact:
            return "exact"
        return "100" if self.fuzzy.score == 100 else "fuzzy"


@dataclass(frozen=True)
class Lookup:
    """The matches for one segment, best first, and how many candidates were scored.

    :param capped: the candidates reached :data:`CANDIDATES` (a match may lie beyond them).
    """

    matches: tuple[Match, ...]
    candidates: int
    capped: bool


def lookup(
    store: Store,
    segment: str,
    *,
    minimum: int = DEFAULT_MINIMUM,
    limit: int = 5,
    previous: str | None = None,
) -> Lookup:
    """Find the units of *store* whose source matches *segment* at *minimum* % or more.

    :param minimum: the lowest score kept, 0–100.
    :param limit: the most matches returned.
    :param previous: the segment before *segment* in its document, for context matches
        (``None``: unknown, no context match).
    :returns: :class:`Lookup`, the matches ranked as the module says.
    """
    found: dict[int, StoredUnit] = {u.id: u for u in store.with_source_key(matching_key(segment))}
    words = keys(segment)
    candidates = 0
    capped = False
    if words:
        asked = _rarest(store, words, minimum) + _joined_pairs(segment)
        window = length_window(len(words), minimum)
        near = store.with_words(asked, window, CANDIDATES)
        capped = len(near) >= CANDIDATES
        found.update((u.id, u) for u in near)
    candidates = len(found)
    before = matching_key(previous) if previous is not None else None
    matches = []
    ours = tokens(segment)
    for stored in found.values():
        if (
            upper_score(ours, stored.words, minimum) < minimum
        ):  # cheap: no text read, no penalty yet
            continue
        fuzzy = compare(segment, stored.unit.source)
        if fuzzy.score < minimum:
            continue
        context = fuzzy.exact and before is not None and stored.previous == before
        matches.append(Match(stored, fuzzy, context))
    matches.sort(key=lambda m: (-m.fuzzy.score, not m.context, not m.fuzzy.exact, -m.stored.id))
    return Lookup(tuple(matches[:limit]), candidates, capped)


def _rarest(store: Store, words: list[str], minimum: int) -> list[str]:
    """The segment's words a matching unit must hold one of (the module's prefix filter)."""
    distinct = sorted(set(words))
    counts = store.frequencies(distinct)
    need = max(1, len(distinct) - least_shared(len(distinct), minimum) + 1)
    return sorted(distinct, key=lambda word: (counts.get(word, 0), word))[:need]


def _joined_pairs(segment: str) -> list[str]:
    """The keys of each two adjacent words joined (``می شود`` → ``میشود``)."""
    return [a.key + b.key for a, b in pairwise(tokens(segment)) if not (a.number or b.number)]


def glossary_hits(matcher: Matcher, source: str) -> list[tuple[str, str]]:
    """The glossary terms found in a unit's Persian *source* (inflection aware,
    :class:`glossary.match.Matcher`): ``(the text found, the concept's English term)``."""
    terms = matcher.terms
    return [(source[m.start : m.end], terms[m.term_id].en) for m in matcher.persian(source)]
