"""``tmkit tm import|export|stats`` and the build's import, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tm.cli import main
from tm.tmx import read_tmx

DATA = Path(__file__).parents[2] / "data"
MEMOQ = DATA / "tmx" / "memoq.tmx"


def test_import_twice_then_stats_and_export(tmp_path, capsys):
    db = str(tmp_path / "tm.sqlite")
    assert main(["tm", "import", str(MEMOQ), "--db", db]) == 0
    assert main(["tm", "import", str(MEMOQ), "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("3 units imported") and "unchanged" in out[1]
    assert main(["tm", "stats", "--db", db, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["units"] == 3 and stats["files"][0]["name"] == str(MEMOQ.resolve())
    assert main(["tm", "export", "--db", db, "-o", str(tmp_path / "all.tmx")]) == 0
    assert [u.source for u in read_tmx(tmp_path / "all.tmx")] == [
        u.source for u in read_tmx(MEMOQ, srclang="fa", tgtlang="en")
    ]


def test_a_file_that_is_no_store_is_one_line_exit_2(tmp_path, capsys):
    assert main(["tm", "stats", "--db", str(MEMOQ)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {MEMOQ}: not a tmkit TM store") and err.count("\n") == 1


def test_outside_a_project_without_db_says_how(capsys):
    assert main(["tm", "stats"]) == 2
    assert "give --db" in capsys.readouterr().err


def test_build_imports_its_tmx_into_the_projects_store(tmp_path, capsys):
    root = tmp_path / "p"
    assert main(["init", "--example", str(root)]) == 0
    assert main(["build", "--project", str(root)]) == 0
    assert "TM store: out/tm.fa-en.tmx" in capsys.readouterr().out
    assert main(["tm", "stats", "--project", str(root), "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    built = list(read_tmx(root / "out" / "tm.fa-en.tmx"))
    assert stats["units"] == len(built) > 100
    assert [f["name"] for f in stats["files"]] == ["out/tm.fa-en.tmx"]
    assert main(["tm", "import", str(root / "out" / "tm.fa-en.tmx"), "--project", str(root)]) == 0
    assert "unchanged" in capsys.readouterr().out  # the same name as the build's import


TICO = DATA / "tico19" / "all.en-fa.tmx"
IMMUNE = "سیستم ایمنی انطباقی خیلی زود به مبارزه با ویروس می‌پیوندد."


def test_lookup_and_concordance_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "tm.sqlite")
    assert main(["tm", "import", str(TICO), "--db", db]) == 0
    capsys.readouterr()
    edited = IMMUNE.replace("خیلی", "سریع")
    assert main(["lookup", edited, "--db", db, "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("90%  PubMed_7:258") and out[1] == f"  fa: {IMMUNE}"
    assert out[3] == "  1 of 10 words differ"
    assert main(["lookup", edited, "--db", db, "--format", "json", "--min", "95"]) == 0
    assert json.loads(capsys.readouterr().out)["matches"] == []
    assert main(["concordance", "پادتن", "--db", db, "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "the first 2 units holding 'پادتن' (fa; --limit)"
    assert "پادتن" in out[1] and out[2].startswith("  en: ")


def test_lookup_lists_the_glossary_terms_of_a_match(tmp_path, capsys):
    root = tmp_path / "p"
    assert main(["init", "--example", str(root)]) == 0
    assert main(["build", "--project", str(root)]) == 0
    capsys.readouterr()
    segment = next(u.source for u in read_tmx(root / "out" / "tm.fa-en.tmx") if "قفقاز" in u.source)
    assert main(["lookup", segment, "--project", str(root), "--format", "json"]) == 0
    best = json.loads(capsys.readouterr().out)["matches"][0]
    assert best["kind"] == "exact" and best["score"] == 100
    assert {"found": "قفقاز", "en": "Caucasus"} in best["terms"]
