"""One ``jdlint check`` run, without the command-line parsing: plan, lint, waive, baseline.

``plan`` expands the paths, finds each file's config (cached per folder), resolves it with the
command line once per config, drops excluded files (files found in folders always; files named
on the command line only with ``force_exclude``, which the pre-commit hook sets) and applies
``per-file-ignores``; ``jdlint.run.outcome`` applies each config's waiver file to the files it
governs. Everything here raises ``UsageError`` for the user's mistakes; the CLI prints them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import field
from pathlib import Path

from jdlint.catalogue.ruledata import RuleMeta
from jdlint.core.errors import UsageError
from jdlint.core.records import record
from jdlint.run.parallel import Job
from jdlint.run.scan import Scan, ScanOptions, scan
from jdlint.settings.config import ConfigFile, clear_caches, find_config, glob_matches, load_config
from jdlint.settings.resolve import Overrides, Resolved, resolve

__all__ = ["Plan", "config_for", "plan"]


@record(frozen=False)
class Plan:
    """What to lint and with which settings; problems are files that could not be found."""

    jobs: list[Job] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    resolved: dict[Path | None, Resolved] = field(default_factory=dict)
    catalogue: Mapping[str, RuleMeta] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    scan: Scan = field(default_factory=Scan)
    excluded: int = 0
    stdin_name: str | None = None
    _by_path: dict[str, Resolved] = field(default_factory=dict)

    def display(self, target: Path | str) -> str:
        """How a job's file is named in the output (``--stdin-filename`` names "-")."""
        if target == "-" and self.stdin_name:
            return self.stdin_name
        return str(target)

    def resolved_for(self, display_path: str) -> Resolved | None:
        """The settings a result was linted with (for per-file ``fail-on``)."""
        if len(self._by_path) != len(self.jobs):
            self._by_path = {self.display(job.target): job.resolved for job in self.jobs}
        return self._by_path.get(display_path)


def config_for(target: Path | str, *, explicit: Path | None, isolated: bool,
               real: Path | None = None) -> ConfigFile:
    """The config that governs one file (``--config`` and ``--isolated`` win); ``real`` is
    the file's resolved path when the caller has it already."""
    if isolated:
        return load_config(None, root=Path.cwd())
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"config file {explicit} does not exist")
        return load_config(explicit.resolve())
    if isinstance(target, str):
        folder = Path.cwd()
    else:
        folder = (real if real is not None else Path(target).resolve()).parent
    found = find_config(folder)
    return load_config(found) if found is not None else load_config(None, root=Path.cwd())


def _excluded(config: ConfigFile, target: Path) -> bool:
    if not config.exclude:
        return False
    from jdlint.settings.config import relative_posix

    rel = relative_posix(target, config.root)
    return any(glob_matches(pattern, rel) for pattern in config.exclude)


def plan(paths: Sequence[str], cli: Overrides, *, explicit_config: Path | None = None,
         isolated: bool = False, force_exclude: bool = False,
         scan_options: ScanOptions | None = None, stdin_name: str | None = None) -> Plan:
    """Files to lint with their settings, in sorted display order."""
    from dataclasses import replace

    from jdlint.catalogue.profiles import profile_names
    from jdlint.catalogue.rulepacks import RulePackError, catalogue_with

    clear_caches()
    options = replace(scan_options or ScanOptions(), force_exclude=force_exclude)
    found = scan(paths, options)
    named = {Path(p) for p in paths if p != "-"}
    out = Plan(problems=list(found.problems), warnings=list(found.warnings), scan=found,
               stdin_name=stdin_name)
    profiles = profile_names()
    seen_warnings: set[str] = set()
    # NOTE: each file's Path and real path are let go as its job is made, so the jobs reuse
    # their memory instead of adding to it (issue 19: the plan's peak is every process's)
    pending, found.files = found.files[::-1], []
    while pending:
        target = pending.pop()
        real = found.real.pop(os.fspath(target), None) if isinstance(target, Path) else None
        located = Path(stdin_name) if target == "-" and stdin_name else target
        config = config_for(located, explicit=explicit_config, isolated=isolated,
                            real=Path(real) if real is not None else None)
        if isinstance(target, Path) and (force_exclude or target not in named) \
                and _excluded(config, target):
            out.excluded += 1
            found.skipped.append((str(target), f"excluded by {config.label}"))
            continue
        resolved = out.resolved.get(config.path)
        if resolved is None:
            try:
                catalogue = catalogue_with(config.extend_rules)
            except RulePackError as exc:
                raise UsageError(str(exc)) from None
            resolved = resolve(config, cli, catalogue, profiles)
            out.resolved[config.path] = resolved
            if not out.catalogue or len(catalogue) > len(out.catalogue):
                out.catalogue = catalogue
            for warning in resolved.warnings:
                if warning not in seen_warnings:
                    seen_warnings.add(warning)
                    out.warnings.append(warning)
        # NOTE: without per-file-ignores every file runs the config's codes: no relative path
        # to make (~0.1 ms a file of the serial start, issue 19)
        codes = resolved.codes_for(resolved.relpath(located)) if resolved.per_file_ignores \
            else resolved.codes
        out.jobs.append(Job.of(target, resolved, codes))
    if not out.resolved:
        # NOTE: nothing to lint; still validate the command line against the catalogue.
        config = config_for("-", explicit=explicit_config, isolated=isolated)
        try:
            out.catalogue = catalogue_with(config.extend_rules)
        except RulePackError as exc:
            raise UsageError(str(exc)) from None
        resolve(config, cli, out.catalogue, profiles)
    out.jobs.sort(key=lambda j: j.name)
    return out
