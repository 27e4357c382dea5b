"""Find a glossary's terms in Persian and English text, inflection aware.

:class:`Matcher` builds two Aho-Corasick automata (pyahocorasick) once per glossary, one on the
keys of the Persian forms and one on the keys of the English forms (allowed, variant and
forbidden), so a text is scanned once whatever the number of terms: 10,000 terms cost about
as much as 10.

The text is turned into a *key* that keeps, for every key character, where it came from in the
original text (a :class:`Match` gives offsets in the ORIGINAL text) and where words begin and
end. A match must begin where a word begins and end where a word ends, or before an
inflectional suffix that ends the word.

Persian (the key is that of :func:`corpus.normalize.matching_key`):

- letter variants (ي ى ئ → ی, ك → ک, ة ۀ → ه, أ إ آ → ا) and diacritics (kasra of the ezafe,
  tashdid, hamza above) are folded, digits become ASCII;
- ZWNJ, space and nothing between the parts of a term are equivalent (قره‌باغ = قره باغ =
  قرهباغ), and so are the hyphens and dashes (باکو - جیحون = باکو-جیحون); other punctuation
  stays and ends a word;
- a ZWNJ does not end a word: باغ is not found in قره‌باغ, تعیین not in تعیین‌کننده;
- the suffixes accepted after a term, written joined, with a ZWNJ or (being then a word of their
  own) with a space: the plural ها with the ezafe ی/یی and the pronoun clitics after it (های،
  هایی، هایش، هایشان); the comparative تر/ترین (and ها/ی after it); the yeh of the ezafe, of
  indefiniteness and of relational adjectives ی، ای، یی (دریای خزر، منطقه‌ای، آسیایی، نفتی).
  So نفت is found in نفتی (an oil programme, برنامه نفتی, is a use of the term), and the check
  rules accept the English adjective for such a match (see :mod:`glossary.checks`);
- the plural ان only after agent nouns (forms ending in گر کار دار مند دان گار: میانجی‌گر →
  میانجی‌گران), and کننده → کنندگان;
- not accepted, by design: ان/یان and ات after other words (they would find میز in میزان),
  the clitics م/ت/ش/مان/تان/شان after a bare word (ساز → سازمان, داس → داستان), and را
  (written apart, it is a word of its own). Add such forms as Persian variants of the concept;
- when the term's last part is written as a word of its own, that word must hold two letters of
  the term or more before a suffix (so a stray one-letter start does not join two words);
- on one word, the reading with the shortest suffix wins: روسیه‌ای is روسیه + ای when روسیه is
  a term, not روسی + های; غربی is the concept غربی when there is one, not غرب + ی.

English: case-insensitive unless the term is ``case_sensitive``, accents and compatibility
forms folded (NFKD: Pokémon = Pokemon), digits of any script read as ASCII; hyphen, en dash,
em dash and space are equivalent where the form has one of them (Baku–Ceyhan = Baku-Ceyhan =
Baku Ceyhan); the text may also join or hyphenate what the form writes as one word (co-operation for
cooperation) but not split it with a space ("Azerbaijan is" is not "Azerbaijanis"); a match ends
at a word end or before the plural -s/-es (-y → -ies); possessives need nothing (the apostrophe
ends the word: Baku's, states'). "oil" is not found in "turmoil" nor "Minsk" in "Minskers".

Overlapping matches are resolved leftmost-longest: "رژیم حقوقی دریای خزر" wins over
"دریای خزر" (all matches, overlapping, on request). Matches of several concepts on exactly the
same span (a form shared by two concepts) are all returned.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Literal

import ahocorasick

from corpus.normalize import KEY_LETTERS, LETTERS
from glossary.model import Glossary, Term

Role = Literal["term", "variant", "forbidden"]

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
JOINERS = "\u200c\u200d\u200b\u2060\ufeff\u00ad\u0640"  # inside a word, never a boundary
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})

PERSIAN_SUFFIX = re.compile(
    r"ها(?:ی|یی)?(?:شان|مان|تان|ش|م|ت)?"  # plural, its ezafe, a clitic after it
    r"|تر(?:ین)?(?:ها)?(?:ی|ای|یی)?"  # comparative, superlative
    r"|ی|ای|یی"  # ezafe, indefinite, relational adjective
)
AGENT_SUFFIX = re.compile(rf"ان(?:ی|شان|مان|تان|ش)?|{PERSIAN_SUFFIX.pattern}")
AGENT_ENDINGS = ("گر", "کار", "دار", "مند", "دان", "گار")  # agent nouns: plural in ان
# what every inflection of the two grammars begins with (tests/glossary/test_match.py checks
# it): a match followed by another letter of its word is no match
INFLECTION_STARTS = frozenset("هتیاse")
ADJECTIVE_SUFFIXES = frozenset({"ی", "ای", "یی"})  # the match may be rendered by an adjective
ENGLISH_SUFFIXES = frozenset({"", "s", "es"})
IES_SUFFIXES = frozenset({"es"})


@dataclass(frozen=True)
class Match:
    """A glossary form found in a text.

    :param term_id: the concept's id.
    :param form: the glossary's spelling of the form found (the term, a variant or a
        forbidden form), as the glossary writes it.
    :param start: offset of the first character in the original text.
    :param end: offset after the last character in the original text, suffix included.
    :param role: ``term`` (the concept's main form), ``variant`` or ``forbidden``.
    :param suffix: the inflection found after the form, in key spelling (``های``, ``ی``,
        ``s``), or ``""``.
    """

    term_id: str
    form: str
    start: int
    end: int
    role: Role
    suffix: str = ""

    @property
    def adjectival(self) -> bool:
        """Whether the Persian word ends in the yeh that also makes adjectives (نفتی)."""
        return self.suffix in ADJECTIVE_SUFFIXES


@dataclass(frozen=True)
class _Pattern:
    term_id: str
    form: str
    role: Role
    suffixes: frozenset[str] | None = None  # English endings; None: the Persian grammar
    agent: bool = False  # Persian: the form takes the plural ان (میانجی‌گر → میانجی‌گران)
    joints: frozenset[int] = frozenset()  # English: key positions where the form has a break
    case_sensitive: bool = False
    raw: str = ""  # the form's key with its case, for case-sensitive terms


@dataclass
class _Key:
    """A text's key, with the original offsets of each key character and the word boundaries."""

    key: str
    origin: list[int]  # key index -> offset of the original character it comes from
    boundary: bytearray  # position p (0..len) -> 1 where a word begins or ends

    def next_boundary(self, position: int) -> int:
        while not self.boundary[position]:
            position += 1
        return position


@lru_cache(maxsize=4096)
def _persian_piece(char: str) -> str:
    text = unicodedata.normalize("NFKC", char).translate(LETTERS).translate(KEY_LETTERS)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text).casefold()


