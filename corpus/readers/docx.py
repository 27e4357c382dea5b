"""Word ``.docx`` (Office Open XML WordprocessingML, ECMA-376 Part 1) into a document's blocks.

python-docx opens the package (ZIP, content types, relationships), checks that it is a Word
document (main part content type ``…wordprocessingml.document.main+xml``) and gives the
document part, its styles part and its relationships. Everything else is read here from the
XML, because python-docx does not expose it: the body in reading order (``w:body`` with its
tables ``w:tbl/w:tr/w:tc`` and content controls ``w:sdt/w:sdtContent``), the text of runs, and
the footnotes and endnotes parts (``word/footnotes.xml`` and ``word/endnotes.xml``, reached
through the document part's relationships of type ``…/relationships/footnotes`` and
``…/relationships/endnotes``; ECMA-376 Part 1 §11.3 for the parts, §17.11 for footnotes and
endnotes, §17.3 for paragraphs, runs and their content, §17.7 for styles).

Paragraphs: every ``w:p`` of the body, in document order (inside tables too), is numbered
from 1, empty ones included, so the numbers are stable: :attr:`Block.line` is that number,
and a fix's ``line`` and a warning (``paragraph N: …``) use it. Empty paragraphs make no block.

Kinds, from the paragraph's style (``w:pStyle``, else the default paragraph style), following
its ``w:basedOn`` chain: a style named ``Title`` → title; ``heading 1``–``heading 9`` (the
names Word stores for its built-in headings whatever the user's language), or an outline
level ``w:outlineLvl`` 0–8 on the paragraph or its styles (so localized and custom heading
styles count) → heading; ``Subtitle`` → heading; ``Author`` (pandoc's style) → author;
numbering ``w:numPr`` (``w:numId`` not 0) on the paragraph, or on its style unless that is a
heading style (whose numbering is the outline numbering), or, when no numbering is said, a style
named ``List Paragraph``, ``List Bullet…`` or ``List Number…`` → list item (``w:numId`` 0 on the
paragraph removes the numbering: body); anything else → body. An outline level of 9 on the
paragraph itself ("body text") overrides its style's. A document with no Title paragraph that
opens with a top-level heading (``heading 1``, outline level 0: what Word users and LibreOffice's
HTML import give a document's title) takes that heading as its title, as the Markdown and HTML
readers do.

Text, as Word shows it: ``w:t``; ``w:tab`` and ``w:ptab`` → a space; ``w:br`` and ``w:cr`` →
a space; ``w:noBreakHyphen`` → ``-``; ``w:softHyphen`` and U+00AD are dropped (optional
hyphens); every other character, ZWNJ (U+200C) included, is kept exactly. Runs inside
hyperlinks, inserted text (``w:ins``, ``w:moveTo``), smart tags, simple fields and inline
content controls are read. Of a complex field (``w:fldChar`` begin … separate … end) only the
result is text; its instructions (``w:instrText``) are not, and never run past their paragraph
(a broken field hides nothing after it).

Footnotes and endnotes: a ``w:footnoteReference``/``w:endnoteReference`` links the paragraph
to the note with that ``w:id`` (``w:footnote``/``w:endnote`` elements of type ``normal``;
``separator``, ``continuationSeparator`` and ``continuationNotice`` are not notes). A note's
paragraphs are one footnote block, ``fn1``, ``fn2`` … in order of first reference; its
:attr:`Block.line` is the number of the paragraph that first refers to it.

Not read (by design, Word does not show it as body text, or it is not the document's prose):
deleted text (``w:del``, ``w:delText``, ``w:moveFrom``), hidden text (``w:vanish``), field
instructions, symbols in symbol fonts (``w:sym``), equations (``m:oMath``), pictures and their
alternative text, comments, headers and footers, imported chunks (``w:altChunk``), and text
boxes and shapes (``w:txbxContent``; a paragraph anchoring one that holds text gets a warning,
so that text is never lost silently).

For writing a block back (``tmkit import-po``), :func:`docx_blocks` gives each block's part of
the package and its paragraphs as :class:`Piece` s: the text read, each with the ``w:t`` element
it comes from.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.document import Kind
from corpus.errors import CorpusError
from corpus.readers import Source
from corpus.readers.builder import DocumentBuilder
from corpus.zipsafe import check_inflated

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HINT = "save the file as Word .docx"

# containers whose children are read in order (block level and inline level)
_BLOCK_CONTAINERS = {W + t for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
_INLINE_CONTAINERS = {
    W + t
    for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "sdt", "dir")
} | {W + "sdtContent", W + "bdo"}
_SPACE = {W + t for t in ("tab", "ptab", "br", "cr")}
_NOT_NOTES = {"separator", "continuationSeparator", "continuationNotice"}
_HEADING_NAME = re.compile(r"heading ([1-9])")
_LIST_NAME = re.compile(r"list paragraph|list bullet( \d)?|list number( \d)?")
_OFF = {"0", "false", "off"}


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text as the reader reads it.

    :param text: the text: a ``w:t`` element's (soft hyphens U+00AD kept, which the block's text
        drops), or what Word shows for another element (``" "`` for a tab or break, ``-`` for
        a no-break hyphen).
    :param element: the ``w:t`` element (lxml) the text is, or ``None`` for another element.
    :param field: whether the text is a complex field's result (Word may compute it again).
    """

    text: str
    element: Any = None
    field: bool = False


