"""No command writes over a file it reads (README, "Exit codes"): ``-o`` naming one of its own
inputs, by any path, is a one-line error (exit 2) and the file is left as it was."""

import shutil

import pytest

from tm.cli import main
from tm.tmx import tmx_date, write_tmx
from tm.unit import TranslationUnit

REFUSED = "is an input of this command: not written over (write to another file)"


@pytest.fixture
def tmx(tmp_path):
    path = tmp_path / "multi.tmx"
    write_tmx([TranslationUnit("a:1", "نفت", "oil")], path, creationdate=tmx_date(0))
    return path


@pytest.mark.parametrize("name", ["same", "symlink", "hard link", "dotted"])
def test_merge_refuses_to_write_over_its_input_by_any_name(tmp_path, tmx, capsys, name):
    before = tmx.read_bytes()
    output = {
        "same": tmx,
        "symlink": tmp_path / "link.tmx",
        "hard link": tmp_path / "hard.tmx",
        "dotted": tmp_path / "." / "multi.tmx",
    }[name]
    if name == "symlink":
        output.symlink_to(tmx)
    if name == "hard link":
        output.hardlink_to(tmx)
    assert main(["merge", str(tmx), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.endswith(f": {REFUSED}\n") and err.count("\n") == 1, err
    assert tmx.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_glossary_import_refuses_to_write_over_its_term_list(tmp_path, capsys):
    terms = tmp_path / "self.csv"
    terms.write_text("id,domain,fa,en,status\nself-2,general,نفت,Oil,approved\n", "utf-8")
    before = terms.read_bytes()
    assert main(["glossary", "import", str(terms), "-o", str(terms)]) == 2
    assert capsys.readouterr().err == f"tmkit: error: {terms}: {REFUSED}\n"
    assert terms.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["self.csv"]


def test_a_command_without_output_still_rewrites_its_file(tmp_path, example_project, capsys):
    # glossary format FILE rewrites FILE on purpose: it has no -o
    workbook = tmp_path / "terms.xlsx"
    shutil.copy(example_project.glossary, workbook)
    assert main(["glossary", "format", str(workbook)]) == 0


@pytest.fixture
def built(example_project):
    assert main(["build", "--project", str(example_project.root), "--jobs", "1"]) == 0
    return example_project


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("out/tm.fa-en.po", "is a file tmkit build writes"),
        ("out/omegat/tm/auto/tm.fa-en.tmx", "is a file tmkit build writes"),
        ("texts/caucasus-oil-policy/en.txt", "is an input of the project"),
        ("tmkit.toml", "is an input of the project"),
    ],
)
def test_export_never_writes_over_the_builds_files_or_its_inputs(built, capsys, target, why):
    path = built.root / target
    before = path.read_bytes()
    capsys.readouterr()
    code = main(["export", "--format", "po", "--project", str(built.root), "-o", str(path)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {path}: {why}: not written over (write to another file)\n"
    )
    assert path.read_bytes() == before


def test_export_writes_beside_the_builds_files(built, capsys):
    path = built.root / "out" / "review.po"
    assert main(["export", "--format", "po", "--project", str(built.root), "-o", str(path)]) == 0
    assert path.read_text("utf-8").count("msgid") > 100
