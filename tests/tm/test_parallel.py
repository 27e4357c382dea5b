"""tmkit export --format parallel: splits by document, duplicates and test overlap removed and
counted, filters with their reasons, the manifest; on TICO-19's 31 real documents and the
bundled article."""

import hashlib
import json
import re
from pathlib import Path

import pytest

from tm.cli import main
from tm.filters import FILTERS, FilterSettings, rejections
from tm.parallel import SPLITS, SentencePair, assign_documents, one_line, prepare, sentence_pairs
from tm.tmx import read_tmx
from tm.unit import TranslationUnit

TICO = Path(__file__).parent.parent / "data" / "tico19" / "all.en-fa.tmx"


@pytest.fixture(scope="module")
def tico_units():
    return {u.tuid: u for u in read_tmx(TICO, srclang="fa", tgtlang="en")}


@pytest.fixture(scope="module")
def tico_export(tmp_path_factory):
    """TICO-19 exported with the defaults: (folder, manifest, pairs.jsonl's records)."""
    out = tmp_path_factory.mktemp("tico") / "mt"
    assert main(["export", "--format", "parallel", "--tmx", str(TICO), "-o", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    records = [json.loads(line) for line in (out / "pairs.jsonl").open(encoding="utf-8")]
    return out, manifest, records


def _lines(path):
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def test_no_document_is_in_two_splits(tico_export):
    out, manifest, records = tico_export
    split_of = {}
    for record in records:
        assert split_of.setdefault(record["document"], record["split"]) == record["split"]
    documents = manifest["documents"]
    assert sorted(d for split in SPLITS for d in documents[split]) == sorted(split_of)
    assert len(split_of) == 31 and all(documents[split] for split in SPLITS)
    for split in SPLITS:
        assert {split_of[d] for d in documents[split]} == {split}
        fa, en = _lines(out / f"{split}.fa"), _lines(out / f"{split}.en")
        assert len(fa) == len(en) == manifest["counts"]["written"][split] > 100
        mine = [r for r in records if r["split"] == split]
        assert [r["fa"] for r in mine] == fa and [r["en"] for r in mine] == en
        assert [r["line"] for r in mine] == list(range(1, len(fa) + 1))
    written = manifest["counts"]["written"]
    assert written["train"] > 0.7 * sum(written.values())


def test_counts_add_up_and_every_drop_is_in_rejected_jsonl(tico_export):
    out, manifest, records = tico_export
    counts = manifest["counts"]
    dropped = [json.loads(line) for line in (out / "rejected.jsonl").open(encoding="utf-8")]
    removed = sum(counts["duplicates_removed"].values()) + sum(counts["overlap_removed"].values())
    assert counts["pairs_read"] == 3071 == len(records) + len(dropped)
    assert len(dropped) == counts["rejected"]["pairs"] + removed
    assert counts["rejected"]["numbers"] == sum(
        any(r["reason"] == "numbers" for r in d["reasons"]) for d in dropped
    )
    assert all(d["reasons"] and d["fa"] and d["tuid"] for d in dropped)
    kinds = {r["reason"] for d in dropped for r in d["reasons"]}
    assert {"numbers", "duplicate", "overlap"} <= kinds
    assert manifest["source"]["signature"]["inputs"] == {
        str(TICO): "1a926f3aa09e66d6297c4c2ad8d3437a2b5462450009fd1584ac735673c7f51b"
    }
    assert manifest["command"] == f"tmkit export --format parallel --tmx {TICO} -o {out}"
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest


def test_no_training_pair_shares_a_side_with_dev_or_test(tico_export):
    from corpus.normalize import matching_key

    _, _, records = tico_export
    keys = {split: [set(), set()] for split in SPLITS}
    for record in records:
        for side, text in enumerate((record["fa"], record["en"])):
            keys[record["split"]][side].add(matching_key(text))
    for side in (0, 1):
        assert not keys["train"][side] & (keys["dev"][side] | keys["test"][side])
        assert not keys["dev"][side] & keys["test"][side]


def test_test_overlap_is_removed_from_training_and_counted(tico_units):
    """A sentence of a test document put into every other document (in place of two of its
    pairs: once its Persian, once its English, each beside a sentence of that document, so no
    document changes size or split): the copies in train and dev are dropped and counted,
    each naming the test pair; those in test stay. (No filters: a Persian sentence beside
    another's English would not pass them.)"""
    unfiltered = FilterSettings(names=())
    pairs = sentence_pairs(tico_units.values(), "tico")
    first = prepare(pairs, seed=1, settings=unfiltered)
    test_document = first.documents["test"][0]
    probe = next(p for p in pairs if p.document == test_document and len(p.en.split()) > 6)
    changed, seen = list(pairs), {}
    for number, pair in enumerate(pairs):
        if pair.document == test_document or seen.get(pair.document, 0) == 2:
            continue
        own = pairs[number - seen.get(pair.document, 0)]  # the document's first pair
        fa, en = (probe.fa, own.en) if pair.document not in seen else (own.fa, probe.en)
        changed[number] = SentencePair(f"{pair.tuid}:copy", fa, en, pair.document, "t", 0)
        seen[pair.document] = seen.get(pair.document, 0) + 1
    prepared = prepare(changed, seed=1, settings=unfiltered)
    assert prepared.documents == first.documents  # no document changed size
    split_of = {d: s for s in SPLITS for d in prepared.documents[s]}
    copies = [p for p in changed if p.tuid.endswith(":copy")]
    expected = {s: sum(split_of[p.document] == s for p in copies) for s in ("train", "dev")}
    assert expected["train"] > 20 and expected["dev"] > 0
    dropped = [d for d in prepared.dropped if d.pair.tuid.endswith(":copy")]
    assert {s: sum(d.split == s for d in dropped) for s in expected} == expected
    assert all(prepared.counts["overlap_removed"][s] >= expected[s] for s in expected)
    kept = [p for p in prepared.splits["test"] if p.tuid.endswith(":copy")]
    assert len(kept) == 2 * (len(prepared.documents["test"]) - 1)
    holders = [probe.tuid] + [p.tuid for p in kept]  # the test pairs with the probe's sides
    for d in dropped:
        assert len(d.reasons) == 1 and d.reasons[0].filter == "overlap"
        assert re.fullmatch(r"its (Persian|English) side is in test \((.+)\)", d.reasons[0].detail)
        assert d.reasons[0].detail.rsplit("(", 1)[1][:-1] in holders


def test_duplicates_within_a_split_by_matching_key(tico_units):
    unit = tico_units["PubMed_6:145"]
    assert "\u200c" in unit.source  # ذات‌الریه
    again = TranslationUnit("PubMed_6:999", unit.source.replace("\u200c", " "), unit.target,
                            document="PubMed_6")  # fmt: skip
    pairs = sentence_pairs([unit, again], "tico")
    prepared = prepare(pairs, ratios=(1, 0, 0))
    assert [p.tuid for p in prepared.splits["train"]] == ["PubMed_6:145"]
    assert prepared.counts["duplicates_removed"] == {"train": 1, "dev": 0, "test": 0}
    assert prepared.dropped[0].reasons[0].detail == "the same pair as PubMed_6:145"


def test_the_same_seed_gives_the_same_bytes_another_seed_other_splits(tico_export, tmp_path):
    out, manifest, _ = tico_export
    again = tmp_path / "again"
    arguments = ["export", "--format", "parallel", "--tmx", str(TICO), "-o"]
    assert main([*arguments, str(again)]) == 0
    for name in manifest["files"]:
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    other = tmp_path / "other"
    assert main([*arguments, str(other), "--seed", "7"]) == 0
    theirs = json.loads((other / "manifest.json").read_text(encoding="utf-8"))
    assert theirs["documents"] != manifest["documents"] and theirs["options"]["seed"] == 7


def test_splits_by_document_come_close_to_their_shares_on_tico(tico_units):
    """TICO-19's documents are of 4 to 450 units: over 20 seeds, dev and test each stay within
    4 points of their 10% of the pairs."""
    from collections import Counter

    sizes = Counter(p.document for p in sentence_pairs(tico_units.values(), "tico"))
    for seed in range(1, 21):
        chosen = assign_documents(dict(sizes), (0.8, 0.1, 0.1), seed)
        for split in ("dev", "test"):
            share = sum(sizes[d] for d, s in chosen.items() if s == split) / sum(sizes.values())
            assert abs(share - 0.1) < 0.04, (seed, split, share)


def test_documents_are_dealt_to_the_split_least_full_for_its_share():
    sizes = {f"d{n}": 10 for n in range(10)}
    chosen = assign_documents(sizes, (0.8, 0.1, 0.1), seed=3)
    assert sorted(chosen.values()).count("train") == 8
    assert sorted(chosen.values()).count("dev") == sorted(chosen.values()).count("test") == 1
    assert assign_documents(sizes, (0.8, 0.1, 0.1), seed=3) == chosen
    assert set(assign_documents(sizes, (1, 0, 0), seed=3).values()) == {"train"}


def test_a_unit_s_document(tico_units):
    assert sentence_pairs([tico_units["CMU_1:7"]], "x.tmx")[0].document == "CMU_1"
    mine = TranslationUnit("caucasus-oil-policy:b3", "الف", "a", document="caucasus-oil-policy")
    assert sentence_pairs([mine], "")[0].document == "caucasus-oil-policy"
    named = TranslationUnit("x.tmx:4", "الف", "a", tuid_made=True)
    assert sentence_pairs([named], "x.tmx")[0].document == "x.tmx"
    assert one_line("دو\nخط\u200cها \t ") == "دو خط\u200cها"


# --- the filters: each fires on a real pair altered to break it, and on nothing else -------


@pytest.mark.parametrize(
    ("tuid", "alter", "fires"),
    [
        ("PubMed_7:285", lambda fa, en: (fa, ""), "length"),
        ("PubMed_7:285", lambda fa, en: (fa, " ".join([en] * 20)), "length"),
        ("PubMed_7:285", lambda fa, en: (fa, " ".join(en.split()[:2])), "ratio"),
        ("PubMed_7:285", lambda fa, en: (fa, fa), "identical"),
        ("CMU_1:1", lambda fa, en: (en, en), "identical"),
        ("PubMed_7:285", lambda fa, en: (en, fa), "script"),
        ("PubMed_7:285", lambda fa, en: (fa, en.replace("8,096", "8,069")), "numbers"),
        ("PubMed_7:285", lambda fa, en: (fa.replace("۲۰۰۲", "۲۰۰۳"), en), "numbers"),
    ],
)
def test_each_filter_fires_on_a_pair_altered_to_break_it(tico_units, tuid, alter, fires):
    unit = tico_units[tuid]
    assert rejections(unit.source, unit.target) == []  # the real pair passes every filter
    fa, en = alter(unit.source, unit.target)
    found = rejections(fa, en)
    assert fires in [r.filter for r in found]
    alone = rejections(fa, en, FilterSettings(names=(fires,)))
    assert [r.filter for r in alone] == [fires] and alone[0].detail


def test_every_filter_is_quiet_on_the_article_and_nearly_all_of_tico(tico_export):
    _, manifest, _ = tico_export
    rejected = manifest["counts"]["rejected"]
    assert set(rejected) == {*FILTERS, "pairs"}
    assert rejected["length"] == rejected["ratio"] == rejected["identical"] == 0
    assert rejected["pairs"] < 0.02 * 3071


def test_persian_digits_are_numbers_not_noise(tico_units):
    """bicleaner's rule keeps only [0-9]: this pair's Persian would have no figure at all."""
    unit = tico_units["PubMed_7:285"]  # ۲۰۰۲، ۱۰ درصد، ۸،۰۹۶ | 2002, 10%, 8,096
    assert re.sub("[^0-9]", "", unit.source) == ""
    assert re.sub("[^0-9]", "", unit.target) == "2002108096"
    assert rejections(unit.source, unit.target, FilterSettings(names=("numbers",))) == []
    found = rejections(unit.source, unit.target.replace("10%", "12%"))
    assert [r.detail for r in found] == [
        "10 in the Persian but not in the English; 12 in the English but not in the Persian"
    ]


def test_numbers_filter_reads_times_decades_and_names(tico_units):
    """The filter inherits the check's reading: TICO-19 pairs it dropped for a time, a decade,
    a name's digits, and still drops a real difference."""
    keep = FilterSettings(names=("numbers",))
    for tuid in ("PubMed_6:169", "wiki_5:2726", "Wikivoyage_1:2170", "PubMed_9:801"):
        unit = tico_units[tuid]
        assert rejections(unit.source, unit.target, keep) == [], tuid
    unit = tico_units["wiki_5:2726"]
    assert unit.target.count("1940s") == 1
    (found,) = rejections(unit.source, unit.target.replace("1940s", "1930s"), keep)
    assert found.detail == (
        "دهه 40 in the Persian but not in the English; 1930s in the English but not in the Persian"
    )


def test_thresholds_and_filters_none(tico_units, tmp_path, capsys):
    out = tmp_path / "mt"
    arguments = ["export", "--format", "parallel", "--tmx", str(TICO), "-o", str(out)]
    assert main([*arguments, "--filters", "none"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["rejected"] == {"pairs": 0}
    assert manifest["options"]["filters"] == []
    assert main([*arguments, "--filters", "length", "--max-words", "20"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["rejected"]["length"] > 500
    assert manifest["options"]["max_words"] == 20
    assert "length " in capsys.readouterr().out


# --- the project's TM, and bad usage -------------------------------------------------------


def test_the_projects_tm_one_document_all_in_train(example_project, tmp_path, capsys):
    out = tmp_path / "mt"
    assert main(["export", "--project", str(example_project.root), "--format", "parallel",
                 "-o", str(out)]) == 0  # fmt: skip
    captured = capsys.readouterr()
    assert "dev and test empty: the splits are by document, and the TM has 1 document" in (
        captured.err
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    source = manifest["source"]
    assert source["project"] == "tmkit.toml" and source["flagged_left_out"] >= 0
    assert "caucasus-oil-policy/fa.raw.txt" in source["signature"]["inputs"]
    assert manifest["documents"] == {"train": ["caucasus-oil-policy"], "dev": [], "test": []}
    fa = _lines(out / "train.fa")
    assert len(fa) == manifest["counts"]["written"]["train"] > 130
    assert (out / "dev.fa").read_bytes() == b"" and (out / "test.en").read_bytes() == b""
    assert sum(line.count("\u200c") for line in fa) > 100  # the ZWNJs are kept
    record = json.loads((out / "pairs.jsonl").open(encoding="utf-8").readline())
    assert record["tuid"] == "caucasus-oil-policy:b1" and record["origin"] == record["document"]
    assert 0 < record["score"] <= 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "tmkit: error: --format parallel writes a folder of files: give -o DIR"),
        (["-o", "X", "--splits", "0.5,0.1"],
         "tmkit: error: --splits: '0.5,0.1': expected three shares from 0 to 1 (train,dev,test)"),
        (["-o", "X", "--splits", "a,b,c"],
         "tmkit: error: --splits: 'a,b,c': expected three numbers, e.g. 0.8,0.1,0.1"),
        (["-o", "X", "--splits", "0.5,0.1,0.1"],
         "tmkit: error: --splits: '0.5,0.1,0.1': the shares add up to 0.7, not 1"),
        (["-o", "X", "--filters", "length,colour"],
         "tmkit: error: --filters: colour: not a filter (choose from length, ratio, identical, "
         "script, numbers)"),
        (["-o", "X", "--vocab-size", "100"],
         "tmkit: error: --vocab-size: goes with --spm or --spm-separate"),
    ],
)  # fmt: skip
def test_bad_usage_is_one_line_and_exit_2(tmp_path, capsys, extra, message):
    extra = [str(tmp_path / "out") if a == "X" else a for a in extra]
    code = main(["export", "--format", "parallel", "--tmx", str(TICO), *extra])
    assert code == 2
    assert capsys.readouterr().err == message + "\n"
    assert not (tmp_path / "out").exists()


def test_parallel_options_go_with_format_parallel(example_project, capsys):
    root = str(example_project.root)
    assert main(["export", "--project", root, "--format", "po", "--seed", "2"]) == 2
    assert capsys.readouterr().err == "tmkit: error: --seed: goes with --format parallel\n"
    assert main(["export", "--project", root, "--format", "po", "--spm"]) == 2
    assert capsys.readouterr().err == "tmkit: error: --spm: goes with --format parallel\n"
    assert main(["export", "--project", root, "--tmx", str(TICO)]) == 2
    assert capsys.readouterr().err == "tmkit: error: --tmx: goes with --format parallel\n"


def test_the_command_lines_filters_are_tm_filters():
    from tm.cli import memory

    assert memory.FILTERS == FILTERS


@pytest.mark.parametrize(
    ("where", "relation"),
    [
        ("texts", "is the project's texts folder (texts)"),
        ("texts/new", "is inside the project's texts folder (texts)"),
        ("out", "is the project's build output folder (out)"),
        ("out/mt", "is inside the project's build output folder (out)"),
        (".", "holds the project's texts folder (texts)"),
    ],
)
def test_the_projects_texts_and_build_folders_are_refused(example_project, capsys, where, relation):
    root = example_project.root
    before = sorted(str(p) for p in root.rglob("*"))
    target = root / where
    for arguments in ([], ["--tmx", str(TICO)]):  # with --tmx too: the project is found
        code = main(["export", "--project", str(root), "--format", "parallel", *arguments,
                     "-o", str(target)])  # fmt: skip
        assert code == 2
        err = capsys.readouterr().err
        assert err.startswith(f"tmkit: error: {target}: {relation}: not written into")
        assert len(err.splitlines()) == 1
    assert sorted(str(p) for p in root.rglob("*")) == before  # nothing written


def test_a_rerun_keeps_a_file_edited_since_and_refuses_a_folder_without_manifest(
    example_project, tmp_path, capsys
):
    out = tmp_path / "mt"
    base = ["export", "--project", str(example_project.root), "--format", "parallel", "-o",
            str(out)]  # fmt: skip
    assert main(base) == 0
    assert main(base) == 0  # unchanged since: written over
    capsys.readouterr()
    (out / "train.en").write_text("my own corrections\n", encoding="utf-8")
    manifest = (out / "manifest.json").read_bytes()
    assert main(base) == 2
    err = capsys.readouterr().err
    assert err == (
        f"tmkit: error: {out}/train.en: changed since the earlier export (manifest.json's "
        "SHA-256): not written over or removed (move it away (or delete it) and export again)\n"
    )
    assert (out / "train.en").read_text(encoding="utf-8") == "my own corrections\n"
    assert (out / "manifest.json").read_bytes() == manifest
    (out / "manifest.json").unlink()  # export-named files, no manifest: someone else's
    assert main(base) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"tmkit: error: {out}: holds dev.en but no manifest.json of an earlier export: not "
        "mixed with this one"
    )
    assert len(err.splitlines()) == 1 and not (out / "manifest.json").exists()


def test_the_same_tmx_twice_is_refused(tmp_path, capsys):
    out = tmp_path / "mt"
    again = TICO.parent / ".." / TICO.parent.name / TICO.name
    for second, named in ((str(TICO), ""), (str(again), f" (as {TICO})")):
        code = main(["export", "--format", "parallel", "--tmx", str(TICO), "--tmx", second,
                     "-o", str(out)])  # fmt: skip
        assert code == 2
        assert capsys.readouterr().err == (
            f"tmkit: error: {second}: given twice as --tmx{named} (each file once)\n"
        )
    assert not out.exists()


def test_spm_and_spm_separate_are_exclusive(tmp_path, capsys):
    out = tmp_path / "mt"
    with pytest.raises(SystemExit) as done:  # argparse's usage error, one line as every error
        main(["export", "--format", "parallel", "--tmx", str(TICO), "--spm", "--spm-separate",
              "-o", str(out)])  # fmt: skip
    assert done.value.code == 2
    assert capsys.readouterr().err == (
        "tmkit export: error: argument --spm-separate: not allowed with argument --spm "
        "(see tmkit export --help)\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "theirs",
    ['{"name": "my web app", "icons": []}\n', "not json at all\n", '{"files": {"app.js": "x"}}\n'],
)
def test_a_manifest_json_that_is_not_an_exports_is_never_written_over(tmp_path, capsys, theirs):
    out = tmp_path / "site"
    out.mkdir()
    (out / "manifest.json").write_text(theirs, encoding="utf-8")
    code = main(["export", "--format", "parallel", "--tmx", str(TICO), "-o", str(out)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"tmkit: error: {out}/manifest.json: is not the manifest of an earlier tmkit export: not "
        "written over (export into an empty or new folder, or move that file away)\n"
    )
    assert [p.name for p in out.iterdir()] == ["manifest.json"]
    assert (out / "manifest.json").read_text(encoding="utf-8") == theirs
