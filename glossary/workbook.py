"""Read and write the glossary workbook (``glossary/terms.xlsx``) that editors maintain.

Format facts implemented here:

- XLSX (Office Open XML spreadsheet) read and written with openpyxl. Sheets:
  ``Terms`` (one concept a row), ``Domains`` (``id``, ``name``, ``description``) and
  ``How to edit`` (a short guide; ignored when reading, regenerated when writing). Other sheets
  are left alone.
- ``Terms``: row 1 holds the headers of :data:`glossary.model.COLUMNS` in any order (matched
  without regard to case; the field names such as ``fa`` are accepted too). A missing required
  column is an error; columns with other headers belong to the editors and are kept, per concept
  id, when the workbook is rewritten. Rows whose model cells are all empty are skipped.
- Merged cells in ``Terms`` and ``Domains`` (an editor merging B2:B5 that shows ``caspian``) are
  read as the value they show, on every row they span (unmerged on reading, so a rewrite writes
  the value in each row, and :func:`format_glossary` names the ranges). A merged range across
  two columns of which one is a field, over the header row, or down an ``id`` column is an
  error naming the range (``Terms!E3:F3: cells merged across columns …``).
- Cells hold text. A number, date or formula where text is expected is an error. Text is read
  in Unicode NFC and otherwise as typed: Persian spelling and stray spaces are reported by
  :mod:`glossary.lint` and rewritten only by :func:`format_glossary`. ``id``, ``domain`` and
  ``status`` are stripped; lists (variants, forbidden forms) are split on ``;`` and each item
  stripped. The status is matched without regard to case. :func:`read_glossary` also returns
  a :class:`Layout` (each concept's row, each field's column) so findings can name cells.
- Writing: concepts sorted by domain then id; bold frozen header (panes at A2); an autofilter
  over the data; dropdowns (list data validation) on status and on domain (the ``Domains``
  sheet's id column); Persian columns right-to-left (``readingOrder=2``, right-aligned) in
  Tahoma, which Windows, macOS and LibreOffice render Persian with. Values beginning with
  ``= + - @`` are written as text with the quote prefix, so Excel never evaluates them.
- Editors' formatting survives a rewrite (``template``): column widths, each cell's font, fill,
  border and alignment (following its concept when rows are sorted), extra columns with their
  values and dropdowns, extra sheets, the Terms sheet's other settings. Rows an editor typed
  without formatting get the standard one.
- Safety (checked with openpyxl 3.1): openpyxl parses worksheets and shared strings with
  defusedxml whenever defusedxml is importable (``openpyxl.DEFUSEDXML``; tmkit depends on
  defusedxml), which refuses any entity declaration: such a workbook (an entity-expansion
  "billion laughs" attack) gives "refusing unsafe XML". openpyxl parses the other parts
  (workbook, styles, properties) with lxml and ``resolve_entities=False``; libxml2 stops an
  expansion there itself ("not an XLSX workbook" with its message). Every workbook is refused
  when defusedxml is unavailable or switched off (``OPENPYXL_DEFUSEDXML=False``). A workbook
  whose central directory says it inflates past :data:`corpus.zipsafe.INFLATED_LIMIT` (a zip
  bomb) is refused before any member is inflated.
- Deterministic: the same glossary (and template) gives byte-identical files. openpyxl stamps
  the clock into ``docProps/core.xml`` and every ZIP member; both get a fixed time instead,
  ``SOURCE_DATE_EPOCH`` when set (read by :mod:`corpus.sourcedate`, as the TMX and PO dates
  are: a value that is not a Unix time is a one-line error naming it, nothing written; a date
  a ZIP file cannot hold is taken as 1980-01-01 or 2107-12-31), else 2000-01-01T00:00:00Z.
"""

from __future__ import annotations

import dataclasses
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from copy import copy
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from corpus.atomic import atomic_output
from corpus.normalize import normalize
from corpus.sourcedate import source_date_epoch
from corpus.zipsafe import check_inflated
from glossary.fields import (
    LIST_FIELDS,
    STATUSES,
    field_value,
)
from glossary.model import COLUMNS, LIST_SEPARATOR, Domain, Glossary, GlossaryError, Status, Term

TERMS, DOMAINS, GUIDE = "Terms", "Domains", "How to edit"
DOMAIN_COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("id", "id", True),
    ("name", "name", True),
    ("description", "description", False),
)
PERSIAN_FIELDS = frozenset({"fa", "fa_variants"})
MULTILINE_FIELDS = frozenset({"note"})  # line breaks in them are the editor's, and kept
FORMULA_START = ("=", "+", "-", "@")
PERSIAN_FONT = "Tahoma"
WIDTHS = {
    "id": 30, "domain": 14, "fa": 32, "fa_variants": 40, "en": 32, "en_variants": 40,
    "forbidden": 32, "pos": 14, "status": 13, "note": 48, "source": 28,
    "name": 28, "description": 70,
}  # fmt: skip
LAST_ROW = 1048576  # Excel's last row: dropdowns also cover the rows editors add
DOMAIN_ROWS = 1000  # the domain dropdown lists Domains!A2:A1000, so a new domain is offered
XLSX_HINT = "save it as .xlsx from Excel or LibreOffice"
CELL_CHARACTERS = 32767  # the most a workbook cell holds (Excel's limit; openpyxl cuts the rest)

