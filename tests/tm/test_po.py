"""PO export for review, and the reviewed English brought back into en.txt (bundled article).

The units are built from the gold alignment and the segmenter's block ids, not by the aligner.
"""

import dataclasses
import shutil
import subprocess

import polib
import pytest

from corpus.gold import read_gold
from corpus.pipeline import load_document, segment_document
from tm import __version__
from tm.errors import TmError
from tm.po import Change, apply_po, read_po_targets, write_po
from tm.unit import TranslationUnit

MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="msgfmt (GNU gettext) is not installed")
DOC = "caucasus-oil-policy"
SIGNATURE = "tmkit:0.1.0|python:3.11.7|polib:1.2.0"
METADATA = {"X-Tmkit-Signature": SIGNATURE, "creationdate": "20240102T030405Z"}
LOW = {"b8", "b68"}  # flagged by the aligner (b68 is a 1–2 bead)
UNSCORED = {"b1"}  # a unit tmkit did not align (score None) is never fuzzy

# b95 repeats a sentence of p11 in p28; b23 is a 1–2 bead of p9 followed by the marker ^2.
OLD_95 = (
    "Preserving the monopoly on oil transport will allow Russia to control Azerbaijan's resources."
)
NEW_95 = "Keeping its monopoly on oil transport will let Russia control Azerbaijan's resources."
OLD_23 = (
    "At present, the Republic of Azerbaijan, whose discovered oil reserves amount to about 4 billion tonnes (80 per cent of them on the continental shelf of the Caspian Sea), could, together with Kazakhstan and Turkmenistan, create the world's third oil-producing region after Siberia and the Persian Gulf. "
    "This republic could therefore become a powerful economic and political force in the region."
)
NEW_23 = (
    "Today the Republic of Azerbaijan, whose proven oil reserves come to about 4 billion tonnes (80 per cent of them on the continental shelf of the Caspian Sea), could, with Kazakhstan and Turkmenistan, create the world's third oil-producing region after Siberia and the Persian Gulf. "
    "The republic could thus become a strong economic and political force in the region."
)


def tuid(bead: str) -> str:
    return f"{DOC}:{bead}"


@pytest.fixture(scope="module")
def units(article_folder, article_segments) -> list[TranslationUnit]:
    """One unit a gold bead, with the blocks its segments come from."""
    language = article_folder.target_language()
    english = segment_document(load_document(article_folder.english, language), language)
    fa, en = iter(article_segments), iter(english)
    units = []
    for bead in read_gold(article_folder.gold):
        source = [next(fa) for _ in bead.fa]
        target = [next(en) for _ in bead.en]
        assert [s.text for s in source + target] == [*bead.fa, *bead.en]
        score = None if bead.id in UNSCORED else 0.3 if bead.id in LOW else 0.9
        units.append(
            TranslationUnit(
                tuid(bead.id),
                " ".join(bead.fa),
                " ".join(bead.en),
                tgtlang=language,
                document=DOC,
                source_blocks=tuple(dict.fromkeys(s.block for s in source)),
                target_blocks=tuple(dict.fromkeys(s.block for s in target)),
                kind=source[0].kind.value,
                score=score,
                flag="length" if bead.id in LOW else "",
            )
        )
    return units


@pytest.fixture
def unit(units):
    by_tuid = {u.tuid: u for u in units}
    return lambda bead: by_tuid[tuid(bead)]


@pytest.fixture
def english(tmp_path, article_folder):
    """A copy of the article's en.txt to import into."""
    path = tmp_path / "en.txt"
    shutil.copyfile(article_folder.english, path)
    return path


@pytest.fixture
def po_path(tmp_path, units):
    path = tmp_path / f"{DOC}.po"
    write_po(units, path, metadata=METADATA)
    return path


def edit(path, msgstrs: dict[str, str]) -> dict[str, int]:
    """Set msgstrs as a translator's tool would (Poedit clears an edited entry's fuzzy flag);
    return the edited entries' lines."""
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt in msgstrs:
            entry.msgstr = msgstrs[entry.msgctxt]
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
    po.save()
    return {e.msgctxt: e.linenum for e in polib.pofile(str(path)) if e.msgctxt in msgstrs}


