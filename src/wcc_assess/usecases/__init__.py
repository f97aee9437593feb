"""The use cases: one function for each thing ``wcc`` does, used by every command.

A command parses its options, calls one use case, renders what it returns and exits with
the code it implies (:func:`wcc_assess.errors.exit_code`). The use cases compose the layers
below: :mod:`wcc_assess.io` reads and finds files, :mod:`wcc_assess.core` judges,
:mod:`wcc_assess.render` words (only for the documents a use case itself produces).

- :func:`~.assess.assess_file`: grade a submission, with its baseline, target and gates
  (``wcc assess``, ``wcc explain``); :func:`~.assess.load_earlier` reads an earlier
  submission or result as a baseline.
- :func:`~.check.check_file`, :func:`~.check.check_framework_path`: check files without
  grading them (``wcc validate``, ``wcc frameworks check``).
- :func:`~.cohort.grade_cohort`: grade a cohort, in worker processes that grade each file
  with :func:`~.cohort.grade_file` (``wcc cohort``).
- :func:`~.trend.trend_of_files`: several periods of one organisation (``wcc trend``).
- :func:`~.skeleton.write_skeleton`, :func:`~.skeleton.schema_of`: what a new submission starts
  from (``wcc init``, ``wcc schema``).
- :func:`~.frameworks.resolve_framework` and friends: find, read and check frameworks
  (every command, ``wcc frameworks``); :mod:`.submissions` reads submissions.

A new use case is a module here; a new option of one is a field of its request.
"""
