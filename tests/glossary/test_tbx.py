"""TBX export and import: TBX-Basic that CAT tools read, and the same glossary read back."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest
from lxml import etree

from corpus import xmlsafe
from glossary.model import Domain, Glossary, GlossaryError, Status, Term
from glossary.tbx import (
    ADMITTED,
    DEPRECATED,
    NAMESPACE,
    PREFERRED,
    SUPERSEDED,
    XML_LANG,
    read_tbx,
    write_tbx,
)
from glossary.workbook import load_glossary, write_glossary

BUNDLED = Path(__file__).parents[2] / "glossary" / "terms.xlsx"
TBX = f"{{{NAMESPACE}}}"
BASIC_STATUSES = {PREFERRED, ADMITTED, SUPERSEDED, DEPRECATED}


@pytest.fixture
def written(glossary, tmp_path) -> etree._Element:
    path = tmp_path / "terms.tbx"
    assert write_tbx(glossary, path) == len(glossary.terms)
    return xmlsafe.parse(path).getroot()


def entry(root: etree._Element, concept: str) -> etree._Element:
    return root.find(f".//{TBX}conceptEntry[@id='{concept}']")


def terms_of(entry: etree._Element, language: str) -> list[tuple[str, str]]:
    """(term, administrativeStatus) of each termSec of *entry*'s section in *language*."""
    section = next(s for s in entry.iter(f"{TBX}langSec") if s.get(XML_LANG) == language)
    return [
        (
            termsec.findtext(f"{TBX}term"),
            termsec.findtext(f"{TBX}termNote[@type='administrativeStatus']"),
        )
        for termsec in section.iter(f"{TBX}termSec")
    ]


# Writing


def test_sample_fills_every_field_so_the_round_trip_can_fail(glossary):
    defaults = Term("", "", "", "")
    for field in fields(Term):
        values = {getattr(term, field.name) for term in glossary.terms}
        assert values - {getattr(defaults, field.name)}, f"no concept sets {field.name}"
    assert {term.status for term in glossary.terms} == set(Status)


def test_written_file_is_tbx_basic_v3_in_the_iso_namespace(written):
    assert written.tag == f"{TBX}tbx"
    assert (written.get("type"), written.get("style"), written.get(XML_LANG)) == (
        "TBX-Basic",
        "dca",
        "en",
    )
    assert [child.tag for child in written] == [f"{TBX}tbxHeader", f"{TBX}text"]
    assert written.findtext(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}sourceDesc/{TBX}p").startswith(
        "Exported by tmkit"
    )


def test_one_concept_entry_per_concept_in_glossary_order(written, glossary):
    ids = [e.get("id") for e in written.iter(f"{TBX}conceptEntry")]
    assert ids == [term.id for term in glossary.terms]


def test_entry_holds_domain_source_note_then_persian_and_english_sections(written):
    peacekeeping = entry(written, "peacekeeping-forces")
    assert [(c.tag.removeprefix(TBX), c.get("type") or c.get(XML_LANG)) for c in peacekeeping] == [
        ("descrip", "subjectField"),
        ("admin", "source"),
        ("note", None),
        ("langSec", "fa"),
        ("langSec", "en"),
    ]
    assert peacekeeping.findtext(f"{TBX}descrip") == "karabakh"
    assert peacekeeping.findtext(f"{TBX}admin") == "TRANSLATOR-NOTES.md & gold.tsv"
    assert peacekeeping.findtext(f"{TBX}note").startswith("The article uses two Persian")


def test_empty_fields_write_no_element(written):
    oil_cartels = entry(written, "oil-cartels")  # no note, no part of speech
    assert oil_cartels.find(f"{TBX}note") is None
    assert oil_cartels.find(f".//{TBX}termNote[@type='partOfSpeech']") is None
    assert entry(written, "treaty-1921").find(f"{TBX}admin") is None  # no source


