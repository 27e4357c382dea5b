"""Readers of the document formats users have: plain text, Word .docx, Markdown and HTML.

Each reader turns a file into a :class:`Source`: what the file says, before fixes and
normalization. Plain text keeps its raw text (fixes apply to its lines, then
:func:`corpus.cleanup.clean` finds its blocks by layout heuristics, as for a PDF extraction);
the structured formats say what each block is, so their readers give the blocks directly
(un-normalized, footnotes linked). :func:`corpus.pipeline.load_document` then applies the
fixes and normalizes every format the same way.

The format is chosen by the file's suffix (:data:`FORMATS`); ``-`` (standard input) and any
suffix that is neither a supported structured format nor a known unsupported one is plain
text, as it always was. The python-docx, markdown-it and lxml.html imports happen inside the
readers, so the command line starts fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.cleanup import clean
from corpus.document import Document
from corpus.errors import CorpusError
from corpus.fixes import Fix, apply_block_fixes, apply_fixes
from corpus.textfile import STDIN

#: suffix (lower case) → format name, for every format :func:`read_source` reads.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

#: The supported suffixes, in the order to name them to a user (any other suffix not in
#: :data:`UNSUPPORTED` is also read as plain text, for compatibility).
SUFFIXES: tuple[str, ...] = tuple(FORMATS)

_CONVERT = "save it as .docx, or convert it: soffice --headless --convert-to docx FILE"

#: Document formats refused with a hint, rather than read as text.
UNSUPPORTED: dict[str, str] = {
    ".pdf": "extract the text first, e.g. pdftotext -layout FILE.pdf FILE.txt",
    ".doc": _CONVERT,
    ".docm": _CONVERT,
    ".dot": _CONVERT,
    ".dotx": _CONVERT,
    ".dotm": _CONVERT,
    ".odt": _CONVERT,
    ".ott": _CONVERT,
    ".fodt": _CONVERT,
    ".rtf": _CONVERT,
    ".wpd": _CONVERT,
    ".wps": _CONVERT,
    ".pages": "export it from Pages as Word .docx",
    ".epub": "an EPUB is a ZIP of XHTML chapters: unzip it and give a chapter's .xhtml",
}


@dataclass(frozen=True)
class Source:
    """A document as its reader found it, before fixes and normalization.

    :param name: the file's name in messages (``<stdin>`` for ``-``).
    :param format: ``text``, ``docx``, ``markdown`` or ``html``.
    :param unit: what a fix's ``line`` and a warning's number count: ``line`` (of the source
        file) or ``paragraph`` (of a DOCX body).
    :param extent: how many lines (paragraphs) the source has, for "past the end" errors.
    :param text: plain text only: the raw text.
    :param document: structured formats only: the un-normalized blocks, footnotes linked.
    """

    name: str
    format: str
    unit: str = "line"
    extent: int = 0
    text: str | None = None
    document: Document | None = None

    def blocks(self, fixes: Sequence[Fix] = (), fixes_name: str = "fixes") -> Document:
        """The un-normalized document with *fixes* applied.

        Plain text: the fixes apply to the raw lines, then cleanup finds the blocks (today's
        path, unchanged). Structured formats: the fixes apply to the blocks' text
        (:func:`corpus.fixes.apply_block_fixes`).

        :raises CorpusError: a fix that does not apply exactly once.
        """
        if self.text is not None:
            text = apply_fixes(self.text, list(fixes), fixes_name) if fixes else self.text
            return clean(text)
        assert self.document is not None
        if not fixes:
            return self.document
        return apply_block_fixes(
            self.document, fixes, fixes_name, unit=self.unit, extent=self.extent
        )


def format_of(path: str | Path) -> str:
    """The format name :func:`read_source` uses for *path* (``text`` for ``-``).

    :raises CorpusError: a known document format tmkit does not read (``.pdf``, ``.odt``,
        ``.doc`` ...), naming the file, the supported suffixes and what to do.
    """
    if str(path) == STDIN:
        return "text"
    suffix = Path(path).suffix.lower()
    if suffix in UNSUPPORTED:
        raise CorpusError(
            str(path),
            f"unsupported format {suffix} (tmkit reads {', '.join(SUFFIXES)})",
            hint=UNSUPPORTED[suffix],
        )
    return FORMATS.get(suffix, "text")


def read_source(path: str | Path) -> Source:
    """Read *path* (``-`` for standard input) with the reader its suffix names.

    :raises CorpusError: an unsupported format, or a file its reader cannot read (each
        reader's errors are one line naming the file, with a hint).
    """
    kind = format_of(path)
    if kind == "docx":
        from corpus.readers.docx import read_docx

        return read_docx(path)
    if kind == "markdown":
        from corpus.readers.markdown import read_markdown

        return read_markdown(path)
    if kind == "html":
        from corpus.readers.html import read_html

        return read_html(path)
    from corpus.readers.text import read_plain_text

    return read_plain_text(path)
