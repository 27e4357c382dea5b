"""Duplicates: identical pairs collapse with their counts, one source translated two ways is a conflict."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from corpus import xmlsafe
from tm.dedupe import Conflict, DedupeSummary, Deduplication, canonical_language, merge_tmx
from tm.errors import TmError, TmxError
from tm.tmx import read_tmx, write_tmx
from tm.unit import TranslationUnit

DATA = Path(__file__).parent.parent / "data"
FOREIGN = DATA / "tmx"
DATE = "20240101T000000Z"

TITLE = TranslationUnit("a:b1", "سیاست‌های نفتی در قفقاز", "Oil policies in the Caucasus")
VIEW = TranslationUnit(
    "a:b8",
    "این دیدگاه، بسیار خوش‌بینانه است و در واقع صحیح نیست.",
    "This view is highly optimistic and is in fact incorrect.",
)
QUESTION = TranslationUnit(
    "a:b11", "آیا نفت برای روسیه آن چنان اهمیت دارد؟", "Is oil so important for Russia?"
)
SOURCE_FN = TranslationUnit("a:b136", "نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.", "Nezavisimaya Gazeta, 8 April 1997.")  # fmt: skip


def deduplicate(units: list[TranslationUnit]) -> tuple[list[TranslationUnit], DedupeSummary]:
    deduplication = Deduplication(lambda: units)
    unique = list(deduplication)
    return unique, deduplication.summary


def test_identical_pairs_collapse_into_the_first_with_the_sum_of_occurrences():
    units = [TITLE, VIEW, replace(TITLE, tuid="b:b1", occurrences=2), replace(TITLE, tuid="c:b1")]
    unique, summary = deduplicate(units)
    assert unique == [replace(TITLE, occurrences=4), VIEW]
    assert summary == DedupeSummary(
        units_read=4, units_written=2, duplicates_collapsed=2, conflicts=()
    )


def test_pairs_that_differ_only_in_whitespace_are_identical_and_the_first_text_is_kept():
    spaced = replace(
        TITLE,
        tuid="b:b1",
        source=" سیاست‌های  نفتی\nدر\u00a0قفقاز ",
        target="Oil policies\tin the  Caucasus\n",
    )
    unique, _ = deduplicate([TITLE, spaced])
    assert unique == [replace(TITLE, occurrences=2)]


def test_zwnj_is_not_whitespace_so_a_lost_zwnj_makes_another_pair():
    without_zwnj = replace(TITLE, tuid="b:b1", source="سیاست های نفتی در قفقاز")
    unique, summary = deduplicate([TITLE, without_zwnj])
    assert unique == [TITLE, without_zwnj]
    assert summary.conflicts == ()


def test_persian_and_latin_digits_are_different_sources():
    latin = replace(SOURCE_FN, tuid="b:b136", source="نزاویسیمایا گازتا، 8 آوریل 1997.")
    unique, _ = deduplicate([SOURCE_FN, latin])
    assert unique == [SOURCE_FN, latin]


def test_one_source_with_two_targets_keeps_both_and_reports_a_conflict():
    other = replace(QUESTION, tuid="b:b11", target="Does oil matter that much to Russia?")
    units = [QUESTION, TITLE, other, replace(QUESTION, tuid="c:b11")]
    unique, summary = deduplicate(units)
    assert unique == [replace(QUESTION, occurrences=2), TITLE, other]
    assert summary.conflicts == (
        Conflict(
            source="آیا نفت برای روسیه آن چنان اهمیت دارد؟",
            targets=("Is oil so important for Russia?", "Does oil matter that much to Russia?"),
            tuids=("a:b11", "b:b11"),
        ),
    )
    assert summary.duplicates_collapsed == 1


def test_the_source_of_units_is_read_twice_and_units_are_not_kept():
    calls = []

    def units():
        calls.append(1)
        yield from (TITLE, VIEW, TITLE)

    assert list(Deduplication(units)) == [replace(TITLE, occurrences=2), VIEW]
    assert len(calls) == 2


def test_input_that_changes_between_the_two_passes_is_an_error():
    passes = iter([[TITLE], [TITLE, VIEW]])
    with pytest.raises(TmError, match=r"unit 'a:b8' was not there in the first pass"):
        list(Deduplication(lambda: next(passes)))


def test_no_units_give_no_units():
    assert deduplicate([]) == ([], DedupeSummary(0, 0, 0, ()))


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [("fa-ir", "fa-IR"), ("FA", "fa"), ("EN-gb", "en-GB"), ("sr-latn-rs", "sr-Latn-RS"),
     ("es-419", "es-419"), ("en-US-x-TWAIN", "en-US-x-twain")],
)  # fmt: skip
def test_language_tags_get_their_canonical_case(tag, canonical):
    assert canonical_language(tag) == canonical


# --- merging TMX files ---------------------------------------------------------------------------


@pytest.fixture
def ours(tmp_path) -> Path:
    path = tmp_path / "ours.tmx"
    write_tmx([TITLE, VIEW, QUESTION], path, creationdate=DATE)
    return path


@pytest.fixture
def theirs(tmp_path) -> Path:
    """Another tool's TMX: the title again (other case of language tags), another translation."""
    path = tmp_path / "theirs.tmx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Other" creationtoolversion="1" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="FA-IR" o-tmf="Other"/>
  <body>
    <tu tuid="a:b1"><tuv xml:lang="FA-IR"><seg>سیاست‌های نفتی در  قفقاز</seg></tuv>
      <tuv xml:lang="EN-US"><seg>Oil policies in the Caucasus</seg></tuv></tu>
    <tu tuid="x1"><tuv xml:lang="FA-IR"><seg>آیا نفت برای روسیه آن چنان اهمیت دارد؟</seg></tuv>
      <tuv xml:lang="EN-US"><seg>Does oil matter that much to Russia?</seg></tuv></tu>
    <tu tuid="a:b8"><tuv xml:lang="FA-IR"><seg>مقدمه</seg></tuv>
      <tuv xml:lang="EN-US"><seg>Introduction</seg></tuv></tu>
    <tu tuid="x3"><tuv xml:lang="FA-IR"><seg>مقدمه</seg></tuv></tu>
  </body>
