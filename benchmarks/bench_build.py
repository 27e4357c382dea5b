"""Project builds: 200 document pairs from scratch (1 and 2 processes, and on a Dask
LocalCluster of as many single-threaded worker processes), then after one edit.

The pairs are cut from TICO-19's 31 real documents (tests/data/tico19, CC0): consecutive runs
of 40 units, in paragraphs of 4 (200 pairs of 63 distinct runs, 8,000 sentence pairs). Each
build runs in a fresh process (`python -m tm build`), as a user runs it; the table prints
wall-clock seconds and the pairs aligned. The cluster build (``--scheduler``, tmkit[cluster])
counts connecting to the cluster and its workers' first imports, not starting it; without
Dask distributed its row says so. Usage: python benchmarks/bench_build.py [--pairs N]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "tico19" / "all.en-fa.tmx"
UNITS_PER_PAIR, PARAGRAPH = 40, 4
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def documents() -> list[list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for tu in etree.parse(str(DATA)).getroot().iter("tu"):
        segments = {tuv.get(LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        found.setdefault(tu.findtext("prop"), []).append((segments["fa"], segments["en"]))
    return list(found.values())


def make_project(root: Path, pairs: int) -> None:
    tmkit(root.parent, "init", root.name)
    chunks = [
        document[start : start + UNITS_PER_PAIR]
        for document in documents()
        for start in range(0, len(document) - UNITS_PER_PAIR + 1, UNITS_PER_PAIR)
    ]
    for number in range(pairs):
        chunk = chunks[number % len(chunks)]
        folder = root / "texts" / f"pair-{number:03}"
        folder.mkdir(parents=True)
        for name, side in (("fa.raw.txt", 0), ("en.txt", 1)):
            paragraphs = [chunk[i : i + PARAGRAPH] for i in range(0, len(chunk), PARAGRAPH)]
            text = "\n\n".join(" ".join(unit[side] for unit in p) for p in paragraphs)
            (folder / name).write_text(text + "\n", encoding="utf-8")


def tmkit(cwd: Path, *args: str) -> tuple[int, float]:
    """Run tmkit; return the pairs it says it aligned and the wall-clock seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tm", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    aligned = re.search(r"^aligned (\d+) pairs", done.stdout, re.M)
    return (int(aligned.group(1)) if aligned else 0), seconds


def cluster_build(root: Path, workers: int) -> tuple[int, float] | None:
    """A full build with ``--scheduler``, on a LocalCluster of *workers* processes of one
    thread on 127.0.0.1; None without Dask distributed."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:  # fmt: skip
        return tmkit(root, "build", "--full", "--scheduler", cluster.scheduler_address)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "project"
        make_project(root, args.pairs)
        rows = [
            ("full build, 1 process", tmkit(root, "build", "--full", "--jobs", "1")),
            (f"full build, {cores} processes", tmkit(root, "build", "--full")),
            (f"full build, {cores} Dask workers", cluster_build(root, cores)),
            ("rebuild, nothing changed", tmkit(root, "build")),
        ]
        english = root / "texts" / "pair-007" / "en.txt"
        english.write_text(english.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        rows.append(("rebuild after one edit", tmkit(root, "build")))
        single = root.parent / "single"
        make_project(single, 1)
        rows.append(("a project of one pair", tmkit(single, "build")))
    print(f"{'build':<28} {'pairs aligned':>13} {'seconds':>8}")
    for name, row in rows:
        if row is None:
            print(f"{name:<28} {'(pip install tmkit[cluster])':>22}")
        else:
            print(f"{name:<28} {row[0]:>13} {row[1]:>8.2f}")


if __name__ == "__main__":
    main()
