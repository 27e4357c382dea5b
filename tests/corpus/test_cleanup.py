"""Cleaning PDF-extracted text: page furniture, footnotes, page-break joins, structure."""

import re

import pytest

from corpus.cleanup import clean
from corpus.document import Kind

TITLE = "سیاستهای نفتی در قفقاز"


def test_running_header_is_dropped_and_broken_sentence_rejoined():
    text = (
        f"{TITLE}\n\nقاسم ملکی\n\n"
        "تحلیلگران پیشبینی میکنند که نفت خزر به این زودی درآمد چندان زیادی نخواهد\n\n"
        "^۱. نژاد سیما یاگازتا، ۸ آوریل ۱۹۹۷.\n\n\n\n"
        f"{TITLE}\n\n"
        "داد. به گفته برخی از اقتصاددانان آذربایجانی، این امر بهبود نمیبخشد.\n"
    )
    document = clean(text)
    assert [b.text for b in document.paragraphs] == [
        TITLE,
        "قاسم ملکی",
        "تحلیلگران پیشبینی میکنند که نفت خزر به این زودی درآمد چندان زیادی نخواهد داد. "
        "به گفته برخی از اقتصاددانان آذربایجانی، این امر بهبود نمیبخشد.",
    ]
    assert [b.text for b in document.footnotes] == ["نژاد سیما یاگازتا، ۸ آوریل ۱۹۹۷."]


def test_marker_is_removed_and_linked_to_its_footnote():
    text = (
        f"{TITLE}\n\nقاسم ملکی^۱\n\n"
        "رئیس بنیاد میگوید: «روسیه عقبنشینی کرده است». ^۱ اگر ارمنستان معتقد است.\n\n"
        "۱ قاسم ملکی عضو هیأت تحریریه است.\n\n"
        "۱. نشریه دلووی میر، چاپ مسکو\n"
    )
    document = clean(text)
    author, body = document.paragraphs[1:]
    assert author.kind is Kind.AUTHOR and author.text == "قاسم ملکی"
    assert author.notes == ("fn1",)
    assert body.text == "رئیس بنیاد میگوید: «روسیه عقبنشینی کرده است». اگر ارمنستان معتقد است."
    assert body.notes == ("fn2",)
    assert [(f.id, f.text) for f in document.footnotes] == [
        ("fn1", "قاسم ملکی عضو هیأت تحریریه است."),
        ("fn2", "نشریه دلووی میر، چاپ مسکو"),
    ]
    assert document.warnings == ()


def test_marker_without_footnote_is_reported():
    document = clean(f"{TITLE}\n\nدر ماه مه ۱۹۹۷، ^۰ سند امضا شد.\n")
    assert document.paragraphs[1].text == "در ماه مه ۱۹۹۷، سند امضا شد."
    assert document.warnings == ("line 3: footnote marker ۰ has no footnote",)


def test_numbered_paragraph_without_marker_is_not_a_footnote():
    document = clean(f"{TITLE}\n\nمقدمه کوتاه است.\n\n۱- بند اول فهرست.\n\n۲- بند دوم فهرست.\n")
    assert document.footnotes == ()
    assert [b.kind for b in document.paragraphs[2:]] == [Kind.LIST_ITEM, Kind.LIST_ITEM]


def test_paragraph_opening_with_a_number_before_a_page_break_stays_body():
    text = f"{TITLE}\n\nبند اول.\n\n۱۲ کشور در این نشست حضور داشتند.\n\n\n\nبند بعدی.\n"
    document = clean(text)
    assert document.footnotes == ()
    assert document.paragraphs[2].text == "۱۲ کشور در این نشست حضور داشتند."


def test_unmarked_footnote_before_a_page_break_is_lifted():
    text = (
        f"{TITLE}\n\nقاسم ملکی\n\nبند اول که ادامه دارد و در این صفحه به پایان نمی‌رسد و باز هم\n\n"
    )
    text += "۱. روزنامه ایران، ۱۳۷۶.\n\n\n\nادامه دارد.\n"
    document = clean(text)
    assert [b.text for b in document.footnotes] == ["روزنامه ایران، ۱۳۷۶."]
    assert document.paragraphs[2].text.endswith("و باز هم ادامه دارد.")
    assert document.warnings == ("line 7: footnote ۱ has no marker",)


