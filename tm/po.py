"""Translation units as a gettext PO file for review, and the reviewed English back into the
pairs' English files.

The translator opens the PO in Poedit or Weblate, corrects the English (``msgstr``), and
:func:`import_po` writes the corrections into the reference translations (``en.txt``, or a
Word, Markdown or HTML English file).

Format facts (GNU gettext PO, written and read with polib):

- UTF-8, ``\\n`` line ends, no obsolete or plural entries (what tmkit writes; :func:`read_po`
  reads any PO, :func:`import_po` tmkit's own). A PO whose header declares another charset
  (``Content-Type: text/plain; charset=windows-1256``, as gettext and Poedit can write) is read
  in that charset; one whose bytes are not in it is a one-line error naming the line and byte
  (so is one declaring another charset whose non-ASCII text is UTF-8). An unknown charset
  (``CHARSET``, xgettext's placeholder) reads as UTF-8. Lines are not wrapped (as
  ``msgcat --no-wrap`` writes them): each ``msgid`` and ``msgstr`` is one line, so the diff of
  a reviewed PO shows whole sentences, and a rebuild spends no time in polib's line wrapping
  (``python benchmarks/bench_build.py`` times rebuilds). Poedit, Weblate and gettext read both.
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

Import (:func:`import_po`, :func:`apply_po` for one pair): an entry whose ``msgstr`` differs from
its unit's target (spaces collapsed) replaces that text in the pair's English file, found inside
the unit's target blocks only (so a passage the article repeats changes in one place), and every
other byte stays as it was. Word, Markdown and HTML files get only the words that changed
(:func:`word_changes`), so the links and formatting around them stay. One core locates and checks
every edit (exactly once in its blocks, no two overlapping, every check before anything is written)
for every format; each format says where a block's text is and how an edit is written
(:class:`EnglishFile`): plain text here (footnote markers such as ``^2`` follow a sentence's final
punctuation, outside the text), Word in :mod:`tm.po_docx`, Markdown and HTML in
:mod:`tm.po_markup`. A ``fuzzy`` entry needs review and is not imported (unless
``include_fuzzy``): tmkit marks its flagged beads fuzzy, and the reviewer removes the flag when
the alignment is right (Poedit removes it when an entry is edited). Obsolete entries (``#~``) are
ignored; CRLF line ends are read as LF.

Check (:func:`read_po`): any PO as Poedit, Weblate and gettext write it, one unit an entry, or a
plural form.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import itertools
import json
import re
import tempfile
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from corpus.atomic import atomic_output, check_writable, write_atomic
from corpus.cleanup import clean
from corpus.document import Document, Kind
from corpus.errors import CorpusError
from corpus.languages import canonical_language, is_english, is_persian
from corpus.pipeline import load_document
from corpus.readers import format_of
from corpus.textfile import CONTROL, decode_text
from corpus.xmlsafe import TEXT_LIMIT, over_limit
from tm import __version__
from tm.errors import TmError
from tm.signature import changed_since, file_digest, signature_inputs
from tm.unit import TARGET_LANGUAGE, TranslationUnit

NO_WRAP = 0  # polib's wrapwidth for "never wrap"
CREATION_DATE = "creationdate"  # the metadata item that dates the file (TMX's attribute name)
PO_DATE = "%Y-%m-%d %H:%M%z"
HEADER_COMMENT = (
    "Translation units exported by tmkit for review of the English.\n"
    "Edit msgstr only: msgctxt is the unit's id, which brings the edit back into the English."
)
# A keyword line or continuation line: one string, closed, escapes paired. polib reads an
# unclosed string by dropping its last character, which would reach the English as a truncated edit.
# The escapes gettext's msgfmt accepts (C's): any other, \q, is its "invalid control sequence"
ESCAPE = r'\\(?:[ntrabfv"\\]|[0-7]{1,3}|x[0-9A-Fa-f]+)'
STRING_LINE = re.compile(
    rf'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|{ESCAPE})*"'
)
BAD_ESCAPE = re.compile(rf'^[^"]*"(?:[^"\\]|{ESCAPE})*(\\.?)')
POLIB_LINE = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as corpus.textfile.decode_text counts lines
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
CHECK_HINT = "check it with msgfmt --check, or open and save it in Poedit"
# the header's Content-Type line, as gettext writes it: "Content-Type: text/plain; charset=X\n"
DECLARED_CHARSET = re.compile(
    rb'^\s*(?:msgstr\s+)?"Content-Type:[^"\r\n]*charset=([A-Za-z0-9._:-]+)',
    re.MULTILINE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Change:
    """One correction written into an English file: the unit's id, the text replaced (as it
    stood in the file's text), the new text, and the unit's document (the pair's id; not
    compared)."""

    tuid: str
    old: str
    new: str
    document: str = field(default="", compare=False)


class ImportReport(list[Change]):
    """The changes :func:`import_po` made, in the pairs' and units' order, and its warnings.

    A list of :class:`Change`; ``warnings`` holds ``line N: …`` messages about the PO (an entry
    whose tuid matches no unit of any pair), ``file_warnings`` ``(path, message)`` about an
    English file (a Word change that ran over differently formatted runs). Neither stops the
    import.
    ``fuzzy_skipped`` holds the tuids of the fuzzy entries that change their unit's English and
    were left out (not yet reviewed; see :func:`import_po`). ``whitespace_only`` holds
    ``(tuid, line)`` of the entries whose ``msgstr`` differs from their unit's English in white
    space alone, not imported (see :func:`import_po`). ``signed``: the PO has tmkit's
    signature, so an English file changed since the export was caught.
    """

    def __init__(
        self,
        changes: Iterable[Change] = (),
        warnings: Iterable[str] = (),
        file_warnings: Iterable[tuple[Path, str]] = (),
        fuzzy_skipped: Iterable[str] = (),
        signed: bool = True,
        whitespace_only: Iterable[tuple[str, int]] = (),
    ) -> None:
        super().__init__(changes)
        self.warnings = tuple(warnings)
        self.file_warnings = tuple(file_warnings)
        self.fuzzy_skipped = tuple(fuzzy_skipped)
        self.whitespace_only = tuple(whitespace_only)
        self.signed = signed


@dataclass(frozen=True)
class _Entry:
    msgid: str
    msgstr: str
    line: int
    fuzzy: bool = False


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
    header = polib.POFile(wrapwidth=NO_WRAP)
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
            out.write("\n" + _entry(unit, variant).__unicode__(wrapwidth=NO_WRAP))
            count += 1
    return count


def read_po_targets(path: Path, *, include_fuzzy: bool = True) -> dict[str, str]:
    """Return each entry's tuid (``msgctxt``) and English (``msgstr``); without
    *include_fuzzy*, the fuzzy entries are left out (as :func:`import_po` leaves them out).

    :raises TmError: a file polib cannot parse, an entry without ``msgctxt`` or a tuid that
        appears twice, naming the file and the line.
    """
    return {
        tuid: entry.msgstr
        for tuid, entry in _read_entries(path).items()
        if include_fuzzy or not entry.fuzzy
    }


def read_po(path: Path) -> list[TranslationUnit]:
    """The units of any PO file (as Poedit, Weblate, gettext or :func:`write_po` write it), for
    checks: one unit an entry, one a form of a plural entry, in the file's order.

    - The unit's id is the entry's ``msgctxt`` (tmkit's export: the tuid); without one, its
      first reference (``src/app.c:12``), else ``line N``. An id an earlier entry already has
      (an ordinary PO's context, such as ``menu``, on several entries) gets ``(line N)``.
    - A plural entry (``msgid_plural``, ``msgstr[0]`` … ``msgstr[n]``) gives a unit a form,
      ``<id>[n]``, each checked against the source form it translates
      (:func:`_singular_forms`: ``msgid`` for a form used for n = 1 only, else
      ``msgid_plural``); a form the header's ``Plural-Forms`` (``nplurals=N``) counts but
      the entry lacks is empty.
    - The Persian side: ``msgid`` unless the header's ``Language`` is Persian (``fa``,
      ``fa_IR``: a PO translated into Persian), when it is ``msgstr`` and the English the
      ``msgid`` (or ``msgid_plural``); without a ``Language`` of either, the side with more
      Arabic-script entries.
    - Each unit's :attr:`~TranslationUnit.context` is its entry's ``msgctxt`` (none in tmkit's
      own export, whose ``msgctxt`` is the unit id: ``Project-Id-Version: tmkit …``), so one
      source translated two ways in two contexts is not inconsistent; the forms of a plural
      entry share an :attr:`~TranslationUnit.entry` and are not compared with each other.
    - Each unit's :attr:`~TranslationUnit.tgtlang` is the English side's language as the
      header says it (``Language: en_GB`` → ``en-GB``; in a PO translated into Persian,
      ``X-Source-Language``), else ``en-US``: ``tmkit check`` compares the targets of one
      language only.
    - A ``fuzzy`` entry's units are flagged ``fuzzy`` (:attr:`TranslationUnit.flag`): checked
      like the others, but not yet reviewed. Obsolete entries (``#~``) and the header are
      left out; CRLF line ends read as LF.

    :raises TmError: a file polib cannot parse, or a line that is no PO line, naming the line;
        a PO with no Persian (entries, but its ``Language`` is not Persian and no msgid or
        msgstr has an Arabic-script letter: a German PO), which has nothing to check.
    """
    po = _parse(Path(path))
    _check_persian(po, str(path))
    persian_msgid = _msgid_is_persian(po)
    # tmkit's own export: its msgctxt is the unit id, not a translation context
    own = po.metadata.get("Project-Id-Version", "").startswith("tmkit ")
    plurals = _plural_count(po)
    singular = _singular_forms(po)
    english = po.metadata.get("Language" if persian_msgid else "X-Source-Language", "").strip()
    tgtlang = canonical_language(english) if is_english(english) else TARGET_LANGUAGE
    units: list[TranslationUnit] = []
    taken: set[str] = set()
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum or 1
        name = entry.msgctxt if entry.msgctxt is not None else _reference(entry) or f"line {line}"
        if name in taken:
            name = f"{name} (line {line})"
        taken.add(name)
        flag = "fuzzy" if "fuzzy" in entry.flags else ""
        if entry.msgid_plural:
            count = max([plurals, *(int(n) + 1 for n in entry.msgstr_plural)])
            forms = [
                (
                    f"{name}[{n}]",
                    entry.msgid if n in singular else entry.msgid_plural,
                    entry.msgstr_plural.get(n, ""),
                )
                for n in range(count)
            ]
        else:
            forms = [(name, entry.msgid, entry.msgstr)]
        context = "" if own or entry.msgctxt is None else entry.msgctxt
        of = name if len(forms) > 1 else ""
        for tuid, msgid, msgstr in forms:
            source, target = (msgid, msgstr) if persian_msgid else (msgstr, msgid)
            units.append(
                TranslationUnit(
                    tuid,
                    source,
                    target,
                    tgtlang=tgtlang,
                    flag=flag,
                    context=context,
                    entry=of,
                    into_persian=not persian_msgid,
                )
            )
    return units


def apply_po(
    po_path: Path,
    units: Iterable[TranslationUnit],
    english_path: Path,
    *,
    include_fuzzy: bool = False,
) -> ImportReport:
    """Write the English corrected in *po_path* into *english_path*; return the changes.

    :func:`import_po` for one pair: *units* are the pair's, *english_path* its English file.
    """
    return import_po(po_path, [(units, english_path)], include_fuzzy=include_fuzzy)


def import_po(
    po_path: Path,
    pairs: Iterable[tuple[Iterable[TranslationUnit], Path]],
    *,
    include_fuzzy: bool = False,
    force: bool = False,
    record: Path | None = None,
) -> ImportReport:
    """Write the English corrected in *po_path* into the pairs' English files; return the changes.

    *pairs* are ``(units, english_path)``: a pair's units and its English file (plain text,
    ``.docx``, Markdown or HTML: :func:`english_file`). For each unit whose PO ``msgstr``
    differs from ``unit.target`` (whitespace collapsed), the target text is looked up in the
    unit's target blocks (``unit.target_blocks``) of the English file and replaced by the new
    text with its spaces collapsed. Assumption: the sentences of a unit's target stand
    consecutively in one block, separated by whitespace (with at most one line break in a
    text file), so they are found as one run of text. Every check of every pair runs before
    anything is written: a Word, Markdown or HTML file's new content must read back
    (:func:`corpus.pipeline.load_document`) as the file did, with the new sentences in place and
    nothing else changed. Each changed file is then written once, atomically; a file without
    changes is not written. Units without a PO entry are left alone. An entry whose tuid
    matches no unit of any pair is a warning of the result, once. A ``fuzzy`` entry needs
    review and is left out unless *include_fuzzy*: the tuids of those that would have changed
    their unit's English are the result's ``fuzzy_skipped``. Obsolete entries are ignored.

    An edit of white space alone (``Qasem Maleki`` → ``Qasem\nMaleki``, spaces added at the
    end) is not imported but reported, as the result's ``whitespace_only``: a unit's text
    is read with its white space collapsed, so such an edit would change the English file's
    layout (a line break inside a sentence of a text file) and nothing in the TM.

    The PO's ``X-Tmkit-Signature`` records the SHA-256 of every English file it was exported
    from (named ``<pair folder>/<file>``, as :func:`tm.signature.signature` names them). An
    English file that changed since then, and that the PO would edit, is refused unless
    *force*: importing the old PO would undo those changes. A signed PO whose files and units
    are none of the pairs' is another project's; the result says whether the PO was signed.

    :raises TmError: a bad PO (see :func:`read_po_targets`), or one without ``msgctxt`` (not
        exported by tmkit), or exported from another project, or before a file it would edit
        changed (unless *force*); an emptied ``msgstr``, or one
        with a control character; a changed entry whose ``msgid`` is no longer its unit's
        source (the PO comes from another build); a target not found exactly once in its
        blocks; two changes that overlap; an edit the file's format cannot carry (see
        :mod:`tm.po_docx`, :mod:`tm.po_markup`); a changed file that cannot be written. The
        message names the tuid.
    """
    po = _parse(po_path)
    entries = _entries(po, str(po_path))
    reviewed = {t: e for t, e in entries.items() if include_fuzzy or not e.fuzzy}
    pairs = [(list(units), Path(english_path)) for units, english_path in pairs]
    exported = po.metadata.get("X-Tmkit-Signature")
    files = {f"{path.parent.name}/{path.name}": path for _, path in pairs}
    tuids = {unit.tuid for units, _ in pairs for unit in units}
    foreign = exported and not set(signature_inputs(exported)) & set(files)
    if foreign and entries and not tuids & set(entries):
        raise TmError(
            str(po_path), "exported from another project: none of its pairs is in this one"
        )
    changed = set() if force or not exported else set(changed_since(exported, files))
    key = hashlib.sha256(exported.encode("utf-8")).hexdigest() if exported else ""
    records = _load_record(record) if record is not None and key else {}
    earlier = records.get(key, {})
    by_import = {
        name
        for name in changed
        if name in earlier and earlier[name].get("sha256") == file_digest(files[name])
    }
    changed -= by_import
    matched: set[str] = set()
    skipped: list[str] = []
    whitespace_only: list[tuple[str, int]] = []
    plans: list[_Plan] = []
    for units, english_path in pairs:
        matched.update(unit.tuid for unit in units if unit.tuid in entries)
        skipped += [
            unit.tuid
            for unit in units
            if unit.tuid in entries
            and unit.tuid not in reviewed
            and _collapse(entries[unit.tuid].msgstr) != _collapse(unit.target)
        ]
        whitespace_only += [
            (unit.tuid, reviewed[unit.tuid].line)
            for unit in units
            if unit.tuid in reviewed
            and reviewed[unit.tuid].msgstr != unit.target
            and _collapse(reviewed[unit.tuid].msgstr) == _collapse(unit.target)
        ]
        plan = _plan(str(po_path), reviewed, units, english_path)
        if plan is None:
            continue
        name = f"{english_path.parent.name}/{english_path.name}"
        replaced = earlier.get(name, {}).get("replaced", {}) if name in by_import else {}
        undone = [
            change.tuid
            for change in plan.changes
            if change.tuid in replaced and _collapse(change.new) == _collapse(replaced[change.tuid])
        ]
        if name in changed or undone:
            # the change since the export came from another PO's import, which this one undoes
            raise TmError(
                str(po_path),
                f"{name} changed since this PO was exported, and importing it would undo "
                "those changes",
                hint="export a new PO and review that, or give --force",
            )
        plans.append(plan)
    for plan in plans:
        check_writable(plan.path, error=TmError)
    for plan in plans:
        write_atomic(plan.path, plan.data, error=TmError)
    if record is not None and key and plans:
        for plan in plans:
            name = f"{plan.path.parent.name}/{plan.path.name}"
            kept = earlier.get(name, {}) if name in by_import else {}
            replaced = dict(kept.get("replaced", {}))
            for change in plan.changes:
                replaced.setdefault(change.tuid, change.old)
            earlier[name] = {"sha256": file_digest(plan.path), "replaced": replaced}
        records[key] = earlier
        record.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomic(record, text, error=TmError)
    warnings = [
        f"line {entry.line}: {tuid} matches no translation unit (entry left out)"
        for tuid, entry in entries.items()
        if tuid not in matched
    ]
    return ImportReport(
        (change for plan in plans for change in plan.changes),
        warnings,
        ((plan.path, warning) for plan in plans for warning in plan.warnings),
        skipped,
        signed=bool(exported),
        whitespace_only=whitespace_only,
    )


def _load_record(path: Path) -> dict[str, dict[str, dict]]:
    """The imports :func:`import_po` recorded in *path*; none when it is missing or unreadable
    (then a file an import changed is refused as any changed file is)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: {
            name: {"sha256": file["sha256"], "replaced": file["replaced"]}
            for name, file in files.items()
            if isinstance(file, dict)
            and isinstance(file.get("sha256"), str)
            and isinstance(file.get("replaced"), dict)
        }
        for key, files in data.items()
        if isinstance(files, dict)
    }