@lru_cache(maxsize=4096)
def _english_piece(char: str, fold: bool = True) -> str:
    text = unicodedata.normalize("NFKD", char.translate(APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return text.casefold() if fold else text


def _english_cased_piece(char: str) -> str:
    return _english_piece(char, False)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


HARD, SOFT = 1, 2  # word boundaries: space, punctuation or edge; or hyphens and dashes only


# Letters and digits that are word characters and one key character each under every piece
# function (tests/glossary/test_match.py checks it): a run of them is keyed at once.
class _Classes(dict[int, str]):
    """What each character is to the key, by *piece*, found when first met: ``s`` white space,
    ``d`` a dash, ``j`` a joiner, ``m`` a diacritic (a word character keyed to nothing), ``w`` a
    word character and ``p`` punctuation keyed to one character each, ``x`` anything else (a
    character keyed to several, punctuation keyed to none)."""

    def __init__(self, piece: Callable[[str], str]) -> None:
        super().__init__()
        self.piece = piece

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in JOINERS:
            kind = "j"
        elif char.isspace() or char in DASHES:
            kind = "s" if char.isspace() else "d"
        else:
            size, word = len(self.piece(char)), _is_word_char(char)
            kind = "m" if word and not size else "x" if size != 1 else "w" if word else "p"
        self[code] = kind
        return kind


class _Keys(dict[int, str | None]):
    """Each character's key by *piece*, ``None`` for white space, dashes and joiners."""

    def __init__(self, classes: _Classes) -> None:
        super().__init__()
        self.classes = classes

    def __missing__(self, code: int) -> str | None:
        key = self.classes.piece(chr(code)) if self.classes[code] in "wpmx" else None
        self[code] = key
        return key


@lru_cache(maxsize=8)
def _tables(piece: Callable[[str], str]) -> tuple[_Classes, _Keys]:
    classes = _Classes(piece)
    return classes, _Keys(classes)


_MARK_ALONE = re.compile("(?:^|[sdp])j*m")  # a diacritic after no word character
_LONG_GAP = re.compile("[sd]{2,}")
# a text's classes without joiners and diacritics (which continue a word): a word character
# is 0 (no boundary before it), punctuation P, white space s and a dash d
_INSIDE = str.maketrans({"w": "0", "p": "P", "j": None, "m": None})
# the boundaries as bytes (0; P and H are HARD, S SOFT), once the gap before each word has
# become the word's boundary
_CODES = str.maketrans(
    {"0": "\x00", "P": chr(HARD), "H": chr(HARD), "S": chr(SOFT), "s": None, "d": None}
)
_KEPT = str.maketrans({"w": "\x01", "p": "\x01"} | dict.fromkeys("sdjm", "\x00"))


def _keyed(text: str, piece: Callable[[str], str]) -> _Key:
    """Key *text* with *piece* per character; spaces and dashes drop, joiners continue words.

    A word boundary is HARD before and after punctuation, at a space and at the text's edges,
    SOFT at a hyphen or dash between two words, none elsewhere (joiners and diacritics
    continue a word). Computed with ``str.translate`` and ``str.replace`` over the text's
    classes (:class:`_Classes`), or character by character for a text with a character keyed
    to several, punctuation keyed to none, or a diacritic that follows no word character.
    """
    classes, keys = _tables(piece)
    kinds = text.translate(classes)
    if "x" in kinds or ("m" in kinds and _MARK_ALONE.search(kinds)):
        return _keyed_by_character(text, piece)
    codes = kinds.translate(_INSIDE)
    if _LONG_GAP.search(codes):  # a gap of several characters is a space if one of them is
        codes = _LONG_GAP.sub(lambda gap: "s" if "s" in gap.group() else "d", codes)
    codes = codes.replace("P0", "PH").replace("Ps0", "PH").replace("Pd0", "PH")  # after P
    codes = codes.replace("s0", "H").replace("d0", "S")
    boundary = bytearray(codes.translate(_CODES).encode("latin-1"))
    boundary[:1] = bytes([HARD])[: len(boundary)]  # the text's start, when it has a key
    boundary.append(HARD)  # its end
    kept = kinds.translate(_KEPT).encode("latin-1")
    return _Key(text.translate(keys), list(compress(range(len(text)), kept)), boundary)


def _keyed_by_character(text: str, piece: Callable[[str], str]) -> _Key:
    chars: list[str] = []
    origin: list[int] = []
    boundary = bytearray()
    in_word = spaced = False
    punct = True  # the last key character was punctuation: the text's start is HARD
    for offset, char in enumerate(text):
        if char in JOINERS:
            continue
        if char.isspace() or char in DASHES:
            in_word, spaced = False, spaced or char.isspace()
            continue
        letter = _is_word_char(char)
        for i, c in enumerate(piece(char)):
            begins = i == 0 and (not letter or not in_word)
            edge = 0 if not begins else HARD if spaced or not letter else SOFT
            boundary.append(HARD if punct else edge)
            chars.append(c)
            origin.append(offset)
            punct = not letter
        in_word, spaced = letter, False
    boundary.append(HARD)
    return _Key("".join(chars), origin, boundary)


def _form_key(form: str, piece: Callable[[str], str]) -> str:
    return _keyed(form, piece).key


class Matcher:
    """Find the glossary's terms in Persian sources and English targets.

    Build it once per glossary (building the automata is the costly part) and call
    :meth:`persian` and :meth:`english` for every segment.

    >>> from glossary.model import Glossary, Term
    >>> matcher = Matcher(Glossary((Term("karabakh", "conflict", "قره‌باغ", "Nagorno-Karabakh"),)))
    >>> [(m.term_id, m.start, m.end) for m in matcher.persian("مسئله قره باغ")]
    [('karabakh', 6, 13)]
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms = glossary.by_id()
        self._persian = _automaton(_persian_patterns(glossary.terms))
        self._english = _automaton(_english_patterns(glossary.terms))

    def persian(self, text: str, *, overlapping: bool = False) -> list[Match]:
        """Return the glossary's Persian forms found in *text*, leftmost-longest first.

        :param overlapping: return every match, also those inside or across a longer one.
        """
        found = self._find(text, self._persian, _persian_piece)
        return found if overlapping else leftmost_longest(found)

    def english(self, text: str, *, overlapping: bool = False) -> list[Match]:
        """Return the glossary's English forms (forbidden ones too) found in *text*.

        :param overlapping: return every match, also those inside or across a longer one.
        """
        found = self._find(text, self._english, _english_piece)
        return found if overlapping else leftmost_longest(found)

    def _find(
        self, text: str, automaton: ahocorasick.Automaton | None, piece: Callable[[str], str]
    ) -> list[Match]:
        if automaton is None or not text:
            return []
        keyed = _keyed(text, piece)
        found: dict[tuple[str, int, int], Match] = {}
        boundary, key = keyed.boundary, keyed.key
        for last, (length, patterns) in automaton.iter(key):
            start = last + 1 - length
            if not boundary[start]:  # a match begins where a word begins
                continue
            if not boundary[last + 1] and key[last + 1] not in INFLECTION_STARTS:
                continue  # and ends where it ends, or before an inflection
            for pattern in patterns:
                match = _accept(text, keyed, start, last + 1, pattern)
                if match is None:
                    continue
                place = (match.term_id, match.start, match.end)
                if place not in found or _ROLE_ORDER[match.role] < _ROLE_ORDER[found[place].role]:
                    found[place] = match
        return sorted(found.values(), key=lambda m: (m.start, -m.end, m.term_id, m.role))


_ROLE_ORDER = {"term": 0, "variant": 1, "forbidden": 2}


def _accept(text: str, keyed: _Key, start: int, end: int, pattern: _Pattern) -> Match | None:
    word_end = keyed.next_boundary(end)
    suffix = keyed.key[end:word_end]
    if pattern.suffixes is None:
        grammar = AGENT_SUFFIX if pattern.agent else PERSIAN_SUFFIX
        if suffix and not (grammar.fullmatch(suffix) and _enters_word(keyed, start, end)):
            return None
    else:
        if suffix not in pattern.suffixes:
            return None
        # the text may join what the form writes apart, or hyphenate it (co-operation for
        # cooperation), but not write it as two words ("Azerbaijan is" is not Azerbaijanis)
        inside = range(start + 1, end)
        if any(keyed.boundary[p] == HARD and p - start not in pattern.joints for p in inside):
            return None
    if pattern.case_sensitive:
        offsets = dict.fromkeys(keyed.origin[i] for i in range(start, end))
        if "".join(_english_piece(text[o], False) for o in offsets) != pattern.raw:
            return None
    first = keyed.origin[start]
    last = keyed.origin[word_end - 1] + 1
    while last < len(text) and unicodedata.category(text[last]).startswith("M"):
        last += 1  # a diacritic after the word (the kasra of the ezafe) belongs to it
    return Match(pattern.term_id, pattern.form, first, last, pattern.role, suffix)


def _enters_word(keyed: _Key, start: int, end: int) -> bool:
    """Whether the inflected word's stem has two letters or more of the term (not خزر ی...)."""
    word_start = end
    while word_start > start and not keyed.boundary[word_start]:
        word_start -= 1
    return word_start == start or end - word_start >= 2


def leftmost_longest(matches: list[Match]) -> list[Match]:
    """The matches that do not overlap, of *matches* sorted as :class:`Matcher` returns every
    match (by start, longest first): leftmost-longest, several concepts' matches of one span
    kept, and on one word the reading with the shortest suffix."""
    kept: list[Match] = []
    span = (-1, -1)
    for match in matches:  # sorted by start, then longest first
        if (match.start, match.end) == span:
            kept.append(match)
        elif match.start >= span[1]:
            kept.append(match)
            span = (match.start, match.end)
    # on one word, the reading with the shortest suffix wins: روسیه‌ای is روسیه + ای, not
    # روسی + های, and غربی is the concept غربی, not غرب + ی
    shortest: dict[tuple[int, int], int] = {}
    for match in kept:
        place = (match.start, match.end)
        shortest[place] = min(shortest.get(place, len(match.suffix)), len(match.suffix))
    return [m for m in kept if len(m.suffix) == shortest[(m.start, m.end)]]


def _automaton(patterns: Iterable[tuple[str, _Pattern]]) -> ahocorasick.Automaton | None:
    table: dict[str, list[_Pattern]] = defaultdict(list)
    for key, pattern in patterns:
        if key and pattern not in table[key]:
            table[key].append(pattern)
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, found in table.items():
        automaton.add_word(key, (len(key), tuple(found)))
    automaton.make_automaton()
    return automaton


def _persian_patterns(terms: Iterable[Term]) -> Iterable[tuple[str, _Pattern]]:
    for term in terms:
        for role, form in _roles(term.fa, term.fa_variants):
            key = _form_key(form, _persian_piece)
            agent = key.endswith(AGENT_ENDINGS)
            yield key, _Pattern(term.id, form, role, agent=agent)
            if key.endswith("نده"):  # کننده → کنندگان
                plural = key[:-1] + "گ"
                yield plural, _Pattern(term.id, form, role, agent=True)


def _english_patterns(terms: Iterable[Term]) -> Iterable[tuple[str, _Pattern]]:
    for term in terms:
        forms = [*_roles(term.en, term.en_variants), *(("forbidden", f) for f in term.forbidden)]
        for role, form in forms:
            keyed = _keyed(form, _english_piece)
            key = keyed.key
            joints = frozenset(p for p in range(1, len(key)) if keyed.boundary[p])
            raw = _form_key(form, _english_cased_piece)
            common = {"joints": joints, "case_sensitive": term.case_sensitive}
            yield key, _Pattern(term.id, form, role, ENGLISH_SUFFIXES, raw=raw, **common)
            if re.search(r"[^aeiou]y$", key):  # party -> parties
                plural = key[:-1] + "i"
                ies = _Pattern(term.id, form, role, IES_SUFFIXES, raw=raw[:-1] + "i", **common)
                yield plural, ies


def _roles(main: str, variants: Iterable[str]) -> list[tuple[Role, str]]:
    return [("term", main), *(("variant", v) for v in variants)]
