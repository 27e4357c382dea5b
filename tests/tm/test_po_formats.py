"""Reviewed English from a PO file written back into Word, Markdown and HTML references, and
import-po over a whole project (tm.po.import_po, tm.po_docx, tm.po_markup)."""

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import polib
import pytest
from lxml import etree

from corpus.pipeline import load_document, segment_document
from tm.cli import main
from tm.errors import TmError
from tm.po import Change, apply_po, import_po, word_changes, write_po
from tm.tmx import read_tmx
from tm.unit import TranslationUnit

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
DOC = "d"
REPORT = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7119513/"
STEPS = "Russia has taken steps towards Azerbaijan."
OIL = "Caspian oil matters to the whole region."
END = "The talks ended in Baku."


# --- helpers: documents, units, PO edits ---


def write_docx(path: Path, paragraphs, notes: dict[int, str] | None = None) -> Path:
    """A Word document: each paragraph a list of runs, a run a text, ``(text, {"italic":
    True})`` (or ``"bold"``; ``"link": url`` for a hyperlink, ``"field": url`` for a HYPERLINK
    field, whose result is the text), ``("\\t", …)`` for a tab, or ``("^", n)`` for a
    reference to footnote *n*."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for run in runs:
            text, options = (run, {}) if isinstance(run, str) else run
            if text == "^":
                reference = etree.SubElement(paragraph.add_run()._r, W + "footnoteReference")
                reference.set(W + "id", str(options))
            elif text == "\t":
                paragraph.add_run().add_tab()
            elif "link" in options:
                rid = document.part.relate_to(
                    options["link"], RELATIONSHIP_TYPE.HYPERLINK, is_external=True
                )
                link = etree.SubElement(paragraph._p, W + "hyperlink", {R + "id": rid})
                run_text = etree.SubElement(etree.SubElement(link, W + "r"), W + "t")
                run_text.text = text
            elif "field" in options:
                for kind in ("begin", "instrText", "separate", "t", "end"):
                    if kind in ("instrText", "t"):
                        element = etree.SubElement(paragraph.add_run()._r, W + kind)
                        element.text = f' HYPERLINK "{options["field"]}" ' if kind != "t" else text
                    else:
                        etree.SubElement(paragraph.add_run()._r, W + "fldChar").set(
                            W + "fldCharType", kind
                        )
            else:
                added = paragraph.add_run(text)
                added.italic = options.get("italic")
                added.bold = options.get("bold")
    if notes:
        _add_footnotes(document, notes)
    document.save(str(path))
    return path


def _add_footnotes(document, texts: dict[int, str]) -> None:
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    root = etree.Element(W + "footnotes", nsmap={"w": W_NS})
    for number, kind in ((-1, "separator"), (0, "continuationSeparator")):
        note = etree.SubElement(root, W + "footnote", {W + "type": kind, W + "id": str(number)})
        etree.SubElement(etree.SubElement(etree.SubElement(note, W + "p"), W + "r"), W + kind)
    for number, text in texts.items():
        paragraph = etree.SubElement(
            etree.SubElement(root, W + "footnote", {W + "id": str(number)}), W + "p"
        )
        etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "footnoteRef")
        run_text = etree.SubElement(etree.SubElement(paragraph, W + "r"), W + "t")
        run_text.text = " " + text
        run_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(
        PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, document.part.package
    )
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def units_of(path: Path, beads: list[tuple[str, ...]]) -> list[TranslationUnit]:
    """One unit a bead of the English segments of *path* (each bead: its segments' text)."""
    segments = iter(segment_document(load_document(path, "en-US"), "en-US"))
    units = []
    for number, bead in enumerate(beads, start=1):
        taken = [next(segments) for _ in bead]
        assert tuple(s.text for s in taken) == bead
        units.append(
            TranslationUnit(
                f"{DOC}:b{number}",
                f"جمله {number}",
                " ".join(bead),
                document=DOC,
                target_blocks=tuple(dict.fromkeys(s.block for s in taken)),
            )
        )
    assert next(segments, None) is None
    return units


def reviewed(tmp_path: Path, units, msgstrs: dict[str, str]) -> Path:
    """A PO of *units* with *msgstrs* (tuid → new English) edited as Poedit would."""
    path = tmp_path / "review.po"
    write_po(units, path)
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt in msgstrs:
            entry.msgstr = msgstrs[entry.msgctxt]
    po.save()
    return path


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(info.filename, package.read(info)) for info in package.infolist()]


def paragraph_spans(xml: bytes) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rb"<w:p[ >].*?</w:p>", xml, re.DOTALL)]


def assert_only_changed(before: bytes, after: bytes, part: str, paragraph: int) -> None:
    """Every member but *part* identical and in order; *part* differs only inside its
    *paragraph*-th ``w:p`` (1-based, as the reader counts them)."""
    old, new = members(before), members(after)
    assert [name for name, _ in old] == [name for name, _ in new]
    assert [m for m in old if m[0] != part] == [m for m in new if m[0] != part]
    old_xml, new_xml = dict(old)[part], dict(new)[part]
    assert old_xml != new_xml
    prefix = next(
        (i for i, (a, b) in enumerate(zip(old_xml, new_xml, strict=False)) if a != b),
        min(len(old_xml), len(new_xml)),
    )
    suffix = 0
    while suffix < min(len(old_xml), len(new_xml)) - prefix and (
        old_xml[-1 - suffix] == new_xml[-1 - suffix]
    ):
        suffix += 1
    start, end = paragraph_spans(old_xml)[paragraph - 1]
    assert start <= prefix and len(old_xml) - suffix <= end


