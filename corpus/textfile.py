"""Read a text file strictly: UTF-8 (BOM allowed), any line ends, never binary or empty.

What is refused, each as one line naming the file and the place:

- UTF-16, with a byte-order mark or without one. Without one it is recognised when the data
  decodes as UTF-16 to text (at least 95% letters, marks, digits, punctuation, symbols,
  spaces and line ends) and either its NUL bytes fall on alternating positions (English
  letters, digits, spaces and line ends have a NUL high byte) or, with no NUL at all, every
  second byte is mostly 0x06 (Persian and Arabic letters are U+06xx);
- any other NUL byte: a binary file;
- bytes that are not UTF-8 (the first one, with its line and byte column);
- a C0 control character other than tab, line feed, carriage return and form feed, and the
  noncharacters U+FFFE and U+FFFF (XML, and so TMX, cannot carry them), with the line and
  the column in characters;
- a file with nothing but white space.

Line ends: CRLF and CR become LF; LF alone ends a line.

A form feed (U+000C, :data:`PAGE_BREAK`), which pdftotext writes at the end of every page
(``last line\n\ffirst line of the next page``), is a page break and is kept in the text, so
that :mod:`corpus.cleanup` sees where the pages end. It is not a line break: the line numbers
tmkit reports (and a fix's ``line`` column) count LF line ends only, as an editor, ``grep -n``
and ``wc -l`` do, and a form feed is one character of its line in a column. Each reader of a
format says what it makes of one (cleanup: a page break; Markdown and HTML: white space).
With ``page_breaks=False`` (files that have no pages: fixes and gold TSVs, PO files) a form
feed is refused like the other control characters.

Tables (fixes and gold TSVs, CSV/TSV term lists) are split into rows by :func:`table_rows`, the
one place tmkit uses Python's csv module: a cell may hold up to :data:`CELL_LIMIT` characters
(Python's own limit, 131,072, is raised: a 200,000-character note is a legitimate cell), and a
longer one, or a row csv cannot read, is one line naming the file and the line its row begins on.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from corpus.errors import CorpusError

STDIN = "-"
CELL_LIMIT = 16 * 1024 * 1024  # characters in one table cell (csv's default: 131,072)
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")  # form feed is a page break
PAGE_BREAK = "\f"  # a form feed: pdftotext's page end, kept in the text read
CONTROL_OR_PAGE_BREAK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
UTF8_HINT = "save the file as UTF-8"
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)  # fmt: skip
_CONTROL_HINT = "delete it or replace it by a space: TMX and other XML cannot carry it"
_HINTS = {
    "\x0b": "a vertical tab, which Word writes for a manual line break: replace it by a line break",
    "\x0c": "a form feed (a page break), which this file cannot hold: delete it",
}
_NOT_TEXT = frozenset({"Cc", "Cs", "Co", "Cn"})  # controls, surrogates, private use, unassigned
_TEXT_SHARE = 0.95
_ARABIC_HIGH_BYTE = 0x06  # U+0600–U+06FF: Persian and Arabic letters


def read_text(path: str | Path, *, page_breaks: bool = True) -> str:
    """Return the file's text with ``\\n`` line ends; ``-`` reads standard input.

    Form feeds (page breaks) are kept; with *page_breaks* False one is refused instead.

    :raises CorpusError: the file is missing, binary, UTF-16, not UTF-8, has a control
        character, or is empty.
    """
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        data = sys.stdin.buffer.read() if str(path) == STDIN else Path(path).read_bytes()
    except OSError as err:
        raise CorpusError(name, f"cannot read: {err.strerror}") from err
    return decode_text(data, name, page_breaks=page_breaks)


def decode_text(data: bytes, name: str, *, page_breaks: bool = True) -> str:
    """Decode bytes read from *name* as :func:`read_text` does (see the module for the rules)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(name, "UTF-16 text", line=1, hint=UTF8_HINT)
    if b"\x00" in data or bytes((_ARABIC_HIGH_BYTE,)) in data:
        order = utf16_without_bom(data)
        if order is not None:
            raise CorpusError(
                name, f"UTF-16 ({order}) text without a byte-order mark", line=1, hint=UTF8_HINT
            )
    if b"\x00" in data:
        line, _ = _place(data, data.index(b"\x00"))
        raise CorpusError(name, "binary file (NUL byte)", line=line, hint="expected UTF-8 text")
    body = data.removeprefix(b"\xef\xbb\xbf")  # positions count from after the BOM
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _place(body, err.start)
        raise CorpusError(
            name,
            f"not UTF-8 (byte 0x{body[err.start]:02x})",
            line=line,
            column=column,
            hint=UTF8_HINT,
        ) from err
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = (CONTROL if page_breaks else CONTROL_OR_PAGE_BREAK).search(text)
    if found:
        start = found.start()
        raise CorpusError(
            name,
            describe_character(found.group()),
            line=text.count("\n", 0, start) + 1,
            column=start - text.rfind("\n", 0, start),
            hint=_HINTS.get(found.group(), _CONTROL_HINT),
        )
    if not text.strip():
        raise CorpusError(name, "file is empty", hint="expected a document")
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """``"little-endian"`` or ``"big-endian"`` when *data* is UTF-16 text without a BOM, else None.

    >>> utf16_without_bom("نفت خزر\\n".encode("utf-16-le"))
    'little-endian'
    >>> utf16_without_bom("Caspian oil".encode("utf-8")) is None
    True
    """
    even = data[: len(data) - len(data) % 2]
    if not even:
        return None
    for order, codec, high, low in (
        ("little-endian", "utf-16-le", even[1::2], even[0::2]),
        ("big-endian", "utf-16-be", even[0::2], even[1::2]),
    ):
        high_nuls, low_nuls = high.count(0), low.count(0)
        if high_nuls:  # characters U+xx00 (a NUL low byte) are rare in text
            plausible = low_nuls * 20 <= high_nuls
        else:
            plausible = not low_nuls and high.count(_ARABIC_HIGH_BYTE) * 2 >= len(high)
        if not plausible:
            continue
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        text_like = sum(
            1 for ch in text if ch in "\t\n\r\f" or unicodedata.category(ch) not in _NOT_TEXT
        )
        if text_like >= _TEXT_SHARE * len(text):
            return order
    return None


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """The line (line ends as :func:`decode_text` counts them) and byte column of *offset*."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(data, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


def describe_character(character: str) -> str:
    """How an error names a character text cannot hold: ``control character U+0007 (BEL)``."""
    code = ord(character)
    if code < 0x20:
        return f"control character U+{code:04X} ({_C0_NAMES[code]})"
    return f"noncharacter U+{code:04X}"


def table_rows(
    lines: Iterable[str],
    name: str,
    *,
    first: int = 1,
    error: type[CorpusError] = CorpusError,
    **dialect: object,
) -> Iterator[tuple[int, list[str]]]:
    """Each row of ``csv.reader(lines, **dialect)`` with the line it begins on (*first* the
    number of the first line: a quoted cell may hold line breaks, and a row is numbered by the
    line it begins on).

    :raises CorpusError: (of type *error*) a cell longer than :data:`CELL_LIMIT` characters, a
        row the csv module refuses, naming the file and the row's line, or a quoted cell that
        runs to the end of the file (an unclosed quote, which the csv module reads as a cell
        holding the rest of the file), naming the line and cell its quote opens.
    """
    csv.field_size_limit(max(csv.field_size_limit(), CELL_LIMIT))
    source = _TakenLines(lines)
    reader = csv.reader(source, **dialect)  # type: ignore[arg-type]
    end = 0
    while True:
        source.taken.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            where = {"line": first + end}
            if "field larger than field limit" in str(err):
                message = f"a cell longer than {CELL_LIMIT:,} characters"
                raise error(name, message, hint="split or shorten the cell", **where) from err
            raise error(name, f"not a readable table row ({err})", **where) from err
        if source.ended and row:  # the file ended inside the row: in a quoted cell
            text = "".join(source.taken)
            opened = text.rfind('"' + row[-1].replace('"', '""'))
            raise error(
                name, "an unclosed quote: its cell runs to the end of the file",
                line=first + end + text.count("\n", 0, max(opened, 0)), column=len(row),
                hint='close the quote (") where the cell ends, or delete it',
            )  # fmt: skip
        yield first + end, row
        end = reader.line_num


class _TakenLines:
    """The lines a csv reader reads, those of the row it is reading kept (:attr:`taken`), and
    whether it read past the last one (:attr:`ended`): a row it then returns ended with the
    file, which only a quoted cell does."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.taken: list[str] = []
        self.ended = False

    def __iter__(self) -> _TakenLines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.lines)
        except StopIteration:
            self.ended = True
            raise
        self.taken.append(line)
        return line
