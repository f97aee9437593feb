"""Allow ``python -m wcc_assess``."""

from wcc_assess.cli import main

main()
