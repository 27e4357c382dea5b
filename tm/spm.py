"""SentencePiece models of a parallel export's training split, kept lossless on Persian.

Trained with SentencePiece's own trainer (Kudo and Richardson 2018, "SentencePiece: A simple
and language independent subword tokenizer and detokenizer for Neural Text Processing", EMNLP;
``sentencepiece.SentencePieceTrainer`` and its ``doc/options.md``), with these settings
(:data:`TRAINER`), each recorded in the export's manifest:

- ``normalization_rule_name="identity"``: the default rule, ``nmt_nfkc``, maps ZWNJ (U+200C) to a
  space (its ``nmt_nfkc.tsv``; google/sentencepiece#896), so ``می‌شود`` is encoded as two words
  and decodes as ``می شود``: of TICO-19's 3,071 Persian segments, 1,847 do not survive
  ``decode(encode(x))`` under ``nmt_nfkc``, 26 under ``nfkc`` (which folds Arabic presentation
  forms such as ``ﺁ``), none under ``identity`` (``benchmarks/bench_spm_normalization.py``).
  The export's text is in NFC with its white space collapsed (a project's TM normalized by
  tmkit), so the identity rule has nothing to fix and loses nothing;
- ``character_coverage=1.0``: every character of the training text is a piece (the default
  0.9995 is for languages of thousands of characters; Persian and English have few);
- ``byte_fallback=True``: a character the training split never had (in dev or test) is encoded
  as its UTF-8 bytes, never ``<unk>``, so every segment of every split decodes to itself;
- ``num_threads=1``: the trainer's result depends on its number of threads (measured: one
  model with 1 thread, another with 2, another with 4), so one thread keeps an export
  reproducible; ``minloglevel=2`` keeps the trainer's log off standard error;
- the unigram model (the default) of :data:`DEFAULT_VOCAB_SIZE` pieces unless asked otherwise,
  with ``hard_vocab_limit=False``: a corpus too small for it gets the pieces it has (the
  bundled article's 142 pairs, both languages, support 2,020), recorded as the size got. A
  size asked with ``vocab_size`` is a hard limit, and a corpus too small for it an error
  naming the largest size it supports; a size below the pieces every model of the corpus
  holds (each character, the 256 byte pieces and the 3 meta pieces) an error naming that
  smallest size.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version

from tm.errors import TmError

DEFAULT_VOCAB_SIZE = 8000  # small-corpus MT's usual size (thousands of sentence pairs)
TRAINER = {
    "model_type": "unigram",
    "character_coverage": 1.0,
    "normalization_rule_name": "identity",
    "byte_fallback": True,
    "num_threads": 1,
    "input_sentence_size": 0,  # every sentence of the training split, none sampled
    "shuffle_input_sentence": False,
    "minloglevel": 2,  # errors only: no log on standard error
}
_TOO_HIGH = re.compile(r"Vocabulary size too high \((\d+)\)\. Please set it to a value <= (\d+)")
# the characters of the training text, the meta pieces and the 256 byte pieces: the fewest
_TOO_LOW = re.compile(r"Vocabulary size is smaller than required_chars\. (\d+) vs (\d+)")


@dataclass(frozen=True)
class SentencePieceModel:
    """A trained model: its bytes, its vocabulary and how it was trained.

    :param model: the ``.model`` file's bytes (a serialized ``ModelProto``).
    :param vocab: the ``.vocab`` file's bytes: each piece and its score, a tab between them,
        in id order, as the trainer's own ``.vocab`` (and ``spm_export_vocab``) writes them.
    :param settings: every trainer setting passed, ``vocab_size`` the size asked.
    :param pieces: the size of the vocabulary trained.
    """

    model: bytes
    vocab: bytes
    settings: dict = field(default_factory=dict)
    pieces: int = 0

    def encode(self, lines: Sequence[str]) -> list[str]:
        """Each line as its pieces, separated by spaces (``spm_encode``'s output)."""
        processor = self._processor()
        return [" ".join(pieces) for pieces in processor.encode(list(lines), out_type=str)]

    def decode(self, lines: Sequence[str]) -> list[str]:
        """Each line of pieces (as :meth:`encode` gives it) back to text."""
        processor = self._processor()
        return [processor.decode(line.split(" ")) if line else "" for line in lines]

    def _processor(self):
        import sentencepiece

        return sentencepiece.SentencePieceProcessor(model_proto=self.model)


def train(
    sentences: Sequence[str], vocab_size: int | None = None, *, name: str = "spm"
) -> SentencePieceModel:
    """Train a SentencePiece model on *sentences* (one segment each) with :data:`TRAINER`.

    :param vocab_size: the vocabulary's size, a hard limit; None: :data:`DEFAULT_VOCAB_SIZE`,
        capped to what the sentences support.
    :param name: the model's name in errors (``spm``, ``spm.fa``).
    :raises TmError: no sentences, or a *vocab_size* the sentences cannot fill (naming the
        largest they support) or too small for their characters.
    """
    import sentencepiece

    if not sentences:
        raise TmError(name, "nothing to train on: the training split is empty")
    settings = {
        **TRAINER,
        "vocab_size": vocab_size or DEFAULT_VOCAB_SIZE,
        "hard_vocab_limit": vocab_size is not None,
    }
    written = io.BytesIO()  # not a model_prefix: the model would record its (temporary) path
    try:
        sentencepiece.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences), model_writer=written, **settings
        )
    except RuntimeError as err:
        raise _trainer_error(name, str(err), settings["vocab_size"]) from None
    model = written.getvalue()
    processor = sentencepiece.SentencePieceProcessor(model_proto=model)
    vocab = "".join(
        f"{processor.id_to_piece(i)}\t{processor.get_score(i):g}\n"
        for i in range(processor.get_piece_size())
    ).encode("utf-8")
    return SentencePieceModel(model, vocab, settings, processor.get_piece_size())


def _trainer_error(name: str, message: str, size: int) -> TmError:
    too_high = _TOO_HIGH.search(message)
    if too_high:
        return TmError(
            name,
            f"--vocab-size {size} is too large for the training split: it supports at most "
            f"{too_high.group(2)} pieces",
            hint=f"give --vocab-size {too_high.group(2)} or less, or leave it out to get what "
            "the corpus supports",
        )
    too_low = _TOO_LOW.search(message)
    if too_low:
        return TmError(
            name,
            f"--vocab-size {size} is too small for the training split: it needs at least "
            f"{too_low.group(2)} pieces (one a character, the 256 bytes, <unk>, <s> and </s>)",
            hint=f"give --vocab-size {too_low.group(2)} or more",
        )
    return TmError(name, f"SentencePiece cannot train: {message.strip()}",
                   hint="check --vocab-size")  # fmt: skip


def sentencepiece_version() -> str:
    """The installed SentencePiece's version, for the manifest."""
    return version("sentencepiece")
