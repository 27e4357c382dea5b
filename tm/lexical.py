"""Lexical evidence for the sentence aligner: which words of a Persian segment have a
translation in an English one.

Word translations come from two sources, merged into one :class:`Lexicon` (the glossary's
concepts are anchors of their own, :mod:`tm.anchors`):

1. the core lexicon ``tm/data/lexicon-fa-en.tsv`` (the most frequent Persian words with their
   common English equivalents, written for tmkit; see ``tm/data/README.md``);
2. a word-translation model learned from the document pairs being aligned: IBM Model 1
   (Brown et al., 1993, "The Mathematics of Statistical Machine Translation", §4), trained by
   EM on the confident 1–1 beads of a first alignment pass, as Moore (2002, "Fast and Accurate
   Sentence Alignment of Bilingual Corpora") does; its likely word pairs join the lexicon for
   the second pass (:func:`learned_pairs`).

Words are compared through keys, so inflection does not hide a translation: a Persian word
through :func:`corpus.normalize.matching_key` and its inflections stripped one layer at a time
(plural and comparative suffixes, pronoun clitics, the verbal prefix and personal endings:
``می‌روند`` finds the present stem ``رو``), the first key the lexicon knows; an English word
through the Snowball English stemmer (``meetings`` and ``meeting`` are ``meet``). English
function words (:data:`STOPWORDS`) are left out: they match everywhere and say nothing.

For the aligner's inner loop a segment's words are bit sets (:class:`Words`, hashed as
:mod:`tm.anchors` does): the keys it has, and the keys of the other language that translate
them. How much of a segment another one translates (:func:`coverage`) is then one ``&`` and
two ``bit_count`` operations.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

from corpus.normalize import matching_key

BITS = 8192
# The share of a segment's translatable words whose translation the other side has, when the
# two translate each other and when they are neighbouring segments of one document that do
# not (TICO-19 with the core lexicon, means: Persian .45 and .09, English .72 and .14)
COVERAGE = {"fa": (0.45, 0.09), "en": (0.72, 0.14)}
RELIABILITY = 4  # words: a coverage of so few words counts half
ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
PERSIAN_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u200c]+")
# Function words of English (pronouns, determiners, auxiliaries, prepositions, conjunctions)
_FUNCTION_WORDS = """a an the and or but if of at by for with about against between into through
    during before after above below to from up down in out on off over under again further then once
    here there when where why how all any both each few more most other some such no nor not
    only own same so than too very s t can will just don should now i me my myself we our ours
    ourselves you your yours yourself yourselves he him his himself she her hers herself it its
    itself they them their theirs themselves what which who whom this that these those am is
    are was were be been being have has had having do does did doing would could shall may
    might must also as"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())
# Persian inflections stripped to find a word's key, longest first
PREFIXES = ("نمی", "می", "ن", "ب")
VERBAL_PREFIXES = ("نمی", "می")
SUFFIXES = (
    "هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "های", "ترین", "ها", "تر",
    "شان", "تان", "مان", "ند", "ید", "یم", "ات", "ان", "ای", "ام", "اش", "ش", "م", "ت", "د",
    "ی", "ه",
)  # fmt: skip


@dataclass(frozen=True)
class Words:
    """A segment's translatable words as hashed bit sets.

    :param own: the keys of its words the lexicon knows;
    :param translations: the keys, in the other language, of their translations.
    """

    own: int
    translations: int

    def __or__(self, other: Words) -> Words:
        return Words(self.own | other.own, self.translations | other.translations)


NO_WORDS = Words(0, 0)


def coverage(words: Words, other: Words) -> tuple[int, int]:
    """(keys of *words* that find a translation in *other*, keys of *words*): how much of one
    side the other side translates, counted over distinct keys."""
    return (words.own & other.translations).bit_count(), words.own.bit_count()


