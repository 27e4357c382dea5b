"""Word .docx, Markdown and HTML read into the same Document as plain text, fixes included.

Fixtures in tests/data/documents (see its README for how each was made): a .docx written by
LibreOffice from a hand-written Flat ODT, a Markdown file and the HTML pandoc makes of it, and
real sentence pairs of TICO-19. The other DOCX files are written here with python-docx, with
real footnote parts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from corpus.document import Block, Document, Kind
from corpus.errors import CorpusError
from corpus.gold import read_gold
from corpus.pipeline import load_document, segment_document
from corpus.readers import FORMATS, SUFFIXES, format_of, read_source
from tm.evaluate import score
from tm.pairs import align_documents

DOCUMENTS = Path(__file__).parents[1] / "data" / "documents"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
ZWNJ = "\u200c"
STYLE_OF_KIND = {
    Kind.TITLE: "Title",
    Kind.AUTHOR: "Author",
    Kind.HEADING: "Heading 1",
    Kind.LIST_ITEM: "List Bullet",
    Kind.BODY: None,
}


# --- writing real .docx files with python-docx (footnotes as a real footnotes part) ---


def write_docx(path: Path, paragraphs, notes: dict[str, str] | None = None, extra=None) -> Path:
    """Write *paragraphs* — (style name or None, text, keys of the notes referenced at its
    end) — with *notes* (key → text) as real Word footnotes; *extra(document)* may add more.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    styles = {style.name for style in document.styles}
    if "Author" not in styles:
        document.styles.add_style("Author", WD_STYLE_TYPE.PARAGRAPH)
    numbers: dict[str, int] = {}
    for style, text, keys in paragraphs:
        paragraph = document.add_paragraph(text, style=style)
        for key in keys:
            numbers.setdefault(key, len(numbers) + 1)
            reference = etree.SubElement(paragraph.add_run()._r, W + "footnoteReference")
            reference.set(W + "id", str(numbers[key]))
    if extra:
        extra(document)
    if numbers:
        _add_footnotes(document, {numbers[k]: (notes or {})[k] for k in numbers})
    document.save(str(path))
    return path


