"""JSON Lines output (``--output-format json-lines``): one JSON object per finding per line,
the finding's fields of the JSON format plus ``path``; a file that could not be read is one
line with ``code`` JD001. Made for streaming into log tools (``jq -c``, Loki, BigQuery)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from jdlint.core.results import FileResult
from jdlint.output.json import finding_to_dict

__all__ = ["render"]


def render(results: Sequence[FileResult]) -> str:
    """One line per finding, in file order."""
    lines: list[str] = []
    for result in results:
        if result.error is not None:
            record = {"path": result.display_path, "code": "JD001", "severity": "error",
                      "message": result.error}
            lines.append(json.dumps(record, ensure_ascii=False))
            continue
        for finding in result.findings:
            lines.append(json.dumps({"path": result.display_path, **finding_to_dict(finding)},
                                    ensure_ascii=False))
    return "".join(f"{line}\n" for line in lines)
