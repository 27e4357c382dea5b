"""XML input over libxml2's safety limits, and entity declarations: one line naming the place.

The limits stay on (a 10,000,000-byte text node, 256 levels of nesting): the messages say
which unit, which line, and the limit in plain words instead of libxml2's advice to switch
it off (XML_PARSE_HUGE). The big files are made here, in tmp_path.
"""

from __future__ import annotations

import re

import pytest

from corpus.errors import CorpusError
from corpus.srx import read_srx
from corpus.xmlsafe import TEXT_LIMIT
from glossary.model import GlossaryError
from glossary.tbx import read_tbx
from tm.errors import TmxError
from tm.tmx import read_tmx

HEADER = (
    '<header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
    ' adminlang="en" srclang="fa-IR" o-tmf="x"/>'
)
SMALL_TU = (
    '<tu tuid="a"><tuv xml:lang="fa-IR"><seg>نفت</seg></tuv>'
    '<tuv xml:lang="en-US"><seg>oil</seg></tuv></tu>'
)
LIMIT_TEXT = "a text of more than 10,000,000 bytes, over the limit tmkit reads"
PERSIAN_LETTER = "ن"  # two bytes in UTF-8


def tmx_with(seg: str, tu_attributes: str = ' tuid="x"', encoding: str = "utf-8") -> str:
    """A TMX whose second tu (line 6) has *seg* as its Persian segment on line 7."""
    return "\n".join(
        [
            f'<?xml version="1.0" encoding="{encoding.upper()}"?>',
            '<tmx version="1.4">',
            HEADER,
            "<body>",
            SMALL_TU,
            f"<tu{tu_attributes}>",
            f'<tuv xml:lang="fa-IR"><seg>{seg}</seg></tuv>',
            '<tuv xml:lang="en-US"><seg>oil</seg></tuv>',
            "</tu>",
            "</body>",
            "</tmx>",
            "",
        ]
    )


def limit_line(path, owner: str, hint: str = "split the segment") -> re.Pattern[str]:
    """The one line expected: the column is where libxml2 stopped, inside the text."""
    prefix = f"{owner}: " if owner else ""
    return re.compile(rf"{re.escape(str(path))}:7:\d+: {re.escape(prefix + LIMIT_TEXT)} \({hint}\)")


# a text node over the limit


@pytest.mark.parametrize(
    ("attributes", "owner"),
    [(' tuid="x"', "tu 2 (tuid 'x')"), ("", "tu 2")],
    ids=["with-tuid", "without-tuid"],
)
def test_a_huge_segment_names_its_tu_the_line_and_the_limit(tmp_path, attributes, owner):
    path = tmp_path / "big.tmx"
    letters = TEXT_LIMIT // 2 + 1  # 10,000,002 bytes of Persian
    path.write_text(tmx_with(PERSIAN_LETTER * letters, attributes), encoding="utf-8")
    with pytest.raises(TmxError) as error:
        list(read_tmx(path))
    assert limit_line(path, owner).fullmatch(str(error.value)), str(error.value)
    assert "XML_PARSE_HUGE" not in str(error.value)


def test_a_huge_segment_in_utf16_is_measured_in_utf8_bytes(tmp_path):
    path = tmp_path / "big16.tmx"
    letters = TEXT_LIMIT // 2 + 1
    path.write_bytes(tmx_with(PERSIAN_LETTER * letters, encoding="utf-16").encode("utf-16"))
    with pytest.raises(TmxError) as error:
        list(read_tmx(path))
    assert limit_line(path, "tu 2 (tuid 'x')").fullmatch(str(error.value)), str(error.value)


