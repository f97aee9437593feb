"""A framework written as changes to another: ``extends: wcc@2009``.

An extending file gives only what differs from its base; this module lays those changes
over the base's data, so that the result can be validated and linted like any framework.
The rules, in the order a reader meets them:

- **Mappings** are merged key by key (``scoring``, ``descriptors`` by level, ...); a key
  set to ``null`` removes the base's value (the field takes its default).
- **Lists of things with ids** (domains, indicators, governance areas and sub-indicators,
  key documents, required outcome measures, crosswalk rows, ...) are merged by id: an entry
  ``{id: C2, statement: ...}`` changes the base's C2 (only the fields it gives);
  ``{id: C12, add: true, ...}`` adds a new one (at the end, or ``after: <id>``);
  ``{id: C8.4, remove: true}`` removes one.
- **Other lists** (the scale, bands, evidence rules, evidence examples) and **scalars**
  replace the base's whole.
- ``version``, ``replaces`` and ``periods`` are never inherited: they say which version
  this file is.

Every change names something the base has (or says ``add: true``), so a typing mistake is
an error at its line, not a silent new domain. Values that positions were recorded for in
the extending file keep them, so later problems are located there; a problem in what was
inherited untouched is located at the ``extends:`` line.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from wcc_assess.errors import Diagnostic, Loc, suggest
from wcc_assess.io.yamlsafe import Document, Path

__all__ = ["MARKERS", "NOT_INHERITED", "Merged", "merge"]

NOT_INHERITED = frozenset({"version", "replaces", "periods"})
"""Top-level fields an extending file never takes from its base."""

MARKERS = frozenset({"add", "remove", "after"})
"""Keys of an entry in a list of things with ids that say how it changes the base."""


class Merged(NamedTuple):
    """The merged framework data, with what the merge found."""

    document: Document
    """The merged data, located in the extending file where it came from there."""
    problems: list[Diagnostic]
    """Errors at paths of the extending file (an unknown id, a misplaced marker)."""
    warnings: list[Diagnostic]
    """Changes that change nothing (the same value as the base's)."""


class _Merge:
    """One merge: the extending file, the base's name, and what is found on the way."""

    def __init__(self, derived: Document, base_name: str) -> None:
        self.derived, self.base_name = derived, base_name
        self.problems: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.mounts: list[tuple[Path, Path, bool]] = []
        """(merged path, derived path, whole subtree) for every value the file placed."""

    def value(self, base: Any, change: Any, merged: Path, at: Path) -> Any:
        """Return ``change`` laid over ``base``; ``merged`` and ``at`` are their paths."""
        if isinstance(base, dict) and isinstance(change, dict):
            self.mounts.append((merged, at, False))
            return self.mapping(base, change, merged, at)
        if _has_ids(base) and isinstance(change, list):
            self.mounts.append((merged, at, False))
            return self.by_id(base, change, merged, at)
        self.mounts.append((merged, at, True))
        same = change == base and not isinstance(change, (dict, list))
        if same and at[-1:] != ("id",) and at != ("schema_version",):
            self.warnings.append(
                Diagnostic.at(
                    at,
                    f"the same value as in {self.base_name}, so this changes nothing",
                    "leave it out: an extending file gives only what differs",
                    severity="warning",
                )
            )
        return change

    def mapping(
        self, base: dict[Any, Any], change: dict[Any, Any], merged: Path, at: Path
    ) -> dict[Any, Any]:
        result = dict(base)
        for key, value in change.items():
            if value is None:
                result.pop(key, None)
                self.mounts.append(((*merged, key), (*at, key), True))
            elif key in base:
                result[key] = self.value(base[key], value, (*merged, key), (*at, key))
            else:
                result[key] = value
                self.mounts.append(((*merged, key), (*at, key), True))
        return result

    def by_id(
        self, base: list[dict[str, Any]], changes: list[Any], merged: Path, at: Path
    ) -> list[Any]:
        """Merge a list of things with ids: change, add or remove entries by id."""
        entries = [_Entry(str(item["id"]), item) for item in base]
        for index, change in enumerate(changes):
            where = (*at, index)
            if not (isinstance(change, dict) and isinstance(change.get("id"), str)):
                self.problem(
                    where,
                    "an entry of a list with ids must give the id of what it changes",
                    "write {id: <id>, ...}; add: true adds a new one, remove: true removes one",
                )
                continue
            self.entry(entries, change, where)
        items: list[Any] = []
        for entry in entries:
            path = (*merged, len(items))
            if entry.where is None or entry.change is None:
                items.append(entry.base)
            elif entry.base is None:
                self.mounts.append((path, entry.where, True))
                items.append({k: v for k, v in entry.change.items() if k not in MARKERS})
            else:
                items.append(self.value(entry.base, entry.change, path, entry.where))
        return items

    def entry(self, entries: list[_Entry], change: dict[str, Any], where: Path) -> None:
        """Apply one entry of a list with ids to ``entries`` (the list so far)."""
        ids = [entry.id for entry in entries]
        item_id = change["id"]
        index = ids.index(item_id) if item_id in ids else None
        if change.get("remove") is True:
            if index is None:
                self.unknown(item_id, ids, where, "remove")
            elif set(change) - {"id", "remove"}:
                self.problem(where, f"{item_id} is removed, so it takes no other fields")
            else:
                del entries[index]
        elif change.get("add") is True:
            if index is not None:
                self.problem(
                    (*where, "add"),
                    f"{item_id} is already in {self.base_name}",
                    "leave out add: true to change it",
                )
            else:
                self.add(entries, change, where, ids)
        elif index is None:
            self.unknown(item_id, ids, where, "change")
        elif entries[index].change is not None:
            self.problem((*where, "id"), f"{item_id} is changed twice", "change it once")
        else:
            self.bad_markers(change, where)
            entries[index] = _Entry(item_id, entries[index].base, change, where)

    def add(
        self, entries: list[_Entry], change: dict[str, Any], where: Path, ids: list[str]
    ) -> None:
        """Insert a new entry at the end, or after the entry ``after:`` names."""
        after = change.get("after")
        index = len(entries)
        if after is not None:
            if after not in ids:
                self.problem(
                    (*where, "after"),
                    f"{after!r} is not in {self.base_name} (nor added before this entry)",
                    suggest(str(after), ids),
                )
                return
            index = ids.index(after) + 1
        entries.insert(index, _Entry(change["id"], None, change, where))

    def bad_markers(self, change: dict[str, Any], where: Path) -> None:
        for marker in ("add", "remove"):
            if marker in change:
                self.problem((*where, marker), f"{marker} must be true, or left out")
        if "after" in change:
            self.problem((*where, "after"), "after places a new entry; it needs add: true")

    def unknown(self, item_id: str, ids: list[str], where: Path, doing: str) -> None:
        hint = suggest(item_id, ids)
        if doing == "change":
            hint = (hint + " " if hint else "") + "To add a new one, give it add: true."
        listed = str(where[-2]) if len(where) > 1 else "this list"
        message = f"cannot {doing} {item_id!r}: {self.base_name} has no such entry in {listed}"
        self.problem((*where, "id"), message, hint)

    def problem(self, at: Loc, message: str, hint: str | None = None) -> None:
        self.problems.append(Diagnostic.at(at, message, hint))

    def positions(self) -> Document:
        """Return the merged data's positions, taken from the extending file."""
        derived = self.derived
        positions: dict[Path, tuple[int, int]] = {}
        key_positions: dict[Path, tuple[int, int]] = {}
        for merged, at, whole in self.mounts:
            paths = _subpaths(_at(derived.data, at), ()) if whole else iter([()])
            for rest in paths:
                for source, target in (
                    (derived.positions, positions),
                    (derived.key_positions, key_positions),
                ):
                    where = source.get((*at, *rest))
                    if where is not None:
                        target[(*merged, *rest)] = where
        root = derived.positions.get(("extends",))
        if root is not None:
            positions[()] = root
        return Document(None, positions, key_positions)


class _Entry(NamedTuple):
    """An entry of a list with ids as the merge goes: the base's, and the file's change."""

    id: str
    base: dict[str, Any] | None
    """The base's entry; None for one the file adds."""
    change: dict[str, Any] | None = None
    where: Path | None = None
    """The change's path in the extending file."""


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _subpaths(value: Any, path: Path) -> Any:
    """Yield ``path`` and the path of every value inside ``value`` (relative paths)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _subpaths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _subpaths(item, (*path, index))


def _has_ids(value: Any) -> bool:
    """Whether ``value`` is a non-empty list of mappings that each have an id."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "id" in item for item in value)
    )


def merge(base: dict[str, Any], derived: Document, base_name: str) -> Merged:
    """Lay the extending file ``derived`` over ``base`` (the base framework's data).

    ``base_name`` (``wcc@2009``) names the base in messages. The extending file's own
    ``extends`` is kept; ``version``, ``replaces`` and ``periods`` are its own or absent.
    """
    run = _Merge(derived, base_name)
    inherited = {key: value for key, value in base.items() if key not in NOT_INHERITED}
    data = run.mapping(inherited, dict(derived.data), (), ())
    located = run.positions()
    document = Document(data, located.positions, located.key_positions)
    return Merged(document, run.problems, run.warnings)
