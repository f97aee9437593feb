"""Every cohort format has a renderer, imported only when asked for."""

from __future__ import annotations

import importlib
import subprocess
import sys

from wcc_assess.render.cohort import COHORT_RENDERERS, CohortFormat, get_cohort_renderer


def test_every_format_has_a_render_function() -> None:
    assert set(COHORT_RENDERERS) == set(CohortFormat)
    for fmt in CohortFormat:
        module = importlib.import_module(COHORT_RENDERERS[fmt])
        assert callable(module.render) and get_cohort_renderer(fmt) is module.render


def test_json_and_csv_do_not_import_jinja_or_rich() -> None:
    code = (
        "import sys\n"
        "from wcc_assess.render.cohort import CohortFormat, get_cohort_renderer\n"
        "get_cohort_renderer(CohortFormat.JSON); get_cohort_renderer(CohortFormat.CSV)\n"
        "print('jinja2' in sys.modules, 'rich' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["False", "False"]
