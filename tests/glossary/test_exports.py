"""Glossary exports: the OmegaT glossary, CSV for spreadsheets, and the registry of formats."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from glossary.diff import TERM_FIELDS
from glossary.exports import (
    GLOSSARY_EXPORTERS,
    OMEGAT_HEADER,
    omegat_comment,
    write_csv,
    write_omegat_glossary,
)
from glossary.model import Glossary, GlossaryError, Term
from glossary.tbx import read_tbx


def omegat_entries(path: Path) -> list[list[str]]:
    """The entries as OmegaT 3.6's GlossaryReaderTSV reads them: '#' lines skipped, tab split."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if not line.startswith("#")]


# OmegaT glossary


def test_omegat_glossary_has_one_line_per_persian_form(tmp_path, glossary):
    path = tmp_path / "tmkit-terms.utf8"
    written = write_omegat_glossary(glossary, path)
    assert written == sum(len(term.persian_forms) for term in glossary.terms) == 23
    entries = omegat_entries(path)
    assert len(entries) == written
    assert [e[:2] for e in entries if e[1] == "peacekeeping forces"] == [
        ["نیروهای پاسدار صلح", "peacekeeping forces"],
        ["نیروهای حافظ صلح", "peacekeeping forces"],
        ["پاسداران صلح", "peacekeeping forces"],
    ]


def test_omegat_comment_carries_variants_forbidden_status_and_note(tmp_path, glossary):
    path = tmp_path / "tmkit-terms.utf8"
    write_omegat_glossary(glossary, path)
    comments = {e[0]: e[2] for e in omegat_entries(path) if len(e) == 3}
    assert comments["کشورهای ساحلی"] == (
        "allowed: littoral state | forbidden: riparian states; shore states"
    )
    assert comments["پیمان کشورهای مشترک‌المنافع"] == (
        "forbidden: Commonwealth pact | status: proposed | "
        "note: Only once in the article; check the usual English name."
    )
    assert comments["کنفرانس امنیت و همکاری در اروپا"].startswith(
        "allowed: CSCE | forbidden: Conference on Security and Cooperation of Europe | "
        "status: deprecated | note: "
    )


def test_line_break_in_a_note_becomes_a_space_so_the_entry_stays_on_one_line(tmp_path, glossary):
    path = tmp_path / "tmkit-terms.utf8"
    write_omegat_glossary(glossary, path)
    comment = next(e[2] for e in omegat_entries(path) if e[0] == "نیروهای حافظ صلح")
    assert comment.endswith(
        "note: The article uses two Persian expressions for them: "
        "نیروهای پاسدار صلح (b74, b84) and نیروهای حافظ صلح (b102)."
    )
    assert all(len(entry) in (2, 3) for entry in omegat_entries(path))


def test_concept_with_nothing_to_comment_has_two_columns(tmp_path):
    term = Term("ceasefire", "karabakh", "آتش‌بس", "ceasefire")
    path = tmp_path / "tmkit-terms.utf8"
    write_omegat_glossary(Glossary((term,)), path)
    assert path.read_text(encoding="utf-8") == f"{OMEGAT_HEADER}\nآتش‌بس\tceasefire\n"
    assert omegat_comment(term) == ""


def test_omegat_glossary_is_utf8_without_bom_with_lf_line_ends(tmp_path, glossary):
    path = tmp_path / "tmkit-terms.utf8"
    write_omegat_glossary(glossary, path)
    data = path.read_bytes()
    assert data.startswith(b"# Persian term\tEnglish term\t")
    assert b"\r" not in data and data.endswith(b"\n")
    assert "لوک‌اویل\tLUKoil".encode() in data  # ZWNJ kept


def test_tab_inside_a_value_does_not_make_a_column(tmp_path):
    term = Term("ceasefire", "karabakh", "آتش‌بس", "ceasefire", note="b102:\tآتش بس")
    path = tmp_path / "tmkit-terms.utf8"
    write_omegat_glossary(Glossary((term,)), path)
    assert omegat_entries(path) == [["آتش‌بس", "ceasefire", "note: b102: آتش بس"]]


