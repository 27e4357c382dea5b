"""Markdown (CommonMark, with footnotes) into a document's blocks.

Parsed with markdown-it-py's CommonMark parser (https://spec.commonmark.org/), with GFM
tables and strikethrough enabled, and two mdit-py-plugins: ``front_matter`` (a YAML block
between ``---`` lines opening the file) and ``footnote`` (the footnote syntax of PHP Markdown
Extra and pandoc: a reference ``[^label]`` and a definition ``[^label]: text``, whose
indented continuation lines belong to it).

Blocks, each with :attr:`Block.line` the 1-based source line where it starts (a fix's
``line`` and a warning's number): ATX (``#``) and setext (underlined) headings → heading, a
first-level heading that opens the document → title; paragraphs → body; each list item (its
own paragraphs joined; a nested list's items are blocks of their own) → list item; the
paragraphs of block quotes → body; each table cell → body. Footnote definitions → footnote
blocks, ``fn1``, ``fn2`` … in order of first reference, linked from the paragraphs that refer
to them (a paragraph refers to each once in its :attr:`Block.notes`).

Inline markup is reduced to the text a reader sees: emphasis, strong, strikethrough and link
markup are dropped and their text kept; a code span keeps its text; entities and backslash
escapes are resolved; line breaks become spaces; inline HTML tags are dropped (``<br>`` is a
space); references ``[^1]`` are removed and linked. A form feed (a page break, which
:func:`corpus.textfile.read_text` keeps) is white space, as CommonMark has it, and never a
line end: it is read as a space, so a line holding nothing else is a blank line.

Not read (by design, they are not prose to translate): front matter, fenced and indented code
blocks, HTML blocks, thematic breaks, images (their alternative text too), and link
definitions. A footnote definition that nothing refers to is not read by the footnote plugin;
it is named in a warning.
"""

from __future__ import annotations

import re
from pathlib import Path

from corpus.document import Kind
from corpus.readers import Source
from corpus.readers.builder import DocumentBuilder
from corpus.textfile import PAGE_BREAK, read_text

_BREAK_TAG = re.compile(r"<br\b", re.IGNORECASE)
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_LITERAL_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")


def read_markdown(path: str | Path) -> Source:
    """Read a Markdown file (UTF-8, as :func:`corpus.textfile.read_text` reads it) into blocks.

    :returns: a :class:`~corpus.readers.Source` of format ``markdown`` whose unit is the source
        line and whose extent is the number of lines.
    :raises CorpusError: the file cannot be read, is not UTF-8 text, or holds no text.
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    text = read_text(path).replace(PAGE_BREAK, " ")  # same length: source lines stay right
    name = str(path)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    parser.use(front_matter_plugin).use(footnote_plugin)
    env: dict = {}
    tokens = parser.parse(text, env)
    builder = DocumentBuilder(name, "markdown", "line")
    _Walker(builder).walk(tokens)
    lines = text.split("\n")
    for label, number in env.get("footnotes", {}).get("refs", {}).items():
        if number == -1:  # defined, never referred to: the plugin dropped it
            line = next(
                (
                    n
                    for n, s in enumerate(lines, 1)
                    if (m := _DEFINITION.match(s)) and m[1] == label[1:]
                ),
                None,
            )
            builder.warn(line, f"footnote [^{label[1:]}] is never referenced (not read)")
    return builder.build(extent=len(lines))


class _Item:
    """An open list item: its paragraphs' text so far, the notes they refer to, its line."""

    def __init__(self, line: int) -> None:
        self.pieces: list[str] = []
        self.refs: list[str] = []
        self.line = line
        self.flushed = False


class _Walker:
    """Walks markdown-it's token stream, keeping track of the containers it is in."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self.items: list[_Item] = []  # open list items, innermost last
        self.note: tuple[str, list[str], int | None] | None = None  # open footnote
        self.row_line = 0

    def walk(self, tokens) -> None:
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "inline":
                self.inline(token, tokens[index - 1])
            elif kind == "list_item_open":
                self.flush()
                self.items.append(_Item(_line(token)))
            elif kind == "list_item_close":
                self.flush()
                self.items.pop()
            elif kind == "footnote_open":
                self.note = (f"[^{token.meta['label']}]", [], None)
            elif kind == "footnote_close" and self.note is not None:
                key, pieces, line = self.note
                self.builder.note(key, " ".join(pieces), line)
                self.note = None
            elif kind == "tr_open":
                self.row_line = _line(token)

    def flush(self) -> None:
        """Add the open list items' text so far, so blocks stay in reading order."""
        for item in self.items:
            if item.pieces:
                self.builder.add(Kind.LIST_ITEM, " ".join(item.pieces), item.line, item.refs)
                item.flushed = True
            item.pieces, item.refs = [], []

    def inline(self, token, opener) -> None:
        text, refs = _text(token.children or [])
        line = _line(token) or self.row_line
        if self.note is not None:
            key, pieces, first = self.note
            pieces.append(text)
            self.note = (key, pieces, first or line)
            return
        for literal in _LITERAL_REFERENCE.findall(text):
            self.builder.warn(line, f"footnote reference {literal} has no footnote")
        if self.items and opener.type == "paragraph_open":
            item = self.items[-1]
            if item.flushed and not item.pieces:  # the item goes on after a nested list
                item.line = line
            item.pieces.append(text)
            item.refs += [ref for ref in refs if ref not in item.refs]
            return
        self.flush()
        if opener.type == "heading_open":
            title = opener.tag == "h1" and not self.builder.paragraphs
            self.builder.add(Kind.TITLE if title else Kind.HEADING, text, line, refs)
        else:
            self.builder.add(Kind.BODY, text, line, refs)


def _line(token) -> int:
    return token.map[0] + 1 if token.map else 0


def _text(children) -> tuple[str, list[str]]:
    """The text a reader sees of an inline token's children, and the footnotes referred to."""
    pieces: list[str] = []
    refs: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            pieces.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            pieces.append(" ")
        elif kind == "html_inline":
            pieces.append(" " if _BREAK_TAG.match(child.content) else "")
        elif kind == "footnote_ref":
            refs.append(f"[^{child.meta['label']}]")
    return "".join(pieces), refs
