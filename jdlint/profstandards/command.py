"""The ``jdlint profstandard`` command group: ``import FILE.xml -o OUT.yaml``.

A standalone ``click.Group`` the CLI registers (``cli.add_command(profstandard)``). Heavy
imports (lxml, yaml) happen inside the command so ``jdlint --help`` stays fast. With several
standards in one export, ``-o`` may name a directory (an existing one, or a path ending in
``/``, created if missing: one ``CODE.yaml`` per standard) or a file (one YAML document per
standard; its folder is created if missing); without ``-o`` the YAML goes to standard output.
The registry export does not say whether the approving order is still in force (the 2015
orders were replaced), so ``--status`` is required: without it the command names the orders
found and exits 2 instead of marking them current. Exit code 2 on an unreadable or invalid
export or an unwritable output, like every input error of jdlint. Files are written through
:mod:`jdlint.core.safeout` (never over the export, all or nothing).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from jdlint.core.safeout import OutputError, refuse_inputs, write_atomic

__all__ = ["profstandard"]

EXIT_ERROR = 2


@click.group(name="profstandard", context_settings={"help_option_names": ["-h", "--help"]})
def profstandard() -> None:
    """Professional standards: import them from the Ministry of Labour registry."""


# NOTE: a standard's code ("06.029") names the file written for it; the code comes from the
# XML, so anything but this shape ("../../x", "/abs/path") is refused rather than followed.
_CODE = re.compile(r"\d{2}\.\d{3}")


def _write(raw_output: str | None, xml_file: Path, standards: Sequence[Any],
           mappings: Sequence[object], dump: Callable[[list[object]], str]) -> None:
    """Standard output, one ``CODE.yaml`` per standard in a folder (``-o DIR`` or ``-o DIR/``,
    created if missing), or one file; never over the export itself."""
    if raw_output is None:
        click.echo(dump(list(mappings)), nl=False)
        return
    # NOTE: the raw string, because Path() drops the trailing "/" that asks for a folder.
    output = Path(raw_output)
    folder_wanted = output.is_dir() or raw_output.endswith(("/", os.sep))
    if folder_wanted:
        bad = [s.code for s in standards if not _CODE.fullmatch(str(s.code))]
        if bad:
            raise OutputError(f"the export names a standard {bad[0]!r}, which is not a code "
                              "like 06.029; write it to a file with -o FILE.yaml")
        targets = [output / f"{s.code}.yaml" for s in standards]
    else:
        targets = [output]
    for target in targets:
        refuse_inputs(target, [xml_file], "the output")
    try:
        (output if folder_wanted else output.parent).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder for {output}: {exc.strerror or exc}"
                          ) from None
    if folder_wanted:
        for std, data, target in zip(standards, mappings, targets, strict=True):
            write_atomic(target, dump([data]))
            click.echo(f"{target}: {std.code} {std.name}", err=True)
        return
    write_atomic(output, dump(list(mappings)))
    for std in standards:
        click.echo(f"{output}: {std.code} {std.name}", err=True)


@profstandard.command(name="import")
@click.argument("xml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(),
              help="YAML file to write, or a directory for one CODE.yaml per standard.")
@click.option("--status", type=click.Choice(["current", "superseded", "unknown"]),
              default=None,
              help="Status of the approving order (required: the export does not say).")
def import_command(xml_file: Path, output: str | None, status: str | None) -> None:
    """Convert a registry XML export (FILE.xml) to jdlint's standard format."""
    import yaml

    from jdlint.profstandards.importer import import_file
    from jdlint.profstandards.model import StandardDataError, standard_to_mapping

    try:
        standards = import_file(xml_file, status=status or "unknown")  # type: ignore[arg-type]
    except StandardDataError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    if status is None:
        orders = "; ".join(f"{s.code}: order {s.orders[0].number} of "
                           f"{s.orders[0].date:%d.%m.%Y}" for s in standards)
        click.echo(f"error: the export does not say whether its approving orders are in force "
                   f"({orders}): pass --status current, superseded or unknown", err=True)
        raise SystemExit(EXIT_ERROR)

    def dump(items: list[object]) -> str:
        return yaml.safe_dump_all(items, allow_unicode=True, sort_keys=False, width=100)

    mappings = [standard_to_mapping(s) for s in standards]
    try:
        _write(output, xml_file, standards, mappings, dump)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_ERROR) from None
    for std in standards:
        functions = std.functions or ()
        tfs = std.all_labour_functions()
        actions = sum(len(t.actions or ()) for t in tfs)
        click.echo(f"  {std.code}: order {std.orders[0].number} of "
                   f"{std.orders[0].date:%d.%m.%Y}, {len(functions)} generalised functions, "
                   f"{len(tfs)} labour functions, {actions} labour actions", err=True)
