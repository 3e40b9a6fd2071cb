"""Rule documentation for the CLI: ``jdlint rules`` (a table) and ``jdlint rule JD201``.

Everything comes from the rule YAML (``ruledata``): the same text a lawyer edits is what the
user reads, and the README table can be generated from ``rules_table``. Every function takes
the catalogue of the run (jdlint's rules plus the config's ``extend-rules`` house rules);
without one, jdlint's own. The table fits the terminal: below ~110 columns each rule is a
heading line with its summary wrapped under it, instead of a table squeezed into slivers.
"""

from __future__ import annotations

import difflib
import io
import json
import textwrap
from collections.abc import Mapping
from typing import Any

from rich.table import Table

from jdlint.catalogue.ruledata import RuleMeta, load_catalogue
from jdlint.catalogue.ruleoptions import Option
from jdlint.output.text import use_color
from jdlint.output.textrich import make_console

__all__ = ["find_rule", "rule_doc", "rules_json", "rules_markdown", "rules_table"]

# NOTE: the full table needs ~110 columns before the summary column gets a useful width.
_TABLE_MIN_WIDTH = 110


def find_rule(code_or_name: str, catalogue: Mapping[str, RuleMeta] | None = None) -> RuleMeta:
    """A rule by code ("JD201", any case), name or alias; ``KeyError`` with a "did you mean"."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    key = code_or_name.strip()
    for meta in catalogue.values():
        if key.upper() == meta.code or key.lower() == meta.name or key.lower() in meta.aliases:
            return meta
    words = [w for m in catalogue.values() for w in (m.code, m.name)]
    close = difflib.get_close_matches(key, words, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"unknown rule {code_or_name!r}{hint}")


def _shown(catalogue: Mapping[str, RuleMeta] | None, include_removed: bool
           ) -> list[RuleMeta]:
    metas = (catalogue if catalogue is not None else load_catalogue()).values()
    return [m for m in metas if include_removed or m.status != "removed"]


def rules_table(*, color: bool | None = None, include_removed: bool = False,
                catalogue: Mapping[str, RuleMeta] | None = None, width: int | None = None
                ) -> str:
    """All rules as a table (code, name, status, severity, languages, summary) at ``width``
    columns (default 120); narrower, one heading line per rule with the summary below."""
    width = width or 120
    metas = _shown(catalogue, include_removed)
    if width < _TABLE_MIN_WIDTH:
        return _rules_stacked(metas, width)
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    for column in ("code", "name", "status", "severity", "languages", "summary"):
        table.add_column(column, overflow="fold", no_wrap=column != "summary")
    for meta in metas:
        table.add_row(meta.code, meta.name, meta.status, meta.severity.label,
                      ",".join(meta.languages), meta.summary)
    buffer = io.StringIO()
    console = make_console(buffer, use_color(color), width)
    console.print(table)
    # NOTE: rich pads every cell to the column width; trailing blanks only upset diffs.
    return "".join(f"{line.rstrip()}\n" for line in buffer.getvalue().splitlines())


def _rules_stacked(metas: list[RuleMeta], width: int) -> str:
    lines: list[str] = []
    for meta in metas:
        status = "" if meta.status == "stable" else f" [{meta.status}]"
        lines.append(f"{meta.code:<7} {meta.severity.label:<8} {','.join(meta.languages):<6} "
                     f"{meta.name}{status}")
        lines += textwrap.wrap(meta.summary, max(28, width - 1), initial_indent=" " * 8,
                               subsequent_indent=" " * 8, break_on_hyphens=False)
    return "".join(f"{line}\n" for line in lines)


def rules_json(*, include_removed: bool = False,
               catalogue: Mapping[str, RuleMeta] | None = None) -> str:
    """The catalogue as JSON: one object per rule; ``house`` is true for ``extend-rules``."""
    own = load_catalogue()
    data: list[dict[str, Any]] = [
        {"code": m.code, "name": m.name, "status": m.status, "severity": m.severity.label,
         "confidence": m.confidence.value, "languages": list(m.languages),
         "groups": list(m.groups), "summary": m.summary, "aliases": list(m.aliases),
         "options": {k: v for k, v in m.options.items()}, "house": m.code not in own}
        for m in _shown(catalogue, include_removed)]
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def rules_markdown() -> str:
    """The rule catalogue as a Markdown table (README.md carries it; a test keeps it current)."""
    lines = ["| code | name | severity | languages | status | what it finds |",
             "| --- | --- | --- | --- | --- | --- |"]
    for meta in load_catalogue().values():
        if meta.status == "removed":
            continue
        summary = meta.summary.replace("|", "\\|")
        lines.append(f"| {meta.code} | {meta.name} | {meta.severity.label} | "
                     f"{', '.join(meta.languages)} | {meta.status} | {summary} |")
    return "\n".join(lines) + "\n"


def _fill(text: str) -> str:
    # NOTE: never split "ru-standard" or "JD2-prefix" at the hyphen.
    return textwrap.fill(" ".join(text.split()), 92, break_on_hyphens=False)


def _block(title: str, text: str) -> list[str]:
    return [f"{title}:", textwrap.indent(text.rstrip(), "    "), ""]


def rule_doc(code: str, lang: str = "en",
             catalogue: Mapping[str, RuleMeta] | None = None) -> str:
    """Plain-text documentation of one rule: summary, message, why, bad, good, legal basis."""
    meta = find_rule(code, catalogue)
    lines = [f"{meta.code} {meta.name}",
             f"status {meta.status}, severity {meta.severity.label}, confidence "
             f"{meta.confidence.value}, languages {', '.join(meta.languages)}, "
             f"groups {', '.join(meta.groups)}",
             "", meta.summary, ""]
    lines += _block(f"Message ({lang})", meta.message_for(lang))
    lines += _block("Why", _fill(meta.docs.why))
    lines += _block("Flagged", meta.docs.bad)
    lines += _block("Not flagged", meta.docs.good)
    if meta.docs.not_flagged:
        lines += _block("Also not flagged", _fill(meta.docs.not_flagged))
    if meta.suggestion:
        lines += _block("Suggestion", meta.suggestion.get(lang) or meta.suggestion["en"])
    if meta.option_specs:
        lines += _block("Options ([tool.jdlint.rules." + meta.code + "])",
                        "\n".join(_option_line(o) for o in meta.option_specs.values()))
    jurisdictions = [lang] if lang in meta.legal_basis else list(meta.legal_basis)
    for jurisdiction in jurisdictions:
        refs = []
        for ref in meta.legal_basis[jurisdiction]:
            valid = ""
            if ref.valid_from or ref.valid_to:
                valid = (f" [{ref.valid_from.isoformat() if ref.valid_from else '…'} – "
                         f"{ref.valid_to.isoformat() if ref.valid_to else '…'}]")
            refs.append(f"- {ref.cite}{valid}" + (f"\n  {ref.url}" if ref.url else ""))
        lines += _block(f"Legal basis ({jurisdiction})", "\n".join(refs))
    return "\n".join(lines).rstrip() + "\n"


def _option_line(option: Option) -> str:
    """``name (type, default X, min 1): description`` of one user option."""
    default = json.dumps(option.default, ensure_ascii=False)
    facts = [option.type, f"default {default}"]
    facts += [f"{key} {value:g}" for key, value in (("min", option.min), ("max", option.max))
              if value is not None]
    if option.choices:
        facts.append("one of " + ", ".join(option.choices))
    head = f"{option.name} ({', '.join(facts)})"
    return head + "\n" + textwrap.indent(_fill(option.description), "  ")
