"""Pydantic models: the framework, the submission and the result."""

from wcc_assess.models.framework import Framework
from wcc_assess.models.result import Result
from wcc_assess.models.submission import Submission

__all__ = ["Framework", "Result", "Submission"]
