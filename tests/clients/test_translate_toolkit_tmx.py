"""translate-toolkit (a test oracle, GPL-3.0, never imported at run time) reads our TMX back."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from corpus import xmlsafe
from tm.dedupe import merge_tmx
from tm.tmx import read_tmx, write_tmx
from tm.unit import TranslationUnit

pytestmark = pytest.mark.clients

DOC = "caucasus-oil-policy"
UNITS = [
    TranslationUnit(f"{DOC}:b1", "سیاست‌های نفتی در قفقاز", "Oil policies in the Caucasus", document=DOC, kind="title", score=0.982),
    TranslationUnit(f"{DOC}:b8", "این دیدگاه، بسیار خوش‌بینانه است و در واقع صحیح نیست.", "This view is highly optimistic and is in fact incorrect.", document=DOC, score=0.91),
    TranslationUnit(f"{DOC}:b11", "آیا نفت برای روسیه آن چنان اهمیت دارد؟", "Is oil so important for Russia?", document=DOC, occurrences=2),
    TranslationUnit(f"{DOC}:b136", "نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.", "Nezavisimaya Gazeta, 8 April 1997.", document=DOC, kind="footnote"),
    TranslationUnit(f"{DOC}:b200", "نفت & گاز <خزر>", 'Oil & gas "Caspian" <tag>', document=DOC),
]  # fmt: skip


def test_translate_toolkit_reads_the_same_units_back(tmp_path):
    from translate.storage import tmx  # GPL-3.0: only ever imported by this test

    path = tmp_path / "article.tmx"
    write_tmx(UNITS, path, creationdate="20240101T000000Z", properties={"signature": "tmkit"})
    store = tmx.tmxfile.parsefile(str(path))
    assert store.sourcelanguage == "fa-IR"
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (u.tuid, u.source, u.target) for u in UNITS
    ]


def test_we_read_what_translate_toolkit_writes(tmp_path):
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="fa-IR", targetlanguage="en-US")
    for unit in UNITS:
        store.addtranslation(unit.source, "fa-IR", unit.target, "en-US")
    path = tmp_path / "toolkit.tmx"
    store.savefile(str(path))
    assert [(u.source, u.target) for u in read_tmx(path)] == [(u.source, u.target) for u in UNITS]


REALWORLD = Path(__file__).resolve().parents[1] / "data" / "realworld"


def test_translate_toolkit_reads_our_merge_with_inline_codes_and_metadata(tmp_path):
    from translate.storage import tmx

    merged = tmp_path / "merged.tmx"
    inputs = [
        REALWORLD / "03-tmx-inline-codes" / "tagged.tmx",
        REALWORLD / "07-tmx-metadata-dropped" / "with-metadata.tmx",
    ]
    merge_tmx(inputs, merged, creationdate="20240101T000000Z")
    dtd = etree.DTD(str(Path(__file__).resolve().parents[1] / "data" / "tmx14.dtd"))
    assert dtd.validate(xmlsafe.parse(merged)), dtd.error_log
    store = tmx.tmxfile.parsefile(str(merged))
    # translate-toolkit shows a code as its native content: the link wraps the same words
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        ("link-first", '<a href="rules.html">قوانین</a> و <i>شرایط</i>', '<i>Terms</i> and <a href="rules.html">rules</a>'),
        ("tagged", '<img src="bin.png"/> فایل حذف شد.', '<img src="bin.png"/> files deleted.'),
        ("literal-braces", "{1} فایل حذف شد.", "{1} files deleted."),
        ("u1", "سلام دنیا.", "Hello world."),
    ]  # fmt: skip
    assert store.units[3].getnotes() == "MT output, post-edited"
