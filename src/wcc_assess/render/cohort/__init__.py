"""Renderers of a cohort, one module per ``wcc cohort --format``.

Each renders a :class:`~wcc_assess.models.cohort.CohortResult`; the wording they share is
in :mod:`._common`.
"""