_DOMAIN_FIELDS = tuple(name for name, _, _ in DOMAIN_COLUMNS)


@dataclass(frozen=True)
class Layout:
    """Where a loaded glossary's values sit in its ``Terms`` sheet, for messages naming cells.

    :param rows: the sheet row of each concept, in the order of ``Glossary.terms``.
    :param columns: the column letter of each field (``{"fa": "C", ...}``).
    """

    rows: tuple[int, ...] = ()
    columns: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def cell(self, index: int, name: str) -> str:
        """Return ``Terms!C14`` for the field *name* of the concept at *index*, or ``""``."""
        column = self.columns.get(name)
        if column is None or not 0 <= index < len(self.rows):
            return ""
        return f"{TERMS}!{column}{self.rows[index]}"


def load_glossary(path: Path) -> Glossary:
    """Read the glossary workbook at *path*.

    >>> glossary = load_glossary(Path("glossary/terms.xlsx"))  # doctest: +SKIP

    :raises GlossaryError: unreadable file, missing sheet or column, a bad cell; the message
        names the file, the sheet and the cell (``terms.xlsx:Terms!I14: unknown status …``).
    """
    return read_glossary(path)[0]


def read_glossary(
    path: Path, *, strict: bool = True, unmerged: list[str] | None = None
) -> tuple[Glossary, Layout]:
    """Read the workbook at *path*; return the glossary and where each value sits.

    :param strict: raise on an empty required cell, an unknown status or an unknown domain.
        With ``strict=False`` those values are kept as typed (an unknown status as a plain
        string) so that :func:`glossary.lint.lint` can report every one of them at once.
    :raises GlossaryError: as :func:`load_glossary`; without *strict*, only for problems that
        leave no glossary to lint (unreadable file, missing sheet or column, duplicate id,
        a cell that is not text, a bad ``Domains`` row).
    :param unmerged: when given, the merged ranges read as the value they show are appended
        (``Terms!B2:B5``).
    """
    book = _open_workbook(Path(path), unmerged)
    sheet = _sheet(book, TERMS, path)
    domains = _read_domains(_sheet(book, DOMAINS, path), path)
    columns = _header(sheet, COLUMNS, path)
    domain_ids = {domain.id for domain in domains}
    terms: list[Term] = []
    rows: list[int] = []
    seen: dict[str, str] = {}
    for cells in sheet.iter_rows(min_row=2):
        values = {field: _text(_at(cells, index), path) for field, index in columns.items()}
        if not any(value.strip() for value in values.values()):
            continue
        row = cells[0].row
        term = _term(values, row, columns, domain_ids, path, strict)
        cell = _ref(columns["id"], row)
        if term.id and term.id in seen:
            raise GlossaryError(
                f"{path}:{cell}", f"duplicate id {term.id!r}", hint=f"also in {seen[term.id]}"
            )
        seen[term.id] = cell
        terms.append(term)
        rows.append(row)
    letters = {field: get_column_letter(index + 1) for field, index in columns.items()}
    return Glossary(tuple(terms), domains), Layout(tuple(rows), letters)


@dataclass(frozen=True)
class Invalid:
    """A cell that holds no valid value: its text as typed and what is wrong with it.

    :param problem: e.g. ``unknown status (expected approved, proposed or deprecated)``.
    :param cell: where it is, ``Terms!I14``.
    """

    text: str
    problem: str
    cell: str


@dataclass(frozen=True)
class LenientGlossary:
    """A workbook read as far as it can be, and what is wrong with it.

    :param glossary: every concept and domain row; a field whose cell is invalid is empty.
    :param invalid_terms: for each concept (in the order of ``glossary.terms``), its invalid
        cells by field; ``id`` also for a duplicate id.
    :param invalid_domains: the same for each domain.
    :param problems: what no cell shows: a missing sheet, a missing or duplicate column,
        each as ``place: message (hint)``.
    """

    glossary: Glossary
    invalid_terms: tuple[Mapping[str, Invalid], ...]
    invalid_domains: tuple[Mapping[str, Invalid], ...]
    problems: tuple[str, ...]


def read_glossary_leniently(path: Path) -> LenientGlossary:
    """Read every row of the workbook at *path*, whatever its cells hold (for a text dump).

    Where :func:`read_glossary` stops at the first bad cell, this keeps going: a formula,
    number or date where text belongs, an empty required cell, an unknown status or domain,
    a bad case-sensitive value, a duplicate id (of a concept or a domain) is an
    :class:`Invalid` cell, and a missing sheet or column a problem of the whole workbook.
    A valid workbook gives the glossary :func:`read_glossary` gives, and nothing invalid.

    :raises GlossaryError: only for a file that is not a workbook (unreadable, not XLSX,
        unsafe XML).
    """
    path = Path(path)
    book = _open_workbook(path)
    problems: list[str] = []
    domains, invalid_domains = _lenient_domains(book, problems)
    terms: list[Term] = []
    invalid_terms: list[dict[str, Invalid]] = []
    if TERMS not in book.sheetnames:
        problems.append(_missing_sheet(book, TERMS))
    else:
        sheet = book[TERMS]
        columns, header_problems = _columns(sheet, COLUMNS)
        problems += [_problem(*problem) for problem in header_problems]
        domain_ids = {domain.id for domain in domains}
        seen: dict[str, str] = {}
        for cells in sheet.iter_rows(min_row=2):
            texts = {field: _cell_text(_at(cells, index)) for field, index in columns.items()}
            if not any(text.strip() for text, _ in texts.values()):
                continue
            row = cells[0].row
            fields, invalid = _lenient_fields(texts, row, columns, domain_ids)
            term = Term(**fields)  # type: ignore[arg-type]
            cell = _ref(columns["id"], row) if "id" in columns else ""
            if term.id and term.id in seen:
                problem = f"duplicate id (also in {seen[term.id]})"
                invalid.setdefault("id", Invalid(term.id, problem, cell))
            seen.setdefault(term.id, cell)
            terms.append(term)
            invalid_terms.append(invalid)
    glossary = Glossary(tuple(terms), domains)
    return LenientGlossary(glossary, tuple(invalid_terms), invalid_domains, tuple(problems))