def _add_footnotes(document, texts: dict[int, str]) -> None:
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    root = etree.Element(W + "footnotes", nsmap={"w": W_NS})
    for number, kind, mark in (
        (-1, "separator", "separator"),
        (0, "continuationSeparator", "continuationSeparator"),
    ):
        note = etree.SubElement(root, W + "footnote", {W + "type": kind, W + "id": str(number)})
        etree.SubElement(etree.SubElement(etree.SubElement(note, W + "p"), W + "r"), W + mark)
    for number, text in texts.items():
        note = etree.SubElement(root, W + "footnote", {W + "id": str(number)})
        paragraph = etree.SubElement(note, W + "p")
        etree.SubElement(
            etree.SubElement(paragraph, W + "pPr"), W + "pStyle", {W + "val": "FootnoteText"}
        )
        etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "footnoteRef")
        run_text = etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "t")
        run_text.text = " " + text  # Word writes a space after the note's number
        run_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(
        PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, document.part.package
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def document_to_docx(document: Document, path: Path) -> Path:
    """A cleaned Document as Word writes it: a styled paragraph a block, real footnotes."""
    notes = {block.id: block.text for block in document.footnotes}
    paragraphs = [(STYLE_OF_KIND[b.kind], b.text, b.notes) for b in document.paragraphs]
    return write_docx(path, paragraphs, notes)


def shape(document: Document) -> list[tuple]:
    return [(b.id, b.kind, b.line, b.notes, b.text) for b in document.blocks]


# --- DOCX ---


def test_libreoffice_docx_kinds_texts_and_footnotes():
    """A .docx from a real word processor: Title, Heading 1/2, a Persian-named heading style,
    numbered and bulleted lists, a table, and real footnotes referenced from two paragraphs."""
    source = read_source(DOCUMENTS / "persian-notes.docx")
    assert (source.format, source.unit, source.extent) == ("docx", "paragraph", 15)
    assert shape(source.document) == [
        ("p1", Kind.TITLE, 1, (), "سیاست\u200cهای نفتی در دریای خزر"),
        ("p2", Kind.HEADING, 2, (), "مقدمه"),
        (
            "p3",
            Kind.BODY,
            3,
            ("fn1",),
            "در سال ۱۳۷۶ بیش از ۲۰ شرکت بین\u200cالمللی در این منطقه فعالیت می\u200cکردند. سهم روسیه از این قراردادها کمتر از انتظار بود.",
        ),
        # paragraph 4 is empty: no block, but it is counted
        ("p4", Kind.HEADING, 5, (), "خط لوله\u200cهای صادراتی"),
        ("p5", Kind.LIST_ITEM, 6, (), "خط لوله\u200cی باکو – نووروسیسک"),
        ("p6", Kind.LIST_ITEM, 7, (), "خط لوله\u200cی باکو – سوپسا"),
        (
            "p7",
            Kind.HEADING,
            8,
            (),
            "دیدگاه\u200cهای همسایگان",
        ),  # style «سرفصل فرعی», outline level 3
        ("p8", Kind.LIST_ITEM, 9, (), "ایران"),
        ("p9", Kind.LIST_ITEM, 10, (), "ترکمنستان"),
        ("p10", Kind.BODY, 11, (), "کشور"),  # the table, row by row
        ("p11", Kind.BODY, 12, (), "ذخایر (میلیارد بشکه)"),
        ("p12", Kind.BODY, 13, (), "قزاقستان"),
        ("p13", Kind.BODY, 14, (), "۳۰"),
        (
            "p14",
            Kind.BODY,
            15,
            ("fn2", "fn3"),
            "این کشورها خواهان تقسیم دریا به بخش\u200cهای ملی\u200cاند. ایران با این دیدگاه مخالف است.",
        ),
        ("fn1", Kind.FOOTNOTE, 3, (), "گزارش سالانهٔ وزارت نفت، ۱۳۷۷."),
        ("fn2", Kind.FOOTNOTE, 15, (), "نزاویسیمایا گازتا، ۱۲ مهٔ ۱۹۹۸."),
        ("fn3", Kind.FOOTNOTE, 15, (), "نک. بیانیهٔ وزارت امور خارجه."),
    ]
    assert source.document.warnings == ()
    # the text is already right: normalization changes nothing, every ZWNJ stays
    loaded = load_document(DOCUMENTS / "persian-notes.docx", "fa-IR")
    assert [b.text for b in loaded.blocks] == [b.text for b in source.document.blocks]
    assert sum(b.text.count(ZWNJ) for b in loaded.blocks) == 9


def _styled_document(document) -> None:
    """Styles as users make them: a custom style based on Heading 2, a localized heading
    name with an outline level, and paragraphs with direct outline level and numbering."""
    from docx.enum.style import WD_STYLE_TYPE

    custom = document.styles.add_style("سرفصل بخش", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    localized = document.styles.add_style("Überschrift 1", WD_STYLE_TYPE.PARAGRAPH)
    etree.SubElement(localized.element.get_or_add_pPr(), W + "outlineLvl", {W + "val": "0"})


def _ppr(paragraph, tag: str, **values: str):
    element = etree.SubElement(paragraph._p.get_or_add_pPr(), W + tag)
    for name, value in values.items():
        etree.SubElement(element, W + name, {W + "val": value})
    return element


def test_docx_styles_decide_kinds_and_paragraph_numbers_are_stable(tmp_path):
    def build(document):
        _styled_document(document)
        document.add_paragraph("گزارش سالانه\u200cی شرکت ملی نفت", style="Title")
        document.add_paragraph("احمد رضایی", style="Author")
        document.add_paragraph("بخش ۱: تولید", style="Heading 1")
        first = document.add_paragraph("تولید نفت خام در سال ۱۴۰۱ به ۳٫۲ میلیون بشکه در روز رسید.")
        first.add_run()._r.append(etree.Element(W + "footnoteReference", {W + "id": "1"}))
        document.add_paragraph("صادرات گاز", style="سرفصل بخش")
        document.add_paragraph("چشم\u200cانداز", style="Überschrift 1")
        outline = document.add_paragraph("جمع\u200cبندی")
        etree.SubElement(outline._p.get_or_add_pPr(), W + "outlineLvl", {W + "val": "2"})
        document.add_paragraph("")  # empty: counted, no block
        document.add_paragraph("پالایشگاه\u200cها", style="List Bullet")
        document.add_paragraph("خط لوله\u200cها", style="List Number")
        numbered = document.add_paragraph("پایانه\u200cها")
        _ppr(numbered, "numPr", ilvl="0", numId="3")
        document.add_paragraph("مخازن", style="List Paragraph")
        not_numbered = document.add_paragraph("ادامه\u200cی فهرست", style="List Number")
        _ppr(not_numbered, "numPr", ilvl="0", numId="0")  # numbering removed: body
        table = document.add_table(rows=2, cols=2)
        for cell, text in zip(table._cells, ("استان", "تولید", "خوزستان", "۷۰٪"), strict=True):
            cell.text = text
        last = document.add_paragraph("میدان\u200cهای مشترک سهم بزرگی دارند.")
        for number in ("2", "3"):
            last.add_run()._r.append(etree.Element(W + "footnoteReference", {W + "id": number}))
        _add_footnotes(document, {1: "آمار رسمی، ۱۴۰۲.", 2: "همان.", 3: "برآورد کارشناسان."})

    path = write_docx(tmp_path / "styles.docx", [], extra=build)
    source = read_source(path)
    assert source.extent == 18
    assert shape(source.document) == [
        ("p1", Kind.TITLE, 1, (), "گزارش سالانه\u200cی شرکت ملی نفت"),
        ("p2", Kind.AUTHOR, 2, (), "احمد رضایی"),
        ("p3", Kind.HEADING, 3, (), "بخش ۱: تولید"),
        ("p4", Kind.BODY, 4, ("fn1",), "تولید نفت خام در سال ۱۴۰۱ به ۳٫۲ میلیون بشکه در روز رسید."),
        ("p5", Kind.HEADING, 5, (), "صادرات گاز"),
        ("p6", Kind.HEADING, 6, (), "چشم\u200cانداز"),
        ("p7", Kind.HEADING, 7, (), "جمع\u200cبندی"),
        ("p8", Kind.LIST_ITEM, 9, (), "پالایشگاه\u200cها"),
        ("p9", Kind.LIST_ITEM, 10, (), "خط لوله\u200cها"),
        ("p10", Kind.LIST_ITEM, 11, (), "پایانه\u200cها"),
        ("p11", Kind.LIST_ITEM, 12, (), "مخازن"),
        ("p12", Kind.BODY, 13, (), "ادامه\u200cی فهرست"),
        ("p13", Kind.BODY, 14, (), "استان"),
        ("p14", Kind.BODY, 15, (), "تولید"),
        ("p15", Kind.BODY, 16, (), "خوزستان"),
        ("p16", Kind.BODY, 17, (), "۷۰٪"),
        ("p17", Kind.BODY, 18, ("fn2", "fn3"), "میدان\u200cهای مشترک سهم بزرگی دارند."),
        ("fn1", Kind.FOOTNOTE, 4, (), "آمار رسمی، ۱۴۰۲."),
        ("fn2", Kind.FOOTNOTE, 18, (), "همان."),
        ("fn3", Kind.FOOTNOTE, 18, (), "برآورد کارشناسان."),
    ]


RUNS = f"""<w:p xmlns:w="{W_NS}">
  <w:r><w:t xml:space="preserve">سیاست\u200cهای</w:t><w:tab/><w:t>نفتی</w:t><w:br/><w:t>در</w:t></w:r>
  <w:r><w:t xml:space="preserve"> قف</w:t><w:softHyphen/><w:t>قاز\u00ad </w:t></w:r>
  <w:r><w:t>خط</w:t><w:noBreakHyphen/><w:t>لوله </w:t></w:r>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r>
  <w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>
  <w:r><w:fldChar w:fldCharType="separate"/></w:r>
  <w:r><w:t>۱۲</w:t></w:r>
  <w:r><w:fldChar w:fldCharType="end"/></w:r>
  <w:r><w:rPr><w:vanish/></w:rPr><w:t>پنهان</w:t></w:r>
  <w:del w:id="1" w:author="x"><w:r><w:delText>حذف</w:delText></w:r></w:del>
  <w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> افزوده</w:t></w:r></w:ins>
  <w:hyperlink r:id="rId99" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t xml:space="preserve"> پیوند</w:t></w:r></w:hyperlink>
  <w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> پیدا</w:t></w:r>
</w:p>"""

BROKEN_FIELD = f"""<w:p xmlns:w="{W_NS}">
  <w:r><w:t xml:space="preserve">پیش از فیلد </w:t></w:r>
  <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>
</w:p>"""

TEXT_BOX = f"""<w:p xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <w:r><w:t>متن اصلی</w:t></w:r>
  <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>
    <w:p><w:r><w:t>متن جعبه</w:t></w:r></w:p>
  </w:txbxContent></w:drawing></mc:Choice></mc:AlternateContent></w:r>
</w:p>"""


def test_docx_opening_with_a_top_level_heading_takes_it_as_its_title(tmp_path):
    import docx

    def kinds(*paragraphs):
        document = docx.Document()
        for text, style in paragraphs:
            document.add_paragraph(text, style=style)
        path = tmp_path / "doc.docx"
        document.save(str(path))
        return [b.kind for b in load_document(path, "fa").paragraphs]

    body = ("متن گزارش.", None)
    assert kinds(("گزارش سالانه", "Heading 1"), body) == [Kind.TITLE, Kind.BODY]
    assert kinds(("بخش دوم", "Heading 2"), body) == [Kind.HEADING, Kind.BODY]
    assert kinds(body, ("گزارش سالانه", "Heading 1")) == [Kind.BODY, Kind.HEADING]
    titled = kinds(("گزارش", "Heading 1"), ("عنوان", "Title"), body)
    assert titled == [Kind.HEADING, Kind.TITLE, Kind.BODY]


def test_docx_run_text_is_what_word_shows(tmp_path):
    def build(document):
        body = document.element.body
        for xml in (RUNS, BROKEN_FIELD, TEXT_BOX):
            body.insert(len(body) - 1, etree.fromstring(xml))

    source = read_source(write_docx(tmp_path / "runs.docx", [], extra=build))
    assert [b.text for b in source.document.blocks] == [
        # tab and break → space; soft hyphens gone; no-break hyphen → "-"; field result, not
        # its code; hidden and deleted text not shown; inserted and linked text shown
        "سیاست\u200cهای نفتی در قفقاز خط-لوله ۱۲ افزوده پیوند پیدا",
        "پیش از فیلد",
        "متن اصلی",  # a field left open in its instructions hides nothing after its paragraph
    ]
    assert source.document.warnings == (
        "paragraph 3: a text box or shape holds text that is not read",
    )


def test_docx_warnings_name_the_paragraph(tmp_path):
    def build(document):
        document.add_paragraph("عنوان", style="Title")
        paragraph = document.add_paragraph("متحдан روسیه در منطقه.")  # Cyrillic inside a word
        paragraph.add_run()._r.append(etree.Element(W + "footnoteReference", {W + "id": "7"}))

    document = load_document(write_docx(tmp_path / "warn.docx", [], extra=build), "fa")
    assert document.paragraphs[1].text == "متح روسیه در منطقه."  # removed, and reported
    assert document.paragraphs[1].notes == ()
    assert [w.split(":")[0] for w in document.warnings] == ["paragraph 2", "paragraph 2"]
    assert "footnote reference w:id=7 has no footnote" in document.warnings[0]


# --- fixes on structured documents ---

HEADER = "wrong\tright\treason\tline\n"


def _fixes(tmp_path, rows: str) -> Path:
    path = tmp_path / "fa.fixes.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _ocr_docx(tmp_path) -> Path:
    paragraphs = [
        ("Title", "سیاست\u200cهای نفتی روییه", ()),
        (None, "", ()),
        (None, "روییه تظر دارد که خط لوله از خاک روییه بگذرد.", ("a",)),
        (None, "حفظ اتحصار انتقال نفت.", ()),
    ]
    return write_docx(tmp_path / "ocr.docx", paragraphs, {"a": "نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷"})


def test_fixes_apply_to_docx_paragraphs_by_number_or_anywhere(tmp_path):
    fixes = _fixes(
        tmp_path,
        "روییه\tروسیه\tOCR: س read as ی\t1\n"  # the title, paragraph 1
        "روییه تظر\tروسیه نظر\tOCR\t3\n"  # paragraph 3 (paragraph 2 is empty)
        "خاک روییه\tخاک روسیه\tOCR\t3\n"
        "اتحصار\tانحصار\tOCR\t\n"  # no line: anywhere, still exactly once
        "آوریل ۱۹۹۷\tآوریل ۱۹۹۷.\tthe footnote has its reference's number\t3\n",
    )
    document = load_document(_ocr_docx(tmp_path), "fa-IR", fixes)
    assert [b.text for b in document.blocks] == [
        "سیاست\u200cهای نفتی روسیه",
        "روسیه نظر دارد که خط لوله از خاک روسیه بگذرد.",
        "حفظ انحصار انتقال نفت.",
        "نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.",
    ]
    assert [b.line for b in document.blocks] == [1, 3, 4, 3]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            "تظر\tنظر\tOCR\t4\n",
            "fa.fixes.tsv:2: fix 'تظر' does not match in paragraph 4 (update or remove the fix)",
            id="stale",
        ),
        pytest.param(
            "تظر\tنظر\tOCR\t2\n",
            "fa.fixes.tsv:2: fix 'تظر' does not match in paragraph 2 (update or remove the fix)",
            id="empty-paragraph",
        ),
        pytest.param(
            "اتحصار\tانحصار\tOCR\t4\nروییه\tروسیه\tOCR\n",
            "fa.fixes.tsv:3: fix 'روییه' matches 3 times in the document (give the paragraph, or more context)",
            id="ambiguous",
        ),
        pytest.param(
            "تظر\tنظر\tOCR\t9\n",
            "fa.fixes.tsv:2: paragraph 9 is past the end of the document (4 paragraphs)",
            id="past-the-end",
        ),
        pytest.param(
            "روییه تظر\tروسیه نظر\tOCR\t3\nتظر دارد\tنظر دارد\tOCR\t3\n",
            "fa.fixes.tsv:3: fix 'تظر دارد' overlaps fix 'روییه تظر' (line 2)",
            id="overlap",
        ),
    ],
)
def test_docx_fix_that_does_not_apply_exactly_once_names_its_row(tmp_path, rows, message):
    fixes = _fixes(tmp_path, rows)
    with pytest.raises(CorpusError) as error:
        load_document(_ocr_docx(tmp_path), "fa-IR", fixes)
    assert str(error.value) == f"{fixes}".removesuffix("fa.fixes.tsv") + message


