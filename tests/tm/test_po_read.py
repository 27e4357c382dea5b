"""PO files as Poedit, Weblate and gettext write them: ``tmkit check --po`` reads any of them
(:func:`tm.po.read_po`), ``tmkit import-po`` only tmkit's own and never a fuzzy entry unless
asked (:func:`tm.po.import_po`).

The realworld inputs (tests/data/realworld/21-po-plurals-check, 22-po-no-msgctxt-check) are
small files shaped like those of public bug reports; see that folder's README for what is right.
"""

import json
from pathlib import Path

import polib
import pytest

from glossary.checks import check_units
from glossary.model import Domain, Glossary, Term, bundled_glossary_path
from glossary.workbook import write_glossary
from tm.cli import main
from tm.errors import TmError
from tm.po import apply_po, import_po, read_po, read_po_targets, write_po
from tm.unit import TranslationUnit

REALWORLD = Path(__file__).parents[1] / "data" / "realworld"
PLURALS = REALWORLD / "21-po-plurals-check" / "plurals.po"
NO_MSGCTXT = REALWORLD / "22-po-no-msgctxt-check" / "app.po"
GLOSSARY = Glossary(
    (
        Term("persian-gulf", "geo", "خلیج فارس", "Persian Gulf", forbidden=("Arabian Gulf",)),
        Term("strait-of-hormuz", "geo", "تنگه هرمز", "Strait of Hormuz"),
    ),
    (Domain("geo", "Geopolitics"),),
)
HEADER = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)


def findings(units):
    return sorted((f.rule, f.tuid) for f in check_units(units, GLOSSARY))


@pytest.fixture
def glossary_path(tmp_path):
    path = tmp_path / "terms.xlsx"
    write_glossary(GLOSSARY, path)
    return path


def po_file(tmp_path, body: str, name: str = "app.po") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# realworld 21: plural entries with both forms filled (CRLF, Plural-Forms header)


def test_realworld_plurals_each_form_is_a_unit_against_msgid_or_msgid_plural():
    assert PLURALS.read_bytes().count(b"\r\n") > 10  # the file is CRLF
    units = read_po(PLURALS)
    assert [(u.tuid, u.source, u.target) for u in units] == [
        ("files-deleted[0]", "%d فایل حذف شد.", "%d file deleted."),
        ("files-deleted[1]", "%d فایل حذف شدند.", "%d files deleted."),
        ("ships[0]", "%d کشتی از تنگه هرمز گذشت.", "%d ship passed through the channel."),
        ("ships[1]", "%d کشتی از تنگه هرمز گذشتند.", "%d ships passed through the channel."),
        ("plain", "خلیج فارس", "Persian Gulf"),
    ]


def test_realworld_plurals_no_untranslated_finding_and_each_form_checked():
    # both forms render تنگه هرمز as "the channel": each form is a term-missing error
    assert findings(read_po(PLURALS)) == [
        ("term-missing", "ships[0]"),
        ("term-missing", "ships[1]"),
    ]


def test_a_wrong_term_in_one_plural_form_only_is_found_in_that_form(tmp_path):
    path = po_file(
        tmp_path,
        'msgctxt "ships"\n'
        'msgid "%d کشتی از تنگه هرمز گذشت."\n'
        'msgid_plural "%d کشتی از تنگه هرمز گذشتند."\n'
        'msgstr[0] "%d ship passed through the Strait of Hormuz."\n'
        'msgstr[1] "%d ships passed through the Arabian Gulf."\n',
    )
    assert findings(read_po(path)) == [
        ("term-forbidden", "ships[1]"),
        ("term-missing", "ships[1]"),
    ]


def test_an_empty_plural_form_is_untranslated_and_the_filled_one_is_not(tmp_path):
    path = po_file(
        tmp_path,
        'msgctxt "gulf"\nmsgid "%d بندر در خلیج فارس"\nmsgid_plural "%d بندر در خلیج فارس"\n'
        'msgstr[0] "%d port on the Persian Gulf"\nmsgstr[1] ""\n',
    )
    assert [f for f in findings(read_po(path)) if f[0] == "untranslated"] == [
        ("untranslated", "gulf[1]")
    ]


