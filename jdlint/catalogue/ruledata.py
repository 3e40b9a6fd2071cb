"""Rule metadata: loads and validates ``rules/JDxxx.yaml`` into typed, frozen ``RuleMeta``.

The YAML files are the "what and why" of every rule (messages in ru/lt/en, legal basis with
validity dates, docs, options); Python checks in ``jdlint.checks`` are only the "how". This
module fails fast: a malformed file raises ``RuleDataError`` naming the file and the field, so a
lawyer editing a message learns exactly what to fix. The catalogue is loaded once per process.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, get_args

import jdlint
from jdlint.catalogue.rulefix import FixEntry, parse_fix
from jdlint.catalogue.ruleoptions import (
    Option,
    check_phrases,
    check_texts,
    parse_options,
    placeholders,
)
from jdlint.core.model import Confidence, Language, LegalRef, SectionKind, Severity
from jdlint.core.records import record
from jdlint.core.rulestore import load_yaml, load_yaml_all, load_yaml_file, yaml_error

__all__ = [
    "DATA_KINDS",
    "JURISDICTIONS",
    "KINDS",
    "LANGUAGES",
    "OUTPUT_LANGUAGES",
    "STATUSES",
    "RuleDataError",
    "RuleDocs",
    "RuleMeta",
    "load_catalogue",
    "load_rule",
    "load_yaml",
    "load_yaml_all",
    "placeholders",
    "rules_dir",
]

LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
OUTPUT_LANGUAGES: Final = ("ru", "lt", "en")
# NOTE: legal bases are keyed by jurisdiction: the two document languages' home countries (ru
# = Russia, lt = Lithuania) and the other countries whose instructions are written in Russian
# (by = Belarus, kz = Kazakhstan), so a rule can cite their law when a check applies it.
JURISDICTIONS: Final = ("ru", "lt", "by", "kz")
STATUSES: Final = ("stable", "preview", "deprecated", "removed")
# NOTE: the set of kinds is closed: every kind here has a check (python: the rule's own
# ``@implements``; a data kind: the generic check registered under the kind's name), except
# "input" (the file-level record built by the CLI, JD001) and "internal" (the engine's JD000),
# which are records, not checks. A kind with nothing to run is a load error, never a rule that
# is listed, selected and silently finds nothing.
DATA_KINDS: Final = ("phrase",)
KINDS: Final = ("python", *DATA_KINDS, "input", "internal")
CODE_RE: Final = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_RE: Final = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

_REQUIRED = ("code", "name", "status", "severity", "groups", "languages", "kind", "summary",
             "message", "docs")
# NOTE: data kinds carry their own keys (patterns, exceptions, ...); they are kept in ``extra``
# unvalidated here, and the generic checks validate them when they compile the rule.
_OPTIONAL = ("confidence", "scope", "legal_basis", "suggestion", "options", "phrases", "texts",
             "data", "aliases", "since", "patterns", "exceptions", "swap", "requires",
             "conditions", "contexts", "escalate", "fix")
_EXTRA = ("patterns", "exceptions", "swap", "requires", "conditions", "contexts", "escalate")


class RuleDataError(ValueError):
    """A rule file is malformed; the message names the file and the field."""


@record(slots=True)
class RuleDocs:
    """Documentation shown by ``jdlint rule CODE``: why, a bad and a good example."""

    why: str
    bad: str
    good: str
    not_flagged: str | None = None


@record(slots=True)
class RuleMeta:
    """Everything about a rule except how it checks (that is the registered function)."""

    code: str
    name: str
    status: str
    severity: Severity
    confidence: Confidence
    groups: tuple[str, ...]
    languages: tuple[Language, ...]
    kind: str
    scope: tuple[SectionKind, ...]
    summary: str
    message: Mapping[str, str]
    docs: RuleDocs
    legal_basis: Mapping[str, tuple[LegalRef, ...]] = field(default_factory=dict)
    suggestion: Mapping[str, str] | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    option_specs: Mapping[str, Option] = field(default_factory=dict)
    phrases: Mapping[str, Any] = field(default_factory=dict)
    texts: Mapping[str, Any] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None
    # NOTE: the proposed wording per document language (``jdlint.catalogue.rulefix``).
    fix: Mapping[str, tuple[FixEntry, ...]] = field(default_factory=dict)

    @property
    def family(self) -> str:
        """The hundreds family, "JD0" for document-level rules, "JD2" for labour law."""
        return self.code[:-2]

    @property
    def document_level(self) -> bool:
        """JD0xx rules run on every document, whatever its language or classification."""
        return self.code.startswith("JD0")

    def message_for(self, lang: str) -> str:
        """The message template in ``lang``, falling back to English."""
        return self.message.get(lang) or self.message["en"]

    def legal_for(self, language: str | None) -> tuple[LegalRef, ...]:
        """Legal basis for a jurisdiction (document language ru → Russia, lt → Lithuania; a
        check that decided another jurisdiction asks for "by" or "kz" directly)."""
        if language is None:
            return ()
        return self.legal_basis.get(language, ())


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    """The rules directory: the wheel's ``jdlint/_rules`` first, else the repository's ``rules/``
    (found once per process: rules look it up per document, and finding it touches the disk).

    The wheel force-includes the repository's ``rules/`` as ``jdlint/_rules``; an editable
    install has no such copy and reads the repository directly.
    """
    package = Path(jdlint.__file__).resolve().parent
    installed = package / "_rules"
    if installed.is_dir():
        return installed
    repo = package.parent / "rules"
    if repo.is_dir():
        return repo
    raise RuleDataError(f"rule data not found: neither {installed} nor {repo} exists")


class _Reader:
    """Validates one parsed YAML mapping; every error names file and field."""

    def __init__(self, path: Path, data: Mapping[str, Any], trusted: bool = False) -> None:
        self.path = path
        self.data = data
        self.trusted = trusted  # NOTE: one of jdlint's own rules (see ``load_rule``)

    def fail(self, fieldname: str, problem: str) -> RuleDataError:
        return RuleDataError(f"{self.path.name}: field '{fieldname}': {problem}")

    def text(self, fieldname: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(fieldname, "must be a non-empty string")
        return value.strip()

    def texts(self, fieldname: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(fieldname, "must be a list of strings")
        return tuple(value)

    def choice(self, fieldname: str, value: Any, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(fieldname, f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    def per_language(self, fieldname: str, value: Any, *, required: bool) -> dict[str, str]:
        if not isinstance(value, Mapping):
            raise self.fail(fieldname, "must be a mapping with keys ru, lt, en")
        unknown = set(value) - set(OUTPUT_LANGUAGES)
        if unknown:
            raise self.fail(fieldname, f"unknown language(s) {sorted(unknown)} (ru, lt, en)")
        if required:
            missing = [lang for lang in OUTPUT_LANGUAGES if lang not in value]
            if missing:
                raise self.fail(fieldname, f"missing language(s) {', '.join(missing)}")
        out = {lang: self.text(f"{fieldname}.{lang}", text) for lang, text in value.items()}
        # NOTE: a placeholder present in one language only would raise KeyError at report time
        # (or silently drop a detail), so all translations must use the same set.
        sets = {lang: placeholders(text) for lang, text in out.items()}
        reference = sets.get("en") or next(iter(sets.values()), frozenset())
        for lang, names in sets.items():
            if names != reference:
                raise self.fail(f"{fieldname}.{lang}",
                                f"placeholders {sorted(names)} differ from {sorted(reference)}")
        return out

    def date_or_none(self, fieldname: str, value: Any) -> date | None:
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(fieldname, f"{value!r} is not a date (YYYY-MM-DD)") from None

    def legal(self, value: Any) -> dict[str, tuple[LegalRef, ...]]:
        if value is None:
            return {}
        if not isinstance(value, Mapping) or set(value) - set(JURISDICTIONS):
            raise self.fail("legal_basis", f"must map jurisdiction ({', '.join(JURISDICTIONS)}) "
                            "to a list of refs")
        out: dict[str, tuple[LegalRef, ...]] = {}
        for lang, refs in value.items():
            if not isinstance(refs, list):
                raise self.fail(f"legal_basis.{lang}", "must be a list")
            items: list[LegalRef] = []
            for i, ref in enumerate(refs):
                where = f"legal_basis.{lang}[{i}]"
                if not isinstance(ref, Mapping) or "cite" not in ref:
                    raise self.fail(where, "must be a mapping with 'cite'")
                unknown = set(ref) - {"cite", "url", "valid_from", "valid_to", "note"}
                if unknown:
                    raise self.fail(where, f"unknown key(s) {sorted(unknown)}")
                url = ref.get("url")
                if url is not None and not (isinstance(url, str) and url.startswith("http")):
                    raise self.fail(f"{where}.url", "must be an http(s) address or null")
                valid_from = self.date_or_none(f"{where}.valid_from", ref.get("valid_from"))
                valid_to = self.date_or_none(f"{where}.valid_to", ref.get("valid_to"))
                if valid_from and valid_to and valid_to < valid_from:
                    raise self.fail(f"{where}.valid_to", "is before valid_from")
                items.append(LegalRef(self.text(f"{where}.cite", ref["cite"]), url,
                                      valid_from, valid_to))
            out[lang] = tuple(items)
        return out

    def docs(self, value: Any) -> RuleDocs:
        if not isinstance(value, Mapping):
            raise self.fail("docs", "must be a mapping with why, bad, good")
        unknown = set(value) - {"why", "bad", "good", "not_flagged"}
        if unknown:
            raise self.fail("docs", f"unknown key(s) {sorted(unknown)}")
        not_flagged = value.get("not_flagged")
        return RuleDocs(
            why=self.text("docs.why", value.get("why")),
            bad=self.text("docs.bad", value.get("bad")),
            good=self.text("docs.good", value.get("good")),
            not_flagged=None if not_flagged is None else self.text("docs.not_flagged",
                                                                    not_flagged),
        )

    def meta(self) -> RuleMeta:
        d = self.data
        known = (*_REQUIRED, *_OPTIONAL)
        for key in d:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise self.fail(str(key), f"unknown field{hint}")
        for key in _REQUIRED:
            if key not in d:
                raise self.fail(key, "is required")
        code = self.text("code", d["code"])
        if not CODE_RE.match(code):
            raise self.fail("code", f"{code!r} is not like JD201")
        if self.path.stem != code:
            raise self.fail("code", f"{code!r} does not match the file name")
        name = self.text("name", d["name"])
        if not NAME_RE.match(name):
            raise self.fail("name", f"{name!r} is not kebab-case")
        try:
            severity = Severity.parse(str(d["severity"]))
        except ValueError as exc:
            raise self.fail("severity", str(exc)) from None
        try:
            confidence = Confidence(str(d.get("confidence", "high")))
        except ValueError:
            raise self.fail("confidence", "must be high, medium or low") from None
        languages = self.texts("languages", d["languages"])
        for lang in languages:
            self.choice("languages", lang, LANGUAGES)
        try:
            scope = tuple(SectionKind(s) for s in self.texts("scope", d.get("scope")))
        except ValueError as exc:
            raise self.fail("scope", str(exc)) from None
        try:
            specs = parse_options(d.get("options"))
            phrases = check_phrases(d.get("phrases"))
            texts = check_texts(d.get("texts"))
            fix = parse_fix(d.get("fix"), trusted=self.trusted)
        except ValueError as exc:
            field_, _, problem = str(exc).partition(": ")
            raise self.fail(field_, problem) from None
        data = d.get("data") or {}
        if not isinstance(data, Mapping):
            raise self.fail("data", "must be a mapping")
        suggestion = d.get("suggestion")
        return RuleMeta(
            code=code,
            name=name,
            status=self.choice("status", d["status"], STATUSES),
            severity=severity,
            confidence=confidence,
            groups=self.texts("groups", d["groups"]),
            languages=languages,  # type: ignore[arg-type]  # checked against LANGUAGES above
            kind=self.choice("kind", d["kind"], KINDS),
            scope=scope,
            summary=self.text("summary", d["summary"]),
            message=MappingProxyType(self.per_language("message", d["message"], required=True)),
            docs=self.docs(d["docs"]),
            legal_basis=MappingProxyType(self.legal(d.get("legal_basis"))),
            suggestion=None if suggestion is None else MappingProxyType(
                self.per_language("suggestion", suggestion, required=True)),
            options=MappingProxyType({n: o.default for n, o in specs.items()}),
            aliases=self.texts("aliases", d.get("aliases")),
            option_specs=MappingProxyType(specs),
            phrases=MappingProxyType(phrases),
            texts=MappingProxyType(texts),
            data=MappingProxyType(dict(data)),
            extra=MappingProxyType({k: d[k] for k in _EXTRA if k in d}),
            path=self.path,
            fix=MappingProxyType(fix),
        )


def load_rule(path: Path, *, trusted: bool = False) -> RuleMeta:
    """Load and validate one rule file. ``trusted``: a rule of jdlint's own rules folder, whose
    fix patterns the test suite compiles, so they are compiled on first use only."""
    try:
        data = load_yaml_file(path)
    except yaml_error() as exc:  # NOTE: evaluated only on an error: no PyYAML import
        raise RuleDataError(f"{path.name}: invalid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleDataError(f"{path.name}: not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        # NOTE: house rules come from the user's tree; a hostile nesting is a data error.
        raise RuleDataError(f"{path.name}: nested too deeply to be a rule") from None
    if not isinstance(data, Mapping):
        raise RuleDataError(f"{path.name}: must be a YAML mapping")
    return _Reader(path, data, trusted).meta()


@lru_cache(maxsize=4)
def _load(directory: Path) -> Mapping[str, RuleMeta]:
    catalogue: dict[str, RuleMeta] = {}
    names: dict[str, str] = {}
    # NOTE: a house rule folder (``rulepacks``) is never trusted: its regexes are compiled at
    # load, so a bad one is a one-line error before any file is linted
    trusted = directory == rules_dir().resolve()
    for path in sorted(directory.glob("*.yaml")):
        if not CODE_RE.match(path.stem):
            continue  # profiles.yaml and other data files live beside the rules
        meta = load_rule(path, trusted=trusted)
        for label in (meta.name, *meta.aliases):
            if label in names:
                raise RuleDataError(f"{path.name}: field 'name': {label!r} is already used by "
                                    f"{names[label]}")
            names[label] = meta.code
        catalogue[meta.code] = meta
    return MappingProxyType(catalogue)


def load_catalogue(directory: Path | None = None) -> Mapping[str, RuleMeta]:
    """All rules by code, sorted; loaded once per process per directory."""
    return _load((directory or rules_dir()).resolve())
