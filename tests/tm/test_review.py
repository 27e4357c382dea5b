"""The review page's generator, the corrections file and the build that keeps reviewed beads
(tm/review.py, tm/reviewpage.py, corpus/reviewed.py); the page in a real browser is tested
in tests/browser."""

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest
from lxml import html

from corpus.document import Kind, Segment
from corpus.errors import CorpusError
from corpus.reviewed import read_reviewed
from glossary.checks import Finding, Severity
from glossary.match import Matcher
from glossary.model import Glossary, Term
from tm.align import AlignedBead, align_segments
from tm.build import build
from tm.cli import main
from tm.project import OUTPUT_NAMES, REVIEW_FOLDER, REVIEW_INDEX, open_project
from tm.reviewpage import PageBead, ReviewDocument, review_page
from tm.status import project_status

ARTICLE = "caucasus-oil-policy"


def segment(n, text, kind=Kind.BODY, block="p1", notes=()):
    return Segment(f"{block}.s{n}", block, kind, text, notes)


HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> </td>'


def small_document(**changes):
    source = (
        segment(1, "سیاست‌های نفتی", Kind.TITLE, "p1"),
        segment(1, f"لوله BTC از باکو (Baku) در سال ۲۰۰۶ {HOSTILE}", block="p2", notes=("fn1",)),
        segment(1, "یادداشت نویسنده", Kind.FOOTNOTE, "fn1"),
    )
    target = (
        segment(1, "Oil policies", Kind.TITLE, "p1"),
        segment(1, f"The BTC pipeline from Baku in 2006 {HOSTILE}", block="p2", notes=("fn1",)),
        segment(1, "The author's note", Kind.FOOTNOTE, "fn1"),
    )
    beads = (
        PageBead((0,), (0,), 0.99),
        PageBead((1,), (1,), 0.31, "numbers differ (1 on one side only)"),
        PageBead((2,), (2,), 0.9),
    )
    finding = Finding("number-mismatch", Severity.ERROR, "d:b2", "", "", message="2006 ≠ 2007")
    values = {"id": "d<1>", "source": source, "target": target, "beads": beads,
              "findings": {1: [finding]}}  # fmt: skip
    values.update(changes)
    return ReviewDocument(**values)


GLOSSARY = Glossary((Term("baku", "places", "باکو", "Baku"),))


@pytest.fixture(scope="module")
def page():
    text = review_page(small_document(), Matcher(GLOSSARY))
    return text, html.document_fromstring(text)


def test_segment_text_is_escaped_never_markup(page):
    text, tree = page
    assert "<script>alert" not in text and "<img" not in text
    (script,) = tree.xpath("//script")  # the page's own, and no other
    assert "alert" not in script.text
    assert not tree.xpath("//img") and not tree.xpath("//*[@onerror]")
    spans = tree.xpath("//td[contains(@class,'side')]/span[@class='segment']")
    texts = [span.text_content() for span in spans]
    assert f"لوله BTC از باکو (Baku) در سال ۲۰۰۶ {HOSTILE}" in texts
    assert f"The BTC pipeline from Baku in 2006 {HOSTILE}" in texts
    assert tree.xpath("//h1/bdi")[0].text == "d<1>"


