"""Concordance: every unit whose Persian or English side holds a word or phrase, in context.

The phrase is found as the glossary finds a term (:class:`glossary.match.Matcher`: a one-term
glossary of the phrase), so in Persian ZWNJ, space and nothing between its words are the same
(قره‌باغ = قره باغ = قرهباغ), letter variants and diacritics are folded, and its inflected forms
are found (the plural ها, the ezafe, کشور in کشورها and کشورهای); in English case is folded
and a plural -s/-es found. Candidates come from the store's trigram index over the matching
keys (the phrase's :func:`corpus.normalize.matching_key` is a substring of every such unit's
key); the matcher then keeps those where the phrase is a word or words of the text, and gives
its place in the text to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.normalize import matching_key
from glossary.match import Matcher
from glossary.model import Glossary, Term
from tm.store import Store, StoredUnit

CANDIDATES = 5000  # units read at most for one phrase


@dataclass(frozen=True)
class Hit:
    """A unit holding the phrase, and where: ``(start, end)`` offsets in the side searched."""

    stored: StoredUnit
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Concordance:
    """The hits, in the store's order, and whether candidates were left unread.

    :param capped: the candidates reached :data:`CANDIDATES`: more units may hold the phrase.
    """

    hits: tuple[Hit, ...]
    capped: bool


def concordance(store: Store, phrase: str, *, side: str = "fa", limit: int = 20) -> Concordance:
    """Find *phrase* in the Persian (*side* ``fa``) or English (``en``) side of *store*'s units.

    :param limit: the most hits returned.
    :raises ValueError: *phrase* holds no letter or digit.
    """
    key = matching_key(phrase)
    if not any(c.isalnum() for c in key):
        raise ValueError(f"{phrase!r} holds no word to find")
    matcher = Matcher(Glossary((Term("phrase", "", phrase, phrase),)))
    find = matcher.persian if side == "fa" else matcher.english
    candidates = store.containing(key, side, CANDIDATES)
    hits = []
    for stored in candidates:
        text = stored.unit.source if side == "fa" else stored.unit.target
        spans = tuple((m.start, m.end) for m in find(text))
        if spans:
            hits.append(Hit(stored, spans))
            if len(hits) == limit:
                break
    return Concordance(tuple(hits), len(candidates) >= CANDIDATES)
