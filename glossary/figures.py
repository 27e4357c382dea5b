"""Figures in a segment, for the number check: digits in either script, and numbers in words.

``figures`` reads the numbers written with digits as canonical values (Persian and Western
digits, decimal and thousands separators, dates and ranges); ``written_out`` accepts a figure
that the other side writes in words (twenty, بیست) or as the other calendar's year;
``readings`` also reads times of day, decades and the digits of names aside, and
``differences`` compares two sides with all of these.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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
    """Return the figures written with digits in *text* as canonical values (the plain
    numbers: the times, decades and names' digits that :func:`readings` reads aside are not
    among them).

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
    return readings(text, language)[0]


# a span of years whose end keeps its last two digits: 2019–20, 1957-58 (2019 to 2020)
SHORT_YEAR_SPAN = re.compile(
    r"(?<![\d.,/٫])(\d\d)(\d\d)(\s*[-\u2010-\u2015]\s*)(\d\d)(?![\d٫]|[.,/]\d)"
)


# Persian often writes it end first, as it reads right to left: 11-2010, 20-2019
SHORT_YEAR_SPAN_FA = re.compile(
    r"(?<![\d.,/٫])(\d\d)(\s*[-\u2010-\u2015]\s*)(\d\d)(\d\d)(?![\d٫]|[.,/]\d)"
)


def every_number(text: str, language: str) -> set[str]:
    """The figures of *text* as :func:`figures` reads them, the digits of its times, decades
    and names among them (``COVID-19``'s 19): what two sides share, as the aligner's anchors
    (:mod:`tm.anchors`) want, rather than what a translation must keep."""
    return _numbers(text, language)


def _numbers(text: str, language: str) -> set[str]:
    text = SHORT_YEAR_SPAN.sub(_whole_years, text)
    if language == "fa":
        text = SHORT_YEAR_SPAN_FA.sub(_whole_years_end_first, text)
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


def _whole_years(span: re.Match[str]) -> str:
    century, start, dash, end = span.groups()
    if int(_western(end)) <= int(_western(start)):
        return span.group()  # not a later year of the same century: 1998-02, 2019–19
    return f"{century}{start}{dash}{century}{end}"


def _whole_years_end_first(span: re.Match[str]) -> str:
    end, dash, century, start = span.groups()
    if int(_western(end)) <= int(_western(start)):
        return span.group()
    return f"{century}{end}{dash}{century}{start}"


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


# --- times, decades and names ---------------------------------------------------------------

_MERIDIEM = r"\s*([ap])\.?\s?m(?![^\W\d_])\.?"  # a.m., pm, PM
EN_TIME = re.compile(
    rf"(?<![\w.,:/])(\d{{1,2}})(?:[:.](\d{{2}}))?(?:{_MERIDIEM}|\s*o['’]clock)", re.IGNORECASE
)  # 8 p.m., 8:00 a.m., 8.30 pm, 8 o'clock
CLOCK = re.compile(r"(?<![\w.,:٫])(\d{1,2}):(\d{2})(?![\d:])")  # 08:30, ۸:۳۰
_FA_HALVES = {"صبح": "a", "بامداد": "a", "ظهر": "p", "بعدازظهر": "p", "بعد از ظهر": "p",
              "عصر": "p", "شب": "p"}  # fmt: skip
_FA_HALF = "|".join(sorted(_FA_HALVES, key=len, reverse=True))
FA_TIME = re.compile(
    rf"(?<![\w\u200c])ساعت\s*(\d{{1,2}})(?:\s*[:٫.]\s*(\d{{2}})|\s+و\s+(\d{{1,2}})(?:\s+دقیقه)?)?"
    rf"(?:\s+({_FA_HALF}))?"
    rf"|(?<![\w.,:/٫])(\d{{1,2}})(?:[:٫.](\d{{2}}))?\s+({_FA_HALF})(?![\w\u200c])"
)  # ساعت ۸, ساعت ۸:۳۰ صبح, ساعت ۸ و ۳۰ دقیقه, ۸ شب
EN_DECADE = re.compile(r"(?<![\w'’])(?:(1[5-9]|20)(\d)0|['’](\d)0)s(?![^\W\d_])")  # 1940s, '40s
_FA_TEN_WORDS = "|".join(_FA_TENS)
FA_DECADE = re.compile(
    r"(?<![\w\u200c])دهه(?:\u200c?(?:ی|ها|های))?\s+"
    rf"(?:(\d\d)(\d)[0۰٠]|(\d)[0۰٠]|({_FA_TEN_WORDS}))(?![\w\u200c])"
)  # دهه ۱۹۴۰, دهه‌ی 40, دهه چهل
TOKEN = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")  # a word, hyphened parts and all
HYPHEN = re.compile(r"[-\u2010\u2011]")


