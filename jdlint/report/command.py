"""``jdlint report``: the click command; heavy imports (jinja2, python-docx) happen inside."""

from __future__ import annotations

import sys

import click


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
def report(paths: tuple[str, ...], fmt: str, output: str, report_lang: str | None,
           redline: bool, repeated: int | None) -> None:
    """Write a review report for a lawyer (HTML) or a commented Word copy (DOCX)."""
    from jdlint.report.run import run_report

    sys.exit(run_report(paths, fmt=fmt, output=output, lang=report_lang, redline=redline,
                        repeated=repeated))
