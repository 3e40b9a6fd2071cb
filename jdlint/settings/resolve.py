"""Resolved settings: one config file plus the command line, checked against the rule catalogue.

This module owns precedence. The command line is a second layer over the config (ruff's
model): ``--select`` replaces the config's ``select``/``extend-select``/``ignore``; without it,
``--extend-select`` and ``--ignore`` adjust the config's selection. Inside one layer the most
specific selector wins and ties go to ignore (``jdlint.settings.selection``). Other options
given on the command line replace the config's value. Unknown codes and option names in a
config are warned with a "did you mean" and skipped; on the command line they are usage errors.
``Resolved`` is plain picklable data: worker processes rebuild rules from it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any

from jdlint.catalogue.ruledata import RuleMeta
from jdlint.catalogue.ruleoptions import option_value
from jdlint.core.errors import UsageError
from jdlint.core.model import Language, Severity
from jdlint.core.records import record
from jdlint.settings.config import ConfigFile, glob_matches, relative_posix
from jdlint.settings.selection import EXACT, SelectorError, resolve_selection, specificity

__all__ = ["Overrides", "Resolved", "resolve"]


@record
class Overrides:
    """What the command line said (None / empty = not given)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    lang: str | None = None
    output_lang: str | None = None
    profile: str | None = None
    preview: bool = False


@record
class Resolved:
    """The settings that apply to the files governed by one config file."""

    config: ConfigFile
    codes: tuple[str, ...]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.ERROR
    language: Language | None = None
    output_lang: str | None = None
    profile: str | None = None
    warnings: tuple[str, ...] = ()

    def codes_for(self, relpath: str) -> tuple[str, ...]:
        """The rules that run on one file, after ``per-file-ignores``."""
        dropped: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if glob_matches(pattern, relpath):
                dropped.update(codes)
        return tuple(c for c in self.codes if c not in dropped)

    def relpath(self, target: Path | str) -> str:
        """A file's path relative to the config's folder (what globs are matched against)."""
        if isinstance(target, str):
            return target
        return relative_posix(target, self.config.root)

    def key(self) -> str:
        """A digest of everything that changes findings (part of the cache key)."""
        data = {"codes": self.codes, "severities": {k: v.label for k, v in
                                                    sorted(self.severities.items())},
                "options": self.options, "pfi": self.per_file_ignores,
                "language": self.language, "output_lang": self.output_lang,
                "profile": self.profile,
                "extend_rules": [str(p) for p in self.config.extend_rules]}
        text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def _language(value: str | None) -> Language | None:
    if value == "ru":
        return "ru"
    if value == "lt":
        return "lt"
    return None


def _known(selectors: Sequence[str], catalogue: Mapping[str, RuleMeta], where: str,
           warnings: list[str]) -> tuple[str, ...]:
    """Config selectors that name a rule; the others are warned about and dropped."""
    kept: list[str] = []
    for selector in selectors:
        try:
            resolve_selection(catalogue, select=[selector], preview=True)
        except SelectorError as exc:
            warnings.append(f"{where}: {exc}; it is ignored")
            continue
        kept.append(selector)
    return tuple(kept)


def _layer(catalogue: Mapping[str, RuleMeta], previous: set[str],
           extend: Sequence[str], ignore: Sequence[str], preview: bool) -> set[str]:
    """Apply a layer without ``select``: add what ``extend`` wins, drop what ``ignore`` wins."""
    added = set(resolve_selection(catalogue, select=[], extend_select=extend, ignore=ignore,
                                  preview=preview))
    dropped = set(resolve_selection(catalogue, select=ignore, preview=True)) if ignore else set()
    return added | (previous - dropped)


