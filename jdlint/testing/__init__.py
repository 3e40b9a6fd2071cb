"""Tools for rule authors and tests: the rule-case harness (``cases``, ``skeletons``),
``jdlint new-rule`` (``newrule``), and building DOCX files at test time (``docxbuild``).

The DOCX builders are imported on first use: the CLI registers ``new-rule`` from this package
at start-up, and a plain ``jdlint check`` must not pay for python-docx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jdlint.testing.docxbuild import P, Table, build_docx, text_to_docx

__all__ = ["P", "Table", "build_docx", "text_to_docx"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from jdlint.testing import docxbuild

        return getattr(docxbuild, name)
    raise AttributeError(f"module 'jdlint.testing' has no attribute {name!r}")
