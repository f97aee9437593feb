"""Every cohort format has a renderer, imported only when asked for."""

from __future__ import annotations

import importlib
import subprocess
import sys

from wcc_assess.render import COHORT, CohortFormat


def test_every_format_has_a_render_function() -> None:
    for fmt in CohortFormat:
        module = importlib.import_module(COHORT.module(fmt))
        assert callable(module.render) and COHORT.renderer(fmt) is module.render


def test_json_and_csv_do_not_import_jinja_or_rich() -> None:
    code = (
        "import sys\n"
        "from wcc_assess.render import COHORT, CohortFormat\n"
        "COHORT.renderer(CohortFormat.JSON); COHORT.renderer(CohortFormat.CSV)\n"
        "print('jinja2' in sys.modules, 'rich' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["False", "False"]