def texts(path: Path) -> list[tuple[str, str]]:
    return [(b.id, b.text) for b in load_document(path, "en-US").blocks]


def run_texts(path: Path, paragraph: int) -> list[str]:
    """The text of each ``w:t`` of the paragraph (in hyperlinks and fields too), empty ones
    left out."""
    element = docx.Document(str(path)).paragraphs[paragraph - 1]._p
    return [t.text for t in element.iter(W + "t") if t.text]


def runs_of(path: Path, paragraph: int) -> list[tuple[str, bool | None]]:
    return [(r.text, r.italic) for r in docx.Document(str(path)).paragraphs[paragraph - 1].runs]


# --- the changed words ---


@pytest.mark.parametrize(
    ("old", "new", "changes"),
    [
        pytest.param(
            "It recommends a test now.",
            "It advises a test today.",
            [(3, 13, "advises"), (21, 24, "today")],
            id="two-separate-words",
        ),
        pytest.param("see the report.", "see the report now.", [(14, 14, " now")], id="added"),
        pytest.param("a big issue", "a new big issue", [(2, 2, "new ")], id="added-between"),
        pytest.param("was never signed", "was signed", [(4, 10, "")], id="deleted"),
        pytest.param("A\tB", "A new B", [(2, 2, "new ")], id="old-white-space-kept"),
        pytest.param("one two", "three", [(0, 7, "three")], id="all"),
        pytest.param("pipeline", "pipelines", [(0, 8, "pipelines")], id="a-word-is-not-cut"),
        pytest.param("same", "same", [], id="none"),
    ],
)
def test_word_changes_are_the_changed_words_only(old, new, changes):
    assert word_changes(old, new) == changes


# --- Word ---


@pytest.fixture
def english_docx(tmp_path):
    """Four paragraphs: one run; two runs alike; an italic word; STEPS again, in p4."""
    return write_docx(
        tmp_path / "en.docx",
        [
            [f"{OIL} {STEPS}"],
            ["The pipeline runs ", "from Baku to Ceyhan. ", END],
            ["The treaty was ", ("never", {"italic": True}), " signed. It expired."],
            [f"{STEPS} Nothing else changed."],
        ],
    )


DOCX_BEADS = [
    (OIL,),
    (STEPS,),
    ("The pipeline runs from Baku to Ceyhan.",),
    (END,),
    ("The treaty was never signed.", "It expired."),
    (STEPS,),
    ("Nothing else changed.",),
]


def test_docx_sentence_inside_one_run_changes_only_that_text(tmp_path, english_docx):
    units = units_of(english_docx, DOCX_BEADS)
    before, blocks = english_docx.read_bytes(), texts(english_docx)
    new = "Russia has moved closer to Azerbaijan."
    report = apply_po(reviewed(tmp_path, units, {"d:b2": new}), units, english_docx)
    assert report == [Change("d:b2", STEPS, new)]
    assert report.warnings == report.file_warnings == ()
    assert runs_of(english_docx, 1) == [(f"{OIL} {new}", None)]
    assert runs_of(english_docx, 4) == [(f"{STEPS} Nothing else changed.", None)]
    assert_only_changed(before, english_docx.read_bytes(), "word/document.xml", 1)
    assert texts(english_docx) == [("p1", f"{OIL} {new}"), *blocks[1:]]


def test_docx_change_over_two_runs_alike_goes_into_the_first_without_a_warning(
    tmp_path, english_docx
):
    units = units_of(english_docx, DOCX_BEADS)
    before = english_docx.read_bytes()
    new = "The pipeline goes to Ceyhan."
    report = apply_po(reviewed(tmp_path, units, {"d:b3": new}), units, english_docx)
    assert report == [Change("d:b3", "The pipeline runs from Baku to Ceyhan.", new)]
    assert report.file_warnings == ()
    # "runs from Baku" → "goes": into the first run, "from Baku" out of the second
    assert runs_of(english_docx, 2) == [
        ("The pipeline goes", None),
        (" to Ceyhan. ", None),
        (END, None),
    ]
    assert_only_changed(before, english_docx.read_bytes(), "word/document.xml", 2)
    xml = dict(members(english_docx.read_bytes()))["word/document.xml"]
    assert b'<w:t xml:space="preserve"> to Ceyhan. </w:t>' in xml  # Word keeps the space too


