"""TMX 1.4b: what tmkit writes is valid, deterministic and reads back; what other tools write reads."""

from __future__ import annotations

import codecs
import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from corpus import xmlsafe
from tm import __version__
from tm.dedupe import merge_tmx
from tm.errors import TmxError
from tm.tmx import SkippedTu, read_tmx, tmx_date, write_tmx
from tm.unit import Annotation, InlineElement, TranslationUnit, Tuv, has_codes, plain_text

DATA = Path(__file__).parent.parent / "data"
FOREIGN = DATA / "tmx"
DATE = "20240101T000000Z"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOC = "caucasus-oil-policy"

ARTICLE_UNITS = [
    TranslationUnit(
        f"{DOC}:b1",
        "سیاست‌های نفتی در قفقاز",
        "Oil policies in the Caucasus",
        document=DOC,
        source_blocks=("p1",),
        target_blocks=("p1",),
        kind="title",
        score=0.982,
    ),
    TranslationUnit(
        f"{DOC}:b8",
        "این دیدگاه، بسیار خوش‌بینانه است و در واقع صحیح نیست.",
        "This view is highly optimistic and is in fact incorrect.",
        document=DOC,
        source_blocks=("p4",),
        target_blocks=("p4",),
        score=0.91,
    ),
    TranslationUnit(
        f"{DOC}:b11",
        "آیا نفت برای روسیه آن چنان اهمیت دارد؟",
        "Is oil so important for Russia?",
        document=DOC,
        source_blocks=("p4", "p5"),
        target_blocks=("p4",),
        score=0.5,
        occurrences=2,
    ),
    TranslationUnit(
        f"{DOC}:b136",
        "نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.",
        "Nezavisimaya Gazeta, 8 April 1997.",
        document=DOC,
        source_blocks=("fn3",),
        target_blocks=("fn3",),
        kind="footnote",
    ),
]


def write(units, path, **options) -> Path:
    write_tmx(units, path, creationdate=options.pop("creationdate", DATE), **options)
    return path


def dated(units, date=DATE) -> list[TranslationUnit]:
    """*units* as they read back: each with the creationdate it was written with."""
    return [replace(u, attributes=(("creationdate", date),)) for u in units]


def validate(path: Path) -> etree.DTD:
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    tree = xmlsafe.parse(path)  # the DOCTYPE's tmx14.dtd is never fetched: validated here
    assert dtd.validate(tree), dtd.error_log
    return tree


# --- writing -------------------------------------------------------------------------------------


def test_written_tmx_validates_against_the_tmx14_dtd(tmp_path):
    path = write(ARTICLE_UNITS, tmp_path / "article.tmx", properties={"signature": "tmkit:0.1.0"})
    tree = validate(path)
    assert tree.docinfo.doctype == '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    assert tree.docinfo.encoding == "UTF-8"


def test_empty_input_gives_a_valid_tmx_with_an_empty_body(tmp_path):
    path = tmp_path / "empty.tmx"
    assert write_tmx([], path, creationdate=DATE) == 0
    tree = validate(path)
    assert len(tree.find("body")) == 0
    assert list(read_tmx(path)) == []


def test_write_returns_the_number_of_tu_written(tmp_path):
    assert write_tmx(iter(ARTICLE_UNITS), tmp_path / "a.tmx", creationdate=DATE) == 4


def test_header_names_tmkit_and_carries_the_build_signature(tmp_path):
    path = write(
        ARTICLE_UNITS,
        tmp_path / "article.tmx",
        properties={"signature": "tmkit:0.1.0|lxml:6.1.3", "x-corpus": DOC},
    )
    header = xmlsafe.parse(path).find("header")
    assert dict(header.attrib) == {
        "creationtool": "tmkit",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": "fa-IR",
        "o-tmf": "tmkit",
        "creationdate": DATE,
    }
    assert [(p.get("type"), p.text) for p in header] == [
        ("x-corpus", DOC),
        ("x-signature", "tmkit:0.1.0|lxml:6.1.3"),
    ]


def test_each_tu_has_its_props_before_the_source_and_target_tuv(tmp_path):
    tree = xmlsafe.parse(write(ARTICLE_UNITS, tmp_path / "article.tmx"))
    tu = tree.find("body/tu[3]")
    assert tu.attrib == {"tuid": f"{DOC}:b11", "creationdate": DATE}
    assert [(child.tag, child.get("type") or child.get(XML_LANG)) for child in tu] == [
        ("prop", "x-document"),
        ("prop", "x-paragraph"),
        ("prop", "x-target-paragraph"),
        ("prop", "x-kind"),
        ("prop", "x-score"),
        ("prop", "x-occurrences"),
        ("tuv", "fa-IR"),
        ("tuv", "en-US"),
    ]
    assert [p.text for p in tu.findall("prop")] == [DOC, "p4 p5", "p4", "body", "0.500", "2"]
    assert tu.findtext("tuv[1]/seg") == "آیا نفت برای روسیه آن چنان اهمیت دارد؟"


def test_score_is_written_with_three_decimals_and_left_out_when_unknown(tmp_path):
    units = [replace(ARTICLE_UNITS[0], score=0.98765), replace(ARTICLE_UNITS[1], score=None)]
    tree = xmlsafe.parse(write(units, tmp_path / "scores.tmx"))
    assert [tu.findtext("prop[@type='x-score']") for tu in tree.iter("tu")] == ["0.988", None]


def test_persian_text_is_written_as_the_author_wrote_it(tmp_path):
    text = write(ARTICLE_UNITS, tmp_path / "article.tmx").read_text(encoding="utf-8")
    assert "<seg>سیاست\u200cهای نفتی در قفقاز</seg>" in text  # ZWNJ kept, not an entity
    assert "<seg>نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.</seg>" in text  # Persian digits stay Persian
    assert "اهمیت دارد؟</seg>" in text


