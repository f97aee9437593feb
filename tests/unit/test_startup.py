"""Start-up stays light: `wcc --help` imports none of our heavy modules, nor jinja2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "westmarsh-2026-27.yaml"

HEAVY = [
    "openpyxl",
    "jinja2",
    "wcc_assess.models",
    "wcc_assess.core.scoring",
    "wcc_assess.io.loading",
    "wcc_assess.render.assess.table",
    "wcc_assess.render.assess.json",
    "wcc_assess.io.yamlsafe",
    "yaml",
]


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from wcc_assess.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert not [name for name in HEAVY if name in loaded]


def test_assessing_yaml_imports_nothing_of_workbooks() -> None:
    """openpyxl (and the workbook reader) are imported only when a workbook is read or written."""
    code = (
        "import contextlib, io, sys\n"
        "from wcc_assess.cli import main\n"
        f"sys.argv = ['wcc', 'assess', {str(EXAMPLE)!r}, '--format', 'json']\n"
        "quiet = contextlib.redirect_stdout(io.StringIO())\n"
        "with quiet, contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "import json\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert "wcc_assess.core.scoring" in loaded  # it did assess
    workbook = [
        "openpyxl",
        "wcc_assess.io.xlsx",
        "wcc_assess.io.workbook",
        "wcc_assess.render.workbook",
    ]
    assert not [name for name in workbook if name in loaded]


def test_assess_without_peers_leaves_the_cohort_modules_alone() -> None:
    """`--peers` is rare: an assessment without it imports neither the ranking nor the
    cohort report's models."""
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "westmarsh-2026-27.yaml"
    code = (
        "import sys, json\n"
        "from wcc_assess.cli import app\n"
        "try:\n"
        f"    app(['assess', {str(example)!r}, '--format', 'json', '-o', '/dev/null', '-q'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert "wcc_assess.core.scoring" in loaded  # the assessment ran
    assert not {"wcc_assess.core.peers", "wcc_assess.models.cohort"} & loaded