def test_a_plural_form_the_header_counts_but_the_entry_lacks_is_untranslated(tmp_path):
    path = po_file(
        tmp_path,
        'msgctxt "gulf"\nmsgid "%d بندر در خلیج فارس"\nmsgid_plural "%d بندر در خلیج فارس"\n'
        'msgstr[0] "%d port on the Persian Gulf"\n',
    )
    assert [(u.tuid, u.target) for u in read_po(path)] == [
        ("gulf[0]", "%d port on the Persian Gulf"),
        ("gulf[1]", ""),
    ]
    assert ("untranslated", "gulf[1]") in findings(read_po(path))


def test_check_cli_reads_the_realworld_plurals(glossary_path, capsys):
    args = ["check", "--glossary", str(glossary_path), "--po", str(PLURALS), "--format", "json"]
    assert main(args) == 1
    out = json.loads(capsys.readouterr().out)
    assert sorted((f["rule"], f["tuid"]) for f in out) == [
        ("term-missing", "ships[0]"),
        ("term-missing", "ships[1]"),
    ]


# realworld 22: an ordinary PO without msgctxt on some entries


def test_realworld_no_msgctxt_entries_are_named_by_reference_or_context():
    units = read_po(NO_MSGCTXT)
    assert [(u.tuid, u.source, u.target) for u in units] == [
        ("src/app.c:12", "تنگه هرمز بسته شد.", "The channel of Hormuz was closed."),
        ("menu", "بستن", "Close"),
        ("door", "بستن", "Shut"),
    ]


def test_check_cli_checks_the_realworld_po_without_msgctxt(glossary_path, capsys):
    args = ["check", "--po", str(NO_MSGCTXT), "--format", "json"]
    assert main([*args, "--glossary", str(glossary_path)]) == 1
    captured = capsys.readouterr()
    # the same msgid in two contexts (menu "Close", door "Shut"): the contexts are there to
    # allow two translations, so no inconsistent-translation
    assert sorted((f["rule"], f["tuid"]) for f in json.loads(captured.out)) == [
        ("term-missing", "src/app.c:12"),
    ]
    assert captured.err.splitlines() == ["1 error in 1 unit (term-missing 1)"]
    bundled = ["--glossary", str(bundled_glossary_path())]
    assert main([*args, *bundled]) == 0
    assert main([*args, *bundled, "--fail-on", "warning"]) == 0


def test_entry_without_msgctxt_or_reference_is_named_by_its_first_line_a_repeated_id_too(tmp_path):
    path = po_file(
        tmp_path,
        'msgid "خلیج فارس"\nmsgstr "Persian Gulf"\n\n'
        'msgctxt "menu"\nmsgid "بستن"\nmsgstr "Close"\n\n'
        'msgctxt "menu"\nmsgid "باز کردن"\nmsgstr "Open"\n\n'
        '#: src/a.c:3 src/b.c:9\nmsgid "یک"\nmsgstr "One"\n\n'
        '#: src/a.c:3\nmsgid "دو"\nmsgstr "Two"\n',
    )
    assert [u.tuid for u in read_po(path)] == [
        "line 7",
        "menu",
        "menu (line 14)",
        "src/a.c:3",
        "src/a.c:3 (line 22)",
    ]


# fuzzy, obsolete, direction


