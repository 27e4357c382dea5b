"""The one place that builds XML parsers: no DTD loading, no entities, no network."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from lxml import etree


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
