"""Reading input text: UTF-8 only, BOM and CRLF accepted, bad input named precisely."""

import pytest

from corpus.errors import CorpusError
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