def test_same_units_twice_give_identical_bytes(tmp_path):
    first = write(ARTICLE_UNITS, tmp_path / "first.tmx", properties={"signature": "s"})
    second = write(ARTICLE_UNITS, tmp_path / "second.tmx", properties={"signature": "s"})
    assert first.read_bytes() == second.read_bytes()


def test_write_read_write_gives_identical_bytes(tmp_path):
    first = write(ARTICLE_UNITS, tmp_path / "first.tmx")
    second = write(read_tmx(first), tmp_path / "second.tmx")
    assert first.read_bytes() == second.read_bytes()


def test_tu_creationdate_is_the_given_date_never_the_clock(tmp_path):
    tree = xmlsafe.parse(write(ARTICLE_UNITS, tmp_path / "a.tmx", creationdate=tmx_date(0)))
    assert {tu.get("creationdate") for tu in tree.iter("tu")} == {"19700101T000000Z"}


def test_a_date_that_is_not_a_tmx_date_is_refused(tmp_path):
    with pytest.raises(TmxError, match=r"creationdate '2024-01-01' is not a TMX date"):
        write_tmx(ARTICLE_UNITS, tmp_path / "a.tmx", creationdate="2024-01-01")


@pytest.mark.parametrize(
    ("field", "value", "character"),
    [
        pytest.param("source", "نفت\x00خزر", "U+0000", id="nul-in-source"),
        pytest.param("target", "Caspian\x0boil", "U+000B", id="vertical-tab-in-target"),
        pytest.param("source", "نفت\ufffe", "U+FFFE", id="noncharacter"),
        pytest.param("target", "oil \ud800", "U+D800", id="lone-surrogate"),
        pytest.param("document", "doc\x1b", "U+001B", id="escape-in-a-prop"),
    ],
)
def test_a_character_xml_cannot_carry_names_the_tu_and_leaves_the_old_file(
    tmp_path, field, value, character
):
    path = write(ARTICLE_UNITS, tmp_path / "article.tmx")
    before = path.read_bytes()
    units = [*ARTICLE_UNITS[:2], replace(ARTICLE_UNITS[2], **{field: value})]
    with pytest.raises(TmxError) as raised:
        write_tmx(units, path, creationdate=DATE)
    assert str(raised.value) == (
        f"{path}: tu '{DOC}:b11': {field} has {character}, which XML 1.0 cannot carry"
        " (remove the character or replace it)"
    )
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left


def test_an_error_while_units_are_produced_leaves_no_file(tmp_path):
    def units():
        yield ARTICLE_UNITS[0]
        raise RuntimeError("aligner crashed")

    with pytest.raises(RuntimeError):
        write_tmx(units(), tmp_path / "article.tmx", creationdate=DATE)
    assert list(tmp_path.iterdir()) == []


def test_a_block_id_with_a_space_is_refused(tmp_path):
    unit = replace(ARTICLE_UNITS[0], source_blocks=("p 1",))
    with pytest.raises(TmxError, match=r"block id 'p 1' is empty or has a space"):
        write_tmx([unit], tmp_path / "a.tmx", creationdate=DATE)


def test_control_characters_xml_can_carry_are_kept(tmp_path):
    unit = replace(ARTICLE_UNITS[0], source="سطر اول\r\nسطر\tدوم ", target="\x85 line\x7f")
    path = write([unit], tmp_path / "a.tmx")
    validate(path)
    assert list(read_tmx(path)) == dated([unit])


# --- write → read is the identity ---------------------------------------------------------------

BLOCK_IDS = st.lists(st.from_regex(r"(p|fn)[0-9]{1,3}", fullmatch=True), max_size=3)


def xml_can_carry(text: str) -> bool:
    """The XML 1.0 Char production."""
    return all(
        c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"
        for c in text
    )


@st.composite
def units(draw) -> TranslationUnit:
    return TranslationUnit(
        tuid=draw(st.text()),
        source=draw(st.text()),
        target=draw(st.text()),
        document=draw(st.text()),
        source_blocks=tuple(draw(BLOCK_IDS)),
        target_blocks=tuple(draw(BLOCK_IDS)),
        kind=draw(st.text(min_size=1)),
        score=draw(st.none() | st.integers(0, 1000).map(lambda n: n / 1000)),
        occurrences=draw(st.integers(1, 10**6)),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(units(), max_size=4))
def test_write_read_is_the_identity_or_a_tmx_error(tmp_path_factory, units):
    path = tmp_path_factory.mktemp("property") / "any.tmx"
    texts = [text for u in units for text in (u.tuid, u.source, u.target, u.document, u.kind)]
    if all(xml_can_carry(text) for text in texts):
        write_tmx(units, path, creationdate=DATE)
        assert list(read_tmx(path)) == dated(units)
    else:
        with pytest.raises(TmxError, match=r"which XML 1.0 cannot carry"):
            write_tmx(units, path, creationdate=DATE)
        assert not path.exists()


def test_article_units_come_back_unchanged(tmp_path):
    assert list(read_tmx(write(ARTICLE_UNITS, tmp_path / "article.tmx"))) == dated(ARTICLE_UNITS)


# --- reading what other tools write --------------------------------------------------------------


def test_tmx11_lang_attributes_and_inline_codes_read_as_text_beside_the_codes():
    units = list(read_tmx(FOREIGN / "tmx11-lang-inline.tmx"))
    assert [(u.tuid, u.source, u.target) for u in units] == [
        ("7", "سیاست‌های نفتی در قفقاز", "Oil policies in the Caucasus"),
        (
            "tmx11-lang-inline:2",  # no tuid: the file's name and the tu's position
            "این دیدگاه، بسیار خوش‌بینانه است و در واقع صحیح نیست.",  # <hi> text kept
            "This view is highly optimistic and is in fact incorrect.",
        ),
        ("10", "نزاویسیمایا گازتا، ۳ اکتبر ۱۹۹۷", "Nezavisimaya Gazeta, 3 October 1997"),
    ]
    assert {(u.srclang, u.tgtlang) for u in units} == {("FA-IR", "EN-US")}  # as the file has them
    bold = InlineElement("bpt", (("i", "1"), ("x", "1")), ("{\\b ",))
    assert units[0].target_tuv.content == (
        bold,
        "Oil policies",
        InlineElement("ept", (("i", "1"),), ("}",)),
        " in the Caucasus",
        InlineElement("ph", (("x", "2"),), ("\\line ",)),
    )
    assert units[1].source_tuv.content[1] == InlineElement(
        "hi", (("type", "term"),), ("خوش‌بینانه",)
    )
    assert [p.element for p in units[2].target_tuv.content if not isinstance(p, str)] == [
        "it",
        "ut",
    ]
    assert units[0].attributes == (("usagecount", "3"),)
    assert units[0].annotations == (Annotation("note", "title"),)
    assert units[1].annotations == (Annotation("prop", "Politics", (("type", "Domain"),)),)


