"""The command line: ``jdlint check``, ``config``, ``show``, ``rules``, ``rule``, ``test-rules``,
``report``.

Thin by design (ruff, sqlfluff): ``check`` lives in ``jdlint.checkcli`` (options, one run,
output), which hands the work to ``jdlint.run.runner`` (config, selection, exclusion),
``jdlint.run.parallel`` (cache, process pool), waivers, baselines and a formatter, then maps the
outcome to exit codes: 0 nothing at or above ``fail-on``, 1 findings,
2 a usage or configuration error, or a file that could not be read (the others are still
linted). Warnings about the configuration go to standard error, never into the report.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import click

from jdlint import __version__
from jdlint.checkcli import check as _check_command
from jdlint.core.errors import UsageError
from jdlint.core.model import Language

if TYPE_CHECKING:
    from jdlint.catalogue.ruledata import RuleMeta

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_LANG_CHOICE = click.Choice(["auto", "ru", "lt"])
_OUT_LANG = click.Choice(["ru", "lt", "en"])
_FILE = click.Path(dir_okay=False, path_type=Path)


def _language(value: str) -> Language | None:
    if value == "ru":
        return "ru"
    if value == "lt":
        return "lt"
    return None


def _warn(message: str) -> None:
    click.echo(f"jdlint: warning: {message}", err=True)


class _LazyGroup(click.Group):
    """A group whose larger subcommands are imported when named (or listed, for ``--help``),
    not at every start: ``jdlint check`` is what a hook runs on each commit, and the others'
    modules cost ~4 ms of its cold start (issue 19)."""

    LAZY: ClassVar[Mapping[str, tuple[str, str]]] = {
        "report": ("jdlint.report.command", "report"),
        "duplicates": ("jdlint.collection.command", "duplicates"),
        "profstandard": ("jdlint.profstandards.command", "profstandard"),
        "new-rule": ("jdlint.testing.newrule", "new_rule"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in self.LAZY:
            import importlib

            module, name = self.LAZY[cmd_name]
            found = getattr(importlib.import_module(module), name)
            self.add_command(found, cmd_name)
        return found


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jdlint")
def cli() -> None:
    """jdlint: a compliance linter for job descriptions (Russian and Lithuanian)."""


cli.add_command(_check_command)


@cli.command("config")
@click.argument("path", default=".")
@click.option("--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json"]))
@click.option("--config", "config_file", type=_FILE, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
def config_cmd(path: str, fmt: str, config_file: Path | None, isolated: bool) -> None:
    """Show the settings that apply to PATH (a file or folder) and the config they come from."""
    from jdlint.catalogue.profiles import profile_names
    from jdlint.catalogue.rulepacks import RulePackError, catalogue_with
    from jdlint.run.runner import config_for
    from jdlint.settings.resolve import Overrides, describe, resolve

    target = Path(path)
    probe = target / "_" if target.is_dir() else target
    try:
        config = config_for(probe, explicit=config_file, isolated=isolated)
        resolved = resolve(config, Overrides(), catalogue_with(config.extend_rules),
                           profile_names())
    except (UsageError, RulePackError) as exc:
        _fail(str(exc))
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
    from jdlint.catalogue.rulepacks import RulePackError
    from jdlint.run.runner import config_for
    from jdlint.testing.packs import run_cases

    chosen = tuple(f.resolve() for f in folders)
    if not chosen:
        chosen = config_for(Path.cwd() / "_", explicit=None, isolated=False).extend_rules
    if not chosen:
        raise click.UsageError("no house rule folders: name one, or set 'extend-rules' in "
                               "jdlint.toml / [tool.jdlint]")
    try:
        outcome = run_cases(list(chosen))
    except RulePackError as exc:
        _fail(str(exc))
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
    from jdlint.core.errors import InputError
    from jdlint.engine.pipeline import Settings, analyse_file
    from jdlint.output.show import ShowResult, render_json, render_text
    from jdlint.run.scan import scan

    settings = Settings(language=_language(lang))
    found = scan(paths)
    for warning in (*found.warnings, *found.type_warnings()):
        _warn(warning)
    results = [ShowResult(p, None, reason) for p, reason in found.problems]
    for target in found.files:
        name = target if isinstance(target, str) else str(target)
        try:
            results.append(ShowResult(name, analyse_file(target, settings)))
        except InputError as exc:
            results.append(ShowResult(name, None, exc.reason))
    click.echo(render_json(results) if fmt == "json" else render_text(results), nl=False)
    sys.exit(EXIT_ERROR if any(r.error for r in results) else EXIT_OK)


def _catalogue(config_file: Path | None, isolated: bool) -> Mapping[str, RuleMeta]:
    """jdlint's rules plus the house rules (``extend-rules``) of the config that governs the
    working folder; a broken config or pack is one line and exit 2."""
    from jdlint.catalogue.rulepacks import RulePackError, catalogue_with
    from jdlint.run.runner import config_for

    try:
        config = config_for(Path.cwd() / "_", explicit=config_file, isolated=isolated)
        return catalogue_with(config.extend_rules)
    except (UsageError, RulePackError) as exc:
        _fail(str(exc))


def _fail(message: str) -> NoReturn:
    """A configuration error: one line, no usage banner, exit 2."""
    click.echo(f"jdlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


_CATALOGUE_OPTIONS = (
    click.option("--config", "config_file", type=_FILE,
                 help="Take 'extend-rules' from this config file."),
    click.option("--isolated", is_flag=True, help="Ignore config files (no house rules)."),
)


def _catalogue_options(function: Any) -> Any:
    for option in reversed(_CATALOGUE_OPTIONS):
        function = option(function)
    return function


@cli.command("rules")
@click.option("--all", "include_removed", is_flag=True, help="Include removed rules.")
@click.option("--markdown", is_flag=True, help="Print a Markdown table (as in README.md).")
@click.option("--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "json"]))
@_catalogue_options
def rules_cmd(include_removed: bool, markdown: bool, fmt: str, config_file: Path | None,
              isolated: bool) -> None:
    """List the rules, house rules ('extend-rules') included: code, name, severity,
    languages."""
    if markdown:
        from jdlint.output.ruledocs import rules_markdown

        click.echo(rules_markdown(), nl=False)
        return
    from jdlint.checkcli.emit import terminal_width
    from jdlint.output.ruledocs import rules_json, rules_table

    catalogue = _catalogue(config_file, isolated)
    if fmt == "json":
        click.echo(rules_json(include_removed=include_removed, catalogue=catalogue), nl=False)
        return
    click.echo(rules_table(include_removed=include_removed, catalogue=catalogue,
                           width=terminal_width()), nl=False)


@cli.command("rule")
@click.argument("code")
@click.option("--lang", "lang", default="en", type=_OUT_LANG, show_default=True)
@_catalogue_options
def rule_cmd(code: str, lang: str, config_file: Path | None, isolated: bool) -> None:
    """Explain one rule (house rules too): why, a bad and a good example, legal basis."""
    from jdlint.output import rule_doc

    try:
        click.echo(rule_doc(code, lang, _catalogue(config_file, isolated)), nl=False)
    except KeyError as exc:
        _fail(str(exc.args[0]) if exc.args else str(exc))