def test_fuzzy_entries_are_checked_flagged_and_named_on_stderr(tmp_path, glossary_path, capsys):
    path = po_file(
        tmp_path,
        '#, fuzzy\nmsgctxt "strait"\nmsgid "تنگه هرمز"\nmsgstr "the channel"\n\n'
        'msgctxt "gulf"\nmsgid "خلیج فارس"\nmsgstr "Persian Gulf"\n',
    )
    assert [(u.tuid, u.flag) for u in read_po(path)] == [("strait", "fuzzy"), ("gulf", "")]
    assert main(["check", "--glossary", str(glossary_path), "--po", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"term-missing  {path}: strait" in captured.out
    assert captured.err.splitlines() == [
        f"tmkit: warning: {path}: 1 fuzzy units (not yet reviewed) checked like the others: strait"
    ]


def test_obsolete_entries_are_left_out_and_crlf_is_read(tmp_path):
    path = tmp_path / "app.po"
    body = (
        '#: src/app.c:1\nmsgid "خلیج فارس"\nmsgstr "Persian Gulf"\n\n'
        '#~ msgid "تنگه هرمز"\n#~ msgstr "the channel"\n\n'
        '#~ msgid "%d کشتی"\n#~ msgid_plural "%d کشتی"\n#~ msgstr[0] "%d ship"\n'
        '#~ msgstr[1] "%d ships"\n'
    )
    path.write_bytes((HEADER + body).replace("\n", "\r\n").encode())
    assert [(u.tuid, u.target) for u in read_po(path)] == [("src/app.c:1", "Persian Gulf")]


def test_a_po_translated_into_persian_has_its_persian_in_msgstr(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fa_IR\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "The Strait of Hormuz was closed."\nmsgstr "تنگه هرمز بسته شد."\n\n'
        'msgid "%d ship"\nmsgid_plural "%d ships"\nmsgstr[0] "%d کشتی"\nmsgstr[1] "%d کشتی"\n',
        encoding="utf-8",
    )
    assert [(u.tuid, u.source, u.target) for u in read_po(path)] == [
        ("line 6", "تنگه هرمز بسته شد.", "The Strait of Hormuz was closed."),
        ("line 9[0]", "%d کشتی", "%d ships"),  # plural=(n > 1): form 0 is n = 0 and 1
        ("line 9[1]", "%d کشتی", "%d ships"),
    ]


@pytest.mark.parametrize("language", ["fa_IR.UTF-8", "fa_IR@latin", "fa.utf8"])
def test_a_posix_locale_as_the_language_is_read_as_its_language(tmp_path, language):
    # gettext and Linux tools write a POSIX locale name; its .codeset and @modifier are dropped
    path = tmp_path / "fa.po"
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n\n'
        'msgid "The Strait of Hormuz was closed."\nmsgstr "تنگه هرمز بسته شد."\n',
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_po(path)] == [
        ("تنگه هرمز بسته شد.", "The Strait of Hormuz was closed.")
    ]


@pytest.mark.parametrize("charset", ["windows-1256", "CP1256", "cp1256"])
def test_a_po_is_read_in_the_charset_its_header_declares(tmp_path, charset):
    path = tmp_path / "fa.po"
    path.write_bytes(
        (
            f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
            'msgid "تنگه"\nmsgstr "strait"\n'
        ).encode(charset)
    )
    assert [(u.source, u.target) for u in read_po(path)] == [("تنگه", "strait")]


def test_an_unknown_charset_placeholder_reads_as_utf8(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n\n'
        'msgid "تنگه"\nmsgstr "strait"\n',
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_po(path)] == [("تنگه", "strait")]


def test_without_a_language_the_side_in_arabic_script_is_the_persian(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid "Persian Gulf"\nmsgstr "خلیج فارس"\n', encoding="utf-8")
    assert [(u.source, u.target) for u in read_po(path)] == [("خلیج فارس", "Persian Gulf")]


@pytest.mark.parametrize(
    "header",
    [
        "",
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n',
    ],
)
def test_check_of_a_po_without_persian_is_one_line_and_exit_2(
    tmp_path, glossary_path, capsys, header
):
    # a German PO (Language de, or none and no Persian text): "no findings" would be a false pass
    path = tmp_path / "de.po"
    path.write_text(header + 'msgid "Hello"\nmsgstr "Hallo"\n', encoding="utf-8")
    with pytest.raises(TmError, match="no Persian"):
        read_po(path)
    assert main(["check", "--glossary", str(glossary_path), "--po", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"tmkit: error: {path}: no Persian: ")


def test_check_of_a_file_without_units_says_0_units_checked(tmp_path, glossary_path, capsys):
    po = tmp_path / "header.po"  # a PO of its header alone: "no findings" would read as a pass
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
        encoding="utf-8",
    )
    tmx = tmp_path / "empty.tmx"
    tmx.write_text('<tmx version="1.4"><header srclang="fa"/><body/></tmx>', encoding="utf-8")
    args = ["check", "--glossary", str(glossary_path), "--po", str(po), "--tmx", str(tmx)]
    assert main(args) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"tmkit: warning: {tmx}: 0 units checked: it has no tu",
        f"tmkit: warning: {po}: 0 units checked: it has no entry but the header",
    ]


def test_an_untranslated_po_into_persian_is_not_refused(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fa\\n"\n\nmsgid "Persian Gulf"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_po(path)] == [("", "Persian Gulf")]


def inconsistent(path: Path) -> list[str]:
    return [tuid for rule, tuid in findings(read_po(path)) if rule == "inconsistent-translation"]


def test_one_msgid_in_different_contexts_may_be_translated_differently(tmp_path):
    path = po_file(
        tmp_path,
        'msgctxt "menu"\nmsgid "بستن"\nmsgstr "Close"\n\n'
        'msgctxt "door"\nmsgid "بستن"\nmsgstr "Shut"\n\n'
        '#: a.c:1\nmsgid "بستن"\nmsgstr "Close"\n\n'
        '#: b.c:2\nmsgid "بستن"\nmsgstr "End"\n',
    )
    assert [(u.tuid, u.context) for u in read_po(path)] == [
        ("menu", "menu"), ("door", "door"), ("a.c:1", ""), ("b.c:2", ""),
    ]  # fmt: skip
    # across contexts nothing; without a context (a.c, b.c) the two translations still differ
    assert inconsistent(path) == ["a.c:1", "b.c:2"]


def test_tmkits_own_export_msgctxt_is_a_unit_id_not_a_context(tmp_path):
    path = tmp_path / "review.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Project-Id-Version: tmkit 0.1\\n"\n"Language: en\\n"\n\n'
        'msgctxt "doc:b1"\nmsgid "بستن"\nmsgstr "Close"\n\n'
        'msgctxt "doc:b2"\nmsgid "بستن"\nmsgstr "Shut"\n',
        encoding="utf-8",
    )
    assert inconsistent(path) == ["doc:b1", "doc:b2"]


def test_the_plural_forms_of_one_entry_are_not_compared_with_each_other(tmp_path):
    # a PO translated into Persian: both forms of the entry are the same Persian, "%d کشتی"
    path = tmp_path / "reverse-en-fa.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fa_IR\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "The strait is closed."\nmsgstr "تنگه بسته است."\n\n'
        'msgid "%d ship"\nmsgid_plural "%d ships"\nmsgstr[0] "%d کشتی"\nmsgstr[1] "%d کشتی"\n',
        encoding="utf-8",
    )
    assert inconsistent(path) == []
    # translated into Persian, a unit's source is its English: two English sources with the
    # same Persian are no inconsistency (keyed on the Persian, they were)
    with path.open("a", encoding="utf-8") as po:
        po.write('\nmsgid "%d vessel"\nmsgstr "%d کشتی"\n')
    assert inconsistent(path) == []
    # another entry with the forms' English is compared with each (n = 0 takes form 0 too:
    # its English is the plural's)
    with path.open("a", encoding="utf-8") as po:
        po.write('\nmsgid "%d ships"\nmsgstr "%d کشتی‌ها"\n')
    assert inconsistent(path) == ["line 17", "line 9[0]", "line 9[1]"]


