"""README.md stays true: its rule table is the catalogue, its two set-up commands are the
ones .ci/run executes, and the files it shows exist."""

from __future__ import annotations

import re
from pathlib import Path

from jdlint.output.ruledocs import rules_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_current() -> None:
    m = re.search(r"<!-- rules:start[^>]*-->\n(.*?)<!-- rules:end -->", README, re.S)
    assert m, "README.md has the generated rule table"
    assert m.group(1) == rules_markdown(), "run `jdlint rules --markdown` into README.md"


def test_setup_commands_are_the_ones_ci_runs() -> None:
    blocks = re.findall(r"## Set-up: two commands.*?```sh\n(.*?)\n```.*?```sh\n(.*?)\n```",
                        README, re.S)
    assert blocks, "README.md shows the two set-up commands"
    install, tests = blocks[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install.strip() in ci
    assert tests.strip() in ci


def test_pictures_and_examples_exist() -> None:
    for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / target).is_file(), target
    example = re.search(r"jdlint check (corpus/\S+)", README)
    assert example and (ROOT / example.group(1)).is_file()
