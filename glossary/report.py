"""Write check findings for people and for CI: table, JSON, JUnit XML, GitHub annotations, XLSX.

Every format names a unit read from a file (``tmkit check --tmx a.tmx b.po``) with that file
(:attr:`Finding.file`), so the units of several files, even with the same ids, are told apart.

- ``table``: one block a finding (severity, rule, unit as ``file: tuid``, term, what is expected;
  the message; the source and target shortened, Persian as written), then :func:`summary`.
- ``json``: a list of objects with the keys of :data:`JSON_KEYS`, in that order; UTF-8 as is.
- ``junit``: JUnit XML for CI dashboards. One ``<testsuite>`` per rule that ran (so a rule
  without findings shows green), one ``<testcase>`` per rule and segment *with findings*, its
  findings in one ``<failure>`` (``type`` error or warning: both fail the testcase; named
  ``file: tuid`` with a ``file`` attribute for a unit read from a file), and one
  passing ``<testcase>`` standing for the rule's other segments. Passing segments are not listed
  one by one: a TM of 200,000 units would give 1.6 million testcases. No timestamps: the same
  findings give the same bytes.
- ``github``: one workflow command a finding (``::error file=…,line=…,title=…::message``,
  ``::warning`` for warnings); ``file`` is the document's ``en.txt`` when the document is known,
  ``line`` the line of the target in it when found; else the TMX or PO the unit was read from.
- :func:`write_findings_xlsx`: a workbook editors can filter (header, autofilter, frozen header
  row, right-to-left Persian column), written atomically.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path

from corpus import xmlsafe
from corpus.atomic import write_atomic
from glossary.checks import ALL_RULES, Finding, Rule, Severity

FORMATS = ("table", "json", "junit", "github")
_LINE_END = re.compile(r"\r\n|\r|\n")  # as corpus.textfile counts lines (no form feed)
JSON_KEYS = (
    "rule", "severity", "file", "tuid", "document", "term_id", "message", "expected", "source",
    "target",
)  # fmt: skip
XLSX_COLUMNS = (  # (field, header, width)
    ("severity", "severity", 10), ("rule", "rule", 24), ("file", "file", 24),
    ("tuid", "unit", 26),
    ("document", "document", 20), ("term_id", "term", 22), ("message", "message", 60),
    ("expected", "expected", 30), ("source", "source (Persian)", 70), ("target", "target", 70),
)  # fmt: skip


def format_findings(findings: Collection[Finding], fmt: str, **options: object) -> str:
    """:func:`findings_text` whole (the same arguments).

    :raises ValueError: unknown format.
    """
    return "".join(findings_text(findings, fmt, **options))  # type: ignore[arg-type]


def findings_text(
    findings: Collection[Finding],
    fmt: str,
    *,
    rules: Iterable[type[Rule]] = ALL_RULES,
    checked: int | None = None,
    paths: Mapping[str, Path] | None = None,
) -> Iterator[str]:
    """*findings* in format *fmt* (one of :data:`FORMATS`), in pieces to write as they come:
    the table, JSON and GitHub formats a finding at a time (a TM's findings can be a million,
    and their text is never held whole), JUnit's XML in one piece.

    :param rules: the rules that ran (JUnit lists each, also those without findings).
    :param checked: how many units were checked (JUnit's passing testcases say how many).
    :param paths: document id → its English file (GitHub annotations name it).
    :raises ValueError: unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    if fmt == "table":
        yield from _table(findings)
    elif fmt == "json":
        yield from _json(findings)
    elif fmt == "junit":
        yield format_junit(findings, rules, checked)
    else:
        yield from _github(findings, paths)


def summary(findings: Collection[Finding]) -> str:
    """One line: how many errors and warnings, in how many units, by rule.

    >>> summary([])
    'no findings'
    """
    if not findings:
        return "no findings"
    severities = Counter(f.severity for f in findings)
    units = len({(f.file, f.tuid) for f in findings})
    counts = ", ".join(f"{rule} {n}" for rule, n in _by_rule(findings).items())
    parts = [_plural(severities[s], s.value) for s in Severity if severities[s]]
    return f"{' and '.join(parts)} in {_plural(units, 'unit')} ({counts})"


def fails(findings: Iterable[Finding], fail_on: Severity | str = Severity.ERROR) -> bool:
    """Whether any finding is at or above *fail_on* (``tmkit check`` then exits 1)."""
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in findings)