def test_the_policy_allows_only_the_pages_own_script_and_style(page):
    text, tree = page
    (policy,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    script = tree.xpath("//script")[0].text
    style = tree.xpath("//style")[0].text

    def digest(value):
        return base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()

    assert f"script-src 'sha256-{digest(script)}'" in policy
    assert f"style-src 'sha256-{digest(style)}'" in policy
    assert "default-src 'none'" in policy and "unsafe" not in policy
    assert not re.search(r"\s(src|href)=\"(https?:)?//", text)  # nothing loaded from elsewhere
    assert not tree.xpath("//*[@style]")  # style attributes would need 'unsafe-hashes'


def test_sides_directions_terms_findings_headings_and_footnotes(page):
    _, tree = page
    rows = tree.xpath("//tr[contains(@class,'bead')]")
    assert [row.get("id") for row in rows] == ["b1", "b2", "b3"]
    fa = rows[1].xpath("td[contains(@class,'fa')]")[0]
    en = rows[1].xpath("td[contains(@class,'en')]")[0]
    assert (fa.get("lang"), fa.get("dir"), en.get("lang"), en.get("dir")) == (
        "fa",
        "rtl",
        "en",
        "ltr",
    )
    assert [b.text_content() for b in fa.xpath(".//bdi")][:2] == ["BTC", "Baku"]
    assert all(b.get("dir") == "ltr" for b in fa.xpath(".//bdi"))
    (mark,) = fa.xpath(".//mark")
    assert (mark.text, mark.get("data-concept")) == ("باکو", "baku")
    assert "باکو = Baku" in mark.get("title")
    assert en.xpath(".//mark")[0].text_content() == "Baku"
    assert "flagged" in rows[1].get("class") and "has-findings" in rows[1].get("class")
    assert "numbers differ" in rows[1].xpath(".//*[@class='reason']")[0].text
    (finding,) = rows[1].xpath(".//li[contains(@class,'finding')]")
    assert finding.get("data-rule") == "number-mismatch" and "2006 ≠ 2007" in finding.text_content()
    assert rows[0].xpath("td[contains(@class,'fa')]/h2/span")[0].text == "سیاست‌های نفتی"
    assert rows[2].get("data-part") == "notes"
    assert tree.xpath("//tr[@class='part']/th")[0].text == "Footnotes"
    ref = fa.xpath(".//sup[@class='ref']/a")[0]
    assert (ref.text, ref.get("href")) == ("۱", "#note-fa-fn1")  # Persian digits on the fa side
    assert tree.xpath("//span[@id='note-fa-fn1']")[0].text == "یادداشت نویسنده"


def test_zwnj_and_text_are_kept_exactly(page):
    _, tree = page
    title = tree.xpath("//tr[@id='b1']//span[@class='segment']")[0].text_content()
    assert title == "سیاست‌های نفتی" and "\u200c" in title


def test_a_tmx_page_offers_no_corrections():
    text = review_page(small_document(correctable=False))
    tree = html.document_fromstring(text)
    assert tree.body.get("data-correctable") == "no"
    assert not tree.xpath("//button[@id='export']")


# ---- the aligner's fixed beads ------------------------------------------------------------


def test_segments_between_fixed_beads_are_aligned_among_themselves(article_segments):
    source, target = article_segments
    free = align_segments(source, target).beads
    # the reviewer says Persian segment 11 goes with English 11 and 12 (the aligner paired 12
    # with Persian 12): everything before stays before, everything after is aligned after
    fixed = AlignedBead((10,), (10, 11), 1.0, (), review="edited")
    beads = align_segments(source, target, fixed=[fixed]).beads
    assert fixed in beads
    at = beads.index(fixed)
    assert all(max((*b.source, -1)) < 10 and max((*b.target, -1)) < 10 for b in beads[:at])
    assert all(min((*b.source, 999)) > 10 and min((*b.target, 999)) > 11 for b in beads[at + 1 :])
    assert beads[:at] == free[:at]
    covered = sorted(i for b in beads for i in b.source), sorted(j for b in beads for j in b.target)
    assert covered == (list(range(len(source))), list(range(len(target))))


def test_crossing_fixed_beads_are_refused(article_segments):
    source, target = article_segments
    crossing = [AlignedBead((3,), (5,), 1.0, review="confirmed"),
                AlignedBead((4,), (4,), 1.0, review="confirmed")]  # fmt: skip
    with pytest.raises(ValueError, match="cross"):
        align_segments(source, target, fixed=crossing)


@pytest.fixture(scope="session")
def article_segments(article_folder):
    from corpus.pipeline import load_document, segment_document

    fa = load_document(article_folder.raw, "fa-IR", article_folder.fixes)
    en = load_document(article_folder.english, "en-GB")
    return segment_document(fa, "fa-IR"), segment_document(en, "en-GB")


# ---- the build, the corrections and tmkit review apply ------------------------------------


@pytest.fixture
def example(tmp_path):
    root = tmp_path / "project"
    assert main(["init", "--example", str(root)]) == 0
    return open_project(root)


def corrections(document, beads):
    return {"tmkit": "review", "format": 1, "document": document, "beads": beads}


def side(segments, indices):
    return [{"index": i, "text": segments[i].text} for i in indices]


def test_build_writes_a_page_per_pair_and_an_index(example):
    build(example, jobs=1)
    # tm.project's names of what the build writes are the names it writes: no pair takes them
    pairs = {pair.id for pair in example.pairs()}
    assert {p.name for p in example.out.iterdir()} - pairs == OUTPUT_NAMES
    assert {p.name for p in (example.out / REVIEW_FOLDER).iterdir()} == {
        REVIEW_INDEX,
        *(f"{pair}.html" for pair in pairs),
    }
    page = (example.out / "review" / f"{ARTICLE}.html").read_text(encoding="utf-8")
    tree = html.document_fromstring(page)
    assert len(tree.xpath("//tr[contains(@class,'bead')]")) == 144
    index = html.document_fromstring((example.out / "review" / "index.html").read_text("utf-8"))
    assert index.xpath("//a/@href") == [f"{ARTICLE}.html"]
    assert not index.xpath("//script")


def test_a_build_that_changes_nothing_does_not_check_the_tm_again_for_its_pages(
    example, monkeypatch
):
    import tm.build

    calls = []
    write = tm.build.write_review_pages
    monkeypatch.setattr(
        tm.build, "write_review_pages", lambda *a, **k: calls.append(write(*a, **k))
    )
    build(example, jobs=1)
    build(example, jobs=1)  # nothing changed: the pages are those of the previous build
    assert len(calls) == 1
    (example.out / "review" / f"{ARTICLE}.html").unlink()
    build(example, jobs=1)  # a page missing: written again
    assert len(calls) == 2 and (example.out / "review" / f"{ARTICLE}.html").is_file()
    glossary = example.glossary
    glossary.write_bytes(glossary.read_bytes())  # the same bytes: still nothing changed
    build(example, jobs=1)
    assert len(calls) == 2
    build(example, jobs=1, reuse=False)  # --full: everything again
    assert len(calls) == 3


def test_applied_corrections_are_kept_by_the_next_build(example, tmp_path, capsys):
    build(example, jobs=1)
    cached = json.loads((example.root / ".tmkit/cache" / f"{ARTICLE}.json").read_text("utf-8"))
    source = [Segment(**s) for s in cached["source"]]
    target = [Segment(**s) for s in cached["target"]]
    flagged = next(n for n, b in enumerate(cached["beads"]) if b["flag"])
    weak = cached["beads"][flagged]
    a, b = cached["beads"][20], cached["beads"][21]
    made = tmp_path / "c.json"
    made.write_text(json.dumps(corrections(ARTICLE, [
        {"status": "confirmed", "source": side(source, weak["source_segments"]),
         "target": side(target, weak["target_segments"])},
        {"status": "edited", "source": side(source, a["source_segments"] + b["source_segments"]),
         "target": side(target, a["target_segments"] + b["target_segments"])},
        {"status": "wrong", "source": side(source, cached["beads"][5]["source_segments"]),
         "target": side(target, cached["beads"][5]["target_segments"])},
    ])), encoding="utf-8")  # fmt: skip
    root = ["--project", str(example.root)]
    assert main(["review", "apply", str(made), *root]) == 0
    assert "recorded 3 reviewed beads" in capsys.readouterr().out
    recorded = read_reviewed(example.texts / ARTICLE / "reviewed.json")
    assert sorted(bead.status for bead in recorded.beads) == ["confirmed", "edited", "wrong"]
    assert [bead.source for bead in recorded.beads] == sorted(b.source for b in recorded.beads)
    (pair,) = project_status(example).pairs
    assert pair.state == "changed: reviewed.json"

    report = build(example, jobs=1)
    assert report.aligned == 1  # the new input invalidated the pair's cache entry
    beads = json.loads((example.root / ".tmkit/cache" / f"{ARTICLE}.json").read_text("utf-8"))
    by_segments = {(tuple(x["source_segments"]), tuple(x["target_segments"])): x
                   for x in beads["beads"]}  # fmt: skip
    kept = by_segments[(tuple(weak["source_segments"]), tuple(weak["target_segments"]))]
    assert (kept["confidence"], kept["flag"], kept["review"]) == (1.0, "", "confirmed")
    key = (tuple(a["source_segments"] + b["source_segments"]),
           tuple(a["target_segments"] + b["target_segments"]))  # fmt: skip
    assert by_segments[key]["review"] == "edited" and by_segments[key]["shape"] == "2-2"
    wrong = by_segments[(tuple(cached["beads"][5]["source_segments"]),
                         tuple(cached["beads"][5]["target_segments"]))]  # fmt: skip
    assert wrong["flag"] == "marked wrong in review"
    tmx = (example.out / "tm.fa-en.tmx").read_text(encoding="utf-8")
    assert source[cached["beads"][5]["source_segments"][0]].text not in tmx  # out of the TMX
    assert source[weak["source_segments"][0]].text.split()[0] in tmx
    page = html.document_fromstring((example.out / "review" / f"{ARTICLE}.html").read_text("utf-8"))
    assert len(page.xpath("//tr[contains(@class,'reviewed-confirmed')]")) == 1
    assert build(example, jobs=1).aligned == 0


def test_a_stale_corrections_file_is_refused_in_one_line(example, tmp_path):
    build(example, jobs=1)
    made = tmp_path / "c.json"
    bead = {"status": "confirmed", "source": [{"index": 3, "text": "متنی که دیگر نیست"}],
            "target": [{"index": 3, "text": "Text that is gone."}]}  # fmt: skip
    made.write_text(json.dumps(corrections(ARTICLE, [bead])), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tm", "review", "apply", str(made), "--project", str(example.root)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert "made from another version of caucasus-oil-policy" in run.stderr
    assert "Persian segment 4" in run.stderr
    assert not (example.texts / ARTICLE / "reviewed.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not JSON"),
        ('{"beads": []}', "not a review corrections file"),
        ('{"tmkit": "review", "format": 1, "document": "d", "beads": [{"status": "maybe"}]}',
         "beads[0]: expected a status"),
        ('{"tmkit": "review", "format": 1, "document": "d", "beads": [{"status": "wrong", '
         '"source": [{"index": 1, "text": "a"}, {"index": 3, "text": "b"}], "target": []}]}',
         "not consecutive"),
        ('{"tmkit": "review", "format": 1, "document": "d", "beads": ['
         '{"status": "wrong", "source": [{"index": 1, "text": "a"}], "target": []},'
         '{"status": "confirmed", "source": [{"index": 1, "text": "a"}], "target": []}]}',
         "both hold Persian segment 2"),
    ],
)  # fmt: skip
def test_a_bad_corrections_file_is_named(tmp_path, content, message):
    path = tmp_path / "c.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=re.escape(message)) as caught:
        read_reviewed(path)
    assert str(caught.value).startswith(str(path))


