"""Reading and writing files.

Safe YAML with positions, submissions and frameworks as validated models, result JSON, the
built-in framework registry and atomic report output.

Nothing here judges an assessment (that is :mod:`wcc_assess.core`) or words a report (that
is :mod:`wcc_assess.render`); everything here raises :class:`~wcc_assess.errors.WccError`
for a bad input and never prints.
"""
