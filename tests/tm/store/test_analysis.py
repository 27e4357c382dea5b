"""Analysis bands and pre-translation (every engine) on a new document made of TICO-19 units
whose matches are known: exact, fuzzy, a number changed, repetitions, no match."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from corpus.pipeline import load_document, segment_document
from tm.analysis import BANDS, bands, matched_segments
from tm.cli import main
from tm.fuzzy import tokens
from tm.pretranslate import pretranslated_units, write_pretranslation
from tm.tmx import read_tmx

TICO = Path(__file__).parents[2] / "data" / "tico19" / "all.en-fa.tmx"
IMMUNE = "سیستم ایمنی انطباقی خیلی زود به مبارزه با ویروس می‌پیوندد."  # TICO-19, 10 words
WUHAN = "در ۱۵ ژانویه ۲۰۲۰ اولین مورد مرگ از ووهان گزارش شد."  # TICO-19
NOVEL = "گربه سیاه روی دیوار بلند باغ همسایه نشسته بود."  # in no unit
PARAGRAPHS = [
    (WUHAN, "100%"),
    (IMMUNE.replace("خیلی", "سریع"), "85–94%"),  # 1 of 10 words: 90
    (WUHAN.replace("۱۵", "۱۶"), "95–99%"),  # a number: 99
    (NOVEL, "no match"),
    (NOVEL, "repetitions"),
    (WUHAN, "100%"),  # a 100% match stays one when repeated
]


@pytest.fixture
def tico(store):
    store.import_file(TICO, "tico", read_tmx(TICO, srclang="fa", tgtlang="en"))
    return store


@pytest.fixture
def new_document(tmp_path):
    path = tmp_path / "new.txt"
    path.write_text("\n\n".join(text for text, _ in PARAGRAPHS) + "\n", encoding="utf-8")
    return path


def _segments(path):
    return [(path.name, segment_document(load_document(path, "fa"), "fa"))]


def test_each_segment_lands_in_its_band(tico, new_document):
    matched = list(matched_segments(tico, _segments(new_document)))
    assert [m.segment.text for m in matched] == [text for text, _ in PARAGRAPHS]
    assert [m.band for m in matched] == [band for _, band in PARAGRAPHS]
    totals = {line.band: (line.segments, line.words) for line in bands(matched)}
    assert list(totals) == list(BANDS)
    wuhan, novel = len(tokens(WUHAN)), len(tokens(NOVEL))
    assert totals["100%"] == (2, 2 * wuhan) and totals["repetitions"] == (1, novel)
    assert totals["context"] == (0, 0) and totals["75–84%"] == (0, 0)


def test_pretranslation_keeps_every_segment_in_po_and_marks_fuzzy_matches(
    tico, new_document, tmp_path
):
    units = pretranslated_units(matched_segments(tico, _segments(new_document), 75), 75)
    done = write_pretranslation(units, tmp_path / "new.po", "20240101T000000Z")
    assert (done.segments, done.translated, done.full) == (6, 4, 2)
    entries = polib.pofile(str(tmp_path / "new.po"))
    assert [e.msgid for e in entries] == [text for text, _ in PARAGRAPHS]
    wuhan_en = next(
        u.target for u in read_tmx(TICO, srclang="fa", tgtlang="en") if u.source == WUHAN
    )
    assert entries[0].msgstr == wuhan_en and not entries[0].fuzzy
    assert entries[2].fuzzy and "99% match" in entries[2].comment
    assert "numbers 16 ≠ 15" in entries[2].comment  # the segment's, then the unit's
    assert entries[3].msgstr == "" and not entries[3].fuzzy


def test_pretranslate_to_tmx_from_the_command_line(tmp_path, new_document, capsys):
    db = str(tmp_path / "tm.sqlite")
    assert main(["tm", "import", str(TICO), "--db", db]) == 0
    out = tmp_path / "new.tmx"
    assert main(["pretranslate", str(new_document), "-o", str(out), "--db", db, "--min", "95"]) == 0
    assert "6 segments, 3 pre-translated" in capsys.readouterr().out
    units = list(read_tmx(out))
    scores = [{dict(a.attributes)["type"]: a.text for a in u.annotations} for u in units]
    assert [s["x-match-score"] for s in scores] == ["100", "99", "100"]
    assert [u.source for u in units] == [WUHAN, WUHAN.replace("۱۵", "۱۶"), WUHAN]
    assert main(["analyze", str(new_document), "--db", db, "--format", "json"]) == 0
    analysis = json.loads(capsys.readouterr().out)
    assert {b["band"]: b["segments"] for b in analysis["bands"]}["repetitions"] == 1


def test_an_unreadable_document_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("متن\n".encode("utf-16"))
    assert main(["analyze", str(bad), "--db", str(tmp_path / "tm.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {bad}") and err.count("\n") == 1


def test_a_document_translated_before_in_the_same_order_is_context_matches(store, tmp_path):
    from tm.unit import TranslationUnit

    first, second = "مقدمه", "این دیدگاه بسیار خوش‌بینانه است."
    units = [TranslationUnit("d:1", first, "Introduction", document="d"),
             TranslationUnit("d:2", second, "This view is very optimistic.", document="d")]  # fmt: skip
    store.import_file(TICO, "d", units)
    same = tmp_path / "same.txt"
    same.write_text(f"{first}\n\n{second}\n", encoding="utf-8")
    swapped = tmp_path / "swapped.txt"
    swapped.write_text(f"{second}\n\n{first}\n", encoding="utf-8")
    assert [m.band for m in matched_segments(store, _segments(same))] == ["context", "context"]
    assert [m.band for m in matched_segments(store, _segments(swapped))] == ["100%", "100%"]