def _lenient_fields(
    texts: dict[str, tuple[str, tuple[str, str] | None]],
    row: int,
    columns: dict[str, int],
    domain_ids: set[str],
) -> tuple[dict[str, object], dict[str, Invalid]]:
    """A concept row's field values (empty where invalid) and its invalid cells."""
    fields: dict[str, object] = {}
    invalid: dict[str, Invalid] = {}
    for name, header, required in COLUMNS:
        if name not in columns:  # a missing column is a problem of the sheet
            fields[name] = field_value(name, "") if name != "status" else ""
            continue
        text, problem = texts[name]
        cell = _ref(columns[name], row)
        if problem is None and not text.strip() and required:
            problem = (f"empty {header} (required)", "")
        elif problem is None and name == "domain" and domain_ids and text.strip() not in domain_ids:
            problem = ("unknown domain (not on the Domains sheet)", "")
        if problem is None:
            try:
                fields[name] = field_value(name, text)
                continue
            except ValueError as err:
                message = f"unknown status (expected {STATUSES})" if name == "status" else str(err)
                problem = (message, "")
        invalid[name] = Invalid(text, problem[0], cell)
        fields[name] = "" if name == "status" else field_value(name, "")
    return fields, invalid


def _lenient_domains(
    book: Workbook, problems: list[str]
) -> tuple[tuple[Domain, ...], tuple[Mapping[str, Invalid], ...]]:
    """The Domains sheet's rows, each with its invalid cells, as :func:`_read_domains` reads."""
    if DOMAINS not in book.sheetnames:
        problems.append(_missing_sheet(book, DOMAINS))
        return (), ()
    sheet = book[DOMAINS]
    columns, header_problems = _columns(sheet, DOMAIN_COLUMNS)
    problems += [_problem(*problem) for problem in header_problems]
    domains: list[Domain] = []
    invalid_domains: list[Mapping[str, Invalid]] = []
    seen: dict[str, str] = {}
    for cells in sheet.iter_rows(min_row=2):
        texts = {field: _cell_text(_at(cells, index)) for field, index in columns.items()}
        if not any(text.strip() for text, _ in texts.values()):
            continue
        row = cells[0].row
        values: dict[str, str] = {}
        invalid: dict[str, Invalid] = {}
        for field, header, required in DOMAIN_COLUMNS:
            if field not in columns:
                values[field] = ""
                continue
            text, problem = texts[field]
            cell = _ref(columns[field], row, DOMAINS)
            if problem is None and required and not text.strip():
                problem = (f"empty {header} (required)", "")
            if problem is not None:
                invalid[field] = Invalid(text, problem[0], cell)
                text = ""
            values[field] = text.strip()
        cell = _ref(columns["id"], row, DOMAINS) if "id" in columns else ""
        if values["id"] and values["id"] in seen:
            problem = f"duplicate domain (also in {seen[values['id']]})"
            invalid.setdefault("id", Invalid(values["id"], problem, cell))
        seen.setdefault(values["id"], cell)
        domains.append(Domain(values["id"], values["name"], values["description"]))
        invalid_domains.append(invalid)
    return tuple(domains), tuple(invalid_domains)


def _missing_sheet(book: Workbook, name: str) -> str:
    return _problem("", f"missing sheet {name!r}", f"the workbook has {', '.join(book.sheetnames)}")


def _problem(place: str, message: str, hint: str) -> str:
    text = f"{place}: {message}" if place else message
    return f"{text} ({hint})" if hint else text


def write_glossary(glossary: Glossary, path: Path, *, template: Path | None = None) -> None:
    """Write *glossary* as the workbook editors edit, atomically and deterministically.

    :param template: an existing workbook (often *path* itself) whose formatting, extra
        columns and extra sheets are kept; concepts are matched by id.
    :raises GlossaryError: an unreadable template, or a value a workbook cannot hold.
    """
    path = Path(path)
    if template is None:
        book = Workbook()
        book.remove(book.active)
        book.properties.creator = "tmkit"
    else:
        book = _open_workbook(Path(template))
    terms = sorted(glossary.terms, key=lambda term: (term.domain, term.id))
    _check_writable(terms, glossary.domains, path)
    records = [{name: _cell_value(name, getattr(t, name)) for name, _, _ in COLUMNS} for t in terms]
    domain_records = [
        {"id": d.id, "name": d.name, "description": d.description} for d in glossary.domains
    ]
    terms_sheet = _worksheet(book, TERMS, 0)
    letters = _write_table(terms_sheet, COLUMNS, records)
    domain_letters = _write_table(_worksheet(book, DOMAINS, 1), DOMAIN_COLUMNS, domain_records)
    _write_guide(_worksheet(book, GUIDE, 2))
    _add_dropdowns(terms_sheet, letters, domain_letters["id"], len(domain_records))
    book.active = book.sheetnames.index(TERMS)
    data = workbook_bytes(book, fixed_time())
    with atomic_output(path, binary=True, error=GlossaryError) as out:
        out.write(data)