def test_docx_changed_words_stay_in_their_runs_and_the_italic_word_is_untouched(
    tmp_path, english_docx
):
    units = units_of(english_docx, DOCX_BEADS)
    before = english_docx.read_bytes()
    new = "The pact was never ratified. It lapsed in 2001."
    report = apply_po(reviewed(tmp_path, units, {"d:b5": new}), units, english_docx)
    assert report == [Change("d:b5", "The treaty was never signed. It expired.", new)]
    assert report.file_warnings == ()
    assert runs_of(english_docx, 3) == [
        ("The pact was ", None),
        ("never", True),
        (" ratified. It lapsed in 2001.", None),
    ]
    old_xml = dict(members(before))["word/document.xml"]
    new_xml = dict(members(english_docx.read_bytes()))["word/document.xml"]
    italic = re.search(rb"<w:r><w:rPr><w:i/></w:rPr><w:t>never</w:t></w:r>", old_xml)
    assert italic and italic.group() in new_xml
    assert_only_changed(before, english_docx.read_bytes(), "word/document.xml", 3)
    assert dict(texts(english_docx))["p3"] == new


def test_docx_change_over_an_italic_word_takes_the_first_runs_formatting_with_a_warning(
    tmp_path, english_docx
):
    units = units_of(english_docx, DOCX_BEADS)
    new = "The treaty lapsed. It expired."
    report = apply_po(reviewed(tmp_path, units, {"d:b5": new}), units, english_docx)
    assert report == [Change("d:b5", "The treaty was never signed. It expired.", new)]
    assert report.file_warnings == (
        (
            english_docx,
            "d:b5 in p3: 'was never signed' ran over runs of different formatting (bold, "
            "italic …); 'lapsed' takes the first run's",
        ),
    )
    assert runs_of(english_docx, 3) == [
        ("The treaty lapsed", None),
        ("", True),
        (". It expired.", None),
    ]
    assert dict(texts(english_docx))["p3"] == new


def test_docx_deleting_an_italic_word_is_no_warning(tmp_path, english_docx):
    units = units_of(english_docx, DOCX_BEADS)
    new = "The treaty was signed. It expired."
    report = apply_po(reviewed(tmp_path, units, {"d:b5": new}), units, english_docx)
    assert report.file_warnings == ()
    assert [text for text, _ in runs_of(english_docx, 3)] == [
        "The treaty was ",
        "",
        "signed. It expired.",
    ]
    assert dict(texts(english_docx))["p3"] == new


def test_docx_one_to_two_bead_and_two_edits_in_one_run(tmp_path, english_docx):
    units = units_of(english_docx, DOCX_BEADS)
    before = english_docx.read_bytes()
    edits = {"d:b1": "Caspian oil matters to the region.", "d:b2": "Russia moved."}
    report = apply_po(reviewed(tmp_path, units, edits), units, english_docx)
    assert [change.tuid for change in report] == ["d:b1", "d:b2"]
    assert runs_of(english_docx, 1) == [("Caspian oil matters to the region. Russia moved.", None)]
    assert_only_changed(before, english_docx.read_bytes(), "word/document.xml", 1)


def test_docx_sentence_repeated_in_another_paragraph_changes_in_the_units_only(
    tmp_path, english_docx
):
    units = units_of(english_docx, DOCX_BEADS)
    before = english_docx.read_bytes()
    assert units[5].target == STEPS and units[5].target_blocks == ("p4",)
    report = apply_po(reviewed(tmp_path, units, {"d:b6": "Russia acted."}), units, english_docx)
    assert report == [Change("d:b6", STEPS, "Russia acted.")]
    assert runs_of(english_docx, 1) == [(f"{OIL} {STEPS}", None)]
    assert runs_of(english_docx, 4) == [("Russia acted. Nothing else changed.", None)]
    assert_only_changed(before, english_docx.read_bytes(), "word/document.xml", 4)


def test_docx_footnote_sentence_is_written_into_the_footnotes_part(tmp_path):
    path = write_docx(
        tmp_path / "en.docx",
        [[OIL, ("^", 1)], [END]],
        {1: "See the agreement of 1994 & its annex."},
    )
    assert [(b.id, b.kind.value) for b in load_document(path, "en-US").blocks] == [
        ("p1", "body"),
        ("p2", "body"),
        ("fn1", "footnote"),
    ]
    units = units_of(path, [(OIL,), (END,), ("See the agreement of 1994 & its annex.",)])
    assert units[2].target_blocks == ("fn1",)
    before = path.read_bytes()
    new = "See the 1994 agreement <and> its annex & protocol."
    report = apply_po(reviewed(tmp_path, units, {"d:b3": new}), units, path)
    assert report == [Change("d:b3", "See the agreement of 1994 & its annex.", new)]
    old, after = members(before), members(path.read_bytes())
    assert [m for m in old if m[0] != "word/footnotes.xml"] == [
        m for m in after if m[0] != "word/footnotes.xml"
    ]
    notes = dict(after)["word/footnotes.xml"]
    assert b"See the 1994 agreement &lt;and&gt; its annex &amp; protocol.</w:t>" in notes
    assert dict(texts(path))["fn1"] == new


def test_docx_other_zip_members_keep_their_order_dates_and_compression(tmp_path, english_docx):
    units = units_of(english_docx, DOCX_BEADS)
    with zipfile.ZipFile(english_docx) as package:
        before = [(i.filename, i.date_time, i.compress_type) for i in package.infolist()]
    apply_po(reviewed(tmp_path, units, {"d:b4": "The talks ended."}), units, english_docx)
    with zipfile.ZipFile(english_docx) as package:
        after = [(i.filename, i.date_time, i.compress_type) for i in package.infolist()]
        assert package.testzip() is None
    assert after == before