@dataclass(frozen=True)
class Edit:
    """A change located in an English file: it replaces ``text[start:end]`` of its
    :class:`EnglishFile`; *unit* is the unit it corrects."""

    start: int
    end: int
    change: Change
    unit: TranslationUnit


class EnglishFile:
    """An English reference file as :func:`import_po` edits it; this class is plain text.

    :attr:`text` is the text a unit's target is looked for in (for plain text, the file as
    stored: BOM and line ends kept); :attr:`regions` gives each block's span of it (start,
    end) and the line it starts on (``None`` where the format has no lines). Plain-text blocks
    come from :func:`corpus.cleanup.clean`: a paragraph runs to the next paragraph, so one
    joined across a page break keeps its second half (and the furniture and notes between,
    where the exactly-once rule still holds); a footnote runs to the next block of any kind.

    The formats with structure (:mod:`tm.po_docx`, :mod:`tm.po_markup`) set :attr:`document`:
    the blocks as read, which the edited file must read back as.
    """

    document: Document | None = None
    language = TARGET_LANGUAGE

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        raw, text = _read(self.path)
        self.text = raw
        self.offsets = _line_offsets(raw)
        self.regions = _block_regions(raw, text, self.offsets)

    @property
    def name(self) -> str:
        return str(self.path)

    def not_found_hint(self) -> str:
        """What to do about a target not found exactly once."""
        return f"rebuild the units from this {self.path.name}, or edit it by hand"

    def scopes(self, blocks: Sequence[str]) -> list[tuple[int, int]]:
        """The spans of :attr:`text` to look for a target of *blocks* in (plain text: one
        span from the first block's start to the last one's end)."""
        spans = [self.regions[block] for block in blocks]
        return [(min(span[0] for span in spans), max(span[1] for span in spans))]

    def splits(self, matched: str) -> bool:
        """Whether a match runs over a block boundary (plain text: a blank line)."""
        return bool(BLANK_LINE.search(matched))

    def line_of(self, position: int) -> int | None:
        """The line of :attr:`text` at *position* (``None`` where the format has no lines)."""
        return bisect_right(self.offsets, position)

    def pattern(self, words: Sequence[str]) -> re.Pattern[str]:
        """What a target of *words* looks like in :attr:`text` (here: the words verbatim,
        separated by any white space)."""
        return re.compile(r"\s+".join(re.escape(word) for word in words))

    def render(self, edits: Sequence[Edit]) -> tuple[str | bytes, list[str]]:
        """The file's new content with *edits* (in file order, none overlapping), and warnings.

        :raises TmError: an edit this format cannot make, naming its tuid.
        """
        return splice(self.text, [(e.start, e.end, e.change.new) for e in edits]), []


