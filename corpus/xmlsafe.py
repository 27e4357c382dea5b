"""The one place that builds XML parsers: no DTD loading, no entities, no network.

Also what every XML reader and writer of tmkit reports the same way: a malformed file (one line
with the line and column) and a character XML 1.0 cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

from lxml import etree

from corpus.errors import CorpusError

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LOCATION = re.compile(r", line \d+, column \d+$")
Error = TypeVar("Error", bound=CorpusError)


def safe_parser() -> etree.XMLParser:
    """Return a parser that never loads a DTD, expands an entity or touches the network."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def parse(path: str | Path) -> etree._ElementTree:
    """Parse an XML file safely.

    :raises etree.XMLSyntaxError: malformed XML, with the line and column.
    """
    return etree.parse(str(path), safe_parser())


def iterparse(
    source: str | Path | BinaryIO,
    *,
    events: tuple[str, ...] = ("end",),
    tag: str | Sequence[str] | None = None,
) -> etree.iterparse:
    """Iterate over ``(event, element)`` pairs of an XML file with the same safe settings.

    The encoding comes from the BOM and the XML declaration. The caller clears elements as it
    goes, so memory stays flat however large the file.

    :raises etree.XMLSyntaxError: during iteration, for malformed XML, with the line and column.
    """
    return etree.iterparse(
        str(source) if isinstance(source, Path) else source,
        events=events,
        tag=tag,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )


def malformed(error: type[Error], path: str | Path, err: etree.XMLSyntaxError) -> Error:
    """The one-line *error* for a syntax error lxml found in *path*: line, column, message."""
    line, column = err.position
    message = _LOCATION.sub("", err.msg)
    return error(
        str(path), f"not well-formed XML: {message}", line=max(line, 1), column=max(column, 1)
    )


def xml_text(
    error: type[CorpusError],
    path: str | Path,
    value: str,
    owner: str,
    field: str,
    hint: str = "remove the character or replace it",
) -> str:
    """Return *value*, or raise *error* naming the first character XML 1.0 cannot carry."""
    found = NOT_XML.search(value)
    if found:
        raise error(
            str(path),
            f"{owner}: {field} has U+{ord(found.group()):04X}, which XML 1.0 cannot carry",
            hint=hint,
        )
    return value


def refuse_entities(error: type[CorpusError], path: str | Path, root: etree._Element, kind: str):
    """Raise *error* when the document's DOCTYPE declares an entity (tmkit expands none)."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        for entity in dtd.iterentities():
            raise error(
                str(path),
                f"the DOCTYPE declares entity {entity.name!r}; tmkit never expands entities",
                hint=f"{kind} needs none: replace them by the characters they stand for",
            )
