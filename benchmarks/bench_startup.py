"""Start-up of the command line: `tmkit --version`, `tmkit --help`, `tmkit build --help`.

Each is run 10 times in a fresh process (as a shell runs it); the table prints the median and
the slowest wall-clock time. Usage: python benchmarks/bench_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

COMMANDS = (["--version"], ["--help"], ["build", "--help"], ["glossary", "lint", "--help"])
RUNS = 10


def main() -> None:
    print(f"{'command':<28} {'median s':>8} {'max s':>8}")
    for args in COMMANDS:
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "tm", *args], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        name = "tmkit " + " ".join(args)
        print(f"{name:<28} {statistics.median(times):>8.3f} {max(times):>8.3f}")


if __name__ == "__main__":
    main()