def _by_rule(entries: Sequence[tuple[str, Any]], catalogue: Mapping[str, RuleMeta],
             where: str, warnings: list[str]) -> dict[str, Any]:
    """Selector-keyed values → code-keyed values; the most specific selector wins."""
    out: dict[str, tuple[int, Any]] = {}
    for selector, value in entries:
        hits = [(m.code, specificity(selector, m)) for m in catalogue.values()]
        matched = [(code, score) for code, score in hits if score is not None]
        if not matched:
            words = sorted({w for m in catalogue.values() for w in (m.code, m.name)})
            close = difflib.get_close_matches(selector, words, n=1) or \
                difflib.get_close_matches(selector.upper(), words, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            warnings.append(f"{where}: unknown rule {selector!r}{hint}; it is ignored")
            continue
        for code, score in matched:
            if code not in out or score >= out[code][0]:
                out[code] = (score, value)
    return {code: value for code, (_, value) in out.items()}


def _options(config: ConfigFile, catalogue: Mapping[str, RuleMeta],
             warnings: list[str]) -> dict[str, dict[str, Any]]:
    where = f"{config.label}: rules"
    out: dict[str, dict[str, Any]] = {}
    for key, values in config.rules.items():
        exact = [m for m in catalogue.values() if specificity(key, m) == EXACT]
        if not exact:
            _by_rule([(key, None)], catalogue, where, warnings)
            continue
        meta = exact[0]
        kept: dict[str, Any] = {}
        sections = {"messages": {"message", "suggestion"}, "phrase lists": meta.phrases,
                    "texts": {*meta.texts, "texts"}, "data": meta.data}
        for name, value in values.items():
            try:
                problem = option_value(meta.option_specs, sections, name, value)
            except KeyError:
                close = difflib.get_close_matches(name, list(meta.options), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                known = ", ".join(meta.options) or "none"
                warnings.append(f"{where}.{key}: {meta.code} has no option {name!r}{hint}; "
                                f"its options: {known}")
                continue
            if problem is not None:
                # NOTE: a value the rule cannot use, or a message rewritten from a config, is
                # refused, never silently applied (one line, exit 2).
                raise UsageError(f"{where}.{key}: {meta.code} {problem}")
            kept[name] = value
        if kept:
            out.setdefault(meta.code, {}).update(kept)
    return out


def resolve(config: ConfigFile, cli: Overrides, catalogue: Mapping[str, RuleMeta],
            profiles: Sequence[str] = ()) -> Resolved:
    """Config + command line → the settings of a run. Raises ``UsageError`` for the CLI's."""
    warnings: list[str] = list(config.warnings)
    label = config.label
    preview = cli.preview or bool(config.preview)
    cfg_select = None if config.select is None else _known(config.select, catalogue,
                                                           f"{label}: select", warnings)
    cfg_extend = _known(config.extend_select, catalogue, f"{label}: extend-select", warnings)
    cfg_ignore = _known(config.ignore, catalogue, f"{label}: ignore", warnings)
    try:
        if cli.select is not None:
            codes = set(resolve_selection(catalogue, select=cli.select,
                                          extend_select=cli.extend_select, ignore=cli.ignore,
                                          preview=preview))
        else:
            codes = set(resolve_selection(catalogue, select=cfg_select,
                                          extend_select=cfg_extend, ignore=cfg_ignore,
                                          preview=preview))
            if cli.extend_select or cli.ignore:
                codes = _layer(catalogue, codes, cli.extend_select, cli.ignore, preview)
    except SelectorError as exc:
        raise UsageError(str(exc)) from None
    per_file: list[tuple[str, tuple[str, ...]]] = []
    for pattern, selectors in config.per_file_ignores:
        known = _known(selectors, catalogue, f"{label}: per-file-ignores.{pattern}", warnings)
        matched = resolve_selection(catalogue, select=known, preview=True) if known else ()
        per_file.append((pattern, tuple(matched)))
    severities = {code: Severity.parse(value) for code, value in
                  _by_rule(config.severity, catalogue, f"{label}: severity", warnings).items()}
    profile = cli.profile or config.profile
    if profile is not None and profiles and profile not in profiles:
        where = "--profile" if cli.profile else f"{label}: profile"
        close = difflib.get_close_matches(profile, profiles, n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise UsageError(f"{where}: unknown profile {profile!r}{hint} "
                         f"(one of: {', '.join(profiles)})")
    return Resolved(
        config=config,
        codes=tuple(sorted(codes)),
        severities=severities,
        options=_options(config, catalogue, warnings),
        per_file_ignores=tuple(per_file),
        fail_on=Severity.parse(cli.fail_on or config.fail_on or "error"),
        language=_language(cli.lang if cli.lang not in (None, "auto") else config.lang),
        output_lang=cli.output_lang or config.output_lang,
        profile=profile,
        warnings=tuple(warnings),
    )


def describe(resolved: Resolved, relpath: str) -> dict[str, Any]:
    """The resolved settings of one file as plain data (``jdlint config``)."""
    config = resolved.config
    return {
        "config": str(config.path) if config.path else None,
        "file": relpath,
        "rules": list(resolved.codes_for(relpath)),
        "per-file-ignored": sorted(set(resolved.codes) - set(resolved.codes_for(relpath))),
        "severity": {k: v.label for k, v in sorted(resolved.severities.items())},
        "rule-options": {k: dict(v) for k, v in sorted(resolved.options.items())},
        "fail-on": resolved.fail_on.label,
        "lang": resolved.language or "auto",
        "output-lang": resolved.output_lang or "document",
        "profile": resolved.profile or "auto",
        "exclude": list(config.exclude),
        "extend-rules": [str(p) for p in config.extend_rules],
        "cache-dir": str(config.cache_dir) if config.cache_dir else None,
        "waivers": str(config.waivers) if config.waivers else None,
        "warnings": list(resolved.warnings),
    }
