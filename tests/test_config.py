"""Config files: discovery walking up, every key, "did you mean", precedence with the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import SALES_WITH_FINE
from hypothesis import given, settings
from hypothesis import strategies as st

from jdlint.catalogue.ruledata import load_catalogue
from jdlint.core.errors import UsageError
from jdlint.core.model import Severity
from jdlint.run.runner import plan
from jdlint.settings.config import clear_caches, find_config, glob_matches, load_config
from jdlint.settings.resolve import Overrides, Resolved, describe, resolve


@pytest.fixture(autouse=True)
def _fresh() -> None:
    clear_caches()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _resolve(tmp_path: Path, toml: str, cli: Overrides | None = None) -> Resolved:
    cfg = load_config(_write(tmp_path / "jdlint.toml", toml))
    return resolve(cfg, cli or Overrides(), load_catalogue())


# --- discovery -----------------------------------------------------------------------------

def test_walks_up_to_the_nearest_config(tmp_path: Path) -> None:
    top = _write(tmp_path / "pyproject.toml", "[tool.jdlint]\nfail-on = 'warning'\n")
    inner = _write(tmp_path / "hr" / "legal" / "jdlint.toml", "fail-on = 'info'\n")
    (tmp_path / "hr" / "legal" / "deep").mkdir()
    assert find_config((tmp_path / "hr" / "legal" / "deep").resolve()) == inner.resolve()
    assert find_config((tmp_path / "hr").resolve()) == top.resolve()


def test_pyproject_without_jdlint_table_is_skipped(tmp_path: Path) -> None:
    top = _write(tmp_path / "jdlint.toml", "fail-on = 'info'\n")
    _write(tmp_path / "sub" / "pyproject.toml", "[tool.black]\nline-length = 90\n")
    assert find_config((tmp_path / "sub").resolve()) == top.resolve()


def test_jdlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.jdlint]\nfail-on = 'warning'\n")
    chosen = _write(tmp_path / "jdlint.toml", "fail-on = 'info'\n")
    assert find_config(tmp_path.resolve()) == chosen.resolve()


def test_jdlint_toml_accepts_a_tool_table_too(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path / "jdlint.toml", "[tool.jdlint]\nfail-on = 'info'\n"))
    assert cfg.fail_on == "info"


def test_each_file_gets_its_own_config(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "jdlint.toml", "select = ['JD201']\n")
    _write(tmp_path / "b" / "jdlint.toml", "select = ['JD002']\n")
    a = _write(tmp_path / "a" / "x.txt", SALES_WITH_FINE)
    b = _write(tmp_path / "b" / "y.txt", SALES_WITH_FINE)
    work = plan([str(a), str(b)], Overrides())
    codes = {str(job.target): job.codes for job in work.jobs}
    assert codes == {str(a): ("JD201",), str(b): ("JD002",)}


# --- every key -----------------------------------------------------------------------------

def test_select_extend_select_ignore(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "select = ['JD0']\nextend-select = ['JD201']\nignore = ['JD003']\n")
    assert r.codes == ("JD000", "JD001", "JD002", "JD004", "JD005", "JD006", "JD201")


def test_per_file_ignores_globs(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "select = ['JD0', 'JD201']\n[per-file-ignores]\n"
                           "'legacy/**/*.docx' = ['JD2']\n'drafts' = ['ALL']\n")
    assert "JD201" not in r.codes_for("legacy/2019/a.docx")
    assert "JD201" in r.codes_for("legacy/2019/a.txt")
    assert r.codes_for("hr/drafts/b.txt") == ()
    assert "JD201" in r.codes_for("current/a.docx")


def test_severity_by_code_name_and_prefix(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "[severity]\nJD2 = 'warning'\nfine-as-sanction = 'info'\n"
                           "JD005 = 'error'\n")
    sev = r.severities
    name = load_catalogue()["JD201"].name
    assert sev["JD005"] is Severity.ERROR
    assert sev["JD202"] is Severity.WARNING
    assert sev["JD201"] is (Severity.INFO if name == "fine-as-sanction" else Severity.WARNING)


def test_rule_options_by_code_or_name(tmp_path: Path) -> None:
    meta = next(m for m in load_catalogue().values() if m.options)
    option = next(iter(meta.options))
    r = _resolve(tmp_path, f"[rules.{meta.name}]\n{option} = 7\n")
    assert r.options == {meta.code: {option: 7}}


def test_scalar_keys(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "fail-on = 'warning'\nlang = 'lt'\noutput-lang = 'en'\n"
                           "profile = 'lt-private'\npreview = true\n")
    assert r.fail_on is Severity.WARNING
    assert (r.language, r.output_lang, r.profile) == ("lt", "en", "lt-private")
    assert "JD101" in r.codes or load_catalogue()["JD101"].status != "preview"


def test_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path / "jdlint.toml",
                             "cache-dir = 'build/cache'\nwaivers = 'legal/w.toml'\n"
                             "extend-rules = ['house']\nexclude = ['archive']\n"))
    assert cfg.cache_dir == (tmp_path / "build" / "cache").resolve()
    assert cfg.waivers == (tmp_path / "legal" / "w.toml").resolve()
    assert cfg.extend_rules == ((tmp_path / "house").resolve(),)
    assert cfg.exclude == ("archive",)


def test_exclude_skips_found_files_but_not_named_ones(tmp_path: Path) -> None:
    _write(tmp_path / "jdlint.toml", "exclude = ['archive', '*.bak.txt']\n")
    kept = _write(tmp_path / "docs" / "a.txt", SALES_WITH_FINE)
    old = _write(tmp_path / "archive" / "old.txt", SALES_WITH_FINE)
    _write(tmp_path / "docs" / "a.bak.txt", SALES_WITH_FINE)
    found = [str(j.target) for j in plan([str(tmp_path)], Overrides()).jobs]
    assert found == [str(kept)]
    named = [str(j.target) for j in plan([str(old)], Overrides()).jobs]
    assert named == [str(old)]
    assert plan([str(old)], Overrides(), force_exclude=True).jobs == []


# --- problems are reported in plain words --------------------------------------------------

def test_unknown_key_did_you_mean(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path / "jdlint.toml", "selct = ['JD2']\nfail_on = 'info'\n"))
    assert cfg.fail_on == "info"  # NOTE: snake_case spelling is accepted
    assert len(cfg.warnings) == 1
    assert "unknown key 'selct' (did you mean 'select'?)" in cfg.warnings[0]


def test_unknown_code_did_you_mean(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "select = ['JD0', 'JD2O1']\n[severity]\nJD00S = 'info'\n")
    warnings = " | ".join(r.warnings)
    assert "'JD2O1'" in warnings and "did you mean" in warnings
    assert "'JD00S'" in warnings
    assert "JD002" in r.codes


def test_unknown_rule_option_did_you_mean(tmp_path: Path) -> None:
    meta = next(m for m in load_catalogue().values() if m.options)
    option = next(iter(meta.options))
    r = _resolve(tmp_path, f"[rules.{meta.code}]\n{option}x = 1\n")
    assert f"did you mean '{option}'" in " ".join(r.warnings)
    assert r.options == {}


@pytest.mark.parametrize(("toml", "words"), [
    ("fail-on = 'fatal'\n", "'fail-on' must be one of error, warning, info"),
    ("select = 5\n", "'select' must be a list of strings"),
    ("[severity]\nJD201 = 'loud'\n", "'severity.JD201' must be one of"),
    ("preview = 'yes'\n", "'preview' must be true or false"),
    ("select = [\n", "is not valid TOML"),
])
def test_bad_values_are_usage_errors(tmp_path: Path, toml: str, words: str) -> None:
    with pytest.raises(UsageError, match=words.replace("(", r"\(").replace("[", r"\[")):
        load_config(_write(tmp_path / "jdlint.toml", toml))


def test_unknown_profile_is_a_usage_error(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path / "jdlint.toml", "profile = 'ru-standart'\n"))
    with pytest.raises(UsageError, match="did you mean ru-standard"):
        resolve(cfg, Overrides(), load_catalogue(), ("ru-standard", "lt-private"))


# --- precedence ----------------------------------------------------------------------------

PRECEDENCE = [
    # config select, config ignore, CLI select, CLI extend-select, CLI ignore → JD201 runs?
    (["JD2"], [], None, [], [], True),
    (["JD2"], ["JD201"], None, [], [], False),          # more specific ignore wins
    (["JD201"], ["JD2"], None, [], [], True),           # more specific select wins
    (["JD201"], ["JD201"], None, [], [], False),        # a tie goes to ignore
    (["JD2"], ["JD201"], None, ["JD201"], [], True),    # the CLI layer re-enables it
    (["JD2"], [], None, [], ["JD2"], False),            # the CLI layer drops it
    (["JD2"], [], ["JD0"], [], [], False),              # --select replaces the config
    (["JD0"], ["JD201"], ["JD201"], [], [], True),      # ... including its ignore
    (["JD0"], [], ["JD201"], [], ["JD201"], False),     # tie inside the CLI layer: ignore
]


@pytest.mark.parametrize(("c_sel", "c_ign", "sel", "ext", "ign", "runs"), PRECEDENCE)
def test_precedence(tmp_path: Path, c_sel: list[str], c_ign: list[str], sel: list[str] | None,
                    ext: list[str], ign: list[str], runs: bool) -> None:
    cli = Overrides(select=None if sel is None else tuple(sel), extend_select=tuple(ext),
                    ignore=tuple(ign))
    r = _resolve(tmp_path, f"select = {c_sel!r}\nignore = {c_ign!r}\n", cli)
    assert ("JD201" in r.codes) is runs


def test_cli_values_replace_config_values(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "fail-on = 'info'\nlang = 'lt'\n",
                 Overrides(fail_on="error", lang="ru"))
    assert r.fail_on is Severity.ERROR and r.language == "ru"


def test_unknown_cli_selector_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="did you mean"):
        _resolve(tmp_path, "", Overrides(select=("JD2O1",)))


def test_describe_shows_the_source(tmp_path: Path) -> None:
    r = _resolve(tmp_path, "select = ['JD201']\n[per-file-ignores]\n'old/*' = ['JD201']\n")
    data = describe(r, "old/a.txt")
    assert data["config"] == str((tmp_path / "jdlint.toml").resolve())
    assert data["rules"] == [] and data["per-file-ignored"] == ["JD201"]


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("*.docx", "a.docx", True),
    ("*.docx", "legacy/a.docx", True),           # no slash: the file name anywhere
    ("legacy", "legacy/2019/a.docx", True),      # a folder name
    ("legacy/*.docx", "legacy/2019/a.docx", False),
    ("legacy/**/*.docx", "legacy/2019/a.docx", True),
    ("legacy/**/*.docx", "legacy/a.docx", True),
    ("legacy/", "legacy/a.txt", True),
    ("./hr/*.txt", "hr/a.txt", True),
    ("hr/a?.txt", "hr/ab.txt", True),
    ("hr/a?.txt", "hr/a/b.txt", False),
])
def test_glob_matches(pattern: str, path: str, hit: bool) -> None:
    assert glob_matches(pattern, path) is hit


# --- globs run in linear time (issue 18, item 7) --------------------------------------------


def _regex_glob(pattern: str) -> re.Pattern[str]:
    """The reference semantics: the regular expression the globs used to compile to."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        else:
            out.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i])))
            i += 1
    return re.compile("".join(out) + r"\Z")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab/*?", max_size=8), st.text(alphabet="ab/", max_size=10))
def test_glob_agrees_with_the_regex_semantics(pattern: str, path: str) -> None:
    from jdlint.settings.config import _Glob

    assert _Glob(pattern).match(path) == bool(_regex_glob(pattern).match(path))