GUIDANCE = "The WHO guidance recommends testing every week."
LINK = "https://www.who.int/publications/guidance"


@pytest.fixture
def linked_docx(tmp_path):
    """p1: a hyperlink inside a sentence; p2: a bold word; p3: a HYPERLINK field; p4: a
    sentence that ends with a link before its full stop; p5: a paragraph that opens with a
    link."""
    return write_docx(
        tmp_path / "en.docx",
        [
            ["The WHO ", ("guidance", {"link": LINK}), " recommends testing every week."],
            ["Prices ", ("rose", {"bold": True}), " sharply in the spring of 2020."],
            ["The WHO ", ("guidance", {"field": LINK}), " recommends testing every week."],
            ["Read the ", ("guidance", {"link": LINK}), "."],
            [("Guidance", {"link": LINK}), " matters."],
        ],
    )


LINKED_BEADS = [
    (GUIDANCE,),
    ("Prices rose sharply in the spring of 2020.",),
    (GUIDANCE,),
    ("Read the guidance.",),
    ("Guidance matters.",),
]


def hyperlinks(path: Path) -> list[bytes]:
    xml = dict(members(path.read_bytes()))["word/document.xml"]
    return re.findall(rb"<w:hyperlink .*?</w:hyperlink>", xml, re.DOTALL)


def import_linked(tmp_path, path, tuid: str, new: str):
    units = units_of(path, LINKED_BEADS)
    return apply_po(reviewed(tmp_path, units, {tuid: new}), units, path)


@pytest.mark.parametrize(
    ("tuid", "new", "paragraph", "runs"),
    [
        pytest.param(
            "d:b1",
            "The WHO guidance advises testing every week.",
            1,
            ["The WHO ", "guidance", " advises testing every week."],
            id="hyperlink",
        ),
        pytest.param(
            "d:b2",
            "Prices rose steeply in the spring of 2021.",  # two separate changes
            2,
            ["Prices ", "rose", " steeply in the spring of 2021."],
            id="bold",
        ),
        pytest.param(
            "d:b3",
            "The WHO guidance advises testing every day.",
            3,
            ["The WHO ", "guidance", " advises testing every day."],
            id="field",
        ),
    ],
)
def test_docx_word_changed_outside_a_link_bold_word_or_field_leaves_it_byte_identical(
    tmp_path, linked_docx, tuid, new, paragraph, runs
):
    before, links = linked_docx.read_bytes(), hyperlinks(linked_docx)
    report = import_linked(tmp_path, linked_docx, tuid, new)
    assert [change.new for change in report] == [new]
    assert report.file_warnings == ()
    assert run_texts(linked_docx, paragraph) == runs
    assert hyperlinks(linked_docx) == links  # the link, its r:id and its text
    # every other member (the relationships with the link's address too) byte-identical
    assert_only_changed(before, linked_docx.read_bytes(), "word/document.xml", paragraph)
    document = docx.Document(str(linked_docx))
    assert LINK in [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
    assert docx.Document(str(linked_docx)).paragraphs[1].runs[1].bold is True
    assert dict(texts(linked_docx))[f"p{paragraph}"] == new


def test_docx_link_text_changed_inside_the_link_keeps_the_link(tmp_path, linked_docx):
    (link,) = hyperlinks(linked_docx)[:1]
    report = import_linked(
        tmp_path, linked_docx, "d:b1", "The WHO advice recommends testing every week."
    )
    assert report.file_warnings == ()
    assert hyperlinks(linked_docx)[0] == link.replace(b"guidance", b"advice")
    assert dict(texts(linked_docx))["p1"] == "The WHO advice recommends testing every week."


def test_docx_word_added_before_a_link_that_opens_the_paragraph_is_an_error(tmp_path, linked_docx):
    before = linked_docx.read_bytes()
    with pytest.raises(TmError) as error:
        import_linked(tmp_path, linked_docx, "d:b5", "WHO Guidance matters.")
    assert str(error.value) == (
        f"{linked_docx}: the English of d:b5 in p5: a word added here would go into a link (or "
        "a field, a content control) with no text outside it next to the place (edit that "
        "sentence in Word by hand)"
    )
    assert linked_docx.read_bytes() == before


def test_docx_insertion_at_the_end_of_a_link_goes_after_it(tmp_path, linked_docx):
    links = hyperlinks(linked_docx)
    import_linked(tmp_path, linked_docx, "d:b4", "Read the guidance today.")
    assert hyperlinks(linked_docx) == links
    assert run_texts(linked_docx, 4) == ["Read the ", "guidance", " today."]
    assert dict(texts(linked_docx))["p4"] == "Read the guidance today."


def test_docx_made_by_libreoffice_keeps_its_links_bold_and_italic_words(tmp_path):
    path = tmp_path / "en.docx"
    path.write_bytes((Path(__file__).parent / "data" / "po-links.docx").read_bytes())
    units = units_of(
        path,
        [
            (GUIDANCE, "Read the guidance."),
            ("Prices rose sharply in the spring of 2020.", "The treaty was never signed."),
        ],
    )
    before, links = path.read_bytes(), hyperlinks(path)
    assert len(links) == 2
    xml = dict(members(before))["word/document.xml"]
    formatted = re.findall(rb"<w:r><w:rPr><w:[bi]/></w:rPr><w:t>\w+</w:t></w:r>", xml)
    assert len(formatted) == 2
    edits = {
        "d:b1": "The WHO guidance advises testing every day. Read the guidance today.",
        "d:b2": "Prices rose steeply in the spring of 2021. The pact was never ratified.",
    }
    report = apply_po(reviewed(tmp_path, units, edits), units, path)
    assert report.file_warnings == ()
    assert hyperlinks(path) == links
    new_xml = dict(members(path.read_bytes()))["word/document.xml"]
    assert all(run in new_xml for run in formatted)
    old, new = members(before), members(path.read_bytes())
    assert [m for m in old if m[0] != "word/document.xml"] == [
        m for m in new if m[0] != "word/document.xml"
    ]  # word/_rels/document.xml.rels (the links' addresses) included
    assert run_texts(path, 1) == [
        "The WHO ",
        "guidance",
        " advises testing every day. Read the ",
        "guidance",
        " today.",
    ]
    assert texts(path) == [("p1", edits["d:b1"]), ("p2", edits["d:b2"])]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        pytest.param(
            "The agency's advice recommends testing every week.",
            "changing 'WHO guidance' would cut into a link",
            id="over-the-link-boundary",
        ),
        pytest.param(
            "The WHO recommends testing every week.",
            "changing 'guidance ' would cut into a link",
            id="link-text-deleted",
        ),
    ],
)
def test_docx_change_that_would_cut_into_or_empty_a_link_is_an_error(
    tmp_path, linked_docx, new, message
):
    before = linked_docx.read_bytes()
    with pytest.raises(TmError) as error:
        import_linked(tmp_path, linked_docx, "d:b1", new)
    assert str(error.value) == (
        f"{linked_docx}: the English of d:b1 in p1: {message} (or a content control, a tracked "
        "change, a smart tag): a link is never removed (edit that sentence in Word by hand)"
    )
    assert linked_docx.read_bytes() == before