def test_fixes_apply_to_markdown_by_source_line(tmp_path):
    path = tmp_path / "ocr.md"
    path.write_text("# روییه\n\nمتن اول\nروییه تظر دارد.\n\n- روییه\n", encoding="utf-8")
    fixes = _fixes(tmp_path, "تظر\tنظر\tOCR\t3\nروییه\tروسیه\tOCR\t6\n")
    document = load_document(path, "fa", fixes)  # line 3: the paragraph that starts there
    assert [b.text for b in document.blocks] == ["روییه", "متن اول روییه نظر دارد.", "روسیه"]
    with pytest.raises(CorpusError, match=r"fix 'تظر' does not match in line 4 "):
        load_document(path, "fa", _fixes(tmp_path, "تظر\tنظر\tOCR\t4\n"))


# --- Markdown and HTML ---

MARKDOWN_BLOCKS = [
    ("p1", Kind.TITLE, 6, (), "سیاست\u200cهای نفتی در دریای خزر"),
    (
        "p2",
        Kind.BODY,
        8,
        ("fn1",),
        "در سال ۱۳۷۶ بیش از ۲۰ شرکت بین\u200cالمللی در این منطقه فعالیت می\u200cکردند. سهم روسیه از این قراردادها کمتر از انتظار بود.",
    ),
    ("p3", Kind.HEADING, 11, (), "خط لوله\u200cهای صادراتی"),
    ("p4", Kind.LIST_ITEM, 13, (), "خط لوله\u200cی باکو – نووروسیسک"),
    ("p5", Kind.LIST_ITEM, 14, (), "خط لوله\u200cی باکو – سوپسا"),
    ("p6", Kind.HEADING, 16, (), "دیدگاه\u200cهای همسایگان"),
    ("p7", Kind.LIST_ITEM, 19, (), "ایران"),
    ("p8", Kind.LIST_ITEM, 20, (), "ترکمنستان، به نقل از وزارت امور خارجه"),
    ("p9", Kind.BODY, 22, ("fn2",), "به گفته\u200cی یک کارشناس، «نفت مسئله\u200cی اصلی است»."),
    (
        "p10",
        Kind.BODY,
        24,
        ("fn2",),
        "این کشورها خواهان تقسیم دریا به بخش\u200cهای ملی\u200cاند. ایران با این دیدگاه مخالف است.",
    ),
    ("fn1", Kind.FOOTNOTE, 32, (), "گزارش سالانهٔ وزارت نفت، ۱۳۷۷."),
    ("fn2", Kind.FOOTNOTE, 34, (), "نزاویسیمایا گازتا، ۱۲ مهٔ ۱۹۹۸."),
]


