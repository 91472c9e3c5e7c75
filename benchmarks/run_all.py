"""Run every benchmark in turn (`make bench`): NLI scorer speed, then end-to-end articles/s; each prints its table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("nli_speed.py", "e2e.py")


def main() -> int:
    failed = [name for name in BENCHMARKS if subprocess.call([sys.executable, str(HERE / name)]) != 0]
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
