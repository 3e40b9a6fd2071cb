"""House rules: a team's own rule YAML, loaded from the folders named by ``extend-rules``.

A house rule uses the same schema as jdlint's rules (``rules/JDxxx.yaml``) with the team's own
code prefix (``ACME001``: 2 to 4 capital letters and 3 digits, never ``JD``, which is jdlint's,
as flake8 reserves prefixes) and a data ``kind`` (``ruledata.DATA_KINDS``: phrase): the generic
check registered under that kind's name runs it. Its bad/good cases sit in the
folder's ``tests/CODE.yaml`` in the format of jdlint's own ``tests/rules/`` fixtures and run
with ``jdlint test-rules`` (``jdlint.testing.packs``). This module owns loading and
validating a pack.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Final

from jdlint.catalogue.ruledata import CODE_RE, DATA_KINDS, RuleDataError, RuleMeta, load_catalogue

__all__ = ["RulePackError", "catalogue_with", "is_house_code", "load_pack"]

HOUSE_CODE_RE: Final = re.compile(r"^(?!JD)[A-Z]{2,4}[0-9]{3}$")


class RulePackError(ValueError):
    """A house rule folder or file is unusable; the message names the file."""


def load_pack(folder: Path) -> Mapping[str, RuleMeta]:
    """The house rules of one folder, validated (own prefix, data kind)."""
    if not folder.is_dir():
        raise RulePackError(f"extend-rules: the folder {folder} does not exist")
    try:
        pack = load_catalogue(folder)
    except RuleDataError as exc:
        raise RulePackError(f"{folder}: {exc}") from None
    for code, meta in pack.items():
        if not HOUSE_CODE_RE.match(code):
            raise RulePackError(
                f"{meta.path}: house rules need their own code prefix, like ACME001 "
                f"(2-4 capital letters and 3 digits); JD is reserved for jdlint's rules")
        if meta.kind not in DATA_KINDS:
            raise RulePackError(f"{meta.path}: field 'kind': house rules are data; use one of "
                                f"{', '.join(DATA_KINDS)} (got {meta.kind!r})")
    return pack


@lru_cache(maxsize=16)
def catalogue_with(folders: tuple[Path, ...] = ()) -> Mapping[str, RuleMeta]:
    """jdlint's rules plus the house rules of ``folders``; codes and names must not clash."""
    merged = dict(load_catalogue())
    if not folders:
        return load_catalogue()
    labels = {label: m.code for m in merged.values() for label in (m.name, *m.aliases)}
    for folder in folders:
        for code, meta in load_pack(folder).items():
            if code in merged:
                raise RulePackError(f"{meta.path}: code {code} is already used by "
                                    f"{merged[code].path}")
            for label in (meta.name, *meta.aliases):
                if label in labels:
                    raise RulePackError(f"{meta.path}: name {label!r} is already used by "
                                        f"{labels[label]}")
                labels[label] = code
            merged[code] = meta
    return MappingProxyType(dict(sorted(merged.items())))


def is_house_code(code: str) -> bool:
    """Whether ``code`` looks like a house rule code (not jdlint's JD prefix)."""
    return bool(HOUSE_CODE_RE.match(code)) and bool(CODE_RE.match(code))
