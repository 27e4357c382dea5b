"""Translation units as a gettext PO file for review, and the reviewed English back into en.txt.

The translator opens the PO in Poedit or Weblate, corrects the English (``msgstr``), and
:func:`apply_po` writes the corrections into the reference translation (``en.txt``).

Format facts (GNU gettext PO, written and read with polib):

- UTF-8, ``\\n`` line ends, polib's wrapping (78 columns), no obsolete or plural entries.
- Header: ``Project-Id-Version: tmkit <version>``, empty ``Last-Translator`` and
  ``Language-Team`` (the translator's tool fills them), ``Language`` in gettext form from the
  units' target language (``en-GB`` → ``en_GB``), ``X-Source-Language`` (Poedit reads it),
  MIME-Version 1.0, ``Content-Type: text/plain; charset=UTF-8``, ``Content-Transfer-Encoding:
  8bit``, then the caller's metadata (e.g. ``X-Tmkit-Signature``), sorted by polib. No date comes
  from the clock: ``POT-Creation-Date`` and ``PO-Revision-Date`` are written only from a
  ``creationdate`` metadata item (ISO 8601 or TMX's ``20240102T030405Z``), so the same input
  gives the same bytes. Without it ``msgfmt --check-header`` warns that ``PO-Revision-Date`` is
  missing (a warning only; the file is valid).
- One entry a unit, in the units' order: ``msgctxt`` is the tuid (it is what the import keys
  on, and it keeps two units with the same Persian apart), ``msgid`` the Persian source,
  ``msgstr`` the English target, ``#:`` one reference ``<document>/<block>`` a source block
  (block ids, no line numbers: ids such as ``p3`` stay stable while the raw text's lines do not),
  ``#.`` ``kind: …; score: …; target: <document>/<block> …; flagged: <reason>`` (score, an
  ``occurrences`` count and the reason only when known), and the ``fuzzy`` flag on a unit the
  aligner flagged (its score below the project's flag threshold).

Import (:func:`apply_po`): an entry whose ``msgstr`` differs from its unit's target (spaces
collapsed) replaces that text in en.txt, found inside the unit's target blocks only (so a
passage the article repeats changes in one place), and every other byte stays as it was:
footnote markers (``^2``) follow a sentence's final punctuation, outside the text. The fuzzy
flag is ignored on import: here it marks a doubtful alignment, not a draft translation.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polib

from corpus.atomic import atomic_output, write_atomic
from corpus.cleanup import clean
from corpus.document import Kind
from corpus.errors import CorpusError
from corpus.textfile import decode_text
from tm import __version__
from tm.errors import TmError
from tm.unit import TARGET_LANGUAGE, TranslationUnit

CREATION_DATE = "creationdate"  # the metadata item that dates the file (TMX's attribute name)
PO_DATE = "%Y-%m-%d %H:%M%z"
HEADER_COMMENT = (
    "Translation units exported by tmkit for review of the English.\n"
    "Edit msgstr only: msgctxt is the unit's id, which brings the edit back into en.txt."
)
# A keyword line or continuation line: one string, closed, escapes paired. polib reads an
# unclosed string by dropping its last character, which would reach en.txt as a truncated edit.
STRING_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"'
)
POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
LINE_BREAK = re.compile(r"\r\n|\r|\n|\f")  # as corpus.textfile.decode_text counts lines
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
CHECK_HINT = "check it with msgfmt --check, or open and save it in Poedit"


@dataclass(frozen=True)
class Change:
    """One correction written into en.txt: the unit's id, the text replaced, the new text."""

    tuid: str
    old: str
    new: str


class ImportReport(list[Change]):
    """The changes :func:`apply_po` made, in the units' order, and its warnings.

    A list of :class:`Change`; ``warnings`` holds ``line N: …`` messages about the PO (an entry
    whose tuid matches no unit), which do not stop the import.
    """

    def __init__(self, changes: Iterable[Change] = (), warnings: Iterable[str] = ()) -> None:
        super().__init__(changes)
        self.warnings = tuple(warnings)


