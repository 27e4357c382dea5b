"""The translation unit: one aligned pair of segments, the value every TM format handles.

A unit read from another tool's TMX keeps what TMX 1.4b lets that tool say about it
(Structural elements ``<tu>``, ``<tuv>``, ``<prop>``, ``<note>``; Inline elements): the tu's and
each tuv's attributes (``creationdate``, ``changedate``, ``usagecount``, ``creationid`` …), its
``<prop>`` and ``<note>`` elements and the inline elements of each segment (``bpt``, ``ept``,
``it``, ``ph``, ``hi``, ``ut`` and ``sub``). The unit's ``source`` and ``target`` are the plain
text every matching and alignment sees; the inline elements are values beside it
(:class:`Tuv`), never written into the text. The term and consistency checks read the text
with each standalone code (``ph``, ``it``, ``ut``) as a word boundary (:func:`check_text`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

SOURCE_LANGUAGE = "fa-IR"
TARGET_LANGUAGE = "en-US"
LOW_CONFIDENCE = (
    0.5  # default flag threshold: beads scored below it are out of the TMX, fuzzy in PO
)

NATIVE_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})  # TMX 1.4b: they hold native code
INLINE_ELEMENTS = NATIVE_CODES | {"hi", "sub"}  # hi: highlighted text; sub: a sub-flow
Attributes = tuple[tuple[str, str], ...]  # (name, value) in the order written


@dataclass(frozen=True)
class InlineElement:
    """One TMX 1.4b inline element (Inline elements) with its attributes and content, as read.

    :param element: ``bpt``, ``ept``, ``it``, ``ph``, ``ut`` (native codes: their text is the
        code, e.g. ``<a href="rules.html">``, not the segment's text), ``hi`` (highlighted
        segment text) or ``sub`` (a sub-flow inside a native code).
    :param attributes: ``i``, ``x``, ``type``, ``pos``, ``assoc``, ``datatype`` … as
        ``(name, value)`` pairs in the order written. A ``bpt`` and its ``ept`` share ``i``;
        ``x`` links a code to its counterpart on the other side of the unit.
    :param content: text and nested inline elements, in order.

    >>> link = InlineElement("bpt", (("i", "1"), ("x", "1")), ('<a href="rules.html">',))
    >>> plain_text(("See ", link, "the rules", InlineElement("ept", (("i", "1"),), ("</a>",))))
    'See the rules'
    """

    element: str
    attributes: Attributes = ()
    content: tuple[str | InlineElement, ...] = ()

    def get(self, name: str) -> str | None:
        """The value of attribute *name*, or ``None``."""
        return next((value for key, value in self.attributes if key == name), None)


Content = tuple[str | InlineElement, ...]  # a segment: text and inline elements, in order


def plain_text(content: Content) -> str:
    """The text of a segment without its codes: its strings and the text of its ``hi``
    elements; a native code's content (and any ``sub`` in it) is the code, not text."""
    return "".join(
        part if isinstance(part, str) else plain_text(part.content) if part.element == "hi" else ""
        for part in content
    )


STANDALONE_CODES = frozenset({"ph", "it", "ut"})  # a code of its own, not a pair around text
_BOUNDARY = "\x00"  # stands for a standalone code until it is decided (XML has no U+0000)


def check_text(content: Content) -> str:
    """The text of a segment as the term and consistency checks read it: :func:`plain_text`,
    but a standalone code (``ph``, ``it``, ``ut``: a line break, an image, a field) between
    two characters that are not white space is a space, as CAT tools' QA reads it
    (``Port<ph>&lt;br/&gt;</ph>Atirau`` is ``Port Atirau``, not ``PortAtirau``).

    A ``bpt``/``ept`` pair marks up text in place (``<b>Atir</b>au`` is one word), and ``hi``
    is text, so neither separates words; a ``sub`` is a sub-flow of its code (an image's alt
    text), a text of its own, not part of the sentence. A code beside white space or at
    either end adds nothing. The unit's own text, and the TMX written, are unchanged.

    >>> br = InlineElement("ph", (("x", "1"),), ("<br/>",))
    >>> check_text(("Port", br, "Atirau")), check_text(("Port ", br, " Atyrau", br))
    ('Port Atirau', 'Port  Atyrau')
    """
    marked = "".join(_check_parts(content))
    return re.sub(f"(?<=\\S){_BOUNDARY}+(?=\\S)", " ", marked).replace(_BOUNDARY, "")