@pytest.mark.parametrize(
    ("concept", "language", "expected"),
    [
        pytest.param(
            "peacekeeping-forces",
            "fa",
            [
                ("نیروهای پاسدار صلح", PREFERRED),
                ("نیروهای حافظ صلح", ADMITTED),
                ("پاسداران صلح", ADMITTED),
            ],
            id="approved-persian-term-then-variants",
        ),
        pytest.param(
            "peacekeeping-forces",
            "en",
            [
                ("peacekeeping forces", PREFERRED),
                ("peacekeepers", ADMITTED),
                ("peacekeeping force", ADMITTED),
                ("peace guards", DEPRECATED),
                ("peace-guarding forces", DEPRECATED),
            ],
            id="approved-english-variants-admitted-forbidden-deprecated",
        ),
        pytest.param(
            "cis-pact",
            "en",
            [("CIS pact", ADMITTED), ("Commonwealth pact", DEPRECATED)],
            id="proposed-term-admitted",
        ),
        pytest.param(
            "csce",
            "en",
            [
                ("Conference on Security and Co-operation in Europe", SUPERSEDED),
                ("CSCE", SUPERSEDED),
                ("Conference on Security and Cooperation of Europe", DEPRECATED),
            ],
            id="deprecated-concept-superseded-forbidden-still-deprecated",
        ),
    ],
)
def test_administrative_status_marks_terms_variants_and_forbidden_forms(
    written, concept, language, expected
):
    assert terms_of(entry(written, concept), language) == expected


def test_only_tbx_basic_status_values_are_written(written):
    values = {
        n.text for n in written.iter(f"{TBX}termNote") if n.get("type") == "administrativeStatus"
    }
    assert values == BASIC_STATUSES


def test_part_of_speech_on_every_term_of_the_concept(written):
    termsecs = list(entry(written, "littoral-states").iter(f"{TBX}termSec"))
    assert len(termsecs) == 7
    assert {t.findtext(f"{TBX}termNote[@type='partOfSpeech']") for t in termsecs} == {"noun"}


def test_case_sensitive_concept_has_a_note_on_its_english_section(written):
    persian, english = entry(written, "minsk-group").iter(f"{TBX}langSec")
    assert english.findtext(f"{TBX}note") == "case-sensitive"
    assert persian.find(f"{TBX}note") is None
    assert entry(written, "legal-status").find(f".//{TBX}langSec/{TBX}note") is None


def test_domains_follow_the_body_as_back_matter(written, glossary):
    references = written.findall(f"{TBX}text/{TBX}back/{TBX}refObjectSec[@type='subjectField']/*")
    found = [{i.get("type"): i.text for i in reference} for reference in references]
    assert found[0] == {
        "id": "caspian",
        "name": "Legal regime of the Caspian Sea",
        "description": "Legal status, national sectors, the continental shelf and the littoral states.",
    }
    assert found[2] == {"id": "cis", "name": "Commonwealth of Independent States"}
    assert len(found) == len(glossary.domains)


def test_persian_text_is_written_as_is(tmp_path, glossary):
    path = tmp_path / "terms.tbx"
    write_tbx(glossary, path)
    text = path.read_text(encoding="utf-8")
    assert "<term>کارتل\u200cهای نفتی</term>" in text  # ZWNJ kept, not an entity
    assert "<term>عهدنامه مودت ۱۹۲۱</term>" in text  # Persian digits kept
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx ')
    assert text.endswith("</tbx>\n") and "\r" not in text


def test_same_glossary_gives_identical_bytes(tmp_path, glossary):
    write_tbx(glossary, tmp_path / "a.tbx")
    write_tbx(glossary, tmp_path / "b.tbx")
    assert (tmp_path / "a.tbx").read_bytes() == (tmp_path / "b.tbx").read_bytes()


def test_tbx_2008_form_uses_martif_term_entries_and_tigs(tmp_path, glossary):
    path = tmp_path / "terms.tbx"
    write_tbx(glossary, path, version=2)
    root = xmlsafe.parse(path).getroot()
    assert (root.tag, root.get("type"), root.nsmap) == ("martif", "TBX-Basic", {})
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    assert len(root.findall("text/body/termEntry")) == len(glossary.terms)
    first = root.find("text/body/termEntry/langSet/tig")
    assert [child.tag for child in first] == ["term", "termNote", "termNote"]
    assert root.find("text/back/refObjectList[@type='subjectField']") is not None


