"""tmkit export --format parallel --spm: SentencePiece trained on the training split, lossless
on Persian (ZWNJ included), every trainer setting in the manifest, quiet, reproducible."""

import json
from pathlib import Path

import pytest
import sentencepiece

from tm.cli import main
from tm.tmx import read_tmx

TICO = Path(__file__).parent.parent / "data" / "tico19" / "all.en-fa.tmx"
ZWNJ = "\u200c"


def _lines(path):
    return path.read_text(encoding="utf-8").split("\n")[:-1]


@pytest.fixture(scope="module")
def tico_spm(tmp_path_factory):
    out = tmp_path_factory.mktemp("spm") / "mt"
    arguments = ["export", "--format", "parallel", "--tmx", str(TICO), "-o", str(out), "--spm"]
    assert main(arguments) == 0
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_every_persian_segment_decodes_to_itself_zwnj_included(tico_spm):
    out, _ = tico_spm
    model = sentencepiece.SentencePieceProcessor(model_file=str(out / "spm.model"))
    persian = [line for split in ("train", "dev", "test") for line in _lines(out / f"{split}.fa")]
    with_zwnj = [line for line in persian if ZWNJ in line]
    assert len(persian) > 3000 and len(with_zwnj) > 1500
    assert [model.decode(model.encode(line)) for line in persian] == persian
    pieces = {model.id_to_piece(i) for i in range(model.get_piece_size())}
    assert any(ZWNJ in piece for piece in pieces)
    word = "می" + ZWNJ + "شود"  # one word: no word boundary (▁) at its ZWNJ
    assert "".join(model.encode(word, out_type=str)) == "▁" + word


def test_the_encoded_files_decode_to_the_text_files(tico_spm):
    out, _ = tico_spm
    model = sentencepiece.SentencePieceProcessor(model_file=str(out / "spm.model"))
    for split in ("train", "dev", "test"):
        for side in ("fa", "en"):
            encoded = _lines(out / f"{split}.spm.{side}")
            decoded = [model.decode(line.split(" ")) for line in encoded]
            assert decoded == _lines(out / f"{split}.{side}"), (split, side)


def test_the_manifest_records_every_trainer_setting(tico_spm):
    out, manifest = tico_spm
    record = manifest["sentencepiece"]
    assert record["version"] == sentencepiece.__version__ and record["joint"] is True
    model = record["models"]["spm"]
    assert model["trained_on"] == ["train.fa", "train.en"]
    assert model["sentences"] == 2 * manifest["counts"]["written"]["train"]
    assert model["trainer"] == {
        "model_type": "unigram",
        "character_coverage": 1.0,
        "normalization_rule_name": "identity",
        "byte_fallback": True,
        "num_threads": 1,
        "input_sentence_size": 0,
        "shuffle_input_sentence": False,
        "minloglevel": 2,
        "vocab_size": 8000,
        "hard_vocab_limit": False,
    }
    assert model["pieces"] == 8000
    assert model["round_trip_failed"] == 0 and model["round_trip_checked"] > 6000
    vocab = _lines(out / "spm.vocab")
    assert len(vocab) == 8000 and vocab[0] == "<unk>\t0"
    assert {"spm.model", "spm.vocab", "test.spm.fa"} <= set(manifest["files"])


def test_the_default_normalization_would_lose_the_zwnj(tico_spm):
    """Why the identity rule: nmt_nfkc, SentencePiece's default, maps ZWNJ to a space."""
    import io

    units = list(read_tmx(TICO, srclang="fa", tgtlang="en"))[:600]
    persian = [" ".join(u.source.split()) for u in units]
    written = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(persian), model_writer=written, vocab_size=800,
        character_coverage=1.0, num_threads=1, minloglevel=2,
    )  # fmt: skip
    default = sentencepiece.SentencePieceProcessor(model_proto=written.getvalue())
    lost = [x for x in persian if default.decode(default.encode(x)) != x]
    assert len(lost) > 100 and all(ZWNJ in x for x in lost[:20])
    assert default.decode(default.encode("می" + ZWNJ + "شود")) == "می شود"


