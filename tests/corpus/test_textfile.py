"""Reading input text: UTF-8 only, BOM and CRLF accepted, bad input named precisely."""

import io
import struct
import zipfile
import zlib

import pytest

from corpus.errors import CorpusError
from corpus.fixes import read_fixes
from corpus.gold import read_gold
from corpus.pipeline import load_document
from corpus.textfile import read_text

SENTENCE = "سیاست‌های نفتی در قفقاز"


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + f"{SENTENCE}\r\n\r\nدوم\r".encode())
    assert read_text(path) == f"{SENTENCE}\n\nدوم\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"", "empty.txt: file is empty (expected a document)", id="empty"),
        pytest.param(b" \n\n\t\n", "empty.txt: file is empty (expected a document)", id="blank"),
        pytest.param(
            "خط اول\nخط دوم \x00".encode(),
            "empty.txt:2: binary file (NUL byte) (expected UTF-8 text)",
            id="binary",
        ),
        pytest.param(
            "خط اول\nab".encode() + b"\xe1\xef\n",
            "empty.txt:2:3: not UTF-8 (byte 0xe1) (save the file as UTF-8)",
            id="windows-1256",
        ),
    ],
)
def test_bad_input_error_names_file_and_place(tmp_path, content, expected):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError) as error:
        read_text(path)
    assert str(error.value) == f"{tmp_path}/{expected}"


def test_utf16_file_is_rejected_not_misread(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SENTENCE.encode("utf-16"))
    with pytest.raises(CorpusError, match=r"utf16.txt:1: UTF-16 text \(save the file as UTF-8\)"):
        read_text(path)


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match=r"nothing\.txt: cannot read"):
        read_text(tmp_path / "nothing.txt")


# UTF-16 without a byte-order mark

PERSIAN_AND_ENGLISH = "سیاست‌های نفتی در قفقاز\nOil policies in the Caucasus\nقاسم ملکی، ۱۹۹۷\n"
PERSIAN_ONLY = "سیاست‌های نفتی در قفقاز\nنوشته قاسم ملکی\n"


@pytest.mark.parametrize(
    "text", [PERSIAN_AND_ENGLISH, PERSIAN_ONLY, "نفت"], ids=["mixed", "fa", "word"]
)
@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_without_bom_is_named_not_called_binary(tmp_path, text, codec, order):
    data = text.encode(codec)
    # Persian letters are U+06xx: only spaces, newlines and Latin characters bring NUL bytes
    assert data.count(b"\x00") == sum(1 for ch in text if ord(ch) < 0x100)
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError) as error:
        read_text(path)
    assert str(error.value) == (
        f"{path}:1: UTF-16 ({order}-endian) text without a byte-order mark (save the file as UTF-8)"
    )


