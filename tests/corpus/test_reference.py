"""The English reference translation and its gold alignment (corpus/texts/<doc>/)."""

import re
from collections import Counter

import pytest

from corpus.document import Kind
from corpus.gold import mismatches, read_gold
from corpus.pipeline import load_document, segment_document

NUMBER_FA = re.compile(r"[0-9۰-۹]+(?:[.٫][0-9۰-۹]+)?")
NUMBER_EN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫", "0123456789.")


@pytest.fixture(scope="module")
def english(article_folder):
    return load_document(article_folder.english, article_folder.target_language())


@pytest.fixture(scope="module")
def english_segments(english, article_folder):
    return segment_document(english, article_folder.target_language())


@pytest.fixture(scope="module")
def gold(article_folder):
    return read_gold(article_folder.gold)


def test_meta_names_a_british_english_target(article_folder):
    assert article_folder.target_language() == "en-GB"


def test_every_segment_is_in_exactly_one_bead(gold, article_segments, english_segments):
    fa = [s.text for s in article_segments]
    en = [s.text for s in english_segments]
    assert mismatches(gold, fa, en) == []
    assert all(bead.fa or bead.en for bead in gold)
    assert len({bead.id for bead in gold}) == len(gold)


def test_english_has_the_same_paragraphs(article, english):
    assert [b.kind for b in english.paragraphs] == [b.kind for b in article.paragraphs]
    assert len(english.footnotes) == len(article.footnotes)
    assert [b.notes for b in english.paragraphs] == [b.notes for b in article.paragraphs]
    assert english.warnings == ()


def test_no_bead_pairs_a_footnote_with_body_text(gold, article_segments, english_segments):
    fa_kinds = iter([s.kind is Kind.FOOTNOTE for s in article_segments])
    en_kinds = iter([s.kind is Kind.FOOTNOTE for s in english_segments])
    for bead in gold:
        kinds = {next(fa_kinds) for _ in bead.fa} | {next(en_kinds) for _ in bead.en}
        assert len(kinds) == 1, bead


def test_every_number_of_a_persian_segment_is_in_its_english_bead(gold):
    for bead in gold:
        english = {n.replace(",", "") for text in bead.en for n in NUMBER_EN.findall(text)}
        for text in bead.fa:
            for number in NUMBER_FA.findall(text):
                assert number.translate(TO_ASCII) in english, (number, bead)


def test_beads_are_mostly_one_to_one(gold):
    shapes = Counter((len(bead.fa), len(bead.en)) for bead in gold)
    assert shapes[(1, 1)] / len(gold) > 0.8, shapes
    assert set(shapes) <= {(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2), (1, 0), (0, 1)}


@pytest.mark.parametrize(
    ("variant", "standard"),
    [
        ("Aliev", "Aliyev"), ("Heidar", "Heydar"), ("Petrossian", "Ter-Petrosyan"),
        ("Lukoil", "LUKoil"), ("Nezavisimaia", "Nezavisimaya Gazeta"), ("Ceyhan", "Baku–Ceyhan"),
        ("Nagorny", "Nagorno-Karabakh"), ("Karabagh", "Nagorno-Karabakh"),
        ("Commonwealth of Independent States", "Commonwealth of Independent States"),
        ("percent", "per cent"), ("organiz", "organis"), ("U.S.", "United States"),
    ],
)  # fmt: skip
def test_names_and_spelling_are_consistent(article_folder, variant, standard):
    text = article_folder.english.read_text(encoding="utf-8")
    text = text.replace("Organization for Security and Co-operation in Europe", "OSCE")  # official
    if variant == standard:
        assert standard in text
        return
    assert variant not in text.replace(standard, "")
