"""Duplicates: identical pairs collapse with their counts, one source translated two ways is a conflict."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_tmx import validate

from corpus import xmlsafe
from corpus.languages import canonical_language
from tm.dedupe import Conflict, DedupeSummary, Deduplication, merge_tmx
from tm.errors import TmError, TmxError
from tm.tmx import read_tmx, write_tmx
from tm.unit import Annotation, InlineElement, TranslationUnit, Tuv

DATA = Path(__file__).parent.parent / "data"
FOREIGN = DATA / "tmx"
DATE = "20240101T000000Z"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

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


def test_the_source_of_units_is_read_once():
    calls = []

    def units():
        calls.append(1)
        yield from (TITLE, VIEW, replace(TITLE, tuid="b:b1"))

    assert list(Deduplication(units)) == [replace(TITLE, occurrences=2), VIEW]
    assert len(calls) == 1


def test_each_iteration_reads_its_units_afresh():
    reads = iter([[TITLE, replace(TITLE, tuid="b:b1")], [TITLE, VIEW]])
    deduplication = Deduplication(lambda: next(reads))
    assert list(deduplication) == [replace(TITLE, occurrences=2)]
    assert list(deduplication) == [TITLE, VIEW]
    assert deduplication.summary.units_read == 2


def test_no_units_give_no_units():
    assert deduplicate([]) == ([], DedupeSummary(0, 0, 0, ()))


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [("fa-ir", "fa-IR"), ("FA", "fa"), ("EN-gb", "en-GB"), ("sr-latn-rs", "sr-Latn-RS"),
     ("es-419", "es-419"), ("en-US-x-TWAIN", "en-US-x-twain"), ("fa_IR", "fa-IR"),
     ("pes", "fa"), ("en_US", "en-US"), ("iw", "he"), ("*all*", "*all*"),
     ("fa_IR.UTF-8", "fa-IR"), ("fa_IR@latin", "fa-IR"), ("en_GB.utf8@euro", "en-GB"),
     ("fa.UTF-8", "fa"), ("C.UTF-8", "C.UTF-8")],
)  # fmt: skip
def test_language_tags_are_written_as_bcp47(tag, canonical):
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


def test_merge_of_foreign_files_normalizes_languages_and_keeps_inline_codes(tmp_path):
    output = tmp_path / "merged.tmx"
    inputs = [FOREIGN / "tmx11-lang-inline.tmx", FOREIGN / "utf16-bom.tmx"]
    report = merge_tmx(inputs, output, srclang="fa", tgtlang="en", creationdate=DATE)
    assert (report.units_read, report.units_written, report.tu_skipped) == (5, 5, 1)
    merged = list(read_tmx(output))
    assert [(u.srclang, u.tgtlang) for u in merged] == [("fa-IR", "en-US")] * 3 + [("fa-IR", "en-GB")] * 2  # fmt: skip
    assert report.target_languages == ("en-US", "en-GB")  # each unit keeps its own English
    assert merged[0].source == "سیاست‌های نفتی در قفقاز"
    assert merged[0].source_tuv.content == next(read_tmx(inputs[0])).source_tuv.content
    assert xmlsafe.parse(output).find("header").get("srclang") == "fa-IR"


REALWORLD = DATA / "realworld"


def segs(path: Path) -> list[bytes]:
    """Each seg of *path* as canonical XML: its inline elements, attributes and content."""
    return [etree.tostring(seg, method="c14n") for seg in xmlsafe.parse(path).iter("{*}seg")]


def test_merge_keeps_inline_codes_paired_and_a_tagged_unit_apart_from_literal_braces(tmp_path):
    tagged = REALWORLD / "03-tmx-inline-codes" / "tagged.tmx"
    output = tmp_path / "merged.tmx"
    report = merge_tmx([tagged], output, creationdate=DATE)
    assert (report.units_written, report.duplicates_collapsed) == (3, 0)
    assert segs(output) == segs(tagged)  # the same elements, attributes and content
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(xmlsafe.parse(output)), dtd.error_log


def tagged_unit(tuid: str, x: str) -> TranslationUnit:
    image = InlineElement("ph", (("x", x),), ('<img src="bin.png"/>',))
    return TranslationUnit(
        tuid,
        " فایل حذف شد.",
        " files deleted.",
        source_tuv=Tuv(content=(image, " فایل حذف شد.")),
        target_tuv=Tuv(content=(image, " files deleted.")),
    )


def test_duplicates_are_compared_by_text_and_codes():
    literal = TranslationUnit("l", " فایل حذف شد.", " files deleted.")
    units, summary = deduplicate([tagged_unit("a", "1"), literal, tagged_unit("b", "1")])
    assert [u.tuid for u in units] == ["a", "l"]
    assert units[0].occurrences == 2
    assert summary.conflicts == ()
    units, _ = deduplicate([tagged_unit("a", "1"), tagged_unit("b", "2")])
    assert [u.tuid for u in units] == ["a", "b"]  # another code: another pair


def test_empty_units_are_not_written_counted_and_never_a_second_translation(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([REALWORLD / "06-tmx-empty-targets" / "with-empty.tmx"], output, creationdate=DATE)  # fmt: skip
    assert (report.units_read, report.units_written, report.empty_dropped) == (4, 2, 2)
    assert report.conflicts == ()
    assert [u.target for u in read_tmx(output)] == [
        "The Strait of Hormuz was closed.",
        "Persian Gulf",
    ]


def test_merge_keeps_another_tools_metadata_and_dates(tmp_path):
    source = REALWORLD / "07-tmx-metadata-dropped" / "with-metadata.tmx"
    output = tmp_path / "merged.tmx"
    merge_tmx([source], output, creationdate=DATE)
    (merged,) = read_tmx(output)
    (original,) = read_tmx(source)
    assert merged == original
    assert "1970" not in output.read_text(encoding="utf-8")


def dated(tuid: str, target: str, **attributes: str) -> TranslationUnit:
    notes = (Annotation("note", f"from {tuid}"),)
    return TranslationUnit(tuid, "سلام دنیا.", target, attributes=tuple(attributes.items()), annotations=notes)  # fmt: skip


def test_duplicates_keep_the_latest_changedate_the_sum_of_usagecounts_and_every_note():
    first = dated("a", "Hello world.", creationdate="20200101T000000Z", changedate="20210101T000000Z", usagecount="7")  # fmt: skip
    second = dated("b", "Hello world.", creationdate="20190101T000000Z", changedate="20230101T000000Z", usagecount="2")  # fmt: skip
    (unit,), summary = deduplicate([first, second])
    assert unit.tuid == "a"
    assert dict(unit.attributes) == {
        "creationdate": "20190101T000000Z",
        "changedate": "20230101T000000Z",
        "usagecount": "9",
    }
    assert unit.annotations == (Annotation("note", "from a"), Annotation("note", "from b"))
    assert (unit.occurrences, summary.duplicates_collapsed) == (2, 1)


def test_merged_ids_travel_with_their_dates_at_tu_and_tuv_level():
    def unit(tuid: str, **attributes: str) -> TranslationUnit:
        base = dated(tuid, "Hello world.", **attributes)
        return replace(base, target_tuv=replace(base.target_tuv, attributes=tuple(attributes.items())))  # fmt: skip

    first = unit("a", creationdate="20200101T000000Z", creationid="ann", changedate="20210101T000000Z", changeid="ann")  # fmt: skip
    second = unit("b", creationdate="20190101T000000Z", creationid="bob", changedate="20230101T000000Z", changeid="bob")  # fmt: skip
    third = unit("c", creationdate="20180101T000000Z", changedate="20220101T000000Z", changeid="cy")  # fmt: skip
    for attributes in ((merged := deduplicate([first, second])[0][0]).attributes, merged.target_tuv.attributes):  # fmt: skip
        assert dict(attributes) == {
            "creationdate": "20190101T000000Z",
            "creationid": "bob",
            "changedate": "20230101T000000Z",
            "changeid": "bob",
        }
    # the earliest creationdate is from a unit without a creationid: none is credited
    (merged,), _ = deduplicate([first, third])
    assert dict(merged.attributes) == {
        "creationdate": "20180101T000000Z",
        "changedate": "20220101T000000Z",
        "changeid": "cy",
    }
    # the first unit's dates are kept: so are its ids
    (merged,), _ = deduplicate([second, first])
    assert dict(merged.attributes) == dict(second.attributes)


@pytest.mark.parametrize(
    ("policy", "written", "dropped"),
    [("keep-all", ["old", "new", "undated"], ()), ("first", ["old"], ("new", "undated")),
     ("newest", ["new"], ("old", "undated"))],
)  # fmt: skip
def test_conflicting_translations_follow_the_policy_and_are_reported(policy, written, dropped):
    units = [
        dated("old", "Hello world.", changedate="20200101T000000Z"),
        dated(
            "new", "Hello, world!", creationdate="20190101T000000Z", changedate="20240101T000000Z"
        ),
        dated("undated", "Hi world."),
    ]
    deduplication = Deduplication(lambda: units, on_conflict=policy)
    assert [u.tuid for u in deduplication] == written
    (conflict,) = deduplication.summary.conflicts
    assert conflict.tuids == ("old", "new", "undated")
    assert conflict.dropped == dropped
    assert deduplication.summary.conflicts_dropped == len(dropped)


def test_an_unknown_conflict_policy_is_refused():
    with pytest.raises(ValueError, match="on_conflict 'last'"):
        Deduplication(lambda: [], on_conflict="last")


def test_merge_reads_persian_and_english_whatever_the_files_source_language(tmp_path):
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
    with pytest.raises(
        TmxError, match=r"malformed\.tmx:6:45: tu 1 \(tuid '1'\): not well-formed XML"
    ):
        merge_tmx([ours, FOREIGN / "malformed.tmx"], output, creationdate=DATE)
    assert output.read_bytes() == ours.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["merged.tmx", "ours.tmx"]


def test_merging_nothing_gives_an_empty_valid_tmx(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([], output, creationdate=DATE)
    assert (report.units_read, report.units_written, report.conflicts) == (0, 0, ())
    assert list(read_tmx(output)) == []


LOCALES = REALWORLD / "04-tmx-underscore-locale"


def test_posix_locale_names_read_as_persian_and_english_and_merge_with_bcp47_tags(tmp_path):
    # what gettext and Linux tools write (fa_IR.UTF-8): the .codeset and @modifier are dropped
    source = tmp_path / "posix.tmx"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" '
        'srclang="fa_IR.UTF-8" datatype="plaintext"/><body>\n'
        '<tu><tuv xml:lang="fa_IR.UTF-8"><seg>سلام</seg></tuv>'
        '<tuv xml:lang="en_GB.UTF-8"><seg>Hello</seg></tuv></tu>\n'
        '<tu><tuv xml:lang="fa_IR@latin"><seg>تنگه</seg></tuv>'
        '<tuv xml:lang="en_GB.utf8@euro"><seg>strait</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    output = tmp_path / "merged.tmx"
    report = merge_tmx([source], output, creationdate=DATE)
    assert (report.units_written, report.tu_skipped) == (2, 0)
    tree = xmlsafe.parse(output)
    assert [tuv.get(XML_LANG) for tuv in tree.iter("tuv")] == ["fa-IR", "en-GB"] * 2
    assert tree.find("header").get("srclang") == "fa-IR"


def test_underscore_locales_read_as_persian_and_english_and_merge_with_bcp47_tags(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([LOCALES / "a-bcp47.tmx", LOCALES / "b-underscore.tmx"], output, creationdate=DATE)  # fmt: skip
    assert (report.units_written, report.tu_skipped) == (2, 0)
    tree = xmlsafe.parse(output)
    assert [tuv.get(XML_LANG) for tuv in tree.iter("tuv")] == ["fa-IR", "en-US"] * 2
    assert tree.find("header").get("srclang") == "fa-IR"


def test_english_variants_merge_each_unit_keeping_its_tag(tmp_path):
    us, gb, output = tmp_path / "us.tmx", tmp_path / "gb.tmx", tmp_path / "merged.tmx"
    write_tmx([TITLE], us, creationdate=DATE)
    write_tmx([replace(VIEW, tgtlang="en-GB")], gb, creationdate=DATE)
    report = merge_tmx([us, gb], output, creationdate=DATE)
    assert (report.units_written, report.tu_skipped) == (2, 0)
    assert report.target_languages == ("en-US", "en-GB")
    assert [u.tgtlang for u in read_tmx(output)] == ["en-US", "en-GB"]


def test_persian_variants_of_one_pair_are_kept_apart_each_with_its_tag(tmp_path):
    # fa-IR, fa-AF and fa units of one source and target: never collapsed into one unit (whose
    # tag would then be the first one's, despite "each unit keeps its own tag"), nor a conflict
    paths = [tmp_path / f"{tag}.tmx" for tag in ("fa-IR", "fa-AF", "fa")]
    for path in paths:
        write_tmx([replace(TITLE, tuid=path.stem, srclang=path.stem)], path, creationdate=DATE)
    other = tmp_path / "other.tmx"
    write_tmx([replace(TITLE, tuid="x", srclang="fa-AF", target="Oil politics in the Caucasus")], other, creationdate=DATE)  # fmt: skip
    output = tmp_path / "merged.tmx"
    report = merge_tmx([*paths, paths[0], other], output, creationdate=DATE)
    assert [(u.tuid, u.srclang, u.occurrences) for u in read_tmx(output)] == [
        ("fa-IR", "fa-IR", 1),  # the same file twice is one occurrence
        ("fa-AF", "fa-AF", 1),
        ("fa", "fa", 1),
        ("x", "fa-AF", 1),
    ]
    assert report.source_languages == ("fa-IR", "fa-AF", "fa")
    assert report.duplicates_collapsed == 1
    assert [c.source for c in report.conflicts] == [TITLE.source]  # the two fa-AF targets


def test_a_multilingual_tmx_gives_its_persian_english_pairs(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([FOREIGN / "all-three-languages.tmx"], output, creationdate=DATE)
    assert [(u.tuid, u.srclang, u.tgtlang) for u in read_tmx(output)] == [
        ("title", "fa-IR", "en-GB"),
        ("question", "fa-IR", "en-GB"),  # its first tuv is Russian
    ]
    assert report.tu_skipped == 1  # English and Russian only


def test_a_file_without_persian_is_an_error_and_nothing_is_written(tmp_path, ours):
    english_russian = tmp_path / "en-ru.tmx"
    english_russian.write_text(
        '<tmx version="1.4"><header srclang="en-US"/><body>'
        '<tu><tuv xml:lang="en-US"><seg>Oil</seg></tuv><tuv xml:lang="ru"><seg>Нефть</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    output = tmp_path / "merged.tmx"
    with pytest.raises(TmxError, match=r"en-ru\.tmx: no tu has segments in both fa and en \(languages: en-US, ru\)"):  # fmt: skip
        merge_tmx([ours, english_russian], output, creationdate=DATE)
    assert not output.exists()


def test_english_variants_are_never_conflicts_or_duplicates_of_each_other(tmp_path):
    output = tmp_path / "merged.tmx"
    us, gb = FOREIGN / "en-us.tmx", FOREIGN / "en-gb.tmx"
    report = merge_tmx([us, gb], output, creationdate=DATE, on_conflict="newest")
    assert (report.conflicts, report.duplicates_collapsed) == ((), 0)
    assert [(u.tuid, u.tgtlang, u.target) for u in read_tmx(output)] == [
        ("us1", "en-US", "color"),
        ("same-us", "en-US", "table"),
        ("gb1", "en-GB", "colour"),
        ("same-gb", "en-GB", "table"),
    ]
    assert report.target_languages == ("en-US", "en-GB")


def test_a_variant_asked_for_is_an_error_only_when_no_file_has_it(tmp_path):
    output = tmp_path / "merged.tmx"
    us, gb = FOREIGN / "en-us.tmx", FOREIGN / "en-gb.tmx"
    report = merge_tmx([us, gb], output, tgtlang="en-GB", creationdate=DATE)
    assert [u.tuid for u in read_tmx(output)] == ["gb1", "same-gb"]
    assert report.warnings == (
        f"{us}: no tu has a segment in en-GB (languages: en-US, fa-IR); its tu are skipped",
    )
    with pytest.raises(TmxError, match=r"en-us\.tmx: no tu has segments in both fa and en-GB"):
        merge_tmx([us], output, tgtlang="en-GB", creationdate=DATE)


def test_newest_uses_the_tuvs_dates_when_the_tu_has_none(tmp_path):
    output = tmp_path / "merged.tmx"
    paths = [FOREIGN / "omt-old.tmx", FOREIGN / "omt-new.tmx"]
    report = merge_tmx(paths, output, creationdate=DATE, on_conflict="newest")
    assert [u.target for u in read_tmx(output)] == ["apple (new 2024)"]
    assert report.conflicts[0].dropped == ("omt-old:1",)


def test_duplicates_merge_the_tuvs_dates_and_counts_like_the_tus(tmp_path):
    output = tmp_path / "merged.tmx"
    merge_tmx([FOREIGN / "tv1.tmx", FOREIGN / "tv2.tmx"], output, creationdate=DATE)
    (unit,) = read_tmx(output)
    assert dict(unit.target_tuv.attributes) == {
        "changedate": "20220101T000000Z",
        "changeid": "bob",  # who made that changedate
        "usagecount": "5",
    }
    assert [a.text for a in unit.target_tuv.annotations] == ["en note A", "en note B"]


def test_the_same_unit_read_twice_is_one_occurrence(tmp_path):
    memoq = FOREIGN / "memoq.tmx"
    once, twice, again = tmp_path / "once.tmx", tmp_path / "twice.tmx", tmp_path / "again.tmx"
    merge_tmx([memoq], once, creationdate=DATE)
    merge_tmx([memoq, memoq], twice, creationdate=DATE)
    merge_tmx([twice, memoq], again, creationdate=DATE)
    expected = [(u.tuid, u.get("usagecount"), u.occurrences) for u in read_tmx(once)]
    assert expected[:2] == [("a1", "2", 1), ("a2", None, 1)]
    assert [(u.tuid, u.get("usagecount"), u.occurrences) for u in read_tmx(twice)] == expected
    # a3 has no creationdate in memoq.tmx and none in the merges' outputs: still the same unit
    assert [(u.tuid, u.get("usagecount"), u.occurrences) for u in read_tmx(again)] == expected
    assert dict(next(u for u in read_tmx(again) if u.tuid == "a3").attributes) == {}


UNDATED_TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="CAT" '
    'creationtoolversion="1" segtype="sentence" o-tmf="cat" adminlang="en" srclang="fa-IR" '
    'datatype="plaintext"/><body>\n'
    '<tu tuid="u1" usagecount="3"><tuv xml:lang="fa-IR"><seg>سلام دنیا.</seg></tuv>'
    '<tuv xml:lang="en-US"><seg>Hi world.</seg></tuv></tu>\n'
    '<tu tuid="u2" changedate="20200101T000000Z" usagecount="5"><tuv xml:lang="fa-IR">'
    '<seg>سلام دنیا.</seg></tuv><tuv xml:lang="en-US"><seg>Hello world.</seg></tuv></tu>\n'
    '<tu tuid="u3" usagecount="4"><tuv xml:lang="fa-IR"><seg>جلسه لغو شد.</seg></tuv>'
    '<tuv xml:lang="en-US"><seg>The meeting was cancelled.</seg></tuv></tu>\n'
    "</body></tmx>\n"
)


def undated_tmx(folder: Path) -> Path:
    """u.tmx: u1 (undated) and u2 (changed 2020) translate one source two ways; u3 is undated."""
    path = folder / "u.tmx"
    path.write_text(UNDATED_TMX, encoding="utf-8")
    return path


def counts(path: Path) -> list[tuple[str, str, str | None, int]]:
    return [(u.tuid, u.target, u.get("usagecount"), u.occurrences) for u in read_tmx(path)]


def test_a_merge_output_merged_again_with_its_input_keeps_the_inputs_usagecount(tmp_path):
    u = undated_tmx(tmp_path)
    merged, again = tmp_path / "merged.tmx", tmp_path / "again.tmx"
    merge_tmx([u], merged, creationdate=DATE)
    merge_tmx([merged, u], again, creationdate="20250101T000000Z")
    expected = [
        ("u1", "Hi world.", "3", 1),
        ("u2", "Hello world.", "5", 1),
        ("u3", "The meeting was cancelled.", "4", 1),
    ]
    assert counts(u) == counts(merged) == counts(again) == expected


def test_a_re_merge_with_on_conflict_newest_chooses_what_the_first_merge_chose(tmp_path):
    u = undated_tmx(tmp_path)
    first, kept, again = tmp_path / "first.tmx", tmp_path / "kept.tmx", tmp_path / "again.tmx"
    merge_tmx([u], first, creationdate=DATE, on_conflict="newest")
    merge_tmx([u], kept, creationdate=DATE)  # keep-all: u1 is written too, still undated
    merge_tmx([kept, u], again, creationdate="20250101T000000Z", on_conflict="newest")
    # the undated u1 is older than the dated u2, in the first merge and in the re-merge
    assert [u.tuid for u in read_tmx(first)] == [u.tuid for u in read_tmx(again)] == ["u2", "u3"]


def test_newest_takes_an_undated_unit_only_when_no_unit_of_its_source_is_dated():
    undated = dated("a", "Hi world.")
    both = [dated("b", "Hello world.", creationdate=DATE), undated]
    assert [u.tuid for u in Deduplication(lambda: both, "newest")] == ["b"]
    alone = [undated, dated("c", "Hey world.")]
    assert [u.tuid for u in Deduplication(lambda: alone, "newest")] == ["a"]  # no dates: first


def test_an_undated_unit_stays_undated_in_the_merge_output_which_is_dtd_valid(tmp_path):
    output = tmp_path / "merged.tmx"
    merge_tmx([undated_tmx(tmp_path)], output, creationdate=DATE)
    tree = xmlsafe.parse(output)
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(tree), dtd.error_log
    tus = {tu.get("tuid"): tu for tu in tree.iter("tu")}
    assert dict(tus["u1"].attrib) == {"tuid": "u1", "usagecount": "3"}
    assert dict(tus["u2"].attrib) == {"tuid": "u2", "changedate": "20200101T000000Z", "usagecount": "5"}  # fmt: skip
    assert all(tuv.get("creationdate") is None for tuv in tree.iter("tuv"))
    assert tree.find("header").get("creationdate") == DATE  # the file is new: its header is dated


def test_different_units_of_one_pair_still_add_up():
    first = dated("a", "Oil", creationdate="20200101T000000Z", usagecount="2")
    unique, _ = deduplicate([first, replace(first, tuid="b"), first])
    assert (unique[0].get("usagecount"), unique[0].occurrences) == ("4", 2)


def header_tmx(path: Path, header: str, tuid: str) -> Path:
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">{header}<body>'
        f'<tu tuid="{tuid}"><tuv xml:lang="fa-IR"><seg>سیب</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>apple {tuid}</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    return path


TRADOS_HEADER = (
    '<header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8" '
    'datatype="html" segtype="sentence" adminlang="en-US" srclang="fa-IR" '
    'o-encoding="windows-1256" creationdate="20190102T030405Z" creationid="PM1">'
    '<note>Header note</note><prop type="x-TMName">Client TM</prop>'
    '<ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" subst="[Apple]"/></ude>'
    "</header>"
)


def test_merge_of_one_file_keeps_its_header_but_the_tool(tmp_path):
    output = tmp_path / "merged.tmx"
    merge_tmx([header_tmx(tmp_path / "a.tmx", TRADOS_HEADER, "a")], output, creationdate=DATE)
    header = xmlsafe.parse(output).find("header")
    assert dict(header.attrib) == {
        "creationtool": "tmkit",
        "creationtoolversion": header.get("creationtoolversion"),
        "datatype": "html",
        "segtype": "sentence",
        "adminlang": "en-US",
        "srclang": "fa-IR",
        "o-tmf": "SDL TM8",
        "creationdate": "20190102T030405Z",
        "o-encoding": "windows-1256",
        "creationid": "PM1",
    }
    assert [(c.tag, c.text.strip()) for c in header] == [("note", "Header note"), ("prop", "Client TM"), ("ude", "")]  # fmt: skip
    assert dict(header.find("ude/map").attrib) == {"unicode": "#xF8FF", "code": "#xF0", "subst": "[Apple]"}  # fmt: skip
    assert etree.DTD(str(DATA / "tmx14.dtd")).validate(xmlsafe.parse(output))


def test_merge_of_several_files_keeps_what_their_headers_agree_on_and_every_note(tmp_path):
    other = (
        '<header creationtool="OmegaT" creationtoolversion="6" o-tmf="OmegaT TMX" datatype="html" '
        'segtype="sentence" adminlang="en-US" srclang="fa-IR"><note>Other note</note></header>'
    )
    inputs = [header_tmx(tmp_path / "a.tmx", TRADOS_HEADER, "a"), header_tmx(tmp_path / "b.tmx", other, "b")]  # fmt: skip
    output = tmp_path / "merged.tmx"
    merge_tmx(inputs, output, creationdate=DATE)
    header = xmlsafe.parse(output).find("header")
    assert (header.get("datatype"), header.get("adminlang"), header.get("o-tmf")) == ("html", "en-US", "tmkit")  # fmt: skip
    assert (header.get("creationdate"), header.get("creationid")) == (DATE, None)
    assert [c.text for c in header if c.tag != "ude"] == ["Header note", "Client TM", "Other note"]
    assert etree.DTD(str(DATA / "tmx14.dtd")).validate(xmlsafe.parse(output))


def test_another_tools_units_come_out_without_tmkits_props(tmp_path):
    output = tmp_path / "merged.tmx"
    merge_tmx([FOREIGN / "memoq.tmx", FOREIGN / "en-us.tmx"], output, creationdate=DATE)
    tus = list(xmlsafe.parse(output).iter("tu"))
    assert [[(p.get("type"), p.text) for p in tu.findall("prop")] for tu in tus[:2]] == [
        [("x-client", "A")],
        [],
    ]
    write_tmx([replace(TITLE, occurrences=3, kind="heading")], output, creationdate=DATE)
    (tu,) = xmlsafe.parse(output).iter("tu")  # tmkit's props only where not the default
    assert [(p.get("type"), p.text) for p in tu.findall("prop")] == [("x-kind", "heading"), ("x-occurrences", "3")]  # fmt: skip
    aligned = replace(TITLE, document="a", source_blocks=("p1",), target_blocks=("p1",))
    write_tmx([aligned], output, creationdate=DATE)
    (tu,) = xmlsafe.parse(output).iter("tu")  # a unit tmkit aligned: all of them, as before
    assert [p.get("type") for p in tu.findall("prop")] == ["x-document", "x-paragraph", "x-target-paragraph", "x-kind", "x-occurrences"]  # fmt: skip


def test_merge_leaves_out_an_empty_ude_with_a_warning_and_stays_dtd_valid(tmp_path):
    header = TRADOS_HEADER.replace("</header>", '<ude name="Empty"/></header>')
    output = tmp_path / "merged.tmx"
    report = merge_tmx([header_tmx(tmp_path / "a.tmx", header, "a")], output, creationdate=DATE)
    tree = xmlsafe.parse(output)
    assert [u.get("name") for u in tree.iter("ude")] == ["MacRoman"]
    assert [w for w in report.warnings if "ude" in w] == [
        f"{tmp_path / 'a.tmx'}: <ude name='Empty'> has no <map> (it maps nothing, and TMX 1.4b "
        "needs one); left out of the header"
    ]
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(tree), dtd.error_log


def test_merge_leaves_out_udes_and_maps_without_required_attributes_and_stays_dtd_valid(tmp_path):
    header = TRADOS_HEADER.replace(
        "</header>",
        '<ude name="Mixed"><map subst="[x]"/><map unicode="#xE000" ent="one"/>'
        '<map unicode="#xE001" code="#x01"/></ude>'
        '<ude name="NoUnicode"><map code="#xF1" subst="[y]"/></ude>'
        '<ude base="Macintosh"><map unicode="#xE002"/></ude></header>',
    )
    source = header_tmx(tmp_path / "a.tmx", header, "a")
    output = tmp_path / "merged.tmx"
    report = merge_tmx([source], output, creationdate=DATE)
    tree = xmlsafe.parse(output)
    udes = {u.get("name"): [dict(m.attrib) for m in u] for u in tree.iter("ude")}
    assert udes == {
        "MacRoman": [{"unicode": "#xF8FF", "code": "#xF0", "subst": "[Apple]"}],
        "Mixed": [{"unicode": "#xE000", "ent": "one"}],
    }
    assert [w for w in report.warnings if "ude" in w] == [
        f"{source}: <map subst='[x]'> of <ude name='Mixed'> has no unicode attribute, which "
        "TMX 1.4b requires; left out of the header",
        f"{source}: <map unicode='#xE001' code='#x01'> of <ude name='Mixed'> has a code but its "
        "<ude> has no base, which TMX 1.4b then requires; left out of the header",
        f"{source}: <map code='#xF1' subst='[y]'> of <ude name='NoUnicode'> has no unicode "
        "attribute, which TMX 1.4b requires; left out of the header",
        f"{source}: <ude name='NoUnicode'> has no <map> left (it maps nothing, and TMX 1.4b "
        "needs one); left out of the header",
        f"{source}: a <ude> without the name TMX 1.4b requires; left out of the header",
    ]
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(tree), dtd.error_log


@pytest.mark.parametrize(
    ("dates", "kept", "problems"),
    [
        (
            'creationdate="garbage" changedate="2023-06-01T02:00:00+02:00"',
            {"creationdate": DATE, "changedate": "20230601T000000Z"},
            ["creationdate 'garbage' is not a date (YYYYMMDDThhmmssZ); left out"],
        ),
        (
            'creationdate="20230601T101010" changedate=""',
            {"creationdate": DATE, "changedate": None},
            [
                "creationdate '20230601T101010' has no time zone (a local time, of a zone not "
                "known); left out",
                "changedate '' is not a date (YYYYMMDDThhmmssZ); left out",
            ],
        ),
        (
            'creationdate="2019-01-02"',
            {"creationdate": "20190102T000000Z", "changedate": None},
            [],
        ),
    ],
)
def test_header_dates_of_a_merged_file_are_checked_as_tu_dates(tmp_path, dates, kept, problems):
    header = (
        f'<header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" '
        f'adminlang="en" srclang="fa-IR" datatype="plaintext" {dates}/>'
    )
    source = header_tmx(tmp_path / "a.tmx", header, "a")
    output = tmp_path / "merged.tmx"
    report = merge_tmx([source], output, creationdate=DATE)
    tree = xmlsafe.parse(output)
    found = tree.find("header")
    assert {name: found.get(name) for name in kept} == kept
    assert [w for w in report.warnings if "header" in w] == [
        f"{source}:2: header: {problem}" for problem in problems
    ]
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    assert dtd.validate(tree), dtd.error_log


def test_merge_leaves_a_builds_signature_out_of_its_header_and_keeps_other_props(tmp_path):
    built = tmp_path / "built.tmx"
    write_tmx(
        [TranslationUnit("a:1", "یک", "one")],
        built,
        creationdate=DATE,
        properties={"signature": "srclang:fa|tmkit:1", "x-client": "A"},
    )
    output = tmp_path / "merged.tmx"
    merge_tmx([built], output, creationdate=DATE)
    header = xmlsafe.parse(output).find("header")
    assert [(p.get("type"), p.text) for p in header.iter("prop")] == [("x-client", "A")]


def test_a_tus_usagecount_goes_with_its_first_english_variant_only(tmp_path):
    source = tmp_path / "variants.tmx"
    source.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body><tu tuid="v" usagecount="4" lastusagedate="20230601T000000Z">'
        '<tuv xml:lang="fa-IR"><seg>رنگ</seg></tuv><tuv xml:lang="en-US"><seg>color</seg></tuv>'
        '<tuv xml:lang="en-GB" usagecount="2"><seg>colour</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )  # fmt: skip
    us, gb = read_tmx(source)
    assert dict(us.attributes) == {"usagecount": "4", "lastusagedate": "20230601T000000Z"}
    assert dict(gb.attributes) == {"lastusagedate": "20230601T000000Z"}
    assert gb.target_tuv.attributes == (("usagecount", "2"),)  # the tuv's own stays
    output = tmp_path / "merged.tmx"
    merge_tmx([source], output, creationdate=DATE)
    counts = [tu.get("usagecount") for tu in xmlsafe.parse(output).iter("tu")]
    assert counts == ["4", None]


@pytest.mark.parametrize("empty", ["<seg/>", "<seg>  \u200c </seg>", "<seg>\n</seg>"])
def test_a_tus_usagecount_goes_with_its_first_english_tuv_that_is_not_empty(tmp_path, empty):
    # the first English tuv empty: its unit is left out of a merge, so the tu's usagecount
    # (and every other tu attribute and note) must travel with the unit that is written
    source = tmp_path / "first-empty.tmx"
    source.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body>'
        '<tu tuid="v" usagecount="4" changedate="20230601T000000Z"><note>checked</note>'
        f'<tuv xml:lang="fa-IR"><seg>رنگ</seg></tuv><tuv xml:lang="en-US">{empty}</tuv>'
        '<tuv xml:lang="en-GB"><seg>colour</seg></tuv><tuv xml:lang="en-AU"><seg>colour</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    output = tmp_path / "merged.tmx"
    report = merge_tmx([source], output, creationdate=DATE)
    assert report.empty_dropped == 1
    tus = list(xmlsafe.parse(output).iter("tu"))
    assert [(tu.get("usagecount"), tu.get("changedate"), tu.findtext("note")) for tu in tus] == [
        ("4", "20230601T000000Z", "checked"),  # en-GB: the first unit written
        (None, "20230601T000000Z", "checked"),  # en-AU: counted once, on en-GB
    ]


def _tmx(path: Path, srclang: str, *tus: tuple[str, str, str, str]) -> Path:
    """A TMX of another tool: each tu (tuid, its Persian tag, Persian, English)."""
    body = "".join(
        f'<tu tuid="{tuid}"><tuv xml:lang="{tag}"><seg>{fa}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{en}</seg></tuv></tu>'
        for tuid, tag, fa, en in tus
    )
    path.write_text(
        f'<tmx version="1.4"><header srclang="{srclang}"/><body>{body}</body></tmx>',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("other", ["fa", "fa_IR", "FA-ir", "pes"])
def test_a_mix_of_persian_tags_has_the_majority_in_the_header_and_a_tu_srclang_on_the_others(
    tmp_path, other
):
    # the header's srclang says the source tag of every tu without its own (TMX 1.4b): the
    # first unit's tag there misdescribed the others; a tu in another tag now says its own
    minority = _tmx(tmp_path / "a.tmx", other, ("a1", other, "سلام", "hello"))
    majority = _tmx(
        tmp_path / "b.tmx", "fa-AF",
        ("b1", "fa-AF", "کتاب", "book"), ("b2", "fa-AF", "میز", "table"),
    )  # fmt: skip
    output = tmp_path / "merged.tmx"
    report = merge_tmx([minority, majority], output, creationdate=DATE)
    tree = xmlsafe.parse(output)
    header = tree.find("header").get("srclang")
    assert header == report.header_srclang == "fa-AF"
    tus = [(tu.get("tuid"), tu.get("srclang"), tu.find("tuv").get(XML_LANG)) for tu in tree.iter("tu")]  # fmt: skip
    tag = canonical_language(other)
    assert tus == [("a1", tag, tag), ("b1", None, "fa-AF"), ("b2", None, "fa-AF")]
    # every tu's source, as TMX 1.4b defines it (its srclang, else the header's), is its tuv's
    assert all((own or header) == lang for _, own, lang in tus)
    assert report.own_srclang == 1
    assert report.source_languages == (tag, "fa-AF")


def test_one_persian_tag_needs_no_tu_srclang_and_a_tus_own_is_written_as_its_tuvs_tag(tmp_path):
    path = tmp_path / "own.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="*all*"/><body>'
        '<tu tuid="a" srclang="fa_IR"><tuv xml:lang="fa_IR"><seg>سلام</seg></tuv><tuv xml:lang="en"><seg>hi</seg></tuv></tu>'
        '<tu tuid="b" srclang="*all*"><tuv xml:lang="fa-IR"><seg>کتاب</seg></tuv><tuv xml:lang="en"><seg>book</seg></tuv></tu>'
        '<tu tuid="c" srclang="en"><tuv xml:lang="fa-IR"><seg>میز</seg></tuv><tuv xml:lang="en"><seg>table</seg></tuv></tu>'
        '<tu tuid="d"><tuv xml:lang="fa-IR"><seg>قلم</seg></tuv><tuv xml:lang="en"><seg>pen</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    output = tmp_path / "merged.tmx"
    report = merge_tmx([path], output, srclang="fa", creationdate=DATE)
    tree = xmlsafe.parse(output)
    assert tree.find("header").get("srclang") == "fa-IR"
    assert [tu.get("srclang") for tu in tree.iter("tu")] == ["fa-IR", "*all*", "fa-IR", None]
    assert report.own_srclang == 0
    assert report.warnings == (
        f"{path}: tu 'c': srclang 'en' written as 'fa-IR' (its source tuv's tag)",
    )


def test_tuids_stay_unique_and_an_inputs_own_numbered_tuid_is_never_taken(tmp_path):
    first = _tmx(
        tmp_path / "a.tmx", "fa", ("x", "fa", "سلام", "hello"), ("x#2", "fa", "در", "door")
    )
    second = _tmx(
        tmp_path / "b.tmx", "fa",
        ("x", "fa", "کتاب", "book"), ("x#3", "fa", "میز", "table"), ("x", "fa", "قلم", "pen"),
    )  # fmt: skip
    output = tmp_path / "merged.tmx"
    report = merge_tmx([first, second], output, creationdate=DATE)
    tuids = [u.tuid for u in read_tmx(output)]
    assert tuids == ["x", "x#2", "x#4", "x#3", "x#5"]  # each input's own kept, the others new
    assert len(set(tuids)) == len(tuids)
    assert report.renamed == ((str(second), "x", "x#4"), (str(second), "x", "x#5"))
    assert report.warnings == (
        f"{second}: 2 tu renamed, their tuid already written (a tuid is one tu's): "
        "'x' → 'x#4', 'x' → 'x#5'",
    )


def test_the_same_file_twice_renames_nothing(tmp_path):
    first = _tmx(
        tmp_path / "a.tmx", "fa", ("x", "fa", "سلام", "hello"), ("x#2", "fa", "در", "door")
    )
    output = tmp_path / "merged.tmx"
    report = merge_tmx([first, first], output, creationdate=DATE)
    assert [u.tuid for u in read_tmx(output)] == ["x", "x#2"]
    assert report.renamed == () and report.warnings == ()


# The same unit read twice, whatever the file's name; other tools' props and counts as read


def test_a_tu_without_tuid_read_again_under_another_name_counts_once(tmp_path):
    trados = tmp_path / "trados.tmx"  # Trados writes no tuid (UTF-16 LE with a BOM)
    shutil.copy(FOREIGN / "trados-no-tuid.tmx", trados)
    other = tmp_path / "other-name.tmx"
    shutil.copy(trados, other)
    first, again, both = (tmp_path / name for name in ("first.tmx", "again.tmx", "both.tmx"))
    merge_tmx([trados], first, creationdate=DATE)
    assert b"tuid=" not in first.read_bytes()  # no name of tmkit's written as the tu's own
    merge_tmx([first, other], again, creationdate=DATE)
    merge_tmx([trados, other], both, creationdate=DATE)
    # an earlier tmkit wrote the name it made (trados:1): one tuid said, one not, still one unit
    older = tmp_path / "older.tmx"
    older.write_bytes(first.read_bytes().replace(b"<tu ", b'<tu tuid="trados:1" ', 1))
    merge_tmx([older, other], tmp_path / "older-again.tmx", creationdate=DATE)
    expected = [("3", 1), (None, 1)]
    for path in (first, again, both, tmp_path / "older-again.tmx"):
        assert [(u.get("usagecount"), u.occurrences) for u in read_tmx(path)] == expected


def test_units_told_apart_by_their_tuids_or_dates_still_add_up(tmp_path):
    unit = TranslationUnit("x", "سلام.", "Hello.", attributes=(("usagecount", "2"),))
    dated = replace(unit, attributes=(*unit.attributes, ("creationdate", DATE)))
    for other in (replace(unit, tuid="y"), replace(dated, tuid="x")):
        path = tmp_path / "two.tmx"
        write_tmx([unit, other], path, creationdate=DATE, date_units=False)
        merge_tmx([path], tmp_path / "out.tmx", creationdate=DATE)
        ((count, occurrences),) = [
            (u.get("usagecount"), u.occurrences) for u in read_tmx(tmp_path / "out.tmx")
        ]
        assert (count, occurrences) == ("4", 2)


def test_another_tools_props_come_out_as_they_came_in(tmp_path):
    source = FOREIGN / "memoq-document.tmx"  # memoQ's own x-document among its props
    output = tmp_path / "out.tmx"
    merge_tmx([source], output, creationdate=DATE)

    def props(path: Path) -> list[tuple[str | None, str | None]]:
        tu = etree.parse(str(path)).find(".//tu")
        return [(p.get("type"), p.text) for p in tu.iter("prop")]

    assert props(output) == props(source)
    assert props(source)[2] == ("x-document", "report.docx")
    (unit,) = read_tmx(output)
    assert (unit.document, unit.kind, unit.occurrences) == ("", "body", 1)
    twice = tmp_path / "twice.tmx"  # x-occurrences, tmkit's, only now that it is not 1
    merge_tmx([source, tmp_path / "out.tmx"], twice, creationdate=DATE)
    assert props(twice) == props(source)  # the same unit read twice: still 1


USAGECOUNTS_TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa" '
    'datatype="plaintext"/><body>\n'
    '<tu tuid="z1" usagecount=" 7 "><tuv xml:lang="fa"><seg>پ</seg></tuv><tuv xml:lang="en">'
    "<seg>p</seg></tuv></tu>\n"
    '<tu tuid="z3" usagecount="+4"><tuv xml:lang="fa"><seg>ت</seg></tuv><tuv xml:lang="en">'
    "<seg>t</seg></tuv></tu>\n"
    '<tu tuid="z4" usagecount="-1"><tuv xml:lang="fa"><seg>ث</seg></tuv><tuv xml:lang="en">'
    "<seg>s</seg></tuv></tu>\n"
    '<tu tuid="z5" usagecount="\u0663"><tuv xml:lang="fa"><seg>ج</seg></tuv><tuv xml:lang="en">'
    "<seg>j</seg></tuv></tu>\n"
    "</body></tmx>\n"
)


def test_a_usagecount_is_read_as_an_xml_schema_integer_and_written_back_as_read(tmp_path):
    source = tmp_path / "uc.tmx"
    source.write_text(USAGECOUNTS_TMX, encoding="utf-8")
    output = tmp_path / "out.tmx"
    report = merge_tmx([source], output, creationdate=DATE)
    assert [(u.tuid, u.get("usagecount")) for u in read_tmx(output)] == [
        ("z1", " 7 "), ("z3", "+4"), ("z4", None), ("z5", None),
    ]  # fmt: skip
    assert [w.split(": ", 1)[1] for w in report.warnings] == [
        "tu 3 (tuid 'z4'): usagecount '-1' is not a count (a whole number, 0 or more); left out",
        "tu 4 (tuid 'z5'): usagecount '\u0663' is not a count (a whole number, 0 or more); "
        "left out",
    ]
    added = tmp_path / "added.tmx"  # a duplicate's count: the sum, written anew
    head = USAGECOUNTS_TMX.split("<body>")[0]
    added.write_text(
        f'{head}<body><tu tuid="y" usagecount="2"><tuv xml:lang="fa"><seg>پ</seg></tuv>'
        '<tuv xml:lang="en"><seg>p</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    merge_tmx([source, added], output, creationdate=DATE)
    assert next(read_tmx(output)).get("usagecount") == "9"


# A merged unit lists the units it absorbed: a re-merge with any of them counts each once


def usage(path: Path) -> list[tuple[str | None, int]]:
    return [(u.get("usagecount"), u.occurrences) for u in read_tmx(path)]


def test_a_merge_output_merged_again_and_again_with_its_input_counts_each_unit_once(tmp_path):
    x = FOREIGN / "two-reads-of-oil.tmx"  # نفت/Oil twice: created 2024-01 (1 use), 2024-02 (2)
    outputs = [tmp_path / "m1.tmx"]
    merge_tmx([x], outputs[0], creationdate=DATE)
    for number in (2, 3):
        outputs.append(tmp_path / f"m{number}.tmx")
        merge_tmx([outputs[-2], x], outputs[-1], creationdate=DATE)
    assert [usage(path) for path in outputs] == [[("3", 2)]] * 3  # not 3 → 5 → 7
    tu = etree.parse(str(outputs[-1])).find(".//tu")
    assert [p.get("type") for p in tu.iter("prop")] == ["x-occurrences", "x-merged-units"]
    validate(outputs[-1])


def test_merges_of_merges_sharing_units_count_each_unit_once(tmp_path):
    a, b, c = (
        dated(name, "Oil", creationdate=f"2024010{n}T000000Z", usagecount=str(n))
        for n, name in enumerate("abc", start=1)
    )
    files = {}
    for name, units in {"a": [a], "b": [b], "c": [c]}.items():
        files[name] = tmp_path / f"{name}.tmx"
        write_tmx(units, files[name], creationdate=DATE, date_units=False)

    def merged(name: str, *inputs: str) -> str:
        files[name] = tmp_path / f"{name}.tmx"
        merge_tmx([files[i] for i in inputs], files[name], creationdate=DATE)
        return name

    merged("ab", "a", "b")
    merged("bc", "b", "c")
    for inputs in (("ab", "b"), ("ab", "a", "b"), ("ab", "bc"), ("ab", "bc", "c", "a")):
        expected = [("6", 3)] if "bc" in inputs else [("3", 2)]  # a+b+c, else a+b
        assert usage(files[merged("out", *inputs)]) == expected, inputs


def test_a_merged_unit_used_since_keeps_its_new_uses(tmp_path):
    merged = tmp_path / "m1.tmx"
    merge_tmx([FOREIGN / "two-reads-of-oil.tmx"], merged, creationdate=DATE)
    used = tmp_path / "used.tmx"  # a CAT tool used it twice more: usagecount 3 → 5
    used.write_bytes(merged.read_bytes().replace(b'usagecount="3"', b'usagecount="5"'))
    again = tmp_path / "again.tmx"
    merge_tmx([used, FOREIGN / "two-reads-of-oil.tmx", merged], again, creationdate=DATE)
    assert usage(again) == [("5", 2)]


def test_a_bad_list_of_merged_units_is_an_error_naming_the_tu_and_line(tmp_path):
    merged = tmp_path / "m1.tmx"
    merge_tmx([FOREIGN / "two-reads-of-oil.tmx"], merged, creationdate=DATE)
    broken = tmp_path / "broken.tmx"
    text = merged.read_text(encoding="utf-8")
    broken.write_text(text.replace('"x-merged-units">', '"x-merged-units">zz '), encoding="utf-8")
    with pytest.raises(TmxError, match=r"tu 1 .*x-merged-units has a bad value 'zz ") as error:
        list(read_tmx(broken))
    assert (
        error.value.line
        == text.splitlines().index(
            next(line for line in text.splitlines() if "x-merged-units" in line)
        )
        + 1
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(counts=st.lists(st.integers(0, 5), min_size=1, max_size=4), data=st.data())
def test_any_sequence_of_re_merges_counts_each_distinct_unit_once(tmp_path_factory, counts, data):
    folder = tmp_path_factory.mktemp("remerge")
    targets = []  # each input unit's target: Oil or Crude oil, two pairs of one source
    records: list[list[int]] = []  # each input's usagecounts: one a record of the unit
    files: list[tuple[Path, frozenset[int]]] = []  # a file and the inputs' units it holds
    for n, count in enumerate(counts):
        targets.append(data.draw(st.sampled_from(["Oil", "Crude oil"]), label="target"))
        tuid = data.draw(st.sampled_from(["u", f"u{n}", None]), label="tuid")  # u: renamed
        # a bulk import's identical records of the unit in one file, each with its own count
        records.append([count, *data.draw(st.lists(st.integers(0, 5), max_size=2), label="more")])
        unit = replace(
            dated(tuid or f"f:{n}", targets[-1], creationdate=f"2024010{n + 1}T000000Z"),
            tuid_made=tuid is None,
        )
        path = folder / f"u{n}.tmx"
        copies = [replace(unit, attributes=(*unit.attributes, ("usagecount", str(c)))) for c in records[-1]]  # fmt: skip
        write_tmx(copies, path, creationdate=DATE, date_units=False)
        files.append((path, frozenset({n})))
    for step in range(data.draw(st.integers(1, 5), label="merges")):
        chosen = data.draw(
            st.lists(st.sampled_from(range(len(files))), min_size=1, max_size=4), label="inputs"
        )
        output = folder / f"m{step}.tmx"
        merge_tmx([files[i][0] for i in chosen], output, creationdate=DATE)
        units = frozenset().union(*(files[i][1] for i in chosen))
        # the same as merging all its distinct inputs once: each pair's count and occurrences,
        # every record of a file counted
        expected = {
            target: (str(sum(sum(records[n]) for n in units if targets[n] == target)),
                     sum(len(records[n]) for n in units if targets[n] == target))
            for target in {targets[n] for n in units}
        }  # fmt: skip
        found = {u.target: (u.get("usagecount"), u.occurrences) for u in read_tmx(output)}
        assert found == expected
        files.append((output, units))


def test_a_renamed_unit_merged_again_with_its_input_counts_once(tmp_path):
    oil = tmp_path / "oil.tmx"
    write_tmx([dated("x", "Oil", usagecount="2")], oil, creationdate=DATE, date_units=False)
    bread = tmp_path / "bread.tmx"  # another pair with the same tuid: renamed x#2
    write_tmx([replace(dated("x", "Bread", usagecount="5"), source="نان")], bread,
              creationdate=DATE, date_units=False)  # fmt: skip
    merged, again = tmp_path / "merged.tmx", tmp_path / "again.tmx"
    merge_tmx([oil, bread], merged, creationdate=DATE)
    merge_tmx([merged, bread], again, creationdate=DATE)
    expected = [("x", "2", 1), ("x#2", "5", 1)]
    for path in (merged, again):
        assert [(u.tuid, u.get("usagecount"), u.occurrences) for u in read_tmx(path)] == expected


EN_FA = FOREIGN / "en-fa-three-sources.tmx"  # srclang en-US: Close, Shut, Closing → بستن


@pytest.mark.parametrize("policy", ["keep-all", "newest", "first"])
def test_an_en_fa_tmx_is_merged_as_en_fa_and_no_policy_drops_a_distinct_english_source(
    tmp_path, policy
):
    # read as fa→en, the three English sources were three translations of one Persian source:
    # newest and first dropped two of them, and the header said fa-IR
    output = tmp_path / "merged.tmx"
    report = merge_tmx([EN_FA], output, creationdate=DATE, on_conflict=policy)
    validate(output)
    tree = xmlsafe.parse(output)
    assert tree.find("header").get("srclang") == "en-US"
    pairs = [tuple(s.text for s in tu.iter("seg")) for tu in tree.iter("tu")]
    assert pairs == [("Close", "بستن"), ("Shut", "بستن"), ("Closing", "بستن")]
    assert [tu.find("tuv").get(XML_LANG) for tu in tree.iter("tu")] == ["en-US"] * 3
    assert report.conflicts == () and report.conflicts_dropped == 0
    assert report.warnings == ()  # one direction: nothing to say


def test_an_en_fa_tmx_given_srclang_fa_is_read_fa_en_as_asked(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([EN_FA], output, srclang="fa", creationdate=DATE, on_conflict="newest")
    assert xmlsafe.parse(output).find("header").get("srclang") == "fa-IR"
    assert [c.source for c in report.conflicts] == ["بستن"]


def test_tms_of_both_directions_merge_each_unit_in_its_own_and_the_mix_is_said(tmp_path):
    fa_en = FOREIGN / "fa-en-copied-target.tmx"
    output = tmp_path / "merged.tmx"
    report = merge_tmx([EN_FA, fa_en], output, creationdate=DATE, on_conflict="first")
    validate(output)
    tree = xmlsafe.parse(output)
    header = tree.find("header").get("srclang")
    assert header == report.header_srclang == "en-US"
    tus = [
        (tu.get("srclang") or header, tu.find("tuv").get(XML_LANG), tu.find("tuv/seg").text)
        for tu in tree.iter("tu")
    ]
    assert tus == [
        ("en-US", "en-US", "Close"),
        ("en-US", "en-US", "Shut"),
        ("en-US", "en-US", "Closing"),
        ("fa-IR", "fa-IR", "The pipeline is closed."),
        ("fa-IR", "fa-IR", "گاز"),
    ]
    assert report.own_srclang == 2
    said = [w for w in report.warnings if "both directions" in w]
    assert said == [
        f"{EN_FA}: units read 3 en→fa (as its header's srclang, or a tu's own, says): TMs of "
        "both directions merged, each unit keeping its direction and srclang, never a "
        "duplicate or conflict of the other direction's (give --srclang to read every file "
        "one way)",
        f"{fa_en}: units read 2 fa→en (as its header's srclang, or a tu's own, says): TMs of "
        "both directions merged, each unit keeping its direction and srclang, never a "
        "duplicate or conflict of the other direction's (give --srclang to read every file "
        "one way)",
    ]


def test_a_tus_own_srclang_says_its_direction_in_a_file_of_the_other(tmp_path):
    path = tmp_path / "own.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body>'
        '<tu tuid="a"><tuv xml:lang="fa-IR"><seg>بستن</seg></tuv><tuv xml:lang="en"><seg>Close</seg></tuv></tu>'
        '<tu tuid="b" srclang="en"><tuv xml:lang="fa-IR"><seg>بستن</seg></tuv><tuv xml:lang="en"><seg>Shut</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    units = list(read_tmx(path, srclang="fa", tgtlang="en", either_way=True))
    assert [(u.srclang, u.source, u.target) for u in units] == [
        ("fa-IR", "بستن", "Close"),
        ("en", "Shut", "بستن"),
    ]


def test_identical_records_of_one_file_add_up_and_the_file_read_twice_counts_once(tmp_path):
    # a bulk-imported Trados TM: three identical tu (no tuid, same dates and ids), used 5, 3
    # and 2 times; read as one unit read three times, they were written usagecount 5
    bulk = FOREIGN / "bulk-import-identical.tmx"
    merged, twice, again = (tmp_path / f"{name}.tmx" for name in ("merged", "twice", "again"))
    report = merge_tmx([bulk], merged, creationdate=DATE)
    (unit,) = read_tmx(merged)
    assert (unit.get("usagecount"), unit.occurrences, report.duplicates_collapsed) == ("10", 3, 2)
    merge_tmx([bulk, bulk], twice, creationdate=DATE)
    merge_tmx([merged, bulk], again, creationdate=DATE)
    for output in (twice, again):
        (unit,) = read_tmx(output)
        assert (unit.get("usagecount"), unit.occurrences) == ("10", 3)


def test_a_merge_that_cannot_write_its_temporary_file_is_one_error_and_writes_nothing(
    tmp_path, monkeypatch
):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such folder"))
    source, output = tmp_path / "a.tmx", tmp_path / "merged.tmx"
    write_tmx([TITLE, VIEW], source, creationdate=DATE)
    with pytest.raises(TmError) as raised:
        merge_tmx([source], output, creationdate=DATE)
    assert str(raised.value).startswith(
        f"{tmp_path / 'no such folder'}: cannot write a temporary file (No such file or directory) ("
    )
    assert "set TMPDIR to a folder with room" in str(raised.value)
    assert not output.exists()


def test_units_in_memory_already_need_no_temporary_file(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such folder"))
    units = [TITLE, VIEW, replace(TITLE, tuid="b:b1")]
    assert list(Deduplication(lambda: units)) == [replace(TITLE, occurrences=2), VIEW]
    with pytest.raises(TmError, match="cannot write a temporary file"):
        list(Deduplication(lambda: iter(units)))
