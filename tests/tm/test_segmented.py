"""``tmkit align --segmented``: pre-segmented files (one segment a line, a blank line between
paragraphs) are aligned with exactly their segments."""

import pytest

from corpus.gold import read_gold
from corpus.pipeline import load_segmented, segment_document
from tm.cli import main

FA = [
    "نفت خزر در سال ۱۹۹۷ برای روسیه مهم بود و",  # no final full stop: not joined to the next
    "ایران هم خواهان سهمی از آن بود. ترکیه خط لوله می‌خواست.",  # two sentences: not split
    "",
    "",
    "پایان ماجرا",
]
EN = [
    "Caspian oil mattered to Russia in 1997 and",
    "Iran also wanted a share of it. Turkey wanted a pipeline.",
    "",
    "The end of the story",
]


def write(path, lines, newline="\n"):
    path.write_bytes(newline.join(lines).encode("utf-8") + newline.encode())
    return str(path)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_pre_segmented_pair_aligns_its_very_lines(tmp_path, capsys, newline):
    fa, en = write(tmp_path / "fa.txt", FA, newline), write(tmp_path / "en.txt", EN, newline)
    assert main(["align", "--segmented", fa, en, "--format", "tsv"]) == 0
    rows = [row.split("\t") for row in capsys.readouterr().out.splitlines()[1:]]
    assert [(row[1], row[4], row[5]) for row in rows] == [
        ("1-1", FA[0], EN[0]),
        ("1-1", FA[1], EN[1]),
        ("1-1", FA[4], EN[3]),
    ]


def test_blank_lines_start_paragraphs_and_blocks_keep_their_lines(tmp_path):
    document = load_segmented(write(tmp_path / "fa.txt", FA), "fa")
    assert [(b.id, b.line, b.segments) for b in document.paragraphs] == [
        ("p1", 1, (FA[0], FA[1])),
        ("p2", 5, (FA[4],)),
    ]
    segments = segment_document(document, "fa")
    assert [(s.id, s.block, s.text) for s in segments] == [
        ("p1.s1", "p1", FA[0]),
        ("p1.s2", "p1", FA[1]),
        ("p2.s1", "p2", FA[4]),
    ]


def test_persian_lines_are_normalized_one_by_one(tmp_path):
    path = write(tmp_path / "fa.txt", ["كتاب  علي", "", "مي رود"])
    document = load_segmented(path, "fa")
    assert [s.text for s in segment_document(document, "fa")] == ["کتاب علی", "می‌رود"]


def test_bad_utf8_is_one_line_with_its_line_and_exit_2(tmp_path, capsys):
    en = write(tmp_path / "en.txt", EN)
    fa = tmp_path / "fa.txt"
    fa.write_bytes("نفت\n\n".encode() + "نفت".encode("cp1256") + b"\n")
    assert main(["align", "--segmented", str(fa), en]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"tmkit: error: {fa}:3:1: not UTF-8 (byte 0xe4) (save the file as UTF-8)\n"


def test_fixes_apply_to_the_lines_of_the_file(tmp_path):
    fixes = tmp_path / "fixes.tsv"
    fixes.write_text("wrong\tright\treason\tline\nپایان\tآغاز\ttest\t5\n", encoding="utf-8")
    document = load_segmented(write(tmp_path / "fa.txt", FA), "fa", fixes)
    assert document.paragraphs[1].segments == ("آغاز ماجرا",)


def test_eval_align_on_the_gold_segments_written_one_a_line(article_folder, tmp_path, capsys):
    gold = read_gold(article_folder.gold)
    fa = write(tmp_path / "fa.txt", [t for bead in gold for t in bead.fa])
    en = write(tmp_path / "en.txt", [t for bead in gold for t in bead.en])
    args = ["eval-align", "--gold", str(article_folder.gold), "--segmented", fa, en]
    assert main([*args, "--tgtlang", "en-GB"]) == 0
    assert "F1 1.0000" in capsys.readouterr().out