@dataclass(frozen=True)
class _Entry:
    msgid: str
    msgstr: str
    line: int


def write_po(
    units: Iterable[TranslationUnit],
    path: Path,
    *,
    metadata: Mapping[str, str] = {},
    language: str | None = None,
) -> int:
    """Write *units* as a PO file at *path* (atomically) and return the number of entries.

    Entries are streamed: polib renders the header and each entry, one at a time.

    :param metadata: header fields added to (or replacing) tmkit's, e.g.
        ``{"X-Tmkit-Signature": signature, "creationdate": "20240102T030405Z"}``.
    :param language: the file's ``Language`` (default: the first unit's target language).
        A language without a region (``en``) holds units of all its variants (``en-GB``,
        ``en-US``), each entry's variant noted in its comment.
    :raises TmError: a unit whose target language is not the file's or one of its variants
        (a PO file has one language).
    :raises ValueError: a ``creationdate`` that is not an ISO 8601 date and time.

    Example (144 units of the bundled article)::

        write_po(units, Path("out/caucasus-oil-policy.po"), metadata={"X-Tmkit-Signature": sig})
    """
    units = iter(units)
    first = next(units, None)
    language = language or (first.tgtlang if first else TARGET_LANGUAGE)
    header = polib.POFile()
    header.header = HEADER_COMMENT
    header.metadata = _metadata(language, first.srclang if first else None, metadata)
    count = 0
    with atomic_output(path, error=TmError) as out:
        out.write(str(header))
        for unit in itertools.chain([first] if first else [], units):
            variant = unit.tgtlang != language
            if variant and unit.tgtlang.lower().split("-")[0] != language.lower():
                raise TmError(
                    str(path),
                    f"unit {unit.tuid} is in {unit.tgtlang}, the file in {language}",
                    hint="write one PO file a target language",
                )
            out.write("\n" + str(_entry(unit, variant)))
            count += 1
    return count


def read_po_targets(path: Path) -> dict[str, str]:
    """Return each entry's tuid (``msgctxt``) and English (``msgstr``).

    :raises TmError: a file polib cannot parse, an entry without ``msgctxt`` or a tuid that
        appears twice, naming the file and the line.
    """
    return {tuid: entry.msgstr for tuid, entry in _read_entries(path).items()}


def changed_entries(path: Path, units: Iterable[TranslationUnit]) -> int:
    """How many of *units* the PO at *path* gives a different English (whitespace collapsed).

    :raises TmError: a bad PO, as :func:`read_po_targets`.
    """
    targets = read_po_targets(path)
    return sum(
        unit.tuid in targets and _collapse(targets[unit.tuid]) != _collapse(unit.target)
        for unit in units
    )


def read_po(path: Path) -> list[TranslationUnit]:
    """The units of a PO file written by :func:`write_po` (msgctxt, msgid, msgstr), for checks.

    :raises TmError: a PO polib cannot read, an entry without msgctxt.
    """
    return [
        TranslationUnit(tuid, entry.msgid, entry.msgstr)
        for tuid, entry in _read_entries(Path(path)).items()
    ]


