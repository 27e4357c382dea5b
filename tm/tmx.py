"""TMX 1.4b: write translation units for CAT tools, read TMX that any tool wrote.

Format facts implemented (TMX 1.4b, LISA OSCAR; DTD in ``tests/data/tmx14.dtd``):

- Written files are UTF-8 with ``<?xml version="1.0" encoding="UTF-8"?>``, the document type
  ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``, LF line ends, two-space indentation and a final newline;
  the same units and arguments always give the same bytes (no clock: a tu's ``creationdate`` is
  its own, else the one given, in the TMX form ``YYYYMMDDThhmmssZ``, see :func:`tmx_date`; or,
  with ``date_units=False`` as ``tmkit merge`` writes, its own or none: a read unit is not new).
- ``<tmx version="1.4">`` holds ``<header>`` then ``<body>``. The header carries every attribute the
  DTD requires: ``creationtool="tmkit"``, ``creationtoolversion``, ``datatype="plaintext"``,
  ``segtype="sentence"``, ``adminlang="en"``, ``srclang``, ``o-tmf="tmkit"``, and ``creationdate``;
  its ``<prop type="x-…">`` elements carry the caller's properties (the build signature).
  Given another file's header (:func:`read_header`, as ``tmkit merge`` does), it keeps that
  header's attributes (``datatype``, ``segtype``, ``o-tmf``, ``creationdate``, ``creationid``,
  ``o-encoding`` …) but ``creationtool``, ``creationtoolversion`` and ``srclang``, which are
  tmkit's, and its ``<prop>``, ``<note>`` and ``<ude>`` elements.
- One ``<tu tuid creationdate>`` a unit (with the unit's own attributes when it has them):
  first ``<prop>`` elements (the DTD puts note/prop before the tuv elements), ``x-document``,
  ``x-paragraph`` and ``x-target-paragraph`` (block ids joined by one space), ``x-kind``,
  ``x-score`` (3 decimals; left out when there is none) and ``x-occurrences``, then the unit's
  other props and notes. tmkit's props are written whole only for the units tmkit aligned (a
  unit with a document, block ids or a score); another tool's unit gets only those that are
  not the default (``x-kind`` other than ``body``, ``x-occurrences`` above 1), so it comes out
  with its own metadata alone; a unit a merge collapsed duplicates into gets ``<prop
  type="x-merged-units">`` next, the units it stands for (:func:`absorbed_text`, read back
  wherever it is in the tu into :attr:`tm.unit.TranslationUnit.absorbed`); then the source
  and the target ``<tuv xml:lang>`` (their own attributes, props and notes), each with one
  ``<seg>``. Segment text is written as is (spaces, tabs and line breaks kept: CR as
  ``&#13;``), with its inline elements when it has them.
- XML 1.0 cannot carry control characters other than tab, LF and CR, U+FFFE, U+FFFF or lone
  surrogates: writing one raises :class:`TmxError` naming the tu and the character, and the target
  is left as it was (files are written to a temporary file beside it, then ``os.replace``).
  So are what would not read back: a block id that is empty or has a space, the same source and
  target language, a score that is not finite, occurrences below 1.

Reading accepts TMX 1.1 to 1.4 as other tools write it: ``xml:lang`` or the 1.1 ``lang``
attribute, language tags in any case, with ``_`` for ``-`` or as ISO 639-3 codes (``fa-IR``,
``FA-ir``, ``fa_IR``, ``pes`` and the POSIX locale ``fa_IR.UTF-8`` are all Persian, read by
:mod:`corpus.languages` as every tag in tmkit is; ``fa`` matches
``fa-IR`` and back, an exact match wins), a namespaced root, UTF-8 or UTF-16 as the BOM and
the XML declaration say.
The file is streamed (``iterparse``, each ``<tu>`` cleared once read) and parsed without loading
the DTD, expanding entities or touching the network; a file that declares entities or uses one
in a unit is refused. tmkit's own props are read back into the unit (write → read is the
identity, scores to 3 decimals) when the tu begins with them as tmkit writes them (all of them,
or ``x-kind`` and ``x-occurrences`` alone); another tool's ``x-document`` or ``x-kind`` among
its props is its own, kept in place. A tu without ``tuid`` is named ``<file stem>:<position>``
in messages (:attr:`tm.unit.TranslationUnit.tuid_made`) and written without one. A tuv
without a language (no ``xml:lang`` or ``lang``, or an empty one) is an error naming the tu
and its line; a tu without both languages is skipped (``on_skip``). The source is one tuv: the
one tagged as asked, else one of the asked tag's variety (:func:`corpus.languages.variety`:
``fa`` is Persian of Iran, so a ``fa-IR`` or ``pes`` tuv before a ``prs``, Dari, one), else the
first in its language. A tu gives one unit for each tuv in the target language,
each with its own tag (an en-US and an en-GB tuv: two units with the same tuid), or, when the
target language asked names a variant the tu has (``en-GB``), those of that variant; what else
it holds is left out with a warning naming the tu (``on_warning``): another tuv in the source
language (naming it and the source), a second ``<seg>`` in a tuv; and the tuvs of other
languages (``de``, or ``en-US`` when ``en-GB`` is asked) with one warning a file giving their
count by tag. The tu's
attributes go with each of its units but its ``usagecount``, which goes with one only (the tu
was used that many times, not each variant: a merge's sum stays the tu's count): the first unit
whose source and target are not empty (:func:`tm.unit.is_empty`, which a merge leaves out),
else the first; a tuv's own ``usagecount`` stays with its tuv.

Dates (``creationdate``, ``changedate``, ``lastusagedate`` of a tu or tuv) are read in the
TMX form ``YYYYMMDDThhmmssZ``; every unambiguous ISO 8601 date, basic or extended, with its
zone (``2023-06-01T00:00:00Z``, ``…z``, ``…+02:00``, ``20230601T101010+0330``, converted to
UTC; a fraction of a second, ``20230601T101010.123Z``, dropped) or a day alone
(``2023-06-01``, ``20230601``, 00:00 UTC), is taken and written in TMX form; a local time
(``20230601T101010``, no zone: which zone is not known), any other value (``yesterday``, a
13th month, a leap second), and a ``usagecount`` that is not a count (:func:`usage_count`: an
XML Schema integer, ``7``, `` 7 `` or ``+7``, never below 0), is left out of the unit with a
warning naming the tu (``on_warning``); a ``usagecount`` read is written back as it was. A tu
without ``creationdate`` is written with the run's, or with its ``changedate`` when that is
earlier (never created after it was changed), unless the writer is told not to date units
(``date_units=False``, what ``tmkit merge`` does: a unit read without dates is written
without them; ``creationdate`` is optional in TMX 1.4b).

Nothing else a tool wrote is lost (read → write keeps it): the tu's attributes (``creationdate``,
``changedate``, ``usagecount``, ``creationid`` …, TMX 1.4b ``<tu>``), its other ``<prop>`` and
its ``<note>`` elements, and on each side the tuv's attributes, props and notes are kept in the
unit (:class:`tm.unit.TranslationUnit`, :class:`tm.unit.Tuv`) and written back as they were
(tmkit's props first). A tu that has no ``creationdate`` is written with the one given (but
with ``date_units=False``).
An attribute the TMX 1.4b DTD does not declare on a ``<tu>`` or ``<tuv>`` (``xml:space``, which
the DTD allows nowhere, not even on ``<seg>``, or another tool's own) would make the output
invalid: it is kept as a ``<prop type="x-attribute:NAME">`` holding its value
(``<prop type="x-attribute:xml:space">preserve</prop>``) in that tu or tuv, with a warning naming
the tu (on the ``<header>``: a header prop). tmkit keeps every segment's spaces as they are, so
``xml:space="preserve"`` changes nothing it reads or writes. An element that holds no prop (an
inline element, a ``<prop>``, ``<note>``, ``<ude>`` or ``<map>``) cannot keep one: an attribute
its DTD does not declare there (:data:`DECLARED`: XLIFF's ``ctype``, ``id`` and ``rid``,
``xml:lang`` on a ``hi``, ``sdl:tag``) is left out with a warning naming the tu, the element and
the attribute as written (its prefix kept); a ``<prop>`` without the ``type`` the DTD requires
gets ``type="x-unnamed"`` (:data:`UNNAMED_PROP`) with a warning. Written TMX is always valid.

Inline elements (TMX 1.4b ``bpt``, ``ept``, ``it``, ``ph``, ``ut``, ``hi`` and ``sub``) are
values beside the text (:class:`tm.unit.InlineElement`): with their attributes (``i``, ``x``,
``type``, ``pos`` …) and content they are written back as they were, so a ``bpt`` and its
``ept`` stay paired by ``i`` and a code stays linked to the other side's by ``x`` whatever the
order of the spans on each side. The unit's text is the plain text (a native code's content is
code, not text; ``hi`` is text): ``<seg>Oil <bpt i="1">&lt;b&gt;</bpt>policies<ept i="1">&lt;/b&gt;
</ept></seg>`` reads as the text ``Oil policies`` with its content kept, and a literal ``{1}`` is
text like any other. Reading refuses, naming the tu and its line, a ``bpt`` or ``ept`` without
``i``, an ``it`` without ``pos`` or with one other than ``begin`` and ``end``, a ``bpt`` without
its ``ept`` (or back) in the same segment (TMX 1.4b says a code whose other half is in another
segment is an ``<it>``), an ``ept`` before its ``bpt``, two ``bpt`` with the same ``i`` in one
segment, an element TMX does not define in a segment (XLIFF's ``<g>``, ``<mrk>`` …),
which would otherwise be lost, and an inline element where the TMX 1.4b DTD does not allow it
(a ``bpt``, ``ept``, ``it``, ``ph`` or ``ut`` holds text and ``sub`` only, so ``<ph>`` in
``<ph>`` or ``<bpt>`` in ``<bpt>`` is refused; a ``sub`` is only inside one of those, never
directly in a ``seg`` or ``hi``), which would make the output invalid.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO

from lxml import etree

from corpus import xmlsafe
from corpus.atomic import atomic_output
from corpus.errors import one_line
from corpus.languages import canonical_language, primary_language, variety
from tm import __version__
from tm.errors import TmxError
from tm.tmxresync import Resync
from tm.unit import (
    INLINE_ELEMENTS,
    PLAIN,
    Absorbed,
    Annotation,
    Attributes,
    Content,
    InlineElement,
    TranslationUnit,
    Tuv,
    is_blank,
    plain_text,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
PROLOGUE = f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n'.encode()
PROPS = ("x-document", "x-paragraph", "x-target-paragraph", "x-kind", "x-score", "x-occurrences")
NO_PROPERTIES: Mapping[str, str] = MappingProxyType({})
MERGED_UNITS = "x-merged-units"  # the prop listing the units a merged unit stands for


def absorbed_text(absorbed: Iterable[Absorbed]) -> str:
    """The text of ``<prop type="x-merged-units">``: one entry a unit, separated by a space,
    ``MADE[+TUID]:TU:SOURCE:TARGET:OCCURRENCES`` (the digests in hex, a count left empty where
    the unit had none); :func:`read_absorbed` reads it back.

    >>> unit = Absorbed(bytes(16), None, (2, None, None), 1)
    >>> absorbed_text([unit])
    '00000000000000000000000000000000:2:::1'
    >>> read_absorbed(absorbed_text([unit])) == (unit,)
    True
    """
    return " ".join(
        f"{a.made.hex()}{'' if a.tuid is None else '+' + a.tuid.hex()}:"
        + ":".join("" if count is None else str(count) for count in a.usagecounts)
        + f":{a.occurrences}"
        for a in absorbed
    )


# the tu props that bind a translation to where it is used: OmegaT's alternative translations
# (file, id, prev, next), Trados's x-Context, memoQ's x-context-pre and x-context-post
CONTEXT_PROPS = frozenset(
    {"file", "id", "prev", "next", "x-context", "x-context-pre", "x-context-post"}
)


def translation_context(annotations: Iterable[Annotation]) -> str:
    """The context a tu's translation is bound to, from its props of :data:`CONTEXT_PROPS`
    (their type in any case): ``type=value`` lines in the order written, ``""`` for none (a
    default translation). Units of different contexts may translate one source differently.

    >>> translation_context([Annotation("prop", "doc1.docx", (("type", "file"),)),
    ...                      Annotation("prop", "para_12", (("type", "id"),))])
    'file=doc1.docx\nid=para_12'
    """
    return "\n".join(
        f"{kind}={annotation.text}"
        for annotation in annotations
        if annotation.element == "prop"
        and (kind := _value(annotation.attributes, "type")).casefold() in CONTEXT_PROPS
    )


def _value(attributes: Attributes, name: str) -> str:
    """The value of attribute *name* of *attributes*, ``""`` when it has none."""
    for key, value in attributes:
        if key == name:
            return value
    return ""


_ABSORBED = re.compile(
    r"([0-9a-f]{32})(?:\+([0-9a-f]{32}))?:([0-9]*):([0-9]*):([0-9]*):([1-9][0-9]*)", re.ASCII
)


def read_absorbed(text: str) -> tuple[Absorbed, ...] | None:
    """The units an ``x-merged-units`` prop's *text* lists (:func:`absorbed_text`), or ``None``
    when it is not such a list."""
    found = []
    for entry in text.split():
        match = _ABSORBED.fullmatch(entry)
        if match is None:
            return None
        made, tuid, *counts, occurrences = match.groups()
        usagecounts = tuple(int(count) if count else None for count in counts)
        found.append(
            Absorbed(
                bytes.fromhex(made),
                None if tuid is None else bytes.fromhex(tuid),
                (usagecounts[0], usagecounts[1], usagecounts[2]),
                int(occurrences),
            )
        )
    return tuple(found) if found else None


_TMX_DATE = re.compile(r"[0-9]{8}T[0-9]{6}Z")


@dataclass(frozen=True)
class SkippedTu:
    """A ``<tu>`` that :func:`read_tmx` left out because one of the two languages is missing."""

    path: str
    line: int
    tuid: str
    languages: tuple[str, ...]

    def __str__(self) -> str:
        found = ", ".join(self.languages) or "none"
        return f"{self.path}:{self.line}: tu {self.tuid!r} skipped (languages: {found})"


@dataclass(frozen=True)
class BadTu:
    """A ``<tu>`` that :func:`read_tmx` left out (``on_bad``, ``--skip-bad``) for the *error*
    it raised; *position* counts the file's tu from 1, *tuid* is None when it has none."""

    position: int
    tuid: str | None
    error: TmxError

    def __str__(self) -> str:
        """``path:line[:column]: tu 7 (tuid 'x') skipped: what was wrong``."""
        err = self.error
        place = ":".join(str(p) for p in (err.path, err.line, err.column) if p is not None)
        named = f"tu {self.position}" + (f" (tuid {self.tuid!r})" if self.tuid is not None else "")
        message = err.message.removeprefix(f"{named}: ").removeprefix(f"tu {self.position}: ")
        return one_line(f"{place}: {named} skipped: {message}")


