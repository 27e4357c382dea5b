"""``SOURCE_DATE_EPOCH`` (reproducible-builds.org), read in one place for every stage: the TMX
and PO dates (:mod:`tm.signature`) and the glossary workbook's (:mod:`glossary.workbook`).

Unset or empty, it is not there. Set, it must be a whole number of seconds since
1970-01-01T00:00:00Z before the year 10000 (what a TMX date and a workbook can say); anything
else (``-1``, ``soon``, ``1e9``) is a one-line error naming the variable and its value, never
silently ignored.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from corpus.errors import CorpusError

NAME = "SOURCE_DATE_EPOCH"
HINT = (
    "a whole number of seconds since 1970-01-01T00:00:00Z, before the year 10000, "
    "e.g. 1714557600; or unset it"
)


def source_date_epoch(error: type[CorpusError] = CorpusError) -> int | None:
    """``SOURCE_DATE_EPOCH`` as a Unix time, or ``None`` when it is unset or empty.

    :raises CorpusError: (or *error*, a subclass) a value that is not a whole number of
        seconds from 0 or is past the year 9999.
    """
    raw = os.environ.get(NAME, "")
    epoch = raw.strip()
    if not epoch:
        return None
    if epoch.isascii() and epoch.isdigit():
        try:
            datetime.fromtimestamp(int(epoch), UTC)
        except (OverflowError, OSError, ValueError):
            pass
        else:
            return int(epoch)
    raise error(NAME, f"{raw!r} is not a Unix time", hint=HINT)