REALWORLD = DATA / "realworld"


def segs(path: Path) -> list[bytes]:
    """Each seg of *path* as canonical XML: its inline elements, attributes and content."""
    return [etree.tostring(seg, method="c14n") for seg in xmlsafe.parse(path).iter("{*}seg")]


def test_inline_codes_are_written_back_as_they_were_read(tmp_path):
    tagged = REALWORLD / "03-tmx-inline-codes" / "tagged.tmx"
    units = list(read_tmx(tagged))
    assert [u.source for u in units] == [
        "قوانین و شرایط",
        " فایل حذف شد.",
        "{1} فایل حذف شد.",  # a literal {1} is text, the <ph> before it is not
    ]
    path = write(units, tmp_path / "out.tmx")
    validate(path)
    assert segs(path) == segs(tagged)
    link = segs(path)[1].decode()  # the English: the link still wraps "rules"
    assert '<bpt i="1" x="1">&lt;a href="rules.html"&gt;</bpt>rules<ept i="1">' in link
    assert list(read_tmx(path)) == dated(units)


def test_tmx_metadata_is_written_back_as_it_was_read(tmp_path):
    source = REALWORLD / "07-tmx-metadata-dropped" / "with-metadata.tmx"
    (unit,) = read_tmx(source)
    path = write([unit], tmp_path / "out.tmx")
    (tu,) = validate(path).iter("tu")
    assert dict(tu.attrib) == {
        "tuid": "u1",
        "creationdate": "20210305T101500Z",
        "creationid": "translator1",
        "changedate": "20230101T120000Z",
        "changeid": "reviewer2",
        "usagecount": "7",
    }
    theirs = [(e.tag, e.get("type"), e.text) for e in tu if e.tag != "tuv"]  # none of tmkit's
    assert theirs == [
        ("prop", "x-mt-engine", "SomeMT"),
        ("prop", "x-Client", "ACME"),
        ("note", None, "MT output, post-edited"),
    ]
    assert [tuv.get("changedate") for tuv in tu.iter("tuv")] == [None, "20230101T120000Z"]
    assert list(read_tmx(path)) == [unit]


@pytest.mark.parametrize(
    ("seg", "message"),
    [
        ('<bpt i="1">&lt;b&gt;</bpt>oil', r'tu 1 \(tuid \'t\'\): <bpt i="1"> has no <ept i="1"> in its segment'),
        ('oil<ept i="2">&lt;/b&gt;</ept>', r'<ept i="2"> has no <bpt i="2">'),
        ("<bpt>&lt;b&gt;</bpt>oil<ept>&lt;/b&gt;</ept>", r"<bpt> without i"),
        ("<it>&lt;b&gt;</it>oil", r"<it> without pos"),
        ('<it pos="start">&lt;b&gt;</it>oil', r'<it pos="start">: pos is begin or end'),
        ('<ept i="1">&lt;/b&gt;</ept>oil<bpt i="1">&lt;b&gt;</bpt>', r'<ept i="1"> before its <bpt i="1">'),
        ('<bpt i="1">a</bpt>o<ept i="1">b</ept><bpt i="1">c</bpt>il<ept i="1">d</ept>', r'two <bpt i="1"> in one segment'),
        ('<g id="1">oil</g>', r"tu 1 \(tuid 't'\): <g> is not a TMX 1.4b inline element"),
        ('<hi><mrk mtype="term">oil</mrk></hi>', r"<mrk> is not a TMX 1.4b inline element"),
        # what may hold what (the TMX 1.4b DTD): a native code holds text and sub only
        ("<ph><ph>a</ph></ph>oil", r"tu 1 \(tuid 't'\): <ph> inside <ph> is not allowed in TMX 1.4b"),
        ('<ph>a<it pos="begin">b</it></ph>oil', r"<it> inside <ph> is not allowed"),
        ('<bpt i="1">a<bpt i="2">c</bpt></bpt>oil<ept i="1">b</ept>', r"<bpt> inside <bpt> is not allowed"),
        ('<bpt i="1">a</bpt>oil<ept i="1">b<ph>z</ph></ept>', r"<ph> inside <ept> is not allowed"),
        ("<ut>a<hi>b</hi></ut>oil", r"<hi> inside <ut> is not allowed"),
        ("oil <sub>more</sub>", r"<sub> inside <seg> is not allowed"),
        ("<sub>oil</sub>", r"<sub> inside <seg> is not allowed"),  # not dropped as empty
        ("<hi><sub>oil</sub></hi>", r"<sub> inside <hi> is not allowed"),
        ('<ph><sub><ph><sub><sub>a</sub></sub></ph></sub></ph>oil', r"<sub> inside <sub> is not allowed"),
    ],
)  # fmt: skip
def test_codes_tmx_does_not_allow_are_refused_naming_the_tu_and_line(tmp_path, seg, message):
    path = tmp_path / "bad.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="fa"/><body>\n<tu tuid="t">'
        f'<tuv xml:lang="fa"><seg>نفت</seg></tuv><tuv xml:lang="en"><seg>{seg}</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    with pytest.raises(TmxError, match=message) as error:
        list(read_tmx(path))
    assert str(error.value).startswith(f"{path}:2:")


