"""Incremental and parallel builds write the same bytes as a full build in one process."""

import json
import os
import shutil
from pathlib import Path

import pytest

from corpus.collection import TextFolder
from corpus.errors import CorpusError
from tm.batch import align_project
from tm.build import build
from tm.errors import TmError
from tm.project import load_project
from tm.signature import creationdate

DOCUMENTS = 5  # the pairs of the tico_project fixture (tests/tm/conftest.py)


def outputs(out: Path) -> dict[str, bytes]:
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tico_project):
    return tico_project


def full_build(project, tmp_path, name: str) -> dict[str, bytes]:
    """Copy the project's inputs (no cache, no outputs) and build them from scratch."""
    copy = tmp_path / name
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns(".tmkit", "out"))
    build(load_project(copy / "tmkit.toml"), jobs=1)
    return outputs(copy / "out")


def test_a_rebuild_after_one_edit_aligns_one_pair_and_writes_the_same_bytes(project, tmp_path):
    assert build(project).aligned == DOCUMENTS
    assert build(project).aligned == 0
    english = project.texts / "doc2" / "en.txt"
    english.write_text(english.read_text(encoding="utf-8").replace(" the ", " The ", 1), "utf-8")
    report = build(project)
    assert report.aligned == 1
    assert outputs(project.out) == full_build(project, tmp_path, "full")


def test_a_parallel_build_writes_what_a_serial_one_does(project, tmp_path):
    assert build(project, jobs=2, reuse=False).aligned == DOCUMENTS
    assert outputs(project.out) == full_build(project, tmp_path, "serial")


def test_a_removed_pair_leaves_nothing_behind(project, tmp_path):
    build(project)
    shutil.rmtree(project.texts / "doc3")
    assert build(project).aligned == 0
    assert not (project.out / "doc3").exists()
    assert not (project.root / ".tmkit" / "cache" / "doc3.json").exists()
    assert outputs(project.out) == full_build(project, tmp_path, "without-doc3")


def test_what_every_pair_depends_on_realigns_every_pair(project):
    build(project)
    (project.root / "tmkit.toml").write_text(
        (project.root / "tmkit.toml")
        .read_text(encoding="utf-8")
        .replace("flag-threshold = 0.5", "flag-threshold = 0.6"),
        encoding="utf-8",
    )
    assert build(load_project(project.root / "tmkit.toml")).aligned == DOCUMENTS
    glossary = project.glossary.read_bytes()
    project.glossary.write_bytes(glossary)  # same bytes: nothing to do
    assert build(load_project(project.root / "tmkit.toml")).aligned == 0


def test_a_damaged_cache_entry_is_aligned_again(project):
    build(project)
    (project.root / ".tmkit" / "cache" / "doc1.json").write_text("{not json", encoding="utf-8")
    (project.root / ".tmkit" / "cache" / "doc4.json").write_text("", encoding="utf-8")
    assert build(project).aligned == 2


def test_the_results_of_the_cache_are_the_results_of_aligning(project):
    aligned = align_project(project)
    assert align_project(project) == aligned  # read back from .tmkit/cache
    assert align_project(project, reuse=False) == aligned


def test_pairs_of_two_english_variants_build_into_one_tm(project):
    meta = project.texts / "doc2" / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("[target]", '[target]\nlanguage = "en-GB"'),
        "utf-8",
    )
    build(project)
    import polib
    from lxml import etree

    tmx = etree.parse(str(project.out / "tm.fa-en.tmx"))
    languages = set(tmx.xpath("//tuv/@xml:lang"))
    assert languages == {"fa-IR", "en-GB", "en-US"}
    po = polib.pofile(str(project.out / "tm.fa-en.po"))
    assert po.metadata["Language"] == "en"


