"""``kill -9`` during ``tmkit build``, ``tmkit merge`` and ``tmkit glossary format`` (issue 12,
part 4): a real process (with its workers: the whole process group) is killed at random moments
of its run, several times, and every file it writes is then whole: the previous file or the
complete new one (``corpus/atomic.py``: a temporary file beside the target, renamed onto it).

A killed process cannot remove its temporary file: one may be left beside its target, hidden
(``.name.XXXX``), never in the target's place. After the kills a run to the end writes what an
uninterrupted run writes. The moments are drawn from a seeded generator over the length of one
uninterrupted run, measured first.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl

KILLS = 6
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}  # the same bytes on every run
SQLITE_JOURNAL = re.compile(r"\.sqlite-(?:wal|shm|journal)$")  # the TM store's (tm.sqlite)
TEMPORARY = re.compile(r"\.[^/]+\.(?:[a-z0-9_]{8}|staged)$")  # atomic_output's, _write_tm's


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tm", *args],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the workers are killed with it
    )


def _run(args: list[str], cwd: Path) -> float:
    """Run to the end; return how long it took."""
    started = time.monotonic()
    process = _start(args, cwd)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - started


def _length(args: list[str], folder: Path) -> float:
    """How long *args* runs to the end, timed in a copy of *folder* (left as it is)."""
    scratch = folder.parent / f"{folder.name}-timed"
    shutil.copytree(folder, scratch, symlinks=True)
    return _run(args, scratch)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _kill_at_random(args: list[str], cwd: Path, length: float, seed: int) -> list[dict]:
    """Start *args* until KILLS runs were killed with SIGKILL, each at a random moment of a
    run of *length* seconds; return the files under *cwd* after each run. A run that ended
    before its kill is no test: the window shrinks (the machine may have become faster than
    when *length* was timed), and at most 3 * KILLS runs are started."""
    moments = random.Random(seed)
    after = []
    killed = started = 0
    while killed < KILLS and started < 3 * KILLS:
        process = _start(args, cwd)
        started += 1
        time.sleep(moments.uniform(0.0, length))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed += 1
        else:
            length *= 0.6
        process.wait(timeout=60)
        after.append(_files(cwd))
    assert killed == KILLS, f"only {killed} of {started} runs were still running"
    return after


def _assert_whole(snapshots: list[dict], old: dict, new: dict) -> None:
    """Each file after each kill is its old or its new content; an extra file is a hidden
    temporary file or SQLite's journal of the TM store; no file is missing."""
    for files in snapshots:
        for name, content in files.items():
            if name in old or name in new:
                assert content in (old.get(name), new.get(name)), f"{name} is damaged"
            else:  # SQLite's own journal files: a killed transaction is rolled back from them
                assert TEMPORARY.search(name) or SQLITE_JOURNAL.search(name), f"{name} appeared"
        assert set(old) <= set(files), f"missing: {set(old) - set(files)}"


def _kill_then_finish(
    command: list[str], folder: Path, written: str, seed: int, finish: list[str] | None = None
) -> None:
    """Kill *command* in *folder* at random moments (:func:`_kill_at_random`), then run
    *finish* (default: *command*) to the end: after each kill every file is its old or its
    new content (:func:`_assert_whole`), *written* among those that change."""
    old = _files(folder)
    after = _kill_at_random(command, folder, _length(command, folder), seed)
    _without_temporaries(folder)
    _run(finish or command, folder)  # a build: from the cache the kills left
    new = _files(folder)
    assert new[written] != old[written]
    _assert_whole(after, old, new)


def _without_temporaries(folder: Path) -> None:
    for path in list(folder.rglob("*")):
        if path.is_file() and TEMPORARY.search(str(path.relative_to(folder))):
            path.unlink()


def test_kill_9_during_merge_leaves_the_previous_output(tmp_path):
    tmp_path = tmp_path / "merge"
    tmp_path.mkdir()
    units = "".join(
        f'<tu tuid="u{n}"><tuv xml:lang="fa-IR"><seg>تولید نفت {n} درصد افزایش یافت.</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>Oil output rose {n} per cent.</seg></tuv></tu>\n'
        for n in range(20_000)
    )
    (tmp_path / "a.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" '
        f'srclang="fa-IR" o-tmf="x"/><body>\n{units}</body></tmx>\n',
        encoding="utf-8",
    )
    (tmp_path / "merged.tmx").write_bytes(b"the previous merge, whatever it holds")
    _kill_then_finish(["merge", "a.tmx", "-o", "merged.tmx"], tmp_path, "merged.tmx", seed=1)


def test_kill_9_during_build_leaves_the_previous_build(tmp_path):
    from tm.scaffold import init_project

    project = init_project(tmp_path / "project", example=True).root
    command = ["build", "--full"]  # every run aligns again: each as long as the one timed
    _run(command, project)
    (english,) = project.glob("texts/*/en.txt")
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    _kill_then_finish(command, project, "out/tm.fa-en.tmx", seed=2, finish=["build"])
    scratch = tmp_path / "again"  # the cache the kills left gives what a fresh build gives
    shutil.copytree(project, scratch, symlinks=True, ignore=shutil.ignore_patterns(".tmkit"))
    _run(["build"], scratch)
    assert _files(scratch / "out") == _files(project / "out")


def test_kill_9_during_glossary_format_leaves_the_previous_workbook(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    workbook = folder / "terms.xlsx"
    shutil.copy(Path(__file__).parents[1] / "glossary" / "terms.xlsx", workbook)
    command = ["glossary", "format", "terms.xlsx"]
    book = openpyxl.load_workbook(workbook)  # two concepts swapped: format sorts them back
    terms = book["Terms"]
    second, third = ([cell.value for cell in terms[row]] for row in (2, 3))
    for cell, value in zip(terms[2], third, strict=True):
        cell.value = value
    for cell, value in zip(terms[3], second, strict=True):
        cell.value = value
    book.save(workbook)
    _kill_then_finish(command, folder, "terms.xlsx", seed=3)