def test_empty_glossary_gives_a_well_formed_file(tmp_path):
    path = tmp_path / "empty.tbx"
    assert write_tbx(Glossary(()), path) == 0
    assert xmlsafe.parse(path).getroot().find(f"{TBX}text/{TBX}body") is not None
    assert read_tbx(path) == Glossary(())


def test_character_xml_cannot_carry_is_refused_and_the_file_kept(tmp_path, glossary):
    path = tmp_path / "terms.tbx"
    write_tbx(glossary, path)
    before = path.read_bytes()
    broken = replace(glossary.terms[4], note="page break\x0cin the note")
    with pytest.raises(GlossaryError) as error:
        write_tbx(Glossary((glossary.terms[0], broken)), path)
    assert str(error.value) == (
        f"{path}: concept 'peacekeeping-forces': note has U+000C, which XML 1.0 cannot carry "
        "(remove the character or replace it in the workbook)"
    )
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["terms.tbx"]


def test_unknown_version_is_refused(tmp_path, glossary):
    with pytest.raises(GlossaryError, match="unknown TBX version 4"):
        write_tbx(glossary, tmp_path / "terms.tbx", version=4)


# Reading back


@pytest.mark.parametrize("version", [3, 2], ids=["tbx-v3", "tbx-2008"])
def test_write_then_read_gives_the_same_glossary(tmp_path, glossary, version):
    path = tmp_path / "terms.tbx"
    write_tbx(glossary, path, version=version)
    assert read_tbx(path) == glossary


def test_spaces_tabs_and_line_breaks_in_a_note_and_source_come_back_exactly(tmp_path):
    """A note's and a source's text is kept as written; a term's white space is XML layout
    (collapsed: see test_whitespace_inside_a_term_is_xml_layout)."""
    term = Term(
        "ceasefire",
        "karabakh",
        "آتش‌بس ",
        "ceasefire\t",
        note="b102:\r\nحفظ مصالحه و آتش بس\rthe truce and the ceasefire",
        source="  gold.tsv  ",
    )
    path = tmp_path / "terms.tbx"
    write_tbx(Glossary((term,)), path)
    assert "&#13;" in path.read_text(encoding="utf-8")  # a raw CR would read back as LF
    assert read_tbx(path).terms == (replace(term, fa="آتش‌بس", en="ceasefire"),)


@pytest.mark.parametrize("status", list(Status))
def test_every_status_survives_with_variants_and_forbidden_forms(tmp_path, glossary, status):
    concepts = tuple(replace(term, status=status) for term in glossary.terms)
    path = tmp_path / "terms.tbx"
    write_tbx(Glossary(concepts), path)
    assert read_tbx(path).terms == concepts


def test_workbook_to_tbx_to_workbook_keeps_every_field(tmp_path, glossary):
    write_glossary(glossary, tmp_path / "first.xlsx")
    loaded = load_glossary(tmp_path / "first.xlsx")
    write_tbx(loaded, tmp_path / "terms.tbx")
    write_glossary(read_tbx(tmp_path / "terms.tbx"), tmp_path / "second.xlsx")
    again = load_glossary(tmp_path / "second.xlsx")
    assert again == loaded
    assert {t.id for t in again.terms} == {t.id for t in glossary.terms}
    assert again.by_id()["peacekeeping-forces"].note == glossary.by_id()["peacekeeping-forces"].note


@pytest.mark.skipif(not BUNDLED.exists(), reason="glossary/terms.xlsx is not there yet")
def test_bundled_workbook_survives_tbx_both_ways(tmp_path):
    bundled = load_glossary(BUNDLED)
    write_tbx(bundled, tmp_path / "terms.tbx")
    assert read_tbx(tmp_path / "terms.tbx") == bundled
    write_glossary(read_tbx(tmp_path / "terms.tbx"), tmp_path / "terms.xlsx")
    assert load_glossary(tmp_path / "terms.xlsx") == bundled