def _check_parts(content: Content) -> Iterator[str]:
    for part in content:
        if isinstance(part, str):
            yield part
        elif part.element == "hi":
            yield from _check_parts(part.content)
        elif part.element in STANDALONE_CODES:
            yield _BOUNDARY


def has_codes(content: Content) -> bool:
    """Whether *content* holds a native code (``bpt``, ``ept``, ``it``, ``ph``, ``ut``)."""
    return any(
        not isinstance(part, str) and (part.element in NATIVE_CODES or has_codes(part.content))
        for part in content
    )


@dataclass(frozen=True)
class Annotation:
    """A ``<prop>`` or ``<note>`` of a tu or tuv (TMX 1.4b, Structural elements), kept as written.

    :param element: ``prop`` or ``note``.
    :param text: its text.
    :param attributes: ``type`` (a prop's), ``xml:lang`` (as ``{…XML namespace…}lang``),
        ``o-encoding``, as ``(name, value)`` pairs in the order written.
    """

    element: str
    text: str
    attributes: Attributes = ()


@dataclass(frozen=True)
class Tuv:
    """What one ``<tuv>`` holds besides its language and plain text (TMX 1.4b ``<tuv>``).

    :param attributes: the tuv's attributes other than ``xml:lang`` (``changedate``,
        ``creationid``, ``o-encoding`` …).
    :param annotations: its ``<note>`` and ``<prop>`` elements, in order.
    :param content: the ``<seg>`` with its inline elements when it has any, else ``()``: the
        text alone is the unit's ``source`` or ``target``, which is ``plain_text(content)``.
    """

    attributes: Attributes = ()
    annotations: tuple[Annotation, ...] = ()
    content: Content = ()


PLAIN = Tuv()


@dataclass(frozen=True)
class Absorbed:
    """One unit a merged unit stands for (``tmkit merge``: duplicates collapse into one), so
    that reading it again, in an input or in another merge's output, counts it once.

    :param made: the digest of who created and changed it when (the ``creationdate``,
        ``creationid``, ``changedate`` and ``changeid`` of its tu and of each tuv).
    :param tuid: the digest of its ``tuid``, ``None`` when its tu had none.
    :param usagecounts: its ``usagecount`` on the tu, the source tuv and the target tuv
        (``None`` where it had none).
    :param occurrences: its occurrences.
    """

    made: bytes
    tuid: bytes | None
    usagecounts: tuple[int | None, int | None, int | None]
    occurrences: int = 1