def apply_po(po_path: Path, units: Iterable[TranslationUnit], english_path: Path) -> ImportReport:
    """Write the English corrected in *po_path* into *english_path*; return the changes.

    For each unit whose PO ``msgstr`` differs from ``unit.target`` (whitespace collapsed), the
    target text is looked up in the en.txt paragraphs of ``unit.target_blocks`` (block ids and
    raw lines from :func:`corpus.cleanup.clean`) and replaced by the new text with its spaces
    collapsed. Assumption: the sentences of a unit's target stand consecutively in en.txt,
    separated by whitespace with at most one line break (normally one space: a 1–2 bead's two
    sentences are one space apart), so they are found as one run of text. Every check runs
    before anything is written; en.txt is then written once, atomically, and not at all when
    nothing changed. An entry whose tuid matches no unit is a warning of the result. Units
    without a PO entry are left alone.

    :raises TmError: a bad PO (see :func:`read_po_targets`); an emptied ``msgstr``; a changed
        entry whose ``msgid`` is no longer its unit's source (the PO comes from another build);
        a target not found exactly once in its paragraphs; two changes that overlap. The
        message names the tuid.
    """
    po_name, english_name = str(po_path), str(english_path)
    entries = _read_entries(po_path)
    raw, text = _read(english_path)
    offsets = _line_offsets(raw)
    regions = _block_regions(raw, text, offsets)
    matched: set[str] = set()
    changes: list[tuple[int, int, Change]] = []  # span of en.txt and its change, units' order
    for unit in units:
        entry = entries.get(unit.tuid)
        if entry is None:
            continue
        matched.add(unit.tuid)
        new = _collapse(entry.msgstr)
        if new == _collapse(unit.target):
            continue
        if not new:
            raise TmError(
                po_name,
                f"the msgstr of {unit.tuid} is empty",
                line=entry.line,
                hint="put the English back: an empty entry would delete it from en.txt",
            )
        if _collapse(entry.msgid) != _collapse(unit.source):
            raise TmError(
                po_name,
                f"the msgid of {unit.tuid} is not the unit's source text",
                line=entry.line,
                hint="the PO comes from another build: export it again",
            )
        start, end = _locate(unit, raw, regions, english_name)
        changes.append((start, end, Change(unit.tuid, raw[start:end], new)))
    in_file = sorted(changes, key=lambda change: change[0])
    for (_, end, before), (start, _, after) in itertools.pairwise(in_file):
        if start < end:
            raise TmError(
                english_name,
                f"{before.tuid} and {after.tuid} change the same text",
                line=bisect_right(offsets, start),
                hint="keep one of the two edits",
            )
    if in_file:
        for start, end, change in reversed(in_file):
            raw = raw[:start] + change.new + raw[end:]
        write_atomic(english_path, raw, error=TmError)
    warnings = [
        f"line {entry.line}: {tuid} matches no translation unit (entry left out)"
        for tuid, entry in entries.items()
        if tuid not in matched
    ]
    return ImportReport((change for _, _, change in changes), warnings)


