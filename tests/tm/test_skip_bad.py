"""``--skip-bad`` (read_tmx's ``on_bad``): a tu tmkit refuses, or one that is not well-formed
XML, is left out and named, and every other unit is read as without it (tm/tmxresync.py)."""

from __future__ import annotations

import pytest

from tm.cli import main
from tm.errors import TmxError
from tm.tmx import read_tmx

HEADER = (
    '<header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
    ' adminlang="en" srclang="fa-IR" o-tmf="x"/>'
)


def tu(n: int, english: str = "oil", end: str = "\n") -> str:
    """Tu *n* on four lines (one line when *end* is empty)."""
    return (
        f'<tu tuid="t{n}">{end}<tuv xml:lang="fa-IR"><seg>نفت {n}</seg></tuv>{end}'
        f'<tuv xml:lang="en-US"><seg>{english} {n}</seg></tuv>{end}</tu>{end}'
    )


def tmx(units: list[str]) -> str:
    return (
        f'<?xml version="1.0"?>\n<tmx version="1.4">{HEADER}<body>\n{"".join(units)}</body></tmx>\n'
    )


BROKEN = {  # tu 3 (tuid t2) as other tools break it: (its text, the error after "skipped: ")
    "unescaped-ampersand": (tu(2, "oil & gas"), "not well-formed XML: xmlParseEntityRef: no name"),
    "unescaped-less-than": (tu(2, "a < b"), "not well-formed XML: StartTag: invalid element name"),
    "control-character": (tu(2, "x\x01y"), "not well-formed XML: PCDATA invalid Char value 1"),
    "control-reference": (
        tu(2, "x&#1;y"),
        "not well-formed XML: xmlParseCharRef: invalid xmlChar value 1",
    ),
    "mismatched-tags": (
        tu(2, "a <b>c</i>"),
        "not well-formed XML: Opening and ending tag mismatch: b line {line} and i",
    ),
    "html-entity": (tu(2, "&nbsp;x"), "not well-formed XML: Entity 'nbsp' not defined"),
    "tuv-without-language": (tu(2).replace(' xml:lang="en-US"', ""), "a <tuv> without a language"),
    "xliff-code": (tu(2, "<g id='1'>x</g>"), "<g> is not a TMX 1.4b inline element"),
    "unpaired-code": (
        tu(2, '<bpt i="1">[</bpt>x'),
        '<bpt i="1"> has no <ept i="1"> in its segment',
    ),
}


@pytest.mark.parametrize("one_line", [False, True], ids=["a-tu-on-4-lines", "one-line-file"])
@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_tu_is_left_out_and_the_others_read(tmp_path, kind, one_line):
    end = "" if one_line else "\n"
    broken, message = BROKEN[kind]
    broken = broken.replace("\n", end)
    good = [tu(n, end=end) for n in range(6) if n != 2]
    path = tmp_path / "a.tmx"
    path.write_text(tmx([*good[:2], broken, *good[2:]]), encoding="utf-8")
    whole = tmp_path / "whole.tmx"
    whole.write_text(tmx(good), encoding="utf-8")
    with pytest.raises(TmxError):  # without on_bad, an error
        list(read_tmx(path))
    bad = []
    units = list(read_tmx(path, on_bad=bad.append))
    expected = list(read_tmx(whole))
    assert [(u.tuid, u.source, u.target) for u in units] == [
        (u.tuid, u.source, u.target) for u in expected
    ]
    (skipped,) = bad
    assert (skipped.position, skipped.tuid) == (3, "t2")
    line = 3 if one_line else 13  # the broken tu's English tuv
    assert str(skipped).startswith(f"{path}:{line}")
    assert str(skipped).endswith(" tu 3 (tuid 't2') skipped: " + message.format(line=line))


def test_a_tu_broken_in_its_start_tag_is_named_by_position(tmp_path):
    path = tmp_path / "a.tmx"
    path.write_text(tmx([tu(0), tu(1).replace('tuid="t1"', 'tuid="t1'), tu(2)]), "utf-8")
    bad = []
    assert [u.tuid for u in read_tmx(path, on_bad=bad.append)] == ["t0", "t2"]
    assert [str(b) for b in bad] == [
        f"{path}:8:1: tu 2 skipped: not well-formed XML: Unescaped '<' not allowed in attributes"
        " values"
    ]