def english_file(path: Path, language: str = TARGET_LANGUAGE) -> EnglishFile:
    """The English file at *path* as :func:`import_po` edits it, by its format (its suffix, as
    :func:`corpus.readers.format_of` decides): Word ``.docx`` (:mod:`tm.po_docx`), Markdown
    and HTML (:mod:`tm.po_markup`), else plain text. *language* reads the structured formats.

    :raises CorpusError: a file its reader cannot read.
    """
    kind = format_of(path)
    if kind == "docx":
        from tm.po_docx import EnglishDocx

        return EnglishDocx(Path(path), language)
    if kind in ("markdown", "html"):
        from tm.po_markup import EnglishMarkup

        return EnglishMarkup(Path(path), language, kind)
    return EnglishFile(Path(path))


def splice(text: str, replacements: Iterable[tuple[int, int, str]]) -> str:
    """*text* with each ``(start, end, new)`` replaced (in order, none overlapping)."""
    pieces, cursor = [], 0
    for start, end, new in replacements:
        pieces += [text[cursor:start], new]
        cursor = end
    return "".join(pieces) + text[cursor:]


_TOKEN = re.compile(r"\w+|[^\w\s]")


def word_changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """The smallest word-level edits that make *old* into *new*: ``(start, end, text)``
    replacements of ``old[start:end]``, in order, none overlapping.

    Words (``\\w+``) and punctuation marks are compared with :class:`difflib.SequenceMatcher`;
    a changed run of them is replaced whole (a word is never cut: "recommends" → "advises"
    replaces the word), together with the white space around it; white space on both sides of
    a change is then left out of it (the old one kept: a tab, a line end). So an insertion is
    empty in *old* (``start == end``), the words and spaces that did not change are never in a
    replacement, and the result is *new* up to white space.

    Example: ``word_changes("It recommends a test now.", "It advises a test today.")`` →
    ``[(3, 13, "advises"), (21, 24, "today")]``.
    """
    old_tokens = list(_TOKEN.finditer(old))
    new_tokens = list(_TOKEN.finditer(new))
    matcher = difflib.SequenceMatcher(
        None, [t.group() for t in old_tokens], [t.group() for t in new_tokens], autojunk=False
    )

    def bounds(tokens: list[re.Match[str]], text: str, first: int, last: int) -> tuple[int, int]:
        start = tokens[first - 1].end() if first else 0
        return start, tokens[last].start() if last < len(tokens) else len(text)

    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = bounds(old_tokens, old, i1, i2)
        new_start, new_end = bounds(new_tokens, new, j1, j2)
        before, after = old[start:end], new[new_start:new_end]
        # white space on both sides of the change stays as it is in old (a tab, a line end)
        head = len(before) - len(before.lstrip())
        new_head = len(after) - len(after.lstrip())
        if head and new_head:
            start, before, after = start + head, before[head:], after[new_head:]
        tail = len(before) - len(before.rstrip())
        new_tail = len(after) - len(after.rstrip())
        if tail and new_tail:
            end, before, after = end - tail, before[:-tail], after[:-new_tail]
        if before != after:
            changes.append((start, end, after))
    assert splice(old, changes).split() == new.split()
    return changes