def msgfmt(*options, path):
    return subprocess.run(
        [MSGFMT, *options, "-o", "/dev/null", str(path)], capture_output=True, text=True
    )


# Export


@needs_msgfmt
@pytest.mark.parametrize("options", [("--check-format", "--check-header"), ("--check",)])
def test_written_po_passes_msgfmt_without_a_warning(po_path, options):
    result = msgfmt(*options, path=po_path)
    assert (result.returncode, result.stderr) == (0, "")


@needs_msgfmt
def test_without_a_creation_date_no_date_is_written_and_msgfmt_only_warns(tmp_path, units):
    path = tmp_path / "undated.po"
    write_po(units, path)
    assert "Date" not in path.read_text(encoding="utf-8")
    result = msgfmt("--check-format", "--check-header", path=path)
    assert result.returncode == 0
    assert "header field 'PO-Revision-Date' missing in header" in result.stderr


def test_polib_reads_back_every_unit_in_order(po_path, units):
    po = polib.pofile(str(po_path))
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in po] == [
        (u.tuid, u.source, u.target) for u in units
    ]
    po.wrapwidth = 0  # tmkit does not wrap (msgcat --no-wrap)
    assert str(po) == po_path.read_text(encoding="utf-8")  # polib would write the same bytes


def test_header_names_tmkit_the_languages_the_signature_and_the_given_date(po_path):
    assert polib.pofile(str(po_path)).metadata == {
        "Project-Id-Version": f"tmkit {__version__}",
        "POT-Creation-Date": "2024-01-02 03:04+0000",
        "PO-Revision-Date": "2024-01-02 03:04+0000",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": "en_GB",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": "fa_IR",
        "X-Tmkit-Signature": SIGNATURE,
    }


def test_entry_has_source_blocks_as_references_and_kind_score_target_as_comment(po_path):
    entry = polib.pofile(str(po_path)).find(tuid("b23"), by="msgctxt")
    assert entry.msgid.startswith("در حال حاضر جمهوری آذربایجان که ذخایر کشف شده نفت")
    assert entry.occurrences == [(f"{DOC}/p9", "")]
    assert entry.comment == f"kind: body; score: 0.900; target: {DOC}/p9"
    heading = polib.pofile(str(po_path)).find(tuid("b6"), by="msgctxt")
    assert (heading.msgid, heading.msgstr, heading.comment) == (
        "مقدمه",
        "Introduction",
        f"kind: heading; score: 0.900; target: {DOC}/p4",
    )


def test_same_units_give_identical_bytes(tmp_path, units):
    first, second = tmp_path / "first.po", tmp_path / "second.po"
    assert write_po(units, first, metadata=METADATA) == len(units) == 144
    assert write_po((u for u in units), second, metadata=METADATA) == 144
    assert first.read_bytes() == second.read_bytes()


def test_low_confidence_units_are_fuzzy_and_no_others(po_path, units):
    fuzzy = {e.msgctxt for e in polib.pofile(str(po_path)) if "fuzzy" in e.flags}
    assert fuzzy == {tuid(bead) for bead in LOW}  # neither the unscored b1 nor any other
    assert {u.tuid for u in units if u.flagged} == fuzzy


def test_persian_text_and_escapes_come_back_unchanged(tmp_path):
    unit = TranslationUnit(
        "x:b1",
        'آیا نفت «ارزشی» دارد؟ ۸ آوریل ۱۹۹۷ — سیاست‌های "نفتی"\tو \\ بس',
        'Does oil have "value"? 8 April 1997\\',
        score=0.2,
        flag="numbers differ (1 on one side only)",
    )
    path = tmp_path / "x.po"
    assert write_po([unit], path) == 1
    [entry] = polib.pofile(str(path))
    assert (entry.msgid, entry.msgstr, entry.flags) == (unit.source, unit.target, ["fuzzy"])
    assert read_po_targets(path) == {"x:b1": unit.target}


def test_empty_input_gives_a_valid_po(tmp_path):
    path = tmp_path / "empty.po"
    assert write_po([], path) == 0
    assert list(polib.pofile(str(path))) == []
    if MSGFMT:
        assert msgfmt("--check", path=path).returncode == 0