@dataclass(frozen=True)
class Ude:
    """A header's ``<ude>`` (user-defined encoding, TMX 1.4b): its attributes and the attributes
    of each of its ``<map>`` elements, as read."""

    attributes: Attributes
    maps: tuple[Attributes, ...] = ()


@dataclass(frozen=True)
class TmxHeader:
    """What a TMX file's ``<header>`` says (:func:`read_header`), for :func:`write_tmx` to keep:
    its attributes, its ``<prop>`` and ``<note>`` elements and its ``<ude>`` elements."""

    attributes: Attributes = ()
    annotations: tuple[Annotation, ...] = ()
    udes: tuple[Ude, ...] = ()

    def get(self, name: str) -> str | None:
        """The value of the header attribute *name*, or ``None``."""
        return next((value for key, value in self.attributes if key == name), None)


OWN_HEADER = ("creationtool", "creationtoolversion", "srclang")  # what tmkit writes its own of


def tmx_date(seconds: int) -> str:
    """Return the TMX date (``YYYYMMDDThhmmssZ``, UTC) of a Unix time such as SOURCE_DATE_EPOCH.

    >>> tmx_date(0)
    '19700101T000000Z'
    """
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y%m%dT%H%M%SZ")


def write_tmx(
    units: Iterable[TranslationUnit],
    path: Path,
    *,
    srclang: str = "fa-IR",
    creationdate: str,
    properties: Mapping[str, str] = NO_PROPERTIES,
    creationtool: str = "tmkit",
    creationid: str = "",
    header: TmxHeader | None = None,
    date_units: bool = True,
    stream: BinaryIO | None = None,
) -> int:
    """Write *units* to *path* as TMX 1.4b; return how many ``<tu>`` were written.

    Streams: *units* may be any iterable, read once. Nothing replaces *path* until the last unit
    is written; on any error the temporary file is removed and *path* is left as it was.

    :param srclang: the header's source language.
    :param creationdate: the header's ``creationdate`` (``YYYYMMDDThhmmssZ``), and that of every
        tu without one (or its ``changedate`` when earlier) when *date_units*.
    :param properties: header ``<prop>`` elements, e.g. the build signature; a key without the
        ``x-`` prefix gets it. Written in the order of their names.
    :param creationtool: the header's ``creationtool`` (``creationtoolversion`` is tmkit's).
    :param creationid: who made the TM (TMX 1.4b §3.1 ``creationid``): on the header and on
        every ``<tu>``; omitted when empty.
    :param header: another TMX's header to keep (:func:`read_header`, what ``tmkit merge``
        reads): its attributes (``datatype``, ``segtype``, ``o-tmf``, ``creationdate``,
        ``creationid``, ``o-encoding`` …) but ``creationtool``, ``creationtoolversion`` (tmkit's)
        and ``srclang`` (*srclang*), its props and notes (before *properties*) and its udes.
    :param date_units: True (default: the units are new, as align and build make them) dates
        each tu without a ``creationdate``; False (``tmkit merge``: units read from a file are
        not new) writes each tu with the dates it has, none when it has none.
    :param stream: write to this binary stream as the units come (``tmkit merge -o -``: standard
        output) instead of to a file; *path* then only names it in messages, and what an error
        interrupts stays written.
    :raises TmxError: a character XML 1.0 cannot carry (naming the tu and the character), a
        block id with a space, a bad date or score, or a folder that cannot be written.
    :raises BrokenPipeError: *stream* is a pipe whose reader went away.

    Example::

        unit = TranslationUnit("doc:b1", "سیاست‌های نفتی در قفقاز", "Oil policies in the Caucasus")
        write_tmx([unit], Path("out/tm.tmx"), creationdate=tmx_date(0))  # -> 1
    """
    path = Path(path)
    if not _TMX_DATE.fullmatch(creationdate):
        raise TmxError(
            str(path),
            f"creationdate {creationdate!r} is not a TMX date",
            hint="use YYYYMMDDThhmmssZ, e.g. 20240101T000000Z; tmx_date() makes one",
        )
    element = _header(path, srclang, creationdate, properties, creationtool, creationid, header)
    dated = creationdate if date_units else ""  # "": a tu keeps the dates it has

    def document(out: BinaryIO) -> int:
        out.write(PROLOGUE)
        written = _write_document(out, path, element, units, dated, creationid)
        out.write(b"\n")
        return written

    try:
        if stream is not None:
            written = document(stream)
            stream.flush()
            return written
        with atomic_output(path, binary=True, error=TmxError) as out:
            return document(out)
    except BrokenPipeError:  # the reader of *stream* went away: not a file that failed
        raise
    except OSError as err:
        raise TmxError(str(path), f"cannot write ({err.strerror})") from err


