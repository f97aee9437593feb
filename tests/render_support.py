"""Helpers shared by the report tests: results of the fixtures and examples, and an HTML
scanner that lists every tag, attribute and text node of a document."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import DATA, EXAMPLES, ROOT
from wcc_assess.models.result import Result
from wcc_assess.usecases.assess import grade
from wcc_assess.usecases.frameworks import load_framework_file as load_framework
from wcc_assess.usecases.submissions import load_submission

REPORTS = DATA / "reports"
FENBRIDGE = REPORTS / "fenbridge-2026-27.yaml"
HOSTILE = REPORTS / "hostile.yaml"
HOSTILE_FRAMEWORK = REPORTS / "hostile-framework.yaml"
WESTMARSH = [EXAMPLES / "westmarsh-2025-26.yaml", EXAMPLES / "westmarsh-2026-27.yaml"]
ASSURANCE = EXAMPLES / "westmarsh-2026-27-assurance.yaml"
"""The full assurance example: panel, governance and outcomes as well as competencies."""
GENERATED_AT = "2026-09-21T14:13:20Z"
"""The timestamp of SOURCE_DATE_EPOCH=1790000000, used by the CLI tests too."""


def result_of(
    path: Path,
    framework: Path | None = None,
    target: int | None = None,
    *,
    fail_on_red: bool = False,
    allow_not_evidenced: bool = False,
) -> Result:
    """Load and score a submission as the CLI would, with a fixed timestamp."""
    chosen = load_framework(framework) if framework is not None else None
    loaded = load_submission(path, chosen)
    source = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    named = loaded._replace(name=source)
    return grade(
        named,
        generated_at=GENERATED_AT,
        target=target,
        fail_on_red=fail_on_red,
        allow_not_evidenced=allow_not_evidenced,
    )


def hostile_result() -> Result:
    """The result of the hostile submission scored against the hostile framework."""
    return result_of(HOSTILE, HOSTILE_FRAMEWORK)


@dataclass
class Scan:
    """What an HTML document holds: start tags with attributes, and text nodes."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def named(self, tag: str) -> list[dict[str, str]]:
        """The attributes of every ``tag`` element, in document order."""
        return [attrs for name, attrs in self.tags if name == tag]

    @property
    def all_text(self) -> str:
        """Every text node joined by newlines."""
        return "\n".join(self.text)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scan.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.scan.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.scan.comments.append(data)


def scan_html(text: str) -> Scan:
    """Parse ``text`` as HTML and list its tags, attributes and text."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return scanner.scan