def test_review_of_a_tmx_and_of_a_pair_from_the_command_line(example, tmp_path, capsys):
    root = ["--project", str(example.root)]
    assert main(["build", *root, "-j", "1"]) == 0
    out = tmp_path / "tmx.html"
    assert main(["review", "--tmx", str(example.out / "tm.fa-en.tmx"), "-o", str(out), *root]) == 0
    tree = html.document_fromstring(out.read_text(encoding="utf-8"))
    assert tree.body.get("data-correctable") == "no"
    assert len(tree.xpath("//tr[contains(@class,'bead')]")) > 100
    assert tree.xpath("//mark[@data-concept]")
    one = tmp_path / "one.html"
    assert main(["review", ARTICLE, "-o", str(one), *root]) == 0
    assert one.read_bytes() == (example.out / "review" / f"{ARTICLE}.html").read_bytes()
    capsys.readouterr()
    assert main(["review", "no-such-pair", *root]) == 2
    assert "no document pair 'no-such-pair'" in capsys.readouterr().err


# ---- a TMX's page: tuids, inline codes, bidi controls --------------------------------------

CODED_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence"
 o-tmf="t" adminlang="en" srclang="fa" datatype="plaintext"/><body>
<tu tuid="CMU_1:1"><tuv xml:lang="fa"><seg>لوله <bpt i="1">&lt;b&gt;</bpt>باکو<ept i="1">&lt;/b&gt;</ept> است</seg></tuv>
<tuv xml:lang="en"><seg>The <bpt i="1">&lt;b&gt;</bpt>Baku<ept i="1">&lt;/b&gt;</ept> pipe<ph x="2">&lt;script&gt;alert(1)&lt;/script&gt;</ph></seg></tuv></tu>
<tu><tuv xml:lang="fa"><seg>متن دوم</seg></tuv><tuv xml:lang="en"><seg>Second \u202etext</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def coded_page(tmp_path):
    from tm.review import tmx_review
    from tm.tmx import read_tmx

    path = tmp_path / "coded.tmx"
    path.write_text(CODED_TMX, encoding="utf-8")
    text = tmx_review(list(read_tmx(path, srclang="fa")), path.name, Glossary(()))
    return text, html.document_fromstring(text)