def _metadata(language: str, source: str | None, extra: Mapping[str, str]) -> dict[str, str]:
    fields = {
        "Project-Id-Version": f"tmkit {__version__}",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": language.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if source:
        fields["X-Source-Language"] = source.replace("-", "_")
    fields.update({key: value for key, value in extra.items() if key != CREATION_DATE})
    if CREATION_DATE in extra:
        moment = datetime.fromisoformat(extra[CREATION_DATE])
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        fields["POT-Creation-Date"] = fields["PO-Revision-Date"] = moment.strftime(PO_DATE)
    return fields


def _entry(unit: TranslationUnit, variant: bool = False) -> polib.POEntry:
    place = f"{unit.document}/" if unit.document else ""
    notes = [f"kind: {unit.kind}"]
    if variant:
        notes.append(f"language: {unit.tgtlang}")
    if unit.score is not None:
        notes.append(f"score: {unit.score:.3f}")
    if unit.occurrences > 1:
        notes.append(f"occurrences: {unit.occurrences}")
    if unit.target_blocks:
        notes.append("target: " + " ".join(place + block for block in unit.target_blocks))
    if unit.flag:
        notes.append(f"flagged: {unit.flag}")
    return polib.POEntry(
        msgctxt=unit.tuid,
        msgid=unit.source,
        msgstr=unit.target,
        occurrences=[(place + block, "") for block in unit.source_blocks],
        comment="; ".join(notes),
        flags=["fuzzy"] if unit.flagged else [],
    )


def _read(path: Path) -> tuple[str, str]:
    """The file's text as stored (BOM and line ends kept) and as read (UTF-8 checked, ``\\n``)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise TmError(name, f"cannot read: {err.strerror}") from err
    try:
        text = decode_text(data, name)
    except CorpusError as err:
        raise TmError(
            err.path, err.message, line=err.line, column=err.column, hint=err.hint
        ) from err
    return data.decode("utf-8"), text


def _read_entries(path: Path) -> dict[str, _Entry]:
    name = str(path)
    _, text = _read(path)
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if line and not line.startswith("#") and not STRING_LINE.fullmatch(line):
            raise TmError(name, f"not a PO line: {line[:40]}", line=number, hint=CHECK_HINT)
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as err:
        where = POLIB_LINE.search(str(err))
        detail = f": {where.group(2)}" if where and where.group(2) else ""
        line = int(where.group(1)) if where else None
        raise TmError(name, f"PO syntax error{detail}", line=line, hint=CHECK_HINT) from err
    entries: dict[str, _Entry] = {}
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum or 1  # polib numbers the first entry of a file 0
        if entry.msgctxt is None:
            raise TmError(
                name,
                f"entry without msgctxt (msgid {entry.msgid[:40]!r})",
                line=line,
                hint="msgctxt holds the unit's id: keep it as tmkit wrote it",
            )
        if entry.msgctxt in entries:
            first = entries[entry.msgctxt].line
            raise TmError(
                name,
                f"{entry.msgctxt} appears twice (first on line {first})",
                line=line,
                hint="keep one entry a unit",
            )
        entries[entry.msgctxt] = _Entry(entry.msgid, entry.msgstr, line)
    return entries


def _line_offsets(raw: str) -> list[int]:
    """Where each line of *raw* starts, line ends counted as :func:`decode_text` reads them."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(raw)]


def _block_regions(raw: str, text: str, offsets: list[int]) -> dict[str, tuple[int, int, int]]:
    """Each block's span of *raw* (start, end) and first line.

    A paragraph runs to the next paragraph, so one joined across a page break keeps its
    second half (and the furniture and notes between, where the exactly-once rule still
    holds); a footnote runs to the next block of any kind.
    """
    document = clean(text)
    paragraph_lines = sorted({block.line for block in document.paragraphs})
    block_lines = sorted({block.line for block in document.blocks})
    regions: dict[str, tuple[int, int, int]] = {}
    for block in document.blocks:
        lines = block_lines if block.kind is Kind.FOOTNOTE else paragraph_lines
        after = bisect_right(lines, block.line)
        end = offsets[lines[after] - 1] if after < len(lines) else len(raw)
        regions[block.id] = (offsets[block.line - 1], end, block.line)
    return regions


def _locate(
    unit: TranslationUnit, raw: str, regions: dict[str, tuple[int, int, int]], name: str
) -> tuple[int, int]:
    """The one span of *raw* in the unit's target blocks that holds its target text."""
    words = unit.target.split()
    unknown = [block for block in unit.target_blocks if block not in regions]
    if not words or not unit.target_blocks or unknown:
        problem = (
            "has no English text to replace"
            if not words
            else "has no target blocks"
            if not unit.target_blocks
            else f"names blocks en.txt does not have: {' '.join(unknown)}"
        )
        raise TmError(name, f"{unit.tuid} {problem}", hint="edit en.txt by hand")
    spans = [regions[block] for block in unit.target_blocks]
    start, end = min(span[0] for span in spans), max(span[1] for span in spans)
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    found = [
        match
        for match in pattern.finditer(raw, start, end)
        if not BLANK_LINE.search(match.group())  # a sentence never spans a paragraph break
    ]
    if len(found) != 1:
        blocks = " ".join(unit.target_blocks)
        problem = "not found" if not found else f"found {len(found)} times"
        raise TmError(
            name,
            f"the English of {unit.tuid} is {problem} in {blocks}",
            line=min(span[2] for span in spans),
            hint="rebuild the units from this en.txt, or edit it by hand",
        )
    return found[0].span()


def _collapse(text: str) -> str:
    return " ".join(text.split())
