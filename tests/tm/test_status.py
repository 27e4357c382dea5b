"""tmkit status tells what a build would do: which pairs changed, and why."""

import shutil

import pytest

from tm.build import build
from tm.errors import TmError
from tm.project import load_project
from tm.status import project_status, status_text


def states(project) -> dict[str, str]:
    return {pair.id: pair.state for pair in project_status(project).pairs}


def reload(project):
    return load_project(project.root / "tmkit.toml")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_project_not_built_yet(tico_project):
    assert set(states(tico_project).values()) == {"not built"}
    assert "not built yet: run tmkit build" in status_text(
        tico_project, project_status(tico_project)
    )


def test_after_a_build_every_pair_is_up_to_date_and_an_edit_is_named(tico_project):
    build(tico_project)
    assert set(states(tico_project).values()) == {"up to date"}
    edit(tico_project.texts / "doc2" / "en.txt", " the ", " The ")
    assert states(tico_project)["doc2"] == "changed: en.txt"
    assert build(tico_project).aligned == 1
    assert set(states(tico_project).values()) == {"up to date"}


def test_a_changed_setting_is_a_pair_to_align_again(tico_project):
    build(tico_project)
    edit(tico_project.file, "flag-threshold = 0.5", "flag-threshold = 0.9")
    project = reload(tico_project)
    assert set(states(project).values()) == {"to be aligned again (settings or tmkit changed)"}
    assert build(project).aligned == 5
    assert set(states(project).values()) == {"up to date"}


def test_a_missing_glossary_is_a_problem_for_status_and_an_error_for_build(tico_project):
    build(tico_project)
    shutil.move(tico_project.glossary, tico_project.root / "elsewhere.xlsx")
    status = project_status(tico_project)
    assert status.problems and "no such file (tmkit.toml: [paths] glossary)" in status.problems[0]
    assert "problem: " in status_text(tico_project, status)
    with pytest.raises(TmError, match=r"set glossary = \"\" for none"):
        build(tico_project)


def test_new_and_removed_pairs(tico_project):
    build(tico_project)
    shutil.copytree(tico_project.texts / "doc1", tico_project.texts / "doc6")
    shutil.rmtree(tico_project.texts / "doc3")
    status = project_status(tico_project)
    assert {p.id: p.state for p in status.pairs}["doc6"] == "new"
    assert status.removed == ("doc3",)


def test_a_reference_that_belongs_to_another_document_is_warned_about(tico_project):
    other = (tico_project.texts / "doc4" / "en.txt").read_bytes()
    (tico_project.texts / "doc1" / "en.txt").write_bytes(other)
    report = build(tico_project)
    [doc1] = [d for d in report.documents if d.id == "doc1"]
    assert any("the translation of fa.raw.txt?" in warning for warning in doc1.warnings)
    assert doc1.unpaired > 0
    assert not any("translation of" in w for d in report.documents[1:] for w in d.warnings)
    from tm.tmx import read_tmx

    tuids = {unit.tuid for unit in read_tmx(tico_project.out / "tm.fa-en.tmx")}
    assert not any(tuid.startswith("doc1:") for tuid in tuids)  # chance pairs stay out
    assert any(tuid.startswith("doc2:") for tuid in tuids)


def test_a_pair_given_the_wrong_way_round_stays_out_of_the_tmx(tico_project):
    folder = tico_project.texts / "doc3"
    persian, english = folder / "fa.raw.txt", folder / "en.txt"
    swapped = persian.read_bytes()
    persian.write_bytes(english.read_bytes())
    english.write_bytes(swapped)
    report = build(tico_project)
    [doc3] = [d for d in report.documents if d.id == "doc3"]
    doubt = "fa.raw.txt is mostly not in Persian script: is it the Persian side?"
    assert doubt in doc3.warnings and doc3.doubt == doubt
    assert states(tico_project)["doc3"] == f"up to date; in doubt: {doubt}"
    from tm.tmx import read_tmx

    assert not any(u.tuid.startswith("doc3:") for u in read_tmx(tico_project.out / "tm.fa-en.tmx"))


def test_a_change_under_a_project_wide_model_says_every_second_pass_may_be_realigned(
    tico_project,
):
    build(tico_project)
    line = "the last build's translation model learned from every pair"
    assert line not in status_text(tico_project, project_status(tico_project))
    record = tico_project.out / "build.json"  # five short pairs: no model; as if there were
    edit(record, '"trained": false', '"trained": true')
    assert line not in status_text(tico_project, project_status(tico_project))  # no change
    edit(tico_project.texts / "doc2" / "en.txt", " the ", " The ")
    assert line in status_text(tico_project, project_status(tico_project))
