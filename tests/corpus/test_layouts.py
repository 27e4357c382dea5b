"""Cleanup on PDF-like layouts of documents it never saw (TICO-19's 31, and our own).

Each document is laid out by :mod:`tests.corpus.layouts` in many styles (seeds): running
headers, page numbers, footnotes in every marker form, sentences broken across pages, form
feeds or blank lines, ``pdftotext -layout`` indentation or none. Cleanup must give back the title,
the paragraphs whole, the footnotes linked to their markers, and nothing of the page furniture
or of a note in a body segment.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from corpus.cleanup import clean
from corpus.document import Kind
from corpus.srx import default_srx
from corpus.textfile import read_text

sys.path.insert(0, str(Path(__file__).parent))
from layouts import TITLE_END, Style, make_layout, paragraphs_of, title_of

SEEDS = range(6)

# Our own document, in both languages: a short report with headings.
OWN = {
    "en": [
        "Water supply in small towns",
        "Most small towns draw their water from wells that were dug decades ago.",
        "The wells are shallow, and in dry summers their level falls quickly.",
        "Repairs are paid for by the town council, which has little money of its own.",
        "What the survey found",
        "The survey visited forty towns in the spring and again in the autumn.",
        "In half of them the water was safe to drink without boiling it.",
        "In a quarter the pumps had broken down at least once during the year.",
        "People in the remaining towns carried water from a neighbouring village.",
        "What can be done",
        "A new pump costs less than a year of carrying water by truck.",
        "The council could share one engineer with the towns around it.",
        "Training two people in each town to repair the pumps would help most.",
        "The report ends with a list of the towns and the state of their wells.",
    ],
    "fa": [
        "آب آشامیدنی در شهرهای کوچک",
        "بیشتر شهرهای کوچک آب خود را از چاه‌هایی می‌گیرند که دهه‌ها پیش کنده شده‌اند.",
        "این چاه‌ها کم‌عمق هستند و در تابستان‌های خشک آب آنها به سرعت پایین می‌رود.",
        "هزینه تعمیر را شورای شهر می‌پردازد که بودجه چندانی ندارد.",
        "یافته‌های بررسی",
        "گروه بررسی در بهار و دوباره در پاییز به چهل شهر سر زد.",
        "در نیمی از آنها آب بدون جوشاندن قابل نوشیدن بود.",
        "در یک چهارم آنها پمپ‌ها دست کم یک بار در سال خراب شده بودند.",
        "مردم شهرهای دیگر آب را از روستای همسایه می‌آوردند.",
        "چه می‌توان کرد",
        "یک پمپ نو از هزینه یک سال آبرسانی با کامیون ارزان‌تر است.",
        "شورا می‌تواند یک مهندس را با شهرهای اطراف به اشتراک بگذارد.",
        "آموزش دو نفر در هر شهر برای تعمیر پمپ‌ها بیشترین کمک را می‌کند.",
        "گزارش با فهرستی از شهرها و وضع چاه‌هایشان به پایان می‌رسد.",
    ],
}


def documents(tico19_documents):
    """(name, language, units) for each TICO-19 document in both languages, and our own."""
    found = []
    for number, units in enumerate(tico19_documents.values()):
        for side, language in ((0, "fa"), (1, "en")):
            texts = [_unbyte(unit[side]) for unit in units]
            found.append((f"tico19-{number}-{language}", language, texts))
    found += [(f"own-{language}", language, units) for language, units in OWN.items()]
    return found


def _unbyte(text: str) -> str:
    """TICO-19 writes some English units as a Python bytes literal (``b'…'``)."""
    return text[2:-1] if text.startswith(("b'", 'b"')) else text


def layout_cases(tico19_documents, seed):
    for name, language, units in documents(tico19_documents):
        rng = random.Random(f"{name}/{seed}")
        title = title_of(units)
        body_units = units[1:] if title == " ".join(TITLE_END.sub("", units[0]).split()) else units
        paragraphs = paragraphs_of(body_units, rng)
        notes = [u for u in _notes(language) if u]
        lines = sum(len(p.split()) for p in paragraphs) // 10 + len(paragraphs)
        style = Style.draw(rng, lines)
        yield name, style, make_layout(title, paragraphs, notes, language, rng, style)


def _notes(language: str) -> list[str]:
    """Footnote texts: our own sentences, each with final punctuation."""
    if language == "fa":
        base = ["گزارش وزارت بهداشت، {}.", "نگاه کنید به بخش {} همین گزارش.", "آمار رسمی سال {}."]
        digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
        return [base[n % 3].format(str(1390 + n).translate(digits)) for n in range(200)]
    base = [
        "Ministry of Health report, {}.",
        "See part {} of this report.",
        "Official figures for {}.",
    ]
    return [base[n % 3].format(2000 + n) for n in range(200)]


@pytest.mark.parametrize("seed", SEEDS)
def test_layouts_come_back_whole(tico19_documents, seed):
    """The text as pdftotext writes it (a form feed ends each page, or two blank lines)."""
    failures = []
    for name, style, layout in layout_cases(tico19_documents, seed):
        problem = _check(clean(layout.text), layout)
        if problem:
            failures.append(f"{name} {style}: {problem}")
    assert not failures, f"{len(failures)} layouts:\n" + "\n".join(failures[:5])


@pytest.mark.parametrize("seed", SEEDS)
def test_layouts_read_from_files_come_back_whole(tico19_documents, seed, tmp_path):
    """The same through the text reader, which keeps each form feed as a page break: every
    layout, a section-title header on pages without page numbers included."""
    failures = []
    for name, style, layout in layout_cases(tico19_documents, seed):
        path = tmp_path / f"{name}.txt"
        path.write_text(layout.text, encoding="utf-8")
        problem = _check(clean(read_text(path)), layout)
        if problem:
            failures.append(f"{name} {style}: {problem}")
    assert not failures, f"{len(failures)} layouts:\n" + "\n".join(failures[:5])


def _check(document, layout) -> str | None:
    paragraphs = list(document.paragraphs)
    if not paragraphs or paragraphs[0].kind is not Kind.TITLE or paragraphs[0].text != layout.title:
        return f"title {paragraphs[0].kind}: {paragraphs[0].text[:60]!r}"
    body = paragraphs[1:]
    if layout.author is not None:
        if body[0].text != layout.author:
            return f"author {body[0].text[:60]!r}"
        body = body[1:]
    texts = [block.text for block in body]
    if texts != layout.paragraphs:
        for index, (got, want) in enumerate(zip(texts, layout.paragraphs, strict=False)):
            if got != want:
                return f"paragraph {index}:\n  got  {got[:300]!r}\n  want {want[:300]!r}"
        return f"{len(texts)} paragraphs for {len(layout.paragraphs)}"
    notes = [note.text for note in document.footnotes]
    if notes != layout.footnotes:
        return f"footnotes {notes[:3]} for {layout.footnotes[:3]}"
    offset = len(paragraphs) - len(body)
    linked = [(int(note[2:]) - 1, index - offset) for index, block in enumerate(paragraphs)
              for note in block.notes]  # fmt: skip
    if sorted(linked) != list(enumerate(layout.note_paragraphs)):
        return f"links {sorted(linked)[:5]} for {list(enumerate(layout.note_paragraphs))[:5]}"
    if document.warnings:
        return f"warnings {document.warnings[:3]}"
    return _leaks(body, layout)


def _leaks(body, layout) -> str | None:
    """No header, page number or note text in a body segment (a header or note that the
    document's own text happens to contain is not a leak)."""
    srx = default_srx()
    source = " ".join(layout.paragraphs)
    for block in body:
        for segment in srx.segment(block.text, "fa" if _persian(block.text) else "en"):
            for furniture in (layout.header, *layout.footnotes):
                if furniture in segment and furniture not in source:
                    return f"{furniture!r} leaked into {segment[:80]!r}"
            if segment.strip("0123456789۰۱۲۳۴۵۶۷۸۹ ") == "":
                return f"page number {segment!r} in the body"
    return None


def _persian(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def test_the_styles_cover_every_form(tico19_documents):
    """The seeds draw every marker form, page-number place and page break."""
    styles = [style for seed in SEEDS for _, style, _ in layout_cases(tico19_documents, seed)]
    assert {s.marker for s in styles} == {"caret", "bracket", "superscript", "glued"}
    assert {s.page_number for s in styles} == {"bottom", "top", "header", "none"}
    assert {s.form_feed for s in styles} == {True, False}
    assert {s.section_header for s in styles} == {True, False}
    assert {s.layout for s in styles} == {True, False}
    assert {(s.layout, s.gaps) for s in styles} == {
        (True, True),
        (True, False),
        (False, True),
        (False, False),
    }
    assert {s.notes_in_one_block for s in styles} == {True, False}
    assert {s.restart_notes for s in styles} == {True, False}
