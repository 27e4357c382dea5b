"""Language tags, read the same way everywhere in tmkit (TMX, TBX, CSV term lists, PO, projects).

A tag is canonicalized by ``langcodes`` (BCP 47, RFC 5646): ``_`` or ``-`` between subtags, any
case, deprecated and individual-language codes replaced by their macrolanguage. So ``fa``,
``fa_IR``, ``FA-ir``, ``fas``, ``per``, ``pes``, ``pes-IR`` (Iranian Persian) and ``prs``
(Dari, ``fa-AF``) are all Persian, and ``en``, ``en_US``, ``eng`` all English. A tag langcodes
cannot parse is compared by its first subtag, lower case.
"""

from __future__ import annotations

from functools import lru_cache

import langcodes


@lru_cache(maxsize=1024)
def canonical_language(tag: str) -> str:
    """A language tag as BCP 47 writes it (``fa_IR`` → ``fa-IR``, ``pes`` → ``fa``, ``prs`` →
    ``fa-AF``); a tag langcodes cannot parse comes back stripped, as given.

    >>> canonical_language("FA-ir"), canonical_language("pes-IR"), canonical_language("prs")
    ('fa-IR', 'fa-IR', 'fa-AF')
    """
    try:
        return langcodes.standardize_tag(tag.strip(), macro=True)
    except (langcodes.LanguageTagError, ValueError):
        return tag.strip()


def primary_language(tag: str) -> str:
    """The language subtag of a canonical *tag*, lower case: ``pes-IR`` → ``fa``.

    >>> primary_language("fa_IR"), primary_language("pes"), primary_language("eng")
    ('fa', 'fa', 'en')
    """
    return canonical_language(tag).replace("_", "-").split("-")[0].casefold()


def is_persian(tag: str) -> bool:
    """Whether a language tag names Persian (``fa``, ``fa-IR``, ``fa_AF``, ``pes``, ``prs`` …)."""
    return primary_language(tag) == "fa"


def is_english(tag: str) -> bool:
    """Whether a language tag names English (``en``, ``en-GB``, ``en_US``, ``eng``)."""
    return primary_language(tag) == "en"
