"""Filters of sentence pairs for MT training data: each says why it rejects a pair.

The rules are the usual hard rules of parallel-corpus cleaning (OpusFilter's ``LengthFilter``,
``LengthRatioFilter`` and ``LanguageIDFilter``; bicleaner-hardrules' ``identical``, ``no
letters`` and ``different numbers`` rules), made to read Persian right:

- ``length``: each side has from ``min_words`` to ``max_words`` words (white-space separated;
  a ZWNJ does not separate words);
- ``ratio``: the longer side has at most ``max_ratio`` times the characters of the shorter
  (white space not counted; OpusFilter's default threshold is 3);
- ``identical``: the two sides are the same text once case, spelling variants, spaces and
  punctuation are left aside (an untranslated segment, a line of figures), by
  :func:`corpus.normalize.matching_key`;
- ``script``: at least ``min_script`` of the Persian side's words (each by the script of most
  of its letters) are in the Arabic script, and of the English side's in the Latin script
  (the sides swapped, an untranslated or wrong-language segment: close to 0%); counted in
  words, not letters, and by default 30%, so that a Persian sentence naming many Latin terms
  is kept (``گیرنده‌های HCoV … مانند aminopeptidase N برای HCoV-229E``: 47% of its words,
  TICO-19's lowest but one; its lowest, 9%, is a list of English names);
- ``numbers``: the figures of the two sides agree, as ``tmkit check``'s ``number-mismatch``
  rule compares them (:mod:`glossary.figures`): Persian and Arabic-Indic digits are read as
  digits, ``٫`` and ``/`` as Persian writes decimals, thousands separators of either script,
  ``۸۰ هزار`` = 80,000, a number the other side writes in words or as the other calendar's
  year. bicleaner's rule keeps nothing but ``[0-9]``, so every Persian figure is missing from
  the Persian side and every pair with a figure is dropped; here ``۱۹۹۷`` = ``1997``.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.normalize import matching_key

FILTERS = ("length", "ratio", "identical", "script", "numbers")


@dataclass(frozen=True)
class FilterSettings:
    """Which filters run and their thresholds.

    :param names: the filters to run, of :data:`FILTERS`.
    :param min_words: the fewest words a side may have (``length``).
    :param max_words: the most words a side may have (``length``).
    :param max_ratio: the largest ratio of the two sides' lengths in characters (``ratio``).
    :param min_script: the smallest share of a side's words in its own script (``script``).
    """

    names: tuple[str, ...] = FILTERS
    min_words: int = 1
    max_words: int = 250
    max_ratio: float = 3.0
    min_script: float = 0.3

    def as_dict(self) -> dict:
        """The settings as a manifest records them."""
        return {
            "filters": list(self.names),
            "min_words": self.min_words,
            "max_words": self.max_words,
            "max_ratio": self.max_ratio,
            "min_script": self.min_script,
        }


@dataclass(frozen=True)
class Rejection:
    """Why a filter rejected a pair: the filter's name and what it found."""

    filter: str
    detail: str


def rejections(fa: str, en: str, settings: FilterSettings = FilterSettings()) -> list[Rejection]:
    """Every filter of *settings* that rejects the pair (*fa*, *en*), in :data:`FILTERS`'s
    order; an empty list keeps the pair.

    >>> [r.filter for r in rejections("در سال ۱۹۹۷", "In 1998")]
    ['numbers']
    >>> rejections("در سال ۱۹۹۷", "In 1997")
    []
    """
    return reject_pairs([(fa, en)], settings)[0]


def reject_pairs(
    pairs: Sequence[tuple[str, str]], settings: FilterSettings = FilterSettings()
) -> list[list[Rejection]]:
    """:func:`rejections` of each of *pairs* (Persian, English), in order."""
    from glossary.checks import NumberMismatch, SegmentPair, check_units
    from glossary.model import Glossary

    numbers: list[list[str]] = [[] for _ in pairs]
    if "numbers" in settings.names:
        units = [SegmentPair(str(n), fa, en) for n, (fa, en) in enumerate(pairs)]
        for finding in check_units(units, Glossary(()), [NumberMismatch]):
            numbers[int(finding.tuid)].append(_sides_named(finding.message))
    result = []
    for (fa, en), mismatched in zip(pairs, numbers, strict=True):
        kept: list[Rejection] = []
        for name in FILTERS:
            if name not in settings.names:
                continue
            detail = "; ".join(mismatched) if name == "numbers" else _CHECKS[name](fa, en, settings)
            if detail:
                kept.append(Rejection(name, detail))
        result.append(kept)
    return result


