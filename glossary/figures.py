"""Figures in a segment, for the number check: digits in either script, and numbers in words.

``figures`` reads the numbers written with digits as canonical values (Persian and Western
digits, decimal and thousands separators, dates and ranges); ``written_out`` accepts a figure
that the other side writes in words (twenty, بیست) or as the other calendar's year.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache

from corpus.normalize import matching_key

NUMBER = re.compile(r"(?:(?<![\w.,])\.)?\d+(?:[.,٫٬،/]\d+)*")  # also .08, as English writes it
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
PERSIAN_DECIMAL = re.compile(r"\d+/\d{1,3}")  # ۲/۵, ۰/۳۱; ۱۲/۲۰۲۰ is a month and year
# a clause or section number opening a segment: «2.1. The subject», «(۲-۱) موضوع»
CLAUSE = re.compile(r"\s*\(?(\d{1,3}(?:[.\-]\d{1,3})+)[.)](?=\s)")
SCALES = {
    "fa": {"هزار": 3, "میلیون": 6, "میلیارد": 9, "بیلیون": 9, "تریلیون": 12},
    "en": {"thousand": 3, "million": 6, "billion": 9, "trillion": 12},
}
SCALE = re.compile(r"\s*([^\W\d_]+)")


def figures(text: str, language: str) -> set[str]:
    """Return the figures written with digits in *text* as canonical values.

    Persian and Western digits are the same; ``٫`` and a single ``/`` between Persian digits
    followed by one to three of them (``۲/۵``, as Persian is typed) are the decimal point,
    while a ``/`` between Western digits separates numbers in either language (``24/7``,
    ``2/3``, ``12/2020``); ``٬``, ``,`` and the Arabic comma ``،`` (which Persian writers often
    use so: ``۵۷۱،۶۷۸``) before groups of three digits separate thousands; dates such as
    ``1376/5/12`` and ranges (``1997–2003``) give each of their numbers; a scale word after a
    number multiplies it (``۸۰ هزار`` and ``80 thousand`` are ``80,000``: هزار، میلیون،
    میلیارد; thousand, million, billion); ``.08`` is ``0.08``.

    >>> sorted(figures("۸۰ درصد در سال ۱۹۹۷ و ۲/۵ درصد", "fa"))
    ['1997', '2.5', '80']
    >>> sorted(figures("۵۷۱،۶۷۸ مورد و ۱۲، ۱۳", "fa"))
    ['12', '13', '571678']
    >>> sorted(figures("به صورت 24/7 باز است", "fa"))
    ['24', '7']
    >>> sorted(figures("۸۰ هزار نفر در ۱۲/۲۰۲۰ و ۲/۵ میلیون", "fa"))
    ['12', '2020', '2500000', '80000']
    >>> sorted(figures("80,000 people, .08% and 2.5 million", "en"))
    ['0.08', '2500000', '80000']

    A clause or section number that opens the text gives its levels, however they are
    separated (``2.1. The subject``, ``۲-۱. موضوع``: 2 and 1), not a decimal:

    >>> sorted(figures("2.1. The subject of the agreement", "en"))
    ['1', '2']
    """
    values: set[str] = set()
    clause = CLAUSE.match(text)
    if clause:
        levels = re.split(r"[.\-]", clause.group(1))
        values.update(_canonical(_western(level)) for level in levels)
        text = text[clause.end() :]
    for match in NUMBER.finditer(text):
        written = match.group()
        token = _western(written).replace("٫", ".").replace("٬", ",").replace("،", ",")
        persian_digits = not written.isascii()
        if language == "fa" and persian_digits and PERSIAN_DECIMAL.fullmatch(token):
            token = token.replace("/", ".")
        numbers = []
        for part in token.split("/"):
            if THOUSANDS.fullmatch(part):
                part = part.replace(",", "")
            for piece in part.split(","):
                numbers += [piece] if piece.count(".") <= 1 else piece.split(".")
        word = SCALE.match(text, match.end())
        scale = SCALES.get(language, {}).get(word.group(1).casefold(), 0) if word else 0
        values.update(_canonical(n) for n in numbers[:-1])
        values.add(_canonical(numbers[-1], scale))
    return values


def _western(written: str) -> str:
    """*written* with its digits (Persian, Arabic-Indic or Western) as Western digits."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in written)