def test_units_of_two_target_languages_are_refused_and_nothing_is_written(tmp_path, unit):
    american = dataclasses.replace(unit("b2"), tgtlang="en-US")
    path = tmp_path / "mixed.po"
    with pytest.raises(TmError) as error:
        write_po([unit("b1"), american], path)
    assert str(error.value) == (
        f"{path}: unit {DOC}:b2 is in en-US, the file in en-GB (write one PO file a target language)"
    )
    assert list(tmp_path.iterdir()) == []


# Import


def test_read_po_targets_maps_each_tuid_to_its_msgstr(po_path, units):
    assert read_po_targets(po_path) == {u.tuid: u.target for u in units}


def test_import_changes_exactly_the_edited_sentences(po_path, units, english):
    original = english.read_text(encoding="utf-8")
    assert original.count(OLD_95) == 2 and original.count(OLD_23) == 1
    edit(po_path, {tuid("b95"): NEW_95, tuid("b23"): NEW_23})

    changes = apply_po(po_path, units, english)

    assert changes == [Change(tuid("b23"), OLD_23, NEW_23), Change(tuid("b95"), OLD_95, NEW_95)]
    assert changes.warnings == ()
    lines = original.split("\n")
    assert lines[16].endswith(f"{OLD_23}^2")  # p9: the marker follows the bead
    assert lines[20].startswith(OLD_95) and OLD_95 in lines[54]  # p11 and p28
    lines[16] = lines[16].replace(OLD_23, NEW_23)
    lines[54] = lines[54].replace(OLD_95, NEW_95)
    assert english.read_text(encoding="utf-8") == "\n".join(lines)


def test_a_po_in_the_charset_its_header_declares_is_read_for_import(tmp_path):
    # gettext and Poedit can write a PO in another charset (charset=windows-1256): read it so
    path = tmp_path / "reviewed.po"
    path.write_bytes(
        HEADER.replace("UTF-8", "windows-1256").encode()
        + 'msgctxt "d:b1"\nmsgid "تنگه هرمز"\nmsgstr "Strait of Hormuz"\n'.encode("cp1256")
    )
    assert read_po_targets(path) == {"d:b1": "Strait of Hormuz"}


def test_import_of_an_unedited_po_leaves_en_txt_alone(po_path, units, english):
    before = english.stat()
    assert apply_po(po_path, units, english) == []
    assert english.stat().st_mtime_ns == before.st_mtime_ns


def test_whitespace_changes_alone_are_not_edits(po_path, units, english, article_folder):
    edit(po_path, {tuid("b23"): OLD_23.replace(" ", "  ").replace(". This", ".\nThis")})
    assert apply_po(po_path, units, english) == []
    assert english.read_bytes() == article_folder.english.read_bytes()


def test_every_unit_can_be_edited_and_the_edit_undone(
    tmp_path, po_path, units, english, article_folder
):
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = f"[checked] {entry.msgstr}"
        entry.flags = []  # reviewed, as Poedit clears the fuzzy flag of an entry it edits
    po.save()
    assert len(apply_po(po_path, units, english)) == len(units)
    assert english.read_text(encoding="utf-8").count("[checked] ") == len(units)

    edited = [dataclasses.replace(u, target=f"[checked] {u.target}") for u in units]
    back = tmp_path / "back.po"
    write_po(units, back)
    assert len(apply_po(back, edited, english, include_fuzzy=True)) == len(units)
    assert english.read_bytes() == article_folder.english.read_bytes()


def test_line_ends_bom_and_a_wrapped_line_are_kept(po_path, units, english):
    first, second = OLD_23.split(". This")
    wrapped = english.read_text(encoding="utf-8").replace(OLD_23, f"{first}.\nThis{second}")
    english.write_bytes(("\ufeff" + wrapped.replace("\n", "\r\n")).encode())
    edit(po_path, {tuid("b23"): NEW_23})

    assert apply_po(po_path, units, english) == [
        Change(tuid("b23"), f"{first}.\r\nThis{second}", NEW_23)
    ]
    expected = wrapped.replace(f"{first}.\nThis{second}", NEW_23)
    assert english.read_bytes() == ("\ufeff" + expected.replace("\n", "\r\n")).encode()


