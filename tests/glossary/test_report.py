"""Findings as a table, JSON, JUnit XML, GitHub annotations and an XLSX editors can filter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree
from openpyxl import load_workbook

from glossary.checks import ALL_RULES, Finding, Severity
from glossary.report import (
    FORMATS,
    JSON_KEYS,
    fails,
    format_findings,
    format_github,
    format_json,
    format_junit,
    format_table,
    rules_table,
    summary,
    write_findings_xlsx,
)

ROOT = Path(__file__).resolve().parents[2]
DOC = "caucasus-oil-policy"
B28_FA = "در اینجا می‌توان گفت خط لوله اصلی نفت جمهوری آذربایجان با مناقشه قره‌باغ مرتبط می‌باشد."
B28_EN = "Here it can be said that the main oil pipeline of the Republic of Azerbaijan is linked to the Nagorno-Karabakh conflict."
B51_FA = (
    "تا زمان به قدرت رسیدن ترپتروسیان در سال ۱۹۹۰، ارمنستان به دنبال اتخاذ یک سیاست خارجی متوازن"
)
B51_EN = "Since Ter-Petrosyan came to power in 1991, Armenia has sought to adopt a balanced foreign policy"

MISSING = Finding(
    "term-missing", Severity.ERROR, f"{DOC}:b28", B28_FA, B28_EN.replace("Nagorno-Karabakh", "Artsakh"),
    "karabakh", "«قره‌باغ» is in the source but 'Nagorno-Karabakh' is not in the target",
    "Nagorno-Karabakh", DOC,
)  # fmt: skip
YEAR = Finding(
    "number-mismatch", Severity.ERROR, f"{DOC}:b51", B51_FA, B51_EN, "",
    "1990 in the source but not in the target; 1991 in the target but not in the source",
    "1990", DOC,
)  # fmt: skip
HOSTILE = Finding(
    "mixed-script", Severity.WARNING, "x:1", "=HYPERLINK(\"http://x\")", "a <b> & \x0b c, 100%\nnext",
    "", "'DAWNکراچی' mixes <Arabic> & \"Latin\" letters: 100%", "", "",
)  # fmt: skip
FINDINGS = [MISSING, YEAR, HOSTILE]


def test_summary_counts_severities_units_and_rules():
    assert summary([]) == "no findings"
    assert summary([MISSING]) == "1 error in 1 unit (term-missing 1)"
    assert summary(FINDINGS) == (
        "2 errors and 1 warning in 3 units (term-missing 1, number-mismatch 1, mixed-script 1)"
    )


@pytest.mark.parametrize(
    ("findings", "fail_on", "expected"),
    [
        ([], "error", False),
        ([HOSTILE], "error", False),
        ([HOSTILE], "warning", True),
        ([YEAR], "error", True),
        ([YEAR], Severity.WARNING, True),
    ],
)
def test_fail_on_threshold(findings, fail_on, expected):
    assert fails(findings, fail_on) is expected


def test_table_shows_rule_unit_term_expected_and_persian_as_is():
    table = format_table([MISSING, YEAR])
    lines = table.splitlines()
    assert lines[0].split() == [
        "error", "term-missing", f"{DOC}:b28", "karabakh", "expected:", "Nagorno-Karabakh"
    ]  # fmt: skip
    assert lines[1].strip() == MISSING.message
    assert lines[2] == f"    fa: {B28_FA}"  # Persian untouched (ZWNJ kept), short enough
    assert lines[4].split()[:4] == ["error", "number-mismatch", f"{DOC}:b51", "-"]
    assert lines[-1] == "2 errors in 2 units (term-missing 1, number-mismatch 1)"


def test_table_shortens_long_text():
    long = Finding("untranslated", Severity.ERROR, "u", "س" * 300, "e " * 300, message="m")
    fa_line = format_table([long]).splitlines()[2]
    assert fa_line.endswith("…") and len(fa_line) <= 110


def test_json_is_a_list_of_objects_with_stable_keys():
    text = format_json(FINDINGS)
    data = json.loads(text)
    assert [list(obj) for obj in data] == [list(JSON_KEYS)] * 3
    assert data[0]["severity"] == "error" and data[0]["source"] == B28_FA
    assert "قره‌باغ" in text  # not \u escapes
    assert format_json(FINDINGS) == text


def test_junit_has_a_suite_per_rule_and_a_failing_case_per_rule_and_segment():
    xml = format_junit(FINDINGS, checked=144)
    root = ElementTree.fromstring(xml.encode("utf-8"))
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == [rule.id for rule in ALL_RULES]
    missing = suites["term-missing"]
    cases = missing.findall("testcase")
    assert [c.get("name") for c in cases] == [f"{DOC}:b28", "other segments (143)"]
    failure = cases[0].find("failure")
    assert failure.get("type") == "error" and failure.get("message") == MISSING.message
    assert "expected: Nagorno-Karabakh" in failure.text and B28_FA in failure.text
    assert cases[1].find("failure") is None
    quiet = suites["deprecated-term"]
    assert [c.get("name") for c in quiet.findall("testcase")] == ["all segments (144)"]
    assert (missing.get("tests"), missing.get("failures")) == ("2", "1")
    assert (root.get("tests"), root.get("failures")) == (str(len(ALL_RULES) + 3), "3")


def test_junit_warnings_are_failures_too_and_text_is_escaped():
    xml = format_junit([HOSTILE])
    root = ElementTree.fromstring(xml.encode("utf-8"))
    (case,) = [c for c in root.iter("testcase") if c.find("failure") is not None]
    failure = case.find("failure")
    assert failure.get("type") == "warning"
    assert failure.get("message") == HOSTILE.message
    assert "a <b> & \ufffd c, 100%" in failure.text  # the control character replaced
    assert "all segments" in [c.get("name") for c in root.iter("testcase")]


def test_junit_is_deterministic():
    assert format_junit(FINDINGS, checked=10) == format_junit(list(FINDINGS), checked=10)
    assert "timestamp" not in format_junit(FINDINGS)


def test_github_annotations_point_at_the_documents_english_file(tmp_path):
    english = tmp_path / "en.txt"
    english.write_text("Title\n\n" + B51_EN.replace("1991", "1990") + "\n" + B28_EN + "\n", "utf-8")
    lines = format_github([MISSING, YEAR], paths={DOC: english}).splitlines()
    path = english.as_posix()
    assert lines[0] == (
        f"::error file={path},line=4,title=term-missing ({DOC}%3Ab28)::"
        "«قره‌باغ» is in the source but 'Nagorno-Karabakh' is not in the target "
        "(expected: Nagorno-Karabakh)"
    )
    assert lines[1].startswith(f"::error file={path},line=3,title=number-mismatch ({DOC}%3Ab51)::")


def test_github_annotation_lines_do_not_count_a_form_feed(tmp_path):
    """pdftotext's page end (``\\f`` opening a line) is no line end for an editor or GitHub."""
    english = tmp_path / "en.txt"
    english.write_text("Title\n\fPage two\n" + B28_EN + "\n", "utf-8")
    (line,) = format_github([MISSING], paths={DOC: english}).splitlines()
    assert line.startswith(f"::error file={english.as_posix()},line=3,")