@pytest.mark.parametrize(
    ("paragraphs", "bead", "message"),
    [
        pytest.param(
            [["Before the tab", ("\t", {}), "after it. Done."]],
            [("Before the tab after it.",), ("Done.",)],
            "the English of d:b1 in p1: changing 'Before the tab after it' runs over a tab, a "
            "line break, a field or a paragraph break (edit that sentence in Word by hand)",
            id="tab",
        ),
        pytest.param(
            [["The ", ("WHO guidance", {"field": "https://who.int/g"}), " recommends it."]],
            [("The WHO guidance recommends it.",)],
            "the English of d:b1 in p1: changing 'The WHO guidance recommends it' runs over a "
            "tab, a line break, a field or a paragraph break (edit that sentence in Word by hand)",
            id="field",
        ),
        pytest.param(
            [["Oil matters", ("^", 1), " to all."]],
            [("Oil matters to all.",)],
            "the English of d:b1 in p1: changing 'Oil matters to all' runs over something that "
            "is not text (a note reference, a picture, a field, a comment) (edit that sentence "
            "in Word by hand)",
            id="note-reference",
        ),
    ],
)
def test_docx_change_over_a_tab_field_or_note_reference_is_an_error_and_nothing_is_written(
    tmp_path, paragraphs, bead, message
):
    path = write_docx(tmp_path / "en.docx", paragraphs)
    units = units_of(path, bead)
    before = path.read_bytes()
    with pytest.raises(TmError) as error:
        apply_po(reviewed(tmp_path, units, {"d:b1": "A new sentence."}), units, path)
    assert str(error.value) == f"{path}: {message}"
    assert path.read_bytes() == before


def test_docx_target_not_found_and_overlapping_edits_are_errors_naming_the_tuid(
    tmp_path, english_docx
):
    units = units_of(english_docx, DOCX_BEADS)
    before = english_docx.read_bytes()
    moved = [replace(u, target_blocks=("p2",)) if u.tuid == "d:b2" else u for u in units]
    with pytest.raises(TmError) as error:
        apply_po(reviewed(tmp_path, moved, {"d:b2": "Russia moved."}), moved, english_docx)
    assert str(error.value) == (
        f"{english_docx}: the English of d:b2 is not found in p2 (rebuild the units from this "
        "document, or edit that sentence in Word by hand)"
    )
    part = TranslationUnit("d:x", "بخشی", "Russia has taken steps", target_blocks=("p1",))
    both = [*units, part]
    path = reviewed(tmp_path, both, {"d:b2": "Russia moved.", "d:x": "Russia took steps"})
    with pytest.raises(TmError, match="d:b2 and d:x change the same text"):
        apply_po(path, both, english_docx)
    assert english_docx.read_bytes() == before


def test_docx_unedited_po_leaves_the_file_alone(tmp_path, english_docx):
    units = units_of(english_docx, DOCX_BEADS)
    before = english_docx.stat().st_mtime_ns
    assert apply_po(reviewed(tmp_path, units, {}), units, english_docx) == []
    assert english_docx.stat().st_mtime_ns == before