def test_the_training_split_alone_is_trained_on_separately(example_project, tmp_path, capfd):
    out = tmp_path / "mt"
    arguments = ["export", "--project", str(example_project.root), "--format", "parallel",
                 "-o", str(out), "--spm-separate"]  # fmt: skip
    assert main(arguments) == 0
    captured = capfd.readouterr()
    assert "trainer_interface" not in captured.err and "LOG(INFO)" not in captured.err
    assert captured.err.splitlines() == [  # nothing from the trainer: one warning of ours
        f"tmkit: warning: {out}: dev and test empty: the splits are by document, and the TM "
        "has 1 document"
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    models = manifest["sentencepiece"]["models"]
    assert set(models) == {"spm.fa", "spm.en"} and not manifest["sentencepiece"]["joint"]
    train = manifest["counts"]["written"]["train"]
    assert models["spm.fa"]["sentences"] == models["spm.en"]["sentences"] == train
    assert models["spm.fa"]["pieces"] < 8000  # capped to what 140 segments support
    persian = sentencepiece.SentencePieceProcessor(model_file=str(out / "spm.fa.model"))
    fa = _lines(out / "train.fa")
    assert [persian.decode(persian.encode(x)) for x in fa] == fa
    assert "spm.model" not in manifest["files"] and (out / "spm.en.vocab").is_file()
    assert f"spm.fa: {models['spm.fa']['pieces']} pieces" in captured.out


def test_the_same_export_trains_the_same_model(example_project, tmp_path):
    models = []
    for name in ("one", "two"):
        out = tmp_path / name
        arguments = ["export", "--project", str(example_project.root), "--format",
                     "parallel", "-o", str(out), "--spm"]  # fmt: skip
        assert main(arguments) == 0
        models.append((out / "spm.model").read_bytes())
    assert models[0] == models[1]


def test_a_vocabulary_too_large_is_one_line_and_a_rerun_drops_stale_files(
    example_project, tmp_path, capsys
):
    out = tmp_path / "mt"
    base = ["export", "--project", str(example_project.root), "--format", "parallel", "-o",
            str(out)]  # fmt: skip
    assert main([*base, "--spm", "--vocab-size", "50000"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "tmkit: error: spm: --vocab-size 50000 is too large for the training split: it "
        "supports at most "
    )
    supported = int(err.split("at most ")[1].split()[0])
    assert 1000 < supported < 8000 and len(err.splitlines()) == 1
    assert not out.exists()  # refused before anything was written
    assert main([*base, "--spm", "--vocab-size", str(supported)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sentencepiece"]["models"]["spm"]["pieces"] == supported
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(base) == 0  # again without --spm: the model and encoded files go
    assert not (out / "spm.model").exists() and not (out / "train.spm.fa").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n"  # not the export's
    assert "sentencepiece" not in json.loads((out / "manifest.json").read_text("utf-8"))


def test_a_vocabulary_too_small_names_the_smallest_size(example_project, tmp_path, capsys):
    out = tmp_path / "mt"
    base = ["export", "--project", str(example_project.root), "--format", "parallel", "-o",
            str(out), "--spm", "--vocab-size"]  # fmt: skip
    assert main([*base, "5"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "tmkit: error: spm: --vocab-size 5 is too small for the training split: it needs at least "
    )
    assert "INTERNAL" not in err and len(err.splitlines()) == 1
    smallest = int(err.split("at least ")[1].split()[0])
    assert 256 < smallest < 1000 and not out.exists()
    assert main([*base, str(smallest - 1)]) == 2
    assert f"needs at least {smallest} pieces" in capsys.readouterr().err
    assert main([*base, str(smallest)]) == 0  # the size named is enough
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sentencepiece"]["models"]["spm"]["pieces"] == smallest
