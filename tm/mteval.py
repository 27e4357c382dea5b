"""MT evaluation against a TM's reference translations: ``tmkit score``.

Scores machine translation output (one segment a line, in the references' order) through
sacrebleu's API (Post 2018, "A Call for Clarity in Reporting BLEU Scores", WMT; the library's
README and ``sacrebleu.metrics``), so every number is sacrebleu's and comes with its signature:

- BLEU (Papineni et al. 2002) with one of sacrebleu's tokenizers that need nothing downloaded
  (:data:`TOKENIZERS`: never ``flores101``/``flores200``/``spm``, which fetch a SentencePiece
  model on first use); chrF and chrF++ (Popović 2015, 2017: ``word_order`` 2); TER (Snover et
  al. 2006, sacrebleu's tercom reimplementation);
- 95% confidence intervals by bootstrap resampling (Koehn 2004) and paired significance tests
  against the first system, the baseline: paired bootstrap resampling (Koehn 2004, as Moses's
  ``bootstrap-hypothesis-difference-significance.pl``) or approximate randomization (Riezler
  and Maxwell 2005), both ``sacrebleu.significance.PairedTest``, seeded by ``SACREBLEU_SEED``
  (sacrebleu's default 12345) so a run repeats;
- per-segment chrF (``CHRF.sentence_score``), to find the worst segments;
- term accuracy: of the approved glossary terms found in each source segment, the share whose
  English form the MT output has, read as ``tmkit check``'s ``term-missing`` rule reads a
  target (:mod:`glossary.match`: inflected forms, allowed variants, a name's adjective); the
  "exact-match term accuracy" of Alam et al. 2021 ("On the Evaluation of Machine Translation
  for Terminology Consistency", arXiv:2106.11891), counted once per concept and segment.

Into Persian (``target="fa"``: English→Persian MT scored against the Persian side) both the
hypothesis and the reference are first normalized by :func:`persian_for_scoring`, so that
spellings tmkit treats as one (Arabic letter forms, a lost ZWNJ, bidi marks, digits in either
script) are not counted as errors; English is scored as given, exactly as sacrebleu's command
line scores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import CorpusError
from corpus.normalize import normalize
from corpus.textfile import read_text
from tm.errors import TmError

if TYPE_CHECKING:
    from glossary.model import Glossary

METRICS = ("bleu", "chrf", "chrf++", "ter")  # in the order they are reported
TOKENIZERS = ("13a", "intl", "char", "none")  # sacrebleu's BLEU tokenizers that stay offline
DEFAULT_TOKENIZER = {"en": "13a", "fa": "intl"}  # 13a splits ASCII punctuation only: ، ؟ « »
TARGETS = ("en", "fa")
PAIRED_TESTS = ("bs", "ar")  # paired bootstrap resampling, approximate randomization
SIGNIFICANT = 0.05  # p below it: the difference to the baseline is marked significant
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
EMPTY_HINT = "expected MT output, one translated segment a line"
REFERENCES_HINT = "expected the references, one reference translation a line"
SOURCES_HINT = "expected the source segments, one a line"


@dataclass(frozen=True)
class References:
    """The reference translations a hypothesis is scored against, in order.

    :param name: the file they come from (a TMX, or a text file of one segment a line).
    :param targets: the reference translations (English, or Persian when *target* is ``fa``).
    :param sources: the source segment of each (what was translated), or None when not known
        (a text file without ``sources``): term accuracy needs them.
    :param ids: a name for each segment in messages: the tu's ``tuid``, or ``line N``.
    :param target: the language of the references: ``en`` or ``fa``.
    """

    name: str
    targets: tuple[str, ...]
    sources: tuple[str, ...] | None
    ids: tuple[str, ...]
    target: str = "en"


def read_segments(path: str | Path, empty: str = EMPTY_HINT) -> list[str]:
    """The lines of a text file, one segment a line, as sacrebleu's command line reads them:
    trailing white space removed (a line end, a CR), nothing else; ``-`` reads standard input.

    :param empty: what the file should hold, for the error when it is empty (MT output, the
        references, the sources).

    :raises TmError: the file is missing, not UTF-8 (or UTF-16, or binary), holds a control
        character (with its line and column), or holds nothing but white space.
    """
    try:
        text = read_text(path, page_breaks=False)
    except TmError:
        raise
    except CorpusError as err:
        hint = empty if err.message == "file is empty" else err.hint
        raise TmError(err.path, err.message, line=err.line, column=err.column, hint=hint) from err
    lines = text.split("\n")
    if lines[-1] == "":  # the file's last line end
        lines.pop()
    return [line.rstrip() for line in lines]


def tmx_references(path: str | Path, target: str = "en", *, name: str = "") -> References:
    """The units of a TMX as references, in the file's order (``tmkit build``'s TM, or any
    TMX 1.1–1.4): their English side (their Persian side when *target* is ``fa``), the other
    side as the sources, each named by its ``tuid``; *name* names the file in reports
    (default: *path*).

    :raises TmxError: the TMX cannot be read (:func:`tm.tmx.read_tmx`), or has no unit with
        both a Persian and an English side.
    """
    from tm.errors import TmxError
    from tm.tmx import read_tmx

    units = [u.for_checks() for u in read_tmx(path, srclang="fa", tgtlang="en")]
    if not units:
        raise TmxError(
            str(path), "no tu with both a Persian and an English segment", hint="give a fa–en TMX"
        )
    persian = tuple(_one_line(u.source) for u in units)
    english = tuple(_one_line(u.target) for u in units)
    return References(
        name or str(path),
        english if target == "en" else persian,
        persian if target == "en" else english,
        tuple(u.tuid for u in units),
        target,
    )


def text_references(
    path: str | Path, sources: str | Path | None = None, target: str = "en"
) -> References:
    """The lines of a text file as references (one segment a line), with the lines of
    *sources* as their source segments when given.

    :raises TmError: either file cannot be read (:func:`read_segments`), or *sources* has not
        as many lines as *path* (both counts named).
    """
    targets = read_segments(path, REFERENCES_HINT)
    source_lines = None
    if sources is not None:
        source_lines = read_segments(sources, SOURCES_HINT)
        if len(source_lines) != len(targets):
            raise TmError(
                str(sources),
                f"{len(source_lines)} lines, but the references have {len(targets)} ({path})",
                hint="the source segments, one a line, in the references' order",
            )
    return References(
        str(path),
        tuple(targets),
        None if source_lines is None else tuple(source_lines),
        tuple(f"line {n}" for n in range(1, len(targets) + 1)),
        target,
    )


def read_hypothesis(path: str | Path, references: References) -> list[str]:
    """The MT output in *path*, one segment a line (:func:`read_segments`), checked against
    *references*.

    :raises TmError: it cannot be read, or its number of lines is not the references' (both
        counts and both files named).
    """
    lines = read_segments(path)
    if len(lines) != len(references.targets):
        raise TmError(
            "<stdin>" if str(path) == "-" else str(path),
            f"{len(lines)} lines, but the references have {len(references.targets)} "
            f"({references.name})",
            hint="one translation a line, in the references' order: "
            "tmkit score --print sources gives the lines to translate",
        )
    return lines


def as_scored(references: References, lines: Sequence[str]) -> list[str]:
    """*lines* (references or MT output) as :func:`evaluate` scores them: into Persian
    normalized (:func:`persian_for_scoring`), into English as they are."""
    prepare = persian_for_scoring if references.target == "fa" else _same
    return [prepare(text) for text in lines]


def script_mismatch(references: References, lines: Sequence[str]) -> float:
    """The share of *lines* with letters whose letters are mostly in the other language's
    script (Latin in output into Persian, Arabic in output into English): MT output in the
    wrong language, or untranslated (:func:`tm.filters.line_script`)."""
    from tm.filters import line_script

    other = "Latin" if references.target == "fa" else "Arabic"
    scripts = [line_script(line) for line in lines]
    counted = [script for script in scripts if script]
    return sum(script == other for script in counted) / len(counted) if counted else 0.0


def persian_for_scoring(text: str) -> str:
    """Persian as ``tmkit score --target fa`` scores it, the hypothesis and the reference alike:
    tmkit's normalization (:func:`corpus.normalize.normalize`: Arabic letter forms to Persian,
    tatweel and bidi marks, spacing, doubled or stray ZWNJs, lost ZWNJs restored, NFC), then
    Western digits as Persian digits, each segment on its own.

    >>> persian_for_scoring("اين ميشود 12 درصد")
    'این می\u200cشود ۱۲ درصد'
    """
    return normalize(text).translate(PERSIAN_DIGITS)


@dataclass(frozen=True)
class MetricScore:
    """One corpus-level score of one system, as sacrebleu computes it.

    :param name: sacrebleu's name of the metric: ``BLEU``, ``chrF2``, ``chrF2++``, ``TER``.
    :param score: the score, 0–100 (TER: edits per 100 reference words, lower is better).
    :param signature: sacrebleu's signature (``nrefs:1|case:mixed|eff:no|tok:13a|…``).
    :param mean: the bootstrap estimate of the mean, when resampled (confidence or paired
        bootstrap), else None.
    :param ci: half the width of the 95% confidence interval around *mean*, else None.
    :param p_value: the paired test's p-value against the baseline (not for the baseline).
    :param details: BLEU's n-gram precisions and brevity penalty as sacrebleu prints them
        (``91.9/83.1/74.0/65.9 (BP = 1.000 ratio = …)``), else ``""``.
    """

    name: str
    score: float
    signature: str
    mean: float | None = None
    ci: float | None = None
    p_value: float | None = None
    details: str = ""

    def formatted(self, width: int = 1) -> str:
        """The score as sacrebleu's command line prints it: ``78.1``, ``78.1 (μ = 77.9 ± 2.1)``
        and, against a baseline, `` (p = 0.0099)*`` (``*``: p < 0.05)."""
        text = f"{self.score:.{width}f}"
        if self.mean is not None and self.ci is not None:
            text += f" (μ = {self.mean:.{width}f} ± {self.ci:.{width}f})"
        if self.p_value is not None:
            text += f" (p = {self.p_value:.4f})" + ("*" if self.p_value < SIGNIFICANT else "")
        return text

    @property
    def full_signature(self) -> str:
        """``NAME|signature``, as sacrebleu prints it beside a score."""
        return f"{self.name}|{self.signature}"


@dataclass(frozen=True)
class TermMiss:
    """A glossary concept in a source segment whose approved form the MT output lacks."""

    index: int  # the segment's position, from 0
    id: str  # the segment's name (References.ids)
    term_id: str
    expected: str  # the approved form in the target language


@dataclass(frozen=True)
class TermAccuracy:
    """Term accuracy of one system: *found* of *total* (concept, segment) pairs."""

    found: int
    total: int
    missed: tuple[TermMiss, ...] = ()

    @property
    def accuracy(self) -> float | None:
        """Found / total × 100, or None when the sources hold no approved term."""
        return 100 * self.found / self.total if self.total else None


@dataclass(frozen=True)
class SegmentScore:
    """One segment's chrF (``CHRF.sentence_score``)."""

    index: int  # from 0
    id: str
    chrf: float
    hypothesis: str
    reference: str
    source: str | None


