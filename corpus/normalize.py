"""Persian normalization of source text, and the matching key.

:func:`normalize` rewrites Persian text to one canonical spelling, rule by rule:

1. Arabic letter forms become Persian: ي ى ێ → ی, ك ڪ → ک, ہ ە ھ → ه, ۂ → ۀ, Arabic-Indic
   digits ٠-٩ → Persian ۰-۹; presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are
   decomposed to the plain letters. Persian digits stay Persian, Latin digits stay Latin.
2. Tatweel (ـ) and other joiners that carry no meaning (U+200D, U+200B, U+FEFF) are removed.
   Bidi marks: RLM (U+200F), LRM (U+200E) or ALM (U+061C) between two Persian letters is a
   half-space typed on a Persian keyboard and becomes a ZWNJ (می‏روم → می‌روم; rule 4 then
   applies to it, so after a letter that does not join it goes: در‏باره → درباره). Anywhere
   else they, and the embedding and isolate controls (U+202A–U+202E, U+2066–U+2069), are
   dropped, also between Latin words: a segment is plain text whose direction its language
   gives, and a CAT tool lays out its Latin runs itself; the marks only steered one editor's
   display and would make the same sentence two different segments.
3. Stray letters of another script glued to a Persian word (a Cyrillic д in متحдан, what OCR
   makes of a Persian letter) are removed and reported (:class:`StrayLetter`), so a reviewer
   can put the right fix in the fixes file. Latin and Greek letters are words, not strays:
   an acronym or symbol with a Persian suffix (HCoVها، CoV‌های، βها) is kept as written.
4. ZWNJ: doubled ZWNJs become one; a ZWNJ beside a space, at a word's edge or after a letter
   that does not join is removed; lost ZWNJs are restored (:mod:`corpus.zwnj`), and a suffix
   written as a separate word is joined (می کند → می‌کند, کشور ها → کشورها). Restoration never
   touches a word written with a ZWNJ, and in a document typed with its ZWNJs it changes a
   glued word only to the spelling the document itself writes more often. Words Persian
   writes both ways (آنها/آن‌ها, کمتر/کم‌تر) are restored in the spelling most writers use
   (``zwnj_spelling="common"``, the default) or in the Academy's (``"academy"``).
5. Spacing: runs of spaces become one space; no space before ، ؛ : . ! ؟ ? ) ] » and none
   after ( [ «; a space after ، ؛ ؟ when a word follows directly (not after a ، between
   digits, a thousands separator: ۵۷۱،۶۷۸ stays one number), and after a full stop or
   exclamation mark that ends a Persian word of two letters or more and is glued to the next
   Persian word (است.سپس → است. سپس; initials such as ق.م and decimals are left alone).
6. The result is in Unicode NFC.

Do no harm: on carefully typed Persian these are the only changes. A word changes only by
the rules above (letter forms, invisible joiners, stray and doubled ZWNJs, spacing, a detached
suffix joined, a glued word to the document's own spelling); a word written with a ZWNJ after
a joining letter is never re-split or respelled. ``tests/corpus/test_normalize_no_harm.py``
checks every change on TICO-19's Persian against these rules.

Diacritics are kept in the text. :func:`matching_key` is separate and never shown to a
translator: it folds letter variants and diacritics, drops ZWNJs, bidi marks and spaces, and maps
digits and Persian punctuation to ASCII, so "تعیین‌کننده", "تعیین کننده" and "تعيينكننده"
give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from corpus import zwnj

LETTERS = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ێ": "ی", "ك": "ک", "ڪ": "ک", "ہ": "ه", "ە": "ه", "ھ": "ه", "ۂ": "ۀ",
        "٠": "۰", "١": "۱", "٢": "۲", "٣": "۳", "٤": "۴", "٥": "۵", "٦": "۶", "٧": "۷", "٨": "۸",
        "٩": "۹", "ـ": None, "\u200d": None, "\u200b": None, "\ufeff": None,
    }
)  # fmt: skip
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_SCRIPT = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe"
LETTER = zwnj.PERSIAN_LETTERS
WORD_SCRIPTS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff"  # Latin, Greek
_STRAY = rf"[^\W\d_{ARABIC_SCRIPT}{WORD_SCRIPTS}]+"
STRAY = re.compile(rf"(?<=[{LETTER}\u200c]){_STRAY}|{_STRAY}(?=\u200c*[{LETTER}])")
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
SPACE_BEFORE = re.compile(r" +(?=[،؛:.!؟?)\]»])")
SPACE_AFTER = re.compile(r"(?<=[(\[«]) +")
MISSING_SPACE = re.compile(
    r"(?<=[؛؟])(?=[\w«(])|(?<=،)(?=[^\W\d]|[«(])|(?<=\D،)(?=\d)"
    rf"|(?<=[{zwnj.PERSIAN_LETTERS}]{{2}}[.!])(?=[{zwnj.PERSIAN_LETTERS}])"
)  # a full stop glued to the next sentence, not an initial (ق.م) or a decimal
# Bidi marks: RLM, LRM and ALM between two Persian letters are a keyboard's half-space (می‏روم);
# elsewhere they and the embedding and isolate controls only steer display, and are dropped
MARKS = "\u200e\u200f\u061c"
BIDI_HALF_SPACE = re.compile(
    rf"(?<=[{zwnj.PERSIAN_LETTERS}])[{MARKS}]+(?=[{zwnj.PERSIAN_LETTERS}])"
)
BIDI = re.compile(f"[{MARKS}\u202a-\u202e\u2066-\u2069]")
ZWNJ_NOISE = re.compile(r"\u200c{2,}| ?\u200c ?")
KEY_LETTERS = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ؤ": "و", "أ": "ا",
        "إ": "ا", "آ": "ا", "ٱ": "ا", "،": ",", "؛": ";", "؟": "?", "«": '"', "»": '"',
        "\u200c": None, "ـ": None,
    }
    | dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"), None)
    | dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"), None)
)  # fmt: skip


@dataclass(frozen=True)
class StrayLetter:
    """Letters of another script removed from a Persian word."""

    letters: str
    word: str
    script: str
    line: int  # 1-based line of the normalized text

    def __str__(self) -> str:
        return f"removed {self.script} {self.letters!r} from {self.word!r}"


def normalize(text: str, *, restore_zwnj: bool = True, zwnj_spelling: str = "common") -> str:
    """Return *text* normalized (the module's rules); idempotent.

    *zwnj_spelling* (``"common"`` or ``"academy"``) chooses how restored words are spelled
    where Persian writes them both ways (:func:`corpus.zwnj.restore`).

    >>> normalize("سیاستهای نفتي در قفقاز")
    'سیاست\u200cهای نفتی در قفقاز'
    """
    return normalize_with_report(text, restore_zwnj=restore_zwnj, zwnj_spelling=zwnj_spelling)[0]


def normalize_with_report(
    text: str, *, restore_zwnj: bool = True, zwnj_spelling: str = "common"
) -> tuple[str, list[StrayLetter]]:
    """Like :func:`normalize`, also returning the stray letters it removed.

    Lines are normalized independently, but the words of the whole text decide ambiguous
    ZWNJ readings (منطقه‌ای or منطق‌های): give it a whole document, one paragraph a line.
    With ``restore_zwnj=False`` every rule applies except the restoration of lost ZWNJs.
    """
    text = PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = unicodedata.normalize("NFC", text).translate(LETTERS)
    text = BIDI.sub("", BIDI_HALF_SPACE.sub("\u200c", text))
    strays: list[StrayLetter] = []
    text = _spacing(STRAY.sub(lambda m: _remove_stray(m, strays), text))
    text = _clean_zwnj(text)
    if restore_zwnj:
        text = _clean_zwnj(zwnj.restore(text, zwnj_spelling))
    text = _spacing(text)
    return unicodedata.normalize("NFC", text), strays


def matching_key(text: str) -> str:
    """Return the key under which two spellings of the same words compare equal.

    >>> matching_key("تعیین‌کننده") == matching_key("تعيين كننده") == matching_key("تعیینکننده")
    True
    """
    if unicodedata.is_normalized("NFKC", text):  # then each character is keyed on its own
        return text.translate(_KEY_TABLE)
    return _key(text)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(LETTERS).translate(KEY_LETTERS)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return "".join(text.casefold().split())


class _CharKeys(dict[int, str]):
    """Each character's key (:func:`_key` of it alone), computed when first met: the key of
    an NFKC text, whose characters are all unchanged by NFKC, is theirs put together, since
    every step after NFKC maps a character by itself."""

    def __missing__(self, char: int) -> str:
        self[char] = key = _key(chr(char))
        return key


_KEY_TABLE = _CharKeys()


def _remove_stray(match: re.Match[str], strays: list[StrayLetter]) -> str:
    text = match.string
    start, end = match.start(), match.end()
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    script = unicodedata.name(match.group()[0], "UNKNOWN").split()[0].title()
    line = text.count("\n", 0, start) + 1
    strays.append(StrayLetter(match.group(), text[start:end], script, line))
    return ""


def _spacing(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = SPACES.sub(" ", line).strip()
        line = SPACE_AFTER.sub("", SPACE_BEFORE.sub("", line))
        lines.append(MISSING_SPACE.sub(" ", line))
    return "\n".join(lines)


def _clean_zwnj(text: str) -> str:
    text = ZWNJ_NOISE.sub(lambda m: " " if " " in m.group() else "\u200c", text)
    chars = list(text)
    for i, char in enumerate(chars):
        if char != "\u200c":
            continue
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if not (_is_letter(before) and _is_letter(after)) or before in zwnj.NON_JOINING:
            chars[i] = ""
    return "".join(chars)


def _is_letter(char: str) -> bool:
    return bool(char) and "\u0600" <= char <= "\u06ff" and char.isalpha()
