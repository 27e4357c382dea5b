"""The command line as a translator lives in it: standard output and input, Ctrl-C, flagged
beads with their reasons, lint against the user's texts, and a start-up that imports little."""

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from tm.cli import main
from tm.scaffold import add_pair, init_project

NEWS = (
    "https://en.wikinews.org/wiki/Bangladesh_reports_five_new_deaths_due_to_COVID-19,_a_daily_high"
)


@pytest.fixture
def news_pair(tmp_path, tico19_documents, write_pair):
    """A Wikinews article (TICO-19) as a text pair, its English with one figure changed."""
    units = tico19_documents[next(u for u in tico19_documents if u.startswith(NEWS[:60]))]
    fa, en = tmp_path / "news.fa.txt", tmp_path / "news.en.txt"
    write_pair(units, [1, 4, 5, 5], fa, en)
    english = en.read_text(encoding="utf-8")
    assert "A total of 17 deaths" in english
    en.write_text(english.replace("A total of 17 deaths", "A total of 18 deaths"), "utf-8")
    return fa, en


def test_align_without_output_writes_the_tmx_to_standard_output(news_pair, capsys):
    fa, en = news_pair
    assert main(["align", str(fa), str(en)]) == 0
    out, err = capsys.readouterr()
    root = etree.fromstring(out.encode("utf-8"))
    assert root.tag == "tmx" and len(root.findall("body/tu")) == 14  # one bead flagged
    assert err.startswith("14 units written to standard output")


