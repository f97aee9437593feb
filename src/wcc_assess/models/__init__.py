"""Pydantic models: the framework, the submission and the result.

The model modules avoid ``from __future__ import annotations``, and their one base
(``_base.Model``) builds validators on first use (``defer_build``): both keep the start-up of
``wcc assess`` short, since pydantic would otherwise compile every annotation string and
build every nested model at import.
"""

from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Result
from wcc_assess.models.submission import Submission

__all__ = ["Framework", "Result", "Submission"]
