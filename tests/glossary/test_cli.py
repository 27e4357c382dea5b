"""`tmkit check` and `tmkit glossary …` through the command line: exit codes, outputs, errors."""

import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from defusedxml import ElementTree

from glossary.model import bundled_glossary_path
from glossary.workbook import load_glossary
from tm.cli import main
from tm.tmx import read_tmx, tmx_date, write_tmx

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def built_tmx(example_project, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["build", "--project", str(example_project.root), "-o", str(out)]) == 0
    return out / "tm.fa-en.tmx"


def test_check_of_the_bundled_corpus_is_clean(example_project, capsys):
    assert main(["check", "--project", str(example_project.root)]) == 0
    assert "error" not in capsys.readouterr().out.split("warnings")[0].lower().replace(
        "0 error", ""
    )


def test_check_fails_on_a_changed_year_and_writes_junit(built_tmx, tmp_path, capsys):
    units = list(read_tmx(built_tmx))
    broken = [
        u
        if "8 April 1997" not in u.target
        else type(u)(**{**u.__dict__, "target": u.target.replace("1997", "1998")})
        for u in units
    ]
    path = tmp_path / "broken.tmx"
    write_tmx(broken, path, creationdate=tmx_date(0))
    assert (
        main(
            [
                "check",
                "--glossary",
                str(bundled_glossary_path()),
                "--tmx",
                str(path),
                "--format",
                "junit",
            ]
        )
        == 1
    )
    junit = capsys.readouterr().out
    assert "<testsuites" in junit and "number-mismatch" in junit and "<failure" in junit


def test_check_json_and_fail_on_warning(example_project, built_tmx, capsys):
    assert main(
        [
            "check",
            "--project",
            str(example_project.root),
            "--tmx",
            str(built_tmx),
            "--format",
            "json",
        ]
    ) in (0, 1)
    findings = json.loads(capsys.readouterr().out)
    assert all(f["severity"] == "warning" for f in findings)
    expected = 1 if findings else 0
    assert (
        main(
            [
                "check",
                "--project",
                str(example_project.root),
                "--tmx",
                str(built_tmx),
                "--fail-on",
                "warning",
                "--format",
                "github",
            ]
        )
        == expected
    )


def test_check_report_workbook_has_a_row_per_finding(example_project, built_tmx, tmp_path, capsys):
    report = tmp_path / "findings.xlsx"
    main(
        [
            "check",
            "--project",
            str(example_project.root),
            "--tmx",
            str(built_tmx),
            "--format",
            "json",
            "--report",
            str(report),
        ]
    )
    findings = json.loads(capsys.readouterr().out)
    assert findings
    assert openpyxl.load_workbook(report).active.max_row == len(findings) + 1


