"""The built-in frameworks' cache: served when it fits, never when stale, never trusted blindly."""

from __future__ import annotations

import os
import pickle
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from wcc_assess.io import cache
from wcc_assess.models.framework import Framework
from wcc_assess.usecases import frameworks


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    here = tmp_path / "cache"
    monkeypatch.setenv("WCC_CACHE_DIR", str(here))
    frameworks._builtin.cache_clear()
    yield here
    frameworks._builtin.cache_clear()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("framework-*.pickle"))


def test_the_first_run_keeps_the_checked_framework_and_the_next_one_uses_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = frameworks.resolve_framework("wcc")
    [entry] = entries(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    frameworks._builtin.cache_clear()

    def never(*args: object) -> Framework:
        raise AssertionError("the cached framework should have been used")

    monkeypatch.setattr(frameworks, "framework_from_document", never)
    assert frameworks.resolve_framework("wcc") == first


def test_a_changed_framework_is_never_served_from_the_cache(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frameworks.resolve_framework("wcc")
    source = frameworks.registry.builtin_file("wcc").read_text(encoding="utf-8")
    changed = tmp_path / "fw"
    changed.mkdir()
    (changed / "wcc.yaml").write_text(source.replace("\ntitle: ", "\ntitle: Changed ", 1))
    monkeypatch.setattr(frameworks.registry, "builtin_dir", lambda: changed)
    frameworks._builtin.cache_clear()
    fresh = frameworks.resolve_framework("wcc")
    assert len(entries(folder)) == 2  # another key: the old entry was not used
    assert fresh.title.startswith("Changed ")


@pytest.mark.parametrize("damage", ["garbage", "another object", "not private"])
def test_a_damaged_or_untrusted_entry_is_a_miss(folder: Path, damage: str) -> None:
    expected = frameworks.resolve_framework("wcc")
    [entry] = entries(folder)
    if damage == "garbage":
        entry.write_bytes(b"not a pickle")
    elif damage == "another object":
        entry.write_bytes(pickle.dumps({"id": "wcc"}))
    else:
        os.chmod(entry, 0o666)  # anyone could have written it
    frameworks._builtin.cache_clear()
    assert frameworks.resolve_framework("wcc") == expected


def test_the_cache_can_be_turned_off_and_an_unwritable_one_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WCC_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    frameworks._builtin.cache_clear()
    assert frameworks.resolve_framework("wcc").id == "wcc"
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("WCC_CACHE_DIR", str(blocked / "below-a-file"))
    frameworks._builtin.cache_clear()
    assert frameworks.resolve_framework("wcc").id == "wcc"
    frameworks._builtin.cache_clear()


def test_the_key_covers_every_part() -> None:
    assert cache.cache_key("a", "bc") != cache.cache_key("ab", "c")
    assert cache.cache_key(b"x") == cache.cache_key("x")


def test_an_extending_framework_is_cached_and_never_served_when_its_base_changed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = frameworks.resolve_framework("wcc@2008")
    assert first.version == "2008" and first.extends == "wcc@2009"
    assert len(entries(folder)) == 2  # the year 1 file and its base, each kept
    frameworks._builtin.cache_clear()

    def never(*args: object, **kwargs: object) -> Framework:
        raise AssertionError("the cached framework should have been used")

    monkeypatch.setattr(frameworks, "framework_from_document", never)
    assert frameworks.resolve_framework("wcc@2008") == first
    monkeypatch.undo()
    monkeypatch.setenv("WCC_CACHE_DIR", str(folder))
    # the base changes, the year 1 file does not: its entry must not be served
    source = frameworks.registry.builtin_dir()
    changed = tmp_path / "fw"
    changed.mkdir()
    (changed / "wcc@2008.yaml").write_bytes((source / "wcc@2008.yaml").read_bytes())
    base = (source / "wcc.yaml").read_text(encoding="utf-8")
    (changed / "wcc.yaml").write_text(
        base.replace("    label: Foundations", "    label: Foundations (changed)", 1)
    )
    monkeypatch.setattr(frameworks.registry, "builtin_dir", lambda: changed)
    frameworks._builtin.cache_clear()
    fresh = frameworks.resolve_framework("wcc@2008")
    assert fresh.scale[0].label == "Foundations (changed)"
    frameworks._builtin.cache_clear()