def test_the_ids_of_a_pair_read_from_standard_input(news_pair, tmp_path):
    fa, en = news_pair
    result = subprocess.run(
        [sys.executable, "-m", "tm", "align", "-", str(en)],
        input=fa.read_bytes(),
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    tuids = [tu.get("tuid") for tu in etree.fromstring(result.stdout).iter("tu")]
    assert tuids[0] == "stdin:b1" and not any(t.startswith("-") for t in tuids)


def test_a_flagged_bead_says_why_everywhere(news_pair, tmp_path, capsys):
    fa, en = news_pair
    project = init_project(tmp_path / "project")
    add_pair(project, fa, en, pair_id="news")
    assert main(["build", "--project", str(project.root)]) == 0
    out = capsys.readouterr().out
    reason = "numbers differ (2 on one side only)"
    assert "flagged news:b5 (" in out and reason in out
    rows = (project.out / "news" / "beads.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t")[3] == "flag"
    assert rows[5].split("\t")[3].startswith(reason)
    report = json.loads((project.out / "build.json").read_text(encoding="utf-8"))
    [flagged] = report["documents"][0]["flagged"]
    assert flagged["tuid"] == "news:b5" and flagged["reason"].startswith(reason)
    assert main(["align", str(fa), str(en), "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[5].split("\t")[3].startswith(reason)


def test_check_sees_flagged_beads_when_asked(news_pair, tmp_path, capsys):
    fa, en = news_pair
    project = init_project(tmp_path / "project")
    add_pair(project, fa, en, pair_id="news")
    args = ["check", "--project", str(project.root), "--format", "json"]
    main(args)
    default = {(f["tuid"], f["rule"]) for f in json.loads(capsys.readouterr().out)}
    assert ("news:b5", "number-mismatch") not in default
    assert main([*args, "--include-flagged"]) == 1
    included = {(f["tuid"], f["rule"]) for f in json.loads(capsys.readouterr().out)}
    assert included - default == {("news:b5", "number-mismatch")}


def _wait_for_a_pair_aligned(process: subprocess.Popen, root, started: float) -> None:
    """Return once the build has written a pair's cache entry since *started*: it is then
    aligning, whatever the machine's speed."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        cache = root / ".tmkit" / "cache"
        if any(path.stat().st_mtime >= started for path in cache.glob("*.json")):
            return
        time.sleep(0.02)
    pytest.fail(f"the build wrote no pair's cache (exit {process.poll()})")


def test_ctrl_c_is_one_line_and_exit_130(example_project, tmp_path):
    root = tmp_path / "big"
    shutil.copytree(example_project.root, root, ignore=shutil.ignore_patterns(".tmkit", "out"))
    pair = root / "texts" / "caucasus-oil-policy"
    for number in range(120):
        shutil.copytree(pair, root / "texts" / f"copy-{number:03}")
    for jobs in ("1", "2"):
        started = time.time()
        process = subprocess.Popen(
            [sys.executable, "-m", "tm", "build", "--full", "--jobs", jobs],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, as a terminal's foreground job
            # and Ctrl-C handled as in a terminal, even when the tests run in the background of
            # a shell, which starts them with SIGINT ignored (a disposition exec keeps)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        _wait_for_a_pair_aligned(process, root, started)  # then 120 pairs are still to align
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole group
        _, err = process.communicate(timeout=60)
        assert process.returncode == 130, err
        assert err.decode().strip().splitlines() == ["tmkit: interrupted"]
        assert not (root / "out" / "tm.fa-en.tmx").exists()
        leftovers = [p.name for p in root.rglob(".*") if p.name not in (".gitignore", ".tmkit")]
        assert leftovers == []  # no temporary file of an interrupted write


def test_help_and_version_import_no_heavy_library(tmp_path):
    probe = (
        "import sys\n"
        "from tm.cli import main\n"
        "for argv in (['--help'], ['--version'], ['build', '--help'], ['glossary', 'lint', '-h'],\n"
        "             ['score', '--help'], ['export', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('lxml', 'openpyxl', 'sacrebleu', 'numpy', 'sentencepiece', 'polib', 'regex',\n"
        "         'ahocorasick', 'docx', 'markdown_it', 'tqdm')\n"
        "print(' '.join(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0
    assert result.stderr.strip() == ""


def test_commands_that_do_not_score_import_neither_sacrebleu_nor_numpy(tmp_path):
    """sacrebleu (and numpy behind it) is for tmkit score; SentencePiece for --spm only."""
    tico = Path(__file__).parent.parent / "data" / "tico19" / "all.en-fa.tmx"
    probe = (
        "import sys\n"
        "from tm.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        "heavy = ('sacrebleu', 'numpy', 'sentencepiece')\n"
        "print(' '.join(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    )
    for argv in (
        ["export", "--format", "parallel", "--tmx", str(tico), "-o", str(tmp_path / "mt")],
        ["merge", str(tico), "-o", str(tmp_path / "merged.tmx")],
    ):
        result = subprocess.run(
            [sys.executable, "-c", probe, *argv], capture_output=True, text=True, cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip() == "", argv


def test_lint_looks_for_unused_terms_in_the_projects_texts(news_pair, tmp_path, capsys):
    import openpyxl

    fa, en = news_pair
    project = init_project(tmp_path / "project")
    add_pair(project, fa, en, pair_id="news")
    book = openpyxl.load_workbook(project.glossary)
    book["Domains"].append(["health", "Health", ""])
    book["Terms"].append(
        ["covid", "health", "کووید-19", None, "COVID-19", None, None, None, "approved"]
    )
    book["Terms"].append(
        ["vaccine", "health", "واکسن", None, "vaccine", None, None, None, "approved"]
    )
    book.save(project.glossary)
    assert main(["glossary", "lint", "--project", str(project.root)]) == 0
    out = capsys.readouterr().out
    unused = [line for line in out.splitlines() if "unused-term" in line]
    assert len(unused) == 1 and "Terms!C3" in unused[0]  # the concept with واکسن
    documents = tmp_path / "elsewhere"
    documents.mkdir()
    (documents / "note.txt").write_text("واکسن کووید-19 آماده است.\n", encoding="utf-8")
    args = ["glossary", "lint", str(project.glossary), "--texts", str(documents)]
    assert main(args) == 0
    assert "unused-term" not in capsys.readouterr().out
    assert main(["glossary", "lint", str(project.glossary)]) == 0  # cwd: no project
    out, err = capsys.readouterr()
    assert "unused-term not checked" in err and "unused-term" not in out


def test_export_to_standard_output(example_project, capsys):
    assert main(["export", "--project", str(example_project.root), "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert etree.fromstring(out.encode("utf-8")).tag == "tmx"
    assert err.endswith("units written to standard output\n")


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(jobs, capsys):
    with pytest.raises(SystemExit) as done:
        main(["build", "--jobs", jobs])
    assert done.value.code == 2
    assert "expected a whole number of 1 or more" in capsys.readouterr().err


def test_standard_input_is_one_side_only(capsys):
    assert main(["align", "-", "-"]) == 2
    assert capsys.readouterr().err == (
        "tmkit: error: only one of SOURCE and TARGET can be - (standard input is read once)\n"
    )


def test_a_reader_that_goes_away_ends_tmkit_quietly(article_folder, monkeypatch, capsys):
    read, write = os.pipe()
    os.close(read)  # the reader is gone: what `tmkit segment … | head -1` leaves behind
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.FileIO(write, "w"), encoding="utf-8"))
    assert main(["segment", str(article_folder.raw), "--lang", "fa"]) == 141
    assert capsys.readouterr().err.count("Traceback") == 0


def test_an_old_po_never_undoes_a_later_review(example_project, tmp_path, capsys):
    import polib

    root = tmp_path / "p"
    shutil.copytree(example_project.root, root, ignore=shutil.ignore_patterns(".tmkit", "out"))
    project = ["--project", str(root)]
    first, second = tmp_path / "a.po", tmp_path / "b.po"
    assert main(["export", *project, "--format", "po", "-o", str(first)]) == 0
    shutil.copy(first, second)
    for path, old, new in (
        (
            first,
            "Russia has taken steps towards Azerbaijan.",
            "Russia took steps towards Azerbaijan.",
        ),
        (second, "Oil policies in the Caucasus", "Oil policy in the Caucasus"),
    ):
        po = polib.pofile(str(path))
        next(e for e in po if e.msgstr == old).msgstr = new
        po.save(str(path))
    assert main(["import-po", *project, str(first)]) == 0
    assert main(["import-po", *project, str(first)]) == 0  # the same PO again: nothing to undo
    capsys.readouterr()
    english = root / "texts" / "caucasus-oil-policy" / "en.txt"
    before = english.read_bytes()
    assert main(["import-po", *project, str(second)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {second}: caucasus-oil-policy/en.txt changed since")
    assert english.read_bytes() == before
    assert main(["import-po", *project, str(second), "--force"]) == 0
    assert b"Oil policy in the Caucasus" in english.read_bytes()


def test_a_po_of_another_project_is_refused(example_project, tico_project, tmp_path, capsys):
    po = tmp_path / "other.po"
    assert (
        main(["export", "--project", str(example_project.root), "--format", "po", "-o", str(po)])
        == 0
    )
    capsys.readouterr()
    assert main(["import-po", "--project", str(tico_project.root), str(po)]) == 2
    assert "exported from another project" in capsys.readouterr().err


def test_export_without_output_writes_to_standard_output_not_over_the_build(
    example_project, capsys
):
    out = example_project.out / "tm.fa-en.po"
    before = out.read_bytes() if out.exists() else None
    assert main(["export", "--project", str(example_project.root), "--format", "po"]) == 0
    assert capsys.readouterr().out.startswith("# Translation units exported by tmkit")
    assert (out.read_bytes() if out.exists() else None) == before


def test_align_in_a_project_whose_glossary_is_missing_says_so(news_pair, tmp_path, capsys):
    fa, en = news_pair
    project = init_project(tmp_path / "project")
    project.glossary.unlink()
    assert main(["align", "--project", str(project.root), str(fa), str(en)]) == 2
    assert "no such file (tmkit.toml: [paths] glossary)" in capsys.readouterr().err


def test_a_reader_that_goes_away_mid_output_is_a_broken_pipe_not_success(tmp_path):
    # `tmkit merge big.tmx -o - | head -c 100`: the pipe takes part of the TMX and says only
    # how much, with no error; that is exit 141, never 0 with "wrote … to standard output"
    from tm.tmx import tmx_date, write_tmx
    from tm.unit import TranslationUnit

    big = tmp_path / "big.tmx"
    units = [TranslationUnit(f"a:{i}", f"نفت {i} " * 5, f"oil {i} " * 5) for i in range(3000)]
    write_tmx(units, big, creationdate=tmx_date(0))
    assert big.stat().st_size > 4 * 65536  # more than a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "tm", "merge", str(big), "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(100).startswith(b"<?xml")
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert "wrote" not in err and "Traceback" not in err


class _Partial(io.RawIOBase):
    """A pipe whose reader left: takes *room* bytes of a write, then nothing (EPIPE)."""

    def __init__(self, room: int) -> None:
        self.room, self.taken = room, b""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if not self.room:
            raise BrokenPipeError(32, "Broken pipe")
        taken = bytes(data[: self.room])
        self.room -= len(taken)
        self.taken += taken
        return len(taken)


@pytest.mark.parametrize("data", [b"<tmx>" * 40_000, "سطر\n" * 40_000])
def test_write_output_of_a_partial_write_raises_broken_pipe(monkeypatch, data):
    from tm.cli.common import write_output

    pipe = _Partial(65536)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(pipe, encoding="utf-8"))
    with pytest.raises(BrokenPipeError):
        write_output("-", data)
    assert len(pipe.taken) == 65536


@pytest.mark.parametrize(
    "command",
    [
        ["merge", "{tmx}", "-o", "-"],
        ["export", "--project", "{project}", "-o", "-"],
        ["srx", "-o", "-"],
    ],
)
def test_a_closed_standard_output_is_one_line_exit_2_not_a_traceback(
    tmp_path, example_project, command
):
    # `tmkit merge p1.tmx -o - >&-`: Python starts without sys.stdout
    from tm.tmx import tmx_date, write_tmx
    from tm.unit import TranslationUnit

    tmx = tmp_path / "p1.tmx"
    write_tmx([TranslationUnit("a:1", "نفت", "oil")], tmx, creationdate=tmx_date(0))
    argv = [part.format(tmx=tmx, project=example_project.root) for part in command]
    result = subprocess.run(
        [sys.executable, "-m", "tm", *argv],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
        cwd=tmp_path,
        timeout=120,
    )
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err == (
        "tmkit: error: standard output: is closed (give -o FILE, or leave standard output open)\n"
    )


def test_merge_to_standard_output_streams_the_tmx_as_it_merges(tmp_path, monkeypatch, capsys):
    # `tmkit merge big.tmx -o -` wrote a scratch file and read it whole into memory before the
    # first byte went out; now its first bytes go out before the second pass has read the input
    import tm.dedupe
    from tm.tmx import tmx_date, write_tmx
    from tm.unit import TranslationUnit

    big = tmp_path / "big.tmx"
    units = [TranslationUnit(f"a:{i}", f"نفت {i} " * 5, f"oil {i} " * 5) for i in range(3000)]
    write_tmx(units, big, creationdate=tmx_date(0))
    read = 0
    original = tm.dedupe.read_tmx

    def counted(*args, **kwargs):
        nonlocal read
        for unit in original(*args, **kwargs):
            read += 1
            yield unit

    monkeypatch.setattr(tm.dedupe, "read_tmx", counted)
    pipe = _Partial(65536)
    when: list[int] = []
    write = pipe.write
    pipe.write = lambda data: when.append(read) or write(data)
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(pipe, encoding="utf-8"))
    assert main(["merge", str(big), "-o", "-"]) == 141  # the pipe took 64 KiB, then left
    assert when[0] < 2 * len(units)  # written while the second pass was reading
    assert pipe.taken.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx')
    assert "wrote" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["merge", "{tmx}", "-o", "{out}/merged.tmx"],
        ["srx", "-o", "{out}/rules.srx"],
        ["align", "{fa}", "{en}", "-o", "{out}/pair.tmx"],
        ["export", "--project", "{project}", "--format", "po", "-o", "{out}/tm.po"],
        ["glossary", "export", "--glossary", "{glossary}", "--format", "tbx", "-o", "{out}/t.tbx"],
        ["glossary", "import", "{glossary}", "-o", "{out}/copy.xlsx"],
        ["glossary", "import", "{glossary}", "-o", "{out}/copy.csv"],
        ["check", "--tmx", "{tmx}", "--glossary", "{glossary}", "--report", "{out}/f.xlsx"],
    ],
)
def test_every_output_makes_its_missing_folder_and_says_so_in_help(
    tmp_path, example_project, news_pair, command, capsys
):
    # one rule for every -o (and --report): a folder that does not exist is made, with its
    # parents, as the README and each --help say
    from glossary.model import bundled_glossary_path
    from tm.tmx import tmx_date, write_tmx
    from tm.unit import TranslationUnit

    tmx = tmp_path / "in.tmx"
    write_tmx([TranslationUnit("a:1", "نفت", "oil")], tmx, creationdate=tmx_date(0))
    out = tmp_path / "new" / "deeper"
    fa, en = news_pair
    values = {
        "tmx": tmx, "out": out, "fa": fa, "en": en, "project": example_project.root,
        "glossary": bundled_glossary_path(),
    }  # fmt: skip
    argv = [part.format(**values) for part in command]
    assert main(argv) in (0, 1), capsys.readouterr().err  # check: 1 is findings
    written = Path(argv[argv.index("--report" if "--report" in argv else "-o") + 1])
    assert written.is_file() and written.stat().st_size > 0
    with pytest.raises(SystemExit):
        main([*command[: 2 if command[0] == "glossary" else 1], "--help"])
    assert "a missing folder is made, with its parents" in " ".join(capsys.readouterr().out.split())


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    "command",
    [
        ["merge", "{tmx}", "-o", "-"],  # write_stdout
        ["srx"],
        ["export", "--project", "{project}"],
        ["status", "--project", "{project}"],  # print, flushed at the end
        ["glossary", "dump", "{glossary}"],
        ["glossary", "lint", "{glossary}", "--texts", "{texts}"],  # print, many lines
    ],
)
def test_a_full_standard_output_is_named_in_one_line_exit_2(tmp_path, example_project, command):
    # `tmkit merge x.tmx -o - > /dev/full`: the same words as `-o /dev/full`
    from tm.tmx import tmx_date, write_tmx
    from tm.unit import TranslationUnit

    tmx = tmp_path / "p1.tmx"
    write_tmx([TranslationUnit("a:1", "نفت", "oil")], tmx, creationdate=tmx_date(0))
    root = example_project.root
    places = {"tmx": tmx, "project": root, "glossary": root / "glossary.xlsx"}
    argv = [part.format(texts=root / "texts", **places) for part in command]
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tm", *argv],
            stdin=subprocess.DEVNULL,
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=120,
        )
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert err.splitlines()[-1] == (
        "tmkit: error: standard output: cannot write: no space left on device"
    )
    assert "Traceback" not in err