</tmx>
""",
        encoding="utf-8",
    )
    return path


def test_merge_collapses_duplicates_across_files_and_reports_conflicts(tmp_path, ours, theirs):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([ours, theirs], output, creationdate=DATE)
    assert (report.units_read, report.units_written) == (6, 5)
    assert (report.duplicates_collapsed, report.tu_skipped) == (1, 1)
    assert report.conflicts == (
        Conflict(
            QUESTION.source,
            (QUESTION.target, "Does oil matter that much to Russia?"),
            ("a:b11", "x1"),
        ),
    )
    merged = list(read_tmx(output))
    assert [(u.tuid, u.target, u.occurrences) for u in merged] == [
        ("a:b1", "Oil policies in the Caucasus", 2),
        ("a:b8", VIEW.target, 1),
        ("a:b11", QUESTION.target, 1),
        ("x1", "Does oil matter that much to Russia?", 1),
        ("a:b8#2", "Introduction", 1),  # the tuid was taken: made unique
    ]
    assert {(u.srclang, u.tgtlang) for u in merged} == {("fa-IR", "en-US")}


def test_merged_tmx_is_valid_tmx14_and_deterministic(tmp_path, ours, theirs):
    first, second = tmp_path / "first.tmx", tmp_path / "second.tmx"
    merge_tmx([ours, theirs], first, creationdate=DATE)
    merge_tmx([ours, theirs], second, creationdate=DATE)
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(xmlsafe.parse(first)), dtd.error_log
    assert first.read_bytes() == second.read_bytes()


def test_merge_of_foreign_files_normalizes_languages_and_placeholders(tmp_path):
    output = tmp_path / "merged.tmx"
    inputs = [FOREIGN / "tmx11-lang-inline.tmx", FOREIGN / "utf16-bom.tmx"]
    report = merge_tmx(inputs, output, srclang="fa", tgtlang="en", creationdate=DATE)
    assert (report.units_read, report.units_written, report.tu_skipped) == (5, 5, 1)
    merged = list(read_tmx(output))
    assert {(u.srclang, u.tgtlang) for u in merged} == {("fa", "en")}
    assert merged[0].source == "{1}سیاست‌های نفتی{2} در قفقاز{3}"
    assert xmlsafe.parse(output).find("header").get("srclang") == "fa"


def test_merge_takes_the_languages_from_the_first_file(tmp_path):
    output = tmp_path / "merged.tmx"
    inputs = [FOREIGN / "all-three-languages.tmx", FOREIGN / "utf16-bom.tmx"]
    report = merge_tmx(inputs, output, creationdate=DATE)
    merged = list(read_tmx(output))
    assert {(u.srclang, u.tgtlang) for u in merged} == {("fa-IR", "en-GB")}
    assert [u.tuid for u in merged] == ["title", "question", "b10", "b136"]
    assert report.tu_skipped == 1


def test_a_malformed_input_stops_the_merge_and_leaves_the_output(tmp_path, ours):
    output = tmp_path / "merged.tmx"
    shutil.copy(ours, output)
    with pytest.raises(TmxError, match=r"malformed\.tmx:6:45: not well-formed XML"):
        merge_tmx([ours, FOREIGN / "malformed.tmx"], output, creationdate=DATE)
    assert output.read_bytes() == ours.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["merged.tmx", "ours.tmx"]


def test_merging_nothing_gives_an_empty_valid_tmx(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([], output, creationdate=DATE)
    assert (report.units_read, report.units_written, report.conflicts) == (0, 0, ())
    assert list(read_tmx(output)) == []
