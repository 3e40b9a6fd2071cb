"""House rules: a team's own rule YAML, loaded from the folders named by ``extend-rules``.

A house rule uses the same schema as jdlint's rules (``rules/JDxxx.yaml``) with the team's own
code prefix (``ACME001``: 2 to 4 capital letters and 3 digits, never ``JD``, which is jdlint's,
as flake8 reserves prefixes) and a data ``kind`` (``ruledata.DATA_KINDS``: phrase): the generic
check registered under that kind's name runs it. Its bad/good cases sit in the
folder's ``tests/CODE.yaml`` in the format of jdlint's own ``tests/rules/`` fixtures and run
with ``jdlint test-rules``. This module owns loading, validating and running those cases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

from jdlint.model import Finding
from jdlint.ruledata import CODE_RE, DATA_KINDS, RuleDataError, RuleMeta, load_catalogue

__all__ = ["CaseResult", "RulePackError", "catalogue_with", "load_pack", "run_cases"]

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


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One case of a house rule, in one format: passed, or why not."""

    code: str
    case: str
    fmt: str
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the case passed."""
        return self.problem is None


def _project(finding: Finding, text: str | None, wanted: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    source = finding.source
    actual: dict[str, Any] = {
        "clause": finding.clause,
        "match": None if source.end is None or text is None else text[source.start:source.end],
        "line": source.line, "paragraph": source.paragraph,
        "severity": finding.severity.label,
    }
    for key, value in wanted.items():
        if key == "message":
            if str(value) not in finding.message:
                problems.append(f"message {finding.message!r} does not contain {value!r}")
        elif key not in actual:
            problems.append(f"unknown expectation key {key!r}")
        elif actual[key] != value:
            problems.append(f"{key}: expected {value!r}, got {actual[key]!r}")
    return problems


def _run_case(meta: RuleMeta, catalogue: Mapping[str, RuleMeta], fixture: Mapping[str, Any],
              name: str, case: Mapping[str, Any], fmt: str) -> CaseResult:
    from jdlint.engine import lint
    from jdlint.errors import InputError
    from jdlint.readers import read_bytes
    from jdlint.registry import load_rules
    from jdlint.structure import analyse
    from jdlint.testing.docxbuild import text_to_docx

    def result(problem: str | None = None) -> CaseResult:
        return CaseResult(meta.code, name, fmt, problem)

    rule = load_rules(catalogue)[meta.code]
    if rule.check is None:
        return result(f"this jdlint has no check for kind {meta.kind!r}")
    if ("good" in case) == ("bad" in case):
        return result("a case needs exactly one of 'good' or 'bad'")
    text = str(case.get("good") or case.get("bad") or "")
    data = text.encode("utf-8") if fmt == "txt" else text_to_docx(text)
    lang = case.get("lang", fixture.get("lang", "auto"))
    try:
        raw = read_bytes(data, None, f"case.{fmt}")
    except InputError as exc:
        return result(f"cannot read the case: {exc.reason}")
    documents = analyse(raw, language=None if lang == "auto" else lang).documents
    options = {meta.code: {**fixture.get("config", {}), **case.get("config", {})}}
    findings = [f for f in lint(documents, [rule], options=options) if f.code == meta.code]
    expect: list[Mapping[str, Any]] = [] if "good" in case else list(case.get("expect") or [])
    if "bad" in case and not expect:
        return result("a bad case needs 'expect' (one entry per finding)")
    if len(findings) != len(expect):
        shown = "; ".join(f"{f.clause or '-'}: {f.message}" for f in findings) or "none"
        return result(f"expected {len(expect)} finding(s), got {len(findings)} ({shown})")
    for finding, wanted in zip(findings, expect, strict=True):
        block = raw.blocks[finding.source.block] if finding.source.block < len(raw.blocks) \
            else None
        problems = _project(finding, block.text if block else None, wanted)
        if problems:
            return result("; ".join(problems))
    return result()


def run_cases(folders: Sequence[Path]) -> list[CaseResult]:
    """Run every case in ``FOLDER/tests/*.yaml`` of each house rule folder.

    A rule with no case file, or without at least one bad and one good case, fails.
    """
    catalogue = catalogue_with(tuple(folders))
    results: list[CaseResult] = []
    for folder in folders:
        for code, meta in load_pack(folder).items():
            path = folder / "tests" / f"{code}.yaml"
            if not path.is_file():
                results.append(CaseResult(code, "-", "-", f"no cases: add {path}"))
                continue
            try:
                fixture = yaml.safe_load(path.read_text(encoding="utf-8"))
            except yaml.YAMLError as exc:
                results.append(CaseResult(code, "-", "-", f"{path}: invalid YAML: {exc}"))
                continue
            cases = fixture.get("cases") if isinstance(fixture, dict) else None
            if not isinstance(cases, dict) or not cases:
                results.append(CaseResult(code, "-", "-", f"{path}: no 'cases' mapping"))
                continue
            kinds = {"bad" if "bad" in c else "good" for c in cases.values()
                     if isinstance(c, dict)}
            if kinds != {"bad", "good"}:
                results.append(CaseResult(code, "-", "-",
                                          f"{path}: needs at least one bad and one good case"))
            for name, case in cases.items():
                for fmt in case.get("as", ("txt", "docx")):
                    results.append(_run_case(meta, catalogue, fixture, str(name), case, fmt))
    return results


def is_house_code(code: str) -> bool:
    """Whether ``code`` looks like a house rule code (not jdlint's JD prefix)."""
    return bool(HOUSE_CODE_RE.match(code)) and bool(CODE_RE.match(code))