@dataclass(frozen=True)
class BlockXml:
    """Where a block of a ``.docx`` stands in its package.

    :param part: the name of the package part (a ZIP member) holding it: the main document
        part for paragraphs (``word/document.xml``), the footnotes or endnotes part for a note.
    :param paragraphs: the pieces of each of its ``w:p`` (one for a paragraph; a note's
        paragraphs, which the block's text joins with a space).
    """

    part: str
    paragraphs: tuple[tuple[Piece, ...], ...]


@dataclass(frozen=True)
class _Style:
    name: str  # lower case
    based_on: str | None
    outline: int | None
    numbered: bool | None  # None: the style says nothing about numbering


def read_docx(path: str | Path) -> Source:
    """Read a Word ``.docx`` file into its un-normalized blocks (see the module's rules).

    :returns: a :class:`~corpus.readers.Source` of format ``docx`` whose unit is the
        ``paragraph`` (the 1-based number of a ``w:p`` of the body) and whose extent is the
        number of body paragraphs.
    :raises CorpusError: the file cannot be read; is not a ZIP package (a corrupt file, or a
        legacy ``.doc``, or an encrypted document, which is an OLE compound file); is not a
        Word document; or holds no text. One line naming the file, with a hint.
    """
    return _read(path)[0]


def docx_blocks(path: str | Path) -> dict[str, BlockXml]:
    """Where each block :func:`read_docx` reads from *path* stands: block id → its XML.

    The block ids are the reader's (``p1`` … in reading order, ``fn1`` … for notes); a
    paragraph block's :attr:`~corpus.document.Block.line` is its paragraph number. The pieces'
    elements belong to trees parsed from the package's parts, in document order, so the n-th
    ``w:t`` of a part's tree is the n-th ``w:t`` of the part's XML.

    :raises CorpusError: as :func:`read_docx`.
    """
    return _read(path)[1]


def _read(path: str | Path) -> tuple[Source, dict[str, BlockXml]]:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise CorpusError(name, f"cannot read: {err.strerror}") from err
    document = _open(data, name)
    styles = _styles(document)
    notes = _notes(document, name)
    builder = DocumentBuilder(name, "docx", "paragraph")
    reader = _Reader()
    part = str(document.part.partname).lstrip("/")
    blocks: dict[str, BlockXml] = {}
    number = 0
    opening_heading = None  # the first block, when it is a top-level heading
    for number, paragraph in enumerate(_paragraphs(document.element.body), start=1):
        pieces, refs, boxed = reader.paragraph(paragraph)
        if boxed:
            builder.warn(number, "a text box or shape holds text that is not read")
        kind, level = _kind(paragraph, styles)
        first = not builder.paragraphs
        if builder.add(kind, _text(pieces), number, refs):
            blocks[f"p{len(builder.paragraphs)}"] = BlockXml(part, (pieces,))
            if first and level == 0:
                opening_heading = builder.paragraphs[0]
    if opening_heading and all(draft.kind is not Kind.TITLE for draft in builder.paragraphs):
        opening_heading.kind = Kind.TITLE
    for key, (_, paragraphs) in notes.items():
        builder.note(key, " ".join(_text(pieces) for pieces in paragraphs))
    source = builder.build(extent=number)
    for key, block_id in builder.note_ids.items():
        blocks[block_id] = BlockXml(*notes[key])
    return source, blocks