def png() -> bytes:
    """A real 2×1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")
    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("fa.raw.txt", PERSIAN_ONLY)
    return buffer.getvalue()


@pytest.mark.parametrize("data", [png(), zipped()], ids=["png", "zip"])
def test_a_real_binary_stays_a_binary_file(tmp_path, data):
    path = tmp_path / "scan.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError, match=r"scan\.txt:\d+: binary file \(NUL byte\)"):
        read_text(path)


def test_not_utf8_after_a_bom_names_the_byte_and_its_column(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "نفت".encode() + b" \xe1\n")
    with pytest.raises(CorpusError) as error:
        read_text(path)
    assert str(error.value) == f"{path}:1:8: not UTF-8 (byte 0xe1) (save the file as UTF-8)"


# control characters, and the form feed that is a page break

CONTROL_HINT = "(delete it or replace it by a space: TMX and other XML cannot carry it)"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "سیاست‌های نفتی\nدر قفقاز\x07 و خزر\n",
            f"2:9: control character U+0007 (BEL) {CONTROL_HINT}",
            id="bell",
        ),
        pytest.param(
            "Oil\r\npolicies\r\n\x1b[0m in the Caucasus\r\n",
            f"3:1: control character U+001B (ESC) {CONTROL_HINT}",
            id="escape-after-crlf",
        ),
        pytest.param(
            "Oil policies\x0bin the Caucasus\n",
            "1:13: control character U+000B (VT) (a vertical tab, which Word writes for a "
            "manual line break: replace it by a line break)",
            id="vertical-tab",
        ),
        pytest.param(
            "page one\n\fpage two \uffff\n",
            f"2:11: noncharacter U+FFFF {CONTROL_HINT}",  # the form feed is in line 2, column 1
            id="noncharacter-after-a-page-break",
        ),
        pytest.param(
            "page one\fpage two\x07\n",
            f"1:18: control character U+0007 (BEL) {CONTROL_HINT}",
            id="control-after-a-form-feed-inside-a-line",
        ),
    ],
)
def test_control_character_is_reported_with_line_and_column(tmp_path, text, expected):
    path = tmp_path / "fa.raw.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    with pytest.raises(CorpusError) as error:
        read_text(path)
    assert str(error.value) == f"{path}:{expected}"


def test_control_character_through_the_cli_is_one_line_and_exit_2(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "fa.raw.txt"
    path.write_text("سیاست‌های نفتی\nدر قفقاز\x07 و خزر\n", encoding="utf-8")
    assert main(["segment", str(path), "--lang", "fa"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"tmkit: error: {path}:2:9: control character U+0007 (BEL) {CONTROL_HINT}\n"
    )


def test_utf16_without_bom_through_the_cli_is_one_line_and_exit_2(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "fa.raw.txt"
    path.write_bytes(PERSIAN_ONLY.encode("utf-16-le"))
    assert main(["segment", str(path), "--lang", "fa"]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {path}:1: UTF-16 (little-endian) text without a byte-order mark"
        " (save the file as UTF-8)\n"
    )


def test_fixes_and_gold_files_are_checked_for_control_characters(tmp_path):
    fixes = tmp_path / "fa.fixes.tsv"
    fixes.write_text("wrong\tright\treason\tline\nتظر\tنظر\tOCR\x08\t3\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_fixes(fixes)
    assert str(error.value) == f"{fixes}:2:12: control character U+0008 (BS) {CONTROL_HINT}"
    gold = tmp_path / "gold.tsv"
    gold.write_text("bead\tlang\ttext\nb1\tfa\tنفت\nb1\ten\tOil\x01\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_gold(gold)
    assert str(error.value) == f"{gold}:3:10: control character U+0001 (SOH) {CONTROL_HINT}"


def test_control_character_in_fixes_and_gold_through_the_cli(tmp_path, capsys):
    from tm.cli import main

    raw = tmp_path / "fa.raw.txt"
    raw.write_text("سیاست‌های نفتی در قفقاز\n", encoding="utf-8")
    fixes = tmp_path / "fa.fixes.tsv"
    fixes.write_text(
        "wrong\tright\treason\tline\nقفقاز\tقفقاز\x1f\tspelling\t1\n", encoding="utf-8"
    )
    assert main(["segment", str(raw), "--lang", "fa", "--fixes", str(fixes)]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {fixes}:2:12: control character U+001F (US) {CONTROL_HINT}\n"
    )
    gold = tmp_path / "gold.tsv"
    gold.write_text("bead\tlang\ttext\nb1\tfa\tنفت\x02\nb1\ten\tOil\n", encoding="utf-8")
    assert main(["eval-align", "--gold", str(gold)]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {gold}:2:10: control character U+0002 (STX) {CONTROL_HINT}\n"
    )


BROKEN_BY_A_PAGE = (
    "Oil policies in the Caucasus\n\nQasem Maleki\n\n"
    "The first paragraph of the article ends with a full stop, as a paragraph should.\n\n"
    "The second paragraph runs on for a while and is broken by the end of the page in the "
    "middle of\n\n\f"  # pdftotext: a blank line, then the form feed before the next page
    "the sentence, which goes on at the top of the next page.\n\f"
)
JOINED = (
    "The second paragraph runs on for a while and is broken by the end of the page in the "
    "middle of the sentence, which goes on at the top of the next page."
)


def test_form_feed_is_kept_as_a_page_break_and_is_no_line_break(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(BROKEN_BY_A_PAGE, encoding="utf-8")
    assert read_text(path) == BROKEN_BY_A_PAGE  # the page breaks are kept, the lines are the file's
    document = load_document(path, "en")
    assert not any("\f" in block.text for block in document.blocks)
    assert [block.text for block in document.paragraphs][2:] == [
        "The first paragraph of the article ends with a full stop, as a paragraph should.",
        JOINED,
    ]


def test_not_utf8_after_a_form_feed_is_placed_as_an_editor_shows_it(tmp_path):
    """A form feed is no line break in the line numbers: editors, grep -n and wc -l count LF."""
    path = tmp_path / "fa.raw.txt"
    path.write_bytes(b"page one\n\fab\xe1\n")
    with pytest.raises(CorpusError) as error:
        read_text(path)
    assert str(error.value) == f"{path}:2:4: not UTF-8 (byte 0xe1) (save the file as UTF-8)"


def test_form_feed_page_with_a_section_title_header_and_no_page_numbers(tmp_path):
    """pdftotext's pages (``\\f`` at each page end), each opening with the running header (a
    section title, not the document title) and with no page number: the header is page furniture
    only because it stands after a page break, which the reader must keep for cleanup."""
    header = "Findings of the second survey"
    pages = [
        "Each page of this report ends with a sentence that is complete.",
        "The second page holds a paragraph of its own, ended on this page.",
        "The third page is like the others and ends with a full stop.",
        "The fourth page closes the report with one more sentence.",
    ]
    text = "Report title\n\n" + "\n\f".join(f"{header}\n\n{page}" for page in pages) + "\n\f"
    path = tmp_path / "en.txt"
    path.write_text(text, encoding="utf-8")
    document = load_document(path, "en")
    assert [block.text for block in document.paragraphs] == ["Report title", *pages]
    assert [block.line for block in document.paragraphs] == [1, 5, 8, 11, 14]  # as in an editor


@pytest.mark.parametrize("reader", [read_fixes, read_gold], ids=["fixes", "gold"])
def test_a_tsv_has_no_pages_so_a_form_feed_in_it_is_refused(tmp_path, reader):
    path = tmp_path / "file.tsv"
    header = "wrong\tright\treason\tline" if reader is read_fixes else "bead\tlang\ttext"
    path.write_text(f"{header}\n\fb1\tfa\tنفت\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        reader(path)
    assert str(error.value) == (
        f"{path}:2:1: control character U+000C (FF) (a form feed (a page break), which this "
        "file cannot hold: delete it)"
    )


def test_form_feed_page_break_through_the_cli(tmp_path, capsys):
    from tm.cli import main

    path = tmp_path / "en.txt"
    path.write_text(BROKEN_BY_A_PAGE, encoding="utf-8")
    assert main(["segment", str(path), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1] == JOINED
    assert captured.err == ""


def test_form_feeds_between_the_article_pages_change_nothing(tmp_path, article_folder, article):
    raw = article_folder.raw.read_text(encoding="utf-8")
    assert raw.count("\n\n\n\n") == 6  # the article's page breaks: three blank lines
    paged = tmp_path / "fa.raw.txt"
    # as pdftotext writes a page end: the form feed opens the next page's first line
    paged.write_text(raw.replace("\n\n\n\n", "\n\n\n\n\f"), encoding="utf-8")
    spelling = article_folder.zwnj_spelling()
    assert load_document(paged, "fa-IR", article_folder.fixes, zwnj_spelling=spelling) == article
