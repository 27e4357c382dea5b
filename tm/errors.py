"""The TM stage's exceptions."""

from __future__ import annotations

from corpus.errors import CorpusError


class TmError(CorpusError):
    """Bad TM input (TMX, PO, an alignment): names the file, the place, and what to do.

    Prints as one line like :class:`corpus.errors.CorpusError`: ``path:line[:column]: message``.
    """


class TmxError(TmError):
    """A TMX file that cannot be read or written (malformed XML, a character XML cannot carry)."""
