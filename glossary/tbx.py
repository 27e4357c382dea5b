"""TBX: the glossary as a TermBase eXchange file for CAT tools, and a TBX read back into one.

Format facts implemented (TBX v3, ISO 30042:2019, the TBX-Basic dialect in its DCA style, as the
LTAC-Global/TBX-Basic_dialect schemas define it; and the older TBX 2008 form on request):

- UTF-8 with ``<?xml version="1.0" encoding="UTF-8"?>``, no DOCTYPE, LF line ends, two-space
  indentation and a final newline; the same glossary always gives the same bytes (no dates).
- TBX v3: ``<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">``
  holding ``<tbxHeader><fileDesc><sourceDesc><p>`` (tool and version) and ``<text><body>``.
  TBX 2008 (``version=2``): ``<martif type="TBX-Basic" xml:lang="en">``, ``<martifHeader>``
  with the XCS ``TBXBasicXCSV02.xcs``, ``<termEntry>``, ``<langSet>``, ``<tig>`` and
  ``<refObjectList>`` instead of ``<conceptEntry>``, ``<langSec>``, ``<termSec>`` and
  ``<refObjectSec>``; the content is the same. (The issue's "termEntry" is TBX 2008's name
  for v3's conceptEntry.) Checked: OmegaT 3.6's TBX reader (JAXB on ``<martif>``) loads every
  term of this form and refuses v3 ("unexpected element tbx"); translate-toolkit reads only
  this form too; it validates against the TBX 2008 core schema OmegaT ships (``tbx.xsd``).
- One concept entry a concept, in the glossary's order, ``id`` = the concept id (written as it
  is: a TBX validator wants an XML name, which ids starting with a digit are not). In it:
  ``<descrip type="subjectField">`` = the domain id, ``<admin type="source">`` = the source,
  ``<note>`` = the note (each only when not empty), then ``<langSec xml:lang="fa">`` and
  ``<langSec xml:lang="en">``. Each form of the concept is one term section: ``<term>``, then
  ``<termNote type="partOfSpeech">`` (the concept's part of speech, on every term, when there
  is one; TBX-Basic's picklist is noun, verb, adjective, adverb, other: other values are
  written as they are, which a TBX-Basic validator reports) and ``<termNote
  type="administrativeStatus">``. The Persian section holds the term then its variants; the
  English one the term, the allowed variants, then the forbidden forms.
- administrativeStatus takes one of TBX-Basic's four values (its user-facing names in
  parentheses, from the ISOcat data category registry):

  ============================  ==========================================================
  preferredTerm-admn-sts        (preferred) the term of an approved concept
  admittedTerm-admn-sts         (admitted) variants; the term of a proposed concept
  supersededTerm-admn-sts       (obsolete) every term and variant of a deprecated concept
  deprecatedTerm-admn-sts       (not recommended: "should not be used") forbidden forms
  ============================  ==========================================================

  TBX-Basic has no data category for a concept's status, and a custom ``<admin>`` type is
  invalid in it, so the status travels in the main terms' administrativeStatus: approved is
  preferred, proposed admitted, deprecated superseded.
- "Case-sensitive" has no TBX-Basic data category either: it is ``<note>case-sensitive</note>``
  on the English language section.
- The domains (id, name, description) follow the body as back matter, ``<back><refObjectSec
  type="subjectField">``, one ``<refObject>`` a domain with ``<item type="id|name|description">``
  (the description only when there is one), since a subject field is only a name in TBX.

Characters XML 1.0 cannot carry (control characters other than tab, LF and CR) raise
:class:`GlossaryError` naming the concept and the field; the target is left as it was (written
to a temporary file beside it, then renamed). An empty glossary gives an empty ``<body>``:
well-formed, though TBX wants at least one entry.

Reading accepts both forms, with or without a namespace (v3's ``ed-2`` or the dialect's ``ed:3.0``),
``tig`` or ``ntig``, v3 in the DCA style (``<descrip type="subjectField">``) or the DCT style (ISO
30042:2019 5.4: a data category is an element of the dialect's namespace named by it,
``<basic:subjectField>``, ``<basic:administrativeStatus>``), each DCT element read as its DCA twin;
administrativeStatus with or without ``-admn-sts`` and in TBX-Basic's user-facing names as TermWeb
exports them (any case): ``preferred`` (the term of an approved concept), ``admitted`` (a variant),
``notRecommended``, ``deprecated`` and ``forbidden`` (English: a forbidden form),
``superseded``/``obsolete`` (a deprecated concept's term): the vocabulary term lists share
(:func:`glossary.fields.term_status`), and TBX 2008's standardized, legal and regulated terms as
preferred. The file is streamed (each entry cleared once read) and parsed without loading a DTD,
expanding entities or touching the network: a DOCTYPE that declares an entity is refused, as is
malformed XML (line and column). Only Persian and English sections are read, their tags read as
:mod:`corpus.languages` reads every tag (``fa``, ``fa-IR``, ``FA-ir``, ``fa_IR``, ``pes``,
``pes-IR``, ``prs`` are Persian). An entry with Persian sections of several varieties (``prs`` or
``fa-AF``, Dari, beside ``fa`` or ``fa-IR``; :func:`corpus.languages.variety`) takes its term from
the sections of Persian of Iran (else the first section's variety), the others' terms are its
variants, and a note names the entry. A data category's name is read in any case and spacing
(qTerm's ``<descrip type="Definition">``), and ``Subject`` (qTerm, MultiTerm) is subjectField. A
term's white space is XML layout (ISO 30042 keeps ``<term>`` plain text; a pretty-printer's
indentation or wrap is none of it): runs of space, tab, CR and LF are one space, none at the
ends, in every term and variant and in each labelled line of the note (a definition, a context,
a section's or term's note: one element, one line); the entry's ``<note>`` and a source keep
their text as written (tmkit writes a note's lines there). A ZWNJ is no white space. A variant
that is the term again (the same characters) is left out; one that differs by a ZWNJ is kept. A
subject field that is no id (IATE's ``energy policy; oil industry``) becomes one from its first
field (``energy-policy``), the domain added with that field as its name and the whole text as
its description. In a section the main term is the first preferred one (else the
first admitted or unmarked, else the first superseded, else the first); English terms marked
deprecated are the forbidden forms; the concept status comes from the main term (no status:
approved). What tmkit writes reads back as the same glossary. The data categories a concept's fields
take: subjectField → domain; source (``<admin>``, at any level) → source; the entry's ``<note>`` →
note; definitions and contexts (``<descrip type="definition|context">``) and the notes of a language
section or a term, at any level and in a ``descripGrp``, go into the note, one line each and
labelled: ``definition: …`` (the entry's), ``definition (en): …`` (a language section's), ``context
(strait): …`` and ``note (strait): …`` (a term's); administrativeStatus (or TBX 2008's
normativeAuthorization) → status, variants and forbidden forms; partOfSpeech → pos. Left out, and
counted in ``left_out`` by element (``tmkit glossary import`` names them on stderr): every other
data category (transactions ``<transacGrp>``, cross-references ``<xref>``/``<ref>``, termType,
geographicalUsage and other ``<termNote>``, other ``<descrip>`` and ``<admin>`` types) and the
sections of other languages. An entry without ``id`` gets ``<file stem>-<position>``; an entry
without a Persian or an English term is an error naming its line (or, with ``skipped``, left out and
its id listed, as ``tmkit glossary import`` does; a file with entries none of which has both is an
error even so: "no Persian: none of its 5 entries has a Persian term (languages: de, en)"). A domain
exists only when the file has tmkit's domain table: a TBX from another tool reads with no domains.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from corpus import xmlsafe
from corpus.atomic import atomic_output
from corpus.languages import is_english, is_persian, variety
from glossary import fields
from glossary.model import Domain, Glossary, GlossaryError, Status, Term

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACE = "urn:iso:std:iso:30042:ed-2"  # TBX v3 (ISO 30042:2019)
PERSIAN, ENGLISH = "fa", "en"
CASE_SENSITIVE_NOTE = "case-sensitive"
DOMAINS = "subjectField"  # the refObjectSec type of the domain table

PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
SUPERSEDED = "supersededTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
MAIN_STATUS = {Status.APPROVED: PREFERRED, Status.PROPOSED: ADMITTED, Status.DEPRECATED: SUPERSEDED}
VARIANT_STATUS = {
    Status.APPROVED: ADMITTED,
    Status.PROPOSED: ADMITTED,
    Status.DEPRECATED: SUPERSEDED,
}
KEPT_IN_NOTE = ("definition", "context")  # descrip types the note keeps as "definition: …"
STATUS_TYPES = ("administrativeStatus", "normativeAuthorization")  # TBX 2008 used either
_READ_STATUS = {
    fields.PREFERRED: PREFERRED,
    fields.ADMITTED: ADMITTED,
    fields.DEPRECATED: DEPRECATED,
    fields.SUPERSEDED: SUPERSEDED,
}  # the shared vocabulary (glossary.fields.term_status) as TBX-Basic's values
CONCEPT_STATUS = {tbx: fields.CONCEPT_STATUS[name] for name, tbx in _READ_STATUS.items()}
# TBX v3's DCT style: a data category is an element of the dialect's namespace named by it
# (<basic:subjectField>), read as the DCA style's element of that type (<descrip
# type="subjectField">); TBX-Basic's data categories and the element each is in the DCA style
DCT_ELEMENTS = {
    "administrativeStatus": "termNote", "normativeAuthorization": "termNote",
    "partOfSpeech": "termNote", "termType": "termNote", "grammaticalGender": "termNote",
    "geographicalUsage": "termNote", "termLocation": "termNote",
    "subjectField": "descrip", "definition": "descrip", "context": "descrip",
    "source": "admin", "customerSubset": "admin", "projectSubset": "admin",
    "crossReference": "ref", "externalCrossReference": "xref", "xGraphic": "xref",
}  # fmt: skip
# A data category's name read in any case, as tools write them (qTerm's "Definition"), and the
# names tools give TBX-Basic's subjectField (qTerm's and MultiTerm's "Subject")
CATEGORY_NAMES = {
    **{name.casefold(): name for name in (*DCT_ELEMENTS, *STATUS_TYPES, *KEPT_IN_NOTE)},
    "subject": "subjectField", "subjectfield": "subjectField",
}  # fmt: skip
IRAN = variety(PERSIAN)  # Persian of Iran, the main term's variety when an entry has several
_LAYOUT = re.compile("[ \t\r\n]+")  # XML's white space (never a ZWNJ or a no-break space)


@dataclass
class _Found:
    """What an entry's data categories give: domains, sources, notes (the entry's own), and
    the definitions, contexts and notes of its sections and terms, labelled."""

    domain: list[str] = dataclasses.field(default_factory=list)
    source: list[str] = dataclasses.field(default_factory=list)
    note: list[str] = dataclasses.field(default_factory=list)
    labelled: list[str] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class _Form:
    """The element names of one TBX form: TBX v3 and TBX 2008 differ in names only."""

    root: str
    header: str
    entry: str
    language: str
    term: str
    references: str


V3 = _Form("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec", "refObjectSec")
V2 = _Form("martif", "martifHeader", "termEntry", "langSet", "tig", "refObjectList")
_ROOTS = {V3.root: V3, V2.root: V2}


def write_tbx(glossary: Glossary, path: Path, *, version: int = 3) -> int:
    """Write *glossary* to *path* as TBX-Basic; return how many concepts were written.

    Streams one concept entry at a time; nothing replaces *path* until the last one is written.

    :param version: 3 for TBX v3 (ISO 30042:2019), 2 for TBX 2008 (``<martif>``), which OmegaT
        3.6 and translate-toolkit read.
    :raises GlossaryError: a value with a character XML 1.0 cannot carry (naming the concept and
        field), an unknown version, or a folder that cannot be written.

    Example::

        write_tbx(load_glossary(Path("glossary/terms.xlsx")), Path("out/terms.tbx"))
    """
    path = Path(path)
    if version not in (2, 3):
        raise GlossaryError(str(path), f"unknown TBX version {version}", hint="use 3 or 2")
    form = V3 if version == 3 else V2
    try:
        with atomic_output(path, binary=True, error=GlossaryError) as out:
            written = _write_document(out, path, form, glossary)
    except OSError as err:
        raise GlossaryError(str(path), f"cannot write ({err.strerror})") from err
    return written


def _write_document(out: BinaryIO, path: Path, form: _Form, glossary: Glossary) -> int:
    # The root's tags are written by hand: lxml's incremental writer (etree.xmlfile) binds
    # xml:lang to a made-up prefix. Entries are built in no namespace and take the root's.
    namespace = f' xmlns="{NAMESPACE}"' if form is V3 else ""
    style = ' style="dca"' if form is V3 else ""
    out.write(
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{form.root} type="TBX-Basic"{style} xml:lang="en"{namespace}>\n'.encode()
    )
    out.write(_serialized(_header(form), 1))
    out.write(b"  <text>\n    <body>\n")
    written = 0
    for term in glossary.terms:
        out.write(_serialized(_entry(path, form, term), 3))
        written += 1
    out.write(b"    </body>\n")
    if glossary.domains:
        out.write(_serialized(_back(path, form, glossary.domains), 2))
    out.write(f"  </text>\n</{form.root}>\n".encode())
    return written


def _serialized(element: etree._Element, level: int) -> bytes:
    etree.indent(element, space="  ", level=level)
    return b"  " * level + etree.tostring(element, encoding="utf-8") + b"\n"


def _header(form: _Form) -> etree._Element:
    header = etree.Element(form.header)
    file_desc = etree.SubElement(header, "fileDesc")
    source = etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p")
    source.text = f"Exported by tmkit {_tmkit_version()} from a tmkit glossary"
    if form is V2:
        xcs = etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI")
        xcs.text = "TBXBasicXCSV02.xcs"
    return header


def _tmkit_version() -> str:
    try:
        return metadata.version("tmkit")
    except metadata.PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"


def _entry(path: Path, form: _Form, term: Term) -> etree._Element:
    owner = f"concept {term.id!r}"
    entry = etree.Element(form.entry, id=_checked(path, term.id, owner, "id"))
    for tag, kind, value, field in (
        ("descrip", "subjectField", term.domain, "domain"),
        ("admin", "source", term.source, "source"),
        ("note", None, term.note, "note"),
    ):
        if value:
            element = (
                etree.SubElement(entry, tag, type=kind) if kind else etree.SubElement(entry, tag)
            )
            element.text = _checked(path, value, owner, field)
    persian = etree.SubElement(entry, form.language, {XML_LANG: PERSIAN})
    english = etree.SubElement(entry, form.language, {XML_LANG: ENGLISH})
    if term.case_sensitive:
        etree.SubElement(english, "note").text = CASE_SENSITIVE_NOTE
    main, variant = MAIN_STATUS[term.status], VARIANT_STATUS[term.status]
    for section, forms, field in (
        (persian, [(term.fa, main)] + [(v, variant) for v in term.fa_variants], "Persian"),
        (
            english,
            [(term.en, main)]
            + [(v, variant) for v in term.en_variants]
            + [(f, DEPRECATED) for f in term.forbidden],
            "English",
        ),
    ):
        for text, status in forms:
            term_section = etree.SubElement(section, form.term)
            etree.SubElement(term_section, "term").text = _checked(path, text, owner, field)
            if term.pos:
                pos = etree.SubElement(term_section, "termNote", type="partOfSpeech")
                pos.text = _checked(path, term.pos, owner, "part of speech")
            etree.SubElement(term_section, "termNote", type="administrativeStatus").text = status
    return entry


def _back(path: Path, form: _Form, domains: Iterable[Domain]) -> etree._Element:
    back = etree.Element("back")
    table = etree.SubElement(back, form.references, type=DOMAINS)
    for domain in domains:
        reference = etree.SubElement(table, "refObject")
        owner = f"domain {domain.id!r}"
        for kind, value in (
            ("id", domain.id),
            ("name", domain.name),
            ("description", domain.description),
        ):
            if value or kind != "description":
                item = etree.SubElement(reference, "item", type=kind)
                item.text = _checked(path, value, owner, kind)
    return back


def _checked(path: Path, value: str, owner: str, field: str) -> str:
    hint = "remove the character or replace it in the workbook"
    return xmlsafe.xml_text(GlossaryError, path, value, owner, field, hint)


def read_tbx(
    path: str | Path,
    *,
    skipped: list[str] | None = None,
    left_out: Counter[str] | None = None,
    notes: list[str] | None = None,
) -> Glossary:
    """Read a TBX file (TBX v3 or TBX 2008, any tool) into a :class:`Glossary`.

    :param skipped: when given, an entry without a Persian or an English term is left out and
        its id appended here (what ``tmkit glossary import`` does) instead of being an error.
    :param left_out: when given, counts the elements that were not imported (a data category
        the workbook has no place for, a section in another language), each named as in the
        file: ``<transacGrp>``, ``<termNote type="termType">``, ``<langSet xml:lang="de">``.
    :param notes: when given, what the reading changed is appended here, each naming its entry
        or value: an entry mixing Persian varieties (the term of Persian of Iran is the main
        one), a subject field that is no id made one (``energy policy; oil industry`` →
        ``energy-policy``, the text kept as its domain's description), the terms holding
        several forms split (``<term>pipeline; pipe line</term>``: the term and a variant).

    :raises GlossaryError: the file cannot be read, is not well-formed XML (``path:line:column:
        not well-formed XML: …``), is not TBX, declares entities, has two entries with one id,
        an entry without a Persian or an English term, or an administrativeStatus tmkit does
        not know.

    Example::

        glossary = read_tbx("memoq-export.tbx")
        print(len(glossary.terms), "concepts")
    """
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as err:
        raise GlossaryError(str(path), f"cannot read ({err.strerror})") from err
    reader = _Reader(str(path), path.stem, skipped)
    with stream:
        events = xmlsafe.iterparse(stream, events=("start", "end"))
        try:
            for event, element in events:
                reader.read(event, element)
        except etree.XMLSyntaxError as err:
            raise xmlsafe.malformed(GlossaryError, path, err) from err
    if reader.form is None:
        raise GlossaryError(str(path), "not a TBX file (no root element)")
    if reader.entries and not reader.terms:
        raise reader.nothing_imported()
    if left_out is not None:
        left_out.update(reader.left_out)
    glossary, split = fields.with_forms_split(Glossary(tuple(reader.terms), tuple(reader.domains)))
    glossary, made = fields.with_domain_ids(glossary)
    if notes is not None:
        notes.extend([*reader.notes, *fields.split_note(split), *made])
    return glossary


class _Reader:
    """What reading one file has found so far."""

    def __init__(self, path: str, stem: str, skipped: list[str] | None = None) -> None:
        self.path = path
        self.skipped = skipped
        self.entries = 0
        self.lines: dict[str, int | None] = {}  # each concept id's line
        self.stem = stem
        self.form: _Form | None = None
        self.terms: list[Term] = []
        self.domains: list[Domain] = []
        self.languages: dict[str, None] = {}  # every language section's tag, in order
        self.left_out: Counter[str] = Counter()  # data categories not imported, by element
        self.namespace: str | None = None  # the root's: another is a DCT-style data category
        self.notes: list[str] = []  # what the import changed, each naming its entry

    def read(self, event: str, element: etree._Element) -> None:
        name = _local(element.tag)
        if self.form is None:
            self.check_root(element, name)
            return
        if event != "end":
            return
        if name == self.form.entry:
            self.entries += 1
            term = self.read_entry(element, self.form)
            if term is not None:
                self.terms.append(term)
        elif name == self.form.references and element.get("type") == DOMAINS:
            self.domains.extend(self.read_domains(element))
        else:
            return
        element.clear(keep_tail=False)
        while element.getprevious() is not None:
            del element.getparent()[0]

    def check_root(self, root: etree._Element, name: str) -> None:
        if name not in _ROOTS:
            raise GlossaryError(
                self.path,
                f"not a TBX file (the root element is <{name}>, expected <tbx> or <martif>)",
                line=root.sourceline,
            )
        xmlsafe.refuse_entities(GlossaryError, self.path, root, "TBX")
        self.form = _ROOTS[name]
        self.namespace = etree.QName(root).namespace

    def read_entry(self, entry: etree._Element, form: _Form) -> Term | None:
        found = _Found()
        # language → variety (Persian: of Iran, Dari …; one for English) → its tag and terms
        sections: dict[str, dict[str, tuple[str, list[tuple[str, str | None, str]]]]] = {}
        case_sensitive = False
        for child in entry:
            name = _local(child.tag)
            if name != form.language:
                self.read_data(child, found, "")
                continue
            tag = (child.get(XML_LANG) or child.get("lang") or "").strip()
            self.languages[tag] = None
            language = _language(tag)
            if language not in (PERSIAN, ENGLISH):
                self.left_out[f'<{name} xml:lang="{tag}">'] += 1
                continue
            # a second section of one language (en-US and en-GB; fa-IR and prs) adds its terms
            kind = variety(tag) if language == PERSIAN else language
            varieties = sections.setdefault(language, {})
            varieties.setdefault(kind, (tag, []))[1].extend(self.read_terms(child, language, found))
            case_sensitive |= language == ENGLISH and any(
                _local(c.tag) == "note" and self.text(c) == CASE_SENSITIVE_NOTE for c in child
            )
        concept = entry.get("id") or f"{self.stem}-{self.entries}"
        if concept in self.lines:
            raise GlossaryError(
                self.path, f"duplicate concept id {concept!r}", line=entry.sourceline,
                hint=f"also on line {self.lines[concept]}; give each entry its own id",
            )  # fmt: skip
        self.lines[concept] = entry.sourceline
        forms = {
            language: [form for _, terms in varieties.values() for form in terms]
            for language, varieties in sections.items()
        }
        for language, label in ((PERSIAN, "Persian"), (ENGLISH, "English")):
            if not forms.get(language) and self.skipped is not None:
                self.skipped.append(concept)
                return None
            if not forms.get(language):
                raise GlossaryError(
                    self.path,
                    f"concept {concept!r} has no {label} term",
                    line=entry.sourceline,
                    hint=f"add a {form.language} with xml:lang={language!r} holding a term",
                )
        persian, others = self.main_variety(concept, sections[PERSIAN])
        fa, fa_status, fa_variants, _ = _split(persian, forbidden=False)
        en, en_status, en_variants, forbidden = _split(forms[ENGLISH], forbidden=True)
        status = fa_status or en_status
        pos = next((p for _, _, p in forms[PERSIAN] + forms[ENGLISH] if p), "")
        return Term(
            id=concept,
            domain="; ".join(found.domain),
            fa=fa,
            en=en,
            status=Status.APPROVED if status is None else CONCEPT_STATUS[status],
            fa_variants=fields.distinct_variants(fa, (*fa_variants, *others)),
            en_variants=fields.distinct_variants(en, en_variants),
            forbidden=forbidden,
            pos=pos,
            note="\n".join(found.note + found.labelled),
            source="; ".join(found.source),
            case_sensitive=case_sensitive,
        )

    def main_variety(
        self, concept: str, varieties: dict[str, tuple[str, list[tuple[str, str | None, str]]]]
    ) -> tuple[list[tuple[str, str | None, str]], list[str]]:
        """The Persian forms the main term is chosen from, and the other forms: of an entry
        with sections of several varieties (``prs`` or ``fa-AF`` beside ``fa-IR``), those of
        Persian of Iran (:func:`corpus.languages.variety`; else the first section's variety)
        give the term and the others' terms are variants, with a note naming the entry."""
        main = IRAN if IRAN in varieties else next(iter(varieties))
        others = [(tag, terms) for kind, (tag, terms) in varieties.items() if kind != main]
        if others:
            self.notes.append(
                f"entry {concept!r} mixes Persian varieties ({varieties[main][0]}, "
                f"{', '.join(tag for tag, _ in others)}): its {varieties[main][0]} term is the "
                "Persian term, the others' terms its variants"
            )
        return varieties[main][1], [text for _, terms in others for text, _, _ in terms]

    def read_data(self, element: etree._Element, found: _Found, label: str) -> None:
        """File one data category of an entry, a language section (*label* `` (en)``) or a term
        (`` (strait)``) into *found*, or count it as left out."""
        name, kind = self.category(element)
        if not name:  # a comment or processing instruction
            return
        if name in ("descripGrp", "termNoteGrp"):
            for child in element:
                self.read_data(child, found, label)
        elif (name, kind) == ("descrip", "subjectField"):
            found.domain.append(self.text(element))
        elif (name, kind) == ("admin", "source"):
            found.source.append(self.text(element))
        elif name == "note" and not label:
            found.note.append(self.text(element))
        elif name == "note" or (name == "descrip" and kind in KEPT_IN_NOTE):
            what = "note" if name == "note" else kind
            found.labelled.append(f"{what}{label}: {_form_text(self.text(element))}")
        elif self.is_dct(element):
            self.left_out[f"<{element.prefix}:{kind}>" if element.prefix else f"<{kind}>"] += 1
        else:
            self.left_out[f'<{name} type="{kind}">' if kind else f"<{name}>"] += 1

    def is_dct(self, element: etree._Element) -> bool:
        """Whether *element* is a data category in TBX v3's DCT style: an element of another
        namespace than the document's (the dialect's, ``<basic:subjectField>``)."""
        return isinstance(element.tag, str) and etree.QName(element).namespace not in (
            self.namespace,
            None,
        )

    def category(self, element: etree._Element) -> tuple[str, str | None]:
        """The DCA-style element name and type of a data category: ``<descrip
        type="subjectField">`` and its DCT-style form ``<basic:subjectField>`` both give
        ``("descrip", "subjectField")``; the name in any case and as tools name it (``<descrip
        type="Subject">``, ``"Definition"``: :data:`CATEGORY_NAMES`); "" for a comment or
        processing instruction."""
        name = _local(element.tag)
        if self.is_dct(element):
            kind = _category_name(name)
            return DCT_ELEMENTS.get(kind, kind), kind
        kind = element.get("type")
        return name, None if kind is None else _category_name(kind)

    def nothing_imported(self) -> GlossaryError:
        """The error of a file whose entries (some) all lack a Persian or an English term."""
        found = {_language(tag) for tag in self.languages}
        tags = ", ".join(tag or "none" for tag in self.languages) or "none"
        if PERSIAN not in found:
            message = f"no Persian: none of its {self.entries} entries has a Persian term"
        elif ENGLISH not in found:
            message = f"no English: none of its {self.entries} entries has an English term"
        else:
            message = f"none of its {self.entries} entries has both a Persian and an English term"
        return GlossaryError(
            self.path,
            f"{message} (languages: {tags})",
            hint="tmkit imports Persian↔English concepts: give each entry a Persian (fa) and "
            "an English (en) language section",
        )

    def read_terms(
        self, section: etree._Element, language: str, found: _Found
    ) -> list[tuple[str, str | None, str]]:
        """(term, administrativeStatus, part of speech) of each term section, in order; the
        other data of the section and its terms (definition, context, note …) filed into
        *found* in the file's order."""
        terms_found = []
        for term_section in section:
            name = _local(term_section.tag)
            if name == "note" and self.text(term_section) == CASE_SENSITIVE_NOTE:
                continue  # tmkit's case-sensitive mark (on the English section)
            if name == "ntig":  # TBX 2008: the term and its notes sit in a termGrp
                group = next((c for c in term_section if _local(c.tag) == "termGrp"), None)
                children = [*(group if group is not None else ()), *(
                    c for c in term_section if c is not group
                )]  # fmt: skip
            elif name in ("termSec", "tig"):
                children = list(term_section)
            else:
                self.read_data(term_section, found, f" ({language})")
                continue
            terms = [c for c in children if _local(c.tag) == "term"]
            if not terms:
                continue
            text = _form_text(self.text(terms[0]))
            status, pos = None, ""
            for child in children:
                if _local(child.tag) == "term":
                    continue
                notes = list(child) if _local(child.tag) == "termNoteGrp" else [child]
                for note in notes:
                    name, kind = self.category(note)
                    if name == "termNote" and kind == "partOfSpeech":
                        pos = pos or self.text(note)
                    elif name == "termNote" and kind in STATUS_TYPES:
                        status = self.status(note)
                    else:
                        self.read_data(note, found, f" ({text})")
            terms_found.append((text, status, pos))
        return terms_found

    def status(self, note: etree._Element) -> str:
        value = self.text(note).strip()
        found = fields.term_status(value)
        if not found:
            raise GlossaryError(
                self.path,
                f"unknown administrativeStatus {value!r}",
                line=note.sourceline,
                hint="expected preferredTerm-admn-sts, admittedTerm-admn-sts, "
                "deprecatedTerm-admn-sts or supersededTerm-admn-sts",
            )
        return _READ_STATUS[found]

    def read_domains(self, table: etree._Element) -> Iterator[Domain]:
        for reference in table:
            items = {
                item.get("type"): self.text(item)
                for item in reference
                if _local(item.tag) == "item"
            }
            if "id" in items:
                yield Domain(items["id"], items.get("name", ""), items.get("description", ""))

    def text(self, element: etree._Element) -> str:
        """The text of an element, markup such as ``<hi>`` dropped; entities refused."""
        parts = [element.text or ""]
        for child in element:
            xmlsafe.refuse_entity_reference(GlossaryError, self.path, child)
            if isinstance(child.tag, str):
                parts.append(self.text(child))
            parts.append(child.tail or "")
        return "".join(parts)


def _split(
    forms: list[tuple[str, str | None, str]], *, forbidden: bool
) -> tuple[str, str | None, tuple[str, ...], tuple[str, ...]]:
    """The main term, its status, the other allowed forms and (English) the forbidden ones."""
    main = next((i for i, (_, s, _) in enumerate(forms) if s == PREFERRED), None)
    if main is None:
        main = next((i for i, (_, s, _) in enumerate(forms) if s in (ADMITTED, None)), None)
    if main is None:
        main = next((i for i, (_, s, _) in enumerate(forms) if s == SUPERSEDED), 0)
    others = [f for i, f in enumerate(forms) if i != main]
    bad = tuple(t for t, s, _ in others if forbidden and s == DEPRECATED)
    allowed = tuple(t for t, s, _ in others if not (forbidden and s == DEPRECATED))
    return forms[main][0], forms[main][1], allowed, bad


def _language(tag: str) -> str:
    """``fa`` for a Persian tag, ``en`` for an English one (:mod:`corpus.languages`: ``fa-IR``,
    ``FA-ir``, ``fa_IR``, ``pes``, ``prs`` are Persian), else the tag."""
    if is_persian(tag):
        return PERSIAN
    return ENGLISH if is_english(tag) else tag


def _category_name(name: str) -> str:
    """A data category's name as TBX-Basic spells it, read in any case and spacing and by the
    names tools use (:data:`CATEGORY_NAMES`: ``Definition``, ``Subject``); another as given."""
    return CATEGORY_NAMES.get("".join(name.split()).casefold(), name)


def _form_text(text: str) -> str:
    """A term's text without its XML layout: runs of XML white space (space, tab, CR, LF: a
    pretty-printer's indentation or wrap inside ``<term>``) are one space, none at the ends;
    a ZWNJ or a no-break space is a character of the term, kept."""
    return _LAYOUT.sub(" ", text).strip(" ")


def _local(tag: object) -> str:
    """The element name without its namespace; "" for comments and processing instructions."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
