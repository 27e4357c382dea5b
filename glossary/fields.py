"""Parse the text of one cell (of a workbook or a TSV) into the value of a Term field, and read
the term status vocabulary that TBX and other tools' term lists share."""

from __future__ import annotations

import typing

from glossary.model import COLUMNS, LIST_SEPARATOR, Status, Term

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


def term_status(text: str) -> str:
    """One of :data:`PREFERRED`, :data:`ADMITTED`, :data:`DEPRECATED`, :data:`SUPERSEDED` for
    an administrative status (any case, ``-admn-sts`` or not: ``preferredTerm-admn-sts``,
    ``notRecommended``, ``Deprecated``), "" for another value (ISO 30042, TBX-Basic)."""
    key = "".join(text.split()).casefold().removesuffix("-admn-sts")
    return TERM_STATUSES.get(key, "")
