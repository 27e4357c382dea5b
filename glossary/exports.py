"""Glossary exports for CAT tools and spreadsheets: the registry behind ``tmkit glossary export``.

OmegaT glossary (:func:`write_omegat_glossary`). Format facts, from OmegaT 3.6's
``GlossaryReaderTSV`` and ``GlossaryManager`` (read in its classes):

- OmegaT loads every ``.txt``, ``.utf8``, ``.tab``, ``.csv`` and ``.tbx`` file in the project's
  ``glossary/`` folder. A ``.utf8`` file is always read as UTF-8; a ``.txt`` or ``.tab`` file's
  encoding is guessed (falling back to Java's default charset), so the export's suffix is
  ``.utf8``. Its writable ``glossary/glossary.txt`` is the translator's own: write elsewhere.
- Checked: OmegaT 3.6's reader loads the sample export's 23 entries with their Persian intact.
- One entry a line (LF, CR or CRLF), split at tabs: ``source<TAB>target<TAB>comment``; a line
  with fewer than two columns or an empty source is skipped, further columns are ignored, a
  line that starts with ``#`` is a comment, a BOM at the start is skipped.
- Written here: UTF-8 without BOM, LF line ends, one ``#`` line naming the columns, then one line
  a Persian form (the term, then its variants) of each concept, in the glossary's order, with
  the English term as the target. The comment carries what OmegaT has no column for, joined by
  `` | ``: ``allowed: …`` (the English variants), ``forbidden: …``, ``status: proposed`` or
  ``deprecated`` (approved is not written), ``note: …``. Lists are joined by ``; ``.
- A tab or line break inside a value would split the line: each becomes one space. A Persian
  form that starts with ``#`` would be taken for a comment by OmegaT (no escape exists).

CSV (:func:`write_csv`): every field of every concept, one row each in the glossary's order,
after a header row of the field names (:data:`glossary.diff.TERM_FIELDS`). RFC 4180: comma
separated, CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes
doubled. UTF-8 with a BOM: without it Excel reads a CSV in the system's ANSI code page and shows
Persian as mojibake; with it Excel, LibreOffice and Python's ``utf-8-sig`` read it right. Lists
are joined by ``; ``, case-sensitive is ``yes`` or ``no``. A value that starts with ``=``,
``+``, ``-``, ``@``, a tab or a CR gets a leading ``'`` so that Excel shows it as text and never
runs it as a formula (the OWASP advice on CSV injection); no Persian or English term starts so.

Every file is written through a temporary file and ``os.replace``; the same glossary gives the
same bytes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from corpus.atomic import atomic_output
from glossary.diff import TERM_FIELDS, field_text
from glossary.model import Glossary, GlossaryError, Status, Term
from glossary.tbx import write_tbx

OMEGAT_HEADER = (
    "# Persian term\tEnglish term\tcomment (exported by tmkit: edit the glossary instead)"
)
COMMENT_SEPARATOR = " | "
_SPLITS_LINE = re.compile(r"[\t\r\n]")  # what OmegaT splits columns and lines at
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def write_omegat_glossary(glossary: Glossary, path: Path) -> int:
    """Write *glossary* as an OmegaT glossary (tab-separated); return the entry lines written.

    :raises GlossaryError: the folder cannot be written.

    Example::

        write_omegat_glossary(glossary, Path("out/omegat/glossary/tmkit-terms.utf8"))
    """
    lines = 0
    try:
        with atomic_output(Path(path), error=GlossaryError) as out:
            out.write(OMEGAT_HEADER + "\n")
            for term in glossary.terms:
                comment = _one_line(omegat_comment(term))
                tail = f"\t{comment}\n" if comment else "\n"
                for persian in term.persian_forms:
                    out.write(f"{_one_line(persian)}\t{_one_line(term.en)}{tail}")
                    lines += 1
    except OSError as err:
        raise GlossaryError(str(path), f"cannot write ({err.strerror})") from err
    return lines


def omegat_comment(term: Term) -> str:
    """The comment column of *term*'s OmegaT lines: variants, forbidden forms, status, note."""
    parts = []
    if term.en_variants:
        parts.append("allowed: " + "; ".join(term.en_variants))
    if term.forbidden:
        parts.append("forbidden: " + "; ".join(term.forbidden))
    if term.status is not Status.APPROVED:
        parts.append(f"status: {term.status.value}")
    if term.note:
        parts.append(f"note: {term.note}")
    return COMMENT_SEPARATOR.join(parts)


def _one_line(text: str) -> str:
    return _SPLITS_LINE.sub(" ", text)


def write_csv(glossary: Glossary, path: Path) -> int:
    """Write every field of *glossary*'s concepts as CSV (UTF-8 with BOM); return the rows written.

    :raises GlossaryError: the folder cannot be written.

    Example::

        write_csv(glossary, Path("out/terms.csv"))  # opens in Excel with its Persian intact
    """
    rows = 0
    try:
        with atomic_output(Path(path), error=GlossaryError) as out:
            out.write("\ufeff")
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(TERM_FIELDS)
            for term in glossary.terms:
                writer.writerow([_as_text(field_text(term, name)) for name in TERM_FIELDS])
                rows += 1
    except OSError as err:
        raise GlossaryError(str(path), f"cannot write ({err.strerror})") from err
    return rows


def _as_text(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA) else value


@dataclass(frozen=True)
class GlossaryExporter:
    """One export format: its ``--format`` name, file suffix, writer and a one-line summary."""

    name: str
    suffix: str
    write: Callable[[Glossary, Path], int]
    summary: str


GLOSSARY_EXPORTERS: dict[str, GlossaryExporter] = {
    exporter.name: exporter
    for exporter in (
        GlossaryExporter("tbx", ".tbx", write_tbx, "TBX-Basic, TBX v3 (ISO 30042:2019)"),
        GlossaryExporter(
            "tbx2",
            ".tbx",
            partial(write_tbx, version=2),
            "TBX-Basic, TBX 2008 <martif>: what OmegaT 3.6 and translate-toolkit read",
        ),
        GlossaryExporter(
            "omegat",
            ".utf8",
            write_omegat_glossary,
            "OmegaT glossary: Persian<TAB>English<TAB>comment, UTF-8",
        ),
        GlossaryExporter("csv", ".csv", write_csv, "CSV of every field, UTF-8 with BOM (Excel)"),
    )
}
