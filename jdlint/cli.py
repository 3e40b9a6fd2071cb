"""The command line: ``jdlint check``, ``config``, ``show``, ``rules``, ``rule``, ``test-rules``,
``report``.

Thin by design (ruff, sqlfluff): it parses options and hands them to ``jdlint.runner`` (config,
selection, exclusion), ``jdlint.parallel`` (cache, process pool), waivers, baselines and a
formatter, then maps the outcome to exit codes: 0 nothing at or above ``fail-on``, 1 findings,
2 a usage or configuration error, or a file that could not be read (the others are still
linted). Warnings about the configuration go to standard error, never into the report.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jdlint import __version__
from jdlint.collection.command import duplicates as _duplicates_command
from jdlint.errors import UsageError
from jdlint.model import Language, Severity
from jdlint.output import FORMATS, MACHINE_FORMATS
from jdlint.profstandards.command import profstandard as _profstandard_command
from jdlint.report.command import report as _report_command
from jdlint.testing.newrule import new_rule as _new_rule_command

if TYPE_CHECKING:
    from jdlint.results import FileResult
    from jdlint.runner import Plan

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PROGRESS_MIN_FILES = 20
_LANG_CHOICE = click.Choice(["auto", "ru", "lt"])
_OUT_LANG = click.Choice(["ru", "lt", "en"])
_SEVERITY = click.Choice(["error", "warning", "info"])
_FILE = click.Path(dir_okay=False, path_type=Path)


def _language(value: str) -> Language | None:
    if value == "ru":
        return "ru"
    if value == "lt":
        return "lt"
    return None


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Accept both "--select JD1 --select JD2" and "--select JD1,JD2"."""
    return tuple(part.strip() for v in values for part in v.split(",") if part.strip())


def _warn(message: str) -> None:
    click.echo(f"jdlint: warning: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jdlint")
def cli() -> None:
    """jdlint: a compliance linter for job descriptions (Russian and Lithuanian)."""


cli.add_command(_report_command)
cli.add_command(_duplicates_command)
cli.add_command(_profstandard_command)
cli.add_command(_new_rule_command)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(FORMATS), help="How findings are printed.")
@click.option("-o", "--output", "output", type=_FILE,
              help="Write the report to this file instead of standard output.")
@click.option("--select", multiple=True,
              help="Rules to run (replaces the config's selection): code, prefix, name, ALL.")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to skip: code, prefix or name.")
@click.option("--fail-on", default=None, type=_SEVERITY,
              help="Lowest severity that makes the exit code 1 [config, else error].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--lang", "lang", default=None, type=_LANG_CHOICE,
              help="Language of the documents [config, else auto: per instruction].")
@click.option("--output-lang", type=_OUT_LANG, default=None,
              help="Language of messages (default: the document's language).")
@click.option("--profile", default=None, help="Section profile (default: chosen per document).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--preview", is_flag=True, help="Also run rules marked preview.")
@click.option("--config", "config_file", type=_FILE,
              help="Use this config file for every file instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--force-exclude", is_flag=True,
              help="Apply 'exclude' to files named on the command line too (pre-commit).")
@click.option("--baseline", type=_FILE, help="Report only findings not recorded in this file.")
@click.option("--write-baseline", type=_FILE,
              help="Record every current finding in this file, then exit 0.")
@click.option("--waivers", "waivers_file", type=_FILE,
              help="Waiver file [config 'waivers', else jdlint-waivers.toml beside the config].")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Cache folder [config 'cache-dir', $JDLINT_CACHE_DIR, .jdlint_cache].")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Processes to lint with (0 = number of cores).")