def test_a_segment_at_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "limit.tmx"
    path.write_text(tmx_with(PERSIAN_LETTER * (TEXT_LIMIT // 2)), encoding="utf-8")
    units = list(read_tmx(path))
    assert [len(u.source.encode()) for u in units] == [len("نفت".encode()), TEXT_LIMIT]


def test_nesting_too_deep_names_its_tu(tmp_path):
    path = tmp_path / "deep.tmx"
    path.write_text(tmx_with("<hi>" * 300 + "نفت" + "</hi>" * 300), encoding="utf-8")
    with pytest.raises(TmxError) as error:
        list(read_tmx(path))
    assert re.fullmatch(
        rf"{re.escape(str(path))}:7:\d+: tu 2 \(tuid 'x'\): elements nested more than 256 deep,"
        r" over the limit tmkit reads \(nest them less deep\)",
        str(error.value),
    ), str(error.value)


def test_a_huge_segment_through_the_cli_is_one_line_and_nothing_written(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "big.tmx"
    path.write_text(tmx_with("x" * (TEXT_LIMIT + 1)), encoding="utf-8")
    output = tmp_path / "merged.tmx"
    assert main(["merge", str(path), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.endswith("\n") and err.count("\n") == 1
    assert err.startswith("tmkit: error: ")
    line = err.removeprefix("tmkit: error: ").rstrip("\n")
    assert limit_line(path, "tu 2 (tuid 'x')").fullmatch(line), err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.tmx"]


# the other readers that go through corpus/xmlsafe


TBX_LINES = (
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">',
    "<text><body>",
    '<conceptEntry id="ceasefire">',
    '<langSec xml:lang="fa"><termSec><term>آتش‌بس</term></termSec></langSec>',
    '<langSec xml:lang="en"><termSec><term>ceasefire</term></termSec></langSec>',
    '<langSec xml:lang="de"><termSec><term>{huge}</term></termSec></langSec>',
    "</conceptEntry>",
    "</body></text></tbx>",
    "",
)


def test_a_huge_term_in_a_tbx_is_one_line(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "big.tbx"
    path.write_text("\n".join(TBX_LINES).format(huge="x" * (TEXT_LIMIT + 1)), encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        read_tbx(path)
    assert limit_line(path, "", "split the text").fullmatch(str(error.value)), str(error.value)
    assert main(["glossary", "import", str(path), "-o", str(tmp_path / "terms.xlsx")]) == 2
    err = capsys.readouterr().err
    assert limit_line(path, "", "split the text").fullmatch(
        err.removeprefix("tmkit: error: ").removesuffix("\n")
    ), err
    assert not (tmp_path / "terms.xlsx").exists()


def test_a_huge_rule_in_an_srx_is_one_line(tmp_path):
    path = tmp_path / "big.srx"
    path.write_text(
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                '<srx xmlns="http://www.lisa.org/srx20" version="2.0">',
                '<header cascade="no"/>',
                "<body><languagerules>",
                '<languagerule languagerulename="Persian">',
                '<rule break="yes">',
                f"<beforebreak>{'x' * (TEXT_LIMIT + 1)}</beforebreak>",
                "</rule></languagerule></languagerules><maprules/></body></srx>",
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as error:
        read_srx(path)
    assert limit_line(path, "", "split the text").fullmatch(str(error.value)), str(error.value)


# entity declarations: the line of the <!ENTITY


ENTITY_TMX = "\n".join(
    [
        '<?xml version="1.0" encoding="{encoding}"?>',
        "<!DOCTYPE tmx [",
        '  <!ENTITY lol0 "lol">',
        '  <!ENTITY lol1 "&lol0;&lol0;&lol0;&lol0;&lol0;&lol0;&lol0;&lol0;&lol0;&lol0;">',
        "]>",
        '<tmx version="1.4">',
        HEADER,
        "<body>",
        SMALL_TU.replace("نفت", "&lol1;"),
        "</body>",
        "</tmx>",
        "",
    ]
)
ENTITY_MESSAGE = (
    "the DOCTYPE declares entity 'lol0'; tmkit never expands entities"
    " (TMX needs none: replace them by the characters they stand for)"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_entity_declaration_is_refused_with_its_line(tmp_path, encoding):
    path = tmp_path / "laughs.tmx"
    path.write_bytes(ENTITY_TMX.format(encoding=encoding.upper()).encode(encoding))
    with pytest.raises(TmxError) as error:
        list(read_tmx(path))
    assert str(error.value) == f"{path}:3: {ENTITY_MESSAGE}"


def test_an_entity_declaration_in_a_tbx_names_its_line(tmp_path):
    path = tmp_path / "laughs.tbx"
    lines = list(TBX_LINES)
    lines[1:1] = ["<!DOCTYPE tbx [", "", '<!ENTITY\n  secret SYSTEM "file:///etc/passwd">', "]>"]
    path.write_text("\n".join(lines).format(huge="&secret;"), encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        read_tbx(path)
    assert str(error.value) == (
        f"{path}:4: the DOCTYPE declares entity 'secret'; tmkit never expands entities"
        " (TBX needs none: replace them by the characters they stand for)"
    )


def test_an_entity_declaration_through_the_cli(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "laughs.tmx"
    path.write_text(ENTITY_TMX.format(encoding="UTF-8"), encoding="utf-8")
    assert main(["merge", str(path), "-o", str(tmp_path / "merged.tmx")]) == 2
    assert capsys.readouterr().err == f"tmkit: error: {path}:3: {ENTITY_MESSAGE}\n"
    assert not (tmp_path / "merged.tmx").exists()


# libxml2 ends some messages with a line feed: the error is still one line (found by
# tests/fuzz/test_fuzz_tmx.py)


@pytest.mark.parametrize(
    ("name", "read", "error"),
    [("a.tmx", lambda p: list(read_tmx(p)), TmxError), ("a.tbx", read_tbx, GlossaryError),
     ("a.srx", read_srx, CorpusError)],
    ids=["tmx", "tbx", "srx"],
)  # fmt: skip
def test_a_nul_byte_is_a_one_line_error(tmp_path, name, read, error):
    path = tmp_path / name
    path.write_bytes(b"<\x00")
    with pytest.raises(error) as raised:
        read(path)
    assert str(raised.value) == (
        f"{path}:1:2: not well-formed XML: Invalid character: Char 0x0 out of allowed range"
    )


def test_a_nul_byte_through_the_cli_is_one_line(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "a.tmx"
    path.write_bytes(b"<\x00")
    assert main(["merge", str(path), "-o", str(tmp_path / "out.tmx")]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {path}:1:2: not well-formed XML: Invalid character: Char 0x0 out of"
        " allowed range\n"
    )


@pytest.mark.parametrize(
    ("text", "over"),
    [("x" * TEXT_LIMIT, False), ("x" * (TEXT_LIMIT + 1), True),
     (PERSIAN_LETTER * (TEXT_LIMIT // 2), False), (PERSIAN_LETTER * (TEXT_LIMIT // 2) + "x", True),
     ("😀" * (TEXT_LIMIT // 4), False), ("😀" * (TEXT_LIMIT // 4) + "x", True), ("", False)],
    ids=["ascii-at", "ascii-over", "persian-at", "persian-over", "emoji-at", "emoji-over", "empty"],
)  # fmt: skip
def test_over_limit_counts_utf8_bytes(text, over):
    from corpus.xmlsafe import over_limit

    assert over_limit(text) is over
