"""Plain UTF-8 text (a PDF extraction, or text typed by hand): read exactly as it always was.

The raw text is kept whole: fixes apply to its lines, and :func:`corpus.cleanup.clean` then
finds paragraphs, headings, list items and footnotes by layout heuristics.
"""

from __future__ import annotations

from pathlib import Path

from corpus.readers import Source
from corpus.textfile import STDIN, read_text


def read_plain_text(path: str | Path) -> Source:
    """Read *path* (``-`` for standard input) with :func:`corpus.textfile.read_text`.

    :returns: a :class:`~corpus.readers.Source` of format ``text`` holding the raw text
        (``\\n`` line ends), whose unit is the line.
    :raises CorpusError: the file is missing, binary, not UTF-8 or empty.
    """
    text = read_text(path)
    name = "<stdin>" if str(path) == STDIN else str(path)
    return Source(name, "text", "line", text.count("\n") + 1, text=text)