def test_emptied_msgstr_is_an_error_and_en_txt_is_untouched(
    po_path, units, english, article_folder
):
    lines = edit(po_path, {tuid("b23"): NEW_23, tuid("b95"): ""})
    with pytest.raises(TmError) as error:
        apply_po(po_path, units, english)
    assert str(error.value) == (
        f"{po_path}:{lines[tuid('b95')]}: the msgstr of {DOC}:b95 is empty "
        "(put the English back: an empty entry would delete it from en.txt)"
    )
    assert english.read_bytes() == article_folder.english.read_bytes()
    assert sorted(p.name for p in english.parent.iterdir()) == [f"{DOC}.po", "en.txt"]


def test_msgid_of_another_build_is_an_error(po_path, units, english, article_folder):
    po = polib.pofile(str(po_path))
    entry = po.find(tuid("b95"), by="msgctxt")
    entry.msgid, entry.msgstr = "حفظ انحصار حمل و نقل نفت", NEW_95
    po.save()
    with pytest.raises(TmError, match=f"the msgid of {DOC}:b95 is not the unit's source text"):
        apply_po(po_path, units, english)
    assert english.read_bytes() == article_folder.english.read_bytes()


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        pytest.param(("p3",), "5: the English of {tuid} is not found in p3", id="wrong-block"),
        pytest.param(
            ("p11", "p28"), "21: the English of {tuid} is found 2 times in p11 p28", id="twice"
        ),
    ],
)
def test_target_not_found_exactly_once_is_an_error_naming_the_tuid(
    po_path, unit, english, article_folder, blocks, message
):
    moved = dataclasses.replace(unit("b95"), target_blocks=blocks)
    edit(po_path, {moved.tuid: NEW_95})
    with pytest.raises(TmError) as error:
        apply_po(po_path, [moved], english)
    hint = "rebuild the units from this en.txt, or edit it by hand"
    assert str(error.value) == f"{english}:{message.format(tuid=moved.tuid)} ({hint})"
    assert english.read_bytes() == article_folder.english.read_bytes()


def test_block_that_en_txt_does_not_have_is_an_error(po_path, unit, english):
    lost = dataclasses.replace(unit("b95"), target_blocks=("p99",))
    edit(po_path, {lost.tuid: NEW_95})
    with pytest.raises(TmError) as error:
        apply_po(po_path, [lost], english)
    assert str(error.value) == (
        f"{english}: {lost.tuid} names blocks en.txt does not have: p99 (edit en.txt by hand)"
    )


def test_two_edits_of_the_same_text_are_an_error(tmp_path, unit, english):
    second = "This republic could therefore become a powerful economic and political force in the region."
    part = TranslationUnit("x:b23b", "این جمهوری", second, tgtlang="en-GB", target_blocks=("p9",))
    path = tmp_path / "overlap.po"
    write_po([unit("b23"), part], path)
    edit(path, {tuid("b23"): NEW_23, "x:b23b": "The republic could become a force."})
    with pytest.raises(TmError) as error:
        apply_po(path, [unit("b23"), part], english)
    assert str(error.value) == (
        f"{english}:17: {DOC}:b23 and x:b23b change the same text (keep one of the two edits)"
    )


