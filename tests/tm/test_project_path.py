"""A new user's path, with the real command line in a temporary folder and nothing reinstalled:
init, add a text pair and a Word pair that are not the bundled article, build, edit the
glossary and see check follow, review a sentence in PO and see the next build write it."""

import subprocess
import sys

import docx
import openpyxl
import polib
import pytest

from corpus.normalize import normalize
from tm.tmx import read_tmx

NEWS = (
    "https://en.wikinews.org/wiki/Bangladesh_reports_five_new_deaths_due_to_COVID-19,_a_daily_high"
)
REPORT = "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7119513/"


def tmkit(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tm", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def write_docx(units, sizes, path, side):
    """A Word document: the first unit as the title, then paragraphs of *sizes* units."""
    document = docx.Document()
    document.add_paragraph(units[0][side], style="Title")
    start = 1
    for size in sizes:
        document.add_paragraph(" ".join(unit[side] for unit in units[start : start + size]))
        start += size
    document.save(str(path))


@pytest.fixture(scope="module")
def walked(tmp_path_factory, tico19_documents, write_pair):
    home = tmp_path_factory.mktemp("home")
    news = tico19_documents[next(url for url in tico19_documents if url.startswith(NEWS[:60]))]
    write_pair(news, [1, 4, 5, 5], home / "news.fa.txt", home / "news.en.txt")
    report = tico19_documents[REPORT][:13]
    write_docx(report, [4, 4, 4], home / "report-fa.docx", 0)
    write_docx(report, [4, 4, 4], home / "report-en.docx", 1)
    steps = {"init": tmkit("init", "project", cwd=home)}
    project = home / "project"
    steps["add text"] = tmkit("add", "../news.fa.txt", "../news.en.txt", cwd=project)
    steps["add docx"] = tmkit("add", "../report-fa.docx", "../report-en.docx", cwd=project)
    steps["build"] = tmkit("build", cwd=project)
    return home, project, steps, news, report


def test_init_add_and_build_work_on_the_users_own_documents(walked):
    home, project, steps, news, report = walked
    for name, step in steps.items():
        assert step.returncode == 0, (name, step.stderr)
        assert "Traceback" not in step.stderr
    assert (project / "tmkit.toml").is_file() and (project / "glossary.xlsx").is_file()
    assert sorted(p.name for p in (project / "texts").iterdir()) == ["news", "report"]
    assert (project / "texts/news/fa.raw.txt").read_bytes() == (home / "news.fa.txt").read_bytes()
    assert (project / "texts/report/en.docx").read_bytes() == (home / "report-en.docx").read_bytes()
    assert (
        "added news (texts/news/): 15 Persian segments, 15 English segments"
        in steps["add text"].stdout
    )
    units = {u.target: u.source for u in read_tmx(project / "out" / "tm.fa-en.tmx")}
    for fa, en in (news[4], report[0], report[8]):  # text pair; the Word title, a body sentence
        assert units[en] == normalize(fa)
    assert {en for _, en in news + report} <= set(units)  # every unit of both pairs


def test_status_lists_the_pairs_and_what_changed(walked):
    _, project, _, _, _ = walked
    status = tmkit("status", cwd=project / "texts")  # found from a subfolder, as git does
    assert status.returncode == 0
    rows = {line.split()[0]: line for line in status.stdout.splitlines() if line[:1].islower()}
    assert rows["news"].endswith("up to date") and " 15 " in rows["news"]
    assert rows["report"].split()[1:3] == ["fa.raw.docx", "en.docx"]


def test_an_edited_glossary_is_what_lint_and_check_see(walked):
    _, project, _, _, _ = walked
    book = openpyxl.load_workbook(project / "glossary.xlsx")
    book["Domains"].append(["health", "Health", "public health"])
    book["Terms"].append(
        ["covid-19", "health", "کووید-19", None, "COVID-19", None, None, "noun", "approved"]
    )
    book.save(project / "glossary.xlsx")
    assert tmkit("glossary", "lint", cwd=project).returncode == 0
    assert tmkit("check", cwd=project).returncode in (0, 1)
    book["Terms"]["I2"] = "aproved"
    book.save(project / "glossary.xlsx")
    lint = tmkit("glossary", "lint", cwd=project)
    assert lint.returncode == 1
    assert "Terms!I2" in lint.stdout and "unknown-status" in lint.stdout
    check = tmkit("check", cwd=project)
    assert check.returncode == 2
    assert check.stderr.startswith("tmkit: error: ") and "I2" in check.stderr
    assert len(check.stderr.splitlines()) == 1
    book["Terms"]["I2"] = "approved"
    book.save(project / "glossary.xlsx")


def test_a_sentence_reviewed_in_po_is_in_the_next_build(walked):
    home, project, _, news, _ = walked
    po_path = home / "review.po"
    assert tmkit("export", "--format", "po", "-o", str(po_path), cwd=project).returncode == 0
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgstr == news[4][1])
    edited = news[4][1].replace("recorded", "registered")
    assert edited != news[4][1]
    entry.msgstr = edited
    po.save(str(po_path))
    imported = tmkit("import-po", str(po_path), cwd=project)
    assert imported.returncode == 0, imported.stderr
    assert "1 English sentences changed" in imported.stdout
    assert tmkit("build", cwd=project).returncode == 0
    targets = {u.target for u in read_tmx(project / "out" / "tm.fa-en.tmx")}
    assert edited in targets and news[4][1] not in targets


def test_outside_a_project_a_command_says_how_to_make_one(tmp_path):
    result = tmkit("build", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert "not in a tmkit project" in line and "tmkit init" in line