# CSV


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_csv_starts_with_a_bom_so_excel_reads_utf8(tmp_path, glossary):
    path = tmp_path / "terms.csv"
    write_csv(glossary, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,domain,fa,fa_variants,en,")


def test_csv_has_a_header_and_every_field_of_every_concept(tmp_path, glossary):
    path = tmp_path / "terms.csv"
    assert write_csv(glossary, path) == len(glossary.terms)
    rows = read_csv(path)
    assert rows[0] == list(TERM_FIELDS)
    assert set(TERM_FIELDS) == {
        "id", "domain", "fa", "fa_variants", "en", "en_variants", "forbidden", "pos",
        "status", "note", "source", "case_sensitive",
    }  # fmt: skip
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["id"] for r in records] == [t.id for t in glossary.terms]
    peacekeeping = records[4]
    assert peacekeeping["fa_variants"] == "نیروهای حافظ صلح; پاسداران صلح"
    assert peacekeeping["forbidden"] == "peace guards; peace-guarding forces"
    assert peacekeeping["note"] == glossary.terms[4].note  # its line break kept, quoted
    assert peacekeeping["source"] == "TRANSLATOR-NOTES.md & gold.tsv"
    assert (records[5]["id"], records[5]["case_sensitive"]) == ("minsk-group", "yes")
    assert (records[8]["status"], records[8]["case_sensitive"]) == ("proposed", "no")


def test_csv_is_rfc_4180_crlf_with_quoted_line_breaks(tmp_path, glossary):
    path = tmp_path / "terms.csv"
    write_csv(glossary, path)
    data = path.read_bytes().decode("utf-8-sig")
    assert data.count("\r\n") == len(glossary.terms) + 1
    assert '"The article uses two Persian expressions for them:\nنیروهای' in data
    assert next(csv.reader(io.StringIO(data.splitlines()[2])))[9] == (
        'b46: "the legal status of the Caspian Sea has not yet been determined".'
    )


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+1", "-ha", "@SUM(A1)"])
def test_csv_value_that_excel_would_run_as_a_formula_is_kept_as_text(tmp_path, value):
    term = Term("ceasefire", "karabakh", "آتش‌بس", "ceasefire", note=value)
    path = tmp_path / "terms.csv"
    write_csv(Glossary((term,)), path)
    assert read_csv(path)[1][TERM_FIELDS.index("note")] == f"'{value}"


def test_unwritable_folder_is_a_glossary_error(tmp_path, glossary):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(GlossaryError, match="cannot write"):
        write_csv(glossary, blocker / "terms.csv")


# Registry


def test_registry_names_formats_and_suffixes():
    assert {name: e.suffix for name, e in GLOSSARY_EXPORTERS.items()} == {
        "tbx": ".tbx",
        "tbx2": ".tbx",
        "omegat": ".utf8",
        "csv": ".csv",
    }
    assert all(name == e.name and e.summary for name, e in GLOSSARY_EXPORTERS.items())


@pytest.mark.parametrize("name", sorted(GLOSSARY_EXPORTERS))
def test_every_exporter_writes_the_same_bytes_twice(tmp_path, glossary, name):
    exporter = GLOSSARY_EXPORTERS[name]
    first, second = tmp_path / f"a{exporter.suffix}", tmp_path / f"b{exporter.suffix}"
    assert exporter.write(glossary, first) > 0
    exporter.write(glossary, second)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", ["tbx", "tbx2"])
def test_tbx_exporters_read_back_as_the_glossary(tmp_path, glossary, name):
    path = tmp_path / "terms.tbx"
    GLOSSARY_EXPORTERS[name].write(glossary, path)
    assert read_tbx(path) == glossary
