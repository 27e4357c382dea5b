"""The glossary workbook: read, write, format; the errors an editor sees; the bundled workbook.

The concepts come from the bundled article (tests/data/glossary/sample.tsv). Bad workbooks are
made from a good one with openpyxl, as an editor would make them in Excel.
"""

import dataclasses
import io
import time
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation

from glossary.model import (
    COLUMNS,
    Domain,
    Glossary,
    GlossaryError,
    Status,
    Term,
    bundled_glossary_path,
)
from glossary.tsv import glossary_from_tsv
from glossary.workbook import (
    Layout,
    format_glossary,
    load_glossary,
    read_glossary,
    write_glossary,
)

DATA = Path(__file__).parent.parent / "data" / "glossary"
DOMAINS = (
    Domain("caspian", "Caspian Sea", "legal regime of the Caspian Sea, its sectors and shelf"),
    Domain("karabakh", "Nagorno-Karabakh", "the conflict, the OSCE Minsk Group, the ceasefire"),
    Domain("cis", "Commonwealth of Independent States", "the CIS and its treaties"),
    Domain("energy", "Oil and gas", "oil, pipelines, companies"),
    Domain("geopolitics", "Geopolitics", "states, leaders and places of the Caucasus"),
)
# Rows after sorting by domain then id
ROWS = {
    "caspian-legal-regime": 2, "caspian-sea": 3, "continental-shelf": 4, "cis": 5, "lukoil": 6,
    "heydar-aliyev": 7, "ceasefire": 8, "minsk-group": 9, "peacekeeping-forces": 10,
}  # fmt: skip
HOSTILE_SHEET = b"""<?xml version="1.0"?>
<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>"""


def sorted_glossary(glossary: Glossary) -> Glossary:
    return Glossary(tuple(sorted(glossary.terms, key=lambda t: (t.domain, t.id))), glossary.domains)


@pytest.fixture
def sample() -> Glossary:
    return Glossary(glossary_from_tsv(DATA / "sample.tsv").terms, DOMAINS)


@pytest.fixture
def workbook(tmp_path, sample) -> Path:
    path = tmp_path / "terms.xlsx"
    write_glossary(sample, path)
    return path


