"""Hostile input (issue 12, part 4), through the command line in a real process: each is a
one-line error and exit 2, or a correct result, and nothing on disk is damaged.

Every kind of file tmkit parses as XML is tried with the command that reads it: a TMX (``merge``,
``check --tmx``), a TBX (``glossary import``), SRX rules (``segment --srx``), a workbook
(``glossary lint``), a Word document and an HTML page (``clean``). A DTD or entity that points
at a URL points at a server of this test on the loopback address, which counts the requests it
gets: none may come. The TMX and workbook files at size (1M units, 200 MB segment, 100,000
rows) are made in the test's temporary folder; the two slowest runs are marked ``slow`` (see
the README's "Development").
"""

from __future__ import annotations

import http.server
import io
import re
import subprocess
import sys
import threading
import urllib.request
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest

DATA = Path(__file__).parent / "data"
GLOSSARY = Path(__file__).parents[1] / "glossary" / "terms.xlsx"
DOCX = DATA / "documents" / "persian-notes.docx"
HEADER = (
    '<header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
    ' adminlang="en" srclang="fa-IR" o-tmf="x"/>'
)
SECRET = "SECRET-7f3a9c-NEVER-SHOWN"
LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n else "lol"}">' for n in range(10)
)  # &lol9; is 10⁹ "lol"s