class Lexicon:
    """Persian keys → English keys (and back), from word pairs.

    Build it with :meth:`core`, then :meth:`with_keys` for learned pairs. Look words up with
    :meth:`persian_words` and :meth:`english_words`.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        self.forward: dict[str, set[str]] = defaultdict(set)
        self.backward: dict[str, set[str]] = defaultdict(set)
        self._keys: dict[str, str | None] = {}  # word → its key, looked up once
        self._masks: dict[str, Words] = {}  # "f:" or "e:" + key → its bit and its translations'
        self._add(pairs)

    @classmethod
    @cache
    def core(cls) -> Lexicon:
        """The core lexicon shipped with tmkit (``tm/data/lexicon-fa-en.tsv``)."""
        return cls(core_pairs())

    def with_keys(self, pairs: Iterable[tuple[str, str]]) -> Lexicon:
        """A copy with more (Persian key, English key) pairs, such as :func:`learned_pairs`."""
        copy = Lexicon()
        for key, values in self.forward.items():
            copy.forward[key] = set(values)
        for key, values in self.backward.items():
            copy.backward[key] = set(values)
        for fa, en in pairs:
            copy.forward[fa].add(en)
            copy.backward[en].add(fa)
        return copy

    def _add(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (Persian text, English text) pairs; multi-word sides pair each of their words
        (a glossary's ``خط لوله`` / ``pipeline``)."""
        for persian, english in pairs:
            fa_keys = [matching_key(word) for word in PERSIAN_WORD.findall(persian)]
            en_keys = english_keys(english)
            for fa in fa_keys:
                if len(fa) < 2:
                    continue
                for en in en_keys:
                    self.forward[fa].add(en)
                    self.backward[en].add(fa)

    def persian_key(self, word: str) -> str | None:
        """The key under which the lexicon knows *word* (its inflections stripped), or None."""
        if word not in self._keys:
            candidates = persian_candidates(matching_key(word))
            self._keys[word] = next((c for c in candidates if c in self.forward), None)
        return self._keys[word]

    def persian_words(self, text: str) -> Words:
        """The bit sets of a Persian segment."""
        keys = {k for k in map(self.persian_key, PERSIAN_WORD.findall(text)) if k}
        return self._words("f:", keys, self.forward, "e:")

    def english_words(self, text: str) -> Words:
        """The bit sets of an English segment."""
        keys = {k for k in english_keys(text) if k in self.backward}
        return self._words("e:", keys, self.backward, "f:")

    def _words(self, prefix: str, keys: set[str], table, other: str) -> Words:
        """The union of the bit sets of *keys*, each made once (from its translations in
        *table*, the other language's keys, prefixed *other*)."""
        words = NO_WORDS
        for key in keys:
            masks = self._masks.get(prefix + key)
            if masks is None:
                masks = Words(_bits(prefix, [key]), _bits(other, table[key]))
                self._masks[prefix + key] = masks
            words = words | masks
        return words


def persian_candidates(key: str) -> list[str]:
    """*key* (a matching key) and what it is with one prefix and up to two suffixes stripped,
    least stripped first, except after the verbal prefix می/نمی, where the personal ending is
    stripped first (می‌روند is رو + ند, not the noun روند); every candidate keeps at least
    two letters."""
    found = [key]
    for prefix in ("", *PREFIXES):
        if not key.startswith(prefix) or len(key) - len(prefix) < 2:
            continue
        head, layers = key[len(prefix) :], []
        for _ in range(2):
            layers.append(
                [
                    word[: -len(suffix)]
                    for word in (layers[-1] if layers else [head])
                    for suffix in SUFFIXES
                    if word.endswith(suffix) and len(word) - len(suffix) >= 2
                ]
            )
        if prefix in VERBAL_PREFIXES:
            found += [*layers[0], head, *layers[1]]
        else:
            found += [head, *layers[0], *layers[1]]
    return list(dict.fromkeys(found))


