"""The gold alignment format: read, write, and say where it stops matching the segmenter."""

import pytest

from corpus.errors import CorpusError
from corpus.gold import Bead, gold_tsv, mismatches, read_gold

BEADS = [
    Bead("b1", ("سیاست‌های نفتی در قفقاز",), ("Oil policies in the Caucasus",)),
    Bead(
        "b2",
        ("این دیدگاه، بسیار خوش‌بینانه است و در واقع صحیح نیست.",),
        ("This view is highly optimistic.", "It is in fact incorrect."),
    ),
    Bead("b3", ("قاسم ملکی",), ()),
]


def test_write_then_read_is_the_identity(tmp_path):
    path = tmp_path / "gold.tsv"
    path.write_text(gold_tsv(BEADS), encoding="utf-8")
    assert read_gold(path) == BEADS


def test_mismatch_names_the_bead_and_both_texts():
    fa = [text for bead in BEADS for text in bead.fa]
    en = [text for bead in BEADS for text in bead.en]
    assert mismatches(BEADS, fa, en) == []
    changed = [*en[:1], "This view is highly optimistic and is in fact incorrect."]
    assert mismatches(BEADS, fa, changed) == [
        "en segment 2 (bead b2): gold has 'This view is highly optimistic.', the segmenter gives "
        "'This view is highly optimistic and is in fact incorrect.'",
        "en: gold has 3 segments, the segmenter 2",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            "a\tb\tc\n", "gold.tsv:1: bad header (expected: bead\\tlang\\ttext)", id="header"
        ),
        pytest.param(
            "bead\tlang\ttext\nb1\tde\tText\n", "gold.tsv:2: expected: bead, fa|en, text", id="lang"
        ),
        pytest.param(
            "bead\tlang\ttext\nb1\tfa\tیک\nb2\tfa\tدو\nb1\ten\tOne\n",
            "gold.tsv:4: bead b1 is split over the file",
            id="split-bead",
        ),
    ],
)
def test_bad_gold_file_error_names_the_row(tmp_path, content, message):
    path = tmp_path / "gold.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_gold(path)
    assert str(error.value) == f"{tmp_path}/{message}"


def test_a_segment_longer_than_csvs_own_limit_is_read(tmp_path):
    path = tmp_path / "gold.tsv"
    text = "ب" * 200_000
    path.write_text(f"bead\tlang\ttext\nb1\tfa\t{text}\nb1\ten\tOne\n", encoding="utf-8")
    assert read_gold(path) == [Bead("b1", (text,), ("One",))]
