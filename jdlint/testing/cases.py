"""The one rule-case harness: loading case files and running their cases, for tests/ and users.

``tests/test_rules.py`` (jdlint's own ``tests/rules/JDxxx.yaml``) and ``jdlint test-rules``
(a house rule pack's ``tests/CODE.yaml``) both go through this module, so a case means the same
everywhere. A case file has ``rule``, optional ``lang`` (ru | lt | auto, default auto),
``config`` (rule options), ``skeleton`` and ``today``, and ``cases``. A case has ``good`` (the
rule reports nothing) or ``bad`` with ``expect``: the rule's findings in position order, each
compared on the keys it gives (``clause``, ``match``, ``line``, ``paragraph``, ``severity``,
``message`` as a substring, ``fix`` the proposed wording: ``{from, to, safe}`` or null for
none). A case's text is the whole document (a string) or, with a
``skeleton`` (jdlint.testing.skeletons), a mapping from the skeleton's slots to lines. A case
may override ``lang``, ``config``, ``skeleton`` and ``today`` (the date the rules run on), set
``output`` (message language), ``revisions`` (tracked-change counts TXT cannot carry) and ``as``
(the formats; default TXT and a DOCX generated at run time). There is no skipping: a rule that
cannot run (no check for its kind) fails every case it has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import yaml

from jdlint.core.model import Finding
from jdlint.core.records import record
from jdlint.testing.skeletons import SkeletonError, load_skeletons, render

if TYPE_CHECKING:
    from jdlint.catalogue.ruledata import RuleMeta
    from jdlint.engine.registry import Rule

__all__ = ["FORMATS", "Case", "CaseResult", "docs_cases", "load_case_file", "run_case"]

FORMATS: Final = ("txt", "docx")
_FILE_KEYS: Final = frozenset({"rule", "lang", "config", "skeleton", "today", "cases", "docs"})
_CASE_KEYS: Final = frozenset({"bad", "good", "expect", "lang", "config", "skeleton", "today",
                               "output", "revisions", "as"})
_EXPECT_KEYS: Final = frozenset({"clause", "match", "line", "paragraph", "severity", "message",
                                  "fix"})
_FIX_KEYS: Final = frozenset({"from", "to", "safe"})


@record(slots=True)
class Case:
    """One case of one rule in one format, ready to run (or already failed: ``problem``)."""

    code: str
    name: str
    fmt: str
    text: str = ""
    expect: tuple[Mapping[str, Any], ...] | None = None  # None: a good case (no findings)
    lang: str = "auto"
    config: Mapping[str, Any] = field(default_factory=dict)
    output: str | None = None
    revisions: Mapping[str, Any] | None = None
    today: date | None = None
    problem: str | None = None  # the case could not even be built (its file is wrong)

    @property
    def id(self) -> str:
        """A stable name for test ids and reports: ``JD201-ru-fine-txt``."""
        return f"{self.code}-{self.name}-{self.fmt}"


@record(slots=True)
class CaseResult:
    """One case in one format: passed, or why not."""

    code: str
    case: str
    fmt: str
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the case passed."""
        return self.problem is None


def _broken(code: str, where: Path, problem: str) -> Case:
    return Case(code, "-", "-", problem=f"{where}: {problem}")