def test_a_failed_write_of_the_tm_keeps_the_last_tmx_and_po_together(project, monkeypatch):
    from corpus.errors import CorpusError
    from tm import build as building

    build(project)
    before = outputs(project.out)

    def failing(*args):
        raise CorpusError("tm.fa-en.po", "disk full")

    monkeypatch.setitem(building.EXPORTERS, "po", failing)
    english = project.texts / "doc2" / "en.txt"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new line.\n", "utf-8")
    with pytest.raises(CorpusError, match="disk full"):
        build(project)
    after = outputs(project.out)
    for name in ("tm.fa-en.tmx", "tm.fa-en.po", "build.json"):
        assert after[name] == before[name], name
    assert not [name for name in after if name.endswith(".staged")]


def test_a_reference_that_is_not_english_is_refused(project):
    meta = project.texts / "doc2" / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("[target]", '[target]\nlanguage = "de-DE"'),
        "utf-8",
    )
    with pytest.raises(TmError, match="is not English"):
        build(project)


def test_pairs_without_a_date_date_the_tm_by_their_files_never_1970(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "fa.raw.txt").write_text("سلام.\n", encoding="utf-8")
    (folder / "meta.toml").write_text('id = "news"\n', encoding="utf-8")
    for name, when in (("fa.raw.txt", 1714557600), ("meta.toml", 1700000000)):
        os.utime(folder / name, (when, when))
    assert creationdate([TextFolder("news", folder)]) == "20240501T100000Z"  # the latest
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert creationdate([TextFolder("news", folder)]) == "19700101T000000Z"


def test_the_zwnj_spelling_of_the_project_or_the_pair_decides_and_realigns(tmp_path):
    """A Persian text that lost its ZWNJs: the project's [normalize] zwnj-spelling, or the
    pair's meta.toml [source] zwnj-spelling, spells what restoration gives back."""
    from tm.scaffold import add_pair, init_project

    project = init_project(tmp_path / "p")
    (project.root / "glossary.xlsx").unlink()
    toml = project.file.read_text(encoding="utf-8").replace(
        'glossary = "glossary.xlsx"', 'glossary = ""'
    )
    project.file.write_text(toml, encoding="utf-8")
    fa, en = tmp_path / "fa.txt", tmp_path / "en.txt"
    fa.write_text("آنها سیاستهای نفتی را بررسی میکنند.\n", encoding="utf-8")
    en.write_text("They examine the oil policies.\n", encoding="utf-8")
    pair = add_pair(load_project(project.file), fa, en, pair_id="doc")

    def tmx() -> str:
        build(load_project(project.file))
        return next((project.root / "out").glob("*.tmx")).read_text(encoding="utf-8")

    assert "آنها سیاست\u200cهای نفتی را بررسی می\u200cکنند." in tmx()
    project.file.write_text(
        toml.replace('zwnj-spelling = "common"', 'zwnj-spelling = "academy"'), encoding="utf-8"
    )
    assert "آن\u200cها سیاست\u200cهای" in tmx()
    meta = pair.folder / "meta.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("[source]", '[source]\nzwnj-spelling = "common"'),
        encoding="utf-8",
    )
    assert "آنها سیاست\u200cهای" in tmx()
    meta.write_text(
        meta.read_text(encoding="utf-8").replace('"common"', '"farhangestan"'), encoding="utf-8"
    )
    with pytest.raises(CorpusError, match=r"meta.toml: \[source\] zwnj-spelling 'farhangestan'"):
        build(load_project(project.file))