def test_a_tmx_page_shows_each_units_own_tuid_on_its_bead(coded_page):
    _, tree = coded_page
    rows = tree.xpath("//tr[contains(@class,'bead')]")
    assert rows[0].xpath("td[@class='number']/bdi[@class='tuid']")[0].text == "CMU_1:1"
    assert "CMU_1:1" in tree.body.text_content()  # found by the browser's search
    assert not rows[1].xpath(".//*[@class='tuid']")  # a tu without a tuid: none made up


def test_a_tmx_page_shows_inline_codes_where_they_stand_as_text(coded_page):
    text, tree = coded_page
    en = tree.xpath("//tr[@id='b1']/td[contains(@class,'en')]/span[@class='segment']")[0]
    assert en.text_content() == "The ⟨1⟩Baku⟨/1⟩ pipe⟨2/⟩"
    assert en.get("data-text") == "The Baku pipe"  # what the script reads back
    codes = en.xpath("span[@class='code']")
    assert [c.get("title") for c in codes] == ["<bpt> <b>", "<ept> </b>",
                                               "<ph> <script>alert(1)</script>"]  # fmt: skip
    fa = tree.xpath("//tr[@id='b1']/td[contains(@class,'fa')]/span[@class='segment']")[0]
    assert fa.text_content() == "لوله ⟨1⟩باکو⟨/1⟩ است"
    assert len(tree.xpath("//script")) == 1 and "<script>alert" not in text