def test_codes_the_dtd_allows_where_they_are_are_read_and_written_back(tmp_path):
    path = tmp_path / "deep.tmx"
    seg = (
        '<hi><hi>o</hi></hi><ph>a<sub>b<bpt i="1">c</bpt>d<ept i="1">e</ept><hi>f</hi></sub></ph>il'
    )
    path.write_text(
        '<tmx version="1.4"><header srclang="fa"/><body>\n<tu tuid="t">'
        f'<tuv xml:lang="fa"><seg>نفت</seg></tuv><tuv xml:lang="en"><seg>{seg}</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    (unit,) = read_tmx(path)
    assert unit.target == "oil"
    out = write([unit], tmp_path / "out.tmx")
    assert f"<seg>{seg}</seg>" in out.read_text(encoding="utf-8")
    validate(out)


def test_merge_of_a_misplaced_code_is_one_line_exit_2_and_nothing_written(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "bad.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="fa"/><body>\n<tu tuid="t">'
        '<tuv xml:lang="fa"><seg><ph><ph>a</ph></ph>نفت</seg></tuv>'
        '<tuv xml:lang="en"><seg>oil</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert main(["merge", str(path), "-o", str(tmp_path / "out.tmx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {path}:2: tu 1 (tuid 't'): <ph> inside <ph>")
    assert err.count("\n") == 1
    assert not (tmp_path / "out.tmx").exists()


def test_a_tu_without_both_languages_is_skipped_and_reported():
    skipped: list[SkippedTu] = []
    units = list(read_tmx(FOREIGN / "tmx11-lang-inline.tmx", on_skip=skipped.append))
    assert len(units) == 3
    path = FOREIGN / "tmx11-lang-inline.tmx"
    assert [str(s) for s in skipped] == [f"{path}:27: tu '9' skipped (languages: FA-IR)"]


def test_utf16_with_bom_reads_like_utf8():
    assert (FOREIGN / "utf16-bom.tmx").read_bytes()[:2] == codecs.BOM_UTF16_LE
    units = list(read_tmx(FOREIGN / "utf16-bom.tmx"))
    assert [(u.tuid, u.source, u.target, u.tgtlang) for u in units] == [
        (
            "b10",
            "ارامنه با حمایت روسیه در مقابل جمهوری آذربایجان ایستاده‌اند.",
            "With Russia's support, the Armenians have stood up against the Republic of Azerbaijan.",
            "en-GB",
        ),
        ("b136", "نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.", "Nezavisimaya Gazeta, 8 April 1997.", "en-GB"),
    ]


def test_utf8_with_bom_reads(tmp_path):
    ours = write(ARTICLE_UNITS, tmp_path / "article.tmx")
    with_bom = tmp_path / "bom.tmx"
    with_bom.write_bytes(codecs.BOM_UTF8 + ours.read_bytes())
    assert list(read_tmx(with_bom)) == dated(ARTICLE_UNITS)


def test_all_srclang_takes_the_first_tuv_language_and_the_first_other_as_target():
    path = FOREIGN / "all-three-languages.tmx"
    skipped: list[SkippedTu] = []
    units = list(read_tmx(path, on_skip=skipped.append))
    assert [(u.tuid, u.srclang, u.tgtlang, u.target) for u in units] == [
        ("title", "fa-ir", "en-gb", "Oil policies in the Caucasus"),
        ("question", "fa-ir", "en-gb", "Is oil so important for Russia?"),
    ]
    assert [s.tuid for s in skipped] == ["english-russian-only"]


@pytest.mark.parametrize(
    ("srclang", "tgtlang", "expected"),
    [
        pytest.param("fa", "ru", ["Нефтяная политика на Кавказе", "Так ли важна нефть для России?"], id="primary-subtags"),
        pytest.param("FA-IR", "RU-RU", ["Нефтяная политика на Кавказе", "Так ли важна нефть для России?"], id="upper-case"),
        pytest.param("en-GB", "ru-RU", ["Нефтяная политика на Кавказе", "Так ли важна нефть для России?", "Введение"], id="english-russian"),
        pytest.param("fa-AF", "en", [], id="other-region-does-not-match"),
    ],
)  # fmt: skip
def test_languages_are_matched_without_case_and_by_primary_subtag(srclang, tgtlang, expected):
    units = read_tmx(FOREIGN / "all-three-languages.tmx", srclang=srclang, tgtlang=tgtlang)
    assert [u.target for u in units] == expected


def test_a_namespaced_tmx_reads(tmp_path):
    ours = write(ARTICLE_UNITS[:1], tmp_path / "a.tmx").read_text(encoding="utf-8")
    namespaced = tmp_path / "ns.tmx"
    namespaced.write_text(
        ours.replace(
            '<tmx version="1.4">', '<tmx xmlns="http://www.lisa.org/tmx14" version="1.4">'
        ),
        encoding="utf-8",
    )
    assert list(read_tmx(namespaced)) == dated(ARTICLE_UNITS[:1])


def test_reading_streams_one_tu_at_a_time(tmp_path):
    path = write(ARTICLE_UNITS, tmp_path / "article.tmx")
    units = read_tmx(path)
    assert next(units) == dated(ARTICLE_UNITS)[0]
    assert list(itertools.islice(units, 1)) == dated(ARTICLE_UNITS)[1:2]


# --- bad and hostile input -----------------------------------------------------------------------


def test_malformed_xml_error_names_the_line_and_column():
    path = FOREIGN / "malformed.tmx"
    with pytest.raises(TmxError) as raised:
        list(read_tmx(path))
    assert str(raised.value) == (
        f"{path}:6:45: tu 1 (tuid '1'): not well-formed XML: Opening and ending tag mismatch:"
        " seg line 6 and tuv"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"", "{path}:1:1: not well-formed XML: no element found", id="empty"),
        pytest.param(
            "<tmx><body><tu><tuv xml:lang='fa'><seg>نفت".encode("cp1256"),
            "{path}:1:40: tu 1: not well-formed XML: Invalid bytes in character encoding",
            id="cp1256",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<xliff version="1.2"><file><header/><body/></file></xliff>',
            "{path}:2: not a TMX file (the root element is <xliff>, expected <tmx>)",
            id="xliff",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<martif type="TBX"/>',
            "{path}:2: not a TMX file (the root element is <martif>, expected <tmx>)",
            id="tbx-without-units",
        ),
    ],
)
def test_input_that_is_not_tmx_is_refused_in_one_line(tmp_path, content, expected):
    path = tmp_path / "input.tmx"
    path.write_bytes(content)
    with pytest.raises(TmxError) as raised:
        list(read_tmx(path))
    assert str(raised.value).startswith(expected.format(path=path))


