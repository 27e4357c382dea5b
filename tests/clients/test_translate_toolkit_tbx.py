"""translate-toolkit (a test oracle, GPL-3.0, never imported at run time) reads our TBX back.

translate-toolkit reads TBX 2008 only (``<martif>``, ``<termEntry>``, ``<langSet>``): these tests
use the form :func:`glossary.tbx.write_tbx` writes with ``version=2``.
"""

from __future__ import annotations

import pytest

from glossary.model import Domain, Glossary, Status, Term
from glossary.tbx import read_tbx, write_tbx

pytestmark = pytest.mark.clients

GLOSSARY = Glossary(
    (
        Term("caspian-legal-regime", "caspian", "رژیم حقوقی دریای خزر", "legal regime of the Caspian Sea", fa_variants=("رژیم حقوقی خزر",), en_variants=("Caspian legal regime",), forbidden=("juridical regime of the Caspian Sea",), pos="noun", note="رژیم حقوقی = legal regime, وضعیت حقوقی = legal status.", source="article p8"),
        Term("peacekeeping-forces", "karabakh", "نیروهای پاسدار صلح", "peacekeeping forces", fa_variants=("نیروهای حافظ صلح",), forbidden=("peace guards",), note="Two Persian expressions & one English term."),
        Term("minsk-group", "karabakh", "گروه مینسک", "Minsk Group", case_sensitive=True),
        Term("csce", "karabakh", "کنفرانس امنیت و همکاری در اروپا", "Conference on Security and Co-operation in Europe", status=Status.DEPRECATED, en_variants=("CSCE",)),
        Term("oil-cartels", "energy", "کارتل‌های نفتی", "oil cartels", status=Status.PROPOSED),
    ),
    (Domain("caspian", "Legal regime of the Caspian Sea"), Domain("karabakh", "Nagorno-Karabakh conflict"), Domain("energy", "Oil, pipelines and companies")),
)  # fmt: skip


def test_translate_toolkit_reads_our_concepts_terms_and_notes(tmp_path):
    from translate.storage import tbx  # GPL-3.0: only ever imported by this test

    path = tmp_path / "terms.tbx"
    write_tbx(GLOSSARY, path, version=2)
    store = tbx.tbxfile.parsefile(str(path))
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (t.id, t.fa, t.en) for t in GLOSSARY.terms
    ]
    notes = [u.getnotes() for u in store.units]
    assert notes[0] == "رژیم حقوقی = legal regime, وضعیت حقوقی = legal status."
    assert notes[1] == "Two Persian expressions & one English term."


def test_we_read_what_translate_toolkit_writes(tmp_path):
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage="fa", targetlanguage="en")
    for term in GLOSSARY.terms:
        unit = store.addsourceunit(term.fa)
        unit.target = term.en
        unit.setid(term.id)
        if term.note:
            unit.addnote(term.note)
    path = tmp_path / "toolkit.tbx"
    store.savefile(str(path))  # with a DOCTYPE naming an external DTD, never loaded
    assert read_tbx(path) == Glossary(
        tuple(Term(t.id, "", t.fa, t.en, note=t.note) for t in GLOSSARY.terms)
    )
