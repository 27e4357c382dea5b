"""Projects: tmkit.toml read key by key, found as git finds a repository, made and added to."""

import shutil

import pytest

from corpus.errors import CorpusError
from tm.errors import TmError
from tm.project import find_project, load_project, open_project, project_toml
from tm.scaffold import add_pair, init_project


def write(tmp_path, text):
    path = tmp_path / "tmkit.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_project_file_reads_back_with_every_default(tmp_path):
    project = load_project(write(tmp_path, project_toml(name="demo")))
    assert project.name == "demo" and project.root == tmp_path.resolve()
    assert (project.source_language, project.target_language) == ("fa-IR", "en-US")
    assert project.texts == tmp_path.resolve() / "texts"
    assert project.glossary == tmp_path.resolve() / "glossary.xlsx"
    assert project.segmentation is None and project.out == tmp_path.resolve() / "out"
    assert project.flag_threshold == 0.5 and project.zwnj_spelling == "common"
    assert project.conjectures is True
    assert (project.tmx.creationtool, project.tmx.creationid) == ("tmkit", "")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[paths]\ntexts = 'x'\n", "tmkit.toml: [project] format is missing (add: format = 1)"),
        ("[project]\nformat = 1\n[paths]\nglosary = 'g.xlsx'\n",
         "tmkit.toml: unknown key 'glosary' in [paths] (known: texts, glossary, segmentation, out)"),
        ("[project]\nformat = 1\n[output]\n", "tmkit.toml: unknown section [output]"),
        ("[project]\nformat = 1\n[build]\nflag-threshold = 'high'\n",
         "tmkit.toml: [build] flag-threshold must be a number, not 'high'"),
        ("[project]\nformat = 1\n[build]\nflag-threshold = 2\n",
         "tmkit.toml: [build] flag-threshold 2.0 is not between 0 and 1"),
        ("[project]\nformat = 1\n[languages]\nsource = 'ar'\n",
         "tmkit.toml: [languages] source 'ar' is not Persian (e.g. fa-IR)"),
        ("[project]\nformat = 1\n[languages]\ntarget = 'de-DE'\n",
         "tmkit.toml: [languages] target 'de-DE' is not English (e.g. en-GB)"),
        ("[project]\nformat = 9\n", "tmkit.toml: format 9: this tmkit reads format 1 and older"),
        ("[project]\nformat = 1\n[paths]\nout = 'texts'\n",
         "tmkit.toml: [paths] out (texts) and texts (texts) must be two separate folders"),
        ("[project]\nformat = 1\n[paths]\nout = 'texts/out'\n",
         "tmkit.toml: [paths] out (texts/out) and texts (texts) must be two separate folders"),
        ("[project]\nformat = 1\nname = \n", "tmkit.toml:3:8: not valid TOML: Invalid value"),
        ("[project]\nformat = 1\n[normalize]\nzwnj-spelling = 'farhangestan'\n",
         "tmkit.toml: [normalize] zwnj-spelling 'farhangestan' is not one of common, academy"),
        ("[project]\nformat = 1\n[fixes]\nconjectures = 'no'\n",
         "tmkit.toml: [fixes] conjectures must be a boolean (true or false), not 'no'"),
        ("[project]\nformat = 1\n[fixes]\nconjectures = 0\n",
         "tmkit.toml: [fixes] conjectures must be a boolean (true or false), not 0"),
        ("[project]\nformat = 1\n[build]\nflag-threshold = true\n",
         "tmkit.toml: [build] flag-threshold must be a number, not True"),
    ],
)  # fmt: skip
def test_a_bad_project_file_is_one_line_naming_the_key(tmp_path, text, message):
    with pytest.raises(TmError) as raised:
        load_project(write(tmp_path, text))
    assert str(raised.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_conjectures_can_be_left_out_project_wide(tmp_path):
    text = project_toml().replace("conjectures = true", "conjectures = false")
    assert load_project(write(tmp_path, text)).conjectures is False


def test_the_project_is_found_from_a_subfolder_and_named_explicitly(tmp_path, monkeypatch):
    write(tmp_path, project_toml())
    inner = tmp_path / "texts" / "a" / "b"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)
    assert find_project() == tmp_path.resolve()
    assert open_project().root == tmp_path.resolve()
    elsewhere = tmp_path.parent / "elsewhere"
    elsewhere.mkdir()
    with pytest.raises(TmError, match=r"no tmkit\.toml in this folder"):
        open_project(elsewhere)
    monkeypatch.chdir(elsewhere)
    with pytest.raises(TmError, match="not in a tmkit project"):
        open_project()


def test_init_refuses_a_project_twice_and_keeps_what_is_there(tmp_path):
    (tmp_path / "glossary.xlsx").write_bytes(b"the editor's own")
    init_project(tmp_path)
    assert (tmp_path / "glossary.xlsx").read_bytes() == b"the editor's own"
    with pytest.raises(TmError, match="is a tmkit project already"):
        init_project(tmp_path)


def test_init_example_holds_the_article_and_its_glossary(tmp_path):
    project = init_project(tmp_path / "demo", example=True)
    [pair] = project.pairs()
    assert pair.id == "caucasus-oil-policy" and pair.english.name == "en.txt"
    assert project.glossary.stat().st_size > 10_000


@pytest.fixture
def project(tmp_path):
    return init_project(tmp_path / "project")


