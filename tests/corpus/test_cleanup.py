"""Cleaning PDF-extracted text: page furniture, footnotes, page-break joins, structure."""

import re

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