def test_check_with_a_broken_glossary_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "terms.xlsx"
    bad.write_bytes(b"not a zip")
    assert main(["check", "--glossary", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {bad}") and err.count("\n") == 1


def test_glossary_lint_dump_diff_export_import(example_project, tmp_path, capsys):
    assert main(["glossary", "lint", "--project", str(example_project.root)]) == 0
    assert "0 errors" in capsys.readouterr().out
    assert main(["glossary", "dump", "--project", str(example_project.root)]) == 0
    dump = capsys.readouterr().out
    assert "caspian-legal-regime" in dump
    copy = tmp_path / "terms.xlsx"
    shutil.copy(bundled_glossary_path(), copy)
    assert main(["glossary", "diff", str(bundled_glossary_path()), str(copy)]) == 0
    tbx = tmp_path / "terms.tbx"
    assert (
        main(
            [
                "glossary",
                "export",
                "--project",
                str(example_project.root),
                "--format",
                "tbx",
                "-o",
                str(tbx),
            ]
        )
        == 0
    )
    imported = tmp_path / "imported.xlsx"
    assert main(["glossary", "import", str(tbx), "-o", str(imported)]) == 0
    capsys.readouterr()
    original, back = load_glossary(bundled_glossary_path()), load_glossary(imported)
    assert [t.id for t in back.terms] == [t.id for t in original.terms]
    assert main(["glossary", "format", str(copy)]) == 0


def test_glossary_import_of_a_tsv_list(tmp_path, capsys):
    tsv = tmp_path / "new-terms.tsv"
    tsv.write_text(
        "id\tdomain\tfa\ten\tstatus\tforbidden\n"
        "caspian-sea\tcaspian\tدریای خزر\tCaspian Sea\tapproved\tKhazar Sea\n",
        encoding="utf-8",
    )
    target = tmp_path / "terms.xlsx"
    assert main(["glossary", "import", str(tsv), "-o", str(target)]) == 0
    (term,) = load_glossary(target).terms
    assert (term.fa, term.en, term.forbidden) == ("دریای خزر", "Caspian Sea", ("Khazar Sea",))
    assert "1 concepts written" in capsys.readouterr().out


def test_dump_prints_a_broken_workbook_with_its_invalid_cell_marked(tmp_path, capsys):
    broken = tmp_path / "broken.xlsx"
    shutil.copy(bundled_glossary_path(), broken)
    book = openpyxl.load_workbook(broken)
    book["Terms"]["I2"] = "aproved"
    book.save(broken)
    assert main(["glossary", "dump", str(broken)]) == 0  # the git textconv driver: never fails
    out = capsys.readouterr().out
    assert "status: aproved   <- invalid: unknown status" in out
    not_a_workbook = tmp_path / "notes.xlsx"
    not_a_workbook.write_text("not a workbook", encoding="utf-8")
    assert main(["glossary", "dump", str(not_a_workbook)]) == 0
    assert capsys.readouterr().out.startswith("# tmkit glossary: cannot read this file")


def test_check_takes_the_persian_side_of_a_tmx_whose_source_is_english(tmp_path, capsys):
    tmx = tmp_path / "en-fa.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body><tu tuid="1"><tuv xml:lang="en"><seg>The Caspian Sea in '
        '1997.</seg></tuv><tuv xml:lang="fa"><seg>دریای خزر در سال ۱۹۹۷.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    args = ["check", "--glossary", str(bundled_glossary_path()), "--tmx", str(tmx)]
    assert main([*args, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*args, "--report", str(tmp_path / "x.csv")]) == 2
    assert "give a name ending in .xlsx" in capsys.readouterr().err


def test_check_of_a_tmx_without_persian_is_one_line_and_exit_2(tmp_path, capsys):
    # a German/English TMX: nothing of it can be checked, so "no findings" would be a false pass
    tmx = tmp_path / "de-en.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="de-DE" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="de-DE"><seg>Ja.</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>Yes.</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    args = ["check", "--glossary", str(bundled_glossary_path()), "--tmx", str(tmx)]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"tmkit: error: {tmx}: no tu has a Persian (fa) segment")
    assert "de-DE, en-US" in captured.err and captured.err.count("\n") == 1


def test_check_warns_about_the_tu_of_a_tmx_without_persian(tmp_path, capsys):
    tmx = tmp_path / "mixed.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa" '
        'datatype="plaintext"/><body><tu tuid="1"><tuv xml:lang="fa"><seg>دریای خزر.</seg>'
        '</tuv><tuv xml:lang="en"><seg>The Caspian Sea.</seg></tuv></tu><tu tuid="2">'
        '<tuv xml:lang="de"><seg>Ja.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    assert main(["check", "--glossary", str(bundled_glossary_path()), "--tmx", str(tmx)]) == 0
    assert "1 tu skipped (no Persian or no second language), the first '2'" in (
        capsys.readouterr().err
    )


def test_check_compares_only_targets_of_one_language_tag(tmp_path, capsys):
    # en-US "color" and en-GB "colour" of one source, in one tu and in two: variants, not
    # inconsistent (as merge has them); two en-US translations still are
    def tuv(lang: str, text: str) -> str:
        return f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'

    tmx = tmp_path / "variants.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa-IR" '
        'datatype="plaintext"/><body>'
        f'<tu tuid="1">{tuv("fa-IR", "رنگ")}{tuv("en-US", "color")}{tuv("en-GB", "colour")}</tu>'
        f'<tu tuid="2">{tuv("fa-IR", "رنگ")}{tuv("en_gb", "colour")}</tu>'
        f'<tu tuid="3">{tuv("fa-IR", "رنگ")}{tuv("en-gb", "color")}</tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    args = ["check", "--glossary", str(bundled_glossary_path()), "--tmx", str(tmx)]
    main([*args, "--format", "json"])
    findings = [
        f for f in json.loads(capsys.readouterr().out) if f["rule"] == "inconsistent-translation"
    ]
    # en-GB "colour" (1, 2) against en-GB "color" (3) only: the en-US "color" of 1 is quiet,
    # and the two units that agree are the TM's translation, the one that differs is reported
    assert sorted((f["tuid"], f["target"], f["expected"]) for f in findings) == [
        ("3", "color", "colour"),
    ]


def test_check_of_several_files_names_each_findings_file_in_every_format(tmp_path, capsys):
    # two TMX with the same tuid: each finding must say which file its unit is in, else the
    # reports of a and b read alike (and JUnit merged them into one testcase, the summary
    # counted one unit)
    paths = []
    for name, year in (("a.tmx", "1998"), ("b.tmx", "1999")):
        path = tmp_path / name
        path.write_text(
            '<tmx version="1.4"><header srclang="fa"/><body><tu tuid="u1">'
            '<tuv xml:lang="fa"><seg>سال ۱۹۹۷</seg></tuv>'
            f'<tuv xml:lang="en"><seg>in {year}</seg></tuv></tu></body></tmx>',
            encoding="utf-8",
        )
        paths.append(str(path))
    args = ["check", "--tmx", *paths, "--glossary", str(bundled_glossary_path())]
    report = tmp_path / "findings.xlsx"
    assert main([*args, "--report", str(report)]) == 1
    table = capsys.readouterr().out
    for path in paths:
        assert f"number-mismatch           {path}: u1" in table
    assert table.endswith("in 2 units (number-mismatch 2, inconsistent-translation 2)\n")
    assert main([*args, "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert sorted((f["file"], f["tuid"], f["rule"]) for f in found) == [
        (path, "u1", rule) for path in paths for rule in ("inconsistent-translation", "number-mismatch")
    ]  # fmt: skip
    assert main([*args, "--format", "junit"]) == 1
    root = ElementTree.fromstring(capsys.readouterr().out)
    failing = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert sorted((c.get("name"), c.get("file")) for c in failing) == sorted(
        (f"{path}: u1", path) for path in paths for _ in range(2)
    )
    assert main([*args, "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and all(
        re.match(r"::(error|warning) file=[^,]+\.tmx,", line) for line in lines
    )
    rows = list(openpyxl.load_workbook(report).active.values)
    assert rows[0][2] == "file" and sorted(row[2] for row in rows[1:]) == sorted(paths * 2)


def test_check_in_worker_processes_prints_what_one_process_prints(tmp_path, capsys):
    # TICO-19's 3,071 real units: four chunks, with findings of most rules and inconsistent
    # translations in different chunks
    tico = str(DATA / "tico19" / "all.en-fa.tmx")
    outputs = []
    for jobs in ("1", "2"):
        code = main(["check", "--tmx", tico, "--glossary", str(bundled_glossary_path()),
                     "--format", "json", "--jobs", jobs])  # fmt: skip
        outputs.append((code, capsys.readouterr()))
    assert outputs[0] == outputs[1]
    rules = {finding["rule"] for finding in json.loads(outputs[0][1].out)}
    assert {"number-mismatch", "untranslated", "inconsistent-translation"} <= rules
