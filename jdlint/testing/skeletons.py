"""Named instruction skeletons for rule cases: a case gives only the lines its rule is about.

Most cases are the same short instruction with a line or two added; a skeleton is that
instruction once, with ``{slot}`` lines where a case's lines go (``skeletons.yaml`` beside this
module, plus a case folder's own ``_skeletons.yaml``). ``render`` replaces each slot line with
the case's lines for it and drops the slots the case leaves out, so a rendered case is exactly
the text it would be written out in full.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import yaml

__all__ = ["LOCAL_FILE", "SkeletonError", "load_skeletons", "render", "slots"]

BUILTIN: Final = Path(__file__).with_name("skeletons.yaml")
LOCAL_FILE: Final = "_skeletons.yaml"
_SLOT: Final = re.compile(r"^\{([a-z][a-z0-9_-]*)\}$")


class SkeletonError(ValueError):
    """A skeleton file, name or slot is wrong; the message says which."""


def _read(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SkeletonError(f"{path}: unreadable: {exc}") from None
    if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise SkeletonError(f"{path}: a mapping from skeleton name to text")
    return data


@lru_cache(maxsize=8)
def _load(folder: Path | None) -> Mapping[str, str]:
    merged = _read(BUILTIN)
    if folder is not None and (folder / LOCAL_FILE).is_file():
        merged.update(_read(folder / LOCAL_FILE))
    return merged


def load_skeletons(folder: Path | None = None) -> Mapping[str, str]:
    """jdlint's skeletons, plus (overriding by name) those of ``folder/_skeletons.yaml``."""
    return _load(folder.resolve() if folder is not None else None)


def slots(text: str) -> list[str]:
    """The slot names of a skeleton text, in order."""
    return [m.group(1) for line in text.splitlines() if (m := _SLOT.match(line))]


def render(skeletons: Mapping[str, str], name: str, fill: Mapping[Any, Any]) -> str:
    """The skeleton ``name`` with each ``{slot}`` line replaced by ``fill[slot]`` (or nothing)."""
    if name not in skeletons:
        raise SkeletonError(f"no skeleton {name!r} (known: {', '.join(sorted(skeletons))})")
    text = skeletons[name]
    unknown = set(map(str, fill)) - set(slots(text))
    if unknown:
        raise SkeletonError(f"skeleton {name!r} has no slot {', '.join(sorted(unknown))} "
                            f"(its slots: {', '.join(slots(text))})")
    lines: list[str] = []
    for line in text.splitlines():
        match = _SLOT.match(line)
        if match is None:
            lines.append(line)
        elif fill.get(match.group(1)) is not None:
            lines.extend(str(fill[match.group(1)]).rstrip("\n").split("\n"))
    return "\n".join(lines) + "\n"
