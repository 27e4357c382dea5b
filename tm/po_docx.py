"""Reviewed English written back into a Word ``.docx`` reference (``tmkit import-po``).

A unit's old target is looked for in the text of its target blocks as the reader reads them
(:func:`corpus.readers.docx.docx_blocks`: a paragraph block is the ``w:p`` with the reader's
paragraph number, a note block the note's paragraphs), across the runs (``w:t``) it is made
of. Only the words that changed are written (:func:`tm.po.word_changes`: a word-level diff
of the old and new sentence, each changed run of words replaced whole, the spaces around it
kept), each change on its own:

- A change inside one run is made in that run only (a link's text included: the link keeps
  its address with the new text). Every other run, link, field and formatting stays as it
  was, byte for byte.
- A change over several runs puts its new text into the first of them and removes its old
  text from the others, when those runs are all inside the same containers (all outside any
  link, or all in the same link) with nothing but text between them. If their formatting
  differs (a bold or italic word), the new text takes the first run's: a warning names the
  tuid (none when the new text is empty: a deletion decides no formatting).
- A change is refused, with an error naming the tuid (edit that sentence in Word by hand),
  when it would cut into a link, a content control, a tracked change or a smart tag (its runs
  are not all in the same ones), or leave a link without text: a link is never removed;
  when it touches a field's result (Word may compute it again), a tab, a line break or a
  note's paragraph break; or when a note reference, a picture, a field or a comment stands
  between its runs (it would move).
- An insertion (a word added between two unchanged ones) goes after the character before it,
  in its run, as Word types; but at the end of a link (or another container) that the next
  character is not in, it goes before the next character instead, so a link is never
  lengthened by a word typed after it. Next to a tab, break or field, it goes on the side
  that is text. Where the only text next to it is in a link (a link that starts or ends the
  paragraph), or it stands between two different links, it is refused.

Only the edited ``w:t`` elements change, as bytes in the part's XML (a ``xml:space="preserve"``
is added to a ``w:t`` whose new text starts or ends with a space); every other byte of
``word/document.xml`` (or of the footnotes or endnotes part, for a note) stays as it was, and
every other member of the ZIP package is copied unchanged, in order (its content, name, date
and compression; the compressed bytes are zlib's). :func:`tm.po.import_po` then checks that the
new package reads back with the new sentences in place and nothing else changed.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from lxml import etree

from corpus.pipeline import load_document
from corpus.readers.docx import Piece, docx_blocks
from tm.errors import TmError
from tm.po import Edit, EnglishFile, splice, word_changes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
_EXPAT_T = f"{W_NS} t"  # expat's name of w:t with namespace_separator=" "
_PROOFING = (W + "lang", W + "noProof")  # run properties that do not change how text looks
# what may stand between two runs of one change: text, and marks that are no content
_BETWEEN_RUNS = {
    W + tag
    for tag in (
        *("r", "t", "rPr", "proofErr"),
        *("bookmarkStart", "bookmarkEnd", "lastRenderedPageBreak"),
    )
}
_SEPARATOR = "\0"  # between blocks in EnglishDocx.text: never in a document's text
_HINT = "edit that sentence in Word by hand"
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_SPACE_ATTRIBUTE = re.compile(rb"""\sxml:space\s*=\s*(["'])[^"']*\1""")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@dataclass(frozen=True)
class _Element:
    """A ``w:t`` element's bytes in its part: the start tag, content, and end tag."""

    start: int
    tag_end: int
    close_start: int  # == tag_end for an empty element written <w:t/>
    end: int
    text: str


class EnglishDocx(EnglishFile):
    """A Word ``.docx`` English file for :mod:`tm.po`: its blocks' text as the reader reads it,
    each character traced to the ``w:t`` it comes from."""

    def __init__(self, path: Path, language: str) -> None:
        self.path, self.language = Path(path), language
        self.document = load_document(self.path, language)
        self.blocks = docx_blocks(self.path)
        characters: list[str] = []
        self.origins: list[tuple[Piece, int] | None] = []  # a character's piece and offset
        self.parts: dict[int, str] = {}  # id(w:t element) → its part
        self.regions: dict[str, tuple[int, int, int | None]] = {}
        for block_id, block in self.blocks.items():
            start = len(characters)
            for number, pieces in enumerate(block.paragraphs):
                if number:  # the reader joins a note's paragraphs with a space
                    characters.append(" ")
                    self.origins.append(None)
                for piece in pieces:
                    if piece.element is not None:
                        self.parts[id(piece.element)] = block.part
                    for offset, character in enumerate(piece.text):
                        if character != "\u00ad":  # a soft hyphen is not text
                            characters.append(character)
                            self.origins.append((piece, offset))
            self.regions[block_id] = (start, len(characters), None)
            characters.append(_SEPARATOR)
            self.origins.append(None)
        self.text = "".join(characters)

    def not_found_hint(self) -> str:
        return "rebuild the units from this document, or edit that sentence in Word by hand"

    def scopes(self, blocks: Sequence[str]) -> list[tuple[int, int]]:
        """Each block on its own: a sentence never runs over two paragraphs."""
        return sorted({self.regions[block][:2] for block in blocks})

    def splits(self, matched: str) -> bool:
        return _SEPARATOR in matched

    def line_of(self, position: int) -> int | None:
        return None

    def render(self, edits: Sequence[Edit]) -> tuple[bytes, list[str]]:
        """The new package; a warning for each change that ran over runs of different
        formatting (see the module's rule).

        :raises TmError: a change this module refuses (over a tab, break, field, note
            paragraph break, or into a link or other container, or over a note reference or
            picture; emptying a link); a part that is not UTF-8 XML as the reader read it.
        """
        cuts: dict[int, tuple[Any, list[tuple[int, int, str]]]] = {}  # id(w:t) → its cuts
        warnings = []
        for edit in edits:
            block = self._block(edit)
            old = self.text[edit.start : edit.end]
            for first, last, new in word_changes(old, edit.change.new):
                where = f"the English of {edit.change.tuid} in {block}"
                start, end = edit.start + first, edit.start + last
                if start == end:
                    piece, offset = self._insertion_point(start, where)
                    cuts.setdefault(id(piece.element), (piece.element, []))[1].append(
                        (offset, offset, new)
                    )
                    continue
                changed = f"{where}: changing {old[first:last]!r}"
                spans = self._spans(start, end, changed)
                for number, (piece, low, high) in enumerate(spans):
                    element = piece.element
                    cut = (low, high + 1, new if number == 0 else "")
                    cuts.setdefault(id(element), (element, []))[1].append(cut)
                runs = {_formatting(piece.element)[0] for piece, _, _ in spans}
                if new and len(runs) > 1:
                    warnings.append(
                        f"{edit.change.tuid} in {block}: {old[first:last]!r} ran over runs of "
                        f"different formatting (bold, italic …); {new!r} takes the first run's"
                    )
        texts: dict[str, dict[Any, str]] = {}  # part → {w:t element: its new text}
        for key, (element, element_cuts) in cuts.items():
            new_text = splice(element.text or "", sorted(element_cuts))
            texts.setdefault(self.parts[key], {})[element] = new_text
        self._check_links(texts, edits)
        with zipfile.ZipFile(self.path) as package:
            parts = {part: self._edit_part(package, part, new) for part, new in texts.items()}
        return _replace_members(self.path.read_bytes(), parts), warnings

    def _spans(self, start: int, end: int, changed: str) -> list[tuple[Piece, int, int]]:
        """The ``w:t`` pieces that ``text[start:end]`` comes from, each with its first and
        last offset; refused (:class:`TmError`) unless one piece, or pieces of plain runs
        with the same containers and nothing but text between them."""
        origins = self.origins[start:end]
        if any(o is None or o[0].element is None or _in_field(o[0]) for o in origins):
            raise TmError(
                self.name,
                f"{changed} runs over a tab, a line break, a field or a paragraph break",
                hint=_HINT,
            )
        spans: dict[int, list] = {}  # id(piece) → [piece, first offset, last offset]
        for piece, offset in origins:  # type: ignore[misc]
            span = spans.setdefault(id(piece), [piece, offset, offset])
            span[2] = offset
        found = [(piece, low, high) for piece, low, high in spans.values()]
        if len(found) == 1:
            return found
        elements = [piece.element for piece, _, _ in found]
        containers = {tuple(map(id, _formatting(element)[1])) for element in elements}
        if len(containers) > 1:
            raise TmError(
                self.name,
                f"{changed} would cut into a link (or a content control, a tracked change, "
                "a smart tag): a link is never removed",
                hint=_HINT,
            )
        if not _only_text_between(elements[0], elements[-1]):
            raise TmError(
                self.name,
                f"{changed} runs over something that is not text (a note reference, a "
                "picture, a field, a comment)",
                hint=_HINT,
            )
        return found

    def _insertion_point(self, position: int, where: str) -> tuple[Piece, int]:
        """Where text inserted before ``text[position]`` goes: after the character before
        it, as Word types, unless that one ends a link or other container the character
        after it is not in (then before the character after it); never into a container
        only one side is in (a link that starts or ends the paragraph)."""
        sides = []
        for at, after in ((position - 1, 1), (position, 0)):
            origin = self.origins[at] if 0 <= at < len(self.origins) else None
            if origin is None or origin[0].element is None or _in_field(origin[0]):
                sides.append(None)
            else:
                piece, offset = origin
                sides.append((piece, offset + after, set(map(id, _formatting(piece.element)[1]))))
        before, after = sides
        if before and (not before[2] if after is None else before[2] <= after[2]):
            return before[0], before[1]
        if after and (not after[2] if before is None else after[2] <= before[2]):
            return after[0], after[1]
        raise TmError(
            self.name,
            f"{where}: a word added here would go into a link (or a field, a content control) "
            "with no text outside it next to the place",
            hint=_HINT,
        )

    def _check_links(self, texts: dict[str, dict[Any, str]], edits: Sequence[Edit]) -> None:
        """Refuse an edit that would leave a hyperlink without text."""
        new_text = {element: text for part in texts.values() for element, text in part.items()}
        for element in new_text:
            for link in element.iterancestors(W + "hyperlink"):
                if not any(new_text.get(t, t.text or "") for t in link.iter(W + "t")) and any(
                    t.text for t in link.iter(W + "t")
                ):
                    tuid = next(
                        (
                            e.change.tuid
                            for e in edits
                            if any(
                                o is not None and o[0].element is t
                                for o in self.origins[e.start : e.end]
                                for t in link.iter(W + "t")
                            )
                        ),
                        "an edit",
                    )
                    raise TmError(
                        self.name,
                        f"the English of {tuid} would empty a link: a link is never removed",
                        hint=_HINT,
                    )

    def _block(self, edit: Edit) -> str:
        return next(
            block
            for block in edit.unit.target_blocks
            if self.regions[block][0] <= edit.start < self.regions[block][1]
        )

    def _edit_part(self, package: zipfile.ZipFile, part: str, texts: dict) -> bytes:
        """The part's XML with the new text of each of its ``w:t`` elements in *texts*."""
        try:
            data = package.read(part)
        except KeyError as err:
            raise TmError(self.name, f"no {part} in the package", hint=_HINT) from err
        elements = _text_elements(data, f"{self.name}: {part}")
        root = next(iter(texts)).getroottree().getroot()
        order = {element: number for number, element in enumerate(root.iter(W + "t"))}
        if len(order) != len(elements):
            raise TmError(self.name, f"{part} is not as it was read", hint=_HINT)
        replacements = []
        for element, text in texts.items():
            found = elements[order[element]]
            if found.text != (element.text or ""):
                raise TmError(self.name, f"{part} is not as it was read", hint=_HINT)
            replacements.append((found.start, found.end, _element_bytes(data, found, text)))
        pieces, cursor = [], 0
        for start, end, new in sorted(replacements):
            pieces += [data[cursor:start], new]
            cursor = end
        return b"".join(pieces) + data[cursor:]


def _in_field(piece: Piece) -> bool:
    """Whether a piece is a field's result (Word may compute it again)."""
    return piece.field or any(True for _ in piece.element.iterancestors(W + "fldSimple"))


def _only_text_between(first, last) -> bool:
    """Whether nothing but runs of text (and bookmarks, proofing marks) stands between two
    ``w:t`` elements of a paragraph, in document order."""
    paragraph = next(first.iterancestors(W + "p"))
    between = False
    for element in paragraph.iter():
        if element is first:
            between = True
        elif element is last:
            return True
        elif between and not _harmless(element):
            return False
    return False


def _harmless(element) -> bool:
    if element.tag in _BETWEEN_RUNS:
        return True
    return any(ancestor.tag == W + "rPr" for ancestor in element.iterancestors())


def _formatting(element) -> tuple[bytes, list]:
    """What a ``w:t``'s run looks like: its properties (not proofing ones) and containers."""
    run = element.getparent()
    properties = run.find(W + "rPr")
    described = b""
    if properties is not None:
        properties = copy.deepcopy(properties)
        for proofing in [child for child in properties if child.tag in _PROOFING]:
            properties.remove(proofing)
        described = etree.tostring(properties, method="c14n")
    containers = []
    for ancestor in run.iterancestors():
        if ancestor.tag == W + "p":
            break
        containers.append(ancestor)
    return described, containers


def _text_elements(data: bytes, name: str) -> list[_Element]:
    """Every ``w:t`` of a part's XML, in document order, with its byte offsets and text."""
    declared = _DECLARED.match(data)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        declared and declared[1].lower() not in (b"utf-8", b"utf8")
    ):
        raise TmError(name, "not UTF-8 XML", hint=_HINT)
    parser = expat.ParserCreate(namespace_separator=" ")
    found: list[_Element] = []
    open_at: list[int] = []
    characters: list[str] = []

    def start(tag: str, attributes: dict) -> None:
        if tag == _EXPAT_T:
            open_at.append(parser.CurrentByteIndex)
            characters.clear()

    def end(tag: str) -> None:
        if tag != _EXPAT_T:
            return
        begin = open_at.pop()
        tag_end = _tag_end(data, begin)
        if data[tag_end - 2 : tag_end] == b"/>":
            found.append(_Element(begin, tag_end, tag_end, tag_end, ""))
        else:
            close = parser.CurrentByteIndex
            found.append(
                _Element(begin, tag_end, close, _tag_end(data, close), "".join(characters))
            )

    def text(content: str) -> None:
        if open_at:
            characters.append(content)

    def refuse(*_: object) -> None:
        raise TmError(name, "has a DOCTYPE, which a Word part never has", hint=_HINT)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as err:
        raise TmError(name, f"not well-formed XML ({err})", hint=_HINT) from err
    return found


def _tag_end(data: bytes, start: int) -> int:
    """Where the tag that starts at *start* ends (after its ``>``; quoted ``>`` skipped)."""
    quote = None
    for position in range(start, len(data)):
        byte = data[position]
        if quote is not None:
            if byte == quote:
                quote = None
        elif byte in b"\"'":
            quote = byte
        elif byte == ord(">"):
            return position + 1
    return len(data)


def _element_bytes(data: bytes, element: _Element, text: str) -> bytes:
    """The ``w:t`` element with *text* as its content, its tags as they were written."""
    tag = data[element.start : element.tag_end]
    empty = element.close_start == element.tag_end
    if empty:
        tag = tag[:-2].rstrip() + b">"
    if text != text.strip() or "  " in text:  # Word would drop such spaces without it
        attribute = b' xml:space="preserve"'
        tag = (
            _SPACE_ATTRIBUTE.sub(attribute, tag, count=1)
            if _SPACE_ATTRIBUTE.search(tag)
            else tag[:-1] + attribute + b">"
        )
    if empty:
        name = re.match(rb"<([^\s/>]+)", tag)
        assert name is not None
        close = b"</" + name[1] + b">"
    else:
        close = data[element.close_start : element.end]
    content = "".join(_ESCAPES.get(character, character) for character in text)
    return tag + content.encode("utf-8") + close


def _replace_members(package: bytes, parts: dict[str, bytes]) -> bytes:
    """The ZIP *package* with the members named in *parts* given new content; every other
    member's content, name, date, attributes and compression as it was, in order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as old,
        zipfile.ZipFile(out, "w", allowZip64=True) as new,
    ):
        new.comment = old.comment
        for info in old.infolist():
            member = zipfile.ZipInfo(info.filename, info.date_time)
            member.compress_type = info.compress_type
            member.comment = info.comment
            member.create_system = info.create_system
            member.external_attr = info.external_attr
            member.internal_attr = info.internal_attr
            content = parts[info.filename] if info.filename in parts else old.read(info)
            new.writestr(member, content)
    return out.getvalue()
