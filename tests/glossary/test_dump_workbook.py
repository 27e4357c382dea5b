"""The dump of any workbook, for ``git diff``: invalid cells marked in place, never a failure.

``tmkit glossary dump`` is the git textconv driver of the glossary: when it fails, ``git diff``
stops with "fatal: unable to read files to diff". :func:`glossary.diff.dump_workbook` always
returns text, so a reviewer sees the broken cell in the diff.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from glossary.diff import dump, dump_workbook
from glossary.model import Glossary, GlossaryError, bundled_glossary_path
from glossary.workbook import load_glossary, read_glossary, write_glossary

STATUS_HINT = "unknown status (expected approved, proposed or deprecated)"


@pytest.fixture
def workbook(tmp_path, glossary: Glossary) -> Path:
    path = tmp_path / "terms.xlsx"
    write_glossary(glossary, path)
    return path


def edit(path: Path, cells: dict[tuple[str, str], object], target: Path | None = None) -> Path:
    """Type values into the cells of concepts, given as ``(concept id, field)``, as in Excel."""
    glossary, layout = read_glossary(path)
    index = {term.id: n for n, term in enumerate(glossary.terms)}
    book = openpyxl.load_workbook(path)
    for (concept, field), value in cells.items():
        sheet, coordinate = layout.cell(index[concept], field).split("!")
        book[sheet][coordinate] = value
    target = target or path
    book.save(target)
    return target


def cell_of(path: Path, concept: str, field: str) -> str:
    glossary, layout = read_glossary(path)
    return layout.cell([t.id for t in glossary.terms].index(concept), field)


def with_line(text: str, concept: str, old: str, new: str) -> str:
    """*text* with the line *old* of concept *concept*'s block replaced by *new*."""
    blocks = text.split("\n\n")
    for n, block in enumerate(blocks):
        if block.startswith(f"concept {concept}\n"):
            lines = block.split("\n")
            assert old in lines, (old, lines)
            lines[lines.index(old)] = new
            blocks[n] = "\n".join(lines)
            return "\n\n".join(blocks)
    raise AssertionError(f"no concept {concept}")


def test_a_valid_workbook_dumps_byte_for_byte_as_dump(workbook, glossary):
    assert dump_workbook(workbook) == dump(load_glossary(workbook)) == dump(glossary)
    bundled = bundled_glossary_path()
    assert dump_workbook(bundled) == dump(load_glossary(bundled))


def test_invalid_cells_are_marked_in_place_and_the_rest_is_unchanged(workbook, glossary):
    broken = edit(
        workbook,
        {
            ("oil-cartels", "status"): "aproved",
            ("cis-pact", "en"): None,
            ("lukoil", "domain"): "oil",
            ("minsk-group", "case_sensitive"): "maybe",
            ("legal-status", "pos"): 42,
        },
    )
    with pytest.raises(GlossaryError):
        load_glossary(broken)  # what today's dump reads, so git diff stops
    expected = dump(glossary)
    for concept, old, new in [
        ("oil-cartels", "  status: proposed", f"  status: aproved   <- invalid: {STATUS_HINT}"),
        ("cis-pact", "  en: CIS pact", "  en:   <- invalid: empty English term (required)"),
        (
            "lukoil",
            "  domain: energy",
            "  domain: oil   <- invalid: unknown domain (not on the Domains sheet)",
        ),
        (
            "minsk-group",
            "  case_sensitive: yes",
            "  case_sensitive: maybe   <- invalid: expected yes or no, found 'maybe'",
        ),
        (
            "legal-status",
            "  pos: noun",
            "  pos: 42   <- invalid: expected text, found the number 42",
        ),
    ]:
        expected = with_line(expected, concept, old, new)
    assert dump_workbook(broken) == expected


