"""The reviewed fixes file: format, exact application, and errors that keep it from rotting."""

import pytest

from corpus.errors import CorpusError
from corpus.fixes import apply_fixes, read_fixes
from corpus.normalize import matching_key
from corpus.textfile import read_text

HEADER = "wrong\tright\treason\tline\n"
RAW = "حفظ اتحصار انتقال نفت به روییه\nو روییه تظر دارد\n"


def fixes_file(tmp_path, rows: str):
    path = tmp_path / "fa.fixes.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_fix_applies_on_its_line_only(tmp_path):
    path = fixes_file(tmp_path, "روییه\tروسیه\tOCR: س read as ی\t1\nتظر\tنظر\tOCR\t\n")
    assert (
        apply_fixes(RAW, read_fixes(path)) == "حفظ اتحصار انتقال نفت به روسیه\nو روییه نظر دارد\n"
    )


def test_comments_and_blank_lines_are_ignored(tmp_path):
    path = fixes_file(tmp_path, "# a comment\n\nتظر\tنظر\tOCR\n")
    assert [fix.wrong for fix in read_fixes(path)] == ["تظر"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        pytest.param(
            "روییه\tروسیه\tOCR\n",
            "fa.fixes.tsv:2: fix 'روییه' matches 2 times in the document (give the line, or more context)",
            id="ambiguous",
        ),
        pytest.param(
            "روسیه\tروسیه‌ای\tOCR\t2\n",
            "fa.fixes.tsv:2: fix 'روسیه' does not match in line 2 (update or remove the fix)",
            id="stale",
        ),
        pytest.param(
            "اتحصار انتقال\tانحصار انتقال\tOCR\nانتقال نفت\tانتقال‌نفت\tspacing\n",
            "fa.fixes.tsv:3: fix 'انتقال نفت' overlaps fix 'اتحصار انتقال' (line 2)",
            id="overlap",
        ),
        pytest.param(
            "تظر\tنظر\tOCR\t9\n",
            "fa.fixes.tsv:2: line 9 is past the end of the document (3 lines)",
            id="past-the-end",
        ),
    ],
)
def test_fix_that_does_not_apply_exactly_once_is_an_error(tmp_path, rows, message):
    path = fixes_file(tmp_path, rows)
    with pytest.raises(CorpusError) as error:
        apply_fixes(RAW, read_fixes(path), str(path))
    assert str(error.value) == f"{tmp_path}/{message}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("from\tto\n", "fa.fixes.tsv:1: bad header", id="header"),
        pytest.param(HEADER + "تظر\tنظر\n", "fa.fixes.tsv:2: expected 3 to 5", id="cells"),
        pytest.param(
            HEADER + "تظر\tنظر\tOCR\t2\tconjecture\tx\n",
            "fa.fixes.tsv:2: expected 3 to 5",
            id="six-cells",
        ),
        pytest.param(HEADER + "\tنظر\tOCR\n", "fa.fixes.tsv:2: empty 'wrong' cell", id="wrong"),
        pytest.param(HEADER + "تظر\tنظر\t \n", "fa.fixes.tsv:2: empty 'reason' cell", id="reason"),
        pytest.param(HEADER + "تظر\tنظر\tOCR\tdو\n", "fa.fixes.tsv:2: bad line number", id="line"),
        pytest.param(
            HEADER + "تظر\tتظر\tOCR\n", "fa.fixes.tsv:2: 'wrong' equals 'right'", id="same"
        ),
    ],
)
def test_bad_row_error_names_the_row(tmp_path, content, message):
    path = tmp_path / "fa.fixes.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_fixes(path)
    assert str(error.value).startswith(f"{tmp_path}/{message}")


def test_a_conjecture_is_a_fix_of_kind_conjecture_that_can_be_left_out(tmp_path):
    path = fixes_file(
        tmp_path,
        "روییه\tروسیه\tOCR: س read as ی\t1\n"
        "تظر\tنظر\tgarbled; the likeliest reading\t2\tconjecture\n"
        "اتحصار\tانحصار\tOCR\t\t\n",
    )
    fixes = read_fixes(path)
    assert [(fix.wrong, fix.line, fix.conjecture) for fix in fixes] == [
        ("روییه", 1, False),
        ("تظر", 2, True),
        ("اتحصار", None, False),
    ]
    assert apply_fixes(RAW, fixes) == "حفظ انحصار انتقال نفت به روسیه\nو روییه نظر دارد\n"
    kept = read_fixes(path, conjectures=False)
    assert [fix.wrong for fix in kept] == ["روییه", "اتحصار"]
    assert apply_fixes(RAW, kept) == "حفظ انحصار انتقال نفت به روسیه\nو روییه تظر دارد\n"