def test_page_numbers_and_repeated_lines_are_dropped():
    page = "متن این صفحه که ادامه دارد و جمله آن در پایین صفحه هنوز تمام نمی‌شود"
    header = "فصلنامه آسیای مرکزی"
    text = f"{TITLE}\n\nقاسم ملکی\n\n{page}\n\n۱۲\n\n\n{header}\n\nو اینجا تمام می‌شود.\n\n\n"
    text += f"{header}\n\nبند دوم.\n\n\n{header}\n\nبند سوم.\n"
    document = clean(text)
    assert [b.text for b in document.paragraphs] == [
        TITLE,
        "قاسم ملکی",
        f"{page} و اینجا تمام می‌شود.",
        "بند دوم.",
        "بند سوم.",
    ]


def test_repeated_headings_inside_pages_are_kept():
    chapters = "".join(
        f"مقدمه\n\nبند {n} این فصل.\n\nنتیجه‌گیری\n\nپایان فصل {n}.\n\n" for n in range(4)
    )
    document = clean(f"{TITLE}\n\nقاسم ملکی\n\n{chapters}")
    headings = [b.text for b in document.paragraphs if b.kind is Kind.HEADING]
    assert headings == ["مقدمه", "نتیجه‌گیری"] * 4


def test_document_without_a_title_keeps_its_first_paragraph():
    first = "روسیه به سوی آذربایجان گام‌هایی برداشته است و این گام‌ها ادامه دارد."
    document = clean(f"{first}\n\nبند دوم.\n\n{first}\n")
    assert [(b.kind, b.text) for b in document.paragraphs] == [
        (Kind.BODY, first),
        (Kind.BODY, "بند دوم."),
        (Kind.BODY, first),
    ]


def test_title_and_author_never_continue():
    document = clean(f"{TITLE}\n\nقاسم ملکی^۱\n\n۱. عضو هیأت تحریریه.\n\n\n\nمقدمه\n\nمتن مقاله.\n")
    assert [b.text for b in document.paragraphs] == [TITLE, "قاسم ملکی", "مقدمه", "متن مقاله."]


def test_short_block_before_a_footnote_continues():
    text = (
        f"{TITLE}\n\nقاسم ملکی\n\nبند اول.\n\nنقطه مرکزی این بازی^۱\n\n۱. منبع.\n\nفشار مسکو است.\n"
    )
    assert clean(text).paragraphs[-1].text == "نقطه مرکزی این بازی فشار مسکو است."


def test_heading_before_a_page_break_is_not_joined():
    text = f"{TITLE}\n\nبند اول تمام شد.\n\nمقدمه\n\n\n\nبند دوم که ادامه دارد.\n"
    document = clean(text)
    assert [b.kind for b in document.paragraphs] == [
        Kind.TITLE,
        Kind.BODY,
        Kind.HEADING,
        Kind.BODY,
    ]


def test_inline_list_item_is_split_at_the_dash():
    text = f"{TITLE}\n\n- ایران حضور ندارد. هر یک مخالفت می‌کند. - آمریکا تمایلی ندارد.\n"
    items = clean(text).paragraphs[1:]
    assert [b.text for b in items] == [
        "- ایران حضور ندارد. هر یک مخالفت می‌کند.",
        "- آمریکا تمایلی ندارد.",
    ]
    assert {b.kind for b in items} == {Kind.LIST_ITEM}


def test_article_structure(article):
    kinds = [b.kind for b in article.paragraphs]
    assert kinds[:4] == [Kind.TITLE, Kind.AUTHOR, Kind.BODY, Kind.HEADING]
    headings = [b.text for b in article.paragraphs if b.kind is Kind.HEADING]
    assert headings == [
        "مقدمه",
        "اهمیت تعیین‌کننده نفت در مناسبات خارجی جمهوری آذربایجان",
        "روابط سنتی ایروان - مسکو",
        "روابط باکو - مسکو",
        "اهمیت قفقاز در سیاست خارجی آمریکا",
        "روسیه و آذربایجان",
        "نتیجه‌گیری",
    ]
    assert kinds.count(Kind.LIST_ITEM) == 3
    assert len(article.footnotes) == 9
    linked = [note for b in article.paragraphs for note in b.notes]
    assert linked == [f"fn{n}" for n in range(1, 10)]


def test_article_has_no_furniture_left(article):
    title = article.paragraphs[0].text
    body = [b.text for b in article.paragraphs[1:]]
    assert title not in body
    assert not any("^" in text for text in body)
    footnotes = [f.text for f in article.footnotes]
    assert not any(note in text for note in footnotes for text in body)
    assert not any(re.fullmatch(r"[۰-۹0-9]+", text) for text in body)


