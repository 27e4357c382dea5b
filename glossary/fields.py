"""Parse the text of one cell (of a workbook or a TSV) into the value of a Term field."""

from __future__ import annotations

import typing

from glossary.model import COLUMNS, LIST_SEPARATOR, Status, Term

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
            raise ValueError(f"unknown status {text.strip()!r}") from None
    if kind is bool:
        flag = text.strip().casefold()
        if flag not in {"", "yes", "no", "true", "false", "1", "0"}:
            raise ValueError(f"expected yes or no, found {text.strip()!r}")
        return flag in {"yes", "true", "1"}
    return text.strip() if name in IDENTIFIERS else text
