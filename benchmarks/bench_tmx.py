"""TMX write and read throughput on synthetic fa/en units; prints a table.

The units are sentences of the bundled article's kind, numbered so that no two are equal. Each
step runs in a fresh process, twice: timed, then traced. "peak MB" is what tracemalloc sees
(Python objects only); "RSS MB" is the process's maximum resident size, libxml2's buffers and
the interpreter included.
Run: ``tox -e bench`` or ``python benchmarks/bench_tmx.py``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from tm.tmx import read_tmx, write_tmx
from tm.unit import TranslationUnit

UNITS = 200_000
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SENTENCES = [
    ("سیاست‌های نفتی در قفقاز", "Oil policies in the Caucasus"),
    (
        "این دیدگاه، بسیار خوش‌بینانه است و در واقع صحیح نیست.",
        "This view is highly optimistic and is in fact incorrect.",
    ),
    (
        "ارامنه با حمایت روسیه در مقابل جمهوری آذربایجان ایستاده‌اند.",
        "With Russia's support, the Armenians have stood up against the Republic of Azerbaijan.",
    ),
    ("آیا نفت برای روسیه آن چنان اهمیت دارد؟", "Is oil so important for Russia?"),
    ("نزاویسیمایا گازتا، ۸ آوریل ۱۹۹۷.", "Nezavisimaya Gazeta, 8 April 1997."),
]


def synthetic_units(count: int) -> Iterator[TranslationUnit]:
    for n in range(count):
        source, target = SENTENCES[n % len(SENTENCES)]
        yield TranslationUnit(
            f"synthetic:b{n}",
            f"{source} ({str(n).translate(PERSIAN_DIGITS)})",
            f"{target} ({n})",
            document="synthetic",
            source_blocks=(f"p{n // 4}",),
            target_blocks=(f"p{n // 4}",),
            score=(n % 1000) / 1000,
        )


def step(name: str, path: Path) -> dict[str, float]:
    """Run one step twice in this (fresh) process: timed, then traced by tracemalloc."""

    def run() -> int:
        if name == "write":
            return write_tmx(synthetic_units(UNITS), path, creationdate="20240101T000000Z")
        return sum(1 for _ in read_tmx(path))

    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "peak": peak, "rss": rss}


def main() -> None:
    print(f"{'step':<6} {'units':>8} {'file MB':>8} {'seconds':>8} {'units/s':>8} "
          f"{'peak MB':>8} {'RSS MB':>7}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.tmx"
        for name in ("write", "read"):  # each in a fresh process, so RSS is the step's own
            child = [sys.executable, __file__, name, str(path)]
            result = json.loads(subprocess.run(child, check=True, capture_output=True).stdout)
            size = path.stat().st_size / 2**20
            print(f"{name:<6} {UNITS:>8} {size:>8.1f} {result['seconds']:>8.2f} "
                  f"{UNITS / result['seconds']:>8.0f} {result['peak']:>8.2f} "
                  f"{result['rss']:>7.0f}")  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) == 3:
        print(json.dumps(step(sys.argv[1], Path(sys.argv[2]))))
    else:
        main()
