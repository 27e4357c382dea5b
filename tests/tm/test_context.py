"""A translation bound to a context (OmegaT's alternative translations, Trados's x-Context,
memoQ's x-context-pre/-post) is not a second translation of its source: merge keeps it beside
the default one whatever --on-conflict says, and check does not call it inconsistent."""

import json
from pathlib import Path

from glossary.model import bundled_glossary_path
from tm.cli import main
from tm.dedupe import merge_tmx
from tm.tmx import read_tmx

DATA = Path(__file__).parents[1] / "data" / "tmx"
PROJECT_SAVE = DATA / "omegat-project-save.tmx"  # OmegaT: default بله → Yes, Indeed, Right
TRADOS = DATA / "trados-context.tmx"  # بله: Yes in one context, Indeed and Right in another
DATE = "20250101T000000Z"


def test_omegat_alternatives_carry_their_context():
    contexts = {u.target: u.context for u in read_tmx(PROJECT_SAVE)}
    assert contexts["Yes"] == contexts["Crude oil"] == ""  # default translations
    assert contexts["Indeed"] == "file=doc1.docx\nprev=سؤال؟\nnext=ادامه"
    assert contexts["Right"] == "file=doc2.docx\nid=para_12"


def test_merge_newest_keeps_the_default_translation_beside_its_alternatives(tmp_path):
    output = tmp_path / "merged.tmx"
    for policy in ("newest", "first", "keep-all"):
        report = merge_tmx([PROJECT_SAVE], output, creationdate=DATE, on_conflict=policy)
        assert report.conflicts == ()
        assert [u.target for u in read_tmx(output) if u.source == "بله"] == [
            "Yes",
            "Indeed",
            "Right",
        ]


def test_a_conflict_within_one_context_is_still_one(tmp_path):
    output = tmp_path / "merged.tmx"
    report = merge_tmx([TRADOS], output, creationdate=DATE, on_conflict="newest")
    assert [c.targets for c in report.conflicts] == [("Indeed", "Right")]
    assert [u.target for u in read_tmx(output)] == ["Yes", "Right"]


def check(path: Path, capsys) -> dict[str, str]:
    main(["check", "--tmx", str(path), "--glossary", str(bundled_glossary_path()),
          "--format", "json"])  # fmt: skip
    findings = json.loads(capsys.readouterr().out)
    return {f["tuid"]: f["message"] for f in findings if f["rule"] == "inconsistent-translation"}


def test_check_finds_no_inconsistency_between_contexts(capsys):
    assert check(PROJECT_SAVE, capsys) == {}
    # Trados: Indeed and Right share a context; Yes is another context's
    assert check(TRADOS, capsys) == {
        "trados-context:2": "the same source is translated differently in trados-context:3",
        "trados-context:3": "the same source is translated differently in trados-context:2",
    }


def test_memoq_context_props_are_a_context_too(tmp_path):
    memoq = tmp_path / "memoq.tmx"
    memoq.write_text(
        PROJECT_SAVE.read_text(encoding="utf-8").replace(
            '<prop type="file">doc1.docx</prop>\n      <prop type="prev">سؤال؟</prop>\n'
            '      <prop type="next">ادامه</prop>',
            '<prop type="x-context-pre">سؤال؟</prop><prop type="x-context-post">ادامه</prop>',
        ),
        encoding="utf-8",
    )
    contexts = {u.target: u.context for u in read_tmx(memoq)}
    assert contexts["Indeed"] == "x-context-pre=سؤال؟\nx-context-post=ادامه"
