"""How long the worst inputs of up to 5 MB take to be refused or graded (issue 12).

    python benchmarks/hostile.py                 # every case, medians of 3 runs
    python benchmarks/hostile.py --repeat 1 --check

Each case is a file of at most 5 MB built to cost as much as its kind can (a base-60
number of 4.9 MB, 45,000 unknown ids, a line of 4.9 MB, JSON nested 2,000 levels deep ...).
Each is run as its own process (``python -m wcc_assess``, start-up included), interleaved
with the reference: ``wcc validate`` of the example submission, whose time is what any
run costs. The table gives the exit code, the median wall time and CPU time (user and
system, of the process: unlike wall time, it does not grow with other work on the
machine), each with its ratio to the reference in the same run. The target is "refused or
graded in about a second", so the CPU time beyond the reference (the work the file itself
causes) is held to one second.
Exit status 0, or 1 with ``--check`` when a case misses it or exits other than 0, 1 or 2.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "westmarsh-2026-27.yaml"
LIMIT = 5 * 1024 * 1024 - 4096
TARGET_SECONDS = 1.0
"""The work a file may add to an ordinary run: about a second."""


def _submission() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def _fill(head: str, unit: str, tail: str = "\n") -> str:
    """``head`` then ``unit`` repeated up to the size limit, then ``tail``."""
    count = (LIMIT - len(head) - len(tail)) // len(unit)
    return head + unit * count + tail


def _unknown_ids(domain: bool) -> str:
    lines = _submission().split("\n")
    anchor = "domains:" if domain else "  C1:"
    at = next(n for n, line in enumerate(lines) if line.startswith(anchor))
    extra = [f"  Z{n}: 1" if domain else f"    X{n}.{n}: 1" for n in range(45_000)]
    return "\n".join(lines[: at + 1] + extra + lines[at + 1 :])


def _result(change: Callable[[str], str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "wcc_assess", "assess", str(EXAMPLE), "--format", "json"],
        capture_output=True,
        check=False,
        env=_env(),
    )
    return change(done.stdout.decode("utf-8"))


CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "base-60 integer, 4.9 MB": ("yaml", lambda: _fill("framework: wcc\nlevel: 1", ":59")),
    "base-60 float, 4.9 MB": ("yaml", lambda: _fill("framework: wcc\nlevel: 1", ":59", ".5\n")),
    "5,000-digit integers": ("yaml", lambda: _fill("framework: wcc\nx:\n", f"  - {'9' * 5000}\n")),
    "one line of 4.9 MB": ("yaml", lambda: _fill("framework: wcc\nnarrative: ", "word ")),
    "45,000 unknown indicators": ("yaml", lambda: _unknown_ids(domain=False)),
    "45,000 unknown domains": ("yaml", lambda: _unknown_ids(domain=True)),
    "100,000 values": ("yaml", lambda: _fill("framework: wcc\nx:\n", "  - 1\n")),
    "nested flow, 5 MB": ("yaml", lambda: "x: " + "[" * (LIMIT // 2 - 8) + "]" * (LIMIT // 2 - 8)),
    "every line tab-indented": ("yaml", lambda: _fill("framework: wcc\nx:\n", "\tk: v\n")),
    "text cut by ' #' everywhere": (
        "yaml",
        lambda: _fill("framework: wcc\nx:\n", "  - a b #c\n"),
    ),
    "Windows-1252, bad byte last": ("bytes", lambda: _fill("framework: wcc\nx: ", "a") + "\u201c"),
    "result JSON nested 2,000 deep": (
        "json",
        lambda: _result(
            lambda t: t.replace('"warnings": [', '"warnings": [' + "[" * 2000 + "]" * 2000 + ",", 1)
        ),
    ),
    "result JSON of 4.9 MB warnings": (
        "json",
        lambda: _result(
            lambda t: t.replace(
                '"warnings": [', '"warnings": [' + '"w", ' * (LIMIT // 6 - 20000), 1
            )
        ),
    ),
    "result JSON, 5,000-digit score": (
        "json",
        lambda: _result(lambda t: t.replace('"score": ', '"score": ' + "9" * 5000 + ', "x": ', 1)),
    ),
}


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""),
        "SOURCE_DATE_EPOCH": "1790000000",
    }


def _run(args: list[str]) -> tuple[float, float, int]:
    """Run ``wcc ARGS``; return its wall time, its CPU time (user and system) and exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "wcc_assess", *args],
        capture_output=True,
        check=False,
        env=_env(),
        timeout=300,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def _write(folder: Path, name: str, kind: str, make: Callable[[], str]) -> tuple[Path, list[str]]:
    text = make()
    if kind == "json":
        path = folder / f"{len(os.listdir(folder))}.json"
        path.write_text(text, encoding="utf-8")
        return path, ["assess", str(EXAMPLE), "--baseline", str(path), "--format", "json"]
    path = folder / f"{len(os.listdir(folder))}.yaml"
    if kind == "bytes":
        path.write_bytes(text.encode("cp1252"))
    else:
        path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= 5 * 1024 * 1024, (name, path.stat().st_size)
    return path, ["validate", str(path)]


def main() -> int:
    """Build every case, time it against the reference, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a case is too slow")
    options = parser.parse_args()
    missed = 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        cases = {name: _write(folder, name, *case) for name, case in CASES.items()}
        reference = ["validate", str(EXAMPLE)]
        print(
            f"{'case':32} {'size':>6} {'exit':>4} {'wall':>6} {'ratio':>5} {'cpu':>6} "
            f"{'ratio':>5} {'extra cpu':>9}"
        )
        for name, (path, args) in cases.items():
            runs, refs, codes = [], [], set()
            for _ in range(options.repeat):
                refs.append(_run(reference))
                wall, cpu, code = _run(args)
                runs.append((wall, cpu))
                codes.add(code)
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            ref_wall = statistics.median(r[0] for r in refs)
            ref_cpu = statistics.median(r[1] for r in refs)
            extra = cpu - ref_cpu
            size = f"{path.stat().st_size / 1024 / 1024:.1f}MB"
            code = "/".join(map(str, sorted(codes)))
            print(
                f"{name:32} {size:>6} {code:>4} {wall:5.2f}s {wall / ref_wall:4.1f}x "
                f"{cpu:5.2f}s {cpu / ref_cpu:4.1f}x {extra:8.2f}s"
            )
            if extra > TARGET_SECONDS or not codes <= {0, 1, 2}:
                missed += 1
        print(
            f"reference: wcc validate {EXAMPLE.name}; target: extra CPU time <= "
            f"{TARGET_SECONDS} s (CPU time does not depend on the machine's load; wall time does)"
        )
        print(json.dumps({"load": os.getloadavg()}))
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
