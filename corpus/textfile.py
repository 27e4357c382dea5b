"""Read a text file strictly: UTF-8 (BOM allowed), any line ends, never binary or empty."""

from __future__ import annotations

import sys
from pathlib import Path

from corpus.errors import CorpusError

STDIN = "-"


def read_text(path: str | Path) -> str:
    """Return the file's text with ``\\n`` line ends; ``-`` reads standard input.

    :raises CorpusError: the file is missing, binary, not UTF-8 or empty.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == STDIN else Path(path).read_bytes()
    except OSError as err:
        raise CorpusError(name, f"cannot read: {err.strerror}") from err
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes read from *name* as :func:`read_text` does."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(name, "UTF-16 text", line=1, hint="save the file as UTF-8")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise CorpusError(name, "binary file (NUL byte)", line=line, hint="expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise CorpusError(
            name,
            f"not UTF-8 (byte 0x{data[err.start]:02x})",
            line=line,
            column=column,
            hint="save the file as UTF-8",
        ) from err
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(name, "file is empty", hint="expected a document")
    return text
