"""``jdlint new-rule CODE NAME``: write a house phrase rule and its case file from a template.

The pair it writes (``FOLDER/CODE.yaml`` and ``FOLDER/tests/CODE.yaml``, from
``templates/phrase-LANG*.yaml``) passes ``jdlint test-rules FOLDER`` as written: one example
phrase, a case where it is found, one where it is not, and the docs examples placed in a
skeleton. The author then replaces the example with the real phrase. It never overwrites a
file: an existing rule or case file is one line and exit 2.
"""

from __future__ import annotations

from pathlib import Path
from string import Template
from typing import Final

import click

__all__ = ["new_rule", "write_rule"]

TEMPLATES: Final = Path(__file__).with_name("templates")
DEFAULT_FOLDER: Final = Path("rules")


class NewRuleError(ValueError):
    """The rule cannot be written (bad code or name, a file exists); the message says why."""


def write_rule(code: str, name: str, folder: Path, lang: str = "ru") -> tuple[Path, Path]:
    """Write ``folder/CODE.yaml`` and ``folder/tests/CODE.yaml``; return both paths."""
    from jdlint.catalogue.ruledata import NAME_RE, rules_dir
    from jdlint.catalogue.rulepacks import HOUSE_CODE_RE

    if not HOUSE_CODE_RE.match(code):
        raise NewRuleError(f"{code!r}: a house rule code is 2-4 capital letters and 3 digits, "
                           f"like ACME001 (JD is jdlint's own prefix)")
    if not NAME_RE.match(name):
        raise NewRuleError(f"{name!r}: a rule name is kebab-case, like bonus-at-discretion")
    if folder.resolve() == rules_dir().resolve():
        raise NewRuleError(f"{folder} holds jdlint's own rules: name a house rule folder "
                           f"with --folder")
    rule_path, case_path = folder / f"{code}.yaml", folder / "tests" / f"{code}.yaml"
    for path in (rule_path, case_path):
        if path.exists():
            raise NewRuleError(f"{path} already exists; not overwritten")
    values = {"code": code, "name": name, "folder": folder.as_posix()}
    texts = [Template((TEMPLATES / f"phrase-{lang}{suffix}.yaml").read_text(encoding="utf-8"))
             .substitute(values) for suffix in ("", ".cases")]
    case_path.parent.mkdir(parents=True, exist_ok=True)
    # NOTE: mode "x" so that a file created between the check above and now is not clobbered
    for path, text in zip((rule_path, case_path), texts, strict=True):
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    return rule_path, case_path


def _default_folder() -> Path:
    """The first ``extend-rules`` folder of the config that applies here, else ./rules."""
    from jdlint.core.errors import UsageError
    from jdlint.run.runner import config_for

    try:
        folders = config_for(Path.cwd() / "_", explicit=None, isolated=False).extend_rules
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if not folders:
        return DEFAULT_FOLDER
    try:
        return folders[0].relative_to(Path.cwd())
    except ValueError:
        return folders[0]


@click.command("new-rule")
@click.argument("code")
@click.argument("name")
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="House rule folder [default: the first 'extend-rules' folder, else ./rules].")
@click.option("--lang", type=click.Choice(["ru", "lt"]), default="ru", show_default=True,
              help="Language of the example phrase and cases.")
def new_rule(code: str, name: str, folder: Path | None, lang: str) -> None:
    """Write a house phrase rule CODE (e.g. ACME002) named NAME and its cases from a template."""
    chosen = folder if folder is not None else _default_folder()
    try:
        rule_path, case_path = write_rule(code, name, chosen, lang)
    except (NewRuleError, OSError) as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {rule_path} and {case_path}")
    click.echo(f"edit the example phrase, then run: jdlint test-rules {chosen.as_posix()}")