# --- Markdown and HTML ---

MARKDOWN = (
    "# Caspian oil\n"
    "\n"
    f"{OIL} {STEPS}\n"
    "It was a long\n"
    "winter.[^1]\n"
    "\n"
    "The **pipeline** runs to Ceyhan. Tom &amp; Jerry signed.\n"
    "\n"
    f"- {STEPS}\n"
    "\n"
    "[^1]: See the agreement of 1994.\n"
)
MARKDOWN_BEADS = [
    ("Caspian oil",),
    (OIL,),
    (STEPS, "It was a long winter."),
    ("The pipeline runs to Ceyhan.",),
    ("Tom & Jerry signed.",),
    (STEPS,),
    ("See the agreement of 1994.",),
]


@pytest.fixture
def english_md(tmp_path):
    path = tmp_path / "en.md"
    path.write_bytes(MARKDOWN.replace("\n", "\r\n").encode())
    return path


def test_markdown_edits_change_exactly_the_sentences_in_the_source(tmp_path, english_md):
    units = units_of(english_md, MARKDOWN_BEADS)
    edits = {
        "d:b3": "Russia moved. The winter was long.",  # a 1–2 bead over a line break
        "d:b6": "Russia acted.",  # the list item, not p2's same sentence
        "d:b7": "See the 1994 agreement.",  # a footnote
    }
    report = apply_po(reviewed(tmp_path, units, edits), units, english_md)
    assert report == [
        Change("d:b3", f"{STEPS}\r\nIt was a long\r\nwinter.", edits["d:b3"]),
        Change("d:b6", STEPS, edits["d:b6"]),
        Change("d:b7", "See the agreement of 1994.", edits["d:b7"]),
    ]
    expected = (  # only the changed words: the line breaks between the others stay
        MARKDOWN.replace(f"{STEPS}\nIt was a long\nwinter.", "Russia moved.\nThe winter was long.")
        .replace(f"- {STEPS}", "- Russia acted.")
        .replace("See the agreement of 1994.", edits["d:b7"])
    )
    assert english_md.read_bytes() == expected.replace("\n", "\r\n").encode()


def test_markdown_new_text_is_escaped_where_it_would_be_markup(tmp_path, english_md):
    units = units_of(english_md, MARKDOWN_BEADS)
    new = "Oil [all of it] matters *a lot* to 5_000 people &amp; more."
    apply_po(reviewed(tmp_path, units, {"d:b2": new}), units, english_md)
    written = english_md.read_bytes().decode()
    assert (
        "Oil \\[all of it\\] matters \\*a lot\\* to 5\\_000 people \\&amp; more. " + STEPS
        in written
    )
    assert dict(texts(english_md))["p2"].startswith(new + " " + STEPS)


def test_markdown_change_over_bold_markup_is_an_error_naming_the_tuid(tmp_path, english_md):
    units = units_of(english_md, MARKDOWN_BEADS)
    before = english_md.read_bytes()
    with pytest.raises(TmError) as error:
        apply_po(reviewed(tmp_path, units, {"d:b4": "A new sentence."}), units, english_md)
    assert str(error.value) == (
        f"{english_md}:7: the English of d:b4 in p3: changing 'The pipeline runs to Ceyhan' "
        "runs over inline markup in the source (a link, emphasis, a tag) (edit that sentence "
        "by hand)"
    )
    assert english_md.read_bytes() == before


def test_markdown_sentence_with_bold_markup_or_an_entity_changes_outside_them(tmp_path, english_md):
    units = units_of(english_md, MARKDOWN_BEADS)
    edits = {"d:b4": "The pipeline goes to Ceyhan.", "d:b5": "Tom & Jerry agreed."}
    report = apply_po(reviewed(tmp_path, units, edits), units, english_md)
    assert [change.old for change in report] == [
        "The **pipeline** runs to Ceyhan.",
        "Tom &amp; Jerry signed.",
    ]
    expected = MARKDOWN.replace(
        "The **pipeline** runs to Ceyhan. Tom &amp; Jerry signed.",
        "The **pipeline** goes to Ceyhan. Tom &amp; Jerry agreed.",
    )
    assert english_md.read_bytes() == expected.replace("\n", "\r\n").encode()


LINKED_MARKDOWN = (
    f'The [WHO guidance]({LINK} "Guidance") **strongly** recommends testing every week.\n'
    "\n"
    f"Read the [guidance]({LINK}). Prices _rose_, as expected.\n"
)
LINKED_MARKDOWN_BEADS = [
    ("The WHO guidance strongly recommends testing every week.",),
    ("Read the guidance.",),
    ("Prices rose, as expected.",),
]


