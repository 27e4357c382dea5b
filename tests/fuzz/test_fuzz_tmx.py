"""Fuzzing the TMX reader: whatever the bytes, :func:`tm.tmx.read_tmx` reads units or raises
tmkit's one-line :class:`~tm.errors.TmxError`, never another exception (which the command line
would show as a traceback); a TMX it reads, ``tmkit merge`` writes and reads back the same.

Inputs: arbitrary bytes; and TMX files built from parts other tools write (inline codes, props,
notes, attributes, UTF-16, namespaces, entities), then mutated as a damaged or hand-edited file
is: bytes cut, dropped, repeated or swapped, a tag or character put in. Few examples in the
default run, thousands under ``tox -e fuzz`` (the ``fuzz`` profile, ``tests/conftest.py``).
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tm.dedupe import merge_tmx
from tm.errors import TmError, TmxError
from tm.tmx import BadTu, read_tmx

DATE = "20240101T000000Z"
HEADER = (
    '<header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
    ' adminlang="en" srclang="{srclang}" o-tmf="x"{extra}/>'
)
TEXT = st.lists(
    st.sampled_from(
        [*"نفت خزر‌ابپ۱۲", *"Oil gas 12.", "&amp;", "&lt;", "&#x200c;", "&#13;", "\t", "\n"]
    ),
    max_size=12,
).map("".join)
CODE = st.sampled_from(
    [
        '<bpt i="1">&lt;b&gt;</bpt>{}<ept i="1">&lt;/b&gt;</ept>',
        '<ph x="1" type="image"/>{}',
        '<it pos="begin">&lt;i&gt;</it>{}',
        '<hi type="b">{}</hi>',
        '<ph>{{1}}<sub datatype="html">{}</sub></ph>',
        "{}<ut>x</ut>",
        '<bpt i="2" ctype="bold">[</bpt>{}',  # unpaired: refused
        "<g id='1'>{}</g>",  # XLIFF's: refused
        "{}<!-- a comment --><?pi x?>",
        "&nbsp;{}",  # an undefined entity
    ]
)
ANNOTATION = st.sampled_from(
    [
        "",
        '<prop type="x-document">doc</prop>',
        '<prop type="x-score">0.5</prop>',
        '<prop type="x-score">high</prop>',  # a bad value of tmkit's: refused
        '<prop type="x-occurrences">0</prop>',
        '<prop type="x-merged-units">nonsense</prop>',
        '<prop type="x-Context">ctx</prop><note>a note</note>',
        "<prop>no type</prop>",
    ]
)
LANGUAGE = st.sampled_from(["fa-IR", "fa_IR", "FA", "pes", "prs", "en-US", "en_GB", "de", ""])
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' creationdate="20230601T101010Z"',
        ' changedate="2023-06-01T10:10:10+03:30"',
        ' usagecount="7"',
        ' usagecount="-1"',
        ' creationdate="yesterday"',
        ' srclang="en-US"',
        ' sdl:x="1" xmlns:sdl="urn:sdl"',
    ]
)


@st.composite
def segments(draw) -> str:
    text = draw(TEXT)
    for _ in range(draw(st.integers(0, 2))):
        text = draw(CODE).format(text)
    return text


@st.composite
def tus(draw) -> str:
    tuvs = []
    for language in draw(st.lists(LANGUAGE, min_size=0, max_size=3)):
        lang = f' xml:lang="{language}"' if language else ""
        seg = draw(segments())
        tuvs.append(f"<tuv{lang}{draw(ATTRIBUTES)}>{draw(ANNOTATION)}<seg>{seg}</seg></tuv>")
    tuid = draw(st.sampled_from(["", ' tuid="a"', ' tuid="b"', ' tuid="a#2"']))
    return f"<tu{tuid}{draw(ATTRIBUTES)}>{draw(ANNOTATION)}{''.join(tuvs)}</tu>"


@st.composite
def tmx_files(draw) -> bytes:
    """A TMX as tools write them, valid or not in the ways tools get it wrong."""
    namespace = draw(st.sampled_from(["", ' xmlns="http://www.lisa.org/tmx14"']))
    doctype = draw(
        st.sampled_from(
            ["", '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx [<!ENTITY e "x">]>']
        )
    )
    header = HEADER.format(
        srclang=draw(st.sampled_from(["fa-IR", "en-US", "*all*", ""])),
        extra=draw(st.sampled_from(["", ' creationdate="20230101T000000Z"'])),
    )
    body = "\n".join(draw(st.lists(tus(), max_size=4)))
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<tmx version="1.4"{namespace}>\n'
        f"{header}\n<body>\n{body}\n</body>\n</tmx>\n"
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-16"]))
    if encoding == "utf-16":
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return text.encode(encoding)


@st.composite
def mutated(draw) -> bytes:
    """A generated TMX with a few mutations of its bytes."""
    data = bytearray(draw(tmx_files()))
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        end = draw(st.integers(at, min(len(data), at + 40)))
        kind = draw(st.sampled_from(["cut", "drop", "repeat", "insert", "swap", "byte"]))
        if kind == "cut":
            del data[at:]
        elif kind == "drop":
            del data[at:end]
        elif kind == "repeat":
            data[at:at] = data[at:end]
        elif kind == "insert":
            piece = draw(
                st.sampled_from(
                    [b"<", b">", b"&", b"</tu>", b"<tu>", b"<seg>", b"\x01", b"\xff", b"]]>",
                     b"&#1;", b"<!ENTITY x 'y'>", "ن".encode(), b'"', b"\x00"]
                )
            )  # fmt: skip
            data[at:at] = piece
        elif kind == "swap":
            data[at:end] = data[at:end][::-1]
        else:
            data[at] = draw(st.integers(0, 255))
    return bytes(data)


def _read(data: bytes, **options) -> list | None:
    """The units read from *data*, or None when tmkit refused it with its one-line error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.tmx"
        path.write_bytes(data)
        try:
            units = list(read_tmx(path, **options))
        except TmxError as err:
            assert "\n" not in str(err) and str(err).startswith(str(path))
            return None
        return units