OTHER_TOOL = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>another tool</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry>
      <descripGrp><descrip type="subjectField">karabakh</descrip></descripGrp>
      <langSet xml:lang="es"><tig><term>fuerzas de paz</term></tig></langSet>
      <langSet xml:lang="fa-IR">
        <ntig><termGrp><term>نیروهای حافظ صلح</term></termGrp></ntig>
        <ntig><termGrp><term>نیروهای پاسدار صلح</term>
          <termNote type="administrativeStatus">preferredTerm</termNote></termGrp></ntig>
      </langSet>
      <langSet xml:lang="en-US">
        <tig><term>peace-keeping forces</term>
          <termNote type="administrativeStatus">
            deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>peacekeeping <hi type="bold">forces</hi></term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_reads_tbx_2008_from_another_tool(tmp_path):
    path = tmp_path / "memoq-export.tbx"
    path.write_text(OTHER_TOOL, encoding="utf-8")
    assert read_tbx(path) == Glossary(
        (
            Term(
                id="memoq-export-1",
                domain="karabakh",
                fa="نیروهای پاسدار صلح",
                en="peacekeeping forces",
                fa_variants=("نیروهای حافظ صلح",),
                forbidden=("peace-keeping forces",),
                pos="noun",
            ),
        )
    )


def test_reads_the_dialect_namespace_and_an_unmarked_term_as_approved(tmp_path):
    path = tmp_path / "dialect.tbx"
    path.write_text(
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed:3.0">'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
        '<text><body><conceptEntry id="ceasefire"><descrip type="subjectField">karabakh</descrip>'
        '<langSec xml:lang="fa"><termSec><term>آتش‌بس</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>ceasefire</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    assert read_tbx(path).terms == (Term("ceasefire", "karabakh", "آتش‌بس", "ceasefire"),)


# Bad and hostile input

HEAD = '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
TAIL = "</body></text></tbx>"


def concept(persian: str, english: str = "<termSec><term>ceasefire</term></termSec>") -> str:
    return (
        f'<conceptEntry id="ceasefire"><langSec xml:lang="fa">{persian}</langSec>'
        f'<langSec xml:lang="en">{english}</langSec></conceptEntry>'
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
            + HEAD
            + concept("<termSec><term>&lol2;</term></termSec>")
            + TAIL,
            ":2: the DOCTYPE declares entity 'lol'; tmkit never expands entities "
            "(TBX needs none: replace them by the characters they stand for)",
            id="entity-expansion",
        ),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
            + HEAD
            + concept("<termSec><term>&secret;</term></termSec>")
            + TAIL,
            ":2: the DOCTYPE declares entity 'secret'; tmkit never expands entities "
            "(TBX needs none: replace them by the characters they stand for)",
            id="external-entity",
        ),
        pytest.param(
            HEAD + "\n" + concept("<termSec><term>آتش‌بس</term>") + TAIL,
            ":2:",  # line 2, then the column
            id="malformed",
        ),
        pytest.param(
            '<tmx version="1.4"><body/></tmx>',
            ":1: not a TBX file (the root element is <tmx>, expected <tbx> or <martif>)",
            id="not-tbx",
        ),
        pytest.param(
            HEAD + "\n" + concept("", english="") + TAIL,
            ":2: concept 'ceasefire' has no Persian term "
            "(add a langSec with xml:lang='fa' holding a term)",
            id="no-persian-term",
        ),
        pytest.param(
            HEAD
            + concept(
                "<termSec><term>آتش‌بس</term>"
                '<termNote type="administrativeStatus">approved</termNote></termSec>'
            )
            + TAIL,
            ":1: unknown administrativeStatus 'approved' (expected preferredTerm-admn-sts, "
            "admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts)",
            id="unknown-status",
        ),
    ],
)
def test_bad_or_hostile_tbx_is_refused_with_its_place(tmp_path, text, message):
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        read_tbx(path)
    assert str(error.value).startswith(f"{path}{message}")
    assert "root:" not in str(error.value)  # nothing of /etc/passwd


