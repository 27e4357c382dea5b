"""Where reading a TMX goes on after a ``<tu>`` that is not well-formed XML (``--skip-bad``).

An XML parser stops at the first error; a TMX is a flat list of ``<tu>`` in ``<body>``, so a
unit broken inside (an unescaped ``&`` or ``<``, a control character, a mismatched inline
tag) can be left out and the file read on from the next ``<tu>``. :class:`Resync` finds that
place in the file's bytes and makes the stream to parse next: the file's prolog (XML
declaration, DOCTYPE, ``<tmx>``, header, ``<body>``: everything before its first ``<tu>``),
then line breaks and spaces so the next ``<tu>`` has the line and column it has in the file
(every message names the file's own lines), then the file from that ``<tu>`` on.

The broken unit is found by counting: it is the n-th ``<tu`` start tag since the place the
parse began (comments, CDATA sections and processing instructions, where ``<tu`` is text, are
passed over), and the next start tag after it is where reading goes on. If garbage in the
broken unit looks like a ``<tu`` start tag, reading goes on there, fails again and that
garbage is reported as one more bad unit: a unit is never left out unreported. A file in an
encoding whose ``<`` is not the byte ``<`` (UTF-16) is not resynchronised: its first error
stops the reading, as without ``--skip-bad``.
"""

from __future__ import annotations

import mmap
import re
from typing import BinaryIO

# a tu start tag, or what holds text in which "<tu" is no tag
_TAGS = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|(<tu[\s/>])", re.DOTALL)
_CHUNK = 1 << 20


class Resync:
    """The byte positions of one TMX file's ``<tu>`` start tags, for going on after a broken
    one. *stream* is the open file (binary, seekable); it stays open for the caller."""

    def __init__(self, stream: BinaryIO) -> None:
        self.map = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        self.start = 0  # where the parse began: the file's start, or the last tu resumed at
        self.prolog: bytes | None = None  # the file up to its first <tu>

    def close(self) -> None:
        self.map.close()

    def after(self, nth: int, error: tuple[int, int]) -> BinaryIO | None:
        """The stream to parse when the *nth* ``<tu`` (from 1) since the parse began is
        broken, the parser's *error* (line, column) in it: the prolog, padding, then the file
        from the next ``<tu``. None when there is none (the broken unit was the last), the
        file has no ``<tu`` found as bytes (UTF-16), or the error lies before that tu (between
        two units, where no unit can be left out for it)."""
        if self.prolog is None:
            first = next(self._tu_starts(0), None)
            if first is None:
                return None
            self.prolog = bytes(self.map[:first])
        broken = None
        for number, place in enumerate(self._tu_starts(self.start), start=1):
            if number == nth:
                if self._line_and_column(place) > error:
                    return None
                broken = place
            elif broken is not None:
                self.start = place
                return _Joined(self.prolog + self._padding(place), self.map, place)
        return None

    def _tu_starts(self, start: int):
        """The byte offsets of the ``<tu`` start tags from *start* on, in order."""
        for found in _TAGS.finditer(self.map, start):
            if found.group(1):
                yield found.start()

    def _line_and_column(self, place: int) -> tuple[int, int]:
        """The line and column (from 1, the column in characters as libxml2 counts them) of
        the byte *place*."""
        line_start = self.map.rfind(b"\n", 0, place) + 1
        column = len(self.map[line_start:place].decode("utf-8", "replace")) + 1
        return self._count_newlines(place) + 1, column

    def _padding(self, place: int) -> bytes:
        """Line breaks and spaces after the prolog that put *place* on its own line and
        column."""
        line, column = self._line_and_column(place)
        lines = line - 1 - self.prolog.count(b"\n")
        if lines == 0:  # on the prolog's last line
            column -= len(self.prolog[self.prolog.rfind(b"\n") + 1 :].decode("utf-8", "replace"))
        return b"\n" * lines + b" " * max(column - 1, 0)

    def _count_newlines(self, end: int) -> int:
        return sum(
            self.map[at : min(at + _CHUNK, end)].count(b"\n") for at in range(0, end, _CHUNK)
        )


class _Joined:
    """A binary stream of *head*, then *data* (a mapped file) from *offset* on."""

    def __init__(self, head: bytes, data: mmap.mmap, offset: int) -> None:
        self.head = head
        self.data = data
        self.offset = offset

    def read(self, size: int = -1) -> bytes:
        if self.head:
            taken = self.head if size < 0 else self.head[:size]
            self.head = self.head[len(taken) :]
            return taken
        end = len(self.data) if size < 0 else min(len(self.data), self.offset + size)
        chunk = self.data[self.offset : end]
        self.offset = end
        return chunk
