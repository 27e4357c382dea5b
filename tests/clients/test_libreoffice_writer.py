"""A Word file written by LibreOffice Writer, a real word processor, reads as its text does."""

import html
import shutil
import subprocess
from pathlib import Path

import pytest

from corpus.document import Kind
from corpus.pipeline import load_document, segment_document

PROGRAM = Path("/usr/lib/libreoffice/program")
pytestmark = [
    pytest.mark.clients,
    pytest.mark.skipif(
        shutil.which("soffice") is None or not (PROGRAM / "libswlo.so").exists(),
        reason="LibreOffice Writer is not installed (tox -e clients installs "
        "libreoffice-writer-nogui through tests/clients/install-clients.sh as root on Debian)",
    ),
]
TAGS = {Kind.TITLE: "h1", Kind.HEADING: "h2", Kind.LIST_ITEM: "li"}


def test_a_docx_saved_by_writer_gives_the_segments_of_the_text(article, tmp_path):
    body = []
    for block in article.paragraphs:
        tag = TAGS.get(block.kind, "p")
        item = f"<{tag}>{html.escape(block.text)}</{tag}>"
        body.append(f"<ul>{item}</ul>" if tag == "li" else item)
    page = tmp_path / "article.html"
    page.write_text(
        '<html lang="fa" dir="rtl"><head><meta charset="utf-8"></head><body>'
        + "\n".join(body)
        + "</body></html>",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path), str(page)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    docx = tmp_path / "article.docx"
    assert result.returncode == 0 and docx.exists(), result.stderr or result.stdout
    from_word = load_document(docx, "fa-IR")
    # Writer's Heading 1, opening the document, is its title; the author line is a paragraph
    assert [(b.kind, b.text) for b in from_word.paragraphs] == [
        (Kind.BODY if b.kind is Kind.AUTHOR else b.kind, b.text) for b in article.paragraphs
    ]
    words = [s.text for s in segment_document(from_word, "fa-IR")]
    text = [s.text for s in segment_document(article, "fa-IR") if s.kind is not Kind.FOOTNOTE]
    assert words == text