@dataclass(frozen=True)
class _Plan:
    path: Path
    data: str | bytes
    changes: list[Change]
    warnings: list[str]


def _plan(
    po_name: str, entries: dict[str, _Entry], units: list[TranslationUnit], path: Path
) -> _Plan | None:
    """Check and locate every edit of one English file; its new content, or None if unchanged."""
    edited: list[tuple[TranslationUnit, str]] = []
    for unit in units:
        entry = entries.get(unit.tuid)
        if entry is None:
            continue
        new = _collapse(entry.msgstr)
        if new == _collapse(unit.target):
            continue
        if not new:
            raise TmError(
                po_name,
                f"the msgstr of {unit.tuid} is empty",
                line=entry.line,
                hint=f"put the English back: an empty entry would delete it from {path.name}",
            )
        if _collapse(entry.msgid) != _collapse(unit.source):
            raise TmError(
                po_name,
                f"the msgid of {unit.tuid} is not the unit's source text",
                line=entry.line,
                hint="the PO comes from another build: export it again",
            )
        control = CONTROL.search(new)
        if control:
            raise TmError(
                po_name,
                f"the msgstr of {unit.tuid} holds control character U+{ord(control[0]):04X}",
                line=entry.line,
                hint="delete it: documents and TMX cannot carry it",
            )
        edited.append((unit, new))
    if not edited:
        return None
    english = english_file(path, edited[0][0].tgtlang)
    edits = []
    for unit, new in edited:
        start, end = _locate(unit, english)
        change = Change(unit.tuid, english.text[start:end], new, unit.document)
        edits.append(Edit(start, end, change, unit))
    in_file = sorted(edits, key=lambda edit: edit.start)
    for before, after in itertools.pairwise(in_file):
        if after.start < before.end:
            raise TmError(
                english.name,
                f"{before.change.tuid} and {after.change.tuid} change the same text",
                line=english.line_of(after.start),
                hint="keep one of the two edits",
            )
    data, warnings = english.render(in_file)
    if english.document is not None:
        _check_reads_back(english, data, in_file)
    return _Plan(path, data, [edit.change for edit in edits], warnings)


