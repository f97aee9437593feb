"""The development plan on its own (``wcc actions``): one module per format.

Each module renders an :class:`~wcc_assess.models.actions.ActionsReport` with
``render(report, options) -> str``: ``table`` (terminal), ``markdown`` (a GitHub task list
to paste into an issue), ``csv`` (for the programme office's spreadsheet), ``json`` (the
report itself) and ``ics`` (iCalendar: each due date as an all-day event).
"""