@pytest.mark.parametrize(
    ("units", "where"),
    [
        ([tu(0), tu(1).replace("</tu>", ""), tu(2)], "a tu never closed"),
        ([tu(0), "& stray text\n", tu(1)], "between two tu"),
        ([tu(0), tu(1, "a & b")], "in the last tu"),
    ],
    ids=["unclosed", "between", "last"],
)
def test_what_no_unit_can_be_left_out_for_still_stops(tmp_path, units, where):
    path = tmp_path / "a.tmx"
    path.write_text(tmx(units), encoding="utf-8")
    bad = []
    with pytest.raises(TmxError, match="not well-formed XML"):
        list(read_tmx(path, on_bad=bad.append))
    assert bad == []


def test_a_utf16_file_is_not_resynchronised(tmp_path):
    path = tmp_path / "a.tmx"
    text = tmx([tu(0), tu(1, "a & b"), tu(2)]).replace(
        "<?xml version", '<?xml encoding="UTF-16" version'
    )
    path.write_bytes(text.replace('<?xml encoding="UTF-16" version="1.0"?>',
                                  '<?xml version="1.0" encoding="UTF-16"?>').encode("utf-16"))  # fmt: skip
    with pytest.raises(TmxError, match=r"tu 2 \(tuid 't1'\): not well-formed XML"):
        list(read_tmx(path, on_bad=[].append))


def test_merge_and_check_skip_bad_through_the_cli(tmp_path, capsys):
    path = tmp_path / "a.tmx"
    path.write_text(tmx([tu(0), tu(1, "a & b"), tu(2).replace(' xml:lang="en-US"', ""), tu(3)]))
    output = tmp_path / "out.tmx"
    assert main(["merge", str(path), "-o", str(output)]) == 2
    assert not output.exists()
    capsys.readouterr()
    assert main(["merge", str(path), "-o", str(output), "--skip-bad"]) == 0
    out, err = capsys.readouterr()
    assert out == (
        f"read 2 units, wrote 2 to {output} (0 duplicates collapsed, 0 tu skipped,"
        " 2 bad tu skipped)\n"
    )
    assert err == (
        f"tmkit: warning: {path}:9:31: tu 2 (tuid 't1') skipped: not well-formed XML:"
        " xmlParseEntityRef: no name\n"
        f"tmkit: warning: {path}:13: tu 3 (tuid 't2') skipped: a <tuv> without a language\n"
    )
    assert [u.tuid for u in read_tmx(output)] == ["t0", "t3"]
    glossary = tmp_path.parent / "terms.xlsx"
    main(["glossary", "import", str(_tsv(tmp_path)), "-o", str(glossary)])
    capsys.readouterr()
    assert main(["check", "--tmx", str(path), "--glossary", str(glossary), "--skip-bad"]) == 0
    out, err = capsys.readouterr()
    assert err.endswith(f"tmkit: warning: {path}: 2 bad tu skipped (--skip-bad), not checked\n")
    assert err.count("skipped:") == 2


def test_more_than_five_bad_tu_are_counted_after_the_first_five(tmp_path, capsys):
    path = tmp_path / "a.tmx"
    path.write_text(tmx([tu(n, "a & b" if n % 2 else "oil") for n in range(17)]), "utf-8")
    assert main(["merge", str(path), "-o", str(tmp_path / "out.tmx"), "--skip-bad"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("(0 duplicates collapsed, 0 tu skipped, 8 bad tu skipped)\n")
    assert err.count(" skipped: ") == 5
    assert err.endswith("tmkit: warning: and 3 more bad tu skipped\n")


def _tsv(folder):
    path = folder / "terms.tsv"
    path.write_text("id\tdomain\tfa\ten\tstatus\noil\tenergy\tنفت\toil\tapproved\n", "utf-8")
    return path


def test_a_bad_tu_is_named_on_one_line_whatever_libxml2_says(tmp_path):
    """libxml2 ends the message of a NUL byte with a line feed (found by the TMX fuzzer)."""
    path = tmp_path / "a.tmx"
    path.write_bytes(tmx([tu(0), tu(1, "a\x00b"), tu(2)]).encode("utf-8"))
    bad = []
    assert [u.tuid for u in read_tmx(path, on_bad=bad.append)] == ["t0", "t2"]
    assert [str(b) for b in bad] == [
        f"{path}:9:29: tu 2 (tuid 't1') skipped: not well-formed XML: Invalid character: Char 0x0"
        " out of allowed range"
    ]
