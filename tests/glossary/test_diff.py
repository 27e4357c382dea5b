"""Reviewing glossary changes: a stable text dump for git, and a field-by-field diff."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from glossary.diff import Change, ChangeKind, FieldChange, diff, diff_text, dump
from glossary.model import Glossary, Status, Term

REPOSITORY = Path(__file__).parents[2]


def edited(glossary: Glossary) -> Glossary:
    """An editor's pull request: one concept removed, one added, two changed, a domain renamed."""
    by_id = glossary.by_id()
    terms = [t for t in glossary.terms if t.id != "cis-pact"]
    terms[terms.index(by_id["oil-cartels"])] = replace(
        by_id["oil-cartels"], status=Status.APPROVED, source="gold.tsv b32; TRANSLATOR-NOTES.md"
    )
    terms[terms.index(by_id["peacekeeping-forces"])] = replace(
        by_id["peacekeeping-forces"], forbidden=("peace guards",), note=""
    )
    terms.append(
        Term(
            "transnational-companies",
            "energy",
            "کمپانی‌های فراملیتی",
            "transnational companies",
            en_variants=("transnational company",),
            pos="noun",
        )
    )
    domains = [
        replace(d, name="Oil, gas and pipelines") if d.id == "energy" else d
        for d in glossary.domains
    ]
    return Glossary(tuple(terms), tuple(domains))


# dump


def test_dump_starts_with_counts_and_has_a_block_per_domain_and_concept(glossary):
    text = dump(glossary)
    assert text.startswith("# tmkit glossary: 4 domains, 12 concepts\n\ndomain caspian\n")
    assert text.count("\n\nconcept ") == 12 and text.count("\n\ndomain ") == 4


def test_dump_block_lists_non_empty_fields_in_workbook_order(glossary):
    blocks = dump(glossary).split("\n\n")
    assert next(b for b in blocks if b.startswith("concept minsk-group\n")) == (
        "concept minsk-group\n"
        "  domain: karabakh\n"
        "  fa: گروه مینسک\n"
        "  en: Minsk Group\n"
        "  en_variants: OSCE Minsk Group\n"
        "  forbidden: Minsk Contact Group\n"
        "  pos: proper noun\n"
        "  status: approved\n"
        "  source: gold.tsv b20\n"
        "  case_sensitive: yes"
    )


def test_dump_sorts_concepts_by_id(glossary):
    ids = [line.split()[1] for line in dump(glossary).splitlines() if line.startswith("concept ")]
    assert ids == sorted(t.id for t in glossary.terms)
    assert ids[:3] == ["baku-ceyhan", "caspian-legal-regime", "cis"]


def test_dump_is_the_same_whatever_the_row_order(glossary):
    shuffled = Glossary(glossary.terms[::-1], glossary.domains[::-1])
    assert dump(shuffled) == dump(glossary)


def test_dump_keeps_each_field_on_its_line(glossary):
    text = dump(glossary)
    assert (
        "  note: The article uses two Persian expressions for them:\\n"
        "نیروهای پاسدار صلح (b74, b84) and نیروهای حافظ صلح (b102).\n"
    ) in text
    assert "  fa_variants: نیروهای حافظ صلح; پاسداران صلح\n" in text


def test_dump_turns_a_workbook_edit_into_a_line_diff_as_git_shows_it(glossary):
    before, after = dump(glossary).splitlines(), dump(edited(glossary)).splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "-+" and line[:3] not in ("---", "+++") and line[1:].strip()
    ]
    assert changed == [
        "-  name: Oil, pipelines and companies",
        "+  name: Oil, gas and pipelines",
        "-concept cis-pact",
        "-  domain: cis",
        "-  fa: پیمان کشورهای مشترک‌المنافع",
        "-  en: CIS pact",
        "-  forbidden: Commonwealth pact",
        "-  pos: noun",
        "-  status: proposed",
        "-  note: Only once in the article; check the usual English name.",
        "-  status: proposed",
        "-  source: gold.tsv b32",
        "+  status: approved",
        "+  source: gold.tsv b32; TRANSLATOR-NOTES.md",
        "-  forbidden: peace guards; peace-guarding forces",
        "+  forbidden: peace guards",
        "-  note: The article uses two Persian expressions for them:\\n"
        "نیروهای پاسدار صلح (b74, b84) and نیروهای حافظ صلح (b102).",
        "+concept transnational-companies",
        "+  domain: energy",
        "+  fa: کمپانی‌های فراملیتی",
        "+  en: transnational companies",
        "+  en_variants: transnational company",
        "+  pos: noun",
        "+  status: approved",
    ]


