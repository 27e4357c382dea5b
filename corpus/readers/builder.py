"""What the structured readers share: collect blocks and notes, link them, warn, make a Source.

Footnotes are numbered ``fn1``, ``fn2`` ... in the order of their first reference in the
paragraphs (as :func:`corpus.cleanup.clean` numbers them in order of appearance, which for a
PDF extraction is the same order), and each paragraph's :attr:`~corpus.document.Block.notes`
lists the footnotes it refers to. A note that nothing refers to is kept, after the others,
with a warning; a reference to a note that does not exist is a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.document import Block, Document, Kind
from corpus.errors import CorpusError
from corpus.readers import Source

_WHITE = re.compile(r"[ \t\n\r\f\v]+")


@dataclass
class _Draft:
    kind: Kind
    text: str
    line: int
    refs: list[str] = field(default_factory=list)


@dataclass
class _Note:
    text: str
    line: int | None


class DocumentBuilder:
    """Collects a structured document's blocks in reading order, then builds its Source.

    :param name: the file's name, for messages.
    :param format: the format name (``docx``, ``markdown``, ``html``).
    :param unit: what :attr:`Block.line` counts: ``line`` or ``paragraph``.
    """

    def __init__(self, name: str, format: str, unit: str = "line") -> None:
        self.name, self.format, self.unit = name, format, unit
        self.paragraphs: list[_Draft] = []
        self.notes: dict[str, _Note] = {}
        self.warnings: list[str] = []
        self.note_ids: dict[str, str] = {}  # note key → its block id, once built

    def add(self, kind: Kind, text: str, line: int, refs: list[str] | tuple[str, ...] = ()) -> bool:
        """Add a paragraph unless its text is blank; *refs* are keys of notes it refers to.

        Runs of ASCII white space (line ends included) become one space; every other
        character (no-break space, ZWNJ ...) is kept for the normalization step to judge.
        Returns whether a block was added.
        """
        text = _clean(text)
        if not text:
            return False
        self.paragraphs.append(_Draft(kind, text, line, list(refs)))
        return True

    def note(self, key: str, text: str, line: int | None = None) -> None:
        """Record the text of note *key* (*line*: where it is written, if it has a line).

        *key* names the note in warnings: ``w:id=2``, ``[^2]``, ``#fn2``.
        """
        self.notes[key] = _Note(_clean(text), line)

    def warn(self, line: int | None, message: str) -> None:
        """Record a warning ``<unit> N: message`` (each one once)."""
        warning = f"{self.unit} {line}: {message}" if line else message
        if warning not in self.warnings:
            self.warnings.append(warning)

    def build(self, extent: int) -> Source:
        """Link notes to paragraphs and return the :class:`~corpus.readers.Source`.

        Afterwards :attr:`note_ids` maps each note's key to its block id (``fn1`` …).

        :raises CorpusError: the document has no text at all.
        """
        ids: dict[str, str] = {}
        footnotes: list[Block] = []
        paragraphs: list[Block] = []
        for number, draft in enumerate(self.paragraphs, start=1):
            notes: list[str] = []
            for key in draft.refs:
                note = self.notes.get(key)
                if note is None or not note.text:
                    what = "has no footnote" if note is None else "is an empty footnote"
                    self.warn(draft.line, f"footnote reference {key} {what}")
                    continue
                if key not in ids:
                    ids[key] = f"fn{len(ids) + 1}"
                    line = note.line if note.line is not None else draft.line
                    footnotes.append(Block(ids[key], Kind.FOOTNOTE, note.text, line))
                if ids[key] not in notes:
                    notes.append(ids[key])
            paragraphs.append(Block(f"p{number}", draft.kind, draft.text, draft.line, tuple(notes)))
        for key, note in self.notes.items():
            if key in ids or not note.text:
                continue
            self.warn(note.line, f"footnote {key} is never referenced")
            line = note.line if note.line is not None else extent
            ids[key] = f"fn{len(ids) + 1}"
            footnotes.append(Block(ids[key], Kind.FOOTNOTE, note.text, line))
        if not paragraphs and not footnotes:
            raise CorpusError(self.name, "no text found", hint="expected a document")
        self.note_ids = ids
        document = Document(tuple(paragraphs), tuple(footnotes), tuple(self.warnings))
        return Source(self.name, self.format, self.unit, extent, document=document)


def _clean(text: str) -> str:
    return _WHITE.sub(" ", text).strip(" ")
