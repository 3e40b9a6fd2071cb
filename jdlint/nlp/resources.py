"""Files the NLP layer reads: the lawyer-editable lemma override tables
(``rules/lang/<lang>-lemmas.yaml``). (The Lithuanian table ships as data beside
``jdlint.nlp.lithuanian``; nothing in this layer writes a cache.)

They are read on first use only; nothing here runs at import time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jdlint.core.text import fold


def rules_dir() -> Path:
    """The rules folder: the wheel's ``jdlint/_rules``, else the repository's ``rules/``."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_rules"
    if installed.is_dir():
        return installed
    return package.parent / "rules"


def override_path(lang: str) -> Path:
    """Path of the override table of ``lang``."""
    return rules_dir() / "lang" / f"{lang}-lemmas.yaml"


@cache
def overrides(lang: str) -> dict[str, str]:
    """The override table of ``lang``: folded word form or analyser lemma → folded lemma.

    Missing file means no overrides. Loaded once per process.
    """
    path = override_path(lang)
    if not path.is_file():
        return {}
    from jdlint.core.rulestore import load_yaml_file  # NOTE: the compiled catalogue, or YAML

    raw: Any = load_yaml_file(path)
    table = raw.get("lemmas") if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise ValueError(f"{path}: expected a mapping under 'lemmas'")
    out: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ValueError(f"{path}: {key!r}: {value!r} is not a word → lemma pair")
        out[fold(key.strip())] = fold(value.strip())
    return out
