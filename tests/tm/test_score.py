"""tmkit score: sacrebleu's numbers and signatures on the bundled article's TM, the paired
tests, term accuracy with the glossary, Persian as a target, and bad input as one line."""

import json
import re
import subprocess
import sys

import pytest

from tm.cli import main
from tm.mteval import persian_for_scoring


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """``tmkit init --example`` built: the article's TM in out/tm.fa-en.tmx."""
    root = tmp_path_factory.mktemp("score") / "project"
    assert main(["init", "--example", str(root)]) == 0
    assert main(["build", "--project", str(root), "--jobs", "1"]) == 0
    return root


def _units(root):
    """How many units the built TM holds (the article's beads, duplicates collapsed)."""
    from tm.tmx import read_tmx

    return sum(1 for _ in read_tmx(root / "out" / "tm.fa-en.tmx", srclang="fa"))


def _printed(root, side, capsys, *more):
    assert main(["score", "--project", str(root), "--print", side, *more]) == 0
    return capsys.readouterr().out.splitlines()


def _score(capsys, *arguments):
    assert main(["score", *arguments, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def degraded(lines):
    """Known edits: 'the' → 'a' on every third line, the last word dropped on every fifth,
    the first two words swapped on every seventh."""
    out = []
    for number, line in enumerate(lines):
        words = line.split(" ")
        if number % 3 == 0:
            words = ["a" if w == "the" else w for w in words]
        if number % 5 == 0 and len(words) > 1:
            words = words[:-1]
        if number % 7 == 0 and len(words) > 1:
            words[0], words[1] = words[1], words[0]
        out.append(" ".join(words))
    return out


def sacrebleu_cli(reference, *arguments):
    """What sacrebleu's own command line prints (offline: it reads the two files)."""
    result = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(reference), *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_references_themselves_score_100(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    assert len(references) == _units(built) > 130
    hypothesis = tmp_path / "same.en"
    hypothesis.write_text("\n".join(references) + "\n", encoding="utf-8")
    result = _score(capsys, "--project", str(built), "--hyp", str(hypothesis), "--metrics",
                    "bleu,chrf,chrf++,ter")  # fmt: skip
    scores = result["systems"][0]["scores"]
    assert scores["BLEU"]["score"] == pytest.approx(100)
    assert scores["chrF2"]["score"] == 100 and scores["chrF2++"]["score"] == 100
    assert scores["TER"]["score"] == 0
    assert result["references"] == {
        "file": "out/tm.fa-en.tmx", "segments": len(references), "direction": "fa→en",
        "persian_normalized": False,
    }  # fmt: skip
    terms = result["systems"][0]["terms"]
    assert terms["found"] == terms["total"] > 100 and terms["missed"] == []


def test_known_edits_give_sacrebleus_own_numbers_and_signatures(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    reference, hypothesis = tmp_path / "ref.en", tmp_path / "hyp.en"
    reference.write_text("\n".join(references) + "\n", encoding="utf-8")
    hypothesis.write_text("\n".join(degraded(references)) + "\n", encoding="utf-8")
    ours = _score(capsys, "--project", str(built), "--hyp", str(hypothesis), "--metrics",
                  "bleu,chrf,chrf++,ter")["systems"][0]["scores"]  # fmt: skip
    theirs = sacrebleu_cli(reference, "-i", str(hypothesis), "-m", "bleu", "chrf", "ter",
                           "-w", "4")  # fmt: skip
    theirs += [sacrebleu_cli(reference, "-i", str(hypothesis), "-m", "chrf",
                             "--chrf-word-order", "2", "-w", "4")]  # fmt: skip
    assert len(theirs) == 4
    for score in theirs:
        mine = ours[score["name"]]
        assert f"{mine['score']:.4f}" == f"{score['score']:.4f}"
        assert mine["signature"] == f"{score['name']}|{score['signature']}"
    assert 50 < ours["BLEU"]["score"] < 95 and 0 < ours["TER"]["score"] < 30
    assert ours["BLEU"]["signature"] == (
        "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" + _version()
    )
    assert ours["BLEU"]["details"].startswith(theirs[0]["verbose_score"][:20])


def test_confidence_intervals_are_sacrebleus(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    reference, hypothesis = tmp_path / "ref.en", tmp_path / "hyp.en"
    reference.write_text("\n".join(references) + "\n", encoding="utf-8")
    hypothesis.write_text("\n".join(degraded(references)) + "\n", encoding="utf-8")
    ours = _score(capsys, "--ref", str(reference), "--hyp", str(hypothesis), "--confidence",
                  "--confidence-n", "200")["systems"][0]["scores"]  # fmt: skip
    theirs = sacrebleu_cli(reference, "-i", str(hypothesis), "-m", "bleu", "chrf",
                           "--confidence", "--confidence-n", "200", "-w", "4")  # fmt: skip
    for score in theirs:
        mine = ours[score["name"]]
        assert mine["signature"] == f"{score['name']}|{score['signature']}"
        assert "bs:200|seed:12345" in mine["signature"]
        assert f"{mine['mean']:.4f}" == f"{score['confidence_mean']:.4f}"
        assert f"{mine['ci']:.4f}" == f"{score['confidence_var']:.4f}"


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_tests_are_sacrebleus(built, tmp_path, capsys, test):
    references = _printed(built, "references", capsys)
    reference = tmp_path / "ref.en"
    reference.write_text("\n".join(references) + "\n", encoding="utf-8")
    baseline, system = tmp_path / "baseline.en", tmp_path / "system.en"
    baseline.write_text("\n".join(degraded(references)) + "\n", encoding="utf-8")
    better = [
        r if n % 2 else d
        for n, (r, d) in enumerate(zip(references, degraded(references), strict=True))
    ]
    system.write_text("\n".join(better) + "\n", encoding="utf-8")
    result = _score(capsys, "--ref", str(reference), "--hyp", str(baseline), "--hyp",
                    str(system), "--paired", test, "--paired-n", "100")  # fmt: skip
    flag = {"bs": "--paired-bs", "ar": "--paired-ar"}[test]
    # sacrebleu 2.6's -f json fails on the paired bootstrap's numpy floats: its table, then
    printed = subprocess.run(
        [sys.executable, "-m", "sacrebleu", str(reference), "-i", str(baseline), str(system),
         "-m", "bleu", "chrf", flag, f"{flag}-n", "100", "-f", "text", "-w", "4"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rows = [line.split("│")[2:-1] for line in printed.splitlines() if line.startswith("│")]
    header, first, second, p_values = rows
    assert ["BLEU" in header[0], "chrF2" in header[1]] == [True, True]
    assert [s["baseline"] for s in result["systems"]] == [True, False]
    for number, row in enumerate((first, second)):
        for cell, name in zip(row, ("BLEU", "chrF2"), strict=True):
            mine = result["systems"][number]["scores"][name]
            shown = f"{mine['score']:.4f}"
            if mine["mean"] is not None:
                shown += f" ({mine['mean']:.4f} ± {mine['ci']:.4f})"
            assert cell.strip() == shown
    for cell, name in zip(p_values, ("BLEU", "chrF2"), strict=True):
        p_value = result["systems"][1]["scores"][name]["p_value"]
        assert cell.strip() == f"(p = {p_value:.4f})" + ("*" if p_value < 0.05 else "")
    assert result["systems"][1]["scores"]["BLEU"]["p_value"] < 0.05  # half the lines repaired
    assert result["paired_test"]["samples"] == 100
    assert result["systems"][1]["scores"]["BLEU"]["signature"].startswith(
        f"BLEU|nrefs:1|{test}:100|seed:12345|"
    )


def test_term_accuracy_counts_one_term_replaced(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    sources = _printed(built, "sources", capsys)
    line = next(n for n, text in enumerate(references) if "continental shelf" in text)
    assert "فلات قاره" in sources[line]
    hypothesis = list(references)
    hypothesis[line] = hypothesis[line].replace("continental shelf", "continental ridge")
    path = tmp_path / "one-term.en"
    path.write_text("\n".join(hypothesis) + "\n", encoding="utf-8")
    both = _score(capsys, "--project", str(built), "--hyp", str(path))
    terms = both["systems"][0]["terms"]
    assert terms["total"] - terms["found"] == 1
    assert terms["missed"] == [{"segment": f"caucasus-oil-policy:b{_bead(built, line, capsys)}",
                                "line": line + 1, "term": "continental-shelf",
                                "expected": "continental shelf"}]  # fmt: skip
    assert both["glossary"] == "glossary.xlsx"


def _bead(root, line, capsys):
    """The tuid number of the TM's unit on *line* (from 0), read from the TMX."""
    from tm.tmx import read_tmx

    units = list(read_tmx(root / "out" / "tm.fa-en.tmx", srclang="fa"))
    return units[line].tuid.rsplit(":b", 1)[1]


def test_inflected_forms_count_as_the_term():
    """A term found inflected in the source, rendered in the plural in the output, counts."""
    from glossary.model import Glossary, Term
    from tm.mteval import References, term_accuracy

    glossary = Glossary((Term("pipeline", "energy", "خط لوله", "pipeline"),))
    references = References("r", ("The pipelines are long.",), ("خط لوله‌ها طولانی است.",),
                            ("line 1",))  # fmt: skip
    assert term_accuracy(references, ["The pipelines are long."], glossary).found == 1
    assert term_accuracy(references, ["The pipes are long."], glossary).found == 0


def test_text_references_with_and_without_sources(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    sources = _printed(built, "sources", capsys)
    reference, source = tmp_path / "ref.en", tmp_path / "src.fa"
    reference.write_text("\n".join(references) + "\n", encoding="utf-8")
    source.write_text("\n".join(sources) + "\n", encoding="utf-8")
    arguments = ["--ref", str(reference), "--hyp", str(reference)]
    glossary = ["--glossary", str(built / "glossary.xlsx")]
    with_sources = _score(capsys, *arguments, "--src", str(source), *glossary)
    assert with_sources["systems"][0]["terms"]["accuracy"] == 100
    without = _score(capsys, *arguments, *glossary)
    assert without["systems"][0]["terms"] is None
    assert "no source segments" in without["terms_not_measured"]


def test_worst_segments_are_the_lowest_chrf(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    hypothesis = list(references)
    hypothesis[10] = "Nothing like it."
    hypothesis[20] = " ".join(references[20].split()[:3])
    path = tmp_path / "two-bad.en"
    path.write_text("\n".join(hypothesis) + "\n", encoding="utf-8")
    result = _score(capsys, "--project", str(built), "--hyp", str(path), "--worst", "3")
    worst = result["systems"][0]["worst"]
    assert [w["line"] for w in worst[:2]] == [11, 21]
    assert worst[0]["chrF2"] <= worst[1]["chrF2"] < worst[2]["chrF2"] == 100
    assert worst[0]["reference"] == references[10] and worst[0]["source"]
    assert main(["score", "--project", str(built), "--hyp", str(path), "--worst", "2"]) == 0
    table = capsys.readouterr().out
    assert "lowest chrF, " in table and "hypothesis: Nothing like it." in table


def test_table_and_csv_print_each_signature(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    path = tmp_path / "hyp.en"
    path.write_text("\n".join(degraded(references)) + "\n", encoding="utf-8")
    assert main(["score", "--project", str(built), "--hyp", str(path)]) == 0
    table = capsys.readouterr().out
    count = len(references)
    assert table.startswith(f"references: out/tm.fa-en.tmx, {count} segments (fa→en)\n")
    assert re.search(r"^  BLEU\|nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:",
                     table, re.M)  # fmt: skip
    assert "  chrF2|nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:" in table
    assert main(["score", "--project", str(built), "--hyp", str(path), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "system,metric,score,mean,ci,p_value,signature"
    assert [row.split(",")[1] for row in rows[1:]] == ["BLEU", "chrF2", "terms"]


def test_sacrebleus_warnings_are_tmkits(built, tmp_path, capsys):
    references = _printed(built, "references", capsys)
    path = tmp_path / "tokenized.en"
    path.write_text("\n".join(r.replace(".", " .") for r in references) + "\n", "utf-8")
    assert main(["score", "--project", str(built), "--hyp", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "tmkit: warning: sacrebleu: That's 100 lines that end in a tokenized period ('.')" in err
    assert all(line.startswith("tmkit: warning: sacrebleu: ") for line in err)


def test_into_persian_both_sides_are_normalized(built, tmp_path, capsys):
    """English→Persian output typed with Arabic letters, Western digits and without its
    ZWNJs scores as the reference does, once both are normalized; raw, it would not."""
    from sacrebleu.metrics import BLEU

    persian = _printed(built, "references", capsys, "--target", "fa")
    english = _printed(built, "sources", capsys, "--target", "fa")
    assert any("\u200c" in line for line in persian) and english[0].startswith("Oil")
    typed = [
        line.replace("ی", "ي").replace("ک", "ك").replace("می\u200c", "می ")
        .translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
        for line in persian
    ]  # fmt: skip
    assert sum(a != b for a, b in zip(typed, persian, strict=True)) > 100
    path = tmp_path / "mt.fa"
    path.write_text("\n".join(typed) + "\n", encoding="utf-8")
    result = _score(capsys, "--project", str(built), "--hyp", str(path), "--target", "fa")
    assert result["references"]["direction"] == "en→fa"
    assert result["references"]["persian_normalized"] is True
    bleu = result["systems"][0]["scores"]["BLEU"]
    assert bleu["score"] == pytest.approx(100) and "tok:intl" in bleu["signature"]
    assert BLEU(tokenize="intl").corpus_score(typed, [persian]).score < 50  # raw
    reference = tmp_path / "ref.fa"
    reference.write_text("\n".join(persian) + "\n", encoding="utf-8")
    itself = _score(capsys, "--project", str(built), "--hyp", str(reference), "--target", "fa")
    terms = itself["systems"][0]["terms"]  # the reference's paraphrases miss a few (8 of 505)
    assert terms["total"] > 400 and terms["found"] > 0.95 * terms["total"]
    assert result["systems"][0]["terms"] == terms  # spellings do not hide a term


def test_persian_normalization_keeps_zwnj_and_writes_persian_digits():
    assert persian_for_scoring("نمي شود در سال 1402") == "نمی\u200cشود در سال ۱۴۰۲"
    assert persian_for_scoring("خانه\u200cها") == "خانه\u200cها"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "hyp.en: file is empty (expected MT output, one translated segment a line)"),
        (b"one\ntwo\n", "hyp.en: 2 lines, but the references have {units} (out/tm.fa-en.tmx)"),
        (b"ok\n\xe4 bad\n", "hyp.en:2:1: not UTF-8 (byte 0xe4) (save the file as UTF-8)"),
        ("\ufeffx\n".encode("utf-16"), "hyp.en:1: UTF-16 text (save the file as UTF-8)"),
    ],
)
def test_bad_hypothesis_is_one_line_and_exit_2(built, tmp_path, capsys, content, expected):
    path = tmp_path / "hyp.en"
    path.write_bytes(content)
    assert main(["score", "--project", str(built), "--hyp", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    expected = expected.format(units=_units(built))
    assert err.startswith(f"tmkit: error: {tmp_path}/{expected}")
    assert len(err.splitlines()) == 1


def test_sources_of_another_length_and_no_tm_yet(tmp_path, capsys):
    reference, source = tmp_path / "ref.en", tmp_path / "src.fa"
    reference.write_text("a\nb\nc\n", encoding="utf-8")
    source.write_text("الف\nب\n", encoding="utf-8")
    arguments = ["score", "--ref", str(reference), "--src", str(source), "--hyp", str(reference)]
    assert main(arguments) == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {source}: 2 lines, but the references have 3 ({reference}) (the "
        "source segments, one a line, in the references' order)\n"
    )
    assert main(["init", str(tmp_path / "fresh")]) == 0
    capsys.readouterr()
    assert main(["score", "--project", str(tmp_path / "fresh"), "--hyp", str(reference)]) == 2
    err = capsys.readouterr().err
    assert "out/tm.fa-en.tmx: no TM yet (run tmkit build first, or give --ref)" in err


def test_the_command_lines_choices_are_tm_mtevals():
    from tm import mteval
    from tm.cli import score

    assert score.METRICS == mteval.METRICS and score.TOKENIZERS == mteval.TOKENIZERS
    assert score.PAIRED_TESTS == mteval.PAIRED_TESTS and score.TARGETS == mteval.TARGETS
    assert not {"flores101", "flores200", "spm", "spBLEU-1K"} & set(mteval.TOKENIZERS)


def _version():
    from importlib.metadata import version

    return version("sacrebleu")


def test_into_persian_sacrebleus_cli_gives_the_same_numbers_on_the_printed_files(
    built, tmp_path, capsys
):
    """--target fa scores normalized Persian: the table says so, and --print references and
    --print hypothesis write the two sides as scored, on which sacrebleu's own command line
    gives tmkit's numbers (on the raw files it would not)."""
    raw = _printed(built, "references", capsys)  # English: printed as they are
    assert raw == _printed(built, "references", capsys, "--target", "en")
    persian = _printed(built, "references", capsys, "--target", "fa")
    from tm.mteval import persian_for_scoring as scored

    typed = [
        line.replace("ی", "ي").replace("می\u200c", "می ").translate(
            str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
        for line in degraded(persian)
    ]  # fmt: skip
    hyp = tmp_path / "mt.fa"
    hyp.write_text("\n".join(typed) + "\n", encoding="utf-8")
    base = ["--project", str(built), "--target", "fa", "--hyp", str(hyp)]
    assert main(["score", *base]) == 0
    table = capsys.readouterr().out
    assert "  both sides normalized with tmkit's Persian normalization before scoring " in table
    assert "(tm.mteval.persian_for_scoring)" in table
    ours = _score(capsys, *base, "--metrics", "bleu,chrf")["systems"][0]["scores"]
    printed = _printed(built, "hypothesis", capsys, *base[2:])
    assert printed == [scored(line) for line in typed] and printed != typed
    assert persian == [scored(line) for line in persian]  # as scored: normalized
    reference, hypothesis = tmp_path / "ref.norm.fa", tmp_path / "hyp.norm.fa"
    reference.write_text("\n".join(persian) + "\n", encoding="utf-8")
    hypothesis.write_text("\n".join(printed) + "\n", encoding="utf-8")
    theirs = sacrebleu_cli(reference, "-i", str(hypothesis), "-m", "bleu", "chrf", "-tok",
                           "intl", "-w", "4")  # fmt: skip
    for score in theirs:
        assert f"{ours[score['name']]['score']:.4f}" == f"{score['score']:.4f}"
    on_raw = sacrebleu_cli(reference, "-i", str(hyp), "-m", "bleu", "-tok", "intl", "-w", "4")
    assert on_raw["score"] < ours["BLEU"]["score"] - 10  # one metric: one object


def test_output_in_the_other_script_is_warned_and_still_scored(built, tmp_path, capsys):
    english = _printed(built, "references", capsys)
    persian = _printed(built, "sources", capsys)
    path = tmp_path / "mt.txt"
    path.write_text("\n".join(english) + "\n", encoding="utf-8")
    result = _score(capsys, "--project", str(built), "--hyp", str(path), "--target", "fa")
    err = capsys.readouterr().err
    assert result["systems"][0]["scores"]["BLEU"]["score"] < 5
    half = english[: len(english) // 2] + persian[len(english) // 2 :]
    path.write_text("\n".join(half) + "\n", encoding="utf-8")
    assert main(["score", "--project", str(built), "--hyp", str(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"tmkit: warning: {path}: ")
    assert err[0].endswith("% of its lines are mostly in the Arabic script: is it English "
                           "(--target en)? scored anyway")  # fmt: skip
    path.write_text("\n".join(english) + "\n", encoding="utf-8")
    assert main(["score", "--project", str(built), "--hyp", str(path)]) == 0
    assert capsys.readouterr().err == ""  # the right language: quiet


def test_into_persian_english_output_is_warned(built, tmp_path, capsys):
    path = tmp_path / "mt.txt"
    path.write_text("\n".join(_printed(built, "references", capsys)) + "\n", encoding="utf-8")
    assert main(["score", "--project", str(built), "--hyp", str(path), "--target", "fa"]) == 0
    assert capsys.readouterr().err == (
        f"tmkit: warning: {path}: 100% of its lines are mostly in the Latin script: is it "
        "Persian (--target fa)? scored anyway\n"
    )


@pytest.mark.parametrize(
    ("option", "expected"),
    [("--ref", "(expected the references, one reference translation a line)"),
     ("--src", "(expected the source segments, one a line)")],
)  # fmt: skip
def test_an_empty_reference_or_source_file_says_what_it_is(tmp_path, capsys, option, expected):
    empty, full = tmp_path / "e.txt", tmp_path / "full.txt"
    empty.write_text("", encoding="utf-8")
    full.write_text("a\nb\n", encoding="utf-8")
    files = {"--ref": empty, "--src": empty} if option == "--src" else {"--ref": empty}
    files["--ref"] = empty if option == "--ref" else full
    arguments = [a for name, path in files.items() for a in (name, str(path))]
    assert main(["score", *arguments, "--hyp", str(full)]) == 2
    assert capsys.readouterr().err == f"tmkit: error: {empty}: file is empty {expected}\n"


def test_an_empty_metrics_list_and_paired_n_0_are_refused(built, capsys):
    for arguments, expected in (
        (["--metrics", ""], "argument --metrics: the list is empty: give one or more of bleu, "
         "chrf, chrf++, ter, comma-separated"),
        (["--metrics", " , "], "argument --metrics: the list is empty"),
        (["--paired-n", "0"], "argument --paired-n: expected a whole number of 1 or more, "
         "not '0'"),
    ):  # fmt: skip
        with pytest.raises(SystemExit) as done:
            main(["score", "--project", str(built), "--hyp", "x", *arguments])
        assert done.value.code == 2
        assert expected in capsys.readouterr().err.splitlines()[-1]


def test_a_paired_test_with_one_system_is_warned(built, tmp_path, capsys):
    path = tmp_path / "mt.en"
    path.write_text("\n".join(_printed(built, "references", capsys)) + "\n", encoding="utf-8")
    for option in (["--paired", "ar"], ["--paired", "bs"], ["--paired-n", "50"]):
        arguments = ["score", "--project", str(built), "--hyp", str(path), *option]
        assert main([*arguments, "--format", "json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out)["paired_test"] is None
        assert err == (
            f"tmkit: warning: {option[0]}: no paired test with one --hyp (give two systems or "
            "more): ignored\n"
        )