def tmkit(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``python -m tm ARGS`` in *cwd*, as a user runs ``tmkit``."""
    return subprocess.run(
        [sys.executable, "-m", "tm", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The error of a run that must fail as bad input: exit 2, one line, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    errors = [line for line in result.stderr.splitlines() if not line.startswith("tmkit: warn")]
    assert len(errors) == 1 and errors[0].startswith("tmkit: error: "), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return errors[0].removeprefix("tmkit: error: ")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under *folder*, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# one file of each kind tmkit parses as XML, with a DOCTYPE and an entity reference in a text


def _tmx(doctype: str, reference: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<tmx version="1.4">{HEADER}<body>\n'
        f'<tu tuid="a"><tuv xml:lang="fa-IR"><seg>نفت {reference}</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>oil</seg></tuv></tu>\n</body></tmx>\n'
    )


def _tbx(doctype: str, reference: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<tbx type="TBX-Basic" style="dca" '
        'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="ceasefire"><langSec xml:lang="fa"><termSec><term>آتش‌بس</term>'
        f'</termSec></langSec><langSec xml:lang="en"><termSec><term>ceasefire{reference}</term>'
        "</termSec></langSec></conceptEntry></body></text></tbx>\n"
    )


def _srx(doctype: str, reference: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>'
        '<languagerules><languagerule languagerulename="Persian"><rule break="yes">'
        f"<beforebreak>[.]{reference}</beforebreak><afterbreak>\\s</afterbreak></rule>"
        '</languagerule></languagerules><maprules><languagemap languagepattern=".*" '
        'languagerulename="Persian"/></maprules></body></srx>\n'
    )


def _html(doctype: str, reference: str) -> str:
    return f"{doctype}\n<html><body><p>نفت خام. گاز {reference}</p></body></html>\n"


def _in_package(source: Path, member: str, closing: str):
    """A maker of a copy of the ZIP package *source* whose *member* has the DOCTYPE after its
    XML declaration and the reference before its first *closing* tag."""

    def make(doctype: str, reference: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
            for info in old.infolist():
                data = old.read(info)
                if info.filename == member:
                    text = data.decode("utf-8")
                    start = text.index("?>") + 2 if text.startswith("<?xml") else 0
                    text = text[:start] + doctype + text[start:]
                    at = text.index(closing)
                    data = (text[:at] + reference + text[at:]).encode("utf-8")
                new.writestr(info, data)
        return out.getvalue()

    return make


# name: (file, maker, command (FILE for the file), what a correct read prints or writes)
KINDS = {
    "tmx-merge": ("a.tmx", _tmx, ["merge", "FILE", "-o", "out.tmx"], "out.tmx"),
    "tmx-check": ("a.tmx", _tmx, ["check", "--tmx", "FILE", "--glossary", str(GLOSSARY)], None),
    "tbx-import": ("a.tbx", _tbx, ["glossary", "import", "FILE", "-o", "out.xlsx"], "out.xlsx"),
    "srx-segment": ("a.srx", _srx, ["segment", "doc.txt", "--lang", "fa", "--srx", "FILE"], None),
    "xlsx-lint": (
        "a.xlsx",
        _in_package(GLOSSARY, "xl/worksheets/sheet1.xml", "</t>"),
        ["glossary", "lint", "FILE"],
        None,
    ),
    "docx-clean": (
        "a.docx",
        _in_package(DOCX, "word/document.xml", "</w:t>"),
        ["clean", "FILE"],
        None,
    ),
    "html-clean": ("a.html", _html, ["clean", "FILE"], None),
}


def _write_kind(folder: Path, kind: str, doctype: str, reference: str) -> list[str]:
    """Write *kind*'s file (and what its command also reads) in *folder*; return the command."""
    name, maker, command, _ = KINDS[kind]
    (folder / "doc.txt").write_text("نفت خام. گاز طبیعی.\n", encoding="utf-8")
    content = maker(doctype, reference)
    if isinstance(content, bytes):
        (folder / name).write_bytes(content)
    else:
        (folder / name).write_text(content, encoding="utf-8")
    return [name if part == "FILE" else part for part in command]


def _root(kind: str) -> str:
    return {"xlsx-lint": "worksheet", "docx-clean": "w:document"}.get(kind, kind.split("-")[0])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_billion_laughs_is_never_expanded(tmp_path, kind):
    command = _write_kind(tmp_path, kind, f"<!DOCTYPE {_root(kind)} [{LAUGHS}]>", "&lol9;")
    before = snapshot(tmp_path)
    result = tmkit(*command, cwd=tmp_path, timeout=60)
    assert "lollol" not in result.stdout + result.stderr
    if kind == "html-clean":  # HTML has no entity declarations: the text is shown as written
        assert result.returncode == 0, result.stderr
        assert "&lol9;" in result.stdout
    else:
        line = one_line_error(result)
        assert line.startswith(command[command.index(KINDS[kind][0])])
        assert re.search("entit|unsafe XML", line), line
        assert snapshot(tmp_path) == before  # nothing written


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_external_entity_never_shows_the_file_it_names(tmp_path, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    doctype = f'<!DOCTYPE {_root(kind)} [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    command = _write_kind(tmp_path, kind, doctype, "&xxe;")
    result = tmkit(*command, cwd=tmp_path)
    assert SECRET not in result.stdout + result.stderr
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and p != secret
                and SECRET.encode() in p.read_bytes()]  # fmt: skip
    if kind == "html-clean":
        assert result.returncode == 0 and "&xxe;" in result.stdout
    else:
        assert re.search("entit|unsafe XML", one_line_error(result))


class _Counting(http.server.BaseHTTPRequestHandler):
    """Serves a DTD that would add an attribute default; records every request."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = b'<!ATTLIST tu tuid CDATA "from-the-network">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def dtd_server():
    """A server on 127.0.0.1 that counts what it is asked for; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with urllib.request.urlopen(f"{url}/probe") as answer:  # it does answer: the test can fail
        assert answer.status == 200
    assert _Counting.requests == ["/probe"]
    _Counting.requests.clear()
    yield url
    server.shutdown()
    server.server_close()
    _Counting.requests.clear()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_dtd_at_a_url_is_never_fetched_and_the_file_still_read(tmp_path, kind, dtd_server):
    doctype = f'<!DOCTYPE {_root(kind)} SYSTEM "{dtd_server}/tmx14.dtd">'
    command = _write_kind(tmp_path, kind, doctype, "")
    result = tmkit(*command, cwd=tmp_path)
    assert _Counting.requests == []
    assert result.returncode in (0, 1), result.stderr  # 1: lint or check findings
    assert "Traceback" not in result.stderr
    written = KINDS[kind][3]
    if kind == "tmx-merge":
        text = (tmp_path / written).read_text(encoding="utf-8")
        assert "from-the-network" not in text and "<seg>نفت </seg>" in text
    elif written:
        assert (tmp_path / written).stat().st_size > 0
    else:
        assert result.stdout.strip()


@pytest.mark.parametrize("entity", ["% ext", "ext"], ids=["parameter", "general"])
def test_an_entity_at_a_url_is_refused_and_never_fetched(tmp_path, dtd_server, entity):
    reference = "%ext;" if entity.startswith("%") else ""
    doctype = f'<!DOCTYPE tmx [<!ENTITY {entity} SYSTEM "{dtd_server}/x.dtd"> {reference}]>'
    (tmp_path / "a.tmx").write_text(_tmx(doctype, "" if reference else "&ext;"), "utf-8")
    line = one_line_error(tmkit("merge", "a.tmx", "-o", "out.tmx", cwd=tmp_path))
    assert line.startswith("a.tmx:2: the DOCTYPE declares entity 'ext'")
    assert _Counting.requests == []
    assert not (tmp_path / "out.tmx").exists()


# a truncated TMX: wherever it is cut, one line naming the place, and the old output kept

WHOLE_TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
    + HEADER
    + "\n<body>\n"
    + "".join(
        f'<tu tuid="u{n}">\n<tuv xml:lang="fa-IR"><seg>تولید نفت {n} درصد</seg></tuv>\n'
        f'<tuv xml:lang="en-US"><seg>Oil output {n} per cent</seg></tuv>\n</tu>\n'
        for n in range(1, 4)
    )
    + "</body>\n</tmx>\n"
).encode("utf-8")
CUTS = {  # where the file ends: (bytes kept, the place the error names)
    "in the header": (WHOLE_TMX.index(b"srclang="), "a.tmx:3:105: "),
    "in a tu's Persian letters": (
        WHOLE_TMX.index("نفت 2".encode()) + 3,  # half of the second letter
        "a.tmx:10:35: tu 2 (tuid 'u2'): ",
    ),
    "between two tu": (WHOLE_TMX.index(b'<tu tuid="u3"'), "a.tmx:13:1: "),
    "before </body>": (WHOLE_TMX.index(b"</body>"), "a.tmx:17:1: "),
    "before </tmx>": (WHOLE_TMX.index(b"</tmx>"), "a.tmx:18:1: "),
}