@dataclass(frozen=True)
class SystemResult:
    """What was measured of one MT output."""

    name: str
    scores: tuple[MetricScore, ...]
    terms: TermAccuracy | None
    worst: tuple[SegmentScore, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    """Every system's results against one set of references.

    :param paired: the paired test run (``bs`` or ``ar``) when several systems were scored,
        the first being the baseline; None for one system.
    :param samples: resamples (``bs``) or trials (``ar``) of the paired test or the
        confidence intervals, 0 when neither ran.
    """

    references: References
    systems: tuple[SystemResult, ...]
    paired: str | None = None
    samples: int = 0


def evaluate(
    references: References,
    systems: Sequence[tuple[str, Sequence[str]]],
    metrics: Sequence[str] = ("bleu", "chrf"),
    *,
    tokenize: str | None = None,
    confidence: int = 0,
    paired: str = "bs",
    paired_samples: int = 0,
    worst: int = 0,
    glossary: Glossary | None = None,
) -> Evaluation:
    """Score each of *systems* (name, its lines) against *references* with sacrebleu.

    :param metrics: names from :data:`METRICS`, reported in this order.
    :param tokenize: BLEU's tokenizer, one of :data:`TOKENIZERS` (default: ``13a`` into
        English, ``intl`` into Persian).
    :param confidence: bootstrap resamples for a 95% confidence interval of each score (0:
        none; sacrebleu's ``--confidence-n``, default there 1000). With several systems the
        paired bootstrap gives intervals anyway; with ``paired="ar"`` these resamples do.
    :param paired: the paired test when several systems are given, the first the baseline:
        ``bs`` (paired bootstrap resampling) or ``ar`` (approximate randomization).
    :param paired_samples: its resamples or trials (0: sacrebleu's defaults, 1000 and 10000).
    :param worst: how many of each system's lowest per-segment chrF to report (0: none).
    :param glossary: the glossary for term accuracy (None: not measured); needs the
        references' sources.
    :raises ValueError: an unknown metric, tokenizer or test, or a system whose number of
        lines is not the references' (:func:`read_hypothesis` says it first, naming the file).
    """
    from sacrebleu.metrics import CHRF

    unknown = [m for m in metrics if m not in METRICS]
    tokenize = tokenize or DEFAULT_TOKENIZER[references.target]
    if unknown or tokenize not in TOKENIZERS or paired not in PAIRED_TESTS:
        raise ValueError(f"unknown metric, tokenizer or test: {unknown, tokenize, paired}")
    for name, lines in systems:
        if len(lines) != len(references.targets):
            raise ValueError(f"{name}: {len(lines)} lines for {len(references.targets)}")
    refs = as_scored(references, references.targets)
    hyps = [as_scored(references, lines) for _, lines in systems]
    names = [name for name, _ in systems]
    scored = _scores(refs, list(zip(names, hyps, strict=True)), metrics, tokenize,
                     confidence, paired, paired_samples)  # fmt: skip
    segment_chrf = CHRF()
    results = []
    for number, (name, lines) in enumerate(systems):
        terms = None
        if glossary is not None and references.sources is not None:
            terms = term_accuracy(references, lines, glossary)
        low: tuple[SegmentScore, ...] = ()
        if worst > 0:
            each = [
                segment_chrf.sentence_score(hyp, [ref]).score
                for hyp, ref in zip(hyps[number], refs, strict=True)
            ]
            order = sorted(range(len(each)), key=lambda i: (each[i], i))[:worst]
            low = tuple(
                SegmentScore(
                    i,
                    references.ids[i],
                    each[i],
                    lines[i],
                    references.targets[i],
                    None if references.sources is None else references.sources[i],
                )
                for i in order
            )
        results.append(SystemResult(name, scored[number], terms, low))
    several = len(systems) > 1
    samples = _samples(several, confidence, paired, paired_samples)
    return Evaluation(references, tuple(results), paired if several else None, samples)


def _same(text: str) -> str:
    return text


def _samples(several: bool, confidence: int, paired: str, paired_samples: int) -> int:
    if several:
        return paired_samples or (10000 if paired == "ar" else 1000)
    return confidence


def _metric(name: str, refs: list[str], tokenize: str):
    from sacrebleu.metrics import BLEU, CHRF, TER

    if name == "bleu":
        return BLEU(tokenize=tokenize, references=[refs])
    if name == "chrf":
        return CHRF(references=[refs])
    if name == "chrf++":
        return CHRF(word_order=2, references=[refs])
    return TER(references=[refs])


def _scores(
    refs: list[str],
    systems: list[tuple[str, list[str]]],
    metrics: Sequence[str],
    tokenize: str,
    confidence: int,
    paired: str,
    paired_samples: int,
) -> list[tuple[MetricScore, ...]]:
    """Each system's scores, metric by metric in *metrics*' order."""
    objects = [_metric(name, refs, tokenize) for name in metrics]
    plain = []
    for _, hyps in systems:
        row = []
        for metric in objects:
            score = metric.corpus_score(hyps, None)
            details = ""
            if score.name == "BLEU":  # "BLEU = 78.1 91.9/83.1/74.0/65.9 (BP = 1.000 …)"
                details = score.format(width=1).partition(" = ")[2].partition(" ")[2]
            row.append(MetricScore(score.name, score.score, metric.get_signature().format(),
                                   details=details))  # fmt: skip
        plain.append(row)
    if len(systems) == 1 and confidence <= 1:
        return [tuple(row) for row in plain]
    from sacrebleu.significance import PairedTest

    if len(systems) == 1:  # a confidence interval: the bootstrap of the baseline alone
        test, samples, ar_confidence = "bs", confidence, -1
    else:
        test, samples = paired, paired_samples
        ar_confidence = confidence if paired == "ar" and confidence > 1 else -1
    signatures, results = PairedTest(
        systems,
        {name: metric for name, metric in zip(metrics, objects, strict=True)},
        references=None,
        test_type=test,
        n_samples=samples,
        n_ar_confidence=ar_confidence,
    )()
    tested = []
    for number, row in enumerate(plain):
        scores = []
        for score in row:
            result = results[score.name][number]
            scores.append(
                MetricScore(
                    score.name,
                    result.score,
                    signatures[score.name].format(),
                    None if result.mean is None else float(result.mean),
                    None if result.ci is None else float(result.ci),
                    None if result.p_value is None else float(result.p_value),
                    score.details,
                )
            )
        tested.append(tuple(scores))
    return tested


def term_accuracy(
    references: References, hypotheses: Sequence[str], glossary: Glossary
) -> TermAccuracy:
    """Of the approved concepts of *glossary* found in each source segment, how many the
    hypothesis of that segment renders with one of their forms in the target language.

    Into English, a concept counts as rendered exactly when ``tmkit check``'s ``term-missing``
    rule finds nothing for it (:class:`glossary.checks.MissingTerm`: the approved English term
    or an allowed variant, inflected; a name's or a yeh-adjective's English adjective); into
    Persian, when the glossary's matcher finds one of its Persian forms in the hypothesis
    (inflected, ZWNJ and spelling variants folded: :mod:`glossary.match`), or the English
    words found are the adjective of a concept whose Persian is there (Azerbaijani oil, نفت
    آذربایجان: :func:`glossary.checks.has_english` with ``derived``, the check's rule the
    other way round). A concept counts once per segment, however often it occurs there.
    Source: Alam et al. 2021, exact-match term accuracy.

    :param references: with their sources (``references.sources`` is not None).
    :param hypotheses: one segment for each reference.
    :raises ValueError: the references have no sources.
    """
    from glossary.checks import (
        CheckContext,
        MissingTerm,
        SegmentPair,
        check_units,
        has_english,
    )
    from glossary.match import Matcher
    from glossary.model import Status

    if references.sources is None:
        raise ValueError("term accuracy needs the source segments")
    matcher = Matcher(glossary)
    terms = glossary.by_id()
    approved = {term.id for term in glossary.terms if term.status is Status.APPROVED}
    found = total = 0
    missed: list[TermMiss] = []
    rows = list(zip(references.ids, references.sources, hypotheses, strict=True))
    if references.target == "en":
        pairs = [SegmentPair(str(n), source, hyp) for n, (_, source, hyp) in enumerate(rows)]
        lacks: list[set[str]] = [set() for _ in rows]
        for finding in check_units(pairs, glossary, [MissingTerm], matcher=matcher):
            lacks[int(finding.tuid)].add(finding.term_id)
        for index, ((tuid, source, _), unit) in enumerate(zip(rows, lacks, strict=True)):
            wanted = {m.term_id for m in matcher.persian(source) if m.term_id in approved}
            lacking = unit & wanted
            total += len(wanted)
            found += len(wanted) - len(lacking)
            missed += [TermMiss(index, tuid, t, terms[t].en) for t in sorted(lacking)]
    else:
        context = CheckContext(glossary, matcher)
        for index, (tuid, source, hyp) in enumerate(rows):
            spans: dict[str, list[str]] = {}
            for m in matcher.english(source):
                if m.term_id in approved and m.role != "forbidden":
                    spans.setdefault(m.term_id, []).append(source[m.start : m.end])
            there = {m.term_id for m in matcher.persian(hyp, overlapping=True)}
            lacking = {
                term_id
                for term_id, found_spans in spans.items()
                if term_id not in there
                and not any(  # Azerbaijani oil, نفت آذربایجان: the adjective of a name there
                    has_english(span, terms[other], context, derived=True)
                    for span in found_spans
                    for other in there
                )
            }
            total += len(spans)
            found += len(spans) - len(lacking)
            missed += [TermMiss(index, tuid, t, terms[t].fa) for t in sorted(lacking)]
    return TermAccuracy(found, total, tuple(missed))


def _one_line(text: str) -> str:
    """A TMX segment as one line of a text file: its white space runs (a line break in the
    segment too) as one space."""
    return " ".join(text.split())
