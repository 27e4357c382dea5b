"""``tmkit check`` reads a TM in its own direction: an en→fa TMX (header ``srclang``, or a
tu's own) and a PO translated into Persian have the English as source, the Persian as target."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary.model import bundled_glossary_path
from tm.cli import main

DATA = Path(__file__).parent.parent / "data"
EN_FA = DATA / "tmx" / "en-fa-copied-target.tmx"  # header srclang en-US
FA_EN = DATA / "tmx" / "fa-en-copied-target.tmx"  # the same tu, header srclang fa-IR


def findings(capsys, option: str, path: Path) -> list[tuple[str, str, str]]:
    main(["check", option, str(path), "--glossary", str(bundled_glossary_path()), "--format", "json"])  # fmt: skip
    return [(f["tuid"], f["rule"], f["message"]) for f in json.loads(capsys.readouterr().out)]


def test_an_en_fa_tmx_has_its_copied_and_empty_persian_targets_untranslated(capsys):
    # read as fa→en, the English copied into the Persian and the empty Persian were no
    # finding, and the two were an inconsistent translation of one "source"
    assert findings(capsys, "--tmx", EN_FA) == [
        ("1", "untranslated", "the target is a copy of the source"),
        ("2", "untranslated", "the target is empty"),
        (
            "2",
            "term-unmatched-target",
            "'pipeline' is in the source but «خط لوله» / «خطوط لوله» is not in the target",
        ),
    ]


def test_the_same_tus_in_a_fa_en_tmx_are_read_fa_en(capsys):
    # its Persian is the source: an empty source is nothing to translate
    assert findings(capsys, "--tmx", FA_EN) == [
        (
            "2",
            "term-unmatched-target",
            "'pipeline' is in the target but «خط لوله» / «خطوط لوله» is not in the source",
        ),
    ]


def test_a_tus_own_srclang_says_its_direction(tmp_path, capsys):
    path = tmp_path / "own.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body>'
        '<tu tuid="a" srclang="en-US"><tuv xml:lang="en-US"><seg>Gas</seg></tuv><tuv xml:lang="fa-IR"><seg>Gas</seg></tuv></tu>'
        '<tu tuid="b"><tuv xml:lang="en-US"><seg>Gas</seg></tuv><tuv xml:lang="fa-IR"><seg>Gas</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    # a: English source copied into its Persian target; b: fa→en, a Latin name kept as is
    assert findings(capsys, "--tmx", path) == [("a", "untranslated", "the target is a copy of the source")]  # fmt: skip


@pytest.mark.parametrize(
    ("persian", "message"),
    [
        ("The strait is closed now.", "the target is a copy of the source"),
        ("The strait بسته است.", "the target is in English"),
        (
            "تنگه هرمز امروز the strait is closed بسته است.",
            "English left in the target: «the strait is closed»",
        ),
    ],
)
def test_a_persian_target_still_in_english_is_untranslated(tmp_path, capsys, persian, message):
    path = tmp_path / "en-fa.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fa\\n"\n\n'
        f'msgid "The strait is closed now."\nmsgstr "{persian}"\n\n'
        'msgid "%d ship"\nmsgstr "%d کشتی"\n',  # a placeholder is in no language
        encoding="utf-8",
    )
    assert findings(capsys, "--po", path) == [("line 5", "untranslated", message)]


def test_a_po_translated_into_dari_names_its_persian_the_target(capsys):
    # Zanata's PO, Language: fa-AF: the msgstr is the translation
    assert findings(capsys, "--po", DATA / "po" / "zanata-fa-af.po") == [
        ("line 13", "term-missing", "«آتیراو» is in the target but 'Atyrau' is not in the source"),
        ("line 13", "term-forbidden", "'Atirau' is a forbidden form for «آتیراو»; use 'Atyrau'"),
        (
            "line 13",
            "number-mismatch",
            "1998 in the target but not in the source; 1997 in the source but not in the target",
        ),
    ]


def test_msgcats_conflict_markers_are_one_finding_not_text_to_check(capsys):
    # "app 1.0" in the markers was a number-mismatch, the markers Latin text "untranslated"
    assert findings(capsys, "--po", DATA / "po" / "msgcat-conflict.po") == [
        (
            "src/a.c:1",
            "unresolved-msgcat-conflict",
            "unresolved msgcat conflict: the translations of a.po (app 1.0), b.po (app 1.0) "
            "with msgcat's marker lines (keep one, delete the #-#-#-#-# lines)",
        ),
    ]


def test_msgcats_markers_in_an_english_msgstr_and_their_unit_is_compared_with_none(
    tmp_path, capsys
):
    path = tmp_path / "fa-en.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        'msgctxt "a"\nmsgid "بندر"\nmsgstr ""\n"#-#-#-#-#  x.po  #-#-#-#-#\\n"\n"Port 2\\n"\n'
        '"#-#-#-#-#  y.po  #-#-#-#-#\\n"\n"Harbour"\n\n'
        'msgctxt "a"\nmsgid "بندر "\nmsgstr "Port"\n',
        encoding="utf-8",
    )  # fmt: skip
    assert findings(capsys, "--po", path) == [
        (
            "a",
            "unresolved-msgcat-conflict",
            "unresolved msgcat conflict: the translations of x.po, y.po with msgcat's marker "
            "lines (keep one, delete the #-#-#-#-# lines)",
        ),
    ]