# import-po: fuzzy entries need review, a PO without msgctxt is not tmkit's


def units_and_english(tmp_path):
    units = [
        TranslationUnit("d:b1", "خلیج فارس", "The Persian Gulf.", target_blocks=("p1",)),
        TranslationUnit("d:b2", "تنگه هرمز", "The channel.", target_blocks=("p2",), flag="length"),
    ]
    english = tmp_path / "en.txt"
    english.write_text("The Persian Gulf.\n\nThe channel.\n", encoding="utf-8")
    return units, english


def test_import_leaves_out_an_edited_fuzzy_entry_unless_include_fuzzy(tmp_path):
    units, english = units_and_english(tmp_path)
    po_path = tmp_path / "review.po"
    write_po(units, po_path)
    po = polib.pofile(str(po_path))
    for entry in po:  # edited, but the fuzzy flag tmkit set on the flagged bead is still there
        entry.msgstr = entry.msgstr.replace("channel", "Strait of Hormuz")
    po.save()
    report = apply_po(po_path, units, english)
    assert (list(report), report.fuzzy_skipped) == ([], ("d:b2",))
    assert english.read_text(encoding="utf-8") == "The Persian Gulf.\n\nThe channel.\n"
    assert read_po_targets(po_path, include_fuzzy=False) == {"d:b1": "The Persian Gulf."}
    report = import_po(po_path, [(units, english)], include_fuzzy=True)
    assert ([c.tuid for c in report], report.fuzzy_skipped) == (["d:b2"], ())
    assert english.read_text(encoding="utf-8") == "The Persian Gulf.\n\nThe Strait of Hormuz.\n"