@pytest.mark.parametrize(
    ("edits", "changed"),
    [
        pytest.param(
            {"d:b1": "The WHO guidance strongly advises testing every day."},
            [("recommends", "advises"), ("week.", "day.")],
            id="two-words-outside-a-link-and-bold",
        ),
        pytest.param(
            {"d:b1": "The WHO advice strongly recommends testing every week."},
            [("[WHO guidance]", "[WHO advice]")],
            id="link-text-inside-the-link",
        ),
        pytest.param(
            {"d:b2": "Read the guidance today.", "d:b3": "Prices rose again, as expected."},
            [("). Prices", ") today. Prices"), ("_rose_,", "_rose_ again,")],
            id="insertions-after-a-link-and-emphasis-go-outside-them",
        ),
    ],
)
def test_markdown_markup_outside_the_changed_words_is_kept(tmp_path, edits, changed):
    path = tmp_path / "en.md"
    path.write_text(LINKED_MARKDOWN, encoding="utf-8")
    units = units_of(path, LINKED_MARKDOWN_BEADS)
    apply_po(reviewed(tmp_path, units, edits), units, path)
    expected = LINKED_MARKDOWN
    for old, new in changed:
        expected = expected.replace(old, new)
    assert path.read_text(encoding="utf-8") == expected
    assert f']({LINK} "Guidance")' in expected


