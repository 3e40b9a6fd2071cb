"""JUnit XML output (``--output-format junit``), read by CI servers (GitLab, Jenkins, Azure).

One ``testsuite`` per file (``tests``/``failures`` = its findings), one failed ``testcase``
per finding (``name`` the rule code, ``classname`` the path, the message and location in the
failure), and one passing test case for a file without findings, so a clean run is visible as
passed tests rather than as nothing. A file that could not be read is an ``error``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from jdlint.core.results import FileResult
from jdlint.output.concise import location

__all__ = ["render"]

# NOTE: characters XML 1.0 cannot carry at all (not even escaped); a message quoting a broken
# document must not make the report unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(results: Sequence[FileResult]) -> str:
    """The JUnit report as text (UTF-8 XML declaration)."""
    root = ET.Element("testsuites", name="jdlint")
    total = failures = errors = 0
    for result in results:
        path = _clean(result.display_path)
        suite = ET.SubElement(root, "testsuite", name=path)
        if result.error is not None:
            case = ET.SubElement(suite, "testcase", name="JD001", classname=path)
            ET.SubElement(case, "error", message=_clean(result.error), type="JD001")
            suite.set("tests", "1")
            suite.set("failures", "0")
            suite.set("errors", "1")
            total += 1
            errors += 1
            continue
        for finding in result.findings:
            case = ET.SubElement(suite, "testcase", name=finding.code, classname=path)
            clause = f" [{finding.clause}]" if finding.clause else ""
            message = _clean(" ".join(finding.message.split()))
            failure = ET.SubElement(case, "failure", message=message,
                                    type=finding.severity.label)
            failure.text = f"{path}:{location(finding)}:{clause} {finding.code} {message}"
        if not result.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=path)
        count = max(1, len(result.findings))
        suite.set("tests", str(count))
        suite.set("failures", str(len(result.findings)))
        suite.set("errors", "0")
        total += count
        failures += len(result.findings)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"
