"""The ``jdlint check`` click command: its options, gathered into one ``CheckOptions``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from jdlint.checkcli.options import CheckOptions
from jdlint.output import FORMATS

__all__ = ["check"]

_LANG_CHOICE = click.Choice(["auto", "ru", "lt"])
_OUT_LANG = click.Choice(["ru", "lt", "en"])
_SEVERITY = click.Choice(["error", "warning", "info"])
_FILE = click.Path(dir_okay=False, path_type=Path)

# NOTE: (flags, keyword arguments) per option, in the order `--help` lists them; one table
# instead of thirty decorators, and `check` receives them as one CheckOptions.
_OPTIONS: tuple[tuple[tuple[str, ...], dict[str, Any]], ...] = (
    (("--output-format", "fmt"), {"default": "text", "show_default": True,
                                  "type": click.Choice(FORMATS),
                                  "help": "How findings are printed."}),
    (("-o", "--output", "output"), {"type": _FILE, "help": "Write the report to this file "
                                    "instead of standard output."}),
    (("--select",), {"multiple": True, "help": "Rules to run (replaces the config's "
                     "selection): code, prefix, name, ALL."}),
    (("--extend-select",), {"multiple": True, "help": "Rules to add to the selection."}),
    (("--ignore",), {"multiple": True, "help": "Rules to skip: code, prefix or name."}),
    (("--fail-on",), {"default": None, "type": _SEVERITY, "help": "Lowest severity that makes "
                      "the exit code 1 [config, else error]."}),
    (("--exit-zero",), {"is_flag": True, "help": "Exit 0 even when findings are reported."}),
    (("--lang", "lang"), {"default": None, "type": _LANG_CHOICE, "help": "Language of the "
                          "documents [config, else auto: per instruction]."}),
    (("--output-lang",), {"type": _OUT_LANG, "default": None,
                          "help": "Language of messages (default: the document's language)."}),
    (("--profile",), {"default": None,
                      "help": "Section profile (default: chosen per document)."}),
    (("--statistics",), {"is_flag": True, "help": "Print the number of findings per rule "
                         "instead of the findings."}),
    (("--preview",), {"is_flag": True, "help": "Also run rules marked preview."}),
    (("--config", "config_file"), {"type": _FILE, "help": "Use this config file for every "
                                   "file instead of searching."}),
    (("--isolated",), {"is_flag": True, "help": "Ignore all config files."}),
    (("--exclude",), {"multiple": True, "help": "Globs of files and folders to skip in folder "
                      "scans, replacing the default excludes (.git, venv, node_modules…)."}),
    (("--extend-exclude",), {"multiple": True,
                             "help": "Globs to skip in addition to the default excludes."}),
    (("--no-respect-gitignore",), {"is_flag": True,
                                   "help": "Also lint files that .gitignore ignores."}),
    (("--force-exclude",), {"is_flag": True, "help": "Apply the excludes to files named on the "
                            "command line too (pre-commit)."}),
    (("--stdin-filename",), {"default": None, "help": "The name of the document read from "
                             "standard input (config, per-file-ignores and output use it)."}),
    (("--diff",), {"is_flag": True, "help": "Print the text changes the rules propose "
                   "(safe ones) instead of the findings; exit 1 if there are any."}),
    (("--unsafe-fixes",), {"is_flag": True, "help": "With --diff, also the proposals marked "
                           "unsafe (the report shows them as comments)."}),
    (("--show-files",), {"is_flag": True,
                         "help": "List the files that would be linted, then exit."}),
    (("--baseline",), {"type": _FILE,
                       "help": "Report only findings not recorded in this file."}),
    (("--write-baseline",), {"type": _FILE,
                             "help": "Record every current finding in this file, then exit 0."}),
    (("--waivers", "waivers_file"), {"type": _FILE, "help": "Waiver file [config 'waivers', "
                                     "else jdlint-waivers.toml beside the config]."}),
    (("--no-cache",), {"is_flag": True, "help": "Neither read nor write the result cache (nor "
                     "the parsed rule catalogue)."}),
    (("--cache-dir",), {"type": click.Path(file_okay=False, path_type=Path),
                        "help": "Cache folder [config 'cache-dir', $JDLINT_CACHE_DIR, "
                                ".jdlint_cache]."}),
    (("-j", "--jobs"), {"type": click.IntRange(min=0), "default": 0,
                        "help": "Processes to lint with (0 = number of cores)."}),
    (("--no-progress",), {"is_flag": True, "help": "Never show a progress bar."}),
    (("--color",), {"type": click.Choice(["auto", "always", "never"]), "default": "auto",
                    "show_default": True, "help": "Colour in the text report (auto: a "
                    "terminal, unless NO_COLOR; FORCE_COLOR forces it)."}),
    (("-q", "--quiet"), {"is_flag": True, "help": "Print the findings and errors only: no "
                         "summary, notes or warnings."}),
    (("-v", "--verbose"), {"is_flag": True, "help": "Also say which files were skipped and "
                           "why, and which config governs each file."}),
)


def _with_options(function: Any) -> Any:
    for flags, kwargs in reversed(_OPTIONS):
        function = click.option(*flags, **kwargs)(function)
    return function


@click.command()
@click.argument("paths", nargs=-1, required=True)
@_with_options
def check(**values: Any) -> None:
    """Lint job descriptions (.docx, .txt, directories, or - for standard input)."""
    from jdlint.checkcli.run import run_check

    run_check(CheckOptions.of(values))
