"""The one place that builds XML parsers: no DTD loading, no entities, no network."""

from __future__ import annotations

from pathlib import Path

from lxml import etree


def safe_parser() -> etree.XMLParser:
    """Return a parser that never loads a DTD, expands an entity or touches the network."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def parse(path: str | Path) -> etree._ElementTree:
    """Parse an XML file safely.

    :raises etree.XMLSyntaxError: malformed XML, with the line and column.
    """
    return etree.parse(str(path), safe_parser())
