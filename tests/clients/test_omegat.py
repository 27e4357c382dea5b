"""OmegaT 3.6 opens the project tmkit writes, segments as tmkit does, and fills it from our TM.

Runs the real OmegaT (``--mode=console-translate``, headless, a fresh config folder each run) on
projects written by :func:`tm.omegat.write_omegat_project`, then reads what OmegaT wrote:
``omegat/project_stats.txt`` (segments in total and still untranslated) and ``target/``.
The whole module is skipped when OmegaT or Java is missing (``tox -e clients`` installs OmegaT
from Debian's packages through ``tests/clients/install-clients.sh``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from corpus.srx import default_srx
from tm.build import TMX_NAME, build
from tm.dedupe import merge_tmx
from tm.omegat import write_omegat_project
from tm.tmx import tmx_date, write_tmx
from tm.unit import TranslationUnit

pytestmark = pytest.mark.clients

OMEGAT_JAR = Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar"))
JAVA = shutil.which("java")
if not OMEGAT_JAR.is_file() or JAVA is None:
    pytest.skip(
        f"OmegaT is not installed ({OMEGAT_JAR} or java missing): run "
        "tests/clients/install-clients.sh as root, or set OMEGAT_JAR",
        allow_module_level=True,
    )

ARTICLE = "caucasus-oil-policy"
TIMEOUT = 300  # seconds; a run takes about 2


def run_omegat(project: Path, config_dir: Path) -> dict[str, int]:
    """Translate *project* with OmegaT's console mode; return its segment counts.

    :returns: ``{"Total": n, "Remaining": n}`` from ``omegat/project_stats.txt``.
    """
    result = subprocess.run(
        [
            JAVA,
            "-Djava.awt.headless=true",
            "-jar",
            str(OMEGAT_JAR),
            "--mode=console-translate",
            f"--config-dir={config_dir}",
            "--disable-project-locking",
            "--no-team",
            str(project),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    log = (result.stdout + result.stderr)[-3000:]
    assert result.returncode == 0, f"OmegaT failed ({result.returncode}):\n{log}"
    assert "CORE_SRX_EXC_LOADING_SEG_RULES" not in log, f"OmegaT refused our rules:\n{log}"
    return segment_counts(project / "omegat" / "project_stats.txt")


def segment_counts(stats: Path) -> dict[str, int]:
    """The Segments column of the Total and Remaining rows of OmegaT's project statistics."""
    counts = {}
    for line in stats.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        label = cells[0].strip().rstrip(":")
        if label in {"Total", "Remaining"} and label not in counts:
            counts[label] = int(cells[1])
    assert set(counts) == {"Total", "Remaining"}, stats.read_text(encoding="utf-8")
    return counts


@pytest.fixture(scope="module")
def built(example_project, tmp_path_factory) -> Path:
    """What `tmkit build` writes: the aligned TM and the OmegaT project that carries it."""
    out = tmp_path_factory.mktemp("out")
    build(example_project, out)
    return out


@pytest.fixture(scope="module")
def tm_file(built) -> Path:
    return built / TMX_NAME


@pytest.fixture(scope="module")
def article_project(built) -> Path:
    return built / "omegat"


@pytest.fixture(scope="module")
def article_counts(article_project, tmp_path_factory) -> dict[str, int]:
    return run_omegat(article_project, tmp_path_factory.mktemp("config"))


def test_our_tm_is_in_tm_auto_where_omegat_applies_it(article_project, tm_file):
    assert (article_project / "tm" / "auto" / tm_file.name).read_bytes() == tm_file.read_bytes()


def test_omegat_fills_at_least_98_percent_of_the_segments_from_our_tm(article_counts):
    total, remaining = article_counts["Total"], article_counts["Remaining"]
    assert total > 100
    assert (total - remaining) / total >= 0.98, article_counts


def test_omegat_segments_the_article_exactly_as_tmkit_does(article_counts, article_segments):
    # OmegaT's own rules would split after the initial in «و. مشریاکوف» (145 segments)
    assert article_counts["Total"] == len(article_segments)


@pytest.mark.parametrize(
    "english",
    [
        "Oil policies in the Caucasus",
        "Qasem Maleki",
        "The journal Asia and Africa, No. 8, 1997.",
        # its source opens with an initial: «و. مشریاکوف، کارشناس ...»
        "V. Meshcheryakov, expert at the Russian Centre for Strategic Development.",
    ],
)
def test_target_file_has_the_english_of_known_sentences(article_project, article_counts, english):
    target = article_project / "target" / f"{ARTICLE}.txt"
    assert english in target.read_text(encoding="utf-8")


QUESTION = "آیا نفت مهم است؟ روسیه با دید سیاسی به قفقاز می‌نگرد.\n"