def _canonical(number: str, scale: int = 0) -> str:
    return format(Decimal(number).scaleb(scale).normalize(), "f")  # 2.50 → 2.5, 007 → 7


SOLAR_YEARS = range(1300, 1501)  # Solar Hijri years a figure is read as (1921–2122)


def gregorian_years(year: int) -> tuple[int, int]:
    """The two Gregorian years a Solar Hijri *year* overlaps (it starts at Nowruz, in March):
    1376 → 1997, 1998."""
    return year + 621, year + 622


def written_out(value: str, text: str, language: str, figures_there: set[str]) -> bool:
    """Whether *value* is in *text* after all: in words, or as the other calendar's year."""
    number = Decimal(value)
    if number == number.to_integral_value():
        year = int(number)
        others = [y for y in (year - 621, year - 622) if y in SOLAR_YEARS]  # its solar years
        if year in SOLAR_YEARS:
            others += gregorian_years(year)
        if any(str(other) in figures_there for other in others):
            return True  # a solar hijri year and its Gregorian year
        plain = _plain(text, language)
        if _in_words(year, plain, language):
            return True
        for word, exponent in SCALES[language].items():  # یک میلیارد, two million
            unit = 10**exponent
            if year >= unit and year % unit == 0:
                scale = word if language == "en" else matching_key(word)
                if _in_words(year // unit, plain, language, after=f" {scale}"):
                    return True
    return False


def _in_words(number: int, plain: str, language: str, after: str = "") -> bool:
    """Whether *plain* (see :func:`_plain`) writes *number* in words, followed by *after*."""
    words = _english_words(number) if language == "en" else _persian_words(number)
    return bool(words) and any(
        plain.startswith(after, found.end()) for found in words.finditer(plain)
    )


_EN_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORDINAL = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip
_FA_ONES = [
    "صفر", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه", "ده", "یازده", "دوازده",
    "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده",
]  # fmt: skip
_FA_TENS = ["بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
_FA_HUNDREDS = ["صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]


def _english_cardinal(n: int) -> str:
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens - 2] + (f" {_EN_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_EN_ONES[hundreds]} hundred" + (f" and {_english_cardinal(rest)}" if rest else "")


def _english_ordinal(n: int) -> str:
    *head, last = _english_cardinal(n).split()
    if last in _EN_ORDINAL:
        last = _EN_ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return " ".join([*head, last])


@cache
def _english_words(n: int) -> re.Pattern[str] | None:
    if not 0 <= n < 1000:
        return None
    phrases = {_english_cardinal(n), _english_ordinal(n)}
    if n % 100 == 0 and n:
        phrases.add("a hundred" if n == 100 else _english_cardinal(n))
    if n == 1:
        phrases.add("a single")
    alternatives = "|".join(
        re.escape(p).replace(r"\ and\ ", r" (?:and )?").replace(r"\ ", " ") for p in phrases
    )
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def _persian_cardinal(n: int) -> str:
    if n < 20:
        return _FA_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _FA_TENS[tens - 2] + (f" و {_FA_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return _FA_HUNDREDS[hundreds - 1] + (f" و {_persian_cardinal(rest)}" if rest else "")


@cache
def _persian_words(n: int) -> re.Pattern[str] | None:
    if not 0 <= n < 1000:
        return None
    cardinal = _persian_cardinal(n)
    if cardinal.endswith("سه"):
        ordinal = cardinal[:-2] + "سوم"
    elif cardinal.endswith("سی"):
        ordinal = cardinal + "ام"
    else:
        ordinal = cardinal + "م"
    phrases = {cardinal, ordinal, ordinal + "ین"}
    if n == 1:
        phrases |= {"اول", "نخست", "نخستین", "یکی"}
    if n == 100:
        phrases.add("یکصد")
    keys = {" ".join(matching_key(w) for w in p.split()) for p in phrases}
    return re.compile(rf"(?<!\S)(?:{'|'.join(re.escape(k) for k in sorted(keys))})(?!\S)")


def _plain(text: str, language: str) -> str:
    if language == "en":
        text = unicodedata.normalize("NFKC", text).casefold()
        return re.sub(r"[\s\-\u2010-\u2015]+", " ", text)
    return " ".join(matching_key(w) for w in re.findall(r"[\w\u200c]+", text))
