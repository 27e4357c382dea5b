"""The corpus stage end to end on the bundled article: what a translator's TM source needs."""

import re
from pathlib import Path

from corpus.document import Kind
from corpus.normalize import normalize
from corpus.pipeline import prepare, segment_document
from corpus.render import document_text
from corpus.srx import default_srx

DATA = Path(__file__).parent.parent / "data"
PERSIAN_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5"


def test_article_segments_are_clean(article, article_segments):
    title = article.paragraphs[0].text
    body = [s for s in article_segments if s.kind is not Kind.FOOTNOTE]
    notes = [s for s in article_segments if s.kind is Kind.FOOTNOTE]
    assert [s.text for s in body].count(title) == 1
    assert len(notes) >= len(article.footnotes) == 9
    assert not any("^" in s.text for s in article_segments)
    for note in article.footnotes:
        assert not any(note.text in s.text for s in body)
    assert article_segments.index(notes[0]) == len(body), "footnotes come after the body"
    assert all(s.text and s.text == s.text.strip() for s in article_segments)


def test_segment_ids_are_unique_and_carry_footnote_links(article_segments):
    ids = [s.id for s in article_segments]
    assert len(set(ids)) == len(ids)
    author = next(s for s in article_segments if s.kind is Kind.AUTHOR)
    assert (author.text, author.notes) == ("قاسم ملکی", ("fn1",))


def test_no_foreign_letters_inside_persian_words(article_segments):
    mixed = rf"[{PERSIAN_LETTER}\u200c][^\W\d_{PERSIAN_LETTER}]|[^\W\d_{PERSIAN_LETTER}\u200c][{PERSIAN_LETTER}]"
    for segment in article_segments:
        assert not re.search(mixed, segment.text), segment


def test_article_zwnj_gold_words_are_restored(article_text):
    words = set(re.findall(rf"[{PERSIAN_LETTER}\u200c]+", article_text))
    rows = (DATA / "caucasus-zwnj-gold.tsv").read_text(encoding="utf-8").split("\n")[1:]
    pairs = [row.split("\t") for row in rows if row]
    assert len(pairs) > 100
    missing = [(glued, right) for glued, right in pairs if right not in words or glued in words]
    assert missing == []
    traps = (DATA / "caucasus-zwnj-traps.txt").read_text(encoding="utf-8").split()
    plain = {word.replace("\u200c", "") for word in words}
    assert [t for t in traps if t in plain and t not in words] == []


def test_cleaned_text_resegments_to_the_same_segments(article, article_segments):
    """A CAT tool loading `tmkit clean` output with our SRX gets exactly our segments."""
    paragraphs = document_text(article).split("\n\n")
    resegmented = [s for p in paragraphs for s in default_srx().segment(p, "fa-IR")]
    assert resegmented == [s.text for s in article_segments]


def test_normalization_is_stable_on_the_article(article_text):
    assert normalize(article_text) == article_text


def test_english_input_is_not_given_persian_rules():
    text = "Oil policies in the Caucasus\n\nQasem Maleki^1\n\nMr.  Aliyev  met  the U.S. envoy. He left.\n\n1. Member of the editorial board.\n"
    document = prepare(text, "en-US")
    assert [b.text for b in document.paragraphs][2] == "Mr. Aliyev met the U.S. envoy. He left."
    segments = segment_document(document, "en-US")
    assert [s.text for s in segments] == [
        "Oil policies in the Caucasus",
        "Qasem Maleki",
        "Mr. Aliyev met the U.S. envoy.",
        "He left.",
        "Member of the editorial board.",
    ]