@dataclass(frozen=True)
class TranslationUnit:
    """A Persian source and its English target, with where they come from.

    :param tuid: stable id, ``<document>:<bead>`` for units tmkit aligns (e.g.
        ``caucasus-oil-policy:b12``); kept as given for units read from another tool's TMX.
    :param source: the source text (one or more segments joined by a space).
    :param target: the target text (one or more sentences joined by a space).
    :param document: the document pair's id (``caucasus-oil-policy``), or ``""``.
    :param source_blocks: the source block ids the segments belong to (``p3``, ``fn2``).
    :param target_blocks: the same on the target side.
    :param kind: the source blocks' kind (``body``, ``heading``, ``footnote`` ...).
    :param score: the aligner's confidence in ``[0, 1]``, or ``None`` when not aligned by tmkit.
    :param occurrences: how many times this exact pair occurs (duplicates collapse into one).
    :param flag: why the aligner doubts this unit (e.g. ``numbers differ (1 on one side
        only)``) when its score is below the project's flag threshold, else ``""``. A flagged
        unit stays out of the TMX and is fuzzy in PO.
    :param attributes: the tu's TMX attributes other than ``tuid`` (``creationdate``,
        ``changedate``, ``usagecount``, ``lastusagedate``, ``creationid``, ``changeid``,
        ``o-tmf``, ``segtype``, ``datatype``, ``srclang``, ``o-encoding``, ``creationtool`` …),
        as read; ``()`` for a unit tmkit made.
    :param annotations: the tu's ``<note>`` and ``<prop>`` elements other than tmkit's own.
    :param source_tuv: the source tuv's attributes, annotations and inline elements.
    :param target_tuv: the same for the target.
    :param context: the context the source is translated in (an ordinary PO's ``msgctxt``; a
        TMX tu's context props, :func:`tm.tmx.translation_context`):
        units of different contexts may translate one source differently; ``""`` for none.
    :param entry: the PO entry a plural form comes from (``<id>``): the forms of one entry are
        never compared with each other; ``""`` for a unit that is an entry of its own.
    :param into_persian: the Persian side is the translation of the English (an en→fa TMX, a
        PO translated into Persian): ``source`` still holds the Persian, which the term rules
        read, and ``tmkit check`` names the sides, and keys consistency, by the real direction.
    :param origin: the file the unit was read from, as ``tmkit check`` names it in a message
        about two units of different files; ``""`` when not said. Never written.
    :param absorbed: the units a merge collapsed into this one (:class:`Absorbed`, written as
        ``<prop type="x-merged-units">``), ``()`` for a unit that stands for itself alone.
    :param repeat: how many units before this one in its file are the same record (the same
        pair, tuid, dates and ids: a bulk import's identical tu): a record of its own, which a
        merge counts beside them (their ``usagecount`` summed), where the same record read
        from two files, or one file read twice, counts once; ``0`` for the first. Never
        written but in the digests of ``x-merged-units``.
    :param tuid_made: whether *tuid* is the name a reader gave a tu that had none (TMX's
        ``tuid`` is optional: Trados, memoQ and OmegaT write none), ``<file stem>:<position>``:
        it names the unit in messages only, is never written (the tu is written without a
        tuid, as it was read) and never tells two units apart.
    :raises ValueError: a tuv's content whose plain text is not the unit's text.
    """

    tuid: str
    source: str
    target: str
    srclang: str = SOURCE_LANGUAGE
    tgtlang: str = TARGET_LANGUAGE
    document: str = ""
    source_blocks: tuple[str, ...] = ()
    target_blocks: tuple[str, ...] = ()
    kind: str = "body"
    score: float | None = None
    occurrences: int = 1
    flag: str = ""
    attributes: Attributes = ()
    annotations: tuple[Annotation, ...] = ()
    source_tuv: Tuv = PLAIN
    target_tuv: Tuv = PLAIN
    context: str = ""
    entry: str = ""
    origin: str = ""
    into_persian: bool = False
    repeat: int = 0
    tuid_made: bool = False
    absorbed: tuple[Absorbed, ...] = ()

    def __post_init__(self) -> None:
        for side, text, tuv in (
            ("source", self.source, self.source_tuv),
            ("target", self.target, self.target_tuv),
        ):
            if tuv.content and plain_text(tuv.content) != text:
                raise ValueError(f"tu {self.tuid!r}: the {side} content is not its text")

    def for_checks(self) -> TranslationUnit:
        """This unit as ``tmkit check`` reads it: source and target as :func:`check_text`
        gives them (a standalone code is a word boundary), without the codes themselves."""
        if not (self.source_tuv.content or self.target_tuv.content):
            return self
        return replace(
            self,
            source=check_text(self.source_tuv.content) if self.source_tuv.content else self.source,
            target=check_text(self.target_tuv.content) if self.target_tuv.content else self.target,
            source_tuv=replace(self.source_tuv, content=()),
            target_tuv=replace(self.target_tuv, content=()),
        )

    def get(self, name: str) -> str | None:
        """The value of the tu attribute *name* (``changedate`` …), or ``None``."""
        return next((value for key, value in self.attributes if key == name), None)

    @property
    def flagged(self) -> bool:
        """Whether the aligner flagged this unit (see *flag*)."""
        return bool(self.flag)


def is_empty(unit: TranslationUnit) -> bool:
    """Whether *unit*'s source or target is empty (:func:`is_blank`): a merge leaves it out."""
    return is_blank(unit.source, unit.source_tuv) or is_blank(unit.target, unit.target_tuv)


def is_blank(text: str, tuv: Tuv) -> bool:
    """Whether a segment of plain *text* and *tuv*'s content shows nothing to translate: no
    native code, and nothing but whitespace (a no-break space too) and invisible format
    characters (ZWNJ, ZWJ, RLM, LRM, a BOM …: Unicode's ``Cf``).

    >>> is_blank("\u200c\u00a0\u200f", PLAIN), is_blank("\u200cی", PLAIN)
    (True, False)
    """
    invisible = all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)
    return invisible and not has_codes(tuv.content)
