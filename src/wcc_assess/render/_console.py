"""The one way the terminal renderers set up rich: a console that writes to a string."""

from __future__ import annotations

import io

from rich.console import Console

from wcc_assess.render.interface import RenderOptions

__all__ = ["StringConsole"]


class StringConsole(Console):
    """A rich console that records into a string, coloured only if ``options.color``."""

    def __init__(self, options: RenderOptions) -> None:
        self._report = io.StringIO()
        super().__init__(
            file=self._report,
            width=options.width,
            force_terminal=options.color,
            no_color=not options.color,
            color_system="standard" if options.color else None,
            highlight=False,
            emoji=False,
            legacy_windows=False,
        )

    def text(self) -> str:
        """Return what was printed, each line without the padding rich adds at its end."""
        return "".join(line.rstrip() + "\n" for line in self._report.getvalue().splitlines())
