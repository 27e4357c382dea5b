"""Lint a glossary: mistakes an editor can make in the workbook, one small rule each.

Each rule has a static id, severity and title and yields :class:`LintFinding` values; it never
raises. :func:`lint` runs them all and returns the findings in sheet order. Given the
:class:`glossary.workbook.Layout` of a loaded workbook, findings name their cell
(``Terms!C14``). Spelling rules report what ``tmkit glossary format`` would rewrite; they never
rewrite anything themselves.

=====================  ========  ==========================================================
rule                   severity  fires on
=====================  ========  ==========================================================
duplicate-persian      error     a Persian form in two concepts with the same English
conflicting-english    error     a Persian form in two concepts with different English
forbidden-is-allowed   error     a forbidden form equal to the English term or a variant
empty-required         error     an empty id, domain, Persian term, English term or status
unknown-domain         error     a domain missing from the Domains sheet
unknown-status         error     a status other than approved, proposed or deprecated
wrong-script           error     Latin words (not acronyms) in Persian, Arabic in English
line-break             error     a line break in a cell other than a note
list-separator         error     a term or variant holding ``;``, ``|`` or ``؛`` (several forms)
variant-is-term        error     a variant that is its concept's term again
bad-domain-id          error     a domain that is no id (spaces, ``;``: a subject field's name)
stray-whitespace       warning   leading, trailing or doubled spaces
arabic-letters         warning   Arabic letter forms (ي ك ة …) in a Persian cell
lost-zwnj              warning   a Persian form that Persian normalization would respell
unused-term            warning   no Persian form occurs in the corpus (only given a corpus)
=====================  ========  ==========================================================

Persian forms are compared by :func:`corpus.normalize.matching_key` (ZWNJ, spaces, letter
variants and diacritics ignored); English forms without regard to case.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar, Literal

import ahocorasick

from corpus.normalize import LETTERS, PRESENTATION_FORMS, matching_key, normalize
from glossary.fields import (
    FORM_FIELDS,
    TERM_FIELDS,
    form_key,
    has_form_separator,
    is_identifier,
)
from glossary.model import COLUMNS, Glossary, Status, Term
from glossary.workbook import MULTILINE_FIELDS, PERSIAN_FIELDS, STATUSES, Layout

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"

HEADERS = {name: header for name, header, _ in COLUMNS}
REQUIRED = tuple(name for name, _, required in COLUMNS if required)
ENGLISH_FIELDS = ("en", "en_variants", "forbidden")
ARABIC_FORMS = {
    "ي": "ی", "ى": "ی", "ێ": "ی", "ك": "ک", "ڪ": "ک", "ة": "ه or ت", "ۂ": "ۀ", "ہ": "ه",
    "ە": "ه", "ھ": "ه", "ـ": "nothing (tatweel)",
    **{chr(0x660 + n): chr(0x6F0 + n) for n in range(10)},
}  # fmt: skip
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class LintFinding:
    """One problem in the glossary.

    :param cell: ``Terms!C14`` when the glossary was read from a workbook, else ``""``.
    """

    rule: str
    severity: Severity
    term: str
    cell: str
    message: str

    def __str__(self) -> str:
        place = self.cell or (f"concept {self.term!r}" if self.term else "glossary")
        return f"{place}: {self.severity}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class LintContext:
    """What the rules look at: the glossary, where its cells are, the corpus' matching keys."""

    glossary: Glossary
    layout: Layout
    corpus: tuple[str, ...] = ()

    def finding(self, rule: Rule, index: int, field: str, message: str) -> LintFinding:
        term = self.glossary.terms[index]
        cell = self.layout.cell(index, field)
        return LintFinding(rule.id, rule.severity, term.id, cell, message)


