"""``jdlint report``: the click command; heavy imports (jinja2, python-docx) happen inside.

The selection, config, waiver and baseline options are ``jdlint check``'s, with the same
meaning: the report shows exactly the findings ``check`` would print.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["html", "docx"]), default="html",
              show_default=True, help="HTML review report, or a commented copy of a Word file.")
@click.option("-o", "--output", "output", required=True,
              type=click.Path(dir_okay=False), help="Where to write the report.")
@click.option("--report-lang", type=click.Choice(["ru", "lt", "en"]), default=None,
              help="Language of the report (default: the documents' language).")
@click.option("--redline", is_flag=True,
              help="DOCX: show safe replacements as tracked changes to accept or reject.")
@click.option("--repeated", "repeated", type=click.IntRange(min=2), default=None,
              metavar="N", help="HTML: also list clauses found in at least N documents.")
@click.option("--select", multiple=True,
              help="Rules to run (replaces the config's selection), as in 'jdlint check'.")
@click.option("--extend-select", multiple=True, help="Rules to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules to skip: code, prefix or name.")
@click.option("--lang", "lang", default=None, type=click.Choice(["auto", "ru", "lt"]),
              help="Language of the documents [config, else auto: per instruction].")
@click.option("--preview", is_flag=True, help="Also run rules marked preview.")
@click.option("--config", "config_file", type=_FILE,
              help="Use this config file for every file instead of searching.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--waivers", "waivers_file", type=_FILE,
              help="Waiver file [config 'waivers', else jdlint-waivers.toml beside the config].")
@click.option("--baseline", type=_FILE, help="Leave out findings recorded in this file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that lint the files [default: the cores available].")
@click.option("--exclude", multiple=True, help="Globs of files and folders to skip in folder "
              "scans, replacing the default excludes, as in 'jdlint check'.")
@click.option("--extend-exclude", multiple=True,
              help="Globs to skip in addition to the default excludes.")
@click.option("--no-respect-gitignore", is_flag=True,
              help="Also include files that .gitignore ignores.")
def report(paths: tuple[str, ...], fmt: str, output: str, report_lang: str | None,
           redline: bool, repeated: int | None, select: tuple[str, ...],
           extend_select: tuple[str, ...], ignore: tuple[str, ...], lang: str | None,
           preview: bool, config_file: Path | None, isolated: bool, waivers_file: Path | None,
           baseline: Path | None, jobs: int | None, exclude: tuple[str, ...],
           extend_exclude: tuple[str, ...], no_respect_gitignore: bool) -> None:
    """Write a review report for a lawyer (HTML) or a commented Word copy (DOCX)."""
    from jdlint.report.run import Selection, run_report

    def split(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(p.strip() for v in values for p in v.split(",") if p.strip())

    chosen = Selection(select=split(select) if select else None,
                       extend_select=split(extend_select), ignore=split(ignore), lang=lang,
                       preview=preview, config=config_file, isolated=isolated,
                       waivers=waivers_file, baseline=baseline,
                       exclude=split(exclude) if exclude else None,
                       extend_exclude=split(extend_exclude),
                       respect_gitignore=not no_respect_gitignore)
    sys.exit(run_report(paths, fmt=fmt, output=output, lang=report_lang, redline=redline,
                        repeated=repeated, chosen=chosen, jobs=jobs))
