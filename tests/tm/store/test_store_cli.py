"""``tmkit tm import|export|stats`` and the build's import, through the command line."""

from __future__ import annotations

import json
import re
import shutil
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


def _english_to_persian_tmx(folder: Path, count: int) -> Path:
    """The first *count* TICO-19 tu as an en-US→fa-IR TMX (header srclang en-US, the English
    tuv first, one tu with its own srclang), as CAT tools export an English→Persian TM."""
    text = TICO.read_text(encoding="utf-8")
    head, body = text.split("<body>", 1)
    tus = re.findall(r"<tu .*?</tu>", body, flags=re.S)[:count]
    tus[1] = tus[1].replace("<tu ", '<tu srclang="en-US" ', 1)
    body = "\n".join(tus).replace('xml:lang="en"', 'xml:lang="en-US"')
    path = folder / "en-fa.tmx"
    path.write_text(
        head.replace('srclang="en"', 'srclang="en-US"') + "<body>\n"
        + body.replace('xml:lang="fa"', 'xml:lang="fa-IR"') + "\n</body></tmx>\n",
        encoding="utf-8",
    )  # fmt: skip
    return path


def test_an_english_to_persian_tmx_is_stored_by_language(db, tmp_path, capsys):
    """The store holds Persian as the source whatever the TMX's direction: an en-US→fa-IR
    TMX's units are looked up by their Persian, concordance finds their English, and export
    writes each tuv in its own language."""
    from tm.fuzzy import keys

    path = _english_to_persian_tmx(tmp_path, 200)
    assert main(["tm", "import", str(path), "--db", db]) == 0
    assert capsys.readouterr().out.endswith("200 units imported\n")
    expected = list(read_tmx(TICO, srclang="fa", tgtlang="en"))[:200]
    assert main(["tm", "stats", "--db", db, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["source_words"] == sum(len(keys(u.source)) for u in expected)  # Persian's
    for unit in expected[1:200:40]:  # the first with its own srclang
        assert main(["lookup", unit.source, "--db", db, "--format", "json", "--limit", "1"]) == 0
        (match,) = json.loads(capsys.readouterr().out)["matches"]
        assert (match["source"], match["target"], match["kind"]) == (
            unit.source, unit.target, "exact"
        )  # fmt: skip
    assert main(["concordance", "fever", "--db", db, "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)["units"]
    assert hits and all("fever" in h["target"].lower() for h in hits)
    assert main(["tm", "export", "--db", db, "-o", str(tmp_path / "out.tmx")]) == 0
    exported = list(read_tmx(tmp_path / "out.tmx"))
    assert [(u.source, u.target) for u in exported] == [(u.source, u.target) for u in expected]
    assert {u.srclang for u in exported} == {"fa-IR"} and {u.tgtlang for u in exported} == {"en-US"}


def test_a_tmx_without_persian_and_english_is_an_error(db, tmp_path, capsys):
    path = tmp_path / "en-de.tmx"
    path.write_text(
        _english_to_persian_tmx(tmp_path, 3).read_text(encoding="utf-8")
        .replace('xml:lang="fa-IR"', 'xml:lang="de-DE"'),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["tm", "import", str(path), "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tmkit: error: {path}: no tu has both a Persian (fa) and an English")
    assert "(languages: de-DE, en-US)" in err and err.count("\n") == 1
    assert main(["tm", "stats", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["files"] == []


def test_importing_several_files_is_one_transaction(db, tmp_path, capsys):
    """``tmkit tm import A B C``: when C is bad (exit 2), A's and B's imports are rolled back
    too, the replaced units of a file imported before included: the store is unchanged."""
    first = tmp_path / "first.tmx"
    shutil.copy(MEMOQ, first)
    assert main(["tm", "import", str(first), "--db", db]) == 0
    assert main(["tm", "export", "--db", db, "-o", str(tmp_path / "before.tmx")]) == 0
    capsys.readouterr()
    old = read_tmx(first, srclang="fa", tgtlang="en").__next__().source
    first.write_text(first.read_text(encoding="utf-8").replace(old, old + " تغییر"), "utf-8")
    other = _english_to_persian_tmx(tmp_path, 50)
    bad = tmp_path / "bad.tmx"
    shutil.copy(DATA / "tmx" / "malformed.tmx", bad)
    assert main(["tm", "import", str(first), str(other), str(bad), "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out == ""  # nothing reported imported
    assert err.startswith(f"tmkit: error: {bad}:") and err.count("\n") == 1
    assert "not well-formed" in err and "no file was imported" in err
    assert main(["tm", "stats", "--db", db, "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert [(f["name"], f["units"]) for f in stats["files"]] == [(str(first.resolve()), 3)]
    assert main(["tm", "export", "--db", db, "-o", str(tmp_path / "after.tmx")]) == 0
    assert [u.source for u in read_tmx(tmp_path / "after.tmx")] == [
        u.source for u in read_tmx(tmp_path / "before.tmx")
    ]
    capsys.readouterr()
    assert main(["tm", "import", str(first), str(other), "--db", db]) == 0  # both, then
    assert capsys.readouterr().out.splitlines()[1].endswith("50 units imported")