def english_keys(text: str) -> list[str]:
    """The stems of *text*'s English words, function words left out (Snowball English)."""
    words = [w.lower() for w in ENGLISH_WORD.findall(text)]
    return [_stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


def core_pairs() -> list[tuple[str, str]]:
    """(Persian, English) pairs of the core lexicon, each English equivalent its own pair."""
    path = resources.files("tm").joinpath("data", "lexicon-fa-en.tsv")
    if not path.is_file():
        return []
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        persian, _, english = line.partition("\t")
        pairs += [(persian.strip(), e.strip()) for e in english.split(";") if e.strip()]
    return pairs


def _bits(prefix: str, keys: Iterable[str]) -> int:
    mask = 0
    for key in keys:
        mask |= 1 << (zlib.crc32((prefix + key).encode("utf-8")) % BITS)
    return mask


def model1(
    bitext: Sequence[tuple[Sequence[str], Sequence[str]]], iterations: int = 5
) -> dict[str, dict[str, float]]:
    """IBM Model 1 word-translation probabilities t(e | f), trained by EM.

    Time and memory grow with the co-occurring word pairs (sum over sentence pairs of the
    product of their lengths).

    :param bitext: sentence pairs as (Persian tokens, English tokens); a NULL source word is
        added to every Persian sentence, as Brown et al. (1993) do.
    :returns: ``t[f][e]`` for every co-occurring pair (uniform start, *iterations* EM steps).
    """
    null = ""
    t: dict[str, dict[str, float]] = defaultdict(dict)
    english_vocabulary = {e for _, es in bitext for e in es}
    start = 1.0 / max(1, len(english_vocabulary))
    for fs, es in bitext:
        for f in (null, *fs):
            for e in es:
                t[f][e] = start
    for _ in range(iterations):
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for fs, es in bitext:
            sources = (null, *fs)
            for e in es:
                total = sum(t[f][e] for f in sources)
                for f in sources:
                    counts[f][e] += t[f][e] / total
        t = defaultdict(dict)
        for f, row in counts.items():
            norm = sum(row.values())
            t[f] = {e: c / norm for e, c in row.items()}
    t.pop(null, None)
    return t


def learned_pairs(
    bitext: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    threshold: float = 0.3,
    min_count: int = 2,
) -> list[tuple[str, str]]:
    """The likely word pairs of a bitext: t(e | f) of :func:`model1` at least *threshold*,
    for Persian words seen at least *min_count* times (a word seen once teaches nothing)."""
    counts = Counter(f for fs, _ in bitext for f in set(fs))
    table = model1(bitext)
    return [
        (f, e)
        for f, row in table.items()
        if counts[f] >= min_count
        for e, p in row.items()
        if p >= threshold
    ]


def persian_tokens(text: str) -> list[str]:
    """A Persian segment's words for :func:`model1`: matching keys, the verbal prefix and a
    word's part after its first ZWNJ left out (``کتاب‌ها`` → ``کتاب``, ``می‌روند`` → ``روند``)."""
    tokens = []
    for word in PERSIAN_WORD.findall(text):
        parts = [p for p in word.split("\u200c") if p]
        if not parts:
            continue
        head = parts[1] if parts[0] in PREFIXES and len(parts) > 1 else parts[0]
        key = matching_key(head)
        if len(key) >= 2:
            tokens.append(key)
    return tokens


def evidence(matched: int, total: int, side: str) -> float:
    """What *matched* of *total* translatable words of one segment (:func:`coverage`; *side*
    ``"fa"`` or ``"en"``) say for a pairing, in [-0.5, 0.5]: the coverage placed between its
    means (:data:`COVERAGE`) for neighbouring segments that do not translate each other and for
    segments that do, 0 half-way, weighed by how many words there are to compare
    (``total / (total + RELIABILITY)``: two words say less than twenty); 0 with no word."""
    if not total:
        return 0.0
    translation, chance = COVERAGE[side]
    position = (matched / total - (chance + translation) / 2) / (translation - chance)
    return max(-0.5, min(0.5, position)) * total / (total + RELIABILITY)
