"""The pre-commit hook (.pre-commit-hooks.yaml, id ``jdlint``) blocks a commit with a bad DOCX.

Real ``pre-commit try-repo`` against a snapshot of this project (its working tree, committed in
a temporary repository, so uncommitted work is tested as it is), run from the ``pre-commit``
git hook of a temporary repository holding DOCX files built at test time.

Offline: ``language: python`` makes pre-commit create a virtualenv and ``pip install .`` the
project. Here that runs with ``PIP_NO_INDEX=1`` (no package index is contacted), build
isolation off (``PIP_NO_BUILD_ISOLATION=0``, pip's inverted spelling) and ``PYTHONPATH`` set to
this interpreter's site-packages, so hatchling and jdlint's dependencies are found installed
and only jdlint itself is built from the snapshot into the hook's environment.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from jdlint.testing.docxbuild import text_to_docx

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "jdlint", "rules")


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


def _requirements() -> str | None:
    if shutil.which("git") is None:
        return "git is not installed"
    for module in ("pre_commit", "virtualenv", "hatchling"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    reason = _requirements()
    if reason:
        pytest.skip(reason)
    home = tmp_path_factory.mktemp("precommit-home")
    out = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    out.update({
        "PRE_COMMIT_HOME": str(home / "cache"), "HOME": str(home),
        "PIP_NO_INDEX": "1", "PIP_NO_BUILD_ISOLATION": "0",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "GIT_AUTHOR_NAME": "HR", "GIT_AUTHOR_EMAIL": "hr@example.invalid",
        "GIT_COMMITTER_NAME": "HR", "GIT_COMMITTER_EMAIL": "hr@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1",
    })
    return out


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    snap = tmp_path_factory.mktemp("jdlint-snapshot")
    for name in SNAPSHOT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, snap / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_rules"))
        else:
            shutil.copy2(source, snap / name)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        assert _git(snap, *args, env=env).returncode == 0
    return snap


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str], hook_repo: Path) -> Path:
    work = tmp_path / "instructions"
    work.mkdir()
    assert _git(work, "init", "-q", env=env).returncode == 0
    src = ROOT / "corpus" / "src"
    (work / "bad.docx").write_bytes(text_to_docx((src / "ru_sales_defects.txt").read_text(
        encoding="utf-8")))
    (work / "good.docx").write_bytes(text_to_docx((src / "ru_accountant_clean.txt").read_text(
        encoding="utf-8")))
    hook = work / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec '{sys.executable}' -m pre_commit try-repo "
                    f"'{hook_repo}' jdlint\n", encoding="utf-8")
    hook.chmod(0o755)
    return work


def test_commit_is_blocked_by_a_bad_docx_and_allowed_for_a_good_one(
        repo: Path, env: dict[str, str], hook_repo: Path) -> None:
    assert _git(repo, "add", "bad.docx", env=env).returncode == 0
    blocked = _git(repo, "commit", "-m", "add a bad instruction", env=env)
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "jdlint" in output and "Failed" in output
    assert "bad.docx:" in output and " JD2" in output  # concise lines: path:para: [clause] CODE
    assert _git(repo, "rev-parse", "--verify", "HEAD", env=env).returncode != 0, "no commit"

    assert _git(repo, "rm", "-q", "--cached", "bad.docx", env=env).returncode == 0
    assert _git(repo, "add", "good.docx", env=env).returncode == 0
    allowed = _git(repo, "commit", "-m", "add a good instruction", env=env)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "Passed" in allowed.stdout + allowed.stderr
    shown = _git(repo, "show", "--name-only", "--format=", "HEAD", env=env).stdout.split()
    assert shown == ["good.docx"]

    # pre-commit built the hook's own python environment from the snapshot (language: python)
    assert "Installing environment for" in output


def test_hooks_manifest_is_what_the_readme_documents() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(
        encoding="utf-8"))}
    main = hooks["jdlint"]
    assert main["language"] == "python"
    # NOTE: the hook takes exactly the suffixes a folder scan picks up (the table of formats)
    from jdlint.readers import SUFFIXES

    named = re.fullmatch(r"\\\.\((.*)\)\$", main["files"])
    assert named is not None and {f".{s}" for s in named.group(1).split("|")} == SUFFIXES
    assert hooks["jdlint-system"]["files"] == main["files"]
    assert "--output-format concise" in main["entry"]
    assert hooks["jdlint-system"]["entry"] == main["entry"]
    assert "id: jdlint" in (ROOT / "README.md").read_text(encoding="utf-8")
