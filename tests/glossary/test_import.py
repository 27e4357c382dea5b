"""`tmkit glossary import` of other tools' files: TBX exports, merged workbook cells, CSV/TSV term
lists as Excel and LibreOffice save them, and TICO-19's terminology lists (tests/data/realworld/
README.md says what is right for each realworld input)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from glossary.csvimport import read_term_list, separator, separator_line
from glossary.model import GlossaryError, Status
from glossary.tbx import read_tbx
from glossary.workbook import load_glossary
from tm.cli import main

DATA = Path(__file__).parents[1] / "data"
REALWORLD = DATA / "realworld"
TICO = DATA / "tico19"


def imported(source: Path, target: Path, *options: str) -> int:
    return main(["glossary", "import", str(source), "-o", str(target), *options])


def accepted(workbook: Path, capsys) -> None:
    """The workbook passes lint without errors and dumps without invalid cells."""
    assert main(["glossary", "lint", str(workbook)]) == 0
    assert " 0 errors" in " " + capsys.readouterr().out.splitlines()[-1]
    assert main(["glossary", "dump", str(workbook)]) == 0
    assert "invalid" not in capsys.readouterr().out


# TBX


def test_termweb_statuses_without_the_admn_sts_suffix(tmp_path, capsys):
    target = tmp_path / "terms.xlsx"
    assert imported(REALWORLD / "08-tbx-termweb-status" / "termweb-style.tbx", target) == 0
    (term,) = load_glossary(target).terms
    assert (term.id, term.domain, term.fa, term.en) == ("c10", "geography", "تنگه", "strait")
    assert term.status is Status.APPROVED  # preferred
    assert term.en_variants == ("straits",)  # admitted
    assert term.forbidden == ("channel",)  # notRecommended
    assert term.note == "definition: a narrow passage of water that connects two seas"
    accepted(target, capsys)


MULTITERM = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en-US"><text><body>
<termEntry id="e1">
  <descrip type="subjectField">Maritime</descrip>
  <descrip type="definition">narrow waterway</descrip>
  <note>Checked by legal</note>
  <transacGrp><transac type="transactionType">origination</transac><date>2020-01-01</date>
  </transacGrp>
  <langSet xml:lang="FA">
    <ntig><termGrp><term>تنگه</term><termNote type="administrativeStatus">preferredTerm-admn-sts
    </termNote></termGrp></ntig>
  </langSet>
  <langSet xml:lang="EN-GB">
    <descrip type="definition">a sea passage</descrip>
    <ntig><termGrp><term>strait</term><termNote type="termType">fullForm</termNote></termGrp>
      <descrip type="context">The strait was closed.</descrip></ntig>
    <tig><term>channel</term><termNote type="normativeAuthorization">deprecatedTerm-admn-sts
    </termNote><note>older charts</note></tig>
  </langSet>
  <langSet xml:lang="de"><tig><term>Meerenge</term></tig></langSet>
</termEntry>
</body></text></martif>
"""
TBX_V3_DEFINITIONS = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="k1">
  <descripGrp><descrip type="definition">a tube carrying oil</descrip>
    <admin type="source">ISO 1</admin></descripGrp>
  <langSec xml:lang="fa"><descrip type="definition">لوله‌ای برای نفت</descrip>
    <termSec><term>خط لوله</term><descrip type="context">خط لوله بسته شد.</descrip></termSec>
  </langSec>
  <langSec xml:lang="en"><termSec><term>pipeline</term>
    <descripGrp><descrip type="context">The pipeline was closed.</descrip></descripGrp></termSec>
  </langSec>
