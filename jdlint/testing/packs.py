"""The cases of house rule packs (``extend-rules``), run by ``jdlint test-rules``.

A pack's rules are loaded by ``jdlint.catalogue.rulepacks``; their cases sit in the folder's
``tests/CODE.yaml`` and run through jdlint's one case harness (``jdlint.testing.cases``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jdlint.catalogue.rulepacks import catalogue_with, load_pack
from jdlint.engine.registry import load_rules
from jdlint.testing.cases import CaseResult, load_case_file, run_case

__all__ = ["run_cases"]


def run_cases(folders: Sequence[Path]) -> list[CaseResult]:
    """Run every case in ``FOLDER/tests/CODE.yaml`` of each house rule folder, and the rule's
    ``docs.bad`` / ``docs.good``, through jdlint's one case harness (``jdlint.testing.cases``).

    A rule with no case file, or without at least one bad and one good case, fails.
    """
    rules = load_rules(catalogue_with(tuple(folders)))
    results: list[CaseResult] = []
    for folder in folders:
        for code, meta in load_pack(folder).items():
            path = folder / "tests" / f"{code}.yaml"
            if not path.is_file():
                results.append(CaseResult(code, "-", "-", f"no cases: add {path}"))
                continue
            results.extend(CaseResult(c.code, c.name, c.fmt, run_case(c, rules.get(code)))
                           for c in load_case_file(path, code, meta=meta))
    return results