@pytest.mark.parametrize("cut", sorted(CUTS))
@pytest.mark.parametrize("command", ["merge", "check"])
def test_a_truncated_tmx_is_one_line_and_the_old_output_is_kept(tmp_path, cut, command):
    kept, place = CUTS[cut]
    (tmp_path / "a.tmx").write_bytes(WHOLE_TMX[:kept])
    old = tmp_path / "out.tmx"
    old.write_bytes(b"the previous merge")
    args = ["merge", "a.tmx", "-o", "out.tmx"] if command == "merge" else ["check", "--tmx",
            "a.tmx", "--glossary", str(GLOSSARY)]  # fmt: skip
    line = one_line_error(tmkit(*args, cwd=tmp_path))
    assert line.startswith(place + "not well-formed XML: "), line
    assert old.read_bytes() == b"the previous merge"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tmx", "out.tmx"]


def test_the_whole_tmx_of_the_truncation_tests_is_read(tmp_path):
    (tmp_path / "a.tmx").write_bytes(WHOLE_TMX)
    result = tmkit("merge", "a.tmx", "-o", "out.tmx", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("read 3 units, wrote 3")


# a segment of 200 MB: refused at libxml2's text limit, which corpus.xmlsafe names


def _write_tmx(path: Path, units, chunk: int = 10_000) -> None:
    """Write a TMX of *units* ((tuid, Persian, English, tuv attributes of the English) each),
    streaming: *chunk* tu at a time, so a million units never sit in memory."""
    with path.open("w", encoding="utf-8") as out:
        out.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n{HEADER}\n<body>\n'
        )
        batch = []
        for tuid, persian, english, attributes in units:
            batch.append(
                f'<tu tuid="{tuid}">\n<tuv xml:lang="fa-IR"><seg>{persian}</seg></tuv>\n'
                f"<tuv{attributes}><seg>{english}</seg></tuv>\n</tu>\n"
            )
            if len(batch) == chunk:
                out.write("".join(batch))
                batch.clear()
        out.write("".join(batch) + "</body>\n</tmx>\n")


