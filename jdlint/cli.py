"""The command line: ``jdlint check``, ``show``, ``rules``, ``rule``.

Thin by design (ruff, sqlfluff): it parses options, expands paths, calls the pipeline and a
formatter, and maps the outcome to exit codes — 0 nothing at or above ``--fail-on``,
1 findings, 2 usage error or a file that could not be read (the others are still linted).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from jdlint import __version__
from jdlint.model import Language, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_LANG_CHOICE = click.Choice(["auto", "ru", "lt"])
_OUT_LANG = click.Choice(["ru", "lt", "en"])


def _language(value: str) -> Language | None:
    if value == "ru":
        return "ru"
    if value == "lt":
        return "lt"
    return None


def _split(values: Sequence[str]) -> list[str]:
    """Accept both "--select JD1 --select JD2" and "--select JD1,JD2"."""
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _expand(paths: Sequence[str]) -> tuple[list[Path | str], list[tuple[str, str]]]:
    from jdlint.readers import discover

    return discover(paths)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jdlint")
def cli() -> None:
    """jdlint: a compliance linter for job descriptions (Russian and Lithuanian)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "concise", "json"]), help="How findings are printed.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@click.option("--select", multiple=True, help="Rules to run: code, prefix (JD2), name, ALL.")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to skip: code, prefix or name.")
@click.option("--fail-on", default="error", show_default=True,
              type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported.")
@click.option("--lang", "lang", default="auto", type=_LANG_CHOICE, show_default=True,
              help="Language of the documents (auto-detected per instruction).")
@click.option("--output-lang", type=_OUT_LANG, default=None,
              help="Language of messages (default: the document's language).")
@click.option("--profile", default=None, help="Section profile (default: chosen per document).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("--preview", is_flag=True, help="Also run rules marked preview.")
def check(paths: tuple[str, ...], fmt: str, output: str | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str,
          exit_zero: bool, lang: str, output_lang: str | None, profile: str | None,
          statistics: bool, preview: bool) -> None:
    """Lint job descriptions (.docx, .txt, directories, or - for standard input)."""
    from jdlint.output import format_results
    from jdlint.pipeline import Settings, lint_file
    from jdlint.registry import load_rules
    from jdlint.results import FileResult
    from jdlint.ruledata import load_catalogue
    from jdlint.selection import SelectorError, resolve_selection

    catalogue = load_catalogue()
    try:
        codes = resolve_selection(
            catalogue, select=_split(select) or None, extend_select=_split(extend_select),
            ignore=_split(ignore), preview=preview)
    except SelectorError as exc:
        raise click.UsageError(str(exc)) from None
    if profile is not None:
        from jdlint.profiles import profile_names

        if profile not in profile_names():
            raise click.UsageError(
                f"unknown profile {profile!r} (one of: {', '.join(profile_names())})")
    all_rules = load_rules(catalogue)
    rules = [all_rules[c] for c in codes if c in all_rules]
    settings = Settings(language=_language(lang), output_lang=output_lang, profile=profile)
    files, problems = _expand(paths)
    results: list[FileResult] = [FileResult(display_path=p, format=None, error=reason)
                                 for p, reason in problems]
    results.extend(lint_file(target, rules, settings) for target in files)
    results.sort(key=lambda r: r.display_path)
    text = format_results(results, fmt, color=None if output is None else False)
    if statistics:
        text += _statistics(results)
    _emit(text, output)
    sys.exit(_exit_code(results, Severity.parse(fail_on), exit_zero))


def _statistics(results: Sequence[object]) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        for finding in getattr(result, "findings", ()):
            counts[(finding.code, finding.name)] += 1
    lines = [f"{n:>5}  {code}  {name}" for (code, name), n in counts.most_common()]
    return "\n".join(["", "Statistics:", *lines]) + "\n" if lines else ""


def _emit(text: str, output: str | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"jdlint: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)


def _exit_code(results: Sequence[object], fail_on: Severity, exit_zero: bool) -> int:
    if any(getattr(r, "error", None) for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    worst = [f.severity for r in results for f in getattr(r, "findings", ())]
    return EXIT_FINDINGS if any(s >= fail_on for s in worst) else EXIT_OK


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

    settings = Settings(language=_language(lang))
    files, problems = _expand(paths)
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
def rules_cmd(include_removed: bool) -> None:
    """List the rules: code, name, severity, languages."""
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


def main() -> None:
    """Console-script entry point; turns unexpected errors into one line and exit 2."""
    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("jdlint: interrupted", err=True)
        sys.exit(EXIT_ERROR)
