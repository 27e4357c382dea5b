"""LibreOffice Calc, a real spreadsheet program, opens the glossary workbook with its Persian intact."""

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

PROGRAM = Path("/usr/lib/libreoffice/program")
pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(
        shutil.which("soffice") is None or not (PROGRAM / "libsclo.so").exists(),
        reason="LibreOffice Calc is not installed (tox -e clients installs libreoffice-calc-nogui "
        "through tests/clients/install-clients.sh when run as root on Debian)",
    ),
]
WORKBOOK = Path(__file__).parents[2] / "glossary" / "terms.xlsx"


@pytest.mark.skipif(not WORKBOOK.exists(), reason="glossary/terms.xlsx is not built yet")
def test_libreoffice_converts_the_terms_sheet_with_persian_intact(tmp_path):
    from glossary.workbook import load_glossary

    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(WORKBOOK)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader((tmp_path / "terms.csv").open(encoding="utf-8")))
    glossary = load_glossary(WORKBOOK)
    persian = {row[2] for row in rows[1:] if len(row) > 2}
    assert {term.fa for term in glossary.terms} <= persian
    assert "دریای خزر" in "".join(persian)
