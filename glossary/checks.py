"""Check translation units against a glossary: one small rule a class, findings as values.

A rule has a static ``id``, ``severity`` and ``title`` (known without running it, so
``tmkit check --list-rules`` prints the table) and ``check(pair, context)`` that yields
:class:`Finding` values. A rule that compares units (``compares``) instead gives each unit's
group and key as the units stream by (``keys``) and, once all are seen, the findings of the
units of each group (``compare``). :data:`RULES` maps ids to classes; :func:`check_units`
runs them over a stream of units, in chunks, in worker processes when asked.

The rules are built to raise no false alarm on a correct translation: Persian terms are found
inflected (:mod:`glossary.match`), a name may be rendered by its adjective (روسیه → Russian) and
a Persian word in the adjectival yeh by the English adjective (اقتصادی → economic), figures are
compared as values (۲۰ درصد = 20 per cent = 20%), and a figure written in words on the other
side (دویست, two hundred) is accepted.
"""

from __future__ import annotations

import hashlib
import heapq
import pickle
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from itertools import groupby, islice
from operator import itemgetter
from typing import ClassVar, Protocol

from corpus.normalize import matching_key
from glossary.figures import differences
from glossary.match import Match, Matcher, leftmost_longest
from glossary.model import Glossary, Status, Term
from glossary.parallel import Mapper, ordered_map


