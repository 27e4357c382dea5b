"""The corpus stage's one exception type."""

from __future__ import annotations

import re

# what would break the one line: a library's message may end in a line feed (libxml2's do)
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")


class CorpusError(Exception):
    """Bad corpus input: names the file, the place in it, and what to do.

    Prints as one line: ``path:line[:column]: message (hint)``; a line break in the message
    or hint (a library's message ends in one) is printed as a space.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self):
        """Pickle by fields, so the error crosses from a worker process intact."""
        return _rebuild, (type(self), self.path, self.message, self.line, self.column, self.hint)

    def __str__(self) -> str:
        place = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        text = f"{place}: {self.message}"
        return one_line(f"{text} ({self.hint})" if self.hint else text)


def one_line(text: str) -> str:
    """*text* with each line break (and the white space around it) as one space, for an error
    or warning printed as one line."""
    return _LINE_BREAKS.sub(" ", text).strip()


def _rebuild(kind, path, message, line, column, hint):
    return kind(path, message, line=line, column=column, hint=hint)