def _as_date(value: Any, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{what}: 'today' must be a date like 2025-09-01, got {value!r}") from None


def _text(body: Any, skeleton: str | None, skeletons: Mapping[str, str], what: str) -> str:
    if isinstance(body, str):
        return body
    if not isinstance(body, Mapping):
        raise ValueError(f"{what}: the text must be a string or a mapping of skeleton slots")
    if skeleton is None:
        raise ValueError(f"{what}: slot lines need a 'skeleton' (one of "
                         f"{', '.join(sorted(skeletons))})")
    return render(skeletons, skeleton, body)


def _build(code: str, name: str, case: Any, fixture: Mapping[str, Any],
           skeletons: Mapping[str, str]) -> list[Case]:
    what = f"case {name!r}"
    if not isinstance(case, Mapping):
        raise ValueError(f"{what}: not a mapping")
    unknown = set(case) - _CASE_KEYS
    if unknown:
        raise ValueError(f"{what}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if ("good" in case) == ("bad" in case):
        raise ValueError(f"{what}: a case needs exactly one of 'good' or 'bad'")
    expect: tuple[Mapping[str, Any], ...] | None = None
    if "bad" in case:
        entries = case.get("expect")
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"{what}: a bad case needs 'expect' (one entry per finding)")
        for entry in entries:
            if not isinstance(entry, Mapping) or set(entry) - _EXPECT_KEYS:
                raise ValueError(f"{what}: an 'expect' entry uses only the keys "
                                 f"{', '.join(sorted(_EXPECT_KEYS))}")
        expect = tuple(entries)
    skeleton = case.get("skeleton", fixture.get("skeleton"))
    text = _text(case["bad"] if "bad" in case else case["good"], skeleton, skeletons, what)
    config = {**(fixture.get("config") or {}), **(case.get("config") or {})}
    formats = case.get("as", FORMATS)
    if not isinstance(formats, list | tuple) or not set(formats) <= set(FORMATS):
        raise ValueError(f"{what}: 'as' lists formats among {', '.join(FORMATS)}")
    today = _as_date(case.get("today", fixture.get("today")), what)
    return [Case(code, str(name), fmt, text, expect, str(case.get("lang", fixture.get("lang",
                 "auto"))), config, case.get("output"), case.get("revisions"), today)
            for fmt in formats]


def load_case_file(path: Path, code: str | None = None,
                   skeletons: Mapping[str, str] | None = None,
                   meta: RuleMeta | None = None) -> list[Case]:
    """Every case of one case file in every format; a file that is wrong gives one failed case.

    ``code`` is the rule the file must be about (default: the file's stem). ``skeletons``
    default to jdlint's plus the folder's ``_skeletons.yaml``. With the rule's ``meta``, its
    docs examples follow, placed as the file's ``docs`` key says (``docs_cases``).
    """
    code = code or path.stem
    try:
        skeletons = load_skeletons(path.parent) if skeletons is None else skeletons
        fixture = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, SkeletonError) as exc:
        return [_broken(code, path, f"unreadable: {exc}")]
    if not isinstance(fixture, Mapping):
        return [_broken(code, path, "not a mapping")]
    if fixture.get("rule") != code:
        return [_broken(code, path, f"'rule' must be {code}")]
    unknown = set(fixture) - _FILE_KEYS
    cases = fixture.get("cases")
    if unknown:
        return [_broken(code, path, f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")]
    if not isinstance(cases, Mapping) or not cases:
        return [_broken(code, path, "no 'cases' mapping")]
    kinds = {"bad" if "bad" in c else "good" for c in cases.values() if isinstance(c, Mapping)}
    if kinds != {"bad", "good"}:
        return [_broken(code, path, "needs at least one bad and one good case")]
    out: list[Case] = []
    for name, case in cases.items():
        try:
            out.extend(_build(code, str(name), case, fixture, skeletons))
        except (ValueError, SkeletonError) as exc:
            out.append(_broken(code, path, str(exc)))
    if meta is not None:
        out.extend(docs_cases(meta, fixture.get("docs"), skeletons))
    return out


_CYRILLIC: Final = re.compile(r"[А-Яа-яЁё]")


def _by_language(example: str) -> dict[str, str]:
    """The example's lines grouped by language: Cyrillic lines are ru, the others lt."""
    groups: dict[str, list[str]] = {}
    for line in example.rstrip("\n").split("\n"):
        groups.setdefault("ru" if _CYRILLIC.search(line) else "lt", []).append(line)
    return {lang: "\n".join(lines) + "\n" for lang, lines in groups.items()}


def _docs_documents(example: str, placement: Any, skeletons: Mapping[str, str]
                    ) -> list[tuple[str, str, str]]:
    """(suffix, language, text) of each document an example makes under ``placement``."""
    if placement == "whole":
        return [("", "auto", example)]
    if not isinstance(placement, Mapping):
        raise ValueError("'docs' is 'whole', {skeleton, slot[, lang]}, {ru: {...}, lt: {...}} "
                         "or {not-run: reason}")
    if "skeleton" in placement:
        fill = {str(placement.get("slot")): example}
        return [("", str(placement.get("lang", "auto")),
                 render(skeletons, str(placement["skeleton"]), fill))]
    out = []
    for lang, lines in _by_language(example).items():
        where = placement.get(lang)
        if not isinstance(where, Mapping) or "skeleton" not in where:
            raise ValueError(f"'docs' places no {lang} lines (give '{lang}: {{skeleton, slot}}')")
        fill = {str(where.get("slot")): lines}
        out.append((f"-{lang}", lang, render(skeletons, str(where["skeleton"]), fill)))
    return out


def docs_cases(meta: RuleMeta, placement: Any = None,
               skeletons: Mapping[str, str] | None = None) -> list[Case]:
    """The rule's ``docs.bad`` and ``docs.good`` as cases: bad gives at least one finding.

    ``placement`` is the case file's ``docs`` key. Examples are often excerpts, so it says
    where they go: ``whole`` (they are whole documents), ``{skeleton: ru-sales, slot: duties,
    lang: ru}`` (into a skeleton's slot), ``{ru: {...}, lt: {...}}`` (Cyrillic lines and the
    others each into their own document), or ``{not-run: reason}`` for an example that is a
    description, not a text (a Word file with tracked changes): then no case is made. Without
    a placement every example fails, so that none is left untested by accident.
    """
    skeletons = load_skeletons() if skeletons is None else skeletons
    if isinstance(placement, Mapping) and placement.get("not-run"):
        return []
    out: list[Case] = []
    for kind, example in (("bad", meta.docs.bad), ("good", meta.docs.good)):
        if placement is None:
            out.append(Case(meta.code, f"docs-{kind}", "-", problem=(
                "the case file has no 'docs' key saying where the docs examples go "
                "(whole, or {skeleton: ru-sales, slot: duties})")))
            continue
        try:
            documents = _docs_documents(example, placement, skeletons)
        except (ValueError, SkeletonError) as exc:
            out.append(Case(meta.code, f"docs-{kind}", "-", problem=f"docs: {exc}"))
            continue
        # NOTE: an empty expect tuple marks "at least one finding": an example shows the
        # rule's finding, not an exact count.
        expect: tuple[Mapping[str, Any], ...] | None = () if kind == "bad" else None
        out.extend(Case(meta.code, f"docs-{kind}{suffix}", fmt, text, expect, lang)
                   for suffix, lang, text in documents for fmt in FORMATS)
    return out


def _project(finding: Finding, text: str | None, wanted: Mapping[str, Any]) -> list[str]:
    source = finding.source
    actual: dict[str, Any] = {
        "clause": finding.clause,
        "match": None if source.end is None or text is None else text[source.start:source.end],
        "line": source.line, "paragraph": source.paragraph,
        "severity": finding.severity.label,
    }
    problems: list[str] = []
    for key, value in wanted.items():
        if key == "fix":
            problems.extend(_fix_problems(finding, value))
        elif key == "message":
            if str(value) not in finding.message:
                problems.append(f"message {finding.message!r} does not contain {value!r}")
        elif actual[key] != value:
            problems.append(f"{key}: expected {value!r}, got {actual[key]!r}")
    return problems


def _fix_problems(finding: Finding, wanted: Any) -> list[str]:
    """``fix: null`` (no proposal) or ``fix: {from, to, safe}`` (the keys given compared)."""
    s = finding.suggestion
    proposed = s is not None and s.applicability != "display-only" and s.replacement is not None
    if wanted is None:
        return [f"fix: expected none, got {s.replacement!r}"] if proposed and s else []
    if not isinstance(wanted, Mapping) or not wanted or set(wanted) - _FIX_KEYS:
        return [f"fix: expected a mapping with {', '.join(sorted(_FIX_KEYS))}, or null"]
    if not proposed or s is None:
        return ["fix: the finding proposes no wording"]
    actual = {"from": s.original, "to": s.replacement, "safe": s.applicability == "safe"}
    return [f"fix.{key}: expected {value!r}, got {actual[key]!r}"
            for key, value in wanted.items() if actual[key] != value]


def run_case(case: Case, rule: Rule | None) -> str | None:
    """Run one case through the reader, the structure layer and the engine, as the CLI does.

    Returns None when it passes, else one line saying why it does not.
    """
    from jdlint.core.errors import InputError
    from jdlint.core.model import Revisions
    from jdlint.engine.lint import lint
    from jdlint.readers import read_bytes
    from jdlint.structure import analyse
    from jdlint.testing.docxbuild import text_to_docx

    if case.problem is not None:
        return case.problem
    if rule is None:
        return f"there is no rule {case.code}"
    if rule.check is None:
        return (f"{case.code} ({rule.meta.status}) cannot run: this jdlint has no check for "
                f"its kind {rule.meta.kind!r}")
    data = case.text.encode("utf-8") if case.fmt == "txt" else text_to_docx(case.text)
    try:
        raw = read_bytes(data, None, f"case.{case.fmt}")
    except InputError as exc:
        return f"cannot read the case: {exc.reason}"
    if case.revisions:
        raw = replace(raw, revisions=Revisions(**case.revisions))
    language = None if case.lang == "auto" else case.lang
    documents = analyse(raw, language=language).documents  # type: ignore[arg-type]
    findings = lint(documents, [rule], lang=case.output, options={case.code: case.config},
                    today=case.today)
    crashed = [f.message for f in findings if f.code == "JD000"]
    if crashed:
        return f"the check crashed: {crashed[0]}"
    found = [f for f in findings if f.code == case.code]
    shown = "; ".join(f"{f.clause or '-'} {f.source.describe()}: {f.message}"
                      for f in found) or "none"
    if case.expect == ():
        return None if found else "the docs example gives no finding of the rule"
    expect: Sequence[Mapping[str, Any]] = case.expect or ()
    if len(found) != len(expect):
        return f"expected {len(expect)} finding(s), got {len(found)} ({shown})"
    for finding, wanted in zip(found, expect, strict=True):
        block = raw.blocks[finding.source.block] \
            if finding.source.block < len(raw.blocks) else None
        problems = _project(finding, block.text if block else None, wanted)
        if problems:
            return "; ".join(problems) + f" ({shown})"
    return None