def test_a_file_of_three_or_four_columns_reads_as_before(tmp_path):
    path = tmp_path / "fa.fixes.tsv"
    path.write_text("wrong\tright\treason\nتظر\tنظر\tOCR\n", encoding="utf-8")
    assert read_fixes(path) == read_fixes(path, conjectures=False)
    assert [(f.wrong, f.line, f.conjecture) for f in read_fixes(path)] == [("تظر", None, False)]


def test_an_unknown_kind_is_an_error_naming_the_row_even_when_conjectures_are_left_out(tmp_path):
    path = fixes_file(tmp_path, "تظر\tنظر\tOCR\t2\tguess\n")
    for conjectures in (True, False):
        with pytest.raises(CorpusError) as error:
            read_fixes(path, conjectures=conjectures)
        assert str(error.value) == (
            f"{path}:2: unknown kind 'guess' (leave it empty for a correction, or write conjecture)"
        )


def test_the_bundled_conjectures_are_marked_and_say_so(article_folder):
    fixes = read_fixes(article_folder.fixes)
    conjectures = [fix for fix in fixes if fix.conjecture]
    assert len(conjectures) >= 5
    assert all("conjecture" in fix.reason for fix in conjectures), conjectures
    assert not any("conjecture" in fix.reason for fix in fixes if not fix.conjecture)
    assert read_fixes(article_folder.fixes, conjectures=False) == [
        fix for fix in fixes if not fix.conjecture
    ]


def test_every_bundled_fix_is_applied(article_folder, article_text):
    raw = read_text(article_folder.raw)
    fixes = read_fixes(article_folder.fixes)
    assert len(fixes) >= 70
    fixed = apply_fixes(raw, fixes)
    clean_key = matching_key(article_text)
    for fix in fixes:
        assert fix.wrong not in fixed.split("\n")[fix.line - 1], fix
        assert matching_key(fix.right) in clean_key, fix


def test_fixes_are_line_scoped_and_reasoned(article_folder):
    for fix in read_fixes(article_folder.fixes):
        assert fix.line is not None and len(fix.reason) > 5, fix


def test_a_long_cell_is_read_and_one_over_the_limit_is_one_error_naming_the_line(tmp_path):
    from corpus.textfile import CELL_LIMIT

    reason = "x" * 200_000  # over Python csv's own limit (131,072)
    path = fixes_file(tmp_path, f"روییه\tروسیه\t{reason}\t1\n")
    assert read_fixes(path)[0].reason == reason
    path = fixes_file(tmp_path, f"# a comment\nروییه\tروسیه\t{'x' * (CELL_LIMIT + 1)}\n")
    with pytest.raises(CorpusError) as error:
        read_fixes(path)
    assert str(error.value) == (
        f"{path}:3: a cell longer than {CELL_LIMIT:,} characters (split or shorten the cell)"
    )


def test_without_conjectures_the_raw_text_goes_through_the_cleanup_like_any_other(tmp_path):
    """A conjecture's wrong text with a caret-and-digit token: left out, the token is read as
    a footnote marker (removed, with a warning), as README "Fixes" says."""
    from corpus.pipeline import load_document

    raw = tmp_path / "doc.txt"
    raw.write_text("عنوان\n\nاین ^۰ سند را دیدیم.\n", encoding="utf-8")
    path = fixes_file(tmp_path, "^۰ سند\tاین سند\tgarbled; the likeliest reading\t3\tconjecture\n")
    path.write_text(HEADER.replace("\n", "\tkind\n") + path.read_text("utf-8")[len(HEADER) :])
    applied = load_document(raw, "fa", path, conjectures=True)
    left = load_document(raw, "fa", path, conjectures=False)
    assert "این این سند را دیدیم." in [p.text for p in applied.paragraphs]
    assert "این سند را دیدیم." in [p.text for p in left.paragraphs]  # the marker removed
    assert any("footnote marker ۰ has no footnote" in w for w in left.warnings)


def test_conjectures_and_no_conjectures_together_are_refused(capsys):
    from tm.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["clean", "x.txt", "--conjectures", "--no-conjectures"])
    assert caught.value.code == 2
    assert "--no-conjectures: not allowed with argument --conjectures" in capsys.readouterr().err
