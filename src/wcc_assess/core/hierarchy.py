"""The two hierarchies of a framework: domain → indicator, governance area → sub-indicator.

Both have the same shape, so one walker serves every check of them: the framework's lint
(:mod:`.lint`) and a submission's checks against its framework (:mod:`.checks`).

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple, Protocol

from wcc_assess.errors import Loc
from wcc_assess.models.framework import Framework

__all__ = ["Hierarchy", "Node", "Place", "hierarchies", "walk"]


class Node(Protocol):
    """A group or member of a hierarchy: it has an id and a title."""

    @property
    def id(self) -> str:
        """The id a submission keys it by."""

    @property
    def title(self) -> str:
        """Its title."""


class Hierarchy(NamedTuple):
    """A two-level hierarchy of a framework: groups, each with its members."""

    loc: Loc
    """Where the groups are listed: ``("domains",)`` or ``("governance", "areas")``."""
    group: str
    """What a group is called in messages: ``domain`` or ``area``."""
    member: str
    """What a member is called: ``indicator`` or ``sub-indicator``."""
    members_key: str
    """The field holding a group's members: ``indicators`` or ``sub_indicators``."""
    groups: Sequence[Node]


class Place(NamedTuple):
    """One id of a hierarchy: a group (``owner`` None) or a member of ``owner``."""

    loc: Loc
    node: Node
    owner: Node | None
    position: int
    """The position among its siblings."""


def hierarchies(framework: Framework) -> list[Hierarchy]:
    """Return the framework's hierarchies: domains, then governance areas if it has them."""
    found = [Hierarchy(("domains",), "domain", "indicator", "indicators", framework.domains)]
    if framework.governance is not None:
        found.append(
            Hierarchy(
                ("governance", "areas"),
                "area",
                "sub-indicator",
                "sub_indicators",
                framework.governance.areas,
            )
        )
    return found


def walk(hierarchy: Hierarchy) -> Iterator[Place]:
    """Yield every group and, after each group, its members, in file order."""
    for g_index, group in enumerate(hierarchy.groups):
        where = (*hierarchy.loc, g_index)
        yield Place(where, group, None, g_index)
        for m_index, member in enumerate(getattr(group, hierarchy.members_key)):
            yield Place((*where, hierarchy.members_key, m_index), member, group, m_index)
