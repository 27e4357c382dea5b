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
    name = str(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GlossaryError(
            name,
            f"cannot read: {(getattr(err, 'strerror', None) or str(err)).splitlines()[0]}",
        ) from err
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#"]
    if not numbered:
        raise GlossaryError(name, "no header line", hint="the first line names the columns")
    rows = [(number, line.split("\t")) for number, line in numbered]
    return glossary_from_rows(name, rows)


def glossary_from_rows(source: str, rows: list[tuple[int, list[str]]]) -> Glossary:
    """Read concepts from rows already split into cells: ``(line, cells)``, the header first,
    as :func:`glossary_from_tsv` reads them (the CSV/TSV import uses it for lists with
    tmkit's own column names, whatever their separator and encoding).

    :raises GlossaryError: as :func:`glossary_from_tsv`.
    """
    (header_line, header), body = rows[0], rows[1:]
    for column, name in enumerate(header, 1):
        if name not in FIELD_TYPES:
            raise GlossaryError(
                source, f"unknown column {name!r}", line=header_line, column=column,
                hint="columns are Term field names: " + ", ".join(FIELD_TYPES),
            )  # fmt: skip
        if name in header[: column - 1]:
            where = {"line": header_line, "column": column}
            raise GlossaryError(source, f"duplicate column {name!r}", **where)
    missing = [name for name, _, required in COLUMNS if required and name not in header]
    if missing:
        raise GlossaryError(source, f"missing column {missing[0]!r}", line=header_line)
    terms = []
    seen: dict[str, int] = {}
    for number, cells in body:
        if len(cells) != len(header):
            raise GlossaryError(
                source, f"{len(cells)} cells where the header has {len(header)}", line=number
            )
        values: dict[str, object] = {}
        for column, (name, cell) in enumerate(zip(header, cells, strict=True), 1):
            cell = unicodedata.normalize("NFC", cell)
            if name in REQUIRED_FIELDS and not cell.strip():
                raise GlossaryError(source, f"empty {name}", line=number, column=column)
            try:
                values[name] = field_value(name, cell)
            except ValueError as err:
                hint = f"expected {STATUSES}" if name == "status" else ""
                where = {"line": number, "column": column}
                raise GlossaryError(source, str(err), hint=hint, **where) from err
        term = Term(**values)  # type: ignore[arg-type]
        if term.id in seen:
            hint = f"also on line {seen[term.id]}"
            raise GlossaryError(source, f"duplicate id {term.id!r}", line=number, hint=hint)
        seen[term.id] = number
        terms.append(term)
    return Glossary(tuple(terms))


# Reading
