"""Language tags, read the same way everywhere in tmkit (TMX, TBX, CSV term lists, PO, projects).

A tag is canonicalized by ``langcodes`` (BCP 47, RFC 5646): ``_`` or ``-`` between subtags, any
case, deprecated and individual-language codes replaced by their macrolanguage. So ``fa``,
``fa_IR``, ``FA-ir``, ``fas``, ``per``, ``pes``, ``pes-IR`` (Iranian Persian) and ``prs``
(Dari, ``fa-AF``) are all Persian, and ``en``, ``en_US``, ``eng`` all English. A tag langcodes
cannot parse is compared by its first subtag, lower case.

A POSIX locale name, as gettext and Linux tools write one (``fa_IR.UTF-8``, ``fa_IR@latin``,
``en_GB.utf8@euro``), is read as its language and territory: the ``.codeset`` and the
``@modifier`` are dropped, so ``fa_IR.UTF-8`` is ``fa-IR``. This is the one place tmkit reads a
language tag; TMX, TBX, CSV term lists, PO headers and projects all call it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import langcodes

# Languages by their English names, as term lists' column headers give them (langcodes reads
# names only with its optional language_data package, which tmkit does not install): Persian of
# Iran and Dari (prs, fa-AF, a Persian variety as its tag is) are Persian.
LANGUAGE_NAMES = {
    "persian": "fa", "farsi": "fa", "iranian persian": "fa", "western persian": "fa",
    "dari": "fa", "dari persian": "fa", "eastern persian": "fa", "english": "en",
}  # fmt: skip

# language[_territory] then .codeset and/or @modifier: what setlocale(3) and gettext write
_POSIX_LOCALE = re.compile(
    r"([A-Za-z]{2,3}(?:_(?:[A-Za-z]{2}|[0-9]{3}))?)(?:\.[A-Za-z0-9_-]+)?(?:@[A-Za-z0-9_-]+)?"
)


@lru_cache(maxsize=1024)
def canonical_language(tag: str) -> str:
    """A language tag as BCP 47 (RFC 5646) writes it, by ``langcodes``: ``-`` between subtags,
    canonical case (language lower, script title, region upper), deprecated and
    individual-language codes replaced (``fa_IR`` → ``fa-IR``, ``pes`` → ``fa``, ``prs`` →
    ``fa-AF``, ``iw`` → ``he``); a POSIX locale name loses its ``.codeset`` and ``@modifier``
    (``fa_IR.UTF-8`` → ``fa-IR``). A tag langcodes cannot parse (``*all*``) comes back
    stripped, as given.

    >>> canonical_language("FA-ir"), canonical_language("pes-IR"), canonical_language("prs")
    ('fa-IR', 'fa-IR', 'fa-AF')
    >>> canonical_language("en_us"), canonical_language("zh-hant-tw")
    ('en-US', 'zh-Hant-TW')
    >>> canonical_language("fa_IR.UTF-8"), canonical_language("en_GB.utf8@euro")
    ('fa-IR', 'en-GB')
    """
    tag = tag.strip()
    posix = _POSIX_LOCALE.fullmatch(tag)
    if posix and ("." in tag or "@" in tag):
        tag = posix.group(1)
    try:
        return langcodes.standardize_tag(tag, macro=True)
    except (langcodes.LanguageTagError, ValueError):
        return tag


def is_language_tag(tag: str) -> bool:
    """Whether *tag* is a valid BCP 47 (RFC 5646) language tag, by ``langcodes``: well formed and
    of registered subtags, in any case and with ``_`` or ``-`` between them (a POSIX locale name
    is read as its language and territory, as :func:`canonical_language` reads it).

    >>> is_language_tag("en_gb"), is_language_tag("pes"), is_language_tag("fa_IR.UTF-8")
    (True, True, True)
    >>> is_language_tag("en US"), is_language_tag("xx-!!"), is_language_tag("english")
    (False, False, False)
    """
    return langcodes.tag_is_valid(canonical_language(tag))


def primary_language(tag: str) -> str:
    """The language subtag of a canonical *tag*, lower case: ``pes-IR`` → ``fa``.

    >>> primary_language("fa_IR"), primary_language("pes"), primary_language("eng")
    ('fa', 'fa', 'en')
    """
    return canonical_language(tag).replace("_", "-").split("-")[0].casefold()


@lru_cache(maxsize=1024)
def variety(tag: str) -> str:
    """The language, script and territory *tag* implies (CLDR's likely subtags, by
    ``langcodes``): ``fa``, ``fa-IR`` and ``pes`` are ``fa-Arab-IR``, Persian of Iran; ``prs``
    and ``fa-AF`` are ``fa-Arab-AF``, Dari, another variety. A tag langcodes cannot parse is
    its own, as :func:`canonical_language` gives it.

    >>> variety("pes"), variety("fa_IR"), variety("prs"), variety("en")
    ('fa-Arab-IR', 'fa-Arab-IR', 'fa-Arab-AF', 'en-Latn-US')
    """
    canonical = canonical_language(tag)
    try:
        likely = langcodes.Language.get(canonical).maximize()
    except (langcodes.LanguageTagError, ValueError):
        return canonical
    return "-".join(filter(None, (likely.language, likely.script, likely.territory)))


def named_language(name: str) -> str:
    """The language subtag of a language's English name (:data:`LANGUAGE_NAMES`, case and
    spacing ignored), "" for another.

    >>> named_language("Dari  Persian"), named_language("English"), named_language("Darius")
    ('fa', 'en', '')
    """
    return LANGUAGE_NAMES.get(" ".join(name.casefold().split()), "")


def is_persian(tag: str) -> bool:
    """Whether a language tag names Persian (``fa``, ``fa-IR``, ``fa_AF``, ``pes``, ``prs`` …)."""
    return primary_language(tag) == "fa"


def is_english(tag: str) -> bool:
    """Whether a language tag names English (``en``, ``en-GB``, ``en_US``, ``eng``)."""
    return primary_language(tag) == "en"
