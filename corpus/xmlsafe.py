"""The one place that builds XML parsers: no DTD loading, no entities, no network.

Also what every XML reader and writer of tmkit reports the same way: a malformed file (one line
with the line and column), a character XML 1.0 cannot carry, an entity declaration (with the
line of its ``<!ENTITY``), and a file over one of libxml2's safety limits. Those limits stay on
(``huge_tree=False``: they keep a hostile or broken file from exhausting memory): a text node
or an attribute value of more than 10,000,000 bytes (in UTF-8: 5,000,000 Persian letters),
elements nested more than 256 deep. The message says which limit in plain words, not
libxml2's advice to switch it off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TypeVar

from lxml import etree

from corpus.errors import CorpusError

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TEXT_LIMIT = 10_000_000  # libxml2's XML_MAX_TEXT_LENGTH, in bytes of UTF-8, without huge_tree
_LOCATION = re.compile(r",?\s*line \d+, column \d+$")
_TOO_BIG = f"more than {TEXT_LIMIT:,} bytes"
_LIMITS = (  # libxml2's messages (2.9 to 2.14) -> (what, hint)
    (re.compile(r"text node too long|huge text node", re.I), (f"a text of {_TOO_BIG}", "split")),
    (
        re.compile(r"buffer size limit|attvalue length too long|cdata section too big", re.I),
        (f"an attribute, CDATA section or processing instruction of {_TOO_BIG}", "shorten it"),
    ),
    (re.compile(r"comment too big", re.I), (f"a comment of {_TOO_BIG}", "shorten it")),
    (re.compile(r"name too long", re.I), ("a name of more than 50,000 characters", "shorten it")),
)
_DEPTH = re.compile(r"excessive depth in document: (\d+)", re.I)
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)")
_HUGE_ADVICE = re.compile(r",?\s*(?:try|use) XML_PARSE_HUGE(?: option)?", re.I)
Error = TypeVar("Error", bound=CorpusError)


def over_limit(text: str) -> bool:
    """Whether *text* is more than :data:`TEXT_LIMIT` bytes in UTF-8: the size of one
    segment, paragraph or PO entry tmkit reads, whatever the file (a TMX's is libxml2's)."""
    return len(text) * 4 > TEXT_LIMIT and len(text.encode()) > TEXT_LIMIT  # 4: UTF-8's most


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


def malformed(
    error: type[Error],
    path: str | Path,
    err: etree.XMLSyntaxError,
    *,
    owner: str = "",
    text: str = "the text",
    log: etree._ListErrorLog | None = None,
) -> Error:
    """The one-line *error* for a syntax error lxml found in *path*: line, column, message.

    A safety limit (see the module) is said in plain words: ``big.tmx:7:12: tu 3 (tuid 'x'):
    a text of more than 10,000,000 bytes, over the limit tmkit reads (split the segment)``.

    :param owner: what holds the place (``tu 3 (tuid 'x')``), named before the message:
        ``big.tmx:9:35: tu 2 (tuid 'u2'): not well-formed XML: …``.
    :param text: what to split when a text is too long (``the segment``).
    :param log: the parser's error log (an ``iterparse``'s ``error_log``): when *err* lost the
        place (lxml's iterparse says ``no element found`` at 0:0 for an undefined entity), its
        first error is reported instead, with its line and column.
    """
    line, column = err.position
    logged = [entry for entry in log or () if entry.level >= etree.ErrorLevels.ERROR]
    if not line and logged:
        first = logged[0]
        line, column = first.line, first.column
        err = etree.XMLSyntaxError(first.message.strip(), first.type, line, column)
    place = {"line": max(line, 1), "column": max(column, 1)}
    over = limit_error(error, path, err, owner=owner, text=text, **place)
    if over is not None:
        return over
    message = _LOCATION.sub("", err.msg)
    prefix = f"{owner}: " if owner else ""
    return error(str(path), f"{prefix}not well-formed XML: {message}", **place)


def limit_error(
    error: type[Error], path: str | Path, err: etree.XMLSyntaxError, **named: str | int | None
) -> Error | None:
    """The one-line *error* for *err* when it is a safety limit (:func:`limit_exceeded`), in
    plain words (``tu 3 (tuid 'x'): a text of more than 10,000,000 bytes, over the limit tmkit
    reads (split the segment)``); None for another error. What :func:`malformed` says of a
    limit, also for a reader that has no place to give (a part of a ZIP package).

    :param named: ``owner`` and ``text`` as :func:`malformed` takes them; ``line`` and
        ``column``, the place, when there is one.
    """
    limit = limit_exceeded(err)
    if limit is None:
        return None
    what, hint = limit
    owner, text = named.pop("owner", ""), named.pop("text", "the text")
    prefix = f"{owner}: " if owner else ""
    return error(
        str(path),
        f"{prefix}{what}, over the limit tmkit reads",
        hint=f"split {text}" if hint == "split" else hint,
        **named,
    )


def limit_exceeded(err: etree.XMLSyntaxError) -> tuple[str, str] | None:
    """What safety limit of libxml2 *err* hit, in plain words, and a hint; None for others.

    The hint ``split`` (a text too long) is completed by :func:`malformed`.

    >>> from lxml import etree
    >>> try:
    ...     etree.fromstring("<a>" * 300 + "</a>" * 300, safe_parser())
    ... except etree.XMLSyntaxError as err:
    ...     print(limit_exceeded(err))
    ('elements nested more than 256 deep', 'nest them less deep')
    """
    message = err.msg or ""
    depth = _DEPTH.search(message)
    if depth:
        return f"elements nested more than {depth.group(1)} deep", "nest them less deep"
    for pattern, found in _LIMITS:
        if pattern.search(message):
            return found
    if "XML_PARSE_HUGE" in message:  # a limit this list does not know yet
        text = _LOCATION.sub("", _HUGE_ADVICE.sub("", message)).strip()
        return f"a part too large ({text})", "split the file"
    return None


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


def refuse_entity_reference(error: type[CorpusError], path: str | Path, node) -> None:
    """Raise *error* when *node* (a child met while reading an element's text) is an entity
    reference the parser kept unexpanded: tmkit expands none, and its text would be lost."""
    if node.tag is etree.Entity:
        raise error(
            str(path),
            f"entity {node.text} is not expanded (tmkit never expands entities)",
            line=node.sourceline,
            hint="replace it by the character it stands for",
        )


def refuse_entities(error: type[CorpusError], path: str | Path, root: etree._Element, kind: str):
    """Raise *error* when the document's DOCTYPE declares an entity (tmkit expands none).

    The message names the line of the ``<!ENTITY`` declaration: ``x.tmx:3: the DOCTYPE
    declares entity 'lol' …``.
    """
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None:
        for entity in dtd.iterentities():
            raise error(
                str(path),
                f"the DOCTYPE declares entity {entity.name!r}; tmkit never expands entities",
                line=_declaration_line(path, root, entity.name),
                hint=f"{kind} needs none: replace them by the characters they stand for",
            )


def _declaration_line(path: str | Path, root: etree._Element, name: str) -> int | None:
    """The line of ``<!ENTITY name`` in the file's prolog (before the root element), or None.

    libxml2 keeps no line for a declaration, so the prolog is read again, in the document's
    encoding; its lines are counted as libxml2 counts them (CRLF, CR and LF each end one).
    """
    pattern = re.compile(rf"<!ENTITY\s+(?:%\s+)?{re.escape(name)}(?=[\s\"'])")
    last = root.sourceline or 0
    try:
        with open(path, "rb") as stream:
            encoding = _encoding(stream.read(200), root.getroottree().docinfo.encoding)
        with open(path, encoding=encoding, errors="replace") as stream:
            prolog = "".join(line for _, line in zip(range(last), stream, strict=False))
    except (OSError, LookupError, TypeError):
        return None
    found = pattern.search(prolog)
    return prolog.count("\n", 0, found.start()) + 1 if found else None


def _encoding(start: bytes, declared: str | None) -> str:
    """The encoding of a file that begins with *start*: its BOM, else what it declares."""
    for marks, encoding in (
        ((b"\xef\xbb\xbf",), "utf-8-sig"),
        ((b"\xff\xfe", b"\xfe\xff"), "utf-16"),
        ((b"<\x00",), "utf-16-le"),
        ((b"\x00<",), "utf-16-be"),
    ):
        if start.startswith(marks):
            return encoding
    found = _DECLARED_ENCODING.match(start)
    return declared or (found.group(1).decode("ascii") if found else "utf-8")