def test_markdown_word_added_before_a_link_that_opens_the_sentence_goes_outside_it(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(f"[Guidance]({LINK}) matters. *Prices rose.*\n", encoding="utf-8")
    units = units_of(path, [("Guidance matters.",), ("Prices rose.",)])
    edits = {"d:b1": "The Guidance matters.", "d:b2": "Prices rose. Again."}
    apply_po(reviewed(tmp_path, units, edits), units, path)
    assert path.read_text(encoding="utf-8") == (
        f"The [Guidance]({LINK}) matters. *Prices rose.* Again.\n"
    )


def test_markdown_change_that_would_cut_into_a_link_is_an_error(tmp_path):
    path = tmp_path / "en.md"
    path.write_text(LINKED_MARKDOWN, encoding="utf-8")
    units = units_of(path, LINKED_MARKDOWN_BEADS)
    new = "This guidance strongly recommends testing every week."
    with pytest.raises(TmError) as error:
        apply_po(reviewed(tmp_path, units, {"d:b1": new}), units, path)
    assert str(error.value) == (
        f"{path}:1: the English of d:b1 in p1: changing 'The WHO' runs over inline markup "
        "in the source (a link, emphasis, a tag) (edit that sentence by hand)"
    )
    assert path.read_text(encoding="utf-8") == LINKED_MARKDOWN


def test_markdown_match_outside_the_text_is_refused_by_the_read_back(tmp_path):
    """A unit whose block is wrong (the file changed) found verbatim in a link's title."""
    source = 'Read [it](https://x.org "The end.") now.\n\nThe end.\n'
    path = tmp_path / "en.md"
    path.write_text(source, encoding="utf-8")
    units = units_of(path, [("Read it now.",), ("The end.",)])
    units[1] = replace(units[1], target_blocks=("p1",))
    with pytest.raises(TmError) as error:
        apply_po(reviewed(tmp_path, units, {"d:b2": "Finis."}), units, path)
    assert str(error.value) == (
        f"{path}: d:b2: the edited file would not read back with the new English in place "
        "(edit that sentence by hand)"
    )
    assert path.read_text(encoding="utf-8") == source


HTML = (
    "<!DOCTYPE html>\n"
    '<html><head><meta charset="windows-1252"><title>Oil</title></head><body>\n'
    "<h1>Caspian oil</h1>\n"
    f"<p>{OIL}\n{STEPS} Caf\u00e9 talks.</p>\n"
    "<p>The <em>pipeline</em> runs to Ceyhan. Tom &amp; Jerry signed.</p>\n"
    f"<ul><li>{STEPS}</li></ul>\n"
    "</body></html>\n"
)
HTML_BEADS = [
    ("Caspian oil",),
    (OIL,),
    (STEPS,),
    ("Café talks.",),
    ("The pipeline runs to Ceyhan.",),
    ("Tom & Jerry signed.",),
    (STEPS,),
]


@pytest.fixture
def english_html(tmp_path):
    path = tmp_path / "en.html"
    path.write_bytes(HTML.encode("cp1252"))
    return path


def test_html_edits_are_escaped_and_written_in_the_files_encoding(tmp_path, english_html):
    units = units_of(english_html, HTML_BEADS)
    edits = {"d:b3": "Russia & Turkey moved <fast> \u2192 east.", "d:b7": "Russia acted."}
    report = apply_po(reviewed(tmp_path, units, edits), units, english_html)
    assert [change.tuid for change in report] == ["d:b3", "d:b7"]
    expected = HTML.replace(
        f"{STEPS} Caf", "Russia &amp; Turkey moved &lt;fast&gt; &#8594; east. Caf"
    ).replace(f"<li>{STEPS}</li>", "<li>Russia acted.</li>")
    assert english_html.read_bytes() == expected.encode("cp1252")
    blocks = dict(texts(english_html))
    assert blocks["p2"] == f"{OIL} {edits['d:b3']} Café talks."


def test_html_change_over_markup_is_an_error(tmp_path, english_html):
    units = units_of(english_html, HTML_BEADS)
    before = english_html.read_bytes()
    with pytest.raises(TmError) as error:
        apply_po(reviewed(tmp_path, units, {"d:b5": "A new sentence."}), units, english_html)
    assert str(error.value) == (
        f"{english_html}:6: the English of d:b5 in p3: changing 'The pipeline runs to Ceyhan' "
        "runs over inline markup in the source (a link, emphasis, a tag) (edit that sentence by "
        "hand)"
    )
    assert english_html.read_bytes() == before


def test_html_link_and_emphasis_outside_the_changed_words_are_kept(tmp_path):
    source = (
        "<html><body>\n"
        f'<p>The <a href="{LINK}" title="x">WHO guidance</a> <em>strongly</em> recommends '
        "testing\nevery week. Tom &amp; Jerry signed.</p>\n"
        "</body></html>\n"
    )
    path = tmp_path / "en.html"
    path.write_text(source, encoding="utf-8")
    beads = [
        ("The WHO guidance strongly recommends testing every week.",),
        ("Tom & Jerry signed.",),
    ]
    units = units_of(path, beads)
    edits = {
        "d:b1": "The WHO guidance strongly advises testing every day.",
        "d:b2": "Tom & Jerry agreed <today>.",
    }
    apply_po(reviewed(tmp_path, units, edits), units, path)
    assert path.read_text(encoding="utf-8") == (
        source.replace("recommends", "advises")
        .replace("week.", "day.")
        .replace("signed.", "agreed &lt;today&gt;.")
    )


# --- a whole project through the command line ---


@pytest.fixture
def docx_project(tmp_path, tico19_documents, write_pair):
    """A project with a Word pair (13 TICO-19 sentences) and a text pair, built."""
    report = tico19_documents[REPORT][:13]
    for side, name in ((0, "fa.docx"), (1, "en.docx")):
        document = docx.Document()
        document.add_paragraph(report[0][side], style="Title")
        for start in (1, 5, 9):
            document.add_paragraph(" ".join(unit[side] for unit in report[start : start + 4]))
        document.save(str(tmp_path / name))
    news = next(units for url, units in tico19_documents.items() if "wikinews" in url)
    write_pair(news[:8], [4, 4], tmp_path / "news.fa.txt", tmp_path / "news.en.txt")
    root = tmp_path / "project"
    assert main(["init", str(root)]) == 0
    project = ["--project", str(root)]
    assert main(["add", *project, str(tmp_path / "fa.docx"), str(tmp_path / "en.docx"),
                 "--id", "report"]) == 0  # fmt: skip
    assert main(["add", *project, str(tmp_path / "news.fa.txt"), str(tmp_path / "news.en.txt"),
                 "--id", "news"]) == 0  # fmt: skip
    assert main(["build", *project]) == 0
    return root, report


def test_import_po_writes_a_reviewed_sentence_into_a_word_pair_and_the_build_uses_it(
    tmp_path, docx_project, capsys
):
    root, report = docx_project
    project = ["--project", str(root)]
    po_path = tmp_path / "review.po"
    assert main(["export", *project, "--format", "po", "-o", str(po_path)]) == 0
    old = report[6][1]
    new = old.replace(" ", "  ", 1).rstrip(".") + " (reviewed)."
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgstr == old)
    entry.msgstr = new
    po.save()
    english = root / "texts" / "report" / "en.docx"
    before = english.read_bytes()
    capsys.readouterr()

    assert main(["import-po", *project, str(po_path)]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert "1 English sentences changed" in out
    assert f"report: {entry.msgctxt}: {old!r} -> {' '.join(new.split())!r}" in out
    assert_only_changed(before, english.read_bytes(), "word/document.xml", 3)
    assert main(["build", *project]) == 0
    targets = {unit.target for unit in read_tmx(root / "out" / "tm.fa-en.tmx")}
    assert " ".join(new.split()) in targets and old not in targets


def test_import_po_warns_once_about_an_entry_no_pair_has_and_never_about_other_pairs(
    tmp_path, docx_project, capsys
):
    root, _ = docx_project
    project = ["--project", str(root)]
    po_path = tmp_path / "review.po"
    assert main(["export", *project, "--format", "po", "-o", str(po_path)]) == 0
    capsys.readouterr()
    assert main(["import-po", *project, str(po_path)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "0 English sentences changed" in out

    po = polib.pofile(str(po_path))
    po.append(polib.POEntry(msgctxt="gone:b1", msgid="جمله", msgstr="A sentence."))
    po.save()
    line = next(e.linenum for e in polib.pofile(str(po_path)) if e.msgctxt == "gone:b1")
    assert main(["import-po", *project, str(po_path)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"tmkit: warning: {po_path}: line {line}: gone:b1 matches no translation unit "
        "(entry left out)"
    ]


def test_import_po_checks_every_pair_before_writing_any(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.md"
    first.write_text(f"{OIL}\n", encoding="utf-8")
    second.write_text("The **pipeline** runs.\n", encoding="utf-8")
    units_a = [TranslationUnit("a:b1", "نفت", OIL, document="a", target_blocks=("p1",))]
    units_b = [
        TranslationUnit("b:b1", "خط", "The pipeline runs.", document="b", target_blocks=("p1",))
    ]
    path = reviewed(tmp_path, units_a + units_b, {"a:b1": "Oil matters.", "b:b1": "It runs."})
    with pytest.raises(TmError, match="changing 'The pipeline' runs over inline markup"):
        import_po(path, [(units_a, first), (units_b, second)])
    assert first.read_text(encoding="utf-8") == f"{OIL}\n"
