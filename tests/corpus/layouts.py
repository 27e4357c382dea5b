"""PDF-like layouts of real paragraphs, to test :mod:`corpus.cleanup` on documents it never saw.

:func:`make_layout` lays out a document (a title and paragraphs of real prose) as a PDF
extraction gives it: lines of a few words, pages of a few lines, a running header on every page
but the first (the title or a section title), page numbers (at the page bottom, at its top, in
the header line, or none), footnotes at the bottom of the page where their marker stands, in the
forms PDF extractions produce (``^1``, ``[1]``, ``word¹``, ``word1``; Persian digits in Persian
text), numbered through the document or from 1 on each page, one block per note or all notes of
a page in one block, sentences broken across pages, and pages separated by a form feed (as
pdftotext writes it: ``last line\\n\\fnext line``) or by two blank lines, with the indentation
of ``pdftotext -layout`` or without, and with a blank line between paragraphs or (with
``-layout``) only a first-line indent. It also returns what cleanup must give back: the title, the
paragraphs (markers removed), the footnotes and the paragraph each footnote's marker stands in.

What a reader cannot know from the text alone is modelled as the cleanup rules document it:
a page break that falls just after a sentence end inside a paragraph leaves two paragraphs
(nothing shows that the paragraph goes on), and a paragraph that has no sentence-final
punctuation (a heading) never ends a page, as typesetters keep a heading with what follows.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

FINAL = re.compile(r"[.!?؟…:][»\"”’)\]]*$")
TITLE_END = re.compile(r"[.!?؟…:;؛,،][»\"”’)\]]*$")
LIST_MARK = re.compile(r"^(?:[-–•*]|[0-9۰-۹]{1,2}\s?[-)])\s+")
# a plain number is glued only to a word of two lower-case letters of the text's own script
GLUE_WORD = {
    "en": re.compile(r"^[^A-Z]*[a-z]{2}$"),
    "fa": re.compile(r"^[^A-Z]*[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]{2}$"),
}
LETTER = re.compile(r"[^\W\d_]")
MARKER_AFTER = re.compile(
    r"(?:[^\W\d_]|[\u064b-\u065f.,،؛:;!?؟…»\"”’')\]])$"
)  # a marker may follow
NOT_MARKABLE = re.compile(r"[/@\[\]^0-9۰-۹\u00b9\u00b2\u00b3\u2070-\u2079]")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MARKERS = ("caret", "bracket", "superscript", "glued")
PAGE_NUMBERS = ("bottom", "top", "header", "none")
SECTION_HEADERS = {
    "en": ("Journal of Public Health Studies", "Annual Report on Health"),
    "fa": ("فصلنامه مطالعات سلامت عمومی", "گزارش سالانه بهداشت"),
}
AUTHORS = {"en": ("Maryam Ahmadi", "John Harris"), "fa": ("مریم احمدی", "حسن رضایی")}


@dataclass(frozen=True)
class Style:
    """How one layout is drawn."""

    marker: str  # one of MARKERS
    page_number: str  # one of PAGE_NUMBERS
    form_feed: bool  # pages end with a form feed, else with two blank lines
    section_header: bool  # the running header is a section title, else the document's title
    author: bool
    notes_in_one_block: bool
    restart_notes: bool  # note numbers restart on each page
    layout: bool  # pdftotext -layout: indented and centred lines
    gaps: bool  # a blank line between paragraphs (else, with layout, a first-line indent alone)
    words_per_line: int
    lines_per_page: int

    @classmethod
    def draw(cls, rng: random.Random, lines: int) -> Style:
        """A random style for a document of about *lines* lines at 10 words a line."""
        words = rng.randint(7, 14)
        pages = rng.randint(4, 9)
        return cls(
            marker=rng.choice(MARKERS),
            page_number=rng.choice(PAGE_NUMBERS),
            form_feed=rng.random() < 0.5,
            section_header=rng.random() < 0.5,
            author=rng.random() < 0.5,
            notes_in_one_block=rng.random() < 0.5,
            restart_notes=rng.random() < 0.3,
            layout=rng.random() < 0.5,
            gaps=rng.random() < 0.5,
            words_per_line=words,
            lines_per_page=max(6, min(60, lines * 10 // words // pages)),
        )


@dataclass
class Layout:
    """A laid-out document and what cleanup must give back from it."""

    text: str
    title: str
    author: str | None
    header: str
    paragraphs: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    note_paragraphs: list[int] = field(default_factory=list)  # paragraph of each note's marker


@dataclass
class _Word:
    text: str
    paragraph: int
    note: str | None = None  # the footnote whose marker follows this word
    first: bool = False  # the paragraph's first word


def paragraphs_of(units: list[str], rng: random.Random) -> list[str]:
    """Real units grouped into paragraphs of one to four; a unit without final punctuation
    (a heading) or opening with a list mark stands alone."""
    paragraphs: list[str] = []
    current: list[str] = []
    for unit in (" ".join(u.split()) for u in units):
        if not unit:
            continue
        alone = not FINAL.search(unit) or LIST_MARK.match(unit)
        if alone or len(current) >= rng.randint(1, 4):
            if current:
                paragraphs.append(" ".join(current))
            current = []
        if alone:
            if len(unit.split()) <= 12 and not LIST_MARK.match(unit):
                paragraphs.append(unit)  # a heading; longer unpunctuated units are left out
            continue
        current.append(unit)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def title_of(units: list[str]) -> str:
    """A title: the first unit without punctuation at its end, else the first one stripped of
    it (a long headline), cut to 30 words."""
    first = next((u for u in units[:3] if u and not TITLE_END.search(u)), units[0])
    return " ".join(TITLE_END.sub("", first).split()[:30])


def make_layout(
    title: str,
    paragraphs: list[str],
    notes: list[str],
    language: str,
    rng: random.Random,
    style: Style,
) -> Layout:
    """Lay out *paragraphs* under *title* in *style*; *notes* are the footnotes' texts, used
    in turn (each a sentence with final punctuation, on one line)."""
    author = rng.choice(AUTHORS[language]) if style.author else None
    words = _words(paragraphs, notes, language, style, rng)
    pages = _pages(_lines(words, style), paragraphs, style)
    # a section title is found by its repetition at three page tops: it needs four pages
    section = style.section_header and len(pages) >= 4
    header = rng.choice(SECTION_HEADERS[language]) if section else title
    layout = Layout("", title, author, header)
    out: list[str] = []
    _front(out, title, author, style)
    note_number = 0
    marked: list[_Word] = []
    digits = PERSIAN if language == "fa" else str.maketrans("", "")
    for page_index, page in enumerate(pages):
        number = str(page_index + 1).translate(digits)
        if page_index:
            _page_top(out, header, number, page_index, style)
        if style.restart_notes:
            note_number = 0
        page_notes: list[tuple[str, str]] = []
        for position, line in enumerate(page):
            if line is None:
                if style.gaps or not style.layout or _next_to_heading(page, position, paragraphs):
                    out.append("")
                continue
            texts = []
            for word in line:
                text = word.text
                if word.note is not None:
                    note_number += 1
                    written = str(note_number).translate(digits)
                    text += _marker(written, style.marker)
                    page_notes.append((written, word.note))
                    layout.footnotes.append(word.note)
                    marked.append(word)
                texts.append(text)
            indent = "    " if style.layout and line[0].first else ""
            out.append(indent + " ".join(texts))
        if page_notes:
            out.append("")
            for written, note in page_notes:
                out.append(_note(written, note, style.marker))
                if not style.notes_in_one_block:
                    out.append("")
            if not style.notes_in_one_block:
                out.pop()
        if style.page_number == "bottom":
            out += ["", (" " * 30 if style.layout else "") + number]
        if page_index + 1 < len(pages):
            out += ["\f"] if style.form_feed else ["", "", ""]
    layout.text = "\n".join(out).replace("\n\f\n", "\n\f") + "\n"
    layout.paragraphs, where = _expected_paragraphs(pages)
    layout.note_paragraphs = [where[id(word)] for word in marked]
    return layout


def _words(
    paragraphs: list[str], notes: list[str], language: str, style: Style, rng: random.Random
) -> list[list[_Word]]:
    """Each paragraph's words, about one in three paragraphs with a footnote marker. A marker
    glued to a word goes on a word that occurs once in the document (see cleanup's rule)."""
    pool = iter(notes)
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        for text in paragraph.split():
            counts[text] = counts.get(text, 0) + 1
    glued = style.marker in ("glued", "superscript")
    result: list[list[_Word]] = []
    for index, paragraph in enumerate(paragraphs):
        words = [_Word(text, index, first=n == 0) for n, text in enumerate(paragraph.split())]
        if FINAL.search(paragraph) and rng.random() < 0.35:
            markable = [
                word
                for word in words
                if not NOT_MARKABLE.search(word.text)
                and LETTER.search(word.text)
                and MARKER_AFTER.search(word.text)
                and (style.marker != "glued" or GLUE_WORD[language].search(word.text))
                and (not glued or counts[word.text] == 1)
            ]
            note = next(pool, None)
            if markable and note is not None:
                rng.choice(markable).note = note
        result.append(words)
    return result


def _lines(words: list[list[_Word]], style: Style) -> list[list[_Word] | None]:
    """Lines of the body: each paragraph wrapped, a blank line (None) between paragraphs."""
    lines: list[list[_Word] | None] = []
    for paragraph in words:
        if lines:
            lines.append(None)
        for start in range(0, len(paragraph), style.words_per_line):
            lines.append(paragraph[start : start + style.words_per_line])
    return lines


def _pages(
    lines: list[list[_Word] | None], paragraphs: list[str], style: Style
) -> list[list[list[_Word] | None]]:
    """Lines cut into pages; a heading never ends a page, no page opens or ends blank."""
    pages: list[list[list[_Word] | None]] = [[]]
    for line in lines:
        page = pages[-1]
        if line is not None and len(page) >= style.lines_per_page:
            blank = bool(page) and page[-1] is None
            while page and page[-1] is None:
                page.pop()
            carried: list[list[_Word] | None] = []
            while page and page[-1] is not None and _is_heading(page[-1], paragraphs):
                carried.insert(0, page.pop())
                while page and page[-1] is None:
                    page.pop()
            if not page:  # nothing but headings: the page runs on until a paragraph ends it
                page.extend(carried)
                if blank:
                    page.append(None)
            else:
                if carried and blank:
                    carried.append(None)
                pages.append(carried)
        if line is None and not pages[-1]:
            continue
        pages[-1].append(line)
    for page in pages:
        while page and page[-1] is None:
            page.pop()
    return [page for page in pages if page]


def _next_to_heading(page: list[list[_Word] | None], position: int, paragraphs: list[str]) -> bool:
    """Whether the blank line at *position* stands next to a heading (which keeps its space
    above and below when paragraphs are told apart by their indent alone)."""
    around = [page[at] for at in (position - 1, position + 1) if 0 <= at < len(page)]
    return any(line is not None and _is_heading(line, paragraphs) for line in around)


def _is_heading(line: list[_Word], paragraphs: list[str]) -> bool:
    return not FINAL.search(paragraphs[line[0].paragraph])


def _front(out: list[str], title: str, author: str | None, style: Style) -> None:
    centre = " " * 20 if style.layout else ""
    out += [centre + title, ""]
    if author:
        out += [centre + author, ""]


def _page_top(out: list[str], header: str, number: str, page: int, style: Style) -> None:
    gap = " " * 24 if style.layout else "   "
    if style.page_number == "header":
        out.append(f"{header}{gap}{number}" if page % 2 else f"{number}{gap}{header}")
    else:
        out.append((" " * 20 if style.layout else "") + header)
    out.append("")
    if style.page_number == "top":
        out += [(" " * 30 if style.layout else "") + number, ""]


def _marker(number: str, form: str) -> str:
    if form == "caret":
        return f"^{number}"
    if form == "bracket":
        return f"[{number}]"
    if form == "superscript":
        return number.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")).translate(SUPERSCRIPT)
    return number


def _note(number: str, text: str, form: str) -> str:
    if form == "caret":
        return f"^{number}. {text}"
    if form == "bracket":
        return f"[{number}] {text}"
    if form == "superscript":
        return f"{_marker(number, form)} {text}"
    return f"{number}. {text}"


def _expected_paragraphs(
    pages: list[list[list[_Word] | None]],
) -> tuple[list[str], dict[int, int]]:
    """The paragraphs cleanup must give, and the one each word ends up in (by ``id``): each
    paragraph whole, except where a page break falls just after a sentence end inside it."""
    result: list[str] = []
    where: dict[int, int] = {}
    previous: list[_Word] | None = None
    for page in pages:
        for position, line in enumerate(page):
            if line is None:
                previous = None
                continue
            text = " ".join(word.text for word in line)
            if position == 0 and previous is not None:
                same = previous[-1].paragraph == line[0].paragraph
                new = not same or bool(FINAL.search(result[-1]))
            else:
                new = previous is None
            if new:
                result.append(text)
            else:
                result[-1] = f"{result[-1]} {text}"
            for word in line:
                where[id(word)] = len(result) - 1
            previous = line
    return result, where