@settings(deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_are_read_or_refused_in_one_line(data):
    _read(data)


@settings(deadline=None)
@given(mutated())
def test_a_mutated_tmx_is_read_or_refused_in_one_line(data):
    skipped: list = []
    bad: list[BadTu] = []
    _read(data, on_skip=skipped.append, on_warning=lambda _: None)
    _read(data, srclang="fa", tgtlang="en", either_way=True, on_bad=bad.append)
    for tu in bad:  # each bad tu is named in one line
        assert "\n" not in str(tu) and " skipped: " in str(tu)


@settings(deadline=None)
@given(mutated())
def test_what_merge_writes_of_a_mutated_tmx_reads_back(data):
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "in.tmx", Path(folder) / "out.tmx"
        source.write_bytes(data)
        try:
            report = merge_tmx([source], output, creationdate=DATE, skip_bad=True)
        except TmError as err:  # TmxError, or a TmError naming the input
            assert "\n" not in str(err)
            assert not output.exists()
            return
        merged = list(read_tmx(output, srclang="fa", tgtlang="en", either_way=True))
        assert len(merged) == report.units_written
        again = Path(folder) / "again.tmx"
        merge_tmx([output], again, creationdate=DATE)
        merged_again = list(read_tmx(again, srclang="fa", tgtlang="en", either_way=True))
        assert [_named(unit) for unit in merged_again] == [_named(unit) for unit in merged]


def _named(unit):
    """*unit* with the name tmkit gives a tu without tuid (``<file stem>:<n>``) left out."""
    return replace(unit, tuid="") if unit.tuid_made else unit


GOOD_SEGMENT = st.lists(st.sampled_from([*"نفت خزر Oil gas 12.", "&amp;", "<ph/>"]), max_size=8)
BREAKS = st.sampled_from(
    ["&", "<", "\x01", "&#1;", "&nbsp;", "</i>", "<b>", "]]>", "<1", "&#xD800;"]
)


@settings(deadline=None)
@given(
    st.lists(GOOD_SEGMENT.map("".join), min_size=1, max_size=6),
    st.data(),
    st.sampled_from(["\n", "", "\r\n  "]),
)
def test_skip_bad_leaves_out_the_broken_tu_alone(segments, data, end):
    """One tu broken inside its segment (as a damaged file is): with on_bad every other unit
    is read as from the file without it, and the broken one is named by its position."""
    broken = data.draw(st.integers(0, len(segments) - 1))
    cut = data.draw(st.integers(0, len(segments[broken])))
    piece = data.draw(BREAKS)
    units = []
    for number, text in enumerate(segments):
        if number == broken:
            text = text[:cut] + piece + text[cut:]
        units.append(
            f'<tu tuid="t{number}">{end}<tuv xml:lang="fa-IR"><seg>نفت</seg></tuv>{end}'
            f'<tuv xml:lang="en-US"><seg>{text}</seg></tuv>{end}</tu>{end}'
        )
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">{HEADER.format(srclang="fa-IR", extra="")}<body>{end}'
    tail = "</body></tmx>\n"
    whole = _read((head + "".join(u for n, u in enumerate(units) if n != broken) + tail).encode())
    bad: list[BadTu] = []
    read = _read((head + "".join(units) + tail).encode(), on_bad=bad.append)
    if broken == len(segments) - 1 and bad == [] and read is None:
        return  # the last tu: nothing after it to go on with, an error
    assert read is not None and whole is not None
    assert [(u.tuid, u.target) for u in read] == [(u.tuid, u.target) for u in whole]
    assert [(b.position, b.tuid) for b in bad] == [(broken + 1, f"t{broken}")]
