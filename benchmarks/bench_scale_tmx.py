"""TMX at scale, side by side: reading and merging with tmkit, a bare lxml floor and
translate-toolkit; prints one table.

The data are :mod:`scale_units`' (TICO-19's real sentences varied into distinct units, with
ZWNJs, Persian digits, inline codes and the metadata CAT tools write). Each step runs in a fresh
process, one after the other in the same run, start-up and imports included: "CPU s" is the
child's user + system time, "wall s" its wall-clock time and "RSS MB" its peak resident size
(all from ``os.wait4``'s resource usage; RSS holds libxml2's buffers and the interpreter). Every
step is single-threaded, so CPU time is what a step costs even when other work shares the
cores, which stretches wall-clock times; the ratios are of CPU time.

- read, lxml iterparse (the floor): each ``<tu>``'s segment texts and nothing else, each tu
  cleared once read;
- read, tmkit: :func:`tm.tmx.read_tmx`, every unit made (text, codes, metadata, checks);
- read, translate-toolkit: ``tmxfile.parsefile`` and each unit's source and target;
- merge, tmkit: ``tmkit merge IN -o OUT`` (read, normalize tags and dates, deduplicate, write);
- merge, translate-toolkit: ``tmxfile.parsefile`` then ``serialize`` (no deduplication).

"vs tmkit" is the step's CPU time over tmkit's for the same work (tmkit's steps run first).
The last lines say whether issue 12's targets hold: tmkit's read within 1.5× the floor;
translate-toolkit's parse + serialize at least 3× tmkit's merge, and tmkit's merge under
300 MB.

Run: ``tox -e bench``, or ``python benchmarks/bench_scale_tmx.py [--units N ...] [--million]
[--runs R]`` (default 200,000 units; ``--million`` adds 1,000,000: about 6 GB of memory for
translate-toolkit and 2.5 GB of disk in the temporary folder). translate-toolkit is the
``clients`` extra (``pip install -e .[clients]``); without it its rows are left out.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_units import write_tmx

HERE = Path(__file__).resolve().parent
# (work, tool, what the child process runs: a step of this script, or tmkit's command line)
STEPS = (
    ("read", "tmkit read_tmx", "tmkit-read"),
    ("read", "lxml iterparse, text only (floor)", "floor"),
    ("read", "translate-toolkit tmxfile", "toolkit-read"),
    ("merge", "tmkit merge", "tmkit-merge"),
    ("merge", "translate-toolkit parse + serialize", "toolkit-merge"),
)
TOOLKIT = importlib.util.find_spec("translate") is not None
READ_TARGET, MERGE_TARGET, RSS_TARGET = 1.5, 3.0, 300  # issue 12


def child(step: str, path: str, output: str) -> None:
    """Run one step in this (fresh) process; print how many units it saw."""
    if step == "floor":
        from lxml import etree

        units = 0
        for _, tu in etree.iterparse(path, events=("end",), tag="tu", resolve_entities=False):
            texts = ["".join(seg.itertext()) for seg in tu.iter("seg")]
            units += len(texts) > 1
            tu.clear(keep_tail=False)
            while tu.getprevious() is not None:
                del tu.getparent()[0]
    elif step == "tmkit-read":
        from tm.tmx import read_tmx

        units = sum(1 for _ in read_tmx(path))
    elif step == "toolkit-read":
        from translate.storage import tmx

        units = sum(1 for unit in tmx.tmxfile.parsefile(path).units if unit.source and unit.target)
    else:  # toolkit-merge
        from translate.storage import tmx

        store = tmx.tmxfile.parsefile(path)
        with open(output, "wb") as out:
            store.serialize(out)
        units = len(store.units)
    print(json.dumps({"units": units}))


def run(step: str, path: Path, output: Path) -> tuple[float, float, float]:
    """CPU seconds, wall-clock seconds and peak RSS (MB) of *step* in a fresh process."""
    if step == "tmkit-merge":
        command = [sys.executable, "-m", "tm", "merge", str(path), "-o", str(output)]
    else:
        command = [sys.executable, __file__, "--child", step, str(path), str(output)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()  # merge's warnings (conflicts): read so the pipe never fills
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.exit(f"{step} failed ({process.returncode}): {errors.decode()[-2000:]}")
    output.unlink(missing_ok=True)
    return usage.ru_utime + usage.ru_stime, seconds, usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, nargs="+", default=[200_000], help="sizes")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 units")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs of each step, the one of least CPU time kept"
    )
    args = parser.parse_args()
    sizes = sorted(set(args.units) | ({1_000_000} if args.million else set()))
    steps = [s for s in STEPS if TOOLKIT or not s[2].startswith("toolkit")]
    print(f"{'work':<6} {'units':>9} {'MB':>6} {'tool':<36} {'CPU s':>7} {'wall s':>7} "
          f"{'RSS MB':>7} {'vs tmkit':>8}")  # fmt: skip
    verdicts = []
    with tempfile.TemporaryDirectory() as folder:
        for units in sizes:
            path, output = Path(folder) / f"units-{units}.tmx", Path(folder) / "out.tmx"
            size = write_tmx(path, units) / 2**20
            measured = {}
            for work, tool, step in steps:
                runs = [run(step, path, output) for _ in range(args.runs)]
                measured[step] = cpu, wall, rss = min(runs)
                ratio = cpu / measured[f"tmkit-{work}"][0]
                print(f"{work:<6} {units:>9} {size:>6.0f} {tool:<36} {cpu:>7.2f} {wall:>7.2f} "
                      f"{rss:>7.0f} {ratio:>8.2f}")  # fmt: skip
            path.unlink()
            verdicts += _verdicts(units, measured)
    for line in verdicts:
        print(line)


def _verdicts(units: int, measured: dict[str, tuple[float, float]]) -> list[str]:
    """Issue 12's targets at *units*: met or missed, with the ratio."""
    floor, read = measured["floor"][0], measured["tmkit-read"][0]
    merge, _, rss = measured["tmkit-merge"]
    lines = [f"{units}: tmkit read is {read / floor:.2f}× the floor (target ≤ {READ_TARGET}: "
             f"{'met' if read / floor <= READ_TARGET else 'missed'})"]  # fmt: skip
    if "toolkit-merge" in measured:
        peer = measured["toolkit-merge"][0] / merge
        lines.append(f"{units}: translate-toolkit parse + serialize takes {peer:.2f}× tmkit "
                     f"merge's time (target ≥ {MERGE_TARGET}: "
                     f"{'met' if peer >= MERGE_TARGET else 'missed'})")  # fmt: skip
    lines.append(f"{units}: tmkit merge peak RSS {rss:.0f} MB (target < {RSS_TARGET}: "
                 f"{'met' if rss < RSS_TARGET else 'missed'})")  # fmt: skip
    return lines


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(*sys.argv[2:])
    else:
        main()