@click.option("--no-progress", is_flag=True, help="Never show a progress bar.")
def check(paths: tuple[str, ...], fmt: str, output: Path | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          exit_zero: bool, lang: str | None, output_lang: str | None, profile: str | None,
          statistics: bool, preview: bool, config_file: Path | None, isolated: bool,
          force_exclude: bool, baseline: Path | None, write_baseline: Path | None,
          waivers_file: Path | None, no_cache: bool, cache_dir: Path | None, jobs: int,
          no_progress: bool) -> None:
    """Lint job descriptions (.docx, .txt, directories, or - for standard input)."""
    from jdlint import nlp
    from jdlint.output import format_results
    from jdlint.resolve import Overrides
    from jdlint.results import FileResult
    from jdlint.runner import plan

    cli_settings = Overrides(
        select=_split(select) if select else None, extend_select=_split(extend_select),
        ignore=_split(ignore), fail_on=fail_on, lang=lang, output_lang=output_lang,
        profile=profile, preview=preview)
    try:
        nlp.tokenizer()  # NOTE: a bad $JDLINT_TOKENIZER stops the run here, not in a rule
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        work = plan(paths, cli_settings, explicit_config=config_file, isolated=isolated,
                    force_exclude=force_exclude)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    for warning in work.warnings:
        _warn(warning)
    _refuse_inputs(work, (output, "-o"), (write_baseline, "--write-baseline"))
    results = _lint(work, fmt, no_cache=no_cache, cache_dir=cache_dir, jobs=jobs,
                    no_progress=no_progress)
    results.extend(FileResult(display_path=p, format=None, error=reason)
                   for p, reason in work.problems)
    results.sort(key=lambda r: r.display_path)
    try:
        results = _post(results, work, fmt, baseline, write_baseline, waivers_file)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if write_baseline is not None:
        sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)
    if fmt == "json":
        # NOTE: JSON is written file by file: a batch of thousands of files never exists as
        # one string in memory (bench/ANALYSIS.md).
        from jdlint.output.json import render_chunks

        _emit_chunks(render_chunks(results), output)
        if statistics:
            click.echo(_statistics(results), nl=False, err=True)
        sys.exit(_exit_code(results, work, fail_on, exit_zero))
    text = format_results(results, fmt, color=None if output is None else False,
                          catalogue=work.catalogue)
    if statistics:
        stats = _statistics(results)
        if fmt in ("json", "sarif", "github"):
            click.echo(stats, nl=False, err=True)
        else:
            text += stats
    _emit_chunks((text,), output)
    sys.exit(_exit_code(results, work, fail_on, exit_zero))


def _lint(work: Plan, fmt: str, *, no_cache: bool, cache_dir: Path | None, jobs: int,
          no_progress: bool) -> list[FileResult]:
    from jdlint.cache import DEFAULT_DIR, ResultCache, config_cache_dir, default_cache_dir
    from jdlint.parallel import default_jobs, run_jobs

    cache = None
    if not no_cache:
        folder = cache_dir
        for resolved in work.resolved.values():
            config = resolved.config
            if folder is None and config.cache_dir is not None:
                folder = config_cache_dir(config.cache_dir, config.root)
                if folder is None:
                    _warn(f"{config.label}: cache-dir '{config.cache_dir}' is not a folder "
                          "inside the config's own folder; the default cache folder is used")
                    folder = config.root / DEFAULT_DIR
            elif folder is None and config.path is not None:
                folder = config.root / DEFAULT_DIR
        cache = ResultCache(folder or default_cache_dir())

    def show_progress(count: int) -> bool:
        return (not no_progress and fmt not in MACHINE_FORMATS and count >= PROGRESS_MIN_FILES
                and sys.stderr.isatty())

    return run_jobs(work.jobs, workers=jobs or default_jobs(), cache=cache,
                    progress=show_progress)


def _post(results: list[FileResult], work: Plan, fmt: str, baseline: Path | None,
          write_baseline: Path | None, waivers_file: Path | None) -> list[FileResult]:
    """Waivers, then the baseline (read or written)."""
    from jdlint.baseline import load_baseline
    from jdlint.baseline import write_baseline as write
    from jdlint.runner import apply_waivers

    typed, waived, warnings = apply_waivers(results, work, waivers_file)
    for warning in warnings:
        _warn(warning)
    if write_baseline is not None:
        count = write(write_baseline, typed)
        click.echo(f"jdlint: wrote {count} finding(s) to {write_baseline}", err=True)
        return typed
    if baseline is not None:
        outcome = load_baseline(baseline).apply(typed)
        typed = outcome.results
        if outcome.suppressed and fmt not in MACHINE_FORMATS:
            click.echo(f"jdlint: {outcome.suppressed} finding(s) recorded in {baseline} "
                       f"not shown", err=True)
        if outcome.fixed:
            _warn(f"{outcome.fixed} finding(s) recorded in {baseline} no longer occur; "
                  f"rewrite it with --write-baseline {baseline} to keep it tight")
    if waived and fmt not in MACHINE_FORMATS:
        click.echo(f"jdlint: {waived} finding(s) waived", err=True)
    return typed


