"""Professional standards (профессиональные стандарты): the data and how it is loaded.

Owns where standards live and how they are read: every ``*.yaml`` of
``rules/profstandards/`` (the wheel's ``jdlint/_rules/profstandards``), plus any extra files or
directories a user names in the JD40x rule option ``standards``; one YAML file may hold several
standards as separate YAML documents. Files are parsed once per process. The format is
``jdlint.profstandards.model``; the registry XML importer is ``jdlint.profstandards.importer``;
what a document claims is ``jdlint.profstandards.detect``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from jdlint.core.rulestore import load_yaml_file_all, yaml_error
from jdlint.profstandards.model import Standard, StandardDataError, standard_from_mapping

__all__ = [
    "Standard",
    "StandardDataError",
    "load_file",
    "load_standards",
    "standards_dir",
]


def standards_dir() -> Path:
    """The directory of the shipped standards."""
    from jdlint.catalogue.ruledata import rules_dir

    return rules_dir() / "profstandards"


def load_file(path: Path) -> tuple[Standard, ...]:
    """Every standard of one YAML file (several YAML documents = several standards)."""
    try:
        documents = [d for d in load_yaml_file_all(path) if d is not None]
    except (OSError, UnicodeDecodeError, yaml_error()) as exc:
        raise StandardDataError(f"{path.name}: cannot read: {exc}") from exc
    many = len(documents) > 1
    return tuple(standard_from_mapping(d, f"{path.name}#{i + 1}" if many else path.name)
                 for i, d in enumerate(documents))


def _files(where: Path) -> list[Path]:
    if where.is_dir():
        return sorted(p for p in where.glob("*.yaml") if p.is_file())
    return [where]


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> tuple[Standard, ...]:
    found: dict[str, Standard] = {}
    sources = [standards_dir(), *(Path(e) for e in extra)]
    for where in sources:
        if not where.exists():
            if where == sources[0]:
                continue
            raise StandardDataError(f"{where}: no such file or directory")
        for path in _files(where):
            for std in load_file(path):
                # NOTE: a user's file for the same code replaces the shipped one (later wins).
                found[std.code] = std
    return tuple(found.values())


def load_standards(extra: Iterable[str | Path] = ()) -> tuple[Standard, ...]:
    """The shipped standards plus those of ``extra`` files/directories (cached per process)."""
    return _load(tuple(str(e) for e in extra))