def test_markdown_blocks_and_footnotes():
    """Front matter, a code block and an HTML block are skipped; markup is reduced to its
    text; a footnote referenced from two paragraphs is one note linked from both."""
    source = read_source(DOCUMENTS / "persian-notes.md")
    assert (source.format, source.unit) == ("markdown", "line")
    assert shape(source.document) == MARKDOWN_BLOCKS
    assert source.document.warnings == ()


def test_form_feed_in_markdown_is_white_space_not_a_line_end(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(
        "# Title\n\nOne paragraph.\n\f\nAnother\fparagraph.\n\f## Heading\n", encoding="utf-8"
    )
    document = read_source(path).document
    assert [(b.kind, b.text, b.line) for b in document.paragraphs] == [
        (Kind.TITLE, "Title", 1),
        (Kind.BODY, "One paragraph.", 3),
        (Kind.BODY, "Another paragraph.", 5),
        (Kind.HEADING, "Heading", 6),
    ]


def test_form_feed_in_html_is_white_space_not_a_line_end(tmp_path):
    path = tmp_path / "en.html"
    path.write_text("<h1>Title</h1>\n\f<p>One\fparagraph.</p>\n<p>Two.</p>\n", encoding="utf-8")
    document = read_source(path).document
    assert [(b.text, b.line) for b in document.paragraphs] == [
        ("Title", 1), ("One paragraph.", 2), ("Two.", 3)
    ]  # fmt: skip


def test_markdown_nesting_and_unreferenced_notes(tmp_path):
    path = tmp_path / "nested.md"
    path.write_text(
        "Intro with a [^missing] reference, and one[^n] twice[^n].\n\n"
        "- first item\n"
        "  - nested *item*[^n]\n"
        "  \n"
        "  first item, second paragraph\n"
        "- second item<br>broken\n\n"
        "| a | b |\n|---|---|\n| c | `d` |\n\n"
        "![alt text is not read](x.png)\n\n"
        "[^n]: The note.\n\n[^unused]: Never referenced.\n",
        encoding="utf-8",
    )
    document = read_source(path).document
    assert [(b.kind, b.line, b.text, b.notes) for b in document.blocks] == [
        (Kind.BODY, 1, "Intro with a [^missing] reference, and one twice.", ("fn1",)),
        (Kind.LIST_ITEM, 3, "first item", ()),
        (Kind.LIST_ITEM, 4, "nested item", ("fn1",)),
        (Kind.LIST_ITEM, 6, "first item, second paragraph", ()),
        (Kind.LIST_ITEM, 7, "second item broken", ()),
        (Kind.BODY, 9, "a", ()),
        (Kind.BODY, 9, "b", ()),
        (Kind.BODY, 11, "c", ()),
        (Kind.BODY, 11, "d", ()),
        (Kind.FOOTNOTE, 15, "The note.", ()),
    ]
    assert document.warnings == (
        "line 1: footnote reference [^missing] has no footnote",
        "line 17: footnote [^unused] is never referenced (not read)",
    )


def test_pandoc_html_with_endnotes():
    """pandoc's HTML of the same Markdown: the same blocks (pandoc repeats a note referenced
    twice, and passes the Markdown's HTML block through), note numbers out of the text."""
    source = read_source(DOCUMENTS / "persian-notes.html")
    assert (source.format, source.unit) == ("html", "line")
    blocks = [(b.id, b.kind, b.notes, b.text) for b in source.document.blocks]
    expected = [(i, k, n, t) for i, k, _, n, t in MARKDOWN_BLOCKS[:9]]
    assert blocks[:9] == expected
    assert blocks[9:] == [
        ("p10", Kind.BODY, ("fn3",), MARKDOWN_BLOCKS[9][4]),
        ("p11", Kind.BODY, (), "An HTML block is not read either."),
        ("fn1", Kind.FOOTNOTE, (), MARKDOWN_BLOCKS[10][4]),
        ("fn2", Kind.FOOTNOTE, (), MARKDOWN_BLOCKS[11][4]),
        ("fn3", Kind.FOOTNOTE, (), MARKDOWN_BLOCKS[11][4]),
    ]
    assert [b.line for b in source.document.blocks][:3] == [159, 160, 164]
    assert not any(
        "↩" in b.text or b.text.endswith(("1", "2", "3")) for b in source.document.blocks
    )


EPUB = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>فصل یک</title><style>p { color: red }</style><script>var x = "not text";</script></head>
<body>
<nav><ol><li>فهرست</li></ol></nav>
<header><p>سربرگ سایت</p></header>
<section>
<div>متن مستقیم در div
<p>بند اول<sup><a epub:type="noteref" href="#n1" id="r1">۱</a></sup> ادامه&zwnj;ی بند.</p>
 و متن پس از بند</div>
<blockquote>نقل قول</blockquote>
<ul><li>مورد یک<ul><li>مورد تو در تو</li></ul></li></ul>
<h2>بخش&nbsp;دوم</h2>
<pre>code is not read</pre>
<p hidden="">hidden</p>
<noscript>no script</noscript>
</section>
<footer><aside epub:type="footnote" id="n1"><p><a href="#r1">۱</a> یادداشت پایانی.</p></aside></footer>
</body>
</html>
"""


def test_epub_xhtml_chrome_skipped_and_asides_are_notes(tmp_path):
    path = tmp_path / "chapter.xhtml"
    path.write_text(EPUB, encoding="utf-8")
    document = read_source(path).document
    assert [(b.kind, b.line, b.text, b.notes) for b in document.blocks] == [
        (Kind.TITLE, 4, "فصل یک", ()),
        (Kind.BODY, 9, "متن مستقیم در div", ()),
        (Kind.BODY, 10, "بند اول ادامه\u200cی بند.", ("fn1",)),
        (Kind.BODY, 11, "و متن پس از بند", ()),
        (Kind.BODY, 12, "نقل قول", ()),
        (Kind.LIST_ITEM, 13, "مورد یک", ()),
        (Kind.LIST_ITEM, 13, "مورد تو در تو", ()),
        (Kind.HEADING, 14, "بخش\u00a0دوم", ()),
        (Kind.FOOTNOTE, 19, "یادداشت پایانی.", ()),
    ]
    assert load_document(path, "fa").paragraphs[-1].text == "بخش دوم"


def test_pandoc_title_block_gives_title_and_author(tmp_path):
    path = tmp_path / "standalone.html"
    path.write_text(
        "<!DOCTYPE html>\n<html><head><title>عنوان برگه</title></head><body>\n"
        '<header id="title-block-header">\n<h1 class="title">سیاست\u200cهای نفتی</h1>\n'
        '<p class="author">قاسم ملکی</p>\n<p class="date">۱۳۷۷</p>\n</header>\n'
        "<h1>مقدمه</h1>\n<p>متن.</p>\n<footer><p>پانویس سایت</p></footer>\n</body></html>\n",
        encoding="utf-8",
    )
    assert [(b.kind, b.line, b.text) for b in read_source(path).document.blocks] == [
        (Kind.TITLE, 4, "سیاست\u200cهای نفتی"),
        (Kind.AUTHOR, 5, "قاسم ملکی"),
        (Kind.BODY, 6, "۱۳۷۷"),
        (Kind.HEADING, 8, "مقدمه"),
        (Kind.BODY, 9, "متن."),
    ]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        pytest.param(
            '<html><head><meta charset="windows-1256"></head><body><p>نفت\u200cها</p></body></html>'.encode(
                "cp1256"
            ),
            "a.html",
            id="meta-charset",
        ),
        pytest.param(
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><p>نفت\u200cها</p></html>'.encode(
                "cp1256"
            ),
            "a.htm",
            id="http-equiv",
        ),
        pytest.param("<p>نفت\u200cها</p>".encode("utf-16"), "a.html", id="utf-16-bom"),
        pytest.param("\ufeff<p>نفت\u200cها</p>".encode(), "a.html", id="utf-8-bom"),
        pytest.param("<p>نفت\u200cها</p>".encode(), "a.html", id="undeclared-utf-8"),
    ],
)
def test_html_encoding_from_bom_or_meta(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    assert [b.text for b in read_source(path).document.blocks] == ["نفت\u200cها"]


def test_html_in_the_wrong_encoding_is_one_line_error(tmp_path):
    path = tmp_path / "a.html"
    path.write_bytes("<html>\n<p>نفت</p>".encode("cp1256"))  # no declaration: UTF-8 expected
    with pytest.raises(CorpusError) as error:
        read_source(path)
    assert str(error.value).startswith(f"{path}:2:4: not UTF-8 (byte 0x")


def test_html_entities_stay_html_entities(tmp_path):
    path = tmp_path / "a.xhtml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY big "xxxxxxxxxx"> <!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'
        "<html><body><p>&big;&ext; &amp; &zwnj;</p></body></html>\n",
        encoding="utf-8",
    )
    [block] = read_source(path).document.blocks  # the DOCTYPE's internal subset is not text
    assert block.text == "&big;&ext; & \u200c"  # not expanded, not loaded, shown as written
    assert block.line == 3


# --- bad input: one line, never a traceback ---


def _zip(entries: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _template() -> bytes:
    """A Word template (.dotx) saved under a .docx name: a package, but not a document."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    entries = {}
    with zipfile.ZipFile(buffer) as archive:
        for name in archive.namelist():
            entries[name] = archive.read(name)
    types = entries["[Content_Types].xml"]
    entries["[Content_Types].xml"] = types.replace(b"document.main+xml", b"template.main+xml")
    return _zip(entries)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"PK\x03\x04 truncated", "not a .docx: not a ZIP package", id="truncated"),
        pytest.param(b"", "not a .docx: not a ZIP package", id="empty"),
        pytest.param("نفت".encode(), "not a .docx: not a ZIP package", id="text"),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "not a .docx: an encrypted Word document or a legacy .doc",
            id="encrypted-or-doc",
        ),
        pytest.param(_zip({"hello.txt": "hi"}), "not a readable .docx: ", id="zip-not-docx"),
        pytest.param(
            _zip({"[Content_Types].xml": "<Types", "_rels/.rels": "x"}),
            "not a readable .docx: ",
            id="malformed-parts",
        ),
        pytest.param(
            _template(),
            "not a Word document: its main part is application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            id="template",
        ),
    ],
)
def test_corrupt_docx_is_one_line_error(tmp_path, capsys, data, message):
    from tm.cli import main

    path = tmp_path / "report.docx"
    path.write_bytes(data)
    with pytest.raises(CorpusError) as error:
        load_document(path, "fa")
    text = str(error.value)
    assert text.startswith(f"{path}: {message}") and "\n" not in text
    assert text.endswith("(save the file as Word .docx)") or "without a password" in text
    assert main(["segment", str(path), "--lang", "fa"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {path}: ") and err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("suffix", "hint"),
    [
        (".pdf", "extract the text first, e.g. pdftotext -layout FILE.pdf FILE.txt"),
        (".odt", "save it as .docx, or convert it: soffice --headless --convert-to docx FILE"),
        (".DOC", "save it as .docx, or convert it: soffice --headless --convert-to docx FILE"),
    ],
)
def test_unsupported_suffix_is_one_line_error(tmp_path, capsys, suffix, hint):
    from tm.cli import main

    path = tmp_path / f"article{suffix}"
    path.write_bytes(b"%PDF-1.4 whatever")
    formats = ".txt, .docx, .md, .markdown, .html, .htm, .xhtml"
    expected = f"{path}: unsupported format {suffix.lower()} (tmkit reads {formats}) ({hint})"
    with pytest.raises(CorpusError) as error:
        load_document(path, "fa")
    assert str(error.value) == expected
    assert main(["segment", str(path), "--lang", "fa"]) == 2
    assert capsys.readouterr().err == f"tmkit: error: {expected}\n"


def test_suffixes_and_plain_text_fallback(tmp_path):
    assert SUFFIXES == (".txt", ".docx", ".md", ".markdown", ".html", ".htm", ".xhtml")
    assert set(FORMATS) == set(SUFFIXES)
    assert [format_of(p) for p in ("-", "fa.raw.txt", "notes", "a.TEXT", "A.DOCX", "b.Md")] == [
        "text", "text", "text", "text", "docx", "markdown",
    ]  # fmt: skip
    path = tmp_path / "notes"  # no suffix: plain text, as always
    path.write_text("Title\n\nA body paragraph that ends here.\n", encoding="utf-8")
    assert read_source(path).text == "Title\n\nA body paragraph that ends here.\n"
    assert [b.kind for b in load_document(path, "en").blocks] == [Kind.TITLE, Kind.BODY]


# --- a DOCX pair aligns as well as its plain-text export ---


def _beads(pair) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [
        (tuple(pair.source[i].text for i in b.source), tuple(pair.target[j].text for j in b.target))
        for b in pair.alignment.beads
    ]


def _docx_pair_matches_text_pair(tmp_path, source: Document, target: Document, gold, tgtlang):
    text_pair = align_documents("text", source, target, srclang="fa-IR", tgtlang=tgtlang)
    fa_docx = load_document(document_to_docx(source, tmp_path / "fa.docx"), "fa-IR")
    en_docx = load_document(document_to_docx(target, tmp_path / "en.docx"), tgtlang)
    docx_pair = align_documents("docx", fa_docx, en_docx, srclang="fa-IR", tgtlang=tgtlang)
    assert segment_document(fa_docx, "fa-IR") == segment_document(source, "fa-IR")
    assert segment_document(en_docx, tgtlang) == segment_document(target, tgtlang)
    assert fa_docx.warnings == en_docx.warnings == ()
    text_score, docx_score = score(_beads(text_pair), gold), score(_beads(docx_pair), gold)
    assert text_score.f1 == docx_score.f1 == 1.0, (text_score, docx_score)
    assert [u.source for u in docx_pair.units] == [u.source for u in text_pair.units]
    assert [u.target for u in docx_pair.units] == [u.target for u in text_pair.units]


def test_article_docx_pair_aligns_as_well_as_its_text(tmp_path, article_folder, article):
    english = load_document(article_folder.english, "en-GB")  # meta.toml: [target] en-GB
    assert len(article.footnotes) == len(english.footnotes) == 9
    gold = [(bead.fa, bead.en) for bead in read_gold(article_folder.gold)]
    _docx_pair_matches_text_pair(tmp_path, article, english, gold, "en-GB")


def _tico_pair(tmp_path) -> tuple[Document, Document, int]:
    """The TICO-19 units as two plain-text documents, as a PDF extraction would give them."""
    rows = (DOCUMENTS / "tico19-hand-washing.tsv").read_text(encoding="utf-8").split("\n")
    units = [row.split("\t") for row in rows[1:] if row]
    documents = []
    for column, language in ((3, "fa-IR"), (4, "en-GB")):
        paragraphs: dict[str, list[str]] = {}
        notes: list[tuple[str, str]] = []
        for unit in units:
            if unit[1] == "footnote":
                notes.append((unit[0], unit[column]))
            else:
                prefix = "- " if unit[1] == "list-item" else ""
                paragraphs.setdefault(unit[0], []).append(prefix + unit[column])
        for number, (paragraph, _) in enumerate(notes, start=1):
            paragraphs[paragraph][-1] += f"^{number}"
        text = "\n\n".join(" ".join(p) for p in paragraphs.values())
        text += "\n\n\n" + "\n\n".join(f"{n}. {note}" for n, (_, note) in enumerate(notes, 1))
        path = tmp_path / f"tico.{language}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        documents.append(load_document(path, language))
    return documents[0], documents[1], len(units)


def test_tico19_docx_pair_aligns_as_well_as_its_text(tmp_path):
    source, target, count = _tico_pair(tmp_path)
    assert [b.kind for b in source.blocks] == [b.kind for b in target.blocks]
    assert {b.kind for b in source.blocks} == {Kind.BODY, Kind.LIST_ITEM, Kind.FOOTNOTE}
    assert [b.notes for b in source.paragraphs] == [b.notes for b in target.paragraphs]
    fa, en = segment_document(source, "fa-IR"), segment_document(target, "en-GB")
    assert len(fa) == len(en) == count  # one sentence a unit: the units are the gold beads
    gold = [((s.text,), (t.text,)) for s, t in zip(fa, en, strict=True)]
    _docx_pair_matches_text_pair(tmp_path, source, target, gold, "en-GB")


def test_block_text_never_holds_a_line_end(tmp_path):
    """Fixes rely on it: one block is one line of the text they are located in."""
    for path in DOCUMENTS.iterdir():
        if path.suffix in FORMATS and path.suffix != ".txt":
            for block in read_source(path).document.blocks:
                assert isinstance(block, Block) and "\n" not in block.text