# diff


def test_equal_glossaries_have_no_changes_whatever_the_order(glossary):
    assert diff(glossary, Glossary(glossary.terms[::-1], glossary.domains)) == []
    assert diff_text(glossary, glossary) == "no changes\n"


def test_diff_reports_added_removed_and_changed_fields(glossary):
    assert diff(glossary, edited(glossary)) == [
        Change(
            ChangeKind.CHANGED,
            "domain",
            "energy",
            (FieldChange("name", "Oil, pipelines and companies", "Oil, gas and pipelines"),),
        ),
        Change(
            ChangeKind.REMOVED,
            "concept",
            "cis-pact",
            (
                FieldChange("domain", "cis", ""),
                FieldChange("fa", "پیمان کشورهای مشترک‌المنافع", ""),
                FieldChange("en", "CIS pact", ""),
                FieldChange("forbidden", "Commonwealth pact", ""),
                FieldChange("pos", "noun", ""),
                FieldChange("status", "proposed", ""),
                FieldChange("note", "Only once in the article; check the usual English name.", ""),
            ),
        ),
        Change(
            ChangeKind.CHANGED,
            "concept",
            "oil-cartels",
            (
                FieldChange("status", "proposed", "approved"),
                FieldChange("source", "gold.tsv b32", "gold.tsv b32; TRANSLATOR-NOTES.md"),
            ),
        ),
        Change(
            ChangeKind.CHANGED,
            "concept",
            "peacekeeping-forces",
            (
                FieldChange("forbidden", "peace guards; peace-guarding forces", "peace guards"),
                FieldChange("note", glossary.by_id()["peacekeeping-forces"].note, ""),
            ),
        ),
        Change(
            ChangeKind.ADDED,
            "concept",
            "transnational-companies",
            (
                FieldChange("domain", "", "energy"),
                FieldChange("fa", "", "کمپانی‌های فراملیتی"),
                FieldChange("en", "", "transnational companies"),
                FieldChange("en_variants", "", "transnational company"),
                FieldChange("pos", "", "noun"),
                FieldChange("status", "", "approved"),
            ),
        ),
    ]


def test_case_sensitivity_change_is_reported(glossary):
    lukoil = glossary.by_id()["lukoil"]
    changed = Glossary(
        tuple(replace(lukoil, case_sensitive=False) if t is lukoil else t for t in glossary.terms),
        glossary.domains,
    )
    assert diff(glossary, changed) == [
        Change(
            ChangeKind.CHANGED, "concept", "lukoil", (FieldChange("case_sensitive", "yes", "no"),)
        )
    ]


def test_diff_text_for_a_reviewer(glossary):
    text = diff_text(glossary, edited(glossary))
    assert text.splitlines()[0] == "concepts: 1 added, 1 removed, 2 changed; domains: 1 changed"
    assert (
        "~ concept oil-cartels\n"
        "    status: - proposed\n"
        "    status: + approved\n"
        "    source: - gold.tsv b32\n"
        "    source: + gold.tsv b32; TRANSLATOR-NOTES.md\n"
    ) in text
    assert (
        "+ concept transnational-companies\n"
        "    domain: energy\n"
        "    fa: کمپانی‌های فراملیتی\n"
        "    en: transnational companies\n"
    ) in text
    assert "- concept cis-pact\n    domain: cis\n" in text
    assert "~ concept peacekeeping-forces\n" in text
    assert "    note: - The article uses two Persian expressions for them:\\nنیروهای" in text
    assert "    note: +" not in text  # the note was emptied: no "+" line


# git set-up


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPOSITORY / ".git").exists(),
    reason="needs git and this repository's checkout",
)
@pytest.mark.parametrize(
    ("path", "diff_driver", "merge"),
    [
        ("glossary/terms.xlsx", "tmkit-glossary", "unset"),
        ("tests/data/report.xlsx", "unset", "unset"),
    ],
)
def test_gitattributes_diff_glossary_workbooks_as_text_and_never_merge_xlsx(
    path, diff_driver, merge
):
    result = subprocess.run(
        ["git", "check-attr", "diff", "merge", "--", path],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines() == [f"{path}: diff: {diff_driver}", f"{path}: merge: {merge}"]