@dataclass(frozen=True)
class Formatted:
    """What :func:`format_glossary` changed; false when nothing did.

    :param values: a text lost stray spaces, got NFC or Persian normalization, or a repeated
        variant was dropped.
    :param order: the concepts were re-sorted (by domain, then id).
    :param unmerged: the merged ranges written unmerged, the value in each cell (``Terms!B2:B5``).
    """

    values: bool = False
    order: bool = False
    unmerged: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.values or self.order or bool(self.unmerged)

    def __str__(self) -> str:
        """``unmerged Terms!B2:B5 (its value now in every cell); normalized values``, or
        ``already tidy``."""
        done = []
        if self.unmerged:
            ranges = ", ".join(self.unmerged)
            done.append(f"unmerged {ranges} (the value now in every cell of each)")
        if self.values:
            done.append("normalized values (spaces, Persian spelling, repeated variants)")
        if self.order:
            done.append("sorted the concepts by domain and id")
        return "; ".join(done) or "already tidy"


def format_glossary(path: Path) -> Formatted:
    """Sort and normalize the workbook at *path* in place, keeping editors' formatting.

    Every text loses stray spaces (leading, trailing, doubled; a note keeps its line breaks,
    each line tidied, blank lines dropped) and is put in NFC; Persian
    terms and variants get tmkit's Persian normalization (:func:`corpus.normalize.normalize`:
    Persian letters for Arabic ones, ZWNJs restored); repeated variants are dropped; merged
    cells are written unmerged, each holding the value the range showed.

    :return: what changed (false: nothing).
    :raises GlossaryError: as :func:`load_glossary` (a workbook must load to be formatted).
    """
    unmerged: list[str] = []
    glossary = read_glossary(path, unmerged=unmerged)[0]
    tidied = tuple(_tidy(term) for term in glossary.terms)
    terms = tuple(sorted(tidied, key=lambda t: (t.domain, t.id)))
    domains = tuple(
        Domain(_clean(d.id), _clean(d.name), _clean(d.description)) for d in glossary.domains
    )
    formatted = Glossary(terms, domains)
    write_glossary(formatted, path, template=path)
    return Formatted(
        values=tidied != glossary.terms or domains != glossary.domains,
        order=[t.id for t in terms] != [t.id for t in tidied],
        unmerged=tuple(unmerged),
    )


def _open_workbook(path: Path, unmerged: list[str] | None = None) -> Workbook:
    """The workbook at *path*, its merged cells spread (:func:`_spread_merged`; each range
    spread is appended to *unmerged* as ``Terms!B2:B5``)."""
    book = open_workbook(path)
    spread = _spread_merged(book, path)
    if unmerged is not None:
        unmerged.extend(spread)
    return book


def open_workbook(path: Path, *, read_only: bool = False) -> Workbook:
    """The workbook at *path*, as every workbook tmkit reads is opened (see the module's
    safety notes): an OLE2 file (a legacy ``.xls``, a password), a file that is not a ZIP
    with ``xl/workbook.xml``, XML entities or a broken part are one-line errors.

    :param read_only: openpyxl's read-only mode, with the values cells show (a formula's last
        result): for reading a sheet row by row (``tmkit glossary import list.xlsx``).
    :raises GlossaryError: the file cannot be read or is not a safe XLSX workbook.
    """
    if not openpyxl.DEFUSEDXML:
        raise GlossaryError(
            str(path), "refusing to parse a workbook without defusedxml",
            hint="install defusedxml and unset OPENPYXL_DEFUSEDXML",
        )  # fmt: skip
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(str(path), f"cannot read: {_reason(err)}") from err
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        hint = "an OLE2 file: a password-protected workbook or a legacy .xls; "
        hint += "save it as .xlsx without a password"
        raise GlossaryError(str(path), "not an XLSX workbook", hint=hint)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            check_inflated(archive, str(path), GlossaryError)  # a zip bomb: before inflating
    except zipfile.BadZipFile as err:
        if data.startswith(b"PK"):
            hint = f"a damaged ZIP file; {XLSX_HINT}"
        elif is_text(data):  # a TBX file or a term list given where a workbook is read
            hint = (
                "text, not a workbook: a TBX file or a term list (CSV, TSV, an OmegaT glossary) "
                f"becomes one with tmkit glossary import {path} -o glossary.xlsx"
            )
        else:
            hint = f"not a ZIP file; {XLSX_HINT}"
        raise GlossaryError(str(path), "not an XLSX workbook", hint=hint) from err
    if "xl/workbook.xml" not in names:
        hint = f"a ZIP file without xl/workbook.xml; {XLSX_HINT}"
        raise GlossaryError(str(path), "not an XLSX workbook", hint=hint)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=read_only, read_only=read_only)
    except (
        ValueError, KeyError, TypeError, AttributeError, IndexError, SyntaxError, EOFError,
        OSError, zipfile.BadZipFile, InvalidFileException,
    ) as err:  # fmt: skip
        if any(type(e).__module__.startswith("defusedxml") for e in _chain(err)):
            raise GlossaryError(
                str(path), "refusing unsafe XML: the workbook declares XML entities",
                hint=f"an entity-expansion attack or a broken tool; {XLSX_HINT}",
            ) from err  # fmt: skip
        cause = _reason(list(_chain(err))[-1])
        raise GlossaryError(str(path), "not an XLSX workbook", hint=cause) from err
    return book