def test_import_of_a_reviewed_entry_whose_flag_was_removed(tmp_path):
    units, english = units_and_english(tmp_path)
    po_path = tmp_path / "review.po"
    write_po(units, po_path)
    po = polib.pofile(str(po_path))
    entry = po.find("d:b2", by="msgctxt")
    entry.msgstr, entry.flags = "The Strait of Hormuz.", []  # as Poedit saves an edit
    po.save()
    assert [c.tuid for c in apply_po(po_path, units, english)] == ["d:b2"]


def test_import_reads_a_crlf_po_and_ignores_obsolete_entries(tmp_path):
    units, english = units_and_english(tmp_path)
    po_path = tmp_path / "review.po"
    text = (
        HEADER + 'msgctxt "d:b1"\nmsgid "خلیج فارس"\nmsgstr "The Gulf."\n\n'
        '#~ msgctxt "d:b2"\n#~ msgid "تنگه هرمز"\n#~ msgstr "Hormuz."\n'
    )
    po_path.write_bytes(text.replace("\n", "\r\n").encode())
    assert [(c.tuid, c.new) for c in apply_po(po_path, units, english)] == [("d:b1", "The Gulf.")]


def test_import_refuses_a_po_without_msgctxt():
    with pytest.raises(TmError) as error:
        read_po_targets(NO_MSGCTXT)
    assert str(error.value) == (
        f"{NO_MSGCTXT}:9: entry without msgctxt (msgid 'تنگه هرمز بسته شد.'): import-po needs "
        "a PO exported by tmkit (its msgctxt is the unit id) (tmkit export --format po writes "
        "one; tmkit check --po reads any PO)"
    )


