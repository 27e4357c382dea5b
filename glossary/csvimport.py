"""Read a term list saved by Excel, LibreOffice or another organisation's tool (CSV, TSV, TXT,
or an XLSX workbook).

What ``tmkit glossary import FILE.csv|FILE.tsv|FILE.txt|FILE.xlsx -o XLSX`` reads:

- **A workbook** (``.xlsx``): its first sheet, row by row (openpyxl's read-only mode, the
  values cells show), read as the rows of a CSV are (the same headers, values and errors, a
  row's number as its line); a number cell is its digits (``3.0`` → ``3``). A tmkit glossary
  workbook (``Terms`` and ``Domains`` sheets) is read whole (:func:`load_glossary`).

- **Encoding**: UTF-16 with a byte order mark (Excel's "Unicode Text"), UTF-8 with or without a
  BOM (Excel's "CSV UTF-8" and LibreOffice's default). Anything else is refused with a hint.
- **Separator**: named by Excel's separator line when the file starts with one (``sep=;``,
  ``sep=,``, ``sep=|``, a tab after ``sep=``; the line is not a row), else decided from the
  header line (the first non-blank one): a tab if it holds one, else ``;`` if it holds more
  ``;`` than ``,`` (Excel in European locales), else ``,``.
- **Quoting** as Excel writes it: a cell in double quotes may hold the separator, line breaks
  and doubled quotes (``""``) (Python's csv module, dialect excel). A row's line is the one it
  begins on. A line break is kept in a note or source cell and refused anywhere else (a term,
  variant or id is one line), naming the line and column.
- **Columns**: a header row. Either tmkit's own, every required one among them (``id``,
  ``domain``, ``fa``, ``en``, ``status``, and any of ``fa_variants``, ``en_variants``,
  ``forbidden``, ``pos``, ``note``, ``source``, ``case_sensitive``, or the headers the workbook
  writes, ``Persian term`` …; lists separated by ``;``), or a term list from elsewhere whose
  headers are read by one rule, :func:`header_field` (languages are read as
  :mod:`corpus.languages` reads every tag); ``sourceString``/``targetString`` with
  ``sourceLang``/``targetLang`` take each row's languages. Other columns are ignored (and
  named), and so are the values of a column without a header (:attr:`TermList.unnamed`). Two
  columns read as one field are an error naming both, but for the note, which takes every note
  column (labelled by its header when there are several). ``columns`` (``--columns
  en=sourceString,fa=targetString``) maps fields to headers explicitly; the other headers are
  still recognised. A per-language status column (``Status [en]``, ``fa_status``) reads TBX's
  administrative status vocabulary (:func:`glossary.fields.term_status`) and tmkit's statuses:
  the concept's status is its terms', and a later row's English marked deprecated is a
  forbidden form.
- **Several forms in one cell**: a term, variant or forbidden cell holding ``;``, ``|`` or
  ``؛`` (:data:`glossary.model.FORM_SEPARATORS`) is split, in every list (a workbook too): a
  term cell's first form is the term, the rest its first variants; a variant is never the term
  again (:func:`glossary.fields.split_term_forms`, counted in :attr:`TermList.split`).
- **Missing values** (another organisation's list): no id → ``<file stem>-<line>``; no domain →
  the default domain; no status → approved. A row without a Persian or an English term is
  skipped (its id listed). Blank rows are skipped.
- **Another organisation's list** (any header but tmkit's own, every required field named) is
  made into concepts that lint accepts: a parenthesized Latin acronym after a Persian term
  (``مراکز کنترل و پیشگیری از بیماری (CDC)``) is taken off the term and kept in the note; a row
  whose Persian term still has Latin letters (``AIDS`` left untranslated) is not imported (a
  Persian term must be Persian; its id listed); rows whose Persian terms are the same (compared
  as lint compares them) become one concept, the later rows' English a variant of the first's,
  or a forbidden form when marked deprecated (ids listed); rows with one id and one Persian term
  (Crowdin's rows of a concept) too, one id with two Persian terms is an error.
  A list with tmkit's own headers is imported as it is, read as strictly as tmkit's TSV
  (:func:`glossary.tsv.glossary_from_rows`: every required column and cell, one error naming the
  line and column).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl.utils import get_column_letter

from corpus.languages import LANGUAGE_NAMES, is_english, is_persian, named_language
from corpus.normalize import matching_key
from corpus.textfile import CONTROL_OR_PAGE_BREAK, describe_character, table_rows
from glossary.exports import COMMENT_SEPARATOR
from glossary.fields import (
    CONCEPT_STATUS,
    DEPRECATED,
    FIELD_TYPES,
    OWN_TERM_STATUS,
    REQUIRED_FIELDS,
    STATUSES,
    TERM_STATUS_NAMES,
    field_value,
    split_note,
    split_term_forms,
    term_status,
    with_domain_ids,
    with_forms_split,
)
from glossary.model import COLUMNS, Glossary, GlossaryError, Status, Term
from glossary.tsv import glossary_from_rows
from glossary.workbook import (
    CELL_CHARACTERS,
    DOMAINS,
    TERMS,
    is_text,
    load_glossary,
    open_workbook,
)

NOTE = "note"  # several columns may fill it (a definition and notes): one line each
ALIASES = {
    "id": "id", "stringid": "id", "termid": "id", "conceptid": "id", "entryid": "id",
    "pos": "pos", "partofspeech": "pos",
    "description": NOTE, "definition": NOTE, "conceptdefinition": NOTE, "comment": NOTE,
    "comments": NOTE, "note": NOTE, "notes": NOTE, "translationnotes": NOTE,
    "domain": "domain", "subject": "domain", "subjectfield": "domain",
    "status": "status", "source": "source", "variants": "variants", "synonyms": "variants",
}  # fmt: skip
OWN_HEADERS = {  # what tmkit's workbook writes as its header row, by field
    "".join(c for c in header.casefold() if c not in " _-"): name for name, header, _ in COLUMNS
}
TERM_WORDS = frozenset({"term", "terms", "translation", "string", "text"})
SIDES = {"source": 0, "sourceterm": 0, "term": 0, "target": 1, "targetterm": 1}
SOURCE_TEXT, TARGET_TEXT = "sourcestring", "targetstring"
SOURCE_LANG, TARGET_LANG = "sourcelang", "targetlang"
_TAG = re.compile(r"[a-z]{2,3}(?:[-_][a-z]{4})?(?:[-_](?:[a-z]{2}|\d{3}))?", re.IGNORECASE)
_NAME = re.compile(  # a language name, then perhaps its region or tag: "Dari (fa-AF)"
    "({})".format("|".join(n.replace(" ", r"\s+") for n in sorted(LANGUAGE_NAMES, key=len)[::-1]))
    + r"(?:\s*\([^)]*\))?",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"(.*?)\s*[\[(]\s*([^\])]*?)\s*[\])]")  # Status [en], Translation (fa-IR)


@dataclass(frozen=True)
class TermList:
    """What an import read.

    :param skipped: ids of rows without a Persian or an English term.
    :param latin: ids of rows whose Persian term has Latin letters (an untranslated acronym
        such as ``AIDS``), not imported.
    :param merged: (kept id, merged id) of rows merged into an earlier one with the same
        Persian term.
    :param ignored: the named columns not imported.
    :param unnamed: the indices (from 0) of the columns without a header that hold values in
        some row, not imported.
    :param split: how many term, variant or forbidden cells held several forms (``pipeline;
        pipe line``, ``pipe line | conduit``, ``لوله؛ خط لوله``) and were split
        (:func:`glossary.fields.split_term_forms`).
    :param notes: what the import changed, one line each for stderr: the cells split, a
        domain that was no id made one (:func:`glossary.fields.with_domain_ids`).
    """

    glossary: Glossary
    skipped: tuple[str, ...]
    ignored: tuple[str, ...]
    latin: tuple[str, ...] = ()
    merged: tuple[tuple[str, str], ...] = ()
    unnamed: tuple[int, ...] = ()
    split: int = 0
    notes: tuple[str, ...] = ()


def decode(path: Path) -> str:
    """The text of *path*: UTF-16 with a BOM, or UTF-8 with or without one."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(str(path), f"cannot read ({err.strerror})") from err
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(
            str(path), f"not UTF-8 or UTF-16 text (byte {err.start})",
            hint="save it as 'CSV UTF-8' or 'Unicode Text' (Excel), or as UTF-8 (LibreOffice)",
        ) from err  # fmt: skip