def _check_reads_back(english: EnglishFile, data: str | bytes, edits: Sequence[Edit]) -> None:
    """Raise unless *data* reads as the file's blocks did, with the edits' sentences replaced.

    The blocks must keep their ids, kinds and notes (not their lines: a sentence that was
    wrapped over lines is written on one); their texts, joined, must be the old ones with each
    edit's old sentence replaced by its new one (normalized as the reader normalizes) at one of
    the places it stands in the unit's blocks.
    """
    before = english.document
    assert before is not None
    with tempfile.TemporaryDirectory(prefix="tmkit-import-") as folder:
        copy = Path(folder) / english.path.name
        copy.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        try:
            after = load_document(copy, english.language)
        except CorpusError:
            after = None
    joined = "\0".join(block.text for block in before.blocks)
    starts = itertools.accumulate((len(b.text) + 1 for b in before.blocks), initial=0)
    bounds = {b.id: (s, s + len(b.text)) for b, s in zip(before.blocks, starts, strict=False)}
    choices = []
    for edit in edits:
        old = _collapse(edit.unit.target)
        new = _collapse(unicodedata.normalize("NFC", edit.change.new))
        pattern = re.compile(re.escape(old))
        spots = {
            match.start()
            for block in edit.unit.target_blocks
            if block in bounds
            for match in pattern.finditer(joined, *bounds[block])
        }
        choices.append([(spot, spot + len(old), new) for spot in sorted(spots)])
    expected = set()
    for combination in itertools.islice(itertools.product(*choices), 256):
        spans = sorted(combination)
        if all(a[1] <= b[0] for a, b in itertools.pairwise(spans)):
            expected.add(splice(joined, spans))
    shape = [(b.id, b.kind, b.notes) for b in before.blocks]
    if (
        after is not None
        and [(b.id, b.kind, b.notes) for b in after.blocks] == shape
        and "\0".join(block.text for block in after.blocks) in expected
    ):
        return
    changed = (
        set()
        if after is None
        else {
            old.id
            for old, new in zip(before.blocks, after.blocks, strict=False)
            if old.text != new.text
        }
    )
    suspects = [e for e in edits if not changed & set(e.unit.target_blocks)] or list(edits)
    tuids = " ".join(edit.change.tuid for edit in suspects)
    raise TmError(
        english.name,
        f"{tuids}: the edited file would not read back with the new English in place",
        hint="edit that sentence by hand",
    )


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


