"""Read a glossary from a tab-separated list (``tmkit glossary import FILE.tsv``)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from glossary.fields import FIELD_TYPES, REQUIRED_FIELDS, STATUSES, field_value
from glossary.model import COLUMNS, Glossary, GlossaryError, Term


def glossary_from_tsv(tsv_path: Path) -> Glossary:
    """Read concepts from a tab-separated file (``tmkit glossary import FILE.tsv``).

    The first line names the columns by :class:`glossary.model.Term` field name (``id``,
    ``domain``, ``fa``, ``en``, ``status`` required; any order). UTF-8, one concept a line, no
    quoting; lists separated by ``;``; ``case_sensitive`` is ``yes`` or empty. Blank lines and
    lines starting with ``#`` are skipped. The result has no domains: add them before writing.

    :raises GlossaryError: unreadable file, unknown or missing column, wrong number of cells,
        bad status, empty required cell (with the line and column).
    """
    path = Path(tsv_path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GlossaryError(
            str(path),
            f"cannot read: {(getattr(err, 'strerror', None) or str(err)).splitlines()[0]}",
        ) from err
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#"]
    if not numbered:
        raise GlossaryError(str(path), "no header line", hint="the first line names the columns")
    header_line, header = numbered[0][0], numbered[0][1].split("\t")
    for column, name in enumerate(header, 1):
        if name not in FIELD_TYPES:
            raise GlossaryError(
                str(path), f"unknown column {name!r}", line=header_line, column=column,
                hint="columns are Term field names: " + ", ".join(FIELD_TYPES),
            )  # fmt: skip
        if name in header[: column - 1]:
            where = {"line": header_line, "column": column}
            raise GlossaryError(str(path), f"duplicate column {name!r}", **where)
    missing = [name for name, _, required in COLUMNS if required and name not in header]
    if missing:
        raise GlossaryError(str(path), f"missing column {missing[0]!r}", line=header_line)
    terms = []
    seen: dict[str, int] = {}
    for number, line in numbered[1:]:
        cells = line.split("\t")
        if len(cells) != len(header):
            raise GlossaryError(
                str(path), f"{len(cells)} cells where the header has {len(header)}", line=number
            )
        values: dict[str, object] = {}
        for column, (name, cell) in enumerate(zip(header, cells, strict=True), 1):
            cell = unicodedata.normalize("NFC", cell)
            if name in REQUIRED_FIELDS and not cell.strip():
                raise GlossaryError(str(path), f"empty {name}", line=number, column=column)
            try:
                values[name] = field_value(name, cell)
            except ValueError as err:
                hint = f"expected {STATUSES}" if name == "status" else ""
                where = {"line": number, "column": column}
                raise GlossaryError(str(path), str(err), hint=hint, **where) from err
        term = Term(**values)  # type: ignore[arg-type]
        if term.id in seen:
            hint = f"also on line {seen[term.id]}"
            raise GlossaryError(str(path), f"duplicate id {term.id!r}", line=number, hint=hint)
        seen[term.id] = number
        terms.append(term)
    return Glossary(tuple(terms))


# Reading