def is_text(data: bytes) -> bool:
    """Whether *data* begins as text does: UTF-16 with a BOM, or no NUL byte at all."""
    head = data[:4096]
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head


def _spread_merged(book: Workbook, path: Path) -> list[str]:
    """Unmerge the merged cells of the Terms and Domains sheets, each cell of a merged range
    taking the value the range shows (its top-left cell's): an editor who merges B2:B5 showing
    ``caspian`` means ``caspian`` on each of the four rows. Other sheets are left alone.
    Return the ranges unmerged (``Terms!B2:B5``).

    :raises GlossaryError: naming the range, for a merge that has no such reading: across two
        columns of which one is a glossary field (the English term over the variants column
        would copy it there), over the header row, or down a column whose values must each be
        different (``id``).
    """
    spread: list[str] = []
    for name, model in ((TERMS, COLUMNS), (DOMAINS, DOMAIN_COLUMNS)):
        if name not in book.sheetnames:
            continue
        sheet = book[name]
        fields = {index + 1: field for field, index in _columns(sheet, model)[0].items()}
        headers = {field: header for field, header, _ in model}
        for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            place = f"{path}:{name}!{merged.coord}"
            columns = range(merged.min_col, merged.max_col + 1)
            touched = [fields[c] for c in columns if c in fields]
            if not touched:
                pass  # the editors' own columns: theirs to merge
            elif len(columns) > 1:
                shown = ", ".join(
                    repr(headers[fields[c]]) if c in fields else f"column {get_column_letter(c)}"
                    for c in columns
                )
                raise GlossaryError(
                    place, f"cells merged across columns ({shown}): a merged range may only "
                    "span rows of one column", hint="unmerge them; each column holds its field",
                )  # fmt: skip
            elif merged.min_row == 1:
                raise GlossaryError(
                    place, "cells merged with the header row",
                    hint="unmerge them: row 1 holds the column names",
                )  # fmt: skip
            elif touched == ["id"]:
                raise GlossaryError(
                    place, "cells merged in the id column, whose values must each be different",
                    hint="unmerge them and give each row its own id",
                )  # fmt: skip
            spread.append(f"{name}!{merged.coord}")
            top_left = sheet.cell(merged.min_row, merged.min_col)
            value, data_type = top_left.value, top_left.data_type
            sheet.unmerge_cells(merged.coord)
            for row in sheet.iter_rows(
                min_row=merged.min_row, max_row=merged.max_row,
                min_col=merged.min_col, max_col=merged.max_col,
            ):  # fmt: skip
                for cell in row:
                    cell.value = value
                    cell.data_type = data_type
    return spread


