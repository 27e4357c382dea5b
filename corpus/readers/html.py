"""HTML (and XHTML, as in an EPUB) into a document's blocks.

Parsed with lxml.html (libxml2's HTML parser): no network, no DTD, no entities but HTML's own
named and numeric character references (a DOCTYPE's internal subset is dropped unread, and an
entity it declares stays as written); comments and processing instructions are dropped.
The encoding comes from a byte-order mark, else a ``<meta charset>`` (or ``http-equiv``
Content-Type) or XML declaration in the first 2,048 bytes, else UTF-8; the text is then
checked as :func:`corpus.textfile.decode_text` checks any text (no NUL, no control characters).

Blocks, each with :attr:`Block.line` the 1-based source line of the element that starts it
(a fix's ``line`` and a warning's number): the first ``<h1>`` → title (without an ``<h1>``,
the ``<title>``), later ``<h1>`` and ``<h2>``–``<h6>`` → heading; ``<li>`` → list item;
``<p>``, ``<blockquote>``, and the direct text of ``<div>``, ``<td>``, ``<th>`` and other
block containers → body; pandoc's title block (``header#title-block-header``) gives its title
and its ``.author`` lines (author). Text is what a browser shows: runs of HTML white space (a
form feed included, which is no line end in the source lines) become one space, ``<br>`` is a
space, inline markup is dropped and its text kept;
characters (ZWNJ, U+200C, and ``&zwnj;`` included) are kept exactly.

Footnotes, as pandoc and EPUB 3 write them: the notes are the list items of a container
``section.footnotes`` / ``div.footnotes`` / ``[role=doc-endnotes]`` / ``[epub:type~=footnotes
|endnotes|rearnotes]``, or single elements ``[role=doc-footnote|doc-endnote]`` /
``aside[epub:type~=footnote|endnote|rearnote]``; a reference is an ``<a>`` with class
``footnote-ref``, ``role=doc-noteref`` or ``epub:type~=noteref`` whose ``href`` fragment is the
note's id. A reference's text (the note number) is removed from the body and the paragraph is
linked to the note (``fn1``, ``fn2`` … in order of first reference); a note's back-link
(``a.footnote-back``, ``role=doc-backlink``, or a link back to a reference) is removed from
the note. pandoc 1's ``a.footnoteRef`` and ``div.footnotes`` are read too, and notes are read
wherever they stand (a ``<footer>`` included). Sources: pandoc's HTML writer, the W3C Digital
Publishing WAI-ARIA Module 1.0 roles (``doc-noteref``, ``doc-endnotes``, ``doc-endnote``,
``doc-footnote``, ``doc-backlink``) and the EPUB 3 Structural Semantics Vocabulary
(``epub:type`` ``noteref``, ``footnote``, ``endnote``, ``footnotes``, ``endnotes``).

Not read (by design: page chrome, code, or not text): ``<head>`` (but its ``<title>`` when
there is no ``<h1>``), ``<script>``, ``<style>``, ``<nav>``, ``<header>`` (but pandoc's title
block), ``<footer>``, ``<noscript>``, ``<template>``, ``<pre>`` (code and preformatted text),
forms and their controls, ``<svg>``, ``<math>``, embedded objects, images and their
alternative text, and elements with the ``hidden`` attribute.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from corpus.document import Kind
from corpus.errors import CorpusError
from corpus.readers import Source
from corpus.readers.builder import DocumentBuilder
from corpus.textfile import decode_text

_SKIP_TAGS = (
    "head script style nav header footer noscript template pre form button select textarea "
    "input option label svg math object embed iframe canvas audio video img picture map area "
    "applet frameset frame"
)
_BLOCK_TAGS = (
    "html body main article section header footer nav div aside figure figcaption blockquote ul "
    "ol menu dl dt dd li table thead tbody tfoot tr td th caption p h1 h2 h3 h4 h5 h6 hr address "
    "center details summary fieldset legend hgroup search dialog"
)
_SKIP = frozenset(_SKIP_TAGS.split())
_BLOCKS = frozenset(_BLOCK_TAGS.split())
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_NOTES = frozenset(("footnotes", "endnotes", "rearnotes"))
_NOTE = frozenset(("footnote", "endnote", "rearnote"))
_WHITE = re.compile(r"[ \t\n\r\f]+")
_PROLOG = re.compile(
    rb"^\s*(<\?xml[^>]*\?>)?\s*(<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>)?", re.IGNORECASE
)
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# labels that browsers read as windows-1252 (WHATWG Encoding Standard)
_WINDOWS_1252 = {"latin-1": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
_ENCODING_HINT = "save the file as UTF-8, or declare its encoding with <meta charset>"


def read_html(path: str | Path) -> Source:
    """Read an HTML or XHTML file into its un-normalized blocks (see the module's rules).

    :returns: a :class:`~corpus.readers.Source` of format ``html`` whose unit is the source
        line and whose extent is the number of lines.
    :raises CorpusError: the file cannot be read, declares an unknown encoding, is not in its
        encoding, holds control characters, holds no text, or a text over libxml2's safety
        limit (:mod:`corpus.xmlsafe`: 10,000,000 bytes), which the parser would leave out.
    """
    import lxml.html
    from lxml import etree

    from corpus.xmlsafe import TEXT_LIMIT, limit_exceeded

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise CorpusError(name, f"cannot read: {err.strerror}") from err
    text = _decode(data, name)
    # lxml takes the encoding we give; a DOCTYPE's internal subset (entity declarations) is
    # dropped, not shown as text; line ends stay, so source lines stay right
    source = _PROLOG.sub(lambda m: b"\n" * m[0].count(b"\n"), text.encode("utf-8"), count=1)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(source, parser=parser)
    except Exception as err:  # lxml.etree.ParserError: nothing but white space or comments
        raise CorpusError(name, "no text found", hint="expected a document") from err
    for entry in parser.error_log:  # the parser goes on past a safety limit, text left out
        logged = etree.XMLSyntaxError(entry.message.strip(), entry.type, entry.line, entry.column)
        if limit_exceeded(logged) is not None:  # in HTML, a text's ("buffer size limit")
            raise CorpusError(
                name,
                f"a text of more than {TEXT_LIMIT:,} bytes, over the limit tmkit reads",
                line=entry.line,
                hint="split the paragraph",
            )
    builder = DocumentBuilder(name, "html", "line")
    _Walker(builder, root).run()
    return builder.build(extent=text.count("\n") + 1)


def html_codec(data: bytes, name: str = "") -> str:
    """The Python codec :func:`read_html` decodes the file's *data* with.

    ``utf-16`` after a UTF-16 byte-order mark; else the charset declared in the first 2,048
    bytes (labels browsers read as windows-1252 give ``cp1252``; a UTF-16 label without a
    byte-order mark gives ``utf-8``); else ``utf-8`` (a UTF-8 byte-order mark allowed).

    :raises CorpusError: an unknown declared encoding, naming the file *name*.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    declared = None if data.startswith(codecs.BOM_UTF8) else _CHARSET.search(data[:2048])
    label = (declared[1] or declared[2]).decode("ascii") if declared else "utf-8"
    try:
        codec = codecs.lookup(label).name
    except LookupError as err:
        raise CorpusError(name, f"unknown encoding {label!r}", hint=_ENCODING_HINT) from err
    if codec == "utf-8" or codec.startswith("utf-16"):  # a UTF-16 label without a BOM: UTF-8
        return "utf-8"
    return _WINDOWS_1252.get(codec, codec)


def _decode(data: bytes, name: str) -> str:
    """The file's text: BOM, else the declared charset, else UTF-8 (strictly decoded)."""
    codec = html_codec(data, name)
    return decode_text(data, name) if codec == "utf-8" else _recheck(data, codec, name)


def _recheck(data: bytes, codec: str, name: str) -> str:
    """Decode *data* in *codec*, then check the text as any text file is checked."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(
            name, f"not {codec} (byte 0x{data[err.start]:02x})", line=line, hint=_ENCODING_HINT
        ) from err
    return decode_text(text.encode("utf-8"), name)


def _words(element) -> set[str]:
    return set(element.get("class", "").split())


def _epub(element) -> set[str]:
    return set(element.get("epub:type", "").split())


def _is_notes(element) -> bool:
    return (
        ("footnotes" in _words(element) and element.tag in ("section", "div", "aside", "ol"))
        or element.get("role") == "doc-endnotes"
        or bool(_epub(element) & _NOTES)
    )


def _is_note(element) -> bool:
    return element.get("role") in ("doc-footnote", "doc-endnote") or (
        element.tag == "aside" and bool(_epub(element) & _NOTE)
    )


def _is_reference(element) -> bool:
    return element.tag == "a" and (
        bool({"footnote-ref", "footnoteRef"} & _words(element))
        or element.get("role") == "doc-noteref"
        or "noteref" in _epub(element)
    )


def _fragment(href: str) -> str:
    return href.rpartition("#")[2] if "#" in href else ""


class _Run:
    """The inline text of a block being collected, and the line where its text starts."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self.line = 0
        self.pieces: list[str] = []
        self.refs: list[str] = []

    def add(self, text: str | None, line: int) -> None:
        """Add *text*, which starts on source line *line*."""
        if not text:
            return
        if not self.line and text.strip():
            self.line = line + text[: len(text) - len(text.lstrip())].count("\n")
        self.pieces.append(text)


def _end_line(element) -> int:
    """About where *element* ends: the line of its last element (its tail follows)."""
    return max((e.sourceline or 0) for e in element.iter())


class _Walker:
    def __init__(self, builder: DocumentBuilder, root) -> None:
        self.builder, self.root = builder, root
        self.body = root.find("body")
        if self.body is None:
            self.body = root
        self.titled = False
        self.reference_ids = {
            element.get("id") for element in root.iter("a") if _is_reference(element)
        } - {None}

    def run(self) -> None:
        title = self.root.find("head/title")
        if title is not None and not any(True for _ in self._visible(self.body, "h1")):
            self.builder.add(Kind.TITLE, _WHITE.sub(" ", title.text_content()), title.sourceline)
            self.titled = True
        self.container(self.body, Kind.BODY)
        for container in self.root.iter():  # notes may be anywhere, even in a <footer>
            if not isinstance(container.tag, str):
                continue
            if _is_notes(container):
                for item in container.iter("li"):
                    self.note(item)
            elif _is_note(container):
                self.note(container)

    def _visible(self, element, tag: str):
        return (e for e in element.iter(tag) if not self._hidden(e))

    def _hidden(self, element) -> bool:
        """Inside a skipped element (pandoc's title block is read)."""
        for ancestor in element.iterancestors():
            if ancestor is self.body:
                return False
            if self._skipped(ancestor):
                return True
        return False

    def _skipped(self, element) -> bool:
        if not isinstance(element.tag, str):
            return True
        if element.tag == "header" and element.get("id") == "title-block-header":
            return False
        return element.tag in _SKIP or element.get("hidden") is not None

    def container(self, element, kind: Kind) -> None:
        """Read a block container: its direct inline text makes blocks of *kind*."""
        run = _Run(kind)
        run.add(element.text, element.sourceline or 0)
        for child in element:
            if self._skipped(child) or _is_notes(child) or _is_note(child):
                pass
            elif child.tag in _BLOCKS:
                self.flush(run)
                self.container(child, self.kind_of(child, kind))
                run = _Run(kind)
            else:
                self.inline(child, run)
            run.add(child.tail, _end_line(child))
        self.flush(run)

    def kind_of(self, element, outer: Kind) -> Kind:
        tag = element.tag
        if tag == "h1":
            if self.titled:
                return Kind.HEADING
            self.titled = True
            return Kind.TITLE
        if tag in _HEADINGS:
            return Kind.HEADING
        if tag == "li":
            return Kind.LIST_ITEM
        if "author" in _words(element) and element.getparent().get("id") == "title-block-header":
            return Kind.AUTHOR
        return Kind.BODY if outer is not Kind.LIST_ITEM else outer

    def inline(self, element, run: _Run) -> None:
        if self._skipped(element) or not isinstance(element.tag, str):
            return
        if _is_reference(element):
            run.refs.append("#" + _fragment(element.get("href", "")))
            return
        if element.tag == "br" or element.tag in _BLOCKS:
            run.add(" ", 0)
        run.add(element.text, element.sourceline or 0)
        for child in element:
            self.inline(child, run)
            run.add(child.tail, _end_line(child))

    def flush(self, run: _Run) -> None:
        self.builder.add(run.kind, _WHITE.sub(" ", "".join(run.pieces)), run.line, run.refs)

    def note(self, element) -> None:
        key = element.get("id")
        if not key:
            return
        pieces: list[str] = []
        self.note_text(element, pieces)
        self.builder.note("#" + key, _WHITE.sub(" ", "".join(pieces)), element.sourceline)

    def note_text(self, element, pieces: list[str]) -> None:
        pieces.append(element.text or "")
        for child in element:
            back = child.tag == "a" and (
                "footnote-back" in _words(child)
                or child.get("role") == "doc-backlink"
                or _fragment(child.get("href", "")) in self.reference_ids
            )
            if not (back or self._skipped(child)):
                if child.tag in _BLOCKS:
                    pieces.append(" ")
                if child.tag == "br":
                    pieces.append(" ")
                self.note_text(child, pieces)
            pieces.append(child.tail or "")
