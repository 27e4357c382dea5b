"""`tmkit check` at scale: a TMX of 100,000 units (and 1,000,000 with --million) against
glossaries of 100, 1,000 and 10,000 concepts, with --jobs 1 and --jobs 2; prints a table.

The units are TICO-19's 3,071 real sentence pairs (tests/data/tico19/all.en-fa.tmx, CC0) over
and over, numbered so that no two are alike (`(۱۲)` after the Persian, `(12)` after the
English); the glossaries are those of benchmarks/scale_glossary.py. Each check runs in a fresh
process (`python -m tm check --tmx … --glossary …`, the table format, its output to a file), as
a user runs it. "CPU s" is the processor time of the command and its workers
(user and system), which other work on the machine changes little, where "seconds" (wall
clock) it changes much; "max RSS MB" is the largest resident size any one of its processes
reached (the kernel's count); "all MB" the most that its processes held together, sampled every
50 ms as the sum of their proportional set sizes (a page shared by a worker and its parent
counted once); "same" says whether the output is byte for byte that of --jobs 1.

Usage: python benchmarks/bench_check.py [--units N …] [--terms N …] [--jobs N …] [--million]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from scale_glossary import DATA, glossary

from glossary.workbook import write_glossary
from tm.tmx import read_tmx, write_tmx
from tm.unit import TranslationUnit

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def numbered_units(count: int) -> Iterator[TranslationUnit]:
    """*count* units: TICO-19's in turn, each numbered on both sides (``CMU_1:1#2``)."""
    real = list(read_tmx(DATA / "all.en-fa.tmx", srclang="fa"))
    for n in range(count):
        unit = real[n % len(real)]
        yield replace(
            unit,
            tuid=f"{unit.tuid}#{n // len(real)}",
            source=f"{unit.source} ({str(n).translate(PERSIAN_DIGITS)})",
            target=f"{unit.target} ({n})",
        )


def check(tmx: Path, workbook: Path, jobs: int, output: Path) -> dict[str, object]:
    """Run ``tmkit check`` in a fresh process; its seconds, memory, summary and output digest."""
    command = [sys.executable, "-m", "tm", "check", "--tmx", str(tmx), "--glossary",
               str(workbook), "--jobs", str(jobs)]  # fmt: skip
    start = time.perf_counter()
    with output.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        sampler = _Sampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"tmkit check failed:\n{stderr}")
    data = output.read_bytes()
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,  # the process's and its reaped workers'
        "rss": usage.ru_maxrss / 1024,  # KiB on Linux: the largest of the process and its children
        "all": sampler.peak / 1024,
        "summary": data.rstrip().rsplit(b"\n", 1)[-1].decode(),
        "digest": hashlib.sha256(data).hexdigest(),
    }


class _Sampler(threading.Thread):
    """Samples the proportional set size of a process and its descendants (Linux's /proc)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _pss(pid: int) -> int:
    """The proportional set size of *pid* in KiB, 0 when it has ended."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[100_000])
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--million", action="store_true", help="also check 1,000,000 units")
    args = parser.parse_args()
    sizes = [*args.units, *([1_000_000] if args.million else [])]
    print(f"{'units':>9} {'terms':>6} {'jobs':>4} {'seconds':>8} {'CPU s':>7} {'units/s':>8} "
          f"{'max RSS MB':>10} {'all MB':>7} {'same':>4}  findings")  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for terms in args.terms:
            write_glossary(glossary(terms), folder / f"terms-{terms}.xlsx")
        for units in sizes:
            tmx = folder / f"units-{units}.tmx"
            write_tmx(numbered_units(units), tmx, creationdate="20240101T000000Z")
            for terms in args.terms:
                first = None
                for jobs in args.jobs:
                    found = check(tmx, folder / f"terms-{terms}.xlsx", jobs, folder / "out.txt")
                    first = first or found["digest"]
                    print(f"{units:>9} {terms:>6} {jobs:>4} {found['seconds']:>8.1f} "
                          f"{found['cpu']:>7.1f} {units / found['seconds']:>8.0f} "
                          f"{found['rss']:>10.0f} "
                          f"{found['all']:>7.0f} {'yes' if found['digest'] == first else 'NO':>4}"
                          f"  {found['summary']}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