@pytest.mark.parametrize("command", ["merge", "check"])
def test_a_200_mb_segment_is_refused_naming_the_limit(tmp_path, command):
    path = tmp_path / "huge.tmx"
    with path.open("w", encoding="utf-8") as out:
        out.write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n{HEADER}\n<body>\n'
        )
        out.write('<tu tuid="small"><tuv xml:lang="fa-IR"><seg>نفت</seg></tuv>'
                  '<tuv xml:lang="en-US"><seg>oil</seg></tuv></tu>\n')  # fmt: skip
        out.write('<tu tuid="huge">\n<tuv xml:lang="fa-IR"><seg>')
        for _ in range(100):
            out.write("ن" * 1_000_000)  # 2 MB of UTF-8 a time: 200 MB
        out.write(
            '</seg></tuv>\n<tuv xml:lang="en-US"><seg>oil</seg></tuv>\n</tu>\n</body>\n</tmx>\n'
        )
    assert path.stat().st_size > 200_000_000
    (tmp_path / "out.tmx").write_bytes(b"the previous merge")
    args = ["merge", "huge.tmx", "-o", "out.tmx"] if command == "merge" else ["check", "--tmx",
            "huge.tmx", "--glossary", str(GLOSSARY)]  # fmt: skip
    line = one_line_error(tmkit(*args, cwd=tmp_path))
    assert re.fullmatch(
        r"huge\.tmx:7:\d+: tu 2 \(tuid 'huge'\): a text of more than 10,000,000 bytes, over the"
        r" limit tmkit reads \(split the segment\)",
        line,
    ), line
    assert (tmp_path / "out.tmx").read_bytes() == b"the previous merge"


# a million units, one of them bad, in the middle