def _chain(err: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = err
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _reason(err: BaseException) -> str:
    text = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return text.splitlines()[0]


def _sheet(book: Workbook, name: str, path: Path) -> Worksheet:
    if name not in book.sheetnames:
        has = ", ".join(book.sheetnames)
        raise GlossaryError(str(path), f"missing sheet {name!r}", hint=f"the workbook has {has}")
    return book[name]


def _header(
    sheet: Worksheet, columns: tuple[tuple[str, str, bool], ...], path: Path
) -> dict[str, int]:
    """Map each field found in row 1 to its 0-based column index.

    :raises GlossaryError: a duplicate column (the first), else a missing required column.
    """
    found, problems = _columns(sheet, columns)
    if problems:
        place, message, hint = problems[0]
        raise GlossaryError(f"{path}:{place}", message, hint=hint)
    return found


def _columns(
    sheet: Worksheet, columns: tuple[tuple[str, str, bool], ...]
) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    """The fields found in row 1 (the first of a duplicate counts) and what is wrong with it.

    A problem is ``(place, message, hint)``: duplicate columns in sheet order, then the
    missing required ones.
    """
    names = {header.casefold(): field for field, header, _ in columns}
    names.update({field.casefold(): field for field, _, _ in columns})
    found: dict[str, int] = {}
    problems: list[tuple[str, str, str]] = []
    for cell in next(sheet.iter_rows(max_row=1), ()):
        field = names.get(str(cell.value).strip().casefold()) if cell.value is not None else None
        if field is None:
            continue
        if field in found:
            problems.append((
                f"{sheet.title}!{cell.coordinate}",
                f"duplicate column {cell.value!r}",
                f"also in column {get_column_letter(found[field] + 1)}",
            ))  # fmt: skip
            continue
        found[field] = cell.column - 1
    needs = ", ".join(header for _, header, needed in columns if needed)
    problems += [
        (f"{sheet.title}!1:1", f"missing column {header!r}", f"the header row needs {needs}")
        for field, header, needed in columns
        if needed and field not in found
    ]
    return found, problems


def _at(cells: tuple[Cell, ...], index: int) -> Cell | None:
    return cells[index] if index < len(cells) else None


def _text(cell: Cell | None, path: Path) -> str:
    text, problem = _cell_text(cell)
    if problem is not None:
        message, hint = problem
        raise GlossaryError(f"{path}:{cell.parent.title}!{cell.coordinate}", message, hint=hint)
    return text


def _cell_text(cell: Cell | None) -> tuple[str, tuple[str, str] | None]:
    """The cell's text (NFC), and ``(message, hint)`` when it holds a formula, number or date.

    The text of such a cell is its value written out (``=A1``, ``42``, ``2024-01-31``).
    """
    if cell is None or cell.value is None:
        return "", None
    value = cell.value
    if cell.data_type == "f":
        return str(value), (
            f"expected text, found the formula {value}",
            "start the value with an apostrophe (') to store it as text",
        )
    if not isinstance(value, str):
        kind = "date" if isinstance(value, datetime) else "number"
        if isinstance(value, datetime) and value == datetime.combine(value.date(), time()):
            value = value.date().isoformat()
        if isinstance(value, bool):
            kind, value = "boolean", str(value).upper()
        return str(value), (
            f"expected text, found the {kind} {value}",
            "format the cell as Text and type the value again",
        )
    return unicodedata.normalize("NFC", value), None


def _term(
    values: dict[str, str],
    row: int,
    columns: dict[str, int],
    domain_ids: set[str],
    path: Path,
    strict: bool,
) -> Term:
    fields: dict[str, object] = {}
    for name, header, required in COLUMNS:
        text = values.get(name, "")
        where = f"{path}:{_ref(columns[name], row)}" if name in columns else str(path)
        if not text.strip() and required:
            if strict:
                raise GlossaryError(where, f"empty {header}", hint=_REQUIRED_HINT)
            fields[name] = ""  # for lint's empty-required rule
            continue
        if name == "domain" and strict and domain_ids and text.strip() not in domain_ids:
            raise GlossaryError(
                where, f"unknown domain {text.strip()!r}",
                hint="add it to the Domains sheet or use " + ", ".join(sorted(domain_ids)),
            )  # fmt: skip
        try:
            fields[name] = field_value(name, text)
        except ValueError as err:
            if strict or name != "status":
                hint = f"expected {STATUSES}" if name == "status" else ""
                raise GlossaryError(where, str(err), hint=hint) from err
            fields[name] = text.strip()  # kept as typed for lint's unknown-status rule
    return Term(**fields)  # type: ignore[arg-type]


_REQUIRED_HINT = "required: " + ", ".join(h for _, h, r in COLUMNS if r)


def _read_domains(sheet: Worksheet, path: Path) -> tuple[Domain, ...]:
    columns = _header(sheet, DOMAIN_COLUMNS, path)
    domains: dict[str, Domain] = {}
    for cells in sheet.iter_rows(min_row=2):
        values = {field: _text(_at(cells, index), path).strip() for field, index in columns.items()}
        if not any(values.values()):
            continue
        row = cells[0].row
        for field, header, required in DOMAIN_COLUMNS:
            if required and not values[field]:
                where = f"{path}:{_ref(columns[field], row, DOMAINS)}"
                raise GlossaryError(where, f"empty {header}", hint="required: id, name")
        if values["id"] in domains:
            where = f"{path}:{_ref(columns['id'], row, DOMAINS)}"
            raise GlossaryError(where, f"duplicate domain {values['id']!r}")
        domains[values["id"]] = Domain(values["id"], values["name"], values.get("description", ""))
    return tuple(domains.values())


def _ref(column: int, row: int, sheet: str = TERMS) -> str:
    """``Terms!C14`` for a 0-based *column* and a 1-based *row*."""
    return f"{sheet}!{get_column_letter(column + 1)}{row}"


# Writing


def _check_writable(terms: Iterable[Term], domains: Iterable[Domain], path: Path) -> None:
    values = [
        *((term.id, name, getattr(term, name)) for term in terms for name, _, _ in COLUMNS),
        *(
            (domain.id, name, getattr(domain, name))
            for domain in domains
            for name in _DOMAIN_FIELDS
        ),
    ]
    for owner, name, value in values:
        for item in value if isinstance(value, tuple) else (str(value),):
            if ILLEGAL_CHARACTERS_RE.search(item):
                raise GlossaryError(str(path), f"{owner!r}: {name} has a control character")
            if len(item) > CELL_CHARACTERS:
                raise GlossaryError(
                    str(path), f"{owner!r}: {name} has {len(item):,} characters",
                    hint=f"a workbook cell holds at most {CELL_CHARACTERS:,}",
                )  # fmt: skip
            if name in LIST_FIELDS and LIST_SEPARATOR in item:
                raise GlossaryError(str(path), f"{owner!r}: {name} item {item!r} contains ';'")


def _cell_value(name: str, value: object) -> str:
    if isinstance(value, tuple):
        return f"{LIST_SEPARATOR} ".join(value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def _worksheet(book: Workbook, name: str, index: int) -> Worksheet:
    if name in book.sheetnames:
        return book[name]
    return book.create_sheet(name, min(index, len(book.sheetnames)))


@dataclass(frozen=True)
class _Kept:
    """What a template row's cell carries over to the rewritten row."""

    value: object
    data_type: str
    styled: bool
    style: object
    comment: object
    hyperlink: object


def _write_table(
    sheet: Worksheet,
    columns: tuple[tuple[str, str, bool], ...],
    records: list[dict[str, str]],
) -> dict[str, str]:
    """Replace *sheet*'s rows with a header and *records*; keep the template's formatting.

    Columns keep the template's order, model columns it lacks come after; cells follow their
    record (by ``id``) when rows move. Returns each field's column letter.
    """
    order, header_cells, dimensions = _template_columns(sheet, columns)
    kept = _template_rows(sheet, order)
    if sheet.max_row:
        sheet.delete_rows(1, sheet.max_row)
    sheet.column_dimensions.clear()

    headers = {name: header for name, header, _ in columns}
    for row, record in enumerate([dict(headers), *records], 1):
        old = header_cells if row == 1 else kept.get(record["id"], {})
        for number, key in enumerate(order, 1):
            cell = sheet.cell(row, number)
            template = old.get(key)
            if template is not None and (template.styled or key not in headers):
                _restore(cell, template, value=key not in headers)
            elif row == 1:
                cell.font = Font(bold=True)
                cell.fill = PatternFill("solid", fgColor="DDEBF7")
            elif key in PERSIAN_FIELDS:
                cell.font = Font(name=PERSIAN_FONT)
                cell.alignment = Alignment(horizontal="right", readingOrder=2)
            if key in headers:
                _set_text(cell, record[key])
    for number, key in enumerate(order, 1):
        _set_dimension(sheet, number, dimensions.get(key), WIDTHS.get(key, 18))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(order))}{len(records) + 1}"
    return {key: get_column_letter(n) for n, key in enumerate(order, 1) if key in headers}