def test_tuid_that_matches_no_unit_is_a_warning(tmp_path, units, english, article_folder):
    stray = TranslationUnit(tuid("b999"), "جمله‌ای دیگر", "Another sentence.", tgtlang="en-GB")
    path = tmp_path / "stray.po"
    write_po([*units, stray], path)
    line = edit(path, {stray.tuid: "A corrected sentence."})[stray.tuid]

    report = apply_po(path, units, english)

    assert report == []
    assert report.warnings == (
        f"line {line}: {DOC}:b999 matches no translation unit (entry left out)",
    )
    assert english.read_bytes() == article_folder.english.read_bytes()


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            HEADER + 'msgctxt "d:b1"\nmsgid "مقدمه"\nmsgstr "Introduct\n',
            '7: not a PO line: msgstr "Introduct (check it with msgfmt --check, or open and '
            "save it in Poedit)",
            id="unclosed-string",
        ),
        pytest.param(
            HEADER + 'msgctxt "d:b1"\nmsgid "مقدمه"\nIntroduction\n',
            "7: not a PO line: Introduction (check it with msgfmt --check, or open and save it "
            "in Poedit)",
            id="stray-text",
        ),
        pytest.param(
            HEADER + 'msgctxt "d:b1"\nmsgstr "Introduction"\n',
            "6: PO syntax error (check it with msgfmt --check, or open and save it in Poedit)",
            id="msgstr-before-msgid",
        ),
        pytest.param(
            HEADER + 'msgid "مقدمه"\nmsgstr "Introduction"\n',
            "5: entry without msgctxt (msgid 'مقدمه'): import-po needs a PO exported by tmkit "
            "(its msgctxt is the unit id) (tmkit export --format po writes one; tmkit check --po "
            "reads any PO)",
            id="no-msgctxt",
        ),
        pytest.param(
            HEADER
            + 'msgctxt "d:b1"\nmsgid "a"\nmsgstr "A"\n\nmsgctxt "d:b1"\nmsgid "b"\nmsgstr "B"\n',
            "9: d:b1 appears twice (first on line 5) (keep one entry a unit)",
            id="duplicate-tuid",
        ),
        pytest.param(
            HEADER.encode() + b'msgctxt "d:b1"\nmsgid "a"\nmsgstr "Caf\xe9"\n',
            "7:12: not UTF-8 (byte 0xe9) (save the file as UTF-8)",
            id="latin-1",
        ),
        pytest.param(
            HEADER.replace("UTF-8", "ISO-8859-6").encode()
            + b'msgctxt "d:b1"\nmsgid "a"\nmsgstr "Caf\xff"\n',
            "7:12: not ISO-8859-6, the charset its header declares (byte 0xff) (save it in the "
            "charset its header declares, or as UTF-8)",
            id="not-in-its-declared-charset",
        ),
        pytest.param(
            HEADER.replace("UTF-8", "windows-1256") + 'msgctxt "d:b1"\nmsgid "مقدمه"\nmsgstr "A"\n',
            "1: its header declares charset=windows-1256 but its text is UTF-8 (make the header "
            "say charset=UTF-8)",
            id="utf8-declared-windows-1256",
        ),
        pytest.param(
            HEADER + 'msgctxt "d:b1"\nmsgid "a"\nmsgstr "A\fB"\n',
            "7:10: control character U+000C (FF) (a form feed (a page break), which this file "
            "cannot hold: delete it)",
            id="form-feed-in-a-msgstr",
        ),
    ],
)
def test_bad_po_is_a_one_line_error_naming_the_line(tmp_path, content, message):
    path = tmp_path / "reviewed.po"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(TmError) as error:
        read_po_targets(path)
    assert str(error.value) == f"{path}:{message}"


def test_missing_po_is_an_error(tmp_path):
    with pytest.raises(TmError) as error:
        read_po_targets(tmp_path / "missing.po")
    assert str(error.value) == f"{tmp_path}/missing.po: cannot read: No such file or directory"


def test_form_feeds_in_en_txt_are_page_breaks_not_line_breaks_on_import(po_path, units, english):
    """A form feed is a page break, not a line break, for the reader (corpus.textfile), so the
    import counts the lines as the reader does."""
    original = english.read_text(encoding="utf-8").split("\n")
    assert original[20].startswith(OLD_95) and OLD_95 in original[54]
    paged = list(original)
    for index in (12, 20, 40):  # page breaks before three paragraphs ahead of b95's
        assert paged[index - 1] == "" and paged[index]  # a paragraph after a blank line
        paged[index] = "\f" + paged[index]
    english.write_text("\n".join(paged), encoding="utf-8")
    edit(po_path, {tuid("b95"): NEW_95})

    assert apply_po(po_path, units, english) == [Change(tuid("b95"), OLD_95, NEW_95)]
    paged[54] = paged[54].replace(OLD_95, NEW_95)  # b95 is p28's; p11 has the same text
    assert english.read_text(encoding="utf-8") == "\n".join(paged)


def test_units_of_two_english_variants_make_one_english_file(tmp_path, unit):
    american = dataclasses.replace(unit("b2"), tgtlang="en-US")
    path = tmp_path / "mixed.po"
    assert write_po([unit("b1"), american], path, language="en") == 2
    po = polib.pofile(str(path))
    assert po.metadata["Language"] == "en"
    assert "language: en-GB" in po[0].comment and "language: en-US" in po[1].comment