def _sides_named(message: str) -> str:
    """The number rule's message with the sides named by language (this source is Persian)."""
    return message.replace("the source", "the Persian").replace("the target", "the English")


def _length(fa: str, en: str, settings: FilterSettings) -> str:
    problems = []
    for side, text in (("Persian", fa), ("English", en)):
        words = len(text.split())
        if words < settings.min_words:
            problems.append(f"the {side} side has {words} words (at least {settings.min_words})")
        elif words > settings.max_words:
            problems.append(f"the {side} side has {words} words (at most {settings.max_words})")
    return "; ".join(problems)


def _ratio(fa: str, en: str, settings: FilterSettings) -> str:
    lengths = [len("".join(text.split())) for text in (fa, en)]
    if min(lengths) == 0:
        return ""  # an empty side is the length filter's
    ratio = max(lengths) / min(lengths)
    if ratio <= settings.max_ratio:
        return ""
    return (
        f"length ratio {ratio:.2f} > {settings.max_ratio:g} "
        f"(Persian {lengths[0]} characters, English {lengths[1]})"
    )


def _identical(fa: str, en: str, settings: FilterSettings) -> str:
    keys = ["".join(c for c in matching_key(text) if c.isalnum()) for text in (fa, en)]
    if keys[0] and keys[0] == keys[1]:
        return "the two sides are the same text"
    return ""


def _script(fa: str, en: str, settings: FilterSettings) -> str:
    problems = []
    for side, text, script in (("Persian", fa, "Arabic"), ("English", en, "Latin")):
        words = [w for w in text.split() if any(c.isalpha() for c in w)]
        if not words:
            continue
        share = sum(_word_script(w) == script for w in words) / len(words)
        if share < settings.min_script:
            problems.append(
                f"{100 * share:.0f}% of the {side} side's words are in the {script} script "
                f"(at least {100 * settings.min_script:.0f}%)"
            )
    return "; ".join(problems)


def _word_script(word: str) -> str:
    """The script most of *word*'s letters are in (:func:`_script_of`)."""
    scripts = Counter(_script_of(c) for c in word if c.isalpha())
    return scripts.most_common(1)[0][0]


def line_script(text: str) -> str:
    """The script most of *text*'s letters are in (``Arabic``, ``Latin`` …; ``""`` when it has
    no letters), by :func:`_script_of`, as the ``script`` filter reads a word."""
    scripts = Counter(_script_of(c) for c in text if c.isalpha())
    return scripts.most_common(1)[0][0] if scripts else ""


def _script_of(char: str) -> str:
    """``Arabic``, ``Latin`` or another script's first word, from the character's name."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0].title() if name else ""


_CHECKS = {
    "length": _length,
    "ratio": _ratio,
    "identical": _identical,
    "script": _script,
}  # numbers: tmkit check's number-mismatch rule, run on all pairs at once (reject_pairs)


def parse_filters(text: str) -> tuple[str, ...]:
    """Filter names from a comma-separated list (``all`` or ``none`` too), in
    :data:`FILTERS`'s order.

    :raises ValueError: a name that is not a filter, naming it.
    """
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if names == ["all"]:
        return FILTERS
    if names == ["none"]:
        return ()
    unknown = [name for name in names if name not in FILTERS]
    if unknown:
        raise ValueError(f"{', '.join(unknown)}: not a filter (choose from {', '.join(FILTERS)})")
    return tuple(name for name in FILTERS if name in names)


def count_rejections(found: Sequence[Sequence[Rejection]]) -> dict[str, int]:
    """How many pairs each filter rejected (a pair counts under each filter that fired)."""
    counts = dict.fromkeys(FILTERS, 0)
    for pair in found:
        for rejection in pair:
            counts[rejection.filter] += 1
    return counts