def rules_table(rules: Iterable[type[Rule]] = ALL_RULES) -> str:
    """The rules as a Markdown table (id, severity, what it finds), without running them."""
    lines = ["| rule | severity | what it finds |", "| --- | --- | --- |"]
    lines += [f"| `{r.id}` | {r.severity.value} | {r.title} |" for r in rules]
    return "\n".join(lines) + "\n"


def format_table(findings: Collection[Finding], width: int = 100) -> str:
    """Findings as readable text blocks, then the summary line; a unit read from a file is
    named with it (``a.tmx: a:b3``)."""
    return "".join(_table(findings, width))


def _table(findings: Collection[Finding], width: int = 100) -> Iterator[str]:
    sizes = [0, 0, 0, 0]
    for finding in findings:  # the columns' widths first
        sizes = [max(size, len(cell)) for size, cell in zip(sizes, _head(finding), strict=True)]
    for finding in findings:
        cells = "  ".join(
            cell.ljust(size) for cell, size in zip(_head(finding), sizes, strict=True)
        )
        expected = f"  expected: {finding.expected}" if finding.expected else ""
        source, target = _shorten(finding.source, width), _shorten(finding.target, width)
        head = f"{cells}{expected}".rstrip()
        yield f"{head}\n    {finding.message}\n    fa: {source}\n    en: {target}\n"
    yield summary(findings) + "\n"


def _head(finding: Finding) -> tuple[str, str, str, str]:
    return finding.severity.value, finding.rule, _unit(finding), finding.term_id or "-"


def format_json(findings: Collection[Finding]) -> str:
    """Findings as a JSON list of objects with :data:`JSON_KEYS`, in that order."""
    return "".join(_json(findings))


def _json(findings: Collection[Finding]) -> Iterator[str]:
    """What ``json.dumps(objects, ensure_ascii=False, indent=2)`` writes, an object at a time
    (JSON escapes a line break in a string, so every line break is indentation)."""
    if not findings:
        yield "[]\n"
        return
    for number, finding in enumerate(findings):
        text = json.dumps({key: str(getattr(finding, key)) for key in JSON_KEYS},
                          ensure_ascii=False, indent=2)  # fmt: skip
        yield ("[\n  " if number == 0 else ",\n  ") + text.replace("\n", "\n  ")
    yield "\n]\n"


def format_junit(
    findings: Collection[Finding],
    rules: Iterable[type[Rule]] = ALL_RULES,
    checked: int | None = None,
) -> str:
    """Findings as JUnit XML (see the module's docstring for the testcases written)."""
    by_rule: dict[str, dict[str, list[Finding]]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, {}).setdefault(_unit(finding), []).append(finding)
    ids = [rule.id for rule in rules]
    ids += [rule for rule in by_rule if rule not in ids]
    root = ET.Element("testsuites", name="tmkit check")
    total = failed = 0
    for rule in ids:
        units = by_rule.get(rule, {})
        suite = ET.SubElement(root, "testsuite", name=rule)
        for unit, found in units.items():
            case = ET.SubElement(suite, "testcase", classname=f"tmkit.check.{rule}", name=unit)
            if found[0].file:
                case.set("file", found[0].file)
            case.set("time", "0")
            worst = max((f.severity for f in found), key=lambda s: s.rank)
            failure = ET.SubElement(case, "failure", type=worst.value)
            failure.set("message", _xml(found[0].message))
            failure.text = _xml("\n\n".join(_junit_text(f) for f in found))
        passed = None if checked is None else max(checked - len(units), 0)
        if passed is None or passed:
            name = "all segments" if not units else "other segments"
            name += "" if passed is None else f" ({passed})"
            ET.SubElement(suite, "testcase", classname=f"tmkit.check.{rule}", name=name, time="0")
        tests = len(suite)
        suite.set("tests", str(tests))
        suite.set("failures", str(len(units)))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total, failed = total + tests, failed + len(units)
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def format_github(findings: Collection[Finding], paths: Mapping[str, Path] | None = None) -> str:
    """Findings as GitHub Actions workflow commands, one line each.

    :param paths: document id → its English file: an annotation names that file (relative
        to the current folder) and the line of the target; without it, no file.
    """
    return "".join(_github(findings, paths))


