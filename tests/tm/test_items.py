"""The aligner's compact items, its length model's cheap bound, and its parallel analysis."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from synthetic import build, sentence_pairs

from tm import items
from tm.align import align_segments
from tm.anchors import Anchors, source_anchors, target_anchors
from tm.items import Item, Items
from tm.lengthmodel import GaleChurch
from tm.lexical import Lexicon, Words

bit_sets = st.sets(st.integers(0, items.BITS - 1), max_size=60).map(
    lambda bits: sum(1 << bit for bit in bits)
)
an_item = st.builds(
    lambda length, numbers, tokens, solar, gregorian, own, translations, heading: Item(
        length,
        Anchors(numbers, tokens, solar, gregorian),
        Words(own, translations),
        heading,
    ),
    st.integers(0, 5000),
    *[bit_sets] * 6,
    st.booleans(),
)


@given(st.lists(an_item, max_size=40), st.lists(an_item, max_size=40))
def test_items_give_back_what_they_were_given_also_when_extended(first, second):
    stored = Items(first)
    stored.extend(Items(second))
    assert len(stored) == len(first) + len(second)
    assert [stored[k] for k in range(len(stored))] == first + second
    assert [stored.own_count(k) for k in range(len(stored))] == [
        item.words.own.bit_count() for item in first + second
    ]


def test_real_segments_survive_packing_across_blocks_and_evictions():
    lexicon = Lexicon.core()
    pairs = sentence_pairs()
    persian = [
        Item(len(fa), source_anchors(fa), lexicon.persian_words(fa), k % 7 == 0)
        for k, (fa, _) in enumerate(pairs * 40)
    ]
    english = [Item(len(en), target_anchors(en), lexicon.english_words(en)) for _, en in pairs * 40]
    for original in (persian, english):
        stored = Items(iter(original))
        assert len(original) > items.BLOCK * (items.KEPT + 1)  # some blocks are rebuilt
        backwards = range(len(original) - 1, -1, -97)
        for k in [*range(len(original)), *backwards]:
            assert stored[k] == original[k]
        assert any(item.words.translations.bit_length() > 4096 for item in original)


def test_floor_is_never_above_the_length_cost():
    model = GaleChurch(ratio=1.3)

    @given(st.integers(0, 3000), st.integers(0, 3000))
    def check(source_chars, target_chars):
        assert model.floor(source_chars, target_chars) <= model.cost(
            source_chars, target_chars
        ) + 1e-9 * max(1.0, model.cost(source_chars, target_chars))

    check()
    assert math.isclose(model.floor(100, 130), 0.0)
    assert model.floor(10, 400) > 100  # far from the ratio: the bound prunes alone


def test_parallel_analysis_aligns_as_one_process_does(monkeypatch):
    source, target, _ = build(sentence_pairs() * 4, 3, drop=0.05)
    alone = align_segments(source, target)
    monkeypatch.setattr(items, "PARALLEL_SEGMENTS", 10)
    monkeypatch.setattr(items, "CHUNK", 100)  # several chunks a side, in two processes
    together = align_segments(source, target, jobs=2)
    assert together == alone
    assert len(source) > 2 * 100


def test_align_help_names_the_size_from_which_analysis_is_parallel(capsys):
    # the CLI names the number without importing tm.items (numpy) at start-up
    from tm.cli import main

    with pytest.raises(SystemExit):
        main(["align", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"({items.PARALLEL_SEGMENTS:,} segments or more)" in help_text
