"""Reviewed English written back into a Markdown or HTML reference (``tmkit import-po``).

The source text is edited, nothing else: a unit's old target is looked for verbatim (its words
separated by any white space, line breaks included) in the source lines of its target blocks
(a block's :attr:`~corpus.document.Block.line` is the source line where it starts; its lines
run to the next block's), and replaced by the new text; every other byte of the file stays as
it was (byte-order mark, line ends, markup, the file's encoding).

A sentence that inline markup or an entity splits in the source (``**word**``,
``<em>word</em>``, ``&amp;``, ``\\*``) is not verbatim there, so it is not found: an error that
says to edit that sentence by hand, never a guess. The new text is escaped for its format:
in HTML ``&``, ``<`` and ``>`` (and a character the file's encoding lacks as a numeric
reference); in Markdown a backslash before the characters that would start inline markup
(``\\ ` * _ [ ] < ~ |`` and an ``&`` that would read as an entity). The edited source must then
read back as the file did with the new sentences in place (:func:`tm.po.import_po` checks it),
which catches a match inside markup (a link's address, an attribute, a comment).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from pathlib import Path

from corpus.document import Document
from corpus.pipeline import load_document
from tm.errors import TmError
from tm.po import LINE_BREAK, Edit, EnglishFile, splice

_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<~|]|&(?=#?\w+;)")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


class EnglishMarkup(EnglishFile):
    """A Markdown or HTML English file (*kind* ``markdown`` or ``html``) for :mod:`tm.po`."""

    def __init__(self, path: Path, language: str, kind: str) -> None:
        self.path, self.language, self.kind = Path(path), language, kind
        self.document = load_document(self.path, language)
        data = self.path.read_bytes()
        self.prefix, self.codec = _encoding(data, kind, self.name)
        body = data[len(self.prefix) :]
        try:
            self.text = body.decode(self.codec)
        except UnicodeDecodeError as err:  # the reader has read it: not expected
            raise TmError(self.name, f"not {self.codec}", hint="edit it by hand") from err
        if self.text.encode(self.codec) != body:
            raise TmError(
                self.name,
                f"cannot write {self.codec} back byte for byte",
                hint="save the file as UTF-8, or edit it by hand",
            )
        self.offsets = [0] + [match.end() for match in LINE_BREAK.finditer(self.text)]
        self.regions = _regions(self.document, self.offsets, len(self.text))

    def not_found_hint(self) -> str:
        return (
            "the sentence is not verbatim in the source: inline markup or an entity splits "
            "it, or the file changed since the build; edit that sentence by hand"
        )

    def scopes(self, blocks: Sequence[str]) -> list[tuple[int, int]]:
        """Each block's source lines, on their own (a sentence never spans two blocks)."""
        return sorted({self.regions[block][:2] for block in blocks})

    def render(self, edits: Sequence[Edit]) -> tuple[bytes, list[str]]:
        escape = _escape_html if self.kind == "html" else _escape_markdown
        text = splice(self.text, [(e.start, e.end, escape(e.change.new)) for e in edits])
        errors = "xmlcharrefreplace" if self.kind == "html" else "strict"
        try:
            return self.prefix + text.encode(self.codec, errors), []
        except UnicodeEncodeError as err:  # Markdown is UTF-8: not expected
            raise TmError(self.name, f"the new English is not {self.codec}") from err


def _encoding(data: bytes, kind: str, name: str) -> tuple[bytes, str]:
    """The byte-order mark the file starts with, and the codec of the rest, as read."""
    codec = "utf-8"
    if kind == "html":
        from corpus.readers.html import html_codec

        codec = html_codec(data, name)
    if codec == "utf-16":
        little = data.startswith(codecs.BOM_UTF16_LE)
        return data[:2], "utf-16-le" if little else "utf-16-be"
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        return codecs.BOM_UTF8, codec
    return b"", codec


def _regions(
    document: Document, offsets: list[int], size: int
) -> dict[str, tuple[int, int, int | None]]:
    """Each block's span of the source: from its first line to the next block's first line
    (a block without a line in the file has none)."""
    blocks = [block for block in document.blocks if 1 <= block.line <= len(offsets)]
    lines = sorted({block.line for block in blocks})
    regions: dict[str, tuple[int, int, int | None]] = {}
    for block in blocks:
        after = lines.index(block.line) + 1
        end = offsets[lines[after] - 1] if after < len(lines) else size
        regions[block.id] = (offsets[block.line - 1], end, block.line)
    return regions


def _escape_html(text: str) -> str:
    return "".join(_HTML_SPECIAL.get(character, character) for character in text)


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), text)