MILLION = 1_000_000
BAD = (MILLION // 4, MILLION // 2)  # a tuv without a language; a control character (&#1;)


def _million() -> object:
    for n in range(1, MILLION + 1):
        attributes = "" if n == BAD[0] else ' xml:lang="en-US"'
        english = f"Oil output rose {n} per cent." + ("&#1;" if n == BAD[1] else "")
        yield f"u{n}", f"تولید نفت {n} درصد افزایش یافت.", english, attributes


@pytest.fixture(scope="module")
def million_tmx(tmp_path_factory) -> Path:
    """A TMX of 1,000,000 units (190 MB): unit 250,000 has a tuv without a language, unit
    500,000 a character XML cannot carry."""
    path = tmp_path_factory.mktemp("million") / "million.tmx"
    _write_tmx(path, _million())
    return path


def _english_line(n: int) -> int:
    return 4 + 4 * (n - 1) + 1 + 2  # the header and <body>, 4 lines a tu, its English tuv


def test_a_bad_unit_among_a_million_is_named_and_nothing_written(million_tmx, tmp_path):
    (tmp_path / "out.tmx").write_bytes(b"the previous merge")
    line = one_line_error(
        tmkit("merge", str(million_tmx), "-o", "out.tmx", cwd=tmp_path, timeout=600)
    )
    assert line == (
        f"{million_tmx}:{_english_line(BAD[0])}: tu {BAD[0]} (tuid 'u{BAD[0]}'): a <tuv> without"
        " a language (TMX requires xml:lang on every tuv, lang in TMX 1.1: add its tag)"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tmx"]
    assert (tmp_path / "out.tmx").read_bytes() == b"the previous merge"


@pytest.mark.slow
def test_skip_bad_merges_the_other_999_998_units_of_a_million(million_tmx, tmp_path):
    result = tmkit(
        "merge", str(million_tmx), "-o", "out.tmx", "--skip-bad", cwd=tmp_path, timeout=1800
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout == (
        f"read {MILLION - 2} units, wrote {MILLION - 2} to out.tmx (0 duplicates collapsed, "
        "0 tu skipped, 2 bad tu skipped)\n"
    )
    assert result.stderr == (
        f"tmkit: warning: {million_tmx}:{_english_line(BAD[0])}: tu {BAD[0]} (tuid 'u{BAD[0]}')"
        " skipped: a <tuv> without a language\n"
        f"tmkit: warning: {million_tmx}:{_english_line(BAD[1])}:64: tu {BAD[1]} (tuid"
        f" 'u{BAD[1]}') skipped: not well-formed XML: xmlParseCharRef: invalid xmlChar value 1\n"
    )
    written = 0
    with (tmp_path / "out.tmx").open(encoding="utf-8") as merged:
        for text in merged:
            written += text.lstrip().startswith("<tu ")
            assert f'"u{BAD[0]}"' not in text and f'"u{BAD[1]}"' not in text
    assert written == MILLION - 2


# a zip bomb posing as a workbook or a Word document: refused before anything is inflated


INFLATED = 1024 * 1024 * 1024  # what the bomb's sheet inflates to: 1 GiB of spaces


def _bomb(source: Path, member: str, target: Path) -> None:
    """A copy of the package *source* whose *member* is an XML root holding 1 GiB of spaces
    (1 MB compressed): a well-formed part, which would take minutes and gigabytes to read."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != member:
                new.writestr(info, old.read(info))
                continue
            start = old.read(info)[:200].decode("utf-8").split(">")[0] + ">"
            with new.open(member, "w", force_zip64=True) as out:
                out.write(b"<worksheet>")
                block = b" " * (1 << 20)
                for _ in range(INFLATED >> 20):
                    out.write(block)
                out.write(b"</worksheet>")
            assert start  # the original part was there


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    _bomb(GLOSSARY, "xl/worksheets/sheet1.xml", folder / "bomb.xlsx")
    _bomb(DOCX, "word/document.xml", folder / "bomb.docx")
    return folder


BOMB_ERROR = (
    r"{name}: {member} inflates to 1,073,741,8\d\d bytes \(the package to [\d,]+\), over the "
    r"536,870,912 bytes \(512 MiB\) tmkit inflates \(a zip bomb, or a package far larger than a "
    r"glossary or document: split it\)"
)


@pytest.mark.parametrize(
    "command",
    [
        ["glossary", "lint", "bomb.xlsx"],
        ["glossary", "format", "bomb.xlsx"],
        ["glossary", "diff", "good.xlsx", "bomb.xlsx"],
        ["glossary", "import", "bomb.xlsx", "-o", "out.xlsx"],
        ["check", "--tmx", "a.tmx", "--glossary", "bomb.xlsx"],
        ["clean", "bomb.docx"],
    ],
    ids=lambda command: "-".join(command[:2]),
)
def test_a_zip_bomb_is_refused_naming_the_limit(tmp_path, bombs, command):
    for name in ("bomb.xlsx", "bomb.docx"):
        (tmp_path / name).write_bytes((bombs / name).read_bytes())
    (tmp_path / "good.xlsx").write_bytes(GLOSSARY.read_bytes())
    (tmp_path / "a.tmx").write_bytes(WHOLE_TMX)
    before = snapshot(tmp_path)
    assert (tmp_path / "bomb.xlsx").stat().st_size < 2_000_000
    line = one_line_error(tmkit(*command, cwd=tmp_path))
    bomb = next(part for part in command if part.startswith("bomb"))
    member = "xl/worksheets/sheet1.xml" if bomb.endswith("xlsx") else "word/document.xml"
    assert re.fullmatch(BOMB_ERROR.format(name=re.escape(bomb), member=re.escape(member)), line)
    assert snapshot(tmp_path) == before


def test_glossary_dump_shows_a_zip_bomb_as_its_text(tmp_path, bombs):
    """dump is git's textconv driver: exit 0 whatever the file, its problem in the text."""
    result = tmkit("glossary", "dump", str(bombs / "bomb.xlsx"), cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert re.fullmatch(
        "# tmkit glossary: cannot read this file: "
        + BOMB_ERROR.format(name="", member=re.escape("xl/worksheets/sheet1.xml")).removeprefix(
            ": "
        )
        + "\n",
        result.stdout,
    ), result.stdout


def test_a_zip_bomb_is_refused_before_any_member_is_inflated(bombs, monkeypatch):
    from corpus.errors import CorpusError
    from corpus.pipeline import load_document
    from glossary.model import GlossaryError
    from glossary.workbook import load_glossary

    opened = []
    real_open = zipfile.ZipFile.open

    def spying_open(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    with pytest.raises(GlossaryError, match="over the 536,870,912 bytes"):
        load_glossary(bombs / "bomb.xlsx")
    with pytest.raises(CorpusError, match="over the 536,870,912 bytes"):
        load_document(bombs / "bomb.docx", "fa-IR")
    assert opened == []
    load_glossary(GLOSSARY)  # the spy does see a workbook read
    assert "xl/worksheets/sheet1.xml" in opened


# a glossary of 100,000 concepts: imported, linted and formatted


@pytest.mark.slow
def test_a_workbook_of_100000_rows_works(tmp_path):
    letters = "ابپتثجچحخدرزسشصطعغفقکگلمنوهی"
    rows = ["id\tdomain\tfa\ten\tstatus"]
    for n in range(100_000):
        word = "".join(letters[(n // 28**k) % 28] for k in range(4))
        rows.append(f"c{n}\tenergy\t{word} نفتی\tterm {n}\tapproved")
    (tmp_path / "terms.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    imported = tmkit("glossary", "import", "terms.tsv", "-o", "big.xlsx", cwd=tmp_path, timeout=900)
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert imported.stdout == "100000 concepts written to big.xlsx\n"
    lint = tmkit("glossary", "lint", "big.xlsx", cwd=tmp_path, timeout=900)
    assert lint.returncode in (0, 1), lint.stderr[-2000:]
    assert lint.stdout.splitlines()[-1].endswith(" in 100000 concepts")
    dump = tmkit("glossary", "dump", "big.xlsx", cwd=tmp_path, timeout=900)
    assert dump.returncode == 0, dump.stderr[-2000:]
    assert "c99999" in dump.stdout and "term 99999" in dump.stdout


# one paragraph over the limit in any document tmkit reads: refused before it is worked on
# (a 17.5 MB line took 44 s and 800 MB to segment; a 200 MB one would take gigabytes)

BIG_PARAGRAPH = "نفت " * 3_000_000  # 21 MB of UTF-8, over the 10,000,000-byte limit


def _docx_with(paragraph: str, path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("مقدمه")
    document.add_paragraph(paragraph)
    document.save(str(path))


DOCUMENTS = {  # name: (file, its content or maker, command, the message's place and what)
    "text": ("a.txt", f"مقدمه\n\n{BIG_PARAGRAPH}\n", ["segment", "a.txt", "--lang", "fa"],
             "a.txt:3: a line"),
    "segmented": ("a.txt", f"مقدمه\n{BIG_PARAGRAPH}\n", ["align", "--segmented", "a.txt",
                  "a.txt"], "a.txt:2: a line"),
    "markdown": ("a.md", f"# مقدمه\n\n{BIG_PARAGRAPH}\n", ["segment", "a.md", "--lang", "fa"],
                 "a.md:3: a paragraph"),
    "html": ("a.html", f"<html><body><h1>مقدمه</h1>\n<p>{BIG_PARAGRAPH}</p></body></html>\n",
             ["clean", "a.html"], "a.html:2: a text"),
    "docx": ("a.docx", _docx_with, ["clean", "a.docx"], "a.docx: a text"),
    "po": ("a.po", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
           f'msgid "{BIG_PARAGRAPH}"\nmsgstr "oil"\n', ["check", "--po", "a.po", "--glossary",
           str(GLOSSARY)], "a.po:5: an entry's text"),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(DOCUMENTS))
def test_a_paragraph_over_the_limit_is_refused_in_every_document(tmp_path, kind):
    name, content, command, expected = DOCUMENTS[kind]
    if callable(content):
        content(BIG_PARAGRAPH, tmp_path / name)
    else:
        (tmp_path / name).write_text(content, encoding="utf-8")
    before = snapshot(tmp_path)
    line = one_line_error(tmkit(*command, cwd=tmp_path))
    assert line.startswith(f"{expected} of more than 10,000,000 bytes, over the limit tmkit reads")
    assert snapshot(tmp_path) == before


def test_a_200_mb_line_of_text_is_refused_before_cleanup(tmp_path):
    with (tmp_path / "a.txt").open("w", encoding="utf-8") as out:
        out.write("مقدمه\n\n")
        for _ in range(100):
            out.write("نفت " * 250_000)  # 1.75 MB a time: 175 MB, one line
        out.write("\n")
    line = one_line_error(tmkit("segment", "a.txt", "--lang", "fa", cwd=tmp_path))
    assert line == (
        "a.txt:3: a line of more than 10,000,000 bytes, over the limit tmkit reads (split it"
        " into paragraphs, a blank line between them)"
    )