def _github(findings: Iterable[Finding], paths: Mapping[str, Path] | None) -> Iterator[str]:
    paths = paths or {}
    texts: dict[Path, tuple[str, ...]] = {}
    for finding in findings:
        properties = []
        path = paths.get(finding.document) if finding.document else None
        if path is None and finding.file:  # a unit of a TMX or PO checked: its file, no line
            properties.append(f"file={_property(_relative(Path(finding.file)))}")
        if path is not None:
            properties.append(f"file={_property(_relative(path))}")
            if path not in texts:
                texts[path] = _lines(path)
            line = _line_of(texts[path], finding.target)
            if line:
                properties.append(f"line={line}")
        properties.append(f"title={_property(f'{finding.rule} ({_unit(finding)})')}")
        message = finding.message
        if finding.expected:
            message += f" (expected: {finding.expected})"
        yield f"::{finding.severity.value} {','.join(properties)}::{_data(message)}\n"


def write_findings_xlsx(findings: Collection[Finding], path: Path) -> None:
    """Write *findings* as a workbook editors can sort and filter; atomically.

    Text is stored as text (a message that begins with ``=`` is never a formula); the
    Persian column reads right to left. Dated as the glossary workbook is
    (:func:`glossary.workbook.fixed_time`), so the same findings give the same bytes.

    :raises CorpusError: the target is read-only or its folder cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from glossary.workbook import fixed_time, workbook_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = "Findings"
    for column, (_, header, width) in enumerate(XLSX_COLUMNS, 1):
        cell = sheet.cell(1, column, header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = width
    rtl = Alignment(horizontal="right", readingOrder=2, wrap_text=True, vertical="top")
    ltr = Alignment(wrap_text=True, vertical="top")
    for row, finding in enumerate(findings, 2):
        for column, (name, _, _) in enumerate(XLSX_COLUMNS, 1):
            value = _xml(str(getattr(finding, name)))
            cell = sheet.cell(row, column)
            cell.value = value
            if value[:1] in "=+-@" and value:
                cell.data_type = "s"  # text, never a formula
                cell.quotePrefix = True
            cell.alignment = rtl if name == "source" else ltr
    last = get_column_letter(len(XLSX_COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(len(findings) + 1, 1)}"
    sheet.freeze_panes = "A2"
    write_atomic(Path(path), workbook_bytes(book, fixed_time()))  # dated as the glossary is


def _unit(finding: Finding) -> str:
    """The unit of *finding* as a message names it: ``a.tmx: a:b3`` when read from a file."""
    return f"{finding.file}: {finding.tuid}" if finding.file else finding.tuid


def _by_rule(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.rule for f in findings)
    order = [rule.id for rule in ALL_RULES]
    return dict(sorted(counts.items(), key=lambda kv: (_index(order, kv[0]), kv[0])))


def _index(order: list[str], item: str) -> int:
    return order.index(item) if item in order else len(order)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _junit_text(finding: Finding) -> str:
    lines = [f"[{finding.severity.value}] {finding.message}"]
    if finding.term_id:
        lines.append(f"term: {finding.term_id}")
    if finding.expected:
        lines.append(f"expected: {finding.expected}")
    lines += [f"source: {finding.source}", f"target: {finding.target}"]
    return "\n".join(lines)


def _xml(text: str) -> str:
    return xmlsafe.NOT_XML.sub("\ufffd", text)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _lines(path: Path) -> tuple[str, ...]:
    """The file's lines as an editor, GitHub and tmkit's text reader count them: a form feed
    (a page break in a PDF extraction) or another character :meth:`str.splitlines` would
    break at ends no line."""
    try:
        return tuple(_LINE_END.split(Path(path).read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return ()


def _line_of(lines: tuple[str, ...], target: str) -> int | None:
    probe = " ".join(target.split())[:40]
    if not probe:
        return None
    for number, line in enumerate(lines, 1):
        if probe in " ".join(line.split()):
            return number
    return None