def test_add_copies_the_files_as_received_and_names_the_pair(project, tmp_path):
    fa, en = tmp_path / "Annual Report.fa.txt", tmp_path / "Annual Report.en.txt"
    fa.write_bytes("گزارش سالانه\r\n\r\nاین یک آزمایش است.\r\n".encode())
    en.write_bytes(b"Annual report\n\nThis is a test.\n")
    added = add_pair(project, fa, en)
    assert added.id == "annual-report"
    assert (added.folder / "fa.raw.txt").read_bytes() == fa.read_bytes()
    assert (added.folder / "en.txt").read_bytes() == en.read_bytes()
    meta = (added.folder / "meta.toml").read_text(encoding="utf-8")
    assert 'received = "Annual Report.fa.txt"' in meta and 'language = "fa-IR"' in meta
    assert [p.id for p in project.pairs()] == ["annual-report"]
    with pytest.raises(TmError, match="a pair with this id exists"):
        add_pair(project, fa, en)


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("doc.pdf", b"%PDF-1.4", TmError, r"not a document tmkit reads \(\.pdf\)"),
        ("doc.txt", "سلام".encode("cp1256"), CorpusError, "not UTF-8"),
        ("doc.txt", b"", CorpusError, "file is empty"),
    ],
)
def test_add_refuses_what_it_cannot_read_and_writes_nothing(
    project, tmp_path, name, data, error, message
):
    source = tmp_path / name
    source.write_bytes(data)
    english = tmp_path / "en.txt"
    english.write_text("A text.\n", encoding="utf-8")
    with pytest.raises(error, match=message):
        add_pair(project, source, english)
    assert list(project.texts.iterdir()) == []


def test_init_with_a_target_that_is_not_english_writes_nothing(tmp_path):
    with pytest.raises(TmError, match="is not English"):
        init_project(tmp_path / "p", target="fr")
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("example", [False, True])
def test_init_with_a_bad_source_date_epoch_makes_nothing(tmp_path, monkeypatch, capsys, example):
    from tm.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    folder = tmp_path / "p"
    assert main(["init", str(folder), *(["--example"] if example else [])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tmkit: error: SOURCE_DATE_EPOCH: 'soon' is not a Unix time (")
    assert err.count("\n") == 1
    assert not folder.exists()


def test_ids_may_be_persian_and_never_hold_spaces(project, tmp_path):
    fa, en = tmp_path / "گزارش سالانه.fa.txt", tmp_path / "report.en.txt"
    fa.write_text("گزارش سالانه\n\nاین یک آزمایش است.\n", encoding="utf-8")
    en.write_text("Annual report\n\nThis is a test.\n", encoding="utf-8")
    assert add_pair(project, fa, en).id == "گزارش-سالانه"
    assert add_pair(project, fa, en, pair_id="گزارش۲").id == "گزارش۲"
    with pytest.raises(TmError, match="not a usable pair id"):
        add_pair(project, fa, en, pair_id="two words")
    (project.texts / "گزارش۲").rename(project.texts / "hand made")
    with pytest.raises(CorpusError, match="may not hold a space"):
        project.pairs()


def test_add_warns_when_the_sides_look_swapped(project, tmp_path):
    fa, en = tmp_path / "a.txt", tmp_path / "b.txt"
    fa.write_text("گزارش سالانه\n\nاین یک آزمایش است.\n", encoding="utf-8")
    en.write_text("Annual report\n\nThis is a test.\n", encoding="utf-8")
    added = add_pair(project, en, fa, pair_id="swapped")
    assert added.warnings == (
        "b.txt is mostly not in Persian script: is it the Persian side?",
        "a.txt is mostly not in English script: is it the English side?",
    )
    assert add_pair(project, fa, en, pair_id="right").warnings == ()


def test_a_pair_takes_the_projects_english_variant_unless_given_its_own(project, tmp_path):
    fa, en = tmp_path / "a.fa.txt", tmp_path / "a.en.txt"
    fa.write_text("این یک آزمایش است.\n", encoding="utf-8")
    en.write_text("This is a test.\n", encoding="utf-8")
    plain = add_pair(project, fa, en, pair_id="plain")
    british = add_pair(project, fa, en, pair_id="british", target_language="en-GB")
    pairs = {pair.id: pair for pair in project.pairs()}
    assert pairs["plain"].target_language("en-AU") == "en-AU"  # the project's, whatever it is
    assert pairs["british"].target_language("en-AU") == "en-GB"
    assert plain.folder.name == "plain" and british.folder.name == "british"


def test_ids_that_differ_only_in_case_are_refused(project, tmp_path):
    fa, en = tmp_path / "a.fa.txt", tmp_path / "a.en.txt"
    fa.write_text("این یک آزمایش است.\n", encoding="utf-8")
    en.write_text("This is a test.\n", encoding="utf-8")
    add_pair(project, fa, en, pair_id="Report")
    with pytest.raises(TmError, match=r"a pair with this id exists \(Report\)"):
        add_pair(project, fa, en, pair_id="report")
    shutil.copytree(project.texts / "Report", project.texts / "REPORT")
    with pytest.raises(CorpusError, match="differ only in case"):
        project.pairs()


@pytest.mark.parametrize(
    "given, pair_id", [(None, "index"), ("Review", "Review"), ("omegat", "omegat")]
)
def test_add_refuses_an_id_naming_what_the_build_writes(project, tmp_path, given, pair_id):
    fa, en = tmp_path / "Index.fa.txt", tmp_path / "Index.en.txt"
    fa.write_text("این یک آزمایش است.\n", encoding="utf-8")
    en.write_text("This is a test.\n", encoding="utf-8")
    with pytest.raises(TmError, match=f"a pair may not be named {pair_id}: its output would"):
        add_pair(project, fa, en, pair_id=given)
    assert project.pairs() == [] and not any(project.texts.glob("*"))
