"""Turn text extracted from a PDF into a document's paragraphs and footnotes.

General rules, in this order (no rule names a word or line of a particular document):

1. Blocks are runs of non-blank lines; the lines of a block are joined with a space. In
   ``pdftotext -layout`` text, where paragraphs may be told apart by a first-line indent alone,
   a line indented ``INDENT`` spaces or more from the text's margin (its least indented line)
   after a line that ends a sentence opens a new block; in a block opening like a note or a
   list item (whose lines may hang indented) only when the block continues a page-broken
   paragraph.
   Page breaks are two blank lines, or a form feed (pdftotext's page end, which the text
   reader keeps), wherever it stands in a line: it ends the block before it, and the text
   after it opens a new line of the next page (with the line number of the line that holds
   it). A form feed is never part of a block's text.
2. The first block is the title when it does not end with punctuation (``.!?؟…:;؛,،``) and has
   at most ``TITLE_WORDS`` words (a long news headline is a title); a later block equal to it
   is a running page header. Page numbers (a block of digits only) are dropped, and so is a
   running header found by repetition, even when no title was recognised: a short line (at
   most ``SHORT_WORDS`` words, no final punctuation) that stands alone ``REPEATS_FOR_HEADER``
   times or more, at least ``PAGE_TOPS_FOR_HEADER`` times at a page top. A block stands at a
   page top after two blank lines or a form feed, after a page number or a footnote, after a
   paragraph that stops mid-sentence, before a page number, or when it carries a page number
   itself. A number at either edge of a header line (``Journal of Asia    12``) and
   separators (``|``, dashes) are not part of its identity. Each of these marks a page break.
3. Footnote markers are removed from the text and recorded. ``^۱``/``^12`` is always a marker.
   ``[1]``/``[۱]`` is one when a note with that number follows (otherwise it is a citation or
   a bracketed number, and stays). A number glued to the end of a word is one only when all
   of these hold, so that a real number glued to a word is never taken for a marker:
   it is written as a superscript (``word¹``, also after closing punctuation: ``word.¹``) in a
   document without ``^``/``[1]`` markers, or in plain digits (``کلمه۱``, ``word1``) in a
   document without ``^``, ``[1]`` or superscript markers (an extraction writes its markers
   one way); a plain number follows two lower-case letters of its own script, in a word with
   no capital (``کووید-19``, ``B12``, ``COVID19``, ``Table1``, ``nsp۱`` are names with
   numbers); the word holds no ``/`` or ``@`` (a web address); it is followed by a space or
   punctuation; it is the next marker in order (one more than the previous one, or 1 when no
   marker waits for its note: numbering restarts on each page); the word and number occur
   once in the document (``orf8`` twice is a name); and its note follows on the same page (no
   page furniture between) before any note with a higher number written in full.
4. A block that starts with a number (``۱.``, ``^۱.``, ``[1]``, ``¹``, ``1 ``) is a footnote
   when an earlier marker with that number still waits for its note and no later block before
   the next page furniture opens with the same number (notes stand at the page bottom: a page
   that opens ``1. …`` in the middle of a sentence is body text), or, without a marker, when
   it is written ``۱.``, ``^۱``, ``[1]`` or ``¹``, does not open its page and a page break
   follows it. A block of several notes, one a line (``1. …`` then ``2. …``), is split into
   them where a line's number has a marker waiting. The marker is linked to the footnote
   (the block keeps the footnote's id in ``notes``).
5. A paragraph (not the title or author line) that does not end with sentence-final
   punctuation and is followed by page furniture (footnote, header, page number) continues in
   the next paragraph: the two are joined, so a sentence broken by a page break is whole
   again. After two blank lines alone, only a block longer than a heading continues.
   A paragraph broken by a page just after a sentence end stays two paragraphs (nothing in
   the text shows that it goes on).
6. The second block is the author line when a title precedes it and it is short with no
   punctuation; other short blocks without punctuation are headings; blocks starting with a
   dash or bullet (``- ``, ``• ``) or a number and ``-``/``)`` are list items, and a list item
   holding `` - `` after a sentence end is split into one item per dash.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from corpus.document import Block, Document, Kind
from corpus.textfile import PAGE_BREAK

DIGITS = "0-9\u06f0-\u06f9\u0660-\u0669"
SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
NUMBER = rf"[{DIGITS}]{{1,3}}|[{SUPERSCRIPTS}]{{1,3}}"
LOWER_LETTER = "a-z\u00df-\u00ff\u0621-\u063a\u0641-\u064a\u0671-\u06d3"  # no capitals, no digits
MARKS = "\u064b-\u065f\u0670"  # Arabic-script vowel marks and tanwin, which end words
CLOSING = ".,،؛:;!?؟…»\"”’')\\]"
CARET_MARKER = re.compile(rf"\s?\^\s?([{DIGITS}]{{1,3}})")
BRACKET_MARKER = re.compile(rf"\s?\[([{DIGITS}]{{1,3}})\]")
SUPER_MARKER = re.compile(
    rf"(?<=[^\W\d_{SUPERSCRIPTS}]|[{MARKS}{CLOSING}])([{SUPERSCRIPTS}]{{1,3}})(?=\s|[{CLOSING}]|$)"
)
GLUED_MARKER = re.compile(
    rf"(?<=[{LOWER_LETTER}][{LOWER_LETTER}{MARKS}])([{DIGITS}]{{1,3}})(?=\s|[{CLOSING}]|$)"
)
TRAILING_MARKER = re.compile(
    rf"(?:\s?\^\s?[{DIGITS}]{{1,3}}|\s?\[[{DIGITS}]{{1,3}}\]|[{SUPERSCRIPTS}]{{1,3}}"
    rf"|(?<=[.!?؟…»\"”’)\]])[{DIGITS}]{{1,3}})$"
)  # a marker after a sentence's end, at the end of a line
NOT_A_WORD = re.compile(r"[/@]|www\.")  # a web address, e-mail or path: its digits are its own
CAPITAL = re.compile(r"[A-Z\u00c0-\u00de]")  # «Table1», «Windows10»: a name and its number
FOOTNOTE = re.compile(rf"^(\^\s?|\[)?({NUMBER})\]?\s*\.?\s+(\S.*)$", re.DOTALL)
FOOTNOTE_NUMBER = re.compile(rf"^[{DIGITS}]{{1,2}}\.\s")
PAGE_NUMBER = re.compile(rf"^[-–\s]*[{DIGITS}]{{1,4}}[-–\s]*$")
HEADER_EDGES = re.compile(
    rf"^(?:[{DIGITS}]{{1,4}}(?=\s)|[-–—|•·](?=\s)|\s)+|(?:(?<=\s)[{DIGITS}]{{1,4}}|(?<=\s)[-–—|•·]|\s)+$"
)
LIST_START = re.compile(rf"^(?:[-–•*]|[{DIGITS}]{{1,2}}\s?[-)])\s+")
LIST_SPLIT = re.compile(r"(?<=[.!?؟…»\"”])\s+(?=[-–•]\s)")
FINAL = re.compile(r"[.!?؟…:][»\"”’)\]]*$")
TITLE_END = re.compile(r"[.!?؟…:;؛,،][»\"”’)\]]*$")  # a clause ending «…;» is no title
SHORT_WORDS = 15  # English headings run longer than Persian ones
TITLE_WORDS = 40  # a long news headline is still a title; a longer block is a paragraph
AUTHOR_WORDS = 6
INDENT = 2  # spaces of a first-line indent
REPEATS_FOR_HEADER = 3
PAGE_TOPS_FOR_HEADER = 2


@dataclass
class _Raw:
    text: str
    line: int
    gap_after: int = 0  # blank lines after the block
    lines: list[str] = field(default_factory=list)
    indented: list[int] = field(default_factory=list)  # lines that may open a paragraph


@dataclass
class _Para:
    kind: Kind
    text: str
    line: int
    notes: list[str] = field(default_factory=list)


@dataclass
class _Markers:
    """Footnote markers seen so far and the footnote lines still ahead in the text."""

    ahead: list[tuple[int, str, bool]]  # (block index, number, explicit form) of each line
    # opening like a note, in blocks that open like one
    text: str  # the whole document, to count a glued marker's word
    waiting: dict[str, list[tuple[_Para, str]]] = field(default_factory=dict)
    last: int = 0  # the previous marker's number

    def follows(self, number: str, index: int) -> bool:
        """A note with *number* opens a line after block *index*."""
        return any(at > index and found == number for at, found, _ in self.ahead)

    def next_note(self, number: str, index: int, taken: set[str]) -> bool:
        """A note with *number* opens a line after block *index*, and no note written in
        full with a higher number (another marker's) comes before it."""
        value = int(number)
        for at, found, explicit in self.ahead:
            if at <= index or self.waiting.get(found) or found in taken:
                continue
            if found == number:
                return True
            if explicit and int(found) > value:
                return False
        return False

    def written_later(self, number: str, index: int, raw: list[_Raw], until: int) -> bool:
        """The note for the marker waiting with *number* is written in full (``۱.``, ``^۱``,
        ``[1]``, ``¹``) in a block after *index* and before block *until*: it comes before any
        other marker with that number (whose note it would be)."""
        notes = {at for at, found, explicit in self.ahead if found == number and explicit}
        for at in range(index + 1, until):
            if at in notes:
                return True
            if any(
                _ascii(match.group(1)) == number
                for pattern in (CARET_MARKER, BRACKET_MARKER, SUPER_MARKER, GLUED_MARKER)
                for match in pattern.finditer(raw[at].text)
            ):
                return False
        return False

    def once(self, word: str) -> bool:
        """*word* (a glued marker and the word it follows) occurs once in the document."""
        found = re.findall(rf"(?<!\S){re.escape(word)}(?![{DIGITS}{SUPERSCRIPTS}])", self.text)
        return len(found) == 1

    @cached_property
    def form(self) -> str:
        """How the document writes its markers: an extraction writes them one way, so a
        number glued to a word is not a marker in a document with ``^1`` or ``[1]`` markers
        (``"explicit"``), nor a plain one in a document with superscript ones."""
        numbers = {found for _, found, _ in self.ahead}
        if CARET_MARKER.search(self.text) or any(
            _ascii(match.group(1)) in numbers for match in BRACKET_MARKER.finditer(self.text)
        ):
            return "explicit"
        return "superscript" if SUPER_MARKER.search(self.text) else "plain"

    def same_page(self, number: str, index: int, furniture: list[bool]) -> bool:
        """The note with *number* after block *index* is on the same page: no page furniture
        between them."""
        at = next((at for at, found, _ in self.ahead if at > index and found == number), None)
        return at is not None and not any(furniture[index:at])

    def in_order(self, number: str) -> bool:
        """One more than the previous marker, or 1 when numbering restarts (none waits)."""
        value = int(number)
        return value == self.last + 1 or (value == 1 and not any(self.waiting.values()))


def clean(text: str) -> Document:
    r"""Return the paragraphs and footnotes of *text* (see the module's rules).

    >>> doc = clean("Title\n\nAuthor\n\nA sentence^1 broken by a page break does not end\n\n"
    ...             "1. The note.\n\n\nTitle\n\non its page.")
    >>> [b.text for b in doc.paragraphs]
    ['Title', 'Author', 'A sentence broken by a page break does not end on its page.']
    >>> [(b.id, b.text) for b in doc.footnotes], doc.paragraphs[2].notes
    ([('fn1', 'The note.')], ('fn1',))
    """
    raw = _blocks(text)
    if not raw:
        return Document((), ())
    title = _header_key(raw[0].text) if _is_title(raw[0].text) else None
    furniture = _furniture(raw, title)
    markers = _Markers(
        [
            (index, _ascii(match.group(2)), _explicit(line, match))
            for index, block in enumerate(raw)
            if FOOTNOTE.match(block.text)  # a block opening like a note: each such line
            for line in block.lines
            if (match := FOOTNOTE.match(line))
        ],
        text,
    )
    paras: list[_Para] = []
    footnotes: list[_Para] = []
    warnings: list[str] = []
    join_next = False
    for index, block in enumerate(raw):
        if furniture[index]:
            join_next = join_next or _continues(paras, title is not None)
            continue
        notes = _footnotes(block, index, raw, furniture, markers)
        if notes:
            for number, written, note_text in notes:
                footnote = _Para(Kind.FOOTNOTE, note_text, block.line)
                footnotes.append(footnote)
                pending = markers.waiting.get(number)
                if pending:
                    para, _ = pending.pop(0)
                    para.notes.append(f"fn{len(footnotes)}")
                else:
                    warnings.append(f"line {block.line}: footnote {written} has no marker")
            join_next = join_next or _continues(paras, title is not None)
            continue
        continued = join_next and bool(paras)
        for part, text in enumerate(_parts(block, continued)):
            body, numbers = _strip_markers(text, index, markers, furniture)
            if part == 0 and continued and not _is_heading_like(body):
                para = paras[-1]
                para.text = f"{para.text} {body}"
            else:
                para = _Para(Kind.BODY, body, block.line)
                paras.append(para)
            for number in numbers:
                markers.waiting.setdefault(_ascii(number), []).append((para, number))
        join_next = block.gap_after >= 2 and _continues(paras, title is not None, furniture=False)
    for pending in markers.waiting.values():
        for para, number in pending:
            warnings.append(f"line {para.line}: footnote marker {number} has no footnote")
    return Document(
        tuple(_finish(paras, title is not None)),
        _number_footnotes(footnotes),
        tuple(sorted(set(warnings))),
    )


def _blocks(text: str) -> list[_Raw]:
    """Runs of non-blank lines; a run is also cut before a first-line indent (below)."""
    blocks: list[_Raw] = []
    lines: list[str] = []
    margin = _margin(text)
    for number, line in _lines(text):
        if line == PAGE_BREAK:
            if lines:
                blocks[-1].text, blocks[-1].lines, lines = " ".join(lines), lines, []
            if blocks:
                blocks[-1].gap_after = max(blocks[-1].gap_after, 2)
            continue
        if line.strip():
            if lines and _indented_paragraph(lines, line, margin):
                if _hangs(lines[0]) or LIST_START.match(lines[0]):
                    blocks[-1].indented.append(len(lines))  # a hanging indent, or a paragraph
                else:
                    blocks[-1].text, blocks[-1].lines, lines = " ".join(lines), lines, []
            if not lines:
                blocks.append(_Raw("", number))
            lines.append(line.strip())
            continue
        if lines:
            blocks[-1].text, blocks[-1].lines, lines = " ".join(lines), lines, []
        if blocks:
            blocks[-1].gap_after += 1
    if lines:
        blocks[-1].text, blocks[-1].lines = " ".join(lines), lines
    return blocks


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of *text* with its number (LF line ends), and :data:`PAGE_BREAK` where a form
    feed stands: a line holding one is cut there, its number kept for both parts."""
    for number, line in enumerate(text.split("\n"), start=1):
        first, *rest = line.split(PAGE_BREAK)
        if first or not rest:  # the empty text beside a form feed is no blank line
            yield number, first
        for part in rest:
            yield number, PAGE_BREAK
            if part:
                yield number, part


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _margin(text: str) -> int:
    """The text's left margin: its least indented line's indent (0 but in ``-layout`` text)."""
    return min((_indent(line) for _, line in _lines(text) if line.strip()), default=0)


def _indented_paragraph(lines: list[str], line: str, margin: int) -> bool:
    """A line indented from the margin, after a line that ends a sentence, opens a paragraph
    (``pdftotext -layout`` of a book: no blank line between paragraphs, a first-line indent).
    In a block opening like a note or list item, whose lines may hang indented under the
    first, it does only when the block turns out to continue a page-broken paragraph."""
    return _indent(line) >= margin + INDENT and bool(
        FINAL.search(TRAILING_MARKER.sub("", lines[-1]))
    )


def _parts(block: _Raw, continued: bool) -> list[str]:
    """The block's text, cut at its indented lines when it continues a paragraph."""
    if not (continued and block.indented):
        return [block.text]
    cuts = [0, *block.indented, len(block.lines)]
    return [" ".join(block.lines[start:end]) for start, end in itertools.pairwise(cuts)]


def _hangs(line: str) -> bool:
    """Whether *line* opens a note written in full (``1.``, ``^1``, ``[1]``, ``¹``)."""
    note = FOOTNOTE.match(line)
    return note is not None and _explicit(line, note)


def _key(text: str) -> str:
    return " ".join(text.split())


def _header_key(text: str) -> str:
    """A header line's identity: its words without a page number or separator at the edges."""
    return _key(HEADER_EDGES.sub("", text))


def _ascii(number: str) -> str:
    return number.translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩" + SUPERSCRIPTS, "012345678901234567890123456789")
    )