def test_a_missing_file_is_a_tmx_error(tmp_path):
    with pytest.raises(TmxError, match=r"missing\.tmx: cannot read \(No such file or directory\)"):
        list(read_tmx(tmp_path / "missing.tmx"))


def test_a_bad_tmkit_prop_names_its_line(tmp_path):
    path = write(ARTICLE_UNITS[:1], tmp_path / "a.tmx")
    path.write_text(path.read_text(encoding="utf-8").replace(">0.982<", ">high<"), "utf-8")
    with pytest.raises(TmxError) as raised:
        list(read_tmx(path))
    assert str(raised.value) == (
        f"{path}:11: prop x-score has a bad value 'high'"
        " (x-score is a number, x-occurrences a whole number from 1)"
    )


HOSTILE_UNIT = """<tmx version="1.4">
<header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="fa-IR" o-tmf="x"/>
<body><tu tuid="1"><tuv xml:lang="fa-IR"><seg>نفت {entity}</seg></tuv><tuv xml:lang="en-US"><seg>oil</seg></tuv></tu></body>
</tmx>
"""


def test_an_external_entity_is_never_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    path = tmp_path / "xxe.tmx"
    path.write_text(
        f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        + HOSTILE_UNIT.format(entity="&xxe;"),
        encoding="utf-8",
    )
    with pytest.raises(TmxError) as raised:
        list(read_tmx(path))
    assert str(raised.value) == (
        f"{path}:1: the DOCTYPE declares entity 'xxe'; tmkit never expands entities"
        " (TMX needs none: replace them by the characters they stand for)"
    )
    assert "TOP-SECRET" not in str(raised.value)


def test_billion_laughs_are_never_expanded(tmp_path):
    laughs = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    path = tmp_path / "laughs.tmx"
    path.write_text(
        f"<!DOCTYPE tmx [{laughs}]>\n" + HOSTILE_UNIT.format(entity="&lol9;"), encoding="utf-8"
    )
    with pytest.raises(TmxError, match=r"declares entity 'lol0'; tmkit never expands entities"):
        list(read_tmx(path))


def test_an_entity_from_an_unloaded_dtd_is_refused_where_it_is_used(tmp_path):
    path = tmp_path / "nbsp.tmx"
    path.write_text(
        '<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
        + HOSTILE_UNIT.format(entity="&nbsp;"),
        encoding="utf-8",
    )
    with pytest.raises(TmxError) as raised:
        list(read_tmx(path))
    assert str(raised.value) == (
        f"{path}:4: entity &nbsp; is not expanded (tmkit never expands entities)"
        " (replace it by the character it stands for)"
    )


def test_a_doctype_pointing_at_the_network_is_not_fetched(tmp_path):
    path = tmp_path / "remote-dtd.tmx"
    path.write_text(
        '<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
        + HOSTILE_UNIT.format(entity="خزر"),
        encoding="utf-8",
    )
    assert [(u.source, u.target) for u in read_tmx(path)] == [("نفت خزر", "oil")]


# --- property: inline codes and metadata round-trip ---------------------------------------------

ALPHABET = st.sampled_from(list("ab <>&\"' \t\n\r{1}سلام\u200cنفت"))
TEXT = st.text(ALPHABET, min_size=1, max_size=6)
NUMBER = st.integers(1, 99).map(str)
DATES = st.from_regex(r"20[0-2][0-9](0[1-9]|1[0-2])[0-2][1-8]T[01][0-9][0-5][0-9][0-5][0-9]Z", fullmatch=True)  # fmt: skip


def _normalized(parts: list) -> tuple:
    """Adjacent strings joined, as a reader gives them."""
    out: list = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


@st.composite
def code_content(draw) -> tuple:
    """A native code's content: code text, maybe a sub-flow with text and a ph in it."""
    parts: list = [draw(TEXT)]
    if draw(st.booleans()):
        ph = InlineElement("ph", (("x", draw(NUMBER)),), (draw(TEXT),))
        parts.append(InlineElement("sub", (("type", "alt"),), (draw(TEXT), ph)))
    return _normalized(parts)


@st.composite
def flow(draw, depth: int = 0, pair: list | None = None) -> list:
    """Text with paired bpt/ept (unique i), ph, it, ut and hi (its own flow) in any order."""
    pair = [0] if pair is None else pair
    parts: list = []
    for kind in draw(st.lists(st.sampled_from(("text", "ph", "it", "ut", "pair", "hi")), min_size=1, max_size=5)):  # fmt: skip
        if kind == "text":
            parts.append(draw(TEXT))
        elif kind == "ph":
            extra = draw(st.sampled_from(((), (("type", "image"),), (("assoc", "p"),))))
            parts.append(InlineElement("ph", (("x", draw(NUMBER)), *extra), draw(code_content())))
        elif kind == "it":
            pos = draw(st.sampled_from(("begin", "end")))
            parts.append(InlineElement("it", (("pos", pos), ("x", draw(NUMBER))), draw(code_content())))  # fmt: skip
        elif kind == "ut":
            parts.append(InlineElement("ut", (), draw(code_content())))
        elif kind == "pair":
            pair[0] += 1
            i = str(pair[0])
            parts.append(InlineElement("bpt", (("i", i), ("x", draw(NUMBER)), ("type", "bold")), draw(code_content())))  # fmt: skip
            parts += draw(flow(depth + 1, pair)) if depth < 2 and draw(st.booleans()) else [draw(TEXT)]  # fmt: skip
            parts.append(InlineElement("ept", (("i", i),), draw(code_content())))
        elif depth < 2:
            inner = _normalized(draw(flow(depth + 1, pair)))
            parts.append(InlineElement("hi", (("type", "term"),), inner))
    return parts