def edit(path: Path, change) -> Path:
    """Change the workbook at *path* with openpyxl, as an editor would in a spreadsheet."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def put(sheet: str, coordinate: str, value):
    """An edit that types *value* into one cell."""

    def change(book):
        book[sheet][coordinate] = value

    return change


def error_line(path: Path) -> str:
    with pytest.raises(GlossaryError) as raised:
        load_glossary(path)
    return str(raised.value)


# Reading the source TSV


def test_tsv_gives_every_field_and_splits_lists(sample):
    term = sample.by_id()["caspian-legal-regime"]
    assert term == Term(
        id="caspian-legal-regime",
        domain="caspian",
        fa="رژیم حقوقی دریای خزر",
        en="legal regime of the Caspian Sea",
        status=Status.APPROVED,
        fa_variants=("رژیم حقوقی خزر",),
        en_variants=("Caspian legal regime",),
        forbidden=("juridical regime of the Caspian Sea",),
        pos="noun",
        note="رژیم حقوقی = legal regime; وضعیت حقوقی = legal status.",
        source="article p8",
    )
    assert sample.by_id()["caspian-sea"].forbidden == ("Khazar Sea", "Mazandaran Sea")
    assert sample.by_id()["ceasefire"].status is Status.PROPOSED
    assert len(sample.terms) == 9


HEADER = "id\tdomain\tfa\ten\tstatus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{HEADER}\tcolour\n", "{path}:1:6: unknown column 'colour' (columns are Term field names: id, domain, fa, en, status, fa_variants, en_variants, forbidden, pos, note, source, case_sensitive)"),
        ("id\tdomain\tfa\ten\n", "{path}:1: missing column 'status'"),
        (f"{HEADER}\nlukoil\tenergy\tلوک‌اویل\tLUKoil\n", "{path}:2: 4 cells where the header has 5"),
        (f"{HEADER}\nlukoil\tenergy\tلوک‌اویل\tLUKoil\taproved\n", "{path}:2:5: unknown status 'aproved' (expected approved, proposed or deprecated)"),
        (f"# comment\n{HEADER}\n\nlukoil\tenergy\tلوک‌اویل\t \tapproved\n", "{path}:4:4: empty en"),
        ("# only a comment\n", "{path}: no header line (the first line names the columns)"),
        (f"{HEADER}\tfa\n", "{path}:1:6: duplicate column 'fa'"),
        (f"{HEADER}\nlukoil\tenergy\tلوک‌اویل\tLUKoil\tapproved\nlukoil\tenergy\tلوکویل\tLukoil\tproposed\n", "{path}:3: duplicate id 'lukoil' (also on line 2)"),
    ],
    ids=["unknown column", "missing column", "cell count", "bad status", "empty required", "empty file", "duplicate column", "duplicate id"],
)  # fmt: skip
def test_tsv_errors_name_the_line_and_column(tmp_path, text, expected):
    path = tmp_path / "terms.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as raised:
        glossary_from_tsv(path)
    assert str(raised.value) == expected.format(path=path)


# Round trip and determinism


def test_write_then_load_gives_the_same_glossary(workbook, sample):
    assert load_glossary(workbook) == sorted_glossary(sample)


def test_concepts_are_sorted_by_domain_then_id(workbook):
    ids = [term.id for term in load_glossary(workbook).terms]
    assert ids == sorted(ROWS, key=ROWS.get)
    assert read_glossary(workbook)[1].rows == tuple(range(2, 11))


PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی‌ۀآءئ۰۱۲۳۴۵۶۷۸۹"
TEXT = st.text(alphabet=PERSIAN + "abcXYZ019 -–=+@'\"<>&«»؟،.()", max_size=12).map(
    lambda t: unicodedata.normalize("NFC", t)
)
WORD = TEXT.map(lambda t: " ".join(t.split())).filter(bool)
ITEM = WORD.filter(lambda t: ";" not in t)
TERM = st.builds(
    Term,
    id=WORD,
    domain=st.sampled_from([d.id for d in DOMAINS]),
    fa=TEXT.filter(str.strip),
    en=TEXT.filter(str.strip),
    status=st.sampled_from(list(Status)),
    fa_variants=st.lists(ITEM, max_size=3).map(tuple),
    en_variants=st.lists(ITEM, max_size=3).map(tuple),
    forbidden=st.lists(ITEM, max_size=2).map(tuple),
    pos=TEXT,
    note=TEXT,
    source=TEXT,
)


@settings(max_examples=30, deadline=None)
@given(st.lists(TERM, max_size=6, unique_by=lambda t: t.id))
def test_write_then_load_is_the_identity(tmp_path_factory, terms):
    path = tmp_path_factory.mktemp("roundtrip") / "terms.xlsx"
    glossary = sorted_glossary(Glossary(tuple(terms), DOMAINS))
    write_glossary(glossary, path)
    assert load_glossary(path) == glossary


def test_same_glossary_gives_identical_bytes(tmp_path, sample, monkeypatch):
    write_glossary(sample, tmp_path / "first.xlsx")
    monkeypatch.setattr(time, "time", lambda: 1.9e9)  # the clock ZIP member dates come from
    write_glossary(sample, tmp_path / "second.xlsx")
    assert (tmp_path / "first.xlsx").read_bytes() == (tmp_path / "second.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "first.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified


def test_source_date_epoch_sets_the_dates(tmp_path, sample, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_glossary(sample, tmp_path / "terms.xlsx")
    with zipfile.ZipFile(tmp_path / "terms.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert "2023-11-14T22:13:20Z" in archive.read("docProps/core.xml").decode()


@pytest.mark.parametrize("value", ["99999999999999999999", "yesterday", "-5", "1e9"])
def test_a_bad_source_date_epoch_is_one_line_and_nothing_is_written(tmp_path, sample, monkeypatch, value):  # fmt: skip
    # read as the TMX and PO dates read it (corpus.sourcedate), never silently ignored
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    target = tmp_path / "terms.xlsx"
    with pytest.raises(GlossaryError) as raised:
        write_glossary(sample, target)
    assert str(raised.value).startswith(f"SOURCE_DATE_EPOCH: {value!r} is not a Unix time (")
    assert "\n" not in str(raised.value) and not list(tmp_path.iterdir())


def test_a_source_date_epoch_past_what_zip_holds_is_its_last_date(tmp_path, sample, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")  # 9999-12-31T23:59:59Z
    write_glossary(sample, tmp_path / "terms.xlsx")
    with zipfile.ZipFile(tmp_path / "terms.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2107, 12, 31, 23, 59, 58)}


def test_rewriting_with_a_template_twice_gives_identical_bytes(workbook, sample, tmp_path):
    write_glossary(sample, tmp_path / "a.xlsx", template=workbook)
    write_glossary(sample, tmp_path / "b.xlsx", template=workbook)
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_a_value_a_workbook_cannot_hold_leaves_the_old_file(workbook, sample):
    before = workbook.read_bytes()
    broken = dataclasses.replace(sample.terms[0], note="page\x0c break")
    with pytest.raises(GlossaryError) as raised:
        write_glossary(Glossary((broken,), DOMAINS), workbook)
    assert str(raised.value) == f"{workbook}: 'caspian-sea': note has a control character"
    assert workbook.read_bytes() == before
    assert [p.name for p in workbook.parent.iterdir()] == ["terms.xlsx"]


# What editors see


def test_sheets_header_filter_and_widths(workbook):
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["Terms", "Domains", "How to edit"]
    terms = book["Terms"]
    assert [cell.value for cell in terms[1]] == [header for _, header, _ in COLUMNS]
    assert all(cell.font.bold for cell in terms[1])
    assert terms.freeze_panes == "A2"
    assert terms.auto_filter.ref == "A1:L10"
    widths = {letter: terms.column_dimensions[letter].width for letter in "ABCDEFGHIJK"}
    assert widths["C"] >= 30 and widths["E"] >= 30 and min(widths.values()) >= 12
    assert [[c.value for c in row] for row in book["Domains"].iter_rows()][:2] == [
        ["id", "name", "description"],
        ["caspian", "Caspian Sea", "legal regime of the Caspian Sea, its sectors and shelf"],
    ]
    assert book["Domains"].freeze_panes == "A2"


def test_guide_explains_columns_statuses_and_commands(workbook):
    guide = "\n".join(
        str(row[0].value) for row in openpyxl.load_workbook(workbook)["How to edit"].iter_rows()
    )
    for _, header, _ in COLUMNS:
        assert f"\n{header}" in guide
    for text in ("approved:", "proposed:", "deprecated:", "tmkit glossary lint", "tmkit check"):
        assert text in guide


def test_status_and_domain_have_dropdowns(workbook):
    validations = openpyxl.load_workbook(workbook)["Terms"].data_validations.dataValidation
    assert {(v.type, v.formula1, str(v.sqref)) for v in validations} == {
        ("list", '"approved,proposed,deprecated"', "I2:I1048576"),
        ("list", "'Domains'!$A$2:$A$1000", "B2:B1048576"),
    }
    assert all(v.showErrorMessage for v in validations)


def test_persian_cells_are_right_to_left(workbook):
    terms = openpyxl.load_workbook(workbook)["Terms"]
    for row in range(2, 11):
        for column in "CD":
            cell = terms[f"{column}{row}"]
            assert (cell.alignment.readingOrder, cell.alignment.horizontal) == (2, "right")
            assert cell.font.name == "Tahoma"
        assert terms[f"E{row}"].alignment.readingOrder == 0
    assert terms["C4"].value == "فلات قاره"


def test_formula_like_values_stay_text(tmp_path):
    path = tmp_path / "terms.xlsx"
    term = Term(
        "formula-like", "energy", "-تست", "=SUM(A1)", en_variants=("@caspian",), note="+98 21"
    )
    write_glossary(Glossary((term,), DOMAINS), path)
    assert load_glossary(path).terms == (term,)
    terms = openpyxl.load_workbook(path)["Terms"]
    for coordinate in ("C2", "E2", "F2", "J2"):
        assert (terms[coordinate].data_type, terms[coordinate].quotePrefix) == ("s", True)
    assert terms["A2"].quotePrefix is False
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


# Format: sort, normalize, keep the editors' formatting


def test_format_keeps_widths_fills_fonts_and_extra_columns(workbook):
    def editor(book):
        terms = book["Terms"]
        terms.column_dimensions["C"].width = 55
        terms["C4"].fill = openpyxl.styles.PatternFill(
            "solid", fgColor="FFFF00"
        )  # continental-shelf
        terms["E1"].font = openpyxl.styles.Font(bold=True, color="FF0000")
        terms["M1"] = "reviewer"
        terms["M6"], terms["M9"] = "Sara", "Reza"  # lukoil, minsk-group
        terms.column_dimensions["M"].width = 20
        reviewers = DataValidation(type="list", formula1='"Sara,Reza"')
        reviewers.add("M2:M100")
        terms.add_data_validation(reviewers)
        terms.data_validations.dataValidation[0].sqref = MultiCellRange("I2:I50")  # status
        terms.append(
            [
                "caspian-basin",
                "caspian",
                "حوزه خزر",
                None,
                "Caspian basin",
                None,
                None,
                None,
                "proposed",
            ]
        )
        book.create_sheet("Notes")["A1"] = "ask the author about p14"

    format_glossary(edit(workbook, editor))
    book = openpyxl.load_workbook(workbook)
    terms = book["Terms"]
    assert book.sheetnames == ["Terms", "Domains", "How to edit", "Notes"]
    assert terms["A2"].value == "caspian-basin"  # sorted first: every old row moved down one
    assert terms["A5"].value == "continental-shelf"
    assert terms["C5"].fill.fgColor.rgb == "00FFFF00"
    assert terms["C4"].fill.fill_type is None
    assert (terms["E1"].font.color.rgb, terms["E1"].font.bold) == ("00FF0000", True)
    assert terms.column_dimensions["C"].width == 55
    assert terms.column_dimensions["M"].width == 20
    assert [terms[f"{c}1"].value for c in "KLM"] == ["source", "case-sensitive", "reviewer"]
    assert {terms[f"A{r}"].value: terms[f"M{r}"].value for r in (7, 10)} == {
        "lukoil": "Sara",
        "minsk-group": "Reza",
    }
    assert terms["C2"].alignment.readingOrder == 2  # the editor's new row gets the Persian style
    assert terms.auto_filter.ref == "A1:M11"
    assert {(v.formula1, str(v.sqref)) for v in terms.data_validations.dataValidation} == {
        ('"approved,proposed,deprecated"', "I2:I1048576"),
        ("'Domains'!$A$2:$A$1000", "B2:B1048576"),
        ('"Sara,Reza"', "M2:M100"),
    }
    assert book["Notes"]["A1"].value == "ask the author about p14"


def test_format_normalizes_text_and_is_idempotent(workbook):
    def editor(book):
        terms = book["Terms"]
        terms["C3"] = " دریاي  خزر"  # caspian-sea: Arabic yeh, stray spaces
        terms["D3"] = "دریای مازندران; دریای مازندران ;دریای خزر"
        terms["E9"] = "Minsk  Group "
        terms.append(
            [
                "oil-policies",
                "energy",
                "سیاستهای نفتی",
                None,
                "oil policies",
                None,
                None,
                None,
                "approved",
            ]
        )

    done = format_glossary(edit(workbook, editor))
    assert done and done.values and not done.unmerged
    by_id = load_glossary(workbook).by_id()
    assert by_id["caspian-sea"].fa == "دریای خزر"
    assert by_id["caspian-sea"].fa_variants == ("دریای مازندران",)
    assert by_id["minsk-group"].en == "Minsk Group"
    assert by_id["oil-policies"].fa == "سیاست\u200cهای نفتی"
    formatted = workbook.read_bytes()
    assert not format_glossary(workbook)
    assert str(format_glossary(workbook)) == "already tidy"
    assert workbook.read_bytes() == formatted


# Reading what editors wrote


def test_columns_in_any_order_with_field_names_and_blank_rows(tmp_path):
    book = openpyxl.Workbook()
    terms = book.active
    terms.title = "Terms"
    terms.append(["STATUS", "fa", "English term", "Domain", "ID"])
    terms.append(["approved", "گروه مینسک", "Minsk Group", "karabakh", "minsk-group"])
    terms.append([])
    terms.append(["Proposed", "آتش‌بس", "ceasefire", "karabakh", "ceasefire"])
    domains = book.create_sheet("Domains")
    domains.append(["id", "name"])
    domains.append(["karabakh", "Nagorno-Karabakh"])
    book.save(tmp_path / "terms.xlsx")
    glossary, layout = read_glossary(tmp_path / "terms.xlsx")
    assert glossary == Glossary(
        (
            Term("minsk-group", "karabakh", "گروه مینسک", "Minsk Group"),
            Term("ceasefire", "karabakh", "آتش‌بس", "ceasefire", Status.PROPOSED),
        ),
        (Domain("karabakh", "Nagorno-Karabakh"),),
    )
    assert layout == Layout((2, 4), {"id": "E", "domain": "D", "fa": "B", "en": "C", "status": "A"})
    assert layout.cell(1, "status") == "Terms!A4"
    assert layout.cell(0, "note") == layout.cell(5, "fa") == ""


def test_persian_is_read_in_nfc_and_not_respelled(workbook):
    decomposed = "\u0627\u0653ذربایجان"  # آ as alef + maddah
    edit(workbook, put("Terms", "C3", f"دریاي خزر {decomposed}"))
    assert load_glossary(workbook).by_id()["caspian-sea"].fa == "دریاي خزر آذربایجان"


def test_lenient_read_keeps_what_lint_reports(workbook):
    def editor(book):
        terms = book["Terms"]
        terms["I3"], terms["B5"], terms["E6"] = "aproved", "commonwealth", None

    glossary, layout = read_glossary(edit(workbook, editor), strict=False)
    by_id = glossary.by_id()
    assert (by_id["caspian-sea"].status, by_id["cis"].domain, by_id["lukoil"].en) == (
        "aproved",
        "commonwealth",
        "",
    )
    assert layout.cell(1, "status") == "Terms!I3"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (put("Terms", "I3", "aproved"), "Terms!I3: unknown status 'aproved' (expected approved, proposed or deprecated)"),
        (put("Terms", "B5", "commonwealth"), "Terms!B5: unknown domain 'commonwealth' (add it to the Domains sheet or use caspian, cis, energy, geopolitics, karabakh)"),
        (put("Terms", "E6", None), "Terms!E6: empty English term (required: id, domain, Persian term, English term, status)"),
        (put("Terms", "C4", 1997), "Terms!C4: expected text, found the number 1997 (format the cell as Text and type the value again)"),
        (put("Terms", "J2", datetime(1997, 11, 12)), "Terms!J2: expected text, found the date 1997-11-12 (format the cell as Text and type the value again)"),
        (put("Terms", "H2", "=A1&B1"), "Terms!H2: expected text, found the formula =A1&B1 (start the value with an apostrophe (') to store it as text)"),
        (put("Terms", "A4", "caspian-sea"), "Terms!A4: duplicate id 'caspian-sea' (also in Terms!A3)"),
        (lambda b: b["Terms"].delete_cols(9), "Terms!1:1: missing column 'status' (the header row needs id, domain, Persian term, English term, status)"),
        (put("Terms", "L1", "persian term"), "Terms!L1: duplicate column 'persian term' (also in column C)"),
        (put("Domains", "B3", None), "Domains!B3: empty name (required: id, name)"),
        (put("Domains", "A3", "caspian"), "Domains!A3: duplicate domain 'caspian'"),
        (lambda b: b.remove(b["Domains"]), " missing sheet 'Domains' (the workbook has Terms, How to edit)"),
        (lambda b: b.remove(b["Terms"]), " missing sheet 'Terms' (the workbook has Domains, How to edit)"),
    ],
    ids=["bad status", "unknown domain", "empty required", "number", "date", "formula", "duplicate id", "missing column", "duplicate column", "domain without name", "duplicate domain", "no Domains", "no Terms"],
)  # fmt: skip
def test_bad_cell_error_names_file_sheet_and_cell(workbook, change, expected):
    assert error_line(edit(workbook, change)) == f"{workbook}:{expected}"


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_unreadable_files_are_not_xlsx_workbooks(workbook, tmp_path):
    text = tmp_path / "terms.tsv.xlsx"
    text.write_text("id\tdomain\n", encoding="utf-8")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(workbook.read_bytes()[:-200])
    document = tmp_path / "document.xlsx"
    document.write_bytes(zipped({"word/document.xml": b"<w:document/>"}))
    encrypted = (
        DATA / "encrypted.xlsx"
    )  # terms.xlsx encrypted with msoffcrypto-tool, password "glossary"
    assert [error_line(path) for path in (text, damaged, document, encrypted)] == [
        f"{text}: not an XLSX workbook (text, not a workbook: a TBX file or a term list (CSV, "
        f"TSV, an OmegaT glossary) becomes one with tmkit glossary import {text} -o "
        "glossary.xlsx)",
        f"{damaged}: not an XLSX workbook (a damaged ZIP file; save it as .xlsx from Excel or LibreOffice)",
        f"{document}: not an XLSX workbook (a ZIP file without xl/workbook.xml; save it as .xlsx from Excel or LibreOffice)",
        f"{encrypted}: not an XLSX workbook (an OLE2 file: a password-protected workbook or a legacy .xls; save it as .xlsx without a password)",
    ]
    binary = tmp_path / "image.xlsx"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert error_line(binary) == (
        f"{binary}: not an XLSX workbook (not a ZIP file; save it as .xlsx from Excel or LibreOffice)"
    )
    assert (
        error_line(tmp_path / "missing.xlsx")
        == f"{tmp_path / 'missing.xlsx'}: cannot read: No such file or directory"
    )


def with_member(workbook: Path, name: str, data: bytes, path: Path) -> Path:
    with zipfile.ZipFile(workbook) as archive:
        members = {member: archive.read(member) for member in archive.namelist()}
    path.write_bytes(zipped({**members, name: data}))
    return path


def test_entity_expansion_in_a_sheet_is_refused(workbook, tmp_path):
    # the payload is real: a parser that expands entities turns 10 characters into 1000
    assert ElementTree.fromstring(HOSTILE_SHEET).findtext(".//{*}t") == "a" * 1000
    hostile = with_member(workbook, "xl/worksheets/sheet1.xml", HOSTILE_SHEET, tmp_path / "x.xlsx")
    assert error_line(hostile) == (
        f"{hostile}: refusing unsafe XML: the workbook declares XML entities "
        "(an entity-expansion attack or a broken tool; save it as .xlsx from Excel or LibreOffice)"
    )


def test_entity_expansion_in_the_properties_is_refused(workbook, tmp_path):
    """Parts other than sheets go through lxml, which stops the expansion itself."""
    entities = "".join(f'<!ENTITY {chr(98 + n)} "{f"&{chr(97 + n)};" * 10}">' for n in range(8))
    core = f'<!DOCTYPE c [<!ENTITY a "aaaaaaaaaa">{entities}]>' + (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&i;'
        "</dc:creator></cp:coreProperties>"
    )
    hostile = with_member(workbook, "docProps/core.xml", core.encode(), tmp_path / "x.xlsx")
    line = error_line(hostile)
    assert line.startswith(f"{hostile}: not an XLSX workbook (") and "entity" in line


def test_reading_without_defusedxml_is_refused(workbook, monkeypatch):
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert error_line(workbook) == (
        f"{workbook}: refusing to parse a workbook without defusedxml "
        "(install defusedxml and unset OPENPYXL_DEFUSEDXML)"
    )


# The bundled workbook


def test_bundled_workbook_loads_with_its_domains():
    bundled = load_glossary(bundled_glossary_path())
    assert len(bundled.terms) >= 60
    assert [d.id for d in bundled.domains] == [
        "caspian", "karabakh", "cis", "energy", "geopolitics", "periodicals",
    ]  # fmt: skip
    assert {t.domain for t in bundled.terms} <= {d.id for d in bundled.domains}


def test_format_keeps_the_line_breaks_of_a_note_and_tidies_each_line(workbook):
    sheet = openpyxl.load_workbook(workbook)["Terms"]
    column = next(cell.column_letter for cell in sheet[1] if cell.value == "note")

    def editor(book):
        book["Terms"][f"{column}2"] = " definition:  the OSCE group \n\n context: Minsk"

    done = format_glossary(edit(workbook, editor))
    assert done and done.values
    notes = [t.note for t in load_glossary(workbook).terms if t.note.startswith("definition")]
    assert notes == ["definition: the OSCE group\ncontext: Minsk"]


@pytest.mark.parametrize(
    "command",
    [["check", "--tmx", "TMX", "--glossary", "TERMS"], ["glossary", "diff", "TERMS", "TERMS"]],
)
def test_a_tbx_or_term_list_given_as_the_workbook_is_told_to_import_it(tmp_path, capsys, command):
    from tm.cli import main

    tmx = tmp_path / "tm.tmx"
    tmx.write_text("<tmx/>", encoding="utf-8")
    for name, text in (("terms.tbx", "<tbx/>"), ("terms.csv", "en,fa\noil,نفت\n")):
        terms = tmp_path / name
        terms.write_text(text, encoding="utf-8")
        argv = [{"TMX": str(tmx), "TERMS": str(terms)}.get(a, a) for a in command]
        assert main(argv) == 2
        assert capsys.readouterr().err == (
            f"tmkit: error: {terms}: not an XLSX workbook (text, not a workbook: a TBX file or a "
            f"term list (CSV, TSV, an OmegaT glossary) becomes one with tmkit glossary import "
            f"{terms} -o glossary.xlsx)\n"
        )
