"""Which SentencePiece normalization keeps Persian intact: decode(encode(x)) == x, measured.

Trains a model on TICO-19's Persian (``tests/data/tico19/all.en-fa.tmx``, CC0; each segment
on one line, NFC, as ``tmkit export --format parallel`` writes it) with each of SentencePiece's
normalization rules and tmkit's other trainer settings (:data:`tm.spm.TRAINER`), and counts the
segments that do not decode to themselves, and how many of those hold a ZWNJ. The default
``nmt_nfkc`` maps ZWNJ (U+200C) to a space (google/sentencepiece#896); ``nfkc`` keeps it but
folds compatibility characters (Arabic presentation forms); ``identity`` changes nothing, and
tmkit uses it.

    python benchmarks/bench_spm_normalization.py [--vocab-size 8000]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tm.parallel import one_line  # noqa: E402
from tm.spm import TRAINER  # noqa: E402
from tm.tmx import read_tmx  # noqa: E402

RULES = ("nmt_nfkc", "nfkc", "identity")


def main() -> None:
    import sentencepiece

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab-size", type=int, default=8000)
    args = parser.parse_args()
    tmx = ROOT / "tests" / "data" / "tico19" / "all.en-fa.tmx"
    persian = [one_line(u.source) for u in read_tmx(tmx, srclang="fa", tgtlang="en")]
    zwnj = sum("\u200c" in text for text in persian)
    print(f"TICO-19 Persian: {len(persian)} segments, {zwnj} with a ZWNJ")
    print(f"{'rule':<10} {'not decoded to themselves':>26} {'of them with a ZWNJ':>20}")
    for rule in RULES:
        settings = {**TRAINER, "normalization_rule_name": rule, "vocab_size": args.vocab_size,
                    "hard_vocab_limit": False}  # fmt: skip
        written = io.BytesIO()
        sentencepiece.SentencePieceTrainer.train(
            sentence_iterator=iter(persian), model_writer=written, **settings
        )
        model = sentencepiece.SentencePieceProcessor(model_proto=written.getvalue())
        lost = [x for x in persian if model.decode(model.encode(x)) != x]
        print(f"{rule:<10} {len(lost):>26} {sum(chr(0x200C) in x for x in lost):>20}")


if __name__ == "__main__":
    main()