def _read(path: Path, *, page_breaks: bool = True) -> tuple[str, str]:
    """The file's text as stored (BOM and line ends kept) and as read (UTF-8 checked, ``\\n``;
    form feeds kept as page breaks, or refused when not *page_breaks*)."""
    data = _bytes(path)
    return data.decode("utf-8"), _decoded(data, str(path), page_breaks=page_breaks)


def _bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise TmError(str(path), f"cannot read: {err.strerror}") from err


def _declared_charset(data: bytes) -> str | None:
    """The charset a PO's header declares when it is one Python knows and not UTF-8, else None
    (``CHARSET``, xgettext's placeholder, and UTF-16 or UTF-32, which the header cannot be read
    in as ASCII, are None: the file is then read as UTF-8)."""
    found = DECLARED_CHARSET.search(data)
    if found is None:
        return None
    declared = found.group(1).decode("ascii")
    try:
        codec = codecs.lookup(declared)
    except LookupError:
        return None
    if not getattr(codec, "_is_text_encoding", True) or codec.name in ("utf-8", "ascii"):
        return None  # base64 is no charset; ASCII text is UTF-8
    return None if codec.name.startswith(("utf-16", "utf-32")) else declared


def _po_text(path: Path) -> str:
    """A PO file's text, checked as :func:`_read` checks it: UTF-8, or the charset its header
    declares (``charset=windows-1256``); a form feed is refused (it would reach the English)."""
    name = str(path)
    data = _bytes(path)
    charset = _declared_charset(data)
    if charset is not None:
        if not data.isascii():
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise TmError(
                    name,
                    f"its header declares charset={charset} but its text is UTF-8",
                    line=1,
                    hint="make the header say charset=UTF-8",
                )
        try:
            data = data.decode(charset).encode("utf-8")
        except UnicodeDecodeError as err:
            before = data[: err.start]
            raise TmError(
                name,
                f"not {charset}, the charset its header declares (byte 0x{data[err.start]:02x})",
                line=len(LINE_BREAK.findall(before.decode("latin-1"))) + 1,
                column=err.start - max(before.rfind(b"\n"), before.rfind(b"\r")),
                hint="save it in the charset its header declares, or as UTF-8",
            ) from err
    return _decoded(data, name, page_breaks=False)