</conceptEntry></body></text></tbx>
"""


def test_definitions_and_contexts_of_a_multiterm_export_are_kept_in_the_note(tmp_path, capsys):
    path = tmp_path / "multiterm.tbx"
    path.write_text(MULTITERM, encoding="utf-8")
    target = tmp_path / "terms.xlsx"
    assert imported(path, target) == 0
    (term,) = load_glossary(target).terms
    assert term.note.split("\n") == [
        "Checked by legal",
        "definition: narrow waterway",
        "definition (en): a sea passage",
        "context (strait): The strait was closed.",
        "note (channel): older charts",
    ]
    assert (term.en, term.forbidden) == ("strait", ("channel",))  # normativeAuthorization
    # what the workbook has no field for is named on stderr, never dropped silently
    err = capsys.readouterr().err
    assert (
        'not imported (the workbook has no field for them): <langSet xml:lang="de"> ×1, '
        '<termNote type="termType"> ×1, <transacGrp> ×1'
    ) in err


def test_definitions_and_contexts_of_tbx_v3_at_every_level_are_kept(tmp_path):
    path = tmp_path / "v3.tbx"
    path.write_text(TBX_V3_DEFINITIONS, encoding="utf-8")
    left_out: Counter[str] = Counter()
    (term,) = read_tbx(path, left_out=left_out).terms
    assert term.note.split("\n") == [
        "definition: a tube carrying oil",
        "definition (fa): لوله‌ای برای نفت",
        "context (خط لوله): خط لوله بسته شد.",
        "context (pipeline): The pipeline was closed.",
    ]
    assert term.source == "ISO 1" and not left_out


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="old">
      <langSec xml:lang="fa-IR"><termSec><term>نفت‌کش</term>
        <termNote type="administrativeStatus">{fa_status}</termNote></termSec></langSec>
      <langSec xml:lang="en-GB"><termSec><term>tanker</term>
        <termNote type="administrativeStatus">{fa_status}</termNote></termSec>
        <termSec><term>oiler</term>
        <termNote type="administrativeStatus">{en_status}</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


@pytest.mark.parametrize(
    ("fa_status", "en_status", "status", "variants", "forbidden"),
    [
        ("preferred", "admitted", Status.APPROVED, ("oiler",), ()),
        ("Preferred", "deprecated", Status.APPROVED, (), ("oiler",)),
        ("preferredTerm-admn-sts", "notRecommended", Status.APPROVED, (), ("oiler",)),
        ("admitted", "admittedTerm-admn-sts", Status.PROPOSED, ("oiler",), ()),
        ("superseded", "superseded", Status.DEPRECATED, ("oiler",), ()),
        ("supersededTerm-admn-sts", "deprecatedTerm-admn-sts", Status.DEPRECATED, (), ("oiler",)),
    ],
)
def test_status_values_with_and_without_the_suffix(
    tmp_path, fa_status, en_status, status, variants, forbidden
):
    path = tmp_path / "v3.tbx"
    path.write_text(TBX_V3.format(fa_status=fa_status, en_status=en_status), encoding="utf-8")
    (term,) = read_tbx(path).terms
    assert (term.fa, term.en, term.status) == ("نفت‌کش", "tanker", status)
    assert (term.en_variants, term.forbidden) == (variants, forbidden)


def test_ntig_with_plain_status_names(tmp_path):
    path = tmp_path / "ntig.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="e1"><langSet xml:lang="fa"><ntig><termGrp><term>خلیج</term>'
        '<termNote type="administrativeStatus">preferred</termNote></termGrp></ntig></langSet>'
        '<langSet xml:lang="en"><ntig><termGrp><term>gulf</term></termGrp></ntig>'
        '<ntig><termGrp><term>bay</term><termNote type="administrativeStatus">notRecommended'
        "</termNote></termGrp></ntig></langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    (term,) = read_tbx(path).terms
    assert (term.fa, term.en, term.forbidden, term.status) == ("خلیج", "gulf", ("bay",), "approved")


def test_a_tbx_without_subject_fields_gets_the_default_domain(tmp_path, capsys):
    folder = REALWORLD / "09-tbx-no-subjectfield"
    target = tmp_path / "terms.xlsx"
    assert imported(folder / "plain.tbx", target) == 0
    glossary = load_glossary(target)
    assert [(t.id, t.domain) for t in glossary.terms] == [("c5", "general"), ("c6", "general")]
    assert [d.id for d in glossary.domains] == ["general"]
    accepted(target, capsys)
    # the glossary is used: "strait" is missing from "…passed through the channel."
    assert main(["check", "--tmx", str(folder / "tm.tmx"), "--glossary", str(target)]) == 1
    assert "term-missing" in capsys.readouterr().out
    other = tmp_path / "other.xlsx"
    assert imported(folder / "plain.tbx", other, "--domain", "geography") == 0
    assert {t.domain for t in load_glossary(other).terms} == {"geography"}


def test_concepts_without_persian_or_english_are_skipped_and_named(tmp_path, capsys):
    path = tmp_path / "partial.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><text><body>'
        '<termEntry id="ok"><langSet xml:lang="fa"><tig><term>خلیج</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>gulf</term></tig></langSet></termEntry>'
        '<termEntry id="de-only"><langSet xml:lang="de"><tig><term>Golf</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>gulf</term></tig></langSet></termEntry>'
        '<termEntry id="fa-only"><langSet xml:lang="fa"><tig><term>تنگه</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="has no Persian term"):
        read_tbx(path)
    target = tmp_path / "terms.xlsx"
    assert imported(path, target) == 0
    assert "2 concepts skipped" in capsys.readouterr().err
    assert [t.id for t in load_glossary(target).terms] == ["ok"]
    skipped: list[str] = []
    read_tbx(path, skipped=skipped)
    assert skipped == ["de-only", "fa-only"]


TBX_V3_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
    'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
)
TBX_V3_TAIL = "</body></text></tbx>\n"
PERSIAN_TAGS = ["fa", "fa-IR", "fa_IR", "FA-ir", "FA", "pes", "pes-IR", "per", "fas", "prs"]
PERSIAN_TAGS += ["fa_IR.UTF-8", "fa_IR@latin", "fa_IR.utf8@euro"]  # POSIX locale names


@pytest.mark.parametrize("tag", PERSIAN_TAGS)
def test_every_persian_language_tag_is_read_as_persian_in_a_tbx(tmp_path, tag):
    # the same tags are Persian in a TBX as in a CSV list, a TMX or a PO (corpus.languages)
    path = tmp_path / "tag.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en-US"><text><body>'
        f'<termEntry id="e1"><langSet xml:lang="{tag}"><tig><term>خلیج</term></tig></langSet>'
        '<langSet xml:lang="EN-us"><tig><term>gulf</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    (term,) = read_tbx(path).terms
    assert (term.id, term.fa, term.en) == ("e1", "خلیج", "gulf")


@pytest.mark.parametrize("tag", PERSIAN_TAGS)
def test_every_persian_language_tag_is_read_as_persian_in_a_csv_list(tmp_path, tag):
    source = tmp_path / "list.csv"
    source.write_text(
        f"id,sourceLang,targetLang,sourceString,targetString\n1,en-US,{tag},gulf,خلیج\n",
        encoding="utf-8",
    )
    (term,) = read_term_list(source).glossary.terms
    assert (term.fa, term.en) == ("خلیج", "gulf")


def nothing_written(target: Path, capsys, message: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not target.exists() and not list(target.parent.glob(f".{target.name}*"))


def test_a_tbx_without_persian_is_one_error_and_nothing_is_written(tmp_path, capsys):
    # a German/English TBX (Persian-looking terms under xml:lang="de" do not make it Persian)
    path = tmp_path / "de-en.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en-US"><text><body>'
        '<termEntry id="e1"><langSet xml:lang="de"><tig><term>Meerenge</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>strait</term></tig></langSet></termEntry>'
        '<termEntry id="e2"><langSet xml:lang="de"><tig><term>خلیج</term></tig></langSet>'
        '<langSet xml:lang="en-US"><tig><term>gulf</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=r"no Persian: .* \(languages: de, en, en-US\)"):
        read_tbx(path, skipped=[])
    target = tmp_path / "terms.xlsx"
    assert imported(path, target) == 2
    nothing_written(target, capsys, f"{path}: no Persian: none of its 2 entries has a Persian term")


def test_a_tbx_whose_entries_each_lack_one_language_is_one_error(tmp_path, capsys):
    path = tmp_path / "halves.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="e1"><langSet xml:lang="fa"><tig><term>خلیج</term></tig></langSet>'
        '</termEntry><termEntry id="e2"><langSet xml:lang="en"><tig><term>gulf</term></tig>'
        "</langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    target = tmp_path / "terms.xlsx"
    assert imported(path, target) == 2
    nothing_written(target, capsys, "none of its 2 entries has both a Persian and an English term")


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><tbx type="TBX-Basic"><text><body/></text></tbx>',
        '<?xml version="1.0"?><martif type="TBX"><text><body/></text></martif>',
    ],
)
@pytest.mark.parametrize("name", ["terms.xlsx", "terms.csv"])
def test_an_empty_tbx_is_one_error_as_a_header_only_list(tmp_path, capsys, text, name):
    path = tmp_path / "empty.tbx"
    path.write_text(text, encoding="utf-8")
    target = tmp_path / name
    assert imported(path, target) == 2
    nothing_written(
        target, capsys, f"{path}: no concept to import: no entries (<termEntry> or <conceptEntry>)"
    )


def test_a_term_list_without_a_single_persian_term_is_one_error(tmp_path, capsys):
    source = tmp_path / "list.csv"
    source.write_text("English,Persian\nstrait,Meerenge\nsea,\n", encoding="utf-8")
    target = tmp_path / "terms.xlsx"
    assert imported(source, target) == 2
    nothing_written(target, capsys, "no concept to import: of its 2 rows, 1 without a Persian")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("list.csv", "en,fa_IR\n"),
        ("list.tsv", "English\tPersian\r\n\r\n"),
        ("own.csv", "id,fa,en\n"),
    ],
)
def test_a_term_list_with_only_a_header_line_is_one_error(tmp_path, capsys, name, text):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    target = tmp_path / "terms.xlsx"
    assert imported(source, target) == 2
    nothing_written(
        target, capsys, f"{source}:1: no concept to import: only a header line, no rows"
    )


# Workbooks


def test_merged_domain_cells_count_for_every_row(tmp_path, capsys):
    copy = tmp_path / "merged-domain.xlsx"
    shutil.copy(REALWORLD / "24-xlsx-merged-cells" / "merged-domain.xlsx", copy)
    shown = openpyxl.load_workbook(copy)["Terms"]["B2"].value
    terms = load_glossary(copy).terms
    assert len(terms) == 4 and {t.domain for t in terms} == {shown}
    accepted(copy, capsys)
    assert main(["glossary", "format", str(copy)]) == 0
    # the rewrite is said: never "already tidy" when the file changed
    assert capsys.readouterr().out == (
        f"{copy}: unmerged Terms!B2:B5 (the value now in every cell of each)\n"
    )
    assert {t.domain for t in load_glossary(copy).terms} == {shown}
    assert main(["glossary", "format", str(copy)]) == 0
    assert capsys.readouterr().out == f"{copy}: already tidy\n"


def merged(source: Path, target: Path, *ranges: str, sheet: str = "Terms") -> Path:
    book = openpyxl.load_workbook(source)
    for cells in ranges:
        book[sheet].merge_cells(cells)
    book.save(target)
    return target


def test_format_names_the_merged_ranges_of_both_sheets_it_unmerged(tmp_path, capsys):
    copy = merged(
        REALWORLD / "24-xlsx-merged-cells" / "merged-domain.xlsx", tmp_path / "m.xlsx", "B2:B3",
        sheet="Domains",
    )  # fmt: skip
    assert main(["glossary", "format", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "unmerged Terms!B2:B5, Domains!B2:B3" in out and "already tidy" not in out


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        # the English term across the variants column: it would become its own variant
        ("E3:F3", "Terms!E3:F3: cells merged across columns ('English term', 'allowed English "
         "variants'): a merged range may only span rows of one column"),
        ("E3:E4", None),  # down one column: read as the value it shows
        ("A2:A3", "Terms!A2:A3: cells merged in the id column, whose values must each be "
         "different"),
        ("C1:C2", "Terms!C1:C2: cells merged with the header row"),
        ("M2:N3", None),  # the editors' own columns
    ],
)  # fmt: skip
def test_merges_with_no_reading_are_one_error_naming_the_range(tmp_path, capsys, cells, message):
    copy = merged(
        REALWORLD / "24-xlsx-merged-cells" / "merged-domain.xlsx", tmp_path / "m.xlsx", cells
    )
    before = copy.read_bytes()
    if message is None:
        assert load_glossary(copy).terms
        return
    with pytest.raises(GlossaryError, match="unmerge them"):
        load_glossary(copy)
    for command in (["glossary", "lint"], ["glossary", "format"]):
        assert main([*command, str(copy)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"tmkit: error: {copy}:{message}") and err.count("\n") == 1
    assert copy.read_bytes() == before
    assert main(["glossary", "dump", str(copy)]) == 0  # git's textconv driver: names the range
    assert capsys.readouterr().out.startswith(f"# tmkit glossary: cannot read this file: {message}")


def test_a_merged_domain_id_is_one_error_too(tmp_path):
    copy = merged(
        REALWORLD / "24-xlsx-merged-cells" / "merged-domain.xlsx", tmp_path / "m.xlsx", "A2:A3",
        sheet="Domains",
    )  # fmt: skip
    with pytest.raises(GlossaryError, match=r"Domains!A2:A3: cells merged in the id column"):
        load_glossary(copy)


# CSV and TSV term lists

ROWS = [
    ["id", "domain", "fa", "en", "status", "note"],
    ["gulf", "geo", "خلیج", "gulf", "approved", 'said "the Gulf"; also, in maps\nPersian Gulf'],
    ["strait", "geo", "تنگه", "strait", "proposed", ""],
]


def _excel_csv(rows: list[list[str]], delimiter: str) -> str:
    def cell(text: str) -> str:
        if any(c in text for c in (delimiter, '"', "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in rows)


@pytest.mark.parametrize(
    ("name", "delimiter", "encoding"),
    [
        ("utf8.csv", ",", "utf-8"),
        ("utf8-bom.csv", ",", "utf-8-sig"),
        ("european.csv", ";", "utf-8-sig"),
        ("unicode-text.txt", "\t", "utf-16"),  # Excel's "Unicode Text": UTF-16 LE with a BOM
        ("libreoffice.tsv", "\t", "utf-8"),
    ],
)
def test_term_lists_as_excel_and_libreoffice_save_them(tmp_path, capsys, name, delimiter, encoding):
    source = tmp_path / name
    source.write_bytes(_excel_csv(ROWS, delimiter).encode(encoding))
    target = tmp_path / "terms.xlsx"
    assert imported(source, target) == 0
    gulf, strait = load_glossary(target).terms
    assert (gulf.fa, gulf.en, gulf.domain) == ("خلیج", "gulf", "geo")
    assert gulf.note == 'said "the Gulf"; also, in maps\nPersian Gulf'
    assert strait.status is Status.PROPOSED
    accepted(target, capsys)


@pytest.mark.parametrize(
    ("delimiter", "encoding", "line_end"),
    [
        (";", "utf-8-sig", "\r\n"),
        (",", "utf-8", "\n"),
        ("\t", "utf-16", "\r\n"),
        ("|", "utf-8", "\r"),
    ],
)
def test_excels_separator_line_names_the_separator(tmp_path, capsys, delimiter, encoding, line_end):
    # Excel writes "sep=;" as the first line of a CSV for another locale; the header follows
    source = tmp_path / "sephint.csv"
    rows = [["English", "Persian", "comment"], ["strait", "تنگه", "narrow, waterway; old"]]
    text = f"sep={delimiter}\n" + _excel_csv(rows, delimiter)
    source.write_bytes(text.replace("\r\n", "\n").replace("\n", line_end).encode(encoding))
    found = read_term_list(source)
    (term,) = found.glossary.terms
    assert (term.id, term.fa, term.en, term.note) == (
        "sephint-3", "تنگه", "strait", "narrow, waterway; old",
    )  # fmt: skip
    assert found.ignored == ()
    assert imported(source, tmp_path / "terms.xlsx") == 0
    assert separator_line("sep=;") == ";" and separator_line('"sep=,"') == ","
    assert separator_line("SEP=\t") == "\t" and separator_line("sep;fa;en") == ""


def test_the_separator_comes_from_the_header_line():
    assert separator("id\tfa;en,x") == "\t"
    assert separator("id;fa;en") == ";"
    assert separator("id,fa,en") == ","


def test_other_encodings_are_refused_with_a_hint(tmp_path):
    source = tmp_path / "cp1256.csv"
    source.write_bytes("fa,en\nخليج,gulf\n".encode("cp1256"))
    with pytest.raises(GlossaryError, match="not UTF-8 or UTF-16"):
        read_term_list(source)


def test_columns_are_mapped_by_option(tmp_path, capsys):
    source = tmp_path / "list.csv"
    source.write_text("Term,Translation,Comment\nstrait,تنگه,narrow sea\n", encoding="utf-8")
    target = tmp_path / "terms.xlsx"
    assert imported(source, target) == 2  # neither header says which language it is
    assert "--columns" in capsys.readouterr().err
    assert imported(source, target, "--columns", "en=Term,fa=Translation,note=Comment") == 0
    (term,) = load_glossary(target).terms
    assert (term.id, term.fa, term.en, term.note, term.domain) == (
        "list-2", "تنگه", "strait", "narrow sea", "general",
    )  # fmt: skip


def test_rows_whose_languages_are_swapped_are_read_by_their_language(tmp_path):
    source = tmp_path / "mixed.csv"
    source.write_text(
        "id,sourceLang,targetLang,sourceString,targetString\n"
        "1,en,fa_IR,strait,تنگه\n2,fa,en,خلیج,gulf\n",
        encoding="utf-8",
    )
    found = read_term_list(source)
    assert [(t.fa, t.en) for t in found.glossary.terms] == [("تنگه", "strait"), ("خلیج", "gulf")]


# TICO-19


@pytest.mark.parametrize("name", ["f_en-fa_IR.csv", "g_en_fa.csv"])
def test_tico19_lists_import_pass_lint_and_are_used_by_check(tmp_path, capsys, name):
    target = tmp_path / "tico.xlsx"
    assert imported(TICO / name, target) == 0
    err = capsys.readouterr().err
    assert "Latin letters in the Persian term" in err and "merged" in err
    glossary = load_glossary(target)
    assert len(glossary.terms) > 250
    assert {t.domain for t in glossary.terms} == {"general"}
    assert all(t.fa != "AIDS" for t in glossary.terms)
    accepted(target, capsys)
    tmx = TICO / "all.en-fa.tmx"
    assert main(["check", "--tmx", str(tmx), "--glossary", str(target)]) in (0, 1)
    assert "term-missing" in capsys.readouterr().out


def test_tico19_acronyms_and_merges(tmp_path):
    found = read_term_list(TICO / "g_en_fa.csv")
    cdc = next(t for t in found.glossary.terms if t.en == "CDC")
    assert cdc.fa == "مراکز کنترل و پیشگیری از بیماری"
    assert cdc.pos == "proper noun" and cdc.note.endswith("Persian text adds (CDC)")
    first = next(t for t in found.glossary.terms if t.id == "1")
    assert (first.en, first.pos) == ("contagious", "adjective")
    assert ("1", "85") in found.merged
    f = read_term_list(TICO / "f_en-fa_IR.csv")
    assert "4" in f.latin  # AIDS,AIDS: no Persian term
    assert f.skipped == ()


def test_a_tbx_with_one_id_twice_is_refused_and_no_workbook_is_left(tmp_path, capsys):
    path = tmp_path / "twice.tbx"
    entry = (
        '<termEntry id="a"><langSet xml:lang="fa"><tig><term>{}</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>{}</term></tig></langSet></termEntry>\n'
    )
    path.write_text(
        '<?xml version="1.0"?>\n<martif type="TBX" xml:lang="en"><text><body>\n'
        + entry.format("نفت", "oil")
        + entry.format("گاز", "gas")
        + "</body></text></martif>\n",
        encoding="utf-8",
    )
    target = tmp_path / "terms.xlsx"
    assert imported(path, target) == 2
    assert "twice.tbx:4: duplicate concept id 'a' (also on line 3" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["twice.tbx"]


def test_a_list_without_a_header_is_one_error(tmp_path, capsys):
    source = tmp_path / "empty.csv"
    source.write_text("# only a comment\n\n", encoding="utf-8")
    assert imported(source, tmp_path / "terms.xlsx") == 2
    assert "no header line" in capsys.readouterr().err


def test_a_list_with_tmkits_own_columns_is_read_strictly_whatever_its_separator(tmp_path):
    source = tmp_path / "ours.csv"
    source.write_text(
        "id,domain,fa,en,status\ngulf,geo,خلیج,gulf,approved\nstrait,geo,,strait,approved\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as raised:
        read_term_list(source)
    assert str(raised.value) == f"{source}:3:3: empty fa"


# The output: its suffix decides


def test_import_to_a_csv_name_writes_a_csv_that_imports_back(tmp_path, capsys):
    source = tmp_path / "plain.tbx"
    shutil.copy(REALWORLD / "08-tbx-termweb-status" / "termweb-style.tbx", source)
    target = tmp_path / "out.csv"
    assert imported(source, target) == 0
    assert f"1 concepts written to {target}" in capsys.readouterr().out
    raw = target.read_bytes()
    assert raw.startswith("\ufeffid,domain,fa,".encode()) and not raw.startswith(b"PK")
    assert not list(tmp_path.glob(".out.csv*"))
    workbook = tmp_path / "back.xlsx"
    assert imported(target, workbook) == 0
    (term,) = load_glossary(workbook).terms
    assert (term.id, term.fa, term.en, term.forbidden) == ("c10", "تنگه", "strait", ("channel",))


@pytest.mark.parametrize("name", ["out.tbx", "out.txt", "out", "out.xls"])
def test_import_to_a_name_of_another_format_is_one_error_and_nothing_is_written(
    tmp_path, capsys, name
):
    target = tmp_path / name
    assert imported(REALWORLD / "08-tbx-termweb-status" / "termweb-style.tbx", target) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {target}: cannot write ") and err.count("\n") == 1
    assert "give a name ending in .xlsx or .csv" in err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["link.xlsx", "link.csv"])
def test_import_through_a_symlink_keeps_the_link_and_writes_its_target(tmp_path, capsys, name):
    source = REALWORLD / "08-tbx-termweb-status" / "termweb-style.tbx"
    real = tmp_path / "real" / f"terms{Path(name).suffix}"
    real.parent.mkdir()
    if name.endswith(".xlsx"):
        assert imported(source, real) == 0  # an existing workbook (its domains are kept)
    else:
        real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / name
    link.symlink_to(real)
    assert imported(source, link) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.stat().st_mode & 0o777 == 0o640
    if name.endswith(".xlsx"):
        (term,) = load_glossary(real).terms
    else:
        assert real.read_bytes().startswith("\ufeffid,domain,fa,".encode())
        (term,) = load_glossary_via_import(real, tmp_path).terms
    assert term.en == "strait"
    assert not list(tmp_path.glob(".link*")) and not list(real.parent.glob(".terms*"))


def load_glossary_via_import(path: Path, folder: Path):
    back = folder / "back.xlsx"
    assert imported(path, back) == 0
    return load_glossary(back)


def _workbook(path: Path, *rows: list) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    "header",
    [
        ["sourceString", "targetString", "sourceLang", "targetLang", "description"],
        ["English", "Farsi", None, None, "note"],
    ],
)
def test_an_excel_term_list_imports_as_its_csv_does(tmp_path, header, capsys):
    # a term list kept in Excel: read from its first sheet with the CSV import's headers
    if header[2]:
        rows = [["oil", "نفت", "en", "fa_IR", "crude"], ["gas", "گاز", "en-US", "fa", None]]
    else:
        rows = [["oil", "نفت", None, None, "crude"], ["gas", "گاز", None, None, None]]
    source = _workbook(tmp_path / "terms.xlsx", header, *rows, [None] * 5)
    target = tmp_path / "out" / "glossary.xlsx"
    assert imported(source, target) == 0
    terms = load_glossary(target).terms
    assert sorted((t.fa, t.en, t.note) for t in terms) == [
        ("نفت", "oil", "crude"),
        ("گاز", "gas", ""),
    ]
    assert capsys.readouterr().out == f"2 concepts written to {target}\n"


def test_an_excel_list_with_tmkits_fields_is_read_as_strictly_as_the_csv(tmp_path, capsys):
    header = ["id", "domain", "fa", "en", "status"]
    good = _workbook(tmp_path / "good.xlsx", header, ["oil", "energy", "نفت", "oil", "approved"])
    assert imported(good, tmp_path / "good.csv") == 0
    assert (
        (tmp_path / "good.csv")
        .read_text(encoding="utf-8-sig")
        .splitlines()[1]
        .startswith("oil,energy,نفت,,oil,")
    )
    bad = _workbook(tmp_path / "bad.xlsx", header, ["oil", "energy", "نفت", "oil", "aproved"])
    assert imported(bad, tmp_path / "bad.xlsx.out.xlsx") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {bad}:2") and "aproved" in err and err.count("\n") == 1
    assert not (tmp_path / "bad.xlsx.out.xlsx").exists()


def test_a_tmkit_workbook_imports_whole(tmp_path):
    target = tmp_path / "copy.xlsx"
    bundled = Path(__file__).parents[2] / "glossary" / "terms.xlsx"
    assert imported(bundled, target) == 0
    original = load_glossary(bundled)
    assert load_glossary(target) == original  # every concept and domain


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.dat", b"oil\tnaft\n", "not a term file tmkit imports (expected a TBX file"),
        ("terms", b"id,fa,en\n", "not a term file tmkit imports (expected a TBX file"),
        (
            "list.xlsx",
            b"en,fa\noil,\xd9\x86\xd9\x81\xd8\xaa\n",
            "not an XLSX workbook (text) (a term list",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
            "not an XLSX workbook (an OLE2",
        ),
    ],
)
def test_a_file_that_is_no_term_file_is_one_line_naming_what_was_expected(
    tmp_path, capsys, name, data, message
):
    source = tmp_path / name
    source.write_bytes(data)
    target = tmp_path / "glossary.xlsx"
    assert imported(source, target) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {source}: {message}") and err.count("\n") == 1
    assert not target.exists()


# Headers and rows of a plain term list


def refused(source: Path, target: Path, capsys) -> str:
    """The one line of error importing *source* to *target* gives, with exit 2 and no output."""
    assert imported(source, target) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and not target.exists()
    return err


@pytest.mark.parametrize(
    ("header", "row", "named"),
    [
        ("English,Persian,English", "Oil,نفت,Petroleum", "1 (A) 'English' and 3 (C) 'English'"),
        ("English,fa,en", "Oil,نفت,Petroleum", "1 (A) 'English' and 3 (C) 'en'"),  # one meaning
        ("en,fa,pos,Part of speech", "Oil,نفت,a,b", "3 (C) 'pos' and 4 (D) 'Part of speech'"),
    ],
)
def test_two_columns_read_as_one_field_are_one_error_naming_both(
    tmp_path, capsys, header, row, named
):
    source = tmp_path / "twice.csv"
    source.write_text(f"{header}\n{row}\n", encoding="utf-8")
    err = refused(source, tmp_path / "terms.csv", capsys)
    assert err.startswith(f"tmkit: error: {source}:1: columns {named} are both read as ")


@pytest.mark.parametrize(
    ("name", "text", "encoding", "expected"),
    [
        ("t2.tsv", "en\tfa\nOil\tنفت\n", "utf-8", ("t2-2", "general", "")),
        ("t1.tsv", "en\tfa\tnote\nOil\tنفت\tcrude\n", "utf-8", ("t1-2", "general", "crude")),
        ("t4.csv", "en,fa,domain\nOil,نفت,energy\n", "utf-8", ("t4-2", "energy", "")),
        (
            "ut16.txt",
            "en\tfa\tnote\r\nOil\tنفت\tcrude\r\n",
            "utf-16",
            ("ut16-2", "general", "crude"),
        ),
    ],
)
def test_a_list_with_some_of_tmkits_field_names_but_no_id_gets_ids_made(
    tmp_path, capsys, name, text, encoding, expected
):
    source = tmp_path / name
    source.write_bytes(text.encode(encoding))  # utf-16: with its BOM, Excel's Unicode Text
    target = tmp_path / "terms.xlsx"
    assert imported(source, target) == 0
    (term,) = load_glossary(target).terms
    assert (term.id, term.domain, term.note) == expected
    assert (term.fa, term.en, term.status) == ("نفت", "Oil", Status.APPROVED)
    accepted(target, capsys)


def test_a_row_with_a_line_break_in_a_note_is_numbered_by_its_first_line(tmp_path):
    source = tmp_path / "t6.csv"
    source.write_bytes(
        'English;Persian;Note\r\n"Gas";"گاز";""\r\n"Oil";"نفت";"crude\r\noil"\r\n"Tar";"قیر";""\r\n'
        .encode()
    )  # fmt: skip
    gas, oil, tar = read_term_list(source).glossary.terms
    assert (gas.id, oil.id, tar.id) == ("t6-2", "t6-3", "t6-5")
    assert oil.note == "crude\r\noil"  # a note may have several lines


@pytest.mark.parametrize(
    ("header", "row", "column", "field"),
    [
        ("English;Persian", '"Oil\r\ncrude";"نفت"', 1, "en"),
        ("English;Persian", '"Oil";"نفت\nخام"', 2, "fa"),
        ("en;fa;en_variants", '"Oil";"نفت";"crude\noil"', 3, "en_variants"),
        ("id;domain;fa;en;status", 'a;b;"نفت";"Oil\ncrude";approved', 4, "en"),  # tmkit's own
    ],
)
def test_a_line_break_in_a_term_is_one_error_naming_line_and_column(
    tmp_path, capsys, header, row, column, field
):
    source = tmp_path / "broken.csv"
    source.write_bytes(f'{header}\r\n"Gas";"گاز"\r\n{row}\r\n'.encode())
    err = refused(source, tmp_path / "terms.xlsx", capsys)
    assert err.startswith(f"tmkit: error: {source}:3:{column}: a line break in the {field} cell")


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("English\tPersian\t\tNote\nOil\tنفت\tstray\tn\n", [3]),  # an empty header cell
        ("English\tPersian\nOil\tنفت\tbeyond\n", [3]),  # a cell past the header's last
        ("sep=;\nEnglish;Farsi;Comment;\nOil;نفت;x;\nGas;گاز\n", []),  # Excel's trailing ;
    ],
)
def test_values_in_a_column_without_a_header_are_named_by_the_column(
    tmp_path, capsys, text, warned
):
    source = tmp_path / "unnamed.tsv"
    source.write_text(text, encoding="utf-8")
    assert imported(source, tmp_path / "terms.xlsx") == 0
    err = capsys.readouterr().err
    letters = "ABCDE"
    expected = [
        f"tmkit: warning: {source}: column {n} ({letters[n - 1]}) has values but no header: "
        "not imported"
        for n in warned
    ]
    assert [line for line in err.splitlines() if "no header" in line] == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("en\tfa\noil\tن\x07ف\n", "2:2: control character U+0007 (BEL)"),
        ("en,fa,note\noil,نفت,ok\ngas,گاز,a\x00b\n", "3:3: control character U+0000 (NUL)"),
        ('en,fa,note\noil,نفت,"two\nlines"\ngas,گاز,\x0c\n', "4:3: control character U+000C (FF)"),
    ],
)
def test_a_control_character_is_named_by_the_inputs_line_and_column(tmp_path, capsys, text, named):
    source = tmp_path / "bel.tsv"
    source.write_text(text, encoding="utf-8")
    err = refused(source, tmp_path / "o.xlsx", capsys)
    assert err.startswith(f"tmkit: error: {source}:{named} (delete it")


def test_a_cell_longer_than_a_workbook_cell_is_one_error_never_cut(tmp_path, capsys):
    source = tmp_path / "big.csv"  # over Python csv's own limit (131,072) too
    source.write_text(f"en,fa,note\noil,نفت,{'n' * 200_000}\n", encoding="utf-8")
    err = refused(source, tmp_path / "o.csv", capsys)
    assert err == (
        f"tmkit: error: {source}:2:3: a cell of 200,000 characters (a workbook cell holds at "
        "most 32,767 (Excel's limit))\n"
    )
    source.write_text(f"en,fa,note\noil,نفت,{'n' * 32_767}\n", encoding="utf-8")
    assert imported(source, tmp_path / "o.csv") == 0
    (term,) = load_glossary_via_import(tmp_path / "o.csv", tmp_path).terms
    assert term.note == "n" * 32_767


def test_a_value_no_workbook_holds_is_named_against_the_input_never_a_temporary_file(
    tmp_path, capsys
):
    # (a term holding ';' was the value once; it is split now: two forms)
    source = tmp_path / "long.tbx"
    source.write_text(
        TBX_V3_HEAD + f'<conceptEntry id="c1"><note>{"x" * 40_000}</note><langSec xml:lang="fa">'
        '<termSec><term>نفت</term></termSec></langSec><langSec xml:lang="en"><termSec><term>'
        "oil</term></termSec></langSec></conceptEntry>" + TBX_V3_TAIL,
        encoding="utf-8",
    )
    err = refused(source, tmp_path / "o.xlsx", capsys)
    assert err == (
        f"tmkit: error: {source}: 'c1': note has 40,000 characters (a workbook cell holds at "
        "most 32,767)\n"
    )


def test_the_projects_glossary_is_replaced_only_with_replace(tmp_path, capsys, monkeypatch):
    assert main(["init", str(tmp_path / "p"), "--example"]) == 0
    monkeypatch.chdir(tmp_path / "p")
    before = Path("glossary.xlsx").read_bytes()
    count = len(load_glossary(Path("glossary.xlsx")).terms)
    Path("list.tsv").write_text("en\tfa\noil\tنفت\n", encoding="utf-8")
    capsys.readouterr()
    for target in ("glossary.xlsx", "./glossary.xlsx", str(tmp_path / "p" / "glossary.xlsx")):
        assert imported(Path("list.tsv"), Path(target)) == 2
        assert capsys.readouterr().err == (
            f"tmkit: error: {Path(target)}: is an input of the project: not written over (give "
            "--replace to replace it by the import, or write to another file)\n"
        )
    assert Path("glossary.xlsx").read_bytes() == before and count > 1
    assert imported(Path("list.tsv"), Path("other.xlsx")) == 0  # any other name is written
    assert imported(Path("list.tsv"), Path("glossary.xlsx"), "--replace") == 0
    assert [t.en for t in load_glossary(Path("glossary.xlsx")).terms] == ["oil"]


def test_tbx_v3_dct_style_data_categories_are_read_as_the_dca_style_ones(tmp_path, capsys):
    target = tmp_path / "dct.csv"  # Crowdin's TBX v3 export, DCT style (<basic:…>)
    assert imported(DATA / "glossary" / "dct-crowdin.tbx", target) == 0
    (term,) = load_glossary_via_import(target, tmp_path).terms
    assert (term.domain, term.fa, term.en, term.pos) == ("energy", "نفت خام", "crude oil", "noun")
    assert (term.en_variants, term.forbidden, term.status) == ((), ("raw oil",), Status.APPROVED)
    assert "not imported" not in capsys.readouterr().err


def test_a_dct_style_data_category_left_out_is_named_as_in_the_file(tmp_path, capsys):
    source = tmp_path / "dct.tbx"
    source.write_text(
        TBX_V3_HEAD.replace(
            'style="dca"', 'style="dct" xmlns:basic="http://www.tbxinfo.net/ns/basic"'
        )
        + '<conceptEntry id="c1"><basic:definition>crude</basic:definition><langSec xml:lang="fa">'
        "<termSec><term>نفت</term><basic:termType>fullForm</basic:termType></termSec></langSec>"
        '<langSec xml:lang="en"><termSec><term>oil</term><basic:administrativeStatus>'
        "admittedTerm-admn-sts</basic:administrativeStatus></termSec></langSec></conceptEntry>"
        + TBX_V3_TAIL,
        encoding="utf-8",
    )
    (term,) = load_glossary_via_import(source, tmp_path).terms
    assert (term.note, term.status) == ("definition: crude", Status.PROPOSED)
    assert "not imported (the workbook has no field for them): <basic:termType> ×1" in (
        capsys.readouterr().err
    )


# One header recognition (glossary.csvimport.header_field)

LISTS = DATA / "glossary" / "lists"


@pytest.mark.parametrize(
    ("header", "row", "expected", "ignored"),
    [
        ("en,fa_glosses,fa", "oil,روغن,نفت", ("نفت", "oil", "approved"), "fa_glosses"),
        ("en,fa,fa_status", "oil,نفت,deprecated", ("نفت", "oil", "deprecated"), ""),
        ("English (United States),Persian (Iran)", "oil,نفت", ("نفت", "oil", "approved"), ""),
        ("Term [en],Term [fa],Status [fa]", "oil,نفت,admitted", ("نفت", "oil", "proposed"), ""),
        ("English term,Persian term", "oil,نفت", ("نفت", "oil", "approved"), ""),
        ("term_en,term_fa,en_comment", "oil,نفت,x", ("نفت", "oil", "approved"), ""),
        ("source_en,target_fa", "oil,نفت", ("نفت", "oil", "approved"), ""),
        ("Source term,Target term", "نفت,oil", ("نفت", "oil", "approved"), ""),  # by script
        ("Source,Target,en_source", "نفت,oil,Wikipedia", ("نفت", "oil", "approved"), ""),
        ("en,fa,en_gloss", "oil,نفت,x", ("نفت", "oil", "approved"), "en_gloss"),
        ("en-US,Dari", "oil,نفت", ("نفت", "oil", "approved"), ""),
        ("English,Dari Persian", "oil,نفت", ("نفت", "oil", "approved"), ""),
        ("English (UK),Dari (fa-AF)", "oil,نفت", ("نفت", "oil", "approved"), ""),
        ("en,Term [Dari],Status [Dari]", "oil,نفت,admitted", ("نفت", "oil", "proposed"), ""),
    ],
)
def test_headers_are_recognised_by_one_rule(tmp_path, capsys, header, row, expected, ignored):
    source = tmp_path / "list.csv"
    source.write_text(f"{header}\n{row}\n", encoding="utf-8")
    (term,) = load_glossary_via_import(source, tmp_path).terms
    assert (term.fa, term.en, term.status.value) == expected
    err = capsys.readouterr().err
    assert (f"columns not imported: {ignored}" in err) if ignored else "not imported" not in err


def test_sides_whose_script_says_nothing_are_one_error(tmp_path, capsys):
    source = tmp_path / "sides.csv"
    source.write_text("Source,Target\noil,gas\n", encoding="utf-8")
    assert refused(source, tmp_path / "o.csv", capsys) == (
        f"tmkit: error: {source}:1: cannot tell which of 'Source' and 'Target' is Persian (by "
        "their terms' script) (give --columns fa=HEADER,en=HEADER)\n"
    )


def test_phrase_smartling_and_crowdin_lists(tmp_path, capsys):
    (barrel,) = load_glossary_via_import(LISTS / "phrase.csv", tmp_path).terms
    assert (barrel.fa, barrel.en, barrel.status, barrel.note) == (
        "بشکه",
        "barrel",
        Status.APPROVED,
        "unit",
    )
    (tanker,) = load_glossary_via_import(LISTS / "smartling.csv", tmp_path).terms
    assert (tanker.fa, tanker.en, tanker.pos) == ("نفتکش", "tanker", "Noun")
    assert tanker.note == "Definition: ship for oil\nTranslation Notes (fa-IR): informal"
    (pipeline,) = load_glossary_via_import(LISTS / "crowdin.csv", tmp_path).terms
    assert (pipeline.id, pipeline.en, pipeline.forbidden) == ("1", "pipeline", ("pipe line",))
    assert (pipeline.en_variants, pipeline.pos, pipeline.status) == ((), "noun", Status.APPROVED)
    capsys.readouterr()
    columns = "en=Term [en],fa=Term [fa],status=Status [en]"  # the tester's mapping
    target = tmp_path / "mapped.csv"
    assert imported(LISTS / "crowdin.csv", target, "--columns", columns) == 0
    (mapped,) = load_glossary_via_import(target, tmp_path).terms
    assert (mapped.forbidden, mapped.pos, mapped.note) == (("pipe line",), "noun", pipeline.note)


@pytest.mark.parametrize("name", ["terms-saveas.csv", "termsonly.xlsx", "renamed.xlsx"])
def test_tmkits_own_terms_sheet_saved_alone_imports_as_it_is(tmp_path, name):
    terms = load_glossary_via_import(LISTS / name, tmp_path).terms
    first = terms[0]
    assert (first.id, first.domain, first.fa, first.en, first.forbidden) == (
        "atyrau",
        "caspian",
        "آتیراو",
        "Atyrau",
        ("Atirau",),
    )
    assert (first.pos, first.source) == ("proper noun", "field")


# OmegaT glossaries


@pytest.mark.parametrize("name", ["tmkit-terms.utf8", "tmkit-terms.txt"])
def test_tmkits_own_omegat_glossary_imports_back(tmp_path, capsys, name):
    from glossary.exports import write_omegat_glossary
    from glossary.model import bundled_glossary_path

    bundled = load_glossary(bundled_glossary_path())
    exported = tmp_path / name
    write_omegat_glossary(bundled, exported)
    terms = load_glossary_via_import(exported, tmp_path).terms
    carried = ("fa", "fa_variants", "en", "en_variants", "forbidden", "status", "note")
    assert {tuple(getattr(t, f) for f in carried) for t in terms} == {
        tuple(getattr(t, f) for f in carried) for t in bundled.terms
    }


def test_another_tools_omegat_glossary_is_source_target_comment(tmp_path, capsys):
    source = tmp_path / "glossary.tab"
    source.write_text("# OmegaT\nنفت\toil\ta liquid | or not\n\tgas\nلوله\n", encoding="utf-8")
    (term,) = load_glossary_via_import(source, tmp_path).terms
    assert (term.fa, term.en, term.note) == ("نفت", "oil", "a liquid | or not")
    assert "2 concepts skipped (no Persian or no English term): glossary-3, glossary-4" in (
        capsys.readouterr().err
    )
    source.write_text("# nothing but comments\n\n", encoding="utf-8")
    assert refused(source, tmp_path / "o.xlsx", capsys) == (
        f"tmkit: error: {source}: no concept to import: no entry lines (an OmegaT glossary has "
        "a line a term: Persian, a tab, English)\n"
    )


def test_an_editors_own_column_of_a_tmkit_workbook_is_named_not_dropped_silently(tmp_path, capsys):
    target = tmp_path / "o.csv"  # the workbook's Terms sheet has a "reviewer" column
    assert imported(LISTS / "custom.xlsx", target) == 0
    assert capsys.readouterr().err == (
        f"tmkit: warning: {LISTS / 'custom.xlsx'}: columns not imported: reviewer\n"
    )


# Several forms in one cell (a tester's lists: "pipeline; pipe line", "crude oil|crude", an
# XLSX synonyms column "pipe line | conduit", a Persian variants cell "لوله؛ خط لوله")


def test_a_term_cell_with_several_forms_is_the_term_and_its_variants(tmp_path, capsys):
    found = read_term_list(LISTS / "several-forms.csv")
    assert [(t.en, t.en_variants) for t in found.glossary.terms] == [
        ("pipeline", ("pipe line",)),
        ("crude oil", ("crude",)),
    ]
    assert found.split == 2
    assert imported(LISTS / "several-forms.csv", tmp_path / "out.xlsx") == 0
    capsys.readouterr()
    accepted(tmp_path / "out.xlsx", capsys)


def test_variant_cells_split_on_every_separator_term_tools_use(tmp_path, capsys):
    columns = {"en_variants": "Synonyms"}  # Dari (fa-AF) is the Persian term's column
    found = read_term_list(LISTS / "synonyms.xlsx", columns=columns)
    first = found.glossary.terms[0]
    assert first.en_variants == ("pipe line", "conduit")
    assert first.fa_variants == ("لوله", "خط لوله")
    assert found.split == 2
    persian = read_term_list(LISTS / "persian-semicolon.csv").glossary.terms[0]
    assert (persian.fa, persian.fa_variants) == ("خط لوله", ("لوله",))


def test_a_term_repeated_among_its_variants_is_left_out_but_a_zwnj_spelling_kept(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("en,fa,fa_variants\ncrude oil,نفت خام,نفت خام; نفت\u200cخام\n", "utf-8")
    term = read_term_list(path).glossary.terms[0]
    assert term.fa_variants == ("نفت\u200cخام",)


def test_a_domain_that_is_no_id_is_made_one_and_the_split_cells_counted(tmp_path, capsys):
    path = tmp_path / "iate.csv"
    path.write_text("en,fa,subjectField\ncrude oil|crude,نفت خام,energy policy; oil industry\n")
    found = read_term_list(path)
    assert found.glossary.terms[0].domain == "energy-policy"
    assert found.notes == (
        "1 cell held several forms (separated by ; | or ؛) and were split: a term cell's first "
        "form the term, the others its variants",
        "domain 'energy policy; oil industry' is no id: imported as 'energy-policy'",
    )
    assert imported(path, tmp_path / "out.xlsx") == 0
    capsys.readouterr()
    accepted(tmp_path / "out.xlsx", capsys)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('en,fa\n"pipeline,خط لوله\ngas,گاز\n', "2:1"),
        ('en,fa\r\noil,نفت\r\npipeline,"خط ""لوله""\r\ngas,گاز', "3:2"),
        ('en,fa,note\noil,نفت,"a\nb"\ngas,گاز,"c\nd\n', "4:3"),
    ],
)
def test_an_unclosed_quote_is_named_at_its_line_and_cell(tmp_path, capsys, text, place):
    source = tmp_path / "q.csv"
    source.write_text(text, encoding="utf-8", newline="")
    assert refused(source, tmp_path / "o.csv", capsys) == (
        f"tmkit: error: {source}:{place}: an unclosed quote: its cell runs to the end of the "
        'file (close the quote (") where the cell ends, or delete it)\n'
    )


def test_the_testers_unclosed_quote_is_no_line_break_error(tmp_path, capsys):
    source = LISTS / "unclosed-quote.csv"
    assert refused(source, tmp_path / "o.csv", capsys).startswith(
        f"tmkit: error: {source}:2:1: an unclosed quote"
    )


def test_what_an_import_changed_is_said_on_stderr_and_domains_already_there_are_kept(
    tmp_path, capsys
):
    # cells split into forms, Persian varieties mixed in an entry, domains made ids: each said
    lists, tbx = DATA / "glossary" / "lists", DATA / "glossary" / "tbx"
    assert main(["glossary", "import", str(lists / "several-forms.csv"), "-o", str(tmp_path / "a.csv")]) == 0  # fmt: skip
    assert "2 cells held several forms (separated by ; | or ؛) and were split" in capsys.readouterr().err  # fmt: skip
    assert main(["glossary", "import", str(tbx / "prs.tbx"), "-o", str(tmp_path / "b.csv")]) == 0
    assert "mixes Persian varieties (fa-IR, prs)" in capsys.readouterr().err
    # an import into an existing workbook keeps the domains it had besides those it makes
    workbook = tmp_path / "g.xlsx"
    shutil.copy(Path(__file__).parents[2] / "glossary" / "terms.xlsx", workbook)
    before = {d.id for d in load_glossary(workbook).domains}
    assert (
        main(["glossary", "import", str(tbx / "iate.tbx"), "-o", str(workbook), "--replace"]) == 0
    )
    after = {d.id for d in load_glossary(workbook).domains}
    assert before < after and "energy-policy" in after