class Pair(Protocol):
    """What the rules read of a unit; :class:`tm.unit.TranslationUnit` is one. ``source`` is
    the Persian, ``target`` the English; a unit with a true ``into_persian`` (an en→fa TMX, a
    PO translated into Persian) is a translation into Persian, and the rules name its sides,
    find it untranslated and compare it with others in that direction (:func:`_sides`)."""

    @property
    def tuid(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def document(self) -> str: ...


@dataclass(frozen=True)
class SegmentPair:
    """A source and its target, for checking text that is not in a TM."""

    tuid: str
    source: str
    target: str
    document: str = ""


class Severity(StrEnum):
    """How bad a finding is: errors fail a check by default, warnings on ``--fail-on warning``."""

    ERROR = "error"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        return 2 if self is Severity.ERROR else 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one unit.

    :param rule: the rule's id (``term-missing``).
    :param tuid: the unit's id.
    :param term_id: the concept concerned, or ``""``.
    :param message: what is wrong, in one line.
    :param expected: what the target should have (the approved term, the figures), or ``""``.
    :param document: the unit's document id, when known (for annotations on its files).
    :param file: the file the unit was read from (its ``origin``: ``tmkit check --tmx A B``),
        else ``""`` (a project's units, named by their document).
    """

    rule: str
    severity: Severity
    tuid: str
    source: str
    target: str
    term_id: str = ""
    message: str = ""
    expected: str = ""
    document: str = ""
    file: str = ""

    def __reduce__(self) -> tuple[type[Finding], tuple[object, ...]]:
        # pickled as its fields, rebuilt by __init__: a tenth of the time of the setstate of a
        # frozen dataclass with slots (a check's findings are pickled on their way to disk)
        return Finding, tuple(getattr(self, name) for name in _FINDING_FIELDS)


_FINDING_FIELDS = tuple(Finding.__dataclass_fields__)


class CheckContext:
    """What rules share: the glossary, its matcher, and the matches and matching keys of the
    current unit's texts (each text is keyed and scanned once, whatever the rules ask)."""

    def __init__(self, glossary: Glossary, matcher: Matcher | None = None) -> None:
        self.glossary = glossary
        self.matcher = matcher or Matcher(glossary)
        self.terms = glossary.by_id()
        self._cache: dict[tuple[str, str, bool], list[Match]] = {}
        self._keys: dict[str, str] = {}

    def persian(self, text: str, overlapping: bool = False) -> list[Match]:
        return self._matches("fa", text, overlapping)

    def english(self, text: str, overlapping: bool = False) -> list[Match]:
        return self._matches("en", text, overlapping)

    def approved(self, term_id: str) -> bool:
        return self.terms[term_id].status is Status.APPROVED

    def key(self, text: str) -> str:
        """:func:`corpus.normalize.matching_key` of *text*."""
        if text not in self._keys:
            if len(self._keys) > 256:  # the current unit's texts are all that is reused
                self._keys.clear()
            self._keys[text] = matching_key(text)
        return self._keys[text]

    def _matches(self, language: str, text: str, overlapping: bool) -> list[Match]:
        key = (language, text, overlapping)
        if key not in self._cache:
            if len(self._cache) > 256:  # the current unit's texts are all that is reused
                self._cache.clear()
            if overlapping:
                find = self.matcher.persian if language == "fa" else self.matcher.english
                self._cache[key] = find(text, overlapping=True)
            else:  # the matches that do not overlap are some of all the matches
                self._cache[key] = leftmost_longest(self._matches(language, text, True))
        return self._cache[key]


class Rule:
    """A check: subclasses set ``id``, ``severity``, ``title`` and implement :meth:`check`;
    a rule that compares units (``compares``) implements ``keys`` and ``compare`` instead (as
    :class:`InconsistentTranslation` does)."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[str]
    # a unit this rule finds something in is not a translation to check: the other rules
    # neither check it nor compare it with others
    stops: ClassVar[bool] = False
    compares: ClassVar[bool] = False

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        raise NotImplementedError

    def finding(self, pair: Pair, message: str, term_id: str = "", expected: str = "") -> Finding:
        return Finding(
            self.id, self.severity, pair.tuid, pair.source, pair.target,
            term_id, message, expected, pair.document, getattr(pair, "origin", ""),
        )  # fmt: skip


# the line gettext's msgcat writes before each of the conflicting translations it keeps
MSGCAT_MARKER = re.compile(r"#-#-#-#-#[ \t]+(.*?)[ \t]+#-#-#-#-#")


class UnresolvedMsgcatConflict(Rule):
    id = "unresolved-msgcat-conflict"
    severity = Severity.ERROR
    title = (
        "msgcat's conflict markers (#-#-#-#-#  a.po  #-#-#-#-#): translations merged, one to keep"
    )
    stops = True

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        for text in (pair.source, pair.target):
            names = MSGCAT_MARKER.findall(text)
            if names:
                yield self.finding(
                    pair,
                    f"unresolved msgcat conflict: the translations of {', '.join(names)} with "
                    "msgcat's marker lines (keep one, delete the #-#-#-#-# lines)",
                )
                return


class MissingTerm(Rule):
    id = "term-missing"
    severity = Severity.ERROR
    title = "An approved Persian term is in the source but none of its English forms in the target"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for match in context.persian(pair.source):
            term = context.terms[match.term_id]
            if term.id in seen or term.status is not Status.APPROVED:
                continue
            seen.add(term.id)
            derived = match.adjectival or _is_name(term)
            if not has_english(pair.target, term, context, derived=derived):
                found = pair.source[match.start : match.end]
                fa, en = _sides(pair)
                yield self.finding(
                    pair,
                    f"«{found}» is in the {fa} but {_forms(term.english_forms)} is not in the {en}",
                    term.id,
                    term.en,
                )


class ForbiddenTerm(Rule):
    id = "term-forbidden"
    severity = Severity.ERROR
    title = "A forbidden English form of a concept is used in the target"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        in_source = {m.term_id for m in context.persian(pair.source, overlapping=True)}
        every = context.english(pair.target, overlapping=True)
        times: dict[tuple[Term, str], int] = {}
        for match in context.english(pair.target):
            term = context.terms[match.term_id]
            if match.role != "forbidden" or term.status is Status.PROPOSED:
                continue
            # the words may be another concept's approved term (legal status of the Caspian
            # Sea, forbidden for the legal regime, is legal status + Caspian Sea): then they
            # are wrong only where this concept is in the source and that one is not
            explained = {
                m.term_id
                for m in every
                if m.role != "forbidden" and m.term_id != term.id and context.approved(m.term_id)
                and m.start < match.end and match.start < m.end and m.term_id in in_source
            }  # fmt: skip
            if explained and not (term.id in in_source and _same_span(every, match, explained)):
                continue
            found = pair.target[match.start : match.end]
            times[term, found] = times.get((term, found), 0) + 1
        for (term, found), count in times.items():  # one finding a form, however often used
            yield self.finding(
                pair,
                f"'{found}' is a forbidden form for «{term.fa}»; use '{term.en}'"
                + (f" ({count} times)" if count > 1 else ""),
                term.id,
                term.en,
            )


class NumberMismatch(Rule):
    id = "number-mismatch"
    severity = Severity.ERROR
    title = "The figures (numbers, years, percentages) of source and target differ"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        missing, extra = differences(pair.source, pair.target)
        if missing or extra:
            fa, en = _sides(pair)
            parts = []
            if missing:
                parts.append(f"{', '.join(missing)} in the {fa} but not in the {en}")
            if extra:
                parts.append(f"{', '.join(extra)} in the {en} but not in the {fa}")
            wanted = extra if getattr(pair, "into_persian", False) else missing  # the target's
            yield self.finding(pair, "; ".join(parts), expected=", ".join(wanted))


class Untranslated(Rule):
    id = "untranslated"
    severity = Severity.ERROR
    title = "The target is empty, a copy of the source, or still in the source's language"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        # in the real direction: into English, or into Persian (an en→fa TMX)
        if getattr(pair, "into_persian", False):
            source, target, script, language = pair.target, pair.source.strip(), "Latin", "English"
        else:
            source, target, script, language = pair.source, pair.target.strip(), "Arabic", "Persian"
        if not target:
            if source.strip():
                yield self.finding(pair, "the target is empty")
            return
        text = ADDRESS.sub(" ", PLACEHOLDER.sub(" ", target))
        words = [w for w in _words(text) if _has_letter(w)]
        left = [_in_script(w, script) for w in words]  # words still in the source's script
        if _has_script(source, script) and context.key(target) == context.key(source):
            yield self.finding(pair, "the target is a copy of the source")
        elif words and sum(left) * 2 >= len(words):
            yield self.finding(pair, f"the target is in {language}")
        else:
            tokens = [t for t in TOKEN.findall(text) if _has_letter(t)]
            run = _longest_run(tokens, [_in_script(t, script) for t in tokens])
            # English prose has lowercase words; a run of names, acronyms and codes alone
            # (Tedros Adhanom Ghebreyesus, HCoV-229E HCoV-OC43) is kept in Latin on purpose
            if len(run) >= 3 and (script != "Latin" or any(_lowercase_word(t) for t in run)):
                yield self.finding(pair, f"{language} left in the target: «{' '.join(run)}»")


class UnmatchedTargetTerm(Rule):
    id = "term-unmatched-target"
    severity = Severity.WARNING
    title = "An English term is in the target but its Persian term is not in the source"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        in_source = {m.term_id for m in context.persian(pair.source, overlapping=True)}
        seen: set[str] = set()
        for matches in _by_span(context.english(pair.target)).values():
            allowed = [m for m in matches if m.role != "forbidden" and context.approved(m.term_id)]
            if not allowed or any(m.term_id in in_source for m in allowed):
                continue
            match = allowed[0]
            found = pair.target[match.start : match.end]
            # a name left in Latin letters in the source (روزنامه DAWN) is there too
            if any(_in_latin(context.terms[m.term_id], pair.source, context) for m in allowed):
                continue
            if match.term_id in seen or _derived_from(found, in_source, context):
                continue
            seen.add(match.term_id)
            term = context.terms[match.term_id]
            fa, en = _sides(pair)
            yield self.finding(
                pair,
                f"'{found}' is in the {en} but {_forms(term.persian_forms, '«»')} is not in "
                f"the {fa}",
                term.id,
                term.fa,
            )


class InconsistentTranslation(Rule):
    """Units whose sources are the same (by matching key) and whose targets differ, within one
    translation context: a unit's optional ``context`` (an ordinary PO's ``msgctxt``: contexts
    are there to allow different translations) must be the same, and the units of one optional
    ``entry`` (the plural forms of a PO entry) are never compared with each other. Only targets
    of the same language tag (an optional ``tgtlang``, as BCP 47 writes it) are compared: an
    en-US "color" and an en-GB "colour" are variants, never inconsistent (as in ``merge``).
    A unit of another file (an optional ``origin``, when the pair's differs) is named with its
    file: ``line 7 (b.po)``. When more units share one translation than any other, that is the
    TM's translation: its units are not reported, the others are, with it as the expected text
    (then the other translations, the more units the sooner); a tie reports every unit. A
    translation into Persian (``into_persian``) is keyed by its English source and compares
    the Persian, of one Persian tag (its ``srclang``)."""

    id = "inconsistent-translation"
    severity = Severity.WARNING
    title = "The same source is translated differently elsewhere in the TM"

    compares = True

    @staticmethod
    def keys(pair: Pair, context: CheckContext) -> tuple[tuple[str, str, str], str] | None:
        """The group *pair* is compared in (its context, its real target's tag and its real
        source's key) and its real target's key; ``None`` for a unit compared with none (no
        source words; an empty target is untranslated, not a translation)."""
        if getattr(pair, "into_persian", False):
            tag, source = "srclang", _target_key(pair.target)
            target = _source_key(pair.source, context)
        else:
            tag, source = "tgtlang", _source_key(pair.source, context)
            target = _target_key(pair.target)
        if not (source and target):
            return None
        language = _language(getattr(pair, tag, "") or "")
        return (getattr(pair, "context", ""), language, source), target

    def compare(self, group: Sequence[tuple[Pair, str]]) -> list[list[Finding]]:
        """The findings of each unit of one group (:meth:`keys`), given in the TM's order with
        its target's key."""
        targets: dict[str, list[Pair]] = {}
        for pair, target in group:
            targets.setdefault(target, []).append(pair)
        return [list(self._findings(pair, mine, targets)) for pair, mine in group]

    def _findings(self, pair: Pair, mine: str, targets: dict[str, list[Pair]]) -> Iterator[Finding]:
        entry = getattr(pair, "entry", "")
        others = []
        for key, units in targets.items():
            if key == mine:
                continue
            unit = next((u for u in units if not entry or getattr(u, "entry", "") != entry), None)
            if unit is not None:
                others.append((_entries(units), unit))
        if others and _entries(targets.get(mine, [])) > max(count for count, _ in others):
            return  # the translation most units have: the others are the inconsistent ones
        others = [unit for _, unit in sorted(others, key=lambda other: -other[0])]
        if others:
            mine_from = getattr(pair, "origin", "")
            where = ", ".join(
                f"{unit.tuid} ({origin})"
                if (origin := getattr(unit, "origin", "")) and origin != mine_from
                else unit.tuid
                for unit in others
            )
            yield self.finding(
                pair,
                f"the same source is translated differently in {where}",
                expected=" | ".join(
                    unit.source if getattr(unit, "into_persian", False) else unit.target
                    for unit in others
                ),
            )


def _entries(units: list[Pair]) -> int:
    """How many entries *units* come from: the plural forms of one PO entry count once."""
    return len({getattr(unit, "entry", "") or id(unit) for unit in units})


@cache
def _language(tag: str) -> str:
    from corpus.languages import canonical_language

    return canonical_language(tag) if tag else ""


class MixedScript(Rule):
    id = "mixed-script"
    severity = Severity.WARNING
    title = "A word mixes letters of two scripts (Latin and Arabic, Cyrillic ...)"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        for side, text in zip(_sides(pair), (pair.source, pair.target), strict=True):
            if text.isascii() or not OUTSIDE_ARABIC.search(text):
                continue  # every letter Latin, or every letter Arabic: no word mixes two
            for word in _words(text):
                scripts = _scripts(word)
                if len(scripts) > 1:
                    yield self.finding(
                        pair, f"'{word}' in the {side} mixes {' and '.join(scripts)} letters"
                    )


class DeprecatedTerm(Rule):
    id = "deprecated-term"
    severity = Severity.WARNING
    title = "A deprecated concept's English form is used in the target"

    def check(self, pair: Pair, context: CheckContext) -> Iterator[Finding]:
        for matches in _by_span(context.english(pair.target)).values():
            if any(m.role != "forbidden" and context.approved(m.term_id) for m in matches):
                continue
            for match in matches:
                term = context.terms[match.term_id]
                if match.role != "forbidden" and term.status is Status.DEPRECATED:
                    found = pair.target[match.start : match.end]
                    note = f" ({term.note})" if term.note else ""
                    yield self.finding(pair, f"'{found}' is deprecated{note}", term.id, term.note)


RULES: dict[str, type[Rule]] = {
    rule.id: rule
    for rule in (
        UnresolvedMsgcatConflict,
        MissingTerm,
        ForbiddenTerm,
        NumberMismatch,
        Untranslated,
        UnmatchedTargetTerm,
        InconsistentTranslation,
        MixedScript,
        DeprecatedTerm,
    )
}
ALL_RULES: tuple[type[Rule], ...] = tuple(RULES.values())


def check_units(
    units: Iterable[Pair],
    glossary: Glossary,
    rules: Iterable[type[Rule]] = ALL_RULES,
    *,
    matcher: Matcher | None = None,
    jobs: int = 1,
    mapper: Mapper | None = None,
) -> list[Finding]:
    """Run *rules* on every unit; return the findings, unit by unit, in the rules' order
    (:func:`checked`, as a list).

    >>> from glossary.model import Glossary, Term
    >>> unit = SegmentPair("b1", "سال ۱۹۹۷", "in 1998")
    >>> [f.rule for f in check_units([unit], Glossary(()))]
    ['number-mismatch']
    """
    with checked(units, glossary, rules, matcher=matcher, jobs=jobs, mapper=mapper) as found:
        return list(found)


@contextmanager
def checked(
    units: Iterable[Pair],
    glossary: Glossary,
    rules: Iterable[type[Rule]] = ALL_RULES,
    *,
    matcher: Matcher | None = None,
    jobs: int = 1,
    mapper: Mapper | None = None,
) -> Iterator[Findings]:
    """Run *rules* on every unit; give the findings (:class:`Findings`, read while in the
    ``with``), unit by unit, in the rules' order. A unit a stopping rule (``stops``: msgcat's
    conflict markers) finds something in gets only that rule's findings, and is compared with
    no other.

    *units* are read once, as a stream, in chunks of :data:`CHUNK`; the findings, and what
    comparing units with each other needs (their keys and texts), are kept in a temporary
    database on disk (:class:`_Store`), so memory stays flat whatever the TM's size and its
    number of findings. The findings are the same, in the same order, whatever *jobs*.

    :param matcher: a :class:`Matcher` already built for *glossary* (built here otherwise).
    :param jobs: worker processes checking chunks side by side (1: this process).
    :param mapper: what runs the chunks (default :func:`glossary.parallel.ordered_map`,
        processes on this machine): a function of its signature that yields each chunk and
        its result in the chunks' order (``tm.cluster``: tasks on a Dask cluster).
    """
    rules = tuple(rules)
    _start_checker(glossary, rules, matcher)
    with _Store() as store:
        for (start, chunk), (results, keys) in (mapper or ordered_map)(
            _check_chunk, _chunks(units), jobs, setup=_start_checker,
            setup_args=(glossary, rules, None),
        ):  # fmt: skip
            store.found((start + i, count, data) for i, count, data in results)
            store.add(start, chunk, keys)
        for rule in _checker.comparing:
            for group in store.groups(rule.id):
                found_in = rule.compare([(unit, target) for _, unit, target in group])
                store.found(
                    (
                        (i, len(f), _pickled(f))
                        for (i, _, _), f in zip(group, found_in, strict=True)
                        if f
                    ),
                    compared=True,
                )
        yield Findings(store, {rule.id: position for position, rule in enumerate(rules)})


class Findings:
    """The findings of :func:`checked`, read from its temporary database each time they are
    iterated (unit by unit, in the units' order; a unit's in the rules' order): ``len`` is
    their number, and they can be read as often as needed while the ``with`` lasts."""

    def __init__(self, store: _Store, order: dict[str, int]) -> None:
        self._store, self._order = store, order

    def __len__(self) -> int:
        return self._store.count

    def __iter__(self) -> Iterator[Finding]:
        order = self._order
        for _, items in groupby(self._store.findings(), itemgetter(0)):
            yield from sorted(  # a stable sort: each rule's findings in their order
                (f for _, data in items for f in pickle.loads(data)),
                key=lambda f: order[f.rule],
            )


CHUNK = 1000  # units a worker checks at a time


@dataclass(frozen=True, slots=True)
class CheckUnit:
    """What the rules read of a unit (:class:`Pair` and its optional fields), and no more: a
    unit as it travels to a worker and as :class:`_Store` keeps it."""

    tuid: str
    source: str
    target: str
    document: str = ""
    origin: str = ""
    into_persian: bool = False
    context: str = ""
    entry: str = ""
    srclang: str = ""
    tgtlang: str = ""

    @classmethod
    def of(cls, pair: Pair, **changes: object) -> CheckUnit:
        """The fields of *pair* the rules read (those it lacks empty), with *changes*."""
        if isinstance(pair, CheckUnit) and not changes:
            return pair
        values = {name: getattr(pair, name, "") for name in _UNIT_FIELDS} | changes
        values["into_persian"] = bool(values["into_persian"])
        return cls(**values)  # type: ignore[arg-type]

    def __reduce__(self) -> tuple[type[CheckUnit], tuple[object, ...]]:
        return CheckUnit, tuple(getattr(self, name) for name in _UNIT_FIELDS)  # as Finding's


_UNIT_FIELDS = tuple(CheckUnit.__dataclass_fields__)


def _chunks(units: Iterable[Pair]) -> Iterator[tuple[int, list[CheckUnit]]]:
    stream = iter(units)
    start = 0
    while chunk := [CheckUnit.of(pair) for pair in islice(stream, CHUNK)]:
        yield start, chunk
        start += len(chunk)


class _Checker:
    """The rules and their context, in one process (the parent's, or a worker's)."""

    def __init__(self, glossary: Glossary, rules: Sequence[type[Rule]], matcher: Matcher | None):
        self.context = CheckContext(glossary, matcher)
        self.rules = [rule() for rule in rules]
        self.stopping = [rule for rule in self.rules if rule.stops]
        self.checking = [rule for rule in self.rules if not (rule.stops or rule.compares)]
        self.comparing = [rule for rule in self.rules if rule.compares]

    def check(self, unit: CheckUnit) -> tuple[list[Finding], list[tuple[str, bytes, bytes]]]:
        """*unit*'s findings of the rules that check one unit, and its keys for each rule
        that compares (rule id, group digest, target digest)."""
        context = self.context
        stopped = [f for rule in self.stopping for f in rule.check(unit, context)]
        if stopped:
            return stopped, []
        findings = [f for rule in self.checking for f in rule.check(unit, context)]
        keys = []
        for rule in self.comparing:
            found = rule.keys(unit, context)  # type: ignore[attr-defined]
            if found is not None:
                group, target = found
                keys.append((rule.id, _digest("\x1f".join(group)), _digest(target)))
        return findings, keys


_checker: _Checker


def _start_checker(glossary: Glossary, rules: Sequence[type[Rule]], matcher: Matcher | None):
    global _checker
    _checker = _Checker(glossary, rules, matcher)


def _check_chunk(
    task: tuple[int, list[CheckUnit]],
) -> tuple[list[tuple[int, int, bytes]], list[tuple[int, str, bytes, bytes]]]:
    """The findings of a chunk's units that have some (how many, and pickled: the parent
    stores them as they are), and its units' keys, each with the unit's index in the chunk."""
    _, chunk = task
    results, keys = [], []
    for i, unit in enumerate(chunk):
        findings, unit_keys = _checker.check(unit)
        if findings:
            results.append((i, len(findings), _pickled(findings)))
        keys += ((i, *k) for k in unit_keys)
    return results, keys


def _pickled(findings: list[Finding]) -> bytes:
    return pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)


def _digest(text: str) -> bytes:
    """16 bytes standing for *text* (BLAKE2b): two texts share one once in 2**64 TMs of
    2**32 units."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class _Store:
    """A check's findings, and the units a comparing rule keys, by group, in a temporary
    SQLite database: a TM's units checked and compared in little memory, whatever its size."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="tmkit-check-")
        self._db: sqlite3.Connection | None = None
        self.count = 0  # findings stored

    def __enter__(self) -> _Store:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._db is not None:
            self._db.close()
        self._folder.cleanup()

    def add(
        self, start: int, units: list[CheckUnit], keys: list[tuple[int, str, bytes, bytes]]
    ) -> None:
        """Keep the units of a chunk (its first at index *start*) that *keys* name (by index
        in the chunk), with their keys."""
        if not keys:
            return
        rows = [
            (rule, group, target, start + i, *(getattr(units[i], n) for n in _UNIT_FIELDS))
            for i, rule, group, target in keys
        ]
        self._database().executemany(f"INSERT INTO units VALUES ({', '.join('?' * 14)})", rows)

    def found(self, rows: Iterable[tuple[int, int, bytes]], *, compared: bool = False) -> None:
        """Keep the findings of units, each row a unit's index, its number of findings and
        them pickled; *compared*: of a comparing rule (they come after a unit's others)."""
        rows = [(index, count, data, compared) for index, count, data in rows]
        if rows:
            self._database().executemany("INSERT INTO found VALUES (?, ?, ?, ?)", rows)
            self.count += sum(row[1] for row in rows)

    def findings(self) -> Iterator[tuple[int, bytes]]:
        """The pickled findings kept, as (unit index, findings), in the units' order, a
        unit's own before those of comparing rules."""
        if self._db is None:
            return
        query = "SELECT idx, data FROM found WHERE compared = ? ORDER BY "
        own = self._db.execute(query + "rowid", (False,))  # stored in the units' order
        compared = self._db.cursor().execute(query + "idx, rowid", (True,))
        yield from heapq.merge(own, compared, key=itemgetter(0))

    def groups(self, rule: str) -> Iterator[list[tuple[int, CheckUnit, bytes]]]:
        """The groups of *rule* whose units have two targets or more, each as (index, unit,
        target digest) in the TM's order."""
        if self._db is None:
            return
        rows = self._db.execute(
            "SELECT * FROM units WHERE rule = ?1 AND grp IN (SELECT grp FROM units WHERE rule"
            " = ?1 GROUP BY grp HAVING COUNT(DISTINCT target_key) > 1) ORDER BY grp, idx",
            (rule,),
        )
        for _, group in groupby(rows, key=lambda row: row[1]):
            yield [(row[3], CheckUnit(*row[4:]), row[2]) for row in group]

    def _database(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(f"{self._folder.name}/units.db")
            self._db.execute("PRAGMA journal_mode = OFF")
            self._db.execute("PRAGMA synchronous = OFF")
            names = ", ".join(_UNIT_FIELDS)
            self._db.execute(f"CREATE TABLE units (rule, grp, target_key, idx, {names})")
            self._db.execute(
                "CREATE TABLE found (idx INTEGER, n INTEGER, data BLOB, compared INTEGER)"
            )
        return self._db


def has_english(target: str, term: Term, context: CheckContext, *, derived: bool = False) -> bool:
    """Whether *target* has one of *term*'s English forms (inflected; overlaps allowed).

    :param derived: also accept a word derived from a form: its adjective or demonym
        (Russia → Russian, Caucasus → Caucasian, economy → economic, Turkey → Turkish).
    """
    matches = context.english(target, overlapping=True)
    if any(m.term_id == term.id and m.role != "forbidden" for m in matches):
        return True
    if not (derived and _derivable(term, target)):
        return False
    return _derived_pattern(term).search(target) is not None


# --- figures -------------------------------------------------------------------------------

# --- words and scripts ---------------------------------------------------------------------

# a printf or Python format placeholder (%d, %(name)s, {0}, {name}): code, in no language
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-+ #0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{\w*\}")
WORD = re.compile(r"[\w\u200c\u200d\u064b-\u065f\u0670]+")
NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum and "_"
OUTSIDE_ARABIC = re.compile(r"[^\W\d_\u0600-\u06ff]")  # a letter (or numeral) of another block


# a word with what joins it to the next (alpha-CoV, SARS-CoV-2, U.S.): one token of a name
TOKEN = re.compile(r"[\w\u200c\u200d\u064b-\u065f\u0670]+(?:[-‐./'’][\w\u200c\u200d]+)*")
# a web or mail address: no words to translate
ADDRESS = re.compile(r"(?:https?|ftp)://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _lowercase_word(token: str) -> bool:
    """Whether *token* is a word of running text: letters alone, all lowercase."""
    return token.isalpha() and token.islower()


@cache
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "ARABIC", "CYRILLIC", "GREEK", "HEBREW", "ARMENIAN", "GEORGIAN"):
        if name.startswith(script):
            return script.title()
    return ""


@lru_cache(maxsize=65536)
def _scripts(word: str) -> list[str]:
    """The scripts of *word*'s letters (those of :func:`_script`), sorted."""
    return sorted({_script(c) for c in word if c.isalpha()} - {""})


@lru_cache(maxsize=65536)
def _has_letter(word: str) -> bool:
    return any(c.isalpha() for c in word)


@lru_cache(maxsize=65536)
def _in_script(word: str, script: str) -> bool:
    """Whether every letter of *word* is of *script* (``Arabic``, ``Latin``)."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(_script(c) == script for c in letters)


def _has_script(text: str, script: str) -> bool:
    return any(_script(c) == script for c in text if c.isalpha())


def _sides(pair: Pair) -> tuple[str, str]:
    """What the Persian and the English side of *pair* are: ``("source", "target")``, the
    other way round in a translation into Persian (``into_persian``)."""
    return ("target", "source") if getattr(pair, "into_persian", False) else ("source", "target")


def _longest_run(words: list[str], flags: list[bool]) -> list[str]:
    best: list[str] = []
    run: list[str] = []
    for word, flag in zip(words, flags, strict=True):
        run = [*run, word] if flag else []
        if len(run) > len(best):
            best = run
    return best


def _source_key(text: str, context: CheckContext) -> str:
    return NOT_ALNUM.sub("", context.key(text))


def _target_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", text))


# --- terms ---------------------------------------------------------------------------------

DERIVED_ENDINGS = "n|an|ian|ean|i|ese|ish|ic|ical|al|ist|ern"


def _derived_from(found: str, term_ids: Iterable[str], context: CheckContext) -> bool:
    """Whether *found* is derived from an English form of one of *term_ids* (Russian ← Russia)."""
    terms = (context.terms[t] for t in term_ids)
    return any(_derivable(t, found) and _derived_pattern(t).fullmatch(found) for t in terms)


def _in_latin(term: Term, source: str, context: CheckContext) -> bool:
    """Whether *term* is written in Latin letters in the Persian *source*, in any case."""
    if any(m.term_id == term.id for m in context.english(source, overlapping=True)):
        return True
    if not term.case_sensitive or not any(c.isascii() and c.isalpha() for c in source):
        return False
    return any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", source, re.I) for f in term.english_forms)


def _is_name(term: Term) -> bool:
    return term.en[:1].isupper()


@cache
def _derived_pattern_for(forms: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    alternatives = []
    for form in forms:
        words = _form_words(form)
        separator = r"[\s\-\u2010-\u2015]*"
        head = separator.join(re.escape(w) for w in words[:-1])
        stem = "|".join(re.escape(s) for s in sorted(_stems(words[-1])))
        alternatives.append(
            (head + separator if head else "") + f"(?:{stem})(?:{DERIVED_ENDINGS})?s?"
        )
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", flags)


def _form_words(form: str) -> list[str]:
    return re.split(r"[\s\-\u2010-\u2015]+", form.strip())


def _stems(last: str) -> set[str]:
    """The stems of a form's last word a derived word may be built on (Russia, Russi)."""
    stems = {last}
    if len(last) > 3 and last[-1] in "aeiouy":
        stems.add(last[:-1])
    if len(last) > 4 and last[-2:] in ("us", "ey", "ia", "cs", "es"):
        stems.add(last[:-2] if last[-2:] != "cs" else last[:-1])
    return stems


def _derived_pattern(term: Term) -> re.Pattern[str]:
    return _derived_pattern_for(term.english_forms, term.case_sensitive)


@cache
def _shortest_stems(forms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(min(_stems(_form_words(form)[-1]), key=len) for form in forms)


def _derivable(term: Term, text: str) -> bool:
    """Whether *text* may hold a word derived from *term*, told without compiling its pattern
    (:func:`_derived_pattern`, a thousand times dearer): an ASCII text must hold the shortest
    stem of one of its ASCII forms, in any case unless the term is case-sensitive."""
    stems = _shortest_stems(term.english_forms)
    if not (text.isascii() and all(stem.isascii() for stem in stems)):
        return True
    if term.case_sensitive:
        return any(stem in text for stem in stems)
    folded = text.lower()
    return any(stem.lower() in folded for stem in stems)


def _same_span(matches: list[Match], match: Match, term_ids: set[str]) -> bool:
    """Whether none of *term_ids* covers exactly *match*'s words (so this one is the reading)."""
    return not any(
        m.term_id in term_ids and (m.start, m.end) == (match.start, match.end) for m in matches
    )


def _by_span(matches: list[Match]) -> dict[tuple[int, int], list[Match]]:
    spans: dict[tuple[int, int], list[Match]] = defaultdict(list)
    for match in matches:
        spans[(match.start, match.end)].append(match)
    return spans


def _forms(forms: Iterable[str], quotes: str = "''") -> str:
    return " / ".join(f"{quotes[0]}{f}{quotes[1]}" for f in forms)