PROP_TYPES = st.sampled_from(("x-Client", "Domain", "x-mt"))
ANNOTATIONS = st.lists(
    st.builds(Annotation, st.just("prop"), TEXT, st.tuples(st.tuples(st.just("type"), PROP_TYPES)))
    | st.builds(Annotation, st.just("note"), TEXT, st.just(())),
    max_size=3,
)
NAME = st.text(ALPHABET.filter(str.isalnum), min_size=1, max_size=5)
TU_ATTRIBUTES = st.fixed_dictionaries(
    {"creationdate": DATES},  # written back as it is, not the run's
    optional={
        "changedate": DATES,
        "lastusagedate": DATES,
        "creationid": NAME,
        "changeid": NAME,
        "usagecount": NUMBER,
        "o-tmf": NAME,
        "datatype": st.sampled_from(("html", "rtf", "plaintext")),
        "segtype": st.sampled_from(("block", "paragraph", "sentence", "phrase")),
    },
)
TUV_ATTRIBUTES = st.fixed_dictionaries({}, optional={"changedate": DATES, "creationid": NAME})


@st.composite
def tagged_units(draw, index: int) -> TranslationUnit:
    sides = []
    for _ in range(2):
        content = _normalized(draw(flow()))
        if not has_codes(content):  # a code on each side: never an empty unit a merge drops
            content = (*content, InlineElement("ph", (("x", "1"),), ("<br/>",)))
        tuv = Tuv(tuple(draw(TUV_ATTRIBUTES).items()), tuple(draw(ANNOTATIONS)), content)
        sides.append((plain_text(content), tuv))
    (source, source_tuv), (target, target_tuv) = sides
    return TranslationUnit(
        f"u{index}",
        f"{index}:{source}",  # unique sources: a merge keeps every unit
        target,
        attributes=tuple(draw(TU_ATTRIBUTES).items()),
        annotations=tuple(draw(ANNOTATIONS)),
        source_tuv=replace(source_tuv, content=_normalized([f"{index}:", *source_tuv.content])),
        target_tuv=target_tuv,
    )


@st.composite
def tagged_memories(draw) -> list[TranslationUnit]:
    return [draw(tagged_units(i)) for i in range(draw(st.integers(1, 4)))]


@settings(max_examples=150, deadline=None)
@given(tagged_memories())
def test_inline_codes_and_metadata_round_trip_through_read_write_and_merge(tmp_path_factory, units):
    folder = tmp_path_factory.mktemp("tagged")
    write_tmx(units, folder / "a.tmx", creationdate=DATE)
    validate(folder / "a.tmx")
    read = list(read_tmx(folder / "a.tmx"))
    assert read == units
    write_tmx(read, folder / "b.tmx", creationdate=DATE)
    assert list(read_tmx(folder / "b.tmx")) == units
    merge_tmx([folder / "b.tmx"], folder / "merged.tmx", creationdate=DATE)
    assert list(read_tmx(folder / "merged.tmx")) == units


def test_a_tu_with_two_english_tuvs_gives_one_unit_for_each_with_its_tag():
    warnings: list[str] = []
    units = list(read_tmx(FOREIGN / "two-english-tuvs.tmx", on_warning=warnings.append))
    assert [(u.source, u.tgtlang, u.target) for u in units] == [
        ("رنگ.", "en-US", "Color."),
        ("رنگ.", "en-GB", "Colour."),
    ]
    assert warnings == []
    asked = list(read_tmx(FOREIGN / "two-english-tuvs.tmx", tgtlang="en-GB"))
    assert [(u.tgtlang, u.target) for u in asked] == [("en-GB", "Colour.")]


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("two-persian-tuvs.tmx", ":3: tu 1 (tuid 'two-persian-tuvs:1'): the fa-IR tuv 'رنگ دیگر.' left out (the source is the fa-IR tuv 'رنگ.': a tu has one)"),
        ("two-segs.tmx", ":4: tu 2 (tuid 'bad'): the fa-IR tuv has 2 <seg>; 'دو' left out (a tuv has one <seg>)"),
    ],
)  # fmt: skip
def test_what_a_tu_holds_beyond_one_source_and_its_targets_is_warned_about(name, warning):
    warnings: list[str] = []
    units = list(read_tmx(FOREIGN / name, on_warning=warnings.append))
    assert units and warnings == [f"{FOREIGN / name}{warning}"]


def test_an_attribute_the_dtd_does_not_declare_is_kept_as_a_prop_and_the_output_is_valid(tmp_path):
    # xml:space on a tuv (the DTD allows it nowhere, not even on <seg>) and another tool's own
    source = tmp_path / "xmlspace.tmx"
    source.write_text(
        '<tmx version="1.4" xmlns:sdl="urn:sdl"><header srclang="fa-IR"/><body>\n'
        '<tu tuid="x2" sdl:origin="tm"><tuv xml:lang="fa-IR"><seg>لبخند</seg></tuv>'
        '<tuv xml:lang="en-US" xml:space="preserve" datatype="plaintext">'
        "<note>kept</note><seg>smile   done</seg></tuv></tu>\n</body></tmx>\n",
        encoding="utf-8",
    )
    warnings: list[str] = []
    (unit,) = read_tmx(source, on_warning=warnings.append)
    assert warnings == [
        f"{source}:2: tu 1 (tuid 'x2'): sdl:origin='tm' is kept as "
        '<prop type="x-attribute:sdl:origin"> (TMX 1.4b has no sdl:origin attribute on <tu>)',
        f"{source}:2: tu 1 (tuid 'x2'), en-US tuv: xml:space='preserve' is kept as "
        '<prop type="x-attribute:xml:space"> (TMX 1.4b has no xml:space attribute on <tuv>)',
    ]
    assert unit.target == "smile   done"
    assert unit.target_tuv.attributes == (("datatype", "plaintext"),)
    output = tmp_path / "out.tmx"
    write_tmx([unit], output, creationdate=DATE)
    tree = validate(output)
    tu = tree.find("body/tu")
    assert [(p.get("type"), p.text) for p in tu.findall("prop")][-1:] == [
        ("x-attribute:sdl:origin", "tm")
    ]
    tuv = tu.findall("tuv")[1]
    assert [(c.tag, c.get("type"), c.text) for c in tuv] == [
        ("note", None, "kept"), ("prop", "x-attribute:xml:space", "preserve"),
        ("seg", None, "smile   done"),
    ]  # fmt: skip
    assert list(read_tmx(output)) == dated([unit])  # and it reads back as it was written


