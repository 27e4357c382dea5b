"""The one check of a ZIP package (an XLSX workbook, a Word .docx) before anything in it is
inflated: a "zip bomb", a few kilobytes that inflate to gigabytes, is refused by the sizes its
central directory declares.

Python's :mod:`zipfile` (which openpyxl and python-docx read through) never inflates a member
past the size the central directory gives it (it stops there, and a member that would have
gone on fails its CRC check), so those sizes bound what reading can cost. The limit,
:data:`INFLATED_LIMIT`, is on all the members together: a glossary workbook of 100,000 concepts
inflates to about 46 MB, a 300-page Word document to a few MB.
"""

from __future__ import annotations

import zipfile

from corpus.errors import CorpusError

INFLATED_LIMIT = 512 * 1024 * 1024  # bytes, all members of one package inflated together


def check_inflated(archive: zipfile.ZipFile, name: str, error: type[CorpusError]) -> None:
    """Raise *error* naming *name* when *archive*'s members together would inflate to more
    than :data:`INFLATED_LIMIT` bytes, as its central directory declares; reads no member.

    The message names the largest member and the limit: ``g.xlsx: xl/worksheets/sheet1.xml
    inflates to 10,000,000,000 bytes (the package to 10,000,001,234), over the 536,870,912
    bytes (512 MiB) tmkit inflates (a zip bomb, or …)``.
    """
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total <= INFLATED_LIMIT:
        return
    largest = max(members, key=lambda member: member.file_size)
    raise error(
        name,
        f"{largest.filename} inflates to {largest.file_size:,} bytes (the package to "
        f"{total:,}), over the {INFLATED_LIMIT:,} bytes (512 MiB) tmkit inflates",
        hint="a zip bomb, or a package far larger than a glossary or document: split it",
    )