_SEPARATOR_LINE = re.compile(r'"?sep=([^\r\n])"?', re.IGNORECASE)


def separator_line(line: str) -> str:
    """The separator Excel's first line names (``sep=;`` → ``;``), or "" for another line."""
    found = _SEPARATOR_LINE.fullmatch(line.lstrip(" "))
    return found.group(1) if found else ""


def separator(header: str) -> str:
    """The separator of a file whose header line is *header* (tab, ``;`` or ``,``)."""
    if "\t" in header:
        return "\t"
    return ";" if header.count(";") > header.count(",") else ","


def _key(name: str) -> str:
    return "".join(c for c in name.casefold() if c not in " _-")


def _language(tag: str) -> str:
    """``fa`` or ``en`` for a language tag (read as :mod:`corpus.languages` reads every tag:
    ``fa_IR``, ``pes``, ``prs``, ``en-US``) or name (``English``, ``Farsi``), else ""."""
    name = named_language(tag)
    if name:
        return name
    if is_persian(tag):
        return "fa"
    return "en" if is_english(tag) else ""


def parse_columns(text: str) -> dict[str, str]:
    """``en=sourceString,fa=targetString`` → ``{"en": "sourceString", "fa": "targetString"}``."""
    mapping = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        field, sep, header = part.partition("=")
        if not sep or field.strip() not in FIELD_TYPES:
            raise GlossaryError(
                "--columns", f"bad mapping {part!r}",
                hint="FIELD=HEADER, FIELD one of " + ", ".join(FIELD_TYPES),
            )  # fmt: skip
        mapping[field.strip()] = header.strip()
    return mapping


