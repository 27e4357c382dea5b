"""An SRX 2.0 and SRX 1.0 segmentation engine.

Format facts implemented: ``<languagerules>`` holds named ``<languagerule>``s, each an
ordered list of ``<rule break="yes|no">`` with ``<beforebreak>`` and ``<afterbreak>``
regexes (either may be empty); ``<maprules>`` maps language codes (``languagepattern``,
matched against the whole code) to rule names. With ``cascade="yes"`` in the header every
matching map contributes its rules, in map order; otherwise only the first.

SRX 1.0 (namespace ``http://www.lisa.org/srx10``: memoQ's, and ``tmkit srx --srx-version
1.0``) has the same rules; its header has no ``cascade`` (SRX 2.0 added it: 1.0 applies the
first matching map only), and its maps sit in named ``<maprule>`` elements inside
``<maprules>``. SRX 1.0 leaves the choice of maprule to the tool: tmkit uses the first.
A file in neither namespace is refused, naming both.

A language pattern is matched without regard to case, as language tags are (BCP 47 §2.1.1:
OmegaT writes ``FA.*``), against the tag as given and with ``-`` and ``_`` swapped
(``fa-IR`` and ``fa_IR`` are one tag). At each
position between two characters, the first rule whose ``beforebreak`` matches text ending
there (any match, not only where a left-to-right search stops) and whose ``afterbreak``
matches text starting there decides whether to break.
Format handles and subflows are not used (tmkit segments plain text).

The regexes are Java regexes (``java.util.regex``), as SRX files from CAT tools are written:
:mod:`corpus.javaregex` translates each into a pattern for the ``regex`` module with Java's
meaning (``\\Q…\\E``, class intersections, ``\\p{…}`` classes, embedded flags); the bundled
rules are valid in both.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import regex
from lxml import etree

from corpus.errors import CorpusError
from corpus.javaregex import JavaRegexError, compile_java, translate
from corpus.xmlsafe import malformed, parse, refuse_entities, refuse_entity_reference

NAMESPACES = {"http://www.lisa.org/srx20": "2.0", "http://www.lisa.org/srx10": "1.0"}


@dataclass(frozen=True)
class Rule:
    """One SRX rule: break (or not) where *before* ends and *after* starts."""

    breaks: bool
    before: str
    after: str


@dataclass(frozen=True)
class Srx:
    """Parsed SRX rules: named rule lists and the language map."""

    rules: dict[str, tuple[Rule, ...]]
    maps: tuple[tuple[str, str], ...]
    cascade: bool

    def rules_for(self, language: str) -> tuple[Rule, ...]:
        """Return the rules that apply to *language* (a BCP 47 code), in order."""
        found: list[Rule] = []
        for name in self._maps_for(language):
            found += self.rules.get(name, ())
            if not self.cascade:
                break
        return tuple(found)

    def matches(self, language: str) -> bool:
        """True when a language map applies to *language* (else no rule does: no break)."""
        return any(True for _ in self._maps_for(language))

    def _maps_for(self, language: str):
        """The rule names of the maps whose pattern matches *language*, in map order."""
        forms = {language, language.replace("_", "-"), language.replace("-", "_")}
        for pattern, name in self.maps:
            if any(_compile_language(pattern).fullmatch(form) for form in forms):
                yield name

    def segment(self, text: str, language: str) -> list[str]:
        """Split *text* into segments, each stripped of surrounding whitespace.

        >>> default_srx().segment("چرا؟ زیرا نفت مهم است. و. مشریاکوف گفت.", "fa")
        ['چرا؟', 'زیرا نفت مهم است.', 'و. مشریاکوف گفت.']
        """
        decided: dict[int, bool] = {}
        for rule in self.rules_for(language):
            for match in _rule_pattern(rule.before, rule.after).finditer(text):
                position = match.start()
                if 0 < position < len(text) and position not in decided:
                    decided[position] = rule.breaks
        cuts = [0, *sorted(p for p, breaks in decided.items() if breaks), len(text)]
        pieces = (text[start:end].strip() for start, end in itertools.pairwise(cuts))
        return [piece for piece in pieces if piece]


@cache
def _rule_pattern(before: str, after: str) -> regex.Pattern:
    """Where a rule applies: *before* matches text ending there, *after* text starting there.

    One zero-width pattern, a look-behind and a look-ahead, so every position is tried
    whatever the matches around it (a greedy ``\\w+`` or ``[.!?]\\s*`` ends at each of its
    characters, as SRX says; an engine that walks the matches one after another sees only
    their ends).
    """
    pattern = f"(?<=(?:{translate(before)}))(?=(?:{translate(after)}))"
    return regex.compile(pattern, regex.VERSION1)


@cache
def _compile(pattern: str) -> regex.Pattern:
    return compile_java(pattern or "")


@cache
def _compile_language(pattern: str) -> regex.Pattern:
    """A language pattern, matched without regard to case (language tags have none)."""
    return compile_java(f"(?i:{pattern or ''})")


def bundled_srx_path() -> Path:
    """Path of the SRX file shipped with tmkit (``corpus/segmentation.srx``)."""
    return Path(str(resources.files("corpus").joinpath("segmentation.srx")))


@cache
def default_srx() -> Srx:
    """The bundled rules, parsed once."""
    return read_srx(bundled_srx_path())


def read_srx(path: str | Path) -> Srx:
    """Parse an SRX 2.0 or SRX 1.0 file (the module's docstring: how 1.0 is read).

    :raises CorpusError: malformed XML, not SRX (no SRX namespace), an entity declared or
        used (tmkit expands none: a rule would silently lose its text), an element inside a
        rule's regex, or a regex that does not compile.
    """
    name = str(path)
    try:
        root = parse(path).getroot()
    except OSError as err:
        raise CorpusError(name, f"cannot read: {err}") from err
    except etree.XMLSyntaxError as err:
        raise malformed(CorpusError, name, err) from err
    qname = etree.QName(root)
    if qname.namespace not in NAMESPACES:
        found = f"namespace {qname.namespace!r}" if qname.namespace else "none"
        raise CorpusError(
            name,
            f"no SRX namespace on <{qname.localname}> ({found}): expected "
            + " or ".join(f'xmlns="{ns}" (SRX {v})' for ns, v in NAMESPACES.items()),
            line=root.sourceline,
        )
    refuse_entities(CorpusError, name, root, "SRX")
    ns = f"{{{qname.namespace}}}"
    if qname.localname != "srx":
        raise CorpusError(
            name, f"root element is <{qname.localname}>, not <srx>", line=root.sourceline
        )
    header = root.find(f"{ns}header")
    cascade = header is not None and header.get("cascade", "no") == "yes"
    rules = {}
    for element in root.iter(f"{ns}languagerule"):
        rule_name = element.get("languagerulename", "")
        rules[rule_name] = tuple(
            _rule(rule, name, ns, f"rule {number} of language rule {rule_name!r}")
            for number, rule in enumerate(element.iter(f"{ns}rule"), 1)
        )
    maps = []
    if NAMESPACES[qname.namespace] == "1.0":  # the first <maprule>'s maps; no cascade
        cascade = False
        first = root.find(f"{ns}body/{ns}maprules/{ns}maprule")
        languagemaps = [] if first is None else first.iter(f"{ns}languagemap")
    else:
        languagemaps = root.iter(f"{ns}languagemap")
    for element in languagemaps:
        pattern, target = element.get("languagepattern", ""), element.get("languagerulename", "")
        _check_regex(pattern, name, element.sourceline, f"language map to {target!r}")
        if target not in rules:
            raise CorpusError(
                name, f"language map names unknown rule {target!r}", line=element.sourceline
            )
        maps.append((pattern, target))
    return Srx(rules, tuple(maps), cascade)


def _rule(element: etree._Element, name: str, ns: str, where: str) -> Rule:
    before = _regex_text(element.find(f"{ns}beforebreak"), name)
    after = _regex_text(element.find(f"{ns}afterbreak"), name)
    for part, pattern in (("beforebreak", before), ("afterbreak", after)):
        _check_regex(pattern, name, element.sourceline, f"{where}, {part}")
    return Rule(element.get("break", "yes") == "yes", before, after)


def _regex_text(element: etree._Element | None, name: str) -> str:
    """The whole text of a ``beforebreak`` or ``afterbreak``, comments left out (their tails
    kept); an entity reference or an element in it is an error, never a regex cut short."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        refuse_entity_reference(CorpusError, name, child)
        if not isinstance(child.tag, str):  # a comment or processing instruction
            parts.append(child.tail or "")
            continue
        raise CorpusError(
            name,
            f"<{etree.QName(child).localname}> inside <{etree.QName(element).localname}>: "
            "a rule's regex is text only",
            line=child.sourceline,
            hint="write the regex as text, escaping < as &lt;",
        )
    return "".join(parts)


def _check_regex(pattern: str, name: str, line: int | None, where: str) -> None:
    try:
        _compile(pattern)
    except JavaRegexError as err:
        raise CorpusError(
            name,
            f"{where}: bad regex '{pattern}': {err.message} at position {err.position}",
            line=line,
            hint="SRX regexes are Java regexes (java.util.regex)",
        ) from err