def _decoded(data: bytes, name: str, *, page_breaks: bool) -> str:
    try:
        text = decode_text(data, name, page_breaks=page_breaks)
    except CorpusError as err:
        raise TmError(
            err.path, err.message, line=err.line, column=err.column, hint=err.hint
        ) from err
    return text


def _parse(path: Path) -> polib.POFile:
    """The PO file at *path* as polib reads it, every line checked first."""
    name = str(path)
    text = _po_text(path)  # a form feed in a msgstr would reach the English
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if line and not line.startswith("#") and not STRING_LINE.fullmatch(line):
            escape = BAD_ESCAPE.match(line)
            if escape:
                what = f"invalid escape '{escape.group(1)}' (msgfmt: invalid control sequence)"
                raise TmError(name, what, line=number, hint=CHECK_HINT)
            raise TmError(name, f"not a PO line: {line[:40]}", line=number, hint=CHECK_HINT)
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as err:
        where = POLIB_LINE.search(str(err))
        detail = f": {where.group(2)}" if where and where.group(2) else ""
        line = int(where.group(1)) if where else None
        raise TmError(name, f"PO syntax error{detail}", line=line, hint=CHECK_HINT) from err
    for entry in po:  # what polib reads but msgfmt refuses, and the size tmkit reads
        _within_limit(entry, name)
        if bool(entry.msgid_plural) != bool(entry.msgstr_plural) and entry.msgid:
            what = (
                "msgstr[n] without msgid_plural"
                if entry.msgstr_plural
                else "msgid_plural without msgstr[n]"
            )
            raise TmError(name, what, line=entry.linenum or 1, hint=CHECK_HINT)
    return po


def _within_limit(entry: polib.POEntry, name: str) -> None:
    """Refuse a msgid or msgstr of more than :data:`corpus.xmlsafe.TEXT_LIMIT` bytes of UTF-8,
    the limit tmkit reads a TMX segment or a paragraph with (:mod:`corpus.pipeline`)."""
    texts = [entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values()]
    for text in texts:
        if over_limit(text):
            raise TmError(
                name,
                f"an entry's text of more than {TEXT_LIMIT:,} bytes, over the limit tmkit reads",
                line=entry.linenum or 1,
                hint="split the entry",
            )


def _read_entries(path: Path) -> dict[str, _Entry]:
    """The entries of a PO exported by tmkit, by tuid (obsolete ones left out)."""
    return _entries(_parse(path), str(path))


def _entries(po: polib.POFile, name: str) -> dict[str, _Entry]:
    """The entries of a parsed PO exported by tmkit (see :func:`_read_entries`)."""
    entries: dict[str, _Entry] = {}
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum or 1  # polib numbers the first entry of a file 0
        if entry.msgctxt is None:
            raise TmError(
                name,
                f"entry without msgctxt (msgid {entry.msgid[:40]!r}): import-po needs a PO "
                "exported by tmkit (its msgctxt is the unit id)",
                line=line,
                hint="tmkit export --format po writes one; tmkit check --po reads any PO",
            )
        if entry.msgctxt in entries:
            first = entries[entry.msgctxt].line
            raise TmError(
                name,
                f"{entry.msgctxt} appears twice (first on line {first})",
                line=line,
                hint="keep one entry a unit",
            )
        entries[entry.msgctxt] = _Entry(entry.msgid, entry.msgstr, line, "fuzzy" in entry.flags)
    return entries


ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def _msgid_is_persian(po: polib.POFile) -> bool:
    """Whether a PO's msgids are the Persian side (by ``Language``, else by script)."""
    language = po.metadata.get("Language", "")
    if is_persian(language):
        return False
    if is_english(language):
        return True
    live = [entry for entry in po if not entry.obsolete]
    in_msgid = sum(bool(ARABIC_LETTER.search(entry.msgid)) for entry in live)
    in_msgstr = sum(
        bool(ARABIC_LETTER.search(entry.msgstr or " ".join(entry.msgstr_plural.values())))
        for entry in live
    )
    return in_msgid >= in_msgstr