def test_github_escapes_data_and_properties():
    (line,) = format_github([HOSTILE], paths={}).splitlines()
    assert line == (
        "::warning title=mixed-script (x%3A1)::"
        "'DAWNکراچی' mixes <Arabic> & \"Latin\" letters: 100%25"
    )


def test_github_names_the_english_file_relative_to_the_current_folder(monkeypatch):
    monkeypatch.chdir(ROOT)
    english = ROOT / "corpus" / "texts" / DOC / "en.txt"
    (line,) = format_github([MISSING], paths={DOC: english}).splitlines()
    assert line.startswith(f"::error file=corpus/texts/{DOC}/en.txt,line=")
    (line,) = format_github([MISSING]).splitlines()
    assert line.startswith(f"::error title=term-missing ({DOC}%3Ab28)::")


def test_every_format_renders():
    for fmt in FORMATS:
        assert format_findings(FINDINGS, fmt, paths={})
    with pytest.raises(ValueError, match="unknown format 'html'"):
        format_findings(FINDINGS, "html")


def test_xlsx_report_is_a_filterable_table_with_a_right_to_left_persian_column(tmp_path):
    path = tmp_path / "out" / "findings.xlsx"
    write_findings_xlsx(FINDINGS, path)
    assert [p.name for p in path.parent.iterdir()] == ["findings.xlsx"]  # no temporary left
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["severity", "rule", "file", "unit"] and "source (Persian)" in header
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:J{len(FINDINGS) + 1}"
    source = header.index("source (Persian)") + 1
    assert sheet.cell(2, source).value == B28_FA
    assert sheet.cell(2, source).alignment.readingOrder == 2
    assert sheet.cell(2, source).alignment.horizontal == "right"
    hostile = sheet.cell(4, source)
    assert hostile.value == HOSTILE.source and hostile.data_type == "s"  # text, not a formula


def test_xlsx_report_of_the_same_findings_is_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_findings_xlsx(FINDINGS, first)
    write_findings_xlsx(FINDINGS, second)
    assert first.read_bytes() == second.read_bytes()  # not the clock of the save: 2000-01-01
    assert load_workbook(first).properties.created.year == 2000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_findings_xlsx(FINDINGS, second)
    assert load_workbook(second).properties.modified.year == 2023


def test_xlsx_report_with_no_findings_has_its_header(tmp_path):
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx([], path)
    assert load_workbook(path).active.max_row == 1


def test_rules_table_lists_every_rule_and_severity():
    table = rules_table()
    for rule in ALL_RULES:
        assert f"| `{rule.id}` | {rule.severity.value} |" in table


def test_pre_commit_hook_runs_tmkit_check_on_tm_and_glossary_files():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hook = dict(re.findall(r"^\s*-?\s*(\w+): (.+)$", text, re.MULTILINE))
    assert hook["id"] == "tmkit-check"
    assert hook["entry"] == "tmkit check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] == "false"
    pattern = re.compile(hook["files"])
    assert pattern.search("tm/fa-en.tmx") and pattern.search("glossary/terms.xlsx")
    assert pattern.search("out/tm.fa-en.po") and not pattern.search("README.md")