def test_bidi_controls_are_shown_and_each_segment_isolated(coded_page):
    _, tree = coded_page
    en = tree.xpath("//tr[@id='b2']/td[contains(@class,'en')]/span[@class='segment']")[0]
    (control,) = en.xpath("span[@class='control']")
    assert control.text == "⟨RLO⟩" and "U+202E" in control.get("title")
    assert "\u202e" not in en.text_content()  # shown as a token, so it reorders nothing
    assert en.get("data-text") == "Second \u202etext"  # the exact text kept for read-back
    style = tree.xpath("//style")[0].text
    assert re.search(r"span\.segment \{[^}]*unicode-bidi: isolate", style)
    (policy,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy


def test_corrections_naming_no_pair_are_refused_naming_the_file(example, tmp_path, capsys):
    made = tmp_path / "wrongid.corrections.json"
    made.write_text(json.dumps(corrections("no-such-pair", [])), encoding="utf-8")
    assert main(["review", "apply", str(made), "--project", str(example.root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"tmkit: error: {made}: ")
    assert "\"document\": no document pair 'no-such-pair'" in err


def test_corrections_without_beads_record_nothing_and_say_so(example, tmp_path, capsys):
    made = tmp_path / "empty.corrections.json"
    made.write_text(json.dumps(corrections(ARTICLE, [])), encoding="utf-8")
    assert main(["review", "apply", str(made), "--project", str(example.root)]) == 0
    captured = capsys.readouterr()
    assert f"warning: no corrections in {made}: nothing recorded" in captured.err
    assert "recorded" not in captured.out
    assert not (example.texts / ARTICLE / "reviewed.json").exists()


@pytest.mark.parametrize("name", ["index", "Index", "review", "omegat", "tm.fa-en.tmx"])
def test_a_pair_named_as_what_the_build_writes_is_refused(example, capsys, name):
    """A pair "index" would have its review page overwritten by the index (and "review",
    "omegat" … its output folder take the build's place): one line, exit 2, nothing built."""
    shutil.copytree(example.texts / ARTICLE, example.texts / name)
    assert main(["build", "--project", str(example.root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"tmkit: error: {example.texts / name}: a pair may not be named {name}: its output "
        "would take the place of "
    )
    assert err.endswith("(rename the pair's folder (tmkit add: give --id))\n")
    assert len(err.splitlines()) == 1 and not example.out.exists()