def test_dates_and_usagecounts_not_in_tmx_form_are_normalized_or_left_out_with_a_warning(tmp_path):
    source = tmp_path / "bad.tmx"
    source.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body>'
        '<tu tuid="iso" creationdate="2023-06-01T02:00:00+02:00" changedate="2023-07-01">'
        '<tuv xml:lang="fa-IR"><seg>یک</seg></tuv><tuv xml:lang="en-US" changedate="2023-06-01T00:00:00Z"><seg>one</seg></tuv></tu>'
        '<tu tuid="bad" creationdate="20211301T999999Z" changedate="yesterday" usagecount="many">'
        '<tuv xml:lang="fa-IR"><seg>دو</seg></tuv><tuv xml:lang="en-US" lastusagedate="2023-06-01T00:00:00"><seg>two</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    warnings: list[str] = []
    iso, bad = read_tmx(source, on_warning=warnings.append)
    assert iso.attributes == (("creationdate", "20230601T000000Z"), ("changedate", "20230701T000000Z"))  # fmt: skip
    assert iso.target_tuv.attributes == (("changedate", "20230601T000000Z"),)
    assert (bad.attributes, bad.target_tuv.attributes) == ((), ())
    assert warnings == [
        f"{source}:1: tu 2 (tuid 'bad'): creationdate '20211301T999999Z' is not a date (YYYYMMDDThhmmssZ); left out",
        f"{source}:1: tu 2 (tuid 'bad'): changedate 'yesterday' is not a date (YYYYMMDDThhmmssZ); left out",
        f"{source}:1: tu 2 (tuid 'bad'): usagecount 'many' is not a count (a whole number, 0 or more); left out",
        f"{source}:1: tu 2 (tuid 'bad'): lastusagedate '2023-06-01T00:00:00' has no time zone (a local time, of a zone not known); left out",
    ]  # fmt: skip
    validate(write([iso, bad], tmp_path / "out.tmx"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20230601T101010.123Z", "20230601T101010Z"),  # a fraction, dropped
        ("2023-06-01T10:10:10.5Z", "20230601T101010Z"),
        ("20230601T101010+0330", "20230601T064010Z"),  # basic-format offset, to UTC
        ("2023-06-01T10:10:10-03:30", "20230601T134010Z"),
        ("20230601T1010+03", "20230601T071000Z"),  # no seconds, hours-only offset
        ("20230601", "20230601T000000Z"),  # a day alone: 00:00 UTC
        ("2023-06-01T10:10:10z", "20230601T101010Z"),  # lower-case z
        ("20230601T240000Z", "20230602T000000Z"),  # the end of the day
        ("20230601T101010", None),  # a local time: its zone is not known
        ("20230229T000000Z", None),
        ("20230601T235960Z", None),  # a leap second
        ("2023-0601T101010Z", None),
        ("\u06f2\u06f0\u06f2\u06f3\u06f0\u06f6\u06f0\u06f1T101010Z", None),  # Persian digits
    ],
)
def test_every_unambiguous_iso_8601_date_is_read_in_tmx_form(tmp_path, value, expected):
    source = tmp_path / "dates.tmx"
    source.write_text(
        f'<tmx version="1.4"><header srclang="fa-IR"/><body><tu tuid="d" changedate="{value}">'
        '<tuv xml:lang="fa-IR"><seg>یک</seg></tuv><tuv xml:lang="en-US"><seg>one</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    warnings: list[str] = []
    (unit,) = read_tmx(source, on_warning=warnings.append)
    assert dict(unit.attributes).get("changedate") == expected
    assert len(warnings) == (expected is None)


def test_a_unit_changed_before_the_run_is_not_created_after_it(tmp_path):
    unit = TranslationUnit("u", "یک", "one", attributes=(("changedate", "20200101T000000Z"),))
    (tu,) = xmlsafe.parse(write([unit], tmp_path / "out.tmx")).iter("tu")
    assert (tu.get("creationdate"), tu.get("changedate")) == ("20200101T000000Z", "20200101T000000Z")  # fmt: skip


def test_an_undefined_entity_is_reported_with_lxmls_line_and_message(tmp_path):
    path = tmp_path / "entity.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="fa-IR"/><body>\n'
        '<tu tuid="ok"><tuv xml:lang="fa-IR"><seg>خوب.</seg></tuv><tuv xml:lang="en-US"><seg>Good.</seg></tuv></tu>\n'
        '<tu tuid="bad"><tuv xml:lang="fa-IR"><seg>یک &nbsp;</seg></tuv><tuv xml:lang="en-US"><seg>x</seg></tuv></tu>\n'
        "</body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(TmxError) as error:
        list(read_tmx(path))
    assert str(error.value) == (
        f"{path}:4:52: tu 2 (tuid 'bad'): not well-formed XML: Entity 'nbsp' not defined"
    )


# A multilingual tu: which Persian tuv is the source, and what else is not carried

MULTILINGUAL = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="*all*" '
    'datatype="plaintext"/><body>\n<tu tuid="t1">{}</tu>\n</body></tmx>\n'
)
TUVS = {
    "prs": "دری",
    "fa-AF": "دری",
    "pes": "فارسی",
    "fa": "فارسی",
    "fa-IR": "فارسی",
    "en": "Hello",
    "de": "Hallo",
}


