"""Fuzzy lookup: the TM store's units whose source best matches a new Persian segment.

Every unit returned is scored by :func:`tm.fuzzy.compare` (the same formula whatever the
engine), and the matches are the ones a full scan (every unit scored, ranked as below) would
return: the store's indexes and the bounds below only spare reading units that cannot be
among them (``tests/tm/store/test_lookup_full_scan.py`` compares the two).

1. The units whose ``source_key`` is the segment's (every spelling variant of the same text:
   the 100% candidates) are scored first.
2. The fuzzy candidates come from the word index by *prefix filtering* (Chaudhuri, Ganti and
   Kaushik 2006, "A primitive operator for similarity joins"), counted: a unit scoring ``m``
   or more against a segment of ``n`` words shares at least ``k = ceil(m·n/100)`` of its
   words (:func:`tm.fuzzy.least_shared`: every word not shared is an edit). The segment's
   distinct words, cheapest first (the fewest units hold them,
   :meth:`tm.store.Store.frequencies`), are looked up until those left weigh less than ``k``
   (a word weighs its occurrences in the segment): a unit holding none of them cannot score
   ``m``; the next one is looked up too while a unit needs only one of them and it costs
   fewer than :data:`ROWS` index entries a unit found. The next :data:`WEIGHED` words are
   weighed on each unit found (all the others when the engine weighs in Python, where a
   word more costs nothing: :attr:`tm.store.Store.weighs_in_sql`). The store counts, for
   each unit within the length window (:func:`tm.fuzzy.length_window`; the word index is
   keyed by length, so no other unit is read), the weight of these words it holds
   (:meth:`tm.store.Store.near`), and a unit whose count plus the weight of the words left
   is below ``k`` is not returned.
3. Each candidate's count gives an upper bound of its score (the words it may share over the
   longer length); candidates are visited from the highest bound down, each bound refined on
   the word keys the store holds (:meth:`tm.fuzzy.Query.upper`: the score before the number
   penalty, no text read) when it comes first, and a unit is read and scored in full only
   when its refined bound may still enter the best *limit*. The visit stops at the first
   bound below the worst match kept (or the minimum): no unit after it can rank.
4. Passes: a segment is first looked up at 90, then 80 (:data:`LEVELS`; a level is skipped
   when it needs no more shared words than the one below), then at the minimum; each pass
   weighs only the units that may score its level (fewer words looked up, fewer units found),
   and the lookup stops once *limit* matches of the level or more are kept (no unit left can
   outrank them), or goes on at the worst score kept. A TM holding many near repetitions of
   a segment answers in the first pass.

Words written apart in one segment and glued in the other (``می شود``, ``میشود``) are one word
to :func:`tm.fuzzy.compare`; the index is asked for them too: each run of two or three of the
segment's words joined (:func:`tm.fuzzy.joined_runs`) counts, for a unit holding it, as the
words it joins, and each way of cutting one of the segment's words into two or three words
the store holds (:func:`tm.fuzzy.splits`) as that word (through its rarest piece); the length
window and the bound are widened by what such joins may take off a length.

Ranking: the higher score first; at equal score a context match (the segment's previous
segment is the unit's previous unit's source, same document: what CAT tools call a context or
101% match), then an exact match (the same characters, :attr:`tm.fuzzy.FuzzyMatch.exact`),
then the unit imported last (the newest translation).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass

from corpus.normalize import matching_key
from glossary.match import Matcher
from tm.fuzzy import (
    NUMBER,
    FuzzyMatch,
    Query,
    least_shared,
    length_window,
    splits,
)
from tm.store import Near, Store, StoredUnit

CANDIDATES = 20_000  # fuzzy candidates weighed at most for one segment (the highest counts)
LEVELS = (90, 80)  # the passes before the minimum's: each weighs only the units that may score it
ROWS = 30  # index entries worth reading to spare reading one row (about their costs' ratio)
WEIGHED = 8  # words at most weighed in SQL on each unit found, beyond those looked up
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
    """The matches for one segment, best first, and how many candidates were weighed.

    :param candidates: the units found by the indexes (most are passed over unread).
    :param capped: the index's candidates reached :data:`CANDIDATES` in the last pass (a
        match may lie beyond them).
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

    :param minimum: the lowest score kept, 0–100 (at 0, the units sharing no word with the
        segment are not looked at).
    :param limit: the most matches returned (1 or more).
    :param previous: the segment before *segment* in its document, for context matches
        (``None``: unknown, no context match).
    :returns: :class:`Lookup`, the matches ranked as the module says.
    """
    query = Query(segment)
    before = matching_key(previous) if previous is not None else None
    best = _Best(max(limit, 1), minimum)
    seen: set[int] = set()
    for stored in store.with_source_key(matching_key(segment)):
        seen.add(stored.id)
        best.offer(_match(query, stored, before))
    considered = set(seen)
    capped = False
    if query.keys:
        words = _Words.of(store, query.keys)
        n = len(query.keys)
        ladder = [minimum]  # each level needing more shared words than the one below it
        for level in sorted(LEVELS):
            if level > minimum and least_shared(n, level) > least_shared(n, ladder[0]):
                ladder.insert(0, level)
        level = ladder[0]
        while True:
            plan = _plan(store, words, level)
            near = store.near(plan.groups, plan.others, plan.lengths, plan.least, CANDIDATES)
            capped = len(near) >= CANDIDATES
            considered.update(c.id for c in near)
            _visit(store, query, plan, near, best, seen, before)
            if level == minimum or (not capped and best.full and best.floor >= level):
                break  # every unit that may score level or more was weighed
            # next: the units that may beat the worst match kept, else the next level down
            if best.full and not capped:
                level = best.floor
            else:
                level = next(lower for lower in ladder if lower < level)
    return Lookup(best.ranked(), len(considered), capped)


def _visit(
    store: Store,
    query: Query,
    plan: _Plan,
    near: list[Near],
    best: _Best,
    seen: set[int],
    before: str | None,
) -> None:
    """Score the candidates *near* that may rank, from the highest bound down (the module's
    step 3); *seen*: the units weighed before, left out (and added to)."""
    # a queue of (score at most, newest first, stage, index): stage 0 a bound from the count,
    # 1 from the unit's words (no text read), refined when it comes first
    queue = [
        (-plan.bound(c.hits, c.length), -c.id, 0, i) for i, c in enumerate(near) if c.id not in seen
    ]
    heapq.heapify(queue)
    while queue:
        score, id_, stage, i = heapq.heappop(queue)
        if -score < best.floor:
            break  # the bounds only go down: nothing after it can rank
        if not best.may_take(-score, -id_):
            continue
        if stage == 0:
            upper = query.upper(near[i].words.split(), best.floor)
            heapq.heappush(queue, (-upper, id_, 1, i))
            continue
        for stored in store.by_ids([-id_]):  # none: replaced since (another user's import)
            best.offer(_match(query, stored, before))
    # every other unit found can rank no more: its bound is below what is kept, for good
    seen.update(c.id for c in near)


def _match(query: Query, stored: StoredUnit, before: str | None) -> Match:
    fuzzy = query.compare(stored.unit.source)
    context = fuzzy.exact and before is not None and stored.previous == before
    return Match(stored, fuzzy, context)


def _rank(match: Match) -> tuple:
    return (-match.fuzzy.score, not match.context, not match.fuzzy.exact, -match.stored.id)


class _Best:
    """The best *limit* matches of *minimum* or more found so far (the module's ranking)."""

    def __init__(self, limit: int, minimum: int) -> None:
        self.limit = limit
        self.minimum = minimum
        self.kept: list[Match] = []

    @property
    def full(self) -> bool:
        """*limit* matches are kept."""
        return len(self.kept) >= self.limit

    @property
    def floor(self) -> int:
        """The least score a unit needs to be kept: the worst kept one's when full."""
        if len(self.kept) < self.limit:
            return self.minimum
        return max(self.minimum, self.kept[-1].fuzzy.score)

    def may_take(self, score: int, id_: int) -> bool:
        """Whether a unit *id_* scoring at most *score* may still be kept."""
        if score < self.minimum:
            return False
        if len(self.kept) < self.limit:
            return True
        at_best = (-score, score < 100, score < 100, -id_)  # context and exact need 100
        return at_best < _rank(self.kept[-1])

    def offer(self, match: Match) -> None:
        """Keep *match* if it ranks among the best."""
        if match.fuzzy.score < self.minimum:
            return
        self.kept.append(match)
        self.kept.sort(key=_rank)
        del self.kept[self.limit :]

    def ranked(self) -> tuple[Match, ...]:
        return tuple(self.kept)


@dataclass(frozen=True)
class _Plan:
    """What the store is asked for one segment (the module's prefix filter).

    :param groups: ``(word keys, weight)``: each distinct word taken (with what may stand for
        it: its joined runs, a piece of each of its cuts) and its occurrences.
    :param others: the words weighed on each unit found (the next cheapest), as *groups*.
    :param lengths: the length window, widened for joins.
    :param least: the count a unit needs.
    :param words: the segment's length ``n``.
    :param rest: the weight of the words neither taken nor weighed.
    :param shrink: what joins may take off a unit's length.
    """

    groups: list[tuple[list[str], int]]
    others: list[tuple[list[str], int]]
    lengths: tuple[int, int]
    least: int
    words: int
    rest: int
    shrink: int

    def bound(self, hits: int, length: int = 0) -> int:
        """An upper bound of the score of a unit of *hits* (:attr:`tm.store.Near.hits`) and
        *length* words (0: unknown): the words it may share over the longer length."""
        shared = min(self.words, hits + self.rest)
        longest = max(self.words, length - self.shrink, 1)
        return min(100, math.floor(100 * shared / longest))


@dataclass(frozen=True)
class _Words:
    """A segment's distinct words as the store holds them (what every plan starts from).

    :param counts: each word key and its occurrences in the segment.
    :param alternatives: each word and the index words a unit holding may match it through:
        itself, the segment's runs joined that it is in, the rarest piece of each of its cuts.
    :param cost: the units holding each word's alternatives (summed).
    :param saved: what the segment's own joins may take off its length.
    :param shrink: what a unit's joins into the segment's words may take off its length.
    """

    counts: Counter[str]
    alternatives: dict[str, list[str]]
    cost: dict[str, int]
    saved: int
    shrink: int

    @classmethod
    def of(cls, store: Store, words: list[str]) -> _Words:
        """The words *words* (a segment's keys, in order) with their counts in *store*."""
        n = len(words)
        counts = Counter(words)
        runs = [  # (a run of the segment's words joined, its words), for each place
            ("".join(run), run)
            for size in (2, 3)
            for i in range(n - size + 1)
            if NUMBER not in (run := words[i : i + size])
        ]
        # compare joins a run only into a word the segment lacks
        runs = [(key, run) for key, run in runs if key not in counts]
        frequency = store.frequencies(sorted(set(counts) | {key for key, _ in runs}))
        frequency.update(_piece_frequencies(store, [w for w in counts if w != NUMBER]))
        alternatives = {w: {w} if frequency.get(w) else set() for w in counts}
        shrink = 0
        for word in counts:
            held = [p for p in splits(word) if all(frequency.get(piece) for piece in p)]
            for pieces in held:
                alternatives[word].add(min(pieces, key=lambda piece: (frequency[piece], piece)))
            if held and word != NUMBER:
                shrink += counts[word] * (max(len(pieces) for pieces in held) - 1)
        saved = 0
        for key, run in runs:
            if frequency.get(key):
                saved += len(run) - 1
                for part in run:
                    alternatives[part].add(key)
        cost = {w: sum(frequency[a] for a in alternatives[w]) for w in counts}
        return cls(
            counts, {w: sorted(a) for w, a in alternatives.items()}, cost, min(saved, n), shrink
        )


def _plan(store: Store, words: _Words, minimum: int) -> _Plan:
    """What to ask *store* for the units that may score *minimum* or more."""
    counts = words.counts
    n = counts.total()
    if not n:
        return _Plan([], [], (0, 0), 1, 0, 0, 0)
    low, high = length_window(max(n - words.saved, 1), minimum)
    if minimum > 0:
        high = length_window(n, minimum)[1] + words.shrink
    inside, total = store.window_units((low, high))
    share = inside / total if total else 1.0  # the words' units within the window, roughly
    order = sorted(counts, key=lambda w: (words.cost[w], w))
    need = least_shared(n, minimum)
    rest, taken, spent = n, [], 0.0
    for word in order:
        cost = words.cost[word] * share
        # the words a unit must hold one of; then more while a unit needs only one of them
        # and the next reads fewer than ROWS index entries for each unit found so far
        if rest < need and (need - rest > 1 or cost > ROWS * spent):
            break
        taken.append(word)
        rest -= counts[word]
        spent += cost
    if rest >= need:  # minimum 0: every unit sharing a word
        rest, need = 0, 1
    weighed = order[len(taken) : len(taken) + (WEIGHED if store.weighs_in_sql else n)]
    rest -= sum(counts[w] for w in weighed)
    groups = [(words.alternatives[w], counts[w]) for w in taken if words.alternatives[w]]
    others = [(words.alternatives[w], counts[w]) for w in weighed if words.alternatives[w]]
    return _Plan(groups, others, (low, high), max(need - rest, 1), n, rest, words.shrink)


def _piece_frequencies(store: Store, words: list[str]) -> dict[str, int]:
    """The store's counts of the pieces of *words* (:func:`tm.fuzzy.splits`) it holds: first
    the heads and tails, then only the middles between a head and a tail it holds."""
    ends = {w[:i] for w in words for i in range(1, len(w))}
    ends |= {w[i:] for w in words for i in range(1, len(w))}
    found = store.frequencies(sorted(ends)) if ends else {}
    middles = {
        w[i:j]
        for w in words
        for i in range(1, len(w))
        if w[:i] in found
        for j in range(i + 1, len(w))
        if w[j:] in found
    }
    if middles - found.keys():
        found.update(store.frequencies(sorted(middles - found.keys())))
    return found


def glossary_hits(matcher: Matcher, source: str) -> list[tuple[str, str]]:
    """The glossary terms found in a unit's Persian *source* (inflection aware,
    :class:`glossary.match.Matcher`): ``(the text found, the concept's English term)``."""
    terms = matcher.terms
    return [(source[m.start : m.end], terms[m.term_id].en) for m in matcher.persian(source)]
