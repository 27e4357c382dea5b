"""Pre-segmented text, as hunalign and LF Aligner users have it: one segment a line, a blank
line between paragraphs.

Nothing is cleaned, joined or split: each non-blank line is one segment, each run of
consecutive non-blank lines one paragraph (:class:`~corpus.document.Block` of kind ``body``
whose :attr:`~corpus.document.Block.segments` are its lines). A line of white space only
(form feeds included) is blank. The file is read strictly (:func:`corpus.textfile.read_text`:
UTF-8, any line ends), and fixes apply to its lines before they are split.
"""

from __future__ import annotations

from pathlib import Path

from corpus.document import Block, Document, Kind
from corpus.fixes import Fix, apply_fixes
from corpus.textfile import read_text


def read_segmented(
    path: str | Path, fixes: list[Fix] | None = None, fixes_name: str = "fixes"
) -> Document:
    """The un-normalized document of the pre-segmented file *path* (``-``: standard input).

    :raises CorpusError: the file is missing, binary, not UTF-8, has a control character or is
        empty (each with its line), or a fix that does not apply exactly once.
    """
    text = read_text(path)
    if fixes:
        text = apply_fixes(text, fixes, fixes_name)
    paragraphs: list[Block] = []
    lines: list[str] = []
    start = 0
    for line_number, line in enumerate([*text.split("\n"), ""], start=1):
        if line.strip():
            start = start or line_number
            lines.append(line.strip())
        elif lines:
            paragraphs.append(
                Block(
                    f"p{len(paragraphs) + 1}", Kind.BODY, " ".join(lines), start, (), tuple(lines)
                )
            )
            lines, start = [], 0
    return Document(tuple(paragraphs), ())