def _statistics(results: Sequence[FileResult]) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        for finding in result.findings:
            counts[(finding.code, finding.name)] += 1
    lines = [f"{n:>5}  {code}  {name}" for (code, name), n in
             sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(["", "Statistics:", *lines]) + "\n" if lines else ""


def _refuse_inputs(work: Plan, *outputs: tuple[Path | None, str]) -> None:
    """Exit 2 before linting when an output would land on an input (found in a folder too)."""
    from jdlint.safeout import OutputError, refuse_inputs

    inputs = [job.target for job in work.jobs]
    try:
        for path, option in outputs:
            if path is not None:
                refuse_inputs(path, inputs, option)
    except OutputError as exc:
        click.echo(f"jdlint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _emit_chunks(chunks: Iterable[str], output: Path | None) -> None:
    """Write the report piece by piece to standard output, or all or nothing to ``output``."""
    from jdlint.safeout import OutputError, write_atomic

    if output is None:
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    try:
        write_atomic(output, chunks)
    except OutputError as exc:
        click.echo(f"jdlint: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _exit_code(results: Sequence[FileResult], work: Plan, fail_on: str | None,
               exit_zero: bool) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    for result in results:
        resolved = work.resolved_for(result.display_path)
        threshold = Severity.parse(fail_on) if fail_on else \
            (resolved.fail_on if resolved else Severity.ERROR)
        if any(f.severity >= threshold for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


@cli.command("config")
@click.argument("path", default=".")
@click.option("--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json"]))
@click.option("--config", "config_file", type=_FILE, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
def config_cmd(path: str, fmt: str, config_file: Path | None, isolated: bool) -> None:
    """Show the settings that apply to PATH (a file or folder) and the config they come from."""
    from jdlint.profiles import profile_names
    from jdlint.resolve import Overrides, describe, resolve
    from jdlint.rulepacks import RulePackError, catalogue_with
    from jdlint.runner import config_for

    target = Path(path)
    probe = target / "_" if target.is_dir() else target
    try:
        config = config_for(probe, explicit=config_file, isolated=isolated)
        resolved = resolve(config, Overrides(), catalogue_with(config.extend_rules),
                           profile_names())
    except (UsageError, RulePackError) as exc:
        raise click.UsageError(str(exc)) from None
    data = describe(resolved, resolved.relpath(target.resolve() if path != "-" else path))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"# {path}: settings from {config.label}")
    for key, value in data.items():
        if key in ("config", "file", "warnings"):
            continue
        click.echo(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    for warning in resolved.warnings:
        _warn(warning)


@cli.command("test-rules")
@click.argument("folders", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
def test_rules_cmd(folders: tuple[Path, ...]) -> None:
    """Run the bad/good cases of house rules (FOLDER/tests/CODE.yaml) [config 'extend-rules']."""
    from jdlint.rulepacks import RulePackError, run_cases
    from jdlint.runner import config_for

    chosen = tuple(f.resolve() for f in folders)
    if not chosen:
        chosen = config_for(Path.cwd() / "_", explicit=None, isolated=False).extend_rules
    if not chosen:
        raise click.UsageError("no house rule folders: name one, or set 'extend-rules' in "
                               "jdlint.toml / [tool.jdlint]")
    try:
        outcome = run_cases(list(chosen))
    except RulePackError as exc:
        raise click.UsageError(str(exc)) from None
    failed = [r for r in outcome if not r.ok]
    for r in outcome:
        status = "ok" if r.ok else f"FAILED: {r.problem}"
        click.echo(f"{r.code} {r.case} [{r.fmt}] {status}")
    click.echo(f"{len(outcome) - len(failed)} passed, {len(failed)} failed")
    sys.exit(EXIT_FINDINGS if failed or not outcome else EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json"]))
@click.option("--lang", "lang", default="auto", type=_LANG_CHOICE, show_default=True)
def show(paths: tuple[str, ...], fmt: str, lang: str) -> None:
    """Print the structure jdlint recognised: instructions, sections, clauses, noise."""
    from jdlint.errors import InputError
    from jdlint.output.show import ShowResult, render_json, render_text
    from jdlint.pipeline import Settings, analyse_file
    from jdlint.readers import discover

    settings = Settings(language=_language(lang))
    warnings: list[str] = []
    files, problems = discover(paths, warnings)
    for warning in warnings:
        _warn(warning)
    results = [ShowResult(p, None, reason) for p, reason in problems]
    for target in files:
        name = target if isinstance(target, str) else str(target)
        try:
            results.append(ShowResult(name, analyse_file(target, settings)))
        except InputError as exc:
            results.append(ShowResult(name, None, exc.reason))
    click.echo(render_json(results) if fmt == "json" else render_text(results), nl=False)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


@cli.command("rules")
@click.option("--all", "include_removed", is_flag=True, help="Include removed rules.")
@click.option("--markdown", is_flag=True, help="Print a Markdown table (as in README.md).")
def rules_cmd(include_removed: bool, markdown: bool) -> None:
    """List the rules: code, name, severity, languages."""
    if markdown:
        from jdlint.output.ruledocs import rules_markdown

        click.echo(rules_markdown(), nl=False)
        return
    from jdlint.output import rules_table

    click.echo(rules_table(include_removed=include_removed), nl=False)


@cli.command("rule")
@click.argument("code")
@click.option("--lang", "lang", default="en", type=_OUT_LANG, show_default=True)
def rule_cmd(code: str, lang: str) -> None:
    """Explain one rule: why, a bad and a good example, legal basis."""
    from jdlint.output import rule_doc

    try:
        click.echo(rule_doc(code, lang), nl=False)
    except KeyError as exc:
        raise click.UsageError(str(exc.args[0]) if exc.args else str(exc)) from None
