"""The ``jdlint profstandard`` command group: ``import FILE.xml -o OUT.yaml``.

A standalone ``click.Group`` the CLI registers (``cli.add_command(profstandard)``). Heavy
imports (lxml, yaml) happen inside the command so ``jdlint --help`` stays fast. With several
standards in one export, ``-o`` may name a directory (one ``CODE.yaml`` per standard) or a file
(one YAML document per standard); without ``-o`` the YAML goes to standard output. Exit code 2
on an unreadable or invalid export, like every input error of jdlint.
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["profstandard"]

EXIT_ERROR = 2


@click.group(name="profstandard", context_settings={"help_option_names": ["-h", "--help"]})
def profstandard() -> None:
    """Professional standards: import them from the Ministry of Labour registry."""


@profstandard.command(name="import")
@click.argument("xml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path),
              help="YAML file to write, or a directory for one CODE.yaml per standard.")
@click.option("--status", type=click.Choice(["current", "superseded", "unknown"]),
              default="current", show_default=True,
              help="Status of the approving order in the export.")
def import_command(xml_file: Path, output: Path | None, status: str) -> None:
    """Convert a registry XML export (FILE.xml) to jdlint's standard format."""
    import yaml

    from jdlint.profstandards.importer import import_file
    from jdlint.profstandards.model import StandardDataError, standard_to_mapping

    try:
        standards = import_file(xml_file, status=status)  # type: ignore[arg-type]
    except StandardDataError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None

    def dump(items: list[object]) -> str:
        return yaml.safe_dump_all(items, allow_unicode=True, sort_keys=False, width=100)

    mappings = [standard_to_mapping(s) for s in standards]
    try:
        if output is None:
            click.echo(dump(list(mappings)), nl=False)
        elif output.is_dir():
            for std, data in zip(standards, mappings, strict=True):
                target = output / f"{std.code}.yaml"
                target.write_text(dump([data]), encoding="utf-8")
                click.echo(f"{target}: {std.code} {std.name}", err=True)
        else:
            output.write_text(dump(list(mappings)), encoding="utf-8")
            for std in standards:
                click.echo(f"{output}: {std.code} {std.name}", err=True)
    except OSError as exc:
        click.echo(f"error: {output}: {exc.strerror or exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    for std in standards:
        functions = std.functions or ()
        tfs = std.all_labour_functions()
        actions = sum(len(t.actions or ()) for t in tfs)
        click.echo(f"  {std.code}: order {std.orders[0].number} of "
                   f"{std.orders[0].date:%d.%m.%Y}, {len(functions)} generalised functions, "
                   f"{len(tfs)} labour functions, {actions} labour actions", err=True)