def _check_persian(po: polib.POFile, name: str) -> None:
    """Refuse a PO with entries but no Persian: neither its ``Language`` nor any text."""
    language = po.metadata.get("Language", "").strip()
    live = [entry for entry in po if not entry.obsolete]
    if not live or is_persian(language):
        return
    texts = (
        text
        for entry in live
        for text in (entry.msgid, entry.msgid_plural, entry.msgstr, *entry.msgstr_plural.values())
    )
    if any(ARABIC_LETTER.search(text) for text in texts if text):
        return
    said = f"its Language is {language!r}" if language else "it has no Language header"
    raise TmError(
        name,
        f"no Persian: {said} and no msgid or msgstr has Persian text",
        hint="tmkit checks Persian↔English translations: give a PO whose msgid or msgstr is "
        "Persian",
    )


PLURAL_SAMPLE = range(1001)  # the n a plural formula is evaluated for


def _singular_forms(po: polib.POFile) -> frozenset[int]:
    """The plural forms of *po* that translate ``msgid`` (gettext: the source's form for
    n = 1, ``msgid_plural`` for every other n).

    The header's ``Plural-Forms: …; plural=EXPR;`` says which form each n takes; it is
    evaluated by the standard library's :func:`gettext.c2py`, which accepts only gettext's
    C-like expressions (``n``, numbers, ``?:``, comparisons, ``&& || !``, arithmetic) and
    never runs other code, for n = 0 … 1000. A form taken by n = 1 alone translates
    ``msgid``; a form taken by other n too (``nplurals=1; plural=0;``: Persian, one form for
    every n) or by none translates ``msgid_plural``. Without a formula, or with one that is
    not gettext's, form 0 is taken to translate ``msgid`` and every other ``msgid_plural``
    (gettext's order; the formula is then warned about by ``msgfmt``, not here).
    """
    import gettext

    found = re.search(r"plural\s*=\s*([^;]*)", po.metadata.get("Plural-Forms", ""))
    try:
        formula = gettext.c2py(found.group(1).strip()) if found else None
        takes = [formula(n) for n in PLURAL_SAMPLE] if formula else None
    except (ValueError, RecursionError, ZeroDivisionError, OverflowError, TypeError):
        takes = None  # not gettext's syntax, or n % 0 …
    if takes is None:
        return frozenset({0})
    return frozenset({takes[1]}) if takes.count(takes[1]) == 1 else frozenset()


def _plural_count(po: polib.POFile) -> int:
    """The ``nplurals`` of a PO's ``Plural-Forms`` header, or 1 without one."""
    found = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 1


def _reference(entry: polib.POEntry) -> str:
    """The entry's first ``#:`` reference (``src/app.c:12``), or ``""``."""
    if not entry.occurrences:
        return ""
    file, line = entry.occurrences[0]
    return f"{file}:{line}" if line else file


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


def _locate(unit: TranslationUnit, english: EnglishFile) -> tuple[int, int]:
    """The one span of the English file's text in the unit's target blocks that holds its
    target text."""
    words = unit.target.split()
    file = english.path.name
    unknown = [block for block in unit.target_blocks if block not in english.regions]
    if not words or not unit.target_blocks or unknown:
        problem = (
            "has no English text to replace"
            if not words
            else "has no target blocks"
            if not unit.target_blocks
            else f"names blocks {file} does not have: {' '.join(unknown)}"
        )
        raise TmError(english.name, f"{unit.tuid} {problem}", hint=f"edit {file} by hand")
    pattern = english.pattern(words)
    found = [
        match
        for start, end in english.scopes(unit.target_blocks)
        for match in pattern.finditer(english.text, start, end)
        if not english.splits(match.group())  # a sentence never spans two blocks
    ]
    if len(found) != 1:
        blocks = " ".join(unit.target_blocks)
        problem = "not found" if not found else f"found {len(found)} times"
        lines = [english.regions[block][2] for block in unit.target_blocks]
        raise TmError(
            english.name,
            f"the English of {unit.tuid} is {problem} in {blocks}",
            line=min((line for line in lines if line is not None), default=None),
            hint=english.not_found_hint(),
        )
    return found[0].span()


def _collapse(text: str) -> str:
    return " ".join(text.split())