def _name_digits(token: str) -> list[tuple[int, int]]:
    """The spans of the digit runs of *token* that are part of a name, not figures: glued to a
    Latin word (COVID-19, H1N1, G7, CoV-2, 5G, 2019-nCoV) or, by a hyphen, to a Persian one
    (کووید-۱۹). A lowercase word hyphened to a number is running text (mid-2020, a 10-day
    stay), and so are a number's unit and ordinal (10mg, 15th)."""
    spans = []
    parts = [(m.start(), m.group()) for m in re.finditer(r"[^-\u2010\u2011]+", token)]
    for i, (offset, part) in enumerate(parts):
        before = parts[i - 1][1] if i else ""
        after = parts[i + 1][1] if i + 1 < len(parts) else ""
        for run in re.finditer(r"\d+", part):
            start, end = run.span()
            glued = (
                (start > 0 and _latin(part[start - 1]))
                or (end < len(part) and part[end].isupper() and _latin(part[end]))
                or (start == 0 and _capitalised_latin(before))
                or (start == 0 and before and not _latin(before[-1]) and before[-1].isalpha())
                or (end == len(part) and _capitalised_latin(after))
            )
            if glued:
                spans.append((offset + start, offset + end))
    return spans


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _capitalised_latin(part: str) -> bool:
    return any(_latin(c) and c.isupper() for c in part)


@dataclass(frozen=True)
class Reading:
    """A figure that is more than a number: a time of day, a decade, or a name's digits.

    Two readings of a *kind* are the same if they share one of their *keys* (a time's
    (hour, minute) in 24 hours, a decade's (century, decade), a name's letters and digits);
    a time or decade also stands for the plain numbers of one of its *plain* alternatives
    on the other side (``8:00`` for ``8``, ``1940s`` for ``1940``). A name's digits are
    wanted on the other side only when it has a name of the same *family* (its letters:
    ``HCoV-NL63`` and ``HCoV-NL6``).
    """

    kind: str
    label: str
    keys: frozenset[tuple[object, ...]]
    plain: tuple[tuple[str, ...], ...] = ()
    family: str = ""


def readings(text: str, language: str) -> tuple[set[str], list[Reading]]:
    """The plain figures of *text* (see :func:`figures`) and its times, decades and names.

    >>> numbers, found = readings("At 8:00 a.m. in the 1940s, COVID-19 and 3 cases", "en")
    >>> sorted(numbers), [(r.kind, r.label) for r in found]
    (['3'], [('time', '8:00 a.m.'), ('decade', '1940s'), ('name', 'COVID-19')])
    >>> numbers, found = readings("ساعت ۸ در دهه ۴۰، کووید-۱۹ و ۳ مورد", "fa")
    >>> sorted(numbers), [(r.kind, r.label) for r in found]
    (['3'], [('time', 'ساعت 8'), ('decade', 'دهه 40'), ('name', 'کووید-19')])
    """
    found: list[Reading] = []
    blank = list(text)

    def aside(start: int, end: int) -> None:
        blank[start:end] = " " * (end - start)

    for match in (EN_TIME if language == "en" else FA_TIME).finditer(text):
        if language == "en":
            hour, minute, half = match.group(1), match.group(2), match.group(3)
        else:
            hour, minute, half = match.group(1, 2, 4) if match.group(1) else match.group(5, 6, 7)
            minute = minute or match.group(3)
            half = _FA_HALVES[re.sub(r"\s+", " ", half)] if half else None
        time = _time(int(_western(hour)), int(_western(minute or "0")), half)
        if time:
            found.append(Reading("time", _western(match.group()).strip(), *time))
            aside(*match.span())
    for match in CLOCK.finditer("".join(blank)):
        time = _time(int(_western(match.group(1))), int(_western(match.group(2))), None)
        if time:
            found.append(Reading("time", _western(match.group()), *time))
            aside(*match.span())
    for match in (EN_DECADE if language == "en" else FA_DECADE).finditer("".join(blank)):
        if language == "en":
            century, decade = match.group(1), match.group(2) or match.group(3)
        else:
            century, decade = match.group(1), match.group(2) or match.group(3)
            if match.group(4):
                decade = str(_FA_TENS.index(match.group(4)) + 2)
        found.append(Reading("decade", _western(match.group()), *_decade(century, decade)))
        aside(*match.span())
    for token in TOKEN.finditer("".join(blank)):
        spans = _name_digits(token.group())
        if not spans:
            continue
        numbers = tuple(_canonical(_western(token.group()[a:b])) for a, b in spans)
        family = re.sub(r"\d+", "#", _western(token.group())).casefold()
        keys = frozenset({(family, numbers)})
        found.append(Reading("name", _western(token.group()), keys, (numbers,), family))
        for start, end in spans:
            aside(token.start() + start, token.start() + end)
    return _numbers("".join(blank), language), found


