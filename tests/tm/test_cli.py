"""The command line, run in-process: exit codes, exact error lines, outputs read back."""

import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from corpus import xmlsafe
from corpus.render import SEGMENT_COLUMNS
from corpus.srx import bundled_srx_path, read_srx
from tm.cli import COMMANDS, main
from tm.tmx import read_tmx, tmx_date, write_tmx
from tm.unit import TranslationUnit


def test_segment_prints_one_segment_a_line(article_folder, article_segments, capsys):
    fixes, spelling = str(article_folder.fixes), article_folder.zwnj_spelling()
    arguments = ["--lang", "fa", "--fixes", fixes, "--zwnj-spelling", spelling]
    code = main(["segment", str(article_folder.raw), *arguments])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.splitlines() == [s.text for s in article_segments]
    assert err == ""


def test_segment_without_fixes_warns_about_what_the_fixes_repair(article_folder, capsys):
    assert main(["segment", str(article_folder.raw), "--lang", "fa"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert (
        f"tmkit: warning: {article_folder.raw}: line 63: footnote marker ۰ has no footnote" in err
    )
    assert (
        f"tmkit: warning: {article_folder.raw}: line 119: removed Cyrillic 'дан' from 'متحдан'"
        in err
    )


def test_no_conjectures_leaves_the_garbled_text_and_the_project_sets_the_default(
    tmp_path, monkeypatch, capsys
):
    from tm.project import project_toml

    raw, fixes = tmp_path / "fa.txt", tmp_path / "fixes.tsv"
    raw.write_text("وابستگی تجاری و مانع دو کشور. روییه\n", encoding="utf-8")
    fixes.write_text(
        "wrong\tright\treason\tline\tkind\n"
        "و مانع دو\tو مالی دو\tgarbled: مالی is a conjecture\t1\tconjecture\n"
        "روییه\tروسیه\tOCR: س read as ی\t1\n",
        encoding="utf-8",
    )

    def clean(*options: str) -> str:
        assert main(["clean", str(raw), "--fixes", str(fixes), *options]) == 0
        return capsys.readouterr().out

    assert clean() == clean("--conjectures") == "وابستگی تجاری و مالی دو کشور. روسیه\n"
    assert clean("--no-conjectures") == "وابستگی تجاری و مانع دو کشور. روسیه\n"
    project = tmp_path / "project"
    project.mkdir()
    toml = project_toml().replace("conjectures = true", "conjectures = false")
    (project / "tmkit.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(project)
    assert clean() == "وابستگی تجاری و مانع دو کشور. روسیه\n"
    assert clean("--conjectures") == "وابستگی تجاری و مالی دو کشور. روسیه\n"


def test_segment_tsv_has_ids_kinds_and_links(article_folder, capsys):
    main(
        [
            "segment",
            str(article_folder.raw),
            "--lang",
            "fa-IR",
            "--fixes",
            str(article_folder.fixes),
            "--format",
            "tsv",
        ]
    )
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert tuple(rows[0]) == SEGMENT_COLUMNS
    assert rows[2] == ["p2.s1", "p2", "author", "fn1", "قاسم ملکی"]
    assert rows[-1][2] == "footnote"


def test_clean_reads_stdin_and_keeps_crlf_bom_input(monkeypatch, capsys):
    data = "\ufeffسیاستهای نفتی در قفقاز\r\n\r\nنفت خزر مهم است.^۱\r\n\r\n۱. یک منبع.\r\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["clean", "-"]) == 0
    assert (
        capsys.readouterr().out == "سیاست\u200cهای نفتی در قفقاز\n\nنفت خزر مهم است.\n\nیک منبع.\n"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"", "{path}: file is empty (expected a document)", id="empty"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "{path}:3: binary file (NUL byte) (expected UTF-8 text)",
            id="binary",
        ),
        pytest.param(
            "نفت".encode("cp1256"),
            "{path}:1:1: not UTF-8 (byte 0xe4) (save the file as UTF-8)",
            id="cp1256",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, expected):
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    assert main(["segment", str(path), "--lang", "fa"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"tmkit: error: {expected.format(path=path)}\n"


def test_bad_fixes_row_is_one_line_and_exit_2(article_folder, tmp_path, capsys):
    fixes = tmp_path / "fixes.tsv"
    fixes.write_text("wrong\tright\treason\tline\nروییه\tروسیه\n", encoding="utf-8")
    assert main(["clean", str(article_folder.raw), "--fixes", str(fixes)]) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {fixes}:2: expected 3 to 5 tab-separated cells, found 2 (wrong, right, reason[, line[, kind]])\n"
    )


def test_srx_writes_the_bundled_rules(tmp_path, capsys):
    target = tmp_path / "rules.srx"
    assert main(["srx", "-o", str(target)]) == 0
    assert target.read_bytes() == bundled_srx_path().read_bytes()
    assert read_srx(target).rules_for("fa-IR")
    assert main(["srx"]) == 0
    assert capsys.readouterr().out == bundled_srx_path().read_text(encoding="utf-8")


def test_build_writes_the_tm_its_exports_and_a_report(example_project, tmp_path, capsys):
    assert main(["build", "--project", str(example_project.root), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "caucasus-oil-policy" in out and "1-1:" in out
    units = list(read_tmx(tmp_path / "tm.fa-en.tmx"))
    assert len(units) > 130
    assert units[0].source == "سیاست\u200cهای نفتی در قفقاز"
    assert units[0].target == "Oil policies in the Caucasus"
    po = polib.pofile(str(tmp_path / "tm.fa-en.po"))
    assert len(po) >= len(units)
    assert (tmp_path / "segmentation.srx").read_bytes() == bundled_srx_path().read_bytes()
    assert (tmp_path / "omegat" / "omegat.project").is_file()
    assert (tmp_path / "omegat" / "omegat" / "segmentation.conf").is_file()
    glossary = (tmp_path / "omegat" / "glossary" / "tmkit-terms.utf8").read_text(encoding="utf-8")
    assert "دریای خزر\tCaspian Sea" in glossary
    report = json.loads((tmp_path / "build.json").read_text(encoding="utf-8"))
    assert set(report["signature"]["inputs"]) == {
        "segmentation.srx",
        "glossary.xlsx",
        "caucasus-oil-policy/fa.raw.txt",
        "caucasus-oil-policy/fa.fixes.tsv",
        "caucasus-oil-policy/en.txt",
        "caucasus-oil-policy/meta.toml",
    }
    assert report["documents"][0]["bead_types"]["1-1"] > 100


def test_build_is_byte_identical_across_runs(example_project, tmp_path):
    assert main(["build", "--project", str(example_project.root), "-o", str(tmp_path / "a")]) == 0
    assert main(["build", "--project", str(example_project.root), "-o", str(tmp_path / "b")]) == 0
    for name in ("tm.fa-en.tmx", "tm.fa-en.po", "build.json", "omegat/omegat/segmentation.conf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_build_signature_changes_with_one_input_byte(example_project, tmp_path, article_folder):
    from corpus.collection import TextFolder
    from tm.signature import signature

    copy = tmp_path / "doc"
    copy.mkdir()
    (copy / "fa.raw.txt").write_bytes(article_folder.raw.read_bytes())
    before = signature(example_project, [TextFolder("doc", copy)])
    assert before == signature(example_project, [TextFolder("doc", copy)])
    (copy / "fa.raw.txt").write_bytes(article_folder.raw.read_bytes() + b" ")
    assert signature(example_project, [TextFolder("doc", copy)]) != before


@pytest.mark.parametrize("command", [name for name, *_ in COMMANDS])
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "example:\n  tmkit " + command in capsys.readouterr().out


def test_python_dash_m_tm_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "tm", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("tmkit ")


def test_srx_version_1_is_written_for_memoq(tmp_path):
    target = tmp_path / "memoq.srx"
    assert main(["srx", "--srx-version", "1.0", "-o", str(target)]) == 0
    assert b'xmlns="http://www.lisa.org/srx10"' in target.read_bytes()


def test_align_writes_a_tmx_and_prints_beads_for_review(article_folder, tmp_path, capsys):
    target = tmp_path / "pair.tmx"
    args = [
        str(article_folder.raw),
        str(article_folder.english),
        "--fixes",
        str(article_folder.fixes),
    ]
    assert main(["align", *args, "-o", str(target), "--tgtlang", "en-GB"]) == 0
    units = list(read_tmx(target))
    assert len(units) > 130 and units[0].tgtlang == "en-GB"
    capsys.readouterr()
    assert main(["align", *args, "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].split("\t") == ["bead", "shape", "confidence", "flag", "source", "target"]
    assert rows[1].split("\t")[4:] == [
        "سیاست\u200cهای نفتی در قفقاز",
        "Oil policies in the Caucasus",
    ]


def test_eval_align_prints_strict_scores(article_folder, capsys):
    assert main(["eval-align", "--gold", str(article_folder.gold)]) == 0
    assert "F1 1.0000" in capsys.readouterr().out
    args = [
        str(article_folder.raw),
        str(article_folder.english),
        "--fixes",
        str(article_folder.fixes),
    ]
    assert (
        main(["eval-align", "--gold", str(article_folder.gold), *args, "--tgtlang", "en-GB"]) == 0
    )
    assert "F1 " in capsys.readouterr().out


def test_merge_collapses_duplicates(tmp_path, capsys):
    first, second = tmp_path / "a.tmx", tmp_path / "b.tmx"
    unit = TranslationUnit("a:1", "سیاست\u200cهای نفتی در قفقاز", "Oil policies in the Caucasus")
    write_tmx([unit], first, creationdate=tmx_date(0))
    write_tmx([replace(unit, tuid="b:1")], second, creationdate=tmx_date(0))
    assert main(["merge", str(first), str(second), "-o", str(tmp_path / "c.tmx")]) == 0
    merged = list(read_tmx(tmp_path / "c.tmx"))
    assert [(u.source, u.occurrences) for u in merged] == [(unit.source, 2)]
    assert "1 duplicates collapsed" in capsys.readouterr().out


REALWORLD = Path(__file__).parent.parent / "data" / "realworld"


def test_merge_says_how_many_empty_units_it_left_out(tmp_path, capsys):
    empty = REALWORLD / "06-tmx-empty-targets" / "with-empty.tmx"
    assert main(["merge", str(empty), "-o", str(tmp_path / "out.tmx")]) == 0
    out, err = capsys.readouterr()
    assert "wrote 2 to" in out
    assert "2 units with an empty source or target not written" in err
    assert "targets for" not in err  # the empty target is no second translation


def test_merge_keeps_the_dates_units_have_and_leaves_an_undated_unit_undated(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714557600")  # 2024-05-01T10:00:00Z
    new = TranslationUnit("n:1", "سلام.", "Hello.")
    write_tmx([new], tmp_path / "new.tmx", creationdate="20240101T000000Z")
    text = (
        (tmp_path / "new.tmx")
        .read_text(encoding="utf-8")
        .replace(' creationdate="20240101T000000Z"', "")
    )
    (tmp_path / "undated.tmx").write_text(text, encoding="utf-8")
    dated = REALWORLD / "07-tmx-metadata-dropped" / "with-metadata.tmx"
    output = tmp_path / "out.tmx"
    assert main(["merge", str(tmp_path / "undated.tmx"), str(dated), "-o", str(output)]) == 0
    dates = [u.get("creationdate") for u in read_tmx(output)]
    assert dates == [None, "20210305T101500Z"]  # read without a date: not new, none given
    text = output.read_text(encoding="utf-8")
    assert 'creationdate="20240501T100000Z"' in text and text.count("creationdate=") == 2  # header
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert main(["merge", str(tmp_path / "undated.tmx"), "-o", str(output)]) == 0
    (unit,) = read_tmx(output)
    assert unit.get("creationdate") is None
    header = xmlsafe.parse(output).find("header")
    assert header.get("creationdate")[:4] >= "2026"  # the clock, never 1970


def test_align_still_dates_the_units_it_makes_with_the_run(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714557600")  # 2024-05-01T10:00:00Z
    source, target = tmp_path / "fa.txt", tmp_path / "en.txt"
    source.write_text("سلام دنیا.\n", encoding="utf-8")
    target.write_text("Hello world.\n", encoding="utf-8")
    output = tmp_path / "out.tmx"
    assert main(["align", str(source), str(target), "-o", str(output)]) == 0
    assert {u.get("creationdate") for u in read_tmx(output)} == {"20240501T100000Z"}


def test_merge_on_conflict_newest_keeps_the_latest_translation(tmp_path, capsys):
    old = TranslationUnit("old", "سلام.", "Hi.", attributes=(("changedate", "20200101T000000Z"),))
    new = TranslationUnit(
        "new", "سلام.", "Hello.", attributes=(("changedate", "20240101T000000Z"),)
    )
    write_tmx([old, new], tmp_path / "in.tmx", creationdate="20240101T000000Z")
    output = tmp_path / "out.tmx"
    argv = ["merge", str(tmp_path / "in.tmx"), "-o", str(output), "--on-conflict", "newest"]
    assert main(argv) == 0
    assert [u.target for u in read_tmx(output)] == ["Hello."]
    assert "2 targets for: سلام. (tu old, new; left out: old)" in capsys.readouterr().err
    assert main(argv[:-2]) == 0  # keep-all by default
    assert [u.target for u in read_tmx(output)] == ["Hi.", "Hello."]


def test_merge_of_english_variants_warns_about_the_mix_and_skips_nothing(tmp_path, capsys):
    unit = TranslationUnit("a:1", "سیاست\u200cهای نفتی در قفقاز", "Oil policies in the Caucasus")
    other = TranslationUnit("b:1", "مقدمه", "Introduction", tgtlang="en-GB")
    write_tmx([unit], tmp_path / "us.tmx", creationdate="20240101T000000Z")
    write_tmx([other], tmp_path / "gb.tmx", creationdate="20240101T000000Z")
    inputs = [str(tmp_path / "us.tmx"), str(tmp_path / "gb.tmx")]
    assert main(["merge", *inputs, "-o", str(tmp_path / "out.tmx")]) == 0
    out, err = capsys.readouterr()
    assert "wrote 2 to" in out and "0 tu skipped" in out
    assert "target languages mixed: en-US, en-GB (each unit keeps its own tag)" in err


def test_merge_of_a_file_without_persian_is_one_line_and_exit_2(tmp_path, capsys):
    english = tmp_path / "en-de.tmx"
    english.write_text(
        '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>Oil</seg>'
        '</tuv><tuv xml:lang="de"><seg>Öl</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert main(["merge", str(english), "-o", str(tmp_path / "out.tmx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no tu has segments in both fa and en" in err
    assert not (tmp_path / "out.tmx").exists()


def test_export_po_passes_msgfmt(example_project, tmp_path):
    target = tmp_path / "review.po"
    assert (
        main(
            ["export", "--project", str(example_project.root), "--format", "po", "-o", str(target)]
        )
        == 0
    )
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(target)], check=True)
    assert len(polib.pofile(str(target))) > 130


def test_import_po_changes_exactly_the_edited_sentence_and_the_build_uses_it(
    article_folder, review_po, capsys
):
    root, project, po_path = review_po
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgstr == "Russia has taken steps towards Azerbaijan.")
    entry.msgstr = "Russia has taken steps towards the Republic of Azerbaijan."
    po.save(str(po_path))
    capsys.readouterr()
    assert main(["import-po", *project, str(po_path)]) == 0
    before = article_folder.english.read_text(encoding="utf-8")
    after = (root / "texts" / article_folder.id / "en.txt").read_text(encoding="utf-8")
    assert after == before.replace(
        "Russia has taken steps towards Azerbaijan.",
        "Russia has taken steps towards the Republic of Azerbaijan.",
    )
    assert "1 English sentences changed" in capsys.readouterr().out
    assert main(["build", *project]) == 0
    targets = {unit.target for unit in read_tmx(root / "out" / "tm.fa-en.tmx")}
    assert "Russia has taken steps towards the Republic of Azerbaijan." in targets
    assert "Russia has taken steps towards Azerbaijan." not in targets


REALWORLD_27 = Path(__file__).parents[1] / "data" / "realworld" / "27-align-untranslated-sentence"


def _two_pairs(folder: Path) -> None:
    """Two folders fa/ and en/ with two pairs of the same names, and a file on one side only."""
    (folder / "fa").mkdir()
    (folder / "en").mkdir()
    for name, (fa, en) in {
        "words": ("fa.txt", "en.txt"),
        "digits": ("fa-digits.txt", "en-digits.txt"),
    }.items():
        (folder / "fa" / f"{name}.txt").write_bytes((REALWORLD_27 / fa).read_bytes())
        (folder / "en" / f"{name}.txt").write_bytes((REALWORLD_27 / en).read_bytes())
    (folder / "fa" / "alone.txt").write_text("این متن ترجمه ندارد.\n", encoding="utf-8")


def test_align_two_folders_aligns_their_pairs_as_one_batch(tmp_path, capsys):
    _two_pairs(tmp_path)
    out = tmp_path / "tm.tmx"
    assert main(["align", str(tmp_path / "fa"), str(tmp_path / "en"), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "6 units written" in captured.out and "from 2 pairs" in captured.out
    assert "alone.txt: no file of that name" in captured.err
    assert sorted(u.tuid for u in read_tmx(out)) == sorted(
        f"{doc}:b{n}" for doc in ("digits", "words") for n in (1, 3, 4)
    )


def test_align_batch_list_names_its_pairs_and_reports_a_bad_line(tmp_path, capsys):
    _two_pairs(tmp_path)
    listing = tmp_path / "pairs.tsv"
    listing.write_text(
        "# Persian\tEnglish\tid\nfa/words.txt\ten/words.txt\tone\nfa/digits.txt\ten/digits.txt\n",
        encoding="utf-8",
    )
    assert main(["align", "--batch", str(listing), "--format", "tsv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("bead\tshape")
    assert [row.split("\t")[:2] for row in rows[1:]] == [
        [f"{doc}:b{n}", shape]
        for doc in ("one", "digits")
        for n, shape in enumerate(("1-1", "1-0", "1-1", "1-1"), start=1)
    ]
    listing.write_text("fa/words.txt en/words.txt\n", encoding="utf-8")
    assert main(["align", "--batch", str(listing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pairs.tsv:1: expected: Persian file, tab, English file" in err


def test_align_needs_two_files_or_two_folders(tmp_path, capsys):
    _two_pairs(tmp_path)
    assert main(["align", str(tmp_path / "fa"), str(REALWORLD_27 / "en.txt")]) == 2
    assert "a folder on one side only" in capsys.readouterr().err
    assert main(["align", str(REALWORLD_27 / "fa.txt")]) == 2
    assert "give the English TARGET too" in capsys.readouterr().err


def test_merge_of_english_variants_reports_no_conflict_and_warns_once(tmp_path, capsys):
    data = Path(__file__).parent.parent / "data" / "tmx"
    inputs = [str(data / "en-us.tmx"), str(data / "en-gb.tmx")]
    output = str(tmp_path / "out.tmx")
    assert main(["merge", *inputs, "-o", output, "--on-conflict", "newest"]) == 0
    err = capsys.readouterr().err
    assert err == f"tmkit: warning: {output}: target languages mixed: en-US, en-GB (each unit keeps its own tag)\n"  # fmt: skip


def test_merge_warns_naming_the_tu_of_what_it_leaves_out(tmp_path, capsys):
    data = Path(__file__).parent.parent / "data" / "tmx"
    argv = ["merge", str(data / "two-segs.tmx"), str(data / "two-english-tuvs.tmx")]
    assert main([*argv, "-o", str(tmp_path / "out.tmx")]) == 0
    out, err = capsys.readouterr()
    assert "wrote 4 to" in out
    assert f"tmkit: warning: {data / 'two-segs.tmx'}:4: tu 2 (tuid 'bad'): the fa-IR tuv has 2 <seg>; 'دو' left out" in err  # fmt: skip
    assert [u.tgtlang for u in read_tmx(tmp_path / "out.tmx")] == ["en-US"] * 3 + ["en-GB"]


@pytest.mark.parametrize("value", ["99999999999999999999", "yesterday", "-5", "1e9"])
def test_a_bad_source_date_epoch_is_one_line_naming_it_and_exit_2(tmp_path, monkeypatch, capsys, value):  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    data = Path(__file__).parent.parent / "data" / "tmx"
    output = tmp_path / "out.tmx"
    assert main(["merge", str(data / "en-us.tmx"), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"tmkit: error: SOURCE_DATE_EPOCH: {value!r} is not a Unix time (")
    assert not output.exists()


def test_merge_of_a_segment_with_an_element_tmx_does_not_define_is_one_line_exit_2(tmp_path, capsys):  # fmt: skip
    bad = tmp_path / "xliff-codes.tmx"
    bad.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body><tu tuid="x"><tuv xml:lang="fa-IR">'
        '<seg><g id="1">پررنگ</g></seg></tuv><tuv xml:lang="en-US"><seg>bold</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    output = tmp_path / "out.tmx"
    assert main(["merge", str(bad), "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {bad}:1: tu 1 (tuid 'x'): <g> is not a TMX 1.4b inline element (")  # fmt: skip
    assert err.count("\n") == 1 and not output.exists()


def test_merge_to_dash_writes_standard_output_and_no_file(tmp_path, monkeypatch, capsysbinary):
    monkeypatch.chdir(tmp_path)
    data = Path(__file__).parent.parent / "data" / "tmx"
    assert main(["merge", str(data / "en-us.tmx"), "-o", "-"]) == 0
    out, err = capsysbinary.readouterr()
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b"<seg>color</seg>" in out
    assert err.decode() == "read 2 units, wrote 2 to standard output (0 duplicates collapsed, 0 tu skipped)\n"  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_merge_reads_standard_input_for_dash_naming_it_stdin(tmp_path, monkeypatch, capsys):
    data = Path(__file__).parent.parent / "data" / "tmx"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((data / "two-segs.tmx").read_bytes())))  # fmt: skip
    output = tmp_path / "out.tmx"
    assert main(["merge", "-", str(data / "en-us.tmx"), "-o", str(output)]) == 0
    out, err = capsys.readouterr()
    assert "read 4 units, wrote 4 to" in out
    assert "tmkit: warning: <stdin>:4: tu 2 (tuid 'bad'): the fa-IR tuv has 2 <seg>" in err
    assert "color" in [u.target for u in read_tmx(output)]


def test_merge_of_bad_standard_input_names_stdin_and_dash_twice_is_refused(tmp_path, monkeypatch, capsys):  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<tmx><body>")))
    output = tmp_path / "out.tmx"
    assert main(["merge", "-", "-o", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tmkit: error: <stdin>:1:") and err.count("\n") == 1
    assert main(["merge", "-", "-", "-o", str(output)]) == 2
    assert capsys.readouterr().err == "tmkit: error: merge: - (standard input) can be given only once\n"  # fmt: skip
    assert not output.exists()


def test_merge_names_the_empty_units_it_leaves_out_and_invisible_text_is_empty(tmp_path, capsys):
    blanks = [" ", "\u200c", "\u00a0", "\u200f", "\u200e\u200c ", "", "\ufeff"]
    tus = "".join(
        f'<tu tuid="e{n}"><tuv xml:lang="fa-IR"><seg>یک {n}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>{blank}</seg></tuv></tu>'
        for n, blank in enumerate(blanks)
    )
    source = tmp_path / "blank.tmx"
    source.write_text(
        '<tmx version="1.4"><header srclang="fa-IR"/><body>'
        '<tu tuid="ok"><tuv xml:lang="fa-IR"><seg>خوب</seg></tuv><tuv xml:lang="en-US"><seg>good</seg></tuv></tu>'
        f"{tus}</body></tmx>",
        encoding="utf-8",
    )  # fmt: skip
    output = tmp_path / "out.tmx"
    assert main(["merge", str(source), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    assert err == (
        f"tmkit: warning: {output}: 7 units with an empty source or target not written "
        "(tu 'e0', 'e1', 'e2', 'e3', 'e4' and 2 more)\n"
    )
    assert [u.tuid for u in read_tmx(output)] == ["ok"]


def test_merge_says_the_persian_mix_and_every_renamed_tuid_on_stderr(tmp_path, capsys):
    def tmx(name: str, tag: str, *tus: tuple[str, str]) -> str:
        body = "".join(
            f'<tu tuid="{tuid}"><tuv xml:lang="{tag}"><seg>{fa}</seg></tuv>'
            f'<tuv xml:lang="en"><seg>x</seg></tuv></tu>'
            for tuid, fa in tus
        )
        path = tmp_path / name
        path.write_text(f'<tmx version="1.4"><header srclang="{tag}"/><body>{body}</body></tmx>')
        return str(path)

    first = tmx("a.tmx", "fa", ("x", "سلام"))
    second = tmx("b.tmx", "fa_IR", ("x", "کتاب"), ("x#2", "میز"))
    output = str(tmp_path / "out.tmx")
    assert main(["merge", first, second, "-o", output]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"tmkit: warning: {output}: source languages mixed: fa, fa-IR (each unit keeps its own "
        "tag: the header's srclang is fa-IR, the 1 tu in another tag have their own srclang)",
        f"tmkit: warning: {second}: 1 tu renamed, their tuid already written (a tuid is one "
        "tu's): 'x' → 'x#3'",
    ]
    assert [(u.tuid, u.srclang) for u in read_tmx(output)] == [
        ("x", "fa"), ("x#3", "fa-IR"), ("x#2", "fa-IR"),
    ]  # fmt: skip


def test_import_po_reports_edits_of_white_space_alone_and_leaves_the_file(review_po, capsys):
    # a reviewer's "Qasem\nMaleki" for "Qasem Maleki", trailing spaces: not silently dropped
    root, project, po_path = review_po
    po = polib.pofile(str(po_path))
    name = next(e for e in po if e.msgstr == "Qasem Maleki")
    name.msgstr = "Qasem\nMaleki"
    spaced = next(e for e in po if e.msgstr == "Russia has taken steps towards Azerbaijan.")
    spaced.msgstr += "  "
    po.save(str(po_path))
    line = {e.msgctxt: e.linenum for e in polib.pofile(str(po_path))}  # as saved
    english = next((root / "texts").glob("*/en.txt"))
    before = english.read_bytes()
    capsys.readouterr()
    assert main(["import-po", *project, str(po_path)]) == 0
    out, err = capsys.readouterr()
    assert english.read_bytes() == before
    assert "0 English sentences changed" in out
    lines = [line for line in err.splitlines() if "white space" in line]
    assert lines == [
        f"tmkit: warning: {po_path}: 2 entries differ from the English only in white space, "
        f"not imported (the TM collapses white space): {name.msgctxt} "
        f"(line {line[name.msgctxt]}), {spaced.msgctxt} (line {line[spaced.msgctxt]})"
    ]


def test_merge_names_the_tu_it_skips_for_want_of_a_language(tmp_path, capsys):
    source = tmp_path / "onlyfa.tmx"
    tus = "".join(
        f'<tu tuid="o{n}">\n<tuv xml:lang="fa"><seg>فقط {n}</seg></tuv></tu>\n' for n in range(7)
    )
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa" '
        'datatype="plaintext"/><body>\n<tu><tuv xml:lang="fa"><seg>الف</seg></tuv>'
        f'<tuv xml:lang="en"><seg>a</seg></tuv></tu>\n{tus}</body></tmx>\n',
        encoding="utf-8",
    )
    output = tmp_path / "out.tmx"
    assert main(["merge", str(source), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    named = ", ".join(f"{source}:{4 + 2 * n} tu 'o{n}' (languages: fa)" for n in range(5))
    assert f"tmkit: warning: {output}: 7 tu skipped, without both fa and en: {named} and 2 more\n" in err  # fmt: skip


def _tico_pair(units: list[tuple[str, str]], fa: Path, en: Path) -> None:
    fa.write_text(" ".join(unit[0] for unit in units) + "\n", encoding="utf-8")
    en.write_text(" ".join(unit[1] for unit in units) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("sides", "doubts"),
    [
        pytest.param(
            ("en.txt", "fa.txt"),
            [
                "en.txt is mostly not in Persian script: is it the Persian side?",
                "fa.txt is mostly not in English script: is it the English side?",
            ],
            id="swapped",
        ),
        pytest.param(
            ("en.txt", "en.txt"),
            ["en.txt is mostly not in Persian script: is it the Persian side?"],
            id="english-twice",
        ),
        pytest.param(
            ("fa.txt", "other.en.txt"),
            ["beads flagged or unpaired: is other.en.txt the translation of fa.txt?"],
            id="another-documents-english",
        ),
    ],
)
def test_align_leaves_out_a_pair_in_doubt_as_build_does(tmp_path, monkeypatch, capsys, tico19_documents, sides, doubts):  # fmt: skip
    monkeypatch.chdir(tmp_path)
    documents = list(tico19_documents.values())
    _tico_pair(documents[0][:12], tmp_path / "fa.txt", tmp_path / "en.txt")
    _tico_pair(documents[1][:12], tmp_path / "other.fa.txt", tmp_path / "other.en.txt")
    out = tmp_path / "pair.tmx"
    assert main(["align", *sides, "-o", str(out)]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if "warning" in line]
    assert len(warnings) == len(doubts)
    for line, doubt in zip(warnings, doubts, strict=True):
        assert line.startswith(f"tmkit: warning: {Path(sides[0]).stem}: ") and doubt in line
    assert captured.out.startswith("0 units written") and list(read_tmx(out)) == []


def test_align_batch_leaves_out_only_the_pair_in_doubt_naming_it(tmp_path, capsys, tico19_documents):  # fmt: skip
    documents = list(tico19_documents.values())
    _tico_pair(documents[0][:12], tmp_path / "fa.txt", tmp_path / "en.txt")
    _tico_pair(documents[1][:12], tmp_path / "fa2.txt", tmp_path / "en2.txt")
    listing = tmp_path / "pairs.tsv"
    listing.write_text("fa.txt\ten.txt\tgood\nen2.txt\tfa2.txt\tswapped\n", encoding="utf-8")
    out = tmp_path / "tm.tmx"
    assert main(["align", "--batch", str(listing), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "tmkit: warning: swapped: " in err and "good" not in err
    units = list(read_tmx(out))
    assert units and {unit.tuid.split(":")[0] for unit in units} == {"good"}


@pytest.mark.parametrize("tag", ["xx-!!", "en US", "english", "en-!!"])
@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["align", str(REALWORLD_27 / "fa.txt"), str(REALWORLD_27 / "en.txt"), "-o"], "--tgtlang"),
        (["align", str(REALWORLD_27 / "fa.txt"), str(REALWORLD_27 / "en.txt"), "-o"], "--srclang"),
        (["merge", str(REALWORLD / "06-tmx-empty-targets" / "with-empty.tmx"), "-o"], "--srclang"),
        (["merge", str(REALWORLD / "06-tmx-empty-targets" / "with-empty.tmx"), "-o"], "--tgtlang"),
    ],
)
def test_a_language_option_that_is_not_bcp_47_is_one_line_and_exit_2(tmp_path, capsys, command, option, tag):  # fmt: skip
    out = tmp_path / "out.tmx"
    assert main([*command, str(out), option, tag]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"tmkit: error: {option}: {tag!r} is not a BCP 47 language tag (e.g. fa-IR, en-GB)\n"
    )
    assert not out.exists()


def test_init_and_add_refuse_a_target_that_is_not_bcp_47(tmp_path, capsys):
    assert main(["init", str(tmp_path / "p"), "--target", "en-!!"]) == 2
    assert "--target: [languages] target 'en-!!' is not a BCP 47" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "p")]) == 0
    add = ["add", str(REALWORLD_27 / "fa.txt"), str(REALWORLD_27 / "en.txt"), "--tgtlang"]
    assert main(["--project", str(tmp_path / "p"), *add, "en-!!"]) == 2
    assert "--tgtlang: [languages] target 'en-!!' is not a BCP 47" in capsys.readouterr().err
    assert not (tmp_path / "p" / "texts" / "fa").exists()


def test_align_writes_tags_as_bcp_47_and_warns_about_languages_the_wrong_way(tmp_path, capsys):
    out = tmp_path / "pair.tmx"
    pair = [str(REALWORLD_27 / "fa.txt"), str(REALWORLD_27 / "en.txt"), "-o", str(out)]
    assert main(["align", *pair, "--tgtlang", "en_gb"]) == 0
    assert {(u.srclang, u.tgtlang) for u in read_tmx(out)} == {("fa-IR", "en-GB")}
    assert "warning" not in capsys.readouterr().err
    assert main(["align", *pair, "--srclang", "en", "--tgtlang", "fa"]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[2:4] for line in warnings] == [
        ["--srclang", "en is not Persian"],
        ["--tgtlang", "fa is not English"],
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "bad.en.txt: file is empty"),
        (b"Meet me.\nAt \x07 ten.\n", "bad.en.txt:2:4: control character U+0007"),
        ("قرار".encode("utf-16"), "bad.en.txt:1: UTF-16 text"),
    ],
)
def test_align_batch_names_the_list_line_of_a_pair_it_cannot_read(tmp_path, capsys, content, message):  # fmt: skip
    _two_pairs(tmp_path)
    (tmp_path / "bad.en.txt").write_bytes(content)
    listing = tmp_path / "pairs.list"
    listing.write_text("# two pairs\nfa/words.txt\ten/words.txt\nfa/digits.txt\tbad.en.txt\n")
    assert main(["align", "--batch", str(listing), "-o", str(tmp_path / "tm.tmx")]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(f"tmkit: error: {listing}:3: {tmp_path / message}") and err.count("\n") == 1
    )


def test_eval_align_scores_the_beads_the_tmx_would_get_beside_f1(tmp_path, capsys, tico19_documents):  # fmt: skip
    units = next(iter(tico19_documents.values()))[:6]
    rows = ["bead\tlang\ttext"]
    for number, (fa, en) in enumerate(units, start=1):
        rows += [f"b{number}\tfa\t{fa}", f"b{number}\ten\t{en}"]
    rows.append("b7\tfa\tاین جمله را مترجم ترجمه نکرده است.")  # a 1-0 bead: right, not written
    # paired as the gold has it, but flagged (its figures differ): right, not written either
    rows += ["b8\tfa\tهزینه آن ۴۵ میلیارد تومان بود.", "b8\ten\tIt cost 54 billion tomans."]
    gold = tmp_path / "gold.tsv"
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert main(["eval-align", "--gold", str(gold)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert "F1 1.0000" in first and "(8 of 8 predicted beads, 8 gold)" in first
    assert second == (
        "written to the TMX: 6 beads (both sides, not flagged), precision 1.0000 (6 right)"
    )