def _template_columns(
    sheet: Worksheet, columns: tuple[tuple[str, str, bool], ...]
) -> tuple[list[str], dict[str, _Kept], dict[str, ColumnDimension]]:
    """The template's column keys in order (a field name, or ``+N`` for an editor's column N),
    with their header cells and column dimensions; missing model columns come last."""
    known = {header.casefold(): name for name, header, _ in columns}
    known.update({name.casefold(): name for name, _, _ in columns})
    dimensions = [d for d in sheet.column_dimensions.values() if d.min or d.index]
    for dimension in dimensions:
        dimension.reindex()
    order: list[str] = []
    header_cells: dict[str, _Kept] = {}
    widths: dict[str, ColumnDimension] = {}
    for cell in next(sheet.iter_rows(max_row=1), ()):
        if cell.value is None:
            continue
        key = known.get(str(cell.value).strip().casefold(), f"+{cell.column}")
        if key in order:
            key = f"+{cell.column}"
        order.append(key)
        header_cells[key] = _keep(cell)
        covering = [d for d in dimensions if d.min <= cell.column <= d.max]
        if covering:
            widths[key] = covering[0]
    order += [name for name, _, _ in columns if name not in order]
    return order, header_cells, widths


def _template_rows(sheet: Worksheet, order: list[str]) -> dict[str, dict[str, _Kept]]:
    """The template's cells by record id and column key (the first row of an id wins)."""
    if "id" not in order or sheet.max_row < 2:
        return {}
    kept: dict[str, dict[str, _Kept]] = {}
    for cells in sheet.iter_rows(min_row=2, max_col=len(order)):
        row = dict(zip(order, cells, strict=False))
        record_id = row["id"].value if "id" in row else None
        if isinstance(record_id, str) and record_id.strip():
            kept.setdefault(record_id.strip(), {key: _keep(cell) for key, cell in row.items()})
    return kept


def _set_dimension(
    sheet: Worksheet, number: int, old: ColumnDimension | None, width: float
) -> None:
    letter = get_column_letter(number)
    dimension = ColumnDimension(sheet, index=letter, width=old.width if old else width)
    if old is not None:
        dimension.hidden = old.hidden
        dimension._style = copy(old._style)
    sheet.column_dimensions[letter] = dimension


def _keep(cell: Cell) -> _Kept:
    style = copy(cell._style)
    return _Kept(cell.value, cell.data_type, cell.has_style, style, cell.comment, cell.hyperlink)


def _restore(cell: Cell, kept: _Kept, *, value: bool) -> None:
    cell._style = copy(kept.style)
    if value:
        cell.value = kept.value
        cell.data_type = kept.data_type
    if kept.comment is not None:
        cell.comment = copy(kept.comment)
    if kept.hyperlink is not None:
        cell.hyperlink = copy(kept.hyperlink)


def _set_text(cell: Cell, text: str) -> None:
    """Store *text* as text; one that Excel would take for a formula gets the quote prefix."""
    cell.value = text or None
    if text:
        cell.data_type = "s"
    formula_like = text.startswith(FORMULA_START)
    if cell.quotePrefix != formula_like:
        cell.quotePrefix = formula_like


