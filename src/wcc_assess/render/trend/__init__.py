"""Renderers of a trend, one module per ``wcc trend --format``.

Each renders a :class:`~wcc_assess.models.trend.Trend`; the wording they share is in
:mod:`._common`.
"""