def test_a_second_import_of_the_same_po_is_not_refused_for_what_the_first_wrote(tmp_path, capsys):
    # import-po, then import-po --include-fuzzy of the same PO: en.txt changed since the export,
    # but only by that PO's own first import; an edit by hand after it is still refused
    root = tmp_path / "project"
    assert main(["init", "--example", str(root)]) == 0
    project = ["--project", str(root)]
    po_path = tmp_path / "reviewed.po"
    assert main(["export", *project, "--format", "po", "-o", str(po_path)]) == 0
    po = polib.pofile(str(po_path))
    reviewed = next(e for e in po if e.msgstr == "Russia has taken steps towards Azerbaijan.")
    reviewed.msgstr, reviewed.flags = "Russia has taken steps towards Baku.", []
    fuzzy = next(e for e in po if e.msgstr and e is not reviewed and not e.flags)
    old_fuzzy = fuzzy.msgstr
    fuzzy.msgstr, fuzzy.flags = fuzzy.msgstr.rstrip(".") + " (reviewed).", ["fuzzy"]
    po.save(str(po_path))
    english = root / "texts" / "caucasus-oil-policy" / "en.txt"
    capsys.readouterr()
    assert main(["import-po", *project, str(po_path)]) == 0
    assert "1 English sentences changed" in capsys.readouterr().out
    assert main(["import-po", *project, str(po_path), "--include-fuzzy"]) == 0
    assert "1 English sentences changed" in capsys.readouterr().out
    text = english.read_text(encoding="utf-8")
    assert "towards Baku." in text and fuzzy.msgstr in text
    assert main(["import-po", *project, str(po_path), "--include-fuzzy"]) == 0  # nothing left
    assert "0 English sentences changed" in capsys.readouterr().out

    # a PO from the same export that still has the old text would undo the first import
    other = tmp_path / "other.po"
    po.find(fuzzy.msgctxt, by="msgctxt").msgstr = old_fuzzy
    po.save(str(other))
    assert main(["import-po", *project, str(other), "--include-fuzzy"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "en.txt changed since this PO was exported" in err
    assert english.read_text(encoding="utf-8") == text

    # an edit by hand after the imports is a change from outside: refused as before
    english.write_text(text.replace("towards Baku.", "towards Baku!"), encoding="utf-8")
    po.find(fuzzy.msgctxt, by="msgctxt").msgstr = fuzzy.msgstr + " Again."
    po.save(str(po_path))
    assert main(["import-po", *project, str(po_path), "--include-fuzzy"]) == 2
    assert "en.txt changed since this PO was exported" in capsys.readouterr().err


def test_import_po_cli_fuzzy_entries_and_a_po_without_msgctxt(review_po, capsys):
    root, project, po_path = review_po
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgstr == "Russia has taken steps towards Azerbaijan.")
    entry.msgstr = "Russia has taken steps towards the Republic of Azerbaijan."
    entry.flags = ["fuzzy"]  # the translator marked it "needs work"
    po.save(str(po_path))
    english = root / "texts" / "caucasus-oil-policy" / "en.txt"
    before = english.read_bytes()
    capsys.readouterr()
    assert main(["import-po", *project, str(po_path)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"tmkit: warning: {po_path}: 1 fuzzy entries not imported (not yet reviewed: remove the "
        f"fuzzy flag, or give --include-fuzzy): {entry.msgctxt}"
    ]
    assert "0 English sentences changed" in captured.out
    assert english.read_bytes() == before
    assert main(["import-po", *project, str(po_path), "--include-fuzzy"]) == 0
    assert "1 English sentences changed" in capsys.readouterr().out
    assert b"towards the Republic of Azerbaijan." in english.read_bytes()

    assert main(["import-po", *project, str(NO_MSGCTXT)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith(f"tmkit: error: {NO_MSGCTXT}:9: entry without msgctxt")
    assert "import-po needs a PO exported by tmkit (its msgctxt is the unit id)" in err[-1]


# inconsistent-translation across PO files


def _po_in(tmp_path, name: str, language: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n'
        f'"Content-Type: text/plain; charset=UTF-8\\n"\n\n{body}',
        encoding="utf-8",
    )
    return path


def test_check_compares_po_targets_of_one_language_only_and_names_the_other_file(
    tmp_path, glossary_path, capsys
):
    us = _po_in(tmp_path, "a_en_US.po", "en_US", 'msgid "رنگ"\nmsgstr "color"\n')
    gb = _po_in(tmp_path, "b_en_GB.po", "en_GB", 'msgid "رنگ"\nmsgstr "colour"\n')
    us2 = _po_in(tmp_path, "c_en_US.po", "en-US", 'msgid "رنگ"\nmsgstr "colour"\n')
    assert [u.tgtlang for u in read_po(us) + read_po(gb) + read_po(us2)] == [
        "en-US",
        "en-GB",
        "en-US",
    ]
    args = ["check", "--glossary", str(glossary_path), "--format", "json", "--po"]
    assert main([*args, str(us), str(gb)]) == 0  # en-US color, en-GB colour: variants
    assert json.loads(capsys.readouterr().out) == []
    assert main([*args, str(us), str(gb), str(us2)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted((f["tuid"], f["message"]) for f in out) == [
        ("line 6", f"the same source is translated differently in line 6 ({us})"),
        ("line 6", f"the same source is translated differently in line 6 ({us2})"),
    ]
    assert {f["rule"] for f in out} == {"inconsistent-translation"}


def test_inconsistent_entries_of_one_file_are_named_without_it(tmp_path, glossary_path, capsys):
    path = _po_in(
        tmp_path,
        "a.po",
        "en_GB",
        'msgid "رنگ"\nmsgstr "colour"\n\n#: x.c:1\nmsgid "رنگ"\nmsgstr "hue"\n',
    )
    args = ["check", "--glossary", str(glossary_path), "--format", "json", "--po", str(path)]
    assert main(args) == 0
    messages = sorted(f["message"] for f in json.loads(capsys.readouterr().out))
    assert messages == [
        "the same source is translated differently in line 6",
        "the same source is translated differently in x.c:1",
    ]


# which source form a plural form translates: the header's plural formula, evaluated safely

PLURAL_FA = Path(__file__).parents[1] / "data" / "po" / "plural-fa.po"  # a tester's file


def test_a_single_plural_form_is_compared_with_msgid_plural(glossary_path, capsys):
    # Persian: nplurals=1; plural=0; the one form stands for every n, "%d" included
    units = read_po(PLURAL_FA)
    assert [(u.tuid, u.target) for u in units] == [
        ("src/b.c:3[0]", "%d tankers left Atyrau"),
        ("src/b.c:5[0]", "%d pipelines"),
    ]
    assert main(["check", "--po", str(PLURAL_FA), "--glossary", str(glossary_path)]) == 0
    assert "number-mismatch" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("plural_forms", "sources"),
    [
        ("nplurals=2; plural=(n != 1);", ["one", "many", "many"]),  # English, German
        ("nplurals=2; plural=n>1;", ["many", "many", "many"]),  # French: form 0 is 0 and 1
        (  # Russian: form 0 is 1, 21, 31 …
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);",
            ["many", "many", "many"],
        ),
        ("nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;", ["one", "many", "many"]),
        # not gettext's expression language: never run, gettext's order assumed
        ("nplurals=3; plural=__import__('os').getpid();", ["one", "many", "many"]),
        ("nplurals=3; plural=n % 0;", ["one", "many", "many"]),
        ("nplurals=3;", ["one", "many", "many"]),
    ],
)
def test_each_plural_form_is_compared_with_the_source_form_it_translates(
    tmp_path, plural_forms, sources
):
    path = tmp_path / "fa.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: fa\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n\n'
        'msgid "one"\nmsgid_plural "many"\n'
        'msgstr[0] "یک"\nmsgstr[1] "دو"\nmsgstr[2] "سه"\n',
        encoding="utf-8",
    )
    assert [u.target for u in read_po(path)] == sources


# what polib reads but msgfmt refuses: one line naming the file and line (testers' files)

BAD_PO = Path(__file__).parents[1] / "data" / "po"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("badesc.po", ":5: invalid escape '\\q' (msgfmt: invalid control sequence)"),
        ("noplural.po", ":5: msgstr[n] without msgid_plural"),
    ],
)
def test_what_msgfmt_refuses_is_an_error_naming_the_line(glossary_path, capsys, name, message):
    path = BAD_PO / name
    assert main(["check", "--po", str(path), "--glossary", str(glossary_path)]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {path}{message} (check it with msgfmt --check, or open and save it "
        "in Poedit)\n"
    )


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('msgid "a \\?"\nmsgstr "b"\n', 7),
        ('msgid "a"\nmsgstr ""\n"\\e"\n', 9),
        ('msgctxt "x"\nmsgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 7),
    ],
)
def test_other_po_that_msgfmt_refuses_is_an_error(tmp_path, body, line):
    path = po_file(tmp_path, body)
    with pytest.raises(TmError) as error:
        read_po(path)
    assert f"{path}:{line}:" in str(error.value)


def test_the_escapes_msgfmt_accepts_are_read(tmp_path):
    path = po_file(tmp_path, 'msgid "a\\t\\"b\\\\ \\x41 \\101"\nmsgstr "آ"\n')
    assert len(read_po(path)) == 1
