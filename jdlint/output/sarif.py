"""SARIF 2.1.0 output for code-scanning tools (GitHub, GitLab, Azure DevOps).

Rule descriptors come from the rule catalogue (every rule jdlint knows in this run, house rules
included), not from the findings: short and full description, help text with the bad and good
example, legal basis and default level. Each result carries ``partialFingerprints`` (the
finding's fingerprint, stable under renumbering and reflow), the clause path as a logical
location, and a region: for TXT the 1-based line, for DOCX the 1-based paragraph number as
``startLine`` (a Word file has no meaningful lines; ``properties.paragraph`` says so too), with
columns from the offsets inside that line or paragraph.

Each rule descriptor has a ``helpUri``: the official text of the first law the rule applies
(what a lawyer opens), or, for a rule without a legal basis, its YAML definition as a
``file:`` URI (house rules: the team's own file). Findings removed by a waiver are kept as
results with a ``suppressions`` entry (kind ``external``, status ``accepted``, the waiver's
reason as justification, author and expiry as properties), so code-scanning tools show them as
dismissed instead of losing them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from jdlint import __version__
from jdlint.catalogue.ruledata import RuleMeta, load_catalogue
from jdlint.core.model import Finding, Severity
from jdlint.core.results import FileResult
from jdlint.readers.formats import mime_type

if TYPE_CHECKING:
    from jdlint.settings.waivers import Waiver

__all__ = ["FINGERPRINT_KEY", "SCHEMA_URI", "Suppressed", "render", "to_sarif"]

Suppressed = tuple[str, Finding, "Waiver"]

SCHEMA_URI: Final = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY: Final = "jdlintFingerprint/v1"
_LEVEL: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    pure = PurePath(path)
    # NOTE: the file system's bytes, percent-encoded: a name that is not valid UTF-8 (kept by
    # Python as surrogate escapes) still becomes a valid URI ("bad%FF.txt") instead of an error.
    encoded = quote(os.fsencode(pure.as_posix()))
    return "file://" + encoded if pure.is_absolute() else encoded


def _legal(meta: RuleMeta) -> list[dict[str, Any]]:
    return [{"jurisdiction": lang, "cite": ref.cite, "url": ref.url}
            for lang, refs in sorted(meta.legal_basis.items()) for ref in refs]


def _help(meta: RuleMeta) -> dict[str, str]:
    legal = "; ".join(f"{ref['cite']} ({ref['jurisdiction']})" for ref in _legal(meta))
    parts = [meta.docs.why.strip(), f"Bad: {meta.docs.bad.strip()}",
             f"Good: {meta.docs.good.strip()}"]
    if legal:
        parts.append(f"Legal basis: {legal}")
    parts.append(f"More: jdlint rule {meta.code}")
    md = [meta.docs.why.strip(), "", "**Bad**", "", "```", meta.docs.bad.strip(), "```", "",
          "**Good**", "", "```", meta.docs.good.strip(), "```"]
    if legal:
        md += ["", f"**Legal basis:** {legal}"]
    return {"text": "\n\n".join(parts), "markdown": "\n".join(md)}


def _help_uri(meta: RuleMeta) -> str | None:
    for _, refs in sorted(meta.legal_basis.items()):
        for ref in refs:
            if ref.url and ref.url.startswith(("https://", "http://")):
                return ref.url
    if meta.path is not None:
        return meta.path.resolve().as_uri()
    return None


def _descriptor(meta: RuleMeta) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": meta.summary},
        "fullDescription": {"text": " ".join(meta.docs.why.split())},
        "help": _help(meta),
        "defaultConfiguration": {"level": _LEVEL[meta.severity],
                                 "enabled": meta.status in ("stable", "deprecated")},
        "properties": {"tags": list(meta.groups), "status": meta.status,
                       "languages": list(meta.languages), "legalBasis": _legal(meta),
                       "precision": {"high": "high", "medium": "medium",
                                     "low": "low"}[meta.confidence.value]},
    }
    uri = _help_uri(meta)
    if uri is not None:
        out["helpUri"] = uri
    return out


def _suppression(waiver: Waiver) -> dict[str, Any]:
    return {"kind": "external", "status": "accepted", "justification": waiver.reason,
            "properties": {"author": waiver.author, "expires": waiver.expires.isoformat(),
                           "waiver": waiver.number}}


def _region(finding: Finding) -> dict[str, Any]:
    source = finding.source
    line = source.line or source.paragraph or source.block + 1
    region: dict[str, Any] = {"startLine": line, "startColumn": source.start + 1}
    if source.end is not None and source.end > source.start:
        region["endLine"] = line
        region["endColumn"] = source.end + 1
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    props: dict[str, Any] = {}
    if source.paragraph is not None:
        props["paragraph"] = source.paragraph
    if source.cell is not None:
        props["cell"] = list(source.cell)
    if source.note is not None:
        # NOTE: the region is the paragraph holding the note's mark; the note names itself
        props["note"] = {"kind": source.note[0], "number": source.note[1]}
    if props:
        region["properties"] = props
    return region


def _result(path: str, finding: Finding, index: int) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": _uri(path)},
                             "region": _region(finding)},
    }
    if finding.clause:
        section = finding.section.value if finding.section else None
        location["logicalLocations"] = [{
            "name": finding.clause,
            "fullyQualifiedName": f"{section}/{finding.clause}" if section else finding.clause,
            "kind": "element",
        }]
    props: dict[str, Any] = {"confidence": finding.confidence.value, "name": finding.name,
                             "clause": finding.clause,
                             "section": finding.section.value if finding.section else None,
                             "legalBasis": [{"cite": r.cite, "url": r.url}
                                            for r in finding.legal_basis]}
    if finding.suggestion is not None:
        props["suggestion"] = finding.suggestion.text
    return {"ruleId": finding.code, "ruleIndex": index, "level": _LEVEL[finding.severity],
            "message": {"text": " ".join(finding.message.split())},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
            "properties": props}


def to_sarif(results: Sequence[FileResult],
             catalogue: Mapping[str, RuleMeta] | None = None,
             suppressed: Sequence[Suppressed] = ()) -> dict[str, Any]:
    """The SARIF log as plain data: one run, one artifact per file; ``suppressed`` are the
    waived findings (path, finding, waiver)."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    metas = [m for m in catalogue.values() if m.status != "removed"]
    index = {meta.code: i for i, meta in enumerate(metas)}
    out: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    for result in results:
        artifact: dict[str, Any] = {"location": {"uri": _uri(result.display_path)}}
        if result.format is not None:
            artifact["mimeType"] = mime_type(result.format)
        artifacts.append(artifact)
        if result.error is not None:
            out.append({"ruleId": "JD001", "ruleIndex": index.get("JD001", -1),
                        "level": "error", "message": {"text": result.error},
                        "locations": [{"physicalLocation": {
                            "artifactLocation": {"uri": _uri(result.display_path)}}}]})
            continue
        for finding in result.findings:
            out.append(_result(result.display_path, finding, index.get(finding.code, -1)))
    for path, finding, waiver in suppressed:
        item = _result(path, finding, index.get(finding.code, -1))
        item["suppressions"] = [_suppression(waiver)]
        out.append(item)
    for item in out:
        if item.get("ruleIndex") == -1:
            del item["ruleIndex"]  # NOTE: a code outside the catalogue (should not happen)
    run = {"tool": {"driver": {"name": "jdlint", "version": __version__,
                               "semanticVersion": __version__,
                               "rules": [_descriptor(m) for m in metas]}},
           "artifacts": artifacts,
           "results": out,
           "columnKind": "unicodeCodePoints",
           "invocations": [{"executionSuccessful": True}]}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: Sequence[FileResult],
           catalogue: Mapping[str, RuleMeta] | None = None,
           suppressed: Sequence[Suppressed] = ()) -> str:
    """SARIF JSON text (UTF-8, letters not escaped)."""
    return json.dumps(to_sarif(results, catalogue, suppressed), ensure_ascii=False,
                      indent=2) + "\n"
