"""The performance ratios of product.md §5, measured in one run.

    python benchmarks/bench.py --n 1000            # the figures quoted in the README
    python benchmarks/bench.py --n 20 --repeat 1 --startup-repeat 1   # a quick smoke run

Every figure is a ratio against a floor measured in the same run, on the same machine, with
the commands interleaved (A B A B ...) and the median of several repetitions taken, so that
a slower or busier machine moves both sides alike:

1. ``wcc --help`` against the floor app's ``--help`` (target <= 1.2).
2. ``wcc assess EXAMPLE --format json`` against the floor app loading the same file and
   printing it as JSON (target <= 1.5).
3. ``wcc cohort`` of N generated submissions (``--format json``, report discarded) against
   one Python process that merely loads the same files with ``yaml.CSafeLoader``
   (target <= 1.3). Each side is timed as a whole process, start-up included.
5. Workbooks, side by side with their YAML twins (issue 17): ``wcc assess x.xlsx --format
   json`` against ``wcc assess x.yaml --format json`` for the example (target <= 1.6), and
   ``wcc cohort`` of ``--xlsx-n`` (200) workbooks against the same cohort in YAML (target
   <= 2.0). The workbooks are the generated submissions written by ``wcc convert``'s writer.
4. The cohort run's peak memory, measured separately (sampling costs CPU): the largest total
   proportional set size (PSS: shared pages divided among the processes sharing them) of the
   whole process tree, sampled every few milliseconds, and, as a conservative bound, the sum
   of each process's own peak resident set (VmHWM), which counts pages a forked worker
   shares with its parent twice (target: under 150 MB).

The commands run this checkout's code (``src/`` first on PYTHONPATH) with this Python.
Exit status 0, or 1 with ``--check`` when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "westmarsh-2026-27.yaml"
EXAMPLE_XLSX = ROOT / "examples" / "westmarsh-2026-27.xlsx"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402 - benchmarks/ is not a package

FLOOR_LOAD = """\
import os, sys, yaml
root = sys.argv[1]
names = []
for folder, dirs, files in os.walk(root):
    dirs.sort()
    names += [os.path.join(folder, f) for f in sorted(files) if f.endswith(('.yaml', '.yml'))]
for name in names:
    with open(name, encoding='utf-8') as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""

TARGETS = {"help": 1.2, "assess": 1.5, "cohort": 1.3, "assess_xlsx": 1.6, "cohort_xlsx": 2.0}
MEMORY_TARGET_MB = 150.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("NO_COLOR", None)
    env["SOURCE_DATE_EPOCH"] = "1790000000"
    return env


def _run(command: list[str], env: dict[str, str]) -> float:
    """Run ``command`` to completion, output discarded; return its wall time in seconds."""
    start = time.perf_counter()
    proc = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT, check=False
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(command)} failed ({proc.returncode}):\n"
            f"{proc.stderr.decode(errors='replace')}"
        )
    return elapsed


