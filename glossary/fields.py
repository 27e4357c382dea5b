"""Parse the text of one cell (of a workbook or a TSV) into the value of a Term field, and read
the term status vocabulary that TBX and other tools' term lists share."""

from __future__ import annotations

import re
import typing
from dataclasses import replace

from glossary.model import COLUMNS, FORM_SEPARATORS, LIST_SEPARATOR, Domain, Glossary, Status, Term

# A term's administrative status (ISO 30042 TBX; TBX-Basic's administrativeStatus picklist,
# with or without its "-admn-sts" suffix, its user-facing names as TermWeb, Crowdin and Phrase
# write them, and TBX 2008's normativeAuthorization values), as one of four:
PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = "preferred", "admitted", "deprecated", "superseded"
TERM_STATUSES = {
    "preferredterm": PREFERRED, "preferred": PREFERRED, "standardizedterm": PREFERRED,
    "legalterm": PREFERRED, "regulatedterm": PREFERRED,
    "admittedterm": ADMITTED, "admitted": ADMITTED,
    "deprecatedterm": DEPRECATED, "deprecated": DEPRECATED, "notrecommended": DEPRECATED,
    "notrecommendedterm": DEPRECATED, "forbidden": DEPRECATED, "forbiddenterm": DEPRECATED,
    "supersededterm": SUPERSEDED, "superseded": SUPERSEDED, "obsolete": SUPERSEDED,
}  # fmt: skip
OWN_TERM_STATUS = {  # tmkit's statuses, as a term list's per-language column (Phrase) has them
    Status.APPROVED.value: PREFERRED,
    Status.PROPOSED.value: ADMITTED,
    Status.DEPRECATED.value: DEPRECATED,
}
CONCEPT_STATUS = {  # a concept's status from its main term's
    PREFERRED: Status.APPROVED,
    ADMITTED: Status.PROPOSED,
    SUPERSEDED: Status.DEPRECATED,
    DEPRECATED: Status.DEPRECATED,
}
TERM_STATUS_NAMES = (
    "preferred (approved), admitted (proposed), deprecated (notRecommended, forbidden) "
    "or superseded"
)

STATUSES = ", ".join(s.value for s in list(Status)[:-1]) + f" or {list(Status)[-1].value}"
FIELD_TYPES = typing.get_type_hints(Term)
FIELD_KINDS = {name: FIELD_TYPES[name] for name, _, _ in COLUMNS}
LIST_FIELDS = frozenset(
    name for name, kind in FIELD_TYPES.items() if typing.get_origin(kind) is tuple
)
IDENTIFIERS = frozenset({"id", "domain", "status"})
REQUIRED_FIELDS = frozenset(name for name, _, required in COLUMNS if required)


def field_value(name: str, text: str) -> object:
    """The value of field *name* for a cell holding *text* (lists split on ``;``).

    :raises ValueError: an unknown status, a yes/no cell holding something else.
    """
    kind = FIELD_TYPES[name]
    if name in LIST_FIELDS:
        return tuple(item.strip() for item in text.split(LIST_SEPARATOR) if item.strip())
    if kind is Status:
        try:
            return Status(text.strip().casefold())
        except ValueError:
            found = term_status(text)
            if found:  # a term list from another tool: its main term's status
                return CONCEPT_STATUS[found]
            raise ValueError(f"unknown status {text.strip()!r}") from None
    if kind is bool:
        flag = text.strip().casefold()
        if flag not in {"", "yes", "no", "true", "false", "1", "0"}:
            raise ValueError(f"expected yes or no, found {text.strip()!r}")
        return flag in {"yes", "true", "1"}
    return text.strip() if name in IDENTIFIERS else text


_FORM_SEPARATOR = re.compile("|".join(map(re.escape, FORM_SEPARATORS)))
TERM_FIELDS = {"fa": "fa_variants", "en": "en_variants"}  # a term and its variants' field
FORM_FIELDS = ("fa", "fa_variants", "en", "en_variants", "forbidden")


def split_forms(text: str) -> tuple[str, ...]:
    """The forms of one cell split on any of :data:`glossary.model.FORM_SEPARATORS` (``;``,
    ``|``, ``؛``), stripped, the empty ones left out: ``pipe line | conduit`` → two forms."""
    return tuple(form.strip() for form in _FORM_SEPARATOR.split(text) if form.strip())


def has_form_separator(text: str) -> bool:
    """Whether *text* holds one of :data:`glossary.model.FORM_SEPARATORS`."""
    return bool(_FORM_SEPARATOR.search(text))