def _add_dropdowns(
    sheet: Worksheet, letters: dict[str, str], domain_column: str, domain_count: int
) -> None:
    ours = set(letters.values())
    keep = []
    for validation in sheet.data_validations.dataValidation:
        columns = {
            get_column_letter(c)
            for r in validation.sqref.ranges
            for c in range(r.min_col, r.max_col + 1)
        }
        if not columns & ours:
            keep.append(validation)  # an editor's own dropdown on an extra column
    sheet.data_validations.dataValidation = keep
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(s.value for s in Status) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="status",
        error=f"Choose {STATUSES}.",
    )
    status.add(f"{letters['status']}2:{letters['status']}{LAST_ROW}")
    last = max(domain_count + 1, DOMAIN_ROWS)  # room for the domains editors add
    domain = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(DOMAINS)}!${domain_column}$2:${domain_column}${last}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="domain",
        error="Choose a domain id of the Domains sheet (add new domains there first).",
    )
    domain.add(f"{letters['domain']}2:{letters['domain']}{LAST_ROW}")
    sheet.add_data_validation(status)
    sheet.add_data_validation(domain)


COLUMN_HELP = {
    "id": "a stable identifier in lower case with hyphens (caspian-legal-status); never reuse one",
    "domain": "a domain id from the Domains sheet (dropdown)",
    "fa": "the Persian term as usually written, with ZWNJ (نیم‌فاصله) where it belongs",
    "fa_variants": "other Persian spellings or expressions of the same concept, separated by ;",
    "en": "the approved English term",
    "en_variants": "other English forms a translation may use, separated by ;",
    "forbidden": "English forms a translation must not use, separated by ;",
    "pos": "noun, verb, adjective, proper noun, ...",
    "status": "approved, proposed or deprecated (dropdown)",
    "note": "anything a translator should know",
    "source": "where the term comes from (document, dictionary, decision)",
    "case_sensitive": "yes when the English must be matched with its case (Dawn, not dawn)",
}
GUIDE_TEXT: tuple[tuple[str, str], ...] = (
    ("h", "How to edit this glossary"),
    ("", "One concept per row of the Terms sheet. Keep the header row. You may add your own "
     "columns to the right of the last one: tmkit keeps them."),
    ("h", "Columns"),
    *(("", f"{header}{' (required)' if needed else ''}: {COLUMN_HELP.get(name, '')}")
      for name, header, needed in COLUMNS),
    ("h", "Statuses"),
    ("", "approved: translations must use the English term or an allowed variant."),
    ("", "proposed: suggested, waiting for review."),
    ("", "deprecated: no longer to be used; tmkit check warns where it appears."),
    ("h", "Adding a term"),
    ("", "1. Add a row below the last one and fill id, domain, Persian term, English term and "
     "status; add variants and forbidden forms if there are any."),
    ("", "2. Look for mistakes, in the project's folder: tmkit glossary lint (or give the "
     "workbook's path: tmkit glossary lint WORKBOOK.xlsx)"),
    ("", "3. Sort and tidy (spaces, Persian spelling; your formatting is kept): "
     "tmkit glossary format WORKBOOK.xlsx"),
    ("", "4. Check the translation memory against the glossary: tmkit check"),
    ("", "5. Commit the workbook."),
)  # fmt: skip


def _write_guide(sheet: Worksheet) -> None:
    if sheet.max_row:
        sheet.delete_rows(1, sheet.max_row)
    for row, (kind, text) in enumerate(GUIDE_TEXT, 1):
        cell = sheet.cell(row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if kind == "h":
            cell.font = Font(bold=True, size=13 if row == 1 else 11)
    sheet.column_dimensions["A"].width = 110


ZIP_FIRST = datetime(1980, 1, 1, tzinfo=UTC)
ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)


def fixed_time() -> datetime:
    """``SOURCE_DATE_EPOCH`` (a bad value is a one-line error), else 2000-01-01T00:00:00Z."""
    epoch = source_date_epoch(GlossaryError)
    if epoch is not None:
        # ZIP dates run from 1980 to 2107
        moment = datetime.fromtimestamp(epoch, UTC)
        return min(max(moment, ZIP_FIRST), ZIP_LAST)
    return datetime(2000, 1, 1, tzinfo=UTC)


def workbook_bytes(book: Workbook, moment: datetime) -> bytes:
    """Serialize *book* with every timestamp set to *moment* (its properties' created and
    modified dates, and its ZIP members'): the same workbook gives the same bytes.

    ``Workbook.save`` stamps the clock into ``modified``; ``ExcelWriter`` does not. ZIP members
    get the clock (or a temporary file's mtime) too, so the archive is repacked.
    """
    book.properties.created = book.properties.modified = moment.replace(tzinfo=None)
    raw = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    packed = io.BytesIO()
    stamp = moment.timetuple()[:6]
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(packed, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(member.filename))
    return packed.getvalue()


# Formatting


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _tidy(term: Term) -> Term:
    def tidy(name: str, text: str) -> str:
        if name in PERSIAN_FIELDS:
            return normalize(text)
        if name in MULTILINE_FIELDS:
            return "\n".join(filter(None, map(_clean, text.split("\n"))))
        return _clean(text)

    changes: dict[str, object] = {}
    for name, _, _ in COLUMNS:
        value = getattr(term, name)
        if isinstance(value, tuple):
            main = {"fa_variants": "fa", "en_variants": "en"}.get(name)
            own = tidy(name, getattr(term, main)) if main else None
            items = dict.fromkeys(tidy(name, item) for item in value)
            changes[name] = tuple(item for item in items if item and item != own)
        elif type(value) is str:
            changes[name] = tidy(name, value)
    return replace(term, **changes)