def interleaved(pairs: dict[str, list[str]], repeat: int, env: dict[str, str]) -> dict[str, float]:
    """Run each command once to warm up, then ``repeat`` rounds in turn; return medians."""
    for command in pairs.values():
        _run(command, env)
    times: dict[str, list[float]] = {name: [] for name in pairs}
    for _ in range(repeat):
        for name, command in pairs.items():
            times[name].append(_run(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += _children(current)
    return pids


def _status_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Memory:
    """Peaks of one sampled run, in MB."""

    pss_total: float = 0.0
    """Largest sampled sum of PSS over the process tree."""
    rss_total: float = 0.0
    """Largest sampled sum of RSS over the process tree."""
    hwm_sum: float = 0.0
    """Sum of each process's own peak RSS (VmHWM): a conservative bound."""
    processes: int = 0
    hwm: dict[int, int] = field(default_factory=dict)


def sampled(command: list[str], env: dict[str, str], interval: float = 0.004) -> Memory:
    """Run ``command`` while sampling its process tree's memory; return the peaks."""
    if not Path("/proc/self/smaps_rollup").exists():
        raise SystemExit("memory sampling needs Linux /proc (smaps_rollup)")
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    memory = Memory()
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            pids = _tree(proc.pid)
            pss = rss = 0
            for pid in pids:
                pss += _pss_kb(pid)
                rss += _status_kb(pid, "VmRSS:")
                high = _status_kb(pid, "VmHWM:")
                if high:
                    memory.hwm[pid] = max(memory.hwm.get(pid, 0), high)
            memory.pss_total = max(memory.pss_total, pss / 1024)
            memory.rss_total = max(memory.rss_total, rss / 1024)
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    done.set()
    sampler.join()
    memory.hwm_sum = sum(memory.hwm.values()) / 1024
    memory.processes = len(memory.hwm)
    return memory


def _as_workbook(paths: tuple[Path, Path]) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from wcc_assess.io.reading import read_document
    from wcc_assess.render.workbook import submission_workbook
    from wcc_assess.usecases.frameworks import resolve_framework

    source, target = paths
    data = read_document(source).data
    target.write_bytes(submission_workbook(resolve_framework(data["framework"]), data))


def workbook_twins(cohort_dir: Path, n: int, scratch: Path) -> tuple[Path, Path]:
    """Copy the first ``n`` submissions to a folder, and write each as a workbook to another."""
    import multiprocessing
    import shutil

    yaml_dir, xlsx_dir = scratch / "twins-yaml", scratch / "twins-xlsx"
    yaml_dir.mkdir()
    xlsx_dir.mkdir()
    sources = sorted(cohort_dir.rglob("*.yaml"))[:n]
    for source in sources:
        shutil.copy(source, yaml_dir / source.name)
    jobs = [(source, xlsx_dir / (source.stem + ".xlsx")) for source in sources]
    with multiprocessing.Pool() as pool:
        pool.map(_as_workbook, jobs)
    return yaml_dir, xlsx_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="submissions in the cohort")
    parser.add_argument("--repeat", type=int, default=5, help="timed cohort rounds")
    parser.add_argument("--startup-repeat", type=int, default=21, help="timed start-up rounds")
    parser.add_argument("--memory-repeat", type=int, default=3, help="sampled cohort runs")
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("--xlsx-n", type=int, default=200, help="workbooks in the xlsx cohort")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    # Measure an installed tool as it runs every day: its bytecode already written. Where
    # PYTHONDONTWRITEBYTECODE is set (some CI images set it), the modules of src/ would
    # otherwise be compiled from source on every run while the floor's come from .pyc files.
    compileall.compile_dir(ROOT / "src", quiet=1)
    env = _env()
    python = sys.executable
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    floor_app = str(HERE / "floor_app.py")

    with tempfile.TemporaryDirectory(prefix="wcc-bench-") as scratch:
        cohort_dir = Path(scratch) / "cohort"
        generate(args.n, cohort_dir, seed=args.seed)
        startup = interleaved(
            {
                "floor --help": [python, floor_app, "--help"],
                "wcc --help": [python, "-m", "wcc_assess", "--help"],
                "floor load": [python, floor_app, "load", str(EXAMPLE)],
                "wcc assess": [
                    python,
                    "-m",
                    "wcc_assess",
                    "assess",
                    str(EXAMPLE),
                    "--format",
                    "json",
                ],
                "wcc assess xlsx": [
                    python,
                    "-m",
                    "wcc_assess",
                    "assess",
                    str(EXAMPLE_XLSX),
                    "--format",
                    "json",
                ],
            },
            args.startup_repeat,
            env,
        )
        cohort_command = [
            python,
            "-m",
            "wcc_assess",
            "cohort",
            str(cohort_dir),
            "--format",
            "json",
            "--quiet",
        ]
        bulk = interleaved(
            {
                "yaml.load": [python, "-c", FLOOR_LOAD, str(cohort_dir)],
                "wcc cohort": cohort_command,
            },
            args.repeat,
            env,
        )
        memories = [sampled(cohort_command, env) for _ in range(args.memory_repeat)]
        yaml_dir, xlsx_dir = workbook_twins(cohort_dir, args.xlsx_n, Path(scratch))
        twins = interleaved(
            {
                "cohort yaml twins": [*cohort_command[:4], str(yaml_dir), *cohort_command[5:]],
                "cohort xlsx twins": [*cohort_command[:4], str(xlsx_dir), *cohort_command[5:]],
            },
            args.repeat,
            env,
        )

    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    ratios = {
        "help": startup["wcc --help"] / startup["floor --help"],
        "assess": startup["wcc assess"] / startup["floor load"],
        "cohort": bulk["wcc cohort"] / bulk["yaml.load"],
        "assess_xlsx": startup["wcc assess xlsx"] / startup["wcc assess"],
        "cohort_xlsx": twins["cohort xlsx twins"] / twins["cohort yaml twins"],
    }
    pss = statistics.median(m.pss_total for m in memories)
    hwm = statistics.median(m.hwm_sum for m in memories)
    rss = statistics.median(m.rss_total for m in memories)
    processes = max(m.processes for m in memories)
    missed = [name for name, ratio in ratios.items() if ratio > TARGETS[name]]
    if pss >= MEMORY_TARGET_MB:
        missed.append("memory")
    figures = {
        "n": args.n,
        "repeat": args.repeat,
        "startup_repeat": args.startup_repeat,
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": sys.version.split()[0],
        "load_average": [load_before, load_after],
        "seconds": {**startup, **bulk, **twins},
        "ratios": ratios,
        "targets": TARGETS,
        "memory_mb": {
            "peak_pss_total": pss,
            "peak_rss_total": rss,
            "sum_of_peak_rss": hwm,
            "processes": processes,
            "target": MEMORY_TARGET_MB,
        },
        "missed": missed,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:

        def line(label: str, value: str, verdict: str = "") -> None:
            print(f"  {label:<46}{value:>14}  {verdict}")

        def verdict(name: str) -> str:
            return f"target <= {TARGETS[name]}: " + (
                "met" if ratios[name] <= TARGETS[name] else "MISSED"
            )

        print(
            f"wcc-assess benchmark: {args.n} submissions, Python {figures['python']}, "
            f"{figures['cpus']} CPUs; medians of {args.startup_repeat} start-up and "
            f"{args.repeat} cohort rounds, interleaved"
        )
        if load_before is not None and load_after is not None:
            print(
                f"Load average (1 min) before and after: {load_before:.2f}, {load_after:.2f}"
                " (other work on the machine slows the parallel cohort more than its floor)"
            )
        print("Start-up")
        line("floor app --help", f"{startup['floor --help'] * 1000:.0f} ms")
        line("wcc --help", f"{startup['wcc --help'] * 1000:.0f} ms")
        line("ratio", f"{ratios['help']:.2f}", verdict("help"))
        line("floor app load EXAMPLE (JSON out)", f"{startup['floor load'] * 1000:.0f} ms")
        line("wcc assess EXAMPLE --format json", f"{startup['wcc assess'] * 1000:.0f} ms")
        line("ratio", f"{ratios['assess']:.2f}", verdict("assess"))
        print(f"Cohort of {args.n}")
        line("yaml.load(CSafeLoader) of every file", f"{bulk['yaml.load']:.2f} s")
        line("wcc cohort --format json", f"{bulk['wcc cohort']:.2f} s")
        line("ratio", f"{ratios['cohort']:.2f}", verdict("cohort"))
        print("Workbooks, side by side with their YAML twins")
        line("wcc assess EXAMPLE.xlsx --format json", f"{startup['wcc assess xlsx'] * 1000:.0f} ms")
        line(
            "ratio to wcc assess EXAMPLE.yaml",
            f"{ratios['assess_xlsx']:.2f}",
            verdict("assess_xlsx"),
        )
        line(
            f"wcc cohort of {args.xlsx_n} submissions in YAML",
            f"{twins['cohort yaml twins']:.2f} s",
        )
        line(
            f"wcc cohort of the same {args.xlsx_n} as workbooks",
            f"{twins['cohort xlsx twins']:.2f} s",
        )
        line("ratio", f"{ratios['cohort_xlsx']:.2f}", verdict("cohort_xlsx"))
        print(f"Cohort peak memory ({processes} processes, median of {args.memory_repeat} runs)")
        line(
            "peak total PSS of the process tree",
            f"{pss:.1f} MB",
            f"target < {MEMORY_TARGET_MB:.0f} MB: "
            + ("met" if pss < MEMORY_TARGET_MB else "MISSED"),
        )
        line("peak total RSS (shared pages counted twice)", f"{rss:.1f} MB")
        line("sum of each process's peak RSS (bound)", f"{hwm:.1f} MB")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