def test_duplicate_and_empty_ids_and_a_bad_domain_row_are_marked(workbook, glossary):
    first = cell_of(workbook, "cis", "id")
    broken = edit(workbook, {("csce", "id"): "cis", ("treaty-1921", "id"): "  "})
    book = openpyxl.load_workbook(broken)
    book["Domains"]["B3"] = None  # the name of the second domain
    book.save(broken)
    text = dump_workbook(broken)
    assert (
        f"\n\nconcept cis   <- invalid: duplicate id (also in {first})\n  domain: karabakh\n"
        in text
    )
    assert "\n\nconcept   <- invalid: empty id (required)\n  domain: caspian\n" in text
    assert text.index("concept   <- invalid") < text.index("concept baku-ceyhan")  # "" sorts first
    second = glossary.domains[1].id  # the Domains sheet keeps the glossary's order
    assert f"\n\ndomain {second}\n  name:   <- invalid: empty name (required)\n" in text
    assert text.splitlines()[0] == "# tmkit glossary: 4 domains, 12 concepts"


def test_a_missing_sheet_or_column_is_said_after_the_first_line(workbook, glossary):
    book = openpyxl.load_workbook(workbook)
    del book["Domains"]
    terms = book["Terms"]
    status = next(c.column for c in terms[1] if c.value == "status")
    terms.delete_cols(status)
    book.save(workbook)
    lines = dump_workbook(workbook).splitlines()
    assert lines[:3] == [
        "# tmkit glossary: 0 domains, 12 concepts",
        "# invalid: missing sheet 'Domains' (the workbook has Terms, How to edit)",
        "# invalid: Terms!1:1: missing column 'status' (the header row needs id, domain,"
        " Persian term, English term, status)",
    ]
    assert not any(line.startswith("  status:") or "<- invalid" in line for line in lines)
    assert lines.count("concept lukoil") == 1


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path):
    text = tmp_path / "terms.xlsx"
    text.write_text("id\tdomain\n", encoding="utf-8")
    archive = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("notes.txt", "not a workbook")
    assert dump_workbook(text) == (
        "# tmkit glossary: cannot read this file: not an XLSX workbook (text, not a workbook: a"
        " TBX file or a term list (CSV, TSV, an OmegaT glossary) becomes one with tmkit glossary"
        f" import {text} -o glossary.xlsx)\n"
    )
    assert dump_workbook(archive) == (
        "# tmkit glossary: cannot read this file: not an XLSX workbook (a ZIP file without"
        " xl/workbook.xml; save it as .xlsx from Excel or LibreOffice)\n"
    )
    assert dump_workbook(tmp_path / "missing.xlsx") == (
        "# tmkit glossary: cannot read this file: cannot read: No such file or directory\n"
    )


TEXTCONV = "import sys; from glossary.diff import dump_workbook; "
TEXTCONV += "sys.stdout.buffer.write(dump_workbook(sys.argv[1]).encode())"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_diff_with_the_textconv_driver_shows_the_broken_cell(tmp_path, glossary):
    repository = tmp_path / "repository"
    repository.mkdir()
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "editor",
        "GIT_AUTHOR_EMAIL": "editor@example.invalid",
        "GIT_COMMITTER_NAME": "editor",
        "GIT_COMMITTER_EMAIL": "editor@example.invalid",
    }

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repository, env=env, capture_output=True, text=True, check=True
        ).stdout

    git("init", "-q")
    driver = f"{shlex.quote(sys.executable)} -c {shlex.quote(TEXTCONV)}"
    git("config", "diff.tmkit-glossary.textconv", driver)
    (repository / ".gitattributes").write_text("*.xlsx diff=tmkit-glossary\n", encoding="utf-8")
    path = repository / "terms.xlsx"
    write_glossary(glossary, path)
    git("add", ".")
    git("commit", "-q", "-m", "glossary")
    edit(path, {("oil-cartels", "status"): "aproved"})
    git("commit", "-q", "-a", "-m", "a typo")
    shown = git("diff", "HEAD~1", "HEAD", "--", "terms.xlsx")
    changed = [
        line for line in shown.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ["-  status: proposed", f"+  status: aproved   <- invalid: {STATUS_HINT}"]