def test_the_projects_conjectures_setting_decides_and_realigns(tmp_path):
    """A conjecture of the pair's fixes is applied by default; ``[fixes] conjectures = false``
    leaves the garbled text as received, aligns the pair again and is in the signature."""
    from tm.scaffold import add_pair, init_project
    from tm.status import project_status

    project = init_project(tmp_path / "p")
    (project.root / "glossary.xlsx").unlink()
    toml = project.file.read_text(encoding="utf-8").replace(
        'glossary = "glossary.xlsx"', 'glossary = ""'
    )
    project.file.write_text(toml, encoding="utf-8")
    fa, en, fixes = tmp_path / "fa.txt", tmp_path / "en.txt", tmp_path / "fixes.tsv"
    fa.write_text("وابستگی متقابل اقتصادی و مانع دو کشور روشن است.\n", encoding="utf-8")
    en.write_text("The economic and financial interdependence of the two countries is clear.\n")
    fixes.write_text(
        "wrong\tright\treason\tline\tkind\n"
        "و مانع دو\tو مالی دو\tgarbled: مالی is a conjecture\t1\tconjecture\n",
        encoding="utf-8",
    )
    add_pair(load_project(project.file), fa, en, pair_id="doc", fixes=fixes)

    def tmx() -> str:
        report = build(load_project(project.file))
        assert report.aligned == 1
        return next((project.root / "out").glob("*.tmx")).read_text(encoding="utf-8")

    assert "اقتصادی و مالی دو کشور" in tmx()
    assert '"conjectures": true' in (project.root / "out" / "build.json").read_text("utf-8")
    project.file.write_text(
        toml.replace("conjectures = true", "conjectures = false"), encoding="utf-8"
    )
    [pair] = project_status(load_project(project.file)).pairs
    assert pair.state == "to be aligned again (settings or tmkit changed)"
    assert "اقتصادی و مانع دو کشور" in tmx()
    assert '"conjectures": false' in (project.root / "out" / "build.json").read_text("utf-8")


def learned_models(project) -> dict[str, str]:
    """The digest of the word pairs each pair's cached second pass was aligned with."""
    folder = project.root / ".tmkit" / "cache" / "learned"
    return {p.stem: json.loads(p.read_text("utf-8"))["model"] for p in folder.glob("*.json")}


def test_the_translation_model_learns_from_every_pair_as_a_batch_does(model_project, monkeypatch):
    from corpus.pipeline import load_document
    from tm.align import MIN_BITEXT
    from tm.pairs import align_many

    report = build(model_project, jobs=2)
    confident = [d.confident_beads for d in report.documents]
    assert all(0 < beads < MIN_BITEXT for beads in confident), confident
    assert report.confident_beads == sum(confident) >= MIN_BITEXT
    assert report.word_pairs and report.aligned == report.second == len(model_project.pairs())
    recorded = json.loads((model_project.out / "build.json").read_text("utf-8"))
    assert recorded["translation_model"] == {
        "trained": True,
        "confident_beads": sum(confident),
        "needed": MIN_BITEXT,
        "word_pairs": report.word_pairs,
    }
    assert len(set(learned_models(model_project).values())) == 1  # one model for all pairs
    # tmkit align --batch over the same pairs (tm.align.align_batch) aligns them alike
    documents = [
        (p.id, load_document(p.raw, "fa-IR"), load_document(p.english, "en-US"))
        for p in model_project.pairs()
    ]
    batch = [pair.review_beads() for pair in align_many(documents, tgtlang="en-US")]
    assert batch == [result.beads for result in align_project(model_project)]
    before = outputs(model_project.out)

    def untrained(bitext):
        raise AssertionError("the model was trained again")

    monkeypatch.setattr("tm.batch.learn", untrained)
    report = build(model_project, jobs=2)
    assert (report.aligned, report.second) == (0, 0)  # nothing changed: all from the cache
    assert outputs(model_project.out) == before


def test_a_change_to_the_model_realigns_every_pair_s_second_pass(model_project):
    build(model_project, jobs=2)
    model = set(learned_models(model_project).values())
    english = model_project.texts / "d3" / "en.txt"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.rsplit("\n\n", 1)[0] + "\n", "utf-8")  # its last paragraph left out
    report = build(model_project, jobs=2)
    assert (report.aligned, report.second) == (1, len(model_project.pairs()))
    assert len(set(learned_models(model_project).values()) - model) == 1