def _is_title(text: str) -> bool:
    return len(text.split()) <= TITLE_WORDS and not TITLE_END.search(text)


def _is_short_line(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS and not FINAL.search(text)


def _furniture(raw: list[_Raw], title: str | None) -> list[bool]:
    """Which blocks are page furniture: page numbers, the title repeated, running headers.

    A running header is a short line that stands alone ``REPEATS_FOR_HEADER`` times or more,
    at least twice where the layout shows a page break before it (:func:`_at_page_top`): a
    heading repeated in the text (each chapter's «Introduction») shows none.
    """
    numbers = [bool(PAGE_NUMBER.match(block.text)) for block in raw]
    keys = [_header_key(block.text) for block in raw]
    short = [index > 0 and bool(keys[index]) and _is_short_line(raw[index].text)
             for index in range(len(raw))]  # fmt: skip
    counts = Counter(keys[index] for index in range(len(raw)) if short[index])
    at_top = Counter(
        keys[index]
        for index in range(len(raw))
        if short[index] and _at_page_top(raw, numbers, index)
    )
    headers = {
        key
        for key, count in counts.items()
        if count >= REPEATS_FOR_HEADER and at_top[key] >= PAGE_TOPS_FOR_HEADER
    }
    return [
        index > 0 and (numbers[index] or keys[index] == title or keys[index] in headers)
        for index in range(len(raw))
    ]


def _at_page_top(raw: list[_Raw], numbers: list[bool], index: int) -> bool:
    """Whether the layout around block *index* shows a page break just before it."""
    previous = raw[index - 1]
    return (
        previous.gap_after >= 2
        or _header_key(raw[index].text) != _key(raw[index].text)  # a page number in the line
        or numbers[index - 1]
        or (index + 1 < len(raw) and numbers[index + 1])
        or bool(FOOTNOTE.match(previous.text))
        or not (FINAL.search(previous.text) or _is_heading_like(previous.text))
    )


def _is_heading_like(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS and not re.search(r"[.!?؟…،,:;؛]", text)


def _continues(paras: list[_Para], titled: bool, furniture: bool = True) -> bool:
    """Whether the last paragraph stops mid-sentence, so the next one completes it.

    Page furniture after it (a footnote, a running header, a page number) is strong evidence
    of a page break: typesetters keep headings with the next paragraph, so even a short
    block then continues. Blank lines alone are weak evidence: a short block stays a heading.
    The title and the author line after it never continue.
    """
    if not paras or (
        titled and (len(paras) == 1 or (len(paras) == 2 and _is_author(paras[1].text)))
    ):
        return False
    text = paras[-1].text
    return not FINAL.search(text) and (furniture or not _is_heading_like(text))


def _is_author(text: str) -> bool:
    return _is_heading_like(text) and len(text.split()) <= AUTHOR_WORDS


def _footnotes(
    block: _Raw, index: int, raw: list[_Raw], furniture: list[bool], markers: _Markers
) -> list[tuple[str, str, str]]:
    """The notes (number, number as written, text) block *index* holds, or none.

    A marker waits for its number, or a page break follows a note written ``۱.``, ``^۱``,
    ``[1]`` or ``¹``. A block whose lines each open with a waited-for number is split.
    """
    note = FOOTNOTE.match(block.text)
    if index == 0 or not note:
        return []
    if furniture[index - 1]:  # notes stand at a page bottom: a page opening «1. …» is body
        return []
    number = _ascii(note.group(2))
    explicit = _explicit(block.text, note)
    if markers.waiting.get(number):
        # «10 countries …» before the note written in full (``10.``, ``¹⁰``) on the same page
        until = next((at for at in range(index + 1, len(raw)) if furniture[at]), len(raw))
        alone = len(markers.waiting[number]) == 1  # two markers wait: notes for both follow
        if not explicit and alone and markers.written_later(number, index, raw, until):
            return []
    else:
        # a note without a marker: written in full, and a page break follows it
        following = index + 1
        page_break = following == len(raw) or block.gap_after >= 2 or furniture[following]
        if not (explicit and page_break):
            return []
    notes: list[tuple[str, str, str]] = []
    for line in block.lines:
        starts = FOOTNOTE.match(line)
        number = _ascii(starts.group(2)) if starts else ""
        waited = starts and markers.waiting.get(number) and number not in (n for n, _, _ in notes)
        if notes and not waited:
            notes[-1] = (notes[-1][0], notes[-1][1], f"{notes[-1][2]} {line}")
        else:
            assert starts is not None  # the first line opens the block, which matched
            notes.append((number, starts.group(2), starts.group(3).strip()))
    return notes


def _explicit(line: str, note: re.Match[str]) -> bool:
    """Whether a note is written ``۱.``, ``^۱``, ``[1]`` or ``¹`` (not just ``1 …``)."""
    return bool(note.group(1) or FOOTNOTE_NUMBER.match(line) or note.group(2)[0] in SUPERSCRIPTS)


def _strip_markers(
    text: str, index: int, markers: _Markers, furniture: list[bool]
) -> tuple[str, list[str]]:
    """Remove the footnote markers of *text* (block *index*); return it and their numbers."""
    found: list[tuple[int, int, str]] = []  # (start, end, number) of each marker
    candidates = sorted(
        [(m, "caret") for m in CARET_MARKER.finditer(text)]
        + [(m, "bracket") for m in BRACKET_MARKER.finditer(text)]
        + [(m, "superscript") for m in SUPER_MARKER.finditer(text)]
        + [(m, "plain") for m in GLUED_MARKER.finditer(text)],
        key=lambda pair: pair[0].start(),
    )
    for match, form in candidates:
        if found and match.start() < found[-1][1]:
            continue
        number = _ascii(match.group(1))
        if form == "bracket":
            accepted = markers.follows(number, index)
        elif form in ("superscript", "plain"):
            word = text[text.rfind(" ", 0, match.start()) + 1 : match.end()]
            accepted = (
                not NOT_A_WORD.search(word)
                and (form == "superscript" or _same_script(word, match.group(1)))
                and markers.in_order(number)
                and markers.next_note(number, index, {n for _, _, n in found})
                and markers.once(word)
                and markers.same_page(number, index, furniture)
                and (
                    markers.form == "superscript"
                    if form == "superscript"
                    else markers.form == "plain" and not CAPITAL.search(word)
                )
            )
        else:
            accepted = True
        if accepted:
            found.append((match.start(), match.end(), number))
            markers.last = int(number)
    pieces, position = [], 0
    for start, end, _ in found:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    numbers = [text[start:end].strip(" ^[]") for start, end, _ in found]
    return _key("".join(pieces)), numbers


def _same_script(word: str, number: str) -> bool:
    """A Latin word takes Western digits, a Persian or Arabic one Persian or Arabic digits
    («nsp۱» in Persian text is a name with its number, not a marker)."""
    latin = word[: -len(number)][-1:].isascii()
    return latin == number.isascii()


def _finish(paras: list[_Para], titled: bool) -> list[Block]:
    blocks: list[Block] = []
    for index, para in enumerate(paras):
        for text in _split_items(para.text):
            kind = _kind(index, text, paras, titled)
            blocks.append(Block(f"p{len(blocks) + 1}", kind, text, para.line, tuple(para.notes)))
    return blocks


def _split_items(text: str) -> list[str]:
    if not LIST_START.match(text):
        return [text]
    return [part.strip() for part in LIST_SPLIT.split(text) if part.strip()]


def _kind(index: int, text: str, paras: list[_Para], titled: bool) -> Kind:
    if index == 0 and titled:
        return Kind.TITLE
    if LIST_START.match(text):
        return Kind.LIST_ITEM
    if not _is_heading_like(text):
        return Kind.BODY
    if index == 1 and titled and _is_author(text):
        return Kind.AUTHOR
    return Kind.HEADING if index + 1 < len(paras) else Kind.BODY


def _number_footnotes(footnotes: list[_Para]) -> tuple[Block, ...]:
    return tuple(
        Block(f"fn{n}", Kind.FOOTNOTE, para.text, para.line)
        for n, para in enumerate(footnotes, start=1)
    )