def _text(pieces: tuple[Piece, ...]) -> str:
    return "".join(piece.text for piece in pieces).replace("\u00ad", "")


def _open(data: bytes, name: str):
    from docx.opc.constants import CONTENT_TYPE
    from docx.package import Package
    from lxml import etree

    from corpus.xmlsafe import limit_error, refuse_entities

    if data.startswith(OLE_MAGIC):
        raise CorpusError(
            name,
            "not a .docx: an encrypted Word document or a legacy .doc (OLE compound file)",
            hint="save it as .docx without a password",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise CorpusError(name, "not a .docx: not a ZIP package (corrupt or truncated?)", hint=HINT)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_inflated(archive, name, CorpusError)  # a zip bomb: refused before inflating
    try:
        package = Package.open(io.BytesIO(data))
        part = package.main_document_part
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml and zip errors
        if isinstance(err, etree.XMLSyntaxError):  # a part over libxml2's limits
            over = limit_error(CorpusError, name, err, text="the paragraph")
            if over is not None:
                raise over from err
        reason = " ".join(str(err).split()) or type(err).__name__
        raise CorpusError(name, f"not a readable .docx: {reason[:200]}", hint=HINT) from err
    for parsed in package.iter_parts():  # python-docx leaves an entity unexpanded: text lost
        element = getattr(parsed, "element", None)
        if element is not None:
            refuse_entities(CorpusError, name, element, "a Word document")
    if part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:  # a template, macro-enabled ...
        raise CorpusError(
            name, f"not a Word document: its main part is {part.content_type}", hint=HINT
        )
    return part.document


def _paragraphs(container) -> list:
    """Every ``w:p`` of the body in document order, through tables and content controls."""
    found = []
    for child in container:
        if child.tag == W + "p":
            found.append(child)
        elif child.tag in _BLOCK_CONTAINERS:
            found += _paragraphs(child)
    return found


class _Reader:
    """Reads paragraphs' text; keeps the complex-field state, which spans paragraphs."""

    def __init__(self) -> None:
        self.fields: list[bool] = []  # one per open field: True once its result began

    def paragraph(self, paragraph) -> tuple[tuple[Piece, ...], list[str], bool]:
        """Text pieces, note keys referenced, and whether a text box with text is anchored here."""
        pieces: list[Piece] = []
        refs: list[str] = []
        boxed = [False]
        self._inline(paragraph, pieces, refs, boxed)
        # a field's result may run over paragraphs (a table of contents), its instructions
        # do not: a field still in its instructions here is broken, and hides no more text
        self.fields = [True for _ in self.fields]
        return tuple(pieces), refs, boxed[0]

    def _inline(self, element, pieces: list[Piece], refs: list[str], boxed: list[bool]) -> None:
        for child in element:
            if child.tag == W + "r":
                self._run(child, pieces, refs, boxed)
            elif child.tag in _INLINE_CONTAINERS:
                self._inline(child, pieces, refs, boxed)

    def _run(self, run, pieces: list[Piece], refs: list[str], boxed: list[bool]) -> None:
        hidden = run.find(f"{W}rPr/{W}vanish")
        if hidden is not None and hidden.get(W + "val", "true") not in _OFF:
            return
        for child in run:
            tag = child.tag
            if tag == W + "fldChar":
                self._field(child.get(W + "fldCharType"))
            elif not all(self.fields):
                continue  # inside a field's instructions
            elif tag == W + "t":
                pieces.append(Piece(child.text or "", child, bool(self.fields)))
            elif tag in _SPACE:
                pieces.append(Piece(" ", field=bool(self.fields)))
            elif tag == W + "noBreakHyphen":
                pieces.append(Piece("-", field=bool(self.fields)))
            elif tag == W + "footnoteReference":
                refs.append(f"w:id={child.get(W + 'id')}")
            elif tag == W + "endnoteReference":
                refs.append(f"endnote w:id={child.get(W + 'id')}")
            elif any(
                (t.text or "").strip()
                for box in child.iter(W + "txbxContent")
                for t in box.iter(W + "t")
            ):
                boxed[0] = True

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(False)
        elif kind == "separate" and self.fields:
            self.fields[-1] = True
        elif kind == "end" and self.fields:
            self.fields.pop()


def _styles(document) -> dict[str | None, _Style]:
    """Paragraph styles by id; the key ``None`` is the default paragraph style."""
    styles: dict[str | None, _Style] = {}
    for element in document.styles.element.findall(W + "style"):
        if element.get(W + "type") != "paragraph":
            continue
        name = element.find(W + "name")
        based_on = element.find(W + "basedOn")
        ppr = element.find(W + "pPr")
        style = _Style(
            (name.get(W + "val", "") if name is not None else "").strip().lower(),
            based_on.get(W + "val") if based_on is not None else None,
            _outline(ppr),
            _numbered(ppr),
        )
        styles[element.get(W + "styleId")] = style
        if element.get(W + "default") in ("1", "true", "on"):
            styles[None] = style
    return styles


def _outline(ppr) -> int | None:
    level = ppr.find(W + "outlineLvl") if ppr is not None else None
    value = level.get(W + "val", "") if level is not None else ""
    return int(value) if value.isdigit() else None


def _numbered(ppr) -> bool | None:
    numbering = ppr.find(W + "numPr") if ppr is not None else None
    if numbering is None:
        return None
    number = numbering.find(W + "numId")
    return number is None or number.get(W + "val") != "0"


def _kind(paragraph, styles: dict[str | None, _Style]) -> tuple[Kind, int | None]:
    """The paragraph's kind, and its heading level (0 for the top level) when a heading."""
    ppr = paragraph.find(W + "pPr")
    style_id = ppr.find(W + "pStyle") if ppr is not None else None
    key = style_id.get(W + "val") if style_id is not None else None
    chain = _chain(key if key in styles else None, styles)
    name = next((s.name for s in chain if _named(s.name)), "")
    if name == "title":
        return Kind.TITLE, None
    style_outline = next((s.outline for s in chain if s.outline is not None), None)
    outline = _outline(ppr)
    if outline is None:
        outline = style_outline
    heading = _HEADING_NAME.fullmatch(name)
    if heading or name == "subtitle" or (outline is not None and outline < 9):
        level = outline if outline is not None and outline < 9 else None
        if level is None and heading:
            level = int(heading.group(1)) - 1
        return Kind.HEADING, level
    if name == "author":
        return Kind.AUTHOR, None
    numbered = _numbered(ppr)
    if numbered is None and (style_outline is None or style_outline >= 9):
        # a heading style's numbering is its outline numbering, not a list's
        numbered = next((s.numbered for s in chain if s.numbered is not None), None)
    if numbered is None:
        numbered = bool(_LIST_NAME.fullmatch(name))
    return (Kind.LIST_ITEM if numbered else Kind.BODY), None


def _named(name: str) -> bool:
    return name in ("title", "subtitle", "author") or bool(
        _HEADING_NAME.fullmatch(name) or _LIST_NAME.fullmatch(name)
    )


def _chain(key: str | None, styles: dict[str | None, _Style]) -> list[_Style]:
    """The style and the styles it is based on, nearest first (a cycle stops it)."""
    chain: list[_Style] = []
    seen: set[str | None] = set()
    while key in styles and key not in seen and len(chain) < 32:
        seen.add(key)
        chain.append(styles[key])
        key = styles[key].based_on
    return chain


def _notes(document, name: str) -> dict[str, tuple[str, tuple[tuple[Piece, ...], ...]]]:
    """Footnotes and endnotes by key (``w:id=2``, ``endnote w:id=2``): part, paragraphs."""
    from lxml import etree

    from corpus.xmlsafe import refuse_entities, safe_parser

    notes: dict[str, tuple[str, tuple[tuple[Piece, ...], ...]]] = {}
    for rel in document.part.rels.values():
        if rel.is_external or rel.reltype not in (RT_FOOTNOTES, RT_ENDNOTES):
            continue
        kind = "footnote" if rel.reltype == RT_FOOTNOTES else "endnote"
        part = rel.target_part
        try:
            root = etree.fromstring(part.blob, safe_parser())
        except etree.XMLSyntaxError as err:
            raise CorpusError(
                name, f"not a readable .docx: {part.partname} is not well-formed XML", hint=HINT
            ) from err
        refuse_entities(CorpusError, name, root, "a Word document")
        reader = _Reader()
        for note in root.iter(W + kind):
            if note.get(W + "type") in _NOT_NOTES:
                continue
            paragraphs = tuple(reader.paragraph(p)[0] for p in _paragraphs(note))
            key = f"w:id={note.get(W + 'id')}"
            part_name = str(part.partname).lstrip("/")
            notes[key if kind == "footnote" else f"endnote {key}"] = (part_name, paragraphs)
    return notes