def _write_document(
    out: BinaryIO,
    path: Path,
    header: etree._Element,
    units: Iterable[TranslationUnit],
    creationdate: str,
    creationid: str,
) -> int:
    written = 0
    with etree.xmlfile(out, encoding="utf-8") as xf, xf.element("tmx", version="1.4"):
        xf.write("\n  ")
        xf.write(header)
        with xf.element("body"):
            for unit in units:
                _check(path, unit)
                try:
                    tu = _tu(unit, creationdate, creationid)
                except ValueError:  # lxml refuses a character XML cannot carry: which one
                    _check_characters(path, unit)
                    raise
                xf.write("\n    ")
                xf.write(tu)
                written += 1
            xf.write("\n  ")
        xf.write("\n")
    return written


def _header(
    path: Path,
    srclang: str,
    creationdate: str,
    properties: Mapping[str, str],
    creationtool: str,
    creationid: str,
    kept: TmxHeader | None = None,
) -> etree._Element:
    header = etree.Element(
        "header",
        creationtool=_checked(path, creationtool or "tmkit", "header", "creationtool"),
        creationtoolversion=__version__,
        datatype="plaintext",
        segtype="sentence",
        adminlang="en",
        srclang=_checked(path, srclang, "header", "srclang"),
        **{"o-tmf": "tmkit"},
        creationdate=creationdate,
    )
    if creationid:
        header.set("creationid", _checked(path, creationid, "header", "creationid"))
    kept = kept or TmxHeader()
    for name, value in kept.attributes:
        if name not in OWN_HEADER:
            header.set(name, _checked(path, value, "header", name))
    header.tail = "\n  "
    children: list[etree._Element] = []
    for annotation in kept.annotations:
        children.append(_annotation(annotation, ""))
        _checked(path, annotation.text, "header", annotation.element)
    for ude in kept.udes:
        element = etree.Element("ude", dict(ude.attributes))
        for attributes in ude.maps:
            etree.SubElement(element, "map", dict(attributes)).tail = "\n      "
        if len(element):
            element.text = "\n      "
            element[-1].tail = "\n    "
        children.append(element)
    named = {
        key if key.startswith("x-") else f"x-{key}": value for key, value in properties.items()
    }
    for name, value in sorted(named.items()):
        prop = etree.Element("prop", type=_checked(path, name, "header", "property"))
        prop.text = _checked(path, value, "header", f"property {name}")
        children.append(prop)
    if children:
        header.text = "\n    "
        for child in children:
            child.tail = "\n    "
            header.append(child)
        children[-1].tail = "\n  "
    return header


_NO_SCORE = tuple(p for p in PROPS if p != "x-score")
# the props tmkit writes first in a tu: all of them on a unit it aligned, x-kind and
# x-occurrences on another tool's when they are not body and 1 (see _tu)
_OWN_RUNS = frozenset(
    {PROPS, _NO_SCORE, (), ("x-kind",), ("x-occurrences",), ("x-kind", "x-occurrences")}
)


def _own_props(tu: etree._Element, prop_tag: str) -> dict[str, etree._Element]:
    """tmkit's own props of *tu* by type: the props it begins with, when they are what tmkit
    writes (:data:`_OWN_RUNS`, in its order); else none. Another tool's ``x-document`` (memoQ
    writes one) or ``x-kind`` among its props is its own, kept in place as the tool wrote it."""
    run: list[etree._Element] = []
    for child in tu:
        kind = child.get("type") if child.tag == prop_tag else None
        if kind not in PROPS or (run and PROPS.index(kind) <= PROPS.index(run[-1].get("type"))):
            break
        run.append(child)
    if tuple(child.get("type") for child in run) not in _OWN_RUNS:
        return {}
    return {child.get("type"): child for child in run}


def _tu(unit: TranslationUnit, creationdate: str, creationid: str) -> etree._Element:
    """The ``<tu>`` of *unit*, indented as written (see the module)."""
    values = [unit.document, " ".join(unit.source_blocks), " ".join(unit.target_blocks), unit.kind]
    if unit.score is not None:
        values.append(f"{unit.score:.3f}")
    values.append(str(unit.occurrences))
    names = PROPS if unit.score is not None else _NO_SCORE
    if not (unit.document or unit.source_blocks or unit.target_blocks or unit.score is not None):
        # not aligned by tmkit (another tool's unit): tmkit's props only where not the default
        chosen = [
            (name, value)
            for name, value in zip(names, values, strict=True)
            if (name, value) not in (("x-document", ""), ("x-paragraph", ""),
                                     ("x-target-paragraph", ""), ("x-kind", "body"),
                                     ("x-occurrences", "1"))
        ]  # fmt: skip
        names = tuple(name for name, _ in chosen) if chosen else ()
        values = [value for _, value in chosen]
    attributes = {"tuid": unit.tuid}
    if unit.attributes:  # another tool's: its own dates and ids, the run's where it has none
        attributes.update(unit.attributes)
        changed = attributes.get("changedate")
        if changed is not None and _TMX_DATE.fullmatch(changed) and changed < creationdate:
            creationdate = changed  # never created after it was changed
    for name, value in (("creationdate", creationdate), ("creationid", creationid)):
        if value and name not in attributes:
            attributes[name] = value
    if unit.tuid_made:  # a name for messages: the tu had no tuid and is written without
        del attributes["tuid"]
    tu = etree.Element("tu", attributes)
    tu.text = "\n      "
    for name, value in zip(names, values, strict=True):
        prop = etree.SubElement(tu, "prop", type=name)
        prop.text = value
        prop.tail = "\n      "
    if unit.absorbed:
        merged = Annotation("prop", absorbed_text(unit.absorbed), (("type", MERGED_UNITS),))
        tu.append(_annotation(merged, "\n      "))
    for annotation in unit.annotations:
        tu.append(_annotation(annotation, "\n      "))
    for lang, text, variant, tail in (
        (unit.srclang, unit.source, unit.source_tuv, "\n      "),
        (unit.tgtlang, unit.target, unit.target_tuv, "\n    "),
    ):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang, **dict(variant.attributes)})
        tuv.text = "\n        "
        for annotation in variant.annotations:
            tuv.append(_annotation(annotation, "\n        "))
        seg = etree.SubElement(tuv, "seg")
        seg.tail = "\n      "
        if variant.content:
            _fill(seg, variant.content)
        else:
            seg.text = text
        tuv.tail = tail
    return tu


