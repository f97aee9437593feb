"""The pure judgement: scoring, comparison, cohort statistics, trends and framework lint.

Scoring (with governance and outcomes), comparison with a baseline, cohort statistics and
trends, and the consistency rules of a framework.

No I/O, no clock, no typer, no rich: every function takes models and returns models (or
raises a :class:`~wcc_assess.errors.WccError`), so the same inputs always give the same
judgement.
"""