def test_page_broken_sentences_are_whole(article_text):
    for joined in (
        "درآمد چندان زیادی نخواهد داد.",
        "نفت وسیله‌ای اقتصادی است",
        "نقطه مرکزی این بازی فشار مسکو بر جمهوری آذربایجان است.",
        "بحران اجتماعی - اقتصادی در این کشور",
    ):
        assert joined in article_text


HEADLINE = (
    "Health ministry says schools in every province will stay closed for two more weeks "
    "while the number of new infections keeps rising across the country"
)


def test_a_long_headline_is_the_title_and_its_repetition_a_running_header():
    assert len(HEADLINE.split()) > 20
    text = (
        f"{HEADLINE}\n\nSara Karimi\n\nThe ministry announced the decision on Monday after a "
        f"meeting with the\n\n1\n\n\n{HEADLINE}\n\nprovincial governors. Teachers will work "
        "from home.\n"
    )
    document = clean(text)
    assert [(b.kind, b.text) for b in document.paragraphs] == [
        (Kind.TITLE, HEADLINE),
        (Kind.AUTHOR, "Sara Karimi"),
        (Kind.BODY, "The ministry announced the decision on Monday after a meeting with the "
                    "provincial governors. Teachers will work from home."),
    ]  # fmt: skip


@pytest.mark.parametrize("first", ["The report was published today.", "WHEREAS it was said;"])
def test_a_block_ending_with_punctuation_is_no_title(first):
    document = clean(f"{first}\n\nIt has ten parts.\n")
    assert [b.kind for b in document.paragraphs] == [Kind.BODY, Kind.BODY]


def test_running_header_found_by_repetition_without_a_title():
    pages = [
        "The first page tells how the survey was made and it goes on to the",
        "next page, where the sentence ends. Another one follows here and runs on to the",
        "third page, which is short. The last sentence of the report starts here and its",
        "end is on the fourth page.",
    ]
    header = "Annual Report on Water"
    text = "The report opens with a sentence.\n\n"
    for number, page in enumerate(pages, start=1):
        if number > 1:  # one blank line: a form feed as the text reader gives it
            text += f"{header}    {number}\n\n" if number % 2 else f"{number}    {header}\n\n"
        text += f"{page}\n\n"
    document = clean(text)
    assert [(b.kind, b.text) for b in document.paragraphs] == [
        (Kind.BODY, "The report opens with a sentence."),
        (Kind.BODY, " ".join(pages)),
    ]


def test_form_feed_is_a_page_break():
    header = "Annual Report"
    body = "\n\f".join(
        f"{header}\n\nPage {n} has a sentence that ends on it.\n\nAnd a heading\n\nThen more."
        for n in range(4)
    )
    document = clean(f"Title\n\n{body}\n")
    assert header not in [b.text for b in document.paragraphs]
    assert [b.text for b in document.paragraphs if b.kind is Kind.HEADING] == ["And a heading"] * 4


def test_form_feed_inside_a_line_cuts_it_and_is_never_in_a_block():
    """A form feed where no line ends (``…full stop.\\fHeader``) still ends the page; a section
    title opening each page without a page number is then a running header, and the lines keep
    the numbers an editor shows."""
    header = "The survey and its towns"
    pages = [f"Page {n} ends with a sentence that is complete." for n in range(4)]
    text = "Title\n\n" + "\f".join(f"{header}\n\n{page}" for page in pages) + "\f\n"
    document = clean(text)
    assert [(b.text, b.line) for b in document.paragraphs] == [
        ("Title", 1), (pages[0], 5), (pages[1], 7), (pages[2], 9), (pages[3], 11)
    ]  # fmt: skip
    assert not any("\f" in b.text for b in document.blocks)


def test_form_feed_does_not_move_the_margin_of_layout_text():
    """In ``pdftotext -layout`` text the form feed opens the next page's first line: it is not
    part of its indent, so a first-line indent still tells the paragraphs apart."""
    lines = ["Title", "", "First paragraph ends here.", "    Second paragraph ends here."]
    text = "\n".join(lines) + "\n\fThird paragraph runs on\nand ends here.\n"
    assert [b.text for b in clean(text).paragraphs] == [
        "Title",
        "First paragraph ends here.",
        "Second paragraph ends here.",
        "Third paragraph runs on and ends here.",
    ]


