"""Turn text extracted from a PDF into a document's paragraphs and footnotes.

General rules, in this order:

1. Blocks are runs of non-blank lines; the lines of a block are joined with a space.
2. A short first block is the title; a later block equal to it is a running page header and
   is dropped, as are page numbers (a block of digits only) and any other short line that
   opens a page (follows two blank lines) three times or more. Each marks a page break.
3. Footnote markers (``^۱``, ``^12``) are removed from the text and recorded.
4. A block that starts with a number (``۱.``, ``^۱.``, ``1 ``) is a footnote when an earlier
   marker with that number still waits for its note, or when it is written ``۱.`` or ``^۱``
   and a page break follows it.
   The marker is linked to the footnote (the block keeps the footnote's id in ``notes``).
5. A paragraph (not the title or author line) that does not end with sentence-final
   punctuation and is followed by page furniture (footnote, header, page number) continues in
   the next paragraph: the two are joined, so a sentence broken by a page break is whole
   again. After two blank lines alone, only a block longer than a heading continues.
6. The second block is the author line when it is short and has no final punctuation;
   other short blocks without final punctuation are headings; blocks starting with a dash
   or bullet (``- ``, ``• ``) or a number and ``-``/``)`` are list items, and a list item
   holding `` - `` after a sentence end is split into one item per dash.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from corpus.document import Block, Document, Kind

DIGITS = "0-9\u06f0-\u06f9\u0660-\u0669"
MARKER = re.compile(rf"\s?\^\s?([{DIGITS}]{{1,3}})")
FOOTNOTE = re.compile(rf"^\^?\s?([{DIGITS}]{{1,3}})\s*\.?\s+(\S.*)$", re.DOTALL)
FOOTNOTE_NUMBER = re.compile(rf"^[{DIGITS}]{{1,2}}\.\s")
PAGE_NUMBER = re.compile(rf"^[-–\s]*[{DIGITS}]{{1,4}}[-–\s]*$")
LIST_START = re.compile(rf"^(?:[-–•*]|[{DIGITS}]{{1,2}}\s?[-)])\s+")
LIST_SPLIT = re.compile(r"(?<=[.!?؟…»\"”])\s+(?=[-–•]\s)")
FINAL = re.compile(r"[.!?؟…:][»\"”’)\]]*$")
SHORT_WORDS = 15  # English headings run longer than Persian ones
AUTHOR_WORDS = 6
REPEATS_FOR_HEADER = 3


@dataclass
class _Raw:
    text: str
    line: int
    gap_after: int = 0  # blank lines after the block


@dataclass
class _Para:
    kind: Kind
    text: str
    line: int
    notes: list[str] = field(default_factory=list)


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
    title = _key(raw[0].text) if _is_heading_like(raw[0].text) else None
    repeated = _repeated_short_lines(raw)
    paras: list[_Para] = []
    footnotes: list[_Para] = []
    waiting: dict[str, list[tuple[_Para, str]]] = {}  # number -> markers without a note
    warnings: list[str] = []
    join_next = False
    for index, block in enumerate(raw):
        key = _key(block.text)
        if index > 0 and (key == title or key in repeated or PAGE_NUMBER.match(block.text)):
            join_next = join_next or _continues(paras)
            continue
        note = FOOTNOTE.match(block.text)
        if index > 0 and note and _is_footnote(note, waiting, raw, index):
            number = _ascii(note.group(1))
            footnote = _Para(Kind.FOOTNOTE, note.group(2).strip(), block.line)
            footnotes.append(footnote)
            pending = waiting.get(number)
            if pending:
                para, _ = pending.pop(0)
                para.notes.append(f"fn{len(footnotes)}")
            else:
                warnings.append(f"line {block.line}: footnote {note.group(1)} has no marker")
            join_next = join_next or _continues(paras)
            continue
        body, numbers = _strip_markers(block.text)
        if join_next and paras and not _is_heading_like(body):
            para = paras[-1]
            para.text = f"{para.text} {body}"
        else:
            para = _Para(Kind.BODY, body, block.line)
            paras.append(para)
        for number in numbers:
            waiting.setdefault(_ascii(number), []).append((para, number))
        join_next = block.gap_after >= 2 and _continues(paras, furniture=False)
    for pending in waiting.values():
        for para, number in pending:
            warnings.append(f"line {para.line}: footnote marker {number} has no footnote")
    return Document(
        tuple(_finish(paras)), _number_footnotes(footnotes), tuple(sorted(set(warnings)))
    )


def _blocks(text: str) -> list[_Raw]:
    blocks: list[_Raw] = []
    lines: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not lines:
                blocks.append(_Raw("", number))
            lines.append(line.strip())
            continue
        if lines:
            blocks[-1].text, lines = " ".join(lines), []
        if blocks:
            blocks[-1].gap_after += 1
    if lines:
        blocks[-1].text = " ".join(lines)
    return blocks


def _key(text: str) -> str:
    return " ".join(text.split())


def _ascii(number: str) -> str:
    return number.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))


def _repeated_short_lines(raw: list[_Raw]) -> set[str]:
    """Short lines that open a page (after two blank lines) three times or more."""
    counts = Counter(
        _key(block.text)
        for previous, block in itertools.pairwise(raw)
        if previous.gap_after >= 2 and _is_heading_like(block.text)
    )
    return {text for text, count in counts.items() if count >= REPEATS_FOR_HEADER}


def _is_heading_like(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS and not re.search(r"[.!?؟…،,:;؛]", text)


def _continues(paras: list[_Para], furniture: bool = True) -> bool:
    """Whether the last paragraph stops mid-sentence, so the next one completes it.

    Page furniture after it (a footnote, a running header, a page number) is strong evidence
    of a page break: typesetters keep headings with the next paragraph, so even a short
    block then continues. Blank lines alone are weak evidence: a short block stays a heading.
    The title and author line (the first two blocks) never continue.
    """
    if len(paras) <= 2:
        return False
    text = paras[-1].text
    return not FINAL.search(text) and (furniture or not _is_heading_like(text))


def _is_footnote(
    note: re.Match[str], waiting: dict[str, list[tuple[_Para, str]]], raw: list[_Raw], index: int
) -> bool:
    """A marker waits for this number, or a page break follows a note written ``۱.``/``^۱``."""
    if waiting.get(_ascii(note.group(1))):
        return True
    explicit = note.group().startswith("^") or FOOTNOTE_NUMBER.match(note.group())
    page_break = index + 1 == len(raw) or raw[index].gap_after >= 2
    return bool(explicit) and page_break


def _strip_markers(text: str) -> tuple[str, list[str]]:
    numbers = [m.group(1) for m in MARKER.finditer(text)]
    return _key(MARKER.sub("", text)), numbers


def _finish(paras: list[_Para]) -> list[Block]:
    blocks: list[Block] = []
    for index, para in enumerate(paras):
        for text in _split_items(para.text):
            kind = _kind(index, text, paras)
            blocks.append(Block(f"p{len(blocks) + 1}", kind, text, para.line, tuple(para.notes)))
    return blocks


def _split_items(text: str) -> list[str]:
    if not LIST_START.match(text):
        return [text]
    return [part.strip() for part in LIST_SPLIT.split(text) if part.strip()]


def _kind(index: int, text: str, paras: list[_Para]) -> Kind:
    if index == 0 and _is_heading_like(text):
        return Kind.TITLE
    if LIST_START.match(text):
        return Kind.LIST_ITEM
    if not _is_heading_like(text):
        return Kind.BODY
    if index == 1 and len(text.split()) <= AUTHOR_WORDS:
        return Kind.AUTHOR
    return Kind.HEADING if index + 1 < len(paras) else Kind.BODY


def _number_footnotes(footnotes: list[_Para]) -> tuple[Block, ...]:
    return tuple(
        Block(f"fn{n}", Kind.FOOTNOTE, para.text, para.line)
        for n, para in enumerate(footnotes, start=1)
    )
