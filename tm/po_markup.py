"""Reviewed English written back into a Markdown or HTML reference (``tmkit import-po``).

The source text is edited, nothing else. A unit's old target is looked for in the source lines
of its target blocks (a block's :attr:`~corpus.document.Block.line` is the source line where it
starts; its lines run to the next block's), each of its characters written as itself, as an
entity (``&amp;``, ``&#233;``) or, in Markdown, a backslash escape (``\\*``), with any inline
markup allowed between two characters: HTML tags and comments; in Markdown emphasis,
strikethrough and code delimiters, link brackets and destinations (``](https://…)``), note
references (``[^1]``) and inline HTML tags; its words separated by any white space, line
breaks included.

Only the words that changed are written (:func:`tm.po.word_changes`): each changed run of
words is replaced in the source, so markup, line breaks and entities outside it stay as they
were, byte for byte, even in a sentence that holds markup. A change whose old text has
markup inside it (``The [WHO`` → ``This``: the link's bracket) is an error that names the
tuid and says to edit that sentence by hand; a change inside a link's or emphasis's
text is made there (the link keeps its address). An insertion where markup stands between the
two characters around it goes between the markup that closes (``**``, ``_``, ``](address)``,
``</em>``, by CommonMark's flanking rule in Markdown) and the markup that opens (``[``,
``<em>``): outside both, so a word added after a link or an emphasized word is plain text;
at the sentence's start, before the markup that opens right before it; at its end, after the
markup that closes right after it.

The new text is escaped for its format: in HTML ``&``, ``<`` and ``>`` (and a character the
file's encoding lacks as a numeric reference); in Markdown a backslash before the characters
that would start inline markup (``\\ ` * _ [ ] < ~ |`` and an ``&`` that would read as an
entity). Every other byte of the file stays as it was (byte-order mark, line ends, the file's
encoding). The edited source must then read back as the file did with the new sentences in
place (:func:`tm.po.import_po` checks it), which catches a match inside markup (a link's
address, an attribute, a comment) and any markup this module misjudged.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import html.entities
import re
import string
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from corpus.document import Document
from corpus.pipeline import load_document
from tm.errors import TmError
from tm.po import LINE_BREAK, Edit, EnglishFile, splice, word_changes

# inline markup between two characters of a sentence: tags and comments; in Markdown also
# emphasis, strikethrough and code delimiters, link brackets and destinations, note references
_HTML_GAP = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_MARKDOWN_GAP = r"\[\^[^\]\s]+\]|\]\([^)]*\)|\]\[[^\]]*\]|[\[\]*_~`]|<[A-Za-z/][^>]*>"
_MARKDOWN_PIECE = re.compile(
    r"\[\^[^\]\s]+\]|\]\([^)]*\)|\]\[[^\]]*\]|\]|\[|\*+|_+|~+|`+|<[A-Za-z/][^>]*>"
)
_ENTITIES: dict[str, list[str]] = {}
for _name, _character in html.entities.html5.items():
    if _name.endswith(";") and len(_character) == 1:
        _ENTITIES.setdefault(_character, []).append(_name)
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
            "the sentence is not in the source as read: markup this tool does not know "
            "splits it, or the file changed since the build; edit that sentence by hand"
        )

    def scopes(self, blocks: Sequence[str]) -> list[tuple[int, int]]:
        """Each block's source lines, on their own (a sentence never spans two blocks)."""
        return sorted({self.regions[block][:2] for block in blocks})

    def pattern(self, words: Sequence[str]) -> re.Pattern[str]:
        """The sentence of *words* in the source: each character as itself, an entity or (in
        Markdown) a backslash escape, one group each; inline markup may stand between any
        two (and white space after a space)."""
        return _sentence(tuple(words), self.kind)

    def render(self, edits: Sequence[Edit]) -> tuple[bytes, list[str]]:
        escape = _escape_html if self.kind == "html" else _escape_markdown
        replacements = []
        for edit in edits:
            words = edit.unit.target.split()
            match = self.pattern(words).fullmatch(self.text, edit.start, edit.end)
            assert match is not None  # found there by tm.po
            old = " ".join(words)
            for first, last, new in word_changes(old, edit.change.new):
                if first == last:
                    at = self._insertion_point(match, first)
                    replacements.append((at, at, escape(new)))
                    continue
                inner = [
                    self.text[match.end(group) : match.start(group + 1)]
                    for group in range(first + 1, last)
                ]
                if any(gap.strip() for gap in inner):
                    block = next(
                        b
                        for b in edit.unit.target_blocks
                        if self.regions[b][0] <= edit.start < self.regions[b][1]
                    )
                    raise TmError(
                        self.name,
                        f"the English of {edit.change.tuid} in {block}: changing "
                        f"{old[first:last]!r} runs over inline markup in the source (a link, "
                        "emphasis, a tag)",
                        line=self.line_of(match.start(first + 1)),
                        hint="edit that sentence by hand",
                    )
                replacements.append((match.start(first + 1), match.end(last), escape(new)))
        text = splice(self.text, sorted(replacements))
        errors = "xmlcharrefreplace" if self.kind == "html" else "strict"
        try:
            return self.prefix + text.encode(self.codec, errors), []
        except UnicodeEncodeError as err:  # Markdown is UTF-8: not expected
            raise TmError(self.name, f"the new English is not {self.codec}") from err

    def _insertion_point(self, match: re.Match[str], position: int) -> int:
        """Where text inserted before the sentence's character *position* goes in the
        source: where the markup between it and the character before it turns from closing
        (``**``, ``](address)``, ``</em>``) to opening (``[``, ``*``, ``<em>``): outside both."""
        closing = _closing_html if self.kind == "html" else _closing_markdown
        pieces = _HTML_GAP if self.kind == "html" else _MARKDOWN_PIECE
        if position == 0:  # before the markup that opens right before the sentence
            at = match.start(1)
            line = self.offsets[bisect.bisect_right(self.offsets, at) - 1]
            for piece in reversed(list(pieces.finditer(self.text, line, at))):
                if piece.end() != at or closing(self.text, piece):
                    break
                at = piece.start()
            return at
        end = match.start(position + 1) if position < len(match.groups()) else len(self.text)
        at = match.end(position)  # after the markup that closes right after the character
        while (piece := pieces.match(self.text, at, end)) and closing(self.text, piece):
            at = piece.end()
        return at


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