class Rule:
    """A lint rule: a static id, severity and title, and the findings over a glossary."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        raise NotImplementedError


def lint(
    glossary: Glossary,
    corpus_texts: Iterable[str] = (),
    *,
    layout: Layout | None = None,
    rules: Iterable[Rule] | None = None,
) -> list[LintFinding]:
    """Return the findings of every rule on *glossary*, concept by concept.

    >>> glossary, layout = read_glossary(path, strict=False)  # doctest: +SKIP
    >>> for finding in lint(glossary, persian_texts, layout=layout):  # doctest: +SKIP
    ...     print(f"{path}:{finding}")

    :param corpus_texts: Persian texts the terms should occur in; without any, ``unused-term``
        stays quiet.
    :param layout: where each concept sits in its workbook, so findings name cells.
    :param rules: the rules to run (default :data:`RULES`).
    """
    rules = tuple(RULES if rules is None else rules)
    corpus = tuple(key for key in (matching_key(text) for text in corpus_texts) if key)
    context = LintContext(glossary, layout or Layout(), corpus)
    position: dict[str, int] = {}
    for index, term in enumerate(glossary.terms):
        position.setdefault(term.id, index)
    order = {rule.id: n for n, rule in enumerate(rules)}
    findings = [finding for rule in rules for finding in rule.check(context)]
    return sorted(findings, key=lambda f: (position.get(f.term, len(position)), order[f.rule]))


class _PersianClash(Rule):
    """Persian forms (by matching key) that two concepts share, with or without the same English."""

    same_english: ClassVar[bool]

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        first: dict[str, tuple[int, str]] = {}
        terms = context.glossary.terms
        for index, term in enumerate(terms):
            reported: set[str] = set()
            for field, form in _persian(term):
                key = matching_key(form)
                if not key or key in reported:
                    continue
                if key not in first:
                    first[key] = (index, field)
                    continue
                other, other_field = first[key]
                if other == index:
                    continue
                reported.add(key)
                if _same_english(term, terms[other]) != self.same_english:
                    continue
                where = context.layout.cell(other, other_field)
                where = f"concept {terms[other].id!r}" + (f" ({where})" if where else "")
                yield context.finding(
                    self, index, field, self.message(form, term, terms[other], where)
                )

    def message(self, form: str, term: Term, other: Term, where: str) -> str:
        raise NotImplementedError


class DuplicatePersian(_PersianClash):
    id = "duplicate-persian"
    severity = ERROR
    title = "A Persian term or variant is in two concepts with the same English"
    same_english = True

    def message(self, form: str, term: Term, other: Term, where: str) -> str:
        return f"Persian {form!r} is also in {where}: merge the two concepts"


class ConflictingEnglish(_PersianClash):
    id = "conflicting-english"
    severity = ERROR
    title = "A Persian term or variant is in two concepts with different English"
    same_english = False

    def message(self, form: str, term: Term, other: Term, where: str) -> str:
        return (
            f"Persian {form!r} is {term.en!r} here but {other.en!r} in {where}: "
            "choose one English term"
        )


class ForbiddenIsAllowed(Rule):
    id = "forbidden-is-allowed"
    severity = ERROR
    title = "A forbidden English form equals the English term or an allowed variant"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, term in enumerate(context.glossary.terms):
            allowed = {_fold(form) for form in term.english_forms}
            for form in term.forbidden:
                if _fold(form) in allowed:
                    message = f"forbidden form {form!r} is also allowed for this concept"
                    yield context.finding(self, index, "forbidden", message)


class EmptyRequired(Rule):
    id = "empty-required"
    severity = ERROR
    title = "A required cell (id, domain, Persian term, English term, status) is empty"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, term in enumerate(context.glossary.terms):
            for field in REQUIRED:
                if not str(getattr(term, field)).strip():
                    message = f"empty {HEADERS[field]}"
                    yield context.finding(self, index, field, message)


class UnknownDomain(Rule):
    id = "unknown-domain"
    severity = ERROR
    title = "A concept's domain is not on the Domains sheet"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        known = {domain.id for domain in context.glossary.domains}
        if not known:  # a glossary that declares no domains (read from TSV) is not checked
            return
        expected = ", ".join(sorted(known))
        for index, term in enumerate(context.glossary.terms):
            domain = term.domain.strip()
            if domain and domain not in known and is_identifier(domain):  # else bad-domain-id
                message = f"unknown domain {domain!r} (expected {expected})"
                yield context.finding(self, index, "domain", message)


class UnknownStatus(Rule):
    id = "unknown-status"
    severity = ERROR
    title = "A status other than approved, proposed or deprecated"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        known = {status.value for status in Status}
        for index, term in enumerate(context.glossary.terms):
            status = str(term.status).strip()
            if status and status not in known:
                message = f"unknown status {status!r} (expected {STATUSES})"
                yield context.finding(self, index, "status", message)


class LineBreak(Rule):
    """A line break (Alt+Enter in Excel, or one pasted in) in a term, variant, id or other
    one-line cell: a term holding one never occurs in a segment, which is one line. A note
    may hold line breaks."""

    id = "line-break"
    severity = ERROR
    title = "A line break in a cell other than a note"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, field, text in _cells(context.glossary):
            if field not in MULTILINE_FIELDS and ("\n" in text or "\r" in text):
                message = f"a line break in {HEADERS[field]} {text!r}"
                yield context.finding(self, index, field, message)


class ListSeparator(Rule):
    """A term, variant or forbidden form holding a list separator (``;``, ``|``, ``؛``:
    :data:`glossary.model.FORM_SEPARATORS`): several forms typed into one (a workbook edited
    by hand), which as one form matches no text."""

    id = "list-separator"
    severity = ERROR
    title = "A term or variant holding a list separator (; | ؛)"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, field, text in _cells(context.glossary):
            if field in FORM_FIELDS and has_form_separator(text):
                message = (
                    f"a list separator in {HEADERS[field]} {text!r}: one form a term, "
                    "variants separated by ';' in their own cell"
                )
                yield context.finding(self, index, field, message)


class VariantIsTerm(Rule):
    """A variant that is the concept's term again (the same characters, white space folded;
    a spelling that differs by a ZWNJ is a variant of its own)."""

    id = "variant-is-term"
    severity = ERROR
    title = "A variant that is its concept's term again"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, term in enumerate(context.glossary.terms):
            for name, variants in TERM_FIELDS.items():
                main = form_key(getattr(term, name))
                for variant in getattr(term, variants):
                    if form_key(variant) == main:
                        message = f"{HEADERS[variants]} {variant!r} is the term itself"
                        yield context.finding(self, index, variants, message)


class BadDomainId(Rule):
    """A domain that is not an id: white space or a list separator in it (a TBX subject
    field's text, ``energy policy; oil industry``, typed in as the id)."""

    id = "bad-domain-id"
    severity = ERROR
    title = "A domain that is no id (white space or a list separator in it)"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, term in enumerate(context.glossary.terms):
            if term.domain.strip() and not is_identifier(term.domain.strip()):
                message = f"domain {term.domain!r} is no id (no spaces, ';', '|' in an id)"
                yield context.finding(self, index, "domain", message)


class StrayWhitespace(Rule):
    """Leading, trailing or doubled spaces; a note may hold line breaks (Alt+Enter in Excel,
    one line per definition or context of an imported TBX), each of its lines is checked."""

    id = "stray-whitespace"
    severity = WARNING
    title = "Leading, trailing or doubled spaces in a cell"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, field, text in _cells(context.glossary):
            if field in REQUIRED and not text.strip():
                continue  # empty-required's finding
            lines = text.split("\n") if field in MULTILINE_FIELDS else [text]
            problem = next(filter(None, map(_whitespace, lines)), "")
            if problem:
                message = f"{problem} in {HEADERS[field]} {text!r}"
                yield context.finding(self, index, field, message)


class WrongScript(Rule):
    id = "wrong-script"
    severity = ERROR
    title = "Latin words (not acronyms) in a Persian cell, or Arabic script in an English cell"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, field, text in _cells(context.glossary):
            if field in PERSIAN_FIELDS:
                words, script = _foreign_latin(text), "Latin letters"
            elif field in ENGLISH_FIELDS:
                words = _words(text, lambda c: bool(ARABIC_SCRIPT.match(c)) and c.isalnum())
                script = "Arabic script"
            else:
                continue
            if words:
                message = f"{script} {words!r} in {HEADERS[field]} {text!r}"
                yield context.finding(self, index, field, message)


class ArabicLetters(Rule):
    id = "arabic-letters"
    severity = WARNING
    title = "Arabic letter forms (ي ك ة …) in a Persian cell"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, term in enumerate(context.glossary.terms):
            for field, form in _persian(term):
                found = dict.fromkeys(c for c in form if c in ARABIC_FORMS)
                found.update(dict.fromkeys(PRESENTATION_FORMS.findall(form)))
                if found:
                    fixes = ", ".join(
                        f"{c} (U+{ord(c):04X}) → {ARABIC_FORMS.get(c, _plain(c))}" for c in found
                    )
                    message = f"Arabic letter forms in {form!r}: {fixes}"
                    yield context.finding(self, index, field, message)


class LostZwnj(Rule):
    id = "lost-zwnj"
    severity = WARNING
    title = "A Persian form that Persian normalization would respell (a lost or stray ZWNJ)"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        for index, term in enumerate(context.glossary.terms):
            for field, form in _persian(term):
                if _latin(form):  # wrong-script's finding; normalization would drop letters
                    continue
                # letter forms and spaces are other rules' findings
                spelled = " ".join(
                    unicodedata.normalize(
                        "NFC", PRESENTATION_FORMS.sub(lambda m: _plain(m.group()), form)
                    )
                    .translate(LETTERS)
                    .split()
                )
                fixed = normalize(spelled)
                if fixed != spelled:
                    message = f"{form!r} normalizes to {fixed!r} (tmkit glossary format fixes it)"
                    yield context.finding(self, index, field, message)


class UnusedTerm(Rule):
    id = "unused-term"
    severity = WARNING
    title = "No Persian form of the concept occurs in the corpus"

    def check(self, context: LintContext) -> Iterator[LintFinding]:
        if not context.corpus:
            return
        automaton = ahocorasick.Automaton()
        keys: dict[str, set[int]] = {}
        for index, term in enumerate(context.glossary.terms):
            for _, form in _persian(term):
                key = matching_key(form)
                if key:
                    keys.setdefault(key, set()).add(index)
        if not keys:
            return
        for key, indexes in keys.items():
            automaton.add_word(key, indexes)
        automaton.make_automaton()
        used: set[int] = set()
        for text in context.corpus:
            for _, indexes in automaton.iter(text):
                used |= indexes
        for index, term in enumerate(context.glossary.terms):
            if index not in used and term.fa.strip():
                message = "no Persian form of this concept occurs in the corpus"
                yield context.finding(self, index, "fa", message)


RULES: tuple[Rule, ...] = (
    DuplicatePersian(),
    ConflictingEnglish(),
    ForbiddenIsAllowed(),
    EmptyRequired(),
    UnknownDomain(),
    UnknownStatus(),
    WrongScript(),
    LineBreak(),
    ListSeparator(),
    VariantIsTerm(),
    BadDomainId(),
    StrayWhitespace(),
    ArabicLetters(),
    LostZwnj(),
    UnusedTerm(),
)


def _persian(term: Term) -> Iterator[tuple[str, str]]:
    yield "fa", term.fa
    for variant in term.fa_variants:
        yield "fa_variants", variant


def _cells(glossary: Glossary) -> Iterator[tuple[int, str, str]]:
    """Every text of every concept, with the concept's index and the field: plain cells and
    each item of a list cell."""
    for index, term in enumerate(glossary.terms):
        for name, _, _ in COLUMNS:
            value = getattr(term, name)
            if isinstance(value, tuple):
                for item in value:
                    yield index, name, item
            elif type(value) is str:  # an unknown status is unknown-status's finding
                yield index, name, value


def _same_english(term: Term, other: Term) -> bool:
    return _fold(term.en) in {_fold(f) for f in other.english_forms} or _fold(other.en) in {
        _fold(f) for f in term.english_forms
    }


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _whitespace(text: str) -> str:
    if "\n" in text or "\r" in text:
        return ""  # line-break's finding
    if text != text.lstrip():
        return "leading whitespace"
    if text != text.rstrip():
        return "trailing whitespace"
    if " ".join(text.split()) != text:
        return "doubled whitespace"
    return ""


ACRONYM = re.compile(r"(?=.*[A-Z0-9])(?!.*[a-z]{3})[A-Za-z0-9][A-Za-z0-9.\-/]*")


def _foreign_latin(text: str) -> str:
    """The Latin words of a Persian cell but the acronyms and formulas Persian writes in Latin
    beside Persian words (``انتشار CO2``, ``آزمایش PCR``, ``کووید-19``, ``mRNA``): words with a
    capital or a digit and no run of three lower-case letters. A cell with no Persian letter
    keeps them all (an English term in the Persian column)."""
    if not any(ARABIC_SCRIPT.match(c) and c.isalpha() for c in text):
        return _latin(text)
    tokens = re.findall(r"[\w.\-/]+", text)
    return " ".join(_latin(t) for t in tokens if _latin(t) and not ACRONYM.fullmatch(t))


def _latin(text: str) -> str:
    return _words(text, lambda c: c.isalpha() and unicodedata.name(c, "").startswith("LATIN"))


def _words(text: str, wanted: Callable[[str], bool]) -> str:
    """The runs of *wanted* characters in *text*, joined by spaces."""
    return " ".join("".join(c if wanted(c) else " " for c in text).split())


def _plain(char: str) -> str:
    return unicodedata.normalize("NFKC", char)