@pytest.mark.parametrize(
    "tags",
    [
        ("prs", "en", "pes"),
        ("pes", "en", "prs"),
        ("prs", "en", "fa"),
        ("prs", "fa-IR", "en"),
        ("fa-IR", "en", "prs"),
        ("de", "fa-AF", "en", "fa-IR", "de"),
    ],
)
def test_the_source_of_a_multilingual_tu_is_persian_of_iran_whatever_the_order(tmp_path, tags):
    path = tmp_path / "multi.tmx"
    tuvs = "".join(f'<tuv xml:lang="{tag}"><seg>{TUVS[tag]}</seg></tuv>' for tag in tags)
    path.write_text(MULTILINGUAL.format(tuvs), encoding="utf-8")
    warnings: list[str] = []
    (unit,) = read_tmx(path, srclang="fa", tgtlang="en", on_warning=warnings.append)
    iranian = next(tag for tag in tags if TUVS[tag] == "فارسی")
    dari = next(tag for tag in tags if TUVS[tag] == "دری")
    assert (unit.source, unit.srclang, unit.target) == ("فارسی", iranian, "Hello")
    expected = [
        f"{path}:3: tu 1 (tuid 't1'): the {dari} tuv 'دری' left out (the source is the "
        f"{iranian} tuv 'فارسی': a tu has one)"
    ]
    if "de" in tags:
        expected.append(f"{path}: 2 tuv in other languages not carried (de ×2): a unit is one "
                        "fa source and its en target")  # fmt: skip
    assert warnings == expected
    (dari_unit,) = read_tmx(path, srclang=dari, tgtlang="en")  # Dari asked: Dari taken
    assert dari_unit.source == "دری"


@pytest.mark.parametrize("tuv", ["<tuv>", '<tuv xml:lang="">', '<tuv lang=" ">'])
def test_a_tuv_without_a_language_is_one_error_naming_file_line_and_tu(tmp_path, tuv):
    path = tmp_path / "nolang.tmx"
    path.write_text(
        MULTILINGUAL.format(f'{tuv}<seg>سلام</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv>'),
        encoding="utf-8",
    )
    with pytest.raises(TmxError) as raised:
        list(read_tmx(path))
    assert str(raised.value).startswith(f"{path}:3: tu 1 (tuid 't1'): a <tuv> without a language (")


# Attributes TMX 1.4b does not declare: kept as a prop where the element has props, else left
# out with a warning naming each; a prop without type gets x-unnamed; the output is valid


def test_undeclared_attributes_never_make_the_output_invalid_and_are_never_dropped_silently(
    tmp_path,
):
    from tm.dedupe import merge_tmx

    source = DATA / "tmx" / "undeclared-attributes.tmx"  # Okapi/XLIFF ctype, id, rid, sdl:…
    output = tmp_path / "merged.tmx"
    report = merge_tmx([source], output, creationdate=DATE)
    tree = validate(output)
    warnings = "\n".join(report.warnings)
    for said in (
        "<ph ctype='x-br'> left out",
        "<ph id='5'> left out",
        "<bpt ctype> left out of 2 <bpt> codes",  # one line for the file, with the first's
        "(the first at line 3, tu 1 (tuid '1'): ctype='bold')",
        "<ept rid> left out of 2 <ept> codes",
        "<hi xml:lang> left out of 2 <hi> codes",
        "<ph sdl:tag='br'> left out",  # its prefix as written, not ns0
        "en tuv: <note sdl:n='2'> left out",
        "header: <prop sdl:p='1'> left out",
        "header: <ude sdl:u='1'> left out",
        "header: <map sdl:m='2'> left out",
        "tu 1 (tuid '1'): a <prop> without type ('loose') is kept as <prop type=\"x-unnamed\">",
        "header: a <prop> without type ('no type')",
        "tu 1 (tuid '1'): sdl:origin='tm' is kept as <prop type=\"x-attribute:sdl:origin\">",
        "header: sdl:hdr='h' is kept as <prop type=\"x-attribute:sdl:hdr\">",
    ):
        assert said in warnings
    assert b"ns0" not in output.read_bytes()
    tu = tree.find(".//tu")
    assert [(p.get("type"), p.text) for p in tu.iter("prop")] == [
        ("x-unnamed", "loose"),
        ("x-attribute:sdl:origin", "tm"),
    ]
    (unit,) = read_tmx(output)
    codes = [p for p in unit.source_tuv.content if not isinstance(p, str)]
    assert [(c.element, c.attributes) for c in codes] == [
        ("ph", (("x", "1"),)),
        ("bpt", (("i", "2"),)),
        ("ept", (("i", "2"),)),
        ("hi", (("type", "b"),)),
    ]
    assert (unit.source, unit.target) == ("نفت  خام ب", "crude oil  b")
    assert next(read_tmx(output)) == next(read_tmx(source))  # what is read is what is kept


def test_an_undeclared_attribute_on_every_inline_code_is_one_warning_with_its_count(tmp_path):
    # Okapi and Trados put ctype on every code: one line for them all, not one per code
    tus = "".join(
        f'<tu tuid="{n}"><tuv xml:lang="fa"><seg>نفت<ph x="1" ctype="x-br"/>خام</seg></tuv>'
        f'<tuv xml:lang="en"><seg>crude<ph x="1" ctype="x-br"/>oil {n}</seg></tuv></tu>\n'
        for n in range(3)
    )
    source = tmp_path / "okapi.tmx"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa" '
        f'datatype="plaintext"/><body>\n{tus}</body></tmx>\n',
        encoding="utf-8",
    )
    warnings: list[str] = []
    units = list(read_tmx(source, on_warning=warnings.append))
    assert len(units) == 3
    assert warnings == [
        f"{source}: <ph ctype> left out of 6 <ph> codes: TMX 1.4b declares no such attribute on "
        "<ph> (the first at line 3, tu 1 (tuid '0'): ctype='x-br')"
    ]