@functools.lru_cache(maxsize=4096)
def _sentence(words: tuple[str, ...], kind: str) -> re.Pattern[str]:
    gap = f"(?:{_HTML_GAP.pattern if kind == 'html' else _MARKDOWN_GAP})*"
    space = f"(\\s+)(?:{_HTML_GAP.pattern if kind == 'html' else _MARKDOWN_GAP}|\\s)*"
    parts = []
    for character in " ".join(words):
        if character == " ":
            parts.append(space)
            continue
        forms = [re.escape(character), f"&#0*{ord(character)};", f"&#[xX]0*{ord(character):x};"]
        forms += [re.escape("&" + name) for name in _ENTITIES.get(character, ())]
        if kind == "markdown" and character in string.punctuation:
            forms.append(re.escape("\\" + character))
        parts.append("(" + "|".join(forms) + ")")
    return re.compile(gap.join(parts), re.DOTALL)


def _closing_html(text: str, piece: re.Match[str]) -> bool:
    return not re.match(r"<[A-Za-z]", piece.group())


def _closing_markdown(text: str, piece: re.Match[str]) -> bool:
    """Whether a piece of Markdown inline markup closes (CommonMark: a delimiter run that is
    right-flanking; a link's ``]…``; a note reference; an HTML closing tag)."""
    mark = piece.group()
    if mark[0] == "]" or mark.startswith(("[^", "</")):
        return True
    if mark[0] in "[<":
        return False
    before = text[piece.start() - 1] if piece.start() else " "
    after = text[piece.end()] if piece.end() < len(text) else " "
    return not before.isspace() and (
        not _punctuation(before) or after.isspace() or _punctuation(after)
    )


def _punctuation(character: str) -> bool:
    return unicodedata.category(character).startswith(("P", "S"))


def _escape_html(text: str) -> str:
    return "".join(_HTML_SPECIAL.get(character, character) for character in text)


def _escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(lambda match: "\\" + match.group(), text)
