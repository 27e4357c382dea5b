"""Inputs shaped like other tools' files (tests/data/realworld, README there), with the right
value for each: here the Persian-text cases; the format cases are in the tests of their stage."""

import json
from pathlib import Path

import pytest

from corpus.pipeline import load_document, segment_document
from glossary.model import Domain, Glossary, Term
from glossary.workbook import write_glossary
from tm.cli import main

REALWORLD = Path(__file__).parent / "data" / "realworld"
ZWNJ, RLM, LRM = "\u200c", "\u200f", "\u200e"


def test_15_paragraphs_opening_with_a_clause_number_are_one_segment_each():
    folder = REALWORLD / "15-seg-en-numbered-list"
    english = segment_document(load_document(folder / "en.txt", "en"), "en")
    persian = segment_document(load_document(folder / "fa.txt", "fa"), "fa")
    for segments in (english, persian):
        assert not [s.text for s in segments if s.text.strip(".۰۱۲۳۴۵۶۷۸۹0123456789 ") == ""]
    assert len(english) == len(persian) == 6
    assert english[2].text == "1. Payment is made in three instalments."
    assert persian[2].text == "۱. پرداخت در سه قسط انجام می‌شود."


def test_17_rlm_as_a_half_space_becomes_a_zwnj_and_edge_marks_go():
    text = load_document(REALWORLD / "17-norm-rlm-as-halfspace" / "fa.txt", "fa")
    blocks = [block.text for block in text.blocks]
    assert not any(mark in block for block in blocks for mark in (RLM, LRM))
    assert f"می{ZWNJ}آورم" in blocks[0] and f"تبا{ZWNJ}ه" not in blocks[0]
    assert blocks[2] == "او در سال 2020 به تهران آمد."


def test_17_the_term_check_finds_a_term_spelled_with_rlm(tmp_path, capsys):
    glossary = tmp_path / "g.xlsx"
    write_glossary(
        Glossary(
            (Term("environmental", "env", f"زیست{ZWNJ}محیطی", "environmental"),),
            (Domain("env", "environment"),),
        ),
        glossary,
    )
    tmx = REALWORLD / "17-norm-rlm-as-halfspace" / "tm.tmx"
    assert main(["check", "--glossary", str(glossary), "--tmx", str(tmx), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {(f["tuid"], f["rule"]) for f in findings} == {
        ("zwnj", "term-missing"),
        ("rlm", "term-missing"),
        # one source for the check, two translations of it: the RLM spelling is the same text
        ("zwnj", "inconsistent-translation"),
        ("rlm", "inconsistent-translation"),
    }


@pytest.mark.parametrize("names", [("fa.txt", "en.txt"), ("fa-digits.txt", "en-digits.txt")])
def test_27_a_sentence_the_translator_skipped_is_unpaired_and_the_others_are_right(names, tmp_path):
    """Lengths, numbers and names cannot tell which sentence the English skips; the lexical
    evidence (the core lexicon) can: a 1–0 bead, three right units, nothing wrong in the TMX."""
    from tm.pairs import align_documents
    from tm.tmx import read_tmx

    folder = REALWORLD / "27-align-untranslated-sentence"
    fa, en = load_document(folder / names[0], "fa"), load_document(folder / names[1], "en")
    pair = align_documents("doc", fa, en, tgtlang="en-US")
    persian = [s.text for s in pair.source]
    english = [s.text for s in pair.target]
    assert len(persian) == 4 and len(english) == 3
    shapes = [(b.source, b.target) for b in pair.alignment.beads]
    assert shapes == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    assert [(u.source, u.target, u.flagged) for u in pair.units] == [
        (persian[i], english[j], False) for i, j in ((0, 0), (2, 1), (3, 2))
    ]
    path = tmp_path / "pair.tmx"
    assert main(["align", str(folder / names[0]), str(folder / names[1]), "-o", str(path)]) == 0
    assert [(u.source, u.target) for u in read_tmx(path)] == [
        (persian[i], english[j]) for i, j in ((0, 0), (2, 1), (3, 2))
    ]