@pytest.fixture
def question_project(tmp_path) -> Path:
    """A one-paragraph project whose two sentences are split only by a mid-paragraph ؟."""
    tmx = tmp_path / "question.tmx"
    units = [
        TranslationUnit("q:1", "آیا نفت مهم است؟", "Is oil important?"),
        TranslationUnit(
            "q:2", "روسیه با دید سیاسی به قفقاز می‌نگرد.", "Russia sees the Caucasus politically."
        ),
    ]
    write_tmx(units, tmx, creationdate=tmx_date(0))
    return write_omegat_project(tmp_path / "project", {"question": QUESTION}, tmx, default_srx())


def test_omegat_splits_after_a_mid_paragraph_question_mark_with_our_rules(
    question_project, tmp_path
):
    assert run_omegat(question_project, tmp_path / "config") == {"Total": 2, "Remaining": 0}
    target = (question_project / "target" / "question.txt").read_text(encoding="utf-8")
    assert target.strip() == "Is oil important? Russia sees the Caucasus politically."


def test_without_our_segmentation_conf_omegat_does_not_split_there(question_project, tmp_path):
    (question_project / "omegat" / "segmentation.conf").unlink()
    # segmentation.srx stays: OmegaT 3.6 ignores it, so its defaults decide (no break after ؟)
    assert run_omegat(question_project, tmp_path / "config") == {"Total": 1, "Remaining": 1}


NUMBER_CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "segmentation-number-cases.json").read_text(
        encoding="utf-8"
    )
)


@pytest.mark.parametrize(("language", "other"), [("fa-IR", "en-US"), ("en-US", "fa-IR")])
def test_omegat_splits_section_and_clause_numbers_as_tmkit_does(language, other, tmp_path):
    """Each case a paragraph, each segment tmkit makes a TM unit: OmegaT, with our rules,
    makes exactly those segments (a split anywhere else leaves one untranslated or adds one)."""
    cases = NUMBER_CASES[language]
    segments = [segment for case in cases for segment in case["segments"]]
    units = [
        TranslationUnit(f"n:{n}", segment, f"t{n}", srclang=language, tgtlang=other)
        for n, segment in enumerate(segments, 1)
    ]
    tmx = tmp_path / "numbers.tmx"
    write_tmx(units, tmx, srclang=language, creationdate=tmx_date(0))
    text = "\n\n".join(case["text"] for case in cases) + "\n"
    project = write_omegat_project(
        tmp_path / "project", {"numbers": text}, tmx, default_srx(), srclang=language, tgtlang=other
    )
    assert run_omegat(project, tmp_path / "config") == {"Total": len(segments), "Remaining": 0}
    (project / "omegat" / "segmentation.conf").unlink()  # OmegaT 3.6's own rules instead
    counts = run_omegat(project, tmp_path / "config-default")
    assert counts["Remaining"] > 0
    if language == "en-US":
        assert counts == {"Total": 41, "Remaining": 14}  # the figure the README gives


REALWORLD = Path(__file__).resolve().parents[1] / "data" / "realworld"
TAGGED_HTML = (
    '<html><head><meta charset="utf-8"><title>rules</title></head><body>\n'
    '<p><a href="rules.html">قوانین</a> و <i>شرایط</i></p>\n</body></html>\n'
)
LEVEL2_PREFS = """<?xml version="1.0" encoding="UTF-8" ?>
<omegat>
  <preference version="1.0">
    <ext_tmx_show_level2>true</ext_tmx_show_level2>
  </preference>
</omegat>
"""


@pytest.mark.parametrize(
    ("level2", "expected"),
    [
        # "Show level 2 tags" (Options › TMX): bpt/ept become OmegaT tags, paired by i
        (True, '<p><i>Terms</i> and <a href="rules.html">rules</a></p>'),
        # OmegaT's default reads another tool's TMX as text without its codes: no exact match
        (False, '<p><a href="rules.html">قوانین</a> و <i>شرایط</i></p>'),
    ],
)
def test_omegat_fills_a_tagged_segment_from_our_tagged_unit(level2, expected, tmp_path):
    tmx = tmp_path / "tagged.tmx"
    merge_tmx([REALWORLD / "03-tmx-inline-codes" / "tagged.tmx"], tmx, creationdate=tmx_date(0))
    project = write_omegat_project(tmp_path / "project", {"plain": "سلام.\n"}, tmx, default_srx())
    (project / "source" / "rules.html").write_text(TAGGED_HTML, encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir()
    if level2:
        (config / "omegat.prefs").write_text(LEVEL2_PREFS, encoding="utf-8")
    run_omegat(project, config)
    assert expected in (project / "target" / "rules.html").read_text(encoding="utf-8")
