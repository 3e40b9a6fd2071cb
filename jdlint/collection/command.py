"""``jdlint duplicates``: a standalone click command (the CLI registers it with
``cli.add_command``); reading and MinHash are imported inside the function.

    jdlint duplicates DIR… [--output-format text|json] [--min-docs N] [--threshold T]
                           [--exclude GLOB] [--extend-exclude GLOB] [--no-respect-gitignore]

Exit codes follow ``jdlint check``: 0 nothing repeated, 1 repeated clauses or near-copies
found, 2 a path that does not exist or a file that could not be read (the rest is still
searched).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import click


@click.command("duplicates")
@click.argument("paths", nargs=-1, required=True)
@click.option("--output-format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How the result is printed.")
@click.option("--min-docs", type=click.IntRange(min=2), default=3, show_default=True,
              help="List a clause found in at least this many files.")
@click.option("--threshold", type=click.FloatRange(0.1, 1.0), default=0.7, show_default=True,
              help="Estimated Jaccard similarity of word 3-grams that makes two instructions "
                   "near-copies.")
@click.option("--min-words", type=click.IntRange(min=1), default=4, show_default=True,
              help="Ignore clauses shorter than this many words.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes that read the files [default: the cores available].")
@click.option("--exclude", multiple=True, help="Globs of files and folders to skip in folder "
              "scans, replacing the default excludes, as in 'jdlint check'.")
@click.option("--extend-exclude", multiple=True,
              help="Globs to skip in addition to the default excludes.")
@click.option("--no-respect-gitignore", is_flag=True,
              help="Also search files that .gitignore ignores.")
def duplicates(paths: tuple[str, ...], fmt: str, min_docs: int, threshold: float,
               min_words: int, jobs: int | None, exclude: tuple[str, ...],
               extend_exclude: tuple[str, ...], no_respect_gitignore: bool) -> None:
    """List clauses repeated across many documents and near-copies of whole instructions."""
    from concurrent.futures.process import BrokenProcessPool

    from jdlint.collection.duplicates import ClauseTally, CopyIndex, describe_places
    from jdlint.collection.stream import digests
    from jdlint.core.text import comma_list as split
    from jdlint.run.parallel import default_jobs
    from jdlint.run.scan import ScanOptions, scan

    # NOTE: the same folder scan as `check` (.gitignore, default excludes, non-JD TXT names)
    found = scan(paths, ScanOptions(exclude=split(exclude) if exclude else None,
                                    extend_exclude=split(extend_exclude),
                                    respect_gitignore=not no_respect_gitignore))
    files, problems = found.files, list(found.problems)
    for warning in (*found.warnings, *found.type_warnings()):
        click.echo(f"jdlint: warning: {warning}", err=True)
    targets = []
    for target in files:
        if isinstance(target, str):
            problems.append((target, "standard input is not searched for duplicates"))
        else:
            targets.append(target)
    # NOTE: each file is read in a worker and comes back as a digest (clause rows and a
    # signature); no document is held, so memory follows the distinct clauses (issue 19).
    tally, index, count = ClauseTally(min_words=min_words), CopyIndex(), 0
    try:
        for digest in digests(targets, jobs=jobs or default_jobs(), min_words=min_words):
            if digest.error is not None:
                problems.append((digest.path, digest.error))
            for ref, rows, signature in digest.instructions:
                tally.add_rows(ref, rows)
                index.add_signature(ref, signature)
                count += 1
    except BrokenProcessPool:
        click.echo("jdlint: error: a worker process died (killed, or out of memory); "
                   "run again with --jobs 1 to find the file", err=True)
        sys.exit(2)
    for path, reason in problems:
        click.echo(f"jdlint: {path}: {reason}", err=True)
    # NOTE: repeated clauses are built and printed one at a time: at 100,000 documents the
    # boilerplate alone has millions of places.
    order = tally.order(min_docs)
    copies = index.result(threshold)
    if fmt == "json":
        _print_json({"instructions": count, "min_docs": min_docs, "threshold": threshold},
                    (tally.clause(e).to_json() for e in order), [g.to_json() for g in copies])
    else:
        click.echo(f"{count} instructions searched.")
        click.echo(f"\nClauses repeated in {min_docs} or more files: {len(order)}")
        for entry in order:
            item = tally.clause(entry)
            click.echo(f"  [{item.files} files] {item.text[:100]}")
            click.echo(f"      {describe_places(item.places)}")
        click.echo(f"\nNear-copies of whole instructions (similarity >= {threshold:g}): "
                   f"{len(copies)} group(s)")
        for group in copies:
            names = ", ".join(d.describe() for d in group.documents)
            click.echo(f"  [{group.similarity:.2f}] {names}")
    tally.close()
    code = 2 if problems else (1 if order or copies else 0)
    sys.exit(code)


def _print_json(head: dict[str, Any], repeated: Iterable[dict[str, Any]],
                copies: list[dict[str, Any]]) -> None:
    """``json.dumps({**head, "repeated_clauses": [...], "near_copies": [...]}, indent=2)``,
    byte for byte, written one clause at a time instead of built whole."""
    from jdlint.core import jsontext

    def dump(value: Any, indent: int = 0) -> str:
        # NOTE: json.dumps(value, ensure_ascii=False, indent=2) nested ``indent`` spaces
        # deeper (a 100,000-file search prints hundreds of MB); plain data, so default=str
        # never acts
        return jsontext.dumps(value, indent)

    out = sys.stdout
    out.write(dump(head)[:-2] + ',\n  "repeated_clauses": [')
    written = 0
    for item in repeated:
        out.write(("," if written else "") + "\n    " + dump(item, 4))
        written += 1
    out.write("\n  ]" if written else "]")
    out.write(',\n  "near_copies": ' + dump(copies, 2) + "\n}\n")
