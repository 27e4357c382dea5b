"""The glossary's values: concepts (one row of the workbook each) and the glossary itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from corpus.errors import CorpusError


class GlossaryError(CorpusError):
    """Bad glossary input: names the file, the sheet and cell (``terms.xlsx:Terms!C14``)."""


class Status(StrEnum):
    """A concept's status: approved terms are required, deprecated ones warned about."""

    APPROVED = "approved"
    PROPOSED = "proposed"
    DEPRECATED = "deprecated"


# The Terms sheet's columns, in order: (field name, header shown to editors, required)
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("id", "id", True),
    ("domain", "domain", True),
    ("fa", "Persian term", True),
    ("fa_variants", "Persian variants", False),
    ("en", "English term", True),
    ("en_variants", "allowed English variants", False),
    ("forbidden", "forbidden English forms", False),
    ("pos", "part of speech", False),
    ("status", "status", True),
    ("note", "note", False),
    ("source", "source", False),
    ("case_sensitive", "case-sensitive", False),
)
LIST_SEPARATOR = ";"  # between the variants in one cell
# What term tools put between the forms of one cell: the workbook's own ";", "|" (MultiTerm's
# and many term lists' synonyms) and the Persian semicolon U+061B "؛" (a Persian editor's ";").
# A term or a variant never holds one (lint's list-separator; a term list's cell is split).
FORM_SEPARATORS = (LIST_SEPARATOR, "|", "\u061b")


@dataclass(frozen=True)
class Term:
    """One concept: a Persian term and its English rendering, with variants and status.

    :param fa_variants: other Persian spellings or expressions of the same concept.
    :param en_variants: other English forms that are accepted in a translation.
    :param forbidden: English forms that must not be used for this concept.
    :param case_sensitive: match the English forms with their case (for names like "Dawn").
    """

    id: str
    domain: str
    fa: str
    en: str
    status: Status = Status.APPROVED
    fa_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    pos: str = ""
    note: str = ""
    source: str = ""
    case_sensitive: bool = False

    @property
    def persian_forms(self) -> tuple[str, ...]:
        return (self.fa, *self.fa_variants)

    @property
    def english_forms(self) -> tuple[str, ...]:
        return (self.en, *self.en_variants)


@dataclass(frozen=True)
class Domain:
    """A subject field of the glossary (the Domains sheet)."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Glossary:
    """The concepts and domains of a termbase, in the workbook's order."""

    terms: tuple[Term, ...]
    domains: tuple[Domain, ...] = field(default=())

    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}


def bundled_glossary_path() -> Path:
    """The glossary shipped with tmkit (``glossary/terms.xlsx``)."""
    return Path(str(resources.files("glossary").joinpath("terms.xlsx")))