def read_term_list(
    path: str | Path, *, domain: str = "general", columns: dict[str, str] | None = None
) -> TermList:
    """Read the term list at *path*: a CSV, TSV or TXT, or an XLSX workbook (see the module's
    description); a tmkit glossary workbook is read whole (:func:`load_glossary`).

    :param domain: the domain of rows without one.
    :param columns: field name → header, overriding the recognised headers.
    :raises GlossaryError: unreadable text or workbook, no header, only a header (no row), no
        Persian or English column, no row with both terms, a bad cell (status, yes/no) or a
        duplicate id, naming the line (a workbook's row) and column.
    """
    found = _read(Path(path), domain, columns)
    glossary, split = with_forms_split(found.glossary)  # a list read whole (tmkit's own) too
    glossary, made = with_domain_ids(glossary)
    split += found.split  # another tool's list: split before its rows were merged
    notes = (*split_note(split), *made)
    return replace(found, glossary=glossary, split=split, notes=notes)


def _read(path: Path, domain: str, columns: dict[str, str] | None) -> TermList:
    kind = import_kind(path)
    if kind == "omegat":
        return _term_list(path, _omegat_rows(path), domain, columns)
    if kind != "workbook":
        return _term_list(path, _text_rows(path), domain, columns)
    book = open_workbook(path, read_only=True)
    try:
        if {TERMS, DOMAINS} <= set(book.sheetnames) and not columns:  # tmkit's own workbook
            header = next(book[TERMS].iter_rows(max_row=1, values_only=True), ())
            extra = [str(v) for v in header if v is not None and not header_field(str(v))]
            return TermList(load_glossary(path), (), tuple(extra))  # an editor's own: named
        sheet = book.worksheets[0]
        rows = [
            (number, _trimmed([_cell_text(value) for value in row]))
            for number, row in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    finally:
        book.close()
    return _term_list(path, _kept(rows, path), domain, columns)


def import_kind(path: Path) -> str:
    """What ``tmkit glossary import`` reads *path* as: ``omegat`` (an OmegaT glossary: a
    ``.utf8`` or ``.tab`` file, or a ``.txt`` whose first line is a ``#`` comment, as tmkit's
    export writes one), ``list`` (a ``.csv``, ``.tsv`` or ``.txt`` term list), ``workbook``
    (an ``.xlsx``, or any ZIP or OLE2 file: a legacy ``.xls`` is then refused with its hint)
    or ``tbx`` (a ``.tbx`` or ``.xml``, or a file whose text begins with ``<``).

    :raises GlossaryError: the file cannot be read, or is none of them.
    """
    suffix = path.suffix.lower()
    if suffix in OMEGAT_SUFFIXES:
        return "omegat"
    if suffix in LIST_SUFFIXES:
        return "omegat" if suffix == ".txt" and decode(path).startswith("#") else "list"
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError as err:
        raise GlossaryError(str(path), f"cannot read ({err.strerror})") from err
    if head.startswith((b"PK\x03\x04", OLE2)):
        return "workbook"
    if suffix in WORKBOOK_SUFFIXES:
        if is_text(head):  # not for glossary import's own hint (open_workbook's)
            raise GlossaryError(
                str(path), "not an XLSX workbook (text)",
                hint="a term list or TBX file named as a workbook: rename it to what it is "
                "(.csv, .tsv, .tbx) and import that",
            )  # fmt: skip
        return "workbook"
    codec = next((c for bom, c in _BOMS if head.startswith(bom)), "utf-8")
    text = head.decode(codec, "ignore").lstrip("\ufeff \t\r\n")
    if suffix in TBX_SUFFIXES or text.startswith("<"):
        return "tbx"
    raise GlossaryError(
        str(path), "not a term file tmkit imports",
        hint="expected a TBX file (.tbx, XML), a term list with a header row (.csv, .tsv, "
        ".txt), an OmegaT glossary (.utf8, .tab) or an Excel workbook (.xlsx)",
    )  # fmt: skip


LIST_SUFFIXES = (".csv", ".tsv", ".txt")
OMEGAT_SUFFIXES = (".utf8", ".tab")  # OmegaT's glossary suffixes (and .txt, with a # first line)
OMEGAT_PARTS = {"allowed": "en_variants", "forbidden": "forbidden", "status": "status"}
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
TBX_SUFFIXES = (".tbx", ".xml")
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .xls or a password-protected workbook
_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _cell_text(value: object) -> str:
    """A workbook cell's value as the text a CSV of it would hold (``3.0`` → ``3``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _trimmed(cells: list[str]) -> list[str]:
    """*cells* without the empty ones at the end (a sheet's used range is often wider)."""
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _text_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The rows of a CSV, TSV or TXT term list with their line numbers (see the module)."""
    text = decode(path)
    lines = text.splitlines(keepends=True)
    number = next((n for n, line in enumerate(lines) if line.strip()), None)
    if number is None:
        raise GlossaryError(str(path), "no header line", hint="the first line names the columns")
    delimiter = separator_line(lines[number].rstrip("\r\n"))
    if delimiter:  # Excel's "sep=;": blanked, so that every other line keeps its number
        text = "".join([*lines[:number], "\n", *lines[number + 1 :]])
        first = next((line for line in lines[number + 1 :] if line.strip()), "")
    else:
        first = lines[number]
    rows = table_rows(
        io.StringIO(text, newline=""), str(path), error=GlossaryError,
        delimiter=delimiter or separator(first),
    )  # fmt: skip
    return _kept(rows, path)


def _omegat_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The rows of an OmegaT glossary (OmegaT 3.6's ``GlossaryReaderTSV``: tab-separated
    source, target, comment; no header; ``#`` lines are comments) as a term list's, under
    the header ``id, fa, en, fa_variants, en_variants, forbidden, status, note``: the source
    is the Persian and the target the English (the direction of the OmegaT project tmkit
    writes). Consecutive lines with one target and comment are one concept, the later
    Persian its variants, as :func:`glossary.exports.write_omegat_glossary` writes a concept;
    its comment (``allowed: … | forbidden: … | status: … | note: …``) is read back into those
    fields, any other comment is the note. A line with fewer than two cells or an empty
    source, which OmegaT skips, is not imported (:attr:`TermList.skipped`)."""
    header = ["id", "fa", "en", "fa_variants", "en_variants", "forbidden", "status", "note"]
    rows: list[tuple[int, list[str]]] = []
    last: tuple[str, str] | None = None
    lines = io.StringIO(decode(path), newline="")
    for number, cells in _kept(
        table_rows(lines, str(path), error=GlossaryError, delimiter="\t", quoting=csv.QUOTE_NONE),
        path,
    ):
        cells = [*cells, "", ""][:3]
        source, target, comment = cells
        if last == (target, comment) and source.strip():  # the concept's Persian variant
            rows[-1][1][3] = "; ".join(filter(None, (rows[-1][1][3], source.strip())))
            continue
        last = (target, comment)
        fields = dict.fromkeys(header, "")
        fields.update(id=f"{path.stem}-{number}", fa=source, en=target, status="approved")
        fields.update(_omegat_comment(comment))
        rows.append((number, list(fields.values())))
    if not rows:
        raise GlossaryError(
            str(path), "no concept to import: no entry lines",
            hint="an OmegaT glossary has a line a term: Persian, a tab, English",
        )  # fmt: skip
    return [(0, header), *rows]


def _omegat_comment(comment: str) -> dict[str, str]:
    """The fields of an OmegaT line's comment: tmkit's (``allowed: a; b | status: proposed |
    note: …``, the note last and whole), else the comment as the note."""
    before, found, note = comment.partition("note: ")
    parts = [p.strip() for p in before.split(COMMENT_SEPARATOR.strip())]
    fields = {"note": note} if found else {}
    for part in filter(None, parts):
        name, colon, value = part.partition(": ")
        if not colon or name not in OMEGAT_PARTS:
            return {"note": comment}  # not tmkit's: the whole comment is the note
        fields[OMEGAT_PARTS[name]] = value
    return fields


def _kept(rows: Iterable[tuple[int, list[str]]], path: Path) -> list[tuple[int, list[str]]]:
    """The rows that are not blank nor a comment (a first cell beginning with ``#``).

    :raises GlossaryError: a cell holding a control character (other than tab and line
        breaks) or more characters than a workbook cell holds, naming the line and column.
    """
    kept = []
    for number, row in rows:
        if not any(c.strip() for c in row) or row[0].startswith("#"):
            continue
        for column, cell in enumerate(row, 1):
            found = CONTROL_OR_PAGE_BREAK.search(cell)
            if found:
                raise GlossaryError(
                    str(path), describe_character(found.group()), line=number, column=column,
                    hint="delete it or replace it by a space: a workbook cannot hold it",
                )  # fmt: skip
            if len(cell) > CELL_CHARACTERS:
                raise GlossaryError(
                    str(path), f"a cell of {len(cell):,} characters", line=number, column=column,
                    hint=f"a workbook cell holds at most {CELL_CHARACTERS:,} (Excel's limit)",
                )  # fmt: skip
        kept.append((number, row))
    return kept


def _term_list(
    path: Path, numbered: list[tuple[int, list[str]]], domain: str, columns: dict[str, str] | None
) -> TermList:
    """The concepts of a term list's rows (line or row number, cells), the header first."""
    if not numbered:
        raise GlossaryError(str(path), "no header line", hint="the first line names the columns")
    (header_line, header), body = numbered[0], numbered[1:]
    header = [cell.strip() for cell in header]
    if not body:  # as a list none of whose rows has both terms: not an empty glossary
        raise GlossaryError(
            str(path), "no concept to import: only a header line, no rows",
            line=header_line, hint="tmkit imports Persian↔English terms: each row needs both",
        )  # fmt: skip
    own = _own_fields(header)
    if own and not columns:  # tmkit's own columns (or headers), every required one
        _refuse_line_breaks(path, body, dict(enumerate(own)))
        width = len(own)  # a sheet's row stops at its last value
        rows = [(header_line, own), *((n, row + [""] * (width - len(row))) for n, row in body)]
        return TermList(glossary_from_rows(str(path), rows), (), (), (), ())
    plan, notes, by_language, ignored = _plan(path, header, header_line, columns or {}, body)
    fields_at = {index: field for field, index in plan.items()}
    fields_at.update(dict.fromkeys(by_language[1] if by_language else (), "fa"))
    _refuse_line_breaks(path, body, fields_at)
    terms: list[Term] = []
    skipped: list[str] = []
    latin: list[str] = []
    merged: list[tuple[str, str]] = []
    by_key: dict[str, int] = {}
    seen: dict[str, tuple[int, str]] = {}  # id → (its first line, its Persian key)
    split = 0  # cells holding several forms, split before rows are merged by their Persian
    for number, row in body:
        values = {field: _cell(row, index) for field, index in plan.items()}
        values[NOTE] = _note(header, row, notes)
        if by_language:
            languages = [_language(_cell(row, index)) for index in by_language[0]]
            if sorted(languages) != ["en", "fa"]:
                raise GlossaryError(
                    str(path), f"languages {[_cell(row, i) for i in by_language[0]]} are "
                    "not Persian and English", line=number,
                    hint="give --columns fa=HEADER,en=HEADER",
                )  # fmt: skip
            for language, index in zip(languages, by_language[1], strict=True):
                values[language] = _cell(row, index)
        concept = values.get("id", "").strip() or f"{path.stem}-{number}"
        if not values.get("fa", "").strip() or not values.get("en", "").strip():
            skipped.append(concept)
            continue
        statuses = {}
        for language in ("fa", "en"):
            text = values.pop(f"{language}_status", "")
            statuses[language] = term_status(text) or OWN_TERM_STATUS.get(_key(text), "")
            if text.strip() and not statuses[language]:
                raise GlossaryError(
                    str(path), f"unknown status {text.strip()!r} ({language}_status)",
                    line=number, column=plan[f"{language}_status"] + 1,
                    hint=f"a term's status is {TERM_STATUS_NAMES}",
                )  # fmt: skip
        fields: dict[str, object] = {"id": concept}
        for field, value in values.items():
            if field == "id":
                continue
            try:
                fields[field] = field_value(field, value)
            except ValueError as err:
                hint = f"expected {STATUSES}" if field == "status" else ""
                raise GlossaryError(str(path), f"{err} ({field})", line=number, hint=hint) from err
        fields["fa"] = str(fields["fa"]).strip()
        fields["en"] = str(fields["en"]).strip()
        fields["domain"] = fields.get("domain") or domain
        main = statuses["fa"] or statuses["en"]  # the status of the concept's terms, as TBX's
        fields.setdefault("status", CONCEPT_STATUS[main] if main else Status.APPROVED)
        term, count = split_term_forms(Term(**fields))  # type: ignore[arg-type]
        split += count
        fa, acronyms = _without_acronyms(term.fa)
        if _has_latin(fa):
            latin.append(concept)
            continue
        if acronyms:
            note = f"Persian text adds {' '.join(acronyms)}"
            term = replace(term, fa=fa, note="\n".join(filter(None, (term.note, note))))
        key = matching_key(fa)
        if concept in seen and seen[concept][1] != key:  # one id is one concept, one Persian
            hint = f"also on line {seen[concept][0]}"
            raise GlossaryError(str(path), f"duplicate id {concept!r}", line=number, hint=hint)
        seen.setdefault(concept, (number, key))
        if key in by_key:
            index = by_key[key]
            terms[index] = _merged(terms[index], term, statuses["en"])
            merged.append((terms[index].id, concept))
            continue
        by_key[key] = len(terms)
        terms.append(term)
    if body and not terms:
        reasons = [
            f"{len(found)} {what}"
            for found, what in (
                (skipped, "without a Persian or an English term"),
                (latin, "with Latin letters in the Persian term"),
            )
            if found
        ]
        raise GlossaryError(
            str(path), f"no concept to import: of its {len(body)} rows, {' and '.join(reasons)}",
            hint="tmkit imports Persian↔English terms: each row needs both",
        )  # fmt: skip
    return TermList(
        Glossary(tuple(terms)),
        tuple(skipped),
        tuple(ignored),
        tuple(latin),
        tuple(merged),
        _unnamed(header, body),
        split,
    )


_ACRONYM = re.compile(r"\s*[(（]\s*([A-Za-z][A-Za-z0-9 .\-/&]*?)\s*[)）]")


def _without_acronyms(fa: str) -> tuple[str, list[str]]:
    """A Persian term without its parenthesized Latin acronyms: ``… بیماری (CDC)``."""
    acronyms = [f"({m.group(1)})" for m in _ACRONYM.finditer(fa)]
    return " ".join(_ACRONYM.sub(" ", fa).split()), acronyms


def _has_latin(text: str) -> bool:
    return any(c.isalpha() and unicodedata.name(c, "").startswith("LATIN") for c in text)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def header_field(name: str) -> str:
    """The field a term list's column header names ("" for none: not imported).

    One recognition for every list: tmkit's field names (``fa_variants``) and the headers its
    workbook writes (``Persian variants``, ``English term``); the aliases other tools use
    (``conceptID``, ``partOfSpeech``, ``description``); a language alone, as a tag with at most
    a script and region (``fa``, ``fa_IR``, ``en-US``) or a name
    (:data:`corpus.languages.LANGUAGE_NAMES`, Dari's too) with perhaps a region or tag in
    parentheses (``English``, ``Persian (Iran)``, ``English (United States)``, ``Dari
    (fa-AF)``): that language's term; a field qualified by a language, ``<field> [<lang>]``
    (Crowdin: ``Term [en]``, ``Status [fa]``), ``<field> (<lang>)`` (Smartling: ``Translation
    (fa-IR)``), ``<lang>_<field>`` (Phrase: ``en_status``, ``fa_definition``; also ``English
    term``) or ``<term word>_<lang>`` (``term_en``, ``source_fa``): a term word (term,
    translation, string) is that language's term, ``status`` its term's status (``fa_status``,
    ``en_status``), a note word (definition, description, comment, notes) the note, variants its
    variants, another known field that field. An unknown field (``fa_glosses``) is no field,
    never a term. The bare sides (``Term``, ``Source``/``Target``, ``Source term``) are
    ``side:0`` and ``side:1``, resolved by :func:`_plan`.
    """
    key = _key(name)
    if name in FIELD_TYPES:
        return name
    if key in OWN_HEADERS:
        return OWN_HEADERS[key]
    language = _language_header(name)
    if language:
        return language
    bracketed = _BRACKETED.fullmatch(name.strip())
    if bracketed and _language_header(bracketed.group(2)):
        return _qualified(bracketed.group(1), _language_header(bracketed.group(2)), suffix=True)
    for cut in (i for i, c in enumerate(name) if c in " _-"):
        head, tail = name[:cut], name[cut + 1 :]
        if _language_header(head):
            return _qualified(tail, _language_header(head), suffix=False)
        if _language_header(tail):
            return _qualified(head, _language_header(tail), suffix=True)
    if key in SIDES:
        return f"side:{SIDES[key]}"
    return ALIASES.get(key, "") if ALIASES.get(key) != "variants" else ""


def _language_header(text: str) -> str:
    """``fa`` or ``en`` for a header that is a language and nothing else (see
    :func:`header_field`), else "": ``fa_glosses`` is no language, though BCP 47 would read
    ``glosses`` as a variant subtag."""
    text = text.strip()
    named = _NAME.fullmatch(text)
    if named:
        return named_language(named.group(1))
    return _language(text) if _TAG.fullmatch(text) else ""


def _qualified(field: str, language: str, *, suffix: bool) -> str:
    """The field *field* qualified by *language* names (see :func:`header_field`); *suffix*:
    the language comes after the field (``term_en``, ``Status [en]``)."""
    key = _key(field)
    if key in TERM_WORDS or (suffix and key in ("source", "target")):
        return language
    if key == "status":
        return f"{language}_status"
    alias = ALIASES.get(key, "")
    if alias == "variants":
        return f"{language}_variants"
    return alias


def _plan(
    path: Path, header: list[str], line: int, columns: dict[str, str], body: list
) -> tuple[dict[str, int], list[int], tuple[list[int], list[int]] | None, list[str]]:
    """Field → the index of its column; the note columns; the (language columns, text
    columns) of per-row languages; the named headers not imported. Two columns for one field
    (a header given twice, or two that mean the same: ``English`` and ``en``) are an error
    naming both, except the note, which takes every note column. *columns* (``--columns``)
    names some fields' columns; the others are recognised (:func:`header_field`)."""
    plan: dict[str, int] = {}
    notes: list[int] = []
    sides: dict[int, int] = {}

    def take(field: str, index: int) -> None:
        if field == NOTE:
            notes.append(index)
        elif field.startswith("side:"):
            sides.setdefault(int(field[5:]), index)
        elif field in plan:
            first = plan[field]
            raise GlossaryError(
                str(path), f"columns {_column(first)} {header[first]!r} and {_column(index)} "
                f"{header[index]!r} are both read as {field}", line=line,
                hint="keep one, rename the other, or give --columns",
            )  # fmt: skip
        else:
            plan[field] = index

    given: set[int] = set()
    for field, name in columns.items():
        found = [index for index, header_name in enumerate(header) if header_name == name]
        if not found:
            raise GlossaryError(
                str(path), f"no column {name!r} (--columns {field}={name})", line=line,
                hint="the header has " + ", ".join(header),
            )  # fmt: skip
        for index in found:
            take(field, index)
        given.update(found)
    recognised = [
        header_field(name) if index not in given else "" for index, name in enumerate(header)
    ]
    for index, name in enumerate(header):
        field = recognised[index]
        if field == "source" and _key(name) == "source" and "side:1" in recognised:
            field = "side:0"  # Source beside Target: the source language's term
        if field and field not in columns:
            take(field, index)
    keys = {_key(name): index for index, name in enumerate(header)}
    by_language = None
    paired = {SOURCE_TEXT, TARGET_TEXT, SOURCE_LANG, TARGET_LANG} <= keys.keys()
    if "fa" not in plan and "en" not in plan and paired:
        by_language = (
            [keys[SOURCE_LANG], keys[TARGET_LANG]],
            [keys[SOURCE_TEXT], keys[TARGET_TEXT]],
        )
    elif sides:
        _take_sides(path, header, line, plan, sides, body)
    if by_language is None and ("fa" not in plan or "en" not in plan):
        raise GlossaryError(
            str(path), "no Persian and English columns found", line=line,
            hint="name them fa and en, or give --columns fa=HEADER,en=HEADER "
            "(the header has " + ", ".join(header) + ")",
        )  # fmt: skip
    used = {*plan.values(), *notes} | {index for indices in by_language or () for index in indices}
    return (
        plan,
        notes,
        by_language,
        [name for index, name in enumerate(header) if name and index not in used],
    )


def _take_sides(
    path: Path, header: list[str], line: int, plan: dict[str, int], sides: dict[int, int], body
) -> None:
    """Read the columns named only by their side (``Term``, ``Source``, ``Target term``) as
    the languages the list lacks: the one missing when the other has its column (Smartling's
    ``Term`` beside ``Translation (fa-IR)``), else by the script of their values (the side
    whose terms are mostly in Arabic script is the Persian)."""
    missing = [language for language in ("fa", "en") if language not in plan]
    columns = sorted(sides.values())
    if len(missing) == 1:
        plan[missing[0]] = columns[0]
        return
    if len(missing) != 2 or len(columns) != 2:
        return
    persian = [
        index
        for index in columns
        if 2 * sum(_is_persian_text(_cell(row, index)) for _, row in body) > len(body)
    ]
    if len(persian) != 1:
        names = " and ".join(repr(header[index]) for index in columns)
        raise GlossaryError(
            str(path), f"cannot tell which of {names} is Persian (by their terms' script)",
            line=line, hint="give --columns fa=HEADER,en=HEADER",
        )  # fmt: skip
    plan["fa"] = persian[0]
    plan["en"] = next(index for index in columns if index != persian[0])


def _is_persian_text(text: str) -> bool:
    """Whether *text* has more Arabic-script letters than others."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if unicodedata.name(c, "").startswith("ARABIC"))
    return bool(letters) and 2 * arabic > len(letters)


def _own_fields(header: list[str]) -> list[str]:
    """The field names of *header* when it is tmkit's own (``glossary export --format csv``'s
    field names, or the headers its workbook writes: ``Persian term``, ``English term`` …, as
    Excel saves the Terms sheet), every required one among them; else []. A list with some
    field names but not all (``en``, ``fa``, ``note``) is read as any other list: ids made,
    the default domain, approved."""
    own = [name if name in FIELD_TYPES else OWN_HEADERS.get(_key(name), "") for name in header]
    return own if all(own) and set(own) >= REQUIRED_FIELDS else []


def _note(header: list[str], row: list[str], notes: list[int]) -> str:
    """The note of a row: its one note column's value, or the values of several (Smartling's
    ``Definition`` and ``Notes``), one line each labelled by its header, as TBX import labels
    a definition (``Definition: a ship for oil``)."""
    values = [(header[index], _cell(row, index)) for index in notes]
    values = [(name, value) for name, value in values if value.strip()]
    if len(notes) == 1:
        return values[0][1] if values else ""
    return "\n".join(f"{name}: {value}" for name, value in values)


def _merged(kept: Term, term: Term, english_status: str) -> Term:
    """*kept* with the English of a later row with its Persian term (or id): a variant, or a
    forbidden form when the row marks it deprecated (``Status [en]`` deprecated,
    notRecommended; or the row's status deprecated), as TBX import reads a deprecated English
    term."""
    english = {_fold(e) for e in (*kept.english_forms, *kept.forbidden)}
    if _fold(term.en) in english:
        return kept
    if english_status == DEPRECATED or term.status is Status.DEPRECATED:
        return replace(kept, forbidden=(*kept.forbidden, term.en))
    return replace(kept, en_variants=(*kept.en_variants, term.en))


def _cell(row: list[str], index: int) -> str:
    """The cell at *index* of *row* in NFC, "" when the row is shorter."""
    return unicodedata.normalize("NFC", row[index]) if index < len(row) else ""


def _column(index: int) -> str:
    """A column's position as a message names it: ``3 (C)``."""
    return f"{index + 1} ({get_column_letter(index + 1)})"


MULTILINE_FIELDS = frozenset({"note", "source"})  # a term, a variant or an id is one line
_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")  # a vertical tab or form feed: refused


def _refuse_line_breaks(
    path: Path, body: list[tuple[int, list[str]]], fields: dict[int, str]
) -> None:
    """Refuse a line break in a cell of any field but a note or source (*fields*: column
    index → field): a term with one matches no text, and the workbook would keep it."""
    for number, row in body:
        for index, field in fields.items():
            value = row[index] if index < len(row) else ""
            if field not in MULTILINE_FIELDS and _LINE_BREAK.search(value):
                raise GlossaryError(
                    str(path), f"a line break in the {field} cell {value!r}", line=number,
                    column=index + 1,
                    hint="a term, variant or id is one line; a note or source may have several",
                )  # fmt: skip


def _unnamed(header: list[str], body: list[tuple[int, list[str]]]) -> tuple[int, ...]:
    """The indices of the columns that hold a value in some row but have no header (an empty
    header cell, or a cell past the header's last): their values are not imported."""
    width = max(len(row) for _, row in body)
    return tuple(
        index
        for index in range(width)
        if (index >= len(header) or not header[index])
        and any(index < len(row) and row[index].strip() for _, row in body)
    )