def _annotation(annotation: Annotation, tail: str) -> etree._Element:
    element = etree.Element(annotation.element, dict(annotation.attributes))
    element.text = annotation.text
    element.tail = tail
    return element


def _fill(element: etree._Element, content: Content) -> None:
    """Write *content* (text and inline elements) into *element*, as it was read."""
    last = None
    for part in content:
        if isinstance(part, str):
            if last is None:
                element.text = (element.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        else:
            last = etree.SubElement(element, part.element, dict(part.attributes))
            _fill(last, part.content)


def _check(path: Path, unit: TranslationUnit) -> None:
    """Refuse what TMX would not give back, naming the tu (a character XML cannot carry is
    refused by lxml as the tu is made: :func:`_check_characters` then names it)."""
    owner = f"tu {unit.tuid!r}"
    blocks = unit.source_blocks + unit.target_blocks
    for block in blocks:
        if block.split() != [block]:
            raise TmxError(
                str(path),
                f"{owner}: block id {block!r} is empty or has a space",
                hint="block ids are joined by spaces in x-paragraph",
            )
    if unit.srclang.casefold() == unit.tgtlang.casefold():
        raise TmxError(str(path), f"{owner}: source and target are both {unit.srclang}")
    if unit.score is not None and not math.isfinite(unit.score):
        raise TmxError(str(path), f"{owner}: score {unit.score} is not a number")
    if unit.occurrences < 1:
        raise TmxError(str(path), f"{owner}: occurrences {unit.occurrences} is below 1")


def _check_characters(path: Path, unit: TranslationUnit) -> None:
    """Refuse a character XML 1.0 cannot carry in any of *unit*'s texts, naming the tu, the
    field and the character."""
    owner = f"tu {unit.tuid!r}"
    fields = [
        ("tuid", unit.tuid),
        ("source", unit.source),
        ("target", unit.target),
        ("document", unit.document),
        ("kind", unit.kind),
        ("source language", unit.srclang),
        ("target language", unit.tgtlang),
        *(("block id", block) for block in unit.source_blocks + unit.target_blocks),
        *_metadata_fields(unit),
    ]
    for field, value in fields:
        _checked(path, value, owner, field)


def _metadata_fields(unit: TranslationUnit) -> list[tuple[str, str]]:
    """The attributes, props, notes and inline elements of *unit* as (field, text) pairs."""
    fields = [(f"attribute {name}", value) for name, value in unit.attributes]
    annotations = list(unit.annotations)
    for side, tuv in (("source", unit.source_tuv), ("target", unit.target_tuv)):
        fields += [(f"{side} attribute {name}", value) for name, value in tuv.attributes]
        annotations += tuv.annotations
        stack = list(tuv.content)
        while stack:
            part = stack.pop()
            if isinstance(part, str):
                fields.append((side, part))
            else:
                fields += [(f"<{part.element}>", value) for _, value in part.attributes]
                stack += part.content
    for annotation in annotations:
        fields.append((annotation.element, annotation.text))
        fields += [(annotation.element, value) for _, value in annotation.attributes]
    return fields


def _checked(path: Path, value: str, owner: str, field: str) -> str:
    return xmlsafe.xml_text(TmxError, path, value, owner, field)


def read_header(path: str | Path, on_warning: Callable[[str], None] | None = None) -> TmxHeader:
    """The ``<header>`` of a TMX file: its attributes, props, notes and udes (an empty
    :class:`TmxHeader` when it has none). Reads no further than the header.

    Its ``creationdate`` and ``changedate`` are checked as a tu's (:func:`checked_values`): an
    ISO 8601 form is written as a TMX date, a bad one or a local time is left out, with a
    warning to *on_warning* (``path:line: header: …``).

    :raises TmxError: the file cannot be read or is not well-formed XML up to its header.
    """
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        raise TmxError(str(path), f"cannot read ({err.strerror})") from err
    with stream:
        try:
            for _, element in xmlsafe.iterparse(stream, events=("end",), tag="{*}header"):
                return _checked_header(path, element, on_warning)
        except etree.XMLSyntaxError as err:
            raise xmlsafe.malformed(TmxError, str(path), err) from err
    return TmxHeader()


def _checked_header(
    path: Path, element: etree._Element, on_warning: Callable[[str], None] | None
) -> TmxHeader:
    """The header *element* as TMX 1.4b lets it be written: its dates checked as a tu's, an
    attribute its DTD does not declare kept as a prop (:func:`_declared`), its props and notes
    read as a tu's (:func:`_read_annotation`), each change told to *on_warning*."""

    def warn(line: int | None) -> Callable[[str], None]:
        where = f"{path}:{line or 0}"
        return lambda message: on_warning(f"{where}: {message}") if on_warning else None

    attributes = checked_values(_attributes(element), "header", warn(element.sourceline))
    attributes, annotations = _declared(
        element, attributes, HEADER_ATTRIBUTES, "header", warn(element.sourceline)
    )
    udes = []
    for child in element:
        name = _local(child.tag)
        if name in ("prop", "note"):
            annotations.append(
                _read_annotation(child, child.text or "", "header", warn(child.sourceline))
            )
        elif name == "ude":
            maps = tuple(
                _undeclared(m, "header", warn(m.sourceline))
                for m in child
                if _local(m.tag) == "map"
            )
            udes.append(Ude(_undeclared(child, "header", warn(child.sourceline)), maps))
    return TmxHeader(attributes, tuple(annotations), tuple(udes))


def read_tmx(
    path: str | Path,
    *,
    srclang: str | None = None,
    tgtlang: str | None = None,
    on_skip: Callable[[SkippedTu], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    either_way: bool = False,
    on_bad: Callable[[BadTu], None] | None = None,
    origin: str = "",
) -> Iterator[TranslationUnit]:
    """Yield the units of a TMX file (1.1 to 1.4, any tool), one ``<tu>`` at a time.

    :param srclang: the source language; default the header's ``srclang``, or the first tuv's
        language when the header says ``*all*``, either matched as a language (``fa-IR`` reads
        ``fa``, ``fa-AF`` and ``fa_IR`` tuvs alike).
    :param tgtlang: the target language; default the language of the first other tuv found,
        matched as a language too (``en-US`` and ``en-GB`` tuvs are both read).
    :param on_skip: called with a :class:`SkippedTu` for each tu that lacks one of the two.
    :param on_warning: called with one line (``path:line: tu …: …``) for what is read but
        left out or changed: another tuv in the source language, a second ``<seg>`` in a
        tuv, a date or ``usagecount`` that is not TMX's (see the module); and once, at the end
        of the file (``path: …``), with the count of other languages' tuvs not carried.
    :param either_way: *srclang* and *tgtlang* (both given) name the pair's languages, not its
        direction: the file says it. A header ``srclang`` in *tgtlang*'s language reads the
        file the other way round (an en→fa TMX gives units with the English as source), and
        a tu's own ``srclang`` in either language reads that tu so.
    :param on_bad: called with a :class:`BadTu` for each tu tmkit refuses (a tuv without a
        language, an inline element TMX does not define, codes that do not pair, a bad value of
        one of tmkit's props …, or a tu that is not well-formed XML: an unescaped ``&``, a control
        character …), which is then left out and the file read on (``--skip-bad``; after a
        broken tu, from the next ``<tu>``: :mod:`tm.tmxresync`); without it such a tu raises.
        An XML error outside a tu (in the header, a truncated file, a tu never closed), or in
        a UTF-16 file, raises either way.
    :param origin: each unit's :attr:`~tm.unit.TranslationUnit.origin` (the name its file is
        given in messages); ``""`` by default.
    :raises TmxError: the file cannot be read, is not well-formed XML
        (``path:line:column: not well-formed XML: …``), is not TMX, declares or uses entities,
        has a tuv without a language, or one of tmkit's properties with a bad value.

    Example::

        for unit in read_tmx("memory.tmx", srclang="fa"):
            print(unit.tuid, unit.source, unit.target)
    """
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        raise TmxError(str(path), f"cannot read ({err.strerror})") from err
    with stream:
        reader = _Reader(
            str(path),
            path.stem,
            srclang,
            tgtlang,
            on_skip,
            on_warning,
            either_way,
            on_bad,
            origin,
        )
        resync = None  # with on_bad: where to go on after a tu that is not well-formed XML
        source: BinaryIO = stream
        try:
            while True:
                events = xmlsafe.iterparse(source, events=("start", "end"), tag=_READ)
                begun = reader.position  # the tu read before this parse began
                try:
                    for event, element in events:
                        if event == "start":
                            reader.start(element)
                            continue
                        yield from reader.read(element)
                    break
                except etree.XMLSyntaxError as err:
                    error = reader.malformed(err, events.error_log)
                    if on_bad is None or not reader.checked:  # before the body: no unit
                        raise error from err
                    # the tu being read, or the next one (the error is in its start tag)
                    position = reader.current[0] if reader.current else reader.position + 1
                    try:
                        resync = resync or Resync(stream)
                    except (OSError, ValueError):  # not a file mmap can map (a pipe)
                        raise error from err
                    source = resync.after(position - begun, (error.line or 0, error.column or 0))
                    if source is None:
                        raise error from err
                    reader.skip_broken(position, error)
        finally:
            if resync is not None:
                resync.close()
        reader.check_root(events.root)
        if on_warning is not None:
            for warning in reader.dropped_warnings():
                on_warning(warning)
        if reader.others and on_warning is not None:
            counts = ", ".join(f"{tag} ×{n}" for tag, n in sorted(reader.others.items()))
            total = sum(reader.others.values())
            on_warning(f"{path}: {total} tuv in other languages not carried ({counts}): a "
                       f"unit is one {reader.srclang} source and its {reader.tgtlang} "
                       "target")  # fmt: skip


_READ = ("{*}header", "{*}tu")  # the elements read_tmx handles, as each ends


class _Reader:
    """What reading one file has learnt so far: the languages, how many tu it has seen."""

    def __init__(
        self,
        path: str,
        stem: str,
        srclang: str | None,
        tgtlang: str | None,
        on_skip: Callable[[SkippedTu], None] | None,
        on_warning: Callable[[str], None] | None = None,
        either_way: bool = False,
        on_bad: Callable[[BadTu], None] | None = None,
        origin: str = "",
    ) -> None:
        self.path = path
        self.on_bad = on_bad
        self.on_warning = on_warning
        self.stem = stem
        self.srclang = srclang
        self.tgtlang = tgtlang
        self.on_skip = on_skip
        self.position = 0
        self.current: tuple[int, str | None] | None = None  # the tu being read: position, tuid
        self.checked = False
        self.owner = ""  # the tu whose segment is being read, for an error in it
        self.others: Counter[str] = Counter()  # the tuvs of other languages, by tag
        # undeclared attributes of inline codes left out, by (element, attribute): how many,
        # and the first one's line, tu and value (one warning each when the file is read)
        self.dropped: dict[tuple[str, str], list] = {}
        self.tags = ("prop", "note", "tuv", "seg")  # in the root's namespace, if it has one
        self.either_way = either_way  # the file's srclang, and a tu's, say the direction
        self.origin = origin  # each unit's (read_tmx's)
        self.header_read = False

    def skip_broken(self, position: int, error: TmxError) -> None:
        """Leave out tu *position*, which is not well-formed XML (*error*): the tu being
        read, or the next one, broken in its start tag (its tuid then unknown); reading goes
        on after it (on_bad: :mod:`tm.tmxresync`)."""
        assert self.on_bad is not None
        tuid = self.current[1] if self.current else None
        self.position = position
        self.current = None
        self.on_bad(BadTu(position, tuid, error))

    def start(self, element: etree._Element) -> None:
        """A header or tu begins: remember which tu, for an error inside it."""
        is_tu = _local(element.tag) == "tu"
        self.current = (self.position + 1, element.get("tuid")) if is_tu else None

    def malformed(
        self, err: etree.XMLSyntaxError, log: etree._ListErrorLog | None = None
    ) -> TmxError:
        """The error for malformed XML or a safety limit, naming the tu it is in."""
        owner = ""
        if self.current is not None:
            position, tuid = self.current
            owner = f"tu {position}" + (f" (tuid {tuid!r})" if tuid is not None else "")
        return xmlsafe.malformed(TmxError, self.path, err, owner=owner, text="the segment", log=log)

    def read(self, element: etree._Element) -> list[TranslationUnit]:
        if not self.checked:
            self.check_root(element.getroottree().getroot())
        self.current = None
        try:
            if _local(element.tag) == "header":
                if not self.header_read:  # again after a broken tu: the same header
                    self.read_header(element)
                    self.header_read = True
                return []
            self.position += 1
            try:
                return self.read_tu(element)
            except TmxError as err:
                if self.on_bad is None:
                    raise
                tuid = element.get("tuid")
                self.on_bad(BadTu(self.position, tuid, err))  # left out, the file read on
                return []
        finally:
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]

    def check_root(self, root: etree._Element | None) -> None:
        if root is None or _local(root.tag) != "tmx":
            name = "nothing" if root is None else f"<{_local(root.tag)}>"
            raise TmxError(
                self.path,
                f"not a TMX file (the root element is {name}, expected <tmx>)",
                line=None if root is None else root.sourceline,
            )
        namespace = root.tag[: -len("tmx")]
        self.tags = tuple(f"{namespace}{name}" for name in ("prop", "note", "tuv", "seg"))
        xmlsafe.refuse_entities(TmxError, self.path, root, "TMX")
        self.checked = True

    def read_header(self, header: etree._Element) -> None:
        declared = header.get("srclang")
        if self.srclang is None and declared and declared.casefold() != "*all*":
            self.srclang = primary_language(declared)
        elif self.either_way and declared and self.reverses(declared):
            self.srclang, self.tgtlang = self.tgtlang, self.srclang

    def reverses(self, declared: str) -> bool:
        """Whether a ``srclang`` *declared* (either_way) is the target's language."""
        assert self.tgtlang is not None
        return primary_language(declared) == primary_language(self.tgtlang)

    def direction(self, tu: etree._Element) -> tuple[str | None, str | None]:
        """The source and target language of *tu*: the file's, or with either_way the other
        way round when the tu's own ``srclang`` is in the file's target language."""
        declared = tu.get("srclang")
        if self.either_way and declared and self.reverses(declared):
            return self.tgtlang, self.srclang
        return self.srclang, self.tgtlang

    def drop(self, code: etree._Element, attribute: str, value: str) -> None:
        """Count an undeclared *attribute* of an inline *code* left out (:func:`_undeclared`)."""
        key = (_local(code.tag), attribute)
        if key not in self.dropped:
            self.dropped[key] = [0, code.sourceline, self.owner, value]
        self.dropped[key][0] += 1

    def dropped_warnings(self) -> Iterator[str]:
        """One warning per undeclared attribute of the inline codes left out (an Okapi or Trados
        file puts ``ctype`` on every code): the first one's place and value, and how many."""
        for (name, attribute), (count, line, owner, value) in self.dropped.items():
            said = f"TMX 1.4b declares no such attribute on <{name}>"
            if count == 1:
                code = f"<{name} {attribute}={value!r}>"
                yield f"{self.path}:{line or 0}: {owner}: {code} left out: {said}"
            else:
                yield (
                    f"{self.path}: <{name} {attribute}> left out of {count:,} <{name}> codes: "
                    f"{said} (the first at line {line or 0}, {owner}: {attribute}={value!r})"
                )

    def warn(self, line: int | None, message: str) -> None:
        if self.on_warning is not None:
            self.on_warning(f"{self.path}:{line or 0}: {message}")

    def warner(self, element: etree._Element) -> Callable[[str], None]:
        """:meth:`warn` at *element*'s line (looked up only when a warning is given)."""
        return lambda message: self.warn(element.sourceline, message)

    def read_tu(self, tu: etree._Element) -> list[TranslationUnit]:
        """The units of one tu: one for each tuv in the target language (a tu with an en-US
        and an en-GB tuv gives two units, each with its tag), each with the source tuv."""
        tuid = tu.get("tuid")
        made = tuid is None  # named for messages only (see TranslationUnit.tuid_made)
        if made:
            tuid = f"{self.stem}:{self.position}"
        owner = f"tu {self.position} (tuid {tuid!r})"
        prop_tag, note_tag, tuv_tag, seg_tag = self.tags
        props = _own_props(tu, prop_tag)
        annotations: list[Annotation] = []
        absorbed: tuple[Absorbed, ...] = ()
        variants = []  # (language, tuv, seg) in document order
        for child in tu:
            tag = child.tag
            if tag == prop_tag:
                kind = child.get("type")
                if kind == MERGED_UNITS:
                    absorbed = self.absorbed(child, owner)
                elif props.get(kind) is not child:
                    annotations.append(self.annotation(child, owner))
            elif tag == note_tag:
                annotations.append(self.annotation(child, owner))
            elif tag == tuv_tag:
                segs = [c for c in child if c.tag == seg_tag]
                language = (child.get(XML_LANG) or child.get("lang") or "").strip()
                if not language:
                    raise TmxError(
                        self.path, f"{owner}: a <tuv> without a language", line=child.sourceline,
                        hint="TMX requires xml:lang on every tuv, lang in TMX 1.1: add its tag",
                    )  # fmt: skip
                for extra in segs[1:]:
                    self.warn(
                        extra.sourceline,
                        f"{owner}: the {language} tuv has {len(segs)} <seg>; "
                        f"{_shown(self.text(extra))} left out (a tuv has one <seg>)",
                    )
                if segs:
                    variants.append((language, child, segs[0]))
        if self.srclang is None and variants:
            self.srclang = primary_language(variants[0][0])
        srclang, tgtlang = self.direction(tu)
        languages = tuple(v[0] for v in variants)
        found = _best(srclang, languages) if srclang is not None else None
        source = None if found is None else variants[found]
        if source is not None and tgtlang is None:
            others = [v[0] for v in variants if not _related(srclang, v[0])]
            self.tgtlang = tgtlang = primary_language(others[0]) if others else None
        targets = []
        if found is not None and tgtlang is not None:
            targets = [variants[n] for n in _targets(tgtlang, languages, found)]
        if source is None or not targets:
            if self.on_skip is not None:
                self.on_skip(SkippedTu(self.path, tu.sourceline or 0, tuid, languages))
            return []
        assert srclang is not None
        for variant in variants:
            if variant is source or variant in targets:
                continue
            if _related(srclang, variant[0]):
                self.warn(
                    variant[1].sourceline,
                    f"{owner}: the {variant[0]} tuv {_shown(self.text(variant[2]))} left out "
                    f"(the source is the {source[0]} tuv {_shown(self.text(source[2]))}: a tu "
                    "has one)",
                )
            else:
                self.others[variant[0]] += 1
        warn = self.warner(tu)
        tu_attributes = checked_values(_attributes(tu, "tuid"), owner, warn)
        tu_attributes, kept = _declared(tu, tu_attributes, TU_ATTRIBUTES, owner, warn)
        annotations += kept
        source_text, source_tuv = self.tuv(source, owner)
        score = self.number(props.get("x-score"), whole=False)
        occurrences = self.number(props.get("x-occurrences"), whole=True)
        read = [(target[0], *self.tuv(target, owner)) for target in targets]
        counted, uncounted = 0, tu_attributes
        if len(read) > 1:  # the tu's usagecount counted once: on its first unit not empty
            shown = [n for n, (_, text, tuv) in enumerate(read) if not is_blank(text, tuv)]
            counted = shown[0] if shown and not is_blank(source_text, source_tuv) else 0
            uncounted = tuple(a for a in tu_attributes if a[0] != "usagecount")
        context = translation_context(annotations)
        document, source_blocks, target_blocks, kind = "", (), (), "body"  # another tool's
        if props:  # tmkit's own
            document = self.text(props.get("x-document"))
            source_blocks = tuple(self.text(props.get("x-paragraph")).split())
            target_blocks = tuple(self.text(props.get("x-target-paragraph")).split())
            kind = self.text(props.get("x-kind")) or "body"
        units = []
        for number, (language, target_text, target_tuv) in enumerate(read):
            units.append(
                TranslationUnit(
                    tuid,
                    source_text,
                    target_text,
                    srclang=source[0],
                    tgtlang=language,
                    document=document,
                    source_blocks=source_blocks,
                    target_blocks=target_blocks,
                    kind=kind,
                    score=score,
                    occurrences=1 if occurrences is None else int(occurrences),
                    attributes=tu_attributes if number == counted else uncounted,
                    annotations=tuple(annotations),
                    source_tuv=source_tuv,
                    target_tuv=target_tuv,
                    tuid_made=made,
                    absorbed=absorbed,
                    context=context,
                    origin=self.origin,
                )
            )
        return units

    def tuv(
        self, variant: tuple[str, etree._Element, etree._Element], owner: str
    ) -> tuple[str, Tuv]:
        """The plain text of a tuv's seg and what else the tuv holds."""
        language, tuv, seg = variant
        annotations: tuple[Annotation, ...] = ()
        if len(tuv) > 1:
            annotations = tuple(
                self.annotation(child, f"{owner}, {language} tuv")
                for child in tuv
                if child.tag in self.tags[:2]
            )
        content: Content = ()
        if len(seg):
            self.owner = owner
            content = self.content(seg)
            self.owner = ""
            _check_pairs(self.path, seg.sourceline, owner, content)
            if all(isinstance(part, str) for part in content):
                content = ()  # comments, processing instructions or unknown elements only
        text = plain_text(content) if content else self.text(seg)
        attributes = _attributes(tuv, XML_LANG, "lang")
        if attributes:
            warn = self.warner(tuv)
            attributes = checked_values(attributes, owner, warn)
            where = f"{owner}, {language} tuv"
            attributes, kept = _declared(tuv, attributes, TUV_ATTRIBUTES, where, warn)
            annotations += tuple(kept)
        if not (attributes or annotations or content):
            return text, PLAIN  # the usual case
        return text, Tuv(attributes, annotations, content)

    def annotation(self, element: etree._Element, owner: str) -> Annotation:
        """A prop or note of a tu or tuv (:func:`_read_annotation`)."""
        return _read_annotation(element, self.text(element), owner, self.warner(element))

    def content(self, element: etree._Element) -> Content:
        """The text and inline elements of *element*, in order (see the module)."""
        parts: list[str | InlineElement] = []

        def add(text: str | None) -> None:
            if not text:
                return
            if parts and isinstance(parts[-1], str):
                parts[-1] += text
            else:
                parts.append(text)

        add(element.text)
        for child in element:
            xmlsafe.refuse_entity_reference(TmxError, self.path, child)
            name = _local(child.tag)
            if name in INLINE_ELEMENTS:
                if self.owner:
                    self.check_placement(element, child, name)
                attributes = _undeclared(child, self.owner, self.warn, self.drop)
                parts.append(InlineElement(name, attributes, self.content(child)))
            elif name and not self.owner:  # in a prop or note (text only): its text kept
                for part in self.content(child):
                    add(part) if isinstance(part, str) else parts.append(part)
            elif name:  # in a segment, an element TMX does not define (XLIFF's <g>, <mrk> …)
                raise TmxError(
                    self.path,
                    f"{self.owner}: <{name}> is not a TMX 1.4b inline element",
                    line=child.sourceline,
                    hint="TMX segments hold bpt, ept, it, ph, hi, ut and sub; convert the "
                    "file's codes to them (e.g. <g> to a bpt/ept pair) or remove it",
                )
            add(child.tail)  # comments, processing instructions: tail only
        return tuple(parts)

    def check_placement(self, parent: etree._Element, child: etree._Element, name: str) -> None:
        """Refuse an inline element where the TMX 1.4b DTD does not allow it (see _CONTAINS)."""
        where = _local(parent.tag)
        allowed = _CONTAINS.get(where, _CODES_IN_TEXT)
        if name not in allowed:
            raise TmxError(
                self.path,
                f"{self.owner}: <{name}> inside <{where}> is not allowed in TMX 1.4b",
                line=child.sourceline,
                hint="a seg, hi or sub holds bpt, ept, it, ph, hi and ut; a bpt, ept, it, ph "
                "or ut holds text and sub only",
            )

    def text(self, element: etree._Element | None) -> str:
        """The text of a seg, prop or note (of a seg without its codes: see the module)."""
        if element is None:
            return ""
        if not len(element):  # the usual case: text only
            return element.text or ""
        return plain_text(self.content(element))

    def absorbed(self, prop: etree._Element, owner: str) -> tuple[Absorbed, ...]:
        """The units an ``x-merged-units`` prop lists (:func:`read_absorbed`)."""
        absorbed = read_absorbed(self.text(prop))
        if absorbed is None:
            raise TmxError(
                self.path,
                f"{owner}: prop {MERGED_UNITS} has a bad value {_shown(self.text(prop))}",
                line=prop.sourceline,
                hint="tmkit merge writes it: the units a merged unit stands for; remove the "
                "prop (each unit then counts as new) or restore it",
            )
        return absorbed

    def number(self, prop: etree._Element | None, whole: bool) -> float | int | None:
        if prop is None:
            return None
        value = self.text(prop).strip()
        try:
            number = int(value) if whole else float(value)
        except ValueError:
            number = None
        if number is None or not math.isfinite(number) or (whole and number < 1):
            raise TmxError(
                self.path,
                f"prop {prop.get('type')} has a bad value {value!r}",
                line=prop.sourceline,
                hint="x-score is a number, x-occurrences a whole number from 1",
            )
        return number


_CHECKED = frozenset({"creationdate", "changedate", "lastusagedate", "usagecount"})
# the attributes the TMX 1.4b DTD declares on <tuv> and on <tu> (xml:lang and lang, tuid apart)
TUV_ATTRIBUTES = frozenset(
    {"o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool",
     "creationtoolversion", "creationdate", "creationid", "changedate", "o-tmf", "changeid"}
)  # fmt: skip
TU_ATTRIBUTES = TUV_ATTRIBUTES | {"segtype", "srclang"}
HEADER_ATTRIBUTES = frozenset(
    {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang",
     "datatype", "o-encoding", "creationdate", "creationid", "changedate", "changeid"}
)  # fmt: skip
# what the TMX 1.4b DTD declares on the elements that hold no prop: an attribute it does not
# declare there (XLIFF's ctype, id and rid on a code, xml:lang on a hi, sdl:tag) is left out
DECLARED = {
    "prop": frozenset({"type", XML_LANG, "o-encoding"}),
    "note": frozenset({XML_LANG, "o-encoding"}),
    "bpt": frozenset({"i", "x", "type"}),
    "ept": frozenset({"i"}),
    "it": frozenset({"pos", "x", "type"}),
    "ph": frozenset({"x", "assoc", "type"}),
    "hi": frozenset({"x", "type"}),
    "ut": frozenset({"x"}),
    "sub": frozenset({"datatype", "type"}),
    "ude": frozenset({"name", "base"}),
    "map": frozenset({"unicode", "code", "ent", "subst"}),
}
UNNAMED_PROP = "x-unnamed"  # the type of a prop read without one (TMX 1.4b requires it)
UNDECLARED_PROP = "x-attribute:"  # + the attribute's name: an undeclared attribute kept as a prop


_ISO_DATE = re.compile(
    r"(?P<year>\d{4})(?P<dash>-?)(?P<month>\d\d)(?P=dash)(?P<day>\d\d)"
    r"(?:[Tt ](?P<hour>\d\d)(?::?(?P<minute>\d\d)(?::?(?P<second>\d\d)(?:[.,]\d+)?)?)?"
    r"(?P<zone>[Zz]|(?P<sign>[+-])(?P<zh>\d\d)(?::?(?P<zm>\d\d))?)?)?",
    re.ASCII,
)


def checked_values(
    attributes: Attributes, owner: str, warn: Callable[[str], None] | None = None
) -> Attributes:
    """*attributes* with their dates in TMX form: an ISO 8601 date with its zone, basic or
    extended (``2023-06-01T00:00:00Z``, ``20230601T020000+0200``, a fraction of a second
    dropped) or a day (``2023-06-01``, ``20230601``, taken as 00:00 UTC) is written
    ``20230601T000000Z`` (:func:`_as_tmx_date`); a local time (no zone), a date that is
    none of these, or a ``usagecount`` that is not a whole number, is left out with a
    warning (to *warn*, naming *owner*)."""
    if not any(name in _CHECKED for name, _ in attributes):
        return attributes
    say = warn or (lambda message: None)
    kept = []
    for name, value in attributes:
        if name == "usagecount":
            if usage_count(value) is None:
                say(f"{owner}: usagecount {value!r} is not a count (a whole number, 0 or "
                    "more); left out")  # fmt: skip
                continue
        elif name in _CHECKED:
            date = _as_tmx_date(value)
            if date is None and _is_local_time(value):
                say(f"{owner}: {name} {value!r} has no time zone (a local "
                    "time, of a zone not known); left out")  # fmt: skip
                continue
            if date is None:
                say(f"{owner}: {name} {value!r} is not a date (YYYYMMDDThhmmssZ); left out")
                continue
            value = date
        kept.append((name, value))
    return tuple(kept)


_USAGECOUNT = re.compile(r"[ \t\r\n]*\+?([0-9]+)[ \t\r\n]*")


def usage_count(value: str) -> int | None:
    """The count a ``usagecount`` holds, or ``None`` when it holds none. TMX 1.4b says "an
    integer" and its DTD declares the attribute CDATA, whose value XML does not strip: it is
    read as XML Schema reads an ``xs:integer`` (ASCII digits, an optional ``+``, whitespace
    around them collapsed), and a count is never below 0. What is read is written back as it
    was; only a merge's sum is written anew.

    >>> usage_count("7"), usage_count(" 7 "), usage_count("+4"), usage_count("007")
    (7, 7, 4, 7)
    >>> usage_count("-1"), usage_count("4.0"), usage_count("\u0663"), usage_count("")
    (None, None, None, None)
    """
    match = _USAGECOUNT.fullmatch(value)
    return int(match.group(1)) if match else None


# a TMX date whose month, day (up to 31), hour, minute and second are in range, year 0001 on
_VALID_TMX_DATE = re.compile(
    r"(?!0000)[0-9]{4}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]Z"
)


def _is_day(value: str) -> bool:
    """Whether the day of a TMX date *value* (``YYYYMMDD…``) is one of its month's."""
    try:
        datetime(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return False
    return True


def _as_tmx_date(value: str) -> str | None:
    """*value* as a TMX date (``YYYYMMDDThhmmssZ``), or ``None`` when it is not one and not an
    unambiguous ISO 8601 date: a day alone (00:00 UTC), or a date and time with its zone (``Z``
    or ``z``, or an offset, converted to UTC), in the basic (``20230601T101010+0330``) or
    extended (``2023-06-01T10:10:10+03:30``) format, with or without seconds; a fraction of a
    second is dropped, ``24:00:00`` is the next day's 00:00. A time without zone is a local
    time (which zone is not known): ``None``, as is a leap second (``23:59:60``), a year
    before 0001, and digits other than ASCII ones.

    >>> _as_tmx_date("2023-06-01T02:00:00+02:00"), _as_tmx_date("2023-06-01")
    ('20230601T000000Z', '20230601T000000Z')
    >>> _as_tmx_date("20230601T101010.123Z"), _as_tmx_date("20230601T101010+0330")
    ('20230601T101010Z', '20230601T064010Z')
    >>> _as_tmx_date("20230601"), _as_tmx_date("2023-06-01T10:10:10z")
    ('20230601T000000Z', '20230601T101010Z')
    >>> [_as_tmx_date(v) for v in ("20211301T999999Z", "2023-06-01T00:00:00", "yesterday")]
    [None, None, None]
    """
    if _VALID_TMX_DATE.fullmatch(value) and (value[6:8] <= "28" or _is_day(value)):
        return value  # the usual case, a TMX date already
    match = _ISO_DATE.fullmatch(value.strip())
    if match is None or (match["hour"] is not None and match["zone"] is None):
        return None
    number = {k: int(v) for k, v in match.groupdict().items() if v and v.isdigit()}
    hour, minute, second = (number.get(k, 0) for k in ("hour", "minute", "second"))
    late = (hour, minute, second) == (24, 0, 0)  # the end of the day: the next day's 00:00
    try:
        moment = datetime(
            number["year"], number["month"], number["day"], 0 if late else hour, minute, second,
            tzinfo=UTC,
        )  # fmt: skip
        offset = timedelta(hours=number.get("zh", 0), minutes=number.get("zm", 0))
        if number.get("zh", 0) > 23 or number.get("zm", 0) > 59:
            return None
        moment += timedelta(days=late) - (offset if match["sign"] == "+" else -offset)
    except (ValueError, OverflowError):
        return None
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _is_local_time(value: str) -> bool:
    """Whether *value* is an ISO 8601 date and time without zone (a local time)."""
    match = _ISO_DATE.fullmatch(value.strip())
    return match is not None and match["hour"] is not None and match["zone"] is None


def _declared(
    element: etree._Element,
    attributes: Attributes,
    names: frozenset[str],
    owner: str,
    warn: Callable[[str], None],
) -> tuple[Attributes, list[Annotation]]:
    """*attributes* the TMX 1.4b DTD declares on *element* (a header, tu or tuv: *names*), and
    a ``<prop type="x-attribute:NAME">`` for each other one (``xml:space``, ``sdl:origin``,
    its prefix kept), with a warning naming *owner*."""
    if all(name in names for name, _ in attributes):
        return attributes, []
    kept, props = [], []
    for name, value in attributes:
        if name in names:
            kept.append((name, value))
            continue
        shown = _qualified(element, name)
        props.append(Annotation("prop", value, (("type", f"{UNDECLARED_PROP}{shown}"),)))
        warn(
            f'{owner}: {shown}={value!r} is kept as <prop type="{UNDECLARED_PROP}{shown}"> '
            f"(TMX 1.4b has no {shown} attribute on <{_local(element.tag)}>)"
        )
    return tuple(kept), props


def _read_annotation(
    element: etree._Element, text: str, owner: str, warn: Callable[[str], None]
) -> Annotation:
    """A ``<prop>`` or ``<note>`` as TMX 1.4b lets it be written: an attribute its DTD does
    not declare is left out (:func:`_undeclared` tells), and a prop without the ``type`` the
    DTD requires gets ``type="x-unnamed"``, with a warning naming *owner*."""
    name = _local(element.tag)
    attributes = _undeclared(element, owner, warn)
    if name == "prop" and not any(key == "type" for key, _ in attributes):
        warn(f'{owner}: a <prop> without type ({_shown(text)}) is kept as <prop '
             f'type="{UNNAMED_PROP}"> (TMX 1.4b requires a type)')  # fmt: skip
        attributes = (("type", UNNAMED_PROP), *attributes)
    return Annotation(name, text, attributes)


def _undeclared(
    element: etree._Element,
    owner: str,
    warn: Callable[[str], None],
    dropped: Callable[[etree._Element, str, str], None] | None = None,
) -> Attributes:
    """The attributes of *element* (a prop, note, ude, map or inline element) that the TMX 1.4b DTD
    declares on it (:data:`DECLARED`); each other one, which it cannot keep as a prop, is left
    out and *warn* told (``<ph ctype='x-br'> …``, a prefix as written: ``sdl:tag``), or
    *dropped* given the element, the attribute's name and its value, to count them."""
    name = _local(element.tag)
    declared = DECLARED[name]
    attributes = _attributes(element)
    if all(key in declared for key, _ in attributes):
        return attributes
    for key, value in attributes:
        if key not in declared:
            if dropped is not None:
                dropped(element, _qualified(element, key), value)
            else:
                warn(f"{owner}: <{name} {_qualified(element, key)}={value!r}> left out: TMX 1.4b "
                     f"declares no such attribute on <{name}>")  # fmt: skip
    return tuple((key, value) for key, value in attributes if key in declared)


def _attributes(element: etree._Element, *leave_out: str) -> Attributes:
    """The attributes of *element* in the order written, but those named in *leave_out*."""
    items = element.items()
    if not leave_out:
        return tuple(items)
    return tuple((k, v) for k, v in items if k not in leave_out)


def _qualified(element: etree._Element, name: str) -> str:
    """An attribute's name as written: ``xml:space`` for ``{http://www.w3.org/XML/1998/namespace}space``."""
    if not name.startswith("{"):
        return name
    namespace, _, local = name[1:].partition("}")
    if namespace == "http://www.w3.org/XML/1998/namespace":
        return f"xml:{local}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)
    return f"{prefix}:{local}" if prefix else local


# What each element of a segment may hold besides text (the TMX 1.4b DTD): a native code
# holds only sub; a seg, hi or sub holds the codes and hi, never sub directly
_CODES_IN_TEXT = frozenset({"bpt", "ept", "it", "ph", "hi", "ut"})
_CONTAINS = {
    **dict.fromkeys(("seg", "hi", "sub"), _CODES_IN_TEXT),
    **dict.fromkeys(("bpt", "ept", "it", "ph", "ut"), frozenset({"sub"})),
}


def _check_pairs(path: str, line: int | None, owner: str, content: Content) -> None:
    """Refuse codes TMX 1.4b does not allow: a ``bpt``/``ept`` without ``i``, an ``it``
    without ``pos``, a ``bpt`` without its ``ept`` (or back) in the same segment or sub-flow."""
    codes = _flow(content)
    for code in codes:
        required = {"bpt": "i", "ept": "i", "it": "pos"}.get(code.element)
        if required is not None and code.get(required) is None:
            raise TmxError(path, f"{owner}: <{code.element}> without {required}", line=line)
        if code.element == "it" and code.get("pos") not in ("begin", "end"):
            raise TmxError(
                path,
                f'{owner}: <it pos="{code.get("pos")}">: pos is begin or end',
                line=line,
            )
    opened: set[str | None] = set()
    used: set[str | None] = set()
    for code in codes:
        i = code.get("i")
        if code.element == "bpt":
            if i in used:
                raise TmxError(
                    path,
                    f'{owner}: two <bpt i="{i}"> in one segment',
                    line=line,
                    hint="each bpt/ept pair of a segment has its own i",
                )
            opened.add(i)
            used.add(i)
        elif code.element == "ept":
            if i in used and i not in opened:
                raise TmxError(path, f'{owner}: two <ept i="{i}"> in one segment', line=line)
            if i not in used and any(c.element == "bpt" and c.get("i") == i for c in codes):
                raise TmxError(
                    path,
                    f'{owner}: <ept i="{i}"> before its <bpt i="{i}">',
                    line=line,
                    hint="a bpt opens a code its ept closes, later in the segment",
                )
            opened.discard(i)
            used.add(i)
    begun = {code.get("i") for code in codes if code.element == "bpt"}
    ended = {code.get("i") for code in codes if code.element == "ept"}
    for i in sorted(begun ^ ended):
        have, lack = ("bpt", "ept") if i in begun else ("ept", "bpt")
        raise TmxError(
            path,
            f'{owner}: <{have} i="{i}"> has no <{lack} i="{i}"> in its segment',
            line=line,
            hint="a code whose other half is in another segment is an <it> (TMX 1.4b)",
        )
    for code in codes:
        for sub in code.content:
            if isinstance(sub, InlineElement) and sub.element == "sub":
                _check_pairs(path, line, owner, sub.content)


def _flow(content: Content) -> list[InlineElement]:
    """The native codes of one flow of text, those inside its ``hi`` elements included."""
    codes: list[InlineElement] = []
    for part in content:
        if isinstance(part, InlineElement):
            codes += _flow(part.content) if part.element == "hi" else [part]
    return codes


@lru_cache(maxsize=256)
def _local(tag: object) -> str:
    """The element name without its namespace (some tools put TMX in one; a comment's or
    processing instruction's tag is a function: ``""``)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


@lru_cache(maxsize=1024)
def _related(wanted: str, found: str) -> bool:
    """Whether *found* is *wanted* or one of them is a narrower tag of the other (``fa-IR``
    and ``fa``), both as :func:`canonical_language` writes them."""
    wanted, found = canonical_language(wanted).casefold(), canonical_language(found).casefold()
    return wanted == found or found.startswith(f"{wanted}-") or wanted.startswith(f"{found}-")


def _shown(text: str, width: int = 40) -> str:
    """*text* quoted for a message, shortened to *width* characters."""
    return repr(text if len(text) <= width else text[: width - 1] + "…")


@lru_cache(maxsize=1024)
def _targets(wanted: str, languages: tuple[str, ...], source: int) -> tuple[int, ...]:
    """Which of a tu's tuvs, tagged *languages*, are its targets (by place; the *source*'s is
    none): every one in *wanted*'s language (``en`` reads en-US and en-GB), or when *wanted*
    names a variant (``en-GB``) and the tu has it, those of that variant only."""
    related = [n for n, tag in enumerate(languages) if n != source and _related(wanted, tag)]
    exact = [n for n in related if _same(wanted, languages[n])]
    return tuple(exact if exact and "-" in canonical_language(wanted) else related)


@lru_cache(maxsize=1024)
def _best(wanted: str, languages: tuple[str, ...]) -> int | None:
    """Which of a tu's tuvs, tagged *languages*, is its source (by place), whatever their
    order: the first tagged *wanted* (as :func:`canonical_language` writes it), else the first
    of *wanted*'s variety (:func:`corpus.languages.variety`: ``fa`` asks for Persian of Iran,
    so ``fa-IR`` or ``pes`` before ``prs``, Dari), else the first in *wanted*'s language."""
    related = [n for n, tag in enumerate(languages) if _related(wanted, tag)]
    for test in (_same, _same_variety):
        found = next((n for n in related if test(wanted, languages[n])), None)
        if found is not None:
            return found
    return related[0] if related else None


def _same_variety(wanted: str, found: str) -> bool:
    return variety(wanted) == variety(found)


@lru_cache(maxsize=1024)
def _same(wanted: str, found: str) -> bool:
    return canonical_language(wanted).casefold() == canonical_language(found).casefold()
