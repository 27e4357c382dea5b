"""Restore zero-width non-joiners (ZWNJ, U+200C) lost from Persian words.

Do no harm, first. A word written with a ZWNJ is never re-split or respelled: restoration
works only on glued words. The document's own usage comes before the rules below:

- a glued word the document writes more often with a ZWNJ takes the document's spelling
  (کم‌تر ... کم‌تر ... کمتر → کم‌تر everywhere); a word written glued at least as often as with
  a ZWNJ is left as it is;
- a document *typed with its ZWNJs* (more words written with a ZWNJ than glued words the rules
  below would split, as in any carefully typed Word file or web page) keeps every glued word
  as its author wrote it: there a glued word is a spelling (آنها, همانطور), not a lost ZWNJ.
  The rules run on a document that lost its ZWNJs (a PDF extraction) or never had them.
- where the rules give a word a ZWNJ in one place (its context decided), the occurrences they
  left glued take the same spelling: one spelling a word in a document.

The rules, applied to each glued word, in this order: the reviewed compounds of
``data/zwnj-compounds.txt``, the verbal prefix (1), the common spelling (0a), the derived
compounds of ``data/lexicon-zwnj.txt``, then 2–6, all under 0 and 7.

0a. Two spellings: Persian writes many words either way (آنها and آن‌ها, کمتر and کم‌تر,
   همزمان and هم‌زمان, بزرگترین and بزرگ‌ترین); the Academy of Persian Language and
   Literature's orthography separates them, most writers do not. With ``spelling="common"``
   (the default) a word that ``data/usage-glued.txt`` lists, written glued at least as often
   as with a ZWNJ in wordfreq's Persian word list (Wikipedia, subtitles, web text, Twitter;
   derived by scripts/make_usage_lexicon.py), stays glued. The verbal prefix is not a
   matter of spelling (informal text glues it; edited text does not) and a suffix typed as a
   separate word is a separation the writer made: both get their ZWNJ either way.
   ``spelling="academy"`` writes the ZWNJs the rules give.
0. The stem guard: a split's stem must be a Persian word: one of ``data/lexicon-words.txt``
   (24,367 words attested in hazm's corpus, derived by scripts/make_lexicon.py), of the other
   lists (usage-glued.txt's too), a word of the document, a verb stem or participle, a word
   + ی of one of them (جوانی), or itself a word with a suffix. نانومتر, میکرولیتر, توئیتر
   keep their letters (نانوم, میکرولی, توئی are no words); ``data/loanwords.txt`` (reviewed)
   lists the loanwords and foreign names whose stem happens to be a word.
1. Verbal prefix: ``می``/``نمی`` (after an optional preverb بر، در، باز، فرا، فرو، وا) before a
   verb form, i.e. a stem from ``data/verb-stems.txt`` plus a personal ending (a past stem
   may stand alone): میگیرد → می‌گیرد, برمیگردد → برمی‌گردد; میز, میزان, میدان stay.
2. Plural ``ها`` (and ‌های، ‌هایی، ‌هایش ...): سیاستهای → سیاست‌های; stems of one or two
   letters are left alone (تنها، بها) except a few listed ones (آن‌ها، شب‌ها).
3. Silent heh + ای، ایی، ام، اش، اند، ایم، اید، است، مان، تان، شان، مند: منطقهای → منطقه‌ای,
   دادهاند → داده‌اند, شدهاست → شده‌است (the stem a word; not after a heh that follows ا or
   و, where it is a consonant: راهی, unless a listed silent heh: شیوهای → شیوه‌ای).
   ``Xهای`` is either X‌های or Xه‌ای, decided in this order: the context (‌های takes an
   ezafe, so before punctuation, the end of a line or که، را، و، یا، است، بود، شد، نیز it is
   Xه‌ای: در منطقهای که, دو ساعتهای بود.; before a personal or reflexive pronoun, the
   ezafe's possessor, it is X‌های: دستهای خود); a plural stem that is no word (بینگونهای is
   بین‌گونه‌ای); ‌هایی over ه‌ایی (پیشرفتهایی); the document (the stem it writes alone or
   before ها: تیم ... تیمهای is تیم‌های); a participle of a past stem (دادهاند; not before ای,
   where the noun's plural is likelier: نهادهای); the reviewed ``data/heh-words.txt`` and
   ``data/lexicon-heh.txt`` (2,703 heh words more frequent than the word without their heh);
   a plural stem that is a word of its own (رویدادهای); a compound; else the plural.
4. Comparatives ``تر``/``ترین`` after a stem of three letters or more that is a word (not one
   ending in س or پ, where the word is more likely a loanword: پوستر, هلیکوپتر), or after an
   adjective of ``data/adjectives.txt``: بزرگترین → بزرگ‌ترین; بیشتر, بهتر, دفتر stay.
5. Productive second elements (‌کننده، ‌گیری، ‌گذاری، ‌پذیر، ‌طلب، ‌خواه، ‌خواهان، ‌بینی، ‌زا،
   ‌هراسی، ‌شناختی ...) after a stem of three letters or more that is a word
   (جمهوریخواهان → جمهوری‌خواهان), loan prefixes (آنتی، پلی، هیدروکسی، مولتی، ترانس) before a
   word (آنتیبادی → آنتی‌بادی), and the words of ``data/zwnj-compounds.txt`` (reviewed) and
   ``data/lexicon-zwnj.txt`` (the most frequent spelling of its letters in hazm's corpus).
6. A pronoun clitic or verb ending after ی (اش، ام، ایم، اید، اند) when the stem is a word
   of three letters or more: سالگیاش → سالگی‌اش, راضیاند → راضی‌اند (not ای: دریای; not
   شان/مان: پریشان).
7. Never inside a word of ``data/zwnj-protected.txt`` or ``data/loanwords.txt`` (with or
   without its own suffixes; number words such as پانزده are protected), also as the stem of
   a compound (فیلترکننده), and never after a letter that does not join to the left (ا د ذ ر
   ز ژ و), where a ZWNJ is invisible and most text has none: کشورها stays as it is.

A suffix written as a separate word (``سیاست های``, ``می کند``) is joined the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
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
HEH_SUFFIX = re.compile(r"^(.{2,}ه)(ای|ایی|ام|اش|اند|ایم|اید|است|مان|تان|شان|مند|مندی|مندان)$")
SHORTEST_HEH_STEM = {"مند": 4}  # بفهمند is a verb, علاقه‌مند is not
COMPARATIVE = re.compile(r"^(.+?)(تر|ترین)(ی|ها|های|ند|یم|ید|است)?$")
LOANWORD_BEFORE_TER = set("سپ")  # پوستر، خاکستر، هلیکوپتر: not comparatives
SHORT_PLURAL_STEMS = {"آن", "این", "شب", "گل", "دل", "لب", "سگ", "رگ", "ده", "جا", "پل", "تب"}
SECOND_ELEMENTS = (
    "کننده", "کنندگان", "کنندگی", "گیری", "گذاری", "گذار", "پذیر", "پذیری", "طلب", "طلبی",
    "خواه", "خواهی", "بینی", "بینانه", "آمیز", "انگیز", "آور", "آوری", "نشین", "نشینی",
    "زده", "زدگی", "شناس", "شناسی", "شناسان", "گرایی", "سازی", "ساز", "سازان", "گیران",
    "گذاران", "نویس", "نویسی", "نویسان", "آموز", "آموزی", "آموزان", "افزار", "کشی", "نوازی",
    "آسا", "رسانی", "بخش", "گونه", "خواهان", "طلبان", "گرایان", "زا", "زای", "زایی",
    "شدگی", "هراسی", "شناختی", "محور", "برداری", "زدایی", "افزاری", "سپاری",
)  # fmt: skip
# Loan prefixes written with a ZWNJ before a word: آنتی‌بادی، پلی‌پروتئین، هیدروکسی‌کلروکین
FIRST_ELEMENTS = ("آنتی", "پلی", "هیدروکسی", "مولتی", "ترانس")
PROTECTED_SUFFIXES = ("", "ی", "یی", "ین", "ها", "های", "هایی", "ش", "اش")
# Suffixes that never stand alone as words, so a space before them is a lost ZWNJ
BOUND_WORDS = {
    "ها", "های", "هایی", "هایش", "هایشان", "ترین", "ای", "اند", "ام", "کننده", "کنندگان",
    "کنندگی", "گیری", "گذاری", "پذیر", "پذیری", "آمیز", "انگیز", "زدگی", "گرایی", "شناسی",
    "شناسان", "سازی", "سازان", "گیران", "گذاران", "نویسان", "آموزان", "کشی", "نوازی", "رسانی",
}  # fmt: skip


@dataclass(frozen=True)
class Usage:
    """How a document writes its words: the evidence restoration takes from the text itself."""

    forms: dict[str, str]  # glued letters → the ZWNJ spelling written more often than glued
    written: int  # words the text writes with a ZWNJ
    typed: bool = False  # more words written with a ZWNJ than glued words the rules would split

    @classmethod
    def of(cls, text: str, joined: str | None = None, spelling: str = "common") -> Usage:
        """The usage of *text*; *joined* is *text* with its detached suffixes joined
        (:func:`_join_detached`), where words are counted; *spelling* as in :func:`restore`."""
        written = sum(ZWNJ in word for word in WORD.findall(text))
        counts: dict[str, Counter[str]] = {}
        for word in WORD.findall(_join_detached(text) if joined is None else joined):
            counts.setdefault(word.replace(ZWNJ, ""), Counter())[word] += 1
        forms = {}
        for plain, spellings in counts.items():
            form, count = max(spellings.items(), key=lambda item: (item[1], item[0] != plain))
            if form != plain and count > spellings[plain]:
                forms[plain] = form
        vocabulary = frozenset(counts)
        splittable = sum(
            spellings[plain]
            for plain, spellings in counts.items()
            if plain not in forms
            and spellings[plain]
            and ZWNJ in restore_word(plain, vocabulary, spelling=spelling)
        )
        return cls(forms, written, written > splittable)


def restore(text: str, spelling: str = "common") -> str:
    """Return *text* with ZWNJs restored in its Persian words (the module's rules).

    Give it a whole document: its own words break ties between readings (منطقه‌ای/منطق‌های),
    and its own spelling is kept (see above). *spelling* is one of :data:`SPELLINGS`:
    ``"common"`` leaves glued the words most writers write glued (rule 0a), ``"academy"``
    writes the ZWNJs of the Academy of Persian Language and Literature's orthography.

    :raises ValueError: an unknown *spelling*.
    """
    if spelling not in SPELLINGS:
        raise ValueError(f"unknown ZWNJ spelling {spelling!r}: one of {', '.join(SPELLINGS)}")
    joined = _join_detached(text)
    vocabulary = words(joined)
    usage = Usage.of(text, joined, spelling)
    restored: dict[tuple[str, str], str] = {}

    def restore_match(match: re.Match[str]) -> str:
        key = (match.group(), _context(match.string, match.end()))
        if key not in restored:
            restored[key] = _restore_in_document(*key, usage, vocabulary, spelling)
        return restored[key]

    text = WORD.sub(restore_match, joined)
    # one spelling a word: where restoration gave some of its occurrences a ZWNJ (their
    # context decided), the occurrences it left glued take the same spelling
    made: dict[str, Counter[str]] = {}
    for (word, _), form in restored.items():
        if form != word:
            made.setdefault(word, Counter())[form] += 1
    spelled = {
        word: spellings.most_common(1)[0][0]
        for word, spellings in made.items()
        if any(restored.get((word, context)) == word for context in CONTEXTS)
    }
    if not spelled:
        return text
    return WORD.sub(lambda m: spelled.get(m.group(), m.group()), text)


def _restore_in_document(
    word: str, context: str, usage: Usage, vocabulary: frozenset[str], spelling: str
) -> str:
    if ZWNJ in word:  # written by the author: never re-split
        return word
    if word in usage.forms:  # the document writes this word with a ZWNJ more often
        return usage.forms[word]
    if usage.typed:  # a document typed with its ZWNJs: a glued word is its author's spelling
        return word
    return restore_word(word, vocabulary, context=context, spelling=spelling)


def words(text: str) -> frozenset[str]:
    """The Persian words of *text*, without their ZWNJs."""
    return frozenset(word.replace(ZWNJ, "") for word in WORD.findall(text))


def restore_word(
    word: str,
    vocabulary: frozenset[str] = frozenset(),
    *,
    context: str = "",
    spelling: str = "common",
) -> str:
    """Return one word with ZWNJs restored; *vocabulary* (the document's words) breaks ties,
    *context* is what follows it (:func:`_context`): "end" (the word ends a phrase), "ezafe"
    (a pronoun, the possessor of an ezafe, follows) or ""; *spelling* as in :func:`restore`.

    A word that already has a ZWNJ is returned as it is: it is never re-split.
    """
    if ZWNJ in word:
        return word
    return _restore_glued(word, vocabulary, context, spelling)


@lru_cache(maxsize=65536)
def _restore_glued(word: str, vocabulary: frozenset[str], context: str, spelling: str) -> str:
    glued = _usage_glued() if spelling == "common" else frozenset()
    cuts = _cuts(word, vocabulary, context, glued)
    cuts = {c for c in cuts if 0 < c < len(word) and word[c - 1] not in NON_JOINING}
    return _with_cuts(word, cuts - _protected_inside(word))


def _with_cuts(plain: str, cuts: set[int]) -> str:
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
        plain = first.replace(ZWNJ, "")
        if first[-1] in NON_JOINING:
            return first + second
        # written apart, the first part is a word: the stem guard holds
        # and the writer separated them: no word is left glued for its common spelling
        restored = restore_word(plain + second, frozenset({plain}), spelling="academy")
        if len(plain) in cut_positions(restored):
            return first + ZWNJ + second
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


# What follows a word that ends a phrase: punctuation, the end of a line, or a word that cannot
# follow an ezafe (so ``Xهای`` before it is not the plural X‌های + ezafe). Not prepositions:
# کشورهای در حال توسعه.
CLOSING = re.compile(r"\s*(?:$|[.،؛:!؟?)\]»\-–—]|(?:که|را|و|یا|است|بود|شد|نیز)(?![^\W\d_]))")
# A personal or reflexive pronoun after ``Xهای`` is the possessor of the plural's ezafe
# (دستهای خود، کتابهای ما); an indefinite Xه‌ای is not followed by one
POSSESSOR = re.compile(r"\s*(?:خود|خویش|ما|شما|او|ایشان|آنها|آن\u200cها|من|تو)(?![^\W\d_])")
CONTEXTS = ("", "end", "ezafe")


def _context(text: str, end: int) -> str:
    """What follows the word that ends at *end*: "end", "ezafe" or ""."""
    if CLOSING.match(text, end):
        return "end"
    return "ezafe" if POSSESSOR.match(text, end) else ""


SPELLINGS = ("common", "academy")
CLASSES = (
    "verbal prefix", "plural", "silent heh + suffix", "comparative", "clitic after ی",
    "compound", "other",
)  # fmt: skip
HEH_SUFFIXES = ("ای", "ام", "اش", "اند", "ایم", "اید", "است", "مان", "تان", "شان", "مند")
# a pronoun clitic or verb ending written after ی (not ای: دریای is دریا + ی; not ات, the
# Arabic plural of ادبیات; not شان/مان, the endings of پریشان and نریمان)
CLITICS_AFTER_YEH = ("اش", "ام", "ایم", "اید", "اند")
CLITICS = ("اش", "ام", "ات", "ای", "ایم", "اید", "اند", "است", "شان", "مان", "تان")


def cut_class(plain: str, cut: int) -> str:
    """The kind of ZWNJ at letter *cut* of *plain* (a word without ZWNJs), one of
    :data:`CLASSES`: which rule of the module writes a ZWNJ there."""
    head, tail = plain[:cut], plain[cut:]
    if any(head == preverb + prefix for preverb in PREVERBS for prefix in VERB_PREFIXES):
        return "verbal prefix"
    if tail.startswith("ها"):
        return "plural"
    if tail.startswith("تر"):
        return "comparative"
    if head.endswith("ه") and tail.startswith(HEH_SUFFIXES):
        return "silent heh + suffix"
    if head.endswith("ی") and tail in CLITICS:
        return "clitic after ی"
    if len(head) >= 2 and len(tail) >= 2 and tail not in ("ای", "ایی", "یی"):
        return "compound"
    return "other"


def _cuts(
    plain: str, vocabulary: frozenset[str], context: str = "", glued: frozenset[str] = frozenset()
) -> set[int]:
    """The ZWNJ positions the rules give *plain*; *glued*: the words to leave glued (rule 0a)."""
    reviewed = _compounds("zwnj-compounds.txt").get(plain)
    if reviewed is not None:
        return set(reviewed)
    verb = _verb_cut(plain)
    if verb is not None:
        return {verb}
    if plain in glued:  # most writers write it glued: آنها, کمتر, همزمان
        return set()
    compound = _compounds("lexicon-zwnj.txt").get(plain)
    if compound is not None:
        return set(compound)
    for split in (_plural_or_heh, _comparative, _second_element, _clitic):
        stem_length = split(plain, vocabulary, context)
        if stem_length is not None:
            stem = plain[:stem_length]
            return {stem_length} | (_cuts(stem, vocabulary, glued=glued) - _protected_inside(stem))
    for first in FIRST_ELEMENTS:
        rest = plain[len(first) :]
        if plain.startswith(first) and len(rest) >= 3 and _is_word(rest, vocabulary):
            return {len(first)} | {len(first) + cut for cut in _cuts(rest, vocabulary, glued=glued)}
    return set()


@cache
def _stems(vocabulary: frozenset[str]) -> frozenset[str]:
    """The document's words and their stems before a plural ها or a final ی (تیم of تیمی)."""
    return (
        vocabulary
        | {w[:-2] for w in vocabulary if w.endswith("ها")}
        | {w[:-1] for w in vocabulary if w.endswith("ی")}
    )


def _is_word(stem: str, vocabulary: frozenset[str], *, usage: bool = True) -> bool:
    """Whether *stem* may stand before a ZWNJ: a Persian word of the lists, a word of the
    document, or itself a word with a suffix (بزرگترین in بزرگترینها).

    :param usage: also a word of ``usage-glued.txt``, wordfreq's tokens written glued, which
        hold fragments of glued words too (کشوره from کشورهای): no proof that a stem is a word
        when another reading's stem is one.
    """
    present, past = _verb_stems()
    return (
        stem in vocabulary
        or stem in _lexicon_words()
        or stem in _heh_words("lexicon-heh.txt")
        or stem in _heh_words("heh-words.txt")
        or stem in _compounds("zwnj-compounds.txt")
        or stem in _compounds("lexicon-zwnj.txt")
        or stem in _adjectives()
        or (usage and stem in _usage_glued())
        or stem in SHORT_PLURAL_STEMS
        or stem in present
        or stem in past
        or (stem.endswith("ه") and stem[:-1] in past)
        or (stem.endswith("ی") and len(stem) > 3 and _is_word(stem[:-1], vocabulary))
        or bool(_cuts(stem, vocabulary) - _protected_inside(stem))
    )


def _verb_cut(plain: str) -> int | None:
    for preverb in PREVERBS:
        for prefix in VERB_PREFIXES:
            head = preverb + prefix
            if plain.startswith(head) and _is_verb(plain[len(head) :]):
                return len(head)
    return None


PERFECT_ENDINGS = ("ام", "ای", "است", "ایم", "اید", "اند")  # on a participle: رفته‌ام


def is_finite_verb(word: str) -> bool:
    """Whether *word* reads as a finite verb form, by ``data/verb-stems.txt``: a present stem
    with a personal ending, a past stem alone (the third person singular: ``رفت``, ``یافت``)
    or with one, a participle with a perfect ending (``گذرانده‌ام``, ``رفته‌اند``), each
    optionally with the verbal prefix می/نمی, negated or with the subjunctive ب (``دارید``,
    ``می‌روند``, ``نرفتند``, ``نگفت``, ``بروم``)."""
    plain = word.replace(ZWNJ, "")
    _, past = _verb_stems()
    for prefix in ("نمی", "می", "ن", "ب", ""):
        rest = plain[len(prefix) :]
        if not plain.startswith(prefix) or len(rest) < 2:
            continue
        if _is_verb(rest) or any(
            rest.endswith("ه" + ending) and rest[: -len(ending) - 1] in past
            for ending in PERFECT_ENDINGS
        ):
            return True
    return False


def is_participle(word: str) -> bool:
    """Whether *word* is a past participle, a past stem and ه, optionally with the verbal prefix
    می/نمی or negated (``کرده``, ``گذرانده``, ``نرفته``, ``می‌رفته``): with an auxiliary after
    it (``کرده است``, ``ساخته شد``) it is one verb."""
    plain = word.replace(ZWNJ, "")
    _, past = _verb_stems()
    return any(
        plain.startswith(prefix) and plain.endswith("ه") and plain[len(prefix) : -1] in past
        for prefix in ("نمی", "می", "ن", "")
    )


def is_past_stem(word: str) -> bool:
    """Whether *word* is a bare past stem (``بود``, ``رفت``): after the future's auxiliary
    (``خواهد بود``) it is that verb's."""
    return word.replace(ZWNJ, "") in _verb_stems()[1]


def _is_verb(rest: str) -> bool:
    present, past = _verb_stems()
    return any(
        rest[: len(rest) - len(ending)] in stems
        for stems, endings in ((present, PRESENT_ENDINGS), (past, PAST_ENDINGS))
        for ending in endings
        if rest.endswith(ending) and len(rest) > len(ending)
    )


def _plural_or_heh(plain: str, vocabulary: frozenset[str], context: str) -> int | None:
    plural = PLURAL.match(plain)  # a short stem is still a reading (درهای), but not a cut
    short_plural = plural and len(plural.group(1)) < 3 and plural.group(1) not in SHORT_PLURAL_STEMS
    heh = HEH_SUFFIX.match(plain)
    if heh:
        stem = heh.group(1)
        short = len(stem) < SHORTEST_HEH_STEM.get(heh.group(2)[:3], 0)
        if stem[-2] in "اآو":  # a consonant (راه، کوه) unless a listed silent heh (شیوه)
            short |= stem not in _heh_words("heh-words.txt") | _heh_words("lexicon-heh.txt")
        if short or not _is_word(stem, vocabulary):
            heh = None
    if heh and plural:
        plural_stem = plural.group(1)
        if _is_word(plural_stem, vocabulary, usage=False) and not _is_word(
            heh.group(1), vocabulary, usage=False
        ):
            heh = None  # کتابهای: کتاب is a word, کتابه only a fragment of glued usage
        elif plural.group(2) == "های" and context == "end":
            plural = None  # ‌های + ezafe cannot end a phrase: Xه‌ای
        elif plural.group(2) == "های" and context == "ezafe":
            heh = None  # a possessor follows: دستهای خود is دست‌های خود
        elif not (_is_word(plural_stem, vocabulary) or plural_stem in _stems(vocabulary)):
            plural = None  # بینگونهای: بین‌گونه is a word, بینگون is none
        elif heh.group(2) == "ایی" and plural.group(2) == "هایی":
            heh = None  # ‌هایی is the plural's common ending, ه‌ایی a rare spelling of ه‌ای
        elif not _prefers_heh(heh.group(1), plural_stem, vocabulary, heh.group(2)):
            heh = None
    if heh:
        return len(heh.group(1))
    if plural and not short_plural:
        return len(plural.group(1))
    return None


def _prefers_heh(
    heh_stem: str, plural_stem: str, vocabulary: frozenset[str], suffix: str = "ای"
) -> bool:
    """Decide ``Xهای``: Xه‌ای (True) or X‌های (False)."""
    if plural_stem.endswith("ه"):
        return False
    document = _stems(vocabulary)
    if (heh_stem in document) != (plural_stem in document):
        return heh_stem in document
    _, past = _verb_stems()
    negated = plural_stem.removeprefix("ن"), "آ" + plural_stem.removeprefix("نیا")
    participle = plural_stem in past or any(stem in past for stem in negated)
    if participle and suffix != "ای":  # داده‌اند; but نهادهای is a noun's plural more often
        return True  # than a participle + ای ("you have put")
    if heh_stem in _heh_words("heh-words.txt") or heh_stem in _heh_words("lexicon-heh.txt"):
        return True  # reviewed, or more frequent than the word without its heh
    if plural_stem in _lexicon_words():
        return False  # a word of its own: رویدادهای is رویداد + های
    return heh_stem in _compounds("zwnj-compounds.txt") or heh_stem in _compounds(
        "lexicon-zwnj.txt"
    )


def _comparative(plain: str, vocabulary: frozenset[str], context: str) -> int | None:
    match = COMPARATIVE.match(plain)
    if not match:
        return None
    stem = match.group(1)
    if stem in _adjectives() or (
        len(stem) >= 3 and stem[-1] not in LOANWORD_BEFORE_TER and _is_word(stem, vocabulary)
    ):
        return len(stem)
    return None


def _second_element(plain: str, vocabulary: frozenset[str], context: str) -> int | None:
    if not plain.endswith(SECOND_ELEMENTS):
        return None
    for element in SECOND_ELEMENTS:
        stem = plain[: -len(element)]
        if plain.endswith(element) and len(stem) >= 3 and _is_word(stem, vocabulary):
            return len(stem)
    return None


def _clitic(plain: str, vocabulary: frozenset[str], context: str) -> int | None:
    """A pronoun clitic or verb ending after ی: سالگیاش → سالگی‌اش, راضیاند → راضی‌اند."""
    for clitic in CLITICS_AFTER_YEH:
        stem = plain[: -len(clitic)]
        ending = plain.endswith(clitic) and stem.endswith("ی") and len(stem) >= 3
        if ending and _is_word(stem, vocabulary):
            return len(stem)
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
def _compounds(name: str) -> dict[str, tuple[int, ...]]:
    """Glued letters → ZWNJ positions, of one list of words written with ZWNJs."""
    return {word.replace(ZWNJ, ""): tuple(sorted(cut_positions(word))) for word in _lines(name)}


@cache
def _usage_glued() -> frozenset[str]:
    return frozenset(_lines("usage-glued.txt"))


@cache
def _protected() -> frozenset[str]:
    return frozenset(_lines("zwnj-protected.txt") + _lines("loanwords.txt"))


@cache
def _heh_words(name: str) -> frozenset[str]:
    return frozenset(word.replace(ZWNJ, "") for word in _lines(name))


@cache
def _lexicon_words() -> frozenset[str]:
    return frozenset(_lines("lexicon-words.txt"))


@cache
def _adjectives() -> frozenset[str]:
    return frozenset(_lines("adjectives.txt"))
