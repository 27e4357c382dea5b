"""Restore zero-width non-joiners (ZWNJ, U+200C) lost from Persian words.

Rules, applied to each word with its ZWNJs removed (existing ZWNJs are kept as well):

1. Verbal prefix: ``می``/``نمی`` (after an optional preverb بر، در، باز، فرا، فرو، وا) before a
   verb form, i.e. a stem from ``data/verb-stems.txt`` plus a personal ending (a past stem
   may stand alone): میگیرد → می‌گیرد, برمیگردد → برمی‌گردد; میز, میزان, میدان stay.
2. Plural ``ها`` (and ‌های، ‌هایی، ‌هایش ...): سیاستهای → سیاست‌های; stems of one or two
   letters are left alone (تنها، بها) except a few listed ones (آن‌ها، شب‌ها).
3. Silent heh + ای، ایی، ام، اش، اند، ایم، اید، مان، تان، شان، مند: منطقهای → منطقه‌ای,
   دادهاند → داده‌اند (not after a heh that follows ا or و, where it is a consonant: راهی).
   ``Xهای`` is either X‌های or Xه‌ای; the participle of a past stem, then the reviewed
   lists (``data/heh-words.txt``, the compounds), then the document's own words, then
   ``data/lexicon-heh.txt`` decide; the plural is the default.
4. Comparatives ``تر``/``ترین`` after a stem of three letters or more (not one ending in س or
   پ, where the word is more likely a loanword: پوستر, هلیکوپتر), or after an adjective of
   ``data/adjectives.txt``: بزرگترین → بزرگ‌ترین; بیشتر, بهتر, دفتر stay.
5. Productive second elements (‌کننده، ‌گیری، ‌گذاری، ‌پذیر، ‌طلب، ‌خواه، ‌بینی ...) after a
   stem of three letters or more, and the words of ``data/zwnj-compounds.txt`` (reviewed) and
   ``data/lexicon-zwnj.txt`` (derived from hazm's word frequencies by scripts/make_lexicon.py).
6. Never inside a word of ``data/zwnj-protected.txt`` (with or without its own suffixes),
   and never after a letter that does not join to the left (ا د ذ ر ز ژ و), where a ZWNJ is
   invisible and most text has none: کشورها stays as it is.

A suffix written as a separate word (``سیاست های``, ``می کند``) is joined the same way.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

ZWNJ = "\u200c"
NON_JOINING = set("اآأإٱدذرزژوؤۀء")
PERSIAN_LETTERS = "\u0621-\u063a\u0641-\u064a\u0670-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06ff"
WORD = re.compile(rf"[{PERSIAN_LETTERS}\u064b-\u065f{ZWNJ}]+")

VERB_PREFIXES = ("نمی", "می")
PREVERBS = ("", "بر", "در", "باز", "فرا", "فرو", "وا")
PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ه")
PLURAL = re.compile(r"^(.+?)(ها(?:یی|ی|یم|یت|یش|یمان|یتان|یشان|مان|تان|شان|ست)?)$")
HEH_SUFFIX = re.compile(r"^(.+[^اآو]ه)(ای|ایی|ام|اش|اند|ایم|اید|مان|تان|شان|مند|مندی|مندان)$")
SHORTEST_HEH_STEM = {"مند": 4}  # بفهمند is a verb, علاقه‌مند is not
COMPARATIVE = re.compile(r"^(.+?)(تر|ترین)(ی|ها|های|ند|یم|ید|است)?$")
LOANWORD_BEFORE_TER = set("سپ")  # پوستر، خاکستر، هلیکوپتر: not comparatives
SHORT_PLURAL_STEMS = {"آن", "این", "شب", "گل", "دل", "لب", "سگ", "رگ", "ده", "جا", "پل", "تب"}
SECOND_ELEMENTS = (
    "کننده", "کنندگان", "کنندگی", "گیری", "گذاری", "گذار", "پذیر", "پذیری", "طلب", "طلبی",
    "خواه", "خواهی", "بینی", "بینانه", "آمیز", "انگیز", "آور", "آوری", "نشین", "نشینی",
    "زده", "زدگی", "شناس", "شناسی", "شناسان", "گرایی", "سازی", "ساز", "سازان", "گیران",
    "گذاران", "نویس", "نویسی", "نویسان", "آموز", "آموزی", "آموزان", "افزار", "کشی", "نوازی",
    "آسا", "رسانی", "بخش", "گونه",
)  # fmt: skip
PROTECTED_SUFFIXES = ("", "ی", "یی", "ین", "ها", "های", "هایی", "ش", "اش")
# Suffixes that never stand alone as words, so a space before them is a lost ZWNJ
BOUND_WORDS = {
    "ها", "های", "هایی", "هایش", "هایشان", "ترین", "ای", "اند", "ام", "کننده", "کنندگان",
    "کنندگی", "گیری", "گذاری", "پذیر", "پذیری", "آمیز", "انگیز", "زدگی", "گرایی", "شناسی",
    "شناسان", "سازی", "سازان", "گیران", "گذاران", "نویسان", "آموزان", "کشی", "نوازی", "رسانی",
}  # fmt: skip


def restore(text: str) -> str:
    """Return *text* with ZWNJs restored in its Persian words (the module's rules).

    Give it a whole document: its own words break ties between readings (منطقه‌ای/منطق‌های).
    """
    text = _join_detached(text)
    vocabulary = words(text)
    restored: dict[str, str] = {}

    def restore_match(match: re.Match[str]) -> str:
        word = match.group()
        if word not in restored:
            restored[word] = restore_word(word, vocabulary)
        return restored[word]

    return WORD.sub(restore_match, text)


def words(text: str) -> frozenset[str]:
    """The Persian words of *text*, without their ZWNJs."""
    return frozenset(word.replace(ZWNJ, "") for word in WORD.findall(text))


def restore_word(word: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Return one word with ZWNJs restored; *vocabulary* (the document's words) breaks ties."""
    plain = word.replace(ZWNJ, "")
    cuts = cut_positions(word) | _cuts(plain, vocabulary)
    cuts = {c for c in cuts if 0 < c < len(plain) and plain[c - 1] not in NON_JOINING}
    cuts -= _protected_inside(plain)
    pieces, last = [], 0
    for cut in sorted(cuts):
        pieces.append(plain[last:cut])
        last = cut
    pieces.append(plain[last:])
    return ZWNJ.join(pieces)


def _join_detached(text: str) -> str:
    """Glue ``می``/``نمی`` and bound suffixes written as separate words to their word."""
    tokens = re.split(r"(\s+)", text)
    out = [tokens[0]]
    for separator, token in zip(tokens[1::2], tokens[2::2], strict=True):
        first = re.search(rf"{WORD.pattern}$", out[-1])
        second = WORD.match(token)
        glued = None
        if separator == " " and first and second:
            glued = _glue(first.group(), second.group())
        if glued is None:
            out += [separator, token]
        else:
            out[-1] = out[-1][: first.start()] + glued + token[second.end() :]
    return "".join(out)


def _glue(first: str, second: str) -> str | None:
    if first in VERB_PREFIXES and _is_verb(second):
        return first + ZWNJ + second
    if second in BOUND_WORDS and (second != "ای" or first.endswith("ه")):
        joined = restore_word(first + second)
        boundary = len(first.replace(ZWNJ, ""))
        if boundary in cut_positions(joined) or first[-1] in NON_JOINING:
            return joined
    return None


def cut_positions(word: str) -> set[int]:
    """Where *word* has ZWNJs, counted in letters: ``cut_positions("می‌گیرد") == {2}``."""
    cuts, position = set(), 0
    for char in word:
        if char == ZWNJ:
            cuts.add(position)
        else:
            position += 1
    return cuts


def _cuts(plain: str, vocabulary: frozenset[str]) -> set[int]:
    compound = _compounds().get(plain)
    if compound is not None:
        return set(compound)
    verb = _verb_cut(plain)
    if verb is not None:
        return {verb}
    for split in (_plural_or_heh, _comparative, _second_element):
        found = split(plain, vocabulary)
        if found is not None:
            stem_length, cut = found
            return {cut} | _cuts(plain[:stem_length], vocabulary)
    return set()


def _verb_cut(plain: str) -> int | None:
    for preverb in PREVERBS:
        for prefix in VERB_PREFIXES:
            head = preverb + prefix
            if plain.startswith(head) and _is_verb(plain[len(head) :]):
                return len(head)
    return None


def _is_verb(rest: str) -> bool:
    present, past = _verb_stems()
    return any(
        rest[: len(rest) - len(ending)] in stems
        for stems, endings in ((present, PRESENT_ENDINGS), (past, PAST_ENDINGS))
        for ending in endings
        if rest.endswith(ending) and len(rest) > len(ending)
    )


def _plural_or_heh(plain: str, vocabulary: frozenset[str]) -> tuple[int, int] | None:
    plural = PLURAL.match(plain)
    heh = HEH_SUFFIX.match(plain)
    if heh and len(heh.group(1)) < SHORTEST_HEH_STEM.get(heh.group(2)[:3], 0):
        heh = None
    if heh and (not plural or _prefers_heh(heh.group(1), plural.group(1), vocabulary)):
        stem = heh.group(1)
        return len(stem), len(stem)
    if plural:
        stem = plural.group(1)
        if len(stem) >= 3 or stem in SHORT_PLURAL_STEMS:
            return len(stem), len(stem)
    return None


def _prefers_heh(heh_stem: str, plural_stem: str, vocabulary: frozenset[str]) -> bool:
    """Decide ``Xهای``: Xه‌ای (True) or X‌های (False)."""
    if plural_stem.endswith("ه"):
        return False
    _, past = _verb_stems()
    negated = plural_stem.removeprefix("ن"), "آ" + plural_stem.removeprefix("نیا")
    if plural_stem in past or any(stem in past for stem in negated):
        return True
    reviewed = (_heh_words("heh-words.txt"), _compounds())
    for evidence in (*reviewed, vocabulary, _heh_words("lexicon-heh.txt")):
        if (heh_stem in evidence) != (plural_stem in evidence):
            return heh_stem in evidence
    return False


def _comparative(plain: str, vocabulary: frozenset[str]) -> tuple[int, int] | None:
    match = COMPARATIVE.match(plain)
    if not match:
        return None
    stem = match.group(1)
    if stem in _adjectives() or (len(stem) >= 3 and stem[-1] not in LOANWORD_BEFORE_TER):
        return len(stem), len(stem)
    return None


def _second_element(plain: str, vocabulary: frozenset[str]) -> tuple[int, int] | None:
    if not plain.endswith(SECOND_ELEMENTS):
        return None
    for element in SECOND_ELEMENTS:
        stem = plain[: -len(element)]
        if plain.endswith(element) and len(stem) >= 3:
            return len(stem), len(stem)
    return None


def _protected_inside(plain: str) -> set[int]:
    blocked: set[int] = set()
    for suffix in PROTECTED_SUFFIXES:
        word = plain[: len(plain) - len(suffix)]
        if plain.endswith(suffix) and word in _protected():
            blocked |= set(range(1, len(word)))
    return blocked


def _lines(name: str) -> list[str]:
    text = resources.files("corpus").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def _verb_stems() -> tuple[frozenset[str], frozenset[str]]:
    present, past = set(), set()
    for line in _lines("verb-stems.txt"):
        stems = line.split()
        if len(stems) == 1:
            past.add(stems[0])
            continue
        present.add(stems[0])
        for stem in stems[1:]:
            (past if stem.endswith(("د", "ت")) else present).add(stem)
    return frozenset(present), frozenset(past)


@cache
def _compounds() -> dict[str, tuple[int, ...]]:
    """Glued letters → ZWNJ positions; the reviewed list overrides the derived lexicon."""
    return {
        word.replace(ZWNJ, ""): tuple(sorted(cut_positions(word)))
        for name in ("lexicon-zwnj.txt", "zwnj-compounds.txt")
        for word in _lines(name)
    }


@cache
def _protected() -> frozenset[str]:
    return frozenset(_lines("zwnj-protected.txt"))


@cache
def _heh_words(name: str) -> frozenset[str]:
    return frozenset(word.replace(ZWNJ, "") for word in _lines(name))


@cache
def _adjectives() -> frozenset[str]:
    return frozenset(_lines("adjectives.txt"))