def _time(hour: int, minute: int, half: str | None):
    """The keys and plain alternatives of a time, or None if it is none (25:00, 13 p.m.)."""
    if minute > 59 or hour > 24 or (half and not 1 <= hour <= 12):
        return None
    if half:
        hours = {hour % 12 + (12 if half.casefold() == "p" else 0)}
    else:
        hours = {hour % 24, (hour + 12) % 24} if hour <= 12 else {hour % 24}
    written = {hour} | {h for h in hours if h} | {h - 12 for h in hours if h > 12}
    plain = tuple((str(h),) if not minute else (str(h), str(minute)) for h in sorted(written))
    return frozenset((h, minute) for h in hours), plain


def _decade(century: str | None, decade: str):
    """The keys and plain alternatives of a decade: 1940s, or 40s of an unknown century."""
    d = int(_western(decade))
    centuries = [int(_western(century))] if century else [18, 19, 20]
    plain = tuple((str(c * 100 + d * 10),) for c in centuries)
    return frozenset((c, d) for c in centuries), plain + (() if century else ((str(d * 10),),))


def differences(fa: str, en: str) -> tuple[list[str], list[str]]:
    """The figures of the Persian *fa* that the English *en* lacks, and those *en* has and *fa*
    lacks: plain numbers (:func:`figures`, :func:`written_out`), times compared as (hour,
    minute) with 12 and 24 hours alike (``8 p.m.`` = ``ساعت ۲۰``; ``8:00`` = ``ساعت ۸``),
    decades (``1940s`` = ``دهه ۴۰`` = ``دهه چهل``), and names' digits (``COVID-19``), which
    are wanted only where the other side writes a name of the same letters.

    >>> differences("ساعت ۲۰ در دهه چهل ویروس کرونا", "At 8 p.m. in the 1940s COVID-19")
    ([], [])
    >>> differences("HCoV-NL6 ساعت ۹", "HCoV-NL63 at 8:00")
    (['ساعت 9', 'HCoV-NL6'], ['8:00', 'HCoV-NL63'])
    """
    fa_numbers, fa_found = readings(fa, "fa")
    en_numbers, en_found = readings(en, "en")
    used: dict[str, set[str]] = {"fa": set(), "en": set()}

    def unmatched(found, others, numbers_there, there, text_there):
        left = []
        for reading in found:
            same = [o for o in others if o.kind == reading.kind]
            if any(o.keys & reading.keys for o in same):
                continue
            if reading.kind == "name":
                if any(o.family == reading.family for o in same):
                    left.append(reading.label)
                continue
            standing = [alt for alt in reading.plain if set(alt) <= numbers_there]
            if standing:
                used[there].update(standing[0])
            elif not any(
                len(alt) == 1 and written_out(alt[0], text_there, there, numbers_there)
                for alt in reading.plain
            ):
                left.append(reading.label)
        return left

    fa_left = unmatched(fa_found, en_found, en_numbers, "en", en)
    en_left = unmatched(en_found, fa_found, fa_numbers, "fa", fa)
    fa_names = {n for r in fa_found if r.kind == "name" for alt in r.plain for n in alt}
    en_names = {n for r in en_found if r.kind == "name" for alt in r.plain for n in alt}
    missing = sorted(
        (
            v
            for v in fa_numbers - en_numbers - en_names - used["fa"]
            if not written_out(v, en, "en", en_numbers)
        ),
        key=Decimal,
    )
    extra = sorted(
        (
            v
            for v in en_numbers - fa_numbers - fa_names - used["en"]
            if not written_out(v, fa, "fa", fa_numbers)
        ),
        key=Decimal,
    )
    return missing + fa_left, extra + en_left