def split_term_forms(term: Term) -> tuple[Term, int]:
    """*term* with every form cell that holds several forms split, and how many cells were
    split (a list cell's ``;``, the workbook's own separator, is not counted): a term cell's
    first form is the term and the rest its first variants (``pipeline; pipe line`` → the term
    ``pipeline``, the variant ``pipe line``), a variant or forbidden cell's every form one
    form. A variant equal to its term, or to an earlier variant, is left out
    (:func:`distinct_variants`)."""
    split = 0
    values: dict[str, typing.Any] = {}
    for name in ("forbidden", *TERM_FIELDS.values()):
        items = [split_forms(item) for item in getattr(term, name)]
        split += sum(len(forms) > 1 for forms in items)
        values[name] = tuple(form for forms in items for form in forms)
    for name, variants in TERM_FIELDS.items():
        first, *rest = split_forms(getattr(term, name)) or ("",)
        if rest:
            split += 1
            values[name] = first
        values[variants] = distinct_variants(first, (*rest, *values[variants]))
    return replace(term, **values), split


def is_identifier(text: str) -> bool:
    """Whether *text* can be an id (a concept's or a domain's): not empty, no white space and
    no list separator (``energy policy; oil industry`` is two subject fields' names, not an
    id)."""
    return bool(text) and text == "".join(text.split()) and not has_form_separator(text)


def make_identifier(text: str) -> str:
    """An id for a name that is not one (:func:`is_identifier`): its first form (the first of
    several subject fields, ``energy policy; oil industry``) with hyphens for its spaces,
    ``energy-policy``; an id is kept as it is."""
    first = next(iter(split_forms(text)), "")
    return "-".join(first.split())


def with_domain_ids(glossary: Glossary) -> tuple[Glossary, list[str]]:
    """*glossary* with every domain that is no id (:func:`is_identifier`: a TBX subject field's
    text, ``energy policy; oil industry``) made one (:func:`make_identifier`,
    ``energy-policy``), the domain added to its domains with the first subject field as its
    name and the whole text as its description (nothing of it lost); and a note for each,
    naming the text and the id."""
    made: dict[str, str] = {}
    domains = list(glossary.domains)
    terms = []
    for term in glossary.terms:
        text = term.domain.strip()
        domain = made.get(text) or make_identifier(text)
        if is_identifier(text) or not domain:
            terms.append(term)
            continue
        if text not in made:
            made[text] = domain
            if domain not in {d.id for d in domains}:
                name = split_forms(text)[0]
                domains.append(Domain(domain, name, text if text != name else ""))
        terms.append(replace(term, domain=domain))
    notes = [f"domain {text!r} is no id: imported as {domain!r}" for text, domain in made.items()]
    return Glossary(tuple(terms), tuple(domains)), notes


def with_forms_split(glossary: Glossary) -> tuple[Glossary, int]:
    """*glossary* with every cell holding several forms split (:func:`split_term_forms`), and
    how many cells were."""
    terms, split = [], 0
    for term in glossary.terms:
        term, count = split_term_forms(term)
        terms.append(term)
        split += count
    return replace(glossary, terms=tuple(terms)), split


def split_note(split: int) -> list[str]:
    """The one-line note of an import that split *split* cells (none when it split none)."""
    if not split:
        return []
    return [
        f"{split} cell{'s' * (split != 1)} held several forms (separated by ; | or ؛) and "
        "were split: a term cell's first form the term, the others its variants"
    ]


def form_key(form: str) -> str:
    """What two forms are the same form by: their characters, white space folded (a ZWNJ is
    no white space: ``نفت‌خام`` and ``نفت خام`` are two spellings)."""
    return " ".join(form.split())


def distinct_variants(term: str, variants: tuple[str, ...]) -> tuple[str, ...]:
    """*variants* without the term itself and without repeats, compared as the same characters
    once white space is folded: a spelling that differs by a ZWNJ (``نفت‌خام`` beside ``نفت
    خام``) is a real spelling variant and stays."""
    seen = {form_key(term)}
    kept = []
    for variant in variants:
        key = form_key(variant)
        if key not in seen:
            seen.add(key)
            kept.append(variant)
    return tuple(kept)


def term_status(text: str) -> str:
    """One of :data:`PREFERRED`, :data:`ADMITTED`, :data:`DEPRECATED`, :data:`SUPERSEDED` for
    an administrative status (any case, ``-admn-sts`` or not: ``preferredTerm-admn-sts``,
    ``notRecommended``, ``Deprecated``), "" for another value (ISO 30042, TBX-Basic)."""
    key = "".join(text.split()).casefold().removesuffix("-admn-sts")
    return TERM_STATUSES.get(key, "")