@pytest.mark.parametrize(
    ("marked", "note"),
    [
        pytest.param("خزر[۱] است", "[۱] منبع نخست.", id="bracket"),
        pytest.param("خزر^۱ است", "^۱. منبع نخست.", id="caret"),
        pytest.param("خزر¹ است", "¹ منبع نخست.", id="superscript"),
        pytest.param("خزر.¹ است", "¹ منبع نخست.", id="superscript-after-full-stop"),
        pytest.param("خزر۱ است", "۱. منبع نخست.", id="glued-persian"),
        pytest.param("خزر۱ است", "۱ منبع نخست.", id="glued-persian-note-without-full-stop"),
    ],
)
def test_marker_forms_are_removed_and_linked(marked, note):
    document = clean(f"{TITLE}\n\nنفت {marked} و ادامه دارد.\n\n{note}\n")
    body = document.paragraphs[1]
    assert body.text.replace(".", "") == "نفت خزر است و ادامه دارد"
    assert body.notes == ("fn1",)
    assert [f.text for f in document.footnotes] == ["منبع نخست."]
    assert document.warnings == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The virus1 spreads in the city.", id="english-glued"),
        pytest.param("The virus¹ spreads in the city.", id="english-superscript"),
    ],
)
def test_glued_marker_in_english(text):
    document = clean(f"Title\n\n{text}\n\n1. A source.\n")
    assert document.paragraphs[1].text == "The virus spreads in the city."
    assert document.paragraphs[1].notes == ("fn1",)


@pytest.mark.parametrize(
    "kept",
    [
        pytest.param("کووید-19 است", id="after-a-hyphen"),
        pytest.param("ویتامین B12 است", id="one-letter"),
        pytest.param("بیماری COVID19 است", id="capitals"),
        pytest.param("در Table1 است", id="a-capitalised-name"),
        pytest.param("ژن nsp۱ است", id="latin-word-persian-digit"),
        pytest.param("نشانی www.example.com/page1 است", id="web-address"),
        pytest.param("ژن orf1 و باز orf1 است", id="a-name-used-twice"),
        pytest.param("مقدار ۱۰³ است", id="superscript-after-a-digit"),
    ],
)
def test_numbers_glued_to_words_that_are_not_markers_stay(kept):
    document = clean(f"{TITLE}\n\nمتن {kept}.\n\n1. منبع.\n\n۱. منبع.\n")
    assert document.paragraphs[1].text == f"متن {kept}."


def test_a_bracketed_number_without_its_note_is_a_citation_and_stays():
    document = clean("Title\n\nAs shown before [3], the rate fell.\n")
    assert document.paragraphs[1].text == "As shown before [3], the rate fell."
    assert document.warnings == ()


def test_notes_of_a_page_in_one_block_are_split():
    text = (
        "Title\n\nOne^1 sentence here. Another^2 sentence there.\n\n"
        "^1. First source.\n^2. Second source.\n"
    )
    document = clean(text)
    assert [f.text for f in document.footnotes] == ["First source.", "Second source."]
    assert document.paragraphs[1].notes == ("fn1", "fn2")


def test_a_page_opening_with_a_number_mid_sentence_is_body():
    text = (
        "Title\n\nAuthor Name\n\nThe mayor extended the lockdown^1 to May\n\n^1. A report.\n\n"
        "\nTitle\n\n1. Nationally, the president spoke.\n"
    )
    document = clean(text)
    assert document.paragraphs[-1].text == (
        "The mayor extended the lockdown to May 1. Nationally, the president spoke."
    )
    assert [f.text for f in document.footnotes] == ["A report."]


def test_a_paragraph_opening_with_the_waited_number_before_its_note():
    text = (
        "Title\n\nSchools closed in many places.¹ Most reopened later.\n\n"
        "1 country kept them closed all year.\n\n¹ UNESCO figures.\n"
    )
    document = clean(text)
    assert [b.text for b in document.paragraphs[1:]] == [
        "Schools closed in many places. Most reopened later.",
        "1 country kept them closed all year.",
    ]
    assert [f.text for f in document.footnotes] == ["UNESCO figures."]


def test_layout_paragraphs_told_apart_by_their_first_line_indent():
    text = (
        "      Title\n\n"
        "    The first paragraph starts here and goes\n"
        "on to its end.¹\n"
        "    The second one starts here\n"
        "and ends here.\n\n"
        "¹ A note of two sentences.\n"
        "   The second hangs under the first.\n"
    )
    document = clean(text)
    assert [b.text for b in document.paragraphs] == [
        "Title",
        "The first paragraph starts here and goes on to its end.",
        "The second one starts here and ends here.",
    ]
    assert [f.text for f in document.footnotes] == [
        "A note of two sentences. The second hangs under the first."
    ]


def test_text_without_indents_is_cut_at_blank_lines_only():
    document = clean("Title\n\nOne sentence ends.\nThe next line goes on.\n")
    assert document.paragraphs[1].text == "One sentence ends. The next line goes on."