def test_malformed_xml_error_names_line_and_column(tmp_path):
    path = tmp_path / "bad.tbx"
    path.write_text(HEAD + "\n  <conceptEntry id='x'>\n    <langSec></conceptEntry>" + TAIL)
    with pytest.raises(GlossaryError) as error:
        read_tbx(path)
    assert error.value.line == 3 and error.value.column > 1
    assert str(error.value).startswith(f"{path}:3:{error.value.column}: not well-formed XML: ")


def test_missing_file_is_a_glossary_error(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read"):
        read_tbx(tmp_path / "missing.tbx")


TOOLS = Path(__file__).parents[1] / "data" / "glossary" / "tbx"


def test_whitespace_inside_a_term_is_xml_layout(tmp_path):
    """TermWeb's export: ``<term>  pipeline </term>`` and a pretty-printer's wrap inside the
    Persian term; a ZWNJ is no white space and stays."""
    terms = read_tbx(TOOLS / "termweb.tbx").by_id()
    assert (terms["tw-11"].en, terms["tw-11"].fa) == ("pipeline", "خط لوله")
    assert terms["tw-10"].fa == "انتشار دی\u200cاکسید کربن"
    wrapped = tmp_path / "wrapped.tbx"
    wrapped.write_text(
        '<martif type="TBX"><text><body><termEntry id="c"><descrip type="definition">a\n'
        "   long  line</descrip>"
        '<langSet xml:lang="fa"><tig><term>\n  دی\u200cاکسید\t\tکربن\n</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>carbon\r\n dioxide</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    term = read_tbx(wrapped).terms[0]
    assert (term.fa, term.en) == ("دی\u200cاکسید کربن", "carbon dioxide")
    assert term.note == "definition: a long line"  # a labelled line is one line


def test_persian_of_iran_is_the_term_beside_dari_and_the_entry_is_named(tmp_path):
    notes: list[str] = []
    term = read_tbx(TOOLS / "prs.tbx", notes=notes).terms[0]
    assert (term.fa, term.fa_variants) == ("خط لوله", ("پایپ لاین",))
    assert notes == [
        "entry 'c1' mixes Persian varieties (fa-IR, prs): its fa-IR term is the Persian term, "
        "the others' terms its variants"
    ]


def test_qterm_export_never_lists_the_term_among_its_variants():
    """qTerm repeats the term in the fa section and a Dari one; its ZWNJ spelling is a variant,
    its data categories are named in title case (Definition, Subject)."""
    notes: list[str] = []
    term = read_tbx(TOOLS / "qterm.tbx", notes=notes).by_id()["_1"]
    assert (term.fa, term.fa_variants) == ("نفت خام", ("نفت\u200cخام",))
    assert term.domain == "Energy"
    assert term.note.splitlines()[:2] == [
        "definition: oil as extracted",
        "definition (en): unrefined oil",
    ]
    assert notes and "'_1'" in notes[0]


def test_a_subject_field_that_is_no_id_becomes_one_and_its_text_the_description():
    notes: list[str] = []
    glossary = read_tbx(TOOLS / "iate.tbx", notes=notes)
    assert glossary.by_id()["IATE-1427354"].domain == "energy-policy"
    assert Domain("energy-policy", "energy policy", "energy policy; oil industry") in (
        glossary.domains
    )
    assert notes == ["domain 'energy policy; oil industry' is no id: imported as 'energy-policy'"]


def test_a_tbx_term_holding_several_forms_is_split_as_a_term_list_cell(tmp_path):
    path = tmp_path / "forms.tbx"
    path.write_text(
        '<martif type="TBX"><text><body><termEntry id="c">'
        '<langSet xml:lang="fa"><tig><term>خط لوله؛ لوله</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>pipeline | pipe line</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        encoding="utf-8",
    )
    notes: list[str] = []
    term = read_tbx(path, notes=notes).terms[0]
    assert (term.fa, term.fa_variants, term.en, term.en_variants) == (
        "خط لوله",
        ("لوله",),
        "pipeline",
        ("pipe line",),
    )
    assert notes[0].startswith("2 cells held several forms")
